"""The thank-you page's tokens: what the requester was told comes back unchanged, and a token
that was altered, made with another secret or made up is not read at all."""

from __future__ import annotations

import base64
import json
import re
import urllib.parse

import pytest

from forms.tokens import Signer

TOLD = {
    "jenis": "permohonan",
    "nomor": "0001/PPID/XI/2026",
    "tenggat": "2026-12-04",
    "nama": "Ni Luh “Ayu” Pratiwi",
}


def _b64(payload: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()


def test_round_trip() -> None:
    signer = Signer("rahasia-uji")
    assert signer.unsign(signer.sign(TOLD)) == TOLD
    # another relay process with the same secret reads it too
    assert Signer("rahasia-uji").unsign(signer.sign(TOLD)) == TOLD


@pytest.mark.parametrize("size", range(4))
def test_round_trip_whatever_the_padding(size: int) -> None:
    signer = Signer("rahasia-uji")
    payload = {"n": "x" * size}
    token = signer.sign(payload)
    assert "=" not in token and signer.unsign(token) == payload


def test_a_token_goes_into_a_url_as_it_is() -> None:
    token = Signer("rahasia-uji").sign(TOLD)
    assert re.fullmatch(r"[A-Za-z0-9_-]+\.[0-9a-f]{32}", token)
    assert urllib.parse.quote(token, safe="") == token


def test_an_altered_payload_is_not_read() -> None:
    signer = Signer("rahasia-uji")
    token = signer.sign(TOLD)
    _, _, mac = token.partition(".")
    forged = f"{_b64({**TOLD, 'nomor': '0002/PPID/XI/2026'})}.{mac}"
    assert signer.unsign(forged) is None
    assert signer.unsign(token[1:]) is None  # a character dropped


def test_an_altered_signature_is_not_read() -> None:
    signer = Signer("rahasia-uji")
    raw, _, mac = signer.sign(TOLD).partition(".")
    flipped = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    for bad in (flipped, mac[:-1], mac + "0", mac.upper(), ""):
        assert signer.unsign(f"{raw}.{bad}") is None
    assert signer.unsign(raw) is None  # no signature at all


def test_a_token_of_another_secret_is_not_read() -> None:
    assert Signer("rahasia-lain").unsign(Signer("rahasia-uji").sign(TOLD)) is None


@pytest.mark.parametrize(
    "garbage", ["", ".", "..", "abc", "abc.def", "%%%.zz", "e30.0123456789abcdef0123456789abcdef"]
)
def test_garbage_is_not_read(garbage: str) -> None:
    assert Signer("rahasia-uji").unsign(garbage) is None


@pytest.mark.parametrize("garbage", ["x.é", "e30.0123456789abcdef0123456789abcdeé"])
def test_non_ascii_garbage_is_not_read(garbage: str) -> None:
    assert Signer("rahasia-uji").unsign(garbage) is None
