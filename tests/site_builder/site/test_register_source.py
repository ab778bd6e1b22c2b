"""Where the register comes from: each kind of source, and a clear error for each bad one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.site import register_source
from site_builder.site.register_source import RegisterError


def test_auto_is_the_local_database_or_nothing(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PPID_DATABASE_URL", raising=False)
    assert register_source.resolve("auto", tmp_path) is None
    assert register_source.load("auto", tmp_path) is None
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "ppid.sqlite3").write_bytes(b"")
    assert register_source.resolve("auto", tmp_path) == (
        f"sqlite:///{(tmp_path / 'var' / 'ppid.sqlite3').resolve()}")
    monkeypatch.setenv("PPID_DATABASE_URL", "sqlite:////srv/ppid.sqlite3")
    assert register_source.resolve("auto", tmp_path) == "sqlite:////srv/ppid.sqlite3"
    assert register_source.resolve("tidak", tmp_path) is None


def test_an_export_file_is_read(tmp_path: Path) -> None:
    rows = [{"nomor": "0001/PPID/XI/2026", "status": "selesai"}]
    (tmp_path / "register.json").write_text(json.dumps(
        {"format": register_source.FORMAT, "baris": rows}))
    assert register_source.load("register.json", tmp_path) == rows


@pytest.mark.parametrize(("content", "message"), [
    (None, "berkas register tidak dapat dibaca"),
    ("{", "bukan JSON register yang valid"),
    ('{"format": "lain/1", "baris": []}', "format register tidak dikenal"),
    ('{"format": "ppid-register/1", "baris": {}}', "'baris' harus berupa daftar"),
])
def test_a_bad_export_file_says_what_is_wrong(tmp_path: Path, content: str | None,
                                              message: str) -> None:
    if content is not None:
        (tmp_path / "register.json").write_text(content)
    with pytest.raises(RegisterError, match=message):
        register_source.load("register.json", tmp_path)


def test_an_unusable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match=r"register: basis data sqlite:////proc/tidak-ada/"
                                            r"r\.sqlite3 tidak dapat dibuka"):
        register_source.load("sqlite:////proc/tidak-ada/r.sqlite3", tmp_path)
    with pytest.raises(RegisterError, match=r"postgresql://ppid:\*\*\*@127\.0\.0\.1:1/ppid"):
        register_source.load("postgresql://ppid:rahasia@127.0.0.1:1/ppid", tmp_path)
