"""Generated submissions of every body kind against a real relay: never a 5xx, never an
error in the server's log, and nothing stored for a refused submission.

A few thousand requests in CI (FUZZ_EXAMPLES overrides the count per body kind)."""

from __future__ import annotations

import json
import logging
import os
import urllib.parse
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.settings import Settings
from tests.support import PERMOHONAN, SCAN_JPEG, SCAN_PDF, SCAN_PNG, LiveRelay, run_relay

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "700"))
FIELDS = [
    *PERMOHONAN,
    "alasan",
    "nomor_permohonan",
    "kasus_posisi",
    "_subject",
    "_next",
    "_gotcha",
    "_cc",
    "_replyto",
    "dokumen_identitas",
    "dokumen_badan_hukum",
    "surat_kuasa",
    "kuasa",
    "kode",
    "x" * 300,
]

# Text of every kind: control characters, bidi overrides, lone surrogates (through JSON's
# \u escapes), very long values, numbers where text is expected.
_text = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=60),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=6000),
    st.sampled_from(
        [
            "",
            " ",
            "ya",
            "perorangan",
            "badan_hukum",
            "3399011203850001",
            "budi@contoh.id",
            "a@[x.y",
            "\ud83d",
            "0001/PPID/XI/2026",
            "\u202e",
        ]
    ),
)
_value: st.SearchStrategy[Any] = st.recursive(
    st.one_of(_text, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=8,
)
_fields = st.dictionaries(st.one_of(st.sampled_from(FIELDS), _text), _value, max_size=20)
_seeded = st.builds(lambda base, extra: {**base, **extra}, st.just(PERMOHONAN), _fields)
_form = st.one_of(_fields, _seeded)
_file = st.one_of(
    st.sampled_from([SCAN_PDF, SCAN_PNG, SCAN_JPEG, b"%PDF-1.4\n<html>", b"MZ\x90\x00"]),
    st.binary(max_size=2048),
    st.builds(lambda a, b: a + b, st.sampled_from([SCAN_PNG, SCAN_JPEG]), st.binary(max_size=64)),
)


class ErrorLog(logging.Handler):
    """Every ERROR the server logs (uvicorn logs a traceback for each unhandled error)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveRelay, ErrorLog]]:
    base = tmp_path_factory.mktemp("fuzz")
    from tests.support import ROOT

    settings = Settings(
        database_url=f"sqlite:///{base / 'ppid.sqlite3'}",
        upload_dir=base / "unggahan",
        secret="rahasia-uji",
        office_file=ROOT / "dip" / "badan-publik.yml",
    )
    settings = replace(settings, limits=replace(settings.limits, per_minute=0, body_seconds=5))
    log = ErrorLog()
    watched = [logging.getLogger(n) for n in ("uvicorn.error", "uvicorn", "ppid", "starlette")]
    for logger in watched:
        logger.addHandler(log)
    try:
        for relay in run_relay(settings):
            yield relay, log
    finally:
        for logger in watched:
            logger.removeHandler(log)


def _check(live: tuple[LiveRelay, ErrorLog], send: Any) -> None:
    relay, log = live
    before = relay.count()
    with httpx.Client(timeout=20) as client:
        r = send(client, relay.url)
    assert r.status_code < 500, r.text[:500]
    assert "Traceback" not in r.text
    stored = relay.count() - before
    if r.status_code not in (200, 303):
        assert stored == 0, f"{r.status_code} but {stored} stored"
    assert log.records == [], log.records[:2]


_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@_SETTINGS
@given(form=_form, accept=st.sampled_from(["application/json", "text/html", "*/*"]))
def test_json_bodies(live: tuple[LiveRelay, ErrorLog], form: dict[str, Any], accept: str) -> None:
    body = json.dumps(form)  # ensure_ascii: a lone surrogate travels as \\ud83d

    def send(client: httpx.Client, url: str) -> httpx.Response:
        return client.post(
            f"{url}/f/permohonan",
            content=body,
            headers={"Content-Type": "application/json", "Accept": accept},
        )

    _check(live, send)


def _utf8(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _flat(form: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for k, v in form.items():
        for item in v if isinstance(v, list) else [v]:
            out.append((str(k), "" if item is None else str(item)))
    return out


@_SETTINGS
@given(form=_form, raw=st.binary(max_size=300), kind=st.sampled_from(["permohonan", "keberatan"]))
def test_urlencoded_bodies(
    live: tuple[LiveRelay, ErrorLog], form: dict[str, Any], raw: bytes, kind: str
) -> None:
    pairs = _flat(form)
    body = urllib.parse.urlencode(pairs, errors="surrogatepass").encode() + b"&" + raw

    def send(client: httpx.Client, url: str) -> httpx.Response:
        return client.post(
            f"{url}/f/{kind}",
            content=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"},
        )

    _check(live, send)


@_SETTINGS
@given(form=_form, content=_file, name=_text)
def test_multipart_bodies(
    live: tuple[LiveRelay, ErrorLog], form: dict[str, Any], content: bytes, name: str
) -> None:
    # multipart is bytes on the wire: what a browser cannot encode, it cannot send either
    data = [(_utf8(k), _utf8(v)) for k, v in _flat(form)]
    filename = _utf8(name) or "ktp.pdf"

    def send(client: httpx.Client, url: str) -> httpx.Response:
        return client.post(
            f"{url}/f/permohonan",
            data=dict(data),
            files={"dokumen_identitas": (filename, content)},
            headers={"Accept": "application/json"},
        )

    _check(live, send)
