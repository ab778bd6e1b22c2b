"""Relay benchmark: acknowledged submissions per second and latency under concurrent load.

Drives, with wrk (Debian package `wrk`), the real relay (one uvicorn worker and its writer
process, a real SQLite file, durable commits: WAL + synchronous=FULL) and a bare Starlette
endpoint that does nothing, served the same way, and prints both and the ratio from one run,
with how many submissions each commit (one fsync) carried.
Target (issue 3): the relay keeps at least 50% of the bare endpoint's throughput.
`nox -s bench` runs it at 16 and at 64 connections: wrk is a closed loop, so at 16 only a
few requests wait while one batch is committed, and the relay's event loop pays its
per-batch costs (reading and settling the answers) over small batches; at 64 the batches
are larger.

Usage: python benchmarks/relay_bench.py [seconds] [connections]
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import ROOT, UVICORN, free_port, serve

FORM = {
    "jenis_pemohon": "perorangan",
    "nama": "Budi Santoso",
    "nik": "3399011203850001",
    "alamat": "Jl. Melati 5, Kabupaten Contoh",
    "pekerjaan": "Wartawan",
    "telepon": "0812-3456-7890",
    "email": "budi@contoh.id",
    "rincian_informasi": "Salinan DIPA 2026 dan realisasi anggaran semester I",
    "tujuan_penggunaan": "Bahan liputan",
    "cara_memperoleh": "salinan_softcopy",
    "cara_salinan": "email",
    "persetujuan": "ya",
}


def _wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk tidak ada: pasang dengan 'apt-get install wrk' (paket Debian)")
    return found


def _server() -> str:
    """What uvicorn runs both endpoints with (it picks httptools and uvloop when installed;
    they speed the bare endpoint up far more than the relay, so the ratio depends on them)."""
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return f"uvicorn, 1 worker, http={http}, loop={loop}, tanpa access log"


def _load(wrk: str, url: str, seconds: int, connections: int, lua: Path) -> dict[str, float]:
    out = subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(lua), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        assert m, out
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": rps,
        "p50": pct("50"),
        "p99": pct("99"),
        "errors": float(non2xx.group(1)) if non2xx else 0.0,
    }


def main(seconds: int = 10, connections: int = 16) -> None:
    """Measure both endpoints one after the other, on the same machine, and print them."""
    wrk = _wrk()
    with tempfile.TemporaryDirectory(prefix="ppid-relay-bench-") as tmp:
        lua = Path(tmp) / "post.lua"
        body = urllib.parse.urlencode(FORM)
        lua.write_text(
            'wrk.method = "POST"\n'
            f'wrk.body = "{body}"\n'
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            'wrk.headers["Accept"] = "application/json"\n'
        )
        env = {
            **os.environ,
            "PPID_DATABASE_URL": f"sqlite:///{tmp}/ppid.sqlite3",
            "PPID_UPLOAD_DIR": f"{tmp}/unggahan",
            "PPID_SECRET": "bench",
            "PPID_RATE_PER_MINUTE": "0",
            "PYTHONPATH": str(ROOT),
        }
        results = {}
        bare_port = free_port()
        bare = serve(
            [*UVICORN, "--port", str(bare_port), "benchmarks.bare_app:app"], bare_port, env
        )
        try:
            results["bare"] = _load(
                wrk, f"http://127.0.0.1:{bare_port}/f/permohonan", seconds, connections, lua
            )
        finally:
            bare.terminate()
            bare.wait()
        relay_port = free_port()
        relay = serve(
            [*UVICORN, "--port", str(relay_port), "--factory", "forms.http.app:create_app"],
            relay_port,
            env,
        )
        try:
            results["relay"] = _load(
                wrk, f"http://127.0.0.1:{relay_port}/f/permohonan", seconds, connections, lua
            )
        finally:
            relay.terminate()
            relay.wait()
        with sqlite3.connect(f"{tmp}/ppid.sqlite3") as db:
            stored = int(db.execute("SELECT count(*) FROM records").fetchone()[0])
            # every record of one transaction carries the same time: one row per commit
            commits = int(db.execute("SELECT count(DISTINCT dibuat) FROM records").fetchone()[0])
    print(f"{'endpoint':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, label in (("bare", "Starlette kosong"), ("relay", "relay (commit tahan lama)")):
        r = results[name]
        print(f"{label:<28} {r['rps']:>9.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['errors']:>8.0f}")
    print(
        f"rasio relay/kosong: {results['relay']['rps'] / results['bare']['rps']:.2f} "
        f"({connections} koneksi, {seconds} s; {stored} permohonan tersimpan, "
        f"{stored / seconds:.0f}/s)"
    )
    print(
        f"commit: {commits} transaksi, rata-rata {stored / max(commits, 1):.1f} permohonan "
        "per transaksi (satu fsync masing-masing)"
    )
    print(f"server keduanya: {_server()}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
