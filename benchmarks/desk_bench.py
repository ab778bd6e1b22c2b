"""Desk benchmark: Beranda, Daftar and the XLSX export over 10 000 records.

Fills a fresh SQLite file the way the relay's writer does (`Tracker.insert_many`, in groups
of the writer's MAX_BATCH), moves a share of the records through the tracker's own actions
(`Tracker.act`: assigned, processed, decided, handed over, closed, objected to, and about a
tenth disposed to one unit), refreshes the desk's index once and reports how long that took.
Then it serves the relay with its desk (uvicorn, one worker, as `ppid relay` runs it), signs
in as a petugas and as a unit's pelaksana, and times each page over real HTTP: median and
95th percentile of N requests each (30 by default), next to the 200 ms target (issue 13).
Figures only: speed is measured here, never asserted in timed tests.

Usage: python benchmarks/desk_bench.py [records] [requests]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from benchmarks._common import ROOT, UVICORN, free_port, serve, sign_in
from forms.desk.accounts import Accounts
from forms.desk.index import DeskIndex
from forms.desk.roles import load_roles
from forms.settings import Settings
from forms.startup import open_records
from forms.store import tables as store
from forms.store.writer import MAX_BATCH
from forms.tracker import Filing, Tracker

TARGET_MS = 200.0
UNIT = "keuangan-umum-logistik"
PASSWORD = "kata-sandi-bench-123"
NAMES = ["Budi Santoso", "Siti Aminah", "Agus Wibowo", "Dewi Lestari", "Rudi Hartono"]
SUBJECTS = [
    "Salinan DIPA {y} dan realisasi anggaran",
    "Daftar pemilih tetap kecamatan {n}",
    "Rekapitulasi hasil penghitungan suara {n}",
    "Laporan dana kampanye peserta {n}",
    "Rencana umum pengadaan {y}",
]


def _filing(i: int, day: date, rng: random.Random) -> Filing:
    nama = f"{rng.choice(NAMES)} {i}"
    judul = rng.choice(SUBJECTS).format(y=day.year, n=i % 97)
    data = {
        "jenis_pemohon": "perorangan",
        "nama": nama,
        "nik": f"3399{i:012d}",
        "alamat": f"Jl. Melati {i}, Kabupaten Contoh",
        "pekerjaan": "Wartawan",
        "telepon": "0812-3456-7890",
        "email": f"pemohon{i}@contoh.id",
        "rincian_informasi": judul,
        "tujuan_penggunaan": "Bahan liputan",
        "cara_memperoleh": "salinan_softcopy",
        "cara_salinan": "email",
        "persetujuan": "ya",
    }
    lengkap = rng.random() > 0.08
    return Filing("permohonan", judul, data, "daring", day, "pemohon", lengkap, None, [])


def fill(tracker: Tracker, records: int, seed: int = 13) -> dict[str, int]:
    """`records` requests over the last year, through the writer's bulk path, then a share
    of them through the tracker's actions; how many of each action."""
    rng = random.Random(seed)
    today = tracker.today()
    days = [today - timedelta(days=rng.randrange(0, 330)) for _ in range(records)]
    days.sort()
    filed: list[str] = []
    for start in range(0, records, MAX_BATCH):
        batch = [_filing(i, days[i], rng) for i in range(start, min(records, start + MAX_BATCH))]
        with store.transaction(tracker.engine) as conn:
            filed.extend(f.record.nomor for f in tracker.insert_many(conn, batch))
    done = {"tugaskan": 0, "disposisi": 0, "proses": 0, "putuskan": 0, "serahkan": 0}
    done |= {"tutup": 0, "keberatan": 0}
    complete = list(filed)
    rng.shuffle(complete)
    for k, nomor in enumerate(complete):
        if tracker.get(nomor).status != "diterima":
            continue
        share = k / len(complete)
        if share < 0.11:  # about 1 000 of 10 000, open, at one unit
            tracker.act(nomor, "disposisi", "Bench", unit=UNIT)
            done["disposisi"] += 1
        elif share < 0.21:
            tracker.act(nomor, "tugaskan", "Bench", petugas="Rina Petugas (petugas1)")
            done["tugaskan"] += 1
        elif share < 0.40:
            tracker.act(nomor, "proses", "Bench")
            done["proses"] += 1
        elif share < 0.65:
            tracker.act(nomor, "putuskan", "Bench", keputusan="dikabulkan_seluruhnya")
            done["putuskan"] += 1
            if share < 0.55:
                tracker.act(nomor, "serahkan", "Bench")
                done["serahkan"] += 1
            elif share < 0.57:
                tracker.file(
                    "keberatan",
                    f"Keberatan atas {nomor}",
                    {"nama": "Budi Santoso", "alasan": ["e"], "kasus_posisi": "Tidak puas."},
                    induk_nomor=nomor,
                )
                done["keberatan"] += 1
        elif share < 0.68:
            tracker.act(nomor, "tutup", "Bench", catatan="Dicabut pemohon")
            done["tutup"] += 1
    return done


def _signed_in(base: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    answer = sign_in(client, username, PASSWORD)
    if answer.status_code != 303:
        sys.exit(f"tidak dapat masuk sebagai {username}: {answer.status_code}")
    return client


def _time(client: httpx.Client, path: str, n: int) -> tuple[float, float, int]:
    """Median and p95 in ms of n GETs (after one warm-up), and the body's size."""
    first = client.get(path)
    if first.status_code != 200:
        sys.exit(f"{path}: {first.status_code} {first.text[:200]}")
    spent = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(path)
        spent.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    spent.sort()
    p95 = spent[min(len(spent) - 1, round(0.95 * (len(spent) - 1)))]
    return statistics.median(spent), p95, len(first.content)


def main(records: int = 10_000, requests: int = 30) -> None:
    with tempfile.TemporaryDirectory(prefix="ppid-desk-bench-") as tmp:
        env = {
            **os.environ,
            "PPID_DATABASE_URL": f"sqlite:///{tmp}/ppid.sqlite3",
            "PPID_UPLOAD_DIR": f"{tmp}/unggahan",
            "PPID_SECRET": "bench",
            "PPID_RATE_PER_MINUTE": "0",
            "PYTHONPATH": str(ROOT),
        }
        settings = replace(Settings.from_env(env), office_file=ROOT / "dip" / "badan-publik.yml")
        tracker = open_records(settings)  # one engine, migrated, for filling and accounts
        t = time.perf_counter()
        done = fill(tracker, records)
        filled = time.perf_counter() - t
        accounts = Accounts(tracker.engine, load_roles())
        accounts.add("petugas1", "Rina Petugas", ["petugas"], [], None, PASSWORD)
        accounts.add("unit1", "Agus Pelaksana", ["pelaksana"], [UNIT], None, PASSWORD)
        index = DeskIndex(tracker)
        t = time.perf_counter()
        counted = index.refresh()
        refreshed = time.perf_counter() - t
        tracker.engine.dispose()
        total = records + done["keberatan"]
        print(
            f"{total} catatan ({records} permohonan, {done['keberatan']} keberatan) dibuat "
            f"dalam {filled:.1f} s; tindakan: "
            + ", ".join(f"{k} {v}" for k, v in done.items() if k != "keberatan")
        )
        print(f"penyegaran indeks meja (sekali, {counted} catatan): {refreshed * 1000:.0f} ms")

        port = free_port()
        relay = serve(
            [*UVICORN, "--port", str(port), "--factory", "forms.http.app:create_app"],
            port,
            {**env, "PPID_OFFICE_FILE": str(settings.office_file)},
            Path(tmp) / "relay.log",
        )
        try:
            base = f"http://127.0.0.1:{port}"
            petugas = _signed_in(base, "petugas1")
            unit = _signed_in(base, "unit1")
            pages = [
                ("Beranda (petugas)", petugas, "/meja/"),
                ("Beranda (pelaksana unit)", unit, "/meja/"),
                ("Daftar halaman 1", petugas, "/meja/daftar"),
                ("Daftar tersaring", petugas, "/meja/daftar?jenis=permohonan&status=diproses"),
                ("Daftar cari teks", petugas, "/meja/daftar?q=kampanye"),
                ("Daftar halaman 50", petugas, "/meja/daftar?hal=50"),
                ("Daftar unit (pelaksana)", unit, f"/meja/daftar?unit={UNIT}"),
                ("Ekspor XLSX (semua)", petugas, "/meja/daftar.xlsx"),
                ("Ekspor XLSX tersaring", petugas, "/meja/daftar.xlsx?status=diproses"),
            ]
            print()
            print(f"{'halaman':<28} {'median ms':>10} {'p95 ms':>8} {'target':>8} {'ukuran':>10}")
            for label, client, path in pages:
                median, p95, size = _time(client, path, requests)
                mark = "ok" if p95 <= TARGET_MS else "LEWAT"
                print(
                    f"{label:<28} {median:>10.1f} {p95:>8.1f} {TARGET_MS:>6.0f} {mark:<2}"
                    f" {size / 1024:>7.0f} KB"
                )
            print(
                f"\n{requests} permintaan per halaman, berurutan, satu klien; "
                "server: uvicorn 1 worker"
            )
        finally:
            relay.terminate()
            relay.wait()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
