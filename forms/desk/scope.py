"""The desk seen from one office: in a deployment of many offices (PPID_KANTOR_FILE) a staff
member works only on the records of their own office (`records.kantor` equal to
`pengguna.kantor`).

Two guards, so no page can forget it:
- the desk's own queries (forms/desk/index.py lists and counts, the record lookup in
  `Desk.record_for`) filter on the office in SQL;
- what goes through the tracker (registers, reports, letters, the objection's parent) goes
  through `Desk.tracker_for(kantor)`, an `OfficeTracker` whose reads see only that office.

A record of another office answers as one that does not exist (404), never 403, so its
existence does not leak; the attempt is put in the audit log as a refusal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from forms.store import tables as store
from forms.tracker import Record, Tracker
from site_builder.clock import OfficeClock


class OfficeTracker(Tracker):
    """The deployment's tracker read from one office's desk: the same database, calendar,
    periods and numbering, the office's clock, and reads limited to its records."""

    def __init__(self, base: Tracker, kantor: str, clock: OfficeClock) -> None:
        config = base.writer_config()
        super().__init__(
            base.engine,
            base.calendar,
            str(config["secret"]),
            base.formats["permohonan"],
            base.formats["keberatan"],
            clock=clock,
            periods=base.periods,
        )
        self.kantor = kantor

    def _mine(self) -> Any:
        return store.records.c.kantor == self.kantor

    def _get(self, where: Any) -> Record | None:
        return super()._get(sa.and_(where, self._mine()))

    def list(
        self,
        jenis: str = "permohonan",
        status: str | None = None,
        terlambat: bool = False,
        today: date | None = None,
        tahun: int | None = None,
    ) -> list[Record]:
        c = store.records.c
        query = sa.select(store.records).where(c.jenis == jenis, self._mine())
        if tahun is not None:
            query = query.where(c.tahun == tahun)
        if status is not None:
            query = query.where(c.status == status)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(c.id.desc())).mappings().all()
            found = self.records(conn, rows)
        if terlambat:
            day = today or self.today()
            found = [r for r in found if self.is_overdue(r, day)]
        return found

    def candidates(self, urut: int) -> _Records:
        c = store.records.c
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(store.records).where(c.urut == urut, self._mine()).order_by(c.id)
                )
                .mappings()
                .all()
            )
            return self.records(conn, rows)


_Records = list[Record]  # inside the class, `list` is the method of that name


def office_of(tracker: Tracker, record_id: int) -> str | None:
    """The office a record belongs to, or None when there is no such record."""
    c = store.records.c
    with tracker.engine.connect() as conn:
        found = conn.execute(sa.select(c.kantor).where(c.id == record_id)).scalar()
    return None if found is None else str(found)


def claim(tracker: Tracker, record_id: int, kantor: str) -> None:
    """Put a record filed at an office's desk in that office, when the tracker that filed it
    did not (a tracker without offices files every record under '')."""
    if not kantor:
        return
    c = store.records.c
    with store.transaction(tracker.engine) as conn:
        conn.execute(
            sa.update(store.records).where(c.id == record_id, c.kantor == "").values(kantor=kantor)
        )
