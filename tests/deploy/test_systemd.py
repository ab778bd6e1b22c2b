"""deploy/: the reminder's systemd timer runs on weekday mornings and its units verify."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from forms.store import tables as store

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return parser


def test_the_timer_runs_the_reminder_monday_to_friday_at_seven() -> None:
    timer = _unit("ppid-pengingat.timer")
    assert timer["Timer"]["OnCalendar"] == "Mon..Fri *-*-* 07:00:00 Asia/Jakarta"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "ppid-pengingat.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_service_reads_the_relays_environment_and_runs_ppid_pengingat() -> None:
    service = _unit("ppid-pengingat.service")["Service"]
    relay = _unit("ppid-relay.service")["Service"]
    assert service["EnvironmentFile"] == relay["EnvironmentFile"] == "/etc/ppid/relay.env"
    assert (
        service["User"] == relay["User"]
        and service["WorkingDirectory"] == (relay["WorkingDirectory"])
    )
    assert service["Type"] == "oneshot"
    assert service["ExecStart"] == relay["ExecStart"].split(" relay ")[0] + " pengingat"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze absent")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    # the units as installed, with the command pointing at this environment's ppid
    ppid = Path(sys.executable).with_name("ppid")
    for name in ("ppid-pengingat.service", "ppid-pengingat.timer"):
        text = (DEPLOY / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("/srv/ppid/.venv/bin/ppid", str(ppid)))
    verify = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *(str(p) for p in sorted(tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verify.returncode == 0, verify.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze absent")
@pytest.mark.parametrize(
    ("server_zone", "seven_wib"),
    [("Asia/Jakarta", "07:00:00 WIB"), ("UTC", "00:00:00 UTC"), ("Asia/Makassar", "08:00:00 WITA")],
)
def test_the_schedule_is_the_offices_morning_and_skips_weekends(
    server_zone: str, seven_wib: str
) -> None:
    # from Friday 27 November 2026 noon WIB (05:00 UTC), on a server in any zone: Monday to
    # Friday of the next week at 07:00 WIB, as that server's clock shows it
    schedule = _unit("ppid-pengingat.timer")["Timer"]["OnCalendar"]
    calendar = subprocess.run(
        ["systemd-analyze", "calendar", "--iterations=6", "--base-time=2026-11-27 05:00:00 UTC",
         schedule],
        capture_output=True, text=True, check=False, env={**os.environ, "TZ": server_zone},
    )  # fmt: skip
    assert calendar.returncode == 0, calendar.stderr
    elapses = [
        line.split(": ", 1)[1]
        for line in calendar.stdout.splitlines()
        if line.strip().startswith(("Next elapse:", "Iter. #"))
    ]
    assert elapses == [
        f"{day} {seven_wib}"
        for day in (
            "Mon 2026-11-30",
            "Tue 2026-12-01",
            "Wed 2026-12-02",
            "Thu 2026-12-03",
            "Fri 2026-12-04",
            "Mon 2026-12-07",
        )
    ]


def test_the_postgresql_drop_in_reads_its_url_after_the_relays_file() -> None:
    drop_in = _unit("ppid-.service.d/postgresql.conf")  # every ppid-*.service
    assert drop_in["Unit"]["After"] == drop_in["Unit"]["Wants"] == "postgresql.service"
    assert drop_in["Service"]["EnvironmentFile"] == "/etc/ppid/postgresql.env"
    for unit in ("ppid-relay.service", "ppid-pengingat.service"):
        assert _unit(unit)["Service"]["EnvironmentFile"] == "/etc/ppid/relay.env"
    lines = (DEPLOY / "postgresql.env.example").read_text(encoding="utf-8").splitlines()
    [url] = [x.split("=", 1)[1] for x in lines if x.startswith("PPID_DATABASE_URL=")]
    assert store.shown_url(url) == "postgresql+psycopg://ppid:***@127.0.0.1:5432/ppid"
