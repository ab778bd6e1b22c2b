"""The PDF writer of site_builder.dokumen (reportlab), kept apart so that building the site
does not import reportlab unless a PDF is made."""

from __future__ import annotations

import io
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
    Kop,
    Para,
    Section,
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


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    marked = BOLD.sub(r"<b>\1</b>", escape(text)).replace(STAR, "*")
    return Paragraph(marked.replace("\n", "<br/>"), style)


def render_pdf(doc: Document) -> bytes:
    """The document as an A4 PDF; attachment tables follow the letter on new pages."""
    portrait: list[object] = []
    annexes: list[Grid] = []
    for b in doc.blocks:
        if isinstance(b, Grid) and b.lampiran:
            annexes.append(b)
        else:
            portrait += _flow(b, A4[0] - 5 * cm)
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
            story += _flow(grid, A4[0] - 5 * cm, small=True)
    pdf.build(story)
    return buf.getvalue()


def _flow(b: Block, width: float, small: bool = False) -> list[object]:
    if isinstance(b, Kop):
        rule = Table([[""]], colWidths=[width], rowHeights=[4])
        rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.6, colors.black)]))
        return [
            _p(b.nama.upper(), _KOP),
            _p(b.alamat, _KOP_SMALL),
            _p(b.kontak, _KOP_SMALL),
            Spacer(1, 4),
            rule,
            Spacer(1, 6),
        ]
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
        t = Table(
            [[_p(k), _p(":"), _p(v)] for k, v in b.rows],
            colWidths=[label, 0.5 * cm, width - label - 0.5 * cm],
            hAlign="LEFT",
        )
        t.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        return [t, Spacer(1, 8)]
    if isinstance(b, Items):
        marks = "abcdefghijklmnopqrstuvwxyz"
        rows = [
            [_p(marks[i] + "." if b.letters else f"{i + 1}."), _p(text)]
            for i, text in enumerate(b.items)
        ]
        t = Table(rows, colWidths=[0.8 * cm, width - 0.8 * cm], hAlign="LEFT")
        t.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        return [t, Spacer(1, 6)]
    if isinstance(b, Grid):
        style = _SMALL if small else _BODY
        widths = [w * width for w in b.widths] if b.widths else None
        data = [[_p(h, style) for h in b.header]] + [[_p(c, style) for c in r] for r in b.rows]
        t = Table(data, colWidths=widths, repeatRows=1)
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
    sig = [_p(b.tempat_tanggal), _p(b.jabatan), Spacer(1, 42), _p(f"**{b.nama}**")]
    table = Table([[None, sig]], colWidths=[width * 0.5, width * 0.5])
    return [Spacer(1, 12), KeepTogether([table])]


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
