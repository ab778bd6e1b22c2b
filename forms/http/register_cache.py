"""`/register.json` without stalling the event loop: built off the loop, once per change.

The register of a busy office is thousands of rows; building it took 0.67 s at 1,213
records, on the event loop, for every request, so four clients polling it pushed every
submission's answer past two seconds. Here the records' fingerprint (events count and
newest id, and the day, which decides "late") is looked up at most every `ttl` seconds,
in a worker thread; the JSON is rebuilt, in a worker thread, only when it moved, and
concurrent requests share one rebuild.
"""

from __future__ import annotations

import asyncio
import time

from starlette.concurrency import run_in_threadpool

from forms import register
from forms.store import tables as store
from forms.tracker import Tracker


class RegisterCache:
    """The register's JSON, current within `ttl` seconds of any change to the records."""

    def __init__(self, tracker: Tracker, ttl: float = 2.0) -> None:
        self.tracker = tracker
        self.ttl = ttl
        self._body: bytes | None = None
        self._version: tuple[object, ...] | None = None
        self._checked = float("-inf")
        self._lock = asyncio.Lock()

    def version(self) -> tuple[object, ...]:
        """What the register depends on: the timeline's size and newest event, and today."""
        with self.tracker.engine.connect() as conn:
            return (*store.changes(conn), self.tracker.today())

    async def body(self) -> bytes:
        """The current register JSON."""
        if self._body is not None and time.monotonic() - self._checked < self.ttl:
            return self._body
        async with self._lock:  # one look and one rebuild for every waiting request
            if self._body is not None and time.monotonic() - self._checked < self.ttl:
                return self._body
            version = await run_in_threadpool(self.version)
            if self._body is None or version != self._version:
                self._body = await run_in_threadpool(register.export, self.tracker)
                self._version = version
            self._checked = time.monotonic()
            return self._body
