"""The relay's settings checked before anything starts: `ppid relay`, `ppid serve` and every
staff command that opens the records."""

from __future__ import annotations

import functools
import stat
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from forms.settings import (
    FORMAT_VARIABLES,
    MULTI_OFFICE_FORMATS,
    Settings,
    SettingsError,
    without_kantor,
)
from forms.store import tables as store
from site_builder.calendar import CalendarError, WorkingCalendar
from site_builder.clock import ZONA_WAKTU, OfficeClock
from site_builder.layanan import CUTI_BERSAMA
from site_builder.periods import Periods, PeriodsError, load_periods

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from forms.tracker import Tracker
    from site_builder.dip.model import Office
    from site_builder.kantor import Registry


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


class RegistrySettingsError(SettingsError):
    """PPID_KANTOR_FILE names a registry that cannot be used; `problems` holds every line."""

    def __init__(self, message: str, problems: list[object]) -> None:
        super().__init__(message)
        self.problems = problems


def registry_of(settings: Settings) -> Registry | None:
    """The deployment's offices (PPID_KANTOR_FILE), or None for a single-office install.
    A registry with errors stops the start: every problem printed with its line, then one
    sentence naming the variable. Read once per version of the file."""
    if settings.kantor_file is None:
        return None
    for name, variable in FORMAT_VARIABLES.items():
        fmt = getattr(settings, name)
        if without_kantor(fmt):
            raise SettingsError(
                f"{variable}={fmt!r} harus memuat {{kantor}} (kode kantor) karena "
                "PPID_KANTOR_FILE dipakai: nomor setiap kantor harus berbeda dari nomor kantor "
                f"lain; contoh: {MULTI_OFFICE_FORMATS[name]}"
            )
    path = settings.kantor_file
    try:
        found = path.stat()
    except OSError as exc:
        raise SettingsError(
            f"PPID_KANTOR_FILE={path}: tidak dapat dibaca ({exc.strerror})"
        ) from None
    return _registry(path.resolve(), found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=4)
def _registry(path: Path, _mtime_ns: int, _size: int) -> Registry:
    from site_builder.kantor import RegistryError, read

    try:
        return read(path)
    except RegistryError as exc:
        raise RegistrySettingsError(f"PPID_KANTOR_FILE: {exc}", list(exc.problems)) from None


def office_trackers(base: Tracker, registry: Registry | None) -> dict[str, Tracker]:
    """The tracker of each office of the registry (none without one): `base`'s engine,
    calendar, periods and formats, the office's own clock (its zona_waktu) and records."""
    if registry is None:
        return {}
    return {k.kode: base.for_office(k.kode, OfficeClock(k.zona_waktu)) for k in registry.kantor}


def tracker_for(base: Tracker, trackers: Mapping[str, Tracker], kode: str) -> Tracker:
    """The tracker of the office with this kode among `trackers`; '' is `base` (the one
    office of a single-office install). An unknown kode is NotFound."""
    if not kode:
        return base
    found = trackers.get(kode)
    if found is None:
        from forms.vocab import NotFound

        raise NotFound(f"kantor '{kode}' tidak ada di daftar kantor (PPID_KANTOR_FILE)")
    return found


def office_profile(registry: Registry | None, kode: str, fallback: Office | None) -> Office | None:
    """The profile on an office's letters and tanda bukti (name, PPID, atasan PPID, NIP,
    logo, signing place): the office's own `profil` in the registry; without one, the
    deployment's profile (`fallback`, dip/badan-publik.yml) under the registry's nama.
    '' (a single-office install) is `fallback`. A profile with errors is a SettingsError
    naming its file and line."""
    if registry is None or not kode:
        return fallback
    office = registry.get(kode)
    if office is None:
        from forms.vocab import NotFound

        raise NotFound(f"kantor '{kode}' tidak ada di daftar kantor (PPID_KANTOR_FILE)")
    if office.profil is None:
        return replace(fallback, nama=office.nama) if fallback is not None else None
    try:
        found = office.profil.stat()
    except OSError as exc:
        raise SettingsError(
            f"profil kantor {kode} ({office.profil}) tidak dapat dibaca ({exc.strerror})"
        ) from None
    return _profile(kode, office.profil, found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=64)
def _profile(kode: str, path: Path, _mtime_ns: int, _size: int) -> Office:
    from site_builder.dip.loader import load_office

    office, problems = load_office(path)
    if office is None:
        errors = [p for p in problems if p.is_error]
        first = str(errors[0]) if errors else str(path)
        more = f" (dan {len(errors) - 1} galat lain)" if len(errors) > 1 else ""
        raise SettingsError(f"profil kantor {kode} tidak dapat dipakai: {first}{more}")
    return office


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


def engine_of(settings: Settings, durable: bool = True, pool_size: int | None = None) -> Engine:
    """An engine for PPID_DATABASE_URL with PPID_DB_TIMEOUT and PPID_DB_POOL_SIZE."""
    return store.make_engine(
        settings.database_url,
        timeout=settings.db_timeout,
        pool_size=pool_size or settings.db_pool_size,
        durable=durable,
    )


def build_tracker(settings: Settings) -> Tracker:
    """The records with the office's rules: its calendar, clock, periods and numbering."""
    from forms.tracker import Tracker

    rules = office_rules(settings.office_file)
    return Tracker(
        engine_of(settings),
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
        engine = engine_of(settings)
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
    holiday file, the periods, the secret, the office registry, the database, migrated to
    the newest schema), so a mistake in the PPID_* variables is one line naming the
    variable, not a traceback at start-up."""
    registry_of(settings)
    open_records(settings).engine.dispose()
