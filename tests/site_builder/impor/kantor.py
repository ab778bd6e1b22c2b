"""Spreadsheets shaped as offices write their DIP today, built cell by cell for the import tests.

Each function writes one file and returns its path. The units named in them are the two of
the small test DIP (tests/data/mini/dip) and one that does not exist there yet.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

KEUANGAN = "Sub Bagian Keuangan, Umum dan Logistik"
TEKNIS = "Sub Bagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat"
HUKUM = "Sub Bagian Hukum dan Sumber Daya Manusia"  # not a unit of the mini DIP
KA_KEUANGAN = f"Kepala {KEUANGAN}"
KA_TEKNIS = f"Kepala {TEKNIS}"
KA_HUKUM = f"Kepala {HUKUM}"


def _rows(ws: Worksheet, rows: list[list[Any]]) -> None:
    for row in rows:
        ws.append(row)


def reordered(path: Path) -> Path:
    """The seven official columns in another order, a category column with its usual
    spellings, the time and place in one cell, the forms in one cell."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DIP 2026"
    _rows(
        ws,
        [
            [
                "Jangka Waktu Penyimpanan atau Retensi Arsip",
                "Bentuk Informasi yang Tersedia",
                "No.",
                "Jenis Informasi",
                "Ringkasan Isi Informasi",
                "Kategori Informasi",
                "Waktu dan Tempat Pembuatan Informasi",
                "Penanggung Jawab Pembuatan atau Penerbitan Informasi",
                "Pejabat/Unit/Satker yang Menguasai Informasi",
            ],
            [
                "5 tahun",
                "Cetak, Softcopy",
                1,
                "Laporan Realisasi Anggaran Semester I 2026",
                "Realisasi belanja pegawai, barang dan modal sampai 30 Juni 2026.",
                "Informasi Berkala",
                "Kantor KPU Kabupaten Uji, 10 Juli 2026",
                KA_KEUANGAN,
                KEUANGAN,
            ],
            [
                "selama berlaku",
                "Softcopy/daring",
                2,
                "Peta TPS Rawan Banjir",
                "Peta TPS di bantaran sungai yang rawan banjir dan lokasi pindahannya.",
                "Serta-merta",
                "Kabupaten Uji, 2025",
                KA_TEKNIS,
                f"{TEKNIS} (bersama BPBD)",
            ],
            [
                "permanen",
                "Hardcopy dan softcopy",
                3,
                "Keputusan Penetapan DIP 2026",
                "Keputusan PPID tentang Daftar Informasi Publik tahun 2026.",
                "Tersedia Setiap Saat",
                "Jakarta, 19/01/2026",
                KA_HUKUM,
                HUKUM,
            ],
        ],
    )
    wb.save(path)
    return path


def split_forms(path: Path) -> Path:
    """A two-row header: 'Bentuk Informasi yang Tersedia' merged over Cetak | Softcopy |
    Rekaman, the other headers merged down; a row of column numbers; ticks of every kind; a
    unit written once for three rows (merged down)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    header = [
        "No",
        "Ringkasan Isi Informasi",
        "Pejabat/Unit yang Menguasai Informasi",
        "Penanggung Jawab Pembuatan atau Penerbitan Informasi",
        "Waktu Pembuatan",
        "Tempat Pembuatan",
        "Bentuk Informasi yang Tersedia",
        None,
        None,
        "Jangka Waktu Penyimpanan",
        "Klasifikasi",
    ]
    _rows(
        ws,
        [
            header,
            [None] * 6 + ["Cetak", "Softcopy", "Rekaman"] + [None, None],
            list(range(1, 12)),
            [
                1,
                "Daftar Pemilih Tetap Pilkada 2024 per Kecamatan",
                TEKNIS,
                KA_TEKNIS,
                datetime(2024, 9, 20),
                "Kantor KPU Kabupaten Uji",
                "✓",
                None,
                None,
                "5 tahun",
                "Berkala",
            ],
            [
                2,
                "Video Debat Publik Pasangan Calon",
                None,
                KA_TEKNIS,
                "12/11/2024",
                "Gedung Serbaguna Kabupaten Uji",
                "-",
                "v",
                "√",
                "permanen",
                "Setiap Saat",
            ],
            [
                3,
                "Materi Sosialisasi Pemilih Pemula",
                None,
                KA_TEKNIS,
                2025,
                "Kantor KPU Kabupaten Uji",
                "ya",
                1,
                None,
                "2 tahun",
                "berkala",
            ],
        ],
    )
    for col in "ABCDEFJK":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("G1:I1")
    ws.merge_cells("C4:C6")
    wb.save(path)
    return path


_OFFICIAL = [
    "No",
    "Ringkasan Isi Informasi",
    "Pejabat/Unit/Satker yang Menguasai Informasi",
    "Penanggung Jawab Pembuatan atau Penerbitan Informasi",
    "Waktu dan Tempat Pembuatan Informasi",
    "Bentuk Informasi yang Tersedia",
    "Jangka Waktu Penyimpanan atau Retensi Arsip",
]


def _titled(ws: Worksheet, title: str, width: int) -> None:
    from openpyxl.utils import get_column_letter

    last = get_column_letter(width)
    ws.append([f"DAFTAR INFORMASI PUBLIK {title}"])
    ws.merge_cells(f"A1:{last}1")
    ws.append(["KPU KABUPATEN UJI TAHUN 2026"])
    ws.merge_cells(f"A2:{last}2")
    ws.append([])


def per_category(path: Path) -> Path:
    """One sheet per category, each under a merged title row; the exempted sheet carries
    the consequence tests; a place, date and signature below the table."""
    wb = Workbook()
    berkala = wb.active
    berkala.title = "Berkala"
    _titled(berkala, "YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA", 7)
    _rows(
        berkala,
        [
            _OFFICIAL,
            [
                1,
                "Laporan Keuangan Tahun 2025 (audited)",
                KEUANGAN,
                KA_KEUANGAN,
                "Kantor KPU Kabupaten Uji, 14 Maret 2026",
                "Cetak dan Softcopy",
                "10 tahun",
            ],
            [],
            [None, None, None, None, "Kabupaten Uji, 19 Januari 2026"],
            [None, None, None, None, "PPID KPU Kabupaten Uji"],
        ],
    )
    serta = wb.create_sheet("Serta Merta")
    _titled(serta, "SERTA MERTA", 7)
    _rows(
        serta,
        [
            _OFFICIAL,
            [
                1,
                "Jalur Evakuasi Gudang Logistik",
                KEUANGAN,
                KA_KEUANGAN,
                "Gudang Logistik KPU Kabupaten Uji, 2025",
                "Cetak",
                "selama berlaku",
            ],
        ],
    )
    saat = wb.create_sheet("Setiap Saat")
    _titled(saat, "TERSEDIA SETIAP SAAT", 7)
    _rows(
        saat,
        [
            _OFFICIAL,
            [
                1,
                "Perjanjian Kerja Sama dengan Universitas Uji",
                TEKNIS,
                KA_TEKNIS,
                "Universitas Uji, 3 Februari 2025",
                "Softcopy",
                "5 tahun setelah perjanjian berakhir",
            ],
        ],
    )
    dik = wb.create_sheet("DIK")
    _titled(dik, "YANG DIKECUALIKAN", 13)
    _rows(
        dik,
        [
            [
                *_OFFICIAL,
                "Dasar Hukum",
                "Konsekuensi",
                "Kepentingan Publik",
                "Jangka Waktu Pengecualian",
                "Nomor SK Penetapan",
                "Tanggal Uji Konsekuensi",
            ],
            [
                1,
                "Rekam Medis Bakal Calon",
                TEKNIS,
                KA_TEKNIS,
                "RSUD Kabupaten Uji, 2024",
                "Cetak",
                "selama yang bersangkutan hidup",
                "UU 14/2008 Pasal 17 huruf h; UU 27/2022 Pasal 4",
                "Membuka riwayat kesehatan pribadi bakal calon.",
                "Yang diumumkan cukup kesimpulan memenuhi syarat atau tidak.",
                "selama yang bersangkutan hidup",
                "3/PP.06-Kpt/3399/2026",
                "12-01-2026",
            ],
        ],
    )
    wb.save(path)
    return path


def sections(path: Path) -> Path:
    """One table with the categories as section rows ('A. INFORMASI BERKALA') merged across."""
    wb = Workbook()
    ws = wb.active
    _rows(
        ws,
        [
            _OFFICIAL,
            ["A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA"],
            [
                1,
                "Rencana Kerja Tahunan 2026",
                KEUANGAN,
                KA_KEUANGAN,
                "Kabupaten Uji, 2026",
                "Softcopy",
                "5 tahun",
            ],
            ["B. INFORMASI YANG WAJIB TERSEDIA SETIAP SAAT"],
            [
                1,
                "SOP Pengelolaan Barang Milik Negara",
                KEUANGAN,
                KA_KEUANGAN,
                "Kabupaten Uji, 2025",
                "Cetak, Softcopy",
                "selama berlaku",
            ],
        ],
    )
    ws.merge_cells("A2:G2")
    ws.merge_cells("A4:G4")
    wb.save(path)
    return path


def broken(path: Path) -> Path:
    """Every problem the import must name, one per row, and one good row among them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Berkala"
    _rows(
        ws,
        [
            [
                "No",
                "Ringkasan Isi Informasi",
                "Pejabat/Unit yang Menguasai Informasi",
                "Penanggung Jawab",
                "Waktu Pembuatan",
                "Tempat Pembuatan",
                "Bentuk Informasi",
                "Jangka Waktu Penyimpanan",
                "Kategori",
            ],
            [
                1,
                "Laporan Kinerja 2025",
                KEUANGAN,
                KA_KEUANGAN,
                2026,
                "Kabupaten Uji",
                "Softcopy",
                "5 tahun",
                "Berkala",
            ],
            [
                2,
                "Daftar Aset Tetap",
                None,
                KA_KEUANGAN,
                2026,
                "Kabupaten Uji",
                "Cetak",
                "5 tahun",
                "Berkala",
            ],
            [
                3,
                "Data Pribadi Anggota KPPS",
                "UU 14/2008 Pasal 17 huruf h",
                KA_TEKNIS,
                2024,
                "Kabupaten Uji",
                "Softcopy",
                "2 tahun",
                "Berkala",
            ],
            [
                4,
                "Notulen Rapat Pleno",
                TEKNIS,
                KA_TEKNIS,
                "awal tahun lalu",
                "Kabupaten Uji",
                "Cetak",
                "permanen",
                "Berkala",
            ],
            [
                5,
                "Surat Edaran Cuti",
                KEUANGAN,
                KA_KEUANGAN,
                "31/02/2026",
                "Kabupaten Uji",
                "Cetak",
                "1 tahun",
                "Berkala",
            ],
            [
                6,
                "Rekaman Rapat Koordinasi",
                TEKNIS,
                KA_TEKNIS,
                2026,
                "Kabupaten Uji",
                "Faksimili",
                "2 tahun",
                "Berkala",
            ],
            [
                7,
                "Daftar Hadir Pegawai",
                KEUANGAN,
                KA_KEUANGAN,
                2026,
                "Kabupaten Uji",
                "Cetak",
                None,
                "Berkala",
            ],
            [
                8,
                "Nota Dinas Internal",
                KEUANGAN,
                KA_KEUANGAN,
                2026,
                "Kabupaten Uji",
                "Cetak",
                "2 tahun",
                "Rahasia",
            ],
            [
                9,
                "Berkas Penyidikan",
                TEKNIS,
                KA_TEKNIS,
                2026,
                "Kabupaten Uji",
                "Cetak",
                "5 tahun",
                "Dikecualikan",
            ],
            ["Catatan: kolom unit diisi oleh masing-masing Sub Bagian"],
            [
                10,
                "Jadwal Piket Layanan",
                KEUANGAN,
                None,
                2026,
                "Kabupaten Uji",
                "Cetak",
                "1 tahun",
                "Berkala",
            ],
            [
                11,
                "Rencana Strategis 2030-2034",
                KEUANGAN,
                KA_KEUANGAN,
                2030,
                "Kabupaten Uji",
                "Softcopy",
                "5 tahun",
                "Berkala",
            ],
        ],
    )
    wb.save(path)
    return path
