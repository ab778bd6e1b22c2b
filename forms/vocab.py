"""The words of the records: states, decisions, channels and their labels, and the errors.

Kept apart from forms.tracker (which needs SQLAlchemy) so that the command line and the site
builder can name them without importing the database layer.
"""

from __future__ import annotations

from site_builder.errors import PPIDError

ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
OPEN = ("diterima", "menunggu_kelengkapan", "diproses", "diperpanjang")
STATES = (*OPEN, "diputuskan", "selesai", "ditutup")
KEPUTUSAN = ("dikabulkan_seluruhnya", "dikabulkan_sebagian", "ditolak")
ALASAN_TOLAK = ("dikecualikan", "tidak_dikuasai", "belum_didokumentasikan")
# A request closed because its requirements did not come in time (never the office's lateness)
LEWAT_BATAS_KELENGKAPAN = "lewat_batas_kelengkapan"
# A dispute's steps after an objection (UU KIP Pasal 37-38 and 47-50), in their order
DRAF_TAHAP = ("diajukan", "disetujui", "dikembalikan")  # a unit draft's states (table draf)
SENGKETA_TAHAP = {
    "terdaftar": "Terdaftar di Komisi Informasi",
    "mediasi": "Mediasi",
    "ajudikasi": "Ajudikasi nonlitigasi",
    "putusan": "Putusan Komisi Informasi",
    "pengadilan": "Gugatan di pengadilan (PTUN/PN) dan putusannya",
}
SALURAN = ("daring", "surat", "surel", "telepon", "langsung", "faksimili", "whatsapp")
STATUS_LABEL = {
    "diterima": "Diterima",
    "menunggu_kelengkapan": "Menunggu kelengkapan persyaratan",
    "diproses": "Sedang diproses",
    "diperpanjang": "Diperpanjang",
    "diputuskan": "Diputuskan",
    "selesai": "Selesai",
    "ditutup": "Ditutup",
}
SALURAN_LABEL = {
    "daring": "Formulir daring",
    "surat": "Surat",
    "surel": "Surel (email)",
    "telepon": "Telepon",
    "langsung": "Datang langsung ke meja layanan",
    "faksimili": "Faksimili",
    "whatsapp": "WhatsApp",
}
ALASAN_TOLAK_LABEL = {
    "dikecualikan": "Informasi yang dikecualikan",
    "tidak_dikuasai": "Informasi tidak dikuasai",
    "belum_didokumentasikan": "Informasi belum didokumentasikan",
}
KEPUTUSAN_LABEL = {
    "dikabulkan_seluruhnya": "Dikabulkan seluruhnya",
    "dikabulkan_sebagian": "Dikabulkan sebagian",
    "ditolak": "Ditolak",
}

# The timeline's kinds of event, as staff read them (laporan, the desk).
PERISTIWA = {
    "diterima": "Diterima",
    "catatan": "Catatan",
    "ditugaskan": "Ditugaskan",
    "didisposisikan": "Didisposisikan ke unit",
    "diproses": "Mulai diproses",
    "diminta_melengkapi": "Diminta melengkapi",
    "dilengkapi": "Dilengkapi",
    "diperpanjang": "Diperpanjang",
    "diputuskan": "Diputuskan",
    "diserahkan": "Diserahkan",
    "ditutup": "Ditutup",
    "dibuka_kembali": "Dibuka kembali",
    "surat": "Surat dibuat",
    "surat_dikirim": "Surat dikirim kepada pemohon",
    "draf_diajukan": "Draf jawaban unit diajukan",
    "draf_disetujui": "Draf jawaban unit disetujui",
    "draf_dikembalikan": "Draf jawaban unit dikembalikan",
    "sengketa": "Sengketa informasi",
    "tanggapan_pemohon": "Tanggapan pemohon",
}


class TrackerError(PPIDError):
    """A staff action that cannot be done; the message says why, in Indonesian."""


class NotFound(TrackerError):
    """No record with that number."""


# What staff may add to a decision (ppid permohonan putuskan) or give when printing a letter:
# the details a decision carries into its letters, one option each.
RINCIAN = {
    "diberikan": "Informasi yang diberikan (bawaan: rincian informasi yang dimohon).",
    "dihitamkan": "Bagian yang dihitamkan dan alasannya (wajib bila dikabulkan sebagian).",
    "biaya": "Biaya dan cara pembayaran, menggantikan hitungan dari standar biaya kantor.",
    "halaman": "Jumlah halaman salinan cetak (bilangan bulat), untuk menghitung biaya.",
    "media": "Media salinan dari standar biaya kantor, misalnya CD/DVD.",
    "waktu_penyediaan": "Kapan informasi disediakan (bawaan: paling lambat pada tenggat).",
    "penguasa": "Badan publik yang menguasai informasi (wajib bila tidak dikuasai).",
    "penguasa_diberitahu": "Kapan badan publik yang menguasai informasi diberi tahu.",
    "entri": "Slug entri DIP yang dikecualikan yang menjadi dasar penolakan.",
    "konsekuensi": "Konsekuensi bila informasi dibuka (bila tanpa --entri).",
    "dasar_hukum": "Dasar hukum pengecualian (bila tanpa --entri).",
    "cara": "Cara dan format penyampaian (bila tidak tercatat pada permohonan).",
    "pertimbangan": "Alasan tertulis atasan PPID atas keberatan (bila tanpa --catatan).",
}
