"""`ppid relay`: unusable PPID_* settings are one line naming the variable, before serving."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ppid.cli.main import main


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
