"""The blocks a document is made of: letterhead, headings, paragraphs, tables, signature.

Plain frozen data: the writers (Markdown and DOCX in site_builder.dokumen, PDF in
site_builder.dokumen.pdf) read them, nothing here knows a file format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# **bold** inside a paragraph or a cell
BOLD = re.compile(r"\*\*(.+?)\*\*")
# A literal asterisk read from `\*` in a template: kept apart from bold markers until written.
STAR = "\ue000"


@dataclass(frozen=True)
class Kop:
    """The letterhead (kop surat): the office's emblem on the left, its name, address and
    contacts centred beside it, ruled off. `logo` is a PNG file, or None for none."""

    nama: str
    alamat: str
    kontak: str
    logo: Path | None = None


@dataclass(frozen=True)
class KepalaSurat:
    """A letter's heading block: Nomor, Sifat, Lampiran and Hal on the left, the place and
    date on the right (the layout of a surat dinas in the tata naskah dinas)."""

    nomor: str
    hal: str
    tempat_tanggal: str
    sifat: str = "Biasa"
    lampiran: str = "-"

    @property
    def rows(self) -> tuple[tuple[str, str], ...]:
        """The left column, label and value, in the order of the tata naskah dinas."""
        return (
            ("Nomor", self.nomor),
            ("Sifat", self.sifat),
            ("Lampiran", self.lampiran),
            ("Hal", self.hal),
        )


@dataclass(frozen=True)
class Heading:
    """A centred title line (bold); level 2 is a smaller subtitle."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Section:
    """A section heading of a report (left-aligned; a real heading on the site and in DOCX)."""

    text: str


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn from figures (a table of the same figures in Markdown)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    value_label: str = "Jumlah"


@dataclass(frozen=True)
class Para:
    """A paragraph of running text."""

    text: str


@dataclass(frozen=True)
class Fields:
    """Label: value lines, as in a nota dinas header."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Items:
    """A numbered (or lettered) list."""

    items: tuple[str, ...]
    letters: bool = False


@dataclass(frozen=True)
class Grid:
    """A table with a header row; a `lampiran` table goes after a page break, in small type."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    title: str = ""
    lampiran: bool = False


@dataclass(frozen=True)
class Signature:
    """Place and date, position, and name of the signatory, with their NIP when given.
    The place and date may be empty: a letter with a heading block (KepalaSurat) says them
    once, there.

    In a PDF it never stands alone at the top of a page: it is kept with the block before it
    (the closing paragraph)."""

    tempat_tanggal: str
    jabatan: str
    nama: str
    nip: str = ""


Block = Kop | KepalaSurat | Heading | Section | Chart | Para | Fields | Items | Grid | Signature


@dataclass
class Document:
    """A titled sequence of blocks."""

    title: str
    blocks: list[Block] = field(default_factory=list)
