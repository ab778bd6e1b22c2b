"""Per-unit worklists for the annual update: what each Sub Bagian must review or supply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from site_builder.dates import format_date
from site_builder.dip.model import KATEGORI, KATEGORI_LABEL, Catalogue, Entry, Unit

SIX_MONTHS = timedelta(days=183)
EXPIRY_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class Item:
    """One thing a unit must do, with the entry it concerns (if any)."""

    jenis: str
    uraian: str
    entry: Entry | None = None


@dataclass(frozen=True)
class Worklist:
    """A unit's worklist for one edition."""

    unit: Unit
    tahun: int
    items: tuple[Item, ...]


def worklist(catalogue: Catalogue, unit: Unit, tahun: int, today: date) -> Worklist:
    """What `unit` must do for edition `tahun`, as of `today`."""
    entries = [e for e in catalogue.entries if e.unit == unit.slug]
    items: list[Item] = []
    for e in entries:
        if e.is_draft:
            items.append(Item("draf", "masih berstatus draf; lengkapi dan ajukan pengesahan", e))
        if e.diperbarui.year < tahun:
            items.append(
                Item(
                    "tinjau",
                    f"belum ditinjau untuk DIP {tahun} (terakhir {format_date(e.diperbarui)})",
                    e,
                )
            )
        if e.kategori == "berkala" and e.diperbarui < today - SIX_MONTHS:
            items.append(
                Item(
                    "berkala",
                    "informasi berkala belum diperbarui lebih dari enam "
                    f"bulan (terakhir {format_date(e.diperbarui)})",
                    e,
                )
            )
        uji = e.uji_konsekuensi
        if uji and uji.berlaku_sampai is not None and uji.berlaku_sampai < today + EXPIRY_WINDOW:
            verb = "telah berakhir" if uji.berlaku_sampai < today else "akan berakhir"
            items.append(
                Item(
                    "pengecualian",
                    f"pengecualian {verb} pada "
                    f"{format_date(uji.berlaku_sampai)}; lakukan uji "
                    "konsekuensi ulang atau buka informasinya",
                    e,
                )
            )
    present = {e.kategori for e in entries}
    for kategori in KATEGORI:
        if kategori not in present:
            items.append(
                Item(
                    "kategori",
                    f"unit belum memiliki entri {KATEGORI_LABEL[kategori]}; "
                    "periksa apakah ada informasi yang perlu didaftarkan",
                )
            )
    return Worklist(unit, tahun, tuple(items))


def as_markdown(wl: Worklist, deadline: date) -> str:
    """The worklist as a Markdown checklist for the unit."""
    lines = [
        f"# Daftar kerja pemutakhiran DIP {wl.tahun}: {wl.unit.nama}",
        "",
        f"Batas waktu penyampaian: **{format_date(deadline)}**.",
        "",
    ]
    if not wl.items:
        lines.append("Tidak ada yang perlu ditindaklanjuti. Terima kasih.")
    for item in wl.items:
        where = f"`{item.entry.source}` ({item.entry.judul}): " if item.entry else ""
        lines.append(f"- [ ] {where}{item.uraian}")
    return "\n".join(lines) + "\n"
