"""Dates as people read them in Indonesia: 22 November 2026."""

from __future__ import annotations

from datetime import date

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
NAMA_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_date(day: date, with_weekday: bool = False) -> str:
    """Format a date in Indonesian: '22 November 2026' or 'Minggu, 22 November 2026'."""
    text = f"{day.day} {BULAN[day.month - 1]} {day.year}"
    return f"{NAMA_HARI[day.weekday()]}, {text}" if with_weekday else text


def waktu(value: date | int) -> str:
    """A creation time that may be a full date or only a year."""
    return format_date(value) if isinstance(value, date) else str(value)
