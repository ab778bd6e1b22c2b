"""A real PostgreSQL server for the tests: Debian's binaries, a cluster of its own in a
temporary folder, on a free loopback port, never a server the machine happens to run.

`Cluster.start()` runs `initdb` (trust authentication, loopback only, fsync off: a test
cluster's durability is not under test, the relay's commits are; `Cluster(fsync=True)` for a
benchmark, where a commit must cost what it costs in production) and `pg_ctl start`. When
the tests run as root, PostgreSQL refuses to, so the cluster belongs to `nobody`. When the
binaries are missing and we are root with apt-get, `postgresql` is installed first, as the
browser suite installs Chromium.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

_DEBIAN = Path("/usr/lib/postgresql")

# The kinds of database every storage test runs on; PPID_TEST_POSTGRES=0 leaves one out.
DATABASES = ["sqlite"] + ([] if os.environ.get("PPID_TEST_POSTGRES") == "0" else ["postgresql"])


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries here, and none could be installed."""


def _bindir() -> Path | None:
    if _DEBIAN.is_dir():
        versions = sorted(
            (p for p in _DEBIAN.iterdir() if (p / "bin" / "initdb").is_file()),
            key=lambda p: int(p.name) if p.name.isdigit() else 0,
        )
        if versions:
            return versions[-1] / "bin"
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _install() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "postgresql"], check=False, env=env, capture_output=True
    )


def bindir() -> Path:
    """The folder of initdb, pg_ctl and postgres (installing Debian's package if need be)."""
    found = _bindir()
    if found is None:
        _install()
        found = _bindir()
    if found is None:
        raise PostgresMissing(
            "PostgreSQL tidak ada: pasang paket Debian 'postgresql' "
            "(sudo apt-get install postgresql), atau PPID_TEST_POSTGRES=0 untuk SQLite saja"
        )
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One PostgreSQL server in a temporary folder; databases made per test."""

    def __init__(self, max_connections: int = 200, fsync: bool = False) -> None:
        self.bin = bindir()
        self.port = _free_port()
        self.max_connections = max_connections
        self.fsync = fsync
        self.root = Path(tempfile.mkdtemp(prefix="ppid-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as_nobody = os.geteuid() == 0
        self._lock = threading.Lock()

    # --- processes ---------------------------------------------------------------------
    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        extra: dict[str, Any] = {}
        if self._as_nobody:
            extra = {"user": "nobody", "group": "nogroup", "extra_groups": []}
        return subprocess.run(
            list(args),
            check=check,
            capture_output=True,
            text=True,
            cwd=self.root,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
            **extra,
        )

    def start(self) -> Cluster:
        """initdb on first use, then start the server and wait until it answers."""
        if self._as_nobody:
            os.chown(self.root, 65534, 65534)
            self.root.chmod(0o700)
        if not self.data.exists():
            self._run(
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            )
            conf = (
                "listen_addresses = '127.0.0.1'\n"
                f"port = {self.port}\n"
                "unix_socket_directories = ''\n"
                f"max_connections = {self.max_connections}\n"
                + (
                    "fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n"
                    if self.fsync
                    else "fsync = off\nsynchronous_commit = on\nfull_page_writes = off\n"
                )
                + "shared_buffers = 32MB\n"
                # neither UTC nor the offices' WIB: a moment read back in the server's own
                # zone must still be the same instant, shown in the office's zone
                "timezone = 'Asia/Jayapura'\n"
            )
            with (self.data / "postgresql.conf").open("a", encoding="utf-8") as f:
                f.write(conf)
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "start"
        )
        self._wait()
        return self

    def _wait(self, seconds: float = 30.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                engine = sa.create_engine(self.url("postgres"))
                try:
                    with engine.connect() as conn:
                        conn.execute(sa.text("select 1"))
                    return
                finally:
                    engine.dispose()
            except (OSError, sa.exc.OperationalError):
                time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL tidak menjawab: {self.log.read_text(errors='replace')}")

    def stop(self, mode: str = "fast") -> None:
        """pg_ctl stop (mode fast: sessions ended, immediate: as if the machine lost power)."""
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False
        )

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    # --- databases ---------------------------------------------------------------------
    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; its SQLAlchemy URL."""
        name = name or "t_" + uuid.uuid4().hex[:16]
        engine = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with self._lock, engine.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = sa.engine.make_url(url).database
        engine = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            engine.dispose()


@contextlib.contextmanager
def hold_write_lock(url: str, table: str = "counters") -> Iterator[None]:
    """Keep `table` locked against writes (as a long staff transaction would) until the
    block ends: what waits on it must time out with a clear answer, not hang."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            tx = conn.begin()
            conn.execute(sa.text(f"LOCK TABLE {table} IN EXCLUSIVE MODE"))
            try:
                yield
            finally:
                tx.rollback()
    finally:
        engine.dispose()
