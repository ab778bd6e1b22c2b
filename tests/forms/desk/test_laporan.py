"""Register & laporan on the desk (/meja/laporan), over a real relay: the staff registers,
the monthly nota dinas and the annual report downloaded as files, each download audited, a
bad year or month refused with a clear message, and the page only for roles with `laporan`."""

from __future__ import annotations

import io
from contextlib import closing

import docx
import httpx
from openpyxl import load_workbook
from pypdf import PdfReader

from forms.desk.web import Desk
from tests.forms.desk.conftest import LiveDesk
from tests.support import PERMOHONAN

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _desk(live: LiveDesk) -> Desk:
    desk: Desk = live.relay.app.state.desk
    return desk


def _filed(live: LiveDesk) -> str:
    answer = httpx.post(
        f"{live.url}/f/permohonan", json=PERMOHONAN, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["nomor"])


def _pdf_text(body: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)


def test_registers_and_reports_download_as_files_and_are_audited(live_desk: LiveDesk) -> None:
    nomor = _filed(live_desk)
    today = _desk(live_desk).tracker.today()
    month = f"{today.year}-{today.month:02d}"
    with closing(live_desk.sign_in("petugas1")) as c:
        page = c.get("/meja/laporan")
        assert page.status_code == 200
        assert 'type="month"' in page.text and f'value="{month}"' in page.text

        register = c.get(f"/meja/laporan/register?jenis=permohonan&tahun={today.year}")
        assert register.status_code == 200
        assert register.headers["content-type"] == XLSX
        assert register.headers["content-disposition"] == (
            f'attachment; filename="register-permohonan-{today.year}.xlsx"'
        )
        sheet = load_workbook(io.BytesIO(register.content)).active
        cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
        assert nomor in cells and "Budi Santoso" in " ".join(cells)

        keberatan = c.get(f"/meja/laporan/register?jenis=keberatan&tahun={today.year}")
        assert keberatan.headers["content-type"] == XLSX

        monthly = c.get(f"/meja/laporan/bulanan?bulan={month}&format=pdf")
        assert monthly.status_code == 200
        assert monthly.headers["content-type"] == "application/pdf"
        assert monthly.headers["content-disposition"] == (
            f'attachment; filename="laporan-bulanan-{month}.pdf"'
        )
        assert "NOTA DINAS" in _pdf_text(monthly.content).upper()
        word = c.get(f"/meja/laporan/bulanan?bulan={month}&format=docx")
        assert word.headers["content-type"] == DOCX
        assert docx.Document(io.BytesIO(word.content)).paragraphs

        annual = c.get("/meja/laporan/tahunan?tahun=2026&format=pdf")
        assert annual.status_code == 200, annual.text
        assert annual.headers["content-type"] == "application/pdf"
        assert annual.headers["content-disposition"] == (
            'attachment; filename="laporan-tahunan-2026.pdf"'
        )
        assert "2026" in _pdf_text(annual.content)
        markdown = c.get("/meja/laporan/tahunan?tahun=2026&format=md")
        assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    desk = _desk(live_desk)
    downloads = [
        (e.pengguna, e.sasaran)
        for e in desk.audit.read(today, today, desk.tracker.clock)
        if e.tindakan == "unduh"
    ]
    assert downloads == [
        ("petugas1", f"register-permohonan-{today.year}.xlsx"),
        ("petugas1", f"register-keberatan-{today.year}.xlsx"),
        ("petugas1", f"laporan-bulanan-{month}.pdf"),
        ("petugas1", f"laporan-bulanan-{month}.docx"),
        ("petugas1", "laporan-tahunan-2026.pdf"),
        ("petugas1", "laporan-tahunan-2026.md"),
    ]


def test_a_bad_month_year_or_format_is_refused_with_a_clear_message(
    live_desk: LiveDesk,
) -> None:
    with closing(live_desk.sign_in("ppid1")) as c:
        month = c.get("/meja/laporan/bulanan?bulan=2026-13&format=pdf")
        assert month.status_code == 400
        assert "bukan bulan; tulis sebagai YYYY-MM, misalnya 2026-11" in month.text
        year = c.get("/meja/laporan/register?jenis=permohonan&tahun=dua")
        assert year.status_code == 400
        assert "Tahun &#39;dua&#39; tidak sah" in year.text
        old = c.get("/meja/laporan/tahunan?tahun=1999&format=pdf")
        assert old.status_code == 400 and "antara 2008 dan 2100" in old.text
        kind = c.get("/meja/laporan/register?jenis=sengketa&tahun=2026")
        assert kind.status_code == 400 and "pilihan: permohonan, keberatan" in kind.text
        fmt = c.get("/meja/laporan/bulanan?bulan=2026-11&format=exe")
        assert fmt.status_code == 400 and "pilihan: pdf, docx, md" in fmt.text
        missing = c.get("/meja/laporan/tahunan?tahun=2031&format=pdf")
        assert missing.status_code == 404
        assert "ppid laporan narasi --tahun 2031" in missing.text


def test_the_reports_are_only_for_roles_with_laporan(live_desk: LiveDesk) -> None:
    with closing(live_desk.sign_in("unit1")) as unit:
        assert "/meja/laporan" not in unit.get("/meja/").text
        page = unit.get("/meja/laporan")
        assert page.status_code == 403
        assert "mengunduh register dan laporan" in page.text
        register = unit.get("/meja/laporan/register?jenis=permohonan&tahun=2026")
        assert register.status_code == 403
        assert register.headers["content-type"].startswith("text/html")
    with closing(httpx.Client(base_url=live_desk.url)) as nobody:
        assert nobody.get("/meja/laporan/register?jenis=permohonan&tahun=2026").status_code == 303
