"""`ppid relay`: unusable PPID_* settings are one line naming the variable, before serving."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from forms.settings import Settings
from ppid.cli.main import main
from tests.support import serve_app


@pytest.mark.parametrize(
    ("command", "variable", "value", "message"),
    [
        (
            "relay",
            "PPID_DATABASE_URL",
            "bukan-url",
            "PPID_DATABASE_URL='bukan-url' bukan URL basis data",
        ),
        (
            "relay",
            "PPID_DATABASE_URL",
            "sqlite:////proc/tidak-ada/ppid.sqlite3",
            "PPID_DATABASE_URL=sqlite:////proc/tidak-ada/ppid.sqlite3: basis data tidak "
            "dapat dibuka",
        ),
        (
            "relay",
            "PPID_DATABASE_URL",
            "postgresql://ppid:rahasia@127.0.0.1:1/ppid",
            "PPID_DATABASE_URL=postgresql://ppid:***@127.0.0.1:1/ppid: basis data tidak "
            "dapat dibuka",
        ),
        (
            "relay",
            "PPID_HOLIDAYS_FILE",
            "/tidak-ada/libur.yml",
            "PPID_HOLIDAYS_FILE: /tidak-ada/libur.yml: berkas hari libur lokal tidak dapat dibaca",
        ),
    ],
)
def test_relay_settings_are_checked_before_serving(
    ppid_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    variable: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(variable, value)
    args = [command, "--port", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert "rahasia" not in result.output  # a password in the URL is never shown


def test_relay_never_makes_examples_and_warns_of_any_left(
    relay_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    from forms.http.app import create_app
    from forms.seed import count, seed
    from forms.startup import open_records
    from ppid.cli.relay import _no_demo

    for _url in serve_app(create_app(relay_settings, on_desk=_no_demo)):
        pass
    tracker = open_records(relay_settings)
    assert tracker.list("permohonan") == [] and "catatan contoh" not in capsys.readouterr().err
    made = seed(tracker, 2026, date(2026, 11, 22), count=3)  # left from `nox -s serve`
    for _url in serve_app(create_app(relay_settings, on_desk=_no_demo)):
        pass
    assert count(tracker) == made  # the relay removes nothing either: staff decide
    tracker.engine.dispose()  # no connection left open for the garbage collector
    assert (
        f"peringatan: basis data berisi {made} catatan contoh (demonstrasi); "
        "hapus dengan 'ppid permohonan contoh --hapus'"
    ) in capsys.readouterr().err


def test_relay_workers_are_checked_before_serving(ppid_env: Path) -> None:
    result = CliRunner().invoke(main, ["relay", "--port", "1", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output
    assert "Traceback" not in result.output
