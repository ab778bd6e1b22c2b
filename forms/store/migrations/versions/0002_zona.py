"""Every stored moment keeps the office's time zone it was received in (UU KIP deadlines are
counted in the office's dates: WIB, WITA or WIT).

The moments themselves stay UTC instants; rows written before this revision were written
by a relay that knew no zone, so they are marked UTC.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("records", "events"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("zona", sa.String(40), nullable=False, server_default="UTC"))


def downgrade() -> None:
    for table in ("records", "events"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("zona")
