"""The DIP as typed, immutable data: what the loader produces and the renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# The vocabulary of the DIP's data (the schema validates against it).
KATEGORI = ("berkala", "serta_merta", "setiap_saat", "dikecualikan")
# The DIP proper (UU KIP Pasal 11(1)(a): "tidak termasuk informasi yang dikecualikan");
# the one other category is the Daftar Informasi yang Dikecualikan (DIK), a list of its own.
KATEGORI_DIP = ("berkala", "serta_merta", "setiap_saat")
BENTUK = ("cetak", "softcopy", "rekaman")
STATUS = ("draf", "disahkan")
TAHAPAN = ("pengumpulan", "verifikasi", "pengesahan", "terbit")
PASAL_17 = tuple("abcdefghij")  # UU KIP Pasal 17, huruf a to j
# What kind of public body keeps the DIP: an election body (KPU, the default of this kit) must
# also hold the election information of Perki 1/2019 (site_builder/data/kewajiban-dip.yml).
JENIS_BADAN = ("penyelenggara_pemilu", "badan_publik")
# The office's level in the KPU hierarchy (badan-publik.yml `tingkat`).
TINGKAT = ("pusat", "provinsi", "kabupaten_kota")
TINGKAT_LABEL = {"pusat": "pusat", "provinsi": "provinsi", "kabupaten_kota": "kabupaten/kota"}


KATEGORI_LABEL = {
    "berkala": "Informasi Berkala",
    "serta_merta": "Informasi Serta Merta",
    "setiap_saat": "Informasi Tersedia Setiap Saat",
    "dikecualikan": "Informasi yang Dikecualikan",
}
KATEGORI_DASAR = {
    "berkala": "UU 14/2008 Pasal 9",
    "serta_merta": "UU 14/2008 Pasal 10",
    "setiap_saat": "UU 14/2008 Pasal 11",
    "dikecualikan": "UU 14/2008 Pasal 17",
}
KATEGORI_SLUG = {k: k.replace("_", "-") for k in KATEGORI}
BENTUK_LABEL = {"cetak": "Cetak (hardcopy)", "softcopy": "Softcopy/daring", "rekaman": "Rekaman"}
PASAL_17_LABEL = {
    "a": "menghambat proses penegakan hukum",
    "b": "mengganggu perlindungan HKI dan persaingan usaha tidak sehat",
    "c": "membahayakan pertahanan dan keamanan negara",
    "d": "mengungkap kekayaan alam Indonesia",
    "e": "merugikan ketahanan ekonomi nasional",
    "f": "merugikan kepentingan hubungan luar negeri",
    "g": "mengungkap isi akta otentik yang bersifat pribadi dan wasiat",
    "h": "mengungkap rahasia pribadi",
    "i": "memorandum atau surat antar/intra badan publik yang bersifat rahasia",
    "j": "informasi yang tidak boleh diungkap berdasarkan Undang-Undang",
}


@dataclass(frozen=True)
class Person:
    """A named official and their position; `nip` (18 digits) when they are a civil servant."""

    nama: str
    jabatan: str
    nip: str = ""


@dataclass(frozen=True)
class Edition:
    """The DIP edition in force: its year and the decree that approved it."""

    tahun: int
    nomor_sk: str
    tanggal_penetapan: date


@dataclass(frozen=True)
class Period:
    """A stage of the annual update: from `mulai` to `selesai`, both included."""

    mulai: date
    selesai: date


@dataclass(frozen=True)
class NextEdition:
    """The edition being compiled by the annual update, with its stage and schedule."""

    tahun: int
    tahapan: str
    jadwal: dict[str, Period]


@dataclass(frozen=True)
class Approval:
    """Who approved an entry into an edition, when, and by which decree."""

    oleh: str
    tanggal: date
    nomor_sk: str


@dataclass(frozen=True)
class Medium:
    """One medium a copy can be given on, and its price in rupiah."""

    nama: str
    harga: int


@dataclass(frozen=True)
class Delivery:
    """How a copy is sent by one means (cara_salinan), and what that costs the requester."""

    cara: str
    keterangan: str


@dataclass(frozen=True)
class Biaya:
    """The office's cost schedule for copies and delivery (Perki 1/2021 Pasal 47(2))."""

    per_halaman: int = 0  # rupiah per printed page
    elektronik: int = 0  # rupiah for an electronic copy (usually free)
    media: tuple[Medium, ...] = ()
    pengiriman: tuple[Delivery, ...] = ()
    pembayaran: str = ""

    @property
    def is_free(self) -> bool:
        """Nothing in the schedule costs anything."""
        return not (self.per_halaman or self.elektronik or any(m.harga for m in self.media))

    def delivery(self, cara: str) -> str:
        """What the schedule says of sending a copy this way, or ''."""
        return next((d.keterangan for d in self.pengiriman if d.cara == cara), "")


@dataclass(frozen=True)
class Office:
    """The public body (badan publik) that keeps this DIP."""

    nama: str
    alamat: str
    telepon: str
    email: str
    laman: str
    ppid: Person
    atasan_ppid: Person
    tim_pertimbangan: tuple[Person, ...]
    maklumat: str
    dip: Edition
    edisi_baru: NextEdition | None = None
    peninjau: tuple[str, ...] = ()
    kota: str = ""
    zona_waktu: str = "WIB"  # WIB | WITA | WIT: the office's clock (site_builder.clock)
    cuti_bersama: str = "libur"  # libur | hari_kerja: does cuti bersama count as a working day
    biaya: Biaya = field(default_factory=Biaya)
    jenis: str = "penyelenggara_pemilu"  # JENIS_BADAN: which mandatory items apply
    tingkat: str | None = None  # pusat | provinsi | kabupaten_kota; None: not said
    logo: Path | None = None  # the letterhead's emblem (PNG), `logo` in badan-publik.yml

    @property
    def tempat_surat(self) -> str:
        """Where letters are signed: `kota`, else the last part of the address."""
        if self.kota:
            return self.kota
        tail = self.alamat.rsplit(",", 1)[-1]
        return " ".join(w for w in tail.split() if not w.isdigit()) or self.nama


@dataclass(frozen=True)
class Unit:
    """A Sub Bagian (or Bagian): one folder of dip/."""

    slug: str
    nama: str
    kepala: Person
    peninjau: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A link from an entry to the document itself or a related page."""

    judul: str
    url: str


@dataclass(frozen=True)
class Penetap:
    """Who set a consequence test, and by which decree (`uji_konsekuensi.penetap`)."""

    badan: str
    dasar: str


@dataclass(frozen=True)
class UjiKonsekuensi:
    """The consequence test behind an exemption (Perki 1/2021 Pasal 49)."""

    dasar_hukum: tuple[str, ...]
    pasal_17: tuple[str, ...]
    konsekuensi: str
    kepentingan_publik: str
    berlaku_sampai: date | None
    jangka_waktu: str | None
    nomor_sk: str
    tanggal_uji: date
    # None: set by this office's own PPID, by the decree `nomor_sk`.
    penetap: Penetap | None = None

    def penetap_of(self, office: Office) -> Penetap:
        """Who set the test and by which decree: `penetap`, else the office's own PPID."""
        if self.penetap is None:
            return Penetap(f"PPID {office.nama}", f"Keputusan Nomor {self.nomor_sk}")
        return self.penetap

    def penetap_text(self, office: Office) -> str:
        """Who set the test and by which decree, as one phrase of a page or a letter."""
        who = self.penetap_of(office)
        return f"{who.badan}, dengan {who.dasar}"


@dataclass(frozen=True)
class Entry:
    """One DIP entry; its slug (the file name) is its permanent URL."""

    slug: str
    unit: str
    source: str
    judul: str
    ringkasan: str
    kategori: str
    penanggung_jawab: str
    penguasa: str
    waktu_pembuatan: date | int
    tempat_pembuatan: str
    bentuk: tuple[str, ...]
    retensi: str
    tautan: tuple[Link, ...]
    tahun: int
    diperbarui: date
    status: str
    uji_konsekuensi: UjiKonsekuensi | None = None
    pengesahan: Approval | None = None
    kewajiban: tuple[str, ...] = ()  # ids of the mandatory items it fulfils (dip.kewajiban)

    @property
    def is_draft(self) -> bool:
        """True while the entry awaits approval."""
        return self.status == "draf"


@dataclass(frozen=True)
class Catalogue:
    """The whole DIP: the office, its units and its entries in official order."""

    office: Office
    units: tuple[Unit, ...]
    entries: tuple[Entry, ...]
    unit_by_slug: dict[str, Unit] = field(default_factory=dict, compare=False, hash=False)

    def published(self, pratinjau: bool = False) -> tuple[Entry, ...]:
        """Entries shown on the site: approved ones, plus drafts in a preview build."""
        if pratinjau:
            return self.entries
        return tuple(e for e in self.entries if not e.is_draft)

    def dip_entries(self, pratinjau: bool = False) -> tuple[Entry, ...]:
        """The DIP proper: the published entries of the three public categories."""
        return tuple(e for e in self.published(pratinjau) if e.kategori in KATEGORI_DIP)

    def dik_entries(self, pratinjau: bool = False) -> tuple[Entry, ...]:
        """The Daftar Informasi yang Dikecualikan: the published exempted entries."""
        return tuple(e for e in self.published(pratinjau) if e.kategori not in KATEGORI_DIP)


def entry_order(entry: Entry, unit_rank: dict[str, int]) -> tuple[int, int, str, str]:
    """Official order: by category, then unit, then title."""
    return (
        KATEGORI.index(entry.kategori),
        unit_rank.get(entry.unit, 0),
        entry.judul.casefold(),
        entry.slug,
    )
