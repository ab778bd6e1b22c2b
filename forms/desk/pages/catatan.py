"""A record's page (/meja/r/<id>): every field, the deadline and why, the timeline, internal
notes, the identity documents (viewed in the page, each view recorded), and the actions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms.desk import actions, berkas, letters, notify
from forms.desk.web import (
    Staff,
    deny,
    desk_of,
    form,
    now,
    page,
    redirect,
    refused,
    scoped_record,
    staff,
    stored_file,
)
from forms.http.errors import LABELS
from forms.store import tables as store
from forms.tracker import Record
from forms.vocab import TrackerError
from site_builder.text import sentence


def record_for(request: Request, who: Staff) -> Record:
    """The record of the URL, if this person may see it: of their office (another office's
    is a 404, forms/desk/scope.py), and for a pelaksana only their units'."""
    record = scoped_record(request, who, int(request.path_params["id"]))
    if who.can("lihat_semua"):
        return record
    if who.can("lihat_unit") and _unit(record) in who.account.unit:
        return record
    deny(request, who, "lihat_semua")
    raise AssertionError  # deny() always raises


def _choices(request: Request, who: Staff) -> dict[str, list[tuple[str, str]]]:
    desk = desk_of(request)
    people = [
        (a.label, f"{a.nama} ({', '.join(desk.roles.label(p) for p in a.peran)})")
        for a in desk.accounts.all(who.kantor)  # a record is assigned within its office
        # whoever processes records may be assigned one (roles file: the `proses` permission)
        if a.aktif and "proses" in desk.roles.permissions(a.peran)
    ]
    cat = desk.catalogue()
    entries = (
        [(e.slug, f"{e.judul} ({e.slug})") for e in cat.entries if e.uji_konsekuensi is not None]
        if cat is not None
        else []
    )
    return {"pengguna": people, "unit": desk.units(), "entri": entries}


def _rows(conn: Connection, table: sa.Table, record: Record) -> list[dict[str, Any]]:
    """A record's rows of a desk table (uploads, internal notes, drafts), oldest first."""
    c = table.c
    found = conn.execute(sa.select(table).where(c.record_id == record.id).order_by(c.id))
    return [dict(r) for r in found.mappings()]


def _uploads(request: Request, record: Record) -> list[dict[str, Any]]:
    with desk_of(request).tracker.engine.connect() as conn:
        return _rows(conn, store.uploads, record)


def show(
    request: Request,
    who: Staff,
    record: Record,
    status: int = 200,
    problem: tuple[str, str, str] | None = None,  # (action, field, message)
    posted: dict[str, Any] | None = None,
    lihat: str = "",
) -> Response:
    desk = desk_of(request)
    tracker = desk.tracker_for(who.kantor)
    today = tracker.today()
    deadline = tracker.deadline(record)
    allowed = [
        a.code
        for a in actions.actions_for(record.jenis)
        if (perm := desk.roles.needed(record.jenis, a.code)) and who.can(perm)
    ]
    parent = tracker.get_by_id(record.induk_id) if record.induk_id else None
    local = tracker.clock.local
    with tracker.engine.connect() as conn:
        uploads = _rows(conn, store.uploads, record)
        notes = [
            {**n, "waktu": local(n["waktu"])} for n in _rows(conn, store.catatan_internal, record)
        ]
        drafts = [{**d, "waktu": local(d["waktu"])} for d in _rows(conn, store.draf, record)]
        r = store.records.c
        children = (
            conn.execute(  # its objections: number and state are all the page shows
                sa.select(r.id, r.nomor, r.status)
                .where(r.induk_id == record.id, r.kantor == who.kantor)
                .order_by(r.id)
            )
            .mappings()
            .all()
        )
    return page(
        request,
        who,
        "catatan.html",
        status,
        r=record,
        deadline=deadline,
        penjelasan=deadline.explain().splitlines(),
        terlambat=tracker.is_overdue(record, today),
        sisa=tracker.calendar.days_left(today, deadline.due),
        kelengkapan=tracker.completion_deadline(record),
        lewat_kelengkapan=tracker.past_completion(record, today),
        parent=parent,
        children=children,
        offered=actions.offered(record, allowed),
        choices=_choices(request, who),
        problem=problem,
        posted=posted or {},
        uploads=uploads,
        doc_labels=berkas.LABELS,
        notes=notes,
        drafts=drafts,
        prefill=_prefill(drafts),
        letters=letters.offers(desk.roles, who.account, record) if who.can("surat") else [],
        labels=LABELS,
        clock=tracker.clock,
        lihat=lihat,
        unit=_unit(record),
    )


def _prefill(drafts: list[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """The decision form starts from the unit's answer the PPID approved (the newest one):
    "Informasi yang diberikan" is what the letter says was given, and retyping it is where
    the answer and the letter would part."""
    approved = [d for d in drafts if d["status"] == "disetujui"]
    return {"putuskan": {"diberikan": [str(approved[-1]["isi"])]}} if approved else {}


def _unit(record: Record) -> str | None:
    disposed = record.last("didisposisikan")
    return str(disposed.isi.get("unit")) if disposed is not None else None


async def catatan(request: Request) -> Response:
    who = staff(request)
    record = await run_in_threadpool(record_for, request, who)
    lihat = request.query_params.get("lihat", "")[:12]
    return await run_in_threadpool(show, request, who, record, 200, None, None, lihat)


async def tindakan(request: Request) -> Response:
    """One action on the record, with the same rules and messages as the CLI."""
    who = staff(request)
    desk = desk_of(request)
    data = await form(request, who)
    record = record_for(request, who)
    code = request.path_params["aksi"]
    action = actions.find(record.jenis, code)
    permission = desk.roles.needed(record.jenis, code)
    if action is None or permission is None:
        raise refused(404, f"Tindakan '{code[:40]}' tidak dikenal untuk {record.jenis}")
    if not who.can(permission):
        deny(request, who, permission)
    posted: dict[str, Any] = {k: data.getlist(k) for k in data if k != "_csrf"}
    choices = {k: [c for c, _ in v] for k, v in _choices(request, who).items()}
    try:
        isi = actions.parse(action, posted, choices)
        if isi.get("entri"):
            _exempted(request, isi["entri"])
        result = await run_in_threadpool(
            desk.tracker_for(who.kantor).act, record.nomor, code, who.account.label, **isi
        )
    except actions.FieldProblem as p:
        return show(request, who, record, 422, (code, p.field, p.message), posted)
    except TrackerError as exc:
        desk.audit.write(
            who.account.nama_pengguna,
            who.alamat,
            "tindakan_ditolak",
            record.nomor,
            aksi=code,
            alasan=str(exc)[:300],
        )
        message = sentence(exc)
        return show(request, who, record, 422, (code, "", message), posted)
    desk.audit.write(who.account.nama_pengguna, who.alamat, "tindakan", record.nomor, aksi=code)
    if code == "disposisi":
        await run_in_threadpool(_notify_unit, request, who, result, str(isi.get("unit", "")))
    return redirect(f"/meja/r/{record.id}?ok={code}#linimasa")


def _exempted(request: Request, slug: str) -> None:
    cat = desk_of(request).catalogue()
    entry = next((e for e in cat.entries if e.slug == slug), None) if cat is not None else None
    if entry is None or entry.uji_konsekuensi is None:
        raise actions.FieldProblem("entri", f"'{slug[:60]}' bukan entri DIP yang dikecualikan")


def _notify_unit(request: Request, who: Staff, record: Record, unit: str) -> None:
    """Tell the unit's pelaksana (of the record's office) by mail that a record was disposed
    to them."""
    desk = desk_of(request)
    people = desk.accounts.with_role("pelaksana", unit, who.kantor)
    notify.disposed(desk.settings, desk.office_name, record, unit, people)


async def catatan_internal(request: Request) -> Response:
    """An internal note: for staff only, never shown to the requester, never published."""
    who = staff(request, "catat")
    desk = desk_of(request)
    data = await form(request, who)
    record = record_for(request, who)
    text = str(data.get("isi", "")).strip()
    if not text or len(text) > 5000:
        return show(
            request,
            who,
            record,
            422,
            (
                "catatan_internal",
                "isi",
                "Catatan internal wajib diisi (paling banyak 5000 karakter)",
            ),
            {"isi": [text]},
        )
    with store.transaction(desk.tracker.engine) as conn:
        conn.execute(
            store.catatan_internal.insert().values(
                record_id=record.id, pengguna=who.account.label, waktu=now(), isi=text
            )
        )
    return redirect(f"/meja/r/{record.id}#catatan-internal")


async def dokumen(request: Request) -> Response:
    """An identity document, for the roles that may open it; every view is recorded."""
    who = staff(request, "lihat_identitas")
    desk = desk_of(request)
    record = record_for(request, who)
    uid = int(request.path_params["uid"])
    found = next((u for u in _uploads(request, record) if u["id"] == uid), None)
    if found is None:
        raise refused(404, "Dokumen tidak ditemukan pada catatan ini")
    response = stored_file(desk.settings, found)
    desk.audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "dokumen_dilihat",
        record.nomor,
        dokumen=found["field"],
        unggahan=uid,
    )
    return response


ROUTES = [
    Route("/r/{id:int}", catatan, methods=["GET"]),
    Route("/r/{id:int}/tindakan/{aksi}", tindakan, methods=["POST"]),
    Route("/r/{id:int}/catatan-internal", catatan_internal, methods=["POST"]),
    Route("/r/{id:int}/dokumen/{uid:int}", dokumen, methods=["GET"]),
]
