"""Problem lines as staff read them in `ppid check`: where, which field, what is wrong."""

from __future__ import annotations

from site_builder.problems import Problem, Severity, count, summary

ERROR = Problem(
    "dip/keuangan/dipa.yml",
    3,
    11,
    "kategori",
    "nilai 'berkal' tidak diizinkan; pilihan: berkala, serta_merta",
)
WARNING = Problem(
    "dip/teknis/nik.yml",
    17,
    19,
    "uji_konsekuensi.berlaku_sampai",
    "pengecualian 'NIK' (nik) berakhir pada 1 Januari 2026",
    Severity.PERINGATAN,
)


def test_error_line_is_path_line_col_field_message() -> None:
    assert str(ERROR) == (
        "dip/keuangan/dipa.yml:3:11: kategori: nilai 'berkal' tidak "
        "diizinkan; pilihan: berkala, serta_merta"
    )
    assert ERROR.is_error
    assert ERROR.severity is Severity.GALAT  # an error unless said otherwise


def test_warning_says_so_after_the_field() -> None:
    assert str(WARNING) == (
        "dip/teknis/nik.yml:17:19: uji_konsekuensi.berlaku_sampai: "
        "peringatan: pengecualian 'NIK' (nik) berakhir pada 1 Januari 2026"
    )
    assert not WARNING.is_error


def test_severity_is_written_in_indonesian() -> None:
    assert [str(s) for s in Severity] == ["galat", "peringatan"]


def test_problems_sort_by_file_then_line_as_numbers() -> None:
    line_10 = Problem("dip/a.yml", 10, 1, "judul", "x")
    line_9 = Problem("dip/a.yml", 9, 5, "tahun", "y")
    line_9_col_2 = Problem("dip/a.yml", 9, 2, "tahun", "y")
    other_file = Problem("dip/0.yml", 99, 1, "judul", "z")
    assert sorted([line_10, line_9, other_file, line_9_col_2]) == [
        other_file,
        line_9_col_2,
        line_9,
        line_10,
    ]


def test_count_errors_and_warnings() -> None:
    assert count([]) == (0, 0)
    assert count([ERROR, WARNING, ERROR]) == (2, 1)
    assert count(p for p in [WARNING]) == (0, 1)  # any iterable, read once


def test_summary_line() -> None:
    assert summary([]) == "DIP valid: tidak ada masalah."
    assert summary([ERROR, ERROR, WARNING]) == "2 galat, 1 peringatan."
    assert summary([WARNING]) == "0 galat, 1 peringatan."  # warnings alone are still counted
    assert summary(iter([ERROR])) == "1 galat, 0 peringatan."
