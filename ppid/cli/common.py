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
from site_builder import text
from site_builder.dates import format_date

if TYPE_CHECKING:
    from forms.tracker import Record, Tracker
    from site_builder.kantor import Kantor

_KANTOR = "ppid.kantor"  # where --kantor keeps its value in the click context


def _remember_kantor(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[_KANTOR] = value.strip()


KANTOR = click.option(
    "--kantor",
    metavar="KODE",
    expose_value=False,
    is_eager=True,  # read before the options whose check needs the office's date
    callback=_remember_kantor,
    help="Kode kantor yang catatannya dibuka; wajib bila PPID_KANTOR_FILE (daftar kantor) diisi.",
)


def chosen_office(settings: Settings | None = None) -> Kantor | None:
    """The office --kantor names in a deployment of many (PPID_KANTOR_FILE); None for a
    single-office install. Without --kantor there, or with a kode the registry does not
    have, a clear exit."""
    from forms.startup import registry_of

    settings = settings or Settings.from_env()
    registry = registry_of(settings)
    ctx = click.get_current_context(silent=True)
    kode = ctx.meta.get(_KANTOR) if ctx is not None else None
    if registry is None:
        if kode:
            raise click.UsageError(
                "--kantor hanya dipakai bila PPID_KANTOR_FILE (daftar kantor) diisi; "
                "pemasangan satu kantor tidak memerlukannya"
            )
        return None
    if not kode:
        raise click.UsageError(
            "layanan ini melayani banyak kantor (PPID_KANTOR_FILE): sebutkan kantornya "
            f"dengan --kantor KODE, misalnya --kantor {registry.kantor[0].kode}"
        )
    office = registry.get(kode)
    if office is None:
        raise click.BadParameter(
            f"kantor '{text.shown(kode)}' tidak ada di daftar kantor {registry.path}",
            param_hint="'--kantor'",
        )
    return office


def open_tracker() -> Tracker:
    """The records (of the office --kantor names, in a deployment of many), with the
    PPID_* settings checked first (one line naming a bad one)."""
    from forms.startup import open_records
    from site_builder.clock import OfficeClock

    settings = Settings.from_env()
    office = chosen_office(settings)  # before the database is opened
    # office rules, holiday file, periods, secret, database migrated: each once
    tracker = open_records(settings)
    close_with_command(tracker.engine.dispose)
    if office is None:
        return tracker
    return tracker.for_office(office.kode, OfficeClock(office.zona_waktu))


def close_with_command(close: Callable[[], Any]) -> None:
    """Run `close` when the command ends (its database connections closed, not left to the
    garbage collector: a PostgreSQL server counts them)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().call_on_close(close)


def office_today() -> date:
    """Today's date at the office (zona_waktu in badan-publik.yml, or of the office
    --kantor names), not the computer's."""
    from forms.startup import office_rules, registry_of
    from site_builder.clock import OfficeClock

    settings = Settings.from_env()
    ctx = click.get_current_context(silent=True)
    kode = ctx.meta.get(_KANTOR) if ctx is not None else None
    registry = registry_of(settings) if kode else None
    office = registry.get(kode) if registry is not None and kode else None
    if office is not None:
        return OfficeClock(office.zona_waktu).today()
    return office_rules(settings.office_file).clock.today()


def letterhead(catalogue: Any, tracker: Tracker) -> Any:
    """The profile on the letters and reports of the tracker's office: its registry
    `profil`, else the DIP's office (under the registry's nama for one of many)."""
    from forms.settings import SettingsError
    from forms.startup import office_profile, registry_of

    settings = Settings.from_env()
    try:
        return office_profile(registry_of(settings), tracker.kantor, catalogue.office)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


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
        "lewat_batas_kelengkapan": tracker.past_completion(r, today),
        "keputusan": decision,
    }


def act(jenis: str, action: str, ref: str, oleh: str | None, **isi: Any) -> None:
    tracker = open_tracker()
    if isi.get("entri"):  # the refusal's basis must be an exempted entry of this DIP
        catalogue = office_or_exit()
        entry = next((e for e in catalogue.entries if e.slug == isi["entri"]), None)
        if entry is None or entry.uji_konsekuensi is None:
            raise click.BadParameter(
                f"'{isi['entri']}' bukan entri DIP yang dikecualikan; "
                "lihat dip/*/ atau halaman Informasi yang Dikecualikan",
                param_hint="'--entri'",
            )
    nomor = tracker.resolve(jenis, ref)
    record = tracker.act(nomor, action, oleh or getpass.getuser(), **isi)
    click.echo(
        f"{record.nomor}: {STATUS_LABEL[record.status]}; tenggat "
        f"{format_date(tracker.deadline(record).due)}"
    )


OLEH = click.option("--oleh", help="Nama petugas yang mencatat (bawaan: pengguna komputer).")


def rincian_options() -> list[Callable[[Any], Any]]:
    """Details a decision carries into its letters (ppid surat), one option each."""
    return [
        click.option(f"--{key.replace('_', '-')}", key, metavar="TEKS", help=help_text)
        for key, help_text in RINCIAN.items()
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
            f"folder '{out}' tidak dapat dibuat ({exc.strerror})", param_hint="'--out'"
        ) from exc
    if not os.access(out, os.W_OK):
        raise click.BadParameter(f"folder '{out}' tidak dapat ditulis", param_hint="'--out'")


def write_document(doc: Any, out: Path, stem: str) -> list[Path]:
    from site_builder import dokumen

    writable_folder(out)
    try:
        return dokumen.write(doc, out, stem)
    except OSError as exc:
        raise click.ClickException(f"{out}: laporan tidak dapat ditulis ({exc.strerror})") from exc


# --- checks of what staff type, as click callbacks: each refusal names the option -------


TextCallback = Callable[[click.Context | None, click.Parameter | None, str | None], str]


def text_option(*, required: bool, one_line: bool) -> TextCallback:
    """A click callback for a text staff type: valid text, control characters cleaned,
    not empty when `required`, on one line when `one_line`."""

    def check(_ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str:
        if not text.is_text(value or ""):
            raise click.BadParameter("berisi karakter yang tidak sah; ketik ulang", param=param)
        found = text.clean(value or "").strip()
        if required and not found:
            raise click.BadParameter("tidak boleh kosong", param=param)
        if one_line and "\n" in found:
            raise click.BadParameter("harus satu baris (tanpa ganti baris)", param=param)
        return found

    return check


one_line = text_option(required=True, one_line=True)  # a name, a person
some_text = text_option(required=True, one_line=False)  # what is asked, and why
optional_line = text_option(required=False, one_line=True)  # a phone, an occupation


def nik_digits(_ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str:
    """A NIK as people write it (spaces, dots, dashes) stored as its 16 digits; may be empty."""
    from forms.intake.validation import nik_problem

    typed = (value or "").strip()
    if not typed:
        return ""
    found, problem = nik_problem(typed)
    if problem is not None:
        raise click.BadParameter(
            f"'{text.shown(typed)}' bukan NIK: NIK terdiri atas 16 angka; {problem}", param=param
        )
    return found


def phone_number(
    _ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> str:
    """A telephone number as people write it (spaces, dashes, brackets, a leading +); may be
    empty. The refusal says what is wrong with it."""
    from forms.intake.validation import phone_problem

    found = text.clean(value or "").strip()
    if not found:
        return ""
    problem = phone_problem(found)
    if problem:
        raise click.BadParameter(f"'{text.shown(found)}': {problem}", param=param)
    return found


def email_address(
    _ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> str:
    """An e-mail address a mail can be sent to, normalised; may be empty."""
    from forms.intake.validation import mail_address

    found = (value or "").strip()
    if not found:
        return ""
    address = mail_address(found)
    if address is None:
        raise click.BadParameter(
            f"'{text.shown(found)}' bukan alamat surel; contoh: nama@contoh.id", param=param
        )
    return address


def received(
    ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> date | None:
    """The day a request was received: not before UU KIP was in force, not in the future."""
    from forms.intake.validation import received_problem

    day = parse_day(ctx, param, value)
    if day is None:
        return None
    problem = received_problem(day, office_today())
    if problem is not None:
        raise click.BadParameter(problem, param=param)
    return day
