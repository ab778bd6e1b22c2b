"""Monitoring (/meja/pantau): a province's PPID watches its kabupaten/kota, KPU RI's PPID
every office below it, grouped by province; read-only.

Per office, this year's permohonan and keberatan (the office's own year, in its own zone):
how many are open, decided, closed without a decision, and past their deadline; the
decisions' breakdown; decided within the deadline or late; and the list of what is past its
deadline now (number, date received, deadline, working days late, state). Nothing more: no
requester's name, NIK, address, phone, e-mail, purpose or identity document, no title (what
the public register shows of a record, less its summary), no action, no letter, and no link
to a record page: another office's record stays a 404 (forms/desk/scope.py).

The deadline in force is the `indeks` table's (forms/desk/index.py), as on the Beranda; each
view is in the audit log. Who may: the role's `pantau` permission and the account's own
`pantau` flag (ppid pengguna ubah --pantau), both checked here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms import vocab
from forms.desk.accounts import PANTAU_TINGKAT
from forms.desk.index import LATE_STATES
from forms.desk.web import Desk, deny, desk_of, page, staff
from forms.store import tables as store
from site_builder.clock import OfficeClock
from site_builder.kantor import Kantor, Registry

KINDS = ("permohonan", "keberatan")


@dataclass
class Tally:
    """One kind of record at one office, this year."""

    jumlah: int = 0
    terbuka: int = 0  # open (received, waiting, in process, extended)
    diputuskan: int = 0
    ditutup: int = 0  # closed without a decision
    terlambat: int = 0  # open, counting, and past the deadline now
    tepat_waktu: int = 0  # decided on or before the deadline
    lewat_waktu: int = 0  # decided after it
    keputusan: dict[str, int] = field(default_factory=lambda: dict.fromkeys(vocab.KEPUTUSAN, 0))


@dataclass(frozen=True)
class Late:
    """A record past its deadline, as far as monitoring shows it."""

    nomor: str
    jenis: str
    diterima: date
    tenggat: date
    hari: int  # working days late
    status: str


@dataclass
class OfficeView:
    kantor: Kantor
    hari_ini: date
    jenis: dict[str, Tally]
    lewat: list[Late]

    @property
    def tahun(self) -> int:
        return self.hari_ini.year


@dataclass(frozen=True)
class Group:
    """A province and its offices (for KPU RI), or the one province's kabupaten/kota."""

    judul: Kantor
    kantor: list[OfficeView]


def watched(registry: Registry, own: Kantor) -> list[tuple[Kantor, list[Kantor]]]:
    """The offices this office watches, grouped by province: a province, its children; KPU
    RI, each province with the offices below it (the province itself first)."""
    if own.tingkat == "provinsi":
        return [(own, list(registry.children(own.kode)))]
    groups = []
    for province in registry.children(own.kode):
        below = [province, *registry.descendants(province.kode)]
        groups.append((province, below))
    return groups


def figures(desk: Desk, offices: Sequence[Kantor]) -> dict[str, OfficeView]:
    """Every watched office's figures, read in a few grouped queries per time zone (an
    office's "today" and "this year" are its own)."""
    views = {
        k.kode: OfficeView(
            k, OfficeClock(k.zona_waktu).today(), {j: Tally() for j in KINDS}, lewat=[]
        )
        for k in offices
    }
    by_zone: dict[str, list[str]] = {}
    for k in offices:
        by_zone.setdefault(k.zona_waktu, []).append(k.kode)
    r, i = store.records.c, store.indeks.c
    joined = store.records.join(store.indeks, i.record_id == r.id)
    calendar = desk.tracker.calendar
    with desk.tracker.engine.connect() as conn:
        for zona, kodes in by_zone.items():
            today = OfficeClock(zona).today()
            decided = i.diputuskan.is_not(None)
            late_decision = sa.and_(decided, i.diputuskan > i.tenggat)
            overdue = sa.and_(r.status.in_(LATE_STATES), i.tenggat < today)
            counted = conn.execute(
                sa.select(
                    r.kantor,
                    r.jenis,
                    r.status,
                    decided.label("diputuskan"),
                    late_decision.label("lewat"),
                    overdue.label("terlambat"),
                    sa.func.count().label("n"),
                )
                .select_from(joined)
                .where(r.kantor.in_(kodes), r.tahun == today.year)
                .group_by(r.kantor, r.jenis, r.status, decided, late_decision, overdue)
            ).mappings()
            for row in counted:
                t = views[row["kantor"]].jenis[row["jenis"]]
                n = int(row["n"])
                t.jumlah += n
                if row["diputuskan"]:
                    t.diputuskan += n
                    if row["lewat"]:
                        t.lewat_waktu += n
                    else:
                        t.tepat_waktu += n
                elif row["status"] in vocab.OPEN:
                    t.terbuka += n
                else:
                    t.ditutup += n
                if row["terlambat"]:
                    t.terlambat += n
            # the decision in force: each decided record's latest `diputuskan` event
            e = store.events.c
            latest = (
                sa.select(sa.func.max(e.id).label("id"))
                .select_from(store.events.join(store.records, r.id == e.record_id))
                .where(e.jenis == "diputuskan", r.kantor.in_(kodes), r.tahun == today.year)
                .group_by(e.record_id)
                .subquery()
            )
            decisions = conn.execute(
                sa.select(r.kantor, r.jenis, e.isi).select_from(
                    store.events.join(latest, latest.c.id == e.id).join(
                        store.records, r.id == e.record_id
                    )
                )
            ).mappings()
            for row in decisions:
                kind = str((row["isi"] or {}).get("keputusan") or "")
                tally = views[row["kantor"]].jenis[row["jenis"]]
                if kind in tally.keputusan:
                    tally.keputusan[kind] += 1
            late = conn.execute(
                sa.select(r.kantor, r.nomor, r.jenis, r.diterima, r.status, i.tenggat)
                .select_from(joined)
                .where(r.kantor.in_(kodes), overdue)
                .order_by(i.tenggat, r.id)
            ).mappings()
            for row in late:
                views[row["kantor"]].lewat.append(
                    Late(
                        row["nomor"],
                        row["jenis"],
                        row["diterima"],
                        row["tenggat"],
                        -calendar.days_left(today, row["tenggat"]),
                        row["status"],
                    )
                )
    return views


async def pantau(request: Request) -> Response:
    who = staff(request, "pantau")
    desk = desk_of(request)
    own = desk.office(who.kantor)
    if not who.account.pantau:
        deny(
            request,
            who,
            "pantau",
            "Akun Anda tidak diberi pemantauan kantor di bawahnya; minta administrator "
            "menjalankan 'ppid pengguna ubah NAMA --pantau'",
        )
    if desk.registry is None or own is None or own.tingkat not in PANTAU_TINGKAT:
        deny(
            request,
            who,
            "pantau",
            "Pemantauan hanya untuk akun KPU RI atau KPU Provinsi pada pemasangan banyak "
            "kantor (PPID_KANTOR_FILE)",
        )
    assert desk.registry is not None and own is not None
    registry = desk.registry

    def build() -> list[Group]:
        desk.index.refresh()
        groups = watched(registry, own)
        views = figures(desk, [k for _, below in groups for k in below])
        return [Group(head, [views[k.kode] for k in below]) for head, below in groups]

    groups = await run_in_threadpool(build)
    desk.audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "pantau",
        own.kode,
        kantor=sum(len(g.kantor) for g in groups),
    )
    return page(
        request,
        who,
        "pantau.html",
        own=own,
        groups=groups,
        kinds=KINDS,
        keputusan=vocab.KEPUTUSAN,
    )


ROUTES = [Route("/pantau", pantau, methods=["GET"])]
