"""The desk's list index: the deadline in force per record, kept from the timeline; the
lists' filters in SQL agree with the tracker's own rules.

Dates counted by hand (November-December 2026 has no national holiday): received Monday
16 November -> day 1 Tuesday 17 November -> the 10th working day Monday 30 November.
Extended on 20 November by 7 working days -> Wednesday 9 December.
"""

from __future__ import annotations

from datetime import date

from forms.desk.index import DeskIndex, Filters
from forms.tracker import Tracker

PEMOHON = {"nama": "Siti Aminah", "rincian_informasi": "Salinan DIPA 2026"}


def _file(tracker: Tracker, day: date, nama: str = "Siti Aminah") -> str:
    return tracker.file(
        "permohonan", "Salinan DIPA", {**PEMOHON, "nama": nama}, diterima=day
    ).record.nomor


def test_the_index_follows_the_timeline(tracker: Tracker) -> None:
    index = DeskIndex(tracker)
    late = _file(tracker, date(2026, 11, 16))
    extended = _file(tracker, date(2026, 11, 16), "Budi Santoso")
    assert index.refresh() == 2
    assert index.refresh() == 0  # nothing moved: one query, nothing counted again
    tracker.act(extended, "perpanjang", "PPID", today=date(2026, 11, 20), alasan="Arsip di gudang")
    assert index.refresh() == 1
    rows = {r.nomor: r for r in index.rows(Filters(), date(2026, 12, 1), kantor="")}
    assert rows[late].tenggat == date(2026, 11, 30)
    assert rows[late].terlambat and rows[late].sisa == -1  # 1 December: one working day late
    assert rows[extended].tenggat == date(2026, 12, 9)
    assert not rows[extended].terlambat and rows[extended].sisa == 6  # 2,3,4,7,8,9 December


def test_beranda_groups_on_a_given_day(tracker: Tracker) -> None:
    index = DeskIndex(tracker)
    due_soon = _file(tracker, date(2026, 11, 16))
    waiting = _file(tracker, date(2026, 11, 16), "Budi")
    tracker.act(waiting, "minta_lengkapi", "Petugas", today=date(2026, 11, 17))
    fresh = _file(tracker, date(2026, 11, 27), "Citra")
    index.refresh()
    # Friday 27 November: two working days ahead is Tuesday 1 December
    counts = index.counts(date(2026, 11, 27), kantor="")
    assert {r.nomor for r in counts["segera"][1]} == {due_soon}
    assert {r.nomor for r in counts["belum_lengkap"][1]} == {waiting}
    assert {r.nomor for r in counts["baru"][1]} == {due_soon, fresh}
    assert counts["terlambat"][0] == 0
    # someone who sees everything and also has a unit: every record, and their unit apart
    tracker.act(fresh, "disposisi", "Petugas", today=date(2026, 11, 27), unit="hukum-sdm")
    index.refresh()
    both = index.counts(date(2026, 11, 27), None, ["hukum-sdm"], kantor="")
    assert {r.nomor for r in both["baru"][1]} == {due_soon, fresh}
    assert {r.nomor for r in both["unit_saya"][1]} == {fresh}
    assert "unit_saya" not in index.counts(date(2026, 11, 27), kantor="")
    # Tuesday 1 December: the first is late; the waiting one never is
    counts = index.counts(date(2026, 12, 1), kantor="")
    assert {r.nomor for r in counts["terlambat"][1]} == {due_soon}


def test_the_late_filter_is_the_tracker_s_is_overdue(tracker: Tracker) -> None:
    index = DeskIndex(tracker)
    decided_late = _file(tracker, date(2026, 11, 16))
    tracker.act(
        decided_late, "putuskan", "PPID", today=date(2026, 12, 1), keputusan="dikabulkan_seluruhnya"
    )
    decided_in_time = _file(tracker, date(2026, 11, 16), "Budi")
    tracker.act(
        decided_in_time,
        "putuskan",
        "PPID",
        today=date(2026, 11, 30),
        keputusan="dikabulkan_seluruhnya",
    )
    closed = _file(tracker, date(2026, 11, 16), "Citra")
    tracker.act(closed, "tutup", "PPID", today=date(2026, 11, 18), catatan="Dicabut")
    index.refresh()
    today = date(2026, 12, 2)
    late = {r.nomor for r in index.rows(Filters(terlambat=True), today, kantor="")}
    expected = {r.nomor for r in tracker.list("permohonan") if tracker.is_overdue(r, today)}
    assert late == expected == {decided_late}


def test_search_filters_and_pages(tracker: Tracker) -> None:
    index = DeskIndex(tracker)
    for i in range(7):
        _file(tracker, date(2026, 11, 16), f"Pemohon {i}")
    wanted = _file(tracker, date(2026, 11, 16), "Zulkarnaen Harahap")
    tracker.act(wanted, "disposisi", "Petugas", today=date(2026, 11, 17), unit="hukum-sdm")
    index.refresh()
    today = date(2026, 11, 18)
    assert [r.nomor for r in index.rows(Filters(q="zulkarnaen"), today, kantor="")] == [wanted]
    assert [r.nomor for r in index.rows(Filters(unit="hukum-sdm"), today, kantor="")] == [wanted]
    assert index.rows(Filters(q="100%"), today, kantor="") == []  # LIKE's wildcards are plain text
    first = index.page(Filters(), today, per_page=3, kantor="")
    assert (first.total, first.halaman, len(first.rows)) == (8, 3, 3)
    last = index.page(Filters(hal=99), today, per_page=3, kantor="")
    assert last.hal == 3 and len(last.rows) == 2
    # a pelaksana's view: only what was disposed to the unit
    assert [r.nomor for r in index.page(Filters(), today, units=["hukum-sdm"], kantor="").rows] == [
        wanted
    ]


def test_search_ignores_case_on_every_database(tracker: Tracker) -> None:
    # SQLite's LIKE ignores ASCII case, PostgreSQL's does not: both sides are lower-cased
    index = DeskIndex(tracker)
    _file(tracker, date(2026, 11, 16), "Budi Santoso")
    wanted = _file(tracker, date(2026, 11, 16), "ÉLOK Zulkarnaen")
    index.refresh()
    today = date(2026, 11, 18)
    for q in ("zulkarnaen", "ZULKARNAEN", "élok", "Élok zulKARNAEN", wanted):
        assert [r.nomor for r in index.rows(Filters(q=q), today, kantor="")] == [wanted], q
