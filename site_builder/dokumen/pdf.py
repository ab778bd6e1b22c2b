"""The PDF writer of site_builder.dokumen (reportlab), kept apart so that building the site
does not import reportlab unless a PDF is made."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

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

_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle(
    "body", parent=_STYLES["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14
)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=7.5, leading=9)
_TITLE = ParagraphStyle(
    "title", parent=_BODY, fontName="Helvetica-Bold", alignment=TA_CENTER, fontSize=11.5, leading=15
)


_SUBTITLE = ParagraphStyle("subtitle", parent=_TITLE, fontSize=10.5, leading=14)
_KOP = ParagraphStyle("kop", parent=_TITLE, fontSize=13, leading=16)
_KOP_SMALL = ParagraphStyle("kop-small", parent=_BODY, alignment=TA_CENTER, fontSize=9, leading=11)
_SECTION = ParagraphStyle("section", parent=_BODY, fontSize=11, leading=14, keepWithNext=1)
_RIGHT = ParagraphStyle("right", parent=_BODY, alignment=TA_RIGHT)
# what a frame of SimpleDocTemplate holds: the page less its margins and the frame's own
# padding of 6 points each side (a table as wide as the margins alone stands out at the left)
_WIDTH = A4[0] - 5 * cm - 12
_LOGO_HEIGHT = 2.3 * cm
_LOGO_COLUMN = 2.6 * cm


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    marked = BOLD.sub(r"<b>\1</b>", escape(text)).replace(STAR, "*")
    return Paragraph(marked.replace("\n", "<br/>"), style)


def render_pdf(doc: Document) -> bytes:
    """The document as an A4 PDF; attachment tables follow the letter on new pages."""
    portrait: list[object] = []
    annexes: list[Grid] = []
    last: list[object] = []  # the flowables of the block before, for a signature to keep
    width = _WIDTH
    for b in doc.blocks:
        if isinstance(b, Grid) and b.lampiran:
            annexes.append(b)
        elif isinstance(b, Signature) and last:
            del portrait[-len(last) :]
            portrait.append(_with_closing(last, _flow(b, width)))
            last = []
        else:
            last = _flow(b, width)
            portrait += last
    buf = io.BytesIO()
    pdf = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=doc.title,
        author="PPID",
        invariant=1,
    )
    story = portrait
    if annexes:
        story = [*portrait, PageBreak()]
        for grid in annexes:
            story += _flow(grid, _WIDTH, small=True)
    pdf.build(story)
    return buf.getvalue()


def _flow(b: Block, width: float, small: bool = False) -> list[object]:
    if isinstance(b, Kop):
        rule = Table([[""]], colWidths=[width], rowHeights=[4])
        rule.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, 0), (-1, 0), 1.6, colors.black),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ]
            )
        )
        text = [_p(b.nama.upper(), _KOP), _p(b.alamat, _KOP_SMALL), _p(b.kontak, _KOP_SMALL)]
        if b.logo is None:
            head: list[object] = text
        else:
            # the emblem on the left, the text centred on the page (an empty column balances)
            logo = _logo(str(b.logo))
            table = Table(
                [[logo, text, ""]],
                colWidths=[_LOGO_COLUMN, width - _LOGO_COLUMN - 0.6 * cm, 0.6 * cm],
            )
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (0, 0), 0),
                        ("ALIGN", (0, 0), (0, 0), "LEFT"),
                    ]
                )
            )
            head = [table]
        return [*head, Spacer(1, 4), rule, Spacer(1, 8)]
    if isinstance(b, KepalaSurat):
        left = Table(
            [[_p(k), _p(":"), _p(v)] for k, v in b.rows],
            colWidths=[2.1 * cm, 0.4 * cm, width * 0.58 - 2.5 * cm],
            hAlign="LEFT",
        )
        left.setStyle(_PLAIN)
        block = Table([[left, _p(b.tempat_tanggal, _RIGHT)]], colWidths=[width * 0.6, width * 0.4])
        block.setStyle(_PLAIN)
        block.setStyle([("TOPPADDING", (1, 0), (1, 0), 6)])  # on the line of the Nomor
        return [block, Spacer(1, 10)]
    if isinstance(b, Heading):
        return [_p(b.text, _TITLE if b.level == 1 else _SUBTITLE), Spacer(1, 4)]
    if isinstance(b, Section):
        return [Spacer(1, 6), _p(f"**{b.text}**", _SECTION), Spacer(1, 2)]
    if isinstance(b, Chart):
        return [_bar_chart(b, width), Spacer(1, 8)]
    if isinstance(b, Para):
        return [_p(b.text), Spacer(1, 6)]
    if isinstance(b, Fields):
        label = min(5.0, max(3.0, 0.21 * max((len(k) for k, _ in b.rows), default=0))) * cm
        # a long value (a request's 5,000 characters) splits inside its row across pages
        t = Table(
            [[_p(k), _p(":"), _p(v)] for k, v in b.rows],
            colWidths=[label, 0.5 * cm, width - label - 0.5 * cm],
            hAlign="LEFT",
            splitInRow=1,
        )
        t.setStyle(_PLAIN)
        return [t, Spacer(1, 8)]
    if isinstance(b, Items):
        marks = "abcdefghijklmnopqrstuvwxyz"
        rows = [
            [_p(marks[i] + "." if b.letters else f"{i + 1}."), _p(text)]
            for i, text in enumerate(b.items)
        ]
        t = Table(rows, colWidths=[0.8 * cm, width - 0.8 * cm], hAlign="LEFT", splitInRow=1)
        t.setStyle(_PLAIN)
        return [t, Spacer(1, 6)]
    if isinstance(b, Grid):
        style = _SMALL if small else _BODY
        widths = [w * width for w in b.widths] if b.widths else None
        data = [[_p(h, style) for h in b.header]] + [[_p(c, style) for c in r] for r in b.rows]
        t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        head = [_p(b.title, _TITLE), Spacer(1, 6)] if b.title else []
        if len(b.rows) <= 25:  # a short table stays on one page with its title
            return [KeepTogether([*head, t]), Spacer(1, 8)]
        return [*head, t, Spacer(1, 8)]
    if isinstance(b, Signature):
        name = Paragraph(f"<u><b>{escape(b.nama).replace(STAR, '*')}</b></u>", _BODY)
        sig = [_p(b.tempat_tanggal)] if b.tempat_tanggal else []  # else in the heading block
        sig += [_p(b.jabatan), Spacer(1, 42), name]
        if b.nip:
            sig.append(_p(f"NIP {b.nip}"))
        # the right part of the page, wide enough for "Pejabat Pengelola Informasi dan
        # Dokumentasi" on one line
        table = Table([[None, sig]], colWidths=[width * 0.42, width * 0.58])
        return [Spacer(1, 12), table]
    raise TypeError(f"unknown block {b!r}")


_PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
)


def _logo(path: str) -> Image:
    """The letterhead's emblem at a fixed height, its own proportions kept."""
    w, h = ImageReader(path).getSize()
    return Image(path, width=_LOGO_HEIGHT * w / h, height=_LOGO_HEIGHT)


def _with_closing(closing: list[object], signature: list[object]) -> Flowable:
    """The signature kept with the block before it; a closing paragraph gives at least its
    last lines to the signature's page, a table or list is moved whole when it fits a page."""
    paragraph = closing[0]
    if len(closing) == 2 and isinstance(paragraph, Paragraph):
        return _ClosingAndSignature(paragraph, [*closing[1:], *signature])
    return KeepTogether([*closing, *signature])


class _ClosingAndSignature(Flowable):  # type: ignore[misc]
    """A closing paragraph and the signature after it, never apart: when both do not fit
    where they are, the paragraph is split so that its tail goes with the signature, or
    (too short to split) the whole moves to the next page."""

    def __init__(self, paragraph: Paragraph, rest: list[Any]) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.rest = rest
        self._heights: list[float] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = [f.wrap(avail_width, avail_height)[1] for f in [self.paragraph, *self.rest]]
        self.width = avail_width
        self.height = sum(self._heights)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        self.wrap(avail_width, avail_height)
        para_height = self._heights[0]
        leading = float(self.paragraph.style.leading)
        # leave at least two lines of the paragraph for the signature's page
        style = self.paragraph.style
        room = min(avail_height - style.spaceBefore - style.spaceAfter, para_height - 2 * leading)
        parts = self.paragraph.split(avail_width, room) if room > leading else []
        if len(parts) != 2:
            return []  # too short to split: all of it on the next page
        return [parts[0], _ClosingAndSignature(parts[1], self.rest)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for f, h in zip([self.paragraph, *self.rest], self._heights, strict=True):
            top -= h
            f.drawOn(canvas, x, top, _sW)


def _bar_chart(b: Chart, width: float) -> object:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String

    height = 6 * cm
    drawing = Drawing(width, height + 0.8 * cm)
    chart = VerticalBarChart()
    chart.x, chart.y = 1 * cm, 0.8 * cm
    chart.width, chart.height = width - 1.5 * cm, height - 0.8 * cm
    chart.data = [list(b.values)]
    chart.categoryAxis.categoryNames = list(b.labels)
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    peak = max(b.values, default=0)
    chart.valueAxis.valueMax = max(peak, 1)
    chart.valueAxis.valueStep = max(1, -(-peak // 4))
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 7.5
    chart.bars[0].fillColor = colors.HexColor("#3f51b5")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, height + 0.3 * cm, b.title, fontName="Helvetica-Bold", fontSize=9.5))
    return drawing
