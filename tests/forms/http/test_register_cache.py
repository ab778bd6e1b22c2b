"""/register.json is built once per change of the records, off the event loop."""

from __future__ import annotations

import asyncio
import json
from datetime import date

from forms.http.register_cache import RegisterCache
from forms.tracker import Tracker
from tests.support import PERMOHONAN


def _file(tracker: Tracker, n: int) -> None:
    tracker.file("permohonan", f"Salinan DIPA {n}", dict(PERMOHONAN), diterima=date(2026, 11, 2))


def test_the_register_is_rebuilt_only_when_the_records_change(tracker: Tracker) -> None:
    cache = RegisterCache(tracker, ttl=0)  # looks at the records on every request

    async def scenario() -> list[int]:
        _file(tracker, 1)
        first = await cache.body()
        again = await cache.body()
        assert again is first  # nothing changed: the same bytes, not rebuilt
        _file(tracker, 2)
        third = await cache.body()
        assert third is not first
        return [len(json.loads(b)["baris"]) for b in (first, again, third)]

    assert asyncio.run(scenario()) == [1, 1, 2]


def test_within_its_ttl_the_cache_does_not_even_look(tracker: Tracker) -> None:
    cache = RegisterCache(tracker, ttl=3600)

    async def scenario() -> tuple[int, int]:
        _file(tracker, 1)
        first = await cache.body()
        _file(tracker, 2)
        later = await cache.body()  # at most `ttl` seconds old, by design
        return len(json.loads(first)["baris"]), len(json.loads(later)["baris"])

    assert asyncio.run(scenario()) == (1, 1)


def test_concurrent_requests_share_one_build(tracker: Tracker) -> None:
    cache = RegisterCache(tracker, ttl=0)
    _file(tracker, 1)

    async def scenario() -> set[int]:
        bodies = await asyncio.gather(*(cache.body() for _ in range(20)))
        return {id(b) for b in bodies}

    assert len(asyncio.run(scenario())) == 1
