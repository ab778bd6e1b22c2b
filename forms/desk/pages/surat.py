"""A record's letters (/meja/r/<id>/surat/<jenis>): shown in the page, downloaded as PDF or
DOCX, and sent to the requester by e-mail with the PDF attached.

A letter is made as `ppid surat` makes it (forms/surat.py `make`). Opening it only shows it
(a letter not issued yet with the provisional number "-"); its number is taken and put on
the timeline by a POST, "Terbitkan" or "Kirim", so no link, prefetch or other site can use up
a number. Every later view, download or mail gives the same number, date and details. Only
an issued letter is downloaded. Who may make which letter: forms/desk/letters.py.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms import mail, surat
from forms.desk import letters
from forms.desk.pages.catatan import record_for
from forms.desk.web import Staff, deny, desk_of, form, page, redirect, refused, staff
from forms.settings import SettingsError
from forms.tracker import Record
from forms.vocab import TrackerError
from site_builder import dokumen

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SIGNER = {"putuskan_permohonan": "PPID", "putuskan_keberatan": "atasan PPID"}


def _target(request: Request, who: Staff, jenis: str) -> Record:
    """The record of the URL and a letter kind this person may make for it."""
    desk = desk_of(request)
    record = record_for(request, who)
    if jenis not in surat.JENIS:
        raise refused(
            404, f"Jenis surat '{jenis[:40]}' tidak dikenal; pilihan: {', '.join(surat.JENIS)}"
        )
    if not letters.may_make(desk.roles, who.account, jenis):
        signs = letters.signer_permission(jenis)
        deny(
            request,
            who,
            signs,
            f"Peran Anda tidak mengizinkan membuat atau mengirim surat {jenis}: surat ini "
            f"ditandatangani {SIGNER[signs]} dan disiapkan petugas layanan informasi",
        )
    return record


def _make(
    request: Request, who: Staff, record: Record, jenis: str, preview: bool = False
) -> tuple[Record, surat.Surat]:
    desk = desk_of(request)
    catalogue = desk.catalogue()
    if catalogue is None:
        raise refused(
            503,
            "Data DIP tidak dapat dibaca, sehingga kop dan penandatangan surat tidak "
            "diketahui; jalankan 'ppid check' lalu perbaiki dip/badan-publik.yml",
        )
    try:
        office = desk.profile_of(record.kantor)
    except SettingsError as exc:
        raise refused(503, f"Kop dan penandatangan surat tidak diketahui: {exc}") from exc
    try:
        return letters.make(
            desk.tracker_for(who.kantor),
            desk.settings,
            catalogue,
            record,
            jenis,
            who.account.label,
            preview,
            office,
        )
    except surat.SuratError as exc:
        text = str(exc)
        raise refused(409, f"Surat {jenis} belum dapat dibuat: {text}") from exc


def _why_not_sent(request: Request, record: Record) -> str:
    """Why this letter cannot be sent by e-mail from here, or ''."""
    desk = desk_of(request)
    if desk.settings.smtp is None:
        return (
            "Surel keluar belum diatur (PPID_SMTP_HOST), sehingga surat tidak dapat dikirim "
            "dari meja layanan; unduh PDF-nya dan kirimkan dengan cara lain"
        )
    if not record.data.get("email"):
        return (
            f"{record.jenis.capitalize()} ini tidak mencantumkan alamat surel pemohon; "
            "unduh PDF-nya dan kirimkan lewat pos atau serahkan langsung"
        )
    return ""


def _stem(letter: surat.Surat, record: Record) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "-", letter.file_stem(record))


def _show(
    request: Request,
    who: Staff,
    record: Record,
    letter: surat.Surat,
    status: int = 200,
    problem: str = "",
) -> Response:
    sent = [
        e
        for e in record.events
        if e.jenis == "surat_dikirim" and e.isi.get("jenis") == letter.jenis
    ]
    return page(
        request,
        who,
        "surat.html",
        status,
        r=record,
        letter=letter,
        judul=surat.JENIS[letter.jenis].judul,
        blocks=letters.blocks(letter.document),
        why_not=_why_not_sent(request, record),
        sent=sent,
        clock=desk_of(request).tracker_for(who.kantor).clock,
        problem=problem,
        ok=request.query_params.get("ok") == "terkirim",
    )


async def lihat(request: Request) -> Response:
    """The letter in the page (or, for <jenis>.pdf / <jenis>.docx, as a file)."""
    who = staff(request, "surat")
    name = str(request.path_params["berkas"])
    jenis, dot, ext = name.rpartition(".")
    if not dot or ext not in TYPES:
        jenis, ext = name, ""
    record = await run_in_threadpool(_target, request, who, jenis)
    record, letter = await run_in_threadpool(_make, request, who, record, jenis, True)
    if not ext:
        return _show(request, who, record, letter)
    if letters.issued(record, jenis) is None:
        raise refused(
            409,
            f'Surat {jenis} belum diterbitkan; buka suratnya lalu pilih "Terbitkan" agar '
            "bernomor sebelum diunduh",
        )
    return await run_in_threadpool(_file, request, who, record, letter, ext)


async def terbitkan(request: Request) -> Response:
    """Issue the letter: its number taken once and put on the timeline."""
    who = staff(request, "surat")
    await form(request, who)
    jenis = str(request.path_params["jenis"])
    record = await run_in_threadpool(_target, request, who, jenis)
    await run_in_threadpool(_make, request, who, record, jenis)
    return redirect(f"/meja/r/{record.id}/surat/{jenis}")


def _file(request: Request, who: Staff, record: Record, letter: surat.Surat, ext: str) -> Response:
    if ext == "pdf":
        body = dokumen.to_pdf(letter.document)
    else:
        body = dokumen.to_docx(
            letter.document, datetime.combine(letter.tanggal, datetime.min.time(), UTC)
        )
    desk_of(request).audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "unduh",
        record.nomor,
        berkas=f"{letter.jenis}.{ext}",
        nomor_surat=letter.nomor,
    )
    return Response(
        body,
        media_type=TYPES[ext],
        headers={
            "Content-Disposition": f'attachment; filename="{_stem(letter, record)}.{ext}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


async def kirim(request: Request) -> Response:
    """Send the letter to the requester's address, the PDF attached; recorded on the
    timeline and in the audit log only once the mail server has accepted it."""
    who = staff(request, "surat")
    desk = desk_of(request)
    await form(request, who)
    jenis = str(request.path_params["jenis"])
    record = await run_in_threadpool(_target, request, who, jenis)
    why_not = _why_not_sent(request, record)
    if why_not:  # nothing can be sent: no number is taken for it either
        record, letter = await run_in_threadpool(_make, request, who, record, jenis, True)
        return _show(request, who, record, letter, 409, why_not + ". Surat belum dikirim.")
    record, letter = await run_in_threadpool(_make, request, who, record, jenis)
    smtp = desk.settings.smtp
    assert smtp is not None  # _why_not_sent said so

    def send() -> None:
        pdf = dokumen.to_pdf(letter.document)
        mail.deliver(smtp, [letters.message(smtp, desk.office_name, record, letter, pdf)])

    try:
        await run_in_threadpool(send)
    except (mail.MailError, ValueError) as exc:
        desk.audit.write(
            who.account.nama_pengguna,
            who.alamat,
            "surat_gagal",
            record.nomor,
            jenis=jenis,
            nomor_surat=letter.nomor,
            alasan=str(exc)[:300],
        )
        return _show(
            request,
            who,
            record,
            letter,
            502,
            f"Surat belum terkirim: {exc}. Tidak ada yang dicatat sebagai terkirim; coba "
            "lagi nanti atau hubungi pengelola server surel",
        )
    try:
        await run_in_threadpool(
            desk.tracker_for(who.kantor).act,
            record.nomor,
            "kirim_surat",
            who.account.label,
            jenis=jenis,
        )
    except TrackerError as exc:  # the mail went out: say so, and keep it in the audit log
        problem = (
            f"Surat sudah terkirim ke pemohon, tetapi belum tercatat di linimasa: {exc}. "
            "Tambahkan catatan di linimasa bahwa surat ini sudah dikirim"
        )
        _audit_sent(request, who, record, letter, problem)
        return _show(request, who, record, letter, 409, problem)
    _audit_sent(request, who, record, letter)
    return redirect(f"/meja/r/{record.id}/surat/{jenis}?ok=terkirim")


def _audit_sent(
    request: Request, who: Staff, record: Record, letter: surat.Surat, problem: str = ""
) -> None:
    isi: dict[str, Any] = {"jenis": letter.jenis, "nomor_surat": letter.nomor}
    if problem:
        isi["catatan"] = problem[:300]
    desk_of(request).audit.write(
        who.account.nama_pengguna, who.alamat, "surat_dikirim", record.nomor, **isi
    )


ROUTES = [
    Route("/r/{id:int}/surat/{berkas}", lihat, methods=["GET"]),
    Route("/r/{id:int}/surat/{jenis}/terbitkan", terbitkan, methods=["POST"]),
    Route("/r/{id:int}/surat/{jenis}/kirim", kirim, methods=["POST"]),
]
