"""The relay's settings checked before anything starts: `ppid relay`, `ppid serve` and every
staff command that opens the records."""

from __future__ import annotations

import functools
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from forms.settings import Settings, SettingsError
from forms.store import tables as store
from site_builder.calendar import CalendarError, WorkingCalendar
from site_builder.clock import ZONA_WAKTU, OfficeClock
from site_builder.layanan import CUTI_BERSAMA
from site_builder.periods import Periods, PeriodsError, load_periods

if TYPE_CHECKING:
    from forms.tracker import Tracker


@dataclass(frozen=True)
class OfficeRules:
    """What the relay takes from badan-publik.yml: the name, the clock, the cuti bersama rule."""

    nama: str
    clock: OfficeClock
    cuti_bersama: str


def office_rules(path: Path) -> OfficeRules:
    """The office's name, zone and cuti bersama rule from its profile.

    Only these keys are read here (the whole profile is checked by `ppid check`), so a typo
    elsewhere in the profile never stops requests from being received; a wrong zone or rule
    would put every deadline on the wrong day, so it stops the start with the file and line.
    Read once per version of the file: a command asks for today's date several times."""
    try:
        found = path.stat()
    except OSError:
        found = None
    if found is None or not stat.S_ISREG(found.st_mode):
        return OfficeRules("Badan Publik", OfficeClock(), "libur")
    return _office_rules(path.resolve(), found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=16)
def _office_rules(path: Path, _mtime_ns: int, _size: int) -> OfficeRules:
    from site_builder.dip.yamlfile import read_yaml

    doc, problems = read_yaml(path, str(path))
    if doc is None or not isinstance(doc.data, dict):
        why = str(problems[0]) if problems else f"{path}: isinya bukan kumpulan kunci: nilai"
        raise SettingsError(f"profil badan publik tidak dapat dibaca: {why}")
    data = doc.data
    for key, allowed in (("zona_waktu", ZONA_WAKTU), ("cuti_bersama", CUTI_BERSAMA)):
        value = data.get(key)
        if value is not None and value not in allowed:
            line, col = doc.locate((key,))
            raise SettingsError(
                f"{path}:{line}:{col}: {key} '{value}' tidak dikenal; pilihan: {', '.join(allowed)}"
            )
    nama = data.get("nama")
    return OfficeRules(
        nama if isinstance(nama, str) and nama.strip() else "Badan Publik",
        OfficeClock(str(data.get("zona_waktu") or "WIB")),
        str(data.get("cuti_bersama") or "libur"),
    )


def periods_of() -> Periods:
    """The periods file in force (PPID_JANGKA_WAKTU, else the bundled one)."""
    try:
        return load_periods()
    except PeriodsError as exc:
        raise SettingsError(f"PPID_JANGKA_WAKTU: {exc}") from None


def _calendar(settings: Settings, cuti_bersama: str) -> WorkingCalendar:
    try:
        return WorkingCalendar(settings.holidays_file, cuti_bersama)
    except CalendarError as exc:
        raise SettingsError(f"PPID_HOLIDAYS_FILE: {exc}") from None


def build_tracker(settings: Settings) -> Tracker:
    """The records with the office's rules: its calendar, clock, periods and numbering."""
    from forms.tracker import Tracker

    rules = office_rules(settings.office_file)
    return Tracker(
        store.make_engine(settings.database_url),
        _calendar(settings, rules.cuti_bersama),
        settings.resolved_secret(),
        settings.number_format,
        clock=rules.clock,
        periods=periods_of(),
    )


def open_records(settings: Settings) -> Tracker:
    """Every check of `prepare()`, then the tracker over the database it migrated: the
    calendar, the engine and the migration each made once (for the staff commands)."""
    from forms.tracker import Tracker

    rules = office_rules(settings.office_file)
    calendar = _calendar(settings, rules.cuti_bersama)
    periods = periods_of()
    try:
        secret = settings.resolved_secret()
    except OSError as exc:
        raise SettingsError(
            f"PPID_SECRET tidak diisi dan rahasia tidak dapat disimpan di "
            f"{settings.upload_dir.parent}: {exc.strerror}"
        ) from None
    shown = store.shown_url(settings.database_url)
    if shown is None:
        raise SettingsError(
            f"PPID_DATABASE_URL={settings.database_url!r} bukan URL basis "
            "data; contoh: sqlite:////var/lib/ppid/ppid.sqlite3"
        )
    try:
        engine = store.make_engine(settings.database_url)
        try:
            store.migrate(engine)
        except BaseException:
            engine.dispose()
            raise
    except Exception as exc:  # a driver, a folder, a server, a permission: all said the same
        raise SettingsError(
            f"PPID_DATABASE_URL={shown}: basis data tidak dapat dibuka ({store.reason(exc)})"
        ) from None
    return Tracker(
        engine, calendar, secret, settings.number_format, clock=rules.clock, periods=periods
    )


def prepare(settings: Settings) -> None:
    """Check before serving what the relay's start-up needs (the office's rules, the local
    holiday file, the periods, the secret, the database, migrated to the newest schema), so a
    mistake in the PPID_* variables is one line naming the variable, not a traceback at
    start-up."""
    open_records(settings).engine.dispose()
