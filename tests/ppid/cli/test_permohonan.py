"""`ppid permohonan …` on a real SQLite file: the issue-tracker workflow and its refusals."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from click.testing import CliRunner

from ppid.cli.main import main
from tests.support import ROOT


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


_DESK = [
    *("permohonan", "baru", "--saluran", "langsung", "--diterima", "2026-12-02"),
    *("--nama", "Siti Aminah", "--alamat", "Jl. Mawar 1", "--telepon", "081234567890"),
    *("--rincian", "Salinan DIPA 2026", "--tujuan", "Penelitian", "--oleh", "Petugas Desk"),
]


@pytest.mark.parametrize(
    ("zona", "moment", "accepted"),
    [
        # 20:00 UTC on 1 December: 03:00 WIB, 04:00 WITA, 05:00 WIT on 2 December
        ("WIB", datetime(2026, 12, 1, 20, 0, tzinfo=UTC), True),
        ("WITA", datetime(2026, 12, 1, 20, 0, tzinfo=UTC), True),
        ("WIT", datetime(2026, 12, 1, 20, 0, tzinfo=UTC), True),
        # 16:30 UTC: 23:30 WIB is still 1 December there, 00:30 WITA is 2 December
        ("WIB", datetime(2026, 12, 1, 16, 30, tzinfo=UTC), False),
        ("WITA", datetime(2026, 12, 1, 16, 30, tzinfo=UTC), True),
    ],
)
def test_the_desk_counts_in_the_office_s_zone_on_a_utc_server(
    ppid_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    zona: str,
    moment: datetime,
    accepted: bool,
) -> None:
    office = ppid_env / "badan-publik.yml"
    profile = (ROOT / "dip" / "badan-publik.yml").read_text(encoding="utf-8")
    office.write_text(profile.replace("zona_waktu: WIB", f"zona_waktu: {zona}"), "utf-8")
    monkeypatch.setenv("PPID_OFFICE_FILE", str(office))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        with time_machine.travel(moment, tick=False):
            result = CliRunner().invoke(main, _DESK)
            listed = CliRunner().invoke(main, ["permohonan", "list", "--json"])
    finally:
        monkeypatch.undo()
        time.tzset()
    if not accepted:
        assert result.exit_code == 2 and "2 Desember 2026 ada di masa depan" in result.output
        return
    assert result.exit_code == 0, result.output
    # day 10 from Wednesday 2 December: 3, 4, 7-11, 14, 15, 16 December
    assert "tenggat Rabu, 16 Desember 2026" in result.output
    (record,) = json.loads(listed.output)
    assert (record["diterima"], record["tenggat"]) == ("2026-12-02", "2026-12-16")


def test_objections_at_the_desk_their_decision_and_dispute(run: Callable[..., str]) -> None:
    nomor = _baru(run)  # received Fri 20 Nov 2026, on the frozen clock
    base = [
        *("keberatan", "baru", "--saluran", "surat", "--nama", "Siti Aminah"),
        *("--alamat", "Jl. Mawar 1", "--email", "siti@contoh.id", "--oleh", "Petugas Desk"),
        *("--kasus-posisi", "Belum ada jawaban"),
    ]
    out = run(*base, "--diterima", "2026-11-23", "--nomor-permohonan", "1", "--alasan", "c")
    assert "Dicatat: 0001/KEB/XI/2026" in out and "tenggat tanggapan atasan PPID" in out
    berkala = run(*base, "--diterima", "2026-11-24", "--alasan", "b")
    assert "Dicatat: 0002/KEB/XI/2026" in berkala
    refused = CliRunner().invoke(main, [*base, "--diterima", "2026-11-24", "--alasan", "c"])
    assert refused.exit_code == 1 and "nomor permohonan wajib diisi" in refused.output
    helped = CliRunner().invoke(main, ["keberatan", "putuskan", "--help"]).output
    assert "--pertimbangan" in helped and "--alasan" not in helped and "--pasal-17" not in helped
    no_reason = CliRunner().invoke(
        main, ["keberatan", "putuskan", "1", "--keputusan", "ditolak", "--oleh", "Atasan"]
    )
    assert no_reason.exit_code == 1 and "Pasal 36 ayat 3" in no_reason.output
    run("keberatan", "putuskan", "1", "--keputusan", "ditolak", "--pertimbangan", "Data pribadi")
    run("keberatan", "sengketa", "1", "--tahap", "terdaftar", "--nomor-register", "012/KI/2026")
    run("keberatan", "tanggapan-pemohon", "1", "--tanggapan", "Mengajukan sengketa")
    shown = run("keberatan", "show", "1", "--json")
    events = [e["jenis"] for e in json.loads(shown)["linimasa"]]
    assert events[-2:] == ["sengketa", "tanggapan_pemohon"]
    assert nomor.startswith("0001/PPID/")


def test_a_request_past_its_completion_deadline_at_the_desk(run: Callable[..., str]) -> None:
    # received Mon 16 Nov 2026 without identity: 3 + 3 working days, by Tue 24 Nov
    run(
        *("permohonan", "baru", "--saluran", "surat", "--diterima", "2026-11-16"),
        *("--nama", "Rudi", "--alamat", "Jl. Kenanga 2", "--telepon", "081234567890"),
        *("--rincian", "Salinan SK", "--tujuan", "Arsip", "--tanpa-identitas"),
    )
    listed = run("permohonan", "list")
    assert "LEWAT BATAS KELENGKAPAN" not in listed  # the clock says 24 Nov: the last day
    refused = CliRunner().invoke(
        main, ["permohonan", "tutup", "1", "--lewat-batas-kelengkapan", "--oleh", "Desk"]
    )
    assert refused.exit_code == 1 and "24 November 2026 belum lewat" in refused.output
    later = run("permohonan", "list", "--hari-ini", "2026-11-25")
    assert "LEWAT BATAS KELENGKAPAN" in later and "TERLAMBAT" not in later


def test_examples_are_made_then_removed_with_a_summary(run: Callable[..., str]) -> None:
    real = _baru(run)  # a real request, filed before the examples
    made = CliRunner().invoke(main, ["permohonan", "contoh", "--tahun", "2025", "--jumlah", "5"])
    assert made.exit_code == 0 and "catatan contoh dibuat." in made.output
    gone = CliRunner().invoke(main, ["permohonan", "contoh", "--hapus"])
    assert gone.exit_code == 0, gone.output
    assert re.search(
        r"Catatan contoh dihapus: 5 permohonan, \d+ keberatan, \d+ riwayat", gone.output
    )
    assert real in run("permohonan", "list")
    again = CliRunner().invoke(main, ["permohonan", "contoh", "--hapus"])
    assert again.exit_code == 0
    assert again.output == "Tidak ada catatan contoh di basis data; tidak ada yang dihapus.\n"


KANTOR_FILE = Path(__file__).parents[2] / "data" / "kantor" / "kantor.yml"


def test_many_offices_each_command_names_its_office(
    ppid_env: Path, frozen: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With PPID_KANTOR_FILE, a command that opens records needs --kantor; each office's
    records and numbers are its own."""
    monkeypatch.setenv("PPID_KANTOR_FILE", str(KANTOR_FILE))
    runner = CliRunner()
    missing = runner.invoke(main, ["permohonan", "list"])
    assert missing.exit_code == 2
    assert "melayani banyak kantor" in missing.output and "--kantor" in missing.output
    unknown = runner.invoke(main, ["permohonan", "list", "--kantor", "7777"])
    assert unknown.exit_code == 2 and "kantor '7777' tidak ada" in unknown.output
    for kode in ("6201", "9471", "6201"):
        made = runner.invoke(main, [*BARU, *PERSON, *TUJUAN, "--kantor", kode])
        assert made.exit_code == 0, made.output
    listed = runner.invoke(main, ["permohonan", "list", "--kantor", "6201"])
    assert listed.exit_code == 0, listed.output
    assert "0002/PPID-6201/XI/2026" in listed.output and "0001/PPID-6201/XI/2026" in listed.output
    assert "9471" not in listed.output
    other = runner.invoke(main, ["permohonan", "show", "2", "--kantor", "9471"])
    assert other.exit_code == 1 and "tidak ditemukan" in other.output
    out = ppid_env / "register.json"
    done = runner.invoke(main, ["register", "export", "--kantor", "9471", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "0001/PPID-9471/XI/2026" in out.read_text(encoding="utf-8")
    assert "6201" not in out.read_text(encoding="utf-8")


def test_kantor_without_a_registry_is_refused(run: Callable[..., str], ppid_env: Path) -> None:
    result = CliRunner().invoke(main, ["permohonan", "list", "--kantor", "6201"])
    assert result.exit_code == 2 and "hanya dipakai bila PPID_KANTOR_FILE" in result.output
