"""A running relay with its desk and one account per role (password: PASSWORD)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from forms.desk.accounts import Accounts
from forms.desk.roles import load_roles
from forms.settings import Settings
from forms.store import tables as store
from tests.support import LiveRelay, csrf_of, run_relay, sign_in

__all__ = ["PASSWORD", "UNIT", "LiveDesk", "csrf_of"]

PASSWORD = "kata-sandi-uji-123"
UNIT = "keuangan-umum-logistik"
PEOPLE = {
    "petugas1": ("Rina Petugas", ["petugas"], []),
    "ppid1": ("Sri PPID", ["ppid"], []),
    "unit1": ("Agus Pelaksana", ["pelaksana"], [UNIT]),
    "unit2": ("Lina Pelaksana", ["pelaksana"], ["teknis-parmas"]),  # another unit
    "atasan1": ("Hadi Atasan", ["atasan"], []),
    "admin1": ("Dewi Admin", ["admin"], []),
}


class SignedIn(httpx.Client):
    """A client already used to sign in: `with` closes it afterwards, without reopening."""

    def __enter__(self) -> SignedIn:
        return self


@dataclass
class LiveDesk:
    relay: LiveRelay
    accounts: Accounts
    clients: list[httpx.Client] = field(default_factory=list)  # closed when the test ends

    @property
    def url(self) -> str:
        return self.relay.url

    def sign_in(self, username: str, password: str = PASSWORD) -> SignedIn:
        """A client signed in as this account (cookies kept, redirects not followed)."""
        c = SignedIn(base_url=self.url, timeout=20)
        self.clients.append(c)
        answer = sign_in(c, username, password)
        assert answer.status_code == 303, answer.text
        return c


@pytest.fixture
def live_desk(relay_settings: Settings) -> Iterator[LiveDesk]:
    engine = store.make_engine(relay_settings.database_url)
    store.migrate(engine)
    accounts = Accounts(engine, load_roles())
    for username, (nama, peran, unit) in PEOPLE.items():
        accounts.add(username, nama, peran, unit, f"{username}@kpu-contoh.go.id", PASSWORD)
    for relay in run_relay(relay_settings):
        live = LiveDesk(relay, accounts)
        yield live
        for client in live.clients:
            client.close()
    engine.dispose()
