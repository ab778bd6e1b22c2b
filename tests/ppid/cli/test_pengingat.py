"""`ppid pengingat`: the morning digest to each staff member, through a real SMTP server.

Today is Tuesday 24 November 2026 (the `frozen` clock); "soon" is 2 working days on,
Thursday 26 November. Deadlines below are counted by hand: 10 working days for a request,
30 for an objection, no holiday between October and November 2026.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import Engine

from forms.desk.accounts import Accounts
from forms.desk.roles import load_roles
from forms.tracker import Tracker
from ppid.cli.main import main
from site_builder.calendar import WorkingCalendar
from tests.mailbox import Inbox, smtp_server
from tests.support import PERMOHONAN

ROOT = Path(__file__).resolve().parents[3]
SITE = "https://ppid.kpu-contoh.go.id"
UNIT = "keuangan-umum-logistik"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("PPID_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("PPID_SMTP_PORT", str(port))
        monkeypatch.setenv("PPID_SMTP_FROM", "ppid@kpu-contoh.go.id")
        yield box


Records = dict[str, tuple[int, str]]


@pytest.fixture
def records(ppid_engine: Engine, frozen: datetime, monkeypatch: pytest.MonkeyPatch) -> Records:
    """Staff of every role and the records they should (and should not) be told about."""
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    monkeypatch.setenv("PPID_SITE_URL", SITE)
    engine = ppid_engine
    accounts = Accounts(engine, load_roles())
    accounts.add("rina", "Rina Wulandari", ["petugas"], surel="rina@kpu-contoh.go.id")
    accounts.add("sri", "Sri Lestari", ["ppid"], surel="sri@kpu-contoh.go.id")
    accounts.add("agus", "Agus Salim", ["pelaksana"], [UNIT], surel="agus@kpu-contoh.go.id")
    accounts.add("hadi", "Hadi Atasan", ["atasan"], surel="hadi@kpu-contoh.go.id")
    accounts.add("dewi", "Dewi Admin", ["admin"], surel="dewi@kpu-contoh.go.id")
    accounts.add("tono", "Tono", ["petugas"])  # no address: no mail
    accounts.add("lama", "Petugas Lama", ["petugas"], surel="lama@kpu-contoh.go.id")
    accounts.set_active("lama", False)
    tracker = Tracker(engine, WorkingCalendar(), "uji")

    def filed(judul: str, day: date, petugas: str | None = None) -> tuple[int, str]:
        r = tracker.file("permohonan", judul, dict(PERMOHONAN), diterima=day).record
        if petugas:
            tracker.act(r.nomor, "tugaskan", "Petugas Desk", petugas=petugas)
        return r.id, r.nomor

    out = {
        # 10 Nov + 10 working days = Tue 24 Nov: due today
        "hari_ini": filed("Salinan DIPA 2026", date(2026, 11, 10), "Rina Wulandari (rina)"),
        # 12 Nov + 10 = Thu 26 Nov: 2 working days left
        "lusa": filed("Daftar hadir rapat pleno", date(2026, 11, 12), "rina"),
        # 2 Nov + 10 = Mon 16 Nov: 6 working days late (17-20, 23, 24 November)
        "terlambat": filed("Realisasi anggaran", date(2026, 11, 2), "Tono"),
        # 20 Nov + 10 = Fri 4 Dec: nobody is told yet
        "nanti": filed("SK tim seleksi", date(2026, 11, 20), "Rina Wulandari (rina)"),
        # decided (closed): never in a reminder although its deadline has passed
        "induk": filed("Notulen rapat", date(2026, 9, 1)),
    }
    tracker.act(out["terlambat"][1], "disposisi", "Petugas Desk", unit=UNIT)
    tracker.act(
        out["induk"][1], "putuskan", "PPID", keputusan="ditolak", alasan="tidak_dikuasai",
        today=date(2026, 9, 10),
    )  # fmt: skip
    # 13 Oct + 30 working days = Tue 24 Nov
    k = tracker.file(
        "keberatan", "Keberatan atas penolakan", {"nama": "Budi Santoso", "alasan": ["a"]},
        induk_nomor=out["induk"][1], diterima=date(2026, 10, 13),
    )  # fmt: skip
    out["keberatan"] = (k.record.id, k.record.nomor)
    return out


def _pengingat(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(main, ["pengingat", *args])
    assert result.exit_code == code, result.output
    return result


def test_each_person_is_told_what_is_theirs(records: Records, inbox: Inbox) -> None:
    result = _pengingat()
    assert result.output.splitlines() == [
        "terkirim: agus <agus@kpu-contoh.go.id> (1 catatan)",
        "terkirim: hadi <hadi@kpu-contoh.go.id> (1 catatan)",
        "terkirim: rina <rina@kpu-contoh.go.id> (2 catatan)",
        "terkirim: sri <sri@kpu-contoh.go.id> (1 catatan)",
    ]
    inbox.wait(4)
    assert sorted(m["To"] for m in inbox.messages) == [
        "agus@kpu-contoh.go.id",
        "hadi@kpu-contoh.go.id",
        "rina@kpu-contoh.go.id",
        "sri@kpu-contoh.go.id",
    ]  # fmt: skip  (not dewi the admin, not tono without an address, not the inactive one)

    rina = inbox.to("rina@kpu-contoh.go.id")
    assert rina["Subject"] == "[PPID] Pengingat: 2 catatan perlu ditindaklanjuti"
    assert rina["From"] == "ppid@kpu-contoh.go.id"
    body = inbox.body("rina@kpu-contoh.go.id")
    today_id, today_no = records["hari_ini"]
    soon_id, soon_no = records["lusa"]
    assert (
        f"- {today_no} (permohonan): Salinan DIPA 2026\n"
        "  tenggat Selasa, 24 November 2026, tenggat hari ini\n"
        f"  {SITE}/meja/r/{today_id}\n"
        f"- {soon_no} (permohonan): Daftar hadir rapat pleno\n"
        "  tenggat Kamis, 26 November 2026, sisa 2 hari kerja\n"
        f"  {SITE}/meja/r/{soon_id}\n"
    ) in body
    assert body.startswith("Yth. Rina Wulandari,\n")

    late_id, late_no = records["terlambat"]
    for who in ("sri", "agus"):  # ppid: every overdue one; pelaksana: disposed to the unit
        mail = inbox.to(f"{who}@kpu-contoh.go.id")
        assert mail["Subject"] == "[PPID] Pengingat: 1 catatan perlu ditindaklanjuti (1 terlambat)"
        text = inbox.body(f"{who}@kpu-contoh.go.id")
        assert f"- {late_no} (permohonan): Realisasi anggaran\n" in text
        assert "tenggat Senin, 16 November 2026, terlambat 6 hari kerja\n" in text
        assert f"{SITE}/meja/r/{late_id}\n" in text

    k_id, k_no = records["keberatan"]
    hadi = inbox.body("hadi@kpu-contoh.go.id")
    assert f"- {k_no} (keberatan): Keberatan atas penolakan\n" in hadi
    assert f"{SITE}/meja/r/{k_id}" in hadi

    everything = "\n".join(f"{m['Subject']}\n{inbox.body(m['To'])}" for m in inbox.messages)
    for personal in ("3399011203850001", "0812-3456-7890", "Jl. Melati", "Budi Santoso",
                     "budi@contoh.id"):  # fmt: skip
        assert personal not in everything
    assert records["nanti"][1] not in everything and records["induk"][1] not in everything


def test_kering_prints_the_mails_and_sends_nothing(records: Records, inbox: Inbox) -> None:
    result = _pengingat("--kering")
    assert "--- untuk rina <rina@kpu-contoh.go.id>\n" in result.output
    assert "Subjek: [PPID] Pengingat: 2 catatan perlu ditindaklanjuti\n" in result.output
    assert f"{SITE}/meja/r/{records['hari_ini'][0]}" in result.output
    time.sleep(0.2)
    assert inbox.messages == []


def test_a_day_that_is_not_a_working_day_sends_nothing(records: Records, inbox: Inbox) -> None:
    # Thursday 24 December 2026: cuti bersama Natal, a weekday the timer does start on
    assert _pengingat("--hari-ini", "2026-12-24").output == (
        "Kamis, 24 Desember 2026 bukan hari kerja (Cuti Bersama Hari Raya Natal); "
        "pengingat tidak dikirim\n"
    )
    assert _pengingat("--hari-ini", "2026-11-28").output == (
        "Sabtu, 28 November 2026 bukan hari kerja (Sabtu); pengingat tidak dikirim\n"
    )
    time.sleep(0.2)
    assert inbox.messages == []


def test_another_day_counts_from_that_day(records: Records, inbox: Inbox) -> None:
    # Monday 23 November: the request due on the 24th has 1 working day left
    result = _pengingat("--hari-ini", "2026-11-23", "--kering")
    assert "tenggat Selasa, 24 November 2026, sisa 1 hari kerja" in result.output
    assert "Daftar hadir rapat pleno" not in result.output  # due 26 Nov: 3 days on


def test_without_a_mail_server_the_command_says_so(
    records: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PPID_SMTP_HOST", raising=False)
    result = _pengingat(code=1)
    assert result.output.startswith("Galat: server surel belum diatur: isi PPID_SMTP_HOST")


def test_a_refused_address_is_reported_and_the_others_still_sent(
    records: Records, inbox: Inbox
) -> None:
    inbox.refuse.add("sri@kpu-contoh.go.id")
    result = _pengingat(code=1)
    assert "terkirim: rina <rina@kpu-contoh.go.id> (2 catatan)" in result.output
    assert "GAGAL: sri <sri@kpu-contoh.go.id>:" in result.output
    assert result.output.splitlines()[-1] == "Galat: 1 dari 4 pengingat tidak terkirim"
    inbox.wait(3)
    assert len(inbox.messages) == 3


def test_nothing_due_nothing_sent(
    ppid_env: Path, frozen: datetime, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    assert _pengingat().output == "Selasa, 24 November 2026: tidak ada yang perlu diingatkan\n"
