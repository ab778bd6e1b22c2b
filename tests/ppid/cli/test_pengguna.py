"""`ppid pengguna`: staff accounts managed from the server, every change in the audit log."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pyotp
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import Engine

from forms.desk.accounts import Accounts
from forms.desk.audit import AuditLog
from forms.desk.roles import load_roles
from ppid.cli.main import main
from site_builder.clock import OfficeClock

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "rahasia-sekali-123"

Run = Callable[..., Result]


@pytest.fixture
def cli(ppid_env: Path, frozen: datetime, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`ppid pengguna ...` against the database in tmp_path and the project's own DIP."""
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    monkeypatch.setenv("PPID_SITE_URL", "https://ppid.kpu-contoh.go.id")

    def invoke(*args: str, input: str | None = None, code: int = 0) -> Result:
        result = CliRunner().invoke(main, ["pengguna", *args], input=input)
        assert result.exit_code == code, result.output
        return result

    return invoke


@pytest.fixture
def accounts(ppid_engine: Engine) -> Accounts:
    return Accounts(ppid_engine, load_roles())


def _galat(result: Result) -> str:
    [line] = [x for x in result.output.splitlines() if x.startswith("Galat: ")]
    return line


def _log(accounts: Accounts) -> list[tuple[str, str, str, str]]:
    day = date(2026, 11, 24)
    return [
        (e.pengguna, e.alamat, e.sasaran, str(e.isi.get("ubah")))
        for e in AuditLog(accounts.engine).read(day, day, OfficeClock())
    ]


def test_tambah_asks_the_password_twice_and_never_shows_it(cli: Run, accounts: Accounts) -> None:
    result = cli(
        "tambah", "rina", "--nama", "Rina  Wulandari", "--peran", "petugas",
        "--surel", "Rina@KPU-Contoh.go.id", input=f"{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert PASSWORD not in result.output
    assert "Kata sandi: \nUlangi kata sandi: \n" in result.output
    assert "ditambahkan: rina (Rina Wulandari): peran petugas" in result.output
    account = accounts.verify("rina", PASSWORD)
    assert account is not None and account.surel == "Rina@kpu-contoh.go.id"
    assert _log(accounts) == [(f"cli:{getpass.getuser()}", "cli", "rina", "tambah")]
    listed = cli("list").output.splitlines()
    assert listed[0].split() == ["NAMA", "PENGGUNA", "NAMA", "PERAN", "UNIT", "AKTIF", "2",
                                 "LANGKAH", "CONTOH"]  # fmt: skip
    assert listed[1].split() == ["rina", "Rina", "Wulandari", "petugas", "-", "ya", "tidak",
                                 "tidak"]  # fmt: skip
    assert listed[-1] == "kode dua langkah wajib untuk peran: -"


def test_tambah_reads_the_password_from_stdin(cli: Run, accounts: Accounts) -> None:
    result = cli(
        "tambah", "agus", "--nama", "Agus Salim", "--peran", "pelaksana",
        "--unit", "keuangan-umum-logistik", "--kata-sandi-stdin", input=f"{PASSWORD}\n",
    )  # fmt: skip
    assert PASSWORD not in result.output and "Kata sandi" not in result.output
    assert result.output == (
        "ditambahkan: agus (Agus Salim): peran pelaksana; unit keuangan-umum-logistik\n"
    )
    assert accounts.verify("agus", PASSWORD) is not None


def test_two_different_passwords_are_asked_again(cli: Run, accounts: Accounts) -> None:
    result = cli(
        "tambah", "rina", "--nama", "Rina", "--peran", "petugas",
        input=f"{PASSWORD}\nlain-sekali-9999\n{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert "Galat: kedua isian tidak sama; ulangi." in result.output
    assert PASSWORD not in result.output
    assert accounts.verify("rina", PASSWORD) is not None


def test_a_short_password_is_refused_and_nothing_is_written(cli: Run, accounts: Accounts) -> None:
    result = cli(
        "tambah", "rina", "--nama", "Rina", "--peran", "petugas", "--kata-sandi-stdin",
        input="pendek\n", code=1,
    )  # fmt: skip
    assert _galat(result) == "Galat: kata sandi minimal 10 karakter"
    assert "pendek" not in result.output
    assert accounts.find("rina") is None and _log(accounts) == []


def test_an_unknown_role_is_named_with_the_choices_before_any_password(
    cli: Run, accounts: Accounts
) -> None:
    result = cli("tambah", "rina", "--nama", "Rina", "--peran", "kepala", code=1)
    assert _galat(result).startswith(
        "Galat: peran 'kepala' tidak dikenal; pilihan: petugas, ppid, pelaksana, atasan, admin"
    )
    assert "Kata sandi" not in result.output  # refused before the prompt
    assert accounts.find("rina") is None


def test_a_unit_must_be_a_unit_folder_of_the_dip(cli: Run, accounts: Accounts) -> None:
    result = cli(
        "tambah", "agus", "--nama", "Agus", "--peran", "pelaksana", "--unit", "keuangan",
        "--kata-sandi-stdin", input=f"{PASSWORD}\n", code=2,
    )  # fmt: skip
    line = _galat(result)
    assert "'keuangan' bukan folder unit DIP" in line
    assert "pilihan: hukum-sdm, keuangan-umum-logistik, perencanaan-data-informasi" in line
    assert accounts.find("agus") is None


def test_a_pelaksana_needs_a_unit(cli: Run, accounts: Accounts) -> None:
    result = cli(
        "tambah", "agus", "--nama", "Agus", "--peran", "pelaksana", "--kata-sandi-stdin",
        input=f"{PASSWORD}\n", code=1,
    )  # fmt: skip
    assert _galat(result) == (
        "Galat: peran pelaksana harus terikat pada sedikitnya satu unit (--unit)"
    )
    assert accounts.find("agus") is None
    asked = cli("tambah", "agus", "--nama", "Agus", "--peran", "pelaksana", code=1)
    assert "Kata sandi" not in asked.output  # refused before the prompt, like a bad role


def test_a_taken_or_bad_username_is_refused(cli: Run, accounts: Accounts) -> None:
    accounts.add("rina", "Rina", ["petugas"], kata_sandi=PASSWORD)
    taken = cli("tambah", "Rina", "--nama", "Rina Lain", "--peran", "ppid", code=1)
    assert _galat(taken) == "Galat: nama pengguna 'rina' sudah dipakai"
    bad = cli("tambah", "rina wulan", "--nama", "Rina", "--peran", "ppid", code=1)
    assert "nama pengguna 'rina wulan' tidak valid" in _galat(bad)


def test_undang_prints_a_link_that_opens_the_invitation(cli: Run, accounts: Accounts) -> None:
    cli("tambah", "sri", "--nama", "Sri Lestari", "--peran", "ppid", "--tanpa-kata-sandi")
    result = cli("undang", "sri")
    link, note = result.output.splitlines()
    prefix = "https://ppid.kpu-contoh.go.id/meja/undangan/"
    assert link.startswith(prefix)
    assert note == (
        "tautan untuk Sri Lestari (sri), sekali pakai, berlaku sampai "
        "25 November 2026 pukul 09.30 WIB"
    )
    token = link.removeprefix(prefix)
    found = accounts.invitation(token)
    assert found is not None and found.nama_pengguna == "sri"
    accounts.accept(token, PASSWORD)
    assert accounts.verify("sri", PASSWORD) is not None
    assert [x[3] for x in _log(accounts)] == ["tambah", "undangan dibuat"]
    assert token not in str(list(AuditLog(accounts.engine).read(
        date(2026, 11, 24), date(2026, 11, 24), OfficeClock())))  # fmt: skip


def test_undang_an_unknown_account(cli: Run) -> None:
    assert _galat(cli("undang", "siapa", code=1)) == "Galat: pengguna 'siapa' tidak ada"


def test_nonaktifkan_and_aktifkan(cli: Run, accounts: Accounts) -> None:
    accounts.add("rina", "Rina", ["petugas"], kata_sandi=PASSWORD)
    assert cli("nonaktifkan", "rina").output == (
        "dinonaktifkan: rina (Rina): peran petugas; NONAKTIF\n"
    )
    assert accounts.verify("rina", PASSWORD) is None
    assert cli("list").output.splitlines()[1].split()[4] == "tidak"  # AKTIF
    assert cli("aktifkan", "rina").output == "diaktifkan: rina (Rina): peran petugas\n"
    assert accounts.verify("rina", PASSWORD) is not None
    assert [x[3] for x in _log(accounts)] == ["nonaktifkan", "aktifkan"]


def test_atur_peran_replaces_roles_and_units(cli: Run, accounts: Accounts) -> None:
    accounts.add("agus", "Agus", ["pelaksana"], ["hukum-sdm"], kata_sandi=PASSWORD)
    result = cli("atur-peran", "agus", "--peran", "pelaksana", "--peran", "petugas",
                 "--unit", "teknis-parmas")  # fmt: skip
    assert result.output == "diubah: agus (Agus): peran pelaksana, petugas; unit teknis-parmas\n"
    account = accounts.get("agus")
    assert account.peran == ("pelaksana", "petugas") and account.unit == ("teknis-parmas",)
    bad = cli("atur-peran", "agus", "--peran", "raja", code=1)
    assert _galat(bad).startswith("Galat: peran 'raja' tidak dikenal")
    assert accounts.get("agus").peran == ("pelaksana", "petugas")


def test_wajibkan_dua_langkah_and_clearing_it(cli: Run, accounts: Accounts) -> None:
    accounts.add("sri", "Sri", ["ppid"], kata_sandi=PASSWORD)
    result = cli("wajibkan-dua-langkah", "--peran", "ppid", "--peran", "atasan")
    assert result.output == (
        "kode dua langkah wajib untuk peran: ppid, atasan\n"
        "belum memasang (diminta saat masuk berikutnya): Sri (sri)\n"
    )
    assert accounts.totp_required_roles() == ("ppid", "atasan")
    assert cli("list").output.splitlines()[-1] == (
        "kode dua langkah wajib untuk peran: ppid, atasan"
    )
    refused = cli("wajibkan-dua-langkah", "--peran", "petugas", code=1)
    assert _galat(refused) == (
        "Galat: kode dua langkah hanya dapat diwajibkan untuk: ppid, atasan, admin"
    )
    assert cli("wajibkan-dua-langkah", "--kosongkan").output == (
        "kode dua langkah tidak diwajibkan untuk peran mana pun\n"
    )
    assert accounts.totp_required_roles() == ()
    neither = cli("wajibkan-dua-langkah", code=2)
    assert "sebutkan --peran (boleh diulang) atau --kosongkan" in neither.output


def test_atur_ulang_dua_langkah_removes_a_lost_authenticator(cli: Run, accounts: Accounts) -> None:
    accounts.add("sri", "Sri", ["ppid"], kata_sandi=PASSWORD)
    secret = accounts.new_totp_secret()
    accounts.enable_totp("sri", secret, pyotp.TOTP(secret).now())
    assert cli("list").output.splitlines()[1].split()[3:6] == ["-", "ya", "ya"]  # 2 LANGKAH
    result = cli("atur-ulang-dua-langkah", "sri")
    assert result.output == "kode dua langkah dicabut: sri (Sri): peran ppid\n"
    assert not accounts.get("sri").dua_langkah
    assert cli("list").output.splitlines()[1].split()[5] == "tidak"
    assert _log(accounts)[-1][2:] == ("sri", "atur ulang dua langkah")


# --- many offices (PPID_KANTOR_FILE) ------------------------------------------------------------
KANTOR_FILE = ROOT / "tests" / "data" / "kantor" / "kantor.yml"


def test_kantor_without_a_registry_is_refused(cli: Run, accounts: Accounts) -> None:
    result = cli(
        "tambah", "sri", "--nama", "Sri", "--peran", "ppid", "--kantor", "62",
        "--tanpa-kata-sandi", code=1,
    )  # fmt: skip
    assert "hanya dipakai bila PPID_KANTOR_FILE menunjuk daftar kantor" in _galat(result)
    assert accounts.find("sri") is None


def test_an_account_of_an_office_and_its_monitoring(
    cli: Run, accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPID_KANTOR_FILE", str(KANTOR_FILE))
    unknown = cli(
        "tambah", "sri", "--nama", "Sri", "--peran", "ppid", "--kantor", "63",
        "--tanpa-kata-sandi", code=1,
    )  # fmt: skip
    line = _galat(unknown)
    assert f"kantor '63' tidak ada di daftar kantor {KANTOR_FILE}" in line
    assert "baris 'kode:'" in line and "00, 62, 6201, 6271, 94, 9471" in line
    assert "Kata sandi" not in unknown.output  # refused before any password
    kab = cli(
        "tambah", "sri", "--nama", "Sri", "--peran", "ppid", "--kantor", "6201", "--pantau",
        "--tanpa-kata-sandi", code=1,
    )  # fmt: skip
    assert "hanya untuk akun KPU RI atau KPU Provinsi" in _galat(kab)
    none = cli("tambah", "sri", "--nama", "Sri", "--peran", "ppid", "--tanpa-kata-sandi", code=1)
    assert "sebutkan kantor akun ini" in _galat(none)
    assert accounts.find("sri") is None
    made = cli(
        "tambah", "sri", "--nama", "Sri", "--peran", "ppid", "--kantor", "6201",
        "--tanpa-kata-sandi",
    )  # fmt: skip
    assert "ditambahkan: sri (Sri): peran ppid; kantor 6201" in made.output
    refused = cli("ubah", "sri", "--pantau", code=1)
    assert "hanya untuk akun KPU RI atau KPU Provinsi" in _galat(refused)
    moved = cli("ubah", "sri", "--kantor", "62", "--pantau")
    assert "diubah: sri (Sri): peran ppid; kantor 62; memantau kantor di bawahnya" in moved.output
    account = accounts.get("sri")
    assert (account.kantor, account.pantau) == ("62", True)
    listed = cli("list").output.splitlines()
    assert listed[0].split()[-2:] == ["KANTOR", "PANTAU"]
    assert listed[1].split()[-2:] == ["62", "ya"]
    off = cli("ubah", "sri", "--tanpa-pantau")
    assert "memantau" not in off.output and not accounts.get("sri").pantau
    assert cli("ubah", "sri", code=2).output.endswith(
        "sebutkan --kantor KODE, --pantau atau --tanpa-pantau\n"
    )
    assert [x[3] for x in _log(accounts)] == ["tambah", "ubah kantor", "ubah kantor"]
