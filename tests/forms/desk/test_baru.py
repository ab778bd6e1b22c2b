"""Desk entry (/meja/baru): a request by letter with its scan, an objection with its window,
and refusals that keep the input and store nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
import time_machine

from tests.forms.desk.conftest import LiveDesk, csrf_of
from tests.support import SCAN_PDF

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    """The office's clock at 24 November 2026, 09:30 WIB (moving on from there)."""
    with time_machine.travel(NOW, tick=True):
        yield


def _request(**override: str) -> dict[str, str]:
    fields = {
        "jenis": "permohonan",
        "saluran": "surat",
        "diterima": "2026-11-20",
        "jenis_pemohon": "perorangan",
        "nama": "Siti Aminah",
        "nik": "3374 0101 0101 0001",
        "alamat": "Jl. Mawar 1, Semarang",
        "pekerjaan": "Peneliti",
        "telepon": "0812-3456-7890",
        "rincian_informasi": "Salinan DIPA 2026",
        "tujuan_penggunaan": "Penelitian",
        "cara_memperoleh": "salinan_cetak",
        "cara_salinan": "ambil_langsung",
        "identitas_diperiksa": "ya",
    }
    fields.update(override)
    return fields


def _post(c: httpx.Client, fields: dict[str, str], files: dict[str, bytes]) -> httpx.Response:
    token = csrf_of(c.get("/meja/baru").text)
    return c.post(
        "/meja/baru",
        data={**fields, "_csrf": token},
        files={k: (f"{k}.pdf", v, "application/pdf") for k, v in files.items()},
    )


def test_letter_with_its_scan_is_registered_with_the_deadline_from_the_day_received(
    live_desk: LiveDesk,
) -> None:
    c = live_desk.sign_in("petugas1")
    form = c.get("/meja/baru")
    assert form.status_code == 200 and "WhatsApp" in form.text
    answer = _post(c, _request(), {"pindaian": SCAN_PDF})
    assert answer.status_code == 303, answer.text
    record = c.get(answer.headers["location"])
    text = record.text
    assert "0001/PPID/XI/2026" in text
    assert "Jumat, 20 November 2026 (Surat)" in text  # received, by letter
    # 10 working days from Friday 20 November: 23-27 November and 30 November-4 December
    assert "Jumat, 4 Desember 2026" in text
    assert "Pindaian surat permohonan" in text and "buka berkas" in text
    assert "Rina Petugas (petugas1)" in text  # the timeline names who registered it
    assert len(live_desk.relay.uploads()) == 1
    scan = re.search(r'href="(/meja/r/\d+/dokumen/\d+)"', text)
    assert scan is not None and c.get(scan.group(1)).content == SCAN_PDF


def test_whatsapp_objection_out_of_time_needs_a_reason(live_desk: LiveDesk) -> None:
    c = live_desk.sign_in("petugas1")
    assert _post(c, _request(diterima="2026-08-03"), {}).status_code == 303
    objection = {
        "jenis": "keberatan",
        "saluran": "whatsapp",
        "diterima": "2026-11-24",
        "nama": "Siti Aminah",
        "alamat": "Jl. Mawar 1, Semarang",
        "telepon": "0812-3456-7890",
        "nomor_permohonan": "0001/PPID/VIII/2026",
        "alasan": "c",
        "kasus_posisi": "Tidak ada jawaban sama sekali",
    }
    late = _post(c, objection, {})
    assert late.status_code == 422
    assert "hanya dapat diajukan paling lambat" in late.text
    assert "isi alasan keterlambatannya" in late.text
    assert "Tidak ada jawaban sama sekali" in late.text  # the input is kept
    assert live_desk.relay.count() == 1
    filed = _post(c, {**objection, "alasan_terlambat": "Pemohon sakit"}, {})
    assert filed.status_code == 303, filed.text
    page = c.get(filed.headers["location"]).text
    assert "0001/KEB/XI/2026" in page and "(WhatsApp)" in page
    assert "Pemohon sakit" in page and "0001/PPID/VIII/2026" in page


@pytest.mark.parametrize(
    ("override", "files", "message"),
    [
        ({"nik": "3374 0101 0101 00O1"}, {}, "NIK harus 16 angka; yang diisi 15 angka dan huruf O"),
        ({"diterima": "2026-11-30"}, {}, "30 November 2026 ada di masa depan"),
        ({"diterima": "2009-01-05"}, {}, "sebelum UU 14/2008 berlaku (30 April 2010)"),
        ({}, {"pindaian": b"%PDF-1.4 bukan pdf"}, "Berkas PDF rusak atau bukan PDF"),
        ({"telepon": "0812-ABC"}, {}, "Nomor telepon berisi huruf A, B, C"),
    ],
)
def test_a_bad_field_keeps_the_input_and_stores_nothing(
    live_desk: LiveDesk, override: dict[str, str], files: dict[str, bytes], message: str
) -> None:
    c = live_desk.sign_in("petugas1")
    answer = _post(c, _request(**override), {"dokumen_identitas": SCAN_PDF, **files})
    assert answer.status_code == 422
    assert message in answer.text
    assert 'value="Siti Aminah"' in answer.text and "Salinan DIPA 2026</textarea>" in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert live_desk.relay.count() == 0 and live_desk.relay.uploads() == []


def test_only_the_desk_roles_may_register(live_desk: LiveDesk) -> None:
    for username in ("unit1", "atasan1"):
        c = live_desk.sign_in(username)
        assert c.get("/meja/baru").status_code == 403
        token = csrf_of(c.get("/meja/akun").text)
        forged = c.post("/meja/baru", data={**_request(), "_csrf": token})
        assert forged.status_code == 403
    assert live_desk.relay.count() == 0
