"""The demonstration year of records, made through the relay's own code paths."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from forms import register
from forms.desk.index import DeskIndex
from forms.seed import count, remove, seed
from forms.store import tables as store
from forms.store.tables import make_engine, migrate
from forms.tracker import Tracker
from forms.vocab import TrackerError
from site_builder.calendar import WorkingCalendar

TODAY = date(2026, 11, 22)
REAL = {
    "jenis_pemohon": "perorangan",
    "nama": "Wati Susanti",
    "nik": "3399123456789012",
    "alamat": "Jl. Melati 3, Kabupaten Contoh",
    "pekerjaan": "Guru",
    "telepon": "081234567890",
    "email": "wati@contoh.id",
    "rincian_informasi": "Salinan SK penetapan DIP",
    "tujuan_penggunaan": "Bahan ajar",
    "cara_memperoleh": "salinan_softcopy",
    "cara_salinan": "email",
    "persetujuan": True,
}


@pytest.fixture
def tracker(database_url: str) -> Iterator[Tracker]:
    """A tracker over a fresh database of each kind."""
    engine = make_engine(database_url)
    migrate(engine)
    yield Tracker(engine, WorkingCalendar(), "uji")
    engine.dispose()


def _real(tracker: Tracker, **kw: Any) -> str:
    filed = tracker.file("permohonan", "Salinan SK penetapan DIP", REAL, diterima=TODAY, **kw)
    return filed.record.nomor


def test_seed_makes_a_realistic_year_once(tracker: Tracker) -> None:
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


def test_demonstration_records_say_so_and_real_ones_do_not(tracker: Tracker) -> None:
    made = seed(tracker, 2026, TODAY, count=10)
    nomor = _real(tracker)
    assert count(tracker) == made
    rows = {r.nomor: r for r in register.rows(tracker, TODAY)}
    assert rows[nomor].contoh is False and "contoh" not in rows[nomor].as_json()
    assert sum(r.contoh for r in rows.values()) == made
    assert tracker.get(nomor).contoh is False


def test_remove_takes_the_examples_and_all_that_hangs_on_them(tracker: Tracker) -> None:
    made = seed(tracker, 2026, TODAY, count=12)
    DeskIndex(tracker).refresh()  # the desk has listed the examples
    demo = [r for r in tracker.list("permohonan") if r.contoh]
    with store.transaction(tracker.engine) as conn:  # a scan and a note on an example
        conn.execute(
            store.uploads.insert().values(
                record_id=demo[0].id,
                field="ktp",
                stored_name="contoh-ktp.pdf",
                content_type="application/pdf",
                size=10,
                sha256="0" * 64,
            )
        )
        conn.execute(
            store.catatan_internal.insert().values(
                record_id=demo[0].id, pengguna="desk", waktu=datetime.now(UTC), isi="catatan"
            )
        )
    removed = remove(tracker)
    assert removed.permohonan == 12 and removed.permohonan + removed.keberatan == made
    assert removed.events > made and removed.files == ("contoh-ktp.pdf",)
    assert count(tracker) == 0 and tracker.list("permohonan") == []
    with tracker.engine.connect() as conn:
        for table in (store.events, store.uploads, store.catatan_internal, store.records):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    # the year's numbering starts again: the office's first real request is number 1
    first = _real(tracker)
    assert first.startswith("0001/")
    # and the desk's lists see it, though SQLite gave its events ids the examples had
    index = DeskIndex(tracker)
    assert index.refresh() == 1
    assert remove(tracker) == type(removed)(0, 0, 0, ())  # nothing left to remove


def test_remove_keeps_real_records_and_their_numbers(tracker: Tracker) -> None:
    seed(tracker, 2026, TODAY, count=6)
    real = _real(tracker)  # number 7, after six examples
    remove(tracker)
    assert [r.nomor for r in tracker.list("permohonan")] == [real]
    assert tracker.get(real).events  # its timeline is untouched
    assert _real(tracker).startswith("0008/")  # after the last real number, never before


def test_remove_restarts_both_letter_series_by_the_letters_own_years(tracker: Tracker) -> None:
    seed(tracker, 2026, TODAY, count=12)
    objection = next(r for r in tracker.list("keberatan") if r.contoh)
    request = next(r for r in tracker.list("permohonan") if r.contoh)
    atasan = "{nomor:03d}/ATASAN-PPID/{kode}/{tahun}"
    ppid = "{nomor:03d}/PPID/{kode}/{tahun}"
    # the atasan PPID answers the 2026 objection in January 2027: its own series, its own year
    answer = tracker.letter_number(
        objection.nomor,
        "tanggapan-keberatan",
        "TK",
        atasan,
        "atasan",
        date(2027, 1, 4),
        seri="surat_atasan",
    )
    assert answer[0] == "001/ATASAN-PPID/TK/2027"
    tracker.letter_number(request.nomor, "pemberitahuan", "PB", ppid, "ppid", date(2027, 1, 5))
    remove(tracker)
    real = tracker.get(_real(tracker))
    first_answer, _, _ = tracker.letter_number(
        real.nomor,
        "tanggapan-keberatan",
        "TK",
        atasan,
        "atasan",
        date(2027, 1, 6),
        seri="surat_atasan",
    )
    assert first_answer == "001/ATASAN-PPID/TK/2027"
    first_letter, _, _ = tracker.letter_number(
        real.nomor, "pemberitahuan", "PB", ppid, "ppid", date(2027, 1, 6)
    )
    assert first_letter == "001/PPID/PB/2027"


def test_remove_keeps_a_series_a_real_letter_of_the_year_numbered_in(tracker: Tracker) -> None:
    seed(tracker, 2026, TODAY, count=6)
    objection = next(r for r in tracker.list("keberatan") if r.contoh)
    atasan = "{nomor:03d}/ATASAN-PPID/{kode}/{tahun}"
    day = date(2027, 1, 4)
    tracker.letter_number(
        objection.nomor, "tanggapan-keberatan", "TK", atasan, "a", day, seri="surat_atasan"
    )
    real = _real(tracker)
    tracker.letter_number(real, "tanggapan-keberatan", "TK", atasan, "a", day, seri="surat_atasan")
    remove(tracker)
    # the real letter holds 002: the series goes on after it, never gives 002 again
    other = _real(tracker)
    again, _, _ = tracker.letter_number(
        other, "tanggapan-keberatan", "TK", atasan, "a", day, seri="surat_atasan"
    )
    assert again == "003/ATASAN-PPID/TK/2027"


def test_remove_refuses_when_a_real_objection_points_at_an_example(tracker: Tracker) -> None:
    seed(tracker, 2026, TODAY, count=6)
    example = next(r for r in tracker.list("permohonan") if r.contoh)
    tracker.file(
        "keberatan",
        f"Keberatan atas {example.nomor}",
        {
            "nomor_permohonan": example.nomor,
            "nama": "Wati",
            "email": "w@contoh.id",
            "alasan": ["a"],
            "kasus_posisi": "Tidak dijawab.",
        },
        induk_nomor=example.nomor,
        diterima=TODAY,
    )
    before = count(tracker)
    with pytest.raises(TrackerError, match="merujuk permohonan contoh"):
        remove(tracker)
    assert count(tracker) == before  # one transaction: nothing was deleted
