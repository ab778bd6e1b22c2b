"""What personal data looks like in published text, written tidily or disguised."""

from __future__ import annotations

import pytest

from site_builder.privacy import IDENTIFIERS, MASK, find, scrub


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("NIK 3399011203850001", f"NIK {MASK}"),
        ("NIK 3271/0465/0493/0007", f"NIK {MASK}"),
        ("NIK 3271.0465.0493.0007", f"NIK {MASK}"),
        ("hp 0812_9876_5432", f"hp {MASK}"),
        ("hp 0812 9876 5432", f"hp {MASK}"),
        ("wa +62 812-3456-7890", f"wa {MASK}"),
        ("surel budi@contoh.id", f"surel {MASK}"),
        ("surel budi [at] contoh.example", f"surel {MASK}"),
        ("surel budi (at) contoh (dot) id", f"surel {MASK}"),
        ("surel budi at contoh dot id", f"surel {MASK}"),
        ("rumah di Jl. Melati 5, Kota Contoh", f"rumah di {MASK}, Kota Contoh"),
        ("rumah di Jalan Kenari Tersembunyi 77, Desa", f"rumah di {MASK}, Desa"),
        ("RT 02/RW 05 Kelurahan X", f"{MASK} Kelurahan X"),
    ],
)
def test_identifiers_are_masked_however_they_are_written(text: str, shown: str) -> None:
    assert scrub(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Salinan DIPA 2026",
        "Anggaran pembangunan jalan desa 2025",
        "Yayasan Pemilu Bersih",
        "Rekap DPT Pemilu 2024 per kecamatan",
    ],
)
def test_ordinary_requests_are_left_as_they_are(text: str) -> None:
    assert scrub(text) == text


def test_narratives_are_checked_for_identifiers_only() -> None:
    # a budget is a long digit run and a street word is common prose: not refused there
    assert find("Anggaran Rp 1.250.000.000 untuk jalan keluar", IDENTIFIERS) == []
    assert find("hubungi 0812-3456-7890 atau budi@contoh.id", IDENTIFIERS) == [
        "alamat surel",
        "nomor telepon",
    ]
    assert "NIK (16 angka)" in find("NIK 3399/0112/0385/0001", IDENTIFIERS)
