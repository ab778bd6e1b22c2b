"""A unit's draft answer on a record (shown by _draf.html on the record page): the pelaksana
of the unit the request is disposed to writes it and attaches documents; the PPID approves
it or sends it back with a note. Each step goes on the timeline (Tracker.act "draf")."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms.desk import berkas
from forms.desk.pages.catatan import _unit, record_for, show
from forms.desk.web import Staff, deny, desk_of, form, redirect, refused, staff, stored_file
from forms.intake import submission as intake
from forms.store import tables as store
from forms.tracker import Record
from forms.vocab import TrackerError
from site_builder.text import sentence

MAX_FILES = 5
MAX_TEXT = 20_000


def _bound(request: Request, who: Staff, record: Record) -> str:
    """The unit the record is disposed to, when this person is that unit's pelaksana."""
    unit = _unit(record)
    if unit is None or unit not in who.account.unit:
        deny(request, who, "draf_tulis")
    assert unit is not None
    return unit


def _draft(request: Request, record: Record) -> dict[str, Any]:
    desk = desk_of(request)
    c = store.draf.c
    with desk.tracker.engine.connect() as conn:
        row = store.one(
            conn,
            sa.select(store.draf).where(
                c.id == int(request.path_params["draf"]), c.record_id == record.id
            ),
        )
    if row is None:
        raise refused(404, "Draf tidak ditemukan pada catatan ini")
    return dict(row)


async def tulis(request: Request) -> Response:
    """A new draft from the unit: text and attachments, status `diajukan`."""
    who = staff(request, "draf_tulis")
    desk = desk_of(request)
    data = await form(request, who, max_files=MAX_FILES + 1)
    try:
        text = str(data.get("isi", "")).strip()
        files, errors, names = await berkas.staged(
            data, ("lampiran",), desk.settings.limits.file_bytes
        )
    finally:
        await data.close()  # the spooled temporary files
    record = await run_in_threadpool(record_for, request, who)
    unit = _bound(request, who, record)
    posted = {"isi": [text]}
    if not text or len(text) > MAX_TEXT:
        message = f"Isi draf jawaban wajib diisi (paling banyak {MAX_TEXT} karakter)"
        return show(request, who, record, 422, ("draf", "isi", message), posted)
    if errors or len(files) > MAX_FILES:
        message = errors[0].message if errors else f"Paling banyak {MAX_FILES} lampiran"
        return show(request, who, record, 422, ("draf", "lampiran", message), posted)
    rows = await run_in_threadpool(intake.store_files, files, desk.settings.upload_dir)
    lampiran = [{**row, "nama": name} for row, name in zip(rows, names, strict=True)]

    def add(conn: Connection) -> dict[str, Any]:  # the draft and its event: one transaction
        made = conn.execute(
            store.draf.insert().values(
                record_id=record.id,
                unit=unit,
                pengguna=who.account.label,
                waktu=datetime.now(UTC),
                isi=text,
                lampiran=lampiran,
                status="diajukan",
                catatan=None,
            )
        ).inserted_primary_key
        assert made is not None
        return {"draf": made[0]}

    try:
        done = await run_in_threadpool(
            functools.partial(
                desk.tracker_for(who.kantor).act,
                record.nomor,
                "draf",
                who.account.label,
                within=add,
                tahap="diajukan",
                unit=unit,
                lampiran=len(lampiran),
            )
        )
    except BaseException as exc:
        berkas.remove(rows, desk.settings.upload_dir)  # nothing of it was stored
        if isinstance(exc, TrackerError):
            message = sentence(exc)
            return show(request, who, record, 422, ("draf", "", message), posted)
        raise
    event = done.last("draf")
    draft_id = event.isi["draf"] if event is not None else None
    desk.audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "draf",
        record.nomor,
        tahap="diajukan",
        draf=draft_id,
        lampiran=len(lampiran),
    )
    return redirect(f"/meja/r/{record.id}?ok=draf#draf")


async def putus(request: Request) -> Response:
    """The PPID approves a submitted draft, or sends it back with a note for the unit."""
    who = staff(request, "draf_setujui")
    desk = desk_of(request)
    if request.path_params["langkah"] not in ("setujui", "kembalikan"):
        raise refused(404, "Langkah draf tidak dikenal (setujui atau kembalikan)")
    data = await form(request, who)
    record = await run_in_threadpool(record_for, request, who)
    draft = _draft(request, record)
    tahap = "disetujui" if request.path_params["langkah"] == "setujui" else "dikembalikan"
    where = f"draf-{draft['id']}"
    note = str(data.get("catatan", "")).strip()[:5000]
    if draft["status"] != "diajukan":
        message = "Draf ini sudah diputus; tunggu draf baru dari unit"
        return show(request, who, record, 409, (where, "", message), {})
    if tahap == "dikembalikan" and not note:
        message = "Tulis catatan untuk unit: apa yang perlu diperbaiki"
        return show(request, who, record, 422, (where, "catatan", message), {})
    c = store.draf.c

    def decide(conn: Connection) -> dict[str, Any]:  # the draft and its event together
        changed = conn.execute(
            sa.update(store.draf)
            .where(c.id == draft["id"], c.status == "diajukan")
            .values(status=tahap, catatan=note or None)
        ).rowcount
        if changed != 1:
            raise _Taken("draf ini baru saja diputus orang lain")
        return {}

    isi: dict[str, Any] = {"tahap": tahap, "draf": draft["id"], "unit": draft["unit"]}
    if note:
        isi["catatan"] = note
    try:
        await run_in_threadpool(
            functools.partial(
                desk.tracker_for(who.kantor).act,
                record.nomor,
                "draf",
                who.account.label,
                within=decide,
                **isi,
            )
        )
    except _Taken as exc:
        return show(request, who, record, 409, (where, "", sentence(exc)), {})
    except TrackerError as exc:
        return show(request, who, record, 422, (where, "", sentence(exc)), {})
    desk.audit.write(
        who.account.nama_pengguna, who.alamat, "draf", record.nomor, tahap=tahap, draf=draft["id"]
    )
    return redirect(f"/meja/r/{record.id}?ok=draf#draf")


class _Taken(TrackerError):
    """Someone decided the draft in between."""


async def lampiran(request: Request) -> Response:
    """One attachment of a draft, for whoever may see the record; each download recorded."""
    who = staff(request)
    desk = desk_of(request)
    record = await run_in_threadpool(record_for, request, who)
    draft = _draft(request, record)
    n = int(request.path_params["n"])
    files = draft["lampiran"]
    if not 0 <= n < len(files):
        raise refused(404, "Lampiran tidak ditemukan pada draf ini")
    found = files[n]
    response = stored_file(desk.settings, found)
    desk.audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "unduh",
        record.nomor,
        draf=draft["id"],
        lampiran=found.get("nama", ""),
    )
    return response


ROUTES = [
    Route("/r/{id:int}/draf", tulis, methods=["POST"]),
    Route("/r/{id:int}/draf/{draf:int}/{langkah:str}", putus, methods=["POST"]),
    Route("/r/{id:int}/draf/{draf:int}/lampiran/{n:int}", lampiran, methods=["GET"]),
]
