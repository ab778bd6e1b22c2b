"""The office's clock: today's date and this moment in the office's own time zone.

A server usually runs in UTC, but a request sent at 03:00 WIB on 2 December is received on
2 December: every date of receipt and every "today" of the service is read here, in the zone
of the office (`zona_waktu` in badan-publik.yml: WIB, WITA or WIT), never from the server's
local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ZONA_WAKTU = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


@dataclass(frozen=True)
class OfficeClock:
    """Dates and moments as the office counts them."""

    zona: str = "WIB"

    def __post_init__(self) -> None:
        if self.zona not in ZONA_WAKTU:
            raise ValueError(f"zona waktu '{self.zona}' tidak dikenal; pilihan: WIB, WITA, WIT")

    @property
    def tz(self) -> ZoneInfo:
        """The IANA zone (Asia/Jakarta, Asia/Makassar, Asia/Jayapura)."""
        return ZoneInfo(ZONA_WAKTU[self.zona])

    def now(self) -> datetime:
        """This moment, in the office's zone (an aware datetime)."""
        return datetime.now(self.tz)

    def today(self) -> date:
        """Today's date at the office."""
        return self.now().date()

    def local(self, moment: datetime) -> datetime:
        """A stored moment in the office's zone (naive ones were stored as UTC)."""
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        return aware.astimezone(self.tz)

    def shown(self, moment: datetime) -> str:
        """A moment as staff read it: '02.15 WIB'."""
        return f"{self.local(moment):%H.%M} {self.zona}"
