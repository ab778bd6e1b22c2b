"""The public forms without dead ends, and the relay's pages in the site's look, in Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support import PERMOHONAN, SCAN_PDF, LiveRelay, run_relay

from .conftest import SHOTS
from .test_layout import _axe

pytestmark = pytest.mark.browser


def _fill_permohonan(page: Page) -> None:
    page.get_by_label("Nama lengkap").fill("Budi Santoso")
    page.get_by_label("NIK (16 angka)").fill("3399011203850001")
    page.get_by_label("Alamat *").fill("Jl. Melati 5, Kabupaten Contoh")
    page.get_by_label("Pekerjaan *").fill("Wartawan")
    page.get_by_label("Nomor telepon/HP").fill("0812-3456-7890")
    page.get_by_label("Surel (email)").fill("budi@contoh.id")
    page.get_by_label("Rincian informasi yang dibutuhkan *").fill("Salinan DIPA 2026")
    page.get_by_label("Tujuan penggunaan informasi *").fill("Bahan liputan")
    page.get_by_label("Mendapatkan salinan cetak (hardcopy)").check()
    page.get_by_label("Cara mendapatkan salinan").select_option("pos")


def _request(page: Page, server: LiveRelay) -> tuple[str, str]:
    """A request filed by a script: its number and status code."""
    r = page.request.post(
        server.url + "/f/permohonan",
        data=json.dumps(PERMOHONAN),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    assert r.ok, r.text()
    body = r.json()
    return body["nomor"], body["kode"]


def _in_the_site_s_look(page: Page) -> None:
    expect(page.locator("header.md-header")).to_be_visible()
    expect(page.locator("footer.md-footer")).to_be_attached()
    assert page.locator(".md-tabs__link").count() >= 4 or page.viewport_size["width"] < 1220  # type: ignore[index]
    # the site's own font stack and palette, not the relay's
    primary = page.evaluate(
        "getComputedStyle(document.querySelector('header.md-header')).backgroundColor"
    )
    assert primary == "rgb(183, 28, 28)"


def test_consent_forgotten_then_sent_from_the_error_page(
    page_nojs: Page, server: LiveRelay
) -> None:
    p = page_nojs
    p.goto(server.url + "/layanan/permohonan/")
    _fill_permohonan(p)  # the consent box left empty
    p.get_by_role("button", name="Kirim permohonan").click()
    expect(p.locator("h1")).to_have_text("Periksa kembali isian Anda")
    _in_the_site_s_look(p)
    summary = p.locator("[data-ppid-errors]")
    expect(summary).to_contain_text("Persetujuan privasi")
    expect(summary.get_by_role("link", name="Persetujuan privasi")).to_have_attribute(
        "href", "#f-persetujuan"
    )
    consent = p.get_by_label(re.compile("Saya telah membaca"))
    expect(consent).to_be_visible()
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(p.locator("#e-f-persetujuan")).to_contain_text("wajib dicentang")
    # everything else as it was typed and chosen, choices as choices
    expect(p.get_by_label("Nama lengkap")).to_have_value("Budi Santoso")
    expect(p.get_by_label("Mendapatkan salinan cetak (hardcopy)")).to_be_checked()
    expect(p.get_by_label("Cara mendapatkan salinan")).to_have_value("pos")
    expect(p.locator("select#f-cara-salinan option:checked")).to_have_text("Pos")
    consent.check()
    p.get_by_role("button", name="Kirim permohonan").click()
    expect(p.locator("h1")).to_contain_text("telah diterima")


def test_an_objection_without_a_ground_then_sent_from_the_error_page(
    page_nojs: Page, server: LiveRelay
) -> None:
    p = page_nojs
    nomor, kode = _request(p, server)
    p.goto(server.url + "/layanan/keberatan/")
    p.get_by_label("Nomor pendaftaran permohonan").fill(nomor.lower())
    p.get_by_label("Kode status").fill(kode)
    p.get_by_label("Nama lengkap").fill("Budi Santoso")
    p.get_by_label("Surel (email)").fill("budi@contoh.id")
    p.get_by_label("Kasus posisi").fill("Belum ada jawaban.")
    p.get_by_role("button", name="Kirim keberatan").click()
    expect(p.locator("h1")).to_have_text("Periksa kembali isian Anda")
    expect(p.locator("[data-ppid-errors]")).to_contain_text("Alasan keberatan")
    expect(p.locator("#e-k-alasan")).to_contain_text("Pilih sedikitnya satu alasan")
    expect(p.get_by_label("Kasus posisi")).to_have_value("Belum ada jawaban.")
    p.get_by_label(re.compile(r"c\. Permintaan informasi tidak ditanggapi")).check()
    p.get_by_role("button", name="Kirim keberatan").click()
    expect(p.locator("h1")).to_contain_text("Keberatan Anda telah diterima")


def test_an_unknown_request_number_is_listed_with_the_other_mistakes(
    page_nojs: Page, server: LiveRelay
) -> None:
    p = page_nojs
    p.goto(server.url + "/layanan/keberatan/")
    p.get_by_label("Nomor pendaftaran permohonan").fill("0999/PPID/I/2026")
    p.get_by_label("Kode status").fill("ABCD1234")
    p.get_by_label(re.compile(r"c\. Permintaan informasi tidak ditanggapi")).check()
    p.get_by_role("button", name="Kirim keberatan").click()
    items = p.locator("[data-ppid-errors] li")
    expect(items).to_have_count(5)  # number, name, contact (e-mail and phone), case
    expect(p.locator("[data-ppid-errors]")).to_contain_text("Nomor permohonan tidak terdaftar")
    expect(p.locator("[data-ppid-errors]")).to_contain_text("Nama tidak boleh kosong")
    expect(items.first).to_contain_text("Nomor permohonan")  # in the order of the form


def test_ask_for_an_entry_opens_the_request_with_its_title(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/informasi/dipa-2026/")
    title = page.locator("h1").inner_text().strip()
    page.get_by_role("link", name="Minta informasi ini").click()
    expect(page.locator("h1")).to_contain_text("Ajukan permohonan informasi")
    expect(page.get_by_label("Rincian informasi yang dibutuhkan *")).to_have_value(
        re.compile(re.escape(title.replace("¶", "").strip()))
    )


def test_the_file_chooser_is_indonesian_and_keeps_working(
    page: Page, page_nojs: Page, server: LiveRelay, tmp_path: Path
) -> None:
    scan = tmp_path / "ktp-budi.pdf"
    scan.write_bytes(SCAN_PDF)
    for p in (page, page_nojs):
        p.goto(server.url + "/layanan/permohonan/")
        field = p.locator(".ppid-file").first
        expect(field.get_by_text("Pilih berkas")).to_be_visible()
        expect(field.get_by_text("Belum ada berkas dipilih")).to_be_visible()
        chooser = p.get_by_label("Salinan KTP")
        assert chooser.get_attribute("type") == "file"
        chooser.focus()  # in the tab order, though drawn by its label
        assert p.evaluate("document.activeElement.name") == "dokumen_identitas"
        with p.expect_file_chooser() as chosen:
            field.get_by_text("Pilih berkas").click()
        chosen.value.set_files(str(scan))
    expect(page.locator(".ppid-file").first).to_contain_text("Dipilih: ktp-budi.pdf")
    _fill_permohonan(page_nojs)
    page_nojs.get_by_label(re.compile("Saya telah membaca")).check()
    page_nojs.get_by_role("button", name="Kirim permohonan").click()
    expect(page_nojs.locator("h1")).to_contain_text("telah diterima")
    # the scan went with it: the request is complete, not waiting for its documents
    expect(page_nojs.locator(".ppid-galat")).to_have_count(0)


def test_the_thank_you_page_gives_a_tanda_bukti_and_says_what_of_the_mail(
    page: Page, server: LiveRelay
) -> None:
    page.goto(server.url + "/layanan/permohonan/")
    _fill_permohonan(page)
    page.get_by_label(re.compile("Saya telah membaca")).check()
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page.locator("h1")).to_contain_text("telah diterima")
    _in_the_site_s_look(page)
    nomor = page.locator("dd.ppid-nomor-besar").first.inner_text()
    expect(page.get_by_text("Tanggal diterima")).to_be_visible()
    # the test relay has no mail server: the page says so rather than claim a mail
    expect(page.get_by_text(re.compile("Layanan surel kantor ini belum aktif"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh tanda bukti (PDF)").click()
    name = download.value.suggested_filename
    assert name == "tanda-bukti-" + "-".join(nomor.split("/")) + ".pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")


@pytest.fixture
def strict_status(server: LiveRelay, built_site: Path) -> Iterator[LiveRelay]:
    """The same site, a relay that allows one status check a minute."""
    limits = replace(server.settings.limits, status_per_minute=1)
    yield from run_relay(replace(server.settings, limits=limits), site_dir=built_site)


def test_too_many_status_checks_is_the_status_page_with_the_wait(
    page: Page, strict_status: LiveRelay
) -> None:
    page.goto(strict_status.url + "/layanan/status/")
    for _ in range(2):
        page.get_by_label("Nomor pendaftaran").fill("12 ppid xi 2026")
        page.get_by_label("Kode status").fill("salah")
        page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("h1")).to_have_text("Cek status permohonan")
    alert = page.get_by_role("alert").filter(has_text="Terlalu banyak")
    expect(alert).to_contain_text(re.compile(r"Tunggu \d+ detik, lalu coba lagi"))
    expect(page.get_by_label("Nomor pendaftaran")).to_have_value("12 ppid xi 2026")
    _in_the_site_s_look(page)
    assert "{" not in page.locator("article").inner_text()  # a page, never raw JSON


def test_status_by_the_short_number_and_its_year(page: Page, server: LiveRelay) -> None:
    nomor, kode = _request(page, server)
    page.goto(server.url + "/layanan/status/")
    page.get_by_label("Nomor pendaftaran").fill(str(int(nomor.split("/")[0])))
    page.get_by_label("Tahun permohonan").fill(nomor.rsplit("/", 1)[1])
    page.get_by_label("Kode status").fill(kode.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("main").get_by_role("status")).to_contain_text(nomor)


def test_a_missing_page_is_the_site_s_page_in_indonesian(page: Page, server: LiveRelay) -> None:
    response = page.goto(server.url + "/tidak/ada/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Halaman tidak ditemukan")
    _in_the_site_s_look(page)
    page.get_by_role("link", name="Beranda").last.click()
    expect(page).to_have_url(server.url + "/")


def _relay_pages(page: Page, server: LiveRelay, strict: LiveRelay) -> Iterator[str]:
    """Each of the relay's pages in turn; yields its name once it is shown."""
    page.goto(server.url + "/layanan/permohonan/")
    _fill_permohonan(page)
    page.get_by_role("button", name="Kirim permohonan").click()
    yield "galat-permohonan"
    page.get_by_label(re.compile("Saya telah membaca")).check()
    page.get_by_role("button", name="Kirim permohonan").click()
    yield "terima-kasih"
    page.goto(server.url + "/layanan/keberatan/")
    page.get_by_role("button", name="Kirim keberatan").click()
    yield "galat-keberatan"
    nomor, kode = _request(page, server)
    page.goto(server.url + "/layanan/status/")
    page.get_by_label("Nomor pendaftaran").fill(nomor)
    page.get_by_label("Kode status").fill(kode)
    page.get_by_role("button", name="Lihat status").click()
    yield "status-hasil"
    page.goto(strict.url + "/layanan/status/")
    for _ in range(2):
        page.get_by_label("Nomor pendaftaran").fill(nomor)
        page.get_by_label("Kode status").fill("salah")
        page.get_by_role("button", name="Lihat status").click()
    yield "status-429"
    page.goto(server.url + "/tidak/ada/")
    yield "tidak-ditemukan"


def test_the_relay_s_pages_are_accessible(
    audit_page: Page, server: LiveRelay, strict_status: LiveRelay, axe_source: str
) -> None:
    for name in _relay_pages(audit_page, server, strict_status):
        audit_page.wait_for_load_state("networkidle")
        assert _axe(audit_page, axe_source) == [], name


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_relay_s_pages(
    browser: Browser, server: LiveRelay, strict_status: LiveRelay, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    page = context.new_page()
    SHOTS.mkdir(exist_ok=True)
    wide: list[str] = []
    try:
        for name in _relay_pages(page, server, strict_status):
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                wide.append(f"{name}: {overflow}px")
    finally:
        context.close()
    assert wide == [], f"halaman menggulir mendatar pada {width}px: {wide}"


def test_the_relay_s_pages_run_the_shell_s_scripts_under_a_policy_without_unsafe_inline(
    page: Page, server: LiveRelay
) -> None:
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    policies: dict[str, str] = {}

    def shown(name: str, heading: str) -> None:
        expect(page.locator("h1")).to_have_text(heading)
        _in_the_site_s_look(page)
        # Material's inline scripts ran, allowed by their hashes: its storage helpers exist
        assert page.evaluate("typeof __md_get") == "function", name
        policies[name] = answer.value.headers["content-security-policy"]

    page.goto(server.url + "/layanan/permohonan/")
    # a refused submission (no consent) whose input the error page echoes; form.submit()
    # skips the page's own checks, as a browser without JavaScript would
    with page.expect_response(lambda r: r.url.endswith("/f/permohonan")) as answer:
        page.evaluate(
            """() => {
            const f = document.createElement('form');
            f.method = 'post'; f.action = '/f/permohonan';
            for (const [k, v] of [['nama', '<script>alert(1)</script>'], ['nik', '12']]) {
                const i = document.createElement('input'); i.name = k; i.value = v; f.append(i);
            }
            document.body.append(f); f.submit();
        }"""
        )
    shown("galat", "Periksa kembali isian Anda")
    expect(page.get_by_label("Nama lengkap")).to_have_value("<script>alert(1)</script>")
    with page.expect_response(lambda r: "/tidak/ada" in r.url) as answer:
        page.goto(server.url + "/tidak/ada/")
    shown("404", "Halaman tidak ditemukan")
    page.goto(server.url + "/layanan/status/")
    page.get_by_label("Nomor pendaftaran").fill("12 ppid xi 2026")
    with page.expect_response(lambda r: r.url.endswith("/status")) as answer:
        page.get_by_role("button", name="Lihat status").click()
    shown("status", "Cek status permohonan")
    expect(page.get_by_text("Isi kode status").first).to_be_visible()
    for name, policy in policies.items():
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
        assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src, name
    assert refused == [], f"kebijakan keamanan konten dilanggar: {refused}"
