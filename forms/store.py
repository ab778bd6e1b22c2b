"""Storage: SQLAlchemy Core tables, portable SQL (SQLite by default, PostgreSQL the same code).

Every write is one transaction; on SQLite it starts with BEGIN IMMEDIATE (writers queue
instead of failing half-way) and commits with synchronous=FULL in WAL mode, so a record the
relay acknowledged survives the process being killed right after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

metadata = sa.MetaData()

counters = sa.Table(
    "counters", metadata,
    sa.Column("jenis", sa.String(20), primary_key=True),
    sa.Column("tahun", sa.Integer, primary_key=True),
    sa.Column("terakhir", sa.Integer, nullable=False),
)

records = sa.Table(
    "records", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nomor", sa.String(60), nullable=False, unique=True),
    sa.Column("jenis", sa.String(20), nullable=False),  # permohonan | keberatan
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

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
    sa.Column("jenis", sa.String(40), nullable=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("isi", sa.JSON, nullable=False),
)

uploads = sa.Table(
    "uploads", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
    sa.Column("field", sa.String(60), nullable=False),
    sa.Column("stored_name", sa.String(100), nullable=False, unique=True),
    sa.Column("content_type", sa.String(60), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _begin)
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite files get their folder, WAL and durable commits."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _begin)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (Alembic, run programmatically)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def transaction(engine: Engine) -> Any:
    """A write transaction (context manager yielding a Connection)."""
    return engine.begin()


def one(conn: Connection, query: Any) -> Any:
    """The single row of a query, or None."""
    return conn.execute(query).mappings().first()
