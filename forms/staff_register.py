"""The staff registers in the Perki 1/2021 format: register permohonan and register keberatan.

INTERNAL documents: unlike the public register (forms/register.py, anonymised), every row
carries the requester's personal data (name, NIK or SK number, address, phone, e-mail), so a
workbook made here is personal data under UU 27/2022 (PDP) and is never published. Nothing in
the site build calls this module; `ppid register permohonan|keberatan` writes it to a file
staff choose.

One sheet per workbook: a title, the office, the warning, the header (bold, frozen, filtered),
one row per record of the year, oldest first. The same records and day give the same bytes
(site_builder.workbook). Record data is read defensively: a missing key is "-".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any, NamedTuple

from forms.tracker import Record, Tracker
from forms.vocab import (
    ALASAN_TOLAK_LABEL,
    KEPUTUSAN_LABEL,
    SALURAN_LABEL,
    SENGKETA_TAHAP,
    STATUS_LABEL,
)
from site_builder import text
from site_builder.dates import format_date
from site_builder.dip.model import BENTUK_LABEL, PASAL_17_LABEL, Office
from site_builder.layanan import (
    ALASAN_KEBERATAN,
    CARA_MEMPEROLEH,
    CARA_SALINAN,
    JENIS_PEMOHON,
    rupiah,
)
from site_builder.text import clean
from site_builder.workbook import cell, safe, save

NONE = "-"
WARNING = (
    "RAHASIA - DOKUMEN INTERNAL PPID. Berisi data pribadi pemohon (UU 27/2022 tentang "
    "Pelindungan Data Pribadi): jangan diterbitkan, diunggah ke situs, atau dibagikan. "
    "Untuk publikasi gunakan register publik yang dianonimkan (ppid register export)."
)

# (header, column width), in the order of the Perki 1/2021 register forms
PERMOHONAN_COLUMNS: tuple[tuple[str, int], ...] = (
    ("No.", 5),
    ("Nomor pendaftaran", 20),
    ("Tanggal permohonan", 17),
    ("Nama", 24),
    ("Jenis pemohon", 14),
    ("NIK / nomor SK badan hukum", 21),
    ("Alamat", 30),
    ("Nomor kontak (telepon/surel)", 26),
    ("Pekerjaan", 16),
    ("Informasi yang diminta", 40),
    ("Tujuan penggunaan informasi", 30),
    ("Status informasi (dikuasai / tidak dikuasai / belum didokumentasikan)", 22),
    ("Bentuk informasi yang dikuasai (cetak / softcopy / rekaman)", 20),
    ("Jenis permohonan (melihat/mengetahui / meminta salinan)", 30),
    ("Keputusan (dikabulkan seluruhnya / sebagian / ditolak)", 20),
    ("Alasan penolakan", 32),
    ("Hari dan tanggal pemberitahuan tertulis", 24),
    ("Tanggal penyerahan informasi", 18),
    ("Biaya dan cara pembayaran", 30),
    ("Jangka waktu (hari kerja yang digunakan)", 12),
    ("Tepat waktu / terlambat", 14),
    ("Keterangan", 44),
)
KEBERATAN_COLUMNS: tuple[tuple[str, int], ...] = (
    ("No.", 5),
    ("Nomor keberatan", 20),
    ("Tanggal diterima", 17),
    ("Identitas pemohon atau kuasanya (nama, alamat, kontak)", 36),
    ("Diajukan melalui kuasa", 12),
    ("Nomor pendaftaran permohonan", 20),
    ("Informasi yang diminta", 36),
    ("Tujuan penggunaan informasi", 28),
    ("Alasan keberatan (Pasal 35 ayat 1)", 40),
    ("Kasus posisi", 36),
    ("Keputusan atasan PPID", 20),
    ("Pertimbangan tertulis", 32),
    ("Hari dan tanggal tanggapan", 24),
    ("Nama dan jabatan atasan PPID", 30),
    ("Tanggapan pemohon atas keputusan", 30),
    ("Sengketa (tahap terakhir dan hasil)", 36),
    ("Jangka waktu (hari kerja yang digunakan)", 12),
    ("Tepat waktu / terlambat", 14),
    ("Keterangan", 36),
)
COLUMNS = {"permohonan": PERMOHONAN_COLUMNS, "keberatan": KEBERATAN_COLUMNS}
JUDUL = {
    "permohonan": "REGISTER PERMOHONAN INFORMASI PUBLIK",
    "keberatan": "REGISTER KEBERATAN ATAS PERMOHONAN INFORMASI PUBLIK",
}
JENIS_PERMOHONAN = {
    "melihat": "Melihat/mengetahui",
    "salinan_cetak": "Meminta salinan",
    "salinan_softcopy": "Meminta salinan",
}


def _text(value: Any) -> str:
    """A stored value as cell text: lists joined, nothing as "-"."""
    if value is None or value == "" or value == []:
        return NONE
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value if v not in (None, "")) or NONE
    return clean(str(value)).strip() or NONE


def _day(value: date | None, weekday: bool = False) -> str:
    return format_date(value, weekday) if value is not None else NONE


def _timing(tracker: Tracker, r: Record, today: date) -> tuple[int, str]:
    """Working days used (to the decision, or to today while open) and on time or late."""
    decided = r.last("diputuskan")
    end = decided.tanggal if decided else today
    days = tracker.calendar.working_days_between(r.diterima, end)
    if tracker.is_overdue(r, today):
        return days, "Terlambat"
    if decided is not None:
        return days, "Tepat waktu"
    return days, f"Belum diputuskan (tenggat {format_date(tracker.deadline(r).due)})"


def _notes(tracker: Tracker, r: Record, today: date) -> str:
    """The state, what happened to the clock, how the record came in."""
    notes = [f"Status: {STATUS_LABEL.get(r.status, r.status)}"]
    if tracker.past_completion(r, today):
        notes.append("Lewat batas kelengkapan persyaratan")
    extended = r.last("diperpanjang")
    if extended is not None:
        why = _text(extended.isi.get("alasan"))
        notes.append(
            f"Diperpanjang pada {format_date(extended.tanggal)} ({why}); tenggat baru "
            f"{format_date(tracker.deadline(r).due)}"
        )
    if r.data.get("kuasa") is True:
        notes.append("Diajukan melalui kuasa")
    notes.append(f"Diterima melalui: {SALURAN_LABEL.get(r.saluran, r.saluran)}")
    return "; ".join(notes)


# --- register permohonan ------------------------------------------------------------------
def _identity_number(data: dict[str, Any]) -> str:
    nik, sk = data.get("nik"), data.get("nomor_sk_badan_hukum")
    if data.get("jenis_pemohon") == "badan_hukum":
        return _text(sk) if sk else _text(nik)
    return _text(nik) if nik else _text(sk)


def _contact(data: dict[str, Any]) -> str:
    found = [_text(data.get(k)) for k in ("telepon", "email") if data.get(k)]
    return " / ".join(found) or NONE


def _status_info(decision: dict[str, Any] | None) -> str:
    if decision is None:
        return NONE
    alasan = decision.get("alasan")
    if alasan == "tidak_dikuasai":
        return "Tidak dikuasai"
    if alasan == "belum_didokumentasikan":
        return "Belum didokumentasikan"
    return "Dikuasai"


def _bentuk(decision: dict[str, Any] | None) -> str:
    if decision is None or decision.get("alasan") in ("tidak_dikuasai", "belum_didokumentasikan"):
        return NONE
    return (
        ", ".join(BENTUK_LABEL.get(b, b) for b in text.items(decision.get("bentuk_dikuasai")))
        or NONE
    )


def _jenis_permohonan(data: dict[str, Any]) -> str:
    cara = str(data.get("cara_memperoleh") or "")
    if cara not in CARA_MEMPEROLEH:
        return NONE
    out = f"{JENIS_PERMOHONAN[cara]}: {CARA_MEMPEROLEH[cara]}"
    salinan = CARA_SALINAN.get(str(data.get("cara_salinan") or ""))
    if cara != "melihat" and salinan:
        out += f"; cara mendapatkan salinan: {salinan}"
    return out


def _refusal(decision: dict[str, Any] | None) -> str:
    """The reason a request was refused (wholly or in part), with its Pasal 17 letters."""
    if decision is None or decision.get("keputusan") == "dikabulkan_seluruhnya":
        return NONE
    parts = []
    alasan = str(decision.get("alasan") or "")
    if alasan in ALASAN_TOLAK_LABEL:
        parts.append(ALASAN_TOLAK_LABEL[alasan])
    letters = text.items(decision.get("pasal_17"))
    if letters:
        parts.append(
            "UU 14/2008 Pasal 17 "
            + "; ".join(f"huruf {x} ({PASAL_17_LABEL.get(x, '-')})" for x in letters)
        )
    return ": ".join(parts) if parts else NONE


def _cost(r: Record) -> str:
    decision = r.keputusan or {}
    handed = r.last("diserahkan")
    paid = handed.isi if handed else {}
    parts = []
    if decision.get("biaya"):
        parts.append(_text(decision["biaya"]))
    copies = []
    if isinstance(decision.get("halaman"), int) and not isinstance(decision["halaman"], bool):
        copies.append(f"{decision['halaman']} halaman")
    if decision.get("media"):
        copies.append(_text(decision["media"]))
    if copies:
        parts.append(", ".join(copies))
    dibayar = paid.get("dibayar")
    if isinstance(dibayar, int) and not isinstance(dibayar, bool):
        parts.append(f"dibayar {rupiah(dibayar)}" if dibayar else "tanpa biaya")
    if paid.get("cara_bayar"):
        parts.append(f"cara pembayaran: {_text(paid['cara_bayar'])}")
    return "; ".join(parts) or NONE


def permohonan_row(tracker: Tracker, n: int, r: Record, today: date) -> list[str | int]:
    """One row of the register permohonan."""
    data, decision = r.data, r.keputusan
    decided, handed = r.last("diputuskan"), r.last("diserahkan")
    days, timely = _timing(tracker, r, today)
    keputusan = str(decision.get("keputusan")) if decision else ""
    return [
        n,
        r.nomor,
        format_date(r.diterima),
        _text(data.get("nama")),
        JENIS_PEMOHON.get(str(data.get("jenis_pemohon")), NONE),
        _identity_number(data),
        _text(data.get("alamat")),
        _contact(data),
        _text(data.get("pekerjaan")),
        _text(data.get("rincian_informasi") or r.judul),
        _text(data.get("tujuan_penggunaan")),
        _status_info(decision),
        _bentuk(decision),
        _jenis_permohonan(data),
        KEPUTUSAN_LABEL.get(keputusan, NONE),
        _refusal(decision),
        _day(decided.tanggal if decided else None, weekday=True),
        _day(handed.tanggal if handed else None),
        _cost(r),
        days,
        timely,
        _notes(tracker, r, today),
    ]


# --- register keberatan -------------------------------------------------------------------
def _objector(data: dict[str, Any]) -> str:
    lines = [_text(data.get("nama")), _text(data.get("alamat")), _contact(data)]
    return "\n".join(lines)


def _grounds(data: dict[str, Any]) -> str:
    letters = text.items(data.get("alasan"))
    return "\n".join(f"{x}. {ALASAN_KEBERATAN.get(x, '-')}" for x in letters) or NONE


def _dispute(r: Record) -> str:
    """The last stage of the dispute at the Komisi Informasi or in court, and its outcome."""
    event = r.last("sengketa")
    if event is None:
        return NONE
    isi = event.isi
    tahap = str(isi.get("tahap") or "")
    out = SENGKETA_TAHAP.get(tahap, _text(tahap))
    when: date | None = event.tanggal
    if isinstance(isi.get("tanggal"), str):
        try:
            when = date.fromisoformat(isi["tanggal"])
        except ValueError:
            when = event.tanggal
    out += f" ({_day(when)})"
    if isi.get("nomor_register"):
        out += f", nomor {_text(isi['nomor_register'])}"
    if isi.get("hasil"):
        out += f": {_text(isi['hasil'])}"
    return out


def keberatan_row(
    tracker: Tracker,
    n: int,
    r: Record,
    parent: Record | None,
    office: Office,
    today: date,
) -> list[str | int]:
    """One row of the register keberatan (`parent`: the permohonan it objects to)."""
    data, decision = r.data, r.keputusan
    decided = r.last("diputuskan")
    answer = r.last("tanggapan_pemohon")
    days, timely = _timing(tracker, r, today)
    source = parent.data if parent else {}
    atasan = office.atasan_ppid
    return [
        n,
        r.nomor,
        format_date(r.diterima),
        _objector(data),
        "Ya" if data.get("kuasa") is True else "Tidak",
        parent.nomor if parent else _text(data.get("nomor_permohonan")),
        _text(source.get("rincian_informasi") or (parent.judul if parent else None)),
        _text(source.get("tujuan_penggunaan")),
        _grounds(data),
        _text(data.get("kasus_posisi")),
        KEPUTUSAN_LABEL.get(str(decision.get("keputusan")), NONE) if decision else NONE,
        _text(decision.get("pertimbangan")) if decision else NONE,
        _day(decided.tanggal if decided else None, weekday=True),
        f"{atasan.nama}, {atasan.jabatan}" if decided else NONE,
        _text(answer.isi.get("tanggapan")) if answer else NONE,
        _dispute(r),
        days,
        timely,
        _notes(tracker, r, today),
    ]


# --- the workbook -------------------------------------------------------------------------
def records(tracker: Tracker, jenis: str, tahun: int) -> list[Record]:
    """The year's records of a kind, oldest first."""
    return sorted(tracker.list(jenis, tahun=tahun), key=lambda r: (r.diterima, r.id))


def _rows(
    tracker: Tracker, jenis: str, listed: list[Record], office: Office, today: date
) -> list[list[str | int]]:
    """The register's rows of these records (without the header), numbered from 1,
    formula-safe."""
    out: list[list[str | int]] = []
    parents: dict[int, Record | None] = {}
    for n, r in enumerate(listed, start=1):
        if jenis == "permohonan":
            row = permohonan_row(tracker, n, r, today)
        else:
            if r.induk_id is not None and r.induk_id not in parents:
                parents[r.induk_id] = tracker.get_by_id(r.induk_id)
            parent = parents.get(r.induk_id) if r.induk_id is not None else None
            row = keberatan_row(tracker, n, r, parent, office, today)
        out.append([v if v == NONE else safe(v) for v in row])  # "-" alone is no formula
    return out


class Export(NamedTuple):
    """A register's workbook and how many records it holds."""

    content: bytes
    jumlah: int


def export(tracker: Tracker, jenis: str, tahun: int, office: Office, today: date) -> Export:
    """The register of a kind and year as an XLSX workbook, with its count: the year's
    records read once, for the file and for the count."""
    listed = records(tracker, jenis, tahun)
    return Export(_workbook(tracker, jenis, tahun, office, today, listed), len(listed))


def build(tracker: Tracker, jenis: str, tahun: int, office: Office, today: date) -> bytes:
    """The register of a kind and year as an XLSX workbook; the same bytes for the same data."""
    return export(tracker, jenis, tahun, office, today).content


def _workbook(
    tracker: Tracker,
    jenis: str,
    tahun: int,
    office: Office,
    today: date,
    listed: list[Record],
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = COLUMNS[jenis]
    body = _rows(tracker, jenis, listed, office, today)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Register {jenis}")
    for i, (_name, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header_row = 5
    ws.freeze_panes = f"C{header_row + 1}"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(body), 1)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    ws.append([cell(ws, f"{JUDUL[jenis]} TAHUN {tahun}", Font(bold=True, size=13))])
    ws.append([cell(ws, safe(office.nama), bold)])
    ws.append([cell(ws, WARNING, Font(bold=True, color="C00000"))])
    ws.append([f"Keadaan pada {format_date(today)}; {len(body)} {jenis}."])
    ws.append([cell(ws, name, bold, wrap) for name, _width in columns])
    for values in body:
        ws.append([cell(ws, v, None, wrap) for v in values])
    wb.properties.creator = office.nama
    wb.properties.title = f"{JUDUL[jenis].title()} {tahun} (internal, berisi data pribadi)"
    return save(wb, datetime.combine(today, time(0, 0)))


def header(jenis: str) -> Sequence[str]:
    """The column names of a register."""
    return [name for name, _width in COLUMNS[jenis]]
