"""Group commit: submissions that arrive together are written in one durable transaction.

The event loop hands each submission to one writer thread and awaits its result; the
thread takes everything queued, writes it in one transaction (when one submission fails,
the batch is redone with a savepoint each, so a bad one does not sink the others), commits
once (one fsync for the batch), and only then answers. The answer therefore still follows
a durable commit, and the event loop is never blocked on disk.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from concurrent.futures import Future

from forms import store
from forms.tracker import Filed, Filing, Tracker

MAX_BATCH = 64

Outcomes = list[tuple[Future[Filed], Filed | BaseException]]


class GroupWriter:
    """One thread that owns the writes of the relay."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._queue: queue.Queue[tuple[Filing, Future[Filed]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="ppid-writer", daemon=True)
        self._thread.start()

    async def file(self, filing: Filing) -> Filed:
        """Register one submission; returns once it is committed."""
        future: Future[Filed] = Future()
        self._queue.put((filing, future))
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """Finish what is queued, then stop."""
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(item)
            self._write(batch)

    def _write(self, batch: list[tuple[Filing, Future[Filed]]]) -> None:
        try:
            results = self._insert_all(batch)
        except Exception:  # someone in the batch failed: redo it one savepoint each
            try:
                results = self._insert_each(batch)
            except Exception as exc:  # the commit itself failed: nobody is acknowledged
                for _, future in batch:
                    future.set_exception(exc)
                return
        for future, outcome in results:  # after the commit: now it is safe to answer
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)

    def _insert_all(self, batch: list[tuple[Filing, Future[Filed]]]) -> Outcomes:
        """The common case: every submission is fine, so one statement per table for the
        whole batch; a failure rolls it all back, counters included, so no number is lost."""
        with store.transaction(self.tracker.engine) as conn:
            filed = self.tracker.insert_many(conn, [filing for filing, _ in batch])
        return [(future, one) for (_, future), one in zip(batch, filed, strict=True)]

    def _insert_each(self, batch: list[tuple[Filing, Future[Filed]]]) -> Outcomes:
        results: Outcomes = []
        with store.transaction(self.tracker.engine) as conn:
            for filing, future in batch:
                savepoint = conn.begin_nested()
                try:
                    results.append((future, self.tracker.insert(conn, filing)))
                    savepoint.commit()
                except Exception as exc:  # this submission only: the others go on
                    savepoint.rollback()
                    results.append((future, exc))
        return results
