"""An acknowledged submission survives the relay being killed right after (SIGKILL under load),
and a stop (SIGTERM to the whole process group, as systemd sends it) under load loses none;
on SQLite and on PostgreSQL."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.support import PERMOHONAN

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(tmp_path: Path, db: str) -> tuple[subprocess.Popen[bytes], str, str]:
    port = _port()
    env = {
        **os.environ,
        "PPID_DATABASE_URL": db,
        "PPID_SECRET": "uji",
        "PPID_UPLOAD_DIR": str(tmp_path / "unggahan"),
        "PPID_RATE_PER_MINUTE": "0",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "ppid", "relay", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # its own process group, like a service
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/status", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.05)
    return proc, f"http://127.0.0.1:{port}/f/permohonan", db


def _under_load(url: str, stop_relay: Callable[[], None]) -> list[str]:
    """Six clients submit until the relay is gone; what it acknowledged."""
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def worker() -> None:
        with httpx.Client(timeout=5) as client:
            while not stop.is_set():
                try:
                    r = client.post(url, json=PERMOHONAN, headers={"Accept": "application/json"})
                except httpx.TransportError:
                    return  # the relay is gone: this one was never acknowledged
                if r.status_code == 200:
                    with lock:
                        acknowledged.append(r.json()["nomor"])

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(worker) for _ in range(6)]
        deadline = time.monotonic() + 20
        while len(acknowledged) < 60 and time.monotonic() < deadline:
            time.sleep(0.01)
        stop_relay()
        stop.set()
        for f in futures:
            f.result()
    return acknowledged


def _stored(db: str) -> set[str]:
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        stored = set(conn.execute(sa.text("SELECT nomor FROM records")).scalars())
    engine.dispose()
    return stored


def _writers_of(group: int) -> list[int]:
    """Processes still alive in the relay's process group (its writer, say)."""
    alive = []
    for proc in Path("/proc").iterdir():
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(proc.name))
    return alive


def test_every_acknowledged_submission_is_stored(tmp_path: Path, database_url: str) -> None:
    proc, url, db = _start(tmp_path, database_url)
    try:

        def kill() -> None:
            proc.send_signal(signal.SIGKILL)  # mid-load, no shutdown of any kind
            proc.wait(timeout=10)

        acknowledged = _under_load(url, kill)
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 10  # the orphaned writer ends once its pipe is closed
    while _writers_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _writers_of(proc.pid) == []
    assert len(acknowledged) >= 60
    assert set(acknowledged) <= _stored(db)
    assert len(set(acknowledged)) == len(acknowledged)  # numbers are never reused


def test_a_stop_under_load_keeps_every_acknowledged_submission(
    tmp_path: Path, database_url: str
) -> None:
    proc, url, db = _start(tmp_path, database_url)
    try:

        def stop() -> None:
            os.killpg(proc.pid, signal.SIGTERM)  # the relay and its writer, as systemd does
            # uvicorn shuts down gracefully, then ends by the signal it caught
            assert proc.wait(timeout=20) in (0, -signal.SIGTERM)

        acknowledged = _under_load(url, stop)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert len(acknowledged) >= 60
    assert set(acknowledged) <= _stored(db)
    assert _writers_of(proc.pid) == []  # the writer finished and ended with the relay
