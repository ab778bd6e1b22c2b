"""A real relay on loopback: uvicorn in a thread, a real SQLite file, a real upload folder."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from starlette.applications import Starlette

from forms import store
from forms.app import create_app
from forms.calendar import WorkingCalendar
from forms.settings import Limits, Settings
from forms.tracker import Tracker
from site_builder.loader import load
from site_builder.model import Catalogue

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LiveRelay:
    """The running relay and what it writes."""

    url: str
    settings: Settings
    app: Starlette

    def writer_pid(self) -> int | None:
        """The relay's writer process."""
        pid: int | None = self.app.state.relay.writer.pid
        return pid

    def count(self, table: str = "records") -> int:
        """Rows in a table of the relay's database."""
        engine = sa.create_engine(self.settings.database_url)
        try:
            with engine.connect() as conn:
                return int(conn.execute(sa.select(sa.func.count()).select_from(
                    store.metadata.tables[table])).scalar_one())
        finally:
            engine.dispose()

    def uploads(self) -> list[Path]:
        """Files in the upload folder."""
        folder = self.settings.upload_dir
        return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_relay(settings: Settings, site_dir: Path | None = None) -> Iterator[LiveRelay]:
    """Start the relay, yield it, stop it."""
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    settings = replace(settings, allowed_origins=(*settings.allowed_origins, origin))
    app = create_app(settings, site_dir)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.025)
    try:
        yield LiveRelay(origin, settings, app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def relay_settings(tmp_path: Path) -> Settings:
    """Settings for a relay in tmp_path, with a rate limit high enough for the tests."""
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'ppid.sqlite3'}",
        allowed_origins=("https://ppid-contoh.example.org",),
        upload_dir=tmp_path / "unggahan",
        secret="rahasia-uji",
        office_file=ROOT / "dip" / "badan-publik.yml",
        limits=Limits(body_bytes=2 * 1024 * 1024, file_bytes=512 * 1024, files=2,
                      fields=30, field_chars=2000, per_minute=1000),
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
def tracker(tmp_path: Path) -> Tracker:
    """A tracker over a fresh SQLite file, the national calendar, a fixed secret."""
    engine = store.make_engine(f"sqlite:///{tmp_path / 'ppid.sqlite3'}")
    store.migrate(engine)
    return Tracker(engine, WorkingCalendar(), "rahasia-uji")
