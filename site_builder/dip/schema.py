"""The DIP's schema, defined once (cerberus), its Indonesian error messages and its JSON Schema.

This is the only module that touches cerberus. The key names are the public contract of
every office's data: change them only with a migration of the data.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import cerberus
from cerberus import errors as cerr

from site_builder.clock import ZONA_WAKTU
from site_builder.dip import kewajiban
from site_builder.dip.model import (
    BENTUK,
    JENIS_BADAN,
    KATEGORI,
    PASAL_17,
    STATUS,
    TAHAPAN,
    TINGKAT,
)
from site_builder.dip.yamlfile import DocPath, YamlDoc, dotted
from site_builder.layanan import CARA_SALINAN, CUTI_BERSAMA
from site_builder.problems import Problem

_YEAR = {"min": 1945, "max": 2100}
# A link is a full web address or a path inside this site: never `//host/...` or
# `/\host/...`, which browsers take to another host while they look like a local path.
_URL = r"(https?://[^\s/\\][^\s\\]*|/(?![/\\])[^\s\\]*)"
_EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s]+"
# A GitHub user or team, with or without the leading @ (CODEOWNERS always gets it).
_HANDLE = r"@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?"


def _text(required: bool = True) -> dict[str, Any]:
    return {"type": "string", "required": required, "empty": False}


# NIP (nomor induk pegawai): 18 digits, written in quotes so YAML keeps it as text.
_NIP = r"\d{18}"


def _person() -> dict[str, Any]:
    return {
        "type": "dict",
        "required": True,
        "schema": {"nama": _text(), "jabatan": _text(), "nip": {**_text(False), "regex": _NIP}},
    }


def _text_list() -> dict[str, Any]:
    return {"type": "list", "required": True, "minlength": 1, "schema": _text()}


BADAN_PUBLIK: dict[str, Any] = {
    "nama": _text(),
    "alamat": _text(),
    "telepon": _text(),
    "email": {**_text(), "regex": _EMAIL},
    "laman": {**_text(), "regex": _URL},
    "ppid": _person(),
    "atasan_ppid": _person(),
    "tim_pertimbangan": {"type": "list", "required": True, "minlength": 1, "schema": _person()},
    "maklumat": _text(),
    # The letterhead's emblem: a PNG file, its path relative to badan-publik.yml; optional.
    "logo": {"type": "string", "empty": False},
    # Where letters are signed ("Kota Contoh, 24 November 2026"); optional.
    "kota": {"type": "string", "empty": False},
    # The office's clock: every date of receipt and every "today" is a date in this zone.
    "zona_waktu": {"type": "string", "allowed": list(ZONA_WAKTU)},
    # The office's level in the KPU hierarchy: who sets its exemptions depends on it.
    "tingkat": {
        "type": "string",
        "allowed": list(TINGKAT),
        "meta": "Tingkat kantor dalam jenjang KPU. Menentukan siapa yang menetapkan uji "
        "konsekuensi (site_builder/data/penetap-pengecualian.yml); tanpa tingkat, penetap "
        "tidak diperiksa.",
    },
    # Whether cuti bersama counts as a working day for the service's deadlines.
    "cuti_bersama": {"type": "string", "allowed": list(CUTI_BERSAMA)},
    # An election body (the default) must also hold the election items of the DIP.
    "jenis": {"type": "string", "allowed": list(JENIS_BADAN)},
    # The cost schedule of copies and delivery (Perki 1/2021 Pasal 47(2)), in rupiah.
    "biaya": {
        "type": "dict",
        "schema": {
            "per_halaman": {"type": "integer", "required": True, "min": 0},
            "elektronik": {"type": "integer", "min": 0},
            "media": {
                "type": "list",
                "schema": {
                    "type": "dict",
                    "schema": {
                        "nama": _text(),
                        "harga": {"type": "integer", "required": True, "min": 0},
                    },
                },
            },
            "pengiriman": {
                "type": "list",
                "schema": {
                    "type": "dict",
                    "schema": {
                        "cara": {"type": "string", "required": True, "allowed": list(CARA_SALINAN)},
                        "keterangan": _text(),
                    },
                },
            },
            "pembayaran": _text(),
        },
    },
    "dip": {
        "type": "dict",
        "required": True,
        "schema": {
            "tahun": {"type": "integer", "required": True, **_YEAR},
            "nomor_sk": _text(),
            "tanggal_penetapan": {"type": "date", "required": True},
        },
    },
}

_PERIOD = {
    "type": "dict",
    "required": True,
    "schema": {
        "mulai": {"type": "date", "required": True},
        "selesai": {"type": "date", "required": True},
    },
}

# Written by `ppid tahunan buka`: the next edition while it is being compiled.
EDISI_BARU: dict[str, Any] = {
    "tahun": {"type": "integer", "required": True, **_YEAR},
    "tahapan": {"type": "string", "required": True, "allowed": list(TAHAPAN)},
    "jadwal": {"type": "dict", "required": True, "schema": {stage: _PERIOD for stage in TAHAPAN}},
}
BADAN_PUBLIK["edisi_baru"] = {"type": "dict", "schema": EDISI_BARU}
# Reviewers of badan-publik.yml (the PPID's own handles), for CODEOWNERS.
BADAN_PUBLIK["peninjau"] = {
    "type": "list",
    "minlength": 1,
    "schema": {"type": "string", "empty": False, "regex": _HANDLE},
}

UNIT: dict[str, Any] = {
    "nama": _text(),
    "kepala": _person(),
    "peninjau": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": {**_text(), "regex": _HANDLE},
    },
}

UJI_KONSEKUENSI: dict[str, Any] = {
    "dasar_hukum": _text_list(),
    "pasal_17": {"type": "list", "required": True, "minlength": 1, "allowed": list(PASAL_17)},
    "konsekuensi": _text(),
    "kepentingan_publik": _text(),
    # required on both plus excludes: exactly one of the two (cerberus' exclusive or).
    "berlaku_sampai": {"type": "date", "required": True, "excludes": "jangka_waktu"},
    "jangka_waktu": {**_text(), "excludes": "berlaku_sampai"},
    "nomor_sk": _text(),
    "tanggal_uji": {"type": "date", "required": True},
    # Who set the test and by which decree; left out, it is this office's own PPID by
    # `nomor_sk` (site_builder/data/penetap-pengecualian.yml says who should, per level).
    "penetap": {
        "type": "dict",
        "schema": {
            "badan": {**_text(), "meta": "Badan yang menetapkan, misalnya KPU RI."},
            "dasar": {
                **_text(),
                "meta": "Keputusannya, misalnya Keputusan KPU Nomor ... Tahun ...",
            },
        },
        "meta": "Siapa yang menetapkan uji konsekuensi ini dan dengan keputusan apa. Bila tidak "
        "diisi: PPID badan publik ini, dengan keputusan nomor_sk.",
    },
}

ENTRI: dict[str, Any] = {
    "judul": _text(),
    "ringkasan": _text(),
    "kategori": {"type": "string", "required": True, "allowed": list(KATEGORI)},
    "penanggung_jawab": _text(),
    "penguasa": _text(required=False),
    "waktu_pembuatan": {"type": ["date", "integer"], "required": True, "check_with": "year"},
    "tempat_pembuatan": _text(),
    "bentuk": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "allowed": list(BENTUK),
        "check_with": "unique",
    },
    "retensi": _text(),
    "tautan": {
        "type": "list",
        "schema": {"type": "dict", "schema": {"judul": _text(), "url": {**_text(), "regex": _URL}}},
    },
    "tahun": {"type": "integer", "required": True, **_YEAR},
    "diperbarui": {"type": "date", "required": True},
    "status": {"type": "string", "required": True, "allowed": list(STATUS)},
    "uji_konsekuensi": {"type": "dict", "schema": UJI_KONSEKUENSI},
    # The mandatory items (site_builder/data/kewajiban-dip.yml) the entry fulfils; which ids
    # exist is checked against the file in force by dip/kewajiban.py, with a "did you mean".
    "kewajiban": {
        "type": "list",
        "minlength": 1,
        "schema": {**_text(), "regex": kewajiban.ID.pattern},
        "check_with": "unique",
    },
    # Written by `ppid tahunan sahkan`: who approved the entry, when, under which decree.
    "pengesahan": {
        "type": "dict",
        "schema": {
            "oleh": _text(),
            "tanggal": {"type": "date", "required": True},
            "nomor_sk": _text(),
        },
    },
}

# The one rule cerberus cannot say: a key required only for one value of another key.
# The validator and the JSON Schema export both read it from here.
REQUIRED_WHEN = {"uji_konsekuensi": ("kategori", "dikecualikan")}

# The narrative of the annual report (laporan/tahunan-<tahun>.yml), written by PPID staff;
# the figures come from the register (Perki 1/2021 Pasal 56).
_CASES = {
    "type": "dict",
    "schema": {
        "jumlah": {"type": "integer", "required": True, "min": 0},
        "keterangan": _text(required=False),
    },
}
LAPORAN_TAHUNAN: dict[str, Any] = {
    "tahun": {"type": "integer", "required": True, **_YEAR},
    "tanggal": {"type": "date"},
    "kebijakan": _text(),
    "sarana_prasarana": _text(),
    "sumber_daya_manusia": _text(),
    "anggaran": _text(),
    "sengketa": {
        "type": "dict",
        "required": True,
        "schema": {
            "komisi_informasi": {**_CASES, "required": True},
            "pengadilan": {**_CASES, "required": True},
        },
    },
    "kendala": {
        "type": "dict",
        "required": True,
        "schema": {"internal": _text(), "eksternal": _text()},
    },
    "rekomendasi": _text(),
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "badan-publik": BADAN_PUBLIK,
    "unit": UNIT,
    "entri": ENTRI,
    "laporan-tahunan": LAPORAN_TAHUNAN,
}

_TYPE_NAMES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "date": "tanggal (YYYY-MM-DD)",
    "list": "daftar (baris berawalan '- ')",
    "dict": "kumpulan kunci: nilai",
}


class _Validator(cerberus.Validator):  # type: ignore[misc]
    def _check_with_year(self, field: str, value: Any) -> None:
        is_year = isinstance(value, int) and not isinstance(value, bool)
        if is_year and not _YEAR["min"] <= value <= _YEAR["max"]:
            self._error(field, f"tahun {value} di luar rentang {_YEAR['min']}-{_YEAR['max']}")

    def _check_with_unique(self, field: str, value: Any) -> None:
        if isinstance(value, list):
            dupes = sorted({str(v) for v in value if value.count(v) > 1})
            if dupes:
                self._error(field, f"nilai ganda: {', '.join(dupes)}")


_VALIDATORS = {name: _Validator(schema) for name, schema in SCHEMAS.items()}


def validate(kind: str, doc: YamlDoc) -> list[Problem]:
    """Check one document against its schema; every problem, with line and column."""
    if not isinstance(doc.data, dict):
        what = "kosong" if doc.data is None else f"berupa {_type_name(doc.data)}"
        return [
            Problem(
                doc.path, 1, 1, "(berkas)", f"isi berkas {what}; harus berupa kumpulan kunci: nilai"
            )
        ]
    v = _VALIDATORS[kind]
    surplus: list[Problem] = []
    data = _pruned(doc.data, SCHEMAS[kind], (), doc, surplus)
    # normalize=False: nothing is coerced or defaulted, and normalising re-validates the
    # schema on every document (measured: two thirds of the load time).
    if v.validate(data, normalize=False):
        problems: list[Problem] = []
    else:
        problems = list(_translate(v._errors, doc, SCHEMAS[kind]))
    problems += surplus
    problems += _required_when(kind, doc)
    return sorted({p for p in problems if not _already_reported(p, doc)})


# cerberus sorts its error list on every error it adds: 2,000 unknown keys took 21 s. Past
# this many unknown keys in one mapping, the rest are one problem and cerberus never sees them.
MAX_UNKNOWN = 20


def _pruned(
    data: Any, schema: Mapping[str, Any], at: DocPath, doc: YamlDoc, out: list[Problem]
) -> Any:
    """`data` with its unknown keys past MAX_UNKNOWN left out (one problem says how many),
    in every mapping whose keys the schema lists."""
    if not isinstance(data, dict):
        return data
    unknown = [k for k in data if k not in schema]
    kept = {}
    for key, value in data.items():
        if key in schema:
            rule = schema[key]
            sub = rule.get("schema") if isinstance(rule, dict) else None
            if isinstance(sub, dict) and rule.get("type") == "dict":
                value = _pruned(value, sub, (*at, key), doc, out)
            kept[key] = value
        elif key in unknown[:MAX_UNKNOWN]:
            kept[key] = value
    if len(unknown) > MAX_UNKNOWN:
        first = unknown[MAX_UNKNOWN]
        line, col = doc.locate((*at, first), key=True)
        out.append(
            Problem(
                doc.path,
                line,
                col,
                dotted((*at, first)),
                f"dan {len(unknown) - MAX_UNKNOWN} kunci lain yang tidak dikenal mulai dari "
                f"'{first}'; periksa berkas ini",
            )
        )
    return kept


def _already_reported(problem: Problem, doc: YamlDoc) -> bool:
    return any(dotted(path) == problem.field for path in doc.reported)


def _required_when(kind: str, doc: YamlDoc) -> list[Problem]:
    if kind != "entri":
        return []
    out = []
    for key, (other, value) in REQUIRED_WHEN.items():
        has_value = doc.data.get(other) == value
        if has_value and key not in doc.data:
            line, col = doc.locate((other,))
            out.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    key,
                    f"entri berkategori '{value}' wajib memiliki {key} "
                    "(hasil uji konsekuensi, Perki 1/2021 Pasal 49)",
                )
            )
        elif key in doc.data and not has_value:
            line, col = doc.locate((key,), key=True)
            out.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    key,
                    f"{key} hanya untuk entri berkategori '{value}'; "
                    f"hapus bagian ini atau ubah {other}",
                )
            )
    return out


def _leaves(errors: Any) -> Iterator[Any]:
    for err in errors:
        if err.is_group_error:
            yield from _leaves(err.child_errors)
        else:
            yield err


def _translate(errors: Any, doc: YamlDoc, schema: Mapping[str, Any]) -> Iterator[Problem]:
    leaves = list(_leaves(errors))
    missing = {tuple(e.document_path) for e in leaves if e.code == cerr.REQUIRED_FIELD.code}
    for err in leaves:
        path: DocPath = tuple(err.document_path)
        message = _message(err, path, missing, schema)
        if message is None:
            continue
        at_key = err.code in (cerr.UNKNOWN_FIELD.code, cerr.EXCLUDES_FIELD.code)
        line, col = doc.locate(path, key=at_key)
        yield Problem(doc.path, line, col, dotted(path), message)


def _message(
    err: Any, path: DocPath, missing: set[DocPath], schema: Mapping[str, Any]
) -> str | None:
    code, value, constraint = err.code, err.value, err.constraint
    name = str(path[-1]) if path else ""
    if code == cerr.REQUIRED_FIELD.code:
        rule = _rule_for(schema, path)
        partner = rule.get("excludes") if rule else None
        if partner:
            if (*path[:-1], partner) in missing and str(partner) < name:
                return None  # the partner's line says it for both
            if (*path[:-1], partner) in missing:
                return f"isi salah satu: {name} (tanggal) atau {partner} (teks)"
            return None
        return f"elemen wajib '{name}' tidak ada"
    if code == cerr.UNKNOWN_FIELD.code:
        siblings = _rule_siblings(schema, path)
        if " " in name.strip():
            return (
                f"kunci '{name}' tidak dikenal; bila ini bagian dari teks yang memuat koma "
                "di dalam { ... }, apit teks itu dengan tanda kutip"
            )
        hint = difflib.get_close_matches(name, siblings, n=1)
        also = (
            f"; maksudnya '{hint[0]}'?" if hint else f"; kunci yang dikenal: {', '.join(siblings)}"
        )
        return f"kunci '{name}' tidak dikenal{also}"
    if code == cerr.BAD_TYPE.code:
        wanted = [str(w) for w in (constraint if isinstance(constraint, list) else [constraint])]
        names = " atau ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        quote = " (apit dengan tanda kutip)" if "string" in wanted and value is not None else ""
        got = "kosong" if value is None else f"berupa {_type_name(value)}"
        return f"harus berupa {names}{quote}, bukan {got}"
    if code == cerr.NOT_NULLABLE.code:
        return "tidak boleh kosong"
    if code == cerr.EMPTY_NOT_ALLOWED.code:
        return "tidak boleh kosong"
    if code == cerr.MIN_LENGTH.code:
        return f"harus berisi sedikitnya {constraint} butir"
    if code == cerr.MIN_VALUE.code or code == cerr.MAX_VALUE.code:
        return f"nilai {value} di luar rentang yang diizinkan"
    if code in (cerr.UNALLOWED_VALUE.code, cerr.UNALLOWED_VALUES.code):
        bad = (
            value
            if code == cerr.UNALLOWED_VALUE.code
            else [v for v in value if v not in constraint]
        )
        shown = bad if isinstance(bad, str) else ", ".join(map(str, bad))
        return f"nilai '{shown}' tidak diizinkan; pilihan: {', '.join(map(str, constraint))}"
    if code == cerr.REGEX_MISMATCH.code:
        if path[:1] == ("kewajiban",):
            return (
                f"'{value}' bukan id kewajiban; pakai huruf kecil, angka, titik dan tanda "
                "hubung (contoh: berkala.profil)"
            )
        return _regex_message(name, value)
    if code == cerr.EXCLUDES_FIELD.code:
        partner = str(_rule_for(schema, path).get("excludes", ""))
        if partner < name:
            return None  # one line for the pair, at the first of the two
        return f"{name} dan {partner} tidak boleh diisi bersamaan; pilih salah satu"
    if code == cerr.CUSTOM.code:
        return str(err.info[0]) if err.info else "nilai tidak valid"
    return f"nilai tidak valid ({err.rule})"


def _regex_message(name: str, value: Any) -> str:
    if name == "email":
        return f"'{value}' bukan alamat surel yang valid"
    if name == "peninjau" or (isinstance(name, str) and name.isdigit()):
        return (
            f"'{value}' bukan nama pengguna atau tim GitHub "
            "(contoh: budi, @budi atau @kpu-contoh/keuangan)"
        )
    if name == "nip":
        return (
            f"'{value}' bukan NIP: NIP terdiri atas 18 angka tanpa spasi atau titik "
            '(contoh: "198503122010011002")'
        )
    if name in ("url", "laman"):
        return f"'{value}' bukan alamat web; awali dengan https:// (atau / untuk halaman situs ini)"
    return f"'{value}' tidak sesuai format"


def _rule_for(schema: Mapping[str, Any], path: DocPath) -> dict[str, Any]:
    rules: Any = {"schema": schema, "type": "dict"}
    for part in path:
        if isinstance(part, int):
            rules = rules.get("schema", {})
            continue
        inner = rules.get("schema", {})
        if not isinstance(inner, dict) or part not in inner:
            return {}
        rules = inner[part]
    return rules if isinstance(rules, dict) else {}


def _rule_siblings(schema: Mapping[str, Any], path: DocPath) -> list[str]:
    parent = _rule_for(schema, path[:-1]) if path[:-1] else {"schema": schema}
    inner = parent.get("schema", {})
    if inner and "type" in inner and inner.get("type") == "dict":  # a list of mappings
        inner = inner.get("schema", {})
    return sorted(inner) if isinstance(inner, dict) else []


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "ya/tidak (boolean)"
    if isinstance(value, int | float):
        return "angka"
    if isinstance(value, date):
        return "tanggal"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "kumpulan kunci: nilai"
    return type(value).__name__


# --- JSON Schema export -------------------------------------------------------------------

_DATE_JSON = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def json_schema(kind: str) -> dict[str, Any]:
    """An equivalent JSON Schema (draft-07) of one document kind, for editors."""
    out = _object(SCHEMAS[kind])
    out = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://ppid-kit.example/schema/{kind}.schema.json",
        "title": {
            "badan-publik": "Profil badan publik (dip/badan-publik.yml)",
            "unit": "Unit / Sub Bagian (dip/<unit>/unit.yml)",
            "entri": "Entri DIP (dip/<unit>/<slug>.yml)",
            "laporan-tahunan": "Narasi laporan tahunan (laporan/tahunan-<tahun>.yml)",
        }[kind],
        **out,
    }
    if kind == "entri":
        out["allOf"] = [
            {
                "if": {"properties": {other: {"const": value}}, "required": [other]},
                "then": {"required": [key]},
                "else": {"not": {"required": [key]}},
            }
            for key, (other, value) in REQUIRED_WHEN.items()
        ]
        # the ids of the file in force (`ppid schema` with PPID_KEWAJIBAN writes the office's)
        known = kewajiban.ids()
        if known:
            out["properties"]["kewajiban"]["items"] = {"type": "string", "enum": known}
    return out


def _object(schema: Mapping[str, Any]) -> dict[str, Any]:
    props = {key: _field(rule) for key, rule in schema.items()}
    exclusive = [k for k, r in schema.items() if r.get("excludes")]
    required = [k for k, r in schema.items() if r.get("required") and k not in exclusive]
    out: dict[str, Any] = {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "required": required,
    }
    if exclusive:
        out["oneOf"] = [{"required": [k]} for k in exclusive]
    return out


def _field(rule: Mapping[str, Any]) -> dict[str, Any]:
    types = rule.get("type", "string")
    if isinstance(types, list):
        return {"anyOf": [_field({**rule, "type": t}) for t in types]}
    out: dict[str, Any]
    if "meta" in rule:  # what an editor shows on hover
        return {
            "description": rule["meta"],
            **_field({k: v for k, v in rule.items() if k != "meta"}),
        }
    if types == "date":
        out = dict(_DATE_JSON)
    elif types == "integer":
        out = {"type": "integer"}
        if "min" in rule:
            out["minimum"] = rule["min"]
        if "max" in rule:
            out["maximum"] = rule["max"]
    elif types == "dict":
        out = _object(rule.get("schema", {}))
    elif types == "list":
        item = rule.get("schema")
        out = {"type": "array"}
        if "allowed" in rule:
            out["items"] = {"type": "string", "enum": list(rule["allowed"])}
        elif item:
            out["items"] = _field(item)
        if "minlength" in rule:
            out["minItems"] = rule["minlength"]
        if rule.get("check_with") == "unique":
            out["uniqueItems"] = True
    else:
        out = {"type": "string"}
        if "allowed" in rule:
            out["enum"] = list(rule["allowed"])
        if rule.get("empty") is False:
            out["minLength"] = 1
        if "regex" in rule:
            out["pattern"] = f"^(?:{rule['regex']})$"
    return out


def json_schema_text(kind: str) -> str:
    """The JSON Schema file content for one document kind (schemas/<kind>.schema.json)."""
    import json

    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
