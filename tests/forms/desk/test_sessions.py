"""Sessions: only a digest in the database, 8 hours idle, ended by deactivation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forms.desk.accounts import Accounts
from forms.desk.roles import load_roles
from forms.desk.sessions import Sessions
from forms.store import tables as store


@pytest.fixture
def sessions(database_url: str) -> Iterator[Sessions]:
    engine = store.make_engine(database_url)
    store.migrate(engine)
    accounts = Accounts(engine, load_roles())
    accounts.add("rina", "Rina", ["petugas"], kata_sandi="kata-sandi-uji-1")
    yield Sessions(engine, accounts)
    engine.dispose()


def test_the_cookie_value_is_never_stored(sessions: Sessions) -> None:
    account = sessions.accounts.get("rina")
    value = sessions.start(account, "10.0.0.1")
    with sessions.engine.connect() as conn:
        ids = conn.execute(sa.select(store.sesi.c.id)).scalars().all()
    assert value not in ids and len(ids) == 1
    found = sessions.get(value)
    assert found is not None and found.account.nama_pengguna == "rina"
    assert found.csrf_ok(found.csrf) and not found.csrf_ok("") and not found.csrf_ok("x")
    assert sessions.get("tebakan") is None


def test_eight_hours_idle_ends_the_session(sessions: Sessions) -> None:
    value = sessions.start(sessions.accounts.get("rina"), "10.0.0.1")
    later = datetime.now(UTC) + timedelta(hours=7, minutes=59)
    assert sessions.get(value, now=later) is not None  # and that use counts as activity
    assert sessions.get(value, now=later + timedelta(hours=7, minutes=59)) is not None
    assert sessions.get(value, now=later + timedelta(hours=16)) is None
    assert sessions.get(value) is None  # ended, not only refused once


def test_deactivating_an_account_ends_its_sessions(sessions: Sessions) -> None:
    value = sessions.start(sessions.accounts.get("rina"), "10.0.0.1")
    sessions.accounts.set_active("rina", False)
    assert sessions.get(value) is None


def test_a_new_password_ends_every_session(sessions: Sessions) -> None:
    value = sessions.start(sessions.accounts.get("rina"), "10.0.0.1")
    sessions.accounts.set_password("rina", "kata-sandi-baru-22")
    assert sessions.get(value) is None
