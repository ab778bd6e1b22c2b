"""Field rules of the two public forms, with Formspree's error codes and Indonesian messages.

Form ids and field names are a public contract: other offices' pages post to them.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from typing import Any

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from site_builder.dates import format_date
from site_builder.layanan import (
    ALASAN_KEBERATAN,
    ALASAN_TANPA_PERMOHONAN,
    CARA_MEMPEROLEH,
    CARA_SALINAN,
    DOKUMEN,
    JENIS_PEMOHON,
)
from site_builder.text import clean

UU_KIP_BERLAKU = date(2010, 4, 30)  # UU 14/2008 in force: no request was received before
NIK_DIGITS = 16
NIK_SEPARATORS = re.compile(r"[\s.\-]+")  # "3374 0101 0101 0001", "3374.0101.0101.0001"
PHONE_MIN_DIGITS = 8  # the shortest local number with its area code
PHONE_MAX_DIGITS = 15  # E.164
PHONE_SEPARATORS = " -.()"
TRUE = ("ya", "on", "true", "1", "setuju")
CONTACT_MISSING = "Isi nomor telepon atau surel (salah satu wajib)"
KODE_MISSING = (
    "Isi kode status yang Anda terima saat mengajukan permohonan, "
    "atau lampirkan surat kuasa bila Anda kuasa pemohon"
)


@dataclass(frozen=True)
class FieldError:
    """One field's problem, as Formspree reports it."""

    field: str
    code: str
    message: str

    def as_json(self) -> dict[str, str]:
        """The error object of the JSON answer."""
        return {"field": self.field, "code": self.code, "message": self.message}


def _text(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    if values is None:
        return None
    value = " ".join(values).strip() if len(values) > 1 else values[0].strip()
    # control characters never reach a record: a letter, a PDF or a register row could not
    # carry them (site_builder.text, the one rule for every stored text)
    return clean(value).strip()


def _required(fields: dict[str, list[str]], name: str, label: str, errors: list[FieldError]) -> str:
    value = _text(fields, name)
    if value is None:
        errors.append(FieldError(name, "REQUIRED_FIELD_MISSING", f"{label} wajib diisi"))
        return ""
    if not value:
        errors.append(FieldError(name, "REQUIRED_FIELD_EMPTY", f"{label} tidak boleh kosong"))
    return value


def _choice(
    fields: dict[str, list[str]],
    name: str,
    label: str,
    choices: dict[str, str],
    errors: list[FieldError],
) -> str:
    value = _required(fields, name, label, errors)
    if value and value not in choices:
        errors.append(
            FieldError(name, "TYPE_TEXT", f"{label} tidak dikenal; pilihan: {', '.join(choices)}")
        )
    return value


def _email(fields: dict[str, list[str]], errors: list[FieldError]) -> str:
    value = _text(fields, "email") or ""
    if not value:
        return value
    found = mail_address(value)
    if found is None:
        errors.append(
            FieldError(
                "email", "TYPE_EMAIL", "Surel tidak valid; contoh yang benar: nama@contoh.id"
            )
        )
        return value
    return found


# local part: dot-separated runs of the usual characters; domain: labels of letters, digits
# and inner hyphens, ending in a TLD of letters
_PLAIN_ADDRESS = re.compile(
    r"([A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*)"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
)


def mail_address(value: str) -> str | None:
    """The address normalised, when a mail can be sent to it; else None.

    Checked with email-validator (syntax only: no DNS at intake) and then as the To header
    the acknowledgement will carry, so an address that would fail at sending time (`a@[x.y`,
    line breaks, U+2028, encoded words) is refused before anything is stored."""
    if "=?" in value or not value.isprintable():
        return None
    plain = _PLAIN_ADDRESS.fullmatch(value)
    special = plain is not None and plain[2].lower().rpartition(".")[2] in SPECIAL_USE_DOMAIN_NAMES
    # (labels with "--" in 3rd-4th place, punycode among them, go to email-validator)
    encoded = plain is not None and any(x[2:4] == "--" for x in plain[2].split("."))
    short = len(value) <= 254 and plain is not None and len(plain[1]) <= 64
    if plain and short and not special and not encoded:
        # the common address, every part plain ASCII: what email-validator would accept,
        # in 2 us instead of 100 (the relay's event loop validates every submission)
        return f"{plain[1]}@{plain[2].lower()}"
    try:
        found = validate_email(value, check_deliverability=False).normalized
        Address(addr_spec=found)
    except (EmailNotValidError, ValueError, IndexError):
        return None
    return str(found)


# digits in groups joined by one space, dot or dash, perhaps after a +: "+62 812-3456-7890"
_PLAIN_PHONE = re.compile(r"\+?[0-9](?:[ .\-]?[0-9])*")


def phone_problem(value: str) -> str | None:
    """What is wrong with a phone number as typed, in Indonesian; None when it is fine.

    Accepts the ways numbers are written here: "0812-3456-7890", "+62 812 3456 7890",
    "(0291) 555-0123", "0274.512.345"."""
    if _PLAIN_PHONE.fullmatch(value):  # the common case, without the character-by-character walk
        digits = len(value) - sum(value.count(c) for c in "+ .-")
        if PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
            return None
    letters = list(dict.fromkeys(c for c in value if c.isalpha()))
    others = list(
        dict.fromkeys(
            c
            for c in value
            if not (c.isalpha() or c.isdigit() or c in PHONE_SEPARATORS or c == "+")
        )
    )
    # str.isdigit() is true of Arabic-Indic and superscript digits too: count ASCII only
    digits = sum(c in "0123456789" for c in value)
    others += [c for c in dict.fromkeys(value) if c.isdigit() and c not in "0123456789"]
    problems = []
    if letters:
        problems.append(f"berisi huruf {', '.join(letters)}; tulis dengan angka saja")
    if others:
        problems.append(
            f"berisi tanda {' '.join(others)} yang tidak dipakai; yang boleh hanya angka, "
            "spasi, +, -, titik, atau tanda kurung"
        )
    if "+" in value and (value.count("+") > 1 or not value.startswith("+")):
        problems.append(
            "memuat tanda + yang tidak di awal; + hanya boleh di depan, contoh: +62 812 3456 7890"
        )
    if value.count("(") != value.count(")") or value.find(")") < value.find("("):
        problems.append("memuat tanda kurung yang tidak berpasangan, contoh: (0291) 555-0123")
    if digits or not problems:  # "nomor saya": its letters say enough
        if digits < PHONE_MIN_DIGITS:
            problems.append(
                f"terlalu pendek: {digits} angka, paling sedikit {PHONE_MIN_DIGITS} angka "
                "termasuk kode wilayah"
            )
        elif digits > PHONE_MAX_DIGITS:
            problems.append(
                f"terlalu panjang: {digits} angka, paling banyak {PHONE_MAX_DIGITS} angka"
            )
    if not problems:
        return None
    return f"Nomor telepon {'; '.join(problems)}"


def _phone(fields: dict[str, list[str]], errors: list[FieldError]) -> str:
    value = _text(fields, "telepon") or ""
    problem = phone_problem(value) if value else None
    if problem:
        errors.append(FieldError("telepon", "TYPE_NUMERIC", problem))
    return value


def _contact(
    fields: dict[str, list[str]], errors: list[FieldError], order: tuple[str, str]
) -> dict[str, str]:
    """Telephone or e-mail, at least one; each checked when it is given."""
    check = {"telepon": _phone, "email": _email}
    found = {name: check[name](fields, errors) for name in order}
    if not any(found.values()):
        for name in order:
            code = "REQUIRED_FIELD_MISSING" if name not in fields else "REQUIRED_FIELD_EMPTY"
            errors.append(FieldError(name, code, CONTACT_MISSING))
    return found


def _nik(fields: dict[str, list[str]], jenis: str, errors: list[FieldError]) -> str:
    """The NIK as its 16 digits; required of a person and of a group's representative."""
    typed = _text(fields, "nik") or ""
    if not typed:
        if jenis in ("perorangan", "kelompok"):
            whose = "pemohon perorangan" if jenis == "perorangan" else "wakil kelompok"
            errors.append(
                FieldError("nik", "REQUIRED_FIELD_EMPTY", f"NIK wajib diisi untuk {whose}")
            )
        return ""
    nik, problem = nik_problem(typed)
    if problem is None:
        return nik
    errors.append(FieldError("nik", "TYPE_NUMERIC", f"NIK harus {NIK_DIGITS} angka; {problem}"))
    return typed


def nik_problem(typed: str) -> tuple[str, str | None]:
    """A NIK as people write it (spaces, dots, dashes between the groups): its digits, and
    what is wrong with it ("yang diisi 15 angka dan huruf O"), or None when it is 16 digits."""
    nik = NIK_SEPARATORS.sub("", typed)
    if len(nik) == NIK_DIGITS and nik.isascii() and nik.isdigit():
        return nik, None
    digits = sum(c in "0123456789" for c in nik)
    letters = list(dict.fromkeys(c for c in nik if c.isalpha()))
    others = list(dict.fromkeys(c for c in nik if not c.isalpha() and c not in "0123456789"))
    extra = [f"huruf {', '.join(letters)}"] if letters else []
    extra += [f"tanda {' '.join(others)}"] if others else []
    also = f" dan {' serta '.join(extra)}" if extra else ""
    return nik, f"yang diisi {digits} angka{also}"


def received_problem(day: date, today: date) -> str | None:
    """Why a request cannot have been received on `day` (the office's `today`), or None."""
    if day < UU_KIP_BERLAKU:
        return f"{format_date(day)} sebelum UU 14/2008 berlaku ({format_date(UU_KIP_BERLAKU)})"
    if day > today:
        return f"{format_date(day)} ada di masa depan"
    return None


def _checked(fields: dict[str, list[str]], name: str) -> bool:
    return (_text(fields, name) or "").lower() in TRUE


def permohonan(
    fields: dict[str, list[str]], uploaded: Set[str]
) -> tuple[dict[str, Any], list[FieldError]]:
    """The cleaned permohonan and every problem in it; `uploaded` names the file fields sent.

    A missing number or text is a field error; a missing document is not: the request is
    registered as incomplete, and `data["kurang"]` names what it lacks (site_builder.layanan
    DOKUMEN labels, in that order)."""
    errors: list[FieldError] = []
    data: dict[str, Any] = {}
    jenis = _choice(fields, "jenis_pemohon", "Jenis pemohon", JENIS_PEMOHON, errors)
    data["jenis_pemohon"] = jenis
    data["nama"] = _required(fields, "nama", "Nama", errors)
    data["nik"] = _nik(fields, jenis, errors)
    sk = _text(fields, "nomor_sk_badan_hukum") or ""
    if jenis == "badan_hukum" and not sk:
        errors.append(
            FieldError(
                "nomor_sk_badan_hukum",
                "REQUIRED_FIELD_EMPTY",
                "Nomor SK pengesahan wajib diisi untuk badan hukum",
            )
        )
    data["nomor_sk_badan_hukum"] = sk
    data["kuasa"] = _checked(fields, "kuasa")
    data["alamat"] = _required(fields, "alamat", "Alamat", errors)
    data["pekerjaan"] = _required(fields, "pekerjaan", "Pekerjaan", errors)
    data.update(_contact(fields, errors, ("telepon", "email")))
    data["rincian_informasi"] = _required(fields, "rincian_informasi", "Rincian informasi", errors)
    data["tujuan_penggunaan"] = _required(fields, "tujuan_penggunaan", "Tujuan penggunaan", errors)
    data["cara_memperoleh"] = _choice(
        fields, "cara_memperoleh", "Cara memperoleh informasi", CARA_MEMPEROLEH, errors
    )
    # only a copy is delivered; to inspect (melihat) there is nothing to send
    data["cara_salinan"] = (
        ""
        if data["cara_memperoleh"] == "melihat"
        else _choice(fields, "cara_salinan", "Cara mendapatkan salinan", CARA_SALINAN, errors)
    )
    data["persetujuan"] = _checked(fields, "persetujuan")
    if not data["persetujuan"]:
        errors.append(
            FieldError(
                "persetujuan",
                "REQUIRED_FIELD_MISSING",
                "Persetujuan atas pemberitahuan privasi wajib dicentang",
            )
        )
    for name in DOKUMEN:
        data[name] = name in uploaded
    needed = {
        "dokumen_identitas": jenis in ("perorangan", "kelompok"),
        "dokumen_badan_hukum": jenis == "badan_hukum",
        "surat_kuasa": jenis == "kelompok" or data["kuasa"],
    }
    data["kurang"] = [label for name, label in DOKUMEN.items() if needed[name] and not data[name]]
    return data, errors


def keberatan(
    fields: dict[str, list[str]], uploaded: Set[str] = frozenset()
) -> tuple[dict[str, Any], list[FieldError]]:
    """The cleaned keberatan and every problem in it; `uploaded` names the file fields sent.

    `data["kode"]` is the status code typed as proof of being the requester: for the relay
    to check against the request, never to be stored."""
    errors: list[FieldError] = []
    alasan = [v.strip() for v in fields.get("alasan", []) for v in v.split(",") if v.strip()]
    bad = [a for a in alasan if a not in ALASAN_KEBERATAN]
    # ground b (berkala information not provided) needs no earlier request
    tanpa_permohonan = bool(alasan) and not bad and set(alasan) == {ALASAN_TANPA_PERMOHONAN}
    if tanpa_permohonan:
        nomor = _text(fields, "nomor_permohonan") or ""
    else:
        nomor = _required(fields, "nomor_permohonan", "Nomor permohonan", errors)
    data: dict[str, Any] = {
        "nomor_permohonan": nomor,
        "nama": _required(fields, "nama", "Nama", errors),
        "alamat": _text(fields, "alamat") or "",
    }
    data.update(_contact(fields, errors, ("email", "telepon")))
    if not alasan:
        errors.append(
            FieldError("alasan", "REQUIRED_FIELD_MISSING", "Pilih sedikitnya satu alasan keberatan")
        )
    if bad:
        errors.append(
            FieldError(
                "alasan",
                "TYPE_TEXT",
                f"Alasan {', '.join(bad)} tidak dikenal; pilihan: huruf a sampai g",
            )
        )
    data["alasan"] = sorted(set(alasan) - set(bad))
    data["kasus_posisi"] = _required(fields, "kasus_posisi", "Kasus posisi", errors)
    data["kuasa"] = _checked(fields, "kuasa")
    data["surat_kuasa"] = "surat_kuasa" in uploaded
    data["kode"] = (_text(fields, "kode") or "").upper()
    # the requester proves it with the status code, a kuasa with the surat kuasa
    if (nomor or not tanpa_permohonan) and not data["kode"] and not data["surat_kuasa"]:
        code = "REQUIRED_FIELD_MISSING" if "kode" not in fields else "REQUIRED_FIELD_EMPTY"
        errors.append(FieldError("kode", code, KODE_MISSING))
    return data, errors
