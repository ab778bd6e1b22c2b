"""The office registry: read like the DIP, every problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.kantor import RegistryError, load, read
from tests.support import DATA

REGISTRY = DATA / "kantor" / "kantor.yml"


def test_the_offices_in_the_files_order_with_their_own_keys() -> None:
    registry = read(REGISTRY)
    assert [k.kode for k in registry.kantor] == ["00", "62", "6201", "6271", "94", "9471"]
    kobar = registry.get("6201")
    assert kobar is not None
    assert kobar.nama == "KPU Kabupaten Kotawaringin Barat"
    assert kobar.asal == ("https://ppid-6201.example.org", "https://www.ppid-6201.example.org")
    assert kobar.tambahan == {"telepon_kantor": "0532-21000"}
    assert kobar.line == 14


def test_an_office_without_asal_accepts_its_own_sites_origin() -> None:
    registry = read(REGISTRY)
    papua = registry.get("94")
    assert papua is not None
    assert papua.situs == "https://ppid-94.example.org/"
    assert papua.asal == ("https://ppid-94.example.org",)
    assert papua.zona_waktu == "WIT"


def test_a_local_site_folder_is_relative_to_the_registry() -> None:
    office = read(REGISTRY).get("6271")
    assert office is not None
    assert office.situs_lokal == (REGISTRY.parent / "situs" / "6271").resolve()
    assert office.asal == ()


def test_parents_children_and_provinces() -> None:
    registry = read(REGISTRY)
    assert [k.kode for k in registry.children("62")] == ["6201", "6271"]
    assert [k.kode for k in registry.descendants("00")] == ["62", "6201", "6271", "94", "9471"]
    assert [k.kode for k in registry.descendants("9471")] == []
    assert registry.provinsi_of("9471").kode == "94"  # type: ignore[union-attr]
    assert registry.provinsi_of("62").kode == "62"  # type: ignore[union-attr]
    assert registry.provinsi_of("00") is None
    assert registry.get("9999") is None


BROKEN = """\
kantor:
  - kode: 6201
    nama: KPU Kabupaten Satu
    tingkat: kabupaten_kota
    induk: "62"
    zona_waktu: WIB
    situs: https://ppid-6201.example.org/
  - kode: "62"
    nama: ""
    tingkat: provinsi
    induk: "00"
    zona_waktu: WITA
    situs: ftp://ppid-62.example.org/
  - kode: "6202"
    nama: KPU Kabupaten Dua
    tingkat: kabupaten
    induk: "62"
    zona_waktu: UTC
    asal: [https://ppid-6202.example.org/formulir]
  - kode: "6203"
    nama: KPU Kabupaten Tiga
    tingkat: kabupaten_kota
    induk: "6204"
    zona_waktu: WIB
    situs: https://ppid-6203.example.org/
  - kode: "6204"
    nama: KPU Kabupaten Empat
    tingkat: kabupaten_kota
    induk: "6203"
    zona_waktu: WIB
    situs: https://ppid-6204.example.org/
  - kode: "6204"
    nama: KPU Kabupaten Empat lagi
    tingkat: kabupaten_kota
    induk: "62"
    zona_waktu: WIB
    situs: https://ppid-6204b.example.org/
  - kode: "00"
    nama: KPU RI
    tingkat: pusat
    induk: "99"
    zona_waktu: WIB
    situs: https://ppid.kpu.example.org/
"""


def test_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "kantor.yml"
    path.write_text(BROKEN, encoding="utf-8")
    registry, problems = load(path)
    assert registry is None
    shown = [str(p).removeprefix(f"{path}:") for p in problems]
    assert shown == [
        '2:11: kantor[1].kode: tulis kode sebagai teks dalam tanda kutip: kode: "6201"',
        "9:11: kantor[2].nama: wajib: nama kantor, misalnya KPU Kabupaten Contoh",
        "13:12: kantor[2].situs: hanya alamat http:// atau https://, atau folder setempat",
        "14:5: kantor[3].situs: wajib: alamat situs PPID kantor ini (https://...) atau "
        "folder hasil build-nya",
        "16:14: kantor[3].tingkat: wajib salah satu dari: pusat, provinsi, kabupaten_kota",
        "18:17: kantor[3].zona_waktu: wajib salah satu dari: WIB, WITA, WIT",
        "19:12: kantor[3].asal: 'https://ppid-6202.example.org/formulir' bukan asal situs: "
        "skema dan host saja, tanpa jalur, misalnya https://ppid-6201.example.org",
        "23:12: kantor[4].induk: induk kantor tingkat kabupaten_kota harus kantor tingkat "
        "provinsi; '6204' bertingkat kabupaten_kota",
        "29:12: kantor[5].induk: induk kantor tingkat kabupaten_kota harus kantor tingkat "
        "provinsi; '6203' bertingkat kabupaten_kota",
        "32:11: kantor[6].kode: kode '6204' sudah dipakai kantor di baris 26",
        "41:12: kantor[7].induk: kantor pusat (KPU RI) tidak mempunyai induk; hapus baris ini",
    ]


def test_a_province_whose_parent_is_not_listed_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "kantor.yml"
    path.write_text(
        "kantor:\n"
        '  - {kode: "62", nama: KPU Provinsi, tingkat: provinsi, induk: "00",\n'
        "     zona_waktu: WIB, situs: https://ppid-62.example.org/}\n",
        encoding="utf-8",
    )
    registry, problems = load(path)
    assert registry is not None
    assert [p.severity.value for p in problems] == ["peringatan"]
    assert "kantor induk '00' tidak ada di daftar ini" in str(problems[0])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "berkas daftar kantor berisi 'kantor:' dengan daftar kantor"),
        ("kantor: []\n", "daftar kantor kosong"),
        ("kantor:\n  - 6201\n", "setiap kantor berupa pemetaan"),
        ("kantor: [\n", "YAML"),
    ],
)
def test_a_file_that_is_no_registry(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "kantor.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        read(path)
    assert "daftar kantor tidak dapat dipakai" in str(caught.value)
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryError) as caught:
        read(tmp_path / "tidak-ada.yml")
    assert "tidak dapat dibaca" in str(caught.value.problems[0])


def test_the_documented_example_registry_is_valid() -> None:
    registry, problems = load(Path(__file__).parents[2] / "deploy" / "kantor.contoh.yml")
    assert problems == [] and registry is not None
    assert [k.kode for k in registry.kantor] == ["00", "62", "6201", "94"]


def test_an_office_profile_is_a_file_beside_the_registry(tmp_path: Path) -> None:
    fixture = read(Path(__file__).parents[1] / "data" / "kantor" / "kantor.yml")
    office = fixture.get("6201")
    assert office is not None and office.profil is not None and office.profil.is_file()
    assert "profil" not in office.tambahan
    wrong = tmp_path / "kantor.yml"
    wrong.write_text(
        'kantor:\n  - kode: "01"\n    nama: KPU Uji\n    tingkat: pusat\n    zona_waktu: WIB\n'
        "    situs: https://ppid.example.org/\n    profil: tidak-ada.yml\n",
        encoding="utf-8",
    )
    found, problems = load(wrong)
    assert found is None
    assert [f"{p.line}:{p.field}" for p in problems] == ["7:kantor[1].profil"]
    assert "berkas profil 'tidak-ada.yml' tidak ada" in problems[0].message
