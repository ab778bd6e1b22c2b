"""The relay's one error handler over real HTTP: every status, a page or JSON by negotiation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.support import PERMOHONAN, LiveRelay, run_relay

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
JSON = {"Accept": "application/json"}


def _is_page(r: httpx.Response, *texts: str) -> None:
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="id">' in r.text and "PPID" in r.text
    for text in texts:
        assert text in r.text
    assert "Not Found" not in r.text and "Traceback" not in r.text


def test_unknown_page_is_an_indonesian_page_or_json(client: httpx.Client, relay: LiveRelay) -> None:
    page = client.get(f"{relay.url}/tidak-ada", headers=HTML)
    assert page.status_code == 404
    _is_page(page, "Halaman tidak ditemukan")
    data = client.get(f"{relay.url}/tidak-ada", headers=JSON)
    assert data.status_code == 404 and data.json()["error"] == "Halaman tidak ditemukan"


def test_wrong_method_keeps_its_allow_header_in_both_forms(
    client: httpx.Client, relay: LiveRelay
) -> None:
    for headers in (HTML, JSON):
        r = client.get(f"{relay.url}/f/permohonan", headers=headers)
        assert r.status_code == 405 and "POST" in r.headers["allow"]
    assert "Metode tidak diizinkan" in client.get(f"{relay.url}/f/permohonan", headers=HTML).text
    assert (
        client.get(f"{relay.url}/f/permohonan", headers=JSON)
        .json()["error"]
        .startswith("Metode tidak diizinkan")
    )


def test_an_unknown_thank_you_token_is_a_page(client: httpx.Client, relay: LiveRelay) -> None:
    r = client.get(f"{relay.url}/terima-kasih?t=bukan.token", headers=HTML)
    assert r.status_code == 404
    _is_page(r, "Halaman terima kasih ini tidak ditemukan", "/status")


def test_too_many_status_checks_is_a_page_in_a_browser(
    client: httpx.Client, relay_settings: Any
) -> None:
    limits = replace(relay_settings.limits, status_per_minute=1)
    for live in run_relay(replace(relay_settings, limits=limits)):
        form = {"nomor": "0001/PPID/XI/2026", "kode": "salah"}
        assert client.post(f"{live.url}/status", data=form, headers=HTML).status_code == 200
        r = client.post(f"{live.url}/status", data=form, headers=HTML)
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
        _is_page(r, "Terlalu banyak")


def test_a_refused_submission_shows_the_form_again_with_its_cors_headers(
    client: httpx.Client, relay: LiveRelay
) -> None:
    origin = "https://ppid-contoh.example.org"
    r = client.post(
        f"{relay.url}/f/permohonan",
        data={**PERMOHONAN, "nik": "12"},
        headers={**HTML, "Origin": origin},
    )
    assert r.status_code == 422
    _is_page(
        r,
        "Periksa kembali isian Anda",
        'action="/f/permohonan"',
        'name="nama"',
        'value="Budi Santoso"',
    )
    assert r.headers["access-control-allow-origin"] == origin
    assert relay.count() == 0


def test_a_non_ascii_thank_you_token_is_a_page_not_a_500(
    client: httpx.Client, relay: LiveRelay
) -> None:
    r = client.get(f"{relay.url}/terima-kasih?t=x.%C3%A9", headers=HTML)
    assert r.status_code == 404
    _is_page(r, "Halaman terima kasih ini tidak ditemukan")


@pytest.mark.parametrize("headers", [HTML, JSON])
def test_an_unexpected_error_tells_nothing_of_the_server(
    client: httpx.Client, relay: LiveRelay, headers: dict[str, str]
) -> None:
    async def broken(request: Request) -> Response:
        raise RuntimeError("rahasia server: /var/lib/ppid")

    # a route that fails as a bug would, added to the running relay
    relay.app.router.routes.insert(0, Route("/uji-galat", broken))
    r = client.get(f"{relay.url}/uji-galat", headers=headers)
    assert r.status_code == 500
    assert "rahasia server" not in r.text and "RuntimeError" not in r.text
    if headers is HTML:
        _is_page(r, "Terjadi gangguan pada server")
    else:
        assert r.json()["error"].startswith("Terjadi gangguan pada server")


def test_an_expired_thank_you_page_says_so(client: httpx.Client, relay: LiveRelay) -> None:
    import datetime as dt

    import time_machine

    from forms.tokens import Signer

    with time_machine.travel(dt.datetime.now(dt.UTC) - dt.timedelta(days=40), tick=False):
        token = Signer(relay.settings.secret).sign({"jenis": "permohonan", "nomor": "0001"})
    r = client.get(f"{relay.url}/terima-kasih?t={token}", headers=HTML)
    assert r.status_code == 410
    _is_page(r, "sudah kedaluwarsa", "/status")


def test_a_refused_file_keeps_the_rest_of_the_form(client: httpx.Client, relay: LiveRelay) -> None:
    r = client.post(
        f"{relay.url}/f/permohonan",
        data=PERMOHONAN,
        files={"dokumen_identitas": ("ktp.pdf", b"bukan pindaian")},
        headers=HTML,
    )
    assert r.status_code == 422
    _is_page(r, "Periksa kembali isian Anda", 'value="Budi Santoso"', 'id="e-f-dokumen-identitas"')
    assert '<a href="#f-dokumen-identitas">Salinan KTP</a>' in r.text
    assert 'id="f-persetujuan" name="persetujuan" value="ya" required checked' in r.text


def test_an_empty_form_is_the_form_with_what_each_field_needs(
    client: httpx.Client, relay: LiveRelay
) -> None:
    empty = {"nomor_permohonan": "", "kode": "", "nama": "", "kasus_posisi": ""}
    r = client.post(f"{relay.url}/f/keberatan", data=empty, headers=HTML)
    assert r.status_code == 422
    _is_page(r, "Pilih sedikitnya satu alasan keberatan", 'id="e-k-nama"', "Kirim keberatan")


def test_a_submission_past_the_limit_is_the_form_with_the_wait(
    client: httpx.Client, relay_settings: Any
) -> None:
    limits = replace(relay_settings.limits, per_minute=1)
    for live in run_relay(replace(relay_settings, limits=limits)):
        client.post(f"{live.url}/f/permohonan", data=PERMOHONAN, headers=HTML)
        r = client.post(f"{live.url}/f/permohonan", data=PERMOHONAN, headers=HTML)
        assert r.status_code == 429
        wait = r.headers["retry-after"]
        _is_page(r, "Terlalu banyak permintaan", f"Tunggu {wait} detik, lalu kirim lagi")
        assert 'action="/f/permohonan"' in r.text  # the form, to send when the wait is over
