"""Service statistics from the anonymised register: figures, tables and SVG charts (no JS).

Working-day figures count decided requests only; a request still open is "dalam proses".
Percentiles use the nearest-rank method, so every figure is one a request really had.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from site_builder.dates import BULAN
from site_builder.register import RegisterRow

KEPUTUSAN = ("Dikabulkan seluruhnya", "Dikabulkan sebagian", "Ditolak")


def percentile(values: list[int], p: float) -> int | None:
    """The nearest-rank percentile (p in 0..100) of the values, or None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Figures:
    """The figures of one period (a year or a semester)."""

    label: str
    diterima: int = 0
    keputusan: Counter[str] = field(default_factory=Counter)
    dalam_proses: int = 0
    ditutup: int = 0  # closed without a decision (withdrawn, say)
    alasan_tolak: Counter[str] = field(default_factory=Counter)
    hari_kerja: list[int] = field(default_factory=list)
    tepat_waktu: int = 0
    terlambat: int = 0
    per_bulan: Counter[int] = field(default_factory=Counter)
    keberatan: int = 0
    keberatan_keputusan: Counter[str] = field(default_factory=Counter)
    sengketa_ki: int = 0  # objections taken to the Komisi Informasi
    sengketa_pengadilan: int = 0  # of them, taken on to court
    sengketa_hasil: list[str] = field(default_factory=list)

    @property
    def median(self) -> int | None:
        """Median working days to the written notice."""
        return percentile(self.hari_kerja, 50)

    @property
    def p90(self) -> int | None:
        """90th percentile of working days to the written notice."""
        return percentile(self.hari_kerja, 90)

    @property
    def share_on_time(self) -> str:
        """Share of decided requests answered within their deadline, as text."""
        decided = self.tepat_waktu + self.terlambat
        return f"{round(100 * self.tepat_waktu / decided)}%" if decided else "-"


def figures(rows: list[RegisterRow], label: str, months: range = range(1, 13)) -> Figures:
    """The figures of the rows received in the given months."""
    out = Figures(label)
    for r in rows:
        if r.bulan not in months:
            continue
        if r.jenis == "keberatan":
            out.keberatan += 1
            out.keberatan_keputusan[r.keputusan or "Dalam proses"] += 1
            if r.sengketa:
                out.sengketa_ki += 1
                out.sengketa_pengadilan += r.sengketa == "pengadilan"
                if r.sengketa_hasil:
                    out.sengketa_hasil.append(f"{r.nomor}: {r.sengketa_hasil}")
            continue
        out.diterima += 1
        out.per_bulan[r.bulan] += 1
        decision = r.keputusan
        if decision:
            out.keputusan[decision] += 1
            out.hari_kerja.append(r.hari_kerja)
            if r.dasar_penolakan:
                out.alasan_tolak[r.dasar_penolakan] += 1
        elif r.status == "Ditutup":
            out.ditutup += 1
        else:
            out.dalam_proses += 1
        if r.tepat_waktu is True:
            out.tepat_waktu += 1
        elif r.tepat_waktu is False and decision:
            out.terlambat += 1
    return out


def bar_chart(counts: Counter[int], title: str) -> Markup:
    """Requests per month as an accessible SVG bar chart, drawn at build time."""
    width, height, left, bottom = 640, 220, 36, 28
    peak = max(counts.values(), default=0) or 1
    step = (width - left) / 12
    parts = [
        f'<svg class="ppid-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="grafik-judul"><title id="grafik-judul">{escape(title)}</title>'
    ]
    for tick in range(0, peak + 1, max(1, math.ceil(peak / 4))):
        y = height - bottom - (height - bottom - 12) * tick / peak
        parts.append(
            f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="ppid-chart__grid"/><text x="{left - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end" class="ppid-chart__label">{tick}</text>'
        )
    for month in range(1, 13):
        value = counts.get(month, 0)
        h = (height - bottom - 12) * value / peak
        x = left + (month - 1) * step + step * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{h:.1f}" class="ppid-chart__bar"><title>{BULAN[month - 1]}: '
            f'{value}</title></rect><text x="{x + step * 0.35:.1f}" '
            f'y="{height - 10}" text-anchor="middle" class="ppid-chart__label">'
            f"{BULAN[month - 1][:3]}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
