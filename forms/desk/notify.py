"""Mail from the desk's work: a record disposed to a unit reaches its pelaksana."""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage

from forms import mail
from forms.desk.accounts import Account
from forms.desk.web import PREFIX
from forms.settings import Settings
from forms.tracker import Record


def disposed(
    settings: Settings, office: str, record: Record, unit: str, people: Sequence[Account]
) -> None:
    """One mail to each of the unit's pelaksana with an address; nothing without SMTP."""
    smtp = settings.smtp
    if smtp is None:
        return
    messages: list[EmailMessage | None] = []
    for person in people:
        if not person.surel:
            continue
        msg = EmailMessage()
        msg["Subject"] = f"[PPID] Disposisi {record.jenis} {record.nomor} ke unit Anda"
        msg["From"] = smtp.sender
        msg["To"] = person.surel
        msg.set_content(
            f"Yth. {person.nama},\n\n"
            f"{record.jenis.capitalize()} {record.nomor} didisposisikan ke unit {unit} di "
            f"{office}.\n\n  Perihal: {record.judul}\n\n"
            f"Buka di meja layanan untuk menulis draf jawaban:\n"
            f"{settings.public_url}{PREFIX}/r/{record.id}\n"
        )
        messages.append(msg)
    mail.send(smtp, messages)
