"""The public register from the relay's own database, for a site built on the same machine.

The site reads the register only through its contract (site_builder.register: a
`ppid-register/1` file or URL). When the site's `register:` option is `auto` (or names a
database URL) and the relay's database is here, the command layer writes that file,
`var/register.json`, from the store before a build; `ppid serve` rebuilds when the
records' fingerprint moves. In a deployment of many offices (PPID_KANTOR_FILE) an office's
site (`kantor`, the plugin's option or `--kantor`) gets that office's rows only.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from forms import register
from forms.settings import Settings, SettingsError
from forms.startup import build_tracker, office_rules, registry_of
from forms.store import tables as store
from forms.tracker import Tracker
from site_builder.clock import OfficeClock
from site_builder.files import write_atomic
from site_builder.register import LOCAL_FILE, NO_REGISTER, RegisterError, RegisterRow, is_database

LOCAL_DB = Path("var") / "ppid.sqlite3"


def database_url(source: str, base: Path) -> str | None:
    """The relay database a register source stands for: `auto` is PPID_DATABASE_URL or the
    local var/ppid.sqlite3 when either is there; a database URL is itself; else None."""
    if source in NO_REGISTER:
        return None
    if source == "auto":
        if os.environ.get("PPID_DATABASE_URL"):
            return os.environ["PPID_DATABASE_URL"]
        local = base / LOCAL_DB
        return f"sqlite:///{local.resolve()}" if local.is_file() else None
    return source if is_database(source) else None


def office_clock(kantor: str, settings: Settings | None = None) -> OfficeClock:
    """The clock of the office a site is built for: its zona_waktu in the registry
    (PPID_KANTOR_FILE), else the profile's (badan-publik.yml)."""
    settings = settings or Settings.from_env()
    registry = registry_of(settings) if kantor else None
    office = registry.get(kantor) if registry is not None else None
    if office is not None:
        return OfficeClock(office.zona_waktu)
    return office_rules(settings.office_file).clock


def _office_tracker(settings: Settings, kantor: str) -> Tracker:
    tracker = build_tracker(settings)
    if not kantor:
        return tracker
    return tracker.for_office(kantor, office_clock(kantor, settings))


def rows_from_store(url: str, today: date | None = None, kantor: str = "") -> list[RegisterRow]:
    """Every record of the relay's database (of the office `kantor`, in a deployment of
    many) as a register row; RegisterError when the database cannot be opened or read
    (password hidden)."""
    shown = store.shown_url(url) or repr(url)
    settings = Settings.from_env()  # the relay's own reading of PPID_*
    try:  # the relay's own rules, on this database; no status code is made, so no secret
        tracker = _office_tracker(replace(settings, database_url=url, secret="-"), kantor)
    except SettingsError as exc:
        raise RegisterError(str(exc)) from exc
    except Exception as exc:  # a folder that cannot be made, a driver not installed, ...
        raise RegisterError(
            f"register: basis data {shown} tidak dapat dibuka ({store.reason(exc)})"
        ) from exc
    engine = tracker.engine
    try:
        store.migrate(engine)
        return register.rows(tracker, today)
    except Exception as exc:  # one line, whatever the driver says (psycopg's span lines)
        raise RegisterError(
            f"register: basis data {shown} tidak dapat dibaca ({store.reason(exc)})"
        ) from exc
    finally:
        engine.dispose()


def prepare(source: str, base: Path, kantor: str = "") -> str:
    """The source to build with: when it stands for a database here, the register (of the
    office `kantor`, in a deployment of many) is written from it to var/register.json
    first, and that file is the source."""
    url = database_url(source, base)
    if url is None:
        return source
    from site_builder.register import dump

    today = office_clock(kantor).today()
    write_atomic(base / LOCAL_FILE, dump(rows_from_store(url, today, kantor), today))
    return str(LOCAL_FILE)


def rows(source: str, base: Path, kantor: str = "") -> list[RegisterRow] | None:
    """The register's rows: from the relay's database when the source stands for one here,
    else from the file or URL (site_builder.register.load)."""
    from site_builder.register import load

    url = database_url(source, base)
    return rows_from_store(url, kantor=kantor) if url is not None else load(source, base)


def fingerprint(source: str, base: Path) -> str | None:
    """A fingerprint of the database's records, to rebuild only when something changed."""
    url = database_url(source, base)
    if url is None:
        return None
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            count, newest = store.changes(conn)
    except sa.exc.SQLAlchemyError:
        return None
    finally:
        engine.dispose()
    return f"{count}:{newest}"
