"""An office's spreadsheet as plain sheets of cells: .xlsx (openpyxl) and .csv (stdlib).

Merged cells are filled with the value of their top-left cell, so a header merged across
three columns, or a unit written once for five rows, reads as if it were typed in each
cell. A file that cannot be read is one `SpreadsheetError` sentence naming it; .ods and the
old .xls are refused with what to do instead (no kept library reads them).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeAlias

from site_builder.errors import PPIDError
from site_builder.text import clean, is_text
from site_builder.workbook import FORMULA

Value: TypeAlias = str | int | float | date | None

MAX_BYTES = 20 * 1024 * 1024  # an office's DIP is a few hundred rows: a few hundred KB
MAX_ROWS = 20_000
MAX_COLS = 80


class SpreadsheetError(PPIDError):
    """The file is not a spreadsheet the import can read; the message says which and why."""


@dataclass(frozen=True)
class Sheet:
    """One sheet: `rows[i][j]` is the cell at row i+1, column j+1 (R{i+1}C{j+1})."""

    name: str  # "" for a CSV file, which has no sheet names
    rows: tuple[tuple[Value, ...], ...]

    def cell(self, row: int, col: int) -> Value:
        """The value at 1-based (row, col), None outside the sheet."""
        if 1 <= row <= len(self.rows) and 1 <= col <= len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return None


def read(path: Path) -> tuple[Sheet, ...]:
    """Every sheet of the file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".ods":
        raise SpreadsheetError(
            f"{path}: berkas .ods belum dapat dibaca; buka di LibreOffice lalu simpan sebagai "
            ".xlsx (Simpan Sebagai > Excel 2007-365) atau .csv, kemudian impor berkas itu"
        )
    if suffix == ".xls":
        raise SpreadsheetError(
            f"{path}: format .xls lama tidak dapat dibaca; simpan ulang sebagai .xlsx "
            "(Excel 2007-365) kemudian impor berkas itu"
        )
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise SpreadsheetError(
            f"{path}: bukan spreadsheet yang dikenal; impor menerima .xlsx atau .csv"
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpreadsheetError(f"{path}: berkas tidak dapat dibuka ({exc.strerror})") from exc
    if size > MAX_BYTES:
        raise SpreadsheetError(
            f"{path}: berkas berukuran {size // (1024 * 1024)} MB, melebihi batas "
            f"{MAX_BYTES // (1024 * 1024)} MB untuk sebuah DIP"
        )
    data = path.read_bytes()
    sheets = _csv(path, data) if suffix == ".csv" else _xlsx(path, data)
    for sheet in sheets:
        if len(sheet.rows) > MAX_ROWS:
            raise SpreadsheetError(
                f"{path}: lembar '{sheet.name}' berisi lebih dari {MAX_ROWS} baris; "
                "pisahkan menjadi beberapa berkas"
            )
    return sheets


def _text(value: str) -> str:
    if not is_text(value):
        value = value.encode("utf-8", "replace").decode("utf-8")
    if value.startswith("'") and value[1:].startswith(FORMULA):
        value = value[1:]  # quoted so that a spreadsheet shows it as text (workbook.safe)
    return clean(value)


def _csv(path: Path, data: bytes) -> tuple[Sheet, ...]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # a spreadsheet program on Windows saves CSV in the system's code page
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise SpreadsheetError(
                f"{path}: pengodean teks tidak dikenali; simpan sebagai 'CSV UTF-8'"
            ) from exc
    head = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(head, delimiters=";,\t").delimiter
    except csv.Error:
        first = head.split("\n", 1)[0]
        delimiter = max(";,\t", key=first.count)
    try:
        raw = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SpreadsheetError(f"{path}: CSV tidak dapat dibaca ({exc})") from exc
    rows = tuple(
        tuple(_text(v).strip() or None for v in row[:MAX_COLS]) for row in raw[: MAX_ROWS + 1]
    )
    return (Sheet("", rows),)


def _value(value: object) -> Value:
    if value is None or isinstance(value, bool):
        return None if value is None else ("ya" if value else "tidak")
    if isinstance(value, datetime):
        return value.date()  # a date cell; a time of day, if any, is not part of the DIP
    if isinstance(value, date | int | float):
        return value
    text = _text(str(value)).strip()
    return text or None


def _xlsx(path: Path, data: bytes) -> tuple[Sheet, ...]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError) as exc:
        raise SpreadsheetError(
            f"{path}: bukan berkas .xlsx yang utuh ({type(exc).__name__}); buka di program "
            "spreadsheet lalu simpan ulang sebagai .xlsx"
        ) from exc
    sheets = []
    for ws in wb.worksheets:
        height = min(ws.max_row or 0, MAX_ROWS + 1)
        width = min(ws.max_column or 0, MAX_COLS)
        grid: list[list[Value]] = [[None] * width for _ in range(height)]
        for r, row in enumerate(ws.iter_rows(max_row=height, max_col=width, values_only=True)):
            for c, value in enumerate(row):
                grid[r][c] = _value(value)
        for merged in ws.merged_cells.ranges:
            if merged.min_row > height or merged.min_col > width:
                continue
            top = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, min(merged.max_row, height) + 1):
                for c in range(merged.min_col, min(merged.max_col, width) + 1):
                    grid[r - 1][c - 1] = top
        sheets.append(Sheet(ws.title, tuple(tuple(row) for row in grid)))
    return tuple(sheets)
