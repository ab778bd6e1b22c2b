"""`ppid audit`: the audit log and the records' timelines of a period, in the office's zone."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from click.testing import CliRunner, Result
from sqlalchemy.engine import Engine

from forms.desk.audit import AuditLog
from forms.tracker import Tracker
from ppid.cli.main import main
from site_builder.calendar import WorkingCalendar
from tests.support import PERMOHONAN

ROOT = Path(__file__).resolve().parents[3]
WIB = ZoneInfo("Asia/Jakarta")


def _at(moment: datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def logged(ppid_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> str:
    """A day's work around midnight WIB: what was done at 23.30 WIB on 23 November belongs
    to the 23rd, what was done at 00.30 WIB on the 24th (17.30 UTC the day before) to the
    24th. Returns the request's number."""
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    engine = ppid_engine
    tracker = Tracker(engine, WorkingCalendar(), "uji")
    log = AuditLog(engine)
    with _at(datetime(2026, 11, 23, 23, 30, tzinfo=WIB)):
        log.write("rina", "10.0.0.9", "masuk", "rina")
    with _at(datetime(2026, 11, 24, 0, 30, tzinfo=WIB)):
        log.write("rina", "10.0.0.9", "masuk_gagal", "rina")
    with _at(datetime(2026, 11, 24, 9, 15, tzinfo=WIB)):
        nomor = tracker.file("permohonan", "Salinan DIPA 2026", dict(PERMOHONAN)).record.nomor
    with _at(datetime(2026, 11, 24, 9, 20, tzinfo=WIB)):
        tracker.act(nomor, "tugaskan", "Rina Petugas (rina)", petugas="Rina Petugas (rina)")
        log.write("rina", "10.0.0.9", "dokumen_dilihat", nomor, dokumen="ktp.jpg")
    with _at(datetime(2026, 11, 24, 9, 25, tzinfo=WIB)):
        log.write("cli:budi", "cli", "pengguna", "sri", ubah="tambah", peran=["ppid", "atasan"])
    return nomor


def _audit(*args: str, code: int = 0) -> Result:
    with _at(datetime(2026, 11, 24, 16, 0, tzinfo=WIB)):
        result = CliRunner().invoke(main, ["audit", *args])
    assert result.exit_code == code, result.output
    return result


def test_a_day_of_the_audit_log_and_the_timelines_in_wib(logged: str) -> None:
    result = _audit("--dari", "2026-11-24", "--sampai", "2026-11-24")
    assert result.output.splitlines() == [
        "[audit] | 24 November 2026 | 00.30 WIB | rina | 10.0.0.9 | Gagal masuk | rina | -",
        f"[linimasa] | 24 November 2026 | 09.15 WIB | pemohon | - | Diterima | {logged} | "
        "saluran: daring",
        f"[linimasa] | 24 November 2026 | 09.20 WIB | Rina Petugas (rina) | - | Ditugaskan | "
        f"{logged} | petugas: Rina Petugas (rina)",
        f"[audit] | 24 November 2026 | 09.20 WIB | rina | 10.0.0.9 | Dokumen identitas dibuka | "
        f"{logged} | dokumen: ktp.jpg",
        "[audit] | 24 November 2026 | 09.25 WIB | cli:budi | cli | Pengelolaan akun | sri | "
        "ubah: tambah; peran: ppid, atasan",
        "5 kejadian pada 24 November 2026 (WIB)",
    ]


def test_one_person_over_two_days(logged: str) -> None:
    result = _audit("--dari", "2026-11-23", "--sampai", "2026-11-24", "--pengguna", "rina")
    lines = result.output.splitlines()
    assert [x.split(" | ")[2] for x in lines[:-1]] == [
        "23.30 WIB", "00.30 WIB", "09.20 WIB", "09.20 WIB"
    ]  # fmt: skip
    assert [x.split(" | ")[5] for x in lines[:-1]] == [
        "Masuk", "Gagal masuk", "Ditugaskan", "Dokumen identitas dibuka"
    ]  # fmt: skip
    assert lines[-1] == "4 kejadian pada 23 November 2026 - 24 November 2026 (WIB)"
    budi = _audit("--dari", "2026-11-24", "--pengguna", "budi").output.splitlines()
    assert len(budi) == 2 and "cli:budi | cli | Pengelolaan akun" in budi[0]


def test_json_has_the_source_and_the_moment_with_its_zone(logged: str) -> None:
    found = json.loads(_audit("--dari", "2026-11-24", "--json").output)
    assert [(x["sumber"], x["tindakan"]) for x in found] == [
        ("audit", "masuk_gagal"),
        ("linimasa", "diterima"),
        ("linimasa", "ditugaskan"),
        ("audit", "dokumen_dilihat"),
        ("audit", "pengguna"),
    ]
    assert found[0]["waktu"] == "2026-11-24T00:30:00+07:00"
    assert found[4]["isi"] == {"ubah": "tambah", "peran": ["ppid", "atasan"]}


def test_today_by_default_and_an_empty_period(logged: str) -> None:
    assert len(_audit().output.splitlines()) == 6  # 24 November, the office's today
    assert _audit("--dari", "2026-11-25").output == "tidak ada kejadian pada 25 November 2026\n"


def test_a_period_backwards_or_a_bad_date_is_refused(logged: str) -> None:
    backwards = _audit("--dari", "2026-11-24", "--sampai", "2026-11-01", code=2)
    assert "1 November 2026 sebelum --dari 24 November 2026" in backwards.output
    bad = _audit("--dari", "24-11-2026", code=2)
    assert "'24-11-2026' bukan tanggal; tulis sebagai YYYY-MM-DD" in bad.output


def test_an_account_change_from_the_cli_is_in_the_log(logged: str) -> None:
    with _at(datetime(2026, 11, 24, 15, 0, tzinfo=WIB)):
        added = CliRunner().invoke(
            main,
            ["pengguna", "tambah", "hadi", "--nama", "Hadi", "--peran", "atasan",
             "--tanpa-kata-sandi"],
        )  # fmt: skip
    assert added.exit_code == 0, added.output
    last = _audit("--pengguna", f"cli:{getpass.getuser()}").output.splitlines()[-2]
    assert last == (
        f"[audit] | 24 November 2026 | 15.00 WIB | cli:{getpass.getuser()} | cli | "
        "Pengelolaan akun | hadi | ubah: tambah; peran: atasan"
    )
