"""Group commit in the writer process: one transaction per batch, a bad submission does not
sink its batch, and a writer that dies or is signalled loses no acknowledged submission; on
SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from forms.store import tables as store
from forms.store.writer import RESTART_PAUSE, GroupWriter, Receipt, WriteFailed, WriterGone
from forms.tokens import Signer
from forms.tracker import Filing, Tracker
from forms.vocab import NotFound
from site_builder.calendar import WorkingCalendar
from tests.postgres import Cluster
from tests.support import another_writer


def _run(coro: Any) -> Any:
    # A fresh thread has no event loop: the browser suite's sync Playwright, run in the same
    # pytest process, leaves one registered on the main thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture
def tracker(database_url: str) -> Iterator[Tracker]:
    engine = store.make_engine(database_url)
    store.migrate(engine)
    yield Tracker(engine, WorkingCalendar(), "uji")
    engine.dispose()


def _permohonan(i: int) -> Filing:
    return Filing(
        "permohonan",
        f"Salinan {i}",
        {"nama": f"Pemohon {i}"},
        "daring",
        date(2026, 11, 20),
        "pemohon",
        True,
        None,
        [],
    )


def _keberatan(induk: str) -> Filing:
    return Filing(
        "keberatan",
        "Keberatan",
        {"nama": "Budi"},
        "daring",
        date(2026, 11, 20),
        "pemohon",
        True,
        induk,
        [],
    )


async def _file_all(writer: GroupWriter, filings: list[Filing]) -> list[Receipt | BaseException]:
    return await asyncio.gather(*(writer.file(f) for f in filings), return_exceptions=True)


def test_batch_with_a_bad_submission_keeps_the_good_ones(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)
    try:
        filings = [
            _permohonan(1),
            _permohonan(2),
            _keberatan("9999/PPID/XI/2026"),
            _permohonan(3),
            _permohonan(4),
        ]
        outcomes = _run(_file_all(writer, filings))
    finally:
        writer.close()
    assert isinstance(outcomes[2], NotFound)
    good = [o for o in outcomes if isinstance(o, Receipt)]
    # Numbers stay consecutive: the failed first attempt rolled its counter bumps back.
    assert [f.nomor for f in good] == [f"{n:04d}/PPID/XI/2026" for n in range(1, 5)]
    with tracker.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(store.records)).scalar()
    assert count == 4


def test_close_finishes_what_is_queued(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)
    outcomes = _run(_file_all(writer, [_permohonan(i) for i in range(20)]))
    writer.close()
    assert all(isinstance(o, Receipt) for o in outcomes)
    assert len({o.nomor for o in outcomes if isinstance(o, Receipt)}) == 20


def test_a_cancelled_request_is_stored_and_the_writer_goes_on(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)

    async def cancel_one_then_file_another() -> Receipt:
        first = asyncio.ensure_future(writer.file(_permohonan(1)))
        await asyncio.sleep(0)  # handed over to the writer
        first.cancel()  # the client went away
        return await writer.file(_permohonan(2))

    try:
        second = _run(cancel_one_then_file_another())
    finally:
        writer.close()
    assert second.nomor == "0002/PPID/XI/2026"
    with tracker.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(store.records)).scalar()
    assert count == 2  # what was handed over is committed, answered or not


class _Lock:
    """Another writer in the middle of a transaction (tests.support.another_writer), until
    `rollback()`, which another thread may call."""

    def __init__(self, tracker: Tracker) -> None:
        self._held = contextlib.ExitStack()
        url = tracker.engine.url.render_as_string(hide_password=False)
        self._held.enter_context(another_writer(url))

    def rollback(self) -> None:
        self._held.close()

    close = rollback


def _hold_write_lock(tracker: Tracker) -> _Lock:
    return _Lock(tracker)


def test_a_writer_that_dies_fails_what_it_had_and_the_next_starts_anew(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)
    lock = _hold_write_lock(tracker)

    async def file_kill_then_file() -> tuple[BaseException | Receipt, Receipt]:
        waiting = asyncio.ensure_future(writer.file(_permohonan(1)))
        await asyncio.sleep(0.3)  # handed over; the child waits for the lock
        assert not waiting.done()
        assert writer.pid is not None
        os.kill(writer.pid, signal.SIGKILL)
        first = await asyncio.gather(waiting, return_exceptions=True)
        lock.rollback()
        with pytest.raises(WriterGone, match="baru saja berhenti"):
            await writer.file(_permohonan(2))  # no new interpreter for every request
        assert writer.pid is None
        await asyncio.sleep(RESTART_PAUSE)
        return first[0], await writer.file(_permohonan(2))

    try:
        first, second = _run(file_kill_then_file())
    finally:
        lock.close()
        writer.close()
    assert isinstance(first, WriterGone)
    assert second.nomor == "0001/PPID/XI/2026"  # the first was never stored


def test_the_writer_ignores_ctrl_c_and_stop_signals(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)
    try:
        assert _run(writer.file(_permohonan(1))).nomor == "0001/PPID/XI/2026"
        assert writer.pid is not None
        for sig in (signal.SIGINT, signal.SIGTERM):  # what a terminal or systemd sends
            os.kill(writer.pid, sig)
        time.sleep(0.2)
        pid = writer.pid
        assert _run(writer.file(_permohonan(2))).nomor == "0002/PPID/XI/2026"
        assert writer.pid == pid  # the same process: it stops only when the relay says so
    finally:
        writer.close()
    assert writer.pid is None


def test_a_database_error_acknowledges_nobody(
    tracker: Tracker, capfd: pytest.CaptureFixture[str]
) -> None:
    with tracker.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE uploads"))  # a broken database
    writer = GroupWriter(tracker)
    try:
        upload = {
            "field": "dokumen_identitas",
            "stored_name": "a.pdf",
            "content_type": "application/pdf",
            "size": 1,
            "sha256": "0" * 64,
        }
        broken = replace(_permohonan(1), uploads=[upload], lengkap=True)
        outcomes = _run(_file_all(writer, [broken, _permohonan(2)]))
    finally:
        writer.close()
    said = str(outcomes[0])
    assert isinstance(outcomes[0], WriteFailed) and "uploads" in said
    assert said.startswith("basis data menolak kiriman (") and "\n" not in said, said
    assert isinstance(outcomes[1], Receipt)  # the batch's other submission is stored
    assert "ppid penulis catatan: kiriman tidak tersimpan" in capfd.readouterr().err
    with tracker.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(store.records)).scalar()
    assert count == 1


def test_the_receipt_is_what_the_tracker_says_of_the_stored_record(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)
    try:
        incomplete = replace(_permohonan(1), lengkap=False)
        receipt, complete = _run(_file_all(writer, [incomplete, _permohonan(2)]))
    finally:
        writer.close()
    assert isinstance(receipt, Receipt) and isinstance(complete, Receipt)
    stored = tracker.get(receipt.nomor)
    made = receipt.filed().record
    # the same record and timeline, each moment in the office's zone
    assert replace(made, events=()) == replace(stored, events=())
    assert made.events == stored.events
    assert {e.waktu.utcoffset() for e in stored.events} == {timedelta(hours=7)}  # WIB
    assert receipt.tenggat == tracker.deadline(stored).due.isoformat() == "2026-12-04"
    kelengkapan = tracker.completion_deadline(stored)
    assert kelengkapan is not None and receipt.kelengkapan == kelengkapan.due.isoformat()
    assert complete.kelengkapan is None
    assert tracker.check_code(receipt.nomor, receipt.kode) == stored
    assert Signer("uji").unsign(receipt.token) == {  # never the status code: it is a URL
        "jenis": "permohonan",
        "nomor": receipt.nomor,
        "tenggat": "2026-12-04",
        "kelengkapan": receipt.kelengkapan,
    }
    assert Signer("lain").unsign(receipt.token) is None


def test_a_writer_that_cannot_start_says_why(tmp_path: Path) -> None:
    # SQLite: a file under a file (PostgreSQL: the test below)
    (tmp_path / "berkas").write_text("bukan folder")
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'berkas' / 'db.sqlite3'}")
    writer = GroupWriter(Tracker(engine, WorkingCalendar(), "uji"))
    with pytest.raises(WriterGone, match="tidak dapat mulai: basis data tidak dapat dibuka"):
        writer.wait_ready()
    assert writer.pid is None
    writer.close()


def test_close_from_another_thread_answers_what_is_in_flight(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever, daemon=True)
    runner.start()
    try:
        lock = _hold_write_lock(tracker)  # keep all ten in flight until close() is called
        waiting = [
            asyncio.run_coroutine_threadsafe(writer.file(_permohonan(i)), loop) for i in range(10)
        ]
        time.sleep(0.3)
        assert not any(w.done() for w in waiting)
        threading.Timer(0.3, lock.rollback).start()
        writer.close()  # from this thread, while the loop serves in its own
        outcomes = [w.exception(timeout=5) or w.result() for w in waiting]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(timeout=5)
        loop.close()
    assert all(isinstance(o, Receipt) for o in outcomes), outcomes
    assert writer.pid is None
    with pytest.raises(WriterGone, match="sudah ditutup"):
        _run(writer.file(_permohonan(11)))  # a closed writer starts no new process


def test_submissions_larger_than_the_pipe_arrive_whole_and_in_order(tracker: Tracker) -> None:
    writer = GroupWriter(tracker)
    big = [
        replace(_permohonan(i), data={"rincian_informasi": str(i) * (3 << 20)}) for i in range(3)
    ]
    try:
        outcomes = _run(_file_all(writer, big))
    finally:
        writer.close()
    assert [o.nomor for o in outcomes if isinstance(o, Receipt)] == [
        f"{n:04d}/PPID/XI/2026" for n in range(1, 4)
    ]
    for n, filing in enumerate(big, start=1):
        assert tracker.get(f"{n:04d}/PPID/XI/2026").data == {**filing.data, "kelas": "umum"}


def test_the_writer_is_this_package_whatever_the_current_folder_holds(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "lain"
    (elsewhere / "forms").mkdir(parents=True)
    (elsewhere / "forms" / "__init__.py").write_text("")
    (elsewhere / "forms" / "writer.py").write_text("raise SystemExit('bukan penulis ini')\n")
    monkeypatch.chdir(elsewhere)
    writer = GroupWriter(tracker)
    try:
        writer.wait_ready()
        assert _run(writer.file(_permohonan(1))).nomor == "0001/PPID/XI/2026"
    finally:
        writer.close()


def test_a_database_that_cannot_be_opened_is_not_ready(tmp_path: Path) -> None:
    # SQLite: a folder where the file should be (PostgreSQL: the test below)
    (tmp_path / "folder.sqlite3").mkdir()  # a folder where the database file should be
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'folder.sqlite3'}")
    writer = GroupWriter(Tracker(engine, WorkingCalendar(), "uji"))
    with pytest.raises(WriterGone, match="tidak dapat mulai: basis data tidak dapat dibuka"):
        writer.wait_ready()
    writer.close()


def test_a_writer_that_stops_answering_is_writer_gone_in_bounded_time(tracker: Tracker) -> None:
    writer = GroupWriter(tracker, db_timeout=1)  # answers awaited 3 s at most
    try:
        assert _run(writer.file(_permohonan(1))).nomor == "0001/PPID/XI/2026"
        pid = writer.pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)  # alive, but answering nothing (a machine swapping)
        try:

            async def stuck() -> tuple[BaseException | Receipt, float]:
                started = time.monotonic()
                [outcome] = await _file_all(writer, [_permohonan(2)])
                return outcome, time.monotonic() - started

            outcome, took = _run(stuck())
        finally:
            os.kill(pid, signal.SIGCONT)
        assert isinstance(outcome, WriterGone) and "tidak menjawab dalam 3 detik" in str(outcome)
        assert 3 <= took < 6
        # the same writer goes on: the late one was stored, never acknowledged
        assert _run(writer.file(_permohonan(3))).nomor == "0003/PPID/XI/2026"
        assert writer.pid == pid
    finally:
        writer.close()


def test_a_postgresql_database_that_is_not_there_is_not_ready(
    postgres_cluster: Cluster,
) -> None:
    engine = sa.create_engine(postgres_cluster.url("tidak_ada"))
    writer = GroupWriter(Tracker(engine, WorkingCalendar(), "uji"))
    try:
        with pytest.raises(WriterGone) as caught:
            writer.wait_ready()
    finally:
        writer.close()
        engine.dispose()
    said = str(caught.value)
    assert said.startswith("proses penulis catatan tidak dapat mulai: basis data tidak dapat")
    assert '"tidak_ada" does not exist' in said and "\n" not in said, said


def test_a_lock_held_too_long_refuses_the_batch_and_then_the_writer_goes_on(
    tracker: Tracker, capfd: pytest.CaptureFixture[str]
) -> None:
    # another writer keeps its transaction past the wait (PPID_DB_TIMEOUT, 10 s): the batch is
    # refused as a whole, once, rather than each submission waiting again in turn
    writer = GroupWriter(tracker)
    writer.wait_ready()  # started before the lock is taken (as a relay serving for a while)
    lock = _hold_write_lock(tracker)
    try:
        refused = _run(_file_all(writer, [_permohonan(1)]))
        lock.rollback()
        after = _run(writer.file(_permohonan(2)))
    finally:
        lock.close()
        writer.close()
    [failed] = refused
    said = str(failed)
    assert isinstance(failed, WriteFailed) and "\n" not in said, said
    assert said.startswith("basis data menolak kiriman (") and "lock" in said, said
    err = capfd.readouterr().err
    assert "basis data tidak tersedia (1 kiriman tidak tersimpan)" in err
    assert "ppid penulis catatan: kiriman tidak tersimpan" not in err
    assert after.nomor == "0001/PPID/XI/2026"  # the refused one took no number
