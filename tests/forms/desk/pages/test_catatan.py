"""A record's page on the desk: the fields, the deadline, the actions with the CLI's rules,
role checks on the server, CSRF, internal notes, identity documents viewed and audited."""

from __future__ import annotations

import re

import httpx
import sqlalchemy as sa

from forms.store import tables as store
from tests.forms.desk.conftest import UNIT, LiveDesk, csrf_of
from tests.support import PERMOHONAN, SCAN_PNG


def _submit(live_desk: LiveDesk, **files: bytes) -> dict[str, str]:
    if files:
        answer = httpx.post(
            f"{live_desk.url}/f/permohonan",
            data=PERMOHONAN,
            files={k: ("ktp.png", v, "image/png") for k, v in files.items()},
            headers={"Accept": "application/json"},
        )
    else:
        answer = httpx.post(
            f"{live_desk.url}/f/permohonan", json=PERMOHONAN, headers={"Accept": "application/json"}
        )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _record_id(c: httpx.Client, nomor: str) -> int:
    listing = c.get("/meja/daftar", params={"q": nomor.split("/")[0]})
    found = re.search(r'href="/meja/r/(\d+)">' + re.escape(nomor), listing.text)
    assert found, listing.text
    return int(found.group(1))


def _act(c: httpx.Client, rid: int, aksi: str, **fields: str) -> httpx.Response:
    token = csrf_of(c.get(f"/meja/r/{rid}").text)
    return c.post(f"/meja/r/{rid}/tindakan/{aksi}", data={"_csrf": token, **fields})


def test_a_public_request_shows_on_beranda_and_its_page(live_desk: LiveDesk) -> None:
    sent = _submit(live_desk)
    with live_desk.sign_in("petugas1") as c:
        home = c.get("/meja/")
        assert sent["nomor"] in home.text and "Baru masuk" in home.text
        rid = _record_id(c, sent["nomor"])
        page = c.get(f"/meja/r/{rid}")
        assert PERMOHONAN["rincian_informasi"] in page.text
        assert "Cara tenggat ini dihitung" in page.text and "Hari ke-1" in page.text
        assert "Tugaskan" in page.text and "Putuskan</summary>" not in page.text  # not a ppid


def test_actions_follow_the_tracker_s_rules_and_say_why(live_desk: LiveDesk) -> None:
    sent = _submit(live_desk)
    with live_desk.sign_in("ppid1") as c:
        rid = _record_id(c, sent["nomor"])
        missing = _act(c, rid, "perpanjang", alasan="")
        assert (
            missing.status_code == 422
            and "Alasan tertulis perpanjangan wajib diisi" in missing.text
        )
        waiting = _act(c, rid, "putuskan", keputusan="dikabulkan_seluruhnya")
        assert waiting.status_code == 422  # sent without the KTP: waiting for it
        assert "berstatus menunggu kelengkapan persyaratan; tidak dapat diputuskan" in waiting.text
        assert 'id="t-putuskan" open' in waiting.text  # the reason next to its form
        assert _act(c, rid, "lengkapi").status_code == 303
        done = _act(c, rid, "putuskan", keputusan="dikabulkan_seluruhnya")
        assert done.status_code == 303, re.findall(r'class="galat"[^>]*>([^<]*)', done.text)
        page = c.get(f"/meja/r/{rid}")
        assert "Diputuskan" in page.text and "Sri PPID (ppid1)" in page.text


def test_a_role_is_checked_on_the_server_not_by_the_button(live_desk: LiveDesk) -> None:
    sent = _submit(live_desk)
    with live_desk.sign_in("petugas1") as c:
        rid = _record_id(c, sent["nomor"])
        forged = _act(c, rid, "putuskan", keputusan="dikabulkan_seluruhnya")
        assert forged.status_code == 403 and "memutus permohonan" in forged.text
        assert "Diterima" in c.get(f"/meja/r/{rid}").text
    with live_desk.accounts.engine.connect() as conn:
        denied = (
            conn.execute(
                sa.select(store.audit.c.isi).where(store.audit.c.tindakan == "akses_ditolak")
            )
            .scalars()
            .all()
        )
    assert {"izin": "putuskan_permohonan", "metode": "POST"} in denied


def test_a_post_without_a_valid_token_changes_nothing(live_desk: LiveDesk) -> None:
    sent = _submit(live_desk)
    with live_desk.sign_in("petugas1") as c, live_desk.sign_in("ppid1") as other:
        rid = _record_id(c, sent["nomor"])
        none = c.post(f"/meja/r/{rid}/tindakan/proses", data={})
        assert none.status_code == 403 and "token keamanannya tidak sah" in none.text
        someone_else_s = csrf_of(other.get("/meja/").text)
        stolen = c.post(f"/meja/r/{rid}/tindakan/proses", data={"_csrf": someone_else_s})
        assert stolen.status_code == 403
        assert "Sedang diproses" not in c.get(f"/meja/r/{rid}").text


def test_a_unit_sees_only_what_was_disposed_to_it(live_desk: LiveDesk) -> None:
    first, second = _submit(live_desk), _submit(live_desk)
    with live_desk.sign_in("petugas1") as c:
        rid = _record_id(c, first["nomor"])
        other = _record_id(c, second["nomor"])
        assert _act(c, rid, "disposisi", unit=UNIT, catatan="Mohon disiapkan").status_code == 303
    with live_desk.sign_in("unit1") as u:
        home = u.get("/meja/")
        assert "Didisposisikan ke unit saya" in home.text and first["nomor"] in home.text
        assert second["nomor"] not in home.text
        assert u.get(f"/meja/r/{rid}").status_code == 200
        assert u.get(f"/meja/r/{other}").status_code == 403
        listing = u.get("/meja/daftar")
        assert first["nomor"] in listing.text and second["nomor"] not in listing.text


def test_a_disposal_to_an_unknown_unit_is_refused(live_desk: LiveDesk) -> None:
    sent = _submit(live_desk)
    with live_desk.sign_in("petugas1") as c:
        rid = _record_id(c, sent["nomor"])
        answer = _act(c, rid, "disposisi", unit="bukan-unit")
        assert (
            answer.status_code == 422
            and "Unit: pilihan &#39;bukan-unit&#39; tidak dikenal" in answer.text
        )


def test_internal_notes_stay_on_the_desk(live_desk: LiveDesk) -> None:
    sent = _submit(live_desk)
    with live_desk.sign_in("petugas1") as c:
        rid = _record_id(c, sent["nomor"])
        token = csrf_of(c.get(f"/meja/r/{rid}").text)
        c.post(f"/meja/r/{rid}/catatan-internal", data={"_csrf": token, "isi": "Pemohon rewel"})
        assert "Pemohon rewel" in c.get(f"/meja/r/{rid}").text
    status = httpx.post(
        f"{live_desk.url}/status", data={"nomor": sent["nomor"], "kode": sent["kode"]}
    )
    assert "Pemohon rewel" not in status.text
    register = httpx.get(f"{live_desk.url}/register.json")
    assert "Pemohon rewel" not in register.text


def test_identity_documents_open_only_for_some_roles_and_each_view_is_recorded(
    live_desk: LiveDesk,
) -> None:
    sent = _submit(live_desk, dokumen_identitas=SCAN_PNG)
    with live_desk.sign_in("petugas1") as c:
        rid = _record_id(c, sent["nomor"])
        _act(c, rid, "disposisi", unit=UNIT)
        page = c.get(f"/meja/r/{rid}", params={"lihat": "1"})
        doc = re.search(r'src="(/meja/r/\d+/dokumen/\d+)"', page.text)
        assert doc, page.text
        image = c.get(doc.group(1))
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        assert image.headers["cache-control"] == "no-store"
    with live_desk.sign_in("unit1") as u:
        assert "/dokumen/" not in u.get(f"/meja/r/{rid}").text
        assert u.get(doc.group(1)).status_code == 403
    with live_desk.accounts.engine.connect() as conn:
        views = conn.execute(
            sa.select(store.audit.c.pengguna, store.audit.c.sasaran).where(
                store.audit.c.tindakan == "dokumen_dilihat"
            )
        ).all()
    assert views == [("petugas1", sent["nomor"])]


def test_an_example_record_says_so_on_its_page(live_desk: LiveDesk) -> None:
    real = _submit(live_desk)["nomor"]
    example = _submit(live_desk)["nomor"]
    engine = sa.create_engine(live_desk.relay.settings.database_url)
    with engine.begin() as conn:  # as forms/seed.py marks what it makes
        conn.execute(
            sa.update(store.records).where(store.records.c.nomor == example).values(contoh=True)
        )
    engine.dispose()
    with live_desk.sign_in("petugas1") as c:
        shown = c.get(f"/meja/r/{_record_id(c, example)}").text
        assert "Catatan contoh (demonstrasi)" in shown
        assert "Catatan contoh" not in c.get(f"/meja/r/{_record_id(c, real)}").text
