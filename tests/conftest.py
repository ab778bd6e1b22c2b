"""Shared fixtures: the small hand-written DIP, the demonstration office, a live relay, a
tracker over a fresh database: SQLite and a real PostgreSQL (tests/postgres.py), the same
tests on both (`database_url`); PPID_TEST_POSTGRES=0 leaves PostgreSQL out."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from forms.settings import Limits, Settings
from forms.store import tables as store
from forms.tracker import Tracker
from site_builder.calendar import WorkingCalendar
from site_builder.dip.loader import load
from site_builder.dip.model import Catalogue
from tests.postgres import DATABASES, Cluster
from tests.support import DATA, ROOT, TODAY, LiveRelay, run_relay

NewDatabase = Callable[[str], str]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """PPID_TEST_POSTGRES=0: the tests of PostgreSQL alone are skipped, saying why."""
    if "postgresql" in DATABASES:
        return
    skip = pytest.mark.skip(reason="PPID_TEST_POSTGRES=0: SQLite saja")
    for item in items:
        if "postgres_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """One PostgreSQL server for the session (a database per test). It fails, never skips,
    when PostgreSQL cannot start: the suite must run on both databases."""
    cluster = Cluster().start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewDatabase]:
    """Make fresh, empty databases of a kind ("sqlite" or "postgresql"); dropped at the end."""
    made: list[tuple[Cluster, str]] = []
    count = 0

    def make(kind: str) -> str:
        nonlocal count
        count += 1
        if kind == "sqlite":
            name = "ppid.sqlite3" if count == 1 else f"ppid-{count}.sqlite3"
            return f"sqlite:///{tmp_path / name}"
        cluster: Cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database()
        made.append((cluster, url))
        return url

    yield make
    for cluster, url in made:
        cluster.drop_database(url)


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, new_database: NewDatabase) -> str:
    """A fresh, empty database: a SQLite file, then a PostgreSQL database."""
    return new_database(request.param)


@pytest.fixture
def database_kind(database_url: str) -> str:
    """ "sqlite" or "postgresql": the kind of this test's `database_url`."""
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


@pytest.fixture
def mini_dip() -> Path:
    """The small valid DIP (5 entries, one draft, one with HTML and Markdown in its text)."""
    return DATA / "mini" / "dip"


@pytest.fixture
def mini_catalogue(mini_dip: Path) -> Catalogue:
    """The small DIP, loaded."""
    result = load(mini_dip, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    assert result.catalogue is not None
    return result.catalogue


@pytest.fixture
def dip_copy(tmp_path: Path, mini_dip: Path) -> Path:
    """A writable copy of the small DIP, for tests that break one file."""
    target = tmp_path / "dip"
    shutil.copytree(mini_dip, target)
    return target


@pytest.fixture
def relay_settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings for a relay in tmp_path (on each database), with a rate limit high enough
    for the tests."""
    return Settings(
        database_url=database_url,
        allowed_origins=("https://ppid-contoh.example.org",),
        upload_dir=tmp_path / "unggahan",
        secret="rahasia-uji",
        office_file=ROOT / "dip" / "badan-publik.yml",
        limits=Limits(
            body_bytes=2 * 1024 * 1024,
            file_bytes=512 * 1024,
            files=2,
            fields=30,
            field_chars=2000,
            per_minute=1000,
        ),
    )


@pytest.fixture
def relay(relay_settings: Settings) -> Iterator[LiveRelay]:
    """A running relay."""
    yield from run_relay(relay_settings)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    """An HTTP client that does not follow redirects by itself."""
    with httpx.Client(timeout=20) as c:
        yield c


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The demonstration DIP: the office profile letters and reports are made for."""
    result = load(ROOT / "dip", today=date(2026, 11, 24))
    assert result.catalogue is not None
    return result.catalogue


@pytest.fixture
def tracker(database_url: str) -> Iterator[Tracker]:
    """A tracker over a fresh database (each kind), the national calendar, a fixed secret."""
    engine = store.make_engine(database_url)
    store.migrate(engine)
    yield Tracker(engine, WorkingCalendar(), "rahasia-uji")
    engine.dispose()
