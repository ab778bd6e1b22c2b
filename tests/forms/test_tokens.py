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
    # itsdangerous' URL-safe form: payload, time and signature, each URL-safe base64
    assert re.fullmatch(r"\.?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", token)
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
    raw, _, mac = signer.sign(TOLD).rpartition(".")  # payload.time, signature
    # (the last base64 character of a signature carries unused bits: the first is changed)
    flipped = ("A" if mac[0] != "A" else "B") + mac[1:]
    for bad in (flipped, mac[:-2], mac + "00", mac.upper(), ""):
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


def test_an_old_token_is_known_as_expired_not_as_unknown() -> None:
    import time_machine

    with time_machine.travel("2026-11-24 09:30 +0700", tick=False):
        token = Signer("rahasia-uji").sign(TOLD)
    with time_machine.travel("2026-12-23 09:30 +0700", tick=False):  # 29 days later
        assert Signer("rahasia-uji").read(token).payload == TOLD
    with time_machine.travel("2026-12-25 09:30 +0700", tick=False):  # 31 days later
        found = Signer("rahasia-uji").read(token)
        assert found.payload is None and found.expired
        assert Signer("rahasia-uji").unsign(token) is None
    assert not Signer("rahasia-lain").read(token).expired  # another secret: unknown
