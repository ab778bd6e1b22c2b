"""Working days: the one calendar every deadline comes from.

A working day is Monday to Friday, minus Indonesia's national holidays and cuti bersama (the
`holidays` package: categories "public" and "government"), plus an office's local override
file. Day 1 of a deadline is the first working day after the day of receipt; the deadline is
the end of its last day.

Override file (YAML), for regional holidays and late decree changes::

    tambahan:               # extra non-working days
      - tanggal: 2027-06-14
        nama: Hari Pemungutan Suara Pilkada Ulang Kabupaten Contoh
    dibatalkan:             # days the package lists that are working days after all
      - tanggal: 2026-12-24
        keterangan: Cuti bersama dibatalkan
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import holidays

from site_builder.dates import format_date
from site_builder.errors import PPIDError
from site_builder.layanan import CUTI_BERSAMA
from site_builder.yamldata import read_data

WEEKEND = {5: "Sabtu", 6: "Minggu"}


@dataclass(frozen=True)
class SkippedDay:
    """A day that did not count, and why."""

    day: date
    reason: str


@dataclass(frozen=True)
class Deadline:
    """A deadline in working days that can explain itself."""

    received: date
    first_day: date
    due: date
    days: int
    skipped: tuple[SkippedDay, ...]
    calendar: str
    notes: tuple[str, ...] = ()  # what set the period: its class and article, a pause, ...

    def explain(self) -> str:
        """In Indonesian: the start, day 1, the deadline, every day skipped and why."""
        lines = [
            f"Diterima: {format_date(self.received, True)}",
            f"Hari ke-1: {format_date(self.first_day, True)}",
            f"Tenggat: {format_date(self.due, True)} (akhir hari kerja ke-{self.days})",
        ]
        if self.skipped:
            lines.append("Hari yang tidak dihitung:")
            lines += [f"- {format_date(s.day, True)}: {s.reason}" for s in self.skipped]
        lines += list(self.notes)
        lines.append(f"Kalender: {self.calendar}")
        return "\n".join(lines)


class CalendarError(PPIDError):
    """The override file is unreadable or malformed; the message names the file and the place."""


@cache
def _national(year: int, cuti_bersama: bool = True) -> dict[date, str]:
    """The year's national holidays; with the government's cuti bersama unless it counts as
    a working day (`cuti_bersama: hari_kerja`)."""
    categories = ("public", "government") if cuti_bersama else ("public",)
    found = holidays.country_holidays("ID", categories=categories, years=year, language="id")
    return dict(found.items())


def _package_version() -> str:
    return str(getattr(holidays, "__version__", "?"))


class WorkingCalendar:
    """Working days for one office: national holidays plus its local override file."""

    def __init__(self, overrides: Path | None = None, cuti_bersama: str = "libur") -> None:
        if cuti_bersama not in CUTI_BERSAMA:
            raise CalendarError(
                f"cuti_bersama '{cuti_bersama}' tidak dikenal; pilihan: {', '.join(CUTI_BERSAMA)}"
            )
        self.cuti_bersama = cuti_bersama
        self._extra: dict[date, str] = {}
        self._cancelled: dict[date, str] = {}
        self._source = ""
        if overrides is not None:
            self._load(overrides)

    def _load(self, path: Path) -> None:
        try:
            data = read_data(path, CalendarError, "berkas hari libur lokal") or {}
        except ValueError as exc:  # a date that does not exist, such as 2027-02-30
            raise CalendarError(
                f"{path}: tanggal tidak valid ({exc}); tulis sebagai YYYY-MM-DD"
            ) from exc
        if not isinstance(data, dict):
            raise CalendarError(f"{path}: isi harus berupa kunci 'tambahan' dan/atau 'dibatalkan'")
        unknown = sorted(set(data) - {"tambahan", "dibatalkan"})
        if unknown:
            raise CalendarError(
                f"{path}: kunci tidak dikenal: {', '.join(map(str, unknown))}; "
                "yang dikenal: tambahan, dibatalkan"
            )
        self._extra = self._days(path, data.get("tambahan"), "tambahan", "nama")
        self._cancelled = self._days(path, data.get("dibatalkan"), "dibatalkan", "keterangan")
        self._source = (
            f" + {path.name} ({len(self._extra)} tambahan, {len(self._cancelled)} dibatalkan)"
        )

    @staticmethod
    def _days(path: Path, items: Any, key: str, label: str) -> dict[date, str]:
        if items is None:
            return {}
        if not isinstance(items, list):
            raise CalendarError(f"{path}: '{key}' harus berupa daftar (baris berawalan '- ')")
        out: dict[date, str] = {}
        for i, item in enumerate(items, start=1):
            where = f"{path}: {key} butir ke-{i}"
            if not isinstance(item, dict) or set(item) - {"tanggal", label}:
                raise CalendarError(
                    f"{where}: tulis sebagai 'tanggal: YYYY-MM-DD' dan '{label}: ...'"
                )
            day = item.get("tanggal")
            if not isinstance(day, date):
                raise CalendarError(
                    f"{where}: tanggal '{day}' tidak valid; tulis sebagai YYYY-MM-DD"
                )
            text = item.get(label)
            if not isinstance(text, str) or not text.strip():
                raise CalendarError(f"{where}: '{label}' wajib diisi")
            out[day] = text.strip()
        return out

    @property
    def name(self) -> str:
        """Which calendar computed a deadline (recorded with it)."""
        categories = "public, government" if self.cuti_bersama == "libur" else "public"
        return (
            f"holidays {_package_version()} ID ({categories}){self._source}; "
            f"{CUTI_BERSAMA[self.cuti_bersama].lower()}"
        )

    def holiday_name(self, day: date) -> str | None:
        """Why `day` is not a working day, or None when it is one."""
        if day in self._extra:
            return f"Libur lokal: {self._extra[day]}"
        if day.weekday() in WEEKEND:
            return WEEKEND[day.weekday()]
        if day in self._cancelled:
            return None
        return _national(day.year, self.cuti_bersama == "libur").get(day)

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday and not a holiday."""
        return self.holiday_name(day) is None

    def _count(self, after: date, days: int) -> tuple[date, date, list[SkippedDay]]:
        skipped: list[SkippedDay] = []
        day, counted, first = after, 0, after
        while counted < days:
            day += timedelta(days=1)
            reason = self.holiday_name(day)
            if reason is None:
                counted += 1
                if counted == 1:
                    first = day
            else:
                skipped.append(SkippedDay(day, reason))
        return first, day, skipped

    def add_working_days(self, received: date, days: int) -> Deadline:
        """The deadline `days` working days after the day of receipt."""
        if days < 1:
            raise ValueError("jumlah hari kerja harus paling sedikit 1")
        first, due, skipped = self._count(received, days)
        return Deadline(received, first, due, days, tuple(skipped), self.name)

    def extend(self, deadline: Deadline, days: int) -> Deadline:
        """The same deadline extended by `days` more working days (skipped days cover all)."""
        _, due, skipped = self._count(deadline.due, days)
        return Deadline(
            deadline.received,
            deadline.first_day,
            due,
            deadline.days + days,
            deadline.skipped + tuple(skipped),
            self.name,
        )

    def working_days_between(self, received: date, end: date) -> int:
        """Working days taken: those after `received` up to and including `end`."""
        count, day = 0, received
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def days_left(self, today: date, due: date) -> int:
        """Working days from today to a deadline; negative: working days past it."""
        if due >= today:
            return self.working_days_between(today, due)
        return -self.working_days_between(due, today)

    @property
    def fingerprint(self) -> str:
        """Changes whenever a deadline this calendar counted could change: the holidays
        package's version, the cuti bersama rule, every local holiday and cancellation."""
        parts = (self.name, sorted(self._extra.items()), sorted(self._cancelled.items()))
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]

    def is_overdue(self, deadline: Deadline, today: date) -> bool:
        """True once the deadline's last day has ended."""
        return today > deadline.due
