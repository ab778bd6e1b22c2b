"""Field rules of the two public forms, with Formspree's error codes and Indonesian messages.

Form ids and field names are a public contract: other offices' pages post to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address
from typing import Any

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from site_builder.layanan import (
    ALASAN_KEBERATAN,
    CARA_MEMPEROLEH,
    CARA_SALINAN,
    JENIS_PEMOHON,
)
from site_builder.text import clean

PHONE = re.compile(r"\+?[0-9 ()\-.]{6,30}")
NIK = re.compile(r"[0-9]{16}")
TRUE = ("ya", "on", "true", "1", "setuju")


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
    value = _required(fields, "email", "Surel", errors)
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


def _phone(fields: dict[str, list[str]], errors: list[FieldError]) -> str:
    value = _required(fields, "telepon", "Nomor telepon", errors)
    if value and not PHONE.fullmatch(value):
        errors.append(
            FieldError(
                "telepon",
                "TYPE_NUMERIC",
                "Nomor telepon hanya boleh berisi angka, spasi, +, - atau ()",
            )
        )
    return value


def permohonan(
    fields: dict[str, list[str]], has_identity: bool
) -> tuple[dict[str, Any], list[FieldError]]:
    """The cleaned permohonan and every problem in it."""
    errors: list[FieldError] = []
    data: dict[str, Any] = {}
    data["jenis_pemohon"] = _choice(fields, "jenis_pemohon", "Jenis pemohon", JENIS_PEMOHON, errors)
    data["nama"] = _required(fields, "nama", "Nama", errors)
    nik = _text(fields, "nik") or ""
    if data["jenis_pemohon"] == "perorangan" and not nik:
        errors.append(
            FieldError("nik", "REQUIRED_FIELD_EMPTY", "NIK wajib diisi untuk pemohon perorangan")
        )
    elif nik and not NIK.fullmatch(nik):
        errors.append(FieldError("nik", "TYPE_NUMERIC", "NIK harus 16 angka"))
    data["nik"] = nik
    sk = _text(fields, "nomor_sk_badan_hukum") or ""
    if data["jenis_pemohon"] == "badan_hukum" and not sk:
        errors.append(
            FieldError(
                "nomor_sk_badan_hukum",
                "REQUIRED_FIELD_EMPTY",
                "Nomor SK pengesahan wajib diisi untuk badan hukum",
            )
        )
    data["nomor_sk_badan_hukum"] = sk
    data["alamat"] = _required(fields, "alamat", "Alamat", errors)
    data["pekerjaan"] = _required(fields, "pekerjaan", "Pekerjaan", errors)
    data["telepon"] = _phone(fields, errors)
    data["email"] = _email(fields, errors)
    data["rincian_informasi"] = _required(fields, "rincian_informasi", "Rincian informasi", errors)
    data["tujuan_penggunaan"] = _required(fields, "tujuan_penggunaan", "Tujuan penggunaan", errors)
    data["cara_memperoleh"] = _choice(
        fields, "cara_memperoleh", "Cara memperoleh informasi", CARA_MEMPEROLEH, errors
    )
    data["cara_salinan"] = _choice(
        fields, "cara_salinan", "Cara mendapatkan salinan", CARA_SALINAN, errors
    )
    consent = (_text(fields, "persetujuan") or "").lower()
    if consent not in TRUE:
        errors.append(
            FieldError(
                "persetujuan",
                "REQUIRED_FIELD_MISSING",
                "Persetujuan atas pemberitahuan privasi wajib dicentang",
            )
        )
    data["persetujuan"] = consent in TRUE
    data["dokumen_identitas"] = has_identity
    return data, errors


def keberatan(fields: dict[str, list[str]]) -> tuple[dict[str, Any], list[FieldError]]:
    """The cleaned keberatan and every problem in it."""
    errors: list[FieldError] = []
    data: dict[str, Any] = {
        "nomor_permohonan": _required(fields, "nomor_permohonan", "Nomor permohonan", errors),
        "nama": _required(fields, "nama", "Nama", errors),
        "email": _email(fields, errors),
        "telepon": _phone(fields, errors),
    }
    alasan = [v.strip() for v in fields.get("alasan", []) for v in v.split(",") if v.strip()]
    if not alasan:
        errors.append(
            FieldError("alasan", "REQUIRED_FIELD_MISSING", "Pilih sedikitnya satu alasan keberatan")
        )
    bad = [a for a in alasan if a not in ALASAN_KEBERATAN]
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
    return data, errors


def phone_problem(value: str) -> str | None:
    """What is wrong with a telephone number as typed, or None when it can be dialled."""
    letters = sorted({ch for ch in value if ch.isalpha()})
    if letters:
        return f"nomor telepon tidak boleh berisi huruf ({', '.join(letters)})"
    if "+" in value[1:] or value.count("+") > 1:
        return "tanda + hanya boleh di awal nomor (contoh: +62 812 3456 7890)"
    other = sorted({ch for ch in value if not (ch.isdigit() or ch in " ()-.+")})
    if other:
        return f"nomor telepon tidak boleh berisi {' '.join(other)}"
    digits = sum(ch.isdigit() for ch in value)
    if digits < 8:
        return f"nomor telepon terlalu pendek ({digits} angka; paling sedikit 8)"
    if digits > 15:
        return f"nomor telepon terlalu panjang ({digits} angka; paling banyak 15)"
    return None
