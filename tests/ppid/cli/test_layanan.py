"""Staff commands on a real SQLite file: the issue-tracker workflow and its refusals."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from click.testing import CliRunner

from ppid.cli.main import main

# The records below are dated November 2026 and short numbers such as `1` are read in the
# current year: the commands run on a clock frozen at this moment, Jakarta time (WIB).
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    monkeypatch.setenv("PPID_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("PPID_UPLOAD_DIR", str(tmp_path / "unggahan"))
    monkeypatch.setenv("PPID_SECRET", "uji")

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

    with time_machine.travel(NOW, tick=False):
        yield invoke


def _baru(run) -> str:  # type: ignore[no-untyped-def]
    out = run(
        "permohonan",
        "baru",
        "--saluran",
        "surat",
        "--diterima",
        "2026-11-20",
        "--nama",
        "Siti Aminah",
        "--alamat",
        "Jl. Mawar 1",
        "--rincian",
        "Salinan DIPA 2026",
        "--tujuan",
        "Penelitian",
    )
    assert out.startswith("Dicatat: 0001/PPID/XI/2026; tenggat Jumat, 4 Desember 2026")
    return "0001/PPID/XI/2026"


def test_letter_request_drives_the_deadline(run) -> None:  # type: ignore[no-untyped-def]
    nomor = _baru(run)
    data = json.loads(run("permohonan", "show", nomor, "--json"))
    assert data["nomor"] == nomor and data["tenggat"] == "2026-12-04"
    assert data["saluran"] == "surat" and data["diterima"] == "2026-11-20"
    text = run("permohonan", "show", "1")
    assert "Hari ke-1: Senin, 23 November 2026" in text
    assert "Tenggat: Jumat, 4 Desember 2026 (akhir hari kerja ke-10)" in text


def test_whole_workflow_and_refusals(run) -> None:  # type: ignore[no-untyped-def]
    nomor = _baru(run)
    run("permohonan", "tugaskan", nomor, "--petugas", "Andi")
    run("permohonan", "catat", nomor, "--catatan", "Diminta ke Keuangan")
    assert "tenggat 15 Desember 2026" in run(
        "permohonan", "perpanjang", nomor, "--alasan", "Dokumen di gudang"
    )
    again = run("permohonan", "perpanjang", nomor, "--alasan", "lagi", ok=False)
    assert "perpanjangan hanya boleh satu kali" in again
    assert "wajib disertai alasan" in run(
        "permohonan", "putuskan", nomor, "--keputusan", "ditolak", ok=False
    )
    run("permohonan", "putuskan", nomor, "--keputusan", "dikabulkan_sebagian")
    run("permohonan", "serahkan", nomor)
    closed = run(
        "permohonan",
        "putuskan",
        nomor,
        "--keputusan",
        "ditolak",
        "--alasan",
        "tidak_dikuasai",
        ok=False,
    )
    assert "sudah selesai; buka kembali dulu" in closed
    run("permohonan", "buka", nomor, "--catatan", "Pemohon minta bagian lain")
    timeline = json.loads(run("permohonan", "show", nomor, "--json"))["linimasa"]
    assert [e["jenis"] for e in timeline] == [
        "diterima",
        "ditugaskan",
        "catatan",
        "diperpanjang",
        "diputuskan",
        "diserahkan",
        "dibuka_kembali",
    ]
    assert all(e["oleh"] == "Petugas Desk" for e in timeline[1:])


def test_list_filters(run) -> None:  # type: ignore[no-untyped-def]
    _baru(run)
    listed = json.loads(run("permohonan", "list", "--json", "--hari-ini", "2026-12-07"))
    assert [r["terlambat"] for r in listed] == [True]
    assert (
        json.loads(run("permohonan", "list", "--terlambat", "--json", "--hari-ini", "2026-12-04"))
        == []
    )
    assert json.loads(run("permohonan", "list", "--status", "selesai", "--json")) == []


def test_unknown_number(run) -> None:  # type: ignore[no-untyped-def]
    assert "tidak ditemukan" in run("permohonan", "proses", "0999/PPID/XI/2026", ok=False)


def test_letter_dated_in_the_future(run) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        main,
        [
            "permohonan",
            "baru",
            "--saluran",
            "surat",
            "--diterima",
            "2099-01-01",
            "--nama",
            "A",
            "--alamat",
            "B",
            "--rincian",
            "C",
            "--tujuan",
            "D",
        ],
    )
    assert result.exit_code == 1 and "ada di masa depan" in result.output


def test_refusal_basis_must_be_an_exempted_entry(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(
        "PPID_OFFICE_FILE", str(Path(__file__).resolve().parents[3] / "dip" / "badan-publik.yml")
    )
    nomor = _baru(run)
    result = CliRunner().invoke(
        main,
        [
            "permohonan",
            "putuskan",
            nomor,
            "--keputusan",
            "ditolak",
            "--alasan",
            "dikecualikan",
            "--pasal-17",
            "h",
            "--entri",
            "dipa-2026",
        ],
    )
    assert result.exit_code == 2 and "bukan entri DIP yang dikecualikan" in result.output
    assert json.loads(run("permohonan", "show", nomor, "--json"))["keputusan"] is None
    run(
        "permohonan",
        "putuskan",
        nomor,
        "--keputusan",
        "ditolak",
        "--alasan",
        "dikecualikan",
        "--pasal-17",
        "h",
        "--entri",
        "nik-nkk-pemilih",
    )
    decision = json.loads(run("permohonan", "show", nomor, "--json"))["keputusan"]
    assert decision["entri"] == "nik-nkk-pemilih" and decision["pasal_17"] == "h"


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
        (
            "serve",
            "PPID_RATE_PER_MINUTE",
            "sepuluh",
            "PPID_RATE_PER_MINUTE='sepuluh' bukan bilangan bulat",
        ),
        (
            "serve",
            "PPID_DATABASE_URL",
            "sqlite:////proc/tidak-ada/ppid.sqlite3",
            "basis data tidak dapat dibuka",
        ),
    ],
)
def test_relay_settings_are_checked_before_serving(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    variable: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv("PPID_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("PPID_UPLOAD_DIR", str(tmp_path / "unggahan"))
    monkeypatch.setenv("PPID_SECRET", "uji")
    monkeypatch.setenv(variable, value)
    args = [command, "--port", "1"] + (
        ["--site-dir", str(tmp_path / "situs")] if command == "serve" else []
    )
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert "rahasia" not in result.output  # a password in the URL is never shown
    assert not (tmp_path / "situs").exists()  # checked before a minute of building
