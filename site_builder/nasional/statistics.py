"""Requests, decisions and timeliness per office, province and nation, from the registers.

The figures are the office site's own (`site_builder/render/statistik.py` `figures()`),
computed over the rows of every office of the group together, so a national median is the
median of every request, not a median of medians. Only counts leave this module: never a
row's number, requester, summary or anything else of one request. Demonstration records
(`contoh`) are not requests and are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from site_builder.kantor import Kantor, Registry
from site_builder.register import RegisterRow
from site_builder.render.statistik import KEPUTUSAN, Figures, figures

__all__ = ["KEPUTUSAN", "Figures", "Ringkasan", "Wilayah", "regions", "summary", "years"]

PUSAT = "pusat"  # the region of KPU RI, beside the provinces


@dataclass(frozen=True)
class Wilayah:
    """A province with its offices (itself and every office under it), or the pusat."""

    kode: str  # the province's kode, or PUSAT
    nama: str
    kantor: tuple[Kantor, ...]


@dataclass(frozen=True)
class Ringkasan:
    """The figures of a group of offices for one year."""

    label: str
    kantor: int  # offices in the group
    dengan_register: int  # of them, those whose register was read
    angka: Figures


def regions(registry: Registry) -> list[Wilayah]:
    """The pusat, then each province in the registry's order, each with its offices.

    An office whose province is not in the registry belongs to no region (the registry's
    loader warns about it); it still has its own page and its own figures."""
    out: list[Wilayah] = []
    pusat = tuple(k for k in registry.kantor if k.tingkat == "pusat")
    if pusat:
        out.append(Wilayah(PUSAT, pusat[0].nama if len(pusat) == 1 else "Pusat", pusat))
    members: dict[str, list[Kantor]] = {}
    for office in registry.kantor:
        province = registry.provinsi_of(office.kode)
        if province is not None:
            members.setdefault(province.kode, []).append(office)
    for office in registry.kantor:
        if office.tingkat == "provinsi":
            out.append(Wilayah(office.kode, office.nama, tuple(members.get(office.kode, ()))))
    return out


def _rows(rows: Iterable[RegisterRow], tahun: int) -> list[RegisterRow]:
    return [r for r in rows if r.tahun == tahun and not r.contoh]


def years(registers: Mapping[str, list[RegisterRow]]) -> list[int]:
    """Every year some register has a request of, the latest first."""
    return sorted(
        {r.tahun for rows in registers.values() for r in rows if not r.contoh}, reverse=True
    )


def summary(
    label: str,
    offices: Iterable[Kantor],
    registers: Mapping[str, list[RegisterRow]],
    tahun: int,
) -> Ringkasan:
    """The figures of these offices' requests and objections received in `tahun`."""
    group = list(offices)
    rows: list[RegisterRow] = []
    read = 0
    for office in group:
        if office.kode in registers:
            read += 1
            rows.extend(_rows(registers[office.kode], tahun))
    return Ringkasan(label, len(group), read, figures(rows, label))
