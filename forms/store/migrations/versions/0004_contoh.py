"""Demonstration records are marked (`records.contoh`), so the register can say so and
`ppid permohonan contoh --hapus` can remove them; every record written before is real.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite rebuilds the table, PostgreSQL alters it in place
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("contoh", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_column("contoh")
