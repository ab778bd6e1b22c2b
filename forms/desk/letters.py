"""Letters on the desk: which a person may make for a record now, making one (numbered once,
as `ppid surat` does), its blocks for the page, and the mail that sends it to the requester.

Who may make which letter comes from the roles file: a role with `surat` that decides
neither requests nor objections (the petugas) prepares every letter; a role that decides
(the PPID, the atasan PPID) makes only the letters it signs: the PPID's letters for
`putuskan_permohonan`, the atasan's answers to objections for `putuskan_keberatan`.
The signature on the letter is the office's configured signer, whoever makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from forms import surat
from forms.desk.accounts import Account
from forms.desk.roles import Roles
from forms.settings import Settings, Smtp
from forms.tracker import Record, Tracker
from site_builder import dokumen
from site_builder.dates import format_date
from site_builder.dokumen.blocks import BOLD, STAR

DECIDES = frozenset({"putuskan_permohonan", "putuskan_keberatan"})


def signer_permission(jenis: str) -> str:
    """The permission of the one who signs a kind of letter."""
    return "putuskan_keberatan" if surat.JENIS[jenis].atasan else "putuskan_permohonan"


def may_make(roles: Roles, account: Account, jenis: str) -> bool:
    """Whether one of the account's roles may make (and send) this kind of letter."""
    if jenis not in surat.JENIS:
        return False
    signs = signer_permission(jenis)
    for code in account.peran:
        role = roles.peran.get(code)
        if role is None or "surat" not in role.izin:
            continue
        if signs in role.izin or not (DECIDES & role.izin):
            return True
    return False


def issued(record: Record, jenis: str) -> dict[str, Any] | None:
    """The `surat` event's details of a letter already issued for the record."""
    event = record.letter(jenis)
    return {**event.isi, "tanggal": event.tanggal} if event is not None else None


@dataclass(frozen=True)
class Offer:
    """A letter that can be made for a record now, as a button on its page."""

    jenis: str
    judul: str
    nomor_surat: str  # "" when no number is taken yet
    dikirim: int  # how many times it was sent to the requester


def offers(roles: Roles, account: Account, record: Record) -> list[Offer]:
    """Every letter this person may make for the record now, by the rule `make` applies
    (a letter already issued: with the details it was issued with)."""
    out = []
    for jenis, kind in surat.JENIS.items():
        if not may_make(roles, account, jenis):
            continue
        done = issued(record, jenis)
        try:
            surat.check(jenis, record, dict((done or {}).get("rincian") or {}))
        except surat.SuratError:
            continue
        sent = sum(
            1 for e in record.events if e.jenis == "surat_dikirim" and e.isi.get("jenis") == jenis
        )
        out.append(Offer(jenis, kind.judul, str((done or {}).get("nomor_surat", "")), sent))
    return out


def make(
    tracker: Tracker,
    settings: Settings,
    catalogue: Any,
    record: Record,
    jenis: str,
    oleh: str,
    preview: bool = False,
    office: Any = None,
) -> tuple[Record, surat.Surat]:
    """The letter, as `ppid surat` makes it: its number taken the first time, the same
    number, date and details every time after; with `preview`, one not issued yet is
    shown with the provisional number "-" and takes none. `office`: the letterhead and
    signatories of the record's office (Desk.profile_of), else the DIP's office."""
    return surat.make(
        tracker,
        record.nomor,
        jenis,
        office if office is not None else catalogue.office,
        catalogue,
        letter_format=settings.letter_format,
        letter_format_atasan=settings.letter_format_atasan,
        templates=settings.letter_templates,
        oleh=oleh,
        today=tracker.today(),
        preview=preview,
    )


# --- the letter in the page ------------------------------------------------------------------

Runs = list[tuple[str, bool]]  # (text, bold)


def _lines(text: str) -> list[Runs]:
    """A text of the Markdown subset as lines of runs, `**bold**` marked, `\\*` a star."""
    out: list[Runs] = []
    for line in text.split("\n"):
        runs: Runs = []
        at = 0
        for m in BOLD.finditer(line):
            if m.start() > at:
                runs.append((line[at : m.start()].replace(STAR, "*"), False))
            runs.append((m.group(1).replace(STAR, "*"), True))
            at = m.end()
        if at < len(line):
            runs.append((line[at:].replace(STAR, "*"), False))
        out.append(runs)
    return out


def blocks(doc: dokumen.Document) -> list[dict[str, Any]]:
    """The letter's blocks for the page template (text only: escaped by the template)."""
    out: list[dict[str, Any]] = []
    for b in doc.blocks:
        if isinstance(b, dokumen.Kop):
            out.append({"jenis": "kop", "nama": b.nama, "alamat": b.alamat, "kontak": b.kontak})
        elif isinstance(b, dokumen.KepalaSurat):
            out.append({"jenis": "paragraf", "baris": _lines(b.tempat_tanggal)})
            out.append({"jenis": "isian", "baris": [(_lines(k), _lines(v)) for k, v in b.rows]})
        elif isinstance(b, dokumen.Heading):
            out.append({"jenis": "judul", "tingkat": b.level, "baris": _lines(b.text)})
        elif isinstance(b, dokumen.Section):
            out.append({"jenis": "bagian", "baris": _lines(b.text)})
        elif isinstance(b, dokumen.Para):
            out.append({"jenis": "paragraf", "baris": _lines(b.text)})
        elif isinstance(b, dokumen.Fields):
            out.append({"jenis": "isian", "baris": [(_lines(k), _lines(v)) for k, v in b.rows]})
        elif isinstance(b, dokumen.Items):
            out.append(
                {
                    "jenis": "butir",
                    "huruf": b.letters,
                    "butir": [_lines(i) for i in b.items],
                }
            )
        elif isinstance(b, dokumen.Grid):
            out.append(
                {
                    "jenis": "tabel",
                    "judul": b.title,
                    "kepala": [_lines(h) for h in b.header],
                    "baris": [[_lines(c) for c in row] for row in b.rows],
                }
            )
        elif isinstance(b, dokumen.Signature):
            out.append(
                {
                    "jenis": "ttd",
                    "tempat_tanggal": b.tempat_tanggal,
                    "jabatan": b.jabatan.split("\n"),
                    "nama": b.nama,
                    "nip": b.nip,
                }
            )
        elif isinstance(b, dokumen.Chart):
            out.append(
                {
                    "jenis": "tabel",
                    "judul": b.title,
                    "kepala": [[[("", False)]], [[(b.value_label, False)]]],
                    "baris": [
                        [_lines(label), _lines(str(v))]
                        for label, v in zip(b.labels, b.values, strict=True)
                    ],
                }
            )
    return out


# --- the letter by mail ------------------------------------------------------------------------


def message(
    smtp: Smtp, office: str, record: Record, letter: surat.Surat, pdf: bytes
) -> EmailMessage:
    """The letter to the requester (the record's own validated address), its PDF attached.
    ValueError when a header cannot carry what it is given."""
    kind = surat.JENIS[letter.jenis]
    msg = EmailMessage()
    msg["Subject"] = f"{kind.judul} nomor {letter.nomor} ({record.jenis} {record.nomor})"
    msg["From"] = smtp.sender
    msg["To"] = str(record.data.get("email") or "")
    if smtp.desk:
        msg["Reply-To"] = smtp.desk
    msg.set_content(
        f"Yth. {record.data.get('nama') or 'Pemohon'},\n\n"
        f"Bersama surel ini kami sampaikan {kind.judul.lower()} nomor {letter.nomor} "
        f"tanggal {format_date(letter.tanggal)} atas {record.jenis} Anda nomor "
        f"{record.nomor}. Suratnya terlampir sebagai berkas PDF.\n\n"
        f"Hormat kami,\nPPID {office}\n"
    )
    msg.add_attachment(
        pdf,
        maintype="application",
        subtype="pdf",
        filename=f"{letter.file_stem(record)}.pdf",
    )
    return msg
