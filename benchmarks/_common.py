"""What the benchmarks share: the repository on sys.path, and a server started as `ppid
relay` runs it (uvicorn, one worker) on a free loopback port, waited for until it listens.

The port and the desk's sign-in are the tests' own (tests/support.py), so a bench and the
tests never drift apart on how the relay is reached.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import free_port, sign_in  # noqa: E402

__all__ = ["ROOT", "UVICORN", "free_port", "serve", "sign_in"]

UVICORN = [sys.executable, "-m", "uvicorn", "--log-level", "warning", "--no-access-log"]


def serve(
    cmd: list[str], port: int, env: dict[str, str], log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start `cmd` (listening on `port`) from the repository and return once it accepts a
    connection; exit with its errors (from `log`, when given) if it stops or never does."""
    err = log.open("wb") if log is not None else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
    finally:
        if log is not None:
            err.close()  # type: ignore[union-attr]
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    proc.kill()
    why = log.read_text(errors="replace") if log is not None else ""
    sys.exit(f"server tidak mulai: {' '.join(cmd)}\n{why}".rstrip())
