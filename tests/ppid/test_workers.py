"""`ppid relay --workers 2` for real on loopback: numbers unique and gapless across the
workers' writers, rate limits held across them, and the faults a server meets (a worker
killed, PostgreSQL restarted, a lock held past PPID_DB_TIMEOUT) answered without an
acknowledgement that was not committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from forms.store import tables as store
from tests.postgres import Cluster, hold_write_lock
from tests.support import PERMOHONAN, ROOT, free_port

pytestmark = pytest.mark.slow

JSON = {"Accept": "application/json"}


@dataclass
class Relay:
    """A `ppid relay --workers N` process and its database."""

    url: str
    database_url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> list[int]:
        """The worker processes uvicorn started (not its resource tracker)."""
        found = []
        kids = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        for pid in kids:
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"resource_tracker" not in cmd:
                found.append(int(pid))
        return found

    def numbers(self) -> list[int]:
        """The sequence numbers of the stored requests, in order."""
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as conn:
                c = store.records.c
                rows = conn.execute(sa.select(c.urut).where(c.jenis == "permohonan"))
                return sorted(int(r[0]) for r in rows)
        finally:
            engine.dispose()


@contextmanager
def ppid_relay(tmp_path: Path, database_url: str, workers: int = 2, **env: str) -> Iterator[Relay]:
    """Run `python -m ppid relay --workers N` from tmp_path until the block ends."""
    port = free_port()
    log = tmp_path / f"relay-{port}.log"
    variables = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PPID_DATABASE_URL": database_url,
        "PPID_UPLOAD_DIR": str(tmp_path / "unggahan"),
        "PPID_SECRET": "rahasia-uji",
        "PPID_OFFICE_FILE": str(ROOT / "dip" / "badan-publik.yml"),
        "PPID_RATE_PER_MINUTE": "0",
        **env,
    }
    variables.pop("PPID_WORKERS", None)
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ppid", "relay", "--port", str(port), "--workers", str(workers)],
            cwd=tmp_path,
            env=variables,
            stdout=err,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    relay = Relay(f"http://127.0.0.1:{port}", database_url, proc, log)
    try:
        _wait_serving(relay, workers)
        yield relay
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _wait_serving(relay: Relay, workers: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert relay.proc.poll() is None, relay.log.read_text(errors="replace")
        text = relay.log.read_text(errors="replace")
        if text.count("Application startup complete") >= workers:
            return
        time.sleep(0.1)
    raise AssertionError(f"relay did not start: {relay.log.read_text(errors='replace')}")


@dataclass
class Load:
    """What concurrent requesters were told."""

    acknowledged: list[int] = field(default_factory=list)  # sequence numbers
    refused: list[httpx.Response] = field(default_factory=list)  # 503s
    other: list[str] = field(default_factory=list)  # anything else: a defect
    dropped: int = 0  # the connection broke (the worker that had it was killed)
    at: list[float] = field(default_factory=list)  # when each acknowledgement came
    lock: threading.Lock = field(default_factory=threading.Lock)


def _submit(url: str, load: Load, client: httpx.Client) -> None:
    try:
        answer = client.post(f"{url}/f/permohonan", data=PERMOHONAN, headers=JSON)
    except httpx.TransportError:
        with load.lock:
            load.dropped += 1
        return
    with load.lock:
        if answer.status_code == 200:
            nomor = answer.json()["nomor"]
            load.acknowledged.append(int(nomor.split("/")[0]))
            load.at.append(time.monotonic())
        elif answer.status_code == 503:
            load.refused.append(answer)
        else:
            load.other.append(f"{answer.status_code} {answer.text[:200]}")


def _hammer(
    url: str, load: Load, stop: threading.Event, clients: int = 16
) -> list[threading.Thread]:
    """`clients` requesters submitting one after another until stop is set."""

    def run() -> None:
        with httpx.Client(timeout=60) as client:
            while not stop.is_set():
                _submit(url, load, client)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    return threads


def _check_stored(relay: Relay, load: Load) -> list[int]:
    """Every acknowledged number is stored; numbers are 1..N without a gap or a twin."""
    stored = relay.numbers()
    assert stored == list(range(1, len(stored) + 1))
    assert len(set(load.acknowledged)) == len(load.acknowledged)
    assert set(load.acknowledged) <= set(stored)
    return stored


def _refusal_is_clear(answer: httpx.Response) -> None:
    assert answer.headers["retry-after"].isdigit()
    assert "gangguan penyimpanan" in answer.json()["error"]


# --- numbering and rate limits, on both databases --------------------------------------------


def test_two_workers_number_concurrent_submissions_without_gap(
    tmp_path: Path, database_url: str
) -> None:
    with ppid_relay(tmp_path, database_url) as relay:
        load = Load()
        with ThreadPoolExecutor(32) as pool, httpx.Client(timeout=60) as client:
            list(pool.map(lambda _: _submit(relay.url, load, client), range(300)))
        assert len(relay.workers()) == 2
    assert load.other == [] and load.refused == [] and load.dropped == 0
    assert sorted(load.acknowledged) == list(range(1, 301))
    assert _check_stored(relay, load) == list(range(1, 301))


def test_the_rate_limit_holds_across_workers(tmp_path: Path, database_url: str) -> None:
    limit = 12
    with ppid_relay(tmp_path, database_url, PPID_RATE_PER_MINUTE=str(limit)) as relay:
        answers: list[httpx.Response] = []

        def one(_: int) -> None:  # a connection each: the kernel hands them to either worker
            with httpx.Client(timeout=60) as c:
                answers.append(c.post(f"{relay.url}/f/permohonan", data=PERMOHONAN, headers=JSON))

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(one, range(3 * limit)))
        codes = sorted(a.status_code for a in answers)
        assert codes == [200] * limit + [429] * (2 * limit)
        refused = next(a for a in answers if a.status_code == 429)
        assert int(refused.headers["retry-after"]) > 0
        assert "Terlalu banyak kiriman dari alamat Anda" in refused.json()["error"]
        assert len(relay.numbers()) == limit


# --- faults, on PostgreSQL ------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Cluster]:
    """A PostgreSQL server these tests may stop and restart."""
    if os.environ.get("PPID_TEST_POSTGRES") == "0":
        pytest.skip("PPID_TEST_POSTGRES=0: SQLite only")
    cluster = Cluster().start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def pg_url(own_cluster: Cluster) -> Iterator[str]:
    url = own_cluster.create_database()
    try:
        yield url
    finally:
        own_cluster.drop_database(url)


def _under_load(relay: Relay, fault: Callable[[], None], seconds: float = 2.0) -> Load:
    """Submissions from 16 requesters; `fault` once they run, then as long again."""
    load, stop = Load(), threading.Event()
    threads = _hammer(relay.url, load, stop)
    time.sleep(seconds)
    fault()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(timeout=120)
    return load


def test_a_worker_killed_under_load_loses_no_acknowledged_submission(
    tmp_path: Path, pg_url: str
) -> None:
    with ppid_relay(tmp_path, pg_url) as relay:
        victim = relay.workers()[0]
        killed_at: list[float] = []

        def kill() -> None:
            os.kill(victim, signal.SIGKILL)
            killed_at.append(time.monotonic())

        load = _under_load(relay, kill)
        assert load.other == [], load.other
        # the other worker went on answering, and uvicorn started a new one in its place
        assert sum(1 for t in load.at if t > killed_at[0] + 0.5) > 0
        deadline = time.monotonic() + 30
        while len(relay.workers()) < 2 or victim in relay.workers():
            assert time.monotonic() < deadline, relay.workers()
            time.sleep(0.2)
    stored = _check_stored(relay, load)
    assert len(stored) >= len(load.acknowledged) > 0


def test_postgresql_restarted_under_load(tmp_path: Path, own_cluster: Cluster, pg_url: str) -> None:
    with ppid_relay(tmp_path, pg_url) as relay:
        restarted_at: list[float] = []

        def restart() -> None:
            own_cluster.stop("fast")
            time.sleep(1)
            own_cluster.start()
            restarted_at.append(time.monotonic())

        load = _under_load(relay, restart, seconds=2.0)
        assert load.other == [] and load.dropped == 0, (load.other, load.dropped)
        assert load.refused, "submissions during the restart were refused"
        for answer in load.refused:
            _refusal_is_clear(answer)
        # service came back by itself once the server was up again
        assert sum(1 for t in load.at if t > restarted_at[0]) > 0
    _check_stored(relay, load)


def test_a_lock_held_too_long_is_a_503_in_bounded_time(tmp_path: Path, pg_url: str) -> None:
    with (
        ppid_relay(tmp_path, pg_url, PPID_DB_TIMEOUT="2") as relay,
        httpx.Client(timeout=60) as client,
    ):
        first = client.post(f"{relay.url}/f/permohonan", data=PERMOHONAN, headers=JSON)
        assert first.status_code == 200
        with hold_write_lock(pg_url, "counters"):  # a staff transaction left open
            started = time.monotonic()
            load = Load()
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda _: _submit(relay.url, load, client), range(8)))
            took = time.monotonic() - started
        assert load.acknowledged == [] and load.other == [] and len(load.refused) == 8
        for answer in load.refused:
            _refusal_is_clear(answer)
        assert took < 15  # PPID_DB_TIMEOUT=2: seconds, never a hang
        after = client.post(f"{relay.url}/f/permohonan", data=PERMOHONAN, headers=JSON)
        assert after.status_code == 200  # the lock gone, intake goes on
    assert relay.numbers() == [1, 2]
