"""Every validation message staff can meet, and the JSON Schema that editors use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from site_builder.dip import schema
from site_builder.dip.yamlfile import read_yaml

VALID: dict[str, Any] = {
    "judul": "DIPA 2026",
    "ringkasan": "Pagu anggaran.",
    "kategori": "berkala",
    "penanggung_jawab": "Kasubbag Keuangan",
    "waktu_pembuatan": "2026-01-05",
    "tempat_pembuatan": "Kantor",
    "bentuk": ["cetak"],
    "retensi": "5 tahun",
    "tahun": 2026,
    "diperbarui": "2026-07-01",
    "status": "disahkan",
}
UJI = {
    "dasar_hukum": ["UU 14/2008 Pasal 17 huruf h"],
    "pasal_17": ["h"],
    "konsekuensi": "Bahaya.",
    "kepentingan_publik": "Lindungi.",
    "jangka_waktu": "selama tersimpan",
    "nomor_sk": "1/2026",
    "tanggal_uji": "2026-01-02",
}


def _yaml(data: dict[str, Any]) -> str:
    # dates stay unquoted so YAML reads them as dates, as in staff-written files
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return (
        text.replace("'20", "20")
        .replace("-05'", "-05")
        .replace("-01'", "-01")
        .replace("-02'", "-02")
    )


def _problems(tmp_path: Path, data: dict[str, Any] | str) -> list[str]:
    f = tmp_path / "x.yml"
    f.write_text(data if isinstance(data, str) else _yaml(data), encoding="utf-8")
    doc, problems = read_yaml(f, "x.yml")
    assert doc is not None, problems
    return [str(p) for p in problems + schema.validate("entri", doc)]


def test_valid_entry_has_no_problem(tmp_path: Path) -> None:
    assert _problems(tmp_path, VALID) == []
    assert _problems(tmp_path, {**VALID, "kategori": "dikecualikan", "uji_konsekuensi": UJI}) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"judul": None}, "x.yml:1:8: judul: tidak boleh kosong"),
        ({"judul": ""}, "x.yml:1:8: judul: tidak boleh kosong"),
        ({"ringkasan": "__drop__"}, "x.yml:1:1: ringkasan: elemen wajib 'ringkasan' tidak ada"),
        (
            {"ringkasn": "x"},
            "x.yml:13:1: ringkasn: kunci 'ringkasn' tidak dikenal; maksudnya 'ringkasan'?",
        ),
        (
            {"zzz": "x"},
            "x.yml:13:1: zzz: kunci 'zzz' tidak dikenal; kunci yang dikenal: bentuk, "
            "diperbarui, judul, kategori, kewajiban, penanggung_jawab, pengesahan, penguasa, "
            "retensi, ringkasan, status, "
            "tahun, tautan, tempat_pembuatan, uji_konsekuensi, waktu_pembuatan",
        ),
        (
            {"kategori": "rahasia"},
            "x.yml:3:11: kategori: nilai 'rahasia' tidak diizinkan; "
            "pilihan: berkala, serta_merta, setiap_saat, dikecualikan",
        ),
        (
            {"bentuk": ["cetak", "pdf"]},
            "x.yml:8:1: bentuk: nilai 'pdf' tidak diizinkan; pilihan: cetak, softcopy, rekaman",
        ),
        ({"bentuk": []}, "x.yml:7:9: bentuk: harus berisi sedikitnya 1 butir"),
        ({"bentuk": ["cetak", "cetak"]}, "x.yml:8:1: bentuk: nilai ganda: cetak"),
        (
            {"bentuk": "cetak"},
            "x.yml:7:9: bentuk: harus berupa daftar (baris berawalan '- '), bukan berupa teks",
        ),
        ({"tahun": "2026"}, "x.yml:10:8: tahun: harus berupa bilangan bulat, bukan berupa teks"),
        ({"tahun": 1900}, "x.yml:10:8: tahun: nilai 1900 di luar rentang yang diizinkan"),
        (
            {"retensi": 5},
            "x.yml:9:10: retensi: harus berupa teks (apit dengan tanda kutip), bukan berupa angka",
        ),
        (
            {"waktu_pembuatan": "kemarin"},
            "x.yml:5:18: waktu_pembuatan: harus berupa "
            "tanggal (YYYY-MM-DD) atau bilangan bulat, bukan berupa teks",
        ),
        (
            {"waktu_pembuatan": 1800},
            "x.yml:5:18: waktu_pembuatan: tahun 1800 di luar rentang 1945-2100",
        ),
        (
            {"diperbarui": "1 Juli 2026"},
            "x.yml:11:13: diperbarui: harus berupa tanggal (YYYY-MM-DD), bukan berupa teks",
        ),
        (
            {"status": "final"},
            "x.yml:12:9: status: nilai 'final' tidak diizinkan; pilihan: draf, disahkan",
        ),
        (
            {"tautan": [{"judul": "a", "url": "ftp://x"}]},
            "x.yml:15:8: tautan[0].url: 'ftp://x' "
            "bukan alamat web; awali dengan https:// (atau / untuk halaman situs ini)",
        ),
        ({"tautan": [{"judul": "a"}]}, "x.yml:14:3: tautan[0].url: elemen wajib 'url' tidak ada"),
        (
            {"kategori": "dikecualikan"},
            "x.yml:3:11: uji_konsekuensi: entri berkategori "
            "'dikecualikan' wajib memiliki uji_konsekuensi (hasil uji konsekuensi, Perki 1/2021 "
            "Pasal 49)",
        ),
        (
            {"uji_konsekuensi": UJI},
            "x.yml:13:1: uji_konsekuensi: uji_konsekuensi hanya untuk "
            "entri berkategori 'dikecualikan'; hapus bagian ini atau ubah kategori",
        ),
    ],
)
def test_each_problem_is_one_clear_line(
    tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    data = {k: v for k, v in {**VALID, **change}.items() if v != "__drop__"}
    assert _problems(tmp_path, data) == [expected]


@pytest.mark.parametrize(
    ("uji", "expected"),
    [
        (
            {k: v for k, v in UJI.items() if k != "jangka_waktu"},
            "uji_konsekuensi.berlaku_sampai: isi salah satu: berlaku_sampai (tanggal) atau "
            "jangka_waktu (teks)",
        ),
        (
            {**UJI, "berlaku_sampai": "2030-01-01"},
            "uji_konsekuensi.berlaku_sampai: berlaku_sampai dan jangka_waktu tidak boleh diisi "
            "bersamaan; pilih salah satu",
        ),
        (
            {**UJI, "pasal_17": ["k"]},
            "uji_konsekuensi.pasal_17: nilai 'k' tidak diizinkan; pilihan: a, b, c, d, e, f, g, h, "
            "i, j",
        ),
        (
            {**UJI, "dasar_hukum": []},
            "uji_konsekuensi.dasar_hukum: harus berisi sedikitnya 1 butir",
        ),
    ],
)
def test_consequence_test_problems(tmp_path: Path, uji: dict[str, Any], expected: str) -> None:
    data = {**VALID, "kategori": "dikecualikan", "uji_konsekuensi": uji}
    problems = _problems(tmp_path, data)
    assert [p.split(": ", 1)[1] for p in problems] == [expected]


def test_penetap_is_who_and_by_which_decree(tmp_path: Path) -> None:
    penetap = {"badan": "KPU RI", "dasar": "Keputusan KPU Nomor 9901 Tahun 2025"}
    data = {**VALID, "kategori": "dikecualikan", "uji_konsekuensi": {**UJI, "penetap": penetap}}
    assert _problems(tmp_path, data) == []
    # left out: the office's own PPID (by nomor_sk); no problem from the schema
    assert _problems(tmp_path, {**data, "uji_konsekuensi": UJI}) == []
    data["uji_konsekuensi"]["penetap"] = {"badan": "KPU RI"}
    assert [p.split(": ", 1)[1] for p in _problems(tmp_path, data)] == [
        "uji_konsekuensi.penetap.dasar: elemen wajib 'dasar' tidak ada"
    ]
    data["uji_konsekuensi"]["penetap"] = "KPU RI"
    assert [p.split(": ", 1)[1] for p in _problems(tmp_path, data)] == [
        "uji_konsekuensi.penetap: harus berupa kumpulan kunci: nilai, bukan berupa teks"
    ]


def _unit_problems(tmp_path: Path, peninjau: str) -> list[str]:
    f = tmp_path / "unit.yml"
    f.write_text(
        f"nama: Sub Bagian Hukum\nkepala: {{nama: Ani, jabatan: Kepala}}\npeninjau: {peninjau}\n",
        encoding="utf-8",
    )
    doc, problems = read_yaml(f, "unit.yml")
    assert doc is not None and problems == []
    return [str(p) for p in schema.validate("unit", doc)]


def test_reviewers_are_written_with_or_without_the_at_sign(tmp_path: Path) -> None:
    assert (
        _unit_problems(tmp_path, '[budi, "@budi", "@kpu-contoh/hukum-sdm", kpu-contoh/ppid]') == []
    )
    assert _unit_problems(tmp_path, '[budi, "budi santoso", "budi@kpu.go.id", "@-budi"]') == [
        f"unit.yml:3:{col}: peninjau[{i}]: '{bad}' bukan nama pengguna atau tim GitHub "
        "(contoh: budi, @budi atau @kpu-contoh/keuangan)"
        for i, col, bad in ((1, 18, "budi santoso"), (2, 34, "budi@kpu.go.id"), (3, 52, "@-budi"))
    ]


@pytest.mark.parametrize("tingkat", ["pusat", "provinsi", "kabupaten_kota"])
def test_the_office_level_is_one_of_three(tingkat: str) -> None:
    demo = Path(__file__).resolve().parents[3] / "dip" / "badan-publik.yml"
    doc, _ = read_yaml(demo, "badan-publik.yml")
    assert doc is not None and doc.data["tingkat"] == "kabupaten_kota"
    doc.data["tingkat"] = tingkat
    assert schema.validate("badan-publik", doc) == []
    doc.data["tingkat"] = "kabupaten"
    [problem] = schema.validate("badan-publik", doc)
    assert problem.field == "tingkat" and problem.message == (
        "nilai 'kabupaten' tidak diizinkan; pilihan: pusat, provinsi, kabupaten_kota"
    )


def test_flow_mapping_with_unquoted_comma_gets_a_hint(tmp_path: Path) -> None:
    f = tmp_path / "unit.yml"
    f.write_text(
        "nama: Sub Bagian Hukum\n"
        "kepala: {nama: Ani, jabatan: Kepala Sub Bagian Hukum, SDM}\n"
        "peninjau: ['@ani']\n",
        encoding="utf-8",
    )
    doc, _ = read_yaml(f, "unit.yml")
    assert doc is not None
    assert [str(p) for p in schema.validate("unit", doc)] == [
        "unit.yml:2:55: kepala.SDM: kunci 'SDM' tidak dikenal; "
        "kunci yang dikenal: jabatan, nama, nip"
    ]
    f.write_text(f.read_text().replace("Hukum, SDM", "Hukum, Sumber Daya Manusia"))
    doc, _ = read_yaml(f, "unit.yml")
    assert doc is not None
    assert [str(p) for p in schema.validate("unit", doc)] == [
        "unit.yml:2:55: kepala.Sumber Daya Manusia: kunci 'Sumber Daya Manusia' tidak dikenal; "
        "bila ini bagian dari teks yang memuat koma di dalam { ... }, apit teks itu dengan "
        "tanda kutip"
    ]


def test_not_a_mapping(tmp_path: Path) -> None:
    assert _problems(tmp_path, "- a\n- b\n") == [
        "x.yml:1:1: (berkas): isi berkas berupa daftar; harus berupa kumpulan kunci: nilai"
    ]


# --- JSON Schema -----------------------------------------------------------------------


def _as_editor_sees(text: str) -> Any:
    # The YAML language server reads YAML 1.2 (core schema): dates are plain strings.
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


@pytest.mark.parametrize("kind", sorted(schema.SCHEMAS))
def test_json_schema_is_valid_draft7(kind: str) -> None:
    jsonschema.Draft7Validator.check_schema(schema.json_schema(kind))


def test_json_schema_agrees_with_cerberus_on_the_demo_and_broken_data() -> None:
    data = Path(__file__).resolve().parents[2] / "data"
    validators = {k: jsonschema.Draft7Validator(schema.json_schema(k)) for k in schema.SCHEMAS}
    checked = 0
    for file in sorted(data.glob("*/dip/**/*.yml")):
        kind = (
            "badan-publik"
            if file.name == "badan-publik.yml"
            else "unit"
            if file.name == "unit.yml"
            else "entri"
        )
        doc, syntax = read_yaml(file, file.name)
        if doc is None or syntax or not isinstance(doc.data, dict):
            continue
        cerberus_ok = not schema.validate(kind, doc)
        json_ok = validators[kind].is_valid(_as_editor_sees(file.read_text(encoding="utf-8")))
        assert cerberus_ok == json_ok, file
        checked += 1
    assert checked >= 12


def test_committed_schemas_are_up_to_date() -> None:
    from site_builder.dip.schema import json_schema_text as schema_text

    folder = Path(__file__).resolve().parents[3] / "schemas"
    for kind in schema.SCHEMAS:
        committed = (folder / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"jalankan: ppid schema --out schemas ({kind})"


@pytest.mark.parametrize("url", ["//evil.example/x", "/\\evil.example/x", "javascript:alert(1)"])
def test_a_link_to_another_host_in_disguise_is_refused(url: str) -> None:
    import re

    from site_builder.dip.schema import _URL

    assert not re.fullmatch(_URL, url)
    assert re.fullmatch(_URL, "/dip/") and re.fullmatch(_URL, "https://jdih.kpu.go.id/x")
