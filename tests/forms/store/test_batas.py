"""The rate limits kept in the database: two limiters on one database (two relay workers)
share one count per client, in a sliding minute, and never store the address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from forms.intake.submission import Rejected
from forms.store import tables as store
from forms.store.batas import SharedRateLimiter, wait_seconds

T0 = 1_800_000_000.0 - 1_800_000_000.0 % 60  # the start of a minute


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = store.make_engine(database_url, durable=False)
    store.migrate(engine)
    yield engine
    engine.dispose()


def _workers(engine: Engine, per_minute: int) -> tuple[SharedRateLimiter, SharedRateLimiter]:
    return (
        SharedRateLimiter(engine, "rahasia", per_minute),
        SharedRateLimiter(engine, "rahasia", per_minute),
    )


def test_two_workers_share_the_count(engine: Engine) -> None:
    a, b = _workers(engine, 3)
    a.check("203.0.113.7", T0 + 1)
    b.check("203.0.113.7", T0 + 2)
    a.check("203.0.113.7", T0 + 3)
    with pytest.raises(Rejected) as refused:
        b.check("203.0.113.7", T0 + 4)
    assert refused.value.status == 429 and refused.value.retry_after is not None
    assert "Terlalu banyak kiriman dari alamat Anda; coba lagi dalam" in str(refused.value)
    b.check("198.51.100.2", T0 + 4)  # another address has its own count
    with pytest.raises(Rejected):  # the refusal was not counted, and the limit still holds
        a.check("203.0.113.7", T0 + 5)


def test_the_minute_slides(engine: Engine) -> None:
    a, b = _workers(engine, 4)
    for second in (50, 52, 54, 56):
        a.check("203.0.113.7", T0 + second)
    # 30 s into the next minute half of the last minute's four still count: room for two
    b.check("203.0.113.7", T0 + 90)
    b.check("203.0.113.7", T0 + 90)
    with pytest.raises(Rejected) as refused:
        a.check("203.0.113.7", T0 + 90)
    assert refused.value.retry_after == 15  # at 105 s only a quarter of them still counts
    a.check("203.0.113.7", T0 + 105)


def test_status_checks_are_counted_apart(engine: Engine) -> None:
    kiriman = SharedRateLimiter(engine, "rahasia", 1)
    status = SharedRateLimiter(engine, "rahasia", 1, "pemeriksaan status")
    kiriman.check("203.0.113.7", T0)
    status.check("203.0.113.7", T0)
    with pytest.raises(Rejected, match="Terlalu banyak pemeriksaan status"):
        status.check("203.0.113.7", T0 + 1)


def test_no_address_is_stored_and_old_minutes_go(engine: Engine) -> None:
    a, _ = _workers(engine, 5)
    a.check("203.0.113.7", T0)
    a.check("203.0.113.7", T0 + 60)
    a.check("203.0.113.7", T0 + 180)  # a new minute: the rows older than the last one go
    with engine.connect() as conn:
        rows = conn.execute(sa.select(store.batas)).mappings().all()
    assert [r["jendela"] for r in rows] == [int(T0 // 60) + 3]
    assert all("203.0.113.7" not in r["kunci"] and len(r["kunci"]) == 64 for r in rows)


def test_off_when_zero(engine: Engine) -> None:
    a, _ = _workers(engine, 0)
    for _ in range(5):
        a.check("203.0.113.7", T0)


def test_a_database_that_does_not_answer_is_a_503() -> None:
    engine = store.make_engine("postgresql+psycopg://ppid@127.0.0.1:1/ppid", timeout=1)
    try:
        with pytest.raises(Rejected) as refused:
            SharedRateLimiter(engine, "rahasia", 3).check("203.0.113.7", T0)
    finally:
        engine.dispose()
    assert refused.value.status == 503 and refused.value.retry_after == 5
    assert "gangguan penyimpanan" in str(refused.value)


@pytest.mark.parametrize(
    ("per_minute", "previous", "current", "elapsed", "wait"),
    [
        (3, 0, 3, 10.0, 50 + 20),  # full this minute: the next one, once a third of it is gone
        (4, 4, 2, 30.0, 15),  # test_the_minute_slides: at 45 s a quarter of the four counts
        (4, 6, 2, 0.0, 50),  # 6 * (1 - f) + 2 + 1 <= 4 from f = 5/6 of the minute on
    ],
)
def test_wait_seconds(
    per_minute: int, previous: int, current: int, elapsed: float, wait: int
) -> None:
    assert wait_seconds(per_minute, previous, current, elapsed) == wait
