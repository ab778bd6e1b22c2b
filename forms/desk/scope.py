"""The desk seen from one office: in a deployment of many offices (PPID_KANTOR_FILE) a staff
member works only on the records of their own office (`records.kantor` equal to
`pengguna.kantor`).

Two guards, so no page can forget it:
- the desk's own queries (forms/desk/index.py lists and counts, the record lookup in
  `Desk.record_for`) filter on the office in SQL;
- what goes through the tracker (registers, reports, letters, the objection's parent, desk
  entry) goes through `Desk.tracker_for(kantor)`, the office's own `Tracker` (its `kantor`
  filters every read and is written on every record it files).

A record of another office answers as one that does not exist (404), never 403, so its
existence does not leak; the attempt is put in the audit log as a refusal.
"""

from __future__ import annotations

import sqlalchemy as sa

from forms.store import tables as store
from forms.tracker import Tracker


def office_of(tracker: Tracker, record_id: int) -> str | None:
    """The office a record belongs to, or None when there is no such record."""
    c = store.records.c
    with tracker.engine.connect() as conn:
        found = conn.execute(sa.select(c.kantor).where(c.id == record_id)).scalar()
    return None if found is None else str(found)
