"""Records, their timeline, uploads and the yearly number counters.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("jenis", sa.String(20), primary_key=True),
        sa.Column("tahun", sa.Integer, primary_key=True),
        sa.Column("terakhir", sa.Integer, nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("nomor", sa.String(60), nullable=False, unique=True),
        sa.Column("jenis", sa.String(20), nullable=False),
        sa.Column("tahun", sa.Integer, nullable=False),
        sa.Column("urut", sa.Integer, nullable=False),
        sa.Column("induk_id", sa.Integer, sa.ForeignKey("records.id"), nullable=True),
        sa.Column("judul", sa.String(300), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("label", sa.JSON, nullable=False),
        sa.Column("petugas", sa.String(200), nullable=True),
        sa.Column("saluran", sa.String(20), nullable=False),
        sa.Column("diterima", sa.Date, nullable=False),
        sa.Column("kode_hash", sa.String(128), nullable=False),
        sa.Column("dibuat", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("jenis", "tahun", "urut", name="uq_records_jenis_tahun_urut"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False),
        sa.Column("jenis", sa.String(40), nullable=False),
        sa.Column("oleh", sa.String(200), nullable=False),
        sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tanggal", sa.Date, nullable=False),
        sa.Column("isi", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_record_id", "events", ["record_id"])
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("stored_name", sa.String(100), nullable=False, unique=True),
        sa.Column("content_type", sa.String(60), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )
    op.create_index("ix_uploads_record_id", "uploads", ["record_id"])


def downgrade() -> None:
    op.drop_table("uploads")
    op.drop_table("events")
    op.drop_table("records")
    op.drop_table("counters")
