"""Storage on a real SQLite file and a real PostgreSQL database: durable commits,
migrations, hidden passwords, and the two ways of writing a filing (SQLAlchemy's, on both
databases, and the writer thread's, SQLite's own fast path) storing the same rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

from forms.store import tables as store
from tests.conftest import NewDatabase
from tests.postgres import DATABASES
from tests.support import another_writer

WHEN = datetime(2026, 11, 20, 2, 15, 30, 123456, tzinfo=UTC)  # 09.15 WIB


def _engine(url: str) -> Engine:
    engine = store.make_engine(url)
    store.migrate(engine)
    return engine


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database of each kind."""
    engine = _engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite file, for what only SQLite has (pragmas, BEGIN IMMEDIATE, the
    writer thread's DBAPI path)."""
    engine = _engine(f"sqlite:///{tmp_path / 'ppid.sqlite3'}")
    yield engine
    engine.dispose()


def _record(nomor: str, urut: int, **over: Any) -> tuple[Any, ...]:
    """A records row in RECORD_COLUMNS order."""
    values = {
        "nomor": nomor,
        "jenis": "permohonan",
        "tahun": 2026,
        "urut": urut,
        "induk_id": None,
        "judul": "Salinan DIPA 2026",
        "data": {
            "nama": "Siti Aminah",
            "alamat": "Jl. Mawar 1, Kabupaten Contoh",
            "lampiran": ["KTP", "surat kuasa"],
            "jumlah": 2,
        },
        "status": "diterima",
        "label": ["belum lengkap"],
        "petugas": None,
        "saluran": "daring",
        "diterima": date(2026, 11, 20),
        "kode_hash": "ab" * 32,
        "dibuat": WHEN,
        "zona": "Asia/Jakarta",
        "kantor": "",
        **over,
    }
    return tuple(values[c] for c in store.RECORD_COLUMNS)


def _event(record_id: int, jenis: str = "diterima", **isi: Any) -> tuple[Any, ...]:
    return (
        record_id,
        jenis,
        "pemohon",
        WHEN,
        date(2026, 11, 20),
        isi or {"saluran": "daring"},
        "Asia/Jakarta",
    )


def _upload(record_id: int, name: str) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "field": "dokumen_identitas",
        "stored_name": name,
        "content_type": "application/pdf",
        "size": 1234,
        "sha256": "cd" * 32,
    }


@contextmanager
def _via_connection(engine: Engine) -> Iterator[store.Writes]:
    with store.transaction(engine) as conn:
        yield store.ConnectionWrites(conn)


@contextmanager
def _via_sqlite(engine: Engine) -> Iterator[store.Writes]:
    writes = store.SQLiteWrites(engine)
    try:
        with writes.transaction():
            yield writes
    finally:
        writes.close()


@contextmanager
def _via_postgresql(engine: Engine) -> Iterator[store.Writes]:
    writes = store.PostgresWrites(engine)
    with writes.transaction():
        yield writes


WAYS = {"connection": _via_connection, "sqlite": _via_sqlite, "postgresql": _via_postgresql}
FAST = {"sqlite": "sqlite", "postgresql": "postgresql"}  # the writer's own way, by database
REFUSED = (sa.exc.IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError)


# (way, database): SQLAlchemy's path on each database, and the writer's own fast path of each
WRITE_PATHS = [("connection", kind) for kind in DATABASES] + [(FAST[k], k) for k in DATABASES]


class Writing:
    """Committed write transactions through one `Writes` on one database."""

    def __init__(self, way: str, engine: Engine) -> None:
        self.way = WAYS[way]
        self.engine = engine

    def __call__(self) -> AbstractContextManager[store.Writes]:
        return self.way(self.engine)


@pytest.fixture(params=WRITE_PATHS, ids=["-".join(p) for p in WRITE_PATHS])
def open_writes(request: pytest.FixtureRequest, new_database: NewDatabase) -> Iterator[Writing]:
    """A committed write transaction through one of the `Writes` (`.engine`: its database)."""
    way, kind = request.param
    engine = _engine(new_database(kind))
    yield Writing(way, engine)
    engine.dispose()


def _rows(engine: Engine, table: sa.Table) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [
            dict(r)
            for r in conn.execute(
                sa.select(table).order_by(table.c[table.primary_key.columns.keys()[0]])
            ).mappings()
        ]


# --- the engine ----------------------------------------------------------------------------


def test_a_sqlite_file_gets_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ppid" / "ppid.sqlite3"
    engine = store.make_engine(f"sqlite:///{path}")
    assert path.parent.is_dir()
    store.migrate(engine)
    engine.dispose()
    assert path.is_file()


def test_sqlite_commits_are_durable(sqlite_engine: Engine) -> None:
    # SQLite only: its pragmas (PostgreSQL's commits are durable by the server's own settings)
    with sqlite_engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # 2 = FULL
        "foreign_keys": 1,
        "busy_timeout": 10000,
    }


def test_a_write_transaction_holds_the_write_lock_from_its_start(
    tmp_path: Path, sqlite_engine: Engine
) -> None:
    # SQLite only: BEGIN IMMEDIATE (PostgreSQL locks rows, and its writers do not queue on
    # the file; test_a_held_lock_is_a_refusal_not_a_hang is its counterpart)
    engine = sqlite_engine
    other = sqlite3.connect(tmp_path / "ppid.sqlite3", timeout=0, isolation_level=None)
    try:
        with store.transaction(engine):
            # no statement yet, and already the only writer: a second one waits for it
            # instead of failing half-way through its own inserts
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
            # readers are never blocked (WAL)
            assert other.execute("SELECT count(*) FROM records").fetchone() == (0,)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_held_lock_is_a_refusal_not_a_hang(database_url: str, engine: Engine) -> None:
    hurried = store.make_engine(database_url, timeout=0.3)  # the same wait, shorter than 10 s
    try:
        with another_writer(database_url):
            with (
                pytest.raises(sa.exc.OperationalError) as caught,
                store.transaction(hurried) as conn,
            ):
                store.ConnectionWrites(conn).add_counter("", "permohonan", 2026, 1)
            said = store.reason(caught.value)
            assert "\n" not in said and "lock" in said, said
        with store.transaction(hurried) as conn:  # the lock gone, the same write goes through
            store.ConnectionWrites(conn).add_counter("", "permohonan", 2026, 1)
    finally:
        hurried.dispose()
    assert _rows(engine, store.counters) == [
        {"kantor": "", "jenis": "permohonan", "tahun": 2026, "terakhir": 1}
    ]


def test_a_database_waits_for_a_lock_ten_seconds(engine: Engine) -> None:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        else:
            assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "10s"


def test_an_event_must_belong_to_a_record(engine: Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), store.transaction(engine) as conn:
        conn.execute(store.INSERT_EVENT, dict(zip(store.EVENT_COLUMNS, _event(99), strict=True)))
    assert _rows(engine, store.events) == []


def test_an_error_never_shows_the_requesters_data(engine: Engine) -> None:
    with store.transaction(engine) as conn:
        store.ConnectionWrites(conn).add_records([_record("0001/PPID/XI/2026", 1)])
    with pytest.raises(sa.exc.IntegrityError) as caught, store.transaction(engine) as conn:
        store.ConnectionWrites(conn).add_records(
            [_record("0002/PPID/XI/2026", 1, data={"nama": "Zulkarnaen"})]
        )
    said = str(caught.value)
    assert ("UNIQUE" in said or "unique" in said) and "Zulkarnaen" not in said


def test_one_gives_the_row_or_none(engine: Engine) -> None:
    with store.transaction(engine) as conn:
        store.ConnectionWrites(conn).add_records([_record("0001/PPID/XI/2026", 1)])
    with engine.connect() as conn:
        row = store.one(
            conn, sa.select(store.records).where(store.records.c.nomor == "0001/PPID/XI/2026")
        )
        assert row["judul"] == "Salinan DIPA 2026" and row["urut"] == 1
        assert (
            store.one(
                conn, sa.select(store.records).where(store.records.c.nomor == "0002/PPID/XI/2026")
            )
            is None
        )


# --- migrations ----------------------------------------------------------------------------


def test_migrate_creates_the_schema_on_a_fresh_database(engine: Engine) -> None:
    tables = set(sa.inspect(engine).get_table_names())
    assert tables == {
        *("alembic_version", "counters", "records", "events", "uploads"),
        # the staff desk's (forms/desk/)
        *("pengguna", "sesi", "upaya_masuk", "undangan", "pengaturan", "audit"),
        *("catatan_internal", "draf", "indeks"),
        "batas",  # the rate limits shared by the relay's workers (forms/store/batas.py)
    }
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0006"


def test_records_written_before_the_contoh_column_are_real(database_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = store.make_engine(database_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    with engine.begin() as conn:  # a relay of the release before 0004
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    row = dict(zip(store.RECORD_COLUMNS, _record("0001/PPID/XI/2026", 1), strict=True))
    del row["kantor"]  # the column of migration 0005
    with store.transaction(engine) as conn:
        conn.execute(store.records.insert(), row)
    store.migrate(engine)
    try:
        assert [(r["nomor"], r["contoh"]) for r in _rows(engine, store.records)] == [
            ("0001/PPID/XI/2026", False)
        ]
    finally:
        engine.dispose()


def test_an_office_install_keeps_its_numbers_when_offices_arrive(tmp_path: Path) -> None:
    """Migration 0005: what a single-office relay wrote is the office '' of the new key;
    its year's numbering goes on from where it stood."""
    from alembic import command
    from alembic.config import Config

    engine = store.make_engine(f"sqlite:///{tmp_path / 'lama.sqlite3'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    with engine.begin() as conn:  # a relay of the release before 0005
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO counters (jenis, tahun, terakhir) VALUES ('permohonan', 2026, 7)"
        )
    store.migrate(engine)
    try:
        assert _rows(engine, store.counters) == [
            {"kantor": "", "jenis": "permohonan", "tahun": 2026, "terakhir": 7}
        ]
        with _via_connection(engine) as db:
            db.add_records([_record("0008/PPID/XI/2026", 8)])
            assert db.bump_counter("", "permohonan", 2026, 1) == 8
        assert [r["kantor"] for r in _rows(engine, store.records)] == [""]
    finally:
        engine.dispose()


def test_the_migrated_schema_is_the_one_the_code_uses(engine: Engine) -> None:
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), store.metadata) == []


def test_migrate_again_keeps_every_record(database_url: str, engine: Engine) -> None:
    with _via_connection(engine) as db:
        [rid] = db.add_records([_record("0001/PPID/XI/2026", 1)])
        db.add_counter("", "permohonan", 2026, 1)
    engine.dispose()
    again = _engine(database_url)  # the relay restarted on the same database
    try:
        assert [r["nomor"] for r in _rows(again, store.records)] == ["0001/PPID/XI/2026"]
        assert _rows(again, store.counters) == [
            {"kantor": "", "jenis": "permohonan", "tahun": 2026, "terakhir": 1}
        ]
        with again.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
        with _via_connection(again) as db:
            assert db.parent("0001/PPID/XI/2026", "") == (rid, "permohonan")
    finally:
        again.dispose()


# --- the URL as it may be shown --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://ppid:rahasia@db.example:5432/ppid",
            "postgresql+psycopg://ppid:***@db.example:5432/ppid",
        ),
        ("postgresql://ppid:p%40ss%3Aword@127.0.0.1/ppid", "postgresql://ppid:***@127.0.0.1/ppid"),
        ("postgresql://ppid@db.example/ppid", "postgresql://ppid@db.example/ppid"),
        ("sqlite:////var/lib/ppid/ppid.sqlite3", "sqlite:////var/lib/ppid/ppid.sqlite3"),
        ("bukan-url", None),
        ("", None),
    ],
)
def test_shown_url_hides_the_password(url: str, shown: str | None) -> None:
    assert store.shown_url(url) == shown


# --- the filing's writes, both ways ----------------------------------------------------------


def test_the_yearly_counter(open_writes: Writing) -> None:
    with open_writes() as db:
        assert db.bump_counter("", "permohonan", 2026, 1) is None  # no number taken yet this year
        db.add_counter("", "permohonan", 2026, 3)
    with open_writes() as db:
        assert db.bump_counter("", "permohonan", 2026, 2) == 5
        assert db.bump_counter("", "permohonan", 2027, 1) is None
        assert db.bump_counter("", "keberatan", 2026, 1) is None
    assert _rows(open_writes.engine, store.counters) == [
        {"kantor": "", "jenis": "permohonan", "tahun": 2026, "terakhir": 5}
    ]


def test_a_year_has_one_counter(open_writes: Writing) -> None:
    with open_writes() as db:
        db.add_counter("", "permohonan", 2026, 1)
    with pytest.raises(REFUSED), open_writes() as db:
        db.add_counter("", "permohonan", 2026, 1)
    assert _rows(open_writes.engine, store.counters)[0]["terakhir"] == 1


def test_records_events_and_uploads(open_writes: Writing) -> None:
    with open_writes() as db:
        ids = db.add_records([_record("0001/PPID/XI/2026", 1), _record("0002/PPID/XI/2026", 2)])
        db.add_events(
            [
                _event(ids[0]),
                _event(ids[1]),
                _event(ids[1], "diminta_melengkapi", alasan="KTP belum ada"),
            ]
        )
        db.add_uploads([_upload(ids[1], "a1b2.pdf")])
    assert ids == [1, 2]
    with open_writes() as db:
        assert db.parent("0002/PPID/XI/2026", "") == (2, "permohonan")
        assert db.parent("0003/PPID/XI/2026", "") is None
        [keb] = db.add_records(
            [_record("0001/KEB/XII/2026", 1, jenis="keberatan", induk_id=ids[1])]
        )
    assert keb == 3
    assert [(e["record_id"], e["jenis"]) for e in _rows(open_writes.engine, store.events)] == [
        (1, "diterima"),
        (2, "diterima"),
        (2, "diminta_melengkapi"),
    ]
    [upload] = _rows(open_writes.engine, store.uploads)
    assert upload == {"id": 1, **_upload(2, "a1b2.pdf")}


def test_an_upload_name_is_never_reused(open_writes: Writing) -> None:
    with open_writes() as db:
        [rid] = db.add_records([_record("0001/PPID/XI/2026", 1)])
        db.add_uploads([_upload(rid, "a1b2.pdf")])
    with pytest.raises(REFUSED), open_writes() as db:
        db.add_uploads([_upload(rid, "a1b2.pdf")])
    assert len(_rows(open_writes.engine, store.uploads)) == 1


def test_a_failed_transaction_stores_nothing(open_writes: Writing) -> None:
    with pytest.raises(RuntimeError), open_writes() as db:
        db.add_records([_record("0001/PPID/XI/2026", 1)])
        db.add_counter("", "permohonan", 2026, 1)
        raise RuntimeError("jawaban tidak terkirim")
    assert (
        _rows(open_writes.engine, store.records) == []
        and _rows(open_writes.engine, store.counters) == []
    )
    with open_writes() as db:  # and the next one works (its id: PostgreSQL's sequence
        # skips the one rolled back; the number, from the counters, does not)
        [rid] = db.add_records([_record("0001/PPID/XI/2026", 1)])
    assert [(r["id"], r["nomor"]) for r in _rows(open_writes.engine, store.records)] == [
        (rid, "0001/PPID/XI/2026")
    ]


@pytest.mark.parametrize("database", DATABASES)
def test_both_ways_store_the_same_rows(new_database: NewDatabase, database: str) -> None:
    # SQLAlchemy's path and the writer's own fast path of the same database
    ways = {"connection": _via_connection, "fast": WAYS[FAST[database]]}
    engines = {way: _engine(new_database(database)) for way in ways}
    try:
        for way, engine in engines.items():
            with ways[way](engine) as db:
                ids = db.add_records(
                    [
                        _record("0001/PPID/XI/2026", 1),
                        _record(
                            "0002/PPID/XI/2026",
                            2,
                            label=[],
                            petugas="Andi",
                            data={
                                "nama": "Ni Luh Putu Ayu",
                                "catatan": "baris 1\nbaris 2",
                                "setuju": True,
                                "kosong": None,
                                "nested": {"a": [1, "b"]},
                            },
                            diterima=date(2026, 12, 31),
                            dibuat=datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC),
                        ),
                    ]
                )
                db.add_events([_event(ids[0]), _event(ids[1], "catatan", catatan="“kutip” é")])
                db.add_uploads([_upload(ids[1], "f00d.png")])
        for table in (store.records, store.events, store.uploads):
            assert _rows(engines["fast"], table) == _rows(engines["connection"], table)
        record = _rows(engines["fast"], store.records)[1]
        assert record["data"]["nested"] == {"a": [1, "b"]} and record["data"]["setuju"] is True
        assert record["diterima"] == date(2026, 12, 31)
        dibuat = record["dibuat"]  # SQLite gives it back naive (UTC), PostgreSQL aware
        dibuat = dibuat.replace(tzinfo=UTC) if dibuat.tzinfo is None else dibuat
        assert dibuat == datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC)
    finally:
        for engine in engines.values():
            engine.dispose()


def test_the_writer_thread_stores_a_large_batch(sqlite_engine: Engine) -> None:
    engine = sqlite_engine  # SQLite only: the writer thread's own path
    rows = [_record(f"{i:04d}/PPID/XI/2026", i) for i in range(1, 601)]  # past one statement
    with _via_sqlite(engine) as db:
        ids = db.add_records(rows)
        db.add_events([_event(rid) for rid in ids])
    assert ids == list(range(1, 601))
    stored = _rows(engine, store.records)
    assert [r["nomor"] for r in stored] == [row[0] for row in rows]
    assert len(_rows(engine, store.events)) == 600
