"""Laporan bulanan layanan informasi publik: the seed SOPs' monthly report to the head of the
Bagian/Sub Bagian, as a nota dinas: the month's counts and the timeline of every late request.

Internal (it names staff and shows every step), so it is made from the relay's records, not
from the public register, and is not published on the site.
"""

from __future__ import annotations

import calendar as _calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from forms.vocab import (
    ALASAN_TOLAK_LABEL,
    KEPUTUSAN,
    KEPUTUSAN_LABEL,
    PERISTIWA,
    ROMAWI,
    SALURAN_LABEL,
)

if TYPE_CHECKING:
    from forms.tracker import Record, Tracker
from site_builder import dokumen
from site_builder.dates import BULAN, format_date
from site_builder.dip.model import Office


@dataclass(frozen=True)
class Bulan:
    """A calendar month."""

    tahun: int
    bulan: int

    @classmethod
    def parse(cls, text: str) -> Bulan:
        """'2026-11' -> Bulan(2026, 11); ValueError with an Indonesian message otherwise."""
        try:
            year, month = (int(x) for x in text.strip().split("-"))
            date(year, month, 1)
        except ValueError:
            raise ValueError(
                f"'{text}' bukan bulan; tulis sebagai YYYY-MM, misalnya 2026-11"
            ) from None
        return cls(year, month)

    @property
    def first(self) -> date:
        """The first day of the month."""
        return date(self.tahun, self.bulan, 1)

    @property
    def last(self) -> date:
        """The last day of the month."""
        return date(self.tahun, self.bulan, _calendar.monthrange(self.tahun, self.bulan)[1])

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def __str__(self) -> str:
        return f"{BULAN[self.bulan - 1]} {self.tahun}"


def _open_on(r: Record, day: date) -> bool:
    """Was the record received and still waiting for its decision at the end of `day`?
    Replayed from the timeline, so a record reopened later is open again from then on."""
    if r.diterima > day:
        return False
    waiting = True
    for e in r.events:
        if e.tanggal > day:
            break
        if e.jenis in ("diputuskan", "ditutup"):
            waiting = False
        elif e.jenis == "dibuka_kembali":
            waiting = True
    return waiting


def _waiting_on(r: Record, day: date) -> bool:
    """Was the request waiting for its requirements at the end of `day`?"""
    waiting = False
    for e in r.events:
        if e.tanggal > day:
            break
        if e.jenis == "diminta_melengkapi":
            waiting = True
        elif e.jenis in ("dilengkapi", "ditutup", "diputuskan"):
            waiting = False
    return waiting


def _past_completion_on(tracker: Tracker, r: Record, day: date) -> bool:
    """Waiting for its requirements at the end of `day` and past the day they had to come by
    then ("lewat batas kelengkapan"), replayed from the timeline up to `day`."""
    if not _waiting_on(r, day):
        return False
    due = tracker.completion_deadline_on(r, day)
    return due is not None and day > due.due


def _late_in(tracker: Tracker, r: Record, month: Bulan, made: date) -> bool:
    """Late, as the month saw it: decided in the month after the deadline, or still waiting
    at the end of the month (or on the day the report is made, if earlier) past its deadline.
    Judged from the timeline up to that day, not from the record's state today."""
    due = tracker.deadline(r).due
    end = min(month.last, made)
    decided = [
        e.tanggal
        for e in r.events
        if e.jenis == "diputuskan" and e.tanggal in month and e.tanggal <= end
    ]
    if decided and decided[-1] > due:
        return True
    if _waiting_on(r, end):  # the requester's time, not the office's
        return False
    return _open_on(r, end) and due < end


def _isi(isi: dict[str, object]) -> str:
    """An event's details in words."""
    parts = []
    for key, value in isi.items():
        text = str(value)
        if key == "keputusan":
            text = KEPUTUSAN_LABEL.get(text, text)
        elif key == "alasan":
            text = ALASAN_TOLAK_LABEL.get(text, text)
        elif key == "saluran":
            text = SALURAN_LABEL.get(text, text)
        elif key == "pasal_17":
            text = f"Pasal 17 huruf {text}"
        elif key in ("tenggat_baru", "batas"):
            text = f"tenggat {format_date(date.fromisoformat(text))}"
        elif key == "nomor_surat":
            text = f"nomor {text}"
        parts.append(text)
    return "; ".join(parts) or "-"


NOTA_DINAS_FORMAT = "{nomor:03d}/ND/PPID/{bulan_romawi}/{tahun}"
CLOSING = (
    "Demikian laporan ini kami sampaikan untuk menjadi perhatian. Atas perhatian "
    "Bapak/Ibu, kami ucapkan terima kasih."
)


def nomor_nota_dinas(month: Bulan, fmt: str = NOTA_DINAS_FORMAT, kantor: str = "") -> str:
    """The nota dinas's number: the series of the monthly reports, one a month, so its
    number is the month's own (the same each time the month's report is made); `kantor`
    the office's kode in a deployment of many."""
    return fmt.format(
        nomor=month.bulan,
        kantor=kantor,
        bulan_romawi=ROMAWI[month.bulan - 1],
        bulan=month.bulan,
        tahun=month.tahun,
    )


def bulanan(
    tracker: Tracker,
    month: Bulan,
    office: Office,
    made: date,
    kepada: str | None = None,
    nomor_format: str = NOTA_DINAS_FORMAT,
) -> dokumen.Document:
    """The monthly report as document blocks: a nota dinas (Yth., Dari, Tanggal, Nomor,
    Sifat, Lampiran, Hal), the month's figures, the late requests, and the PPID's signature
    kept with the closing paragraph."""
    permohonan = tracker.list("permohonan")
    keberatan = tracker.list("keberatan")
    received = [r for r in permohonan if r.diterima in month]
    decided = [r for r in permohonan if (e := r.last("diputuskan")) and e.tanggal in month]
    extended = [r for r in permohonan if (e := r.last("diperpanjang")) and e.tanggal in month]
    handed = [r for r in permohonan if (e := r.last("diserahkan")) and e.tanggal in month]
    open_at_end = [r for r in permohonan if _open_on(r, min(month.last, made))]
    incomplete = [r for r in permohonan if _past_completion_on(tracker, r, min(month.last, made))]
    late = sorted(
        (r for r in permohonan if _late_in(tracker, r, month, made)), key=lambda r: r.diterima
    )
    decisions: Counter[str] = Counter(str((r.keputusan or {}).get("keputusan")) for r in decided)
    reasons: Counter[str] = Counter(
        str((r.keputusan or {}).get("alasan"))
        for r in decided
        if (r.keputusan or {}).get("keputusan") == "ditolak"
    )
    channels: Counter[str] = Counter(r.saluran for r in received)
    k_received = [r for r in keberatan if r.diterima in month]
    k_decided = [r for r in keberatan if (e := r.last("diputuskan")) and e.tanggal in month]

    doc = dokumen.Document(f"Laporan Bulanan Layanan Informasi Publik {month}")
    b = doc.blocks
    b += [
        dokumen.kop(office),
        dokumen.Heading("NOTA DINAS"),
        dokumen.Fields(
            (
                ("Yth.", kepada or office.atasan_ppid.jabatan),
                ("Dari", f"PPID ({office.ppid.jabatan})"),
                ("Tanggal", format_date(made)),
                ("Nomor", nomor_nota_dinas(month, nomor_format, tracker.kantor)),
                ("Sifat", "Biasa"),
                ("Lampiran", "-"),
                ("Hal", f"Laporan bulanan layanan informasi publik bulan {month}"),
            )
        ),
        dokumen.Para(
            f"Bersama ini kami laporkan data layanan informasi publik {office.nama} "
            f"bulan {month} (1 sampai {format_date(month.last)}), dihitung dari "
            "register layanan, beserta linimasa setiap permohonan yang melewati "
            "tenggat."
        ),
    ]
    rows: list[tuple[str, str]] = [("Permohonan diterima", str(len(received)))]
    rows += [
        (f"• melalui {SALURAN_LABEL.get(k, k).lower()}", str(n))
        for k, n in sorted(channels.items())
    ]
    rows += [("Permohonan diputuskan", str(len(decided)))]
    rows += [(f"• {KEPUTUSAN_LABEL[k].lower()}", str(decisions.get(k, 0))) for k in KEPUTUSAN]
    rows += [
        (f"• ditolak karena {ALASAN_TOLAK_LABEL[k].lower()}", str(n))
        for k, n in sorted(reasons.items())
        if k in ALASAN_TOLAK_LABEL
    ]
    rows += [
        ("Permohonan diperpanjang", str(len(extended))),
        ("Informasi diserahkan", str(len(handed))),
        (f"Masih terbuka pada {format_date(min(month.last, made))}", str(len(open_at_end))),
        ("Melewati tenggat (lihat linimasa di bawah)", str(len(late))),
        ("Lewat batas kelengkapan (menunggu pemohon; bukan keterlambatan)", str(len(incomplete))),
        ("Keberatan diterima", str(len(k_received))),
        ("Keberatan diputuskan atasan PPID", str(len(k_decided))),
    ]
    b.append(
        dokumen.Grid(
            ("Uraian", "Jumlah"),
            tuple(rows),
            widths=(0.75, 0.25),
            title=f"Data layanan bulan {month}",
        )
    )
    b.append(dokumen.Section("Permohonan yang melewati tenggat"))
    if not late:
        b.append(dokumen.Para("Tidak ada permohonan yang melewati tenggat pada bulan ini."))
    for r in late:
        due = tracker.deadline(r).due
        d = r.last("diputuskan")
        state = (
            (
                f"diputuskan {format_date(d.tanggal)}, "
                f"{tracker.calendar.working_days_between(due, d.tanggal)} hari kerja setelah "
                "tenggat"
            )
            if d
            else "belum diputuskan"
        )
        b.append(
            dokumen.Para(
                f"**{r.nomor}**: {r.judul} (diterima {format_date(r.diterima)}, "
                f"tenggat {format_date(due)}, {state}; petugas: "
                f"{r.petugas or 'belum ditugaskan'})."
            )
        )
        b.append(
            dokumen.Grid(
                ("Tanggal", "Peristiwa", "Oleh", "Keterangan"),
                tuple(
                    (format_date(e.tanggal), PERISTIWA.get(e.jenis, e.jenis), e.oleh, _isi(e.isi))
                    for e in r.events
                ),
                widths=(0.2, 0.2, 0.2, 0.4),
            )
        )
    if incomplete:
        b.append(dokumen.Section("Permohonan yang lewat batas kelengkapan"))
        b.append(
            dokumen.Para(
                "Persyaratan permohonan berikut tidak dilengkapi pemohon sampai batasnya; "
                "permohonan dapat ditutup dengan alasan lewat batas kelengkapan "
                "(ppid permohonan tutup NOMOR --lewat-batas-kelengkapan)."
            )
        )
        b.append(
            dokumen.Grid(
                ("Nomor", "Diterima", "Batas melengkapi"),
                tuple(
                    (
                        r.nomor,
                        format_date(r.diterima),
                        format_date(kel.due) if (kel := tracker.completion_deadline(r)) else "-",
                    )
                    for r in incomplete
                ),
                widths=(0.4, 0.3, 0.3),
            )
        )
    b.append(dokumen.Para(CLOSING))
    b.append(dokumen.ppid_signature(office, made))
    return doc
