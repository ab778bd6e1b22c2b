"""Where the public register comes from: the relay's database, its export file, or its endpoint.

A site built by CI on another machine reads the relay's public `/register.json` (or a file
made by `ppid register export`); `ppid serve` reads the local database directly.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

FORMAT = "ppid-register/1"
LOCAL_DB = Path("var") / "ppid.sqlite3"


class RegisterError(Exception):
    """The register source was named but cannot be read; the message says which and why."""


def resolve(source: str, base: Path) -> str | None:
    """The concrete source: 'auto' is the relay's database when one exists here."""
    if source in ("", "tidak", "none"):
        return None
    if source != "auto":
        return source
    if os.environ.get("PPID_DATABASE_URL"):
        return os.environ["PPID_DATABASE_URL"]
    local = base / LOCAL_DB
    return f"sqlite:///{local.resolve()}" if local.is_file() else None


def load(source: str, base: Path) -> list[dict[str, Any]] | None:
    """Register rows from the source, or None when there is no register to show."""
    concrete = resolve(source, base)
    if concrete is None:
        return None
    if "://" in concrete and not concrete.startswith(("http://", "https://")):
        return _from_database(concrete)
    if concrete.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(concrete, timeout=15) as answer:
                raw = answer.read()
        except (urllib.error.URLError, OSError) as exc:
            raise RegisterError(f"register tidak dapat diambil dari {concrete}: {exc}") from exc
    else:
        path = base / concrete
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise RegisterError(f"{path}: berkas register tidak dapat dibaca "
                                f"({exc.strerror})") from exc
    return _parse(raw, concrete)


def _parse(raw: bytes, where: str) -> list[dict[str, Any]]:
    try:
        doc = json.loads(raw)
    except ValueError as exc:
        raise RegisterError(f"{where}: bukan JSON register yang valid ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RegisterError(f"{where}: format register tidak dikenal (harus {FORMAT})")
    rows = doc.get("baris")
    if not isinstance(rows, list):
        raise RegisterError(f"{where}: 'baris' harus berupa daftar")
    return rows


def _from_database(url: str) -> list[dict[str, Any]]:
    from forms import register
    from forms.store import tables as store
    from site_builder.calendar import CalendarError, WorkingCalendar
    from forms.tracker import Tracker

    shown = store.shown_url(url) or repr(url)
    try:
        engine = store.make_engine(url)
    except Exception as exc:  # a folder that cannot be made, a driver not installed, ...
        raise RegisterError(f"register: basis data {shown} tidak dapat dibuka "
                            f"({type(exc).__name__}: {exc})") from exc
    try:
        store.migrate(engine)
        holidays = os.environ.get("PPID_HOLIDAYS_FILE")
        tracker = Tracker(engine, WorkingCalendar(Path(holidays) if holidays else None), "-")
        return register.rows(tracker)
    except CalendarError as exc:
        raise RegisterError(f"PPID_HOLIDAYS_FILE: {exc}") from exc
    except Exception as exc:
        reason = getattr(exc, "orig", None) or exc
        raise RegisterError(f"register: basis data {shown} tidak dapat dibaca "
                            f"({type(reason).__name__}: {reason})") from exc
    finally:
        engine.dispose()


def version(source: str, base: Path) -> str | None:
    """A fingerprint of the database's records, to rebuild only when something changed."""
    concrete = resolve(source, base)
    if concrete is None or "://" not in concrete or concrete.startswith("http"):
        return None
    import sqlalchemy as sa

    engine = sa.create_engine(concrete)
    try:
        with engine.connect() as conn:
            found = conn.execute(sa.text("SELECT count(*), max(id) FROM events")).one()
    except sa.exc.SQLAlchemyError:
        return None
    finally:
        engine.dispose()
    return f"{found[0]}:{found[1]}"
