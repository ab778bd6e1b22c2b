"""Render the catalogue into site pages (Markdown with escaped HTML blocks). No mkdocs here.

Every value from YAML goes through Jinja's autoescape (HTML blocks) or the `md` filter
(Markdown text), so a `<script>` typed into a ringkasan is shown as text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

import jinja2

from site_builder import dokumen
from site_builder.clock import ZONA_WAKTU
from site_builder.dates import BULAN, format_date, waktu
from site_builder.dip import kewajiban
from site_builder.dip.model import (
    BENTUK_LABEL,
    KATEGORI,
    KATEGORI_DASAR,
    KATEGORI_DIP,
    KATEGORI_LABEL,
    KATEGORI_SLUG,
    PASAL_17_LABEL,
    Catalogue,
    Entry,
    Unit,
)
from site_builder.laporan import tahunan as laporan
from site_builder.laporan.tahunan import Narasi
from site_builder.layanan import CARA_SALINAN, CUTI_BERSAMA, rupiah
from site_builder.periods import KEYS, load_periods
from site_builder.register import RegisterRow
from site_builder.render import statistik
from site_builder.render.markup import md, paragraphs, relative_url


@dataclass(frozen=True)
class RenderOptions:
    """What a build decides beyond the data."""

    pratinjau: bool = False
    edit_base: str | None = None  # e.g. https://github.com/org/repo/edit/main/
    relay_url: str = ""
    use_directory_urls: bool = True
    today: date = field(default_factory=date.today)
    # the office's kode when one relay serves many (site_builder/kantor.py): the forms
    # post to /f/<kantor>/...; "" for a single-office install
    kantor: str = ""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("site_builder.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md,
        paragraphs=paragraphs,
        tanggal=format_date,
        waktu=waktu,
        iso_tanggal=lambda text: format_date(date.fromisoformat(str(text))),
    )
    env.globals.update(
        KATEGORI=KATEGORI,
        KATEGORI_DIP=KATEGORI_DIP,
        KATEGORI_LABEL=KATEGORI_LABEL,
        KATEGORI_DASAR=KATEGORI_DASAR,
        KATEGORI_SLUG=KATEGORI_SLUG,
        BENTUK_LABEL=BENTUK_LABEL,
        PASAL_17_LABEL=PASAL_17_LABEL,
        BULAN=BULAN,
    )
    return env


_ENV = _environment()


class _Pages:
    """Collects pages; each template gets `link()` bound to the page being written."""

    def __init__(self, catalogue: Catalogue, opts: RenderOptions) -> None:
        self.catalogue = catalogue
        self.opts = opts
        self.entries = catalogue.published(opts.pratinjau)
        self.dip = catalogue.dip_entries(opts.pratinjau)
        self.dik = catalogue.dik_entries(opts.pratinjau)
        # Each list numbers its own entries (an entry is on exactly one of the two).
        self.numbers = {
            e.slug: i for lst in (self.dip, self.dik) for i, e in enumerate(lst, start=1)
        }
        self.out: dict[str, str] = {}

    def add(self, src_uri: str, template: str, **context: Any) -> None:
        def link(to: str) -> str:
            return relative_url(src_uri, to, self.opts.use_directory_urls)

        self.out[src_uri] = _ENV.get_template(template).render(
            office=self.catalogue.office,
            catalogue=self.catalogue,
            units=self.catalogue.units,
            unit_by_slug=self.catalogue.unit_by_slug,
            numbers=self.numbers,
            opts=self.opts,
            link=link,
            entry_src=entry_src,
            unit_src=unit_src,
            kategori_src=kategori_src,
            edit_url=self.edit_url,
            **context,
        )

    def edit_url(self, entry: Entry) -> str | None:
        # edit links are for the staff checking a preview (`--pratinjau`), not the public
        return (
            self.opts.edit_base + entry.source
            if self.opts.edit_base and self.opts.pratinjau
            else None
        )


def entry_src(entry: Entry) -> str:
    """The page of one entry; its slug is its permanent address."""
    return f"informasi/{entry.slug}.md"


def unit_src(unit: Unit | str) -> str:
    """The page of one unit."""
    return f"dip/unit/{unit if isinstance(unit, str) else unit.slug}.md"


DIK_SRC = "dip/dikecualikan.md"


def kategori_src(kategori: str) -> str:
    """The page of one category; the exempted category's page is the DIK, a list of its own."""
    if kategori not in KATEGORI_DIP:
        return DIK_SRC
    return f"dip/kategori/{KATEGORI_SLUG[kategori]}.md"


ExtraPages = Callable[[str, Mapping[str, Any]], dict[str, str]]


def render_pages(
    catalogue: Catalogue,
    opts: RenderOptions,
    archives: Mapping[int, Catalogue] | None = None,
    register: list[RegisterRow] | None = None,
    reports: Mapping[int, Narasi] | None = None,
) -> dict[str, str]:
    """Every generated Markdown page of the site, by its path under docs/."""
    archives = dict(sorted((archives or {}).items(), reverse=True))
    pages = _Pages(catalogue, opts)
    entries = pages.entries
    by_kategori = {k: [e for e in entries if e.kategori == k] for k in KATEGORI}
    by_unit = {u.slug: [e for e in entries if e.unit == u.slug] for u in catalogue.units}
    pages.add("index.md", "beranda.md.j2", by_kategori=by_kategori)
    pages.add(
        "dip/index.md",
        "dip.md.j2",
        entries=pages.dip,
        years=sorted({e.tahun for e in pages.dip}, reverse=True),
        by_unit=by_unit,
    )
    annual = annual_reports(catalogue, register, reports, opts.today, laporan.page_text)
    summaries = [
        (laporan.page_src(t), f"Laporan tahunan layanan informasi publik {t}") for t in annual
    ] + _summary_pages(register)
    for kategori in KATEGORI_DIP:
        pages.add(
            kategori_src(kategori),
            "kategori.md.j2",
            kategori=kategori,
            entries=by_kategori[kategori],
            summaries=summaries if kategori == "berkala" else [],
        )
    pages.add("dip/unit/index.md", "unit-index.md.j2", by_unit=by_unit)
    for unit in catalogue.units:
        pages.add(
            unit_src(unit),
            "unit.md.j2",
            unit=unit,
            entries=by_unit[unit.slug],
            dip=[e for e in pages.dip if e.unit == unit.slug],
            dik=[e for e in pages.dik if e.unit == unit.slug],
            by_kategori={k: [e for e in by_unit[unit.slug] if e.kategori == k] for k in KATEGORI},
        )
    pages.add(DIK_SRC, "dikecualikan.md.j2", entries=pages.dik)
    pages.add("dip/unduh.md", "unduh.md.j2", dip=pages.dip, dik=pages.dik)
    pages.add("cari.md", "cari.md.j2")
    pages.add(
        "arsip/index.md",
        "arsip-index.md.j2",
        archives=archives,
        current=(len(pages.dip), len(pages.dik)),
    )
    for tahun, old in archives.items():
        pages.add(f"arsip/{tahun}/index.md", "arsip.md.j2", old=old)
    _register_pages(pages, register, summaries)
    for tahun, doc in annual.items():
        pages.out[laporan.page_src(tahun)] = laporan.page_markdown(
            doc, tahun, opts.use_directory_urls
        )
    for entry in entries:
        pages.add(
            entry_src(entry), "entri.md.j2", entry=entry, unit=catalogue.unit_by_slug[entry.unit]
        )
    _standards_page(pages)
    _kelengkapan_page(pages)
    pages.out.update(_form_pages(catalogue, opts))
    return pages.out


STANDAR_SRC = "layanan/standar.md"
DASAR_HUKUM = (
    "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi",
    "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 "
    "Tahun 2008 tentang Keterbukaan Informasi Publik",
    "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik",
    "Peraturan Komisi Informasi Nomor 1 Tahun 2019 tentang Standar Layanan dan Prosedur "
    "Penyelesaian Sengketa Informasi Pemilihan Umum dan Pemilihan",
    "Peraturan Komisi Pemilihan Umum Nomor 22 Tahun 2023, sebagaimana diubah dengan Peraturan "
    "Komisi Pemilihan Umum Nomor 11 Tahun 2024 dan Nomor 4 Tahun 2025",
)


def _standards_page(pages: _Pages) -> None:
    """The service standards (maklumat pelayanan, Perki 1/2021 Pasal 47(2)): law, procedure,
    periods of the default class with their articles, and the office's cost schedule."""
    office = pages.catalogue.office
    kelas = load_periods().get()  # the office's own file when PPID_JANGKA_WAKTU names one
    pages.add(
        STANDAR_SRC,
        "standar.md.j2",
        dasar_hukum=DASAR_HUKUM,
        kelas=kelas,
        jangka=[(key, label[0].upper() + label[1:]) for key, label in KEYS.items()],
        cuti_bersama=CUTI_BERSAMA.get(office.cuti_bersama, CUTI_BERSAMA["libur"]),
        zona=ZONA_WAKTU.get(office.zona_waktu, ""),
        biaya=office.biaya,
        pengiriman=[(c, label) for c, label in CARA_SALINAN.items() if office.biaya.delivery(c)],
        rupiah=rupiah,
    )


KELENGKAPAN_SRC = "dip/kelengkapan.md"


def _kelengkapan_page(pages: _Pages) -> None:
    """The checklist of the DIP's mandatory items (dip/kewajiban.py): each item, its article
    and the approved entries that fulfil it, or "belum ada"."""
    groups = kewajiban.fulfilment(pages.catalogue, kewajiban.load())
    rows = [row for _, items in groups for row in items]
    pages.add(
        KELENGKAPAN_SRC,
        "kelengkapan.md.j2",
        groups=groups,
        total=len(rows),
        met=sum(1 for _, entries in rows if entries),
        missing=[b for b, entries in rows if not entries],
    )


def annual_reports(
    catalogue: Catalogue,
    rows: list[RegisterRow] | None,
    reports: Mapping[int, Narasi] | None,
    today: date,
    text: Callable[[str], str] = str,
) -> dict[int, dokumen.Document]:
    """The annual reports the site publishes: a narrative, and a register to count from."""
    if rows is None:
        return {}
    return {
        tahun: laporan.tahunan(rows, narasi, catalogue.office, today, text)
        for tahun, narasi in sorted((reports or {}).items(), reverse=True)
    }


def _register_pages(
    pages: _Pages, rows: list[RegisterRow] | None, reports: list[tuple[str, str]]
) -> None:
    """The public register: an index of years, one page per kind and year, months inside."""
    groups: dict[tuple[str, int], list[RegisterRow]] = {}
    for row in rows or ():
        groups.setdefault((row.jenis, row.tahun), []).append(row)
    years = sorted({tahun for _, tahun in groups}, reverse=True)
    counts = {
        (jenis, tahun): len(groups.get((jenis, tahun), []))
        for jenis in ("permohonan", "keberatan")
        for tahun in years
    }
    pages.add(
        "register/index.md",
        "register-index.md.j2",
        rows=rows,
        years=years,
        counts=counts,
        reports=reports,
    )
    _statistics_pages(pages, rows or [], years)
    for tahun in years:
        for jenis in ("permohonan", "keberatan"):
            items = groups.get((jenis, tahun), [])
            months: dict[int, list[RegisterRow]] = {}
            for row in items:
                months.setdefault(row.bulan, []).append(row)
            pages.add(
                f"register/{jenis}-{tahun}.md",
                "register.md.j2",
                jenis=jenis,
                tahun=tahun,
                rows=items,
                months=sorted(months.items(), reverse=True),
            )


def _summary_pages(rows: list[RegisterRow] | None) -> list[tuple[str, str]]:
    """(page, title) of every semester summary the register allows, newest first."""
    found = {(r.tahun, 1 if r.bulan <= 6 else 2) for r in rows or () if r.jenis == "permohonan"}
    latest = max((t for t, _ in found), default=None)
    return [
        (
            f"register/ringkasan-{t}-{s}.md",
            f"Ringkasan laporan akses informasi publik semester {'I' if s == 1 else 'II'} {t}",
        )
        for t, s in sorted(found, reverse=True)
        if t == latest
    ]


def semesters(rows: list[RegisterRow] | None, today: date) -> list[tuple[int, int]]:
    """(year, semester) of every semester summary the site publishes: the latest year's."""
    years = sorted({r.tahun for r in rows or ()}, reverse=True)
    tahun = years[0] if years else today.year
    return [
        (tahun, s)
        for s, months in ((1, range(1, 7)), (2, range(7, 13)))
        if any(r.tahun == tahun and r.bulan in months for r in rows or ())
    ]


def _statistics_pages(pages: _Pages, rows: list[RegisterRow], years: list[int]) -> None:
    """The statistics page of the latest year and the semester summaries (Pasal 9)."""
    tahun = years[0] if years else pages.opts.today.year
    of_year = [r for r in rows if r.tahun == tahun]
    published = [s for _, s in semesters(rows, pages.opts.today)]
    fig = statistik.figures(of_year, str(tahun))
    pages.add(
        "register/statistik.md",
        "statistik.md.j2",
        tahun=tahun,
        fig=fig,
        rows=of_year,
        semesters=published,
        KEPUTUSAN_STAT=statistik.KEPUTUSAN,
        chart=statistik.bar_chart(fig.per_bulan, f"Permohonan per bulan, {tahun}"),
    )
    for semester in published:
        months = range(1, 7) if semester == 1 else range(7, 13)
        pages.add(
            f"register/ringkasan-{tahun}-{semester}.md",
            "ringkasan.md.j2",
            tahun=tahun,
            semester=semester,
            fig=statistik.figures(of_year, str(tahun), months),
            rows=[r for r in of_year if r.bulan in months],
        )


def _form_pages(catalogue: Catalogue, opts: RenderOptions) -> dict[str, str]:
    """The relay's public forms, when the relay is installed (it is, in this distribution)."""
    try:
        from site_builder.render.formulir import render_form_pages
    except ImportError:  # pragma: no cover - the relay package is optional for the builder
        return {}
    office = catalogue.office
    return render_form_pages(
        opts.relay_url,
        {
            "nama": office.nama,
            "alamat": office.alamat,
            "telepon": office.telepon,
            "email": office.email,
            "laman": office.laman,
            "ppid": {"nama": office.ppid.nama, "jabatan": office.ppid.jabatan},
            "atasan_ppid": {"nama": office.atasan_ppid.nama, "jabatan": office.atasan_ppid.jabatan},
        },
        opts.use_directory_urls,
        opts.kantor,
    )


def assets() -> dict[str, bytes]:
    """The builder's own CSS and JavaScript, by their path in the site."""
    root = resources.files("site_builder") / "assets"
    return {f"assets/{name}": (root / name).read_bytes() for name in ("ppid.css", "ppid.js")}
