"""Letters on the desk, over a real relay and a real SMTP server (aiosmtpd): shown in the
page, downloaded as PDF and DOCX, sent to the requester with the PDF attached, each letter
numbered once, and refused to the roles that do not make it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from typing import Any

import docx
import httpx
import pytest
from pypdf import PdfReader

from forms.desk.audit import Entry
from forms.desk.web import Desk
from forms.settings import Settings, Smtp
from forms.surat import JENIS
from tests.forms.desk.conftest import LiveDesk, csrf_of
from tests.mailbox import Inbox, smtp_server
from tests.support import PERMOHONAN, run_relay


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def relay_settings(relay_settings: Settings, inbox: tuple[Inbox, int]) -> Settings:
    """The desk's relay with outgoing mail to the test's SMTP server."""
    smtp = Smtp(
        host="127.0.0.1",
        port=inbox[1],
        sender="ppid@kpu-contoh.go.id",
        desk="meja@kpu-contoh.go.id",
    )
    return replace(relay_settings, smtp=smtp)


def _desk(live: LiveDesk) -> Desk:
    desk: Desk = live.relay.app.state.desk
    return desk


def _decided(live: LiveDesk, form: dict[str, Any] | None = None) -> tuple[int, str]:
    """A request filed through the public form, its identity document given at the desk,
    and decided (dikabulkan seluruhnya) by the PPID: its record id and number."""
    answer = httpx.post(
        f"{live.url}/f/permohonan",
        json=form or PERMOHONAN,
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    nomor = answer.json()["nomor"]
    record_id = _desk(live).tracker.get(nomor).id
    with closing(live.sign_in("ppid1")) as ppid:
        csrf = csrf_of(ppid.get(f"/meja/r/{record_id}").text)
        for aksi, isi in (("lengkapi", {}), ("putuskan", {"keputusan": "dikabulkan_seluruhnya"})):
            done = ppid.post(f"/meja/r/{record_id}/tindakan/{aksi}", data={"_csrf": csrf, **isi})
            assert done.status_code == 303, done.text
    return record_id, nomor


def _audit(live: LiveDesk, tindakan: str) -> list[Entry]:
    desk = _desk(live)
    today = desk.tracker.today()
    return [e for e in desk.audit.read(today, today, desk.tracker.clock) if e.tindakan == tindakan]


def _letter_number(html: str) -> str:
    found = re.search(r"Nomor <strong>([^<]+)</strong>", html)
    assert found, html
    return found.group(1)


def _issue(c: httpx.Client, record_id: int, jenis: str) -> httpx.Response:
    """Issue a letter from its page (its number taken); the page of the issued letter."""
    preview = c.get(f"/meja/r/{record_id}/surat/{jenis}")
    issued = c.post(
        f"/meja/r/{record_id}/surat/{jenis}/terbitkan", data={"_csrf": csrf_of(preview.text)}
    )
    assert issued.status_code == 303, issued.text
    return c.get(issued.headers["location"])


def test_a_decided_request_has_its_letter_shown_downloaded_and_numbered_once(
    live_desk: LiveDesk,
) -> None:
    record_id, nomor = _decided(live_desk)
    with closing(live_desk.sign_in("petugas1")) as c:
        record_page = c.get(f"/meja/r/{record_id}").text
        assert f'href="/meja/r/{record_id}/surat/pemberitahuan"' in record_page
        assert f'href="/meja/r/{record_id}/surat/tanda-terima"' in record_page
        # not extended, not refused: those letters cannot be made, so no button
        assert "/surat/perpanjangan" not in record_page
        assert "/surat/penolakan" not in record_page

        preview = c.get(f"/meja/r/{record_id}/surat/pemberitahuan")
        assert preview.status_code == 200
        assert "PEMBERITAHUAN TERTULIS" in preview.text and "Budi Santoso" in preview.text
        # opening a letter takes no number: only the POST that issues it does
        assert _letter_number(preview.text) == "-"
        assert "surat" not in [e.jenis for e in _desk(live_desk).tracker.get(nomor).events]
        early = c.get(f"/meja/r/{record_id}/surat/pemberitahuan.pdf")
        assert early.status_code == 409 and "belum diterbitkan" in early.text
        first = _issue(c, record_id, "pemberitahuan")
        number = _letter_number(first.text)
        again = c.get(f"/meja/r/{record_id}/surat/pemberitahuan")
        assert _letter_number(again.text) == number  # viewing twice takes no second number
        # the letter as printed: its heading block, and the PPID's NIP under the name
        assert re.search(r"<dt>Nomor</dt>\s*<dd>" + re.escape(number), again.text)
        assert re.search(r"<dt>Sifat</dt>\s*<dd>Biasa</dd>", again.text)
        assert "Rina Wulandari, S.Kom.</strong><br>NIP 198807142011012003" in again.text
        events = _desk(live_desk).tracker.get(nomor).events
        assert [e.isi["nomor_surat"] for e in events if e.jenis == "surat"] == [number]
        assert f"nomor {number}" in c.get(f"/meja/r/{record_id}").text

        pdf = c.get(f"/meja/r/{record_id}/surat/pemberitahuan.pdf")
        assert pdf.status_code == 200
        assert pdf.headers["content-type"] == "application/pdf"
        stem = f"{nomor.replace('/', '-')}-pemberitahuan"
        assert pdf.headers["content-disposition"] == f'attachment; filename="{stem}.pdf"'
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert "Budi Santoso" in text and number in text and nomor in text

        word = c.get(f"/meja/r/{record_id}/surat/pemberitahuan.docx")
        assert word.headers["content-type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert word.headers["content-disposition"] == f'attachment; filename="{stem}.docx"'
        opened = docx.Document(io.BytesIO(word.content))
        body = "\n".join(p.text for p in opened.paragraphs) + "\n".join(
            cell.text for t in opened.tables for row in t.rows for cell in row.cells
        )
        assert "Budi Santoso" in body and number in body
    downloads = [e.isi["berkas"] for e in _audit(live_desk, "unduh") if e.sasaran == nomor]
    assert downloads == ["pemberitahuan.pdf", "pemberitahuan.docx"]


def test_a_letter_sent_by_mail_reaches_the_requester_with_its_pdf(
    live_desk: LiveDesk, inbox: tuple[Inbox, int]
) -> None:
    box = inbox[0]
    record_id, nomor = _decided(live_desk)
    box.messages.clear()  # the acknowledgement and the desk notice of the filing
    with closing(live_desk.sign_in("petugas1")) as c:
        shown = _issue(c, record_id, "pemberitahuan")
        number = _letter_number(shown.text)
        sent = c.post(
            f"/meja/r/{record_id}/surat/pemberitahuan/kirim", data={"_csrf": csrf_of(shown.text)}
        )
        assert sent.status_code == 303
        after = c.get(sent.headers["location"]).text
        assert "Surat dikirim kepada pemohon dengan lampiran PDF" in after
        record_page = c.get(f"/meja/r/{record_id}").text
        assert "Surat dikirim kepada pemohon" in record_page
        assert "dikirim kepada pemohon 1 kali" in record_page
    letters = [m for m in box.messages if m["To"] == "budi@contoh.id"]
    assert len(letters) == 1
    message = letters[0]
    assert number in message["Subject"] and nomor in message["Subject"]
    attached = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert len(attached) == 1
    assert attached[0].get_filename() == f"{nomor.replace('/', '-')}-pemberitahuan.pdf"
    pdf = PdfReader(io.BytesIO(attached[0].get_payload(decode=True)))
    assert "Budi Santoso" in " ".join(p.extract_text() for p in pdf.pages)
    event = _desk(live_desk).tracker.get(nomor).events[-1]
    assert (event.jenis, event.isi) == (
        "surat_dikirim",
        {"jenis": "pemberitahuan", "nomor_surat": number},
    )
    audited = _audit(live_desk, "surat_dikirim")
    assert [(e.pengguna, e.sasaran, e.isi["nomor_surat"]) for e in audited] == [
        ("petugas1", nomor, number)
    ]


def test_sending_is_refused_without_csrf_and_to_a_pelaksana(
    live_desk: LiveDesk, inbox: tuple[Inbox, int]
) -> None:
    box = inbox[0]
    record_id, nomor = _decided(live_desk)
    box.messages.clear()
    with closing(live_desk.sign_in("petugas1")) as c:
        c.get(f"/meja/r/{record_id}/surat/pemberitahuan")
        forged = c.post(f"/meja/r/{record_id}/surat/pemberitahuan/kirim", data={"_csrf": "x"})
        assert forged.status_code == 403
        assert "token keamanannya tidak sah" in forged.text
    with closing(live_desk.sign_in("unit1")) as unit:
        by_url = unit.get(f"/meja/r/{record_id}/surat/pemberitahuan")
        assert by_url.status_code == 403
        assert "membuat dan mengirim surat" in by_url.text
        assert unit.get(f"/meja/r/{record_id}/surat/pemberitahuan.pdf").status_code == 403
        csrf = csrf_of(unit.get("/meja/").text)  # the pelaksana's own valid token
        posted = unit.post(f"/meja/r/{record_id}/surat/pemberitahuan/kirim", data={"_csrf": csrf})
        assert posted.status_code == 403
    assert box.messages == []
    events = [e.jenis for e in _desk(live_desk).tracker.get(nomor).events]
    assert "surat_dikirim" not in events
    assert len(_audit(live_desk, "csrf_ditolak")) == 1
    assert {e.pengguna for e in _audit(live_desk, "akses_ditolak")} == {"unit1"}


def test_each_letter_only_to_the_roles_that_make_it(live_desk: LiveDesk) -> None:
    record_id, _nomor = _decided(live_desk)
    with closing(live_desk.sign_in("atasan1")) as atasan:
        page = atasan.get(f"/meja/r/{record_id}").text
        assert "/surat/" not in page  # the atasan signs answers to objections only
        refused = atasan.get(f"/meja/r/{record_id}/surat/pemberitahuan")
        assert refused.status_code == 403
        assert "ditandatangani PPID" in refused.text
    with closing(live_desk.sign_in("ppid1")) as ppid:
        page = ppid.get(f"/meja/r/{record_id}").text
        assert f"/meja/r/{record_id}/surat/pemberitahuan" in page
        assert ppid.get(f"/meja/r/{record_id}/surat/pemberitahuan").status_code == 200
        not_yet = ppid.get(f"/meja/r/{record_id}/surat/perpanjangan")
        assert not_yet.status_code == 409 and "tidak diperpanjang" in not_yet.text
        assert ppid.get(f"/meja/r/{record_id}/surat/undangan").status_code == 404


def test_a_mail_server_failure_records_nothing_as_sent(
    live_desk: LiveDesk, inbox: tuple[Inbox, int]
) -> None:
    box = inbox[0]
    record_id, nomor = _decided(live_desk)
    box.refuse.add("budi@contoh.id")
    with closing(live_desk.sign_in("petugas1")) as c:
        shown = c.get(f"/meja/r/{record_id}/surat/pemberitahuan")
        failed = c.post(
            f"/meja/r/{record_id}/surat/pemberitahuan/kirim", data={"_csrf": csrf_of(shown.text)}
        )
        assert failed.status_code == 502
        assert "Surat belum terkirim" in failed.text and "budi@contoh.id" in failed.text
        assert "Tidak ada yang dicatat sebagai terkirim" in failed.text
    assert "surat_dikirim" not in [e.jenis for e in _desk(live_desk).tracker.get(nomor).events]
    assert _audit(live_desk, "surat_dikirim") == []
    assert len(_audit(live_desk, "surat_gagal")) == 1


def test_no_address_on_the_record_is_said_and_nothing_is_sent(live_desk: LiveDesk) -> None:
    record_id, nomor = _decided(live_desk, {k: v for k, v in PERMOHONAN.items() if k != "email"})
    with closing(live_desk.sign_in("petugas1")) as c:
        shown = c.get(f"/meja/r/{record_id}/surat/pemberitahuan")
        assert "tidak mencantumkan alamat surel pemohon" in shown.text
        assert "Kirim lewat surel" not in shown.text
        posted = c.post(
            f"/meja/r/{record_id}/surat/pemberitahuan/kirim", data={"_csrf": csrf_of(shown.text)}
        )
        assert posted.status_code == 409 and "Surat belum dikirim" in posted.text
    assert "surat_dikirim" not in [e.jenis for e in _desk(live_desk).tracker.get(nomor).events]


def test_without_smtp_the_page_says_so(relay_settings: Settings) -> None:
    from forms.desk.accounts import Accounts
    from forms.desk.roles import load_roles
    from forms.store import tables as store
    from tests.forms.desk.conftest import PASSWORD

    settings = replace(relay_settings, smtp=None)
    engine = store.make_engine(settings.database_url)
    store.migrate(engine)
    accounts = Accounts(engine, load_roles())
    accounts.add("petugas1", "Rina Petugas", ["petugas"], [], "p@kpu-contoh.go.id", PASSWORD)
    accounts.add("ppid1", "Sri PPID", ["ppid"], [], "s@kpu-contoh.go.id", PASSWORD)
    for relay in run_relay(settings):
        live = LiveDesk(relay, accounts)
        record_id, nomor = _decided(live)
        with closing(live.sign_in("petugas1")) as c:
            shown = c.get(f"/meja/r/{record_id}/surat/tanda-terima")
            assert "Surel keluar belum diatur (PPID_SMTP_HOST)" in shown.text
            posted = c.post(
                f"/meja/r/{record_id}/surat/tanda-terima/kirim",
                data={"_csrf": csrf_of(shown.text)},
            )
            assert posted.status_code == 409 and "Surat belum dikirim" in posted.text
            # a refused send takes no number; issuing it for the post still does
            assert "surat" not in [e.jenis for e in _desk(live).tracker.get(nomor).events]
            _issue(c, record_id, "tanda-terima")
        events = [e.jenis for e in _desk(live).tracker.get(nomor).events]
        assert "surat" in events and "surat_dikirim" not in events
    engine.dispose()


def test_who_makes_which_letter_follows_the_roles_file(live_desk: LiveDesk) -> None:
    from forms.desk.letters import may_make

    desk = _desk(live_desk)
    made = {
        username: sorted(j for j in JENIS if may_make(desk.roles, desk.accounts.get(username), j))
        for username in ("petugas1", "ppid1", "atasan1", "unit1", "admin1")
    }
    assert made == {
        "petugas1": sorted(JENIS),
        "ppid1": ["pemberitahuan", "penolakan", "perpanjangan", "tanda-terima"],
        "atasan1": ["tanggapan-keberatan"],
        "unit1": [],
        "admin1": [],
    }
