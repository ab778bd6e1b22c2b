"""National portal benchmark: a generated federation, `ppid nasional`, the first search.

It generates 553 offices (1 pusat, 38 provinsi, 514 kabupaten/kota; or the number of
kabupaten/kota given as the first argument) with 60 DIP entries and 2 DIK entries each,
their files written by the project's own exporters (site_builder/render/exports.py) from
generated Catalogue objects, and a register of 40 requests each (register.dump). All of
them are served by one HTTP server on loopback, each office under its own path, as the
offices' sites would be. Then it prints:
- the seconds of `ppid nasional` (a real process, fetching every office over HTTP);
- the bytes a first search downloads, counted by the server the portal is served from
  while Pagefind's own JS, run by Node, searches a typical query ("laporan keuangan")
  with the interface's first page of results (10) and its filters; plus the interface's
  own pagefind-ui.js and .css, as stored and gzipped.
Targets (issue 16): under 5 minutes on a 2-core machine; the first search under 1 MB.
Figures only: nothing here asserts a time.

Usage: python benchmarks/nasional_bench.py [KABUPATEN_KOTA]
"""

from __future__ import annotations

import functools
import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import ROOT

from site_builder import register as contract
from site_builder.dip.model import (
    Catalogue,
    Edition,
    Entry,
    Link,
    Office,
    Person,
    UjiKonsekuensi,
    Unit,
)
from site_builder.register import RegisterRow
from site_builder.render import exports

ENTRIES = 60
DIK = 2
REQUESTS = 40
QUERY = "laporan keuangan"
ZONES = ["WIB"] * 20 + ["WITA"] * 10 + ["WIT"] * 8  # the 38 provinces, roughly

TOPICS = [
    ("Laporan keuangan", "Laporan realisasi anggaran, neraca dan catatan atas laporan keuangan"),
    ("DIPA", "Daftar isian pelaksanaan anggaran, pagu per kegiatan dan jenis belanja"),
    ("Rencana strategis", "Rencana strategis lima tahunan, sasaran dan indikator kinerja"),
    ("Laporan kinerja", "Laporan kinerja instansi pemerintah, capaian indikator kinerja"),
    ("Rekapitulasi hasil penghitungan suara", "Rekapitulasi per kecamatan dan per desa"),
    ("Daftar pemilih tetap", "Rekapitulasi jumlah pemilih per kecamatan, tanpa data pribadi"),
    ("Jadwal tahapan", "Jadwal dan tahapan penyelenggaraan pemilihan"),
    ("Pengumuman pendaftaran badan ad hoc", "Pengumuman seleksi PPK, PPS dan KPPS"),
    ("Standar operasional prosedur", "SOP layanan informasi publik dan pengelolaan keberatan"),
    ("Rencana umum pengadaan", "Paket pengadaan barang dan jasa, metode dan waktu pemilihan"),
    ("Profil pejabat", "Riwayat singkat pimpinan dan pejabat struktural"),
    ("Peraturan dan keputusan", "Keputusan KPU kabupaten/kota tentang penetapan"),
    ("Daftar aset", "Daftar barang milik negara dan kondisinya"),
    ("Laporan layanan informasi", "Laporan tahunan layanan informasi publik"),
    ("Pengumuman pemindahan TPS", "Pemindahan lokasi TPS karena bencana"),
]
KATEGORI = ["berkala"] * 6 + ["setiap_saat"] * 3 + ["serta_merta"]
UNITS = [
    ("keuangan", "Sub Bagian Keuangan"),
    ("teknis", "Sub Bagian Teknis"),
    ("hukum", "Sub Bagian Hukum"),
]


def _person(nama: str) -> Person:
    return Person(nama, "Sekretaris")


def catalogue(kode: str, nama: str, rnd: random.Random) -> Catalogue:
    """An office's DIP as the loader would give it."""
    office = Office(
        nama=nama,
        alamat=f"Jl. Pemilu No. {kode}",
        telepon="(021) 555-0100",
        email=f"ppid-{kode}@kpu.example.org",
        laman=f"https://{kode}.kpu.example.org",
        ppid=_person("Sekretaris"),
        atasan_ppid=_person("Ketua"),
        tim_pertimbangan=(),
        maklumat="",
        dip=Edition(2026, f"{kode}/PP.06-Kpt/2026", date(2026, 1, 19)),
    )
    units = tuple(Unit(s, n, _person(n), ()) for s, n in UNITS)
    entries: list[Entry] = []
    for i in range(ENTRIES + DIK):
        judul, ringkasan = TOPICS[i % len(TOPICS)]
        tahun = 2026 - (i // len(TOPICS)) % 4
        dik = i >= ENTRIES
        entries.append(
            Entry(
                slug=f"entri-{i:03d}",
                unit=UNITS[i % len(UNITS)][0],
                source=f"dip/{UNITS[i % len(UNITS)][0]}/entri-{i:03d}.yml",
                judul=f"{judul} tahun {tahun} {nama}",
                ringkasan=f"{ringkasan} {nama} tahun {tahun}.",
                kategori="dikecualikan" if dik else rnd.choice(KATEGORI),
                penanggung_jawab=UNITS[i % len(UNITS)][1],
                penguasa=UNITS[i % len(UNITS)][1],
                waktu_pembuatan=tahun,
                tempat_pembuatan=nama,
                bentuk=("softcopy",),
                retensi="5 tahun",
                tautan=(Link("Dokumen", f"https://{kode}.kpu.example.org/dok/{i}.pdf"),),
                tahun=tahun,
                diperbarui=date(2026, 1 + i % 10, 1 + i % 27),
                status="disahkan",
                uji_konsekuensi=UjiKonsekuensi(
                    ("UU 14/2008",),
                    ("h",),
                    "Mengungkap rahasia pribadi",
                    "Tidak lebih besar",
                    None,
                    "selamanya",
                    f"{kode}/UK/2026",
                    date(2026, 1, 10),
                )
                if dik
                else None,
            )
        )
    return Catalogue(office, units, tuple(entries), {u.slug: u for u in units})


def register_rows(kode: str, rnd: random.Random) -> list[RegisterRow]:
    """An office's public register: requests of 2025 and 2026."""
    rows = []
    for n in range(1, REQUESTS + 1):
        tahun, bulan = (2026, rnd.randint(1, 11)) if n % 4 else (2025, rnd.randint(1, 12))
        outcome = rnd.choice(
            ["Dikabulkan seluruhnya"] * 5 + ["Dikabulkan sebagian"] * 2 + ["Ditolak", None]
        )
        hari = rnd.randint(1, 17)
        rows.append(
            RegisterRow(
                nomor=f"{n:03d}/PPID-{kode}/{tahun}",
                jenis="keberatan" if n % 13 == 0 else "permohonan",
                diterima=f"{tahun}-{bulan:02d}-05",
                tahun=tahun,
                bulan=bulan,
                pemohon="A.B.",
                ringkasan="Salinan dokumen",
                permohonan=None,
                alasan_keberatan=(),
                status="Selesai" if outcome else "Sedang diproses",
                keputusan=outcome,
                dasar_penolakan="Pasal 17 huruf h" if outcome == "Ditolak" else None,
                tanggal_pemberitahuan=f"{tahun}-{bulan:02d}-20" if outcome else None,
                tenggat=f"{tahun}-{bulan:02d}-25",
                hari_kerja=hari,
                tepat_waktu=(hari <= 10) if outcome else None,
            )
        )
    return rows


def offices(kabupaten: int) -> list[dict[str, str | None]]:
    """The registry's offices: the pusat, 38 provinces, the kabupaten/kota spread over them."""
    out: list[dict[str, str | None]] = [
        {"kode": "00", "nama": "KPU RI", "tingkat": "pusat", "induk": None, "zona": "WIB"}
    ]
    for p in range(38):
        kode = f"{11 + p}"
        out.append(
            {
                "kode": kode,
                "nama": f"KPU Provinsi {kode}",
                "tingkat": "provinsi",
                "induk": "00",
                "zona": ZONES[p],
            }
        )
    for k in range(kabupaten):
        induk = f"{11 + k % 38}"
        kode = f"{induk}{k // 38 + 1:02d}"
        out.append(
            {
                "kode": kode,
                "nama": f"KPU Kabupaten {kode}",
                "tingkat": "kabupaten_kota",
                "induk": induk,
                "zona": ZONES[k % 38],
            }
        )
    return out


def generate(root: Path, base: str, kabupaten: int) -> Path:
    """Every office's files under root/situs/<kode>/ and the registry; its path."""
    rnd = random.Random(16)
    lines = ["kantor:"]
    for o in offices(kabupaten):
        kode, nama = str(o["kode"]), str(o["nama"])
        url = f"{base}/{kode}"
        cat = catalogue(kode, nama, rnd)
        files = {
            "unduh/dip.json": exports.to_json(cat, base_url=url),
            "unduh/dik.json": exports.dik_json(cat, base_url=url),
            "data.json": exports.to_data_json(cat, base_url=url),
            "register.json": contract.dump(register_rows(kode, rnd), date(2026, 11, 23)),
        }
        for rel, raw in files.items():
            (root / "situs" / kode / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "situs" / kode / rel).write_bytes(raw)
        lines += [
            f'  - kode: "{kode}"',
            f"    nama: {nama}",
            f"    tingkat: {o['tingkat']}",
            *([f'    induk: "{o["induk"]}"'] if o["induk"] else []),
            f"    zona_waktu: {o['zona']}",
            f"    situs: {url}/",
        ]
    path = root / "kantor.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Counting(SimpleHTTPRequestHandler):
    sent: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self.sent.append((self.path, len(data)))
        outputfile.write(data)


@contextmanager
def serve(folder: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """A loopback server of `folder`: its address and the (path, bytes) of what it sent."""
    sent: list[tuple[str, int]] = []
    handler = functools.partial(type("H", (_Counting,), {"sent": sent}), directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()
        server.server_close()


SEARCH_JS = """
const [, , file, bundle, term] = process.argv;
const pagefind = await import(file);
await pagefind.options({ basePath: bundle, baseUrl: "/" });
const filters = await pagefind.filters();          // the interface loads them at start
const found = await pagefind.search(term);
const page = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
console.log(JSON.stringify({ count: found.results.length, first: page[0]?.url,
  provinsi: Object.keys(filters.Provinsi || {}).length }));
"""


def first_search(site: Path, work: Path) -> None:
    """The bytes of a first search of the built portal, as the server sent them."""
    node = shutil.which("node")
    if node is None:
        print("pencarian pertama: Node.js tidak ada, tidak diukur")
        return
    script = work / "cari.mjs"
    script.write_text(SEARCH_JS, encoding="utf-8")
    bundle = site / "pagefind"
    with serve(site) as (url, sent):
        done = subprocess.run(
            [node, str(script), str(bundle / "pagefind.js"), f"{url}/pagefind/", QUERY],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    if done.returncode != 0:
        print(f"pencarian pertama gagal: {done.stderr.strip()}")
        return
    result = json.loads(done.stdout)
    js = (bundle / "pagefind.js").read_bytes()
    by_kind: dict[str, int] = {}
    for path, size in sent:
        name = path.rsplit("/", 1)[-1]
        kind = path.split("/")[2] if path.count("/") > 2 else name.split(".")[0]
        kind = "meta" if name.endswith(".pf_meta") else kind
        by_kind[kind] = by_kind.get(kind, 0) + size
    wire = sum(size for _, size in sent)
    js_gz = len(gzip.compress(js))
    print(f"pencarian pertama '{QUERY}': {result['count']} hasil, pertama {result['first']}")
    print(f"  diunduh dari server: {wire:,} B dalam {len(sent)} permintaan")
    for kind, size in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"    {kind:<24} {size:>10,} B")
    print(f"  pagefind.js: {len(js):,} B ({js_gz:,} B gzip)")
    ui = 0
    for name in ("pagefind-ui.js", "pagefind-ui.css"):
        raw = (bundle / name).read_bytes()
        ui += len(gzip.compress(raw))
        print(f"  {name}: {len(raw):,} B ({len(gzip.compress(raw)):,} B gzip)")
    total = wire + js_gz + ui
    print(f"  jumlah (pagefind.js dan antarmuka gzip): {total:,} B = {total / 1e6:.2f} MB")


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    kabupaten = int(sys.argv[1]) if len(sys.argv) > 1 else 514
    work = Path(tempfile.mkdtemp(prefix="nasional-bench-"))
    try:
        with serve(work / "situs") as (base, _):
            t0 = time.perf_counter()
            registry = generate(work, base, kabupaten)
            n = 39 + kabupaten
            print(
                f"{n} kantor x {ENTRIES} entri DIP (+{DIK} DIK): {n * ENTRIES:,} entri, "
                f"dibuat dalam {time.perf_counter() - t0:.1f} s"
            )
            t0 = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "ppid",
                    "nasional",
                    "--kantor",
                    str(registry),
                    "--out",
                    str(work / "portal"),
                    "--cache",
                    str(work / "cache"),
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - t0
        print(done.stdout.strip())
        if done.returncode != 0:
            print(done.stderr.strip()[-2000:])
            sys.exit(1)
        warnings = done.stderr.strip().splitlines()
        print(f"ppid nasional: {seconds:.1f} s ({len(warnings)} peringatan)")
        print(
            f"  portal: {_size(work / 'portal') / 1e6:.1f} MB, "
            f"indeks Pagefind {_size(work / 'portal' / 'pagefind') / 1e6:.1f} MB, "
            f"data.json {(work / 'portal' / 'data.json').stat().st_size / 1e6:.1f} MB"
        )
        first_search(work / "portal", work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
