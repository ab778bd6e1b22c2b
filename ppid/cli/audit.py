"""`ppid audit`: the audit log and the records' timelines of a period, read in one place.

The audit log holds sign-ins, refusals, document views and account changes (with the
address); the timeline holds what was done to each record. Both are printed here in the
office's time zone, oldest first, each line marked with where it comes from.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import click
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from forms.desk.audit import TINDAKAN_LABEL, AuditLog
from forms.store import tables as store
from forms.vocab import PERISTIWA
from ppid.cli.bahasa import Command, parse_day
from ppid.cli.common import KANTOR, open_tracker
from site_builder.clock import OfficeClock
from site_builder.dates import format_date

AUDIT = "audit"
TIMELINE = "linimasa"


@dataclass(frozen=True)
class Line:
    """One thing someone did: from the audit log or from a record's timeline."""

    sumber: str
    waktu: datetime  # in the office's zone
    pengguna: str
    alamat: str
    tindakan: str
    label: str
    sasaran: str
    isi: dict[str, Any]

    def text(self, clock: OfficeClock) -> str:
        cells = [
            f"[{self.sumber}]",
            format_date(self.waktu.date()),
            clock.shown(self.waktu),
            self.pengguna or "-",
            self.alamat or "-",
            self.label,
            self.sasaran or "-",
            details(self.isi) or "-",
        ]
        return " | ".join(cells)

    def data(self) -> dict[str, Any]:
        return {
            "sumber": self.sumber,
            "waktu": self.waktu.isoformat(),
            "pengguna": self.pengguna,
            "alamat": self.alamat,
            "tindakan": self.tindakan,
            "label": self.label,
            "sasaran": self.sasaran,
            "isi": self.isi,
        }


def details(isi: dict[str, Any]) -> str:
    """An entry's details on one line: key: value; lists joined with commas."""
    parts = []
    for key, value in isi.items():
        if value is None or value == "" or value == []:
            continue
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        parts.append(f"{key}: {' '.join(shown.split())}")
    return "; ".join(parts)


def matches(who: str, wanted: str | None) -> bool:
    """Whether an entry's user is the one asked for: the account name itself, a command
    run as cli:<name>, or a timeline signature 'Name (account)'."""
    if not wanted:
        return True
    who, wanted = who.strip().lower(), wanted.strip().lower()
    return who in (wanted, f"cli:{wanted}") or who.endswith(f"({wanted})")


def audit_lines(engine: Engine, dari: date, sampai: date, clock: OfficeClock) -> Iterator[Line]:
    for e in AuditLog(engine).read(dari, sampai, clock):
        yield Line(
            AUDIT,
            e.waktu,
            e.pengguna,
            e.alamat,
            e.tindakan,
            TINDAKAN_LABEL.get(e.tindakan, e.tindakan),
            e.sasaran,
            e.isi,
        )


def timeline_lines(engine: Engine, dari: date, sampai: date, clock: OfficeClock) -> Iterator[Line]:
    """Every timeline event recorded in the period (by when it was written, not the day it
    is counted on), with its record's number."""
    start = datetime.combine(dari, time.min, clock.tz).astimezone(UTC)
    end = datetime.combine(sampai + timedelta(days=1), time.min, clock.tz).astimezone(UTC)
    e, r = store.events.c, store.records.c
    query = (
        sa.select(e.jenis, e.oleh, e.waktu, e.tanggal, e.isi, r.nomor)
        .select_from(store.events.join(store.records, r.id == e.record_id))
        .where(e.waktu >= start, e.waktu < end)
        .order_by(e.id)
    )
    with engine.connect() as conn:
        for row in conn.execute(query).mappings():
            isi = dict(row["isi"] or {})
            waktu = clock.local(row["waktu"])
            if row["tanggal"] != waktu.date():  # recorded for another day (a letter's date)
                isi = {"tanggal": row["tanggal"].isoformat(), **isi}
            yield Line(
                TIMELINE,
                waktu,
                row["oleh"],
                "",
                row["jenis"],
                PERISTIWA.get(row["jenis"], row["jenis"]),
                row["nomor"],
                isi,
            )


@click.command("audit", cls=Command)
@click.option(
    "--dari", callback=parse_day, metavar="YYYY-MM-DD", help="Hari pertama (bawaan: hari ini)."
)
@click.option(
    "--sampai",
    callback=parse_day,
    metavar="YYYY-MM-DD",
    help="Hari terakhir, ikut dihitung (bawaan: sama dengan --dari).",
)
@click.option("--pengguna", metavar="NAMA", help="Hanya yang dilakukan akun ini.")
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON (satu daftar).")
@KANTOR
def audit(dari: date | None, sampai: date | None, pengguna: str | None, as_json: bool) -> None:
    """Log audit dan linimasa catatan suatu periode, menurut zona waktu kantor.

    Satu baris per kejadian: [sumber] tanggal | jam | pengguna | alamat | tindakan |
    sasaran | rincian. Sumber 'audit' adalah log meja layanan (masuk, akses ditolak,
    dokumen identitas dibuka, perubahan akun, ...); 'linimasa' adalah tindakan atas
    permohonan dan keberatan.

    Contoh: ppid audit --dari 2026-11-01 --sampai 2026-11-30 --pengguna rina
    """
    tracker = open_tracker()
    clock = tracker.clock
    first = dari or tracker.today()
    last = sampai or first
    if last < first:
        raise click.BadParameter(
            f"{format_date(last)} sebelum --dari {format_date(first)}", param_hint="'--sampai'"
        )
    found = [
        line
        for line in [
            # at the same moment the record's event first: the desk writes it, then audits
            *timeline_lines(tracker.engine, first, last, clock),
            *audit_lines(tracker.engine, first, last, clock),
        ]
        if matches(line.pengguna, pengguna)
    ]
    found.sort(key=lambda line: line.waktu)  # stable: each source keeps its own order
    if as_json:
        click.echo(json.dumps([line.data() for line in found], ensure_ascii=False, indent=2))
        return
    period = format_date(first) if first == last else f"{format_date(first)} - {format_date(last)}"
    if not found:
        click.echo(f"tidak ada kejadian pada {period}" + (f" oleh {pengguna}" if pengguna else ""))
        return
    for line in found:
        click.echo(line.text(clock))
    click.echo(f"{len(found)} kejadian pada {period} ({clock.zona})")
