"""Deadlines in working days, checked by hand against the 2025-2027 holiday decrees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from site_builder.calendar import CalendarError, WorkingCalendar

D = date

# (received, working days, expected due, why). Every case was counted by hand on a calendar
# against the national holidays and cuti bersama that the `holidays` package lists (SKB 3
# Menteri for 2025 and 2026; 2027 partly estimated by the package).
CASES = [
    (D(2026, 11, 2), 10, D(2026, 11, 16), "ordinary: Tue 3 .. Mon 16, two weekends"),
    (D(2026, 11, 21), 10, D(2026, 12, 4), "Saturday night: day 1 is Monday 23"),
    (D(2026, 11, 20), 10, D(2026, 12, 4), "Friday: day 1 is also Monday 23"),
    (D(2026, 8, 17), 10, D(2026, 9, 1), "received on Independence Day; skips Maulid Aug 25"),
    (
        D(2026, 3, 13),
        10,
        D(2026, 4, 6),
        "Nyepi 18-19, Idul Fitri + cuti bersama 20-24, Good Friday Apr 3",
    ),
    (
        D(2025, 3, 25),
        10,
        D(2025, 4, 17),
        "cuti Nyepi Mar 28, Idul Fitri Mar 31-Apr 1, cuti bersama Apr 2-4 and 7",
    ),
    (
        D(2027, 3, 3),
        10,
        D(2027, 3, 29),
        "Nyepi Mar 8, Idul Fitri (estimated) 9-12 and 15, Good Friday + cuti 25-26",
    ),
    (D(2025, 12, 19), 10, D(2026, 1, 7), "Christmas + cuti Dec 25-26, New Year Jan 1"),
    (
        D(2026, 12, 18),
        10,
        D(2027, 1, 7),
        "cuti Dec 24, Christmas Dec 25, New Year, Isra Mikraj Jan 5 2027",
    ),
    (D(2025, 3, 17), 10, D(2025, 4, 9), "Nyepi cuti Mar 28 then the whole Idul Fitri week"),
    (
        D(2026, 5, 13),
        3,
        D(2026, 5, 20),
        "incomplete request, 3 days to notify: Ascension May 14 + cuti May 15",
    ),
    (D(2026, 5, 20), 3, D(2026, 5, 25), "then 3 days for the requester to complete"),
    (
        D(2026, 5, 4),
        30,
        D(2026, 6, 23),
        "keberatan, 30 days: Ascension, Idul Adha + cuti, Pancasila Jun 1, Islamic New Year Jun 16",
    ),
    (D(2027, 2, 7), 10, D(2027, 2, 19), "received on a Sunday after Imlek"),
    (D(2025, 5, 7), 10, D(2025, 5, 23), "Waisak May 12 + cuti May 13"),
]


@pytest.mark.parametrize(("received", "days", "due", "why"), CASES, ids=[c[3][:40] for c in CASES])
def test_hand_checked_deadlines(received: date, days: int, due: date, why: str) -> None:
    deadline = WorkingCalendar().add_working_days(received, days)
    assert deadline.due == due, why
    assert deadline.days == days


def test_extension_adds_seven_working_days_once_counted() -> None:
    cal = WorkingCalendar()
    extended = cal.extend(cal.add_working_days(D(2026, 11, 2), 10), 7)
    assert extended.due == D(2026, 11, 25)
    assert extended.days == 17
    assert extended.received == D(2026, 11, 2)


def test_local_override_adds_and_cancels(tmp_path: Path) -> None:
    f = tmp_path / "libur.yml"
    f.write_text(
        "tambahan:\n  - tanggal: 2027-06-14\n    nama: Pilkada ulang\n"
        "dibatalkan:\n  - tanggal: 2026-12-24\n    keterangan: SKB diubah\n"
    )
    plain, local = WorkingCalendar(), WorkingCalendar(f)
    assert plain.add_working_days(D(2027, 6, 7), 10).due == D(2027, 6, 21)
    assert local.add_working_days(D(2027, 6, 7), 10).due == D(2027, 6, 22)
    assert local.add_working_days(D(2026, 12, 18), 10).due == D(2027, 1, 6)
    assert local.holiday_name(D(2027, 6, 14)) == "Libur lokal: Pilkada ulang"
    assert "libur.yml (1 tambahan, 1 dibatalkan)" in local.name


def test_working_days_taken() -> None:
    cal = WorkingCalendar()
    assert cal.working_days_between(D(2026, 11, 21), D(2026, 12, 4)) == 10
    assert cal.working_days_between(D(2026, 3, 13), D(2026, 4, 6)) == 10
    assert cal.working_days_between(D(2026, 3, 13), D(2026, 3, 13)) == 0


def test_overdue_is_computed() -> None:
    cal = WorkingCalendar()
    deadline = cal.add_working_days(D(2026, 11, 2), 10)
    assert not cal.is_overdue(deadline, D(2026, 11, 16))  # the whole last day counts
    assert cal.is_overdue(deadline, D(2026, 11, 17))


def test_explain_names_every_skipped_day() -> None:
    text = WorkingCalendar().add_working_days(D(2026, 3, 13), 10).explain()
    assert "Diterima: Jumat, 13 Maret 2026" in text
    assert "Hari ke-1: Senin, 16 Maret 2026" in text
    assert "Tenggat: Senin, 6 April 2026 (akhir hari kerja ke-10)" in text
    assert "- Kamis, 19 Maret 2026: Hari Suci Nyepi" in text
    assert "- Selasa, 24 Maret 2026: Cuti Bersama Hari Raya Idul Fitri" in text
    assert "- Sabtu, 14 Maret 2026: Sabtu" in text
    assert "Kalender: holidays" in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tambahn: []\n", "kunci tidak dikenal: tambahn"),
        ("tambahan:\n  - tanggal: 2027-02-30\n    nama: x\n", "tanggal tidak valid"),
        ("tambahan:\n  - tanggal: kemarin\n    nama: x\n", "tambahan butir ke-1: tanggal"),
        ("tambahan:\n  - tanggal: 2027-06-14\n", "'nama' wajib diisi"),
        ("tambahan: 2027-06-14\n", "'tambahan' harus berupa daftar"),
        ("tambahan: [\n", "YAML tidak valid"),
        ("- 2027-06-14\n", "isi harus berupa kunci"),
    ],
)
def test_bad_override_file(tmp_path: Path, text: str, message: str) -> None:
    f = tmp_path / "libur.yml"
    f.write_text(text)
    with pytest.raises(CalendarError, match=r"libur\.yml") as err:
        WorkingCalendar(f)
    assert message in str(err.value)


def test_example_override_file_is_valid() -> None:
    example = (
        Path(__file__).resolve().parents[2]
        / "site_builder"
        / "data"
        / "hari-libur-lokal.example.yml"
    )
    assert "1 tambahan, 1 dibatalkan" in WorkingCalendar(example).name


def test_days_left_counts_working_days_either_way() -> None:
    cal = WorkingCalendar()
    # Friday 27 November 2026 -> Monday 30 November: one working day ahead, and back
    assert cal.days_left(date(2026, 11, 27), date(2026, 11, 30)) == 1
    assert cal.days_left(date(2026, 11, 30), date(2026, 11, 30)) == 0
    # Tuesday 1 December, the deadline Monday 30 November: one working day late
    assert cal.days_left(date(2026, 12, 1), date(2026, 11, 30)) == -1


def test_the_fingerprint_moves_with_every_rule_that_moves_a_deadline(tmp_path: Path) -> None:
    plain = WorkingCalendar()
    assert plain.fingerprint == WorkingCalendar().fingerprint
    assert plain.fingerprint != WorkingCalendar(cuti_bersama="hari_kerja").fingerprint
    local = tmp_path / "libur.yml"
    local.write_text("tambahan:\n  - tanggal: 2027-06-14\n    nama: Pilkada ulang\n")
    first = WorkingCalendar(local).fingerprint
    assert first != plain.fingerprint
    local.write_text("tambahan:\n  - tanggal: 2027-06-15\n    nama: Pilkada ulang\n")
    assert WorkingCalendar(local).fingerprint != first
