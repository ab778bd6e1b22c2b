"""A running relay with its desk and one account per role (password: PASSWORD)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from forms.desk.accounts import Accounts
from forms.desk.roles import load_roles
from forms.settings import MULTI_OFFICE_FORMATS, Settings
from forms.store import tables as store
from forms.tracker import Record, Tracker
from site_builder import kantor as kantor_registry
from site_builder.calendar import WorkingCalendar
from site_builder.clock import OfficeClock
from tests.support import LiveRelay, csrf_of, run_relay, sign_in

__all__ = ["KANTOR_FILE", "PASSWORD", "UNIT", "KantorDesk", "LiveDesk", "csrf_of"]

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


# --- a deployment of many offices (PPID_KANTOR_FILE = the fixture registry) --------------------
KANTOR_FILE = Path(__file__).resolve().parents[2] / "data" / "kantor" / "kantor.yml"
# user name: (name, roles, units, office, monitoring)
KANTOR_PEOPLE: dict[str, tuple[str, list[str], list[str], str, bool]] = {
    "petugas6201": ("Rina Kobar", ["petugas"], [], "6201", False),
    "admin6201": ("Dewi Kobar", ["admin"], [], "6201", False),
    "ppid6201": ("Yusuf Kobar", ["ppid"], [], "6201", False),
    "petugas6271": ("Budi Palangka", ["petugas"], [], "6271", False),
    "ppid62": ("Sri Kalteng", ["ppid"], [], "62", True),
    "petugas62": ("Tono Kalteng", ["petugas"], [], "62", False),
    "admin62": ("Ayu Kalteng", ["admin"], [], "62", False),
    "ppid00": ("Ketut RI", ["ppid"], [], "00", True),
}


@dataclass
class KantorDesk(LiveDesk):
    """A relay serving the fixture registry's offices, with one tracker to file records
    straight into the database and put them in an office."""

    tracker: Tracker | None = None

    def office(self, kantor: str) -> Tracker:
        """The office's own tracker: its series, its clock, its records only."""
        assert self.tracker is not None
        if not kantor:
            return self.tracker
        found = kantor_registry.read(KANTOR_FILE).get(kantor)
        assert found is not None
        return self.tracker.for_office(kantor, OfficeClock(found.zona_waktu))

    def file(
        self,
        kantor: str,
        diterima: date,
        jenis: str = "permohonan",
        nama: str = "Siti Aminah",
        induk: str | None = None,
    ) -> Record:
        assert self.tracker is not None
        data = {
            "nama": nama,
            "email": f"{nama.split()[0].lower()}@contoh.id",
            "nik": "3374010101010001",
            "alamat": "Jl. Mawar 1, Palangka Raya",
            "telepon": "0812-3456-7890",
            "rincian_informasi": f"Salinan DIPA {kantor}",
            "tujuan_penggunaan": "Penelitian skripsi",
        }
        if jenis == "keberatan":
            data |= {"alasan": ["a"], "nomor_permohonan": induk or ""}
        filed = self.office(kantor).file(
            jenis,
            f"Salinan DIPA {kantor}",
            data,
            saluran="surat",
            diterima=diterima,
            oleh="Petugas",
            induk_nomor=induk,
        )
        return filed.record


@pytest.fixture
def kantor_desk(relay_settings: Settings) -> Iterator[KantorDesk]:
    settings = replace(relay_settings, kantor_file=KANTOR_FILE)
    registry = kantor_registry.read(KANTOR_FILE)
    engine = store.make_engine(settings.database_url)
    store.migrate(engine)
    accounts = Accounts(engine, load_roles(), registry)
    for username, (nama, peran, unit, kantor, pantau) in KANTOR_PEOPLE.items():
        accounts.add(
            username,
            nama,
            peran,
            unit,
            f"{username}@kpu-contoh.go.id",
            PASSWORD,
            kantor=kantor,
            pantau=pantau,
        )
    # numbers of a deployment of many offices carry the office (0001/PPID-6201/XI/2026)
    tracker = Tracker(
        engine, WorkingCalendar(), settings.secret, MULTI_OFFICE_FORMATS["number_format"]
    )
    for relay in run_relay(settings):
        live = KantorDesk(relay, accounts, tracker=tracker)
        yield live
        for client in live.clients:
            client.close()
    engine.dispose()
