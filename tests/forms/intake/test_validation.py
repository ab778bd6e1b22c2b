"""The field rules of the two public forms: what the requester is told, in Indonesian, with the
Formspree code a JavaScript client reads."""

from __future__ import annotations

from typing import Any

import pytest

from forms.intake import validation
from forms.intake.validation import FieldError
from tests.support import PERMOHONAN

KEBERATAN = {
    "nomor_permohonan": "0001/PPID/XI/2026",
    "nama": "Budi Santoso",
    "email": "budi@contoh.id",
    "telepon": "0812-3456-7890",
    "alasan": "a",
    "kasus_posisi": "Permohonan saya ditolak tanpa menyebut pasal pengecualian",
}


def _fields(form: dict[str, Any], **changes: str | list[str] | None) -> dict[str, list[str]]:
    """The form as parsed (each field a list of values), `None` leaving a field out."""
    out = {k: v if isinstance(v, list) else [v] for k, v in form.items()}
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v if isinstance(v, list) else [v]
    return out


def _permohonan(**changes: str | list[str] | None) -> list[FieldError]:
    return validation.permohonan(_fields(PERMOHONAN, **changes), True)[1]


def _keberatan(**changes: str | list[str] | None) -> list[FieldError]:
    return validation.keberatan(_fields(KEBERATAN, **changes))[1]


# --- permohonan ----------------------------------------------------------------------------


def test_a_complete_request_is_cleaned() -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, nama="  Budi Santoso "), False)
    assert errors == []
    assert data == {
        **PERMOHONAN,
        "nama": "Budi Santoso",
        "nomor_sk_badan_hukum": "",
        "persetujuan": True,
        "dokumen_identitas": False,
    }
    assert validation.permohonan(_fields(PERMOHONAN), True)[0]["dokumen_identitas"] is True


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("nama", "Nama"),
        ("alamat", "Alamat"),
        ("pekerjaan", "Pekerjaan"),
        ("telepon", "Nomor telepon"),
        ("email", "Surel"),
        ("rincian_informasi", "Rincian informasi"),
        ("tujuan_penggunaan", "Tujuan penggunaan"),
        ("jenis_pemohon", "Jenis pemohon"),
        ("cara_memperoleh", "Cara memperoleh informasi"),
        ("cara_salinan", "Cara mendapatkan salinan"),
    ],
)
def test_a_required_field(name: str, label: str) -> None:
    missing = _permohonan(**{name: None})
    assert FieldError(name, "REQUIRED_FIELD_MISSING", f"{label} wajib diisi") in missing
    for blank in ("", "   ", ["", " "]):
        assert FieldError(name, "REQUIRED_FIELD_EMPTY", f"{label} tidak boleh kosong") in (
            _permohonan(**{name: blank})
        )


def test_every_problem_is_told_at_once() -> None:
    errors = _permohonan(nama="", email="salah", telepon="nomor saya", persetujuan=None)
    assert [e.field for e in errors] == ["nama", "telepon", "email", "persetujuan"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "jenis_pemohon",
            "lembaga",
            "Jenis pemohon tidak dikenal; pilihan: perorangan, badan_hukum, kelompok",
        ),
        (
            "cara_memperoleh",
            "fotokopi",
            "Cara memperoleh informasi tidak dikenal; pilihan: "
            "melihat, salinan_cetak, salinan_softcopy",
        ),
        (
            "cara_salinan",
            "wa",
            "Cara mendapatkan salinan tidak dikenal; pilihan: ambil_langsung, "
            "kurir, pos, faksimili, email",
        ),
    ],
)
def test_a_choice_must_be_one_of_the_options(name: str, value: str, message: str) -> None:
    assert _permohonan(**{name: value}) == [FieldError(name, "TYPE_TEXT", message)]


def test_nik_is_required_of_a_person() -> None:
    expected = [
        FieldError("nik", "REQUIRED_FIELD_EMPTY", "NIK wajib diisi untuk pemohon perorangan")
    ]
    assert _permohonan(nik=None) == expected
    assert _permohonan(nik="  ") == expected


@pytest.mark.parametrize(
    "nik", ["339901120385000", "33990112038500012", "3399 0112 0385 0001", "33990112O3850001"]
)
def test_nik_is_sixteen_digits(nik: str) -> None:
    assert _permohonan(nik=nik) == [FieldError("nik", "TYPE_NUMERIC", "NIK harus 16 angka")]
    # also when a group gives one, though it need not
    assert _permohonan(jenis_pemohon="kelompok", nik=nik) == [
        FieldError("nik", "TYPE_NUMERIC", "NIK harus 16 angka")
    ]


def test_a_group_needs_no_nik() -> None:
    assert _permohonan(jenis_pemohon="kelompok", nik=None) == []


def test_a_legal_entity_gives_its_decree_number() -> None:
    assert _permohonan(jenis_pemohon="badan_hukum", nik=None) == [
        FieldError(
            "nomor_sk_badan_hukum",
            "REQUIRED_FIELD_EMPTY",
            "Nomor SK pengesahan wajib diisi untuk badan hukum",
        )
    ]
    data, errors = validation.permohonan(
        _fields(
            PERMOHONAN,
            jenis_pemohon="badan_hukum",
            nik=None,
            nomor_sk_badan_hukum="AHU-0012345.AH.01.04.2020",
        ),
        True,
    )
    assert errors == [] and data["nomor_sk_badan_hukum"] == "AHU-0012345.AH.01.04.2020"


@pytest.mark.parametrize(
    "telepon", ["0812-3456-7890", "+62 812 3456 7890", "(0274) 512345", "0274.512.345"]
)
def test_phone_numbers_as_people_write_them(telepon: str) -> None:
    assert _permohonan(telepon=telepon) == []


@pytest.mark.parametrize("telepon", ["0812-ABC-7890", "12345", "0812/3456", "1" * 31])
def test_a_phone_number_is_digits(telepon: str) -> None:
    assert _permohonan(telepon=telepon) == [
        FieldError(
            "telepon", "TYPE_NUMERIC", "Nomor telepon hanya boleh berisi angka, spasi, +, - atau ()"
        )
    ]


@pytest.mark.parametrize(
    "email", ["budi", "budi@contoh", "budi @contoh.id", "@contoh.id", "budi@@contoh.id"]
)
def test_an_email_address_is_checked(email: str) -> None:
    assert _permohonan(email=email) == [
        FieldError("email", "TYPE_EMAIL", "Surel tidak valid; contoh yang benar: nama@contoh.id")
    ]


@pytest.mark.parametrize("consent", ["ya", "on", "true", "1", "setuju", "YA", " Setuju "])
def test_consent_as_forms_send_it(consent: str) -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, persetujuan=consent), True)
    assert errors == [] and data["persetujuan"] is True


@pytest.mark.parametrize("consent", [None, "", "tidak", "0", "false"])
def test_consent_is_required(consent: str | None) -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, persetujuan=consent), True)
    assert errors == [
        FieldError(
            "persetujuan",
            "REQUIRED_FIELD_MISSING",
            "Persetujuan atas pemberitahuan privasi wajib dicentang",
        )
    ]
    assert data["persetujuan"] is False


def test_control_characters_never_reach_the_record() -> None:
    data, errors = validation.permohonan(
        _fields(
            PERMOHONAN,
            nama="Budi\x00Santoso\x1b",
            alamat="Jl. Melati 5\r\nKabupaten\u2028Contoh",
            rincian_informasi="DIPA\t2026\rdan\x85realisasi",
        ),
        True,
    )
    assert errors == []
    assert data["nama"] == "Budi Santoso"
    assert data["alamat"] == "Jl. Melati 5\nKabupaten Contoh"
    assert data["rincian_informasi"] == "DIPA\t2026\ndan realisasi"


def test_a_field_sent_twice_is_joined() -> None:
    data, _ = validation.permohonan(_fields(PERMOHONAN, alamat=["Jl. Melati 5", "Contoh "]), True)
    assert data["alamat"] == "Jl. Melati 5 Contoh"


# --- keberatan -----------------------------------------------------------------------------


def test_a_complete_objection_is_cleaned() -> None:
    data, errors = validation.keberatan(_fields(KEBERATAN, alasan=["c,a", " a ", "e"]))
    assert errors == []
    assert data == {**KEBERATAN, "alasan": ["a", "c", "e"]}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("nomor_permohonan", "Nomor permohonan"),
        ("nama", "Nama"),
        ("email", "Surel"),
        ("telepon", "Nomor telepon"),
        ("kasus_posisi", "Kasus posisi"),
    ],
)
def test_an_objection_required_field(name: str, label: str) -> None:
    assert _keberatan(**{name: None}) == [
        FieldError(name, "REQUIRED_FIELD_MISSING", f"{label} wajib diisi")
    ]
    assert _keberatan(**{name: " "}) == [
        FieldError(name, "REQUIRED_FIELD_EMPTY", f"{label} tidak boleh kosong")
    ]


@pytest.mark.parametrize("alasan", [None, "", ", ,", [" "]])
def test_an_objection_names_at_least_one_reason(alasan: str | list[str] | None) -> None:
    assert _keberatan(alasan=alasan) == [
        FieldError("alasan", "REQUIRED_FIELD_MISSING", "Pilih sedikitnya satu alasan keberatan")
    ]


def test_unknown_reasons_are_named() -> None:
    data, errors = validation.keberatan(_fields(KEBERATAN, alasan=["a", "h,z"]))
    assert errors == [
        FieldError("alasan", "TYPE_TEXT", "Alasan h, z tidak dikenal; pilihan: huruf a sampai g")
    ]
    assert data["alasan"] == ["a"]


def test_the_objection_checks_email_and_phone() -> None:
    assert [(e.field, e.code) for e in _keberatan(email="budi", telepon="x")] == [
        ("email", "TYPE_EMAIL"),
        ("telepon", "TYPE_NUMERIC"),
    ]


def test_a_field_error_as_formspree_sends_it() -> None:
    error = FieldError("nik", "TYPE_NUMERIC", "NIK harus 16 angka")
    assert error.as_json() == {
        "field": "nik",
        "code": "TYPE_NUMERIC",
        "message": "NIK harus 16 angka",
    }


@pytest.mark.parametrize(
    "address",
    [
        "budi@contoh.id",
        "Budi.Santoso+ppid@Mail.Contoh.GO.ID",
        "a..b@x.id",
        ".a@x.id",
        "a@-x.id",
        "a@x-.id",
        "a@x.i",
        "a@x.123",
        "ab@x_y.id",
        "budi@contoh",
        "a@x.local",
        "a@x.test",
        "budi@pemilu.onion",
        "x" * 65 + "@contoh.id",
    ],
)
def test_the_quick_path_agrees_with_email_validator(address: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    from forms.intake.validation import mail_address

    try:
        expected: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    assert mail_address(address) == expected


def test_an_address_the_mail_cannot_carry_is_refused() -> None:
    from forms.intake.validation import mail_address

    # valid for email-validator, but a non-ASCII local part needs SMTPUTF8, which the
    # acknowledgement's To header cannot carry
    assert mail_address("ñ@contoh.id") is None
    assert mail_address("budi@contoh.id\u2028") is None


@pytest.mark.parametrize(
    "address", ["user@xn--zz.com", "a@ab--cd.com", "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "id"]
)
def test_addresses_past_the_quick_path_still_agree(address: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    from forms.intake.validation import mail_address

    try:
        expected: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    assert mail_address(address) == expected
