"""Many offices, one relay (PPID_KANTOR_FILE): each office's paths, numbers, status and
register, over real HTTP on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from forms.settings import Settings
from tests.support import PERMOHONAN, LiveRelay, run_relay

KANTOR_FILE = Path(__file__).parents[2] / "data" / "kantor" / "kantor.yml"
JSON_HEADERS = {"Accept": "application/json"}


@pytest.fixture
def relay(relay_settings: Settings) -> Iterator[LiveRelay]:
    """A running relay serving the six offices of the fixture registry."""
    yield from run_relay(replace(relay_settings, kantor_file=KANTOR_FILE))


def _file(client: httpx.Client, relay: LiveRelay, kode: str) -> dict[str, str]:
    r = client.post(f"{relay.url}/f/{kode}/permohonan", json=PERMOHONAN, headers=JSON_HEADERS)
    assert r.status_code == 200, r.text
    body: dict[str, str] = r.json()
    return body


def test_each_office_numbers_its_requests_in_its_own_series(
    client: httpx.Client, relay: LiveRelay
) -> None:
    numbers: dict[str, list[str]] = {"6201": [], "9471": []}
    for kode in ("6201", "9471", "6201", "6201", "9471"):  # interleaved
        numbers[kode].append(_file(client, relay, kode)["nomor"])
    for kode, found in numbers.items():
        sequence = [int(n.split("/")[0]) for n in found]
        assert sequence == list(range(1, len(found) + 1))
        assert all(re.fullmatch(rf"\d{{4}}/PPID-{kode}/[IVX]+/\d{{4}}", n) for n in found)
    assert relay.count() == 5


def test_a_number_of_one_office_is_not_found_at_another(
    client: httpx.Client, relay: LiveRelay
) -> None:
    body = _file(client, relay, "6201")
    sent = {"nomor": body["nomor"], "kode": body["kode"]}
    mine = client.post(f"{relay.url}/f/6201/status", data=sent)
    assert mine.status_code == 200 and "Menunggu kelengkapan" in mine.text
    theirs = client.post(f"{relay.url}/f/6271/status", data=sent)
    assert theirs.status_code == 200
    assert "tidak cocok" in theirs.text and "Menunggu kelengkapan" not in theirs.text
    # the status form of an office posts to that office's path, under its name
    assert 'action="/f/6271/status"' in theirs.text
    assert "KPU Kota Palangka Raya" in theirs.text


def test_the_plain_paths_name_the_office_paths(client: httpx.Client, relay: LiveRelay) -> None:
    for method, path in (
        ("POST", "/f/permohonan"),
        ("POST", "/f/keberatan"),
        ("GET", "/status"),
        ("GET", "/register.json"),
    ):
        r = client.request(method, f"{relay.url}{path}", json=PERMOHONAN, headers=JSON_HEADERS)
        assert r.status_code == 404, path
        message = r.json()["error"]
        assert "banyak kantor" in message and "/f/<kode>" in message, message
    assert relay.count() == 0


def test_an_unknown_office_is_a_404_in_indonesian(client: httpx.Client, relay: LiveRelay) -> None:
    r = client.post(f"{relay.url}/f/9999/permohonan", json=PERMOHONAN, headers=JSON_HEADERS)
    assert r.status_code == 404
    assert "Kantor dengan kode '9999' tidak terdaftar" in r.json()["error"]
    page = client.get(f"{relay.url}/f/9999/status")
    assert page.status_code == 404 and "tidak terdaftar" in page.text
    assert relay.count() == 0


def test_origins_are_checked_against_the_office_asal(
    client: httpx.Client, relay: LiveRelay
) -> None:
    ours = {**JSON_HEADERS, "Origin": "https://www.ppid-6201.example.org"}
    r = client.post(f"{relay.url}/f/6201/permohonan", json=PERMOHONAN, headers=ours)
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == "https://www.ppid-6201.example.org"
    # another office's site may not post to this office's forms
    other = {**JSON_HEADERS, "Origin": "https://ppid-9471.example.org"}
    refused = client.post(f"{relay.url}/f/6201/permohonan", json=PERMOHONAN, headers=other)
    assert refused.status_code == 403
    allowed = client.post(f"{relay.url}/f/9471/permohonan", json=PERMOHONAN, headers=other)
    assert allowed.status_code == 200
    assert relay.count() == 2


def test_the_thank_you_page_and_tanda_bukti_are_the_office_own(
    client: httpx.Client, relay: LiveRelay
) -> None:
    r = client.post(
        f"{relay.url}/f/6201/permohonan",
        data=PERMOHONAN,
        headers={"Accept": "text/html"},
    )
    assert r.status_code == 303
    target = r.headers["location"]
    assert target.startswith(f"{relay.url}/f/6201/terima-kasih?t=")
    assert "Path=/f/6201/terima-kasih" in r.headers["set-cookie"]
    page = client.get(target)  # the client keeps the cookie for its path
    assert page.status_code == 200
    assert "KPU Kabupaten Kotawaringin Barat" in page.text
    assert 'href="/f/6201/status"' in page.text
    bukti = re.search(r'href="(/f/6201/terima-kasih/tanda-bukti\?t=[^"]+)"', page.text)
    assert bukti, page.text
    pdf = client.get(f"{relay.url}{bukti.group(1).replace('&amp;', '&')}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # the same token at another office's path is not that office's page
    token = target.partition("?")[2]
    elsewhere = client.get(f"{relay.url}/f/6271/terima-kasih?{token}")
    assert elsewhere.status_code == 404


def test_the_register_is_per_office(client: httpx.Client, relay: LiveRelay) -> None:
    a = _file(client, relay, "6201")["nomor"]
    b = _file(client, relay, "9471")["nomor"]
    mine = client.get(f"{relay.url}/f/6201/register.json")
    assert mine.status_code == 200
    rows = json.loads(mine.content)["baris"]
    assert [row["nomor"] for row in rows] == [a]
    theirs = json.loads(client.get(f"{relay.url}/f/9471/register.json").content)
    assert [row["nomor"] for row in theirs["baris"]] == [b]


def test_the_limit_counts_per_office(relay_settings: Settings, client: httpx.Client) -> None:
    limited = replace(
        relay_settings,
        kantor_file=KANTOR_FILE,
        limits=replace(relay_settings.limits, per_minute=2),
    )
    for live in run_relay(limited):
        for _ in range(2):
            _file(client, live, "6201")
        full = client.post(f"{live.url}/f/6201/permohonan", json=PERMOHONAN, headers=JSON_HEADERS)
        assert full.status_code == 429
        # the same client, another office: its own count
        assert _file(client, live, "6271")["nomor"].startswith("0001/PPID-6271/")


def test_a_format_without_the_office_is_refused_at_start(relay_settings: Settings) -> None:
    from forms.settings import SettingsError
    from forms.startup import prepare

    wrong = replace(
        relay_settings, kantor_file=KANTOR_FILE, number_format="{nomor:04d}/PPID/{tahun}"
    )
    with pytest.raises(SettingsError, match=r"PPID_NUMBER_FORMAT=.*harus memuat \{kantor\}"):
        prepare(wrong)
