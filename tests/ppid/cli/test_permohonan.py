"""`ppid permohonan …` on a real SQLite file: the issue-tracker workflow and its refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ppid.cli.main import main


def _baru(run: Callable[..., str]) -> str:
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
        "--telepon",
        "0812-3456-7890",
        "--rincian",
        "Salinan DIPA 2026",
        "--tujuan",
        "Penelitian",
    )
    assert out.startswith("Dicatat: 0001/PPID/XI/2026; tenggat Jumat, 4 Desember 2026")
    return "0001/PPID/XI/2026"


def test_letter_request_drives_the_deadline(run: Callable[..., str]) -> None:
    nomor = _baru(run)
    data = json.loads(run("permohonan", "show", nomor, "--json"))
    assert data["nomor"] == nomor and data["tenggat"] == "2026-12-04"
    assert data["saluran"] == "surat" and data["diterima"] == "2026-11-20"
    text = run("permohonan", "show", "1")
    assert "Hari ke-1: Senin, 23 November 2026" in text
    assert "Tenggat: Jumat, 4 Desember 2026 (akhir hari kerja ke-10)" in text


def test_whole_workflow_and_refusals(run: Callable[..., str]) -> None:
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


def test_list_filters(run: Callable[..., str]) -> None:
    _baru(run)
    listed = json.loads(run("permohonan", "list", "--json", "--hari-ini", "2026-12-07"))
    assert [r["terlambat"] for r in listed] == [True]
    assert (
        json.loads(run("permohonan", "list", "--terlambat", "--json", "--hari-ini", "2026-12-04"))
        == []
    )
    assert json.loads(run("permohonan", "list", "--status", "selesai", "--json")) == []


def test_unknown_number(run: Callable[..., str]) -> None:
    assert "tidak ditemukan" in run("permohonan", "proses", "0999/PPID/XI/2026", ok=False)


def test_letter_dated_in_the_future(run: Callable[..., str]) -> None:
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
            "--email",
            "b@contoh.id",
            "--rincian",
            "C",
            "--tujuan",
            "D",
        ],
    )
    assert result.exit_code == 2 and "ada di masa depan" in result.output  # a bad option


def test_refusal_basis_must_be_an_exempted_entry(
    run: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
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


BARU = ["permohonan", "baru", "--saluran", "surat", "--diterima", "2026-11-20"]
PERSON = [
    *("--nama", "Siti Aminah", "--alamat", "Jl. Mawar 1", "--telepon", "081234567890"),
    *("--rincian", "Salinan DIPA 2026"),
]
TUJUAN = ["--tujuan", "Penelitian"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--diterima", "1900-01-01"], "1 Januari 1900 sebelum UU 14/2008 berlaku (30 April 2010)"),
        (["--nama", "   "], "Nilai '--nama' tidak valid: tidak boleh kosong"),
        (["--nama", "Siti\nAminah"], "Nilai '--nama' tidak valid: harus satu baris"),
        (["--rincian", ""], "Nilai '--rincian' tidak valid: tidak boleh kosong"),
        (["--nik", "12345"], "'12345' bukan NIK: NIK terdiri atas 16 angka"),
        (["--nik", "3399 0112 0385 000A"], "bukan NIK: NIK terdiri atas 16 angka"),
        (["--email", "budi@[x.y"], "'budi@[x.y' bukan alamat surel"),
    ],
)
def test_bad_desk_entry_is_refused_with_its_reason(
    run: Callable[..., str], change: list[str], message: str
) -> None:
    args = [*BARU, *PERSON, *TUJUAN]
    option, value = change
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += change
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert "Dicatat" not in result.output


def test_a_nik_written_with_spaces_is_stored_as_its_digits(run: Callable[..., str]) -> None:
    run(*BARU, *PERSON, *TUJUAN, "--nik", "3399 0112.0385-0001")
    data = json.loads(run("permohonan", "show", "1", "--json"))
    assert data["data"]["nik"] == "3399011203850001"


def test_an_empty_officer_is_refused(run: Callable[..., str]) -> None:
    nomor = _baru(run)
    result = CliRunner().invoke(main, ["permohonan", "tugaskan", nomor, "--petugas", " "])
    assert result.exit_code == 2 and "'--petugas' tidak valid: tidak boleh kosong" in result.output


def test_a_number_of_the_other_kind_is_refused(run: Callable[..., str]) -> None:
    nomor = _baru(run)
    out = run("keberatan", "show", nomor, ok=False)
    assert f"{nomor} adalah nomor permohonan, bukan keberatan" in out
    assert "gunakan 'ppid permohonan" in out


def test_stored_control_characters_are_not_printed_raw(run: Callable[..., str]) -> None:
    run(
        *BARU,
        "--nama",
        "Siti",
        "--alamat",
        "Jl. Mawar 1",
        "--telepon",
        "081234567890",
        "--rincian",
        "DIPA\x1b[31m merah",
        *TUJUAN,
    )
    out = run("permohonan", "show", "1")
    assert "\x1b" not in out and "DIPA [31m merah" in out
