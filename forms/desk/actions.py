"""What each record action asks for on the desk: its fields, their labels and rules.

The same actions as `ppid permohonan|keberatan ...` (the tracker decides what is lawful and
says why); this module only turns a posted form into the tracker's arguments, refusing an
unknown choice, a non-number or a bad date with the field's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from forms import vocab
from forms.tracker import Record
from site_builder.dip.model import BENTUK, BENTUK_LABEL, PASAL_17


class FieldProblem(ValueError):
    """One posted field is unusable: (field, message)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "teks"  # teks | panjang | pilihan | banyak | tanggal | angka | centang
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    help: str = ""
    # choices filled in per page: "pengguna" (staff accounts), "unit", "entri" (exempted)
    source: str = ""
    limit: int = 5000  # characters


@dataclass(frozen=True)
class Action:
    code: str  # the tracker's action
    label: str  # the button
    fields: tuple[Field, ...] = ()
    help: str = ""
    danger: bool = False


def _labels(values: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(values.items())


CATATAN = Field("catatan", "Catatan (masuk linimasa)", "panjang")
PERMOHONAN: tuple[Action, ...] = (
    Action(
        "tugaskan",
        "Tugaskan",
        (Field("petugas", "Petugas", "pilihan", required=True, source="pengguna"),),
    ),
    Action(
        "disposisi",
        "Disposisikan ke unit",
        (
            Field("unit", "Unit", "pilihan", required=True, source="unit"),
            Field("catatan", "Petunjuk untuk unit", "panjang"),
        ),
        "Pelaksana unit itu diberi tahu lewat surel dan melihatnya di Beranda.",
    ),
    Action("proses", "Mulai proses"),
    Action(
        "minta_lengkapi",
        "Minta pemohon melengkapi",
        (Field("catatan", "Yang perlu dilengkapi", "panjang", required=True),),
    ),
    Action("lengkapi", "Persyaratan sudah lengkap"),
    Action(
        "perpanjang",
        "Perpanjang 7 hari kerja",
        (Field("alasan", "Alasan tertulis perpanjangan", "panjang", required=True),),
        "Hanya sekali, dan hanya dalam 10 hari kerja pertama (UU 14/2008 Pasal 22 ayat 8).",
    ),
    Action(
        "putuskan",
        "Putuskan",
        (
            Field(
                "keputusan",
                "Keputusan",
                "pilihan",
                _labels(vocab.KEPUTUSAN_LABEL),
                required=True,
            ),
            Field("alasan", "Alasan penolakan", "pilihan", _labels(vocab.ALASAN_TOLAK_LABEL)),
            Field(
                "pasal_17",
                "Huruf Pasal 17 (bila dikecualikan)",
                "pilihan",
                tuple((p, f"Pasal 17 huruf {p}") for p in PASAL_17),
            ),
            Field(
                "entri",
                "Entri DIP yang dikecualikan (dasar penolakan)",
                "pilihan",
                source="entri",
            ),
            Field(
                "bentuk_dikuasai",
                "Bentuk informasi yang dikuasai",
                "banyak",
                tuple((b, BENTUK_LABEL[b]) for b in BENTUK),
            ),
            Field(
                "diberikan",
                "Informasi yang diberikan",
                "panjang",
                help=vocab.RINCIAN["diberikan"],
                limit=20_000,  # as long as the unit's draft it may start from
            ),
            Field("dihitamkan", "Bagian yang dihitamkan dan alasannya", "panjang"),
            Field("halaman", "Jumlah halaman salinan cetak", "angka"),
            Field("media", "Media salinan (misalnya CD/DVD)", "teks"),
            Field("waktu_penyediaan", "Kapan informasi disediakan", "teks"),
            Field("penguasa", "Badan publik yang menguasai (bila tidak dikuasai)", "teks"),
            Field("konsekuensi", "Konsekuensi bila dibuka (bila tanpa entri)", "panjang"),
            Field("dasar_hukum", "Dasar hukum pengecualian (bila tanpa entri)", "teks"),
            Field("cara", "Cara dan format penyampaian", "teks"),
            CATATAN,
        ),
    ),
    Action(
        "serahkan",
        "Catat sudah diserahkan",
        (
            Field("dibayar", "Biaya yang dibayar (rupiah)", "angka"),
            Field("cara_bayar", "Cara pembayaran", "teks"),
        ),
    ),
    Action(
        "tutup",
        "Tutup tanpa keputusan",
        (
            Field(
                "penutupan",
                "Lewat batas kelengkapan (bukan keterlambatan badan publik)",
                "centang",
                ((vocab.LEWAT_BATAS_KELENGKAPAN, "ya"),),
            ),
            Field("catatan", "Alasan penutupan", "panjang"),
        ),
        danger=True,
    ),
    Action("buka", "Buka kembali", (Field("catatan", "Alasan dibuka kembali", "panjang"),)),
    Action(
        "catat", "Tambah catatan linimasa", (Field("catatan", "Catatan", "panjang", required=True),)
    ),
)
KEBERATAN: tuple[Action, ...] = (
    PERMOHONAN[0],
    Action("proses", "Mulai proses"),
    Action(
        "putuskan",
        "Putuskan keberatan",
        (
            Field(
                "keputusan",
                "Tanggapan atasan PPID",
                "pilihan",
                _labels(vocab.KEPUTUSAN_LABEL),
                required=True,
            ),
            Field(
                "pertimbangan",
                "Alasan tertulis (wajib bila ditolak)",
                "panjang",
            ),
            CATATAN,
        ),
        "UU 14/2008 Pasal 36: tanggapan tertulis paling lambat 30 hari kerja.",
    ),
    Action("serahkan", "Catat tanggapan sudah disampaikan"),
    Action(
        "sengketa",
        "Catat tahap sengketa",
        (
            Field("tahap", "Tahap", "pilihan", _labels(vocab.SENGKETA_TAHAP), required=True),
            Field("tanggal", "Tanggal tahap", "tanggal"),
            Field("nomor_register", "Nomor register / perkara", "teks"),
            Field("hasil", "Hasil (wajib untuk putusan dan pengadilan)", "panjang"),
        ),
    ),
    Action(
        "tanggapan_pemohon",
        "Catat tanggapan pemohon",
        (Field("tanggapan", "Tanggapan pemohon", "panjang", required=True),),
    ),
    Action("tutup", "Tutup tanpa keputusan", (Field("catatan", "Alasan", "panjang"),), danger=True),
    Action("buka", "Buka kembali", (Field("catatan", "Alasan dibuka kembali", "panjang"),)),
    Action(
        "catat", "Tambah catatan linimasa", (Field("catatan", "Catatan", "panjang", required=True),)
    ),
)
CLOSED = ("selesai", "ditutup")


def actions_for(jenis: str) -> tuple[Action, ...]:
    return PERMOHONAN if jenis == "permohonan" else KEBERATAN


def find(jenis: str, code: str) -> Action | None:
    return next((a for a in actions_for(jenis) if a.code == code), None)


def offered(record: Record, allowed: Sequence[str]) -> list[Action]:
    """The actions worth a form on this record now (the tracker still decides)."""
    closed = record.status in CLOSED
    out = []
    for a in actions_for(record.jenis):
        if a.code not in allowed:
            continue
        if closed != (a.code == "buka") and a.code not in (
            "catat",
            "sengketa",
            "tanggapan_pemohon",
        ):
            continue
        if a.code == "proses" and record.status != "diterima":
            continue
        if a.code == "lengkapi" and record.status != "menunggu_kelengkapan":
            continue
        if a.code == "minta_lengkapi" and record.status not in ("diterima", "diproses"):
            continue
        if a.code == "perpanjang" and record.last("diperpanjang") is not None:
            continue
        if a.code == "serahkan" and record.status != "diputuskan":
            continue
        if a.code in ("sengketa", "tanggapan_pemohon") and record.keputusan is None:
            continue
        out.append(a)
    return out


def parse(
    action: Action, posted: Mapping[str, Any], choices: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """The tracker's keyword arguments from a posted form; FieldProblem on a bad field.
    `choices` gives the allowed values of fields filled per page (their `source`)."""
    out: dict[str, Any] = {}
    for f in action.fields:
        if f.kind == "banyak":
            values = [str(v) for v in posted.get(f.name, []) if str(v)]
            allowed = [c for c, _ in f.choices]
            bad = [v for v in values if v not in allowed]
            if bad:
                raise FieldProblem(f.name, f"{f.label}: pilihan '{bad[0][:40]}' tidak dikenal")
            if values:
                out[f.name] = values
            continue
        raw = posted.get(f.name)
        text = str((raw[0] if raw else "") if isinstance(raw, list) else (raw or ""))
        value = text.strip() if f.kind == "panjang" else " ".join(text.split())
        if not value:
            if f.required:
                raise FieldProblem(f.name, f"{f.label} wajib diisi")
            continue
        if len(value) > f.limit:
            raise FieldProblem(f.name, f"{f.label}: paling banyak {f.limit} karakter")
        if f.kind in ("pilihan", "centang"):
            allowed = list(choices.get(f.source, ())) if f.source else [c for c, _ in f.choices]
            if value not in allowed:
                raise FieldProblem(f.name, f"{f.label}: pilihan '{value[:40]}' tidak dikenal")
        elif f.kind == "angka":
            if not value.isdigit() or len(value) > 12:
                raise FieldProblem(f.name, f"{f.label} harus bilangan bulat 0 atau lebih")
            out[f.name] = int(value)
            continue
        elif f.kind == "tanggal":
            try:
                out[f.name] = date.fromisoformat(value).isoformat()
            except ValueError:
                raise FieldProblem(f.name, f"{f.label}: tanggal tidak valid (YYYY-MM-DD)") from None
            continue
        out[f.name] = value
    if action.code == "putuskan" and "halaman" in out:
        out["halaman"] = str(out["halaman"])  # a letter detail, kept as the CLI keeps it
    return out
