"""The records a desk officer works with: numbers, states, deadlines, status codes, decisions.

Every expected date was counted by hand on a calendar of November 2026 - January 2027 against
the national holidays of the `holidays` package: cuti bersama Natal Thursday 24 December
2026, Christmas Friday 25 December, New Year Friday 1 January 2027, Isra Mikraj Tuesday
5 January 2027; November and early December 2026 have none.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from forms.store import tables as store
from forms.tracker import Filed, Filing, Tracker, number
from forms.vocab import NotFound, TrackerError
from site_builder.calendar import WorkingCalendar

D = date
PEMOHON = {"nama": "Siti Aminah", "rincian_informasi": "Salinan DIPA 2026"}


def _file(tracker: Tracker, day: date, jenis: str = "permohonan", **kw: Any) -> Filed:
    return tracker.file(jenis, "Salinan DIPA 2026", dict(PEMOHON), diterima=day, **kw)


def _refused(tracker: Tracker, nomor: str, action: str, day: date, **isi: Any) -> str:
    """The reason an action is refused; the record is left exactly as it was."""
    before = tracker.get(nomor)
    with pytest.raises(TrackerError) as caught:
        tracker.act(nomor, action, "Petugas Desk", today=day, **isi)
    after = tracker.get(nomor)
    assert (after.status, after.events, after.label) == (before.status, before.events, before.label)
    return str(caught.value)


# --- numbering ---------------------------------------------------------------------------


def test_number_format_uses_the_roman_month_and_the_year() -> None:
    fmt = "{nomor:04d}/PPID/{bulan_romawi}/{tahun}"
    assert number(fmt, 12, D(2026, 11, 5)) == "0012/PPID/XI/2026"
    assert number(fmt, 1, D(2027, 4, 1)) == "0001/PPID/IV/2027"
    assert number(fmt, 345, D(2027, 9, 30)) == "0345/PPID/IX/2027"


def test_numbers_run_per_kind_and_per_year_of_receipt(tracker: Tracker) -> None:
    first = _file(tracker, D(2026, 11, 20))
    assert first.record.nomor == "0001/PPID/XI/2026" and first.record.tahun == 2026
    assert _file(tracker, D(2026, 12, 1)).record.nomor == "0002/PPID/XII/2026"
    keberatan = _file(tracker, D(2026, 12, 1), "keberatan", induk_nomor=first.record.nomor)
    assert keberatan.record.nomor == "0001/KEB/XII/2026"
    assert keberatan.record.induk_id == first.record.id
    assert _file(tracker, D(2027, 1, 4)).record.nomor == "0001/PPID/I/2027"
    # a letter of 30 December 2026 recorded in January takes the next number of its own year
    assert _file(tracker, D(2026, 12, 30)).record.nomor == "0003/PPID/XII/2026"
    assert _file(tracker, D(2027, 1, 4)).record.nomor == "0002/PPID/I/2027"


def test_refused_filings_leave_no_gap(tracker: Tracker) -> None:
    _file(tracker, D(2026, 11, 20))
    with pytest.raises(
        TrackerError,
        match="saluran 'merpati' tidak dikenal; pilihan: daring, "
        "surat, surel, telepon, langsung, faksimili, whatsapp",
    ):
        _file(tracker, D(2026, 11, 20), saluran="merpati")
    with pytest.raises(NotFound, match="nomor permohonan '0404/PPID/XI/2026' tidak ditemukan"):
        _file(tracker, D(2026, 11, 20), "keberatan", induk_nomor="0404/PPID/XI/2026")
    with pytest.raises(RuntimeError), store.transaction(tracker.engine) as conn:
        # a filing whose transaction is rolled back (the relay failed to answer) gives its
        # number back
        taken = tracker.insert(
            conn,
            Filing("permohonan", "Batal", {}, "daring", D(2026, 11, 20), "pemohon", True, None, []),
        )
        assert taken.record.nomor == "0002/PPID/XI/2026"
        raise RuntimeError("gagal")
    assert _file(tracker, D(2026, 11, 23)).record.nomor == "0002/PPID/XI/2026"
    assert [r.nomor for r in tracker.list()] == ["0002/PPID/XI/2026", "0001/PPID/XI/2026"]


def test_an_objection_needs_a_request_as_its_parent(tracker: Tracker) -> None:
    permohonan = _file(tracker, D(2026, 11, 20)).record.nomor
    keberatan = _file(tracker, D(2026, 12, 1), "keberatan", induk_nomor=f" {permohonan} ")
    with pytest.raises(NotFound, match="nomor permohonan '0001/KEB/XII/2026' tidak ditemukan"):
        _file(tracker, D(2026, 12, 2), "keberatan", induk_nomor=keberatan.record.nomor)


def test_a_batch_is_numbered_in_order(tracker: Tracker) -> None:
    filings = [
        Filing(
            "permohonan",
            f"Salinan {i}",
            {"nama": f"Pemohon {i}"},
            "daring",
            D(2026, 11, 20),
            "pemohon",
            True,
            None,
            [],
        )
        for i in range(3)
    ]
    with store.transaction(tracker.engine) as conn:
        filed = tracker.insert_many(conn, filings)
    assert [f.record.nomor for f in filed] == [
        "0001/PPID/XI/2026",
        "0002/PPID/XI/2026",
        "0003/PPID/XI/2026",
    ]
    assert tracker.get("0002/PPID/XI/2026").judul == "Salinan 1"


def test_the_office_chooses_its_number_format(tracker: Tracker) -> None:
    office = Tracker(
        tracker.engine,
        WorkingCalendar(),
        "rahasia-uji",
        number_format="PPID-{tahun}-{bulan:02d}-{nomor:03d}",
    )
    assert _file(office, D(2026, 11, 20)).record.nomor == "PPID-2026-11-001"


def test_a_typed_number_too_long_to_be_a_sequence_number_finds_nothing(
    tracker: Tracker,
) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor  # 0001/PPID/XI/2026
    # what a requester types in the status or objection form, and staff on the desk
    for typed in ["1" * 20, "12345678901234567890123", "1" * 5000, "0001/PPID/XI/" + "9" * 30]:
        assert tracker.numbers_like(typed, 2026) == ()
        with pytest.raises(NotFound, match="tidak ditemukan"):
            tracker.resolve("permohonan", typed if typed.isdigit() else "1" * 20)
    # leading zeros are not digits of the number: as typed, a long run of them still finds it
    assert tracker.numbers_like("0" * 40 + "1/PPID/XI/2026") == (nomor,)
    assert tracker.numbers_like(" 0001 ppid xi 2026 ", 2026) == (nomor,)


# --- filing and reading ------------------------------------------------------------------


def test_a_filing_is_stored_with_its_timeline(tracker: Tracker) -> None:
    filed = tracker.file(
        "permohonan",
        "Salinan DIPA 2026",
        dict(PEMOHON),
        saluran="surat",
        diterima=D(2026, 11, 20),
        oleh="Petugas Desk",
    )
    record = tracker.get(" 0001/PPID/XI/2026 ")
    assert (record.id, record.nomor, record.judul) == (
        filed.record.id,
        filed.record.nomor,
        "Salinan DIPA 2026",
    )
    assert (record.status, record.saluran, record.diterima) == (
        "diterima",
        "surat",
        D(2026, 11, 20),
    )
    assert record.data == {**PEMOHON, "kelas": "umum"}
    assert record.petugas is None and record.label == ()
    assert [(e.jenis, e.oleh, e.tanggal, e.isi) for e in record.events] == [
        ("diterima", "Petugas Desk", D(2026, 11, 20), {"saluran": "surat"})
    ]
    assert tracker.get_by_id(record.id) == record
    assert tracker.get_by_id(record.id + 1) is None
    with pytest.raises(NotFound, match="nomor '0999/PPID/XI/2026' tidak ditemukan"):
        tracker.get("0999/PPID/XI/2026")


def test_incomplete_requirements_wait_for_completion(tracker: Tracker) -> None:
    record = _file(tracker, D(2026, 12, 18), lengkap=False).record
    assert record.status == "menunggu_kelengkapan" and record.label == ("belum lengkap",)
    assert [(e.jenis, e.oleh) for e in tracker.get(record.nomor).events] == [
        ("diterima", "pemohon"),
        ("diminta_melengkapi", "sistem"),
    ]


def test_list_is_newest_first_and_filters(tracker: Tracker) -> None:
    a = _file(tracker, D(2026, 11, 20)).record.nomor
    b = _file(tracker, D(2026, 11, 23)).record.nomor
    _file(tracker, D(2026, 11, 24), "keberatan", induk_nomor=a)
    tracker.act(b, "proses", "Petugas Desk", today=D(2026, 11, 24))
    assert [r.nomor for r in tracker.list()] == [b, a]
    assert [r.nomor for r in tracker.list(status="diproses")] == [b]
    assert [r.nomor for r in tracker.list("keberatan")] == ["0001/KEB/XI/2026"]
    # a is due on Friday 4 December, b (received Monday 23 November) on Monday 7 December
    assert [r.nomor for r in tracker.list(terlambat=True, today=D(2026, 12, 7))] == [a]
    assert tracker.list(terlambat=True, today=D(2026, 12, 4)) == []


# --- status codes ------------------------------------------------------------------------


def test_the_status_code_opens_its_own_record_only(tracker: Tracker) -> None:
    a = _file(tracker, D(2026, 11, 20))
    b = _file(tracker, D(2026, 11, 20))
    assert len(a.kode) == 8 and a.kode == a.kode.upper() and a.kode != b.kode
    found = tracker.check_code(a.record.nomor, a.kode)
    assert found is not None and found.nomor == a.record.nomor
    assert tracker.check_code(f" {a.record.nomor}", f" {a.kode.lower()} ") is not None
    assert tracker.check_code(a.record.nomor, b.kode) is None


def test_a_wrong_code_looks_like_an_unknown_number(tracker: Tracker) -> None:
    filed = _file(tracker, D(2026, 11, 20))
    wrong = tracker.check_code(filed.record.nomor, "00000000")
    unknown = tracker.check_code("0999/PPID/XI/2026", filed.kode)
    assert wrong is None and unknown is None
    assert tracker.check_code(filed.record.nomor, "") is None


def test_codes_depend_on_the_office_secret(tracker: Tracker) -> None:
    filed = _file(tracker, D(2026, 11, 20))
    other = Tracker(tracker.engine, WorkingCalendar(), "rahasia-lain")
    assert other.check_code(filed.record.nomor, filed.kode) is None
    assert tracker.check_code(filed.record.nomor, filed.kode) is not None


# --- deadlines -----------------------------------------------------------------------------


def test_written_notice_within_ten_working_days(tracker: Tracker) -> None:
    filed = _file(tracker, D(2026, 11, 20))  # a Friday
    assert filed.tenggat.first_day == D(2026, 11, 23)  # Monday
    assert filed.tenggat.due == D(2026, 12, 4) and filed.tenggat.days == 10
    assert tracker.deadline(tracker.get(filed.record.nomor)) == filed.tenggat


def test_deadline_skips_christmas_and_cuti_bersama(tracker: Tracker) -> None:
    # Tue 15 .. Wed 23 December (7 days), Thu 24 and Fri 25 skipped, Mon 28 .. Wed 30
    deadline = _file(tracker, D(2026, 12, 14)).tenggat
    assert deadline.due == D(2026, 12, 30)
    assert {s.day for s in deadline.skipped} >= {D(2026, 12, 24), D(2026, 12, 25)}


def test_extension_adds_seven_working_days_once(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 12, 14)).record.nomor
    record = tracker.act(
        nomor, "perpanjang", "Petugas Desk", today=D(2026, 12, 28), alasan="Dokumen di gudang arsip"
    )
    # after Wed 30 December: Thu 31, (New Year) Mon 4, (Isra Mikraj) Wed 6 .. Fri 8,
    # Mon 11, Tue 12 January 2027
    assert record.status == "diperpanjang"
    extended = record.last("diperpanjang")
    assert extended is not None
    assert extended.isi == {"alasan": "Dokumen di gudang arsip", "tenggat_baru": "2027-01-12"}
    assert tracker.deadline(record).due == D(2027, 1, 12)
    assert tracker.deadline(record).days == 17
    assert _refused(tracker, nomor, "perpanjang", D(2026, 12, 29), alasan="lagi") == (
        "permohonan 0001/PPID/XII/2026 sudah diperpanjang pada 28 Desember 2026; perpanjangan "
        "hanya boleh satu kali (UU 14/2008 Pasal 22 ayat 8)"
    )


def test_an_extension_needs_a_written_reason(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    assert _refused(tracker, nomor, "perpanjang", D(2026, 12, 1), alasan="  ") == (
        "perpanjangan wajib disertai alasan tertulis"
    )
    assert _refused(tracker, nomor, "perpanjang", D(2026, 12, 1)) == (
        "perpanjangan wajib disertai alasan tertulis"
    )


def test_objection_answered_within_thirty_working_days(tracker: Tracker) -> None:
    permohonan = _file(tracker, D(2026, 11, 2)).record.nomor
    # Dec: 2-4, 7-11, 14-18, 21-23, 28-31 (20 days); Jan: 4, 6-8, 11-15 (29), Mon 18 (30)
    keberatan = _file(tracker, D(2026, 12, 1), "keberatan", induk_nomor=permohonan)
    assert keberatan.tenggat.due == D(2027, 1, 18) and keberatan.tenggat.days == 30


def test_completion_within_three_plus_three_days_from_receipt(tracker: Tracker) -> None:
    # asked at receipt (Fri 18 December): 3 days to ask + 3 to complete = 6 working days,
    # Mon 21 .. Wed 23, then Mon 28 .. Wed 30 December
    record = _file(tracker, D(2026, 12, 18), lengkap=False).record
    due = tracker.completion_deadline(tracker.get(record.nomor))
    assert due is not None and due.due == D(2026, 12, 30)


def test_completion_asked_by_staff_counts_from_the_day_asked(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 12, 14)).record.nomor
    assert tracker.completion_deadline(tracker.get(nomor)) is None
    record = tracker.act(
        nomor,
        "minta_lengkapi",
        "Petugas Desk",
        today=D(2026, 12, 22),
        alasan="Salinan KTP belum ada",
    )
    # asked Tue 22: Wed 23, (24 and 25 off, weekend) Mon 28, Tue 29 December
    assert record.status == "menunggu_kelengkapan"
    asked = record.last("diminta_melengkapi")
    assert asked is not None and asked.isi["batas"] == "2026-12-29"
    due = tracker.completion_deadline(record)
    assert due is not None and due.due == D(2026, 12, 29)
    done = tracker.act(nomor, "lengkapi", "Petugas Desk", today=D(2026, 12, 28))
    assert done.status == "diproses" and tracker.completion_deadline(done) is None


# --- lateness ------------------------------------------------------------------------------


def test_open_request_is_late_the_day_after_its_deadline(tracker: Tracker) -> None:
    record = _file(tracker, D(2026, 11, 20)).record  # due Friday 4 December
    assert not tracker.is_overdue(record, D(2026, 12, 4))
    assert tracker.is_overdue(record, D(2026, 12, 5))
    assert tracker.is_overdue(record, D(2026, 12, 7))


def test_a_decision_in_time_is_never_late(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    tracker.act(nomor, "putuskan", "PPID", today=D(2026, 12, 4), keputusan="dikabulkan_seluruhnya")
    record = tracker.act(nomor, "serahkan", "PPID", today=D(2026, 12, 8))
    assert not tracker.is_overdue(record, D(2027, 1, 29))


def test_a_late_decision_stays_late(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    tracker.act(nomor, "putuskan", "PPID", today=D(2026, 12, 7), keputusan="dikabulkan_seluruhnya")
    record = tracker.act(nomor, "serahkan", "PPID", today=D(2026, 12, 7))
    assert record.status == "selesai"
    assert tracker.is_overdue(record, D(2026, 12, 7))
    assert tracker.is_overdue(record, D(2027, 6, 1))


def test_extended_request_is_late_after_the_new_deadline(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    record = tracker.act(nomor, "perpanjang", "PPID", today=D(2026, 12, 3), alasan="Di gudang")
    # after Fri 4 December: Mon 7 .. Fri 11, Mon 14, Tue 15 December
    assert not tracker.is_overdue(record, D(2026, 12, 7))
    assert not tracker.is_overdue(record, D(2026, 12, 15))
    assert tracker.is_overdue(record, D(2026, 12, 16))


def test_a_closed_request_without_decision_is_not_counted_late(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    record = tracker.act(nomor, "tutup", "PPID", today=D(2026, 12, 1), alasan="Dicabut pemohon")
    assert not tracker.is_overdue(record, D(2026, 12, 10))


# --- state transitions ---------------------------------------------------------------------


def test_the_whole_workflow(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    day = D(2026, 11, 23)
    assert tracker.act(nomor, "tugaskan", "Kepala", today=day, petugas="Andi").petugas == "Andi"
    assert tracker.act(nomor, "proses", "Andi", today=day).status == "diproses"
    assert (
        tracker.act(nomor, "catat", "Andi", today=day, catatan="Diminta ke Keuangan").status
        == "diproses"
    )
    decided = tracker.act(
        nomor, "putuskan", "PPID", today=D(2026, 12, 2), keputusan="dikabulkan_sebagian"
    )
    assert decided.status == "diputuskan"
    assert decided.keputusan == {"keputusan": "dikabulkan_sebagian"}
    done = tracker.act(nomor, "serahkan", "Andi", today=D(2026, 12, 3))
    assert done.status == "selesai"
    assert [(e.jenis, e.oleh, e.tanggal) for e in done.events] == [
        ("diterima", "pemohon", D(2026, 11, 20)),
        ("ditugaskan", "Kepala", day),
        ("diproses", "Andi", day),
        ("catatan", "Andi", day),
        ("diputuskan", "PPID", D(2026, 12, 2)),
        ("diserahkan", "Andi", D(2026, 12, 3)),
    ]
    assert done.events[3].isi == {"catatan": "Diminta ke Keuangan"}


def test_only_a_received_request_starts_processing(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    tracker.act(nomor, "proses", "Andi", today=D(2026, 11, 23))
    assert _refused(tracker, nomor, "proses", D(2026, 11, 23)) == (
        "permohonan 0001/PPID/XI/2026 berstatus sedang diproses; hanya yang berstatus "
        "diterima yang dapat mulai diproses"
    )


def test_an_empty_note_is_refused(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    assert _refused(tracker, nomor, "catat", D(2026, 11, 23), catatan=" ") == (
        "catatan tidak boleh kosong"
    )


def test_a_finished_request_must_be_reopened_first(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    tracker.act(
        nomor,
        "putuskan",
        "PPID",
        today=D(2026, 12, 1),
        keputusan="ditolak",
        alasan="tidak_dikuasai",
    )
    tracker.act(nomor, "serahkan", "PPID", today=D(2026, 12, 1))
    assert _refused(
        tracker, nomor, "putuskan", D(2026, 12, 2), keputusan="dikabulkan_seluruhnya"
    ) == (
        "permohonan 0001/PPID/XI/2026 sudah selesai; buka kembali dulu ('buka') bila memang "
        "perlu diubah"
    )
    assert _refused(tracker, nomor, "tugaskan", D(2026, 12, 2), petugas="Andi") == (
        "permohonan 0001/PPID/XI/2026 sudah selesai; buka kembali dulu untuk menugaskan"
    )
    reopened = tracker.act(nomor, "buka", "PPID", today=D(2026, 12, 2), catatan="Salah kirim")
    assert reopened.status == "diputuskan"  # its decision stands
    assert reopened.keputusan == {"keputusan": "ditolak", "alasan": "tidak_dikuasai"}
    assert reopened.last("dibuka_kembali") is not None


def test_a_closed_request_reopens_to_processing(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    assert tracker.act(nomor, "tutup", "PPID", today=D(2026, 11, 24)).status == "ditutup"
    assert _refused(tracker, nomor, "proses", D(2026, 11, 25)) == (
        "permohonan 0001/PPID/XI/2026 sudah ditutup; buka kembali dulu ('buka') bila memang "
        "perlu diubah"
    )
    assert tracker.act(nomor, "buka", "PPID", today=D(2026, 11, 25)).status == "diproses"
    assert _refused(tracker, nomor, "buka", D(2026, 11, 25)) == (
        "permohonan 0001/PPID/XI/2026 masih terbuka (status: sedang diproses)"
    )


def test_completion_rules(tracker: Tracker) -> None:
    waiting = _file(tracker, D(2026, 11, 20), lengkap=False).record.nomor
    assert _refused(tracker, waiting, "perpanjang", D(2026, 11, 23), alasan="x") == (
        "permohonan 0001/PPID/XI/2026 berstatus menunggu kelengkapan persyaratan; tidak dapat "
        "diperpanjang"
    )
    assert _refused(
        tracker, waiting, "putuskan", D(2026, 11, 23), keputusan="dikabulkan_seluruhnya"
    ) == (
        "permohonan 0001/PPID/XI/2026 berstatus menunggu kelengkapan persyaratan; tidak dapat "
        "diputuskan"
    )
    completed = tracker.act(waiting, "lengkapi", "Petugas Desk", today=D(2026, 11, 23))
    assert completed.status == "diproses" and "belum lengkap" not in completed.label
    assert _refused(tracker, waiting, "lengkapi", D(2026, 11, 23)) == (
        "permohonan 0001/PPID/XI/2026 tidak sedang menunggu kelengkapan"
    )


def test_completion_is_asked_of_requests_only(tracker: Tracker) -> None:
    permohonan = _file(tracker, D(2026, 11, 20)).record.nomor
    keberatan = _file(tracker, D(2026, 11, 23), "keberatan", induk_nomor=permohonan)
    assert _refused(tracker, keberatan.record.nomor, "minta_lengkapi", D(2026, 11, 24)) == (
        "keberatan 0001/KEB/XI/2026 berstatus diterima; permintaan kelengkapan hanya untuk "
        "permohonan yang diterima atau diproses"
    )
    assert (
        _refused(tracker, keberatan.record.nomor, "perpanjang", D(2026, 11, 24), alasan="x")
        == "keberatan 0001/KEB/XI/2026 berstatus diterima; tidak dapat "
        "diperpanjang"
    )


def test_handing_over_needs_a_decision(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    assert _refused(tracker, nomor, "serahkan", D(2026, 11, 23)) == (
        "permohonan 0001/PPID/XI/2026 berstatus diterima; putuskan dulu sebelum diserahkan"
    )


def test_unknown_action_and_unknown_number(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    assert _refused(tracker, nomor, "hapus", D(2026, 11, 23)) == "tindakan 'hapus' tidak dikenal"
    with pytest.raises(NotFound, match="nomor '0002/PPID/XI/2026' tidak ditemukan"):
        tracker.act("0002/PPID/XI/2026", "proses", "Andi", today=D(2026, 11, 23))


# --- decisions -----------------------------------------------------------------------------


def test_decision_must_be_a_known_one(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    assert _refused(tracker, nomor, "putuskan", D(2026, 11, 23), keputusan="diterima") == (
        "keputusan 'diterima' tidak dikenal; pilihan: dikabulkan_seluruhnya, "
        "dikabulkan_sebagian, ditolak"
    )
    assert _refused(tracker, nomor, "putuskan", D(2026, 11, 23)) == (
        "keputusan 'None' tidak dikenal; pilihan: dikabulkan_seluruhnya, dikabulkan_sebagian, "
        "ditolak"
    )


def test_a_decision_is_made_once(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    tracker.act(
        nomor,
        "putuskan",
        "PPID",
        today=D(2026, 11, 23),
        keputusan="ditolak",
        alasan="belum_didokumentasikan",
    )
    assert _refused(
        tracker, nomor, "putuskan", D(2026, 11, 24), keputusan="dikabulkan_seluruhnya"
    ) == ("permohonan 0001/PPID/XI/2026 berstatus diputuskan; tidak dapat diputuskan")


@pytest.mark.parametrize("alasan", [None, "", "rahasia"])
def test_a_refusal_needs_a_known_reason(tracker: Tracker, alasan: str | None) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    assert _refused(
        tracker, nomor, "putuskan", D(2026, 11, 23), keputusan="ditolak", alasan=alasan
    ) == ("penolakan wajib disertai alasan: dikecualikan, tidak_dikuasai, belum_didokumentasikan")


@pytest.mark.parametrize(
    "pasal_17",
    ["hij", "", "k", "H", None],
    ids=["three-letters", "empty", "k", "capital", "missing"],
)
def test_an_exemption_refusal_names_one_letter_of_pasal_17(
    tracker: Tracker, pasal_17: str | None
) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    isi = {} if pasal_17 is None else {"pasal_17": pasal_17}
    assert _refused(
        tracker,
        nomor,
        "putuskan",
        D(2026, 11, 23),
        keputusan="ditolak",
        alasan="dikecualikan",
        **isi,
    ) == ("penolakan karena dikecualikan wajib menyebut huruf Pasal 17 (a sampai j)")


@pytest.mark.parametrize("pasal_17", ["a", "h", "j"])
def test_an_exemption_refusal_with_its_letter_is_recorded(tracker: Tracker, pasal_17: str) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    record = tracker.act(
        nomor,
        "putuskan",
        "PPID",
        today=D(2026, 11, 23),
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17=pasal_17,
    )
    assert record.status == "diputuskan"
    assert record.keputusan == {
        "keputusan": "ditolak",
        "alasan": "dikecualikan",
        "pasal_17": pasal_17,
    }


# --- letters -------------------------------------------------------------------------------


def test_a_letter_keeps_its_number_and_date(tracker: Tracker) -> None:
    a = _file(tracker, D(2026, 11, 20)).record.nomor
    b = _file(tracker, D(2026, 11, 20)).record.nomor
    fmt = "{nomor:03d}/{kode}/{bulan_romawi}/{tahun}"
    first = tracker.letter_number(
        a, "pemberitahuan", "PPID.01", fmt, "PPID", D(2026, 12, 2), {"biaya": "Tanpa biaya"}
    )
    assert first == ("001/PPID.01/XII/2026", D(2026, 12, 2), {"biaya": "Tanpa biaya"})
    # printed again later, with other details: the letter as it was first given
    assert (
        tracker.letter_number(
            a, "pemberitahuan", "PPID.01", fmt, "PPID", D(2026, 12, 9), {"biaya": "Rp 5.000"}
        )
        == first
    )
    assert (
        tracker.letter_number(a, "perpanjangan", "PPID.01", fmt, "PPID", D(2026, 12, 3))[0]
        == "002/PPID.01/XII/2026"
    )
    assert (
        tracker.letter_number(b, "pemberitahuan", "PPID.01", fmt, "PPID", D(2027, 1, 4))[0]
        == "001/PPID.01/I/2027"
    )
    assert [e.jenis for e in tracker.get(a).events].count("surat") == 2


def test_a_sent_letter_is_one_already_issued_and_changes_no_state(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    refused = _refused(tracker, nomor, "kirim_surat", D(2026, 11, 23), jenis="tanda-terima")
    assert refused.endswith(
        f"surat tanda-terima belum diterbitkan; buat suratnya dulu "
        f"(ppid surat {nomor} --jenis tanda-terima)"
    )
    fmt = "{nomor:03d}/{kode}/{bulan_romawi}/{tahun}"
    tracker.letter_number(nomor, "tanda-terima", "TT", fmt, "PPID", D(2026, 11, 20))
    sent = tracker.act(
        nomor,
        "kirim_surat",
        "Rina",
        today=D(2026, 11, 23),
        jenis="tanda-terima",
        nomor_surat="999/dipalsukan",
    )
    assert sent.status == "diterima"
    last = sent.events[-1]
    assert (last.jenis, last.tanggal, last.oleh) == ("surat_dikirim", D(2026, 11, 23), "Rina")
    assert last.isi == {"jenis": "tanda-terima", "nomor_surat": "001/TT/XI/2026"}


def test_no_invalid_text_reaches_a_record_by_any_door(tracker: Tracker) -> None:
    from forms.vocab import TrackerError

    with pytest.raises(TrackerError, match="nama berisi karakter yang tidak sah"):
        tracker.file("permohonan", "DIPA", {"nama": "PT X \udcff"}, diterima=date(2026, 11, 2))
    filed = tracker.file("permohonan", "DIPA", {"nama": "Budi"}, diterima=date(2026, 11, 2))
    with pytest.raises(TrackerError, match="catatan berisi karakter yang tidak sah"):
        tracker.act(filed.record.nomor, "catat", "Petugas", catatan="lihat \udcff")
    done = tracker.act(filed.record.nomor, "catat", "Petugas\x1b[2J", catatan="a\x00b")
    event = done.events[-1]
    assert event.oleh == "Petugas [2J" and event.isi["catatan"] == "a b"


# --- the law's calendar, counted by hand (issue 12) -------------------------------------
# Every expected date below was counted on a paper calendar of 2026-2027 with the national
# holidays and cuti bersama of the SKB (the `holidays` package, ID, public + government):
# 2026: 16 Feb cuti Imlek, 17 Feb Imlek, 18 Mar cuti Nyepi, 19 Mar Nyepi, 20 Mar cuti Idul
# Fitri, 21-22 Mar Idul Fitri (Sat-Sun), 23-24 Mar cuti Idul Fitri, 3 Apr Wafat Yesus
# Kristus, 24 Dec cuti Natal, 25 Dec Natal; 2027: 1 Jan Tahun Baru, 5 Jan Isra Mikraj.


def _with_cuti(tracker: Tracker, rule: str) -> Tracker:
    return Tracker(tracker.engine, WorkingCalendar(cuti_bersama=rule), "rahasia-uji")


@pytest.mark.parametrize(
    ("rule", "due"),
    [
        # Fri 11 Dec: 14,15,16,17,18, 21,22,23 (8); 24 cuti, 25 Natal; 28 (9), 29 (10)
        ("libur", D(2026, 12, 29)),
        # cuti bersama counted: 14..18, 21,22,23 (8), 24 (9); 25 Natal; 28 (10)
        ("hari_kerja", D(2026, 12, 28)),
    ],
)
def test_year_end_deadline_with_cuti_bersama_either_way(
    tracker: Tracker, rule: str, due: date
) -> None:
    deadline = _with_cuti(tracker, rule).deadline(_file(tracker, D(2026, 12, 11)).record)
    assert deadline.due == due
    explained = deadline.explain()
    assert "UU 14/2008 Pasal 22 ayat (7)" in explained
    assert (
        "cuti bersama tidak dihitung sebagai hari kerja"
        if rule == "libur"
        else "cuti bersama dihitung sebagai hari kerja"
    ) in explained


@pytest.mark.parametrize(
    ("rule", "due"),
    [
        # Mon 16 Mar: 17 (1); 18 cuti, 19 Nyepi, 20 cuti, 21-22, 23-24 cuti; 25,26,27 (4),
        # 30,31, 1 Apr, 2 Apr (8); 3 Apr Wafat Yesus Kristus; 6 (9), 7 Apr (10)
        ("libur", D(2026, 4, 7)),
        # cuti counted: 17, 18 (2); 19 Nyepi; 20 (3), 23, 24, 25, 26, 27 (8), 30 (9), 31 (10)
        ("hari_kerja", D(2026, 3, 31)),
    ],
)
def test_idul_fitri_deadline_with_cuti_bersama_either_way(
    tracker: Tracker, rule: str, due: date
) -> None:
    assert _with_cuti(tracker, rule).deadline(_file(tracker, D(2026, 3, 16)).record).due == due


def test_an_extension_over_the_year_end(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 12, 11)).record.nomor  # day 10: Tue 29 Dec
    record = tracker.act(nomor, "perpanjang", "PPID", today=D(2026, 12, 29), alasan="Arsip")
    # 30, 31 Dec (2); 1 Jan Tahun Baru; 4 Jan (3); 5 Jan Isra Mikraj; 6, 7, 8 (6), 11 Jan (7)
    assert tracker.deadline(record).due == D(2027, 1, 11)
    assert "Diperpanjang 7 hari kerja pada 29 Desember 2026" in tracker.deadline(record).explain()


def test_an_extension_only_within_the_first_ten_working_days(tracker: Tracker) -> None:
    # Mon 2 Nov 2026 (no holiday in November): day 10 is Mon 16 Nov
    late = _file(tracker, D(2026, 11, 2)).record.nomor
    reason = _refused(tracker, late, "perpanjang", D(2026, 11, 17), alasan="Arsip di gudang")
    assert "hanya dapat diberikan dalam 10 hari kerja pertama" in reason
    assert "berakhir 16 November 2026" in reason and "Pasal 22 ayat (8)" in reason
    timely = _file(tracker, D(2026, 11, 2)).record.nomor
    record = tracker.act(timely, "perpanjang", "PPID", today=D(2026, 11, 16), alasan="Arsip")
    # 17, 18, 19, 20 (4), 23, 24, 25 (7)
    assert tracker.deadline(record).due == D(2026, 11, 25)


def test_a_decision_after_day_ten_without_extension_is_late_everywhere(
    tracker: Tracker, mini_catalogue: Any
) -> None:
    from forms import register
    from forms.laporan import Bulan, bulanan
    from site_builder import dokumen

    nomor = _file(tracker, D(2026, 11, 2)).record.nomor  # day 10: Mon 16 Nov
    tracker.act(nomor, "putuskan", "PPID", today=D(2026, 11, 17), keputusan="dikabulkan_seluruhnya")
    record = tracker.get(nomor)
    assert tracker.is_overdue(record, D(2026, 11, 17))
    row = next(r for r in register.rows(tracker, D(2026, 11, 30)) if r.nomor == nomor)
    assert row.tepat_waktu is False and row.hari_kerja == 11
    doc = bulanan(tracker, Bulan(2026, 11), mini_catalogue.office, D(2026, 11, 30))
    monthly = dokumen.to_markdown(doc)
    assert f"**{nomor}**" in monthly and "1 hari kerja setelah tenggat" in monthly


def test_an_extension_given_too_late_never_moved_the_deadline(tracker: Tracker) -> None:
    """A record written before the rule, with an extension on day 12: the decision on day
    14 is late against day 10, and the explanation says why."""
    nomor = _file(tracker, D(2026, 11, 2)).record.nomor
    record = tracker.get(nomor)
    with store.transaction(tracker.engine) as conn:
        tracker._event(
            conn, record.id, "diperpanjang", "PPID", record.events[0].waktu, D(2026, 11, 18), {}
        )
    tracker.act(nomor, "putuskan", "PPID", today=D(2026, 11, 20), keputusan="dikabulkan_seluruhnya")
    record = tracker.get(nomor)
    assert tracker.deadline(record).due == D(2026, 11, 16)
    assert tracker.is_overdue(record, D(2026, 11, 20))
    assert (
        "Perpanjangan tanggal 18 November 2026 tidak berlaku" in tracker.deadline(record).explain()
    )


def test_a_request_past_its_completion_deadline_is_flagged_and_closed_never_late(
    tracker: Tracker,
) -> None:
    from forms import register

    # Mon 2 Nov 2026 without its KTP: 3 + 3 working days, 3, 4, 5, 6, 9, 10 Nov
    nomor = _file(tracker, D(2026, 11, 2), lengkap=False).record.nomor
    record = tracker.get(nomor)
    assert tracker.completion_deadline(record).due == D(2026, 11, 10)  # type: ignore[union-attr]
    assert not tracker.past_completion(record, D(2026, 11, 10))
    assert tracker.past_completion(record, D(2026, 11, 11))
    assert not tracker.is_overdue(record, D(2026, 11, 30))  # past day 10, still not late
    assert [r.nomor for r in tracker.list(terlambat=True, today=D(2026, 11, 30))] == []
    reason = _refused(tracker, nomor, "tutup", D(2026, 11, 10), penutupan="lewat_batas_kelengkapan")
    assert "10 November 2026 belum lewat" in reason
    closed = tracker.act(
        nomor, "tutup", "Petugas Desk", today=D(2026, 11, 11), penutupan="lewat_batas_kelengkapan"
    )
    assert closed.status == "ditutup" and "lewat batas kelengkapan" in closed.label
    assert not tracker.is_overdue(closed, D(2026, 12, 31))
    row = next(r for r in register.rows(tracker, D(2026, 12, 31)) if r.nomor == nomor)
    assert row.tepat_waktu is None  # never the office's lateness


def test_the_wait_for_requirements_is_not_the_office_s_time(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 2), lengkap=False).record.nomor
    record = tracker.act(nomor, "lengkapi", "Petugas Desk", today=D(2026, 11, 5))
    # completed Thu 5 Nov: 10 working days from then, 6, 9-13, 16, 17, 18, 19 Nov
    deadline = tracker.deadline(record)
    assert deadline.due == D(2026, 11, 19)
    assert "Ditambah 3 hari kerja selama pemohon melengkapi persyaratan" in deadline.explain()


def test_the_objection_window_from_the_written_notice(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 2)).record.nomor
    tracker.act(
        nomor,
        "putuskan",
        "PPID",
        today=D(2026, 11, 16),
        keputusan="ditolak",
        alasan="tidak_dikuasai",
    )
    # 30 working days after Mon 16 Nov: 17-30 Nov (10), 1-23 Dec (27); 24 cuti, 25 Natal;
    # 28 (28), 29 (29), 30 Dec (30)
    window = tracker.objection_window(tracker.get(nomor), ["a"])
    assert window is not None and window.batas == D(2026, 12, 30)
    assert tracker.check_objection(nomor, ["a"], D(2026, 12, 30)) is not None
    with pytest.raises(TrackerError) as caught:
        tracker.check_objection(nomor, ["a"], D(2026, 12, 31))
    assert "paling lambat 30 Desember 2026" in str(caught.value)
    assert "pemberitahuan tertulis tanggal 16 November 2026" in str(caught.value)
    assert "UU 14/2008 Pasal 36 ayat (1)" in str(caught.value)
    late = tracker.check_objection(nomor, ["a"], D(2026, 12, 31), terlambat="Surat pos tertahan")
    assert late is not None and late.nomor == nomor


def test_the_objection_window_from_a_deadline_passed_unanswered(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 2)).record.nomor  # due Mon 16 Nov, never answered
    window = tracker.objection_window(tracker.get(nomor), ["c", "b"])
    assert window is not None and window.batas == D(2026, 12, 30)
    assert "tenggat pemberitahuan tertulis 16 November 2026 yang terlewati" in window.alasan


def test_ground_b_alone_needs_no_request_every_other_ground_does(tracker: Tracker) -> None:
    assert tracker.check_objection("", ["b"], D(2026, 12, 2)) is None
    with pytest.raises(TrackerError, match="hanya keberatan dengan alasan huruf b"):
        tracker.check_objection("", ["b", "c"], D(2026, 12, 2))
    with pytest.raises(NotFound):
        tracker.check_objection("0099/PPID/XI/2026", ["c"], D(2026, 12, 2))


def test_the_atasan_ppid_answers_within_thirty_working_days(tracker: Tracker) -> None:
    parent = _file(tracker, D(2026, 11, 2)).record.nomor
    objection = tracker.file(
        "keberatan",
        "Keberatan",
        {"nomor_permohonan": parent, "nama": "Siti", "alasan": ["c"], "kasus_posisi": "-"},
        induk_nomor=parent,
        diterima=D(2026, 12, 2),
    )
    # Wed 2 Dec: 3, 4 (2), 7-11 (7), 14-18 (12), 21-23 (15); 24 cuti, 25 Natal; 28-31 (19);
    # 1 Jan; 4 (20); 5 Jan Isra Mikraj; 6-8 (23), 11-15 (28), 18 (29), 19 Jan 2027 (30)
    assert objection.tenggat.due == D(2027, 1, 19)
    assert "UU 14/2008 Pasal 36 ayat (2)" in objection.tenggat.explain()


def test_an_objection_is_decided_by_its_own_rule(tracker: Tracker) -> None:
    parent = _file(tracker, D(2026, 11, 2)).record.nomor
    nomor = tracker.file(
        "keberatan",
        "Keberatan",
        {"nomor_permohonan": parent, "nama": "Siti", "alasan": ["c"], "kasus_posisi": "-"},
        induk_nomor=parent,
        diterima=D(2026, 12, 2),
    ).record.nomor
    day = D(2026, 12, 10)
    assert "alasan tertulis atasan PPID" in _refused(
        tracker, nomor, "putuskan", day, keputusan="ditolak"
    )
    assert "tanpa alasan penolakan" in _refused(
        tracker, nomor, "putuskan", day, keputusan="ditolak", alasan="dikecualikan", pasal_17="h"
    )
    decided = tracker.act(
        nomor, "putuskan", "Atasan", today=day, keputusan="ditolak", pertimbangan="Data pribadi"
    )
    assert decided.keputusan == {"keputusan": "ditolak", "pertimbangan": "Data pribadi"}


def test_a_dispute_follows_the_answer_step_by_step(tracker: Tracker) -> None:
    from forms import register

    parent = _file(tracker, D(2026, 11, 2)).record.nomor
    nomor = tracker.file(
        "keberatan",
        "Keberatan",
        {"nomor_permohonan": parent, "nama": "Siti", "alasan": ["c"], "kasus_posisi": "-"},
        induk_nomor=parent,
        diterima=D(2026, 12, 2),
    ).record.nomor
    day = D(2026, 12, 10)
    assert "belum diputuskan dan jangka tanggapannya belum lewat" in _refused(
        tracker, nomor, "sengketa", day, tahap="terdaftar"
    )
    tracker.act(nomor, "putuskan", "Atasan", today=day, keputusan="ditolak", pertimbangan="-")
    assert "catat dulu pendaftaran sengketa" in _refused(
        tracker, nomor, "sengketa", day, tahap="mediasi"
    )
    tracker.act(nomor, "sengketa", "PPID", today=D(2026, 12, 21), tahap="terdaftar")
    tracker.act(nomor, "sengketa", "PPID", today=D(2027, 2, 1), tahap="ajudikasi")
    assert "sudah pada tahap ajudikasi" in _refused(
        tracker, nomor, "sengketa", D(2027, 2, 2), tahap="mediasi"
    )
    assert "wajib disertai hasilnya" in _refused(
        tracker, nomor, "sengketa", D(2027, 3, 1), tahap="putusan"
    )
    tracker.act(
        nomor, "sengketa", "PPID", today=D(2027, 3, 1), tahap="putusan", hasil="Permohonan ditolak"
    )
    row = next(r for r in register.rows(tracker, D(2027, 3, 2)) if r.nomor == nomor)
    assert (row.sengketa, row.sengketa_hasil) == ("putusan", "Permohonan ditolak")
    assert row.dasar_penolakan is None  # never a refusal ground for an objection


def test_unit_draft_steps_go_on_the_timeline_and_leave_the_state(tracker: Tracker) -> None:
    nomor = _file(tracker, D(2026, 11, 20)).record.nomor
    tracker.act(nomor, "draf", "Agus (unit1)", tahap="diajukan", draf=1, unit="keuangan")
    tracker.act(nomor, "draf", "Sri (ppid1)", tahap="dikembalikan", draf=1, catatan="Lengkapi")
    record = tracker.act(nomor, "draf", "Sri (ppid1)", tahap="disetujui", draf=2)
    assert record.status == "diterima"
    assert [e.jenis for e in record.events][-3:] == [
        "draf_diajukan",
        "draf_dikembalikan",
        "draf_disetujui",
    ]
    with pytest.raises(TrackerError, match="wajib disertai catatan untuk unit"):
        tracker.act(nomor, "draf", "Sri (ppid1)", tahap="dikembalikan", draf=3)
    with pytest.raises(TrackerError, match="tahap draf 'selesai' tidak dikenal"):
        tracker.act(nomor, "draf", "Sri (ppid1)", tahap="selesai")
    objection = _file(tracker, D(2026, 11, 23), "keberatan", induk_nomor=nomor).record.nomor
    with pytest.raises(TrackerError, match="draf jawaban unit hanya untuk permohonan"):
        tracker.act(objection, "draf", "Agus (unit1)", tahap="diajukan")
    tracker.act(nomor, "tutup", "Petugas")
    with pytest.raises(TrackerError, match="sudah ditutup"):
        tracker.act(nomor, "draf", "Agus (unit1)", tahap="diajukan")


def test_what_an_action_writes_with_it_is_one_transaction(tracker: Tracker) -> None:
    record = _file(tracker, D(2026, 11, 2)).record
    nomor = record.nomor
    with store.transaction(tracker.engine) as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(store.draf)).scalar()

    def refuses(conn: Any) -> dict[str, Any]:
        conn.execute(
            store.draf.insert().values(
                record_id=record.id, unit="u", pengguna="p",
                waktu=datetime.now(UTC), isi="x", lampiran=[], status="diajukan",
            )
        )  # fmt: skip
        raise TrackerError("draf ini baru saja diputus orang lain")

    _refused(tracker, nomor, "catat", D(2026, 11, 3), catatan="Cek", within=refuses)
    with store.transaction(tracker.engine) as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(store.draf)).scalar() == before
    done = tracker.act(
        nomor, "catat", "Petugas", today=D(2026, 11, 3), catatan="Cek", within=lambda c: {"x": 1}
    )
    assert done.events[-1].isi == {"catatan": "Cek", "x": 1}


# --- many offices (PPID_KANTOR_FILE) -------------------------------------------------------

MULTI = "{nomor:04d}/PPID-{kantor}/{bulan_romawi}/{tahun}"


def _offices(tracker: Tracker) -> tuple[Tracker, Tracker]:
    from site_builder.clock import OfficeClock

    base = Tracker(tracker.engine, tracker.calendar, "rahasia-uji", MULTI)
    return base.for_office("6201", OfficeClock("WIB")), base.for_office("9471", OfficeClock("WIT"))


def test_each_office_numbers_in_its_own_series(tracker: Tracker) -> None:
    a, b = _offices(tracker)
    day = D(2026, 11, 23)
    made = [(t.kantor, _file(t, day).record.nomor) for t in (a, b, a, b, a)]
    assert made == [
        ("6201", "0001/PPID-6201/XI/2026"),
        ("9471", "0001/PPID-9471/XI/2026"),
        ("6201", "0002/PPID-6201/XI/2026"),
        ("9471", "0002/PPID-9471/XI/2026"),
        ("6201", "0003/PPID-6201/XI/2026"),
    ]
    # objections too, with the office's kode in their number
    keb = _file(a, D(2026, 11, 24), "keberatan", induk_nomor="0001/PPID-6201/XI/2026")
    assert keb.record.nomor == "0001/KEB-6201/XI/2026" and keb.record.kantor == "6201"
    assert [r.nomor for r in a.list()] == [
        "0003/PPID-6201/XI/2026",
        "0002/PPID-6201/XI/2026",
        "0001/PPID-6201/XI/2026",
    ]
    assert tracker.list() == []  # the single office's ('' ) has none of them


def test_an_office_never_sees_another_office_record(tracker: Tracker) -> None:
    a, b = _offices(tracker)
    filed = _file(a, D(2026, 11, 23))
    nomor = filed.record.nomor
    with pytest.raises(NotFound):
        b.get(nomor)
    assert b.check_code(nomor, filed.kode) is None and a.check_code(nomor, filed.kode)
    assert b.numbers_like("1") == () and a.numbers_like("1") == (nomor,)
    with pytest.raises(NotFound):
        b.act(nomor, "proses", "Petugas")
    # an objection at office B about office A's request: no such request there
    with pytest.raises(NotFound):
        _file(b, D(2026, 11, 24), "keberatan", induk_nomor=nomor)


def test_letters_are_numbered_per_office(tracker: Tracker) -> None:
    a, b = _offices(tracker)
    day = D(2026, 11, 23)
    fmt = "{nomor:03d}/PPID-{kantor}/{kode}/{bulan_romawi}/{tahun}"
    got = []
    for t in (a, b, a):
        nomor = _file(t, day).record.nomor
        got.append(t.letter_number(nomor, "tanda-terima", "TT", fmt, "Petugas", day)[0])
    assert got == [
        "001/PPID-6201/TT/XI/2026",
        "001/PPID-9471/TT/XI/2026",
        "002/PPID-6201/TT/XI/2026",
    ]


def test_each_office_has_its_own_clock(tracker: Tracker) -> None:
    import time_machine

    a, b = _offices(tracker)
    # 23:30 WIB on 23 November is 01:30 WIT on the 24th: Jayapura's day has begun
    with time_machine.travel(datetime(2026, 11, 23, 16, 30, tzinfo=UTC), tick=False):
        assert (a.today(), b.today()) == (D(2026, 11, 23), D(2026, 11, 24))
