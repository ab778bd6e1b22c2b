"""Group commit in a process of its own: submissions that arrive together are written in
one durable transaction, by a writer that shares no GIL with the event loop.

The relay's event loop hands each submission, the moment it is valid, to a child process
(`python -m forms.store.writer`) over a pipe, and awaits its answer. The child reads whatever
is waiting in the pipe, writes it all in one transaction (when one submission fails, the
batch is redone with a savepoint each, so a bad one does not sink the others), commits
once (one fsync for the batch), and only then answers, one message per batch. The answer
therefore still follows a durable commit, and the event loop is never blocked on disk.
The answer carries what the requester is told (a `Receipt`: number, status code, deadlines,
the thank-you page's signed token, which does not carry the code), made by the child with
the relay's own tracker rules, calendar and secret, so the event loop only puts it into the
response.

Why a process and not a thread: a thread must take the GIL back from a busy event loop to
start each batch, which CPython grants only after its switch interval (5 ms), so the loop
and the writer take turns instead of working at the same time: the loop parses a wave of
requests, then idles while the thread commits them. The child runs beside the loop, on the
other core, and batches form by themselves: while one commits, the next one queues in the
pipe. The loop's share is a write per submission and a read per batch.

The child ignores SIGINT and SIGTERM (a Ctrl+C or systemd's stop reaches the whole process
group): it stops when its input closes, after committing and answering what it had read, so
the relay's own graceful shutdown decides. When the child dies anyway, the submissions it
had not answered fail with `WriterGone` (the requester is told to send again: they may or
may not be stored, and were never acknowledged), and the first submission a second later
(RESTART_PAUSE) starts a new one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import pickle
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from forms.store import tables as store
from forms.tokens import Signer
from forms.tracker import Filed, Filing, Stored, Tracker
from forms.vocab import NotFound, TrackerError
from site_builder.calendar import WorkingCalendar
from site_builder.errors import PPIDError

MAX_BATCH = 64  # a batch stops growing once it has this many
RESTART_PAUSE = 1.0  # seconds after a writer ended before the next one is started
CLOSE_WAIT = 60.0  # seconds close() gives the writer to commit and answer what it has
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding `forms`
_parent_log = logging.getLogger("ppid.writer")
_HEADER = struct.Struct(">I")  # every message: its length, then its pickle
_READ = 1 << 20


class WriterGone(PPIDError):
    """The writer process ended before it answered: the submission was not acknowledged."""


class WriteFailed(PPIDError):
    """The database refused a batch (disk full, locked too long, ...): nothing acknowledged."""


def _frame(message: Any) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(body)) + body


def _unframe(buf: bytearray) -> list[Any]:
    """The complete messages at the start of buf, removed from it."""
    out: list[Any] = []
    start, size = 0, len(buf)
    while size - start >= 4:
        (length,) = _HEADER.unpack_from(buf, start)
        end = start + 4 + length
        if end > size:
            break
        out.append(pickle.loads(memoryview(buf)[start + 4 : end]))
        start = end
    if start:
        del buf[:start]
    return out


# A filing crosses the pipe as a plain tuple (a dataclass would pickle through copyreg).
def _pack(f: Filing) -> tuple[Any, ...]:
    return (
        f.jenis,
        f.judul,
        f.data,
        f.saluran,
        f.diterima,
        f.oleh,
        f.lengkap,
        f.induk_nomor,
        f.uploads,
        f.kantor,
    )


_ERRORS: dict[str, Callable[[str], Exception]] = {
    "NotFound": NotFound,
    "TrackerError": TrackerError,
    "WriteFailed": WriteFailed,
    "WriterGone": WriterGone,
}


class Receipt:
    """A committed submission as its requester is told of it: number, status code, the
    deadline and, while incomplete, the completion deadline (ISO dates), and the thank-you
    page's token. The whole record, for the mails, is made from it on demand."""

    __slots__ = (
        "_answer",
        "_filing",
        "_tracker",
        "_waktu",
        "kelengkapan",
        "kode",
        "nomor",
        "tenggat",
        "token",
    )

    def __init__(
        self, answer: tuple[Any, ...], filing: Filing, waktu: Any, tracker: Tracker
    ) -> None:
        _, self.nomor, self.kode, _, self.tenggat, self.kelengkapan, self.token = answer
        self._answer, self._filing, self._waktu, self._tracker = answer, filing, waktu, tracker

    def filed(self) -> Filed:
        """The record as stored, its code and its deadline (only the mails need it)."""
        rid, nomor, kode, induk_id = self._answer[:4]
        return self._tracker.filed(self._filing, Stored(rid, nomor, kode, induk_id, self._waktu))


class _Waiting:
    __slots__ = ("filing", "future", "since")

    def __init__(self, filing: Filing, future: asyncio.Future[Receipt], since: float) -> None:
        self.filing = filing
        self.future = future
        self.since = since


class GroupWriter:
    """The relay's side of the writer process: file() a submission, await its receipt.

    It serves one event loop at a time (the relay's); close() may be called from any thread.
    """

    def __init__(
        self,
        tracker: Tracker,
        offices: Mapping[str, Tracker] | None = None,
        db_timeout: float = store.DB_TIMEOUT,
    ) -> None:
        self.tracker = tracker
        # in a deployment of many offices, each office's tracker (`tracker.for_office()`, as
        # forms.startup.office_trackers makes them): a filing is numbered in the series of
        # the office it carries (Filing.kantor), by that office's rules
        self.offices = {tracker.kantor: tracker, **(offices or {})}
        self._config = {
            **tracker.writer_config(),
            # the other offices' trackers are the base's `for_office()`: their kode and clock
            # are all the child needs to make the same ones
            "kantor_lain": [
                {"kantor": t.kantor, "clock": t.clock}
                for kode, t in self.offices.items()
                if kode != tracker.kantor
            ],
            "db_timeout": db_timeout,
        }
        # A batch waits at most db_timeout for a lock or a connection, and the batches
        # queued behind it each as long: past this, a submission is answered WriterGone
        # (a 503, perhaps stored, never acknowledged) rather than kept waiting.
        self.answer_wait = 3 * db_timeout
        self._watch: asyncio.TimerHandle | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting: dict[int, _Waiting] = {}
        self._seq = 0
        self._out = bytearray()  # what the pipe would not take yet
        self._in = bytearray()
        self._closed = False
        self._restart_at = 0.0
        self._start()

    @property
    def pid(self) -> int | None:
        """The writer process's id; None when none runs (the next submission starts one)."""
        return self._proc.pid if self._proc is not None else None

    # --- the child ------------------------------------------------------------------------
    def _start(self) -> None:
        # The child imports this very package, whatever the folder the relay was started
        # in holds: -P keeps the current folder off its path, PYTHONPATH names ours.
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "forms.store.writer"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            close_fds=True,
            env=env,
        )
        assert proc.stdin is not None and proc.stdout is not None
        with contextlib.suppress(AttributeError, OSError):  # Linux: room for a large burst
            import fcntl

            fcntl.fcntl(proc.stdin.fileno(), fcntl.F_SETPIPE_SZ, _READ)
        # the configuration goes first, while the pipe is still blocking: it always fits
        proc.stdin.write(_frame(self._config))
        os.set_blocking(proc.stdin.fileno(), False)
        os.set_blocking(proc.stdout.fileno(), False)
        self._proc = proc
        self._out.clear()
        self._in.clear()

    def wait_ready(self, timeout: float = 60) -> None:
        """Block until the writer process has opened the database, or raise WriterGone
        with the reason. The relay's start-up calls this, so it listens only once it can
        store; call it before anything is filed."""
        proc = self._proc
        assert proc is not None and proc.stdout is not None and not self._waiting
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while not (messages := _unframe(self._in)):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                self._gone()
                raise WriterGone(f"proses penulis catatan tidak siap dalam {timeout:.0f} detik")
            chunk = os.read(fd, _READ)
            if not chunk:
                self._gone()
                raise WriterGone("proses penulis catatan berhenti saat mulai (lihat pesannya)")
            self._in += chunk
        if messages[0][0] != "ready":
            self._gone()
            raise WriterGone(f"proses penulis catatan tidak dapat mulai: {messages[0][1]}")

    def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """A child to write to (a new one after the last ended), answering in this loop."""
        if self._closed:
            raise WriterGone("penulis catatan sudah ditutup")
        if self._loop is not None and self._loop is not loop and self._waiting:
            raise RuntimeError("GroupWriter is serving another event loop")
        if self._proc is None:
            if time.monotonic() < self._restart_at:  # no new interpreter per request
                raise WriterGone("proses penulis catatan baru saja berhenti")
            self._start()
        assert self._proc is not None and self._proc.stdout is not None
        assert self._proc.stdin is not None
        if self._loop is loop:
            return
        self._detach()
        loop.add_reader(self._proc.stdout.fileno(), self._readable)
        if self._out:
            loop.add_writer(self._proc.stdin.fileno(), self._writable)
        self._loop = loop

    def _detach(self) -> None:
        if self._watch is not None:  # it belongs to the loop being left
            self._watch.cancel()
            self._watch = None
        loop, self._loop = self._loop, None
        if loop is None or loop.is_closed() or self._proc is None:
            return
        assert self._proc.stdout is not None and self._proc.stdin is not None
        loop.remove_reader(self._proc.stdout.fileno())
        loop.remove_writer(self._proc.stdin.fileno())

    # --- filing ---------------------------------------------------------------------------
    async def file(self, filing: Filing) -> Receipt:
        """Register one submission; returns once it is committed."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._proc is None:
            self._attach(loop)
        future: asyncio.Future[Receipt] = loop.create_future()
        self._seq += 1
        self._waiting[self._seq] = _Waiting(filing, future, time.monotonic())
        if self._watch is None:
            self._watch = loop.call_later(1.0, self._overdue)
        self._send(_frame((self._seq, _pack(filing))))
        return await future

    def _overdue(self) -> None:
        """Every second while something waits: fail what has waited past answer_wait (the
        oldest come first: filings are numbered in order)."""
        self._watch = None
        waiting, limit = self._waiting, time.monotonic() - self.answer_wait
        for seq in [s for s, item in waiting.items() if item.since < limit]:
            item = waiting.pop(seq)
            if not item.future.done():
                with contextlib.suppress(RuntimeError):
                    item.future.set_exception(
                        WriterGone(
                            f"penulis catatan tidak menjawab dalam {self.answer_wait:.0f} detik"
                        )
                    )
        if waiting and self._loop is not None and not self._loop.is_closed():
            self._watch = self._loop.call_later(1.0, self._overdue)

    def _send(self, data: bytes) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        if self._out:  # earlier bytes are still waiting: keep the order
            self._out += data
            return
        try:
            sent = os.write(self._proc.stdin.fileno(), data)
        except BlockingIOError:
            sent = 0
        except BrokenPipeError:
            self._gone()
            return
        if sent < len(data):
            self._out += data[sent:]
            assert self._loop is not None
            self._loop.add_writer(self._proc.stdin.fileno(), self._writable)

    def _writable(self) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            sent = os.write(self._proc.stdin.fileno(), self._out)
        except BlockingIOError:
            return
        except BrokenPipeError:
            self._gone()
            return
        del self._out[:sent]
        if not self._out and self._loop is not None:
            self._loop.remove_writer(self._proc.stdin.fileno())

    def _readable(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            chunk = os.read(self._proc.stdout.fileno(), _READ)
        except BlockingIOError:
            return
        if not chunk:
            self._gone()
            return
        self._in += chunk
        self._take_answers()

    def _take_answers(self) -> bool:
        """Settle what the answers read so far say; False when they make no sense (then
        the child is stopped: what it had not answered is not acknowledged)."""
        try:
            messages = _unframe(self._in)
        except Exception as exc:  # not what a writer of this version sends
            _parent_log.error("jawaban penulis catatan tidak terbaca (%s); penulis dihentikan", exc)
            self._in.clear()
            if self._proc is not None:
                with contextlib.suppress(OSError):
                    self._proc.kill()
            return False
        for message in messages:
            if message[0] == "answers":
                self._settle(message[1:])
            # "ready" (a restarted child) needs nothing; "error" is followed by the end
        return True

    def _settle(self, batch: tuple[Any, Sequence[tuple[int, bool, Any]]]) -> None:
        waktu, answers = batch
        waiting, offices = self._waiting, self.offices
        for seq, ok, payload in answers:
            item = waiting.pop(seq, None)
            if item is None or item.future.done():  # cancelled (client gone); it is stored
                continue
            with contextlib.suppress(RuntimeError):  # its event loop is closed
                if ok:
                    tracker = offices.get(item.filing.kantor, self.tracker)
                    item.future.set_result(Receipt(payload, item.filing, waktu, tracker))
                else:
                    kind, message = payload
                    item.future.set_exception(_ERRORS.get(kind, WriteFailed)(message))

    def _gone(self) -> None:
        """The child ended (or is being stopped): settle what it answered before it did,
        then fail the rest, never acknowledged; the next start waits RESTART_PAUSE."""
        proc = self._proc
        if proc is not None and proc.stdout is not None:
            with contextlib.suppress(OSError):
                while chunk := os.read(proc.stdout.fileno(), _READ):
                    self._in += chunk
            if not self._take_answers():
                self._in.clear()
        self._detach()
        self._proc = None
        if proc is not None:
            _reap(proc, 2)
        self._restart_at = time.monotonic() + RESTART_PAUSE
        self._fail_waiting("proses penulis catatan berhenti")

    def _fail_waiting(self, message: str) -> None:
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        waiting, self._waiting = self._waiting, {}
        for item in waiting.values():
            if not item.future.done():
                with contextlib.suppress(RuntimeError):  # its event loop is closed
                    item.future.set_exception(WriterGone(message))

    def close(self) -> None:
        """Let the child finish what it was given and answer it, then stop it. From the
        event loop's thread, or from any other: then the loop does it, if it still runs."""
        self._closed = True
        loop = self._loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if loop is not None and loop.is_running() and running is not loop:
            done: concurrent.futures.Future[None] = concurrent.futures.Future()

            def close_there() -> None:
                try:
                    self._close()
                finally:
                    done.set_result(None)

            try:
                loop.call_soon_threadsafe(close_there)
                done.result(timeout=CLOSE_WAIT + 10)
                return
            except (RuntimeError, concurrent.futures.TimeoutError):
                pass  # the loop has stopped meanwhile: close from here
        self._close()

    def _close(self) -> None:
        proc = self._proc
        if proc is None:
            self._fail_waiting("penulis catatan sudah ditutup")
            return
        assert proc.stdin is not None and proc.stdout is not None
        self._detach()
        with contextlib.suppress(OSError):
            if self._out:  # the rest of what was filed, before the end of the input
                os.set_blocking(proc.stdin.fileno(), True)
                _write_all(proc.stdin.fileno(), self._out)
                self._out.clear()
        with contextlib.suppress(OSError):
            proc.stdin.close()
        fd, deadline = proc.stdout.fileno(), time.monotonic() + CLOSE_WAIT
        with contextlib.suppress(OSError):  # until the child has answered everything
            while (
                (left := deadline - time.monotonic()) > 0
                and select.select([fd], [], [], left)[0]
                and (chunk := os.read(fd, _READ))
            ):
                self._in += chunk
        self._take_answers()
        self._in.clear()
        self._proc = None
        _reap(proc, 5)
        self._fail_waiting("penulis catatan ditutup sebelum menjawab")


def _write_all(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _reap(proc: subprocess.Popen[bytes], wait: float) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    try:
        proc.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- the child process ----------------------------------------------------------------------
Answers = list[tuple[int, bool, Any]]


# What says the database itself is unavailable (gone, restarting, refusing connections, a
# lock or the pool waited on past PPID_DB_TIMEOUT), not that a submission is wrong: redoing
# the batch one savepoint each would only wait as long again for every submission in it.
def unavailable(exc: BaseException) -> bool:
    """Whether exc says the database is unavailable rather than a statement wrong."""
    if isinstance(exc, sa.exc.TimeoutError):  # no connection free in the pool
        return True
    if isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated:
        return True
    reason = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    if isinstance(reason, sqlite3.OperationalError):  # also "no such table": a statement's
        return any(word in str(reason) for word in _SQLITE_UNAVAILABLE)
    if _psycopg_unavailable(reason):  # the PostgreSQL fast path's own errors
        return True
    return isinstance(exc, sa.exc.OperationalError)  # PostgreSQL: connection, lock timeout


def _psycopg_unavailable(reason: BaseException | None) -> bool:
    """A psycopg error of the connection or a lock timeout (what SQLAlchemy would raise as
    OperationalError), when psycopg is installed."""
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(reason, psycopg.OperationalError)


_SQLITE_UNAVAILABLE = ("locked", "busy", "unable to open", "disk")


class _Child:
    """The writer process: reads filings, commits them in batches, answers each batch."""

    def __init__(self, config: dict[str, Any]) -> None:
        engine = store.make_engine(
            config["database_url"], timeout=config.get("db_timeout", store.DB_TIMEOUT), pool_size=1
        )
        calendar = config["calendar"]
        assert isinstance(calendar, WorkingCalendar)
        self.tracker = Tracker(
            engine,
            calendar,
            config["secret"],
            config["formats"]["permohonan"],
            config["formats"]["keberatan"],
            clock=config["clock"],
            periods=config["periods"],
            kantor=config.get("kantor", ""),
        )
        # every office's tracker, by kode: one engine, one calendar and periods
        self.offices: dict[str, Tracker] = {self.tracker.kantor: self.tracker}
        for office in config.get("kantor_lain", ()):
            self.offices[office["kantor"]] = self.tracker.for_office(
                office["kantor"], office["clock"]
            )
        self.signer = Signer(config["secret"])
        with engine.connect() as conn:  # ready means the database answers
            conn.exec_driver_sql("SELECT 1")
        self.fast: Any = None
        fast = {"sqlite": store.SQLiteWrites, "postgresql": store.PostgresWrites}
        kind = fast.get(engine.dialect.name)
        if kind is not None:
            try:  # the writes compiled once, straight on the DBAPI connection
                self.fast = kind(engine)
            except Exception as exc:  # the SQLAlchemy path does the same, more slowly
                _log(f"jalur cepat {engine.dialect.name} tidak tersedia, memakai SQLAlchemy: {exc}")

    def write(self, batch: list[tuple[int, tuple[Any, ...]]]) -> tuple[Any, Answers]:
        """Commit a batch; the time its records carry and an answer per submission."""
        filings = [Filing(*packed) for _, packed in batch]
        seqs = [seq for seq, _ in batch]
        outcomes: list[Stored | tuple[str, str]]
        try:
            outcomes = list(self._insert_all(filings))
        except Exception as exc:
            if unavailable(exc):  # the database, not a submission: the whole batch fails
                why = _refused(exc)
                _log(f"basis data tidak tersedia ({len(batch)} kiriman tidak tersimpan): {why}")
                return None, [(seq, False, ("WriteFailed", why)) for seq in seqs]
            # someone in the batch failed: redo it one savepoint each
            try:
                outcomes = self._insert_each(filings)
            except Exception as exc:  # the commit itself failed: nobody is acknowledged
                why = _refused(exc)
                _log(f"transaksi gagal ({len(batch)} kiriman tidak tersimpan): {why}")
                return None, [(seq, False, ("WriteFailed", why)) for seq in seqs]
        waktu = None
        answers: Answers = []
        for seq, f, outcome in zip(seqs, filings, outcomes, strict=True):
            if isinstance(outcome, Stored):
                waktu = outcome.waktu  # the same for the whole batch (store_with's `now`)
                answers.append(self._receipt(seq, f, outcome))
            else:
                answers.append((seq, False, outcome))
        return waktu, answers

    def _receipt(self, seq: int, f: Filing, s: Stored) -> tuple[int, bool, Any]:
        """What the requester is told of a stored submission (see Receipt)."""
        try:
            tracker = self._tracker(f)
            filed = tracker.filed(f, s)
            tenggat = filed.tenggat.due.isoformat()
            # never the status code: a URL ends up in logs and the browser's history
            payload = {"jenis": f.jenis, "nomor": s.nomor, "tenggat": tenggat}
            if f.kantor:  # the thank-you page is the office's own (/f/<kode>/terima-kasih)
                payload["kantor"] = f.kantor
            kel = tracker.completion_deadline(filed.record)
            if kel is not None:
                payload["kelengkapan"] = kel.due.isoformat()
            return (
                seq,
                True,
                (
                    s.id,
                    s.nomor,
                    s.kode,
                    s.induk_id,
                    tenggat,
                    payload.get("kelengkapan"),
                    self.signer.sign(payload),
                ),
            )
        except Exception as exc:  # stored, but not acknowledged: the requester resends
            _log(
                f"{s.nomor} tersimpan, tetapi jawabannya gagal dibuat: {exc}\n"
                f"{traceback.format_exc()}"
            )
            return (seq, False, ("WriterGone", str(exc)))

    def _tracker(self, f: Filing) -> Tracker:
        found = self.offices.get(f.kantor)
        if found is None:
            raise TrackerError(f"kantor '{f.kantor}' tidak dikenal penulis catatan")
        return found

    def _store(self, db: store.Writes, filings: list[Filing]) -> list[Stored]:
        """Each office's filings in its own series, in one transaction, at one time."""
        if all(f.kantor == self.tracker.kantor for f in filings):
            return self.tracker.store_with(db, filings)
        now = datetime.now(UTC)
        groups: dict[str, list[int]] = {}
        for i, f in enumerate(filings):
            groups.setdefault(f.kantor, []).append(i)
        stored: dict[int, Stored] = {}
        for places in groups.values():
            tracker = self._tracker(filings[places[0]])
            done = tracker.store_with(db, [filings[i] for i in places], now)
            stored.update(zip(places, done, strict=True))
        return [stored[i] for i in range(len(filings))]

    def _insert_all(self, filings: list[Filing]) -> list[Stored]:
        """The common case: one statement per table for the whole batch; a failure rolls it
        all back, counters included, so no number is lost."""
        if self.fast is not None:
            with self.fast.transaction() as db:
                return self._store(db, filings)
        with store.transaction(self.tracker.engine) as conn:
            return self._store(store.ConnectionWrites(conn), filings)

    def _insert_each(self, filings: list[Filing]) -> list[Stored | tuple[str, str]]:
        results: list[Stored | tuple[str, str]] = []
        now = datetime.now(UTC)  # one time for the batch, as on the common path
        with store.transaction(self.tracker.engine) as conn:
            db = store.ConnectionWrites(conn)
            for f in filings:
                savepoint = conn.begin_nested()
                try:
                    stored = self._tracker(f).store_with(db, [f], now)[0]
                    savepoint.commit()
                    results.append(stored)
                except (NotFound, TrackerError) as exc:  # this submission only
                    savepoint.rollback()
                    results.append((type(exc).__name__, str(exc)))
                except Exception as exc:
                    savepoint.rollback()
                    if store.locked_out(exc):  # the next one would wait as long: all fail
                        raise
                    why = _refused(exc)
                    _log(f"kiriman tidak tersimpan: {why}\n{traceback.format_exc()}")
                    results.append(("WriteFailed", why))
        return results

    def close(self) -> None:
        if self.fast is not None:
            self.fast.close()
        self.tracker.engine.dispose()


def _refused(exc: BaseException) -> str:
    """A `WriteFailed`'s message: one Indonesian line, the driver's reason folded into it."""
    return f"basis data menolak kiriman ({store.reason(exc)})"


def _log(message: str) -> None:
    print(f"ppid penulis catatan: {message}", file=sys.stderr, flush=True)


def _read_frames(fd: int, buf: bytearray) -> list[Any] | None:
    """The next complete messages (waiting for at least one), or None at the end of input."""
    while True:
        found = _unframe(buf)
        if found:
            return found
        chunk = os.read(fd, _READ)  # all that is in the pipe: the next batch
        if not chunk:
            return None
        buf += chunk


def child_main() -> int:
    """`python -m forms.store.writer`: the writer process the relay starts (not a command)."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)  # the relay decides when to stop: it closes stdin
    out = os.dup(1)
    os.dup2(2, 1)  # nothing printed by a library can end up in the answers
    fd = sys.stdin.fileno()
    buf = bytearray()
    first = _read_frames(fd, buf)
    if not first:
        return 0
    config, pending = first[0], first[1:]
    try:
        child = _Child(config)
    except Exception as exc:
        why = f"basis data tidak dapat dibuka ({store.reason(exc)})"
        _log(why)
        with contextlib.suppress(BrokenPipeError):
            _write_all(out, _frame(("error", why)))
        return 1
    with contextlib.suppress(BrokenPipeError):
        _write_all(out, _frame(("ready",)))
    try:
        while True:
            if not pending:
                more = _read_frames(fd, buf)
                if more is None:
                    return 0
                pending = more
            batch, pending = pending[:MAX_BATCH], pending[MAX_BATCH:]
            answer = _frame(("answers", *child.write(batch)))
            with contextlib.suppress(BrokenPipeError):  # the relay is gone; go on to EOF
                _write_all(out, answer)
    except Exception:
        _log(f"berhenti karena galat:\n{traceback.format_exc()}")
        return 1
    finally:
        child.close()


if __name__ == "__main__":
    sys.exit(child_main())
