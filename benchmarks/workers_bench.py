"""Workers benchmark: the relay with 1 and 2 uvicorn workers on PostgreSQL, each beside a bare
Starlette endpoint served with as many workers.

The database is a real PostgreSQL server of its own (tests/postgres.py) with fsync on, so an
acknowledged submission is as durable as in production; each worker has its own writer
process, and the two writers' transactions queue on the year's counter row. wrk (Debian
package `wrk`) drives both endpoints with the same body, closed loop; the bench prints
requests per second, p50 and p99, the relay/bare ratio and how many submissions each commit
carried. Target (issue 16): the relay keeps at least 0.6 of the bare endpoint's throughput
at 2 workers. On a machine with two cores the server, the client and PostgreSQL share them.

Usage: python benchmarks/workers_bench.py [seconds] [connections]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from benchmarks._common import ROOT, UVICORN, free_port, serve
from benchmarks.relay_bench import FORM, _load, _server, _wrk
from tests.postgres import Cluster

WORKERS = (1, 2)


def _measure(
    wrk: str, cmd: list[str], env: dict[str, str], seconds: int, connections: int, lua: Path
) -> dict[str, float]:
    port = free_port()
    proc = serve([*cmd, "--port", str(port)], port, env)
    url = f"http://127.0.0.1:{port}/f/permohonan"
    try:
        _load(wrk, url, 2, connections, lua)  # every worker started and warm
        return _load(wrk, url, seconds, connections, lua)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _commits(url: str) -> tuple[int, int]:
    """Records stored, and transactions (every record of one carries the same time)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT count(*) FROM records")).scalar_one()
            commits = conn.execute(sa.text("SELECT count(DISTINCT dibuat) FROM records")).scalar()
            return int(stored), int(commits or 0)
    finally:
        engine.dispose()


def main(seconds: int = 10, connections: int = 64) -> None:
    """Bare and relay at each worker count, one after the other; a table at the end."""
    wrk = _wrk()
    cluster = Cluster(fsync=True).start()
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="ppid-workers-bench-") as tmp:
            lua = Path(tmp) / "post.lua"
            lua.write_text(
                'wrk.method = "POST"\n'
                f'wrk.body = "{urllib.parse.urlencode(FORM)}"\n'
                'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                'wrk.headers["Accept"] = "application/json"\n'
            )
            for workers in WORKERS:
                database = cluster.create_database()
                env = {
                    **os.environ,
                    "PPID_DATABASE_URL": database,
                    "PPID_UPLOAD_DIR": f"{tmp}/unggahan",
                    "PPID_SECRET": "bench",
                    "PPID_RATE_PER_MINUTE": "0",
                    "PPID_WORKERS": str(workers),  # as `ppid relay --workers` sets it
                    "PYTHONPATH": str(ROOT),
                }
                many = [*UVICORN, "--workers", str(workers)]
                bare = _measure(
                    wrk, [*many, "benchmarks.bare_app:app"], env, seconds, connections, lua
                )
                relay = _measure(
                    wrk,
                    [*many, "--factory", "forms.http.app:create_app"],
                    env,
                    seconds,
                    connections,
                    lua,
                )
                stored, commits = _commits(database)
                rows.append((workers, bare, relay, stored, commits))
    finally:
        cluster.destroy()
    print(
        f"{'pekerja':>7} {'endpoint':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'non-2xx':>8} {'rasio':>6} {'per commit':>10}"
    )
    for workers, bare, relay, stored, commits in rows:
        ratio = relay["rps"] / bare["rps"]
        for label, r, extra in (
            ("Starlette kosong", bare, ""),
            (
                "relay (PostgreSQL, fsync)",
                relay,
                f"{ratio:>6.2f} {stored / max(commits, 1):>10.1f}",
            ),
        ):
            print(
                f"{workers:>7} {label:<26} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
                f"{r['errors']:>8.0f} {extra}".rstrip()
            )
    print(
        f"{connections} koneksi, {seconds} s per pengukuran; PostgreSQL dengan fsync=on; "
        f"server: {_server().replace('1 worker', 'N worker')}"
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
