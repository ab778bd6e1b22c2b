"""The tanda bukti a requester prints from the thank-you page: a PDF made when asked for.

It shows what the requester was told when the submission was received: the registration
number, the day received and the deadline (both the office's dates), and what was asked or
objected to. Never the status code (it proves who the requester is, and a printout is left
lying around), never NIK, address, telephone or e-mail.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from site_builder import dokumen
from site_builder.dates import format_date
from site_builder.layanan import ALASAN_KEBERATAN, CARA_MEMPEROLEH

if TYPE_CHECKING:
    from forms.tracker import Record
    from site_builder.dip.model import Office

JUDUL = {
    "permohonan": "Tanda Bukti Penerimaan Permohonan Informasi Publik",
    "keberatan": "Tanda Bukti Penerimaan Keberatan",
}


def document(
    record: Record,
    tenggat: date,
    office_name: str,
    office: Office | None = None,
    status_url: str = "",
    induk: str = "",
) -> dokumen.Document:
    """The tanda bukti of one record, as blocks (site_builder.dokumen)."""
    doc = dokumen.Document(f"{JUDUL[record.jenis]} {record.nomor}")
    if office is not None:
        doc.blocks.append(dokumen.kop(office))
    else:
        doc.blocks.append(dokumen.Heading(office_name, 2))
    doc.blocks.append(dokumen.Heading(JUDUL[record.jenis].upper()))
    rows: list[tuple[str, str]] = [
        ("Nomor pendaftaran", record.nomor),
        ("Tanggal diterima", format_date(record.diterima, True)),
        ("Diterima melalui", "formulir daring" if record.saluran == "daring" else "desk layanan"),
        ("Nama", str(record.data.get("nama", ""))),
    ]
    if record.jenis == "permohonan":
        rows.append(("Informasi yang diminta", str(record.data.get("rincian_informasi", ""))))
        cara = CARA_MEMPEROLEH.get(str(record.data.get("cara_memperoleh", "")), "")
        if cara:
            rows.append(("Cara memperoleh informasi", cara))
        rows.append(("Tenggat jawaban", format_date(tenggat, True)))
    else:
        if induk:
            rows.append(("Permohonan yang diajukan keberatan", induk))
        alasan = [f"{a}. {ALASAN_KEBERATAN[a]}" for a in record.data.get("alasan", [])]
        rows.append(("Alasan keberatan", "; ".join(alasan)))
        rows.append(("Tenggat tanggapan atasan PPID", format_date(tenggat, True)))
    doc.blocks.append(dokumen.Fields(tuple(rows)))
    where = f" di {status_url}" if status_url else ""
    doc.blocks.append(
        dokumen.Para(
            f"Tenggat dihitung dalam hari kerja. Pantau perkembangan {record.jenis} Anda melalui "
            f"Cek status{where} dengan nomor pendaftaran dan kode status Anda. Kode status "
            "tidak dimuat di tanda bukti ini; simpan kode itu sendiri."
        )
    )
    doc.blocks.append(
        dokumen.Para(
            f"Tanda bukti ini dibuat otomatis oleh layanan daring PPID {office_name} dari "
            "catatan kiriman Anda."
        )
    )
    return doc


def pdf(
    record: Record,
    tenggat: date,
    office_name: str,
    office: Office | None = None,
    status_url: str = "",
    induk: str = "",
) -> bytes:
    """The tanda bukti as a PDF (deterministic: the same record, the same bytes)."""
    return dokumen.to_pdf(document(record, tenggat, office_name, office, status_url, induk))
