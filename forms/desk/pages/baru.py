"""Desk entry (/meja/baru): a permohonan or keberatan that came by letter, in person, by
telephone, e-mail, fax or WhatsApp, registered with the rules of the public forms
(forms/intake/validation.py) and of `ppid permohonan|keberatan baru` (the date received,
the objection window, the class of information)."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms import vocab
from forms.desk import berkas
from forms.desk.web import Staff, desk_of, form, page, redirect, staff
from forms.intake import submission as intake
from forms.intake import validation
from forms.intake.validation import FieldError
from forms.tracker import Record, Tracker
from forms.vocab import NotFound, TrackerError
from site_builder.layanan import (
    ALASAN_KEBERATAN,
    CARA_MEMPEROLEH,
    CARA_SALINAN,
    JENIS_PEMOHON,
)
from site_builder.text import sentence

KINDS = ("permohonan", "keberatan")
CHANNELS = tuple(s for s in vocab.SALURAN if s != "daring")  # daring: the public forms only
FILES = berkas.LABELS
# Rules of the public forms that do not apply at the desk: the privacy consent is the
# website's (a letter carries none), and the status code proves an objection online only
# (at the desk the officer sees the person or their letter and surat kuasa).
NOT_AT_DESK = {"persetujuan", "kode"}


def _kelas(tracker: Tracker) -> list[tuple[str, str]]:
    periods = tracker.periods
    return [(k, periods.kelas[k].nama) for k in periods.active]


def _form(
    request: Request,
    who: Staff,
    jenis: str,
    posted: dict[str, list[str]] | None = None,
    errors: list[FieldError] | None = None,
    status: int = 200,
) -> Response:
    desk = desk_of(request)
    tracker = desk.tracker_for(who.kantor)
    bad: dict[str, str] = {}
    for e in errors or []:
        bad.setdefault(e.field, e.message)
    return page(
        request,
        who,
        "baru.html",
        status,
        jenis=jenis,
        posted=posted or {"diterima": [tracker.today().isoformat()]},
        bad=bad,
        channels=[(c, vocab.SALURAN_LABEL[c]) for c in CHANNELS],
        jenis_pemohon=list(JENIS_PEMOHON.items()),
        cara_memperoleh=list(CARA_MEMPEROLEH.items()),
        cara_salinan=list(CARA_SALINAN.items()),
        alasan=list(ALASAN_KEBERATAN.items()),
        kelas=_kelas(tracker),
        kelas_bawaan=tracker.periods.bawaan,
        files=FILES,
    )


async def baru(request: Request) -> Response:
    who = staff(request, "daftar_baru")
    desk = desk_of(request)
    tracker = desk.tracker_for(who.kantor)  # an objection's request: of this office only
    if request.method == "GET":
        jenis = request.query_params.get("jenis", "permohonan")
        return _form(request, who, jenis if jenis in KINDS else "permohonan")
    data = await form(request, who, max_files=len(FILES) + 1)
    jenis = str(data.get("jenis", ""))
    if jenis not in KINDS:
        jenis = "permohonan"
    posted = _posted(data)
    limit = desk.settings.limits.file_bytes
    try:
        files, errors, _names = await berkas.staged(data, tuple(FILES), limit)
    finally:
        await data.close()  # the spooled temporary files
    twice = [f for f in FILES if sum(s.field == f for s in files) > 1]
    errors += [FieldError(f, "TOO_MANY_FILES", "Lampirkan satu berkas saja") for f in twice]
    uploaded = {f.field for f in files}
    record_data, judul, errors2, extra = await run_in_threadpool(
        _checked, tracker, jenis, posted, uploaded
    )
    errors += errors2
    if errors:
        return _form(request, who, jenis, posted, errors, 422)
    rows = await run_in_threadpool(intake.store_files, files, desk.settings.upload_dir)
    try:
        filed = await run_in_threadpool(
            lambda: tracker.file(
                jenis,
                judul,
                record_data,
                saluran=extra["saluran"],
                diterima=extra["diterima"],
                oleh=who.account.label,
                lengkap=extra["lengkap"],
                induk_nomor=extra["induk"],
                uploads=rows,
            )
        )
    except TrackerError as exc:
        berkas.remove(rows, desk.settings.upload_dir)
        field = "kelas" if "kelas" in str(exc) else "nomor_permohonan"
        message = sentence(exc)
        return _form(request, who, jenis, posted, [FieldError(field, "TYPE_TEXT", message)], 422)
    except BaseException:
        berkas.remove(rows, desk.settings.upload_dir)
        raise
    desk.audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "daftar_baru",
        filed.record.nomor,
        jenis=jenis,
        saluran=extra["saluran"],
        berkas=len(rows),
    )
    return redirect(f"/meja/r/{filed.record.id}?baru=1")


def _posted(data: FormData) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in data.multi_items():
        if key == "_csrf" or isinstance(value, UploadFile):
            continue
        out.setdefault(key, []).append(str(value))
    return out


def _one(posted: dict[str, list[str]], name: str) -> str:
    return (posted.get(name) or [""])[0].strip()


def _checked(
    tracker: Tracker, jenis: str, posted: dict[str, list[str]], uploaded: set[str]
) -> tuple[dict[str, Any], str, list[FieldError], dict[str, Any]]:
    """The record's data and title, every problem, and how it is filed (channel, day,
    complete, parent): nothing is written here."""
    errors: list[FieldError] = []
    saluran = _one(posted, "saluran")
    if saluran not in CHANNELS:
        errors.append(FieldError("saluran", "REQUIRED_FIELD_EMPTY", "Pilih saluran masuknya"))
    day = _day(_one(posted, "diterima"), tracker.today(), errors)
    diperiksa = bool(_one(posted, "identitas_diperiksa"))
    if jenis == "permohonan":
        data, found = validation.permohonan(posted, uploaded)
    else:
        data, found = validation.keberatan(posted, uploaded)
        data["jenis_pemohon"] = _one(posted, "jenis_pemohon") or "perorangan"
        if data["jenis_pemohon"] not in JENIS_PEMOHON:
            errors.append(FieldError("jenis_pemohon", "TYPE_TEXT", "Jenis pemohon tidak dikenal"))
        nik = _one(posted, "nik")
        if nik:
            digits, problem = validation.nik_problem(nik)
            if problem:
                errors.append(FieldError("nik", "TYPE_NUMERIC", f"NIK harus 16 angka; {problem}"))
            data["nik"] = digits
        if not data["alamat"]:
            errors.append(FieldError("alamat", "REQUIRED_FIELD_EMPTY", "Alamat wajib diisi"))
        data["pekerjaan"] = _one(posted, "pekerjaan")
    errors += [e for e in found if e.field not in NOT_AT_DESK]
    for key in NOT_AT_DESK:
        data.pop(key, None)
    data["identitas_diperiksa"] = diperiksa
    if "pindaian" in uploaded:
        data["pindaian"] = True
    extra: dict[str, Any] = {"saluran": saluran, "diterima": day, "induk": None, "lengkap": True}
    judul = ""
    if jenis == "permohonan":
        kelas = _one(posted, "kelas")
        if kelas and kelas not in tracker.periods.active:
            errors.append(FieldError("kelas", "TYPE_TEXT", "Kelas informasi tidak dikenal"))
        elif kelas:
            data["kelas"] = kelas
        if diperiksa:  # the officer saw the originals: nothing is missing
            data["kurang"] = []
            data["dokumen_identitas"] = True
        extra["lengkap"] = not data["kurang"]
        judul = " ".join(str(data["rincian_informasi"]).split())[:200]
    elif day is not None and not {"nomor_permohonan", "alasan"} & {e.field for e in errors}:
        judul = _objection(tracker, data, posted, day, errors, extra)
    return data, judul, errors, extra


def _day(text: str, today: date, errors: list[FieldError]) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        errors.append(
            FieldError("diterima", "TYPE_DATE", "Tanggal diterima wajib diisi (TTTT-BB-HH)")
        )
        return None
    problem = validation.received_problem(day, today)
    if problem:
        errors.append(FieldError("diterima", "TYPE_DATE", f"Tanggal diterima: {problem}"))
        return None
    return day


def _objection(
    tracker: Tracker,
    data: dict[str, Any],
    posted: dict[str, list[str]],
    day: date,
    errors: list[FieldError],
    extra: dict[str, Any],
) -> str:
    """The objection's parent and window, as `ppid keberatan baru` checks them."""
    nomor = str(data["nomor_permohonan"])
    late = _one(posted, "alasan_terlambat")
    try:
        if nomor:  # a full number, or this year's sequence number as the CLI takes it
            nomor = tracker.resolve("permohonan", nomor)
        parent: Record | None = tracker.check_objection(nomor, data["alasan"], day, terlambat=late)
    except NotFound as exc:
        errors.append(FieldError("nomor_permohonan", "TYPE_TEXT", sentence(exc)))
        return ""
    except TrackerError as exc:
        field = "alasan_terlambat" if "paling lambat" in str(exc) else "nomor_permohonan"
        message = sentence(exc)
        if field == "alasan_terlambat":
            message += "; bila tetap dicatat, isi alasan keterlambatannya"
        errors.append(FieldError(field, "TYPE_TEXT", message))
        return ""
    judul, late_terms = tracker.objection_terms(parent, data["alasan"], day, late)
    data.update(late_terms)
    data["nomor_permohonan"] = parent.nomor if parent is not None else ""
    extra["induk"] = parent.nomor if parent is not None else None
    return judul


ROUTES = [Route("/baru", baru, methods=["GET", "POST"])]
