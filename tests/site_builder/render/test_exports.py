"""Downloads: what a person opening them in a spreadsheet or a data portal would notice."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from typing import Any

import jsonschema
from openpyxl import load_workbook

from site_builder.dip.model import Catalogue, Penetap
from site_builder.render.exports import COLUMNS, DIK_COLUMNS, exports

BASE = "https://ppid-uji.example.org"

# Project Open Data metadata schema v1.1 (DCAT-US), as its specification states it: the
# catalog's required fields and, per dataset, the required fields, their forms, and `rights`
# being required when accessLevel is not "public". Written from the specification for this
# test (the federal-only bureauCode/programCode are "if applicable" and do not apply here).
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}"
POD_V11: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["conformsTo", "dataset"],
    "properties": {
        "@context": {"type": "string", "format": "uri"},
        "@type": {"const": "dcat:Catalog"},
        "conformsTo": {"const": "https://project-open-data.cio.gov/v1.1/schema"},
        "describedBy": {"type": "string", "format": "uri"},
        "dataset": {"type": "array", "items": {"$ref": "#/definitions/dataset"}},
    },
    "definitions": {
        "dataset": {
            "type": "object",
            "required": [
                "title",
                "description",
                "keyword",
                "modified",
                "publisher",
                "contactPoint",
                "identifier",
                "accessLevel",
            ],
            "properties": {
                "@type": {"const": "dcat:Dataset"},
                "title": {"type": "string", "minLength": 1},
                "description": {"type": "string", "minLength": 1},
                "keyword": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string", "minLength": 1},
                },
                "modified": {"type": "string", "pattern": _ISO_DATE},
                "publisher": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "@type": {"const": "org:Organization"},
                        "name": {"type": "string", "minLength": 1},
                    },
                },
                "contactPoint": {
                    "type": "object",
                    "required": ["fn", "hasEmail"],
                    "properties": {
                        "@type": {"const": "vcard:Contact"},
                        "fn": {"type": "string", "minLength": 1},
                        "hasEmail": {"type": "string", "pattern": r"^mailto:[\w.+-]+@"},
                    },
                },
                "identifier": {"type": "string", "minLength": 1},
                "accessLevel": {"enum": ["public", "restricted public", "non-public"]},
                "rights": {"type": "string", "minLength": 1, "maxLength": 255},
                "accrualPeriodicity": {"type": "string", "pattern": r"^(irregular|R/P.+)$"},
                "landingPage": {"type": "string", "format": "uri"},
                "language": {"type": "array", "items": {"type": "string"}},
                "distribution": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "anyOf": [
                            {"required": ["downloadURL", "mediaType"]},
                            {"required": ["accessURL"]},
                        ],
                        "properties": {
                            "@type": {"const": "dcat:Distribution"},
                            "downloadURL": {"type": "string", "format": "uri"},
                            "accessURL": {"type": "string", "format": "uri"},
                            "mediaType": {"type": "string", "pattern": r"^[-\w]+/[-\w.+]+$"},
                        },
                    },
                },
            },
            "if": {"properties": {"accessLevel": {"const": "public"}}},
            "else": {"required": ["rights"]},
        }
    },
}


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_header_and_approved_rows(mini_catalogue: Catalogue) -> None:
    rows = _csv_rows(exports(mini_catalogue, base_url=BASE)["unduh/dip.csv"])
    assert rows[0] == list(COLUMNS)
    assert next(r[1] for r in rows[1:]) == "DIPA Tahun Anggaran 2026"
    assert len(rows) == 1 + 3  # the draft is not published, the exempted entry is on the DIK
    assert rows[1][14] == f"{BASE}/informasi/dipa-2026/"
    preview = _csv_rows(exports(mini_catalogue, pratinjau=True)["unduh/dip.csv"])
    assert len(preview) == 1 + 4


def test_dip_downloads_hold_no_exempted_entry(mini_catalogue: Catalogue) -> None:
    files = exports(mini_catalogue, base_url=BASE)
    dip_csv = _csv_rows(files["unduh/dip.csv"])
    assert [r[3] for r in dip_csv[1:]] == [
        "Informasi Berkala",
        "Informasi Serta Merta",
        "Informasi Tersedia Setiap Saat",
    ]
    assert not any("Pasal 17" in name or "uji" in name.lower() for name in dip_csv[0])
    dip_json = json.loads(files["unduh/dip.json"])
    assert {e["kategori"] for e in dip_json["entri"]} == {"berkala", "serta_merta", "setiap_saat"}
    assert not any("uji_konsekuensi" in e for e in dip_json["entri"])
    assert load_workbook(io.BytesIO(files["unduh/dip.xlsx"])).sheetnames == ["DIP"]
    portal = json.loads(files["data.json"])
    assert "NIK dan nomor KK lengkap pemilih" not in {d["title"] for d in portal["dataset"]}


def test_dik_csv_lists_the_exempted_with_their_tests(mini_catalogue: Catalogue) -> None:
    rows = _csv_rows(exports(mini_catalogue, base_url=BASE)["unduh/dik.csv"])
    assert rows[0] == list(DIK_COLUMNS)
    assert len(rows) == 1 + 1
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Nomor"] == "1"  # the DIK numbers its own entries
    assert row["Informasi yang dikecualikan"] == "NIK dan nomor KK lengkap pemilih"
    assert row["Pasal 17"] == "h"
    assert row["Berlaku sampai/jangka waktu"] == "selama data pemilih tersimpan"
    # no `penetap` in the YAML: the office's own PPID, by the decree of the test
    assert row["Penetap uji konsekuensi"] == "PPID KPU Kabupaten Uji"
    assert row["Dasar penetapan"] == "Keputusan Nomor 3/PP.06-Kpt/3399/2026"
    assert row["Alamat halaman"] == f"{BASE}/informasi/nik-pemilih/"
    # and the DIP's elements, so that `ppid impor dik.xlsx` gives the entry back
    assert row["Penanggung jawab pembuatan/penerbitan"] == (
        "Kepala Sub Bagian Perencanaan, Data dan Informasi"
    )
    assert (row["Waktu pembuatan"], row["Tempat pembuatan"]) == (
        "2024-09-20",
        "Kantor KPU Kabupaten Uji",
    )
    assert (row["Bentuk informasi"], row["Jangka waktu penyimpanan"]) == (
        "Softcopy/daring",
        "permanen",
    )
    assert row["Folder unit"] == "teknis"


def test_dik_downloads_quote_the_penetap(mini_catalogue: Catalogue) -> None:
    nik = next(e for e in mini_catalogue.entries if e.slug == "nik-pemilih")
    assert nik.uji_konsekuensi is not None
    uji = replace(
        nik.uji_konsekuensi,
        penetap=Penetap("KPU RI", "Keputusan KPU Nomor 9901 Tahun 2025"),
    )
    catalogue = replace(
        mini_catalogue,
        entries=tuple(
            replace(e, uji_konsekuensi=uji) if e is nik else e for e in mini_catalogue.entries
        ),
    )
    files = exports(catalogue)
    doc = json.loads(files["unduh/dik.json"])
    assert doc["jumlah"] == 1 and doc["dik"]["nomor_sk"] == "7/PP.06-Kpt/3399/2026"
    assert doc["entri"][0]["uji_konsekuensi"]["penetap"] == {
        "badan": "KPU RI",
        "dasar": "Keputusan KPU Nomor 9901 Tahun 2025",
    }
    ws = load_workbook(io.BytesIO(files["unduh/dik.xlsx"]))["DIK"]
    header = [c.value for c in ws[3]]
    values = dict(zip(header, [c.value for c in ws[4]], strict=True))
    assert ws["A1"].value == "Daftar Informasi yang Dikecualikan KPU Kabupaten Uji Tahun 2026"
    assert values["Penetap uji konsekuensi"] == "KPU RI"
    assert values["Dasar penetapan"] == "Keputusan KPU Nomor 9901 Tahun 2025"
    assert ws.max_row == 3 + 1


def test_csv_guards_against_formulas(mini_catalogue: Catalogue) -> None:
    first = mini_catalogue.entries[0]
    evil = replace(first, judul='=HYPERLINK("http://x","klik")', retensi="-5 tahun")
    rows = _csv_rows(exports(replace(mini_catalogue, entries=(evil,)))["unduh/dip.csv"])
    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][9] == "'-5 tahun"


def test_xlsx_is_readable_and_stable(mini_catalogue: Catalogue) -> None:
    one = exports(mini_catalogue)["unduh/dip.xlsx"]
    assert one == exports(mini_catalogue)["unduh/dip.xlsx"]  # same data, same bytes
    assert exports(mini_catalogue)["unduh/dik.xlsx"] == exports(mini_catalogue)["unduh/dik.xlsx"]
    wb = load_workbook(io.BytesIO(one))
    ws = wb["DIP"]
    assert ws["A1"].value == "Daftar Informasi Publik KPU Kabupaten Uji Tahun 2026"
    assert [c.value for c in ws[3]][:3] == ["Nomor", "Judul", "Ringkasan isi informasi"]
    assert ws.max_row == 3 + 3
    assert ws.freeze_panes == "C4"
    dik = load_workbook(io.BytesIO(exports(mini_catalogue)["unduh/dik.xlsx"]))["DIK"]
    assert dik["B4"].value == "NIK dan nomor KK lengkap pemilih"


def test_json_uses_the_yaml_key_names(mini_catalogue: Catalogue) -> None:
    doc = json.loads(exports(mini_catalogue)["unduh/dip.json"])
    assert doc["jumlah"] == 3 and doc["dip"]["tahun"] == 2026
    first = doc["entri"][0]
    assert first["nomor"] == 1 and first["slug"] == "dipa-2026"
    assert first["waktu_pembuatan"] == "2026-01-05"
    rup = next(e for e in doc["entri"] if e["slug"] == "rup-2026")
    assert rup["judul"].endswith("<script>alert(1)</script>")  # data, not markup
    assert rup["waktu_pembuatan"] == 2026
    dik = json.loads(exports(mini_catalogue)["unduh/dik.json"])
    nik = next(e for e in dik["entri"] if e["slug"] == "nik-pemilih")
    assert nik["nomor"] == 1 and nik["uji_konsekuensi"]["pasal_17"] == ["h"]


def test_data_json_is_project_open_data_v11(mini_catalogue: Catalogue) -> None:
    doc = json.loads(exports(mini_catalogue, base_url=BASE)["data.json"])
    jsonschema.validate(doc, POD_V11, format_checker=jsonschema.FormatChecker())
    assert len(doc["dataset"]) == 3
    assert {d["accessLevel"] for d in doc["dataset"]} == {"public"}
    dipa = next(d for d in doc["dataset"] if d["title"] == "DIPA Tahun Anggaran 2026")
    assert dipa["accrualPeriodicity"] == "R/P6M"
    assert dipa["distribution"][0]["mediaType"] == "application/pdf"
    assert dipa["landingPage"] == f"{BASE}/informasi/dipa-2026/"


def test_data_json_rejects_what_the_schema_forbids(mini_catalogue: Catalogue) -> None:
    doc = json.loads(exports(mini_catalogue, base_url=BASE)["data.json"])
    doc["dataset"][-1]["accessLevel"] = "non-public"  # non-public needs its reason (rights)
    assert not jsonschema.Draft7Validator(POD_V11).is_valid(doc)


def test_each_row_names_its_unit_folder_for_the_import(mini_catalogue: Catalogue) -> None:
    rows = _csv_rows(exports(mini_catalogue)["unduh/dip.csv"])
    folder = rows[0].index("Folder unit")
    assert {r[1]: r[folder] for r in rows[1:]}["DIPA Tahun Anggaran 2026"] == "keuangan"
