"""Official documents (nota dinas, SK, letters, reports) as blocks: Markdown, PDF and DOCX.

A document is written once as blocks, either in code or read from a small Markdown subset
(`from_markdown`, what the office's letter templates are written in), and rendered to
Markdown (for review and golden files), PDF (reportlab) and DOCX (python-docx, editable).
PDFs are deterministic (reportlab's invariant mode) so that re-running a stage on the same
data gives the same bytes and git shows no change.

The Markdown subset, one block per paragraph (blocks are separated by a blank line):
  `# Judul`                 a centred bold title line (`##` a smaller one)
  `| | |` table             label : value lines (the header row has empty cells)
  `| A | B |` table          a ruled table with a header row
  `1. teks` / `a. teks`     a numbered or lettered list
  `::: ttd` ... `:::`       the signature block: place and date, position(s), name, and
                            an optional last line `NIP 19...` (the signatory's NIP)
  anything else             a paragraph; `**tebal**` is bold, a line ending in two spaces
                            or a backslash breaks the line
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.dates import format_date
from site_builder.dokumen.blocks import (
    BOLD,
    STAR,
    Block,
    Chart,
    Document,
    Fields,
    Grid,
    Heading,
    Items,
    KepalaSurat,
    Kop,
    Para,
    Section,
    Signature,
)
from site_builder.errors import PPIDError

if TYPE_CHECKING:
    from site_builder.dip.model import Office

__all__ = [
    "STAR",
    "Block",
    "Chart",
    "Document",
    "Fields",
    "Grid",
    "Heading",
    "Items",
    "KepalaSurat",
    "Kop",
    "LogoError",
    "Para",
    "Section",
    "Signature",
    "TemplateError",
    "files",
    "from_markdown",
    "kepala_surat",
    "kop",
    "ppid_signature",
    "to_docx",
    "to_markdown",
    "to_pdf",
    "write",
]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(
    doc: Document, chart: Callable[[Chart], str] | None = None, escaped: bool = False
) -> str:
    """The document as Markdown (for review in a pull request, or as a site page).

    `chart` draws a Chart block (an SVG on the site); without it a chart is a table.
    Every text is made inert: `<script>` stays text and `[x](javascript:...)` no link, in
    whatever viewer opens the file. `escaped=True` says the caller has already escaped the
    texts for its own page (the annual report's site page), so they are left as they are.
    """
    if not escaped:
        doc = Document(doc.title, [_inert(b) for b in doc.blocks])
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Section):
            out.append(f"## {b.text}")
        elif isinstance(b, Chart):
            table = [f"| {_cell(b.title)} | {_cell(b.value_label)} |", "|---|---|"]
            table += [f"| {_cell(k)} | {v} |" for k, v in zip(b.labels, b.values, strict=True)]
            out.append(chart(b) if chart else "\n".join(table))
        elif isinstance(b, Kop):
            out.append(f"**{b.nama.upper()}**  \n{b.alamat}  \n{b.kontak}\n\n---")
        elif isinstance(b, KepalaSurat):
            rows = b.rows
            out.append(
                f"{b.tempat_tanggal}\n\n| | |\n|---|---|\n"
                + "\n".join(f"| {k} | {_cell(v)} |" for k, v in rows)
            )
        elif isinstance(b, Heading):
            out.append(f"**{b.text}**")
        elif isinstance(b, Para):
            out.append(b.text.replace("\n", "  \n"))
        elif isinstance(b, Fields):
            out.append(
                "| | |\n|---|---|\n" + "\n".join(f"| {_cell(k)} | {_cell(v)} |" for k, v in b.rows)
            )
        elif isinstance(b, Items):
            marks = "abcdefghijklmnopqrstuvwxyz"
            out.append(
                "\n".join(
                    f"{marks[i] + '.' if b.letters else str(i + 1) + '.'} {t}"
                    for i, t in enumerate(b.items)
                )
            )
        elif isinstance(b, Grid):
            table = [f"| {' | '.join(map(_cell, b.header))} |", "|" + "---|" * len(b.header)]
            table += [f"| {' | '.join(map(_cell, r))} |" for r in b.rows]
            out.append((f"**{b.title}**\n\n" if b.title else "") + "\n".join(table))
        else:
            jabatan = b.jabatan.replace("\n", "  \n")
            nip = f"  \nNIP {b.nip}" if b.nip else ""
            place = f"{b.tempat_tanggal}  \n" if b.tempat_tanggal else ""
            out.append(f"{place}{jabatan}\n\n\n\n**{b.nama}**{nip}")
    return (f"# {doc.title}\n\n" + "\n\n".join(out) + "\n").replace(STAR, "\\*")


_INERT = {"<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]"}
_INERT_CHARS = re.compile(r"[<>\[\]]")


def _inert_text(text: str) -> str:
    """Markdown text in which no HTML tag and no link can start: `<` and `>` as entities,
    brackets escaped (read the same by CommonMark viewers and by Python-Markdown)."""
    if "<" in text or ">" in text or "[" in text or "]" in text:
        return _INERT_CHARS.sub(lambda m: _INERT[m.group()], text)
    return text


def _inert(b: Block) -> Block:
    if isinstance(b, Para | Section | Heading):
        return replace(b, text=_inert_text(b.text))
    if isinstance(b, Fields):
        return replace(b, rows=tuple((_inert_text(k), _inert_text(v)) for k, v in b.rows))
    if isinstance(b, Items):
        return replace(b, items=tuple(map(_inert_text, b.items)))
    if isinstance(b, Grid):
        return replace(
            b,
            header=tuple(map(_inert_text, b.header)),
            rows=tuple(tuple(map(_inert_text, r)) for r in b.rows),
            title=_inert_text(b.title),
        )
    if isinstance(b, Kop):
        return replace(
            b, nama=_inert_text(b.nama), alamat=_inert_text(b.alamat), kontak=_inert_text(b.kontak)
        )
    if isinstance(b, KepalaSurat):
        return replace(
            b,
            nomor=_inert_text(b.nomor),
            hal=_inert_text(b.hal),
            tempat_tanggal=_inert_text(b.tempat_tanggal),
            sifat=_inert_text(b.sifat),
            lampiran=_inert_text(b.lampiran),
        )
    if isinstance(b, Signature):
        return replace(
            b,
            tempat_tanggal=_inert_text(b.tempat_tanggal),
            jabatan=_inert_text(b.jabatan),
            nama=_inert_text(b.nama),
            nip=_inert_text(b.nip),
        )
    return b


def kop(office: Office) -> Kop:
    """The office's letterhead, with its emblem when `logo` is set."""
    return Kop(
        office.nama,
        office.alamat,
        f"Telepon {office.telepon} · Surel {office.email} · Laman {office.laman}",
        office.logo,
    )


def kepala_surat(office: Office, nomor: str, hal: str, day: date, **more: str) -> KepalaSurat:
    """A letter's heading block (Nomor, Sifat, Lampiran, Hal), dated at the office's place;
    `more` sets `sifat` or `lampiran`."""
    return KepalaSurat(nomor, hal, f"{office.tempat_surat}, {format_date(day)}", **more)


def ppid_signature(office: Office, day: date) -> Signature:
    """The PPID's signature block, dated at the office's place."""
    return Signature(
        f"{office.tempat_surat}, {format_date(day)}",
        f"Pejabat Pengelola Informasi dan Dokumentasi\n{office.nama}",
        office.ppid.nama,
        office.ppid.nip,
    )


def files(doc: Document, day: date | None = None) -> list[tuple[str, bytes]]:
    """The document as the files staff get: PDF to print, DOCX to edit, Markdown to review."""
    when = datetime.combine(day, datetime.min.time(), UTC) if day else None
    return [
        (".pdf", to_pdf(doc)),
        (".docx", to_docx(doc, when)),
        (".md", to_markdown(doc).encode("utf-8")),
    ]


def write(doc: Document, out_dir: Path, stem: str, day: date | None = None) -> list[Path]:
    """`files` written into out_dir as <stem>.pdf/.docx/.md, each whole or not at all."""
    from site_builder.files import write_atomic

    made = []
    for suffix, content in files(doc, day):
        write_atomic(out_dir / f"{stem}{suffix}", content)
        made.append(out_dir / f"{stem}{suffix}")
    return made


class LogoError(PPIDError):
    """The letterhead's logo cannot be read (it may have changed since `ppid check`)."""


def _readable_logos(doc: Document) -> None:
    """Every letterhead's logo decodes whole, or LogoError: before any writer embeds it."""
    from site_builder.dokumen.gambar import unreadable

    for b in doc.blocks:
        if isinstance(b, Kop) and b.logo is not None:
            reason = unreadable(b.logo)
            if reason is not None:
                raise LogoError(
                    f"logo kop surat {b.logo} tidak dapat dipakai: {reason}; ganti berkas "
                    "logo (PNG) yang disebut `logo:` di badan-publik.yml, periksa dengan "
                    "`ppid check`, lalu buat dokumennya lagi"
                )


def to_pdf(doc: Document) -> bytes:
    """The document as an A4 PDF (reportlab, imported only when a PDF is made)."""
    from site_builder.dokumen.pdf import render_pdf

    _readable_logos(doc)
    return render_pdf(doc)


# --- reading the Markdown subset ------------------------------------------------------------


class TemplateError(PPIDError):
    """A document template that does not follow the Markdown subset; says where."""


_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_ITEM = re.compile(r"^(\d+|[a-z])\.\s+(.*)$")
_UNESCAPE = re.compile(r"\\([|*\\])")
_NIP_LINE = re.compile(r"^NIP[.:]?\s+")


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: STAR if m.group(1) == "*" else m.group(1), text)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [_unescape(c.strip()) for c in _CELL_SPLIT.split(inner)]


def _joined(lines: list[str]) -> str:
    """Paragraph lines joined: a line ending in two spaces or a backslash breaks the line."""
    out = ""
    for i, line in enumerate(lines):
        slashes = len(line) - len(line.rstrip("\\"))
        hard = line.endswith("  ") or slashes % 2 == 1  # an odd backslash ends the line
        text = line.strip()
        if slashes % 2 == 1:
            text = text[:-1].rstrip()
        out += text if i == 0 else (" " if not out.endswith("\n") else "") + text
        if hard and i < len(lines) - 1:
            out += "\n"
    return out.strip()


def from_markdown(text: str, title: str = "", where: str = "templat") -> Document:
    """Blocks from the Markdown subset described at the top of this module.

    `**bold**` markers stay in the text (the PDF and DOCX writers turn them into bold);
    `\\|`, `\\*` and `\\\\` are literal characters. Raises TemplateError naming the line.
    """
    doc = Document(title)
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        start = i
        if line.strip() == "::: ttd":
            body: list[str] = []
            i += 1
            while i < len(lines) and lines[i].strip() != ":::":
                if lines[i].strip():
                    body.append(lines[i].strip())
                i += 1
            if i == len(lines):
                raise TemplateError(f"{where}:{start + 1}: blok '::: ttd' tidak ditutup ':::'")
            if len(body) < 3:
                raise TemplateError(
                    f"{where}:{start + 1}: blok tanda tangan perlu sedikitnya "
                    "3 baris: tempat dan tanggal, jabatan, nama"
                )
            i += 1
            nip = ""
            if len(body) > 3 and _NIP_LINE.match(body[-1]):
                nip = _NIP_LINE.sub("", body.pop()).strip()
            doc.blocks.append(
                Signature(
                    _unescape(body[0]),
                    "\n".join(map(_unescape, body[1:-1])),
                    _unescape(body[-1]).replace("**", ""),
                    _unescape(nip),
                )
            )
            continue
        block: list[str] = []
        while i < len(lines) and lines[i].strip() and lines[i].strip() != "::: ttd":
            block.append(lines[i])
            i += 1
        first = block[0].lstrip()
        if first.startswith("#"):
            level = len(first) - len(first.lstrip("#"))
            if len(block) > 1:
                raise TemplateError(
                    f"{where}:{start + 2}: judul hanya satu baris; beri baris kosong sesudahnya"
                )
            doc.blocks.append(Heading(_unescape(first[level:].strip()), 1 if level == 1 else 2))
        elif first.startswith("|"):
            doc.blocks.append(_table(block, where, start))
        elif _ITEM.match(first):
            items: list[list[str]] = []
            letters = not first[0].isdigit()
            for n, raw in enumerate(block):
                m = _ITEM.match(raw.strip())
                if m:
                    items.append([m.group(2)])
                elif raw.startswith((" ", "\t")):
                    items[-1].append(raw.strip())
                else:
                    raise TemplateError(
                        f"{where}:{start + n + 1}: baris daftar harus diawali "
                        "'1.' atau 'a.' (atau menjorok untuk lanjutan)"
                    )
            doc.blocks.append(Items(tuple(_unescape(_joined(t)) for t in items), letters))
        else:
            doc.blocks.append(Para(_unescape(_joined(block))))
    return doc


def _table(block: list[str], where: str, start: int) -> Fields | Grid:
    if len(block) < 2 or not set(block[1].replace("|", "").strip()) <= set("-: "):
        raise TemplateError(
            f"{where}:{start + 2}: tabel perlu baris pemisah '|---|---|' di bawah baris judul kolom"
        )
    header = _cells(block[0])
    rows = [_cells(r) for r in block[2:]]
    for n, r in enumerate(rows):
        if len(r) != len(header):
            raise TemplateError(
                f"{where}:{start + n + 3}: baris tabel berisi {len(r)} kolom, "
                f"judulnya {len(header)}"
            )
    if not any(header):
        if len(header) != 2:
            raise TemplateError(
                f"{where}:{start + 1}: tabel isian (judul kolom kosong) harus "
                "dua kolom: keterangan dan isi"
            )
        return Fields(tuple((r[0], r[1]) for r in rows))
    return Grid(tuple(header), tuple(tuple(r) for r in rows))


# --- DOCX --------------------------------------------------------------------------------------


def to_docx(doc: Document, when: datetime | None = None) -> bytes:
    """The document as an editable A4 DOCX (Word, LibreOffice), in the same order as the PDF."""
    import docx
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    from docx.text.paragraph import Paragraph as DocxParagraph

    _readable_logos(doc)
    out = docx.Document()
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2)
    normal = out.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    props = out.core_properties
    props.title, props.author = doc.title, "PPID"
    if when is not None:
        props.created = props.modified = when
        props.last_modified_by = "PPID"

    def para(
        container: object,
        text: str,
        *,
        bold: bool = False,
        centre: bool = False,
        size: float | None = None,
    ) -> None:
        p = container.add_paragraph()  # type: ignore[attr-defined]
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        lines = text.split("\n")
        for n, line in enumerate(lines):
            for k, piece in enumerate(BOLD.split(line)):
                if not piece:
                    continue
                run = p.add_run(piece.replace(STAR, "*"))
                run.bold = bold or k % 2 == 1
                if size:
                    run.font.size = Pt(size)
            if n < len(lines) - 1:
                p.add_run().add_break()

    def table(rows: list[list[str]], ruled: bool, header: bool = False) -> None:
        t = out.add_table(rows=len(rows), cols=len(rows[0]))
        if ruled:
            t.style = "Table Grid"
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = t.cell(r, c)
                cell.paragraphs[0].text = ""
                first = cell.paragraphs[0]
                for k, piece in enumerate(BOLD.split(value)):
                    if piece:
                        first.add_run(piece.replace(STAR, "*")).bold = (
                            header and r == 0
                        ) or k % 2 == 1

    def borderless(t: object, widths: tuple[object, ...]) -> None:
        t.autofit = False  # type: ignore[attr-defined]
        for row in t.rows:  # type: ignore[attr-defined]
            for cell, w in zip(row.cells, widths, strict=True):
                cell.width = w

    for b in doc.blocks:
        if isinstance(b, Kop):
            head = out.add_table(rows=1, cols=3)
            borderless(head, (Cm(2.6), Cm(10.8), Cm(2.6)))
            if b.logo is not None:
                head.cell(0, 0).paragraphs[0].add_run().add_picture(str(b.logo), height=Cm(2.2))
            text = head.cell(0, 1)
            text.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            text.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = text.paragraphs[0].add_run(b.nama.upper())
            run.bold, run.font.size = True, Pt(13)
            para(text, b.alamat, centre=True, size=9)
            para(text, b.kontak, centre=True, size=9)
            _rule(out.add_paragraph())
        elif isinstance(b, KepalaSurat):
            rows = b.rows
            t = out.add_table(rows=4, cols=4)
            borderless(t, (Cm(2.2), Cm(0.4), Cm(7.4), Cm(6)))
            for r, (label, value) in enumerate(rows):
                for c, piece in enumerate((label, ":", value)):
                    t.cell(r, c).paragraphs[0].text = piece.replace(STAR, "*")
            date_cell = t.cell(0, 3).paragraphs[0]
            date_cell.text = b.tempat_tanggal
            date_cell.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            out.add_paragraph()
        elif isinstance(b, Heading):
            para(out, b.text, bold=True, centre=True, size=11.5 if b.level == 1 else 10.5)
        elif isinstance(b, Section):
            out.add_heading(b.text, level=2)
        elif isinstance(b, Chart):
            para(out, b.title, bold=True)
            table(
                [
                    [b.title, b.value_label],
                    *[[k, str(v)] for k, v in zip(b.labels, b.values, strict=True)],
                ],
                ruled=True,
                header=True,
            )
        elif isinstance(b, Para):
            para(out, b.text)
        elif isinstance(b, Fields):
            table([[k, ":", v] for k, v in b.rows], ruled=False)
            widths = (Cm(4), Cm(0.5), Cm(11.5))
            for row in out.tables[-1].rows:
                for cell, w in zip(row.cells, widths, strict=True):
                    cell.width = w
        elif isinstance(b, Items):
            marks = "abcdefghijklmnopqrstuvwxyz"
            for n, text in enumerate(b.items):
                para(out, f"{marks[n] + '.' if b.letters else str(n + 1) + '.'} {text}")
        elif isinstance(b, Grid):
            if b.title:
                para(out, b.title, bold=True, centre=True)
            table([list(b.header), *[list(r) for r in b.rows]], ruled=True, header=True)
        else:
            t = out.add_table(rows=1, cols=2)
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            cell = t.cell(0, 1)
            if b.tempat_tanggal:
                cell.paragraphs[0].text = b.tempat_tanggal
                para(cell, b.jabatan)
            else:  # the heading block has the place and date
                cell.paragraphs[0].text = b.jabatan
            para(cell, "\n\n")
            name = cell.add_paragraph().add_run(b.nama.replace(STAR, "*"))
            name.bold = name.underline = True
            if b.nip:
                para(cell, f"NIP {b.nip}")
            # the signature stays on the page of the paragraph before it
            previous = t._tbl.getprevious()
            if previous is not None and previous.tag.endswith("}p"):
                DocxParagraph(previous, out).paragraph_format.keep_with_next = True
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
                p.paragraph_format.keep_together = True
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _rule(paragraph: object) -> None:
    """A double rule under the letterhead: a bottom border on an empty paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thinThickSmallGap"), ("w:sz", "18"), ("w:space", "1")):
        bottom.set(qn(key), value)
    bottom.set(qn("w:color"), "000000")
    border.append(bottom)
    props.append(border)
