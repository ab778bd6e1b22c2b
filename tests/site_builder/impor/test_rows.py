"""Cells as staff type them: dates, the time and place in one cell, where a problem is."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.impor.rows import CellProblem, parse_when, split_place_and_time
from site_builder.problems import Severity


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", 2025),
        (2025, 2025),
        (2025.0, 2025),
        (date(2024, 9, 20), date(2024, 9, 20)),
        ("2025-01-12", date(2025, 1, 12)),
        ("12/01/2025", date(2025, 1, 12)),  # day first, as in Indonesia
        ("12-01-2025", date(2025, 1, 12)),
        ("12 Januari 2025", date(2025, 1, 12)),
        ("3 Agt 2024", date(2024, 8, 3)),
        ("1 Nop. 2024", date(2024, 11, 1)),
    ],
)
def test_dates_and_years_it_reads(value: object, expected: object) -> None:
    assert parse_when(value) == (expected, "")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("kemarin", "tanggal 'kemarin' tidak terbaca"),
        ("30/02/2025", "tanggal '30/02/2025' tidak ada di kalender"),
        ("1890", "tahun 1890 di luar rentang 1945-2100"),
        (12.5, "'12.5' bukan tahun"),
        ("12 Brumaire 2025", "tanggal '12 Brumaire 2025' tidak terbaca"),
    ],
)
def test_dates_it_cannot_read_say_why(value: object, why: str) -> None:
    when, message = parse_when(value)  # type: ignore[arg-type]
    assert when is None and message.startswith(why)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jakarta, 2025", ("Jakarta", 2025)),
        (
            "Aula Hotel Griya, Kabupaten Uji, 12 Januari 2025",
            ("Aula Hotel Griya, Kabupaten Uji", date(2025, 1, 12)),
        ),
        ("2025, Kantor KPU Kabupaten Uji", ("Kantor KPU Kabupaten Uji", 2025)),
        ("Kabupaten Uji 05/03/2026", ("Kabupaten Uji", date(2026, 3, 5))),
        ("Kantor KPU\n2024", ("Kantor KPU", 2024)),
        ("Jakarta, sekitar tahun lalu", ("Jakarta, sekitar tahun lalu", None)),
    ],
)
def test_place_and_time_in_one_cell(text: str, expected: tuple[str, object]) -> None:
    assert split_place_and_time(text) == expected


def test_a_cell_problem_names_the_sheet_row_and_column() -> None:
    p = CellProblem("DIP.xlsx", 12, 3, "Unit", "sel unit kosong", Severity.GALAT, "Berkala")
    assert str(p) == "DIP.xlsx:Berkala!R12C3: Unit: sel unit kosong"
    csv = CellProblem("DIP.csv", 4, 1, "", "baris kosong", Severity.PERINGATAN)
    assert str(csv) == "DIP.csv:R4C1: peringatan: baris kosong"
