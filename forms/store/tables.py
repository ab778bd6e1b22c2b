"""Storage: SQLAlchemy Core tables, portable SQL (SQLite by default, PostgreSQL the same code).

Every write is one transaction; on SQLite it starts with BEGIN IMMEDIATE (writers queue
instead of failing half-way) and commits with synchronous=FULL in WAL mode, so a record the
relay acknowledged survives the process being killed right after.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect, Engine

metadata = sa.MetaData()

# `kantor` (migration 0005): the office's kode in a deployment of many (site_builder/kantor.py),
# '' for the one office of a single-office install. Numbers run per office, kind and year.
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("kantor", sa.String(20), primary_key=True, server_default=""),
    sa.Column("jenis", sa.String(20), primary_key=True),
    sa.Column("tahun", sa.Integer, primary_key=True),
    sa.Column("terakhir", sa.Integer, nullable=False),
)

records = sa.Table(
    "records",
    metadata,
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
    # the office's zone (Asia/Jakarta, ...): the moments are UTC instants, shown in this zone
    sa.Column("zona", sa.String(40), nullable=False, server_default="UTC"),
    # a demonstration record (forms/seed.py), removed by `ppid permohonan contoh --hapus`
    sa.Column("contoh", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("kantor", sa.String(20), nullable=False, server_default="", index=True),
    sa.UniqueConstraint(
        "kantor", "jenis", "tahun", "urut", name="uq_records_kantor_jenis_tahun_urut"
    ),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
    sa.Column("jenis", sa.String(40), nullable=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("isi", sa.JSON, nullable=False),
    sa.Column("zona", sa.String(40), nullable=False, server_default="UTC"),
)

uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
    sa.Column("field", sa.String(60), nullable=False),
    sa.Column("stored_name", sa.String(100), nullable=False, unique=True),
    sa.Column("content_type", sa.String(60), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
)


# The rate limits shared by every worker of the relay (forms/store/batas.py): requests per
# client per minute, counted in fixed windows (a minute each) and weighed into a sliding one.
batas = sa.Table(
    "batas",
    metadata,
    sa.Column("jenis", sa.String(20), primary_key=True),  # kiriman | status
    sa.Column("kunci", sa.String(64), primary_key=True),  # HMAC of the client's address
    sa.Column("jendela", sa.Integer, primary_key=True, index=True),  # minutes since 1970
    sa.Column("jumlah", sa.Integer, nullable=False),
)


# --- the staff desk (forms/desk/): accounts, sessions, audit, notes, drafts, list index ------
pengguna = sa.Table(
    "pengguna",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nama_pengguna", sa.String(60), nullable=False, unique=True),
    sa.Column("nama", sa.String(200), nullable=False),
    sa.Column("surel", sa.String(254), nullable=True),
    sa.Column("peran", sa.JSON, nullable=False),  # role codes of forms/data/peran.yml
    sa.Column("unit", sa.JSON, nullable=False),  # unit folders, for a pelaksana
    sa.Column("kata_sandi", sa.String(200), nullable=True),  # argon2id hash, never clear
    sa.Column("totp", sa.String(64), nullable=True),  # base32 secret once confirmed
    sa.Column("aktif", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("contoh", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("dibuat", sa.DateTime(timezone=True), nullable=False),
    # the office the account belongs to ('' in a single-office install), and whether it may
    # watch the offices below it read-only (a province's or KPU RI's PPID)
    sa.Column("kantor", sa.String(20), nullable=False, server_default=""),
    sa.Column("pantau", sa.Boolean, nullable=False, server_default=sa.false()),
)

sesi = sa.Table(
    "sesi",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the cookie's value
    sa.Column("pengguna_id", sa.Integer, sa.ForeignKey("pengguna.id"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("tahap", sa.String(20), nullable=False),  # masuk | kode (TOTP still to give)
    sa.Column("dibuat", sa.DateTime(timezone=True), nullable=False),
    sa.Column("terakhir", sa.DateTime(timezone=True), nullable=False),
    sa.Column("alamat", sa.String(64), nullable=False),
)

upaya_masuk = sa.Table(
    "upaya_masuk",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nama_pengguna", sa.String(60), nullable=False, index=True),
    sa.Column("alamat", sa.String(64), nullable=False, index=True),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("berhasil", sa.Boolean, nullable=False),
)

undangan = sa.Table(
    "undangan",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the link's token
    sa.Column("pengguna_id", sa.Integer, sa.ForeignKey("pengguna.id"), nullable=False),
    sa.Column("berlaku_sampai", sa.DateTime(timezone=True), nullable=False),
    sa.Column("dipakai", sa.DateTime(timezone=True), nullable=True),
)

pengaturan = sa.Table(
    "pengaturan",
    metadata,
    sa.Column("kunci", sa.String(60), primary_key=True),
    sa.Column("nilai", sa.JSON, nullable=False),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("pengguna", sa.String(60), nullable=False),
    sa.Column("alamat", sa.String(64), nullable=False),
    sa.Column("tindakan", sa.String(60), nullable=False),
    sa.Column("sasaran", sa.String(100), nullable=False),
    sa.Column("isi", sa.JSON, nullable=False),
)

catatan_internal = sa.Table(
    "catatan_internal",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
    sa.Column("pengguna", sa.String(60), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("isi", sa.Text, nullable=False),
)

draf = sa.Table(
    "draf",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
    sa.Column("unit", sa.String(100), nullable=False),
    sa.Column("pengguna", sa.String(60), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("isi", sa.Text, nullable=False),
    sa.Column("lampiran", sa.JSON, nullable=False),  # stored uploads, as `uploads` rows
    sa.Column("status", sa.String(20), nullable=False),  # diajukan | disetujui | dikembalikan
    sa.Column("catatan", sa.Text, nullable=True),  # the PPID's note when sent back
)

# One row per record: what the desk's lists filter and sort on without reading timelines.
# Kept by forms/desk/index.py from the timeline (events only ever grow).
indeks = sa.Table(
    "indeks",
    metadata,
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), primary_key=True),
    sa.Column("tenggat", sa.Date, nullable=False),
    sa.Column("diputuskan", sa.Date, nullable=True),
    sa.Column("unit", sa.String(100), nullable=True),
    sa.Column("cari", sa.Text, nullable=False),  # lower-case text searched by the list
)


def _sqlite_pragmas(timeout: float, durable: bool) -> Callable[[Any, Any], None]:
    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _begin)
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: every commit is fsynced; NORMAL (the rate limits' counts): WAL without it
        cur.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        cur.close()

    return pragmas


def _begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def changes(conn: Connection) -> tuple[int, int | None]:
    """How far the timeline has come (events counted, the newest id): every change to the
    records adds an event, so this moves exactly when something published may have."""
    count, newest = conn.execute(sa.select(sa.func.count(), sa.func.max(events.c.id))).one()
    return int(count), newest


def shown_url(url: str) -> str | None:
    """The database URL as it may be shown (password hidden), or None if it is no URL."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return None


def reason(exc: BaseException) -> str:
    """What a database error says, on one line: the driver's own exception (not SQLAlchemy's
    wrapper, which repeats the statement) and its message, folded (psycopg's span lines)."""
    found = getattr(exc, "orig", None) or exc
    said = " ".join(str(found).split())
    return f"{type(found).__name__}: {said}" if said else type(found).__name__


def locked_out(exc: BaseException) -> bool:
    """Whether a database error is a wait for another's lock that ran out (the engine's
    `timeout`): every other write of the moment would wait as long."""
    found = getattr(exc, "orig", None) or exc
    if getattr(found, "sqlstate", None) in ("55P03", "57014"):  # lock_not_available, canceled
        return True
    return "database is locked" in str(found) or "database is busy" in str(found)


DB_TIMEOUT = 10.0  # seconds: PPID_DB_TIMEOUT's default
POOL_SIZE = 5  # PPID_DB_POOL_SIZE's default
_MIGRATION_LOCK = 0x70706964  # "ppid": the advisory lock migrations run under on PostgreSQL


def make_engine(
    url: str, *, timeout: float = DB_TIMEOUT, pool_size: int = POOL_SIZE, durable: bool = True
) -> Engine:
    """An engine for the URL; SQLite files get their folder, WAL and durable commits.

    `timeout` bounds every wait on the database: for a lock (SQLite's busy_timeout,
    PostgreSQL's lock_timeout), for a connection from the pool and for the server to accept
    one, so a database that is locked, full of connections or gone is an error within it,
    never a request that hangs. PostgreSQL connections are pinged when taken from the pool
    (a restarted server's dead connections are replaced, not handed out). `durable=False`
    (the shared rate limits' counts, nothing a requester was promised) commits without
    waiting for the disk."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error message never carries a requester's data into a log
    options: dict[str, Any] = {"future": True, "hide_parameters": True}
    name = sa.engine.make_url(url).get_backend_name()
    if name == "postgresql":
        server = [f"-c lock_timeout={int(timeout * 1000)}"]
        if not durable:
            server.append("-c synchronous_commit=off")
        options.update(
            pool_pre_ping=True,
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_timeout=timeout,
            connect_args={"connect_timeout": max(1, round(timeout)), "options": " ".join(server)},
        )
    engine = sa.create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas(timeout, durable))
        sa.event.listen(engine, "begin", _begin)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (Alembic, run programmatically). Several
    relay workers (or commands) starting at once migrate one after the other: on SQLite
    the transaction's BEGIN IMMEDIATE serialises them, on PostgreSQL an advisory lock
    held until its commit; whoever comes second finds the schema new and does nothing."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # a migration may wait and lock for long
            conn.execute(sa.text("SET LOCAL lock_timeout = 0"))
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def setting(conn: Connection, kunci: str) -> Any:
    """A value of the `pengaturan` table (the desk's settings and markers), or None."""
    return conn.execute(sa.select(pengaturan.c.nilai).where(pengaturan.c.kunci == kunci)).scalar()


def set_setting(conn: Connection, kunci: str, nilai: Any) -> None:
    """Replace a value of the `pengaturan` table (inside the caller's transaction)."""
    conn.execute(sa.delete(pengaturan).where(pengaturan.c.kunci == kunci))
    conn.execute(pengaturan.insert().values(kunci=kunci, nilai=nilai))


def transaction(engine: Engine) -> Any:
    """A write transaction (context manager yielding a Connection)."""
    return engine.begin()


def one(conn: Connection, query: Any) -> Any:
    """The single row of a query, or None."""
    return conn.execute(query).mappings().first()


# --- the filing's inserts ------------------------------------------------------------------
# Rows of a filing travel as tuples in these column orders (the tables' own order).
RECORD_COLUMNS = (
    "nomor",
    "jenis",
    "tahun",
    "urut",
    "induk_id",
    "judul",
    "data",
    "status",
    "label",
    "petugas",
    "saluran",
    "diterima",
    "kode_hash",
    "dibuat",
    "zona",
    "kantor",
)
EVENT_COLUMNS = ("record_id", "jenis", "oleh", "waktu", "tanggal", "isi", "zona")
UPLOAD_COLUMNS = ("record_id", "field", "stored_name", "content_type", "size", "sha256")

# Constant statements with separate parameters: SQLAlchemy compiles them once.
INSERT_RECORDS = records.insert().returning(records.c.id, sort_by_parameter_order=True)
INSERT_EVENT = events.insert()
# The same with RETURNING, so SQLAlchemy sends a batch's events as multi-row INSERTs
# ("insertmanyvalues") rather than a statement per row, which on PostgreSQL keeps the
# transaction, and the year's counter row it locked, open while they stream.
INSERT_EVENTS = events.insert().returning(events.c.id)
BUMP_COUNTER = (
    sa.update(counters)
    .where(
        counters.c.kantor == sa.bindparam("k"),
        counters.c.jenis == sa.bindparam("j"),
        counters.c.tahun == sa.bindparam("t"),
    )
    .values(terakhir=counters.c.terakhir + sa.bindparam("n"))
    .returning(counters.c.terakhir)
)
FIND_PARENT = sa.select(records.c.id, records.c.jenis).where(
    records.c.nomor == sa.bindparam("nomor"), records.c.kantor == sa.bindparam("kantor")
)


def upsert(table: sa.Table, dialect: str) -> Any:
    """The dialect's INSERT, which has ON CONFLICT (PostgreSQL and SQLite alike)."""
    from sqlalchemy.dialects import postgresql, sqlite

    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise ValueError(f"basis data {dialect} tidak didukung")


@functools.cache
def open_counter_statement(dialect: str) -> Any:
    """The year's counter row at 0, unless it is there already: `INSERT ... ON CONFLICT DO
    NOTHING` (PostgreSQL and SQLite alike). Two writers that both find no row for the year
    both run it; the second waits for the first's transaction and then inserts nothing, so
    both go on to the UPDATE, which locks the one row: numbers stay unique and gapless."""
    return (
        upsert(counters, dialect)
        .values(
            kantor=sa.bindparam("k"),
            jenis=sa.bindparam("j"),
            tahun=sa.bindparam("t"),
            terakhir=sa.literal_column("0"),
        )
        .on_conflict_do_nothing(index_elements=["kantor", "jenis", "tahun"])
    )


def take_numbers(db: Writes, kantor: str, jenis: str, tahun: int, n: int) -> int:
    """Take n consecutive numbers of the office's sequence of the year inside db's
    transaction; the last.

    The UPDATE locks the counter row until commit, so concurrent writers (the writer
    processes of several relay workers on PostgreSQL) queue on it and never share a number;
    the year's first number opens the row with `open_counter` first (see
    `open_counter_statement`), so two first-of-year writers never both insert it."""
    last = db.bump_counter(kantor, jenis, tahun, n)
    if last is None:
        db.open_counter(kantor, jenis, tahun)
        last = db.bump_counter(kantor, jenis, tahun, n)
        if last is None:  # pragma: no cover - the row was opened in this transaction
            raise RuntimeError(f"counter {kantor} {jenis} {tahun} missing after it was opened")
    return last


class Writes(Protocol):
    """The few statements a filing needs, inside a transaction someone else commits."""

    def parent(self, nomor: str, kantor: str) -> tuple[int, str] | None:
        """Id and kind of the office's record with that number."""

    def bump_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> int | None:
        """Add n to the office's counter of the year; its new value, or None when it has no
        row yet."""

    def add_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> None:
        """The office's counter row of the year, starting at n (an error if it is there)."""

    def open_counter(self, kantor: str, jenis: str, tahun: int) -> None:
        """The office's counter row of the year at 0, unless another transaction made it
        first."""

    def add_records(self, rows: Sequence[tuple[Any, ...]]) -> list[int]:
        """Insert records (RECORD_COLUMNS order); their ids, in the rows' order."""

    def add_events(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert events (EVENT_COLUMNS order)."""

    def add_uploads(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert upload rows."""


class ConnectionWrites:
    """`Writes` on a SQLAlchemy connection: any database, the CLI's and the fallback's path."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def parent(self, nomor: str, kantor: str) -> tuple[int, str] | None:
        row = self.conn.execute(FIND_PARENT, {"nomor": nomor, "kantor": kantor}).first()
        return (int(row[0]), str(row[1])) if row is not None else None

    def bump_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> int | None:
        last = self.conn.execute(
            BUMP_COUNTER, {"k": kantor, "j": jenis, "t": tahun, "n": n}
        ).scalar()
        return None if last is None else int(last)

    def add_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> None:
        self.conn.execute(
            counters.insert(), {"kantor": kantor, "jenis": jenis, "tahun": tahun, "terakhir": n}
        )

    def open_counter(self, kantor: str, jenis: str, tahun: int) -> None:
        stmt = open_counter_statement(self.conn.dialect.name)
        self.conn.execute(stmt, {"k": kantor, "j": jenis, "t": tahun})

    def add_records(self, rows: Sequence[tuple[Any, ...]]) -> list[int]:
        params = [dict(zip(RECORD_COLUMNS, row, strict=True)) for row in rows]
        return [int(i) for i in self.conn.execute(INSERT_RECORDS, params).scalars().all()]

    def add_events(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.conn.execute(
            INSERT_EVENTS, [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in rows]
        )

    def add_uploads(self, rows: Sequence[dict[str, Any]]) -> None:
        self.conn.execute(uploads.insert(), list(rows))


Processor = Callable[[Any], Any]


class _Statement:
    """A statement compiled by SQLAlchemy for the dialect, its parameters in `params` order."""

    def __init__(self, stmt: Any, dialect: Dialect, params: Sequence[str]) -> None:
        compiled = stmt.compile(dialect=dialect, column_keys=list(params))
        if list(compiled.positiontup or ()) != list(params):
            raise RuntimeError(f"parameter order of {compiled} is {compiled.positiontup}")
        self.sql = str(compiled)


def _strings(value: Any) -> Any:
    """A key that determines the JSON of a small list or dict of strings exactly, or None."""
    kind = type(value)
    if (kind is not list and kind is not dict) or len(value) > 4:
        return None
    if kind is list:
        for v in value:
            if type(v) is not str:
                return None
        return (list, *value)
    if kind is dict:
        for k, v in value.items():
            if type(k) is not str or type(v) is not str:
                return None
        return (dict, *value.items())
    return None


class _Rows:
    """INSERT of many rows into a table as one statement (`INSERT ... VALUES (...), (...)`),
    with the values converted by the dialect's own bind processors, so they are stored
    exactly as SQLAlchemy would store them. SQLAlchemy compiles the statement; the one for
    n rows repeats its VALUES group n times, as SQLAlchemy's own "insertmanyvalues" does
    (checked against SQLAlchemy's compilation of two rows when the table is set up)."""

    CHUNK = 256  # rows per statement: far below SQLite's limit on parameters

    def __init__(self, table: sa.Table, dialect: Dialect, columns: Sequence[str]) -> None:
        self.columns = tuple(columns)
        self.procs: list[tuple[int, Processor, bool]] = []
        for i, name in enumerate(columns):
            kind = table.c[name].type
            proc = kind.dialect_impl(dialect).bind_processor(dialect)
            if proc is not None:  # dates are the same for a whole batch: convert them once
                self.procs.append((i, proc, isinstance(kind, sa.Date | sa.DateTime)))
        one, two = (self._compile(table, dialect, n) for n in (1, 2))
        head, sep, group = one.rpartition(" VALUES ")
        if not sep or two != f"{one}, {group}":
            raise RuntimeError(f"unexpected multi-row INSERT for {table.name}: {two}")
        self._head, self._group = head + sep, group
        self._sql: dict[int, str] = {}

    def _compile(self, table: sa.Table, dialect: Dialect, n: int) -> str:
        names = [[f"{c}_{i}" for c in self.columns] for i in range(n)]
        compiled = (
            table.insert()
            .values(
                [
                    {c: sa.bindparam(b) for c, b in zip(self.columns, row, strict=True)}
                    for row in names
                ]
            )
            .compile(dialect=dialect)
        )
        if list(compiled.positiontup or ()) != [b for row in names for b in row]:
            raise RuntimeError(f"parameter order of {compiled} is {compiled.positiontup}")
        return str(compiled)

    def sql(self, n: int) -> str:
        """The statement for n rows."""
        found = self._sql.get(n)
        if found is None:
            found = self._sql[n] = self._head + ", ".join([self._group] * n)
        return found

    def params(self, rows: Sequence[Sequence[Any]]) -> list[Any]:
        """The rows' values, converted and flattened in the statement's order."""
        out: list[Any] = []
        last: dict[int, tuple[Any, Any]] = {}
        small: dict[tuple[int, Any], Any] = {}
        for row in rows:
            values = list(row)
            for i, proc, scalar in self.procs:
                value = values[i]
                if scalar:  # dates: converted once per batch (the same for most rows)
                    seen = last.get(i)
                    if seen is not None and (
                        seen[0] is value
                        or (type(value) is date and type(seen[0]) is date and seen[0] == value)
                    ):
                        values[i] = seen[1]
                        continue
                    last[i] = (value, proc(value))
                    values[i] = last[i][1]
                    continue
                key = _strings(value)
                if key is None:
                    values[i] = proc(value)
                    continue
                found = small.get((i, key))  # labels and event details repeat in a batch
                if found is None:
                    found = small[(i, key)] = proc(value)
                values[i] = found
            out += values
        return out

    def insert(self, cursor: Any, rows: Sequence[Sequence[Any]]) -> None:
        """One statement per CHUNK rows (one step of SQLite each)."""
        for start in range(0, len(rows), self.CHUNK):
            chunk = rows[start : start + self.CHUNK]
            cursor.execute(self.sql(len(chunk)), self.params(chunk))


class SQLiteWrites:
    """`Writes` on one DBAPI connection of a SQLite engine, for the relay's writer thread.

    The SQL is SQLAlchemy's, compiled from the tables above (values converted by the
    dialect's own bind processors, so rows read back exactly as if SQLAlchemy had written
    them); what is skipped is the per-batch statement machinery, and the GIL: sqlite3
    gives the GIL up around every step of every statement, and each time the writer thread
    must then wait for the event loop to give it back, so a batch runs a handful of
    statements whatever its size (one multi-row INSERT per table; the ids are taken after
    the largest one, as SQLite itself would, which is safe under BEGIN IMMEDIATE: no other
    writer runs until COMMIT). The connection comes from the engine's pool, so it has WAL
    and synchronous=FULL: each commit is one fsync. Use it from the thread that opened it.
    """

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "sqlite":
            raise ValueError("SQLiteWrites is for SQLite engines only")
        dialect = engine.dialect
        self._fairy = engine.raw_connection()
        self._dbapi: Any = self._fairy.driver_connection
        assert self._dbapi is not None
        self._cur = self._dbapi.cursor()
        self._records = _Rows(records, dialect, ("id", *RECORD_COLUMNS))
        self._events = _Rows(events, dialect, EVENT_COLUMNS)
        self._uploads = _Rows(uploads, dialect, UPLOAD_COLUMNS)
        self._last_id = _Statement(sa.select(sa.func.max(records.c.id)), dialect, ()).sql
        self._counter = _Statement(
            counters.insert(), dialect, ("kantor", "jenis", "tahun", "terakhir")
        ).sql
        self._bump = _Statement(BUMP_COUNTER, dialect, ("n", "k", "j", "t")).sql
        self._open = _Statement(open_counter_statement("sqlite"), dialect, ("k", "j", "t")).sql
        self._parent = _Statement(FIND_PARENT, dialect, ("nomor", "kantor")).sql

    @contextmanager
    def transaction(self) -> Iterator[SQLiteWrites]:
        """BEGIN IMMEDIATE ... COMMIT (durable on return), or ROLLBACK on any error."""
        self._cur.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self._cur.execute("COMMIT")
        except BaseException:
            if self._dbapi.in_transaction:
                self._cur.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Give the connection back to the engine's pool."""
        self._cur.close()
        self._fairy.close()

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        rows = self._cur.execute(sql, params).fetchall()  # finished, not left pending
        return rows[0] if rows else None

    def parent(self, nomor: str, kantor: str) -> tuple[int, str] | None:
        row = self._one(self._parent, (nomor, kantor))
        return (int(row[0]), str(row[1])) if row is not None else None

    def bump_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> int | None:
        row = self._one(self._bump, (n, kantor, jenis, tahun))
        return None if row is None else int(row[0])

    def add_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> None:
        self._cur.execute(self._counter, (kantor, jenis, tahun, n))

    def open_counter(self, kantor: str, jenis: str, tahun: int) -> None:
        self._cur.execute(self._open, (kantor, jenis, tahun))

    def add_records(self, rows: Sequence[tuple[Any, ...]]) -> list[int]:
        first = int(self._one(self._last_id, ())[0] or 0) + 1
        ids = list(range(first, first + len(rows)))
        self._records.insert(self._cur, [(i, *row) for i, row in zip(ids, rows, strict=True)])
        return ids

    def add_events(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self._events.insert(self._cur, rows)

    def add_uploads(self, rows: Sequence[dict[str, Any]]) -> None:
        self._uploads.insert(self._cur, [[row[c] for c in UPLOAD_COLUMNS] for row in rows])


def _json_value(value: Any) -> str:
    """A date or a moment as PostgreSQL reads it from JSON text (ISO 8601, with offset)."""
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class _JsonRows:
    """PostgreSQL's INSERT of many rows as one short statement with one parameter: the rows
    as one JSON array, `INSERT INTO t (a, b) SELECT a, b FROM json_populate_recordset(NULL::t,
    %s)`, each value read by the server as its column's type (the JSON columns' values
    stored as the JSON they are). json.dumps encodes the whole batch in C, where psycopg
    would convert each row's values in Python; one statement text for every batch."""

    def __init__(self, table: sa.Table, columns: Sequence[str]) -> None:
        self.columns = tuple(columns)
        names = ", ".join(self.columns)
        self.sql = (
            f"INSERT INTO {table.name} ({names}) "
            f"SELECT {names} FROM json_populate_recordset(NULL::{table.name}, %s::json)"
        )

    def insert(self, cursor: Any, rows: Sequence[Sequence[Any]]) -> None:
        """All the rows, one statement."""
        if not rows:
            return
        cols = self.columns
        doc = json.dumps([dict(zip(cols, row, strict=True)) for row in rows], default=_json_value)
        cursor.execute(self.sql, (doc,))


class PostgresWrites:
    """`Writes` on the psycopg connection of a PostgreSQL engine, for the relay's writer.

    The counter's, parent's and ids' SQL is SQLAlchemy's, compiled once with positional
    parameters; each table's rows go as one JSON document (`_JsonRows`). What is skipped is
    SQLAlchemy's per-statement machinery, which cost the writer about as much as the rest
    of a batch. A transaction runs in psycopg's pipeline mode: the records' ids are taken
    (nextval, no lock) in the counter UPDATE's round trip, and the INSERTs and COMMIT, whose
    answers nobody waits for, go out together, so the year's counter row, locked from its
    UPDATE to COMMIT, is held for one round trip, the rows' encoding and the commit's fsync.
    Each transaction takes its connection from the engine's pool (pinged, lock_timeout set)
    and gives it back, as `engine.begin()` does; an error rolls back, and a connection the
    error broke is not given back.
    """

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("PostgresWrites is for PostgreSQL engines only")
        self._engine = engine
        dialect = engine.dialect
        # the same dialect compiling with %s placeholders, in the parameters' order
        compiling: Dialect = type(dialect)(paramstyle="format")  # type: ignore[call-arg]
        self._records = _JsonRows(records, ("id", *RECORD_COLUMNS))
        self._events = _JsonRows(events, EVENT_COLUMNS)
        self._uploads = _JsonRows(uploads, UPLOAD_COLUMNS)
        # ids taken from the table's own sequence, as its INSERTs would take them
        self._ids = (
            "SELECT nextval(pg_get_serial_sequence('records', 'id')) FROM generate_series(1, %s)"
        )
        self._counter = _Statement(
            counters.insert(), compiling, ("kantor", "jenis", "tahun", "terakhir")
        ).sql
        self._bump = _Statement(BUMP_COUNTER, compiling, ("n", "k", "j", "t")).sql
        self._open = _Statement(
            open_counter_statement("postgresql"), compiling, ("k", "j", "t")
        ).sql
        self._parent = _Statement(FIND_PARENT, compiling, ("nomor", "kantor")).sql
        self._cur: Any = None
        self._spare: list[int] = []  # ids taken with the numbers, for the records

    @contextmanager
    def transaction(self) -> Iterator[PostgresWrites]:
        """One transaction in pipeline mode, committed (durable) on return, or rolled back
        on any error."""
        fairy = self._engine.raw_connection()
        conn: Any = fairy.driver_connection
        try:
            with conn.pipeline(), conn.cursor() as cur:
                self._cur, self._spare = cur, []
                yield self
                conn.commit()  # sent with what is queued; returns once it is durable
        except BaseException:
            # out of the pipeline (which has taken the rest of its answers): roll back
            usable = not (conn.closed or conn.broken)
            if usable:
                try:
                    conn.rollback()
                except Exception:
                    usable = False
            if not usable:  # never given back broken, or in a transaction
                fairy.invalidate()
            raise
        finally:
            self._cur = None
            fairy.close()

    def close(self) -> None:
        """Nothing held between transactions."""

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        return self._cur.execute(sql, params).fetchone()  # waits for this result only

    def parent(self, nomor: str, kantor: str) -> tuple[int, str] | None:
        row = self._one(self._parent, (nomor, kantor))
        return (int(row[0]), str(row[1])) if row is not None else None

    def bump_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> int | None:
        # the n records' ids in the same round trip (nextval: no lock), so none is needed
        # while the counter row is locked
        with self._cur.connection.cursor() as ids:
            ids.execute(self._ids, (n,))  # queued: both answers come in one round trip
            row = self._one(self._bump, (n, kantor, jenis, tahun))
            taken = ids.fetchall()
        # kept even when the year has no row yet: the records then take the lowest ids,
        # as SQLAlchemy's INSERTs would (the retry's own ids are left over, unused)
        self._spare += sorted(int(r[0]) for r in taken)
        return int(row[0]) if row is not None else None

    def add_counter(self, kantor: str, jenis: str, tahun: int, n: int) -> None:
        self._cur.execute(self._counter, (kantor, jenis, tahun, n))

    def open_counter(self, kantor: str, jenis: str, tahun: int) -> None:
        self._cur.execute(self._open, (kantor, jenis, tahun))

    def add_records(self, rows: Sequence[tuple[Any, ...]]) -> list[int]:
        # the ids first (increasing in the rows' order, as SQLAlchemy's INSERT gives them),
        # so the INSERTs need no answer and go out with the rest at COMMIT
        if len(self._spare) < len(rows):
            self._cur.execute(self._ids, (len(rows) - len(self._spare),))
            self._spare += sorted(int(r[0]) for r in self._cur.fetchall())
        ids, self._spare = sorted(self._spare[: len(rows)]), self._spare[len(rows) :]
        self._records.insert(self._cur, [(i, *row) for i, row in zip(ids, rows, strict=True)])
        return ids

    def add_events(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self._events.insert(self._cur, rows)

    def add_uploads(self, rows: Sequence[dict[str, Any]]) -> None:
        self._uploads.insert(self._cur, [[row[c] for c in UPLOAD_COLUMNS] for row in rows])
