"""Issue-style records: registration numbers, states, a timeline, deadlines in working days.

States (DOMAIN.md): diterima -> (menunggu_kelengkapan) -> diproses -> (diperpanjang) ->
diputuskan -> selesai, plus ditutup; a closed record can be opened again. Deadlines are
computed from the timeline every time (overdue is never stored).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from forms.store import tables as store
from forms.vocab import (
    ALASAN_TOLAK,
    DRAF_TAHAP,
    KEPUTUSAN,
    LEWAT_BATAS_KELENGKAPAN,
    OPEN,
    ROMAWI,
    SALURAN,
    SENGKETA_TAHAP,
    STATUS_LABEL,
    NotFound,
    TrackerError,
)
from site_builder.calendar import Deadline, WorkingCalendar
from site_builder.clock import OfficeClock
from site_builder.dates import format_date
from site_builder.dip.model import PASAL_17
from site_builder.layanan import belum_dilampirkan
from site_builder.periods import Kelas, Periods, PeriodsError, load_periods
from site_builder.text import clean, is_text

_INSERT_EVENT = store.INSERT_EVENT


@dataclass(frozen=True)
class Event:
    """One entry of a record's timeline; `waktu` is aware, in the zone it was stored with."""

    jenis: str
    oleh: str
    waktu: datetime
    tanggal: date
    isi: dict[str, Any]


@dataclass(frozen=True)
class Record:
    """A permohonan or keberatan with its timeline."""

    id: int
    nomor: str
    jenis: str
    tahun: int
    induk_id: int | None
    judul: str
    data: dict[str, Any]
    status: str
    label: tuple[str, ...]
    petugas: str | None
    saluran: str
    diterima: date
    events: tuple[Event, ...]
    contoh: bool = False  # a demonstration record (forms/seed.py)
    kantor: str = ""  # its office's kode ('' in a single-office install)

    def last(self, jenis: str) -> Event | None:
        """The latest event of a kind."""
        found = [e for e in self.events if e.jenis == jenis]
        return found[-1] if found else None

    def letter(self, jenis: str) -> Event | None:
        """The `surat` event of the letter of this kind issued for the record, if any."""
        return next(
            (e for e in self.events if e.jenis == "surat" and e.isi.get("jenis") == jenis), None
        )

    @property
    def keputusan(self) -> dict[str, Any] | None:
        """The decision, if one was made."""
        event = self.last("diputuskan")
        return event.isi if event else None


@dataclass(frozen=True)
class Filing:
    """A submission to be registered."""

    jenis: str
    judul: str
    data: dict[str, Any]
    saluran: str
    diterima: date
    oleh: str
    lengkap: bool
    induk_nomor: str | None
    uploads: list[dict[str, Any]]
    kantor: str = ""  # the office it was sent to ('' in a single-office install)


@dataclass(frozen=True)
class Stored:
    """What the database gave one filing: its id, number, status code, parent, time."""

    id: int
    nomor: str
    kode: str
    induk_id: int | None
    waktu: datetime


@dataclass(frozen=True)
class Filed:
    """What the requester is told: the number, the deadline, and the secret status code."""

    record: Record
    kode: str
    tenggat: Deadline


@dataclass(frozen=True)
class Window:
    """Until when an objection may be filed, and from what ground (UU KIP Pasal 36(1))."""

    alasan: str  # the ground's moment, in words
    batas: date
    dasar: str


def _moment(waktu: datetime, zona: str) -> datetime:
    """A stored moment (a UTC instant; SQLite keeps it naive) in the zone it was stored with."""
    aware = waktu if waktu.tzinfo is not None else waktu.replace(tzinfo=UTC)
    return aware.astimezone(UTC if zona == "UTC" else ZoneInfo(zona))


def _opening(f: Filing) -> tuple[str, tuple[str, ...]]:
    """A new record's state and labels: incomplete requirements wait for completion."""
    return ("diterima", ()) if f.lengkap else ("menunggu_kelengkapan", ("belum lengkap",))


def number(fmt: str, urut: int, received: date, kantor: str = "") -> str:
    """A registration number in the office's format, e.g. 0012/PPID/XI/2026 (with
    `{kantor}`, the office's kode: 0012/PPID-6201/XI/2026)."""
    return fmt.format(
        nomor=urut,
        kantor=kantor,
        bulan_romawi=ROMAWI[received.month - 1],
        bulan=received.month,
        tahun=received.year,
    )


# The most digits a sequence number can have once its leading zeros are gone: a longer run
# typed in a form is no sequence number (and would overflow SQLite's INTEGER, or Python's
# limit on int() of a long string).
URUT_DIGITS = 9


def _words(nomor: str) -> tuple[str, ...]:
    """A registration number's runs of letters and of digits, upper case, digits without
    their leading zeros: what is left of it however it was typed."""
    return tuple(
        (w.lstrip("0") or "0") if w.isdigit() else w
        for w in re.findall(r"[0-9]+|[A-Z]+", nomor.upper())
    )


def _urut(word: str) -> int | None:
    """A run of digits as a sequence number, or None when it is too long to be one."""
    return int(word) if word.isdigit() and len(word) <= URUT_DIGITS else None


# The objection number: one series per office and year. In a deployment of many offices
# every number carries the office's kode, so a number is unique across the database.
KEBERATAN_FORMAT = "{nomor:04d}/KEB/{bulan_romawi}/{tahun}"
KEBERATAN_FORMAT_KANTOR = "{nomor:04d}/KEB-{kantor}/{bulan_romawi}/{tahun}"


class Tracker:
    """The records store and its rules (of one office: `kantor`)."""

    def __init__(
        self,
        engine: Engine,
        calendar: WorkingCalendar,
        secret: str,
        number_format: str = "{nomor:04d}/PPID/{bulan_romawi}/{tahun}",
        keberatan_format: str = KEBERATAN_FORMAT,
        *,
        clock: OfficeClock | None = None,
        periods: Periods | None = None,
        kantor: str = "",
    ) -> None:
        self.engine = engine
        # the office whose records these are: every query of records is kept to it, every
        # record written carries it ('' in a single-office install)
        self.kantor = kantor
        self.calendar = calendar
        self.clock = clock or OfficeClock()
        self.periods = periods or load_periods()
        self._secret = secret.encode()
        self._mac = hmac.new(self._secret, digestmod=hashlib.sha256)
        self.formats = {"permohonan": number_format, "keberatan": keberatan_format}
        self._deadlines: dict[tuple[WorkingCalendar, date, int], Deadline] = {}

    def writer_config(self) -> dict[str, Any]:
        """What the relay's writer process needs to make this tracker's records."""
        return {
            "database_url": self.engine.url.render_as_string(hide_password=False),
            "secret": self._secret.decode(),
            "formats": dict(self.formats),
            "calendar": self.calendar,
            "clock": self.clock,
            "periods": self.periods,
            "kantor": self.kantor,
        }

    def for_office(self, kantor: str, clock: OfficeClock) -> Tracker:
        """The tracker of another office of the deployment: the same engine, calendar,
        periods, secret and formats, that office's clock and records."""
        keberatan = self.formats["keberatan"]
        if keberatan == KEBERATAN_FORMAT:
            keberatan = KEBERATAN_FORMAT_KANTOR
        return Tracker(
            self.engine,
            self.calendar,
            self._secret.decode(),
            self.formats["permohonan"],
            keberatan,
            clock=clock,
            periods=self.periods,
            kantor=kantor,
        )

    def mine(self) -> Any:
        """The condition keeping a query of records to this tracker's office."""
        return store.records.c.kantor == self.kantor

    def today(self) -> date:
        """Today's date at the office (its zone), whatever the server's clock says."""
        return self.clock.today()

    # --- codes -------------------------------------------------------------------------
    def _hash(self, nomor: str, kode: str) -> str:
        mac = self._mac.copy()  # the keyed state, copied: no key set-up per code
        mac.update(f"{nomor}\n{kode}".encode())
        return mac.hexdigest()

    # --- filing ------------------------------------------------------------------------
    def file(
        self,
        jenis: str,
        judul: str,
        data: dict[str, Any],
        *,
        saluran: str = "daring",
        diterima: date | None = None,
        oleh: str = "pemohon",
        lengkap: bool = True,
        induk_nomor: str | None = None,
        uploads: list[dict[str, Any]] | None = None,
    ) -> Filed:
        """Register a submission: number, timeline, uploads; committed before returning."""
        request = Filing(
            jenis,
            judul,
            data,
            saluran,
            diterima or self.today(),
            oleh,
            lengkap,
            induk_nomor,
            uploads or [],
            self.kantor,
        )
        with store.transaction(self.engine) as conn:
            filed = self.insert(conn, request)
        return filed

    def with_kelas(self, data: dict[str, Any]) -> dict[str, Any]:
        """The submission's data with its class of information (the default one unless staff
        chose another); a class that is unknown or switched off is refused."""
        try:
            kelas = self.periods.get(data.get("kelas") or None)
        except PeriodsError as exc:
            raise TrackerError(str(exc)) from None
        return {**data, "kelas": kelas.kode}

    def insert(self, conn: Connection, f: Filing) -> Filed:
        """Write one submission inside the caller's transaction (not committed here)."""
        return self.insert_many(conn, [f])[0]

    def insert_many(self, conn: Connection, filings: Sequence[Filing]) -> list[Filed]:
        """Write submissions inside the caller's transaction, numbered in order.

        One counter bump per kind and year and one executemany per table, whatever the
        number of submissions: this is the group commit's fast path.
        """
        return self.insert_with(store.ConnectionWrites(conn), filings)

    def insert_with(self, db: store.Writes, filings: Sequence[Filing]) -> list[Filed]:
        """`insert_many` through any executor of the few insert statements."""
        stored = self.store_with(db, filings)
        return [self.filed(f, s) for f, s in zip(filings, stored, strict=True)]

    def store_with(
        self, db: store.Writes, filings: Sequence[Filing], now: datetime | None = None
    ) -> list[Stored]:
        """Write submissions through `db` (inside its caller's transaction), numbered in
        order, received at `now` (default: this moment); what each was given. The relay's
        writer process runs this half, and makes each requester's answer with `filed`."""
        for f in filings:
            if f.kantor != self.kantor:
                raise TrackerError(f"kiriman untuk kantor '{f.kantor}' bukan untuk kantor ini")
            if f.saluran not in SALURAN:
                raise TrackerError(
                    f"saluran '{f.saluran}' tidak dikenal; pilihan: {', '.join(SALURAN)}"
                )
            _only_text({"judul": f.judul, "oleh": f.oleh, **f.data})
        now = now or datetime.now(UTC)
        zona = self.clock.tz.key
        parents = [self._parent(db, f.induk_nomor) for f in filings]
        # all that does not depend on the numbers comes first: from the counter's UPDATE
        # to COMMIT its row is locked, and the other writers (one per relay worker) wait
        opening = [_opening(f) for f in filings]
        datas = [self.with_kelas(f.data) for f in filings]
        kodes = [secrets.token_hex(4).upper() for _ in filings]
        firsts = [self._first_events(f, now) for f in filings]
        wanted = Counter((f.jenis, f.diterima.year) for f in filings)
        urut = {key: self._reserve(db, *key, n) for key, n in wanted.items()}
        rows: list[tuple[Any, ...]] = []
        for f, induk_id, (status, label), data, kode in zip(
            filings, parents, opening, datas, kodes, strict=True
        ):
            key = (f.jenis, f.diterima.year)
            n = urut[key]
            urut[key] = n + 1
            nomor = number(self.formats[f.jenis], n, f.diterima, self.kantor)
            # in store.RECORD_COLUMNS order
            rows.append(
                (
                    nomor,
                    f.jenis,
                    f.diterima.year,
                    n,
                    induk_id,
                    f.judul[:300],
                    data,
                    status,
                    list(label),
                    None,
                    f.saluran,
                    f.diterima,
                    self._hash(nomor, kode),
                    now,
                    zona,
                    self.kantor,
                )
            )
        ids = db.add_records(rows)
        db.add_events(
            [
                (rid, e.jenis, e.oleh, e.waktu, e.tanggal, e.isi, zona)
                for rid, evs in zip(ids, firsts, strict=True)
                for e in evs
            ]
        )
        ups = [
            {"record_id": rid, **up}
            for rid, f in zip(ids, filings, strict=True)
            for up in f.uploads
        ]
        if ups:
            db.add_uploads(ups)
        return [
            Stored(rid, row[0], kode, row[4], now)
            for rid, row, kode in zip(ids, rows, kodes, strict=True)
        ]

    def filed(self, f: Filing, s: Stored) -> Filed:
        """The record `store_with` wrote for a filing, its code and deadline, as stored."""
        status, label = _opening(f)
        record = Record(
            s.id,
            s.nomor,
            f.jenis,
            f.diterima.year,
            s.induk_id,
            f.judul[:300],
            self.with_kelas(f.data),
            status,
            label,
            None,
            f.saluran,
            f.diterima,
            self._first_events(f, self.clock.local(s.waktu)),
            kantor=f.kantor,
        )
        return Filed(record, s.kode, self.deadline(record))

    @staticmethod
    def _first_events(f: Filing, now: datetime) -> tuple[Event, ...]:
        events = [Event("diterima", f.oleh, now, f.diterima, {"saluran": f.saluran})]
        if not f.lengkap:
            events.append(
                Event(
                    "diminta_melengkapi",
                    "sistem",
                    now,
                    f.diterima,
                    {"alasan": _missing(f.data)},
                )
            )
        return tuple(events)

    def _parent(self, db: store.Writes, induk_nomor: str | None) -> int | None:
        if induk_nomor is None:
            return None
        parent = db.parent(induk_nomor.strip(), self.kantor)
        if parent is None or parent[1] != "permohonan":
            raise NotFound(f"nomor permohonan '{induk_nomor}' tidak ditemukan")
        return int(parent[0])

    def _reserve(self, db: store.Writes, jenis: str, tahun: int, n: int) -> int:
        """Take n consecutive numbers of the office's sequence of the year; the first of
        them (the row locked until commit: `store.take_numbers`)."""
        return store.take_numbers(db, self.kantor, jenis, tahun, n) - n + 1

    def _event(
        self,
        conn: Connection,
        record_id: int,
        jenis: str,
        oleh: str,
        waktu: datetime,
        day: date,
        isi: dict[str, Any],
    ) -> None:
        conn.execute(
            _INSERT_EVENT,
            {
                "record_id": record_id,
                "jenis": jenis,
                "oleh": oleh,
                "waktu": waktu,
                "tanggal": day,
                "isi": isi,
                "zona": self.clock.tz.key,
            },
        )

    # --- reading -----------------------------------------------------------------------
    def get(self, nomor: str) -> Record:
        """One record with its timeline."""
        found = self._get(store.records.c.nomor == nomor.strip())
        if found is None:
            raise NotFound(f"nomor '{nomor}' tidak ditemukan")
        return found

    def by_sequence(self, jenis: str, tahun: int, urut: int) -> Record | None:
        """The record with this sequence number in its kind and year, whatever the office's
        numbering format puts around it."""
        c = store.records.c
        return self._get(sa.and_(c.jenis == jenis, c.tahun == tahun, c.urut == urut))

    def get_by_id(self, record_id: int) -> Record | None:
        """One record by its id (a keberatan's permohonan), or None."""
        return self._get(store.records.c.id == record_id)

    def _get(self, where: Any) -> Record | None:
        with self.engine.connect() as conn:
            row = store.one(conn, sa.select(store.records).where(where, self.mine()))
            return self._record(conn, row) if row is not None else None

    def _record(self, conn: Connection, row: Any) -> Record:
        return self.records(conn, [row])[0]

    def records(self, conn: Connection, rows: Sequence[Any]) -> _Records:
        """Records of `rows` (mappings of the records table) with their timelines, read in
        one query for all of them rather than one per record."""
        ids = [row["id"] for row in rows]
        timelines: dict[int, list[Event]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):  # under every database's parameter limit
            found = conn.execute(
                sa.select(store.events)
                .where(store.events.c.record_id.in_(ids[start : start + 500]))
                .order_by(store.events.c.id)
            ).mappings()
            for e in found:
                timelines[e["record_id"]].append(
                    Event(
                        e["jenis"],
                        e["oleh"],
                        _moment(e["waktu"], e["zona"]),
                        e["tanggal"],
                        dict(e["isi"]),
                    )
                )
        return [
            Record(
                id=row["id"],
                nomor=row["nomor"],
                jenis=row["jenis"],
                tahun=row["tahun"],
                induk_id=row["induk_id"],
                judul=row["judul"],
                data=dict(row["data"]),
                status=row["status"],
                label=tuple(row["label"]),
                petugas=row["petugas"],
                saluran=row["saluran"],
                diterima=row["diterima"],
                events=tuple(timelines[row["id"]]),
                contoh=bool(row["contoh"]),
                kantor=row["kantor"],
            )
            for row in rows
        ]

    def list(
        self,
        jenis: str = "permohonan",
        status: str | None = None,
        terlambat: bool = False,
        today: date | None = None,
        tahun: int | None = None,
    ) -> list[Record]:
        """Records of a kind, newest first, optionally by state, year of their number, or
        only the overdue ones."""
        query = sa.select(store.records).where(store.records.c.jenis == jenis, self.mine())
        if tahun is not None:
            query = query.where(store.records.c.tahun == tahun)
        if status is not None:
            query = query.where(store.records.c.status == status)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(store.records.c.id.desc())).mappings().all()
            found = self.records(conn, rows)
        if terlambat:
            day = today or self.today()
            found = [r for r in found if self.is_overdue(r, day)]
        return found

    def resolve(self, jenis: str, ref: str) -> str:
        """A full registration number from what staff typed: the number itself or its
        sequence number. `jenis` is permohonan, keberatan or semua (either kind). A short
        number is this year's record of that sequence only when exactly one matches;
        otherwise the refusal lists the full numbers it could mean."""
        kinds = ("permohonan", "keberatan") if jenis == "semua" else (jenis,)
        if ref.isascii() and ref.isdigit():
            year = self.today().year
            urut = _urut(ref.lstrip("0") or "0")
            found = [r for r in self.candidates(urut) if r.jenis in kinds] if urut else []
            # this year first, then the newest years; a request before its objection
            found.sort(key=lambda r: (r.tahun != year, -r.tahun, r.jenis != "permohonan", r.id))
            this_year = [r for r in found if r.tahun == year]
            if len(this_year) == 1:
                return this_year[0].nomor
            if this_year:
                raise TrackerError(
                    f"nomor {urut} tidak unik: {_listed(this_year)}; tulis nomor lengkapnya"
                )
            what = " atau ".join(kinds)
            missing = f"{what} nomor urut {ref} tahun {year} tidak ditemukan"
            if found:
                raise NotFound(
                    f"{missing}; nomor {urut} ada pada tahun lain: {_listed(found)}; "
                    "tulis nomor lengkapnya"
                )
            raise NotFound(missing)
        record = self.get(ref)  # an unknown number: NotFound
        if record.jenis not in kinds:
            raise TrackerError(
                f"{ref} adalah nomor {record.jenis}, bukan {jenis}; "
                f"gunakan 'ppid {record.jenis} ... {ref}'"
            )
        return record.nomor

    def check_code(self, nomor: str, kode: str) -> Record | None:
        """The record when the code matches; None for a wrong code or an unknown number alike."""
        with self.engine.connect() as conn:
            row = store.one(
                conn,
                sa.select(store.records).where(store.records.c.nomor == nomor.strip(), self.mine()),
            )
            expected = row["kode_hash"] if row is not None else "0" * 64
            ok = hmac.compare_digest(expected, self._hash(nomor.strip(), kode.strip().upper()))
            return self._record(conn, row) if row is not None and ok else None

    def numbers_like(
        self, typed: str, tahun: int | None = None, jenis: str | None = None
    ) -> tuple[str, ...]:
        """The registration numbers a requester may mean by what they typed: the number in
        any case, with spaces, with or without its separators or leading zeros ("12 ppid xi
        2026"), or only its sequence number with the year given apart (this year when it is
        not). The exact number first; several when a short number is both kinds' number
        (`jenis` keeps one kind)."""
        exact = " ".join(typed.split()).upper()
        words = _words(typed)
        if not words:
            return ()
        joined = "".join(words)  # "12PPIDXI2026": letters typed together
        short = len(words) == 1 and words[0].isdigit()
        year = tahun if tahun is not None else self.today().year
        found: dict[str, None] = {}
        sequence = (_urut(w) for w in words)
        for urut in [*dict.fromkeys(u for u in sequence if u is not None)][:4]:
            for record in self.candidates(urut):
                if jenis is not None and record.jenis != jenis:
                    continue
                same = record.tahun == year if short else "".join(_words(record.nomor)) == joined
                if same or record.nomor == exact:
                    found[record.nomor] = None
        return tuple(sorted(found, key=lambda n: n != exact))

    def check_typed(self, typed: str, kode: str, tahun: int | None = None) -> Record | None:
        """`check_code` for a number as a requester types it (`numbers_like`). None when
        nothing it can mean has this code: a wrong code answers like an unknown number."""
        for nomor in self.numbers_like(typed, tahun):
            found = self.check_code(nomor, kode)
            if found is not None:
                return found
        return None

    # --- deadlines ---------------------------------------------------------------------
    def _working_days(self, start: date, days: int) -> Deadline:
        """calendar.add_working_days, remembered: every submission of a day has the same
        deadlines, and counting them costs more than all the rest of answering it."""
        key = (self.calendar, start, days)
        found = self._deadlines.get(key)
        if found is None:
            found = self.calendar.add_working_days(start, days)
            if len(self._deadlines) >= 4096:
                self._deadlines.clear()
            self._deadlines[key] = found
        return found

    def kelas(self, record: Record) -> Kelas:
        """The class of information a record was filed under (its periods)."""
        return self.periods.of(record.data.get("kelas"))

    def _paused(self, record: Record) -> int:
        """Working days a request waited for its requirements, for each wait that ended:
        the requester's time is not the office's (from the ask to the day completed)."""
        total, asked = 0, None
        for e in record.events:
            if e.jenis == "diminta_melengkapi" and asked is None:
                asked = e.tanggal
            elif e.jenis == "dilengkapi" and asked is not None:
                total += self.calendar.working_days_between(asked, e.tanggal)
                asked = None
        return total

    def notice_deadline(self, record: Record) -> Deadline:
        """The written notice's first deadline, before any extension: also the last day on
        which an extension may be given (UU KIP Pasal 22(8))."""
        k = self.kelas(record)
        days, paused = k.hari("pemberitahuan"), self._paused(record)
        found = self._working_days(record.diterima, days + paused)
        notes = [f"Jangka pemberitahuan tertulis: {days} hari kerja ({k.dasar('pemberitahuan')})"]
        if k.kode != self.periods.bawaan:
            notes.append(f"Kelas informasi: {k.nama}")
        if paused:
            notes.append(
                f"Ditambah {paused} hari kerja selama pemohon melengkapi persyaratan "
                "(waktu pemohon tidak dihitung sebagai waktu badan publik)"
            )
        return replace(found, notes=tuple(notes))

    def deadline(self, record: Record) -> Deadline:
        """The deadline in force: the written notice's, extended only by an extension given
        in time; for an objection, the atasan PPID's answer."""
        k = self.kelas(record)
        if record.jenis == "keberatan":
            days = k.hari("tanggapan_keberatan")
            found = self._working_days(record.diterima, days)
            basis = k.dasar("tanggapan_keberatan")
            note = f"Jangka tanggapan atas keberatan: {days} hari kerja ({basis})"
            return replace(found, notes=(note,))
        base = self.notice_deadline(record)
        extension = record.last("diperpanjang")
        if extension is None:
            return base
        if extension.tanggal > base.due:  # written before this rule: it never counted
            return replace(
                base,
                notes=(
                    *base.notes,
                    f"Perpanjangan tanggal {format_date(extension.tanggal)} tidak berlaku: "
                    f"diberikan setelah batasnya, {format_date(base.due)}",
                ),
            )
        longer = self.calendar.extend(base, k.hari("perpanjangan"))
        note = (
            f"Diperpanjang {k.hari('perpanjangan')} hari kerja pada "
            f"{format_date(extension.tanggal)} ({k.dasar('perpanjangan')})"
        )
        return replace(longer, notes=(*base.notes, note))

    def completion_deadline(self, record: Record) -> Deadline | None:
        """While requirements are incomplete: the day by which the requester must complete."""
        if record.status != "menunggu_kelengkapan":
            return None
        return self.completion_deadline_on(record, date.max)

    def completion_deadline_on(self, record: Record, day: date) -> Deadline | None:
        """The day by which the requester had to complete, by the last request to complete
        made on or before `day` (None if there was none): the timeline up to `day`, whatever
        the record's state is now."""
        asked = None
        for e in record.events:
            if e.tanggal > day:
                break
            if e.jenis == "diminta_melengkapi":
                asked = e
        if asked is None:
            return None
        days = self.kelas(record).hari("kelengkapan")
        if asked.oleh == "sistem":  # asked at once, at receipt: the 3 + 3 clock from receipt
            return self._working_days(record.diterima, 2 * days)
        return self._working_days(asked.tanggal, days)

    def past_completion(self, record: Record, today: date) -> bool:
        """Waiting for requirements after the day they had to come by ("lewat batas
        kelengkapan"): staff may close it; it is never the office's lateness."""
        due = self.completion_deadline(record)
        return due is not None and today > due.due

    def is_overdue(self, record: Record, today: date) -> bool:
        """Decided after the deadline in force at that moment, or open past it. A request
        waiting for its requirements, or closed without a decision, is never late."""
        due = self.deadline(record).due
        decided = record.last("diputuskan")
        if decided is not None:
            return decided.tanggal > due
        if record.status == "menunggu_kelengkapan":
            return False
        return record.status in OPEN and today > due

    def objection_window(self, parent: Record | None, alasan: Sequence[str]) -> Window | None:
        """Until when an objection on these grounds may be filed: 30 working days from its
        ground (the written notice, or the notice's deadline passed unanswered). None when
        there is no limit to check: ground b alone needs no earlier request."""
        if parent is None or not [a for a in alasan if a != "b"]:
            return None
        k = self.kelas(parent)
        decided = parent.last("diputuskan")
        if decided is not None:
            start = decided.tanggal
            what = f"pemberitahuan tertulis tanggal {format_date(start)}"
        else:
            start = self.deadline(parent).due
            what = f"tenggat pemberitahuan tertulis {format_date(start)} yang terlewati"
        due = self._working_days(start, k.hari("keberatan")).due
        return Window(what, due, k.dasar("keberatan"))

    def check_objection(
        self,
        nomor_permohonan: str,
        alasan: Sequence[str],
        day: date,
        *,
        terlambat: str = "",
    ) -> Record | None:
        """The request an objection is about, when it may be filed on `day`; else the reason.

        Ground b alone (berkala information not provided) needs no request; every other
        ground does. Filed after its window, an objection is refused unless staff record why
        it is registered anyway (`terlambat`: at the desk only)."""
        only_b = bool(alasan) and set(alasan) == {"b"}
        if not nomor_permohonan.strip():
            if only_b:
                return None
            raise TrackerError(
                "nomor permohonan wajib diisi: hanya keberatan dengan alasan huruf b "
                "(informasi berkala tidak disediakan) yang dapat diajukan tanpa permohonan"
            )
        parent = self.get(nomor_permohonan)
        if parent.jenis != "permohonan":
            raise NotFound(f"nomor permohonan '{nomor_permohonan}' tidak ditemukan")
        window = self.objection_window(parent, alasan)
        if window is not None and day > window.batas and not terlambat.strip():
            raise TrackerError(
                f"keberatan atas {parent.nomor} hanya dapat diajukan paling lambat "
                f"{format_date(window.batas)} (30 hari kerja sejak {window.alasan}; "
                f"{window.dasar}); hari ini {format_date(day)} sudah lewat"
            )
        return parent

    def objection_terms(
        self, parent: Record | None, alasan: Sequence[str], day: date, terlambat: str = ""
    ) -> tuple[str, dict[str, str]]:
        """An objection's title, and what one filed after its window records (the reason
        staff gave and the last day it was due), once check_objection() let it through."""
        if parent is None:
            return "Keberatan: informasi berkala tidak disediakan", {}
        window = self.objection_window(parent, alasan)
        late: dict[str, str] = {}
        if window is not None and day > window.batas:
            late = {"alasan_terlambat": terlambat, "batas_pengajuan": window.batas.isoformat()}
        return f"Keberatan atas {parent.nomor}", late

    # --- letters -----------------------------------------------------------------------
    def letter_number(
        self,
        nomor: str,
        jenis_surat: str,
        kode: str,
        fmt: str,
        oleh: str,
        day: date,
        rincian: dict[str, str] | None = None,
        seri: str = "surat",
    ) -> tuple[str, date, dict[str, str]]:
        """The letter's number, date and details: given once, the same every time it is printed.

        The first time a kind of letter is made for a record, the next number of the year's
        sequence `seri` (one per signer: "surat" the PPID's, "surat_atasan" the atasan
        PPID's) is taken and a `surat` event (with the details staff gave for it) goes on the
        timeline, in one transaction.
        """
        record = self.get(nomor)
        e = record.letter(jenis_surat)
        if e is not None:
            return str(e.isi["nomor_surat"]), e.tanggal, dict(e.isi.get("rincian") or {})
        with store.transaction(self.engine) as conn:
            urut = self._next_letter(conn, day.year, seri)
            nomor_surat = fmt.format(
                nomor=urut,
                kode=kode,
                kantor=self.kantor,
                bulan_romawi=ROMAWI[day.month - 1],
                bulan=day.month,
                tahun=day.year,
            )
            self._event(
                conn,
                record.id,
                "surat",
                oleh,
                datetime.now(UTC),
                day,
                {"jenis": jenis_surat, "nomor_surat": nomor_surat, "rincian": dict(rincian or {})},
            )
        return nomor_surat, day, dict(rincian or {})

    def _next_letter(self, conn: Connection, tahun: int, seri: str = "surat") -> int:
        """The next number of the office's letter sequence of the year (the counters row
        `seri`), locked until commit as a filing's numbers are (`store.take_numbers`)."""
        return store.take_numbers(store.ConnectionWrites(conn), self.kantor, seri, tahun, 1)

    # --- actions -----------------------------------------------------------------------
    def act(
        self,
        nomor: str,
        action: str,
        oleh: str,
        *,
        today: date | None = None,
        within: Callable[[Connection], dict[str, Any]] | None = None,
        **isi: Any,
    ) -> Record:
        """Apply one staff action, or refuse it with the reason. `within` writes what
        belongs with the action (a unit's draft) in the same transaction; what it returns
        goes on the timeline's event, and a TrackerError from it undoes everything."""
        _only_text({"oleh": oleh, **isi})
        isi = {k: clean(v).strip() if isinstance(v, str) else v for k, v in isi.items()}
        oleh = clean(oleh).strip()
        record = self.get(nomor)
        day = today or self.today()
        new_status, event, extra = self._transition(record, action, isi, day)
        now = datetime.now(UTC)
        with store.transaction(self.engine) as conn:
            current = conn.execute(
                sa.select(store.records.c.status).where(
                    store.records.c.id == record.id, self.mine()
                )
            ).scalar()
            if current != record.status:  # someone acted in between: start again
                raise TrackerError(f"{record.nomor} baru saja diubah orang lain; ulangi perintah")
            values: dict[str, Any] = {"status": new_status}
            if action == "tugaskan":
                values["petugas"] = isi["petugas"]
            if action == "lengkapi":
                values["label"] = [x for x in record.label if x != "belum lengkap"]
            if event == "ditutup" and isi.get("penutupan") == LEWAT_BATAS_KELENGKAPAN:
                values["label"] = [
                    *(x for x in record.label if x != "belum lengkap"),
                    "lewat batas kelengkapan",
                ]
            conn.execute(
                sa.update(store.records).where(store.records.c.id == record.id).values(**values)
            )
            if within is not None:
                extra = {**extra, **within(conn)}
            self._event(conn, record.id, event, oleh, now, day, {**isi, **extra})
        return self.get(nomor)

    def _transition(
        self, r: Record, action: str, isi: dict[str, Any], day: date
    ) -> tuple[str, str, dict[str, Any]]:
        what = f"{r.jenis} {r.nomor}"
        state = STATUS_LABEL[r.status].lower()
        if action == "catat":
            if not str(isi.get("catatan", "")).strip():
                raise TrackerError("catatan tidak boleh kosong")
            return r.status, "catatan", {}
        if action == "sengketa":
            return r.status, "sengketa", self._dispute(r, isi, day, what)
        if action == "tanggapan_pemohon":
            if r.jenis != "keberatan" or r.keputusan is None:
                raise TrackerError(
                    f"{what}: tanggapan pemohon dicatat atas keputusan keberatan; "
                    "putuskan keberatannya dulu"
                )
            if not str(isi.get("tanggapan", "")).strip():
                raise TrackerError("tanggapan pemohon tidak boleh kosong")
            return r.status, "tanggapan_pemohon", {}
        if action == "kirim_surat":  # a letter already issued, sent to the requester
            return r.status, "surat_dikirim", self._sent_letter(r, isi, what)
        if action == "tugaskan":
            if r.status in ("selesai", "ditutup"):
                raise TrackerError(f"{what} sudah {state}; buka kembali dulu untuk menugaskan")
            return r.status, "ditugaskan", {}
        if action == "disposisi":
            if r.status in ("selesai", "ditutup"):
                raise TrackerError(f"{what} sudah {state}; buka kembali dulu untuk disposisi")
            if not str(isi.get("unit", "")).strip():
                raise TrackerError("sebutkan unit tujuan disposisi (folder unit di dip/)")
            return r.status, "didisposisikan", {}
        if action == "buka":
            if r.status not in ("selesai", "ditutup"):
                raise TrackerError(f"{what} masih terbuka (status: {state})")
            previous = "diputuskan" if r.keputusan else "diproses"
            return previous, "dibuka_kembali", {}
        if r.status in ("selesai", "ditutup") and action != "buka":
            raise TrackerError(
                f"{what} sudah {state}; buka kembali dulu ('buka') bila memang perlu diubah"
            )
        if action == "tutup":
            if isi.get("penutupan") == LEWAT_BATAS_KELENGKAPAN:
                due = self.completion_deadline(r)
                if due is None:
                    raise TrackerError(f"{what} tidak sedang menunggu kelengkapan persyaratan")
                if day <= due.due:
                    raise TrackerError(
                        f"{what}: batas melengkapi persyaratan {format_date(due.due)} belum "
                        "lewat; tunggu sampai sesudah tanggal itu"
                    )
                return "ditutup", "ditutup", {"batas_kelengkapan": due.due.isoformat()}
            if isi.get("penutupan"):
                raise TrackerError(f"alasan penutupan '{isi['penutupan']}' tidak dikenal")
            return "ditutup", "ditutup", {}
        if action == "draf":  # a unit's draft answer: on the timeline, the state unchanged
            if r.jenis != "permohonan":
                raise TrackerError(f"{what}: draf jawaban unit hanya untuk permohonan")
            if isi.get("tahap") not in DRAF_TAHAP:
                raise TrackerError(
                    f"tahap draf '{isi.get('tahap')}' tidak dikenal; pilihan: "
                    + ", ".join(DRAF_TAHAP)
                )
            if isi["tahap"] == "dikembalikan" and not str(isi.get("catatan", "")).strip():
                raise TrackerError("draf yang dikembalikan wajib disertai catatan untuk unit")
            return r.status, f"draf_{isi['tahap']}", {}
        if action == "proses":
            if r.status != "diterima":
                raise TrackerError(
                    f"{what} berstatus {state}; hanya yang berstatus diterima "
                    "yang dapat mulai diproses"
                )
            return "diproses", "diproses", {}
        if action == "minta_lengkapi":
            if r.jenis != "permohonan" or r.status not in ("diterima", "diproses"):
                raise TrackerError(
                    f"{what} berstatus {state}; permintaan kelengkapan hanya "
                    "untuk permohonan yang diterima atau diproses"
                )
            days = self.kelas(r).hari("kelengkapan")
            batas = self.calendar.add_working_days(day, days).due
            return "menunggu_kelengkapan", "diminta_melengkapi", {"batas": batas.isoformat()}
        if action == "lengkapi":
            if r.status != "menunggu_kelengkapan":
                raise TrackerError(f"{what} tidak sedang menunggu kelengkapan")
            return "diproses", "dilengkapi", {}
        if action == "perpanjang":
            return "diperpanjang", "diperpanjang", self._extension(r, isi, day, what, state)
        if action == "putuskan":
            return "diputuskan", "diputuskan", self._decision(r, isi, what, state)
        if action == "serahkan":
            if r.status != "diputuskan":
                raise TrackerError(f"{what} berstatus {state}; putuskan dulu sebelum diserahkan")
            paid = isi.get("dibayar")
            if paid is not None and (not isinstance(paid, int) or paid < 0):
                raise TrackerError("biaya yang dibayar harus bilangan rupiah 0 atau lebih")
            return "selesai", "diserahkan", {}
        raise TrackerError(f"tindakan '{action}' tidak dikenal")

    @staticmethod
    def _sent_letter(r: Record, isi: dict[str, Any], what: str) -> dict[str, Any]:
        """The letter a `kirim_surat` records as sent: one issued for the record (its number
        from the `surat` event, whatever was passed)."""
        jenis = str(isi.get("jenis", "")).strip()
        issued = r.letter(jenis)
        if issued is None:
            raise TrackerError(
                f"{what}: surat {jenis or '(jenis tidak disebut)'} belum diterbitkan; buat "
                f"suratnya dulu (ppid surat {r.nomor} --jenis {jenis or '...'})"
            )
        return {"nomor_surat": str(issued.isi["nomor_surat"])}

    def _extension(
        self, r: Record, isi: dict[str, Any], day: date, what: str, state: str
    ) -> dict[str, Any]:
        done = r.last("diperpanjang")
        if done is not None:
            raise TrackerError(
                f"{what} sudah diperpanjang pada {format_date(done.tanggal)}; "
                "perpanjangan hanya boleh satu kali (UU 14/2008 Pasal 22 ayat 8)"
            )
        if r.jenis != "permohonan" or r.status not in ("diterima", "diproses"):
            raise TrackerError(f"{what} berstatus {state}; tidak dapat diperpanjang")
        k = self.kelas(r)
        base = self.notice_deadline(r)
        if day > base.due:
            raise TrackerError(
                f"{what} tidak dapat diperpanjang lagi: perpanjangan hanya dapat diberikan "
                f"dalam {k.hari('pemberitahuan')} hari kerja pertama ({k.dasar('perpanjangan')}), "
                f"yang berakhir {format_date(base.due)}; kirim pemberitahuan tertulis segera"
            )
        if not str(isi.get("alasan", "")).strip():
            raise TrackerError("perpanjangan wajib disertai alasan tertulis")
        new = self.calendar.extend(base, k.hari("perpanjangan"))
        return {"tenggat_baru": new.due.isoformat()}

    def _dispute(self, r: Record, isi: dict[str, Any], day: date, what: str) -> dict[str, Any]:
        """One step of a dispute at the Komisi Informasi (then court), after the objection's
        answer or after it was not given in time."""
        if r.jenis != "keberatan":
            raise TrackerError(f"{what}: sengketa informasi dicatat pada keberatannya")
        due = self.deadline(r).due
        if r.keputusan is None and not (r.status in OPEN and day > due):
            raise TrackerError(
                f"{what} belum diputuskan dan jangka tanggapannya belum lewat "
                f"({format_date(due)}); sengketa diajukan sesudah tanggapan "
                "atasan PPID atau sesudah jangka itu lewat"
            )
        tahap = isi.get("tahap")
        if tahap not in SENGKETA_TAHAP:
            raise TrackerError(
                f"tahap sengketa '{tahap}' tidak dikenal; pilihan: {', '.join(SENGKETA_TAHAP)}"
            )
        steps = [str(e.isi.get("tahap")) for e in r.events if e.jenis == "sengketa"]
        order = list(SENGKETA_TAHAP)
        if not steps and tahap != "terdaftar":
            raise TrackerError(
                f"{what}: catat dulu pendaftaran sengketa di Komisi Informasi (tahap terdaftar)"
            )
        if steps and order.index(tahap) < order.index(steps[-1]):
            raise TrackerError(
                f"{what}: sengketa sudah pada tahap {SENGKETA_TAHAP[steps[-1]].lower()}; "
                f"tahap {SENGKETA_TAHAP[tahap].lower()} tidak dapat dicatat sesudahnya"
            )
        when = isi.get("tanggal") or day.isoformat()
        try:
            when_day = date.fromisoformat(str(when))
        except ValueError:
            raise TrackerError(f"tanggal sengketa '{when}' tidak valid; tulis YYYY-MM-DD") from None
        if when_day > day:
            raise TrackerError(f"tanggal sengketa {format_date(when_day)} ada di masa depan")
        if tahap in ("putusan", "pengadilan") and not str(isi.get("hasil", "")).strip():
            raise TrackerError(f"tahap {SENGKETA_TAHAP[tahap].lower()} wajib disertai hasilnya")
        return {"tanggal": when_day.isoformat()}

    @staticmethod
    def _decision(r: Record, isi: dict[str, Any], what: str, state: str) -> dict[str, Any]:
        if r.status not in ("diterima", "diproses", "diperpanjang"):
            raise TrackerError(f"{what} berstatus {state}; tidak dapat diputuskan")
        keputusan = isi.get("keputusan")
        if keputusan not in KEPUTUSAN:
            raise TrackerError(
                f"keputusan '{keputusan}' tidak dikenal; pilihan: {', '.join(KEPUTUSAN)}"
            )
        if r.jenis == "keberatan":
            if isi.get("alasan") or isi.get("pasal_17"):
                raise TrackerError(
                    "keberatan diputuskan tanpa alasan penolakan atau huruf Pasal 17; "
                    "tuliskan pertimbangan atasan PPID (--pertimbangan)"
                )
            if keputusan == "ditolak" and not str(isi.get("pertimbangan", "")).strip():
                raise TrackerError(
                    "keberatan yang ditolak (menguatkan keputusan PPID) wajib disertai alasan "
                    "tertulis atasan PPID (--pertimbangan; UU 14/2008 Pasal 36 ayat 3)"
                )
            return {}
        if keputusan == "ditolak":
            alasan = isi.get("alasan")
            if alasan not in ALASAN_TOLAK:
                raise TrackerError(f"penolakan wajib disertai alasan: {', '.join(ALASAN_TOLAK)}")
            # one letter of Pasal 17, a to j: "hij" or "" is none of them
            if alasan == "dikecualikan" and isi.get("pasal_17") not in PASAL_17:
                raise TrackerError(
                    "penolakan karena dikecualikan wajib menyebut huruf Pasal 17 (a sampai j)"
                )
        return {}

    def candidates(self, urut: int) -> _Records:
        """Every record with this sequence number, of any kind and year, in filing order:
        what a short number typed by staff could mean."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(store.records)
                    .where(store.records.c.urut == urut, self.mine())
                    .order_by(store.records.c.id)
                )
                .mappings()
                .all()
            )
            return self.records(conn, rows)


_Records = list[Record]  # inside Tracker, `list` is the method of that name


def _listed(records: _Records) -> str:
    """Full numbers with their kind and day of receipt, for a refusal of a short number."""
    return ", ".join(f"{r.nomor} ({r.jenis}, {format_date(r.diterima)})" for r in records)


def _missing(data: dict[str, Any]) -> str:
    """Why a request waits for its requirements, as the intake found it."""
    kurang = data.get("kurang")
    if isinstance(kurang, list) and kurang:
        return belum_dilampirkan([str(k) for k in kurang])
    return "dokumen identitas belum dilampirkan"


def _only_text(values: dict[str, Any]) -> None:
    """Every text that reaches a record is valid Unicode: whatever the door it came in by
    (the relay checks at intake; this holds for the command line and any other caller)."""
    for key, value in values.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and not is_text(text):
                raise TrackerError(f"{key} berisi karakter yang tidak sah; ketik ulang isinya")
