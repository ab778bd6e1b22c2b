"""`ppid pengingat`: each morning, a mail to each staff member with what is due.

Run by deploy/ppid-pengingat.timer on weekday mornings; the command itself skips the days
that are not working days by the office's calendar (holidays, cuti bersama, local days
off), so the timer needs no holiday list. Each active account with an e-mail address gets
one mail when something it should see is overdue or due within 2 working days:

- everyone: the records assigned to them;
- who may see their units' records (lihat_unit, pelaksana): the records disposed to them;
- who decides objections (putuskan_keberatan, atasan): the open objections;
- who decides requests (putuskan_permohonan, ppid): every overdue record.

What each role may do comes from the roles file (forms/data/peran.yml or PPID_PERAN), so
no role code is named here.

The mail carries no personal data of requesters: the number, the subject (perihal), the
deadline, the working days left and the desk's link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

import click

from forms import mail
from forms.desk.accounts import Account, Accounts
from forms.desk.index import DeskIndex, Row
from forms.desk.roles import load_roles
from forms.settings import Settings, Smtp
from forms.tracker import Tracker
from ppid.cli.bahasa import Command, parse_day
from ppid.cli.common import KANTOR, open_tracker
from site_builder.dates import format_date

SOON = 2  # working days


@dataclass(frozen=True)
class Digest:
    account: Account
    rows: list[Row]  # overdue first, then by deadline


def left(row: Row) -> str:
    if row.sisa < 0:
        return f"terlambat {-row.sisa} hari kerja"
    if row.sisa == 0:
        return "tenggat hari ini"
    return f"sisa {row.sisa} hari kerja"


def digests(tracker: Tracker, accounts: Accounts, today: date) -> list[Digest]:
    """Who gets what: every active account with an address and something to be told."""
    index = DeskIndex(tracker)
    index.refresh()
    soon = tracker.calendar.add_working_days(today, SOON).due
    # counting, and overdue or due soon; each person is told of their own office's only
    by_office: dict[str, list[Row]] = {}
    out = []
    for account in accounts.all():
        if not account.aktif or not account.surel:
            continue
        if account.kantor not in by_office:
            by_office[account.kantor] = index.pending(today, soon, kantor=account.kantor)
        pending = by_office[account.kantor]
        names = set(account.names)
        izin = accounts.roles.permissions(account.peran)
        units = "lihat_unit" in izin
        objections = "putuskan_keberatan" in izin
        overdue = "putuskan_permohonan" in izin
        mine = [
            r
            for r in pending
            if r.petugas in names
            or (units and r.unit is not None and r.unit in account.unit)
            or (objections and r.jenis == "keberatan")
            or (overdue and r.tenggat < today)
        ]
        if mine:
            mine.sort(key=lambda r: (r.tenggat, r.id))
            out.append(Digest(account, mine))
    return out


def message(digest: Digest, smtp: Smtp | None, office: str, public_url: str) -> EmailMessage:
    rows = digest.rows
    late = sum(1 for r in rows if r.sisa < 0)
    subject = f"[PPID] Pengingat: {len(rows)} catatan perlu ditindaklanjuti"
    if late:
        subject += f" ({late} terlambat)"
    lines = [
        f"Yth. {digest.account.nama},",
        "",
        f"Berikut permohonan dan keberatan di {office} yang melewati tenggat atau "
        f"tenggatnya dalam {SOON} hari kerja:",
        "",
    ]
    for r in rows:
        lines.append(f"- {r.nomor} ({r.jenis}): {' '.join(r.judul.split())}")
        lines.append(f"  tenggat {format_date(r.tenggat, True)}, {left(r)}")
        lines.append(f"  {public_url}/meja/r/{r.id}")
    lines += [
        "",
        f"Buka meja layanan: {public_url}/meja/",
        "Surel ini dikirim otomatis setiap pagi hari kerja (ppid pengingat).",
    ]
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = smtp.sender if smtp else "ppid@localhost"
    msg["To"] = digest.account.surel or ""
    msg.set_content("\n".join(lines) + "\n")
    return msg


@click.command("pengingat", cls=Command)
@click.option(
    "--hari-ini",
    "hari_ini",
    callback=parse_day,
    metavar="YYYY-MM-DD",
    help="Hitung untuk hari ini yang lain (bawaan: tanggal kantor hari ini).",
)
@click.option("--kering", is_flag=True, help="Tampilkan surelnya saja, tanpa mengirim.")
@KANTOR
def pengingat(hari_ini: date | None, kering: bool) -> None:
    """Kirim pengingat tenggat harian ke setiap akun meja layanan yang bersurel.

    Isinya yang terlambat atau bertenggat dalam 2 hari kerja di antara catatan yang
    menjadi urusan akun itu (ditugaskan kepadanya; semua yang terlambat untuk PPID;
    disposisi ke unitnya untuk pelaksana; keberatan terbuka untuk atasan PPID). Tanpa
    data pribadi pemohon. Hari yang bukan hari kerja dilewati.

    Contoh: ppid pengingat --kering
    """
    from forms.startup import office_rules

    settings = Settings.from_env()
    if settings.smtp is None and not kering:
        raise click.ClickException(
            "server surel belum diatur: isi PPID_SMTP_HOST (dan PPID_SMTP_PORT, "
            "PPID_SMTP_FROM, ...) atau jalankan dengan --kering untuk melihat isinya saja"
        )
    tracker = open_tracker()
    today = hari_ini or tracker.today()
    holiday = tracker.calendar.holiday_name(today)
    if holiday is not None:
        click.echo(
            f"{format_date(today, True)} bukan hari kerja ({holiday}); pengingat tidak dikirim"
        )
        return
    accounts = Accounts(tracker.engine, load_roles())
    office = office_rules(settings.office_file).nama
    found = digests(tracker, accounts, today)
    if not found:
        click.echo(f"{format_date(today, True)}: tidak ada yang perlu diingatkan")
        return
    smtp = settings.smtp
    failures = 0
    for digest in found:
        msg = message(digest, smtp, office, settings.public_url)
        who = f"{digest.account.nama_pengguna} <{digest.account.surel}>"
        if kering or smtp is None:
            click.echo(f"--- untuk {who}\nSubjek: {msg['Subject']}\n")
            click.echo(msg.get_content())
            continue
        try:
            mail.deliver(smtp, [msg])
        except mail.MailError as exc:
            failures += 1
            click.echo(f"GAGAL: {who}: {exc}", err=True)
        else:
            click.echo(f"terkirim: {who} ({len(digest.rows)} catatan)")
    if failures:
        raise click.ClickException(f"{failures} dari {len(found)} pengingat tidak terkirim")
