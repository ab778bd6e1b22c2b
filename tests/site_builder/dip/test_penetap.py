"""Who set each exemption, against the office's level: the warning `ppid check` prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.dip.loader import load
from site_builder.dip.penetap import PenetapRulesError, load_rules
from site_builder.problems import Severity
from tests.support import DATA, TODAY

ENTRY = "dip/teknis/nik-pemilih.yml"
KPU_RI = (
    '  penetap:\n    badan: "{badan}"\n'
    "    dasar: Keputusan KPU Nomor 9901 Tahun 2025 tentang Daftar Informasi yang Dikecualikan\n"
)


def _dip(tmp_path: Path, tingkat: str | None, badan: str | None = None) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(DATA / "mini", root)
    office = root / "dip" / "badan-publik.yml"
    if tingkat is not None:
        office.write_text(office.read_text() + f"tingkat: {tingkat}\n", encoding="utf-8")
    if badan is not None:
        entry = root / ENTRY
        entry.write_text(entry.read_text() + KPU_RI.format(badan=badan), encoding="utf-8")
    return root


def _warnings(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(root)
    result = load(Path("dip"), TODAY)
    assert result.ok, [str(p) for p in result.problems]
    assert all(p.severity == Severity.PERINGATAN for p in result.problems)
    return [str(p) for p in result.problems]


def test_an_office_below_kpu_ri_is_warned_of_an_exemption_it_set_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _warnings(_dip(tmp_path, "kabupaten_kota"), monkeypatch) == [
        f"{ENTRY}:12:1: uji_konsekuensi: peringatan: uji konsekuensi ditetapkan sendiri oleh "
        "PPID kantor ini (penetap tidak diisi); menurut PKPU 22/2023 Pasal 24-25 (sebagaimana "
        "diubah dengan PKPU 4/2025), uji konsekuensi kantor tingkat kabupaten/kota ditetapkan "
        "oleh KPU RI: isi penetap (badan: KPU RI, dasar: Keputusan KPU Nomor ...) bila KPU RI "
        "yang menetapkannya, atau ajukan uji konsekuensinya melalui tingkat di atas"
    ]


def test_a_province_is_warned_the_same_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [line] = _warnings(_dip(tmp_path, "provinsi"), monkeypatch)
    assert "kantor tingkat provinsi ditetapkan oleh KPU RI" in line


@pytest.mark.parametrize(
    "badan", ["KPU RI", "Komisi Pemilihan Umum", "komisi pemilihan umum  republik indonesia"]
)
def test_an_exemption_set_by_kpu_ri_is_what_the_regulation_wants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, badan: str
) -> None:
    assert _warnings(_dip(tmp_path, "kabupaten_kota", badan), monkeypatch) == []


def test_another_body_is_warned_at_its_badan_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [line] = _warnings(_dip(tmp_path, "kabupaten_kota", "KPU Provinsi Jawa Uji"), monkeypatch)
    assert line.startswith(
        f"{ENTRY}:23:12: uji_konsekuensi.penetap.badan: peringatan: uji konsekuensi "
        "ditetapkan oleh KPU Provinsi Jawa Uji; menurut PKPU 22/2023 Pasal 24-25"
    )


def test_kpu_ri_sets_its_own_and_an_office_without_a_level_is_not_weighed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _warnings(_dip(tmp_path / "pusat", "pusat"), monkeypatch) == []
    # existing data without `tingkat` keeps loading as before, without a warning
    assert _warnings(_dip(tmp_path / "tanpa", None), monkeypatch) == []


def test_the_demo_sets_every_exemption_by_kpu_ri() -> None:
    root = Path(__file__).resolve().parents[3] / "dip"
    result = load(root, TODAY)
    assert result.catalogue is not None and result.catalogue.office.tingkat == "kabupaten_kota"
    assert not [p for p in result.problems if "penetap" in p.field or p.field == "uji_konsekuensi"]
    dik = result.catalogue.dik_entries()
    assert dik and all(e.uji_konsekuensi and e.uji_konsekuensi.penetap for e in dik)


def test_the_rule_is_data_and_a_broken_rule_file_is_one_sentence(tmp_path: Path) -> None:
    rules = load_rules()
    assert rules.by_tingkat["kabupaten_kota"] == ("KPU RI",)
    assert rules.dasar.startswith("PKPU 22/2023 Pasal 24-25")
    bad = tmp_path / "penetap.yml"
    bad.write_text("dasar: PKPU\nbadan: {KPU RI: []}\ntingkat: {pusat: [ppid]}\n")
    with pytest.raises(PenetapRulesError) as caught:
        load_rules(bad)
    assert str(caught.value) == (
        f"{bad}: 'tingkat' harus memuat tepat pusat, provinsi, kabupaten_kota"
    )
    bad.write_text(
        "dasar: PKPU\nbadan: {KPU RI: []}\n"
        "tingkat: {pusat: [ppid], provinsi: [KPU], kabupaten_kota: [KPU RI]}\n"
    )
    with pytest.raises(PenetapRulesError, match=r"tingkat.provinsi: badan KPU tidak ada"):
        load_rules(bad)
