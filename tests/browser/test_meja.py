"""The staff desk (/meja/) in a real browser: a request from the site's form to the decision,
an objection to its answer, every role refused what it may not do, sign-in throttling,
forged forms, session timeout, and identity documents whose every view is recorded.

Every desk page a journey visits is inspected where it stands (`Meja.inspect`): axe-core
finds no serious or critical violation, screenshots at 360 and 1280 px go to screenshots/,
and at 360 px nothing but a `.gulir` table wrapper scrolls sideways. No journey may break
the desk's Content-Security-Policy (the pages are served with it; axe runs through the
DevTools protocol, which the policy does not govern).

The helpers (`Meja`, `signed_in`, `submit`, `act_in_page`) are for later journeys too:
letters, registers, entry at the desk, unit drafts, accounts and the audit page, which
the later journeys here visit: a unit's draft approved and the written notice issued and
mailed with its PDF (to aiosmtpd), and every other desk page inspected.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy.engine import Engine

from forms.desk.accounts import Accounts
from forms.desk.roles import load_roles
from forms.desk.sessions import COOKIE
from forms.settings import Limits, Settings, Smtp
from forms.store import tables as store
from forms.tracker import Tracker
from tests.mailbox import Inbox, smtp_server
from tests.support import PERMOHONAN, ROOT, SCAN_PDF, SCAN_PNG, LiveRelay, run_relay

from .conftest import SHOTS
from .test_journeys import _fill_permohonan

pytestmark = pytest.mark.browser

PASSWORD = "kata-sandi-uji-123"
UNIT = "keuangan-umum-logistik"
OTHER_UNIT = "hukum-sdm"
PEOPLE = {
    "petugas1": ("Rina Petugas", ["petugas"], []),
    "petugas2": ("Yuni Petugas", ["petugas"], []),
    "ppid1": ("Sri PPID", ["ppid"], []),
    "unit1": ("Agus Pelaksana", ["pelaksana"], [UNIT]),
    "atasan1": ("Hadi Atasan", ["atasan"], []),
    "admin1": ("Dewi Admin", ["admin"], []),
    "lupa1": ("Lupa Sandi", ["petugas"], []),  # the throttle's account, nobody else's
}
WIDTHS = (1280, 360)
JSON = {"Accept": "application/json"}


@dataclass
class Meja:
    """The desk on loopback, its database, and the browser that visits it."""

    relay: LiveRelay
    engine: Engine
    browser: Browser
    axe: str
    contexts: list[BrowserContext] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)  # Content-Security-Policy refusals seen
    shown: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return self.relay.url

    @property
    def tracker(self) -> Tracker:
        tracker: Tracker = self.relay.app.state.desk.tracker
        return tracker

    # -- browsing -----------------------------------------------------------------------

    def page(self, width: int = 1280) -> Page:
        """A fresh browser (own cookies) with JavaScript, served the desk's real policy."""
        context = self.browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
        self.contexts.append(context)
        p = context.new_page()
        p.on(
            "console",
            lambda m: (
                self.csp.append(f"{p.url}: {m.text}")
                if "Content Security Policy" in m.text
                else None
            ),
        )
        return p

    def signed_in(self, username: str, width: int = 1280) -> Page:
        """A browser signed in through the sign-in form, on Beranda."""
        p = self.page(width)
        p.goto(self.url + "/meja/masuk")
        sign_in(p, username)
        expect(p.locator("h1")).to_have_text("Beranda")
        return p

    def inspect(self, p: Page, name: str) -> None:
        """The page as it stands: axe-core (every <details> opened, so the forms inside are
        audited too), then screenshots at each width, and no sideways scroll at 360 px."""
        p.wait_for_load_state("networkidle")
        opened = p.evaluate("""() => { const c = [...document.querySelectorAll(
            'details:not([open])')]; c.forEach(d => d.open = true); return c.length; }""")
        try:
            violations = axe(p, self.axe)
            assert violations == [], (name, json.dumps(violations, ensure_ascii=False, indent=1))
            SHOTS.mkdir(exist_ok=True)
            size = p.viewport_size or {"width": 1280, "height": 900}
            for width in WIDTHS:
                p.set_viewport_size({"width": width, "height": 900})
                p.screenshot(path=str(SHOTS / f"meja-{name}-{width}.png"), full_page=True)
                if width == 360:
                    wide = p.evaluate("document.documentElement.scrollWidth")
                    assert wide <= 360, f"{name}: halaman selebar {wide}px pada layar 360px"
                # a value beside its name reads as a line, not a column of single letters
                narrow = p.evaluate("""() => [...document.querySelectorAll('dl')].flatMap(dl =>
                    [...dl.querySelectorAll(':scope > dd')].filter(dd =>
                        dd.getBoundingClientRect().width < dl.clientWidth / 2)
                    .map(dd => dd.textContent.trim().slice(0, 30)))""")
                assert narrow == [], f"{name} ({width}px): nilai terjepit: {narrow}"
            p.set_viewport_size(size)
        finally:
            if opened:
                p.evaluate("""() => document.querySelectorAll('details[open]').forEach(d => {
                    if (!d.querySelector('[role=alert]')) d.open = false; })""")
        self.shown.add(name)

    # -- the database -------------------------------------------------------------------

    def record(self, nomor: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = store.one(conn, sa.select(store.records).where(store.records.c.nomor == nomor))
        assert row is not None, nomor
        return dict(row)

    def events(self, nomor: str) -> list[str]:
        e = store.events.c
        rid = self.record(nomor)["id"]
        with self.engine.connect() as conn:
            return list(
                conn.execute(sa.select(e.jenis).where(e.record_id == rid).order_by(e.id)).scalars()
            )

    def audit(self, tindakan: str, sasaran: str | None = None) -> list[dict[str, Any]]:
        a = store.audit.c
        query = sa.select(store.audit).where(a.tindakan == tindakan)
        if sasaran is not None:
            query = query.where(a.sasaran == sasaran)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query.order_by(a.id)).mappings()]

    # -- the public side ----------------------------------------------------------------

    def submit(self, files: dict[str, tuple[str, bytes]] | None = None) -> dict[str, Any]:
        """A request through POST /f/permohonan; its JSON answer (nomor, kode, ...)."""
        if files:
            answer = httpx.post(
                f"{self.url}/f/permohonan", data=PERMOHONAN, files=files, headers=JSON
            )
        else:
            answer = httpx.post(f"{self.url}/f/permohonan", json=PERMOHONAN, headers=JSON)
        assert answer.status_code == 200, answer.text
        given: dict[str, Any] = answer.json()
        return given

    def path(self, nomor: str) -> str:
        return f"{self.url}/meja/r/{self.record(nomor)['id']}"


def sign_in(p: Page, username: str, password: str = PASSWORD) -> None:
    p.get_by_label("Nama pengguna").fill(username)
    p.get_by_label("Kata sandi").fill(password)
    p.get_by_role("button", name="Masuk", exact=True).click()


def axe(p: Page, source: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations (injected through DevTools, not a
    <script>, so the page keeps its policy)."""
    if not p.evaluate("typeof window.axe === 'object'"):
        p.evaluate(source)
    result: list[dict[str, Any]] = p.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def act_in_page(p: Page, code: str, **fields: str) -> None:
    """Open a record action's <details> by its summary, fill it, send it."""
    section = p.locator(f"details#t-{code}")
    section.locator("summary").click()
    for name, value in fields.items():
        box = section.locator(f"#{code}-{name}")
        if box.evaluate("e => e.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)
    section.locator("button[type=submit]").click()


def refused_page(p: Page, heading: str, message: str) -> None:
    expect(p.locator("h1")).to_have_text(heading)
    expect(p.get_by_role("alert")).to_contain_text(message)


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    """The SMTP server the desk's relay sends through (aiosmtpd on loopback)."""
    with smtp_server() as (box, _port):
        yield box


@pytest.fixture(scope="module")
def desk_relay(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory, inbox: Inbox
) -> Iterator[LiveRelay]:
    """Site, relay and desk on one port with a database of their own (the journeys count
    what is on Beranda), one account per role, and mail to the test's SMTP server."""
    tmp = tmp_path_factory.mktemp("meja")
    settings = Settings(
        smtp=Smtp(
            host="127.0.0.1",
            port=inbox.port,
            sender="ppid@kpu-contoh.go.id",
            desk="meja@kpu-contoh.go.id",
        ),
        database_url=f"sqlite:///{tmp / 'ppid.sqlite3'}",
        upload_dir=tmp / "unggahan",
        secret="uji-meja",
        office_file=ROOT / "dip" / "badan-publik.yml",
        limits=Limits(per_minute=1000),
    )
    engine = store.make_engine(settings.database_url)
    store.migrate(engine)
    accounts = Accounts(engine, load_roles())
    for username, (nama, peran, unit) in PEOPLE.items():
        accounts.add(username, nama, peran, unit, f"{username}@kpu-contoh.go.id", PASSWORD)
    engine.dispose()
    yield from run_relay(settings, site_dir=built_site)


@pytest.fixture
def meja(desk_relay: LiveRelay, browser: Browser, axe_source: str) -> Iterator[Meja]:
    engine = store.make_engine(desk_relay.settings.database_url)
    m = Meja(desk_relay, engine, browser, axe_source)
    yield m
    for context in m.contexts:
        context.close()
    engine.dispose()
    assert m.csp == [], f"kebijakan keamanan konten dilanggar: {m.csp}"


# -- journeys ---------------------------------------------------------------------------


def test_request_from_the_site_to_its_decision(meja: Meja) -> None:
    # A requester fills in the site's form, with a scan of their identity card.
    public = meja.page()
    public.goto(meja.url + "/layanan/permohonan/")
    _fill_permohonan(public)
    public.locator("#f-dokumen-identitas").set_input_files(
        {"name": "ktp.png", "mimeType": "image/png", "buffer": SCAN_PNG}
    )
    public.get_by_role("button", name="Kirim permohonan").click()
    expect(public.locator("h1")).to_contain_text("telah diterima")
    nomor = public.locator("dd.ppid-nomor-besar").first.inner_text()

    # The petugas signs in: it is on Beranda under "Baru masuk".
    petugas = meja.page()
    petugas.goto(meja.url + "/meja/")
    expect(petugas).to_have_url(re.compile(r"/meja/masuk\?lanjut="))
    meja.inspect(petugas, "masuk")
    sign_in(petugas, "petugas1")
    expect(petugas.locator("h1")).to_have_text("Beranda")
    baru = petugas.locator("section#baru")
    expect(baru.locator("h2")).to_contain_text("Baru masuk")
    expect(baru.get_by_role("row").filter(has_text=nomor)).to_contain_text("Budi Santoso")
    meja.inspect(petugas, "beranda-petugas")

    # Assigned to herself, then disposed to a unit, through the record page's forms.
    baru.get_by_role("link", name=nomor).click()
    expect(petugas.locator("h1")).to_have_text(f"Permohonan {nomor}")
    details = petugas.locator("section[aria-labelledby=j-rincian] dl")
    expect(details).to_contain_text("Budi Santoso")
    assert not re.search(r"\b(True|False|None)\b", details.inner_text())  # yes/no in words
    meja.inspect(petugas, "catatan-petugas")
    mine = petugas.locator("#tugaskan-petugas option", has_text="Rina Petugas")
    act_in_page(petugas, "tugaskan", petugas=str(mine.get_attribute("value")))
    expect(petugas).to_have_url(re.compile(r"\?ok=tugaskan#linimasa$"))
    act_in_page(petugas, "disposisi", unit=UNIT, catatan="Mohon salinan DIPA 2026")
    expect(petugas).to_have_url(re.compile(r"\?ok=disposisi#linimasa$"))
    timeline = petugas.locator("#linimasa")
    expect(timeline).to_contain_text("Ditugaskan")
    expect(timeline).to_contain_text("Didisposisikan ke unit")
    expect(timeline).to_contain_text("Mohon salinan DIPA 2026")
    expect(petugas.locator("dl")).to_contain_text("Rina Petugas (petugas1)")
    assert meja.record(nomor)["petugas"] == "Rina Petugas (petugas1)"

    # The unit's pelaksana sees it on Beranda and opens it.
    unit = meja.signed_in("unit1")
    mine_unit = unit.locator("section#unit_saya")
    expect(mine_unit.locator("h2")).to_contain_text("Didisposisikan ke unit saya")
    meja.inspect(unit, "beranda-pelaksana")
    mine_unit.get_by_role("link", name=nomor).click()
    expect(unit.locator("h1")).to_have_text(f"Permohonan {nomor}")
    expect(unit.locator("dl")).to_contain_text(UNIT)
    meja.inspect(unit, "catatan-pelaksana")

    # The PPID decides it: the status changes, on the page and in the database.
    ppid = meja.signed_in("ppid1")
    ppid.goto(meja.path(nomor))
    act_in_page(
        ppid,
        "putuskan",
        keputusan="dikabulkan_seluruhnya",
        diberikan="Salinan DIPA 2026 (PDF, 12 halaman)",
    )
    expect(ppid.locator("p.status")).to_contain_text("Diputuskan")
    expect(ppid.locator("dl")).to_contain_text("Dikabulkan seluruhnya")
    expect(ppid.locator("#linimasa")).to_contain_text("Diputuskan")
    meja.inspect(ppid, "catatan-diputuskan")
    assert meja.record(nomor)["status"] == "diputuskan"


def test_the_unit_drafts_and_the_ppid_mails_the_notice(meja: Meja, inbox: Inbox) -> None:
    nomor = meja.submit({"dokumen_identitas": ("ktp.png", SCAN_PNG, "image/png")})["nomor"]
    petugas = meja.signed_in("petugas1")
    petugas.goto(meja.path(nomor))
    act_in_page(petugas, "disposisi", unit=UNIT, catatan="Mohon jawaban unit")

    # The unit's pelaksana writes the draft answer with the document attached.
    unit = meja.signed_in("unit1")
    unit.goto(meja.path(nomor))
    unit.locator("#isi-draf").fill("Salinan DIPA 2026 terlampir (12 halaman).")
    unit.locator("#lampiran-draf").set_input_files(
        {"name": "dipa-2026.pdf", "mimeType": "application/pdf", "buffer": SCAN_PDF}
    )
    unit.get_by_role("button", name="Ajukan draf ke PPID").click()
    draft = unit.locator("article.draf-diajukan")
    expect(draft).to_contain_text("Menunggu persetujuan PPID")
    expect(draft.get_by_role("link", name="dipa-2026.pdf")).to_be_visible()
    meja.inspect(unit, "draf-pelaksana")
    assert meja.events(nomor)[-1] == "draf_diajukan"

    # The PPID approves it, decides, issues the written notice and mails it.
    ppid = meja.signed_in("ppid1")
    ppid.goto(meja.path(nomor))
    meja.inspect(ppid, "draf-ppid")
    ppid.get_by_role("button", name="Setujui draf").click()
    expect(ppid.locator("article.draf-disetujui")).to_contain_text("Disetujui")
    act_in_page(ppid, "putuskan", keputusan="dikabulkan_seluruhnya")
    expect(ppid.locator("p.status")).to_contain_text("Diputuskan")
    ppid.locator("#surat").get_by_role("link", name="Pemberitahuan Tertulis").click()
    expect(ppid.locator("h1")).to_have_text("Pemberitahuan Tertulis")
    number_line = ppid.locator("main > p").filter(has_text=re.compile(r"^Nomor "))
    expect(number_line).to_have_text(re.compile(r"^Nomor -, tanggal "))
    meja.inspect(ppid, "surat-pratinjau")
    assert "surat" not in meja.events(nomor)  # looking at it took no number
    ppid.get_by_role("button", name="Terbitkan dan beri nomor").click()
    expect(number_line).not_to_have_text(re.compile(r"^Nomor -,"))
    number = number_line.locator("strong").inner_text()
    meja.inspect(ppid, "surat")
    inbox.messages.clear()
    ppid.get_by_role("button", name="Kirim lewat surel").click()
    expect(ppid.get_by_role("status")).to_contain_text("Surat dikirim kepada pemohon")
    inbox.wait(1)
    sent = inbox.to("budi@contoh.id")
    attached = [part for part in sent.walk() if part.get_content_type() == "application/pdf"]
    assert len(attached) == 1 and attached[0].get_payload(decode=True).startswith(b"%PDF-")
    assert meja.events(nomor)[-1] == "surat_dikirim"
    ppid.goto(meja.path(nomor))
    expect(ppid.locator("#linimasa")).to_contain_text("Surat dikirim kepada pemohon")
    [sent_entry] = meja.audit("surat_dikirim", nomor)
    assert sent_entry["pengguna"] == "ppid1" and sent_entry["isi"]["nomor_surat"] == number


def test_every_other_desk_page_in_the_browser(meja: Meja) -> None:
    """Entry at the desk, registers and reports, accounts, own account, the audit log:
    each audited, photographed at 360 and 1280 px, within the phone's width."""
    petugas = meja.signed_in("petugas1")
    for path, name, heading in (
        ("/meja/daftar", "daftar", "Daftar permohonan dan keberatan"),
        ("/meja/baru", "baru", None),
        ("/meja/baru?jenis=keberatan", "baru-keberatan", None),
        ("/meja/laporan", "laporan", None),
        ("/meja/akun", "akun", None),
    ):
        petugas.goto(meja.url + path)
        if heading:
            expect(petugas.locator("h1")).to_have_text(heading)
        meja.inspect(petugas, name)
    admin = meja.signed_in("admin1")
    for path, name in (("/meja/pengguna", "pengguna"), ("/meja/audit", "audit")):
        admin.goto(meja.url + path)
        expect(admin.locator("h1")).to_be_visible()
        meja.inspect(admin, name)


def test_objection_decided_by_the_atasan(meja: Meja) -> None:
    given = meja.submit()
    keberatan = httpx.post(
        f"{meja.url}/f/keberatan",
        json={
            "nomor_permohonan": given["nomor"],
            "kode": given["kode"],
            "nama": "Budi Santoso",
            "email": "budi@contoh.id",
            "telepon": "081234567890",
            "alasan": ["c"],
            "kasus_posisi": "Belum ada jawaban.",
        },
        headers=JSON,
    )
    assert keberatan.status_code == 200, keberatan.text
    nomor = keberatan.json()["nomor"]

    atasan = meja.signed_in("atasan1")
    waiting = atasan.locator("section#menunggu_atasan")
    expect(waiting.get_by_role("row").filter(has_text=nomor)).to_be_visible()
    waiting.get_by_role("link", name=nomor).click()
    expect(atasan.locator("h1")).to_have_text(f"Keberatan {nomor}")
    expect(atasan.locator("dl")).to_contain_text(given["nomor"])  # its request, linked
    meja.inspect(atasan, "catatan-keberatan")

    # Upholding the PPID's answer needs the atasan's written reasons (UU 14/2008 Pasal 36).
    act_in_page(atasan, "putuskan", keputusan="ditolak")
    expect(atasan.locator("#t-putuskan [role=alert]")).to_contain_text("wajib disertai alasan")
    meja.inspect(atasan, "catatan-keberatan-galat")
    assert meja.record(nomor)["status"] != "diputuskan"
    atasan.locator("#putuskan-pertimbangan").fill("Informasi telah diberikan sesuai DIP.")
    atasan.locator("details#t-putuskan button[type=submit]").click()
    expect(atasan.locator("p.status")).to_contain_text("Diputuskan")
    expect(atasan.locator("#linimasa")).to_contain_text("Informasi telah diberikan sesuai DIP.")
    row = meja.record(nomor)
    assert row["status"] == "diputuskan"


def test_each_role_is_refused_what_it_may_not_do(meja: Meja) -> None:
    ours, theirs, loose = (meja.submit()["nomor"] for _ in range(3))
    meja.tracker.act(ours, "disposisi", "Uji", unit=UNIT)
    meja.tracker.act(theirs, "disposisi", "Uji", unit=OTHER_UNIT)
    before = {n: (meja.record(n), meja.events(n)) for n in (ours, theirs, loose)}

    unit = meja.signed_in("unit1")
    expect(unit.locator("section#unit_saya")).to_contain_text(ours)
    for elsewhere in (theirs, loose):
        expect(unit.locator("main")).not_to_contain_text(elsewhere)
    unit.goto(meja.url + "/meja/daftar")
    expect(unit.get_by_role("link", name=re.compile("XLSX"))).to_have_count(0)
    answer = unit.goto(meja.url + "/meja/daftar.xlsx")
    assert answer is not None and answer.status == 403
    refused_page(unit, "Tidak diizinkan", "mengunduh register dan laporan")
    meja.inspect(unit, "galat-403")
    for elsewhere in (theirs, loose):  # another unit's, and one not disposed at all
        answer = unit.goto(meja.path(elsewhere))
        assert answer is not None and answer.status == 403
        refused_page(unit, "Tidak diizinkan", "Peran Anda tidak mengizinkan ini")
    unit.goto(meja.url + "/meja/daftar")
    expect(unit.locator("table")).to_contain_text(ours)
    expect(unit.locator("table")).not_to_contain_text(theirs)
    meja.inspect(unit, "daftar-pelaksana")

    # A petugas may not decide: the form is not offered, and a hand-made POST is refused.
    petugas = meja.signed_in("petugas1")
    petugas.goto(meja.path(ours))
    expect(petugas.locator("details#t-putuskan")).to_have_count(0)
    csrf = str(petugas.locator("input[name=_csrf]").first.get_attribute("value"))
    answer_post = petugas.request.post(
        meja.path(ours) + "/tindakan/putuskan",
        form={"_csrf": csrf, "keputusan": "dikabulkan_seluruhnya"},
        max_redirects=0,
    )
    assert answer_post.status == 403
    assert "memutus permohonan" in answer_post.text()

    # Forged forms: the token removed, or another person's session's token put in.
    other = meja.signed_in("petugas2")
    other.goto(meja.path(ours))
    stolen = str(other.locator("input[name=_csrf]").first.get_attribute("value"))
    petugas.goto(meja.path(ours))
    petugas.locator("details#t-catat summary").click()
    petugas.locator("#catat-catatan").fill("tanpa token")
    petugas.evaluate("document.querySelector('#t-catat input[name=_csrf]').remove()")
    petugas.locator("details#t-catat button[type=submit]").click()
    refused_page(petugas, "Tidak diizinkan", "token keamanannya tidak sah")
    petugas.goto(meja.path(ours))
    petugas.locator("details#t-catat summary").click()
    petugas.locator("#catat-catatan").fill("token orang lain")
    petugas.evaluate("t => document.querySelector('#t-catat input[name=_csrf]').value = t", stolen)
    petugas.locator("details#t-catat button[type=submit]").click()
    refused_page(petugas, "Tidak diizinkan", "token keamanannya tidak sah")

    assert {n: (meja.record(n), meja.events(n)) for n in (ours, theirs, loose)} == before
    refusals = meja.audit("akses_ditolak")
    assert {r["pengguna"] for r in refusals} >= {"unit1", "petugas1"}
    assert len(meja.audit("csrf_ditolak")) >= 2


def test_sign_in_throttled_after_five_wrong_passwords(meja: Meja) -> None:
    p = meja.page()
    p.goto(meja.url + "/meja/masuk")
    for _ in range(5):
        sign_in(p, "lupa1", "bukan-kata-sandinya")
        expect(p.get_by_role("alert")).to_contain_text("kata sandi salah")
    meja.inspect(p, "masuk-salah")
    sign_in(p, "lupa1")  # the right one, too late
    refused_page(p, "Tunggu sebentar", "Terlalu banyak percobaan masuk yang gagal")
    expect(p.get_by_role("alert")).to_contain_text(re.compile(r"sampai pukul \d\d\.\d\d WI"))
    meja.inspect(p, "galat-429")
    assert meja.audit("masuk_ditahan", "lupa1")


def test_sign_in_form_with_a_forged_token_is_refused(meja: Meja) -> None:
    p = meja.page()
    p.goto(meja.url + "/meja/masuk")
    p.evaluate("document.querySelector('input[name=_csrf]').value = 'palsu'")
    sign_in(p, "petugas1")
    refused_page(p, "Tidak diizinkan", "Formulir masuk kedaluwarsa")
    p.goto(meja.url + "/meja/")
    expect(p).to_have_url(re.compile(r"/meja/masuk"))  # not signed in


def test_idle_session_ends_after_eight_hours(meja: Meja) -> None:
    p = meja.signed_in("petugas2")
    p.goto(meja.url + "/meja/daftar?jenis=permohonan")
    meja.inspect(p, "daftar")
    cookie = next(c for c in p.context.cookies() if c["name"] == COOKIE)
    digest = hashlib.sha256(cookie["value"].encode()).hexdigest()
    with store.transaction(meja.engine) as conn:
        changed = conn.execute(
            sa.update(store.sesi)
            .where(store.sesi.c.id == digest)
            .values(terakhir=datetime.now(UTC) - timedelta(hours=9))
        ).rowcount
    assert changed == 1
    p.reload()
    expect(p).to_have_url(re.compile(r"/meja/masuk\?lanjut=%2Fmeja%2Fdaftar%3Fjenis%3Dpermohonan"))
    sign_in(p, "petugas2")  # and back where they were
    expect(p).to_have_url(re.compile(r"/meja/daftar\?jenis=permohonan$"))


def test_identity_documents_shown_and_every_view_recorded(meja: Meja) -> None:
    image = meja.submit({"dokumen_identitas": ("ktp.png", SCAN_PNG)})["nomor"]
    pdf = meja.submit({"dokumen_identitas": ("ktp.pdf", SCAN_PDF)})["nomor"]
    meja.tracker.act(image, "disposisi", "Uji", unit=UNIT)
    assert meja.audit("dokumen_dilihat", image) == []

    petugas = meja.signed_in("petugas1")
    petugas.goto(meja.path(image))
    documents = petugas.locator("section[aria-labelledby=j-dokumen]")
    expect(documents).to_contain_text("dicatat di log audit")
    documents.get_by_role("link", name="tampilkan").click()
    shown = documents.get_by_role("img", name="Salinan KTP / identitas pemohon")
    expect(shown).to_be_visible()
    assert shown.evaluate("i => i.complete && i.naturalWidth") == 40  # the scan itself
    meja.inspect(petugas, "catatan-dokumen")
    seen = meja.audit("dokumen_dilihat", image)
    assert [(r["pengguna"], r["isi"]["dokumen"]) for r in seen] == [
        ("petugas1", "dokumen_identitas")
    ]

    petugas.goto(meja.path(pdf))
    documents = petugas.locator("section[aria-labelledby=j-dokumen]")
    expect(documents.get_by_role("link", name="tampilkan")).to_have_count(0)  # not an image
    link = documents.get_by_role("link", name="buka berkas")
    answer = petugas.request.get(meja.url + str(link.get_attribute("href")))
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")
    assert len(meja.audit("dokumen_dilihat", pdf)) == 1

    # The unit sees that there are documents, and no way to open them.
    unit = meja.signed_in("unit1")
    unit.goto(meja.path(image))
    documents = unit.locator("section[aria-labelledby=j-dokumen]")
    expect(documents).to_contain_text("Peran Anda tidak dapat membuka dokumen identitas")
    expect(documents.get_by_role("link")).to_have_count(0)
    href = str(link.get_attribute("href")).replace(
        f"/r/{meja.record(pdf)['id']}/", f"/r/{meja.record(image)['id']}/"
    )
    answer = unit.request.get(meja.url + href)
    assert answer.status == 403
    assert len(meja.audit("dokumen_dilihat", image)) == 1


def test_list_search_filters_and_pages_not_found(meja: Meja) -> None:
    nomor = meja.submit()["nomor"]
    p = meja.signed_in("admin1")
    p.get_by_role("link", name="Daftar", exact=True).click()
    p.get_by_label("Cari (nomor, nama, perihal)").fill(nomor)
    p.get_by_label("Jenis").select_option("permohonan")
    p.get_by_role("button", name="Terapkan").click()
    expect(p.get_by_role("row").filter(has_text=nomor)).to_contain_text("Budi Santoso")
    expect(p.locator("main")).to_contain_text("1 catatan")
    meja.inspect(p, "daftar-cari")
    xlsx = p.request.get(
        meja.url + str(p.get_by_role("link", name=re.compile("XLSX")).get_attribute("href"))
    )
    assert xlsx.ok and xlsx.body().startswith(b"PK")
    answer = p.goto(meja.url + "/meja/r/999999")
    assert answer is not None and answer.status == 404
    refused_page(p, "Tidak ditemukan", "Catatan tidak ditemukan")
    meja.inspect(p, "galat-404")
