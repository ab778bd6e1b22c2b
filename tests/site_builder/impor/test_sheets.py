"""Reading an office's file: CSV as Excel and LibreOffice save it, merged cells, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from site_builder.impor.sheets import SpreadsheetError, read


def test_csv_with_semicolons_in_the_windows_code_page(tmp_path: Path) -> None:
    # Excel in an Indonesian locale saves "CSV (dipisahkan titik koma)" in cp1252
    path = tmp_path / "DIP.csv"
    path.write_bytes(
        "No;Ringkasan Isi Informasi;Retensi\n1;Laporan “Kinerja” 2025;5 tahun\n".encode("cp1252")
    )
    (sheet,) = read(path)
    assert sheet.name == ""
    assert sheet.rows[1] == ("1", "Laporan “Kinerja” 2025", "5 tahun")


def test_csv_utf8_with_bom_and_commas(tmp_path: Path) -> None:
    path = tmp_path / "DIP.csv"
    path.write_bytes('\ufeffNo,Ringkasan,Bentuk\r\n1,Peta TPS,"Cetak, Softcopy"\r\n'.encode())
    (sheet,) = read(path)
    assert sheet.rows == (("No", "Ringkasan", "Bentuk"), ("1", "Peta TPS", "Cetak, Softcopy"))


def test_merged_cells_read_as_typed_in_each_cell(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Bentuk Informasi", None, None])
    ws.append(["Cetak", "Softcopy", "Rekaman"])
    ws.merge_cells("A1:C1")
    wb.save(tmp_path / "a.xlsx")
    (sheet,) = read(tmp_path / "a.xlsx")
    assert sheet.rows[0] == ("Bentuk Informasi",) * 3
    assert sheet.cell(2, 3) == "Rekaman" and sheet.cell(9, 9) is None


def test_text_quoted_against_formulas_comes_back_as_typed(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["'=5 tahun", "'- selama berlaku", "'biasa"])
    wb.save(tmp_path / "a.xlsx")
    (sheet,) = read(tmp_path / "a.xlsx")
    assert sheet.rows[0] == ("=5 tahun", "- selama berlaku", "'biasa")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("DIP.xlsx", b"bukan zip", "bukan berkas .xlsx yang utuh"),
        (
            "DIP.xls",
            b"\xd0\xcf\x11\xe0",
            "format .xls lama tidak dapat dibaca; simpan ulang sebagai .xlsx",
        ),
        ("DIP.ods", b"PK", "berkas .ods belum dapat dibaca"),
        ("DIP.docx", b"PK", "bukan spreadsheet yang dikenal; impor menerima .xlsx atau .csv"),
    ],
)
def test_files_it_cannot_read_are_one_sentence(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(SpreadsheetError, match=message):
        read(tmp_path / name)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError, match=r"tidak-ada\.xlsx: berkas tidak dapat dibuka"):
        read(tmp_path / "tidak-ada.xlsx")
