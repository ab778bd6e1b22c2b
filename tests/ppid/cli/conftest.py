"""What the command tests share: PPID_* pointing into tmp_path and a clock frozen in WIB."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy.engine import Engine

from forms.store import tables as store
from ppid.cli.main import main

# The records below are dated November 2026 and short numbers such as `1` are read in the
# current year: the commands run on a clock frozen at this moment, Jakarta time (WIB).
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def ppid_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Path:
    """The relay's database (a fresh one of each kind), upload folder and secret in
    tmp_path, as PPID_* variables."""
    monkeypatch.setenv("PPID_DATABASE_URL", database_url)
    monkeypatch.setenv("PPID_UPLOAD_DIR", str(tmp_path / "unggahan"))
    monkeypatch.setenv("PPID_SECRET", "uji")
    return tmp_path


@pytest.fixture
def ppid_engine(ppid_env: Path, database_url: str) -> Iterator[Engine]:
    """An engine on the commands' database (PPID_DATABASE_URL), migrated; disposed after."""
    engine = store.make_engine(database_url)
    store.migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def frozen() -> Iterator[datetime]:
    """The clock stopped at NOW (24 November 2026, 09:30 WIB)."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def run(ppid_env: Path, frozen: datetime) -> Callable[..., str]:
    """Run a staff command (`--oleh Petugas Desk` added to actions); its output."""

    def invoke(*args: str, ok: bool = True) -> str:
        result = CliRunner().invoke(
            main,
            [*args, "--oleh", "Petugas Desk"]
            if args[1] not in ("list", "show", "baru")
            else list(args),
        )
        if ok:
            assert result.exit_code == 0, result.output
        else:
            assert result.exit_code == 1, result.output
        return result.output

    return invoke
