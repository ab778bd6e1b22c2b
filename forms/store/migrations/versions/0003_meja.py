"""The staff desk: accounts, server-side sessions, sign-in attempts, invitations, settings,
the audit log, internal notes, the unit's draft answers and the lists' index.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pengguna",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("nama_pengguna", sa.String(60), nullable=False, unique=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("surel", sa.String(254), nullable=True),
        sa.Column("peran", sa.JSON, nullable=False),
        sa.Column("unit", sa.JSON, nullable=False),
        sa.Column("kata_sandi", sa.String(200), nullable=True),
        sa.Column("totp", sa.String(64), nullable=True),
        sa.Column("aktif", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("contoh", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("dibuat", _NOW, nullable=False),
    )
    op.create_table(
        "sesi",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("pengguna_id", sa.Integer, sa.ForeignKey("pengguna.id"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("tahap", sa.String(20), nullable=False),
        sa.Column("dibuat", _NOW, nullable=False),
        sa.Column("terakhir", _NOW, nullable=False),
        sa.Column("alamat", sa.String(64), nullable=False),
    )
    op.create_table(
        "upaya_masuk",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("nama_pengguna", sa.String(60), nullable=False, index=True),
        sa.Column("alamat", sa.String(64), nullable=False, index=True),
        sa.Column("waktu", _NOW, nullable=False, index=True),
        sa.Column("berhasil", sa.Boolean, nullable=False),
    )
    op.create_table(
        "undangan",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("pengguna_id", sa.Integer, sa.ForeignKey("pengguna.id"), nullable=False),
        sa.Column("berlaku_sampai", _NOW, nullable=False),
        sa.Column("dipakai", _NOW, nullable=True),
    )
    op.create_table(
        "pengaturan",
        sa.Column("kunci", sa.String(60), primary_key=True),
        sa.Column("nilai", sa.JSON, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("waktu", _NOW, nullable=False, index=True),
        sa.Column("pengguna", sa.String(60), nullable=False),
        sa.Column("alamat", sa.String(64), nullable=False),
        sa.Column("tindakan", sa.String(60), nullable=False),
        sa.Column("sasaran", sa.String(100), nullable=False),
        sa.Column("isi", sa.JSON, nullable=False),
    )
    op.create_table(
        "catatan_internal",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
        sa.Column("pengguna", sa.String(60), nullable=False),
        sa.Column("waktu", _NOW, nullable=False),
        sa.Column("isi", sa.Text, nullable=False),
    )
    op.create_table(
        "draf",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("pengguna", sa.String(60), nullable=False),
        sa.Column("waktu", _NOW, nullable=False),
        sa.Column("isi", sa.Text, nullable=False),
        sa.Column("lampiran", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("catatan", sa.Text, nullable=True),
    )
    op.create_table(
        "indeks",
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), primary_key=True),
        sa.Column("tenggat", sa.Date, nullable=False),
        sa.Column("diputuskan", sa.Date, nullable=True),
        sa.Column("unit", sa.String(100), nullable=True),
        sa.Column("cari", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "indeks",
        "draf",
        "catatan_internal",
        "audit",
        "pengaturan",
        "undangan",
        "upaya_masuk",
        "sesi",
        "pengguna",
    ):
        op.drop_table(table)
