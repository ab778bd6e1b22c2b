"""The rate limits shared by the relay's workers (`batas`): requests per client per minute,
one row per kind, client (an HMAC of its address, never the address) and minute.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batas",
        sa.Column("jenis", sa.String(20), primary_key=True),
        sa.Column("kunci", sa.String(64), primary_key=True),
        sa.Column("jendela", sa.Integer, primary_key=True),
        sa.Column("jumlah", sa.Integer, nullable=False),
    )
    op.create_index("ix_batas_jendela", "batas", ["jendela"])


def downgrade() -> None:
    op.drop_index("ix_batas_jendela", table_name="batas")
    op.drop_table("batas")
