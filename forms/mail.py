"""Mail after a submission: the acknowledgement to the requester and a notice to the desk.

Sent after the answer, in the background: the record is already committed, and a mail
server that is down must not turn an accepted request into an error for the requester.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from email.message import EmailMessage

from forms.settings import Smtp
from forms.tracker import Filed
from site_builder.dates import format_date

log = logging.getLogger("ppid.relay.mail")


def acknowledgement(filed: Filed, office: str, status_url: str, smtp: Smtp) -> EmailMessage | None:
    """The tanda terima for the requester (None when there is no address to write to)."""
    r = filed.record
    to = str(r.data.get("email") or "")  # validated at intake; _replyto/_cc never count
    if not to:
        return None
    jenis = "permohonan informasi" if r.jenis == "permohonan" else "keberatan"
    msg = EmailMessage()
    msg["Subject"] = f"Tanda terima {jenis} {r.nomor}"
    msg["From"] = smtp.sender
    msg["To"] = to
    if smtp.desk:
        msg["Reply-To"] = smtp.desk
    msg.set_content(
        f"Yth. {r.data.get('nama', 'Pemohon')},\n\n"
        f"{jenis.capitalize()} Anda telah kami terima dan dicatat dengan:\n\n"
        f"  Nomor pendaftaran : {r.nomor}\n"
        f"  Kode status       : {filed.kode}\n"
        f"  Tanggal diterima  : {format_date(r.diterima)}\n"
        f"  Tenggat jawaban   : {format_date(filed.tenggat.due, True)}\n\n"
        f"Tenggat dihitung dalam hari kerja. Pantau {jenis} Anda di {status_url} dengan "
        "nomor pendaftaran dan kode status di atas.\n"
        + (
            "\nDokumen identitas belum kami terima. Mohon kirimkan dengan membalas surel ini "
            "paling lambat 6 hari kerja sejak permohonan diterima.\n"
            if "belum lengkap" in r.label
            else ""
        )
        + f"\nHormat kami,\nPPID {office}\n"
    )
    return msg


def desk_notice(filed: Filed, office: str, smtp: Smtp, site_url: str) -> EmailMessage | None:
    """A short notice for the desk (no personal data beyond the name)."""
    if not smtp.desk:
        return None
    r = filed.record
    msg = EmailMessage()
    msg["Subject"] = f"[PPID] {r.jenis} baru {r.nomor}"
    msg["From"] = smtp.sender
    msg["To"] = smtp.desk
    msg.set_content(
        f"{r.jenis.capitalize()} baru di {office}:\n\n  Nomor  : {r.nomor}\n"
        f"  Judul  : {r.judul}\n  Tenggat: {format_date(filed.tenggat.due, True)}\n\n"
        f"Buka di meja layanan: {site_url}/meja/r/{r.id}\n"
        f"(atau di baris perintah: ppid {r.jenis} show {r.nomor})\n"
    )
    return msg


def notify(filed: Callable[[], Filed], office: str, site_url: str, smtp: Smtp) -> None:
    """After the answer: the desk's notice, then the requester's acknowledgement, each on
    its own, so that an address the mail server refuses never keeps the desk uninformed.
    Links start at `site_url`, the site's configured address (Settings.public_url).
    Nothing here raises: the record is committed, and a mail failure is only logged."""
    try:
        record = filed()
    except Exception:
        log.exception("surel tidak dibuat: catatan tidak dapat dibaca")
        return
    makers: list[Callable[[], EmailMessage | None]] = [
        lambda: desk_notice(record, office, smtp, site_url),
        lambda: acknowledgement(record, office, f"{site_url}/status", smtp),
    ]
    for make in makers:
        try:
            message = make()
        except (ValueError, TypeError) as exc:  # a header email refuses to carry
            log.error("surel %s tidak dibuat: %s", record.record.nomor, exc)
            continue
        send(smtp, [message])


class MailError(Exception):
    """The mail server could not be reached, or refused a message; the reason in words."""


def deliver(smtp: Smtp, messages: list[EmailMessage]) -> None:
    """Send the messages over one connection; MailError when any of them is not accepted
    (for a sender that must know, such as a letter staff send from the desk)."""
    if not messages:
        return
    refused: list[str] = []
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=15) as server:
            if smtp.starttls:
                server.starttls()
            if smtp.user:
                server.login(smtp.user, smtp.password)
            for message in messages:  # a message refused for some of its addresses only
                refused += server.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"alamat ditolak server surel: {', '.join(exc.recipients)}") from exc
    except smtplib.SMTPResponseException as exc:
        error = exc.smtp_error
        reason = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        raise MailError(f"server surel menolak ({exc.smtp_code} {reason})".strip()) from exc
    except (OSError, smtplib.SMTPException, ValueError) as exc:
        why = str(exc) or type(exc).__name__
        raise MailError(
            f"server surel {smtp.host}:{smtp.port} tidak dapat dipakai ({why})"
        ) from exc
    if refused:
        raise MailError(f"alamat ditolak server surel: {', '.join(refused)}")


def send(smtp: Smtp, messages: list[EmailMessage | None]) -> None:
    """Send the messages over one connection; a failure is logged, never raised."""
    todo = [m for m in messages if m is not None]
    try:
        deliver(smtp, todo)
    except MailError as exc:
        log.error("surel tidak terkirim (%s): %s", ", ".join(m["To"] for m in todo), exc)
