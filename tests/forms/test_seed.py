"""The demonstration year of records, made through the relay's own code paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from forms import register
from forms.seed import seed
from forms.store.tables import make_engine, migrate
from forms.tracker import Tracker
from site_builder.calendar import WorkingCalendar


def test_seed_makes_a_realistic_year_once(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    tracker = Tracker(engine, WorkingCalendar(), "uji")
    made = seed(tracker, 2026, date(2026, 11, 22), count=40)
    assert made >= 40
    assert seed(tracker, 2026, date(2026, 11, 22), count=40) == 0  # once per year
    rows = [r.as_json() for r in register.rows(tracker, date(2026, 11, 22))]
    kinds = {r["jenis"] for r in rows}
    assert kinds == {"permohonan", "keberatan"}
    decisions = {r["keputusan"] for r in rows if r["jenis"] == "permohonan"}
    assert {"Dikabulkan seluruhnya", "Ditolak"} <= decisions
    assert any(r["dasar_penolakan"] == "Pasal 17 huruf h" for r in rows)
    assert any(r["tepat_waktu"] is False for r in rows)  # some answers were late
    numbers = [int(r["nomor"].split("/")[0]) for r in rows if r["jenis"] == "permohonan"]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
