"""The desk's lists: one `indeks` row per record (deadline in force, decision date, unit,
search text), kept from the timeline, and the queries Beranda and Daftar run on it.

Every change to a record adds an event and events only grow, so the index is brought up to
date by reading the records with events newer than the last one it saw: one cheap query
when nothing moved. A change of the calendar or the periods (a local holiday added) makes
it count every record again. Lists then filter, count and page in SQL, never by reading
every timeline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from forms.store import tables as store
from forms.tracker import Record, Tracker

MARKER = "indeks"  # pengaturan key: {"event": newest event seen, "kalender": fingerprint}
PAGE = 50
WAITING = "menunggu_kelengkapan"
LATE_STATES = ("diterima", "diproses", "diperpanjang")  # open and counting (not waiting)


@dataclass(frozen=True)
class Filters:
    """What Daftar is asked for (every field optional)."""

    jenis: str = ""
    status: str = ""
    unit: str = ""
    saluran: str = ""
    tahun: int | None = None
    terlambat: bool = False
    saya: bool = False
    q: str = ""
    hal: int = 1


@dataclass(frozen=True)
class Row:
    """One line of a list: what staff need to see without opening the record."""

    id: int
    nomor: str
    jenis: str
    judul: str
    pemohon: str
    status: str
    saluran: str
    diterima: date
    tenggat: date
    sisa: int  # working days left (negative: late by that many)
    terlambat: bool
    unit: str | None
    petugas: str | None


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    hal: int
    halaman: int  # how many pages


def _fingerprint(tracker: Tracker) -> str:
    """What the stored deadlines were counted with: the calendar and the periods."""
    parts = (tracker.calendar.fingerprint, repr(tracker.periods))
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


class DeskIndex:
    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.engine = tracker.engine
        self.fingerprint = _fingerprint(tracker)

    # --- keeping it -------------------------------------------------------------------
    def refresh(self) -> int:
        """Bring the index up to date; how many records were counted again."""
        with self.engine.connect() as conn:
            newest = conn.execute(sa.select(sa.func.max(store.events.c.id))).scalar() or 0
            marker = store.setting(conn, MARKER) or {"event": 0, "kalender": ""}
            if marker.get("event") == newest and marker.get("kalender") == self.fingerprint:
                return 0
            if marker.get("kalender") != self.fingerprint:
                ids = conn.execute(sa.select(store.records.c.id)).scalars().all()
            else:
                ids = (
                    conn.execute(
                        sa.select(store.events.c.record_id)
                        .where(store.events.c.id > int(marker.get("event", 0)))
                        .distinct()
                    )
                    .scalars()
                    .all()
                )
        for start in range(0, len(ids), 500):
            self._write(ids[start : start + 500])
        with store.transaction(self.engine) as conn:
            store.set_setting(conn, MARKER, {"event": newest, "kalender": self.fingerprint})
        return len(ids)

    def _write(self, ids: Sequence[int]) -> None:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(sa.select(store.records).where(store.records.c.id.in_(ids)))
                .mappings()
                .all()
            )
            records = self.tracker.records(conn, rows)
        values = [self._row(r) for r in records]
        with store.transaction(self.engine) as conn:
            conn.execute(sa.delete(store.indeks).where(store.indeks.c.record_id.in_(ids)))
            if values:
                conn.execute(store.indeks.insert(), values)

    def _row(self, r: Record) -> dict[str, Any]:
        decided = r.last("diputuskan")
        disposed = r.last("didisposisikan")
        d = r.data
        words = [r.nomor, r.judul, *(str(d.get(k) or "") for k in ("nama", "rincian_informasi"))]
        return {
            "record_id": r.id,
            "tenggat": self.tracker.deadline(r).due,
            "diputuskan": decided.tanggal if decided else None,
            "unit": str(disposed.isi.get("unit")) if disposed else None,
            "cari": " ".join(" ".join(words).lower().split())[:2000],
        }

    # --- reading ----------------------------------------------------------------------
    def page(
        self,
        f: Filters,
        today: date,
        units: Sequence[str] | None = None,
        saya: Sequence[str] = (),
        per_page: int = PAGE,
        *,
        kantor: str,
    ) -> Page:
        """One page of the list of one office's records (forms/desk/scope.py); `units`
        limits it to those units (a pelaksana's view); `saya` are the names the signed-in
        person is assigned under."""
        where = self._where(f, today, units, saya, kantor)
        r, i = store.records.c, store.indeks.c
        joined = store.records.join(store.indeks, i.record_id == r.id)
        with self.engine.connect() as conn:
            total = conn.execute(
                sa.select(sa.func.count()).select_from(joined).where(*where)
            ).scalar()
            pages = max(1, -(-int(total or 0) // per_page))
            hal = min(max(1, f.hal), pages)
            found = conn.execute(
                sa.select(*_COLUMNS)
                .select_from(joined)
                .where(*where)
                .order_by(r.id.desc())
                .limit(per_page)
                .offset((hal - 1) * per_page)
            ).mappings()
            rows = [self._shown(x, today) for x in found]
        return Page(rows, int(total or 0), hal, pages)

    def rows(
        self,
        f: Filters,
        today: date,
        units: Sequence[str] | None = None,
        saya: Sequence[str] = (),
        *,
        kantor: str,
    ) -> list[Row]:
        """Every row of one office's list (the XLSX export), newest first."""
        where = self._where(f, today, units, saya, kantor)
        r, i = store.records.c, store.indeks.c
        joined = store.records.join(store.indeks, i.record_id == r.id)
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(*_COLUMNS).select_from(joined).where(*where).order_by(r.id.desc())
            ).mappings()
            memo: dict[date, int] = {}  # a few hundred deadlines for thousands of rows
            return [self._shown(x, today, memo) for x in found]

    def pending(self, today: date, until: date, *, kantor: str | None) -> list[Row]:
        """Records still counting (open, not waiting) whose deadline is on or before
        `until`: the late ones and those due by then, earliest deadline first; of one
        office, or of every office (None: the deployment's own morning mail)."""
        r, i = store.records.c, store.indeks.c
        joined = store.records.join(store.indeks, i.record_id == r.id)
        office = [r.kantor == kantor] if kantor is not None else []
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(*_COLUMNS)
                .select_from(joined)
                .where(r.status.in_(LATE_STATES), i.tenggat <= until, *office)
                .order_by(i.tenggat, r.id)
            ).mappings()
            memo: dict[date, int] = {}
            return [self._shown(x, today, memo) for x in found]

    def counts(
        self,
        today: date,
        units: Sequence[str] | None = None,
        mine: Sequence[str] = (),
        limit: int = 10,
        *,
        kantor: str,
    ) -> dict[str, tuple[int, list[Row]]]:
        """Beranda: each group's count and its first rows, among one office's records of
        `units` (None: all of them); "unit_saya" for the person's own units, when they have
        any."""
        soon = self.tracker.calendar.add_working_days(today, 2).due
        r, i = store.records.c, store.indeks.c
        counting = r.status.in_(LATE_STATES)
        groups: dict[str, list[Any]] = {
            "baru": [r.status == "diterima"],
            "belum_lengkap": [r.status == WAITING],
            "segera": [counting, i.tenggat >= today, i.tenggat <= soon],
            "terlambat": [counting, i.tenggat < today],
            "diperpanjang": [r.status == "diperpanjang"],
            "menunggu_atasan": [r.jenis == "keberatan", r.status.in_((*LATE_STATES, WAITING))],
        }
        if mine:
            groups["unit_saya"] = [i.unit.in_(list(mine)), r.status.in_((*LATE_STATES, WAITING))]
        joined = store.records.join(store.indeks, i.record_id == r.id)
        seen = [r.kantor == kantor, *([i.unit.in_(list(units))] if units is not None else [])]
        out: dict[str, tuple[int, list[Row]]] = {}
        with self.engine.connect() as conn:
            for name, where in groups.items():
                total = conn.execute(
                    sa.select(sa.func.count()).select_from(joined).where(*where, *seen)
                ).scalar()
                first = conn.execute(
                    sa.select(*_COLUMNS)
                    .select_from(joined)
                    .where(*where, *seen)
                    .order_by(i.tenggat, r.id)
                    .limit(limit)
                ).mappings()
                out[name] = (int(total or 0), [self._shown(x, today) for x in first])
        return out

    def _where(
        self,
        f: Filters,
        today: date,
        units: Sequence[str] | None,
        saya: Sequence[str],
        kantor: str,
    ) -> list[Any]:
        r, i = store.records.c, store.indeks.c
        where: list[Any] = [r.kantor == kantor]
        if units is not None:
            where.append(i.unit.in_(list(units)))
        if f.jenis:
            where.append(r.jenis == f.jenis)
        if f.status:
            where.append(r.status == f.status)
        if f.unit:
            where.append(i.unit == f.unit)
        if f.saluran:
            where.append(r.saluran == f.saluran)
        if f.tahun is not None:
            where.append(r.tahun == f.tahun)
        if f.terlambat:
            where.append(_late(today))
        if f.saya:
            where.append(r.petugas.in_(list(saya) or [""]))
        for word in f.q.lower().split()[:5]:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(i.cari.like(f"%{escaped}%", escape="\\"))
        return where

    def _shown(self, x: Any, today: date, memo: dict[date, int] | None = None) -> Row:
        tenggat: date = x["tenggat"]
        sisa = memo.get(tenggat) if memo is not None else None
        if sisa is None:
            sisa = self.tracker.calendar.days_left(today, tenggat)
            if memo is not None:
                memo[tenggat] = sisa
        decided = x["diputuskan"]
        late = (
            decided > tenggat
            if decided is not None
            else x["status"] in LATE_STATES and today > tenggat
        )
        data = x["data"] or {}
        return Row(
            x["id"],
            x["nomor"],
            x["jenis"],
            x["judul"],
            str(data.get("nama") or ""),
            x["status"],
            x["saluran"],
            x["diterima"],
            tenggat,
            sisa,
            late,
            x["unit"],
            x["petugas"],
        )


_COLUMNS = (
    store.records.c.id,
    store.records.c.nomor,
    store.records.c.jenis,
    store.records.c.judul,
    store.records.c.data,
    store.records.c.status,
    store.records.c.saluran,
    store.records.c.diterima,
    store.records.c.petugas,
    store.indeks.c.tenggat,
    store.indeks.c.diputuskan,
    store.indeks.c.unit,
)


def _late(today: date) -> Any:
    """is_overdue() in SQL: decided after the deadline, or open, counting, and past it."""
    r, i = store.records.c, store.indeks.c
    return sa.or_(
        sa.and_(i.diputuskan.is_not(None), i.diputuskan > i.tenggat),
        sa.and_(i.diputuskan.is_(None), r.status.in_(LATE_STATES), i.tenggat < today),
    )
