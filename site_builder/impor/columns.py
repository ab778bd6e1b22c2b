"""Where the DIP table is in a sheet: its header row (merged, under a title, split into
Cetak/Softcopy/Rekaman sub-columns) and which column holds which element.

The words come from site_builder/data/impor-dip.yml (regulation-shaped vocabulary, not code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from site_builder.errors import PPIDError
from site_builder.impor.sheets import Sheet, Value
from site_builder.yamldata import read_data

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "impor-dip.yml"

# The seven official elements (Nomor aside), each satisfied by any of these columns.
ELEMENTS = (
    ("ringkasan", "judul"),
    ("penguasa", "folder_unit"),
    ("penanggung_jawab",),
    ("waktu_tempat", "waktu", "tempat"),
    ("bentuk", "bentuk_cetak", "bentuk_softcopy", "bentuk_rekaman"),
    ("retensi",),
)
SPLIT_BENTUK = {"bentuk_cetak": "cetak", "bentuk_softcopy": "softcopy", "bentuk_rekaman": "rekaman"}
UJI_FIELDS = (
    "uji_dasar_hukum",
    "uji_pasal_17",
    "uji_konsekuensi",
    "uji_kepentingan_publik",
    "uji_berlaku",
    "uji_nomor_sk",
    "uji_tanggal",
    "uji_penetap",
    "uji_penetap_dasar",
)
HEADER_SEARCH = 25  # rows from the top where a header may stand (under titles and notes)


class VocabularyError(PPIDError):
    """The import's vocabulary file is unreadable or malformed."""


@dataclass(frozen=True)
class _Pattern:
    same: frozenset[str]
    words: tuple[str, ...]
    without: tuple[str, ...]

    def matches(self, header: str) -> bool:
        if header in self.same:
            return True
        if not self.words:
            return False
        padded = f" {header} "
        return all(f" {w} " in padded for w in self.words) and not any(
            f" {w} " in padded for w in self.without
        )


@dataclass(frozen=True)
class Vocabulary:
    """The words of the import, read from the data file."""

    columns: tuple[tuple[str, tuple[_Pattern, ...]], ...]
    minimum: int
    kategori: tuple[tuple[str, tuple[str, ...]], ...]
    bentuk: tuple[tuple[str, tuple[str, ...]], ...]
    ya: frozenset[str]
    tidak: frozenset[str]
    legal: tuple[re.Pattern[str], ...]

    def field_of(self, header: Value) -> str | None:
        """The element a header names, or None."""
        if not isinstance(header, str):
            return None
        text = normal(header)
        if not text:
            return None
        for name, patterns in self.columns:
            if any(p.matches(text) for p in patterns):
                return name
        return None

    def kategori_of(self, value: Value) -> str | None:
        """The category a text names ("Informasi Berkala", "Serta-merta"), or None."""
        if not isinstance(value, str):
            return None
        padded = f" {normal(value)} "
        for name, phrases in self.kategori:
            if any(f" {normal(p)} " in padded for p in phrases):
                return name
        return None

    def looks_legal(self, text: str) -> bool:
        """True when the text reads as a legal basis (a law, an article) rather than a unit."""
        return any(p.search(text) for p in self.legal)


def normal(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise VocabularyError(f"{VOCABULARY}: {where} harus berupa daftar teks")
    return tuple(str(v) for v in value)


@cache
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    """The vocabulary file, read once per process."""
    data = read_data(path, VocabularyError, "kosakata impor")
    try:
        columns = tuple(
            (
                name,
                tuple(
                    _Pattern(
                        frozenset(normal(s) for s in _strings(p.get("sama", []), name)),
                        tuple(normal(w) for w in _strings(p.get("kata", []), name)),
                        tuple(normal(w) for w in _strings(p.get("tanpa", []), name)),
                    )
                    for p in patterns
                ),
            )
            for name, patterns in data["kolom"].items()
        )
        return Vocabulary(
            columns=columns,
            minimum=int(data["unsur_minimum"]),
            kategori=tuple((k, _strings(v, f"kategori.{k}")) for k, v in data["kategori"].items()),
            bentuk=tuple(
                (k, tuple(normal(w) for w in _strings(v, f"bentuk.{k}")))
                for k, v in data["bentuk"].items()
            ),
            ya=frozenset(normal(v) or v for v in _strings(data["centang"]["ya"], "centang.ya")),
            tidak=frozenset(
                normal(v) or v for v in _strings(data["centang"]["tidak"], "centang.tidak")
            ),
            legal=tuple(
                re.compile(p, re.IGNORECASE)
                for p in _strings(data["dasar_hukum_di_kolom_unit"], "dasar_hukum_di_kolom_unit")
            ),
        )
    except (KeyError, TypeError, AttributeError, ValueError, re.error) as exc:
        raise VocabularyError(f"{path}: kosakata impor tidak lengkap atau salah ({exc})") from exc


@dataclass(frozen=True)
class Table:
    """A DIP table found in a sheet."""

    sheet: Sheet
    header_row: int  # 1-based; the last header row when the header spans two
    columns: dict[str, int]  # element -> 1-based column
    headers: dict[int, str]  # column -> its header text, as written
    first_row: int  # first data row
    title: tuple[str, ...]  # texts above the header (title rows)

    @property
    def is_supplement(self) -> bool:
        """A sheet of consequence tests only, joined to the DIP rows by number or title."""
        return _is_supplement(self.columns)


def _mapping(vocab: Vocabulary, row: tuple[Value, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, value in enumerate(row, start=1):
        name = vocab.field_of(value)
        if name is not None and name not in found:
            found[name] = col
    return found


def _counts_as_dip(columns: dict[str, int], minimum: int) -> bool:
    return sum(1 for names in ELEMENTS if any(n in columns for n in names)) >= minimum


def _is_supplement(columns: dict[str, int]) -> bool:
    """Consequence tests (two of their columns or more) and none of the elements only a DIP
    table has: what the row says is joined to a DIP row."""
    only_dip = (n for names in ELEMENTS[2:] for n in names)
    return (
        sum(1 for n in UJI_FIELDS if n in columns) >= 2
        and ("nomor" in columns or "judul" in columns or "ringkasan" in columns)
        and not any(n in columns for n in only_dip)
    )


def _numbering(row: tuple[Value, ...]) -> bool:
    """A row of column numbers under the header: 1 | 2 | 3 ... or (1) | (2) | (3)."""
    values = [v for v in row if v is not None]
    numbers = []
    for v in values:
        text = str(int(v)) if isinstance(v, int | float) and not isinstance(v, bool) else str(v)
        text = text.strip("() .")
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return len(numbers) >= 3 and numbers == sorted(set(numbers))


def find_table(sheet: Sheet, vocab: Vocabulary) -> Table | None:
    """The DIP (or consequence-test) table of a sheet, or None when it has none."""
    best: tuple[int, int, dict[str, int]] | None = None
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH], start=1):
        columns = _mapping(vocab, row)
        if _counts_as_dip(columns, vocab.minimum) or _is_supplement(columns):
            score = len(columns)
            if best is None or score > best[1]:
                best = (r, score, columns)
    if best is None:
        return None
    header_row, _, columns = best
    headers = {
        c: str(v) for c, v in enumerate(sheet.rows[header_row - 1], start=1) if v is not None
    }
    first = header_row + 1
    # A second header row: sub-columns under a merged header (Bentuk -> Cetak | Softcopy |
    # Rekaman). Cells merged down from the first row repeat its text and change nothing.
    below = sheet.rows[header_row] if header_row < len(sheet.rows) else ()
    sub = {
        name: col
        for name, col in _mapping(vocab, below).items()
        if headers.get(col) != str(below[col - 1])
    }
    # Only a header row: each cell repeats the one above (merged down) or names a column.
    is_header = all(
        v is None or headers.get(c) == str(v) or vocab.field_of(v) is not None
        for c, v in enumerate(below, start=1)
    )
    if is_header and any(name in SPLIT_BENTUK for name in sub):
        for name, col in sub.items():
            columns = {n: c for n, c in columns.items() if c != col}
            columns[name] = col
            headers[col] = (
                f"{headers[col]} / {below[col - 1]}" if col in headers else str(below[col - 1])
            )
        header_row += 1
        first += 1
    if first <= len(sheet.rows) and _numbering(sheet.rows[first - 1]):
        first += 1
    title = tuple(
        str(v)
        for row in sheet.rows[: best[0] - 1]
        for v in dict.fromkeys(row)  # merged title cells repeat the same text
        if isinstance(v, str)
    )
    return Table(sheet, header_row, columns, headers, first, title)


def as_text(value: Value) -> str:
    """A cell as text: numbers without a trailing .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
