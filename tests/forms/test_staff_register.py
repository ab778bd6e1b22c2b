"""The staff registers (Perki 1/2021): every column of the forms, the values of real records
read back from the workbook, the same bytes twice, and never a file of the site."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from forms import register as public_register
from forms import staff_register
from forms.store import tables as store
from forms.tracker import Record, Tracker
from site_builder.dip.model import Catalogue
from site_builder.engine.generate import generated
from site_builder.render.pages import RenderOptions
from tests.support import PERMOHONAN

TODAY = date(2026, 11, 30)

# Every column of the Perki 1/2021 register forms, as the header names it (a part of it).
PERMOHONAN_PERKI = (
    "No.",
    "Nomor pendaftaran",
    "Tanggal permohonan",
    "Nama",
    "Jenis pemohon",
    "NIK / nomor SK badan hukum",
    "Alamat",
    "Nomor kontak (telepon/surel)",
    "Pekerjaan",
    "Informasi yang diminta",
    "Tujuan penggunaan",
    "Status informasi (dikuasai / tidak dikuasai / belum didokumentasikan)",
    "Bentuk informasi yang dikuasai (cetak / softcopy / rekaman)",
    "Jenis permohonan (melihat/mengetahui / meminta salinan)",
    "Keputusan",
    "Alasan penolakan",
    "Hari dan tanggal pemberitahuan tertulis",
    "Tanggal penyerahan informasi",
    "Biaya dan cara pembayaran",
    "Jangka waktu (hari kerja yang digunakan)",
    "Tepat waktu / terlambat",
    "Keterangan",
)
KEBERATAN_PERKI = (
    "No.",
    "Nomor keberatan",
    "Tanggal diterima",
    "Identitas pemohon atau kuasanya (nama, alamat, kontak)",
    "Diajukan melalui kuasa",
    "Nomor pendaftaran permohonan",
    "Informasi yang diminta",
    "Tujuan penggunaan",
    "Alasan keberatan",
    "Keputusan atasan PPID",
    "Hari dan tanggal tanggapan",
    "Nama dan jabatan atasan PPID",
    "Tanggapan pemohon atas keputusan",
    "Sengketa (tahap terakhir dan hasil)",
)


def _event(tracker: Tracker, r: Record, jenis: str, day: date, **isi: Any) -> None:
    """An event the staff commands do not make yet (the lead is adding them)."""
    with store.transaction(tracker.engine) as conn:
        tracker._event(conn, r.id, jenis, "Petugas", datetime.now(UTC), day, isi)


@pytest.fixture
def filed(tracker: Tracker) -> dict[str, str]:
    """Four permohonan of 2026 (one of them bare), one of 2025, and one keberatan of 2026."""
    refused = tracker.file(
        "permohonan", "Salinan DIPA", dict(PERMOHONAN), diterima=date(2026, 11, 2)
    ).record
    tracker.act(
        refused.nomor,
        "putuskan",
        "PPID",
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="h",
        today=date(2026, 11, 20),
    )
    granted = tracker.file(
        "permohonan",
        "Rekap DPT",
        {
            **PERMOHONAN,
            "jenis_pemohon": "badan_hukum",
            "nama": "=Yayasan Pemilu Bersih",  # typed text, never a formula
            "nik": "",
            "nomor_sk_badan_hukum": "AHU-0012.AH.01.04.2020",
            "cara_memperoleh": "salinan_cetak",
            "cara_salinan": "ambil_langsung",
        },
        diterima=date(2026, 11, 3),
    ).record
    tracker.act(
        granted.nomor,
        "putuskan",
        "PPID",
        keputusan="dikabulkan_seluruhnya",
        bentuk_dikuasai=["cetak", "softcopy"],
        biaya="Rp500 per halaman",
        halaman=12,
        media="kertas A4",
        today=date(2026, 11, 10),
    )
    tracker.act(
        granted.nomor,
        "serahkan",
        "PPID",
        dibayar=6000,
        cara_bayar="tunai di meja layanan",
        today=date(2026, 11, 12),
    )
    partly = tracker.file(
        "permohonan",
        "Notulen rapat pleno",
        {**PERMOHONAN, "nama": "Rina", "kuasa": True, "cara_memperoleh": "melihat"},
        diterima=date(2026, 11, 4),
    ).record
    tracker.act(
        partly.nomor, "perpanjang", "PPID", alasan="Arsip di gudang", today=date(2026, 11, 16)
    )
    _event(
        tracker,
        partly,
        "diputuskan",
        date(2026, 11, 25),
        keputusan="dikabulkan_sebagian",
        alasan="dikecualikan",
        pasal_17=["c", "i"],
        bentuk_dikuasai="rekaman",
    )
    tracker.file("permohonan", "Tanpa data", {}, diterima=date(2026, 11, 5))
    tracker.file("permohonan", "Tahun lalu", dict(PERMOHONAN), diterima=date(2025, 12, 1))
    objection = tracker.file(
        "keberatan",
        "Keberatan",
        {
            "nomor_permohonan": refused.nomor,
            "nama": "Siti Aminah",
            "alamat": "Jl. Mawar 1",
            "telepon": "0813-1111-2222",
            "email": "siti@contoh.id",
            "kuasa": True,
            "alasan": ["a", "g"],
            "kasus_posisi": "Informasi anggaran bukan rahasia pribadi",
        },
        induk_nomor=refused.nomor,
        diterima=date(2026, 11, 23),
    ).record
    tracker.act(
        objection.nomor,
        "putuskan",
        "Atasan",
        keputusan="dikabulkan_sebagian",
        pertimbangan="Bagian anggaran dibuka",
        today=date(2026, 11, 27),
    )
    _event(tracker, objection, "tanggapan_pemohon", TODAY, tanggapan="Menerima sebagian")
    _event(tracker, objection, "sengketa", TODAY, tahap="terdaftar", tanggal="2026-11-30")
    _event(
        tracker,
        objection,
        "sengketa",
        TODAY,
        tahap="mediasi",
        tanggal="2026-12-14",
        hasil="Mediasi berhasil",
        nomor_register="012/REG-PSI/XII/2026",
    )
    return {"refused": refused.nomor, "granted": granted.nomor, "objection": objection.nomor}


def _sheet(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data)).active


def _table(ws: Any) -> tuple[list[str], list[dict[str, Any]]]:
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    header = [str(h) for h in rows[0]]
    return header, [dict(zip(header, r, strict=True)) for r in rows[1:]]


def test_register_permohonan_has_every_perki_column_and_the_records_values(
    tracker: Tracker, filed: dict[str, str], catalogue: Catalogue
) -> None:
    ws = _sheet(staff_register.build(tracker, "permohonan", 2026, catalogue.office, TODAY))
    assert ws["A1"].value == "REGISTER PERMOHONAN INFORMASI PUBLIK TAHUN 2026"
    assert ws["A2"].value == catalogue.office.nama
    assert "UU 27/2022" in ws["A3"].value and "jangan diterbitkan" in ws["A3"].value
    assert ws.freeze_panes == "C6"  # under the header, number columns kept in view
    assert all(c.font.bold for c in ws[5]) and ws["J6"].alignment.wrap_text
    assert ws.column_dimensions["J"].width == 40
    header, rows = _table(ws)
    for name in PERMOHONAN_PERKI:
        assert any(h.startswith(name) for h in header), name
    assert [r["Nomor pendaftaran"] for r in rows] == [
        "0001/PPID/XI/2026",
        "0002/PPID/XI/2026",
        "0003/PPID/XI/2026",
        "0004/PPID/XI/2026",
    ]  # the year's records, oldest first; last year's 0001/PPID/XII/2025 is not here
    refused = rows[0]
    assert refused == {
        "No.": 1,
        "Nomor pendaftaran": filed["refused"],
        "Tanggal permohonan": "2 November 2026",
        "Nama": "Budi Santoso",
        "Jenis pemohon": "Perorangan",
        "NIK / nomor SK badan hukum": "3399011203850001",
        "Alamat": "Jl. Melati 5, Kabupaten Contoh",
        "Nomor kontak (telepon/surel)": "0812-3456-7890 / budi@contoh.id",
        "Pekerjaan": "Wartawan",
        "Informasi yang diminta": "Salinan DIPA 2026 dan realisasi anggaran semester I",
        "Tujuan penggunaan informasi": "Bahan liputan anggaran pemilu",
        "Status informasi (dikuasai / tidak dikuasai / belum didokumentasikan)": "Dikuasai",
        "Bentuk informasi yang dikuasai (cetak / softcopy / rekaman)": "-",
        "Jenis permohonan (melihat/mengetahui / meminta salinan)": (
            "Meminta salinan: Mendapatkan salinan elektronik (softcopy); "
            "cara mendapatkan salinan: Surel (email)"
        ),
        "Keputusan (dikabulkan seluruhnya / sebagian / ditolak)": "Ditolak",
        "Alasan penolakan": (
            "Informasi yang dikecualikan: UU 14/2008 Pasal 17 huruf h (mengungkap rahasia pribadi)"
        ),
        "Hari dan tanggal pemberitahuan tertulis": "Jumat, 20 November 2026",
        "Tanggal penyerahan informasi": "-",
        "Biaya dan cara pembayaran": "-",
        # 3-6, 9-13, 16-20 November: 14 working days; due Monday 16 November
        "Jangka waktu (hari kerja yang digunakan)": 14,
        "Tepat waktu / terlambat": "Terlambat",
        "Keterangan": "Status: Diputuskan; Diterima melalui: Formulir daring",
    }
    granted = rows[1]
    assert granted["Nama"] == "'=Yayasan Pemilu Bersih"
    assert granted["Jenis pemohon"] == "Badan hukum"
    assert granted["NIK / nomor SK badan hukum"] == "AHU-0012.AH.01.04.2020"
    assert granted["Bentuk informasi yang dikuasai (cetak / softcopy / rekaman)"] == (
        "Cetak (hardcopy), Softcopy/daring"
    )
    assert granted["Jenis permohonan (melihat/mengetahui / meminta salinan)"] == (
        "Meminta salinan: Mendapatkan salinan cetak (hardcopy); "
        "cara mendapatkan salinan: Mengambil langsung"
    )
    assert granted["Keputusan (dikabulkan seluruhnya / sebagian / ditolak)"] == (
        "Dikabulkan seluruhnya"
    )
    assert granted["Alasan penolakan"] == "-"
    assert granted["Hari dan tanggal pemberitahuan tertulis"] == "Selasa, 10 November 2026"
    assert granted["Tanggal penyerahan informasi"] == "12 November 2026"
    assert granted["Biaya dan cara pembayaran"] == (
        "Rp500 per halaman; 12 halaman, kertas A4; dibayar Rp6.000; "
        "cara pembayaran: tunai di meja layanan"
    )
    # 4, 5, 6, 9, 10 November
    assert granted["Jangka waktu (hari kerja yang digunakan)"] == 5
    assert granted["Tepat waktu / terlambat"] == "Tepat waktu"
    assert granted["Keterangan"].startswith("Status: Selesai;")
    partly = rows[2]
    assert partly["Alasan penolakan"] == (
        "Informasi yang dikecualikan: UU 14/2008 Pasal 17 huruf c (membahayakan pertahanan "
        "dan keamanan negara); huruf i (memorandum atau surat antar/intra badan publik yang "
        "bersifat rahasia)"
    )
    assert partly["Bentuk informasi yang dikuasai (cetak / softcopy / rekaman)"] == "Rekaman"
    assert partly["Jenis permohonan (melihat/mengetahui / meminta salinan)"] == (
        "Melihat/mengetahui: Melihat, membaca, mendengarkan, atau mencatat"
    )
    # received Wednesday 4 November: 10 working days to 18 November, 7 more to 27 November
    assert partly["Tepat waktu / terlambat"] == "Tepat waktu"
    assert (
        "Diperpanjang pada 16 November 2026 (Arsip di gudang); tenggat baru 27 November 2026"
        in (partly["Keterangan"])
    )
    assert "Diajukan melalui kuasa" in partly["Keterangan"]
    bare = rows[3]  # no data at all: every personal column "-", nothing raised
    for name in ("Nama", "Alamat", "Pekerjaan", "Nomor kontak (telepon/surel)"):
        assert bare[name] == "-"
    assert bare["Informasi yang diminta"] == "Tanpa data"  # the title, as filed
    # received Thursday 5 November, due Thursday 19 November, still open on 30 November
    assert bare["Tepat waktu / terlambat"] == "Terlambat"
    assert bare["Jangka waktu (hari kerja yang digunakan)"] == 17  # 6 to 30 November


def test_register_keberatan_has_every_perki_column_and_the_records_values(
    tracker: Tracker, filed: dict[str, str], catalogue: Catalogue
) -> None:
    ws = _sheet(staff_register.build(tracker, "keberatan", 2026, catalogue.office, TODAY))
    assert ws["A1"].value == "REGISTER KEBERATAN ATAS PERMOHONAN INFORMASI PUBLIK TAHUN 2026"
    header, rows = _table(ws)
    for name in KEBERATAN_PERKI:
        assert any(h.startswith(name) for h in header), name
    [row] = rows
    atasan = catalogue.office.atasan_ppid
    assert row == {
        "No.": 1,
        "Nomor keberatan": filed["objection"],
        "Tanggal diterima": "23 November 2026",
        "Identitas pemohon atau kuasanya (nama, alamat, kontak)": (
            "Siti Aminah\nJl. Mawar 1\n0813-1111-2222 / siti@contoh.id"
        ),
        "Diajukan melalui kuasa": "Ya",
        "Nomor pendaftaran permohonan": filed["refused"],
        "Informasi yang diminta": "Salinan DIPA 2026 dan realisasi anggaran semester I",
        "Tujuan penggunaan informasi": "Bahan liputan anggaran pemilu",
        "Alasan keberatan (Pasal 35 ayat 1)": (
            "a. Permohonan informasi ditolak atas alasan pengecualian\n"
            "g. Penyampaian informasi melebihi jangka waktu"
        ),
        "Kasus posisi": "Informasi anggaran bukan rahasia pribadi",
        "Keputusan atasan PPID": "Dikabulkan sebagian",
        "Pertimbangan tertulis": "Bagian anggaran dibuka",
        "Hari dan tanggal tanggapan": "Jumat, 27 November 2026",
        "Nama dan jabatan atasan PPID": f"{atasan.nama}, {atasan.jabatan}",
        "Tanggapan pemohon atas keputusan": "Menerima sebagian",
        "Sengketa (tahap terakhir dan hasil)": (
            "Mediasi (14 Desember 2026), nomor 012/REG-PSI/XII/2026: Mediasi berhasil"
        ),
        "Jangka waktu (hari kerja yang digunakan)": 4,  # 24-27 November
        "Tepat waktu / terlambat": "Tepat waktu",
        "Keterangan": (
            "Status: Diputuskan; Diajukan melalui kuasa; Diterima melalui: Formulir daring"
        ),
    }


def test_a_dispute_step_recorded_by_the_staff_command_shows_its_register_number(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    # the CLI (`sengketa --nomor-register`) and the desk store the number as nomor_register
    parent = tracker.file(
        "permohonan", "Salinan DIPA", dict(PERMOHONAN), diterima=date(2026, 11, 2)
    ).record
    objection = tracker.file(
        "keberatan",
        "Keberatan",
        {"nomor_permohonan": parent.nomor, "nama": "Siti Aminah", "alasan": ["g"]},
        induk_nomor=parent.nomor,
        diterima=date(2026, 11, 23),
    ).record
    tracker.act(
        objection.nomor,
        "putuskan",
        "Atasan",
        keputusan="dikabulkan_seluruhnya",
        pertimbangan="Informasi terbuka",
        today=date(2026, 11, 27),
    )
    tracker.act(
        objection.nomor,
        "sengketa",
        "PPID",
        tahap="terdaftar",
        tanggal="2026-11-30",
        nomor_register="012/XII/KI-JTG-PS/2026",
        today=TODAY,
    )
    _header, rows = _table(
        _sheet(staff_register.build(tracker, "keberatan", 2026, catalogue.office, TODAY))
    )
    [row] = rows
    assert row["Sengketa (tahap terakhir dan hasil)"].endswith(
        "(30 November 2026), nomor 012/XII/KI-JTG-PS/2026"
    )


def test_the_same_records_give_the_same_bytes(
    tracker: Tracker, filed: dict[str, str], catalogue: Catalogue
) -> None:
    first = staff_register.build(tracker, "permohonan", 2026, catalogue.office, TODAY)
    assert staff_register.build(tracker, "permohonan", 2026, catalogue.office, TODAY) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 30, 0, 0, 0)}


def test_export_gives_the_workbook_and_its_count(
    tracker: Tracker, filed: dict[str, str], catalogue: Catalogue
) -> None:
    content, count = staff_register.export(tracker, "permohonan", 2026, catalogue.office, TODAY)
    assert content == staff_register.build(tracker, "permohonan", 2026, catalogue.office, TODAY)
    assert count == len(_table(_sheet(content))[1]) == 4  # not the one of 2025


def test_past_the_completion_deadline_is_noted(
    tracker: Tracker, filed: dict[str, str], catalogue: Catalogue
) -> None:
    # received Monday 2 November 2026 without its KTP: 3 + 3 working days to complete, by
    # Tuesday 10 November (3, 4, 5, 6, 9, 10 November); on 30 November it is past
    waiting = tracker.file(
        "permohonan",
        "Salinan SK",
        {"nama": "Rudi", "telepon": "081234567890"},
        diterima=date(2026, 11, 2),
        lengkap=False,
    ).record.nomor
    _header, rows = _table(
        _sheet(staff_register.build(tracker, "permohonan", 2026, catalogue.office, TODAY))
    )
    noted = {r["Nomor pendaftaran"]: "Lewat batas kelengkapan" in r["Keterangan"] for r in rows}
    assert noted[waiting] is True
    assert [v for k, v in noted.items() if k != waiting] == [False] * (len(rows) - 1)


def test_an_empty_year_is_a_header_only(tracker: Tracker, catalogue: Catalogue) -> None:
    header, rows = _table(
        _sheet(staff_register.build(tracker, "keberatan", 2030, catalogue.office, TODAY))
    )
    assert header == list(staff_register.header("keberatan")) and rows == []


def test_no_build_ever_carries_a_staff_register(
    tracker: Tracker, filed: dict[str, str], catalogue: Catalogue
) -> None:
    """The site is made from the public register alone: no XLSX of records, no personal data."""
    site = generated(
        catalogue, RenderOptions(today=TODAY), register=public_register.rows(tracker, TODAY)
    )
    xlsx = sorted(name for name in site if name.endswith(".xlsx"))
    assert xlsx == ["unduh/dik.xlsx", "unduh/dip.xlsx"]
    for content in site.values():
        data = content.encode() if isinstance(content, str) else content
        for secret in (b"3399011203850001", b"Jl. Melati 5", staff_register.WARNING.encode()):
            assert secret not in data
