"""Figures per office, province and nation from the registers, counted by hand."""

from __future__ import annotations

from pathlib import Path

from site_builder.kantor import Registry
from site_builder.kantor import read as read_registry
from site_builder.nasional.statistics import PUSAT, regions, summary, years
from tests.federasi import REGISTERS, registry_text


def _registry(tmp_path: Path) -> Registry:
    path = tmp_path / "kantor.yml"
    path.write_text(registry_text("https://a.example.org", "https://b.example.org"))
    return read_registry(path)


def test_the_regions_are_the_pusat_then_each_province_with_its_offices(tmp_path: Path) -> None:
    regs = regions(_registry(tmp_path))
    assert [(w.kode, w.nama, [k.kode for k in w.kantor]) for w in regs] == [
        (PUSAT, "KPU RI", ["00"]),
        ("62", "KPU Provinsi Kalimantan Tengah", ["62", "6201", "6202", "6203"]),
    ]


def test_the_years_leave_demonstration_records_out() -> None:
    assert years(REGISTERS) == [2026, 2025]


def test_a_province_counts_every_request_of_its_offices_together(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    province = regions(registry)[1]
    s = summary("2026", province.kantor, REGISTERS, 2026)
    # 62: granted 3 days on time, refused 10 on time, one open, one objection;
    # 6201: in part 12 late, granted 5 on time, one closed (its demonstration row and its
    # 2025 row not counted); 6202: granted 7 on time; 6203: no register.
    assert (s.kantor, s.dengan_register) == (4, 3)
    fig = s.angka
    assert fig.diterima == 7
    assert dict(fig.keputusan) == {
        "Dikabulkan seluruhnya": 3,
        "Dikabulkan sebagian": 1,
        "Ditolak": 1,
    }
    assert (fig.dalam_proses, fig.ditutup, fig.keberatan) == (1, 1, 1)
    assert (fig.tepat_waktu, fig.terlambat, fig.share_on_time) == (4, 1, "80%")
    assert sorted(fig.hari_kerja) == [3, 5, 7, 10, 12]
    assert fig.median == 7


def test_an_office_alone_and_an_earlier_year(tmp_path: Path) -> None:
    katingan = [k for k in _registry(tmp_path).kantor if k.kode == "6201"]
    this_year = summary("2026", katingan, REGISTERS, 2026).angka
    assert (this_year.diterima, this_year.median, this_year.share_on_time) == (3, 5, "50%")
    last_year = summary("2025", katingan, REGISTERS, 2025).angka
    assert (last_year.diterima, dict(last_year.keputusan)) == (1, {"Ditolak": 1})
