"""Finding the DIP table: the official headers and their usual variants, from the data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.impor.columns import find_table, vocabulary
from site_builder.impor.sheets import Sheet, read
from tests.site_builder.impor import kantor


@pytest.mark.parametrize(
    ("header", "element"),
    [
        ("Ringkasan Isi Informasi", "ringkasan"),
        ("Pejabat/Unit/Satker yang Menguasai Informasi", "penguasa"),
        ("Pejabat atau Unit yang menguasai informasi", "penguasa"),
        ("Penanggung Jawab Pembuatan atau Penerbitan Informasi", "penanggung_jawab"),
        ("Penanggungjawab Pembuatan/Penerbitan", "penanggung_jawab"),
        ("Waktu dan Tempat Pembuatan Informasi", "waktu_tempat"),
        ("Waktu Pembuatan", "waktu"),
        ("Tempat Pembuatan", "tempat"),
        ("Bentuk Informasi yang Tersedia", "bentuk"),
        ("Jangka Waktu Penyimpanan atau Retensi Arsip", "retensi"),
        ("JANGKA WAKTU PENYIMPANAN", "retensi"),
        ("Hardcopy", "bentuk_cetak"),
        ("Soft Copy", "bentuk_softcopy"),
        ("Rekaman", "bentuk_rekaman"),
        ("Kategori Informasi", "kategori"),
        ("No.", "nomor"),
        ("Nomor SK uji konsekuensi", "uji_nomor_sk"),
        ("Berlaku sampai/jangka waktu", "uji_berlaku"),
        ("Dasar hukum pengecualian", "uji_dasar_hukum"),
        ("Informasi yang dikecualikan", "judul"),
        ("Folder unit", "folder_unit"),
        ("Konsekuensi bila dibuka", "uji_konsekuensi"),
        ("Pertimbangan kepentingan publik", "uji_kepentingan_publik"),
        ("Penetap uji konsekuensi", "uji_penetap"),
        ("Dasar penetapan", "uji_penetap_dasar"),
        ("Tanggal uji", "uji_tanggal"),
        ("Keterangan", None),
        ("Daftar Informasi Publik KPU Kabupaten Uji Tahun 2026", None),
    ],
)
def test_headers_as_offices_write_them(header: str, element: str | None) -> None:
    assert vocabulary().field_of(header) == element


@pytest.mark.parametrize(
    ("text", "kategori"),
    [
        ("Informasi Berkala", "berkala"),
        ("INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA", "berkala"),
        ("Serta-merta", "serta_merta"),
        ("Informasi yang Wajib Tersedia Setiap Saat", "setiap_saat"),
        ("Dikecualikan", "dikecualikan"),
        ("DIP", None),
    ],
)
def test_category_words(text: str, kategori: str | None) -> None:
    assert vocabulary().kategori_of(text) == kategori


def test_two_header_rows_and_a_row_of_column_numbers(tmp_path: Path) -> None:
    (sheet,) = read(kantor.split_forms(tmp_path / "a.xlsx"))
    table = find_table(sheet, vocabulary())
    assert table is not None
    assert (table.header_row, table.first_row) == (2, 4)
    assert {n: table.columns[n] for n in ("bentuk_cetak", "bentuk_softcopy", "bentuk_rekaman")} == {
        "bentuk_cetak": 7,
        "bentuk_softcopy": 8,
        "bentuk_rekaman": 9,
    }
    assert "bentuk" not in table.columns
    assert table.headers[8] == "Softcopy"  # the lower row names more columns: it is the header


def test_title_rows_above_the_header_are_kept_for_the_category(tmp_path: Path) -> None:
    sheets = read(kantor.per_category(tmp_path / "a.xlsx"))
    table = find_table(sheets[3], vocabulary())
    assert table is not None and table.header_row == 4
    assert table.title == (
        "DAFTAR INFORMASI PUBLIK YANG DIKECUALIKAN",
        "KPU KABUPATEN UJI TAHUN 2026",
    )


def test_a_sheet_without_dip_headers_has_no_table() -> None:
    sheet = Sheet("Petunjuk", (("Isi kolom unit dengan nama Sub Bagian",), ("Nama", "Alamat")))
    assert find_table(sheet, vocabulary()) is None
