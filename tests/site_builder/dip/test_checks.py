"""Checks across files and against today: slugs, dates in the future, expired exemptions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from site_builder.dip.checks import cross_checks
from site_builder.dip.yamlfile import YamlDoc, read_yaml
from site_builder.problems import Severity
from tests.support import TODAY

# An exempted entry; the line numbers of the tests below refer to this layout.
ENTRY = """\
judul: NIK dan nomor KK lengkap pemilih
kategori: dikecualikan
waktu_pembuatan: {waktu}
diperbarui: {diperbarui}
uji_konsekuensi:
  pasal_17: [h]
  berlaku_sampai: {sampai}
  tanggal_uji: {uji}
"""
OFFICE = """\
nama: KPU Kabupaten Uji
dip: {{tahun: 2026, tanggal_penetapan: {penetapan}}}
"""


def _doc(tmp_path: Path, rel: str, text: str) -> YamlDoc:
    file = tmp_path / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    doc, problems = read_yaml(file, rel)
    assert doc is not None and problems == []
    return doc


def _entry(
    tmp_path: Path,
    rel: str = "dip/teknis/nik-pemilih.yml",
    *,
    waktu: str = "2024-09-20",
    diperbarui: str = "2026-01-12",
    sampai: str = "2030-12-31",
    uji: str = "2026-01-12",
) -> YamlDoc:
    return _doc(
        tmp_path, rel, ENTRY.format(waktu=waktu, diperbarui=diperbarui, sampai=sampai, uji=uji)
    )


def _lines(
    docs: list[tuple[str, YamlDoc, bool]], office: YamlDoc | None = None, today: date = TODAY
) -> list[str]:
    return [str(p) for p in cross_checks(docs, office, today)]


def test_a_clean_dip_has_no_problems(tmp_path: Path) -> None:
    office = _doc(tmp_path, "dip/badan-publik.yml", OFFICE.format(penetapan="2026-01-19"))
    assert _lines([("teknis", _entry(tmp_path), True)], office) == []


def test_same_slug_in_two_units_names_the_first_file(tmp_path: Path) -> None:
    first = _entry(tmp_path, "dip/keuangan/laporan.yml")
    second = _entry(tmp_path, "dip/teknis/laporan.yml")
    third = _entry(tmp_path, "dip/umum/laporan.yml")
    assert _lines([("keuangan", first, True), ("teknis", second, True)]) == [
        "dip/teknis/laporan.yml:1:1: (nama berkas): slug 'laporan' sudah dipakai oleh "
        "dip/keuangan/laporan.yml; slug harus unik di seluruh DIP karena menjadi alamat "
        "permanen entri"
    ]
    # every later copy is reported against the first, and the first itself is not
    problems = cross_checks(
        [("keuangan", first, True), ("teknis", second, True), ("umum", third, True)], None, TODAY
    )
    assert [p.path for p in problems] == ["dip/teknis/laporan.yml", "dip/umum/laporan.yml"]
    assert all("sudah dipakai oleh dip/keuangan/laporan.yml" in p.message for p in problems)
    assert all(p.is_error for p in problems)


@pytest.mark.parametrize(
    "stem",
    ["Laporan_Lama", "laporan--lama", "-lama", "lama-", "laporan lama", "LAPORAN", "laporan.lama"],
)
def test_a_file_name_that_cannot_be_a_web_address(tmp_path: Path, stem: str) -> None:
    doc = _entry(tmp_path, f"dip/keuangan/{stem}.yml")
    assert _lines([("keuangan", doc, True)]) == [
        f"dip/keuangan/{stem}.yml:1:1: (nama berkas): nama berkas '{stem}' menjadi alamat "
        "halaman; pakai huruf kecil, angka dan tanda hubung saja (contoh: "
        "laporan-keuangan-2026.yml)"
    ]


@pytest.mark.parametrize("stem", ["dipa-2026", "2026", "a", "rup-tahap-2-2026"])
def test_good_file_names(tmp_path: Path, stem: str) -> None:
    assert _lines([("keuangan", _entry(tmp_path, f"dip/keuangan/{stem}.yml"), True)]) == []


def test_a_date_after_today_points_at_the_value(tmp_path: Path) -> None:
    doc = _entry(tmp_path, diperbarui="2026-11-23")
    assert _lines([("teknis", doc, True)]) == [
        "dip/teknis/nik-pemilih.yml:4:13: diperbarui: 23 November 2026 ada di masa depan "
        "(hari ini 22 November 2026); periksa kembali tanggalnya"
    ]
    assert _lines([("teknis", doc, True)], today=date(2026, 11, 23)) == []  # today is not future


def test_a_creation_year_after_this_year(tmp_path: Path) -> None:
    doc = _entry(tmp_path, waktu="2027")
    assert _lines([("teknis", doc, True)]) == [
        "dip/teknis/nik-pemilih.yml:3:18: waktu_pembuatan: 2027 ada di masa depan "
        "(hari ini 22 November 2026); periksa kembali tanggalnya"
    ]
    assert _lines([("teknis", _entry(tmp_path, waktu="2026"), True)]) == []


def test_a_consequence_test_dated_in_the_future(tmp_path: Path) -> None:
    [problem] = cross_checks([("teknis", _entry(tmp_path, uji="2027-01-12"), True)], None, TODAY)
    assert (problem.line, problem.col, problem.field) == (8, 16, "uji_konsekuensi.tanggal_uji")
    assert problem.message.startswith("12 Januari 2027 ada di masa depan")


def test_future_dates_are_reported_for_files_with_other_errors_too(tmp_path: Path) -> None:
    # a file the schema rejected still gets its date checked, in the same round of fixes
    doc = _entry(tmp_path, diperbarui="2027-01-01", sampai="2026-01-01")
    problems = cross_checks([("teknis", doc, False)], None, TODAY)
    assert [p.field for p in problems] == ["diperbarui"]  # but no expiry from invalid data


def test_office_decree_dated_in_the_future(tmp_path: Path) -> None:
    office = _doc(tmp_path, "dip/badan-publik.yml", OFFICE.format(penetapan="2027-01-02"))
    assert _lines([], office) == [
        "dip/badan-publik.yml:2:39: dip.tanggal_penetapan: 2 Januari 2027 ada di masa depan "
        "(hari ini 22 November 2026); periksa kembali tanggalnya"
    ]


def test_an_expired_exemption_is_a_warning(tmp_path: Path) -> None:
    doc = _entry(tmp_path, sampai="2026-11-21")
    [problem] = cross_checks([("teknis", doc, True)], None, TODAY)
    assert problem.severity is Severity.PERINGATAN
    assert str(problem) == (
        "dip/teknis/nik-pemilih.yml:7:19: uji_konsekuensi.berlaku_sampai: peringatan: "
        "pengecualian 'NIK dan nomor KK lengkap pemilih' (nik-pemilih) berakhir pada "
        "21 November 2026; lakukan uji konsekuensi ulang atau buka kembali informasinya"
    )


def test_an_exemption_is_valid_through_its_last_day(tmp_path: Path) -> None:
    assert _lines([("teknis", _entry(tmp_path, sampai="2026-11-22"), True)]) == []


def test_an_exemption_without_end_date_never_expires(tmp_path: Path) -> None:
    text = ENTRY.format(waktu="2024-09-20", diperbarui="2026-01-12", sampai="~", uji="2026-01-12")
    doc = _doc(tmp_path, "dip/teknis/nik-pemilih.yml", text)
    assert _lines([("teknis", doc, True)], today=date(2099, 1, 1)) == []


def test_a_date_with_a_time_does_not_crash_the_check(tmp_path: Path) -> None:
    doc = _entry(tmp_path, diperbarui="2027-01-01 08:00:00")
    problems = cross_checks([("teknis", doc, False)], None, TODAY)
    assert [p.field for p in problems] == ["diperbarui"]
