"""An acknowledged submission survives the relay being killed right after (SIGKILL under load)."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from .test_app import PERMOHONAN

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_every_acknowledged_submission_is_stored(tmp_path: Path) -> None:
    port = _port()
    db = tmp_path / "ppid.sqlite3"
    env = {**os.environ, "PPID_DATABASE_URL": f"sqlite:///{db}", "PPID_SECRET": "uji",
           "PPID_UPLOAD_DIR": str(tmp_path / "unggahan"), "PPID_RATE_PER_MINUTE": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "relay", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/f/permohonan"
    try:
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/status", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        acknowledged: list[str] = []
        lock = threading.Lock()
        stop = threading.Event()

        def worker() -> None:
            with httpx.Client(timeout=5) as client:
                while not stop.is_set():
                    try:
                        r = client.post(url, json=PERMOHONAN,
                                        headers={"Accept": "application/json"})
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
            proc.send_signal(signal.SIGKILL)  # mid-load, no shutdown of any kind
            proc.wait(timeout=10)
            stop.set()
            for f in futures:
                f.result()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert len(acknowledged) >= 60
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        stored = set(conn.execute(sa.text("SELECT nomor FROM records")).scalars())
    engine.dispose()
    assert set(acknowledged) <= stored
    assert len(set(acknowledged)) == len(acknowledged)  # numbers are never reused
