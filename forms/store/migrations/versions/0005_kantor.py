"""Many offices on one deployment: records, counters and desk accounts carry their office.

`kantor` is the office's kode from the registry (PPID_KANTOR_FILE), or '' for the one
office of a single-office install, so every record written before keeps working as it was.
Numbers run per office, kind and year: the counters' key and the records' sequence
constraint gain `kantor`. A desk account belongs to one office (`pengguna.kantor`), and a
province's or KPU RI's account may be given read-only monitoring of the offices below it
(`pengguna.pantau`).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _counters(name: str, with_kantor: bool) -> None:
    columns = (
        [sa.Column("kantor", sa.String(20), primary_key=True, server_default="")]
        if with_kantor
        else []
    )
    op.create_table(
        name,
        *columns,
        sa.Column("jenis", sa.String(20), primary_key=True),
        sa.Column("tahun", sa.Integer, primary_key=True),
        sa.Column("terakhir", sa.Integer, nullable=False),
    )


def upgrade() -> None:
    # the counters' key changes: a new table, the rows copied (a handful: one per kind and year)
    _counters("counters_baru", with_kantor=True)
    op.execute(
        "INSERT INTO counters_baru (kantor, jenis, tahun, terakhir) "
        "SELECT '', jenis, tahun, terakhir FROM counters"
    )
    op.drop_table("counters")
    op.rename_table("counters_baru", "counters")
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("kantor", sa.String(20), nullable=False, server_default=""))
        batch.drop_constraint("uq_records_jenis_tahun_urut", type_="unique")
        batch.create_unique_constraint(
            "uq_records_kantor_jenis_tahun_urut", ["kantor", "jenis", "tahun", "urut"]
        )
        batch.create_index("ix_records_kantor", ["kantor"])
    with op.batch_alter_table("pengguna") as batch:
        batch.add_column(sa.Column("kantor", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("pantau", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("pengguna") as batch:
        batch.drop_column("pantau")
        batch.drop_column("kantor")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_kantor")
        batch.drop_constraint("uq_records_kantor_jenis_tahun_urut", type_="unique")
        batch.create_unique_constraint("uq_records_jenis_tahun_urut", ["jenis", "tahun", "urut"])
        batch.drop_column("kantor")
    _counters("counters_lama", with_kantor=False)
    op.execute(
        "INSERT INTO counters_lama (jenis, tahun, terakhir) "
        "SELECT jenis, tahun, MAX(terakhir) FROM counters GROUP BY jenis, tahun"
    )
    op.drop_table("counters")
    op.rename_table("counters_lama", "counters")
