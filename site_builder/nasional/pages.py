"""The portal's pages as static HTML (Jinja, templates/*.html.j2), its data.json and its
search records: pure functions of the registry and what was read of each office.

Every link inside the portal is relative, so the portal can be served from any folder.
An entry links to its page on its office's site; when that address is unknown (an office
read from a folder, with no address in the registry) to its line on the office's page here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from site_builder.clock import OfficeClock
from site_builder.dates import format_date
from site_builder.dip.model import KATEGORI_DIP, KATEGORI_LABEL
from site_builder.kantor import TINGKAT_LABEL, Kantor, Registry
from site_builder.nasional.fetch import FILES, is_address
from site_builder.nasional.model import DataKantor
from site_builder.nasional.read import Entri
from site_builder.nasional.search import Record
from site_builder.nasional.statistics import (
    KEPUTUSAN,
    PUSAT,
    Ringkasan,
    Wilayah,
    regions,
    summary,
    years,
)
from site_builder.register import RegisterRow
from site_builder.render.exports import pod_catalogue

PORTAL = "Portal PPID Nasional"
MENU = (
    ("", "Beranda"),
    ("cari/", "Cari"),
    ("kantor/", "Kantor"),
    ("statistik/", "Statistik"),
    ("status-data/", "Status data"),
)
STATUS_LABEL = {
    "lengkap": "Lengkap",
    "tertinggal": "Tertinggal",
    "tidak_ada": "Tidak ada atau tidak lengkap",
}
_HERE = Path(__file__).parent


@cache
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tanggal"] = format_date
    env.globals.update(
        PORTAL=PORTAL,
        MENU=MENU,
        STATUS_LABEL=STATUS_LABEL,
        KEPUTUSAN=KEPUTUSAN,
        KATEGORI_LABEL=KATEGORI_LABEL,
        KATEGORI_DIP=[(k, KATEGORI_LABEL[k]) for k in KATEGORI_DIP],
        TINGKAT_LABEL=TINGKAT_LABEL,
    )
    return env


def public_base(office: Kantor) -> str | None:
    """The office's public site address (ending in /), or None when only a folder is known."""
    if is_address(office.situs):
        return office.situs if office.situs.endswith("/") else office.situs + "/"
    return office.asal[0] + "/" if office.asal else None


def entry_link(office: Kantor, entri: Entri) -> str | None:
    """The entry's page on its office's site, or None when the address is unknown."""
    if entri.url.startswith(("http://", "https://")):
        return entri.url
    base = public_base(office)
    return None if base is None else base + entri.url.lstrip("/")


def _href(w: Wilayah) -> str:
    return f"kantor/{w.kantor[0].kode}/" if w.kode == PUSAT else f"provinsi/{w.kode}/"


class _Site:
    def __init__(self, registry: Registry, offices: Sequence[DataKantor], moment: datetime) -> None:
        self.registry = registry
        self.offices = list(offices)
        self.by_kode = {d.kantor.kode: d for d in self.offices}
        local = OfficeClock("WIB").local(moment)
        self.today = local.date()
        self.common: dict[str, Any] = {
            "dibuat": format_date(local.date()),
            "pukul": f"{local:%H.%M}",
            "jumlah_kantor": len(self.offices),
        }
        self.registers: dict[str, list[RegisterRow]] = {
            d.kantor.kode: list(d.register.baris) for d in self.offices if d.register is not None
        }
        self.years = years(self.registers)
        self.wilayah = regions(registry)
        self.files: dict[str, str | bytes] = {}

    def page(self, rel: str, template: str, here: str, **values: Any) -> None:
        depth = rel.count("/")
        html = (
            _env()
            .get_template(template)
            .render(root="../" * depth, here=here, **self.common, **values)
        )
        self.files[rel] = html

    def wilayah_of(self, office: Kantor) -> Wilayah | None:
        province = self.registry.provinsi_of(office.kode)
        for w in self.wilayah:
            if (province is not None and w.kode == province.kode) or (
                province is None and w.kode == PUSAT and office in w.kantor
            ):
                return w
        return None

    def render(self) -> None:
        stat_year = self.years[0] if self.years else self.today.year
        nasional = summary(f"tahun {stat_year}", self.registry.kantor, self.registers, stat_year)
        problems = [d for d in self.offices if d.status != "lengkap"]
        self.page(
            "index.html",
            "beranda.html.j2",
            "",
            jumlah_entri=sum(len(d.dip.entri) for d in self.offices if d.dip),
            jumlah_dik=sum(len(d.dik.entri) for d in self.offices if d.dik),
            jumlah_masalah=len(problems),
            nasional=nasional if self.years else None,
            wilayah=[
                {"href": _href(w), "nama": w.nama, "kantor": len(w.kantor)} for w in self.wilayah
            ],
        )
        self.page(
            "cari/index.html",
            "cari.html.j2",
            "cari/",
            jumlah_entri=sum(len(d.dip.entri) for d in self.offices if d.dip),
        )
        self.kantor_index()
        for d in self.offices:
            self.kantor(d)
        for w in self.wilayah:
            if w.kode != PUSAT:
                self.provinsi(w, stat_year)
        for tahun in self.years or [stat_year]:
            values = self.statistik(tahun)
            if tahun == stat_year:
                self.page("statistik/index.html", "statistik.html.j2", "statistik/", **values)
            if self.years:
                self.page(
                    f"statistik/{tahun}/index.html", "statistik.html.j2", "statistik/", **values
                )
        self.page(
            "status-data/index.html",
            "status-data.html.j2",
            "status-data/",
            lengkap=sum(1 for d in self.offices if d.status == "lengkap"),
            tertinggal=[d for d in problems if d.status == "tertinggal"],
            tidak_ada=[d for d in problems if d.status == "tidak_ada"],
        )
        self.files["data.json"] = self.data_json()
        self.files["assets/nasional.css"] = (_HERE / "assets" / "nasional.css").read_bytes()
        self.files["assets/nasional.js"] = (_HERE / "assets" / "nasional.js").read_bytes()

    def kantor_index(self) -> None:
        groups = []
        placed: set[str] = set()
        for w in self.wilayah:
            members = [self.by_kode[k.kode] for k in w.kantor if k.kode in self.by_kode]
            placed.update(k.kode for k in w.kantor)
            groups.append({"id": w.kode, "nama": w.nama, "kantor": members})
        rest = [d for d in self.offices if d.kantor.kode not in placed]
        if rest:
            groups.append({"id": "lainnya", "nama": "Kantor lainnya", "kantor": rest})
        self.page("kantor/index.html", "kantor-index.html.j2", "kantor/", groups=groups)

    def kantor(self, d: DataKantor) -> None:
        k = d.kantor
        base = public_base(k)
        w = self.wilayah_of(k)
        counts = Counter(e.kategori for e in d.dip.entri) if d.dip else Counter()
        unduh = []
        if base is not None:
            names = {
                "dip": "DIP (JSON)",
                "dik": "DIK (JSON)",
                "data": "data.json",
                "register": "Register (JSON)",
            }
            for name, label in names.items():
                if name == "dik" and d.dik is None:
                    continue
                unduh.append((base + FILES[name], label))
        entri = [(e, entry_link(k, e) or f"#{e.slug}") for e in (d.dip.entri if d.dip else ())]
        own = sorted(
            {r.tahun for r in self.registers.get(k.kode, ()) if not r.contoh}, reverse=True
        )
        induk = self.registry.get(k.induk) if k.induk else None
        self.page(
            f"kantor/{k.kode}/index.html",
            "kantor.html.j2",
            "kantor/",
            k=k,
            d=d,
            situs=base,
            provinsi=(
                {"href": _href(w), "nama": w.nama} if w is not None and w.kode != PUSAT else None
            ),
            induk=induk,
            counts=counts,
            unduh=unduh,
            entri=entri,
            tahunan=[summary(str(y), [k], self.registers, y) for y in own],
        )

    def provinsi(self, w: Wilayah, tahun: int) -> None:
        data = [self.by_kode[k.kode] for k in w.kantor if k.kode in self.by_kode]
        tahunan = [summary(str(y), w.kantor, self.registers, y) for y in self.years]
        has_rows = self.years and any(
            r.tahun == tahun for k in w.kantor for r in self.registers.get(k.kode, ())
        )
        self.page(
            f"provinsi/{w.kode}/index.html",
            "provinsi.html.j2",
            "statistik/",
            w=w,
            data=data,
            ringkasan=summary(f"tahun {tahun}", w.kantor, self.registers, tahun)
            if has_rows
            else None,
            per_kantor=[(k, summary(k.nama, [k], self.registers, tahun)) for k in w.kantor],
            tahunan=tahunan,
        )

    def statistik(self, tahun: int) -> dict[str, Any]:
        nasional: Ringkasan = summary(f"tahun {tahun}", self.registry.kantor, self.registers, tahun)
        return {
            "tahun": tahun,
            "years": self.years,
            "nasional": nasional,
            "per_wilayah": [
                (
                    {"href": _href(w), "nama": w.nama},
                    summary(w.nama, w.kantor, self.registers, tahun),
                )
                for w in self.wilayah
            ],
            "tanpa_register": nasional.kantor - nasional.dengan_register,
        }

    def data_json(self) -> bytes:
        """Every office's data.json datasets in one Project Open Data v1.1 catalogue."""
        datasets: list[dict[str, Any]] = []
        for d in self.offices:
            for item in d.katalog:
                ident = item["identifier"]
                if not ident.startswith(("http://", "https://")):
                    # an office's own `dip:<slug>` is unique only within the office
                    item = {**item, "identifier": f"kantor:{d.kantor.kode}:{ident}"}
                datasets.append(item)
        return pod_catalogue(datasets)

    def records(self) -> list[Record]:
        out: list[Record] = []
        for d in self.offices:
            if d.dip is None:
                continue
            k = d.kantor
            w = self.wilayah_of(k)
            area = w.nama if w is not None else "Kantor lainnya"
            for e in d.dip.entri:
                out.append(
                    Record(
                        url=entry_link(k, e) or f"/kantor/{k.kode}/#{e.slug}",
                        judul=f"{e.judul} ({k.nama})",
                        isi=f"{e.judul}. {e.ringkasan} {k.nama}. {KATEGORI_LABEL[e.kategori]}.",
                        meta={"kantor": k.nama},
                        filters={
                            "Provinsi": [area],
                            "Kategori": [KATEGORI_LABEL[e.kategori]],
                        },
                    )
                )
        return out


def render(
    registry: Registry, offices: Sequence[DataKantor], moment: datetime
) -> tuple[dict[str, str | bytes], list[Record]]:
    """Every file of the portal (by its path) and the search records."""
    site = _Site(registry, offices, moment)
    site.render()
    return site.files, site.records()
