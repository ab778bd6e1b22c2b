"""Accounts: argon2id hashes, roles checked against the file, invitations, the throttle,
the second factor, the demonstration account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp
import pytest
import sqlalchemy as sa
import time_machine

from forms.desk.accounts import AccountError, Accounts
from forms.desk.roles import load_roles
from forms.desk.sessions import Sessions
from forms.store import tables as store

PASSWORD = "kata-sandi-panjang-1"


@pytest.fixture
def accounts(database_url: str) -> Iterator[Accounts]:
    engine = store.make_engine(database_url)
    store.migrate(engine)
    yield Accounts(engine, load_roles())
    engine.dispose()


def test_a_password_is_kept_only_as_an_argon2id_hash(accounts: Accounts) -> None:
    accounts.add("sri", "Sri Wahyuni", ["ppid"], kata_sandi=PASSWORD)
    with accounts.engine.connect() as conn:
        stored = conn.execute(sa.select(store.pengguna.c.kata_sandi)).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.verify("sri", PASSWORD) is not None
    assert accounts.verify("SRI ", PASSWORD) is not None  # names are case-insensitive
    assert accounts.verify("sri", PASSWORD + "x") is None
    assert accounts.verify("tidak-ada", PASSWORD) is None


def test_a_deactivated_account_cannot_sign_in(accounts: Accounts) -> None:
    accounts.add("sri", "Sri Wahyuni", ["ppid"], kata_sandi=PASSWORD)
    accounts.set_active("sri", False)
    assert accounts.verify("sri", PASSWORD) is None
    accounts.set_active("sri", True)
    assert accounts.verify("sri", PASSWORD) is not None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"nama_pengguna": "Sri Wahyuni"}, "nama pengguna 'Sri Wahyuni' tidak valid"),
        ({"peran": ["raja"]}, "peran 'raja' tidak dikenal; pilihan: petugas, ppid"),
        ({"peran": []}, "sedikitnya satu peran"),
        ({"peran": ["pelaksana"]}, "terikat pada sedikitnya satu unit"),
        ({"kata_sandi": "pendek"}, "minimal 10 karakter"),
        ({"nama": "  "}, "nama lengkap wajib diisi"),
    ],
)
def test_a_bad_account_is_refused_and_nothing_stored(
    accounts: Accounts, kwargs: dict[str, object], message: str
) -> None:
    given: dict[str, object] = {"nama_pengguna": "sri", "nama": "Sri", "peran": ["ppid"]}
    with pytest.raises(AccountError, match=message):
        accounts.add(**{**given, **kwargs})  # type: ignore[arg-type]
    assert accounts.all() == []


def test_a_name_is_taken_once(accounts: Accounts) -> None:
    accounts.add("sri", "Sri", ["ppid"])
    with pytest.raises(AccountError, match="sudah dipakai"):
        accounts.add("SRI", "Sri Lain", ["petugas"])


def test_an_invitation_sets_the_password_once_within_24_hours(accounts: Accounts) -> None:
    accounts.add("agus", "Agus", ["petugas"])
    assert accounts.verify("agus", PASSWORD) is None  # no password yet
    token = accounts.invite("agus")
    assert accounts.invitation(token) is not None
    accounts.accept(token, PASSWORD)
    assert accounts.verify("agus", PASSWORD) is not None
    with pytest.raises(AccountError, match="tidak berlaku"):
        accounts.accept(token, "kata-sandi-lain-99")
    late = accounts.invite("agus")
    with_old = accounts.invite("agus")
    sessions = Sessions(accounts.engine, accounts)
    opened = sessions.start(accounts.get("agus"), "10.0.0.1")
    accounts.accept(with_old, "kata-sandi-ketiga-3")
    assert sessions.get(opened) is None  # a new password ends the sessions of the old one
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=24, minutes=1)):
        assert accounts.invitation(late) is None


def test_five_failures_on_an_account_make_it_wait_fifteen_minutes(accounts: Accounts) -> None:
    start = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            accounts.attempt("sri", "10.0.0.1", False)
        assert accounts.wait_for("sri", "10.0.0.9") is None
        accounts.attempt("sri", "10.0.0.1", False)
        assert accounts.wait_for("sri", "10.0.0.9") == start + timedelta(minutes=15)
        assert accounts.wait_for("lain", "10.0.0.9") is None  # another account may try
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert accounts.wait_for("sri", "10.0.0.9") is None


def test_twenty_failures_from_one_address_make_it_wait(accounts: Accounts) -> None:
    start = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        for i in range(20):
            accounts.attempt(f"nama{i}", "10.0.0.7", False)
        assert accounts.wait_for("siapa-saja", "10.0.0.7") == start + timedelta(minutes=15)
        assert accounts.wait_for("siapa-saja", "10.0.0.8") is None


def test_the_second_factor_is_checked_with_a_real_totp_code(accounts: Accounts) -> None:
    account = accounts.add("sri", "Sri", ["ppid"], kata_sandi=PASSWORD)
    secret = accounts.new_totp_secret()
    with pytest.raises(AccountError, match="tidak cocok"):
        wrong = f"{(int(pyotp.TOTP(secret).now()) + 1) % 1_000_000:06d}"
        accounts.enable_totp("sri", secret, wrong)
    account = accounts.enable_totp("sri", secret, pyotp.TOTP(secret).now())
    assert account.dua_langkah
    assert accounts.check_totp(account, pyotp.TOTP(secret).now())
    assert "otpauth://totp/" in accounts.totp_uri(secret, account, "PPID Contoh")


def test_an_admin_may_require_the_second_factor_only_for_the_file_s_roles(
    accounts: Accounts,
) -> None:
    ppid = accounts.add("sri", "Sri", ["ppid"])
    petugas = accounts.add("rina", "Rina", ["petugas"])
    assert accounts.require_totp(["ppid", "admin"]) == ("ppid", "admin")
    assert accounts.must_use_totp(ppid) and not accounts.must_use_totp(petugas)
    with pytest.raises(AccountError, match="hanya dapat diwajibkan untuk: ppid, atasan, admin"):
        accounts.require_totp(["petugas"])


def test_the_demonstration_account_is_marked_and_removed_in_production(
    accounts: Accounts,
) -> None:
    demo = accounts.ensure_demo(PASSWORD, ["keuangan-umum-logistik"])
    assert demo.contoh and set(demo.peran) == set(accounts.roles.peran)
    assert accounts.verify("contoh", PASSWORD) is not None
    assert accounts.remove_demo() == 1
    assert accounts.verify("contoh", PASSWORD) is None


def test_a_real_account_named_contoh_is_never_taken_over(accounts: Accounts) -> None:
    accounts.add("contoh", "Contoh Sungguhan", ["petugas"], kata_sandi=PASSWORD)
    with pytest.raises(AccountError, match="dipakai akun sungguhan"):
        accounts.ensure_demo("kata-sandi-demo-1", [])
    assert accounts.verify("contoh", PASSWORD) is not None


# --- offices (PPID_KANTOR_FILE) -----------------------------------------------------------------
KANTOR_FILE = Path(__file__).resolve().parents[2] / "data" / "kantor" / "kantor.yml"


@pytest.fixture
def offices(accounts: Accounts) -> Accounts:
    """The same accounts in a deployment of the fixture registry's offices."""
    from site_builder.kantor import read

    return Accounts(accounts.engine, accounts.roles, read(KANTOR_FILE))


def test_an_account_belongs_to_an_office_of_the_registry(offices: Accounts) -> None:
    sri = offices.add("sri", "Sri", ["ppid"], kantor="62", pantau=True)
    assert (sri.kantor, sri.pantau) == ("62", True)
    with pytest.raises(AccountError, match=r"kantor '9999' tidak ada di daftar kantor .*kode:"):
        offices.add("budi", "Budi", ["petugas"], kantor="9999")
    with pytest.raises(AccountError, match="sebutkan kantor akun ini"):
        offices.add("budi", "Budi", ["petugas"])
    assert [a.nama_pengguna for a in offices.all()] == ["sri"]


@pytest.mark.parametrize(
    ("kantor", "peran", "message"),
    [
        ("6201", ["ppid"], "hanya untuk akun KPU RI atau KPU Provinsi"),
        ("62", ["petugas"], "hanya untuk akun yang berperan ppid"),
    ],
)
def test_monitoring_only_for_a_province_or_kpu_ri_ppid(
    offices: Accounts, kantor: str, peran: list[str], message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        offices.add("budi", "Budi", peran, kantor=kantor, pantau=True)
    assert offices.all() == []


def test_without_a_registry_there_is_no_office(accounts: Accounts) -> None:
    with pytest.raises(AccountError, match="hanya dipakai bila PPID_KANTOR_FILE"):
        accounts.add("sri", "Sri", ["ppid"], kantor="62")
    assert accounts.add("sri", "Sri", ["ppid"]).kantor == ""


def test_moving_an_account_ends_its_sessions_and_dropping_ppid_drops_monitoring(
    offices: Accounts,
) -> None:
    offices.add("sri", "Sri", ["ppid"], kata_sandi=PASSWORD, kantor="62", pantau=True)
    sessions = Sessions(offices.engine, offices)
    token = sessions.start(offices.get("sri"), "127.0.0.1")
    offices.set_office("sri", pantau=False)
    assert sessions.get(token) is not None  # the same office: still signed in
    offices.set_office("sri", kantor="00", pantau=True)
    assert sessions.get(token) is None
    moved = offices.set_roles("sri", ["petugas"], [])
    assert (moved.kantor, moved.pantau) == ("00", False)
