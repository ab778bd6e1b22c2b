"""Build benchmark: N synthetic entries; load+validate, `ppid build`, a plain mkdocs build, search.

For N = 100, 1,000 and 5,000 (or the N given as arguments) it prints, in one run:
- load+validate seconds (the pure core);
- `ppid build` seconds (plugin: generated pages in memory, strict, Pagefind index);
- the seconds of a plain `mkdocs build` of the same pages pre-written as Markdown by
  `ppid generate`, with the same theme and nav and mkdocs-material's own search plugin;
- the ratio of the two, and time(5,000) / time(1,000);
- the search bytes: mkdocs-material's whole index (downloaded at the first search) against
  what Pagefind downloads for a first search (loader, wasm, metadata, the largest index
  chunk one word needs, and the first five result fragments).
Targets (issue 2): ratio <= 1.15 at every N; time(5,000) / time(1,000) <= 5.5; first search
under 1 MB at N = 5,000. Figures only: nothing here asserts a time.

Usage: python benchmarks/build_bench.py [N ...]
"""

from __future__ import annotations

import gzip
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.dip.loader import load  # noqa: E402

UNITS = {
    "keuangan-umum-logistik": "Sub Bagian Keuangan, Umum dan Logistik",
    "teknis-parmas": "Sub Bagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan "
    "Masyarakat",
    "hukum-sdm": "Sub Bagian Hukum dan Sumber Daya Manusia",
    "perencanaan-data-informasi": "Sub Bagian Perencanaan, Data dan Informasi",
}
WORDS = (
    "anggaran laporan realisasi belanja pegawai barang modal kegiatan tahapan pemilihan "
    "pemungutan suara rekapitulasi daftar pemilih tetap kecamatan desa kelurahan tempat calon "
    "anggota dewan perwakilan rakyat daerah kampanye dana sumbangan penerimaan pengeluaran "
    "keputusan rapat pleno berita acara sosialisasi pendidikan pemilih partisipasi masyarakat "
    "pengadaan barang jasa kontrak penyedia rencana kerja strategis kinerja instansi "
    "pemerintah aset inventaris logistik surat distribusi gudang arsip peraturan komisi "
    "standar operasional prosedur pelayanan informasi publik permohonan keberatan sengketa "
    "badan adhoc panitia pemilihan kecamatan kelompok penyelenggara verifikasi faktual partai "
    "politik dukungan perseorangan pencalonan bupati wakil"
).split()
KATEGORI = ["berkala"] * 5 + ["setiap_saat"] * 4 + ["serta_merta", "dikecualikan"]


def text(rng: random.Random, n: int) -> str:
    """A sentence of n Indonesian words from the election-office vocabulary."""
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def make_dip(root: Path, n: int) -> None:
    """Write a synthetic, valid DIP of n entries under root/dip."""
    rng = random.Random(n)
    for name in ("badan-publik.yml", "logo-contoh.png"):  # the profile and the logo it names
        shutil.copy(ROOT / "dip" / name, root / "dip" / name)
    for slug, nama in UNITS.items():
        folder = root / "dip" / slug
        folder.mkdir(parents=True)
        (folder / "unit.yml").write_text(
            yaml.safe_dump(
                {
                    "nama": nama,
                    "kepala": {"nama": "Kepala Unit", "jabatan": f"Kepala {nama}"},
                    "peninjau": [f"@kpu-contoh/{slug}"],
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
    units = list(UNITS)
    for i in range(n):
        kategori = KATEGORI[i % len(KATEGORI)]
        entry: dict[str, object] = {
            "judul": f"{text(rng, 5)[:-1]} {i + 1}",
            "ringkasan": " ".join(text(rng, 12) for _ in range(3)),
            "kategori": kategori,
            "penanggung_jawab": "Kepala Sub Bagian",
            "waktu_pembuatan": date(2026, 1 + i % 9, 10 + i % 10),
            "tempat_pembuatan": "Kantor KPU Kabupaten Contoh",
            "bentuk": ["cetak", "softcopy"],
            "retensi": "5 tahun",
            "tahun": 2026 - (i % 3 == 0),
            "diperbarui": date(2026, 10, 1),
            "status": "disahkan",
        }
        if kategori == "dikecualikan":
            entry["uji_konsekuensi"] = {
                "dasar_hukum": ["Undang-Undang Nomor 14 Tahun 2008 Pasal 17 huruf h"],
                "pasal_17": ["h"],
                "konsekuensi": text(rng, 20),
                "kepentingan_publik": text(rng, 15),
                "jangka_waktu": "selama tersimpan",
                "nomor_sk": f"{i}/PP.06-Kpt/3399/2026",
                "tanggal_uji": date(2026, 1, 10),
            }
        body = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
        (root / "dip" / units[i % 4] / f"entri-{i + 1:05d}.yml").write_text(body, "utf-8")


def plain_config(root: Path, docs: Path) -> Path:
    """mkdocs.yml for the plain build: same theme, nav and assets, no ppid plugin."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(root / "site-plain")
    config["plugins"] = ["search"]
    theme_dir = ROOT / "site_builder" / "theme"
    config["theme"]["custom_dir"] = str(theme_dir)
    target = root / "plain.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def timed(cmd: list[str], cwd: Path) -> float:
    """Seconds one command takes; its output is shown only when it fails."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"gagal: {' '.join(cmd)}\n{done.stdout}\n{done.stderr}")
    return elapsed


def gz(path: Path) -> int:
    """Bytes of a file after gzip (what a server sends with compression)."""
    return len(gzip.compress(path.read_bytes(), 6))


def pagefind_first_search(site: Path) -> int:
    """Compressed bytes a first one-word search downloads from the Pagefind bundle (upper bound)."""
    bundle = site / "pagefind"
    fixed = ["pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"]
    total = sum(gz(bundle / f) for f in fixed)
    total += sum(f.stat().st_size for f in bundle.glob("wasm.*.pagefind"))  # already gzip
    total += sum(f.stat().st_size for f in bundle.glob("*.pf_meta"))
    chunks = sorted(f.stat().st_size for f in (bundle / "index").glob("*.pf_index"))
    total += chunks[-1] if chunks else 0
    fragments = sorted(f.stat().st_size for f in (bundle / "fragment").glob("*.pf_fragment"))
    total += sum(fragments[-5:])
    return total


def run(n: int, work: Path, warm_up: bool = False) -> dict[str, float]:
    """One N: build both ways and measure (after one untimed build each way, if asked, so
    that neither side pays for a fresh virtualenv's first imports and .pyc compilation)."""
    root = work / f"n{n}"
    (root / "dip").mkdir(parents=True)
    make_dip(root, n)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")

    start = time.perf_counter()
    result = load(root / "dip")
    load_s = time.perf_counter() - start
    assert result.ok, [str(p) for p in result.problems[:5]]

    ppid = [sys.executable, "-m", "ppid.cli.main"]
    timed([*ppid, "generate", "--out", "gen"], root)
    plain = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(plain_config(root, root / "gen")),
    ]
    if warm_up:
        timed([*ppid, "build", "--site-dir", "site"], root)
        timed(plain, root)
    build_s = timed([*ppid, "build", "--site-dir", "site"], root)
    plain_s = timed(plain, root)
    material_index = root / "site-plain" / "search" / "search_index.json"
    return {
        "n": n,
        "load": load_s,
        "build": build_s,
        "plain": plain_s,
        "material_index_gz": gz(material_index),
        "material_index": material_index.stat().st_size,
        "pagefind_first": pagefind_first_search(root / "site"),
        "dip_page_gz": gz(root / "site" / "dip" / "index.html"),
    }


def main(sizes: list[int]) -> None:
    """Run every N and print one table."""
    with tempfile.TemporaryDirectory(prefix="ppid-bench-") as tmp:
        rows = [run(n, Path(tmp), warm_up=i == 0) for i, n in enumerate(sizes)]
    print(
        f"{'N':>6} {'muat+validasi':>14} {'ppid build':>11} {'mkdocs polos':>13} "
        f"{'rasio':>6} {'indeks material (gz)':>21} {'pagefind cari-1 (gz)':>21} "
        f"{'halaman DIP (gz)':>17}"
    )
    for r in rows:
        print(
            f"{r['n']:>6} {r['load']:>13.2f}s {r['build']:>10.2f}s {r['plain']:>12.2f}s "
            f"{r['build'] / r['plain']:>6.2f} {r['material_index_gz'] / 1e6:>17.2f} MB "
            f"{r['pagefind_first'] / 1e6:>17.2f} MB {r['dip_page_gz'] / 1e3:>13.0f} KB"
        )
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 5000 in by_n:
        print(
            f"waktu(5000)/waktu(1000): ppid build {by_n[5000]['build'] / by_n[1000]['build']:.2f}"
            f", mkdocs polos {by_n[5000]['plain'] / by_n[1000]['plain']:.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
