"""Official documents (nota dinas, SK) written once as blocks, rendered to Markdown and PDF.

PDFs are deterministic (reportlab's invariant mode) so that re-running a stage on the same
data gives the same bytes and git shows no change.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)


@dataclass(frozen=True)
class Heading:
    """A centred title line (bold)."""

    text: str


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
    """Place and date, position, and name of the signatory."""

    tempat_tanggal: str
    jabatan: str
    nama: str


Block = Heading | Para | Fields | Items | Grid | Signature


@dataclass
class Document:
    """A titled sequence of blocks."""

    title: str
    blocks: list[Block] = field(default_factory=list)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(doc: Document) -> str:
    """The document as Markdown (for review in a pull request)."""
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(f"**{b.text}**")
        elif isinstance(b, Para):
            out.append(b.text)
        elif isinstance(b, Fields):
            out.append("| | |\n|---|---|\n" + "\n".join(
                f"| {_cell(k)} | {_cell(v)} |" for k, v in b.rows))
        elif isinstance(b, Items):
            marks = "abcdefghijklmnopqrstuvwxyz"
            out.append("\n".join(
                f"{marks[i] + '.' if b.letters else str(i + 1) + '.'} {t}"
                for i, t in enumerate(b.items)))
        elif isinstance(b, Grid):
            table = [f"| {' | '.join(map(_cell, b.header))} |",
                     "|" + "---|" * len(b.header)]
            table += [f"| {' | '.join(map(_cell, r))} |" for r in b.rows]
            out.append((f"**{b.title}**\n\n" if b.title else "") + "\n".join(table))
        else:
            out.append(f"{b.tempat_tanggal}  \n{b.jabatan}\n\n\n\n**{b.nama}**")
    return f"# {doc.title}\n\n" + "\n\n".join(out) + "\n"


_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle("body", parent=_STYLES["BodyText"], fontName="Helvetica", fontSize=10.5,
                       leading=14)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=7.5, leading=9)
_TITLE = ParagraphStyle("title", parent=_BODY, fontName="Helvetica-Bold", alignment=TA_CENTER,
                        fontSize=11.5, leading=15)


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def to_pdf(doc: Document) -> bytes:
    """The document as an A4 PDF; attachment tables follow the letter on new pages."""
    portrait: list[object] = []
    annexes: list[Grid] = []
    for b in doc.blocks:
        if isinstance(b, Grid) and b.lampiran:
            annexes.append(b)
        else:
            portrait += _flow(b, A4[0] - 5 * cm)
    buf = io.BytesIO()
    pdf = SimpleDocTemplate(buf, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=doc.title,
                            author="PPID", invariant=1)
    story = portrait
    if annexes:
        story = [*portrait, PageBreak()]
        for grid in annexes:
            story += _flow(grid, A4[0] - 5 * cm, small=True)
    pdf.build(story)
    return buf.getvalue()


def _flow(b: Block, width: float, small: bool = False) -> list[object]:
    if isinstance(b, Heading):
        return [_p(b.text, _TITLE), Spacer(1, 4)]
    if isinstance(b, Para):
        return [_p(b.text), Spacer(1, 6)]
    if isinstance(b, Fields):
        t = Table([[_p(k), _p(":"), _p(v)] for k, v in b.rows],
                  colWidths=[3 * cm, 0.5 * cm, width - 3.5 * cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [t, Spacer(1, 8)]
    if isinstance(b, Items):
        marks = "abcdefghijklmnopqrstuvwxyz"
        rows = [[_p(marks[i] + "." if b.letters else f"{i + 1}."), _p(text)]
                for i, text in enumerate(b.items)]
        t = Table(rows, colWidths=[0.8 * cm, width - 0.8 * cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [t, Spacer(1, 6)]
    if isinstance(b, Grid):
        style = _SMALL if small else _BODY
        widths = [w * width for w in b.widths] if b.widths else None
        data = [[_p(h, style) for h in b.header]] + [[_p(c, style) for c in r] for r in b.rows]
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        head = [_p(b.title, _TITLE), Spacer(1, 6)] if b.title else []
        return [*head, t, Spacer(1, 8)]
    sig = [_p(b.tempat_tanggal), _p(b.jabatan), Spacer(1, 42), _p(b.nama)]
    table = Table([[None, sig]], colWidths=[width * 0.5, width * 0.5])
    return [Spacer(1, 12), KeepTogether([table])]
