"""What the staff commands share: the tracker, the office profile, output folders, options."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from forms.settings import Settings
from forms.vocab import (
    RINCIAN,
    STATUS_LABEL,
)
from ppid.cli.bahasa import parse_day

if TYPE_CHECKING:
    from forms.tracker import Record, Tracker
from site_builder.dates import format_date


def open_tracker() -> Tracker:
    from forms.store import tables as store
    from forms.tracker import Tracker
    from site_builder.calendar import WorkingCalendar

    settings = Settings.from_env()
    calendar = WorkingCalendar(settings.holidays_file)
    engine = store.make_engine(settings.database_url)
    store.migrate(engine)
    return Tracker(engine, calendar, settings.resolved_secret(), settings.number_format)


def resolve_number(tracker: Tracker, jenis: str, ref: str) -> str:
    """A full registration number from what staff typed: the number itself or its sequence."""
    if ref.isdigit():
        year = date.today().year
        for record in tracker.list(jenis):
            if record.tahun == year and int(record.nomor.split("/")[0]) == int(ref):
                return record.nomor
        raise click.ClickException(f"{jenis} nomor urut {ref} tahun {year} tidak ditemukan")
    return ref


def summary_of(tracker: Tracker, r: Record, today: date) -> dict[str, Any]:
    deadline = tracker.deadline(r)
    decision = r.keputusan
    return {
        "nomor": r.nomor,
        "jenis": r.jenis,
        "judul": r.judul,
        "status": r.status,
        "label": list(r.label),
        "petugas": r.petugas,
        "saluran": r.saluran,
        "diterima": r.diterima.isoformat(),
        "tenggat": deadline.due.isoformat(),
        "terlambat": tracker.is_overdue(r, today),
        "keputusan": decision,
    }


def day_or_today(value: str | None) -> date:
    return parse_day(None, None, value) or date.today()


def act(jenis: str, action: str, ref: str, oleh: str | None, **isi: Any) -> None:
    tracker = open_tracker()
    if isi.get("entri"):  # the refusal's basis must be an exempted entry of this DIP
        catalogue = office_or_exit()
        entry = next((e for e in catalogue.entries if e.slug == isi["entri"]), None)
        if entry is None or entry.uji_konsekuensi is None:
            raise click.BadParameter(
                f"'{isi['entri']}' bukan entri DIP yang dikecualikan; "
                "lihat dip/*/ atau halaman Informasi yang Dikecualikan",
                param_hint="--entri",
            )
    nomor = resolve_number(tracker, jenis, ref)
    record = tracker.act(nomor, action, oleh or getpass.getuser(), **isi)
    click.echo(
        f"{record.nomor}: {STATUS_LABEL[record.status]}; tenggat "
        f"{format_date(tracker.deadline(record).due)}"
    )


OLEH = click.option("--oleh", help="Nama petugas yang mencatat (bawaan: pengguna komputer).")


def rincian_options() -> list[Callable[[Any], Any]]:
    """Details a decision carries into its letters (ppid surat), one option each."""
    return [
        click.option(f"--{key.replace('_', '-')}", key, metavar="TEKS", help=text)
        for key, text in RINCIAN.items()
    ]


def office_or_exit(settings: Settings | None = None) -> Any:
    """The DIP's catalogue (office profile for letterheads and signatures), or a clear exit."""
    from site_builder.dip.loader import load
    from site_builder.problems import summary

    settings = settings or Settings.from_env()
    result = load(settings.office_file.parent)
    if result.catalogue is None:
        raise click.ClickException(
            "data DIP tidak valid, sehingga kop dan penandatangan "
            f"tidak dapat dibaca ({summary(result.problems)}); "
            "jalankan 'ppid check'"
        )
    return result.catalogue


def writable_folder(out: Path) -> None:
    """The output folder exists and can be written, or a clear exit before anything is done."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.BadParameter(
            f"folder '{out}' tidak dapat dibuat ({exc.strerror})", param_hint="--out"
        ) from exc
    if not os.access(out, os.W_OK):
        raise click.BadParameter(f"folder '{out}' tidak dapat ditulis", param_hint="--out")


def write_document(doc: Any, out: Path, stem: str) -> list[Path]:
    from site_builder import dokumen

    writable_folder(out)
    try:
        return dokumen.write(doc, out, stem)
    except OSError as exc:
        raise click.ClickException(f"{out}: laporan tidak dapat ditulis ({exc.strerror})") from exc
