"""The office's clock: WIB, WITA and WIT dates on a server that runs in UTC."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from site_builder.clock import OfficeClock


@pytest.fixture
def utc_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own zone is UTC, as on most cloud and CI servers."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("zona", "today", "offset"),
    [
        # 16:30 UTC on 1 December is 23:30 WIB (still 1 December), 00:30 WITA and 01:30 WIT
        ("WIB", date(2026, 12, 1), 7),
        ("WITA", date(2026, 12, 2), 8),
        ("WIT", date(2026, 12, 2), 9),
    ],
)
def test_today_is_the_office_s_date_not_the_server_s(
    utc_server: None, zona: str, today: date, offset: int
) -> None:
    with time_machine.travel(datetime(2026, 12, 1, 16, 30, tzinfo=UTC), tick=False):
        assert date.today() == date(2026, 12, 1)  # the server's
        clock = OfficeClock(zona)
        assert clock.today() == today
        assert clock.now().utcoffset() == timedelta(hours=offset)
        assert clock.shown(datetime(2026, 12, 1, 20, 0)) == f"{20 + offset - 24:02d}.00 {zona}"


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="pilihan: WIB, WITA, WIT"):
        OfficeClock("UTC")
