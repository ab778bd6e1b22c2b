"""Security headers on every answer of the relay, on the site it serves, and in nginx's
configuration for the static site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from forms.http.headers import RELAY_POLICY, SITE_POLICY
from tests.support import PERMOHONAN, ROOT, LiveRelay, run_relay

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}


def _secured(r: httpx.Response, policy: str) -> None:
    assert r.headers["content-security-policy"] == policy
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    ("method", "path", "kw"),
    [
        ("GET", "/status", {"headers": HTML}),
        ("POST", "/status", {"data": {"nomor": "1", "kode": "x"}, "headers": HTML}),
        ("GET", "/register.json", {}),
        ("GET", "/terima-kasih?t=salah", {"headers": HTML}),
        ("POST", "/f/permohonan", {"json": PERMOHONAN, "headers": JSON}),
        ("POST", "/f/permohonan", {"data": {"nama": ""}, "headers": HTML}),
        ("GET", "/f/permohonan", {"headers": JSON}),
    ],
)
def test_every_relay_answer_is_secured(
    client: httpx.Client, relay: LiveRelay, method: str, path: str, kw: dict[str, Any]
) -> None:
    _secured(client.request(method, f"{relay.url}{path}", **kw), RELAY_POLICY)


def test_an_unexpected_error_is_secured_too(client: httpx.Client, relay: LiveRelay) -> None:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def broken(request: Request) -> Response:
        raise RuntimeError("galat uji")

    relay.app.router.routes.insert(0, Route("/status/uji", broken))
    r = client.get(f"{relay.url}/status/uji", headers=HTML)
    assert r.status_code == 500
    _secured(r, RELAY_POLICY)


def test_the_site_behind_the_relay_has_the_site_policy(
    client: httpx.Client, relay_settings: Any, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    for live in run_relay(relay_settings, site):
        _secured(client.get(f"{live.url}/"), SITE_POLICY)


def test_nginx_sends_the_same_site_policy() -> None:
    conf = (ROOT / "deploy" / "nginx-relay.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{SITE_POLICY}" always;' in conf
    for header in ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert f"add_header {header} " in conf
