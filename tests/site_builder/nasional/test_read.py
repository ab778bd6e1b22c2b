"""Reading an office's four files exactly as the office site and the relay write them, and
saying what is wrong with a file that is not so."""

from __future__ import annotations

import json
from datetime import date

import pytest

from site_builder import register as contract
from site_builder.dip.model import Catalogue
from site_builder.nasional import read
from site_builder.render import exports
from tests.federasi import REGISTERS

BASE = "https://ppid-6201.example.org"


def test_dip_json_as_the_exporter_writes_it(mini_catalogue: Catalogue) -> None:
    dip = read.daftar(exports.to_json(mini_catalogue, base_url=BASE), "dip")
    assert dip.nama == "KPU Kabupaten Uji"
    assert (dip.tahun, dip.tanggal_penetapan) == (2026, date(2026, 1, 19))
    assert [e.slug for e in dip.entri] == ["dipa-2026", "tps-banjir", "rup-2026"]
    dipa = dip.entri[0]
    assert dipa.url == f"{BASE}/informasi/dipa-2026/"
    assert (dipa.judul, dipa.kategori, dipa.unit) == (
        "DIPA Tahun Anggaran 2026",
        "berkala",
        "keuangan",
    )


def test_dik_json_holds_the_exempted_entries(mini_catalogue: Catalogue) -> None:
    dik = read.daftar(exports.dik_json(mini_catalogue), "dik")
    assert [(e.slug, e.kategori, e.url) for e in dik.entri] == [
        ("nik-pemilih", "dikecualikan", "/informasi/nik-pemilih/")
    ]


def test_data_json_and_the_register(mini_catalogue: Catalogue) -> None:
    datasets = read.katalog(exports.to_data_json(mini_catalogue, base_url=BASE))
    assert [d["identifier"] for d in datasets] == [
        f"{BASE}/informasi/{slug}/" for slug in ("dipa-2026", "tps-banjir", "rup-2026")
    ]
    register = read.register(contract.dump(REGISTERS["6201"], date(2026, 11, 23)), "r.json")
    assert register.dibuat == date(2026, 11, 23)
    assert list(register.baris) == REGISTERS["6201"]


def _dip(mini_catalogue: Catalogue) -> dict[str, object]:
    doc: dict[str, object] = json.loads(exports.to_json(mini_catalogue))
    return doc


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("entri"), "'entri' harus berupa daftar"),
        (lambda d: d.pop("dip"), "'dip' (tahun, nomor SK, tanggal penetapan) tidak ada"),
        (lambda d: d.update(jumlah=7), "'jumlah' bernilai 7, padahal ada 3 entri"),
        (lambda d: d["entri"][1].pop("judul"), "entri 2: 'judul' tidak ada"),
        (lambda d: d["entri"][0].update(judul="  "), "entri 1: 'judul' kosong"),
        (lambda d: d["entri"][0].update(tahun="2026"), "entri 1: 'tahun' bukan bilangan"),
        (
            lambda d: d["entri"][2].update(kategori="dikecualikan"),
            "entri 3: 'kategori' bernilai 'dikecualikan'; harus salah satu dari "
            "berkala, serta_merta, setiap_saat",
        ),
        (
            lambda d: d["entri"][0].update(url="javascript:alert(1)"),
            "entri 1: 'url' bernilai 'javascript:alert(1)', bukan alamat halaman",
        ),
        (
            lambda d: d["entri"][0].update(diperbarui="kemarin"),
            "entri 1: 'diperbarui' bernilai 'kemarin', bukan tanggal (TTTT-BB-HH)",
        ),
    ],
)
def test_a_dip_json_that_is_not_the_format_says_what(
    mini_catalogue: Catalogue, change: object, message: str
) -> None:
    doc = _dip(mini_catalogue)
    change(doc)  # type: ignore[operator]
    with pytest.raises(read.FileInvalid) as info:
        read.daftar(json.dumps(doc).encode(), "dip")
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"entri": [', "bukan JSON yang valid (baris 1 kolom 12: Expecting value)"),
        (b"\xff\xfe", "bukan teks UTF-8 (bita ke-1)"),
        (b"[]", "isinya harus objek JSON dengan 'badan_publik', 'entri' ..."),
    ],
)
def test_a_file_that_is_not_json_says_where(raw: bytes, message: str) -> None:
    with pytest.raises(read.FileInvalid) as info:
        read.daftar(raw, "dip")
    assert str(info.value) == message


def test_a_register_in_another_format_says_so() -> None:
    with pytest.raises(read.FileInvalid) as info:
        read.register(b'{"format": "lain", "baris": []}', "https://x/register.json")
    assert str(info.value) == "format register tidak dikenal (harus ppid-register/1)"
    with pytest.raises(read.FileInvalid) as info:
        read.register(b'{"format": "ppid-register/1", "baris": [{}]}', "r.json")
    assert str(info.value) == "baris 1: kunci 'nomor' tidak ada"


def test_a_catalogue_that_is_not_project_open_data_says_so() -> None:
    with pytest.raises(read.FileInvalid, match=r"^bukan katalog Project Open Data"):
        read.katalog(b'{"dataset": []}')
    with pytest.raises(read.FileInvalid, match=r"^dataset 1: 'identifier' tidak ada$"):
        read.katalog(
            b'{"@type": "dcat:Catalog", "dataset": [{"@type": "dcat:Dataset", "title": "x"}]}'
        )


def test_json_nested_too_deep_is_a_message_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(read.FileInvalid, match=r"^bukan JSON yang valid"):
        read.daftar(deep, "dip")
    with pytest.raises(read.FileInvalid, match=r"^bukan JSON yang valid"):
        read.register(deep, "r.json")
