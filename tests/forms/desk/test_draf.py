"""Unit drafts on a record: the bound unit's pelaksana writes, the PPID sends back or
approves, the timeline shows each step; nobody else can, by page or by forged POST."""

from __future__ import annotations

import re

import httpx
import pytest
import sqlalchemy as sa

from forms.store import tables as store
from tests.forms.desk.conftest import UNIT, LiveDesk, csrf_of
from tests.support import PERMOHONAN, SCAN_PDF


def _disposed(live_desk: LiveDesk) -> int:
    """A public request, disposed by the petugas to UNIT; its record id."""
    answer = httpx.post(
        f"{live_desk.url}/f/permohonan", json=PERMOHONAN, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200, answer.text
    petugas = live_desk.sign_in("petugas1")
    page = petugas.get("/meja/r/1")
    done = petugas.post(
        "/meja/r/1/tindakan/disposisi", data={"_csrf": csrf_of(page.text), "unit": UNIT}
    )
    assert done.status_code == 303, done.text
    return 1


def _draft(c: httpx.Client, text: str, files: list[bytes]) -> httpx.Response:
    token = csrf_of(c.get("/meja/r/1").text)
    return c.post(
        "/meja/r/1/draf",
        data={"_csrf": token, "isi": text},
        files=[("lampiran", (f"dipa-{i}.pdf", f, "application/pdf")) for i, f in enumerate(files)],
    )


def test_unit_drafts_ppid_sends_back_then_approves(live_desk: LiveDesk) -> None:
    _disposed(live_desk)
    unit = live_desk.sign_in("unit1")
    assert "Ajukan draf ke PPID" in unit.get("/meja/r/1").text
    assert _draft(unit, "DIPA 2026 terlampir", [SCAN_PDF]).status_code == 303
    ppid = live_desk.sign_in("ppid1")
    page = ppid.get("/meja/r/1").text
    assert "DIPA 2026 terlampir" in page and "Menunggu persetujuan PPID" in page
    assert "Draf jawaban unit diajukan" in page  # the timeline
    link = re.search(r'href="(/meja/r/1/draf/(\d+)/lampiran/0)">dipa-0.pdf', page)
    assert link is not None
    assert ppid.get(link.group(1)).content == SCAN_PDF
    first = link.group(2)
    token = csrf_of(page)
    empty = ppid.post(f"/meja/r/1/draf/{first}/kembalikan", data={"_csrf": token})
    assert empty.status_code == 422 and "Tulis catatan untuk unit" in empty.text
    back = ppid.post(
        f"/meja/r/1/draf/{first}/kembalikan",
        data={"_csrf": token, "catatan": "Lampirkan juga RKA-K/L"},
    )
    assert back.status_code == 303
    seen = unit.get("/meja/r/1").text
    assert "Catatan PPID:</strong> Lampirkan juga RKA-K/L" in seen
    assert "Dikembalikan ke unit" in seen and "Draf jawaban unit dikembalikan" in seen
    assert _draft(unit, "DIPA dan RKA-K/L terlampir", [SCAN_PDF, SCAN_PDF]).status_code == 303
    page = ppid.get("/meja/r/1").text
    second = re.findall(r'action="/meja/r/1/draf/(\d+)/setujui"', page)
    assert len(second) == 1 and second[0] != first  # only the new draft waits
    ok = ppid.post(f"/meja/r/1/draf/{second[0]}/setujui", data={"_csrf": csrf_of(page)})
    assert ok.status_code == 303
    page = ppid.get("/meja/r/1").text
    assert "Draf jawaban unit disetujui" in page and "Disetujui" in page
    # the decision starts from the approved answer, not from the one sent back
    decision = re.search(r'<textarea id="putuskan-diberikan"[^>]*>([^<]*)</textarea>', page)
    assert decision is not None and decision.group(1) == "DIPA dan RKA-K/L terlampir"
    again = ppid.post(f"/meja/r/1/draf/{second[0]}/setujui", data={"_csrf": csrf_of(page)})
    assert again.status_code == 409 and "sudah diputus" in again.text
    engine = sa.create_engine(live_desk.relay.settings.database_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(store.draf.c.status).order_by(store.draf.c.id)).all()
    engine.dispose()
    assert [r[0] for r in rows] == ["dikembalikan", "disetujui"]
    assert len(live_desk.relay.uploads()) == 3  # one attachment, then two
    log = ppid.get("/meja/audit")
    assert log.status_code == 403  # the PPID does not read the audit log
    audit = live_desk.sign_in("admin1").get("/meja/audit").text
    assert "Draf jawaban unit" in audit and "Unduhan" in audit


def test_a_bad_attachment_is_refused_and_nothing_is_kept(live_desk: LiveDesk) -> None:
    _disposed(live_desk)
    unit = live_desk.sign_in("unit1")
    bad = _draft(unit, "Terlampir", [b"%PDF-1.4 bukan pdf"])
    assert bad.status_code == 422 and "Berkas PDF rusak atau bukan PDF" in bad.text
    assert "Terlampir</textarea>" in bad.text
    assert live_desk.relay.uploads() == [] and live_desk.relay.count("draf") == 0


@pytest.mark.parametrize("username", ["unit2", "petugas1", "atasan1"])
def test_only_the_bound_unit_drafts(live_desk: LiveDesk, username: str) -> None:
    _disposed(live_desk)
    other = live_desk.sign_in(username)
    page = other.get("/meja/r/1")
    if username == "unit2":  # another unit does not even see the record
        assert page.status_code == 403
        token = csrf_of(other.get("/meja/akun").text)
    else:
        assert page.status_code == 200 and "Ajukan draf ke PPID" not in page.text
        token = csrf_of(page.text)
    forged = other.post("/meja/r/1/draf", data={"_csrf": token, "isi": "Palsu"})
    assert forged.status_code == 403
    assert live_desk.relay.count("draf") == 0


def test_only_the_ppid_approves(live_desk: LiveDesk) -> None:
    _disposed(live_desk)
    unit = live_desk.sign_in("unit1")
    assert _draft(unit, "Jawaban", []).status_code == 303
    page = unit.get("/meja/r/1").text
    assert "Setujui draf" not in page
    draft = re.search(r"/meja/r/1/draf/(\d+)", page)
    draft_id = draft.group(1) if draft else "1"
    for c in (unit, live_desk.sign_in("petugas1")):
        token = csrf_of(c.get("/meja/r/1").text)
        forged = c.post(f"/meja/r/1/draf/{draft_id}/setujui", data={"_csrf": token})
        assert forged.status_code == 403
    ppid = live_desk.sign_in("ppid1")
    assert "Menunggu persetujuan PPID" in ppid.get("/meja/r/1").text
