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


KANTOR_FILE = Path(__file__).parents[1] / "data" / "kantor" / "kantor.yml"


def test_an_office_of_many_gets_its_own_register_only(
    tmp_path: Path, tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`register: auto` for one office's site (ppid build --kantor): that office's rows,
    never another's; without a kode, the single office's as before."""
    from datetime import date

    from forms.settings import MULTI_OFFICE_FORMATS
    from site_builder.clock import OfficeClock

    base = Tracker(
        tracker.engine, tracker.calendar, "rahasia-uji", MULTI_OFFICE_FORMATS["number_format"]
    )
    offices = {
        "": tracker,
        "6201": base.for_office("6201", OfficeClock("WIB")),
        "9471": base.for_office("9471", OfficeClock("WIT")),
    }
    for (kode, office), nama in zip(
        offices.items(), ["Joko Susilo", "Budi Santoso", "Siti Aminah"], strict=True
    ):
        office.file(
            "permohonan",
            f"Salinan DIPA kantor {kode or 'tunggal'}",
            {"nama": nama},
            saluran="surat",
            diterima=date(2026, 11, 20),
            oleh="Petugas",
        )
    monkeypatch.setenv("PPID_DATABASE_URL", str(tracker.engine.url))
    monkeypatch.setenv("PPID_KANTOR_FILE", str(KANTOR_FILE))

    def pemohon(kantor: str) -> list[str]:
        assert register_file.prepare("auto", tmp_path, kantor) == "var/register.json"
        doc = json.loads((tmp_path / "var" / "register.json").read_text(encoding="utf-8"))
        return [r["pemohon"] for r in doc["baris"]]

    assert pemohon("6201") == ["B. S."]
    assert pemohon("9471") == ["S. A."]
    assert pemohon("") == ["J. S."]
    rows = register_file.rows("auto", tmp_path, "9471")
    assert rows is not None
    assert [(r.nomor, r.pemohon) for r in rows] == [("0001/PPID-9471/XI/2026", "S. A.")]


def test_a_postgresql_database_that_is_not_there_is_one_clear_line(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.url("tidak_ada")
    with pytest.raises(RegisterError) as caught:
        register_file.rows(url, tmp_path)
    said = str(caught.value)
    assert said.startswith(f"register: basis data {url} tidak dapat dibaca (")
    assert '"tidak_ada" does not exist' in said and "\n" not in said, said
