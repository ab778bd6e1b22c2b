"""The register written from the relay's database before a build on the same machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms.tracker import Tracker
from ppid import register_file
from site_builder.register import FORMAT, RegisterError
from tests.postgres import Cluster


def test_auto_is_the_local_database_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PPID_DATABASE_URL", raising=False)
    assert register_file.database_url("auto", tmp_path) is None
    assert register_file.prepare("auto", tmp_path) == "auto"
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "ppid.sqlite3").write_bytes(b"")
    assert register_file.database_url("auto", tmp_path) == (
        f"sqlite:///{(tmp_path / 'var' / 'ppid.sqlite3').resolve()}"
    )
    monkeypatch.setenv("PPID_DATABASE_URL", "sqlite:////srv/ppid.sqlite3")
    assert register_file.database_url("auto", tmp_path) == "sqlite:////srv/ppid.sqlite3"
    assert register_file.database_url("tidak", tmp_path) is None
    assert register_file.database_url("register.json", tmp_path) is None


def test_prepare_writes_the_register_file_from_the_store(
    tmp_path: Path, tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    tracker.file(
        "permohonan",
        "Salinan DIPA 2026",
        {"nama": "Budi Santoso"},
        saluran="surat",
        diterima=date(2026, 11, 20),
        oleh="Petugas",
    )
    monkeypatch.setenv("PPID_DATABASE_URL", str(tracker.engine.url))
    assert register_file.prepare("auto", tmp_path) == "var/register.json"
    doc = json.loads((tmp_path / "var" / "register.json").read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT
    assert [(r["nomor"], r["pemohon"]) for r in doc["baris"]] == [("0001/PPID/XI/2026", "B. S.")]
    assert register_file.fingerprint("auto", tmp_path) is not None


def test_an_unusable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(
        RegisterError,
        match=r"register: basis data sqlite:////proc/tidak-ada/"
        r"r\.sqlite3 tidak dapat dibuka",
    ):
        register_file.rows("sqlite:////proc/tidak-ada/r.sqlite3", tmp_path)
    with pytest.raises(RegisterError, match=r"postgresql://ppid:\*\*\*@127\.0\.0\.1:1/ppid"):
        register_file.rows("postgresql://ppid:rahasia@127.0.0.1:1/ppid", tmp_path)


def test_a_postgresql_database_that_is_not_there_is_one_clear_line(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.url("tidak_ada")
    with pytest.raises(RegisterError) as caught:
        register_file.rows(url, tmp_path)
    said = str(caught.value)
    assert said.startswith(f"register: basis data {url} tidak dapat dibaca (")
    assert '"tidak_ada" does not exist' in said and "\n" not in said, said
