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
ALASAN_KEBERATAN = {
    "a": "Permohonan informasi ditolak atas alasan pengecualian",
    "b": "Informasi berkala tidak disediakan",
    "c": "Permintaan informasi tidak ditanggapi",
    "d": "Permintaan informasi ditanggapi tidak sebagaimana yang diminta",
    "e": "Permintaan informasi tidak dipenuhi",
    "f": "Pengenaan biaya yang tidak wajar",
    "g": "Penyampaian informasi melebihi jangka waktu",
}

CUTI_BERSAMA = {
    "libur": "Cuti bersama tidak dihitung sebagai hari kerja",
    "hari_kerja": "Cuti bersama dihitung sebagai hari kerja",
}
