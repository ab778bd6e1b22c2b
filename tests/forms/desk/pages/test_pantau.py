"""Monitoring (/meja/pantau): a province's PPID watches its kabupaten/kota and KPU RI's every
office below it, read-only, with no personal data; figures checked against counts made by
hand from the records filed below."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import time_machine

from forms.store import tables as store
from forms.tracker import Record
from site_builder.dates import format_date
from tests.forms.desk.conftest import KantorDesk

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
TODAY = date(2026, 11, 24)
PRIVATE = (
    "Bambang Sutrisno",
    "Siti Aminah",
    "3374010101010001",
    "@contoh.id",
    "Jl. Mawar",
    "0812-3456-7890",
    "Penelitian skripsi",
    "Salinan DIPA",
)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def filed(kantor_desk: KantorDesk) -> dict[str, Record]:
    """6201: two open (one late), one decided in time, one decided late, an objection, and
    a late one of last year; 6271: one late; 62 itself: one late; 9471 (WIT): one open."""
    k = kantor_desk
    t = k.office("6201")
    r = {
        "a_late": k.file("6201", date(2026, 10, 1)),
        "a_open": k.file("6201", date(2026, 11, 20)),
        "a_in_time": k.file("6201", date(2026, 11, 2)),
        "a_decided_late": k.file("6201", date(2026, 10, 1)),
        "a_last_year": k.file("6201", date(2025, 6, 2)),
        "b_late": k.file("6271", date(2026, 10, 15), nama="Bambang Sutrisno"),
        "d_late": k.file("62", date(2026, 9, 1)),
        "c_open": k.file("9471", date(2026, 11, 23)),
    }
    t.act(
        r["a_in_time"].nomor,
        "putuskan",
        "PPID",
        today=date(2026, 11, 5),
        keputusan="dikabulkan_seluruhnya",
        diberikan="Salinan DIPA",
    )
    t.act(
        r["a_decided_late"].nomor,
        "putuskan",
        "PPID",
        today=date(2026, 11, 10),
        keputusan="ditolak",
        alasan="tidak_dikuasai",
    )
    r["a_objection"] = k.file(
        "6201", date(2026, 11, 9), "keberatan", induk=r["a_decided_late"].nomor
    )
    return r


def _row(page: str, kantor: str, jenis: str) -> dict[str, int]:
    section = page.split(f'id="kantor-{kantor}"', 1)[1].split("</section>", 1)[0]
    row = section.split(f'data-jenis="{jenis}"', 1)[1].split("</tr>", 1)[0]
    return {k: int(v) for k, v in re.findall(r'data-angka="(\w+)">(\d+)<', row)}


def _late(page: str, kantor: str) -> list[str]:
    section = page.split(f'id="kantor-{kantor}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<tr class="telat">\s*<td>([^<]+)</td>', section)


def test_a_province_sees_its_offices_figures_and_nothing_personal(
    kantor_desk: KantorDesk, filed: dict[str, Record]
) -> None:
    with kantor_desk.sign_in("ppid62") as c:
        home = c.get("/meja/")
        assert 'href="/meja/pantau"' in home.text
        answer = c.get("/meja/pantau")
    assert answer.status_code == 200, answer.text
    page = answer.text
    # its children only: not itself, not another province's offices
    assert 'id="kantor-6201"' in page and 'id="kantor-6271"' in page
    assert 'id="kantor-62"' not in page and 'id="kantor-9471"' not in page
    assert _row(page, "6201", "permohonan") == {
        "jumlah": 4,  # this year's four (the 2025 one is not this year's)
        "terbuka": 2,
        "diputuskan": 2,
        "ditutup": 0,
        "terlambat": 1,
        "tepat_waktu": 1,
        "lewat_waktu": 1,
        "dikabulkan_seluruhnya": 1,
        "dikabulkan_sebagian": 0,
        "ditolak": 1,
    }
    assert _row(page, "6201", "keberatan")["jumlah"] == 1
    assert _row(page, "6201", "keberatan")["terbuka"] == 1
    assert _row(page, "6201", "keberatan")["terlambat"] == 0
    assert _row(page, "6271", "permohonan")["terlambat"] == 1
    assert _row(page, "6271", "keberatan")["jumlah"] == 0
    # the late list: any year, earliest deadline first
    assert _late(page, "6201") == [filed["a_last_year"].nomor, filed["a_late"].nomor]
    assert _late(page, "6271") == [filed["b_late"].nomor]
    assert kantor_desk.tracker is not None
    palangka = kantor_desk.office("6271")
    due = palangka.deadline(filed["b_late"]).due
    days = -palangka.calendar.days_left(TODAY, due)
    section = page.split('id="kantor-6271"', 1)[1]
    assert f"<td>{format_date(due)}</td>" in section and f"<td>{days} hari kerja</td>" in section
    assert f"<td>{format_date(date(2026, 10, 15))}</td>" in section  # "15 Oktober 2026"
    for text in PRIVATE:
        assert text not in page, text
    assert "/meja/r/" not in page  # no record page to open from here
    a = store.audit.c
    with kantor_desk.accounts.engine.connect() as conn:
        seen = conn.execute(
            sa.select(a.sasaran, a.isi).where(a.pengguna == "ppid62", a.tindakan == "pantau")
        ).all()
    assert [(s, i["kantor"]) for s, i in seen] == [("62", 2)]


def test_kpu_ri_sees_every_office_grouped_by_province(
    kantor_desk: KantorDesk, filed: dict[str, Record]
) -> None:
    with kantor_desk.sign_in("ppid00") as c:
        page = c.get("/meja/pantau").text
        # read-only: a child office's record page stays a 404 for KPU RI's PPID
        assert c.get(f"/meja/r/{filed['b_late'].id}").status_code == 404
    kalteng, papua = page.split('id="g-62"', 1)[1].split('id="g-94"', 1)
    for kode in ("62", "6201", "6271"):
        assert f'id="kantor-{kode}"' in kalteng
    assert 'id="kantor-94"' in papua and 'id="kantor-9471"' in papua
    assert _late(page, "62") == [filed["d_late"].nomor]
    assert _row(page, "9471", "permohonan") == {
        "jumlah": 1,
        "terbuka": 1,
        "diputuskan": 0,
        "ditutup": 0,
        "terlambat": 0,
        "tepat_waktu": 0,
        "lewat_waktu": 0,
        "dikabulkan_seluruhnya": 0,
        "dikabulkan_sebagian": 0,
        "ditolak": 0,
    }
    assert "hari ini 24 November 2026" in page.split('id="kantor-9471"', 1)[1]
    for text in PRIVATE:
        assert text not in page, text


@pytest.mark.parametrize(
    ("username", "why"),
    [
        ("ppid6201", "tidak diberi pemantauan"),  # a kabupaten's PPID: no flag, none possible
        ("petugas62", "memantau kantor di bawahnya"),  # no `pantau` permission
    ],
)
def test_monitoring_needs_both_the_permission_and_the_flag(
    kantor_desk: KantorDesk, filed: dict[str, Record], username: str, why: str
) -> None:
    with kantor_desk.sign_in(username) as c:
        assert 'href="/meja/pantau"' not in c.get("/meja/").text
        answer = c.get("/meja/pantau")
    assert answer.status_code == 403 and why in answer.text


def test_taking_the_flag_away_closes_the_page(
    kantor_desk: KantorDesk, filed: dict[str, Record]
) -> None:
    kantor_desk.accounts.set_office("ppid62", pantau=False)
    with kantor_desk.sign_in("ppid62") as c:
        assert c.get("/meja/pantau").status_code == 403
