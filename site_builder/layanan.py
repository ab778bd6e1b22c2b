"""The words of the information service: who asks, how they receive it, why they object.

Their keys are a public contract (the form fields other offices' pages post) and the values
the records, letters and registers show. Kept below the renderers and the DIP schema so that
every layer names them from one place.
"""

from __future__ import annotations

JENIS_PEMOHON = {
    "perorangan": "Perorangan",
    "badan_hukum": "Badan hukum",
    "kelompok": "Kelompok orang",
}
CARA_MEMPEROLEH = {
    "melihat": "Melihat, membaca, mendengarkan, atau mencatat",
    "salinan_cetak": "Mendapatkan salinan cetak (hardcopy)",
    "salinan_softcopy": "Mendapatkan salinan elektronik (softcopy)",
}
CARA_SALINAN = {
    "ambil_langsung": "Mengambil langsung",
    "kurir": "Kurir",
    "pos": "Pos",
    "faksimili": "Faksimili",
    "email": "Surel (email)",
}
# The documents a request may need (Perki 1/2021), by the file field that carries each; the
# labels are what the requester and the timeline are told is missing.
DOKUMEN = {
    "dokumen_identitas": "salinan KTP",
    "dokumen_badan_hukum": "akta pendirian/SK pengesahan badan hukum",
    "surat_kuasa": "surat kuasa",
}
ALASAN_KEBERATAN = {
    "a": "Permohonan informasi ditolak atas alasan pengecualian",
    "b": "Informasi berkala tidak disediakan",
    "c": "Permintaan informasi tidak ditanggapi",
    "d": "Permintaan informasi ditanggapi tidak sebagaimana yang diminta",
    "e": "Permintaan informasi tidak dipenuhi",
    "f": "Pengenaan biaya yang tidak wajar",
    "g": "Penyampaian informasi melebihi jangka waktu",
}

# The only ground that needs no earlier request (UU 14/2008 Pasal 35 ayat 1 huruf b).
ALASAN_TANPA_PERMOHONAN = "b"

CUTI_BERSAMA = {
    "libur": "Cuti bersama tidak dihitung sebagai hari kerja",
    "hari_kerja": "Cuti bersama dihitung sebagai hari kerja",
}


def belum_dilampirkan(kurang: list[str]) -> str:
    """The missing documents as one clause: 'salinan KTP dan surat kuasa belum dilampirkan'."""
    if not kurang:
        return ""
    names = kurang[0] if len(kurang) == 1 else f"{', '.join(kurang[:-1])} dan {kurang[-1]}"
    return f"{names} belum dilampirkan"


def rupiah(amount: int) -> str:
    """An amount as Indonesians write it: Rp10.000."""
    return f"Rp{amount:,}".replace(",", ".")
