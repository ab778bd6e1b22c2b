"""The bad-input corpus for HTTP bodies (tests/data/masukan-buruk/http): each request gives
the status and the one message written in its `Harapan:` line, and nothing is stored. A
case is posted to /f/permohonan, or to the path of its `Tujuan:` line."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support import DATA, LiveRelay

CASES = sorted((DATA / "masukan-buruk" / "http").glob("*.http"))


def _read(case: Path) -> tuple[dict[str, str], bytes]:
    head, _, body = case.read_bytes().partition(b"\n\n")
    headers = dict(line.split(": ", 1) for line in head.decode("utf-8").splitlines())
    return headers, body


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_each_bad_body_gets_its_one_line(
    client: httpx.Client, relay: LiveRelay, case: Path
) -> None:
    headers, body = _read(case)
    status, _, line = headers.pop("Harapan").partition(" ")
    path = headers.pop("Tujuan", "/f/permohonan")
    r = client.post(
        f"{relay.url}{path}",
        content=body,
        headers={**headers, "Accept": "application/json"},
    )
    assert r.status_code == int(status), r.text
    answer = r.json()
    said = [answer["error"]] + [
        f"{e['field']}: {e['message']}" for e in answer["errors"] if "field" in e
    ]
    assert any(s.startswith(line) for s in said), said
    assert relay.count() == 0
