"""Spreadsheet helpers shared by every XLSX the kit writes: the same bytes for the same data.

openpyxl stamps the save time into the zip entries and docProps/core.xml; `save()` writes a
workbook with a fixed time instead, so a rebuild changes nothing that did not change. Text
that a spreadsheet would read as a formula is quoted (`safe()`). openpyxl is imported inside
the functions that need it (about 0.1 s), never with this module.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

# A cell starting with one of these is a formula to a spreadsheet: typed text must not run.
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe(value: str | int) -> str | int:
    """A value as a cell may hold it: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


def cell(
    ws: Any, value: str | int, font: Font | None = None, alignment: Alignment | None = None
) -> WriteOnlyCell:
    """A write-only cell with an optional font and alignment."""
    from openpyxl.cell import WriteOnlyCell

    out = WriteOnlyCell(ws, value=value)
    if font is not None:
        out.font = font
    if alignment is not None:
        out.alignment = alignment
    return out


def save(wb: Workbook, stamp: datetime) -> bytes:
    """The workbook's bytes, with `stamp` as its creation and modification time everywhere."""
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return fixed_zip_times(buf.getvalue(), stamp)


def fixed_zip_times(data: bytes, stamp: datetime) -> bytes:
    """Rewrite the zip with a fixed time on every member and in its properties."""
    fixed_iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + fixed_iso + rb"\g<2>",
                    body,
                )
            dst.writestr(fixed, body)
    return out.getvalue()
