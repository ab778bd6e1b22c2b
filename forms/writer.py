"""Group commit: submissions that arrive together are written in one durable transaction.

The event loop hands each submission to one writer thread and awaits its result; the
thread takes everything queued, writes it in one transaction (when one submission fails,
the batch is redone with a savepoint each, so a bad one does not sink the others), commits
once (one fsync for the batch), and only then answers. The answer therefore still follows
a durable commit, and the event loop is never blocked on disk.

The thread holds the GIL as little as it can, since every microsecond it does is one the
event loop cannot serve requests in: on SQLite it runs the statements, compiled once, on a
DBAPI connection of its own (store.SQLiteWrites), and it and the event loop wake each
other once per batch, not once per submission: what one turn of the event loop files is
handed over in one piece, and the answers of a batch are settled in one callback.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Sequence

from forms import store
from forms.tracker import Filed, Filing, Tracker

MAX_BATCH = 64  # a batch stops growing once it has this many

Item = tuple[Filing, "asyncio.Future[Filed]", asyncio.AbstractEventLoop]
Outcomes = list[tuple[Item, Filed | BaseException]]


class GroupWriter:
    """One thread that owns the writes of the relay."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._queue: queue.SimpleQueue[list[Item] | None] = queue.SimpleQueue()
        self._pending: dict[asyncio.AbstractEventLoop, list[Item]] = {}
        self._fast: store.SQLiteWrites | None = None
        self._thread = threading.Thread(target=self._run, name="ppid-writer", daemon=True)
        self._thread.start()

    async def file(self, filing: Filing) -> Filed:
        """Register one submission; returns once it is committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Filed] = loop.create_future()
        pending = self._pending.get(loop)
        if pending is None:  # the first of this turn of the loop: hand them over after it
            pending = self._pending[loop] = []
            loop.call_soon(self._hand_over, loop)
        pending.append((filing, future, loop))
        return await future

    def _hand_over(self, loop: asyncio.AbstractEventLoop) -> None:
        # one put, so one wake-up of the writer thread, for all that this turn filed
        items = self._pending.pop(loop, None)
        if items:
            self._queue.put(items)

    def close(self) -> None:
        """Finish what is queued, then stop."""
        for loop in list(self._pending):  # filed but not handed over yet: goes first
            self._hand_over(loop)
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        if self.tracker.engine.dialect.name == "sqlite":
            try:
                self._fast = store.SQLiteWrites(self.tracker.engine)
            except Exception:  # the SQLAlchemy path reports the problem per batch
                self._fast = None
        try:
            self._loop()
        finally:
            if self._fast is not None:
                self._fast.close()

    def _loop(self) -> None:
        get = self._queue.get
        while True:
            first = get()
            if first is None:
                return
            batch = first
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    items = self._queue.get_nowait()
                except queue.Empty:
                    break
                if items is None:
                    stop = True  # stop after this batch
                    break
                batch += items
            self._write(batch)
            if stop:
                return

    def _write(self, batch: list[Item]) -> None:
        try:
            results = self._insert_all(batch)
        except Exception:  # someone in the batch failed: redo it one savepoint each
            try:
                results = self._insert_each(batch)
            except Exception as exc:  # the commit itself failed: nobody is acknowledged
                results = [(item, exc) for item in batch]
        _answer(results)  # after the commit: now it is safe to answer

    def _insert_all(self, batch: list[Item]) -> Outcomes:
        """The common case: every submission is fine, so one statement per table for the
        whole batch; a failure rolls it all back, counters included, so no number is lost."""
        filings = [filing for filing, _, _ in batch]
        if self._fast is not None:
            with self._fast.transaction() as db:
                filed = self.tracker.insert_with(db, filings)
        else:
            with store.transaction(self.tracker.engine) as conn:
                filed = self.tracker.insert_many(conn, filings)
        return list(zip(batch, filed, strict=True))

    def _insert_each(self, batch: list[Item]) -> Outcomes:
        results: Outcomes = []
        with store.transaction(self.tracker.engine) as conn:
            for item in batch:
                savepoint = conn.begin_nested()
                try:
                    results.append((item, self.tracker.insert(conn, item[0])))
                    savepoint.commit()
                except Exception as exc:  # this submission only: the others go on
                    savepoint.rollback()
                    results.append((item, exc))
        return results


def _answer(results: Outcomes) -> None:
    """Hand the outcomes to their event loops: one wake-up per loop, not per submission."""
    by_loop: dict[asyncio.AbstractEventLoop, Outcomes] = {}
    for result in results:
        by_loop.setdefault(result[0][2], []).append(result)
    for loop, outcomes in by_loop.items():
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits any more
            loop.call_soon_threadsafe(_settle, outcomes)


def _settle(outcomes: Sequence[tuple[Item, Filed | BaseException]]) -> None:
    for (_, future, _), outcome in outcomes:
        if future.done():  # the request was cancelled (client gone); its record stays
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
