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
    "kode": "9F2C41AB",
    "nama": "Budi Santoso",
    "email": "budi@contoh.id",
    "telepon": "0812-3456-7890",
    "alasan": "a",
    "kasus_posisi": "Permohonan saya ditolak tanpa menyebut pasal pengecualian",
}
KTP = {"dokumen_identitas"}
CONTACT = "Isi nomor telepon atau surel (salah satu wajib)"
KODE = (
    "Isi kode status yang Anda terima saat mengajukan permohonan, "
    "atau lampirkan surat kuasa bila Anda kuasa pemohon"
)


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
    return validation.permohonan(_fields(PERMOHONAN, **changes), KTP)[1]


def _keberatan(**changes: str | list[str] | None) -> list[FieldError]:
    return validation.keberatan(_fields(KEBERATAN, **changes), set())[1]


def _message(errors: list[FieldError], field: str) -> str:
    [message] = [e.message for e in errors if e.field == field]
    return message


# --- permohonan ----------------------------------------------------------------------------


def test_a_complete_request_is_cleaned() -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, nama="  Budi Santoso "), set())
    assert errors == []
    assert data == {
        **PERMOHONAN,
        "nama": "Budi Santoso",
        "nomor_sk_badan_hukum": "",
        "kuasa": False,
        "persetujuan": True,
        "dokumen_identitas": False,
        "dokumen_badan_hukum": False,
        "surat_kuasa": False,
        "kurang": ["salinan KTP"],
    }
    data = validation.permohonan(_fields(PERMOHONAN), KTP)[0]
    assert data["dokumen_identitas"] is True and data["kurang"] == []


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("nama", "Nama"),
        ("alamat", "Alamat"),
        ("pekerjaan", "Pekerjaan"),
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
    "nik",
    ["3399 0112 0385 0001", "3399.0112.0385.0001", "3399-0112-0385-0001", " 33990112 03850001"],
)
def test_nik_as_people_write_it_is_stored_as_its_digits(nik: str) -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, nik=nik), KTP)
    assert errors == [] and data["nik"] == "3399011203850001"


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("339901120385000", "NIK harus 16 angka; yang diisi 15 angka"),
        ("33990112038500012", "NIK harus 16 angka; yang diisi 17 angka"),
        ("3399 0112 0385 000", "NIK harus 16 angka; yang diisi 15 angka"),
        ("33990112O3850001", "NIK harus 16 angka; yang diisi 15 angka dan huruf O"),
        ("3399/0112/0385/0001", "NIK harus 16 angka; yang diisi 16 angka dan tanda /"),
    ],
)
def test_nik_is_sixteen_digits(nik: str, message: str) -> None:
    assert _permohonan(nik=nik) == [FieldError("nik", "TYPE_NUMERIC", message)]
    # also when a legal entity gives one, though it need not
    assert _permohonan(jenis_pemohon="badan_hukum", nik=nik, nomor_sk_badan_hukum="AHU-1") == [
        FieldError("nik", "TYPE_NUMERIC", message)
    ]


def test_a_group_gives_the_nik_of_its_representative() -> None:
    assert _permohonan(jenis_pemohon="kelompok", nik=None) == [
        FieldError("nik", "REQUIRED_FIELD_EMPTY", "NIK wajib diisi untuk wakil kelompok")
    ]


def test_a_legal_entity_needs_no_nik() -> None:
    assert _permohonan(jenis_pemohon="badan_hukum", nik=None, nomor_sk_badan_hukum="AHU-1") == []


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
        {"dokumen_badan_hukum"},
    )
    assert errors == [] and data["nomor_sk_badan_hukum"] == "AHU-0012345.AH.01.04.2020"
    assert data["dokumen_badan_hukum"] is True and data["kurang"] == []


def _documents(jenis: str, uploaded: set[str], **changes: str | None) -> list[str]:
    """What the request lacks, as the requester and the timeline are told."""
    fields = _fields(PERMOHONAN, jenis_pemohon=jenis, nomor_sk_badan_hukum="AHU-1", **changes)
    data, errors = validation.permohonan(fields, uploaded)
    assert errors == []  # a missing document never refuses the request
    kurang: list[str] = data["kurang"]
    return kurang


def test_a_legal_entity_without_its_deed_is_registered_incomplete() -> None:
    assert _documents("badan_hukum", set()) == ["akta pendirian/SK pengesahan badan hukum"]
    # the KTP is not what a legal entity shows
    assert _documents("badan_hukum", KTP) == ["akta pendirian/SK pengesahan badan hukum"]
    assert _documents("badan_hukum", {"dokumen_badan_hukum"}) == []


def test_a_group_shows_its_representatives_ktp_and_a_power_of_attorney() -> None:
    assert _documents("kelompok", KTP) == ["surat kuasa"]
    assert _documents("kelompok", set()) == ["salinan KTP", "surat kuasa"]
    assert _documents("kelompok", {"dokumen_identitas", "surat_kuasa"}) == []


@pytest.mark.parametrize("kuasa", ["ya", "on", "true", "1", "YA"])
def test_acting_for_another_needs_a_power_of_attorney(kuasa: str) -> None:
    assert _documents("perorangan", KTP, kuasa=kuasa) == ["surat kuasa"]
    assert _documents("perorangan", set(), kuasa=kuasa) == ["salinan KTP", "surat kuasa"]
    assert _documents("badan_hukum", {"dokumen_badan_hukum"}, kuasa=kuasa) == ["surat kuasa"]
    data, _ = validation.permohonan(
        _fields(PERMOHONAN, kuasa=kuasa), {"dokumen_identitas", "surat_kuasa"}
    )
    assert data["kuasa"] is True and data["surat_kuasa"] is True and data["kurang"] == []


@pytest.mark.parametrize("kuasa", [None, "", "tidak", "0"])
def test_a_requester_for_themself_needs_no_power_of_attorney(kuasa: str | None) -> None:
    data, _ = validation.permohonan(_fields(PERMOHONAN, kuasa=kuasa), KTP)
    assert data["kuasa"] is False and data["kurang"] == []


def test_the_missing_documents_read_as_one_clause() -> None:
    from site_builder.layanan import belum_dilampirkan

    assert belum_dilampirkan(["salinan KTP"]) == "salinan KTP belum dilampirkan"
    assert belum_dilampirkan(["salinan KTP", "surat kuasa"]) == (
        "salinan KTP dan surat kuasa belum dilampirkan"
    )
    assert belum_dilampirkan([]) == ""


@pytest.mark.parametrize("cara", ["salinan_cetak", "salinan_softcopy"])
def test_the_delivery_of_a_copy_is_asked_for_a_copy(cara: str) -> None:
    assert _permohonan(cara_memperoleh=cara, cara_salinan=None) == [
        FieldError("cara_salinan", "REQUIRED_FIELD_MISSING", "Cara mendapatkan salinan wajib diisi")
    ]


@pytest.mark.parametrize("cara_salinan", [None, "", "email", "wa"])
def test_no_delivery_when_the_requester_comes_to_see(cara_salinan: str | None) -> None:
    # a browser sends the preselected choice even when the question does not apply
    data, errors = validation.permohonan(
        _fields(PERMOHONAN, cara_memperoleh="melihat", cara_salinan=cara_salinan), KTP
    )
    assert errors == [] and data["cara_salinan"] == ""


@pytest.mark.parametrize(
    "telepon",
    [
        "0812-3456-7890",
        "+62 812 3456 7890",
        "(0291) 555-0123",
        "(0274) 512345",
        "0274.512.345",
        "+62 (274) 512345",
        "081234567890",
    ],
)
def test_phone_numbers_as_people_write_them(telepon: str) -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, telepon=f" {telepon} "), KTP)
    assert errors == [] and data["telepon"] == telepon


@pytest.mark.parametrize(
    ("telepon", "message"),
    [
        ("0812-ABC-7890", "Nomor telepon berisi huruf A, B, C; tulis dengan angka saja"),
        ("081234567O90", "Nomor telepon berisi huruf O; tulis dengan angka saja"),
        ("nomor saya", "Nomor telepon berisi huruf n, o, m, r, s, a, y; tulis dengan angka saja"),
        (
            "12345",
            "Nomor telepon terlalu pendek: 5 angka, paling sedikit 8 angka termasuk kode wilayah",
        ),
        ("1" * 16, "Nomor telepon terlalu panjang: 16 angka, paling banyak 15 angka"),
        (
            "0812/3456/7890",
            "Nomor telepon berisi tanda / yang tidak dipakai; yang boleh hanya angka, spasi, +, "
            "-, titik, atau tanda kurung",
        ),
        (
            "62+812 3456 7890",
            "Nomor telepon memuat tanda + yang tidak di awal; + hanya boleh di depan, "
            "contoh: +62 812 3456 7890",
        ),
        (
            "(0291 555-0123",
            "Nomor telepon memuat tanda kurung yang tidak berpasangan, contoh: (0291) 555-0123",
        ),
        (
            "0812-ABC",
            "Nomor telepon berisi huruf A, B, C; tulis dengan angka saja; terlalu pendek: "
            "4 angka, paling sedikit 8 angka termasuk kode wilayah",
        ),
    ],
)
def test_a_phone_number_error_says_what_is_wrong(telepon: str, message: str) -> None:
    assert _permohonan(telepon=telepon) == [FieldError("telepon", "TYPE_NUMERIC", message)]
    assert _keberatan(telepon=telepon) == [FieldError("telepon", "TYPE_NUMERIC", message)]


@pytest.mark.parametrize(
    ("email", "telepon"),
    [("budi@contoh.id", None), ("budi@contoh.id", ""), (None, "0812-3456-7890")],
)
def test_phone_or_email_either_will_do(email: str | None, telepon: str | None) -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, email=email, telepon=telepon), KTP)
    assert errors == []
    assert (data["email"], data["telepon"]) == (email or "", telepon or "")
    data, errors = validation.keberatan(_fields(KEBERATAN, email=email, telepon=telepon), set())
    assert errors == []
    assert (data["email"], data["telepon"]) == (email or "", telepon or "")


def test_without_phone_and_email_both_fields_are_named() -> None:
    assert _permohonan(email=None, telepon=None) == [
        FieldError("telepon", "REQUIRED_FIELD_MISSING", CONTACT),
        FieldError("email", "REQUIRED_FIELD_MISSING", CONTACT),
    ]
    assert _keberatan(email=" ", telepon="") == [
        FieldError("email", "REQUIRED_FIELD_EMPTY", CONTACT),
        FieldError("telepon", "REQUIRED_FIELD_EMPTY", CONTACT),
    ]


def test_a_given_address_is_checked_even_with_a_phone() -> None:
    assert [(e.field, e.code) for e in _permohonan(email="budi", telepon="0812-3456-7890")] == [
        ("email", "TYPE_EMAIL")
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
    data, errors = validation.permohonan(_fields(PERMOHONAN, persetujuan=consent), KTP)
    assert errors == [] and data["persetujuan"] is True


@pytest.mark.parametrize("consent", [None, "", "tidak", "0", "false"])
def test_consent_is_required(consent: str | None) -> None:
    data, errors = validation.permohonan(_fields(PERMOHONAN, persetujuan=consent), KTP)
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
        KTP,
    )
    assert errors == []
    assert data["nama"] == "Budi Santoso"
    assert data["alamat"] == "Jl. Melati 5\nKabupaten Contoh"
    assert data["rincian_informasi"] == "DIPA\t2026\ndan realisasi"


def test_a_field_sent_twice_is_joined() -> None:
    data, _ = validation.permohonan(_fields(PERMOHONAN, alamat=["Jl. Melati 5", "Contoh "]), KTP)
    assert data["alamat"] == "Jl. Melati 5 Contoh"


# --- keberatan -----------------------------------------------------------------------------


def test_a_complete_objection_is_cleaned() -> None:
    data, errors = validation.keberatan(
        _fields(KEBERATAN, alasan=["c,a", " a ", "e"], kode=" 9f2c41ab "), set()
    )
    assert errors == []
    assert data == {
        **KEBERATAN,
        "alasan": ["a", "c", "e"],
        "alamat": "",
        "kuasa": False,
        "surat_kuasa": False,
    }
    data, _ = validation.keberatan(_fields(KEBERATAN, alamat=" Jl. Melati 5 "), set())
    assert data["alamat"] == "Jl. Melati 5"


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("nomor_permohonan", "Nomor permohonan"),
        ("nama", "Nama"),
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


@pytest.mark.parametrize("nomor", [None, "", " "])
def test_berkala_information_not_provided_needs_no_request(nomor: str | None) -> None:
    data, errors = validation.keberatan(
        _fields(KEBERATAN, alasan="b", nomor_permohonan=nomor, kode=None), set()
    )
    assert errors == []
    assert data["nomor_permohonan"] == "" and data["kode"] == ""


def test_other_grounds_with_b_still_need_the_request() -> None:
    assert _keberatan(alasan=["b", "c"], nomor_permohonan=None) == [
        FieldError("nomor_permohonan", "REQUIRED_FIELD_MISSING", "Nomor permohonan wajib diisi")
    ]


@pytest.mark.parametrize("kode", [None, "", "  "])
def test_an_objection_to_a_request_proves_the_requester(kode: str | None) -> None:
    code = "REQUIRED_FIELD_MISSING" if kode is None else "REQUIRED_FIELD_EMPTY"
    assert _keberatan(kode=kode) == [FieldError("kode", code, KODE)]
    # ground b with a request named: the same proof
    assert _keberatan(kode=kode, alasan="b") == [FieldError("kode", code, KODE)]
    # a kuasa shows the surat kuasa instead
    data, errors = validation.keberatan(_fields(KEBERATAN, kode=kode, kuasa="ya"), {"surat_kuasa"})
    assert errors == []
    assert data["surat_kuasa"] is True and data["kuasa"] is True and data["kode"] == ""


@pytest.mark.parametrize("alasan", [None, "", ", ,", [" "]])
def test_an_objection_names_at_least_one_reason(alasan: str | list[str] | None) -> None:
    assert _keberatan(alasan=alasan) == [
        FieldError("alasan", "REQUIRED_FIELD_MISSING", "Pilih sedikitnya satu alasan keberatan")
    ]


def test_unknown_reasons_are_named() -> None:
    data, errors = validation.keberatan(_fields(KEBERATAN, alasan=["a", "h,z"]), set())
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
