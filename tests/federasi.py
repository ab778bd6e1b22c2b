"""A small federation of offices for the national portal's tests: their published files
written by the project's own exporters (site_builder/render/exports.py, register.dump), in
folders, and served by a real HTTP server on loopback.

    00    KPU RI                    folder
    62    KPU Provinsi Kalimantan Tengah   folder (asal: its public address)
    6201  KPU Kabupaten Katingan    over HTTP (a server on loopback)
    6202  KPU Kabupaten Kapuas      over HTTP, on a server stopped after the first build
    6203  KPU Kabupaten Barito Utara  a folder that does not exist

The registers' figures, counted by hand, are in the tests that use them.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from site_builder import register as contract
from site_builder.dip.model import Catalogue
from site_builder.register import RegisterRow
from site_builder.render import exports

MADE = date(2026, 11, 23)
# Personal data a careless office might let into its register: never on the portal.
NIK = "3201010101010001"
SUREL = "budi.santoso@contoh.id"
NAMA = "Sutarmi Wijayakusuma"
TELEPON = "081234567890"


def row(
    nomor: str,
    keputusan: str | None,
    hari_kerja: int,
    tepat_waktu: bool | None,
    *,
    jenis: str = "permohonan",
    tahun: int = 2026,
    status: str | None = None,
    contoh: bool = False,
    ringkasan: str = "Salinan DIPA",
    pemohon: str = "A.B.",
) -> RegisterRow:
    """One register row of November (of `tahun`)."""
    return RegisterRow(
        nomor=nomor,
        jenis=jenis,
        diterima=f"{tahun}-11-02",
        tahun=tahun,
        bulan=11,
        pemohon=pemohon,
        ringkasan=ringkasan,
        permohonan=None,
        alasan_keberatan=("Permohonan ditolak",) if jenis == "keberatan" else (),
        status=status or ("Selesai" if keputusan else "Sedang diproses"),
        keputusan=keputusan,
        dasar_penolakan="Pasal 17 huruf h" if keputusan == "Ditolak" else None,
        tanggal_pemberitahuan=f"{tahun}-11-10" if keputusan else None,
        tenggat=f"{tahun}-11-16",
        hari_kerja=hari_kerja,
        tepat_waktu=tepat_waktu,
        contoh=contoh,
    )


REGISTERS: dict[str, list[RegisterRow]] = {
    "00": [row("001/PPID/XI/2026", "Dikabulkan seluruhnya", 2, True)],
    "62": [
        row("001/PPID-62/XI/2026", "Dikabulkan seluruhnya", 3, True),
        row("002/PPID-62/XI/2026", "Ditolak", 10, True),
        row(
            "003/PPID-62/XI/2026",
            None,
            4,
            None,
            ringkasan=f"Data pemilih atas nama {NAMA}, NIK {NIK}, surel {SUREL}, HP {TELEPON}",
            pemohon=NAMA,
        ),
        row("K-001/PPID-62/XI/2026", None, 1, None, jenis="keberatan"),
    ],
    "6201": [
        row("001/PPID-6201/XI/2026", "Dikabulkan sebagian", 12, False),
        row("002/PPID-6201/XI/2026", "Dikabulkan seluruhnya", 5, True),
        row("003/PPID-6201/XI/2026", None, 2, None, status="Ditutup"),
        row("004/PPID-6201/XI/2026", "Dikabulkan seluruhnya", 1, True, contoh=True),
        row("009/PPID-6201/XI/2025", "Ditolak", 8, True, tahun=2025),
    ],
    "6202": [row("001/PPID-6202/XI/2026", "Dikabulkan seluruhnya", 7, True)],
}
NAMES = {
    "00": "KPU RI",
    "62": "KPU Provinsi Kalimantan Tengah",
    "6201": "KPU Kabupaten Katingan",
    "6202": "KPU Kabupaten Kapuas",
    "6203": "KPU Kabupaten Barito Utara",
}
# One entry of each office carries a word of its own, for the search.
WORDS = {"00": "Sentral", "62": "Tambun", "6201": "Katingan", "6202": "Kapuas"}


def office_files(catalogue: Catalogue, kode: str, base_url: str) -> dict[str, bytes]:
    """An office's four published files, as its site publishes them."""
    office = replace(catalogue.office, nama=NAMES[kode])
    entries = tuple(
        replace(e, judul=f"Rencana umum pengadaan {WORDS[kode]}") if e.slug == "rup-2026" else e
        for e in catalogue.entries
    )
    own = replace(catalogue, office=office, entries=entries)
    return {
        "unduh/dip.json": exports.to_json(own, base_url=base_url),
        "unduh/dik.json": exports.dik_json(own, base_url=base_url),
        "data.json": exports.to_data_json(own, base_url=base_url),
        "register.json": contract.dump(REGISTERS[kode], MADE),
    }


def write(folder: Path, files: dict[str, bytes]) -> Path:
    """The files under `folder`, as a built site holds them."""
    for rel, raw in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(raw)
    return folder


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A real HTTP server on loopback serving `folder`; its address (no trailing slash)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Federation:
    """The offices' folders, the registry, and the servers' addresses."""

    root: Path
    kantor_yml: Path
    katingan: str  # 6201's site address
    kapuas: str  # 6202's site address (its server stops after the first build)
    stop_kapuas: contextlib.ExitStack


def registry_text(katingan: str, kapuas: str) -> str:
    """The federation's kantor.yml."""
    return f"""kantor:
  - kode: "00"
    nama: KPU RI
    tingkat: pusat
    zona_waktu: WIB
    situs: situs/00
  - kode: "62"
    nama: KPU Provinsi Kalimantan Tengah
    tingkat: provinsi
    induk: "00"
    zona_waktu: WIB
    situs: situs/62
    asal: [https://ppid-62.example.org]
  - kode: "6201"
    nama: KPU Kabupaten Katingan
    tingkat: kabupaten_kota
    induk: "62"
    zona_waktu: WIB
    situs: {katingan}/
  - kode: "6202"
    nama: KPU Kabupaten Kapuas
    tingkat: kabupaten_kota
    induk: "62"
    zona_waktu: WIB
    situs: {kapuas}/
  - kode: "6203"
    nama: KPU Kabupaten Barito Utara
    tingkat: kabupaten_kota
    induk: "62"
    zona_waktu: WIB
    situs: situs/6203
"""


@contextlib.contextmanager
def federation(root: Path, catalogue: Catalogue) -> Iterator[Federation]:
    """The five offices under `root`, two of them served over HTTP while the block runs."""
    with contextlib.ExitStack() as stack:
        katingan = stack.enter_context(serve(root / "http-6201"))
        kapuas_stack = contextlib.ExitStack()
        stack.enter_context(kapuas_stack)
        kapuas = kapuas_stack.enter_context(serve(root / "http-6202"))
        write(root / "situs" / "00", office_files(catalogue, "00", ""))
        write(root / "situs" / "62", office_files(catalogue, "62", ""))
        write(root / "http-6201", office_files(catalogue, "6201", katingan))
        write(root / "http-6202", office_files(catalogue, "6202", kapuas))
        path = root / "kantor.yml"
        path.write_text(registry_text(katingan, kapuas), encoding="utf-8")
        yield Federation(root, path, katingan, kapuas, kapuas_stack)
