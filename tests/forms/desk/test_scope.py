"""The desk scoped by office (PPID_KANTOR_FILE set): a staff member of one office neither
sees nor acts on another office's record; such a record answers 404 and the attempt is
audited as a refusal."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import time_machine
from openpyxl import load_workbook

from forms.store import tables as store
from forms.tracker import Record
from site_builder.clock import OfficeClock
from tests.forms.desk.conftest import KantorDesk, csrf_of

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def two(kantor_desk: KantorDesk) -> tuple[Record, Record]:
    """A request at 6201 (Kotawaringin Barat) and one at 6271 (Palangka Raya), the latter
    with an identity document."""
    ours = kantor_desk.file("6201", date(2026, 11, 20), nama="Siti Aminah")
    theirs = kantor_desk.file("6271", date(2026, 11, 20), nama="Bambang Sutrisno")
    assert kantor_desk.tracker is not None
    with store.transaction(kantor_desk.tracker.engine) as conn:
        conn.execute(
            store.uploads.insert().values(
                record_id=theirs.id,
                field="ktp",
                stored_name="ktp-bambang.png",
                content_type="image/png",
                size=10,
                sha256="0" * 64,
            )
        )
    return ours, theirs


def _refusals(kantor_desk: KantorDesk, username: str) -> list[str]:
    a = store.audit.c
    with kantor_desk.accounts.engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(a.sasaran).where(a.pengguna == username, a.tindakan == "akses_ditolak")
            ).scalars()
        )


def test_lists_search_and_beranda_show_only_the_offices_own(
    kantor_desk: KantorDesk, two: tuple[Record, Record]
) -> None:
    ours, theirs = two
    with kantor_desk.sign_in("petugas6201") as c:
        for page in (c.get("/meja/"), c.get("/meja/daftar")):
            assert page.status_code == 200
            assert ours.nomor in page.text and theirs.nomor not in page.text
            assert "Bambang Sutrisno" not in page.text
        # a search for the other office's requester finds nothing; for our own, ours
        found = c.get("/meja/daftar", params={"q": "bambang"}).text
        assert theirs.nomor not in found and ours.nomor not in found
        assert ours.nomor in c.get("/meja/daftar", params={"q": "siti"}).text
    with kantor_desk.sign_in("petugas6271") as c:  # and the other way round
        page = c.get("/meja/daftar").text
        assert theirs.nomor in page and ours.nomor not in page


def test_another_offices_record_is_a_404_everywhere_and_audited(
    kantor_desk: KantorDesk, two: tuple[Record, Record]
) -> None:
    ours, theirs = two
    with kantor_desk.sign_in("petugas6201") as c:
        assert c.get(f"/meja/r/{ours.id}").status_code == 200
        [upload] = _uploads(kantor_desk, theirs)
        for path in (
            f"/meja/r/{theirs.id}",
            f"/meja/r/{theirs.id}/dokumen/{upload}",
            f"/meja/r/{theirs.id}/surat/tanda-terima",
            f"/meja/r/{theirs.id}/surat/tanda-terima.pdf",
        ):
            answer = c.get(path)
            assert answer.status_code == 404, path
            assert "Catatan tidak ditemukan" in answer.text
            assert "Bambang" not in answer.text
        # the same answer as a record that does not exist at all
        assert c.get("/meja/r/999999").status_code == 404
        token = csrf_of(c.get(f"/meja/r/{ours.id}").text)
        for path, data in (
            (f"/meja/r/{theirs.id}/tindakan/proses", {}),
            (f"/meja/r/{theirs.id}/catatan-internal", {"isi": "dilihat dari 6201"}),
            (f"/meja/r/{theirs.id}/surat/tanda-terima/terbitkan", {}),
        ):
            answer = c.post(path, data={"_csrf": token, **data})
            assert answer.status_code == 404, path
    assert kantor_desk.tracker is not None
    after = kantor_desk.office("6271").get(theirs.nomor)
    assert after.status == "diterima" and after.events == theirs.events[: len(after.events)]
    assert [e.jenis for e in after.events] == ["diterima"]  # no action, no letter taken
    with kantor_desk.accounts.engine.connect() as conn:
        notes = conn.execute(sa.select(sa.func.count()).select_from(store.catatan_internal))
        assert notes.scalar() == 0
    refused = _refusals(kantor_desk, "petugas6201")
    assert f"/meja/r/{theirs.id}" in refused and len(refused) == 7
    assert "/meja/r/999999" not in refused  # nothing there: nothing to refuse


def _uploads(kantor_desk: KantorDesk, record: Record) -> list[int]:
    u = store.uploads.c
    with kantor_desk.accounts.engine.connect() as conn:
        return list(conn.execute(sa.select(u.id).where(u.record_id == record.id)).scalars())


def test_exports_and_registers_hold_only_the_offices_records(
    kantor_desk: KantorDesk, two: tuple[Record, Record]
) -> None:
    ours, theirs = two
    with kantor_desk.sign_in("petugas6201") as c:
        for path, params in (
            ("/meja/daftar.xlsx", {}),
            ("/meja/laporan/register", {"jenis": "permohonan", "tahun": "2026"}),
        ):
            answer = c.get(path, params=params)
            assert answer.status_code == 200, answer.text
            cells = _cells(answer.content)
            assert ours.nomor in cells, path
            assert theirs.nomor not in cells and "Bambang Sutrisno" not in cells, path


def _cells(xlsx: bytes) -> set[str]:
    wb = load_workbook(io.BytesIO(xlsx), read_only=True)
    return {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}


def test_the_audit_page_shows_the_offices_accounts_only(
    kantor_desk: KantorDesk, two: tuple[Record, Record]
) -> None:
    kantor_desk.sign_in("petugas6271")
    kantor_desk.sign_in("petugas6201")
    with kantor_desk.sign_in("admin6201") as c:
        log = c.get("/meja/audit").text
        assert "petugas6201" in log and "petugas6271" not in log


def test_an_office_tracker_reads_only_its_office(
    kantor_desk: KantorDesk, two: tuple[Record, Record]
) -> None:
    ours, theirs = two
    assert kantor_desk.tracker is not None
    mine = kantor_desk.tracker.for_office("6201", OfficeClock("WIB"))
    assert [r.nomor for r in mine.list("permohonan")] == [ours.nomor]
    assert mine.get_by_id(theirs.id) is None and mine.get_by_id(ours.id) is not None
    with pytest.raises(Exception, match="tidak ditemukan"):
        mine.get(theirs.nomor)
    assert mine.resolve("permohonan", str(ours.nomor.split("/")[0])) == ours.nomor
    papua = kantor_desk.tracker.for_office("9471", OfficeClock("WIT"))
    assert papua.today() == date(2026, 11, 24) and papua.list("permohonan") == []


def test_desk_entry_files_into_the_staff_members_office(
    kantor_desk: KantorDesk, two: tuple[Record, Record]
) -> None:
    from tests.forms.desk.test_baru import _post, _request

    _, theirs = two
    with kantor_desk.sign_in("petugas6201") as c:
        made = _post(c, _request(), {})
        assert made.status_code == 303, made.text
        assert c.get(made.headers["location"]).status_code == 200
        # an objection only on a request of this office: another's is as if unknown
        objection = {
            "jenis": "keberatan",
            "saluran": "surat",
            "diterima": "2026-11-24",
            "nama": "Siti Aminah",
            "alamat": "Jl. Mawar 1, Semarang",
            "nomor_permohonan": theirs.nomor,
            "alasan": "c",
        }
        refused = _post(c, objection, {})
        assert refused.status_code == 422 and "tidak ditemukan" in refused.text
    rid = int(made.headers["location"].split("/")[3].split("?")[0])
    with kantor_desk.accounts.engine.connect() as conn:
        kantor = conn.execute(
            sa.select(store.records.c.kantor).where(store.records.c.id == rid)
        ).scalar()
    assert kantor == "6201"
    with kantor_desk.sign_in("petugas6271") as c:
        assert c.get(f"/meja/r/{rid}").status_code == 404
