"""Letters for a record, filled from the record and the office profile: `ppid surat N --jenis …`.

Five letters (DOMAIN.md, UU KIP Pasal 22 and 36, Perki 1/2021):
  tanda-terima         tanda bukti penerimaan permohonan (or keberatan)
  pemberitahuan        pemberitahuan tertulis, with every content of UU KIP Pasal 22(7)
  perpanjangan         pemberitahuan perpanjangan jangka waktu (reason, new date)
  penolakan            keputusan PPID tentang penolakan permohonan informasi
  tanggapan-keberatan  tanggapan atas keberatan, by the atasan PPID

The text of each letter is a template file the office may change without touching code: a
file of the same name in the office's template folder (PPID_TEMPLAT_SURAT, default
templat/surat/) replaces the bundled one in forms/templates/surat/. Templates are Jinja in the
Markdown subset of site_builder.dokumen; every value is escaped so that a requester's text
cannot break a table. A letter that cannot be made yet is refused with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.ext

from forms.vocab import ALASAN_TOLAK_LABEL, KEPUTUSAN_LABEL, SALURAN_LABEL
from site_builder.layanan import (
    ALASAN_KEBERATAN,
    CARA_MEMPEROLEH,
    CARA_SALINAN,
    JENIS_PEMOHON,
    rupiah,
)

if TYPE_CHECKING:
    from forms.tracker import Record, Tracker
from site_builder import dokumen, text
from site_builder.dates import format_date
from site_builder.dip.model import (
    PASAL_17_LABEL,
    Biaya,
    Catalogue,
    Office,
    Person,
    UjiKonsekuensi,
)
from site_builder.errors import PPIDError

MELIHAT_TANPA_BIAYA = "Tanpa biaya (melihat/membaca di tempat)"


class SuratError(PPIDError):
    """A letter that cannot be made (yet); the message says why and what to do."""


@dataclass(frozen=True)
class Jenis:
    """One kind of letter."""

    kode: str  # in the letter number
    judul: str
    untuk: str  # permohonan | keberatan | semua
    atasan: bool = False  # signed by the atasan PPID instead of the PPID, in their series

    @property
    def seri(self) -> str:
        """The numbering series: each signer numbers their own letters."""
        return "surat_atasan" if self.atasan else "surat"


JENIS: dict[str, Jenis] = {
    "tanda-terima": Jenis("TT", "Tanda Bukti Penerimaan", "semua"),
    "pemberitahuan": Jenis("PT", "Pemberitahuan Tertulis", "permohonan"),
    "perpanjangan": Jenis("PP", "Pemberitahuan Perpanjangan Jangka Waktu", "permohonan"),
    "penolakan": Jenis("KP", "Keputusan PPID tentang Penolakan Permohonan Informasi", "permohonan"),
    "tanggapan-keberatan": Jenis("TK", "Tanggapan atas Keberatan", "keberatan", atasan=True),
}


@dataclass(frozen=True)
class Surat:
    """A letter ready to be written out."""

    jenis: str
    nomor: str
    tanggal: date
    document: dokumen.Document
    markdown: str

    def file_stem(self, record: Record) -> str:
        """A file name for the letter: the record number without slashes, and the kind."""
        return f"{record.nomor.replace('/', '-')}-{self.jenis}"


def _md(value: Any) -> Any:
    """Escape a value for the Markdown subset: table bars, bold markers, line breaks, and
    control characters (which neither a PDF nor a DOCX may carry) become spaces."""
    if isinstance(value, str):
        flat = text.clean(value).replace("\n", " ")
        return flat.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")
    if value is None:
        return ""
    return value


class _StandaloneTags(jinja2.ext.Extension):
    """A line holding only a `{% … %}` or `{# … #}` tag leaves no line behind; a tag inside
    a line of text keeps that line's break (Jinja's trim_blocks would eat it)."""

    _LINE = re.compile(r"^[ \t]*(\{%.*?%\}|\{#.*?#\})[ \t]*\n", re.MULTILINE)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return self._LINE.sub(r"\1", source)


def environment(own_templates: Path | None) -> jinja2.Environment:
    """Templates: the office's folder first, then the bundled ones."""
    loaders: list[jinja2.BaseLoader] = []
    if own_templates is not None and own_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(own_templates)))
    loaders.append(jinja2.PackageLoader("forms", "templates/surat"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=_md,
        extensions=[_StandaloneTags],
        keep_trailing_newline=True,
    )


def _decision(record: Record) -> dict[str, Any]:
    decided = record.last("diputuskan")
    return dict(decided.isi) | {"tanggal": decided.tanggal} if decided else {}


def _given(key: str, rincian: Mapping[str, str], decision: Mapping[str, Any]) -> str:
    """A detail given when printing, else the one recorded with the decision, else ''."""
    return str(rincian.get(key) or decision.get(key) or "")


def _halaman(text: str) -> int | None:
    if not text:
        return None
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise SuratError(
            f"--halaman harus bilangan bulat positif (jumlah halaman salinan cetak, "
            f"misalnya 12), bukan '{text}'"
        )
    return int(value)


def cost(
    biaya: Biaya, cara_memperoleh: str, cara_salinan: str, halaman: str = "", media: str = ""
) -> str:
    """The cost of a copy by the office's schedule, and how to pay (UU 14/2008 Pasal 22(7) g)."""
    pages = _halaman(halaman)
    medium = None
    if media:
        medium = next((m for m in biaya.media if m.nama.casefold() == media.casefold()), None)
        if medium is None:
            known = ", ".join(m.nama for m in biaya.media) or "tidak ada media dalam standar biaya"
            raise SuratError(
                f"media '{media}' tidak ada dalam standar biaya kantor (biaya.media di "
                f"badan-publik.yml); pilihan: {known}"
            )
    if cara_memperoleh == "melihat":
        return MELIHAT_TANPA_BIAYA + "."
    parts: list[str] = []
    total: int | None = 0
    if cara_memperoleh == "salinan_cetak":
        if not biaya.per_halaman:
            parts.append("salinan cetak tidak dipungut biaya")
        elif pages is None:
            parts.append(
                f"salinan cetak {rupiah(biaya.per_halaman)} per halaman "
                "(jumlah halaman akan diberitahukan)"
            )
            total = None
        else:
            amount = biaya.per_halaman * pages
            parts.append(
                f"salinan cetak {rupiah(biaya.per_halaman)} per halaman × {pages} halaman "
                f"= {rupiah(amount)}"
            )
            total = amount
    elif cara_memperoleh == "salinan_softcopy":
        if biaya.elektronik:
            parts.append(f"salinan elektronik {rupiah(biaya.elektronik)}")
            total = biaya.elektronik
        else:
            parts.append("salinan elektronik tidak dipungut biaya")
    else:  # the form was not recorded: the schedule for both
        parts.append(
            f"sesuai standar biaya: salinan cetak {rupiah(biaya.per_halaman)} per halaman, "
            "salinan elektronik "
            + (rupiah(biaya.elektronik) if biaya.elektronik else "tanpa biaya")
        )
        total = None
    if medium is not None:
        parts.append(
            f"media {medium.nama} " + (rupiah(medium.harga) if medium.harga else "tanpa biaya")
        )
        if total is not None:
            total += medium.harga
    line = "; ".join(parts)
    line = line[0].upper() + line[1:]
    if total and medium is not None and medium.harga:  # a copy and a medium: their sum
        line += f"; jumlah {rupiah(total)}"
    line += "."
    sending = biaya.delivery(cara_salinan)
    if sending:
        way = CARA_SALINAN.get(cara_salinan, cara_salinan).lower()
        line += f" Penyerahan salinan, {way}: {sending}."
    if (total is None or total > 0) and biaya.pembayaran:  # something is (or will be) due
        line += f" Cara pembayaran: {biaya.pembayaran}."
    return line


def check(jenis: str, record: Record, rincian: Mapping[str, str]) -> None:
    """Refuse a letter the record cannot have (yet), saying why and what to do instead."""
    if jenis not in JENIS:
        raise SuratError(f"jenis surat '{jenis}' tidak dikenal; pilihan: {', '.join(JENIS)}")
    kind = JENIS[jenis]
    what = f"{record.jenis} {record.nomor}"
    if kind.untuk not in ("semua", record.jenis):
        raise SuratError(
            f"surat {jenis} hanya untuk {kind.untuk}, sedangkan {record.nomor} "
            f"adalah {record.jenis}"
        )
    decision = _decision(record)
    if jenis == "perpanjangan" and record.last("diperpanjang") is None:
        raise SuratError(
            f"{what} tidak diperpanjang; perpanjang dulu: ppid permohonan "
            f'perpanjang {record.nomor} --alasan "..."'
        )
    if jenis in ("pemberitahuan", "penolakan", "tanggapan-keberatan") and not decision:
        perintah = f"ppid {record.jenis} putuskan {record.nomor} --keputusan ..."
        raise SuratError(
            f"{what} belum diputuskan; surat {jenis} dibuat setelah ada keputusan ({perintah})"
        )
    if (
        jenis == "pemberitahuan"
        and decision.get("alasan") == "tidak_dikuasai"
        and not _given("penguasa", rincian, decision)
    ):
        raise SuratError(
            f"{what} ditolak karena informasi tidak dikuasai: sebutkan badan publik yang "
            'menguasainya (--penguasa "...") dan kapan badan itu diberi tahu '
            '(--penguasa-diberitahu "..."), UU 14/2008 Pasal 22 ayat (7) huruf a dan b'
        )
    if (
        jenis == "pemberitahuan"
        and decision.get("keputusan") == "dikabulkan_sebagian"
        and not (rincian.get("dihitamkan") or decision.get("dihitamkan"))
    ):
        raise SuratError(
            f"{what} dikabulkan sebagian: sebutkan bagian yang dihitamkan dan "
            'alasannya (--dihitamkan "..."), UU 14/2008 Pasal 22 ayat (7) huruf e'
        )
    if (
        jenis == "pemberitahuan"
        and decision.get("keputusan") != "ditolak"
        and not (
            rincian.get("cara")
            or decision.get("cara")
            or (
                record.data.get("cara_memperoleh")
                and (
                    record.data.get("cara_salinan")
                    or record.data.get("cara_memperoleh") == "melihat"
                )
            )
        )
    ):
        raise SuratError(
            f"{what} tidak mencatat cara memperoleh dan cara mendapatkan salinan: "
            'sebutkan cara dan format penyampaian (--cara "..."), UU 14/2008 '
            "Pasal 22 ayat (7) huruf f"
        )
    if (
        jenis == "tanggapan-keberatan"
        and decision.get("keputusan") == "ditolak"
        and not (_given("pertimbangan", rincian, decision) or decision.get("catatan"))
    ):
        raise SuratError(
            f"{what} ditolak: tanggapan yang menguatkan keputusan PPID wajib "
            'memuat alasan tertulis (--pertimbangan "...", atau --catatan saat '
            "memutuskan), UU 14/2008 Pasal 36 ayat (3)"
        )
    if jenis == "penolakan":
        if decision.get("keputusan") != "ditolak":
            label = KEPUTUSAN_LABEL.get(str(decision.get("keputusan")), "-").lower()
            raise SuratError(
                f"{what} diputuskan {label}, bukan ditolak: surat penolakan tidak "
                "dapat dibuat; gunakan --jenis pemberitahuan"
            )
        if decision.get("alasan") != "dikecualikan":
            label = ALASAN_TOLAK_LABEL.get(str(decision.get("alasan")), "-").lower()
            raise SuratError(
                f"{what} ditolak karena {label}, bukan karena dikecualikan: "
                "cukup pemberitahuan tertulis (--jenis pemberitahuan)"
            )


def _pasal_list(letters: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"huruf": p, "label": PASAL_17_LABEL.get(p, "")} for p in letters]


def _is_pasal_17(dasar: str, letters: tuple[str, ...]) -> bool:
    """A legal basis that only repeats a UU KIP Pasal 17 letter the decree already lists."""
    if not re.search(r"14\s+Tahun\s+2008|14/2008|Keterbukaan Informasi", dasar):
        return False
    return any(re.search(r"Pasal\s+17\s+huruf\s+" + re.escape(p) + r"\b", dasar) for p in letters)


def _uji(
    decision: Mapping[str, Any],
    rincian: Mapping[str, str],
    catalogue: Catalogue | None,
    what: str,
    day: date,
) -> dict[str, Any]:
    slug = rincian.get("entri") or decision.get("entri")
    if slug:
        if catalogue is None:
            raise SuratError(
                "DIP tidak dapat dibaca untuk mengutip uji konsekuensi; jalankan 'ppid check'"
            )
        entry = next((e for e in catalogue.entries if e.slug == slug), None)
        if entry is None or entry.uji_konsekuensi is None:
            raise SuratError(
                f"entri DIP '{slug}' tidak ada atau bukan informasi yang "
                "dikecualikan (lihat halaman Informasi yang Dikecualikan)"
            )
        uji = entry.uji_konsekuensi
        if uji.berlaku_sampai is not None and uji.berlaku_sampai < day:
            until = format_date(uji.berlaku_sampai)
            raise SuratError(
                f"pengecualian '{slug}' berlaku sampai {until}"
                "; informasi itu kini terbuka kecuali uji konsekuensinya "
                "diperbarui, sehingga tidak dapat menjadi dasar penolakan"
            )
        typed = text.items(decision.get("pasal_17"))
        stray = [p for p in typed if p not in uji.pasal_17]
        if stray:
            raise SuratError(
                f"{what} ditolak dengan Pasal 17 huruf {', '.join(stray)}, sedangkan uji "
                f"konsekuensi '{slug}' memakai huruf {', '.join(uji.pasal_17)}; samakan "
                "keputusannya dengan uji konsekuensi, atau sebutkan entri DIP yang lain"
            )
        return {
            "judul": entry.judul,
            "pasal_17": _pasal_list(uji.pasal_17),
            "dasar_hukum": [d for d in uji.dasar_hukum if not _is_pasal_17(d, uji.pasal_17)],
            "konsekuensi": uji.konsekuensi,
            "nomor_sk": uji.nomor_sk,
            "tanggal_uji": format_date(uji.tanggal_uji),
            "penetap": _penetap(uji, catalogue.office),
        }
    konsekuensi = rincian.get("konsekuensi") or decision.get("konsekuensi")
    dasar = rincian.get("dasar_hukum") or decision.get("dasar_hukum")
    if not konsekuensi or not dasar:
        raise SuratError(
            f"{what}: sebutkan entri DIP yang dikecualikan (--entri SLUG) agar "
            "dasar hukum dan konsekuensinya dikutip dari uji konsekuensi, atau "
            "tuliskan --dasar-hukum dan --konsekuensi"
        )
    return {
        "judul": "",
        "pasal_17": _pasal_list(text.items(decision.get("pasal_17"))),
        "dasar_hukum": [str(dasar)],
        "konsekuensi": str(konsekuensi),
        "nomor_sk": "",
        "tanggal_uji": "",
        "penetap": None,
    }


def _penetap(uji: UjiKonsekuensi, office: Office) -> dict[str, Any]:
    """Who set the test the refusal rests on, for the letter to quote (`sendiri`: the
    office's own PPID, by the decree `nomor_sk`)."""
    who = uji.penetap_of(office)
    return {"badan": who.badan, "dasar": who.dasar, "sendiri": uji.penetap is None}


def context(
    tracker: Tracker,
    record: Record,
    jenis: str,
    office: Office,
    catalogue: Catalogue | None,
    rincian: Mapping[str, str],
    nomor_surat: str,
    day: date,
) -> dict[str, Any]:
    """Everything a letter template may use (for a letter `check` allows).

    A letter about an objection addresses the objector from the objection's own record: the
    request it objects to gives only its number and the information asked for, never the
    requester's address, telephone or e-mail (UU 27/2022), whoever the objector is.
    """
    data = record.data
    decision = _decision(record)
    parent: Record | None = None
    if record.jenis == "keberatan" and record.induk_id is not None:
        parent = tracker.get_by_id(record.induk_id)
    source = parent.data if parent is not None else {}
    parent_decision = (parent.keputusan or {}) if parent is not None else {}
    extended = record.last("diperpanjang")
    keputusan = str(decision.get("keputusan", ""))
    alasan = str(decision.get("alasan", ""))
    letters = text.items(decision.get("pasal_17") or parent_decision.get("pasal_17"))
    cal = tracker.calendar
    kelas = tracker.periods.of(str(data.get("kelas") or source.get("kelas") or ""))
    due = tracker.deadline(record).due
    memperoleh = str(data.get("cara_memperoleh") or "")
    salinan = str(data.get("cara_salinan") or "")
    media = _given("media", rincian, decision)
    penguasa = _given("penguasa", rincian, decision)
    cara = CARA_MEMPEROLEH.get(memperoleh, "-")
    if salinan:
        cara += f"; {CARA_SALINAN.get(salinan, salinan).lower()}"
    if media:
        cara += f"; media {media}"
    alasan_keberatan = [str(a) for a in data.get("alasan", [])]
    if parent is not None:
        atas_permohonan = parent.nomor
    elif data.get("nomor_permohonan"):
        atas_permohonan = str(data["nomor_permohonan"])
    elif "b" in alasan_keberatan:
        atas_permohonan = "tidak ada permohonan sebelumnya (alasan huruf b)"
    else:
        atas_permohonan = "-"
    pertimbangan = _given("pertimbangan", rincian, decision) or str(decision.get("catatan") or "")
    ctx: dict[str, Any] = {
        "kantor": {
            "nama": office.nama,
            "alamat": office.alamat,
            "telepon": office.telepon,
            "email": office.email,
            "laman": office.laman,
            "tempat": office.tempat_surat,
            "ppid": office.ppid,
            "atasan_ppid": office.atasan_ppid,
        },
        "surat": {"nomor": nomor_surat, "tanggal": format_date(day), "judul": JENIS[jenis].judul},
        "r": {
            "nomor": record.nomor,
            "jenis": record.jenis,
            "judul": record.judul,
            "diterima": format_date(record.diterima, True),
            "saluran": SALURAN_LABEL.get(record.saluran, record.saluran),
            "tenggat": format_date(due),
            # as the receipt says it: before any extension (the record's class, its pauses)
            "tenggat_awal": format_date(
                due if record.jenis == "keberatan" else tracker.notice_deadline(record).due
            ),
            "penerima": _penerima(record, office),
        },
        # only the record's own person: for an objection, the objector
        "pemohon": {
            "nama": data.get("nama") or "",
            "jenis": JENIS_PEMOHON.get(str(data.get("jenis_pemohon")), "Perorangan"),
            "alamat": data.get("alamat") or "-",
            "telepon": data.get("telepon") or "-",
            "email": data.get("email") or "-",
            "pekerjaan": data.get("pekerjaan") or "-",
            "kuasa": bool(data.get("kuasa")),
        },
        "rincian_informasi": data.get("rincian_informasi")
        or source.get("rincian_informasi")
        or record.judul,
        "tujuan": data.get("tujuan_penggunaan") or "-",
        "cara": {
            "memperoleh": CARA_MEMPEROLEH.get(memperoleh, "-"),
            "salinan": CARA_SALINAN.get(salinan, "-"),
            "penyampaian": _given("cara", rincian, decision) or cara,
        },
        "keputusan": {
            "kode": keputusan,
            "label": KEPUTUSAN_LABEL.get(keputusan, ""),
            "alasan": alasan,
            "alasan_label": ALASAN_TOLAK_LABEL.get(alasan, ""),
            "pasal_17": " dan ".join(letters),
            "pasal_17_label": "; ".join(PASAL_17_LABEL.get(p, "") for p in letters),
            "pertimbangan": pertimbangan,
            "tanggal": format_date(decision["tanggal"]) if decision else "",
            "oleh": decision.get("oleh", ""),
        },
        "rincian": {
            "dikuasai": alasan != "tidak_dikuasai",
            "diberikan": _given("diberikan", rincian, decision)
            or (data.get("rincian_informasi") or record.judul),
            "dihitamkan": _given("dihitamkan", rincian, decision),
            "biaya": _given("biaya", rincian, decision)
            or cost(
                office.biaya,
                memperoleh,
                salinan,
                _given("halaman", rincian, decision),
                media,
            ),
            "penguasa": penguasa,
            "penguasa_diberitahu": _given("penguasa_diberitahu", rincian, decision)
            or (
                f"permohonan ini kami beritahukan kepada {penguasa} bersamaan dengan "
                "pemberitahuan ini"
                if penguasa
                else ""
            ),
            "waktu_penyediaan": _given("waktu_penyediaan", rincian, decision)
            or (
                f"paling lambat {format_date(due)}"
                if day <= due
                else "pada saat pemberitahuan ini diterima"
            ),
        },
        "perpanjangan": {
            "alasan": extended.isi.get("alasan", "") if extended else "",
            "tanggal": format_date(extended.tanggal) if extended else "",
            "tenggat_lama": format_date(tracker.notice_deadline(record).due),
            "tenggat_baru": format_date(due),
        },
        "keberatan": {
            "permohonan": atas_permohonan,
            "alasan": [f"{a}. {ALASAN_KEBERATAN.get(a, a)}" for a in alasan_keberatan],
            "kasus_posisi": data.get("kasus_posisi", ""),
        },
        "batas": {
            "pemberitahuan": kelas.hari("pemberitahuan"),
            "perpanjangan": kelas.hari("perpanjangan"),
            "perpanjangan_hari": _hari(kelas.hari("perpanjangan")),
            "tanggapan_keberatan": kelas.hari("tanggapan_keberatan"),
            "keberatan": format_date(cal.add_working_days(day, kelas.hari("keberatan")).due),
            "keberatan_hari": _hari(kelas.hari("keberatan")),
            "keberatan_dasar": kelas.dasar("keberatan"),
            "sengketa": format_date(cal.add_working_days(day, kelas.hari("sengketa")).due),
            "sengketa_hari": _hari(kelas.hari("sengketa")),
            "sengketa_dasar": kelas.dasar("sengketa"),
        },
        "penandatangan": office.atasan_ppid if JENIS[jenis].atasan else office.ppid,
        "pengecualian": (
            _uji(decision, rincian, catalogue, f"{record.jenis} {record.nomor}", day)
            if jenis == "penolakan"
            else {}
        ),
    }
    return ctx


def _penerima(record: Record, office: Office) -> str:
    """Who received the record: the staff member at the desk, or, for what came in through
    the site's form, the online service itself (no person received it)."""
    if record.saluran == "daring":
        return f"Layanan permohonan informasi daring {office.laman}"
    return record.events[0].oleh if record.events else "-"


_SATUAN = (
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas",
)  # fmt: skip


def _terbilang(n: int) -> str:
    """A number in Indonesian words, for 1 to 999 (a period of working days)."""
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_SATUAN[tens]} puluh" + (f" {_SATUAN[rest]}" if rest else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_SATUAN[hundreds]} ratus"
    return head + (f" {_terbilang(rest)}" if rest else "")


def _hari(n: int) -> str:
    """'30 (tiga puluh) hari kerja'."""
    return f"{n} ({_terbilang(n)}) hari kerja"


def event_day(jenis: str, record: Record) -> date:
    """The day of the event a letter answers: receipt, extension or decision."""
    if jenis == "tanda-terima":
        return record.diterima
    event = record.last("diperpanjang" if jenis == "perpanjangan" else "diputuskan")
    return event.tanggal if event else record.diterima


def render(
    env: jinja2.Environment,
    jenis: str,
    ctx: dict[str, Any],
    office: Office,
    nomor_surat: str,
    day: date,
) -> Surat:
    """The letter's blocks: the letterhead, the heading block (Nomor, Sifat, Lampiran, Hal,
    place and date), then the template's text; the signatory's NIP (`nip` in
    badan-publik.yml) goes under their name in the template's `::: ttd` block."""
    name = f"{jenis}.md.j2"
    try:
        template = env.get_template(name)
        text = template.render(**ctx)
        where = template.filename or name
        body = dokumen.from_markdown(text, title=JENIS[jenis].judul, where=where)
    except jinja2.TemplateSyntaxError as exc:
        raise SuratError(f"templat {exc.filename or name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.UndefinedError as exc:
        raise SuratError(
            f"templat {name}: {exc.message}; nilai yang tersedia: {', '.join(sorted(ctx))}"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise SuratError(f"templat {name}: berkas '{exc.name}' tidak ditemukan") from exc
    except dokumen.TemplateError as exc:
        raise SuratError(f"hasil templat {exc}") from exc
    except UnicodeDecodeError as exc:
        raise SuratError(
            f"templat {name} bukan teks UTF-8 (byte {exc.start}); simpan ulang sebagai UTF-8"
        ) from exc
    except (
        jinja2.TemplateError,
        TypeError,
        ValueError,
        ArithmeticError,
        LookupError,
        AttributeError,
    ) as exc:
        raise SuratError(f"templat {name} gagal diisi: {exc}") from exc
    signer = office.atasan_ppid if JENIS[jenis].atasan else office.ppid
    head = dokumen.kepala_surat(office, nomor_surat, JENIS[jenis].judul, day)
    blocks = [_signed(b, signer, head) for b in _without_own_number(body.blocks, nomor_surat)]
    doc = dokumen.Document(JENIS[jenis].judul, [dokumen.kop(office), head, *blocks])
    return Surat(jenis, nomor_surat, day, doc, dokumen.to_markdown(doc))


_NOMOR_LINE = re.compile(r"^\**\s*Nomor\s*:\s*(.*?)\s*\**$")


def _without_own_number(blocks: list[dokumen.Block], nomor_surat: str) -> list[dokumen.Block]:
    """The template's text without a `Nomor: <the letter's number>` line under its title.

    Templates copied from the kit's before the heading block (an office's templat/surat/)
    still carry `## Nomor: {{ surat.nomor }}`; the heading block now says the number, so
    that line, and only when it says this letter's own number, is left out rather than
    printed twice."""
    out: list[dokumen.Block] = []
    title = True  # still in the title lines at the top
    for b in blocks:
        text = b.text if isinstance(b, dokumen.Heading | dokumen.Para) else None
        found = _NOMOR_LINE.match(" ".join(text.split())) if text is not None else None
        if title and found is not None and found.group(1) == nomor_surat:
            title = False
            continue
        title = title and isinstance(b, dokumen.Heading)
        out.append(b)
    return out


def _signed(b: dokumen.Block, signer: Person, head: dokumen.KepalaSurat) -> dokumen.Block:
    """A template's signature block as the letter shows it: the signer's NIP filled in, and
    the place and date said once, in the heading block (tata naskah dinas), not again here."""
    if not isinstance(b, dokumen.Signature):
        return b
    if not b.nip and b.nama == signer.nama:
        b = replace(b, nip=signer.nip)
    if " ".join(b.tempat_tanggal.split()) == head.tempat_tanggal:
        b = replace(b, tempat_tanggal="")
    return b


def make(
    tracker: Tracker,
    nomor: str,
    jenis: str,
    office: Office,
    catalogue: Catalogue | None,
    *,
    rincian: Mapping[str, str] | None = None,
    day: date | None = None,
    letter_format: str = "{nomor:03d}/PPID/{kode}/{bulan_romawi}/{tahun}",
    templates: Path | None = None,
    letter_format_atasan: str = "{nomor:03d}/ATASAN-PPID/{kode}/{bulan_romawi}/{tahun}",
    oleh: str = "ppid",
    today: date | None = None,
    preview: bool = False,
) -> tuple[Record, Surat]:
    """Check, number (once) and render a letter for the record; with `preview`, a letter
    not issued yet is rendered with the provisional number "-" and takes none. A letter the
    atasan PPID signs takes the next number of the atasan's series (`letter_format_atasan`),
    every other the PPID's (`letter_format`).

    A letter already issued is made again with its number, date and details; asking for
    another date or other details is refused (an issued letter does not change). Before a
    number is taken the letter is rendered whole (text, PDF and DOCX) with a provisional
    number, so a mistake in a template or in the data takes no number.
    """
    given = {k: v for k, v in (rincian or {}).items() if v}
    record = tracker.get(nomor)
    issued = record.letter(jenis)
    if issued is not None:
        stored = dict(issued.isi.get("rincian") or {})
        changed = sorted(k for k, v in given.items() if stored.get(k) != v)
        if changed or (day is not None and day != issued.tanggal):
            what = ", ".join(f"--{k.replace('_', '-')}" for k in changed) or "--tanggal"
            raise SuratError(
                f"surat {jenis} untuk {record.nomor} sudah diterbitkan dengan "
                f"nomor {issued.isi['nomor_surat']} tanggal "
                f"{format_date(issued.tanggal)}; {what} tidak dapat diubah lagi "
                "(cetak ulang tanpa opsi itu)"
            )
        given = stored
    check(jenis, record, given)
    start = event_day(jenis, record)
    day = day or (issued.tanggal if issued else start)
    latest = today or date.today()
    if issued is None and not start <= day <= latest:
        raise SuratError(
            f"tanggal surat {format_date(day)} harus antara "
            f"{format_date(start)} (tanggal peristiwanya) dan "
            f"{format_date(latest)} (hari ini)"
        )
    env = environment(templates)
    kode = JENIS[jenis].kode
    if issued is None:
        draft = render(
            env,
            jenis,
            context(tracker, record, jenis, office, catalogue, given, "-", day),
            office,
            "-",
            day,
        )
        try:  # every format can be made before a number is taken
            dokumen.files(draft.document, day)
        except ValueError as exc:
            raise SuratError(f"surat tidak dapat ditulis sebagai PDF/DOCX: {exc}") from exc
        if preview:
            return record, draft
    kind = JENIS[jenis]
    nomor_surat, day, given = tracker.letter_number(
        record.nomor,
        jenis,
        kode,
        letter_format_atasan if kind.atasan else letter_format,
        oleh,
        day,
        given,
        seri=kind.seri,
    )
    record = tracker.get(nomor)
    ctx = context(tracker, record, jenis, office, catalogue, given, nomor_surat, day)
    return record, render(env, jenis, ctx, office, nomor_surat, day)


def write(surat: Surat, record: Record, out_dir: Path) -> list[Path]:
    """The letter as PDF, DOCX and Markdown in out_dir, each written whole or not at all."""
    try:
        return dokumen.write(surat.document, out_dir, surat.file_stem(record), surat.tanggal)
    except ValueError as exc:  # a character neither format can carry
        raise SuratError(f"surat tidak dapat ditulis sebagai PDF/DOCX: {exc}") from exc
