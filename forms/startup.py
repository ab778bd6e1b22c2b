"""The relay's settings checked before anything starts: `ppid relay`, `ppid serve` and every
staff command that opens the records."""

from __future__ import annotations

from forms.settings import Settings, SettingsError
from forms.store import tables as store
from site_builder.calendar import CalendarError, WorkingCalendar


def prepare(settings: Settings) -> None:
    """Check before serving what the relay's start-up needs (the local holiday file, the
    secret, the database, migrated to the newest schema), so a mistake in the PPID_*
    variables is one line naming the variable, not a traceback at start-up."""
    try:
        WorkingCalendar(settings.holidays_file)
    except CalendarError as exc:
        raise SettingsError(f"PPID_HOLIDAYS_FILE: {exc}") from None
    try:
        settings.resolved_secret()
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
        finally:
            engine.dispose()
    except Exception as exc:  # a driver, a folder, a server, a permission: all said the same
        reason = getattr(exc, "orig", None) or exc
        raise SettingsError(
            f"PPID_DATABASE_URL={shown}: basis data tidak dapat dibuka "
            f"({type(reason).__name__}: {reason})"
        ) from None
