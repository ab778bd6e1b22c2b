"""Every page type: no serious accessibility violation (axe-core), phone and desktop layouts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.support import LiveRelay

from .conftest import SHOTS

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "beranda": "/",
    "dip": "/dip/",
    "kategori": "/dip/kategori/berkala/",
    "unit": "/dip/unit/keuangan-umum-logistik/",
    "unit-daftar": "/dip/unit/",
    "entri": "/informasi/dipa-2026/",
    "entri-dikecualikan": "/informasi/nik-nkk-pemilih/",
    "dikecualikan": "/dip/dikecualikan/",
    "unduh": "/dip/unduh/",
    "kelengkapan": "/dip/kelengkapan/",
    "arsip": "/arsip/",
    "cari": "/cari/?q=anggaran",
    "permohonan": "/layanan/permohonan/",
    "keberatan": "/layanan/keberatan/",
    "status": "/status",
    "privasi": "/layanan/privasi/",
    "tata-cara": "/layanan/tata-cara/",
    "tanya-jawab": "/tentang/tanya-jawab/",
    "register": "/register/",
    "statistik": "/register/statistik/",
    "register-tahun": "/register/permohonan-2026/",
    "laporan-tahunan": "/laporan/tahunan-2026/",
    "tidak-ditemukan": "/alamat-yang-tidak-ada/",
}


def _axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_serious_accessibility_violation(
    audit_page: Page, server: LiveRelay, axe_source: str, name: str
) -> None:
    audit_page.goto(server.url + PAGE_TYPES[name])
    audit_page.wait_for_load_state("networkidle")
    violations = _axe(audit_page, axe_source)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_thank_you_and_error_pages_are_accessible(
    audit_page: Page, server: LiveRelay, axe_source: str
) -> None:
    audit_page.goto(server.url + "/layanan/permohonan/")
    audit_page.get_by_role("button", name="Kirim permohonan").click()  # everything missing
    assert audit_page.get_by_role("alert").count() >= 1
    assert _axe(audit_page, axe_source) == []
    audit_page.goto(server.url + "/status")
    assert _axe(audit_page, axe_source) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_and_no_horizontal_scroll(
    browser: Browser, server: LiveRelay, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    SHOTS.mkdir(exist_ok=True)
    wide: list[str] = []
    try:
        for name, path in sorted(PAGE_TYPES.items()):
            page.goto(server.url + path)
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


def test_dip_table_usable_on_a_phone(browser: Browser, server: LiveRelay) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(server.url + "/dip/")
        first = page.locator("table.ppid-dip tbody tr").first
        box = first.bounding_box()
        assert box is not None and box["width"] <= 360  # a row is a card, not a wide line
        assert first.locator("td").first.evaluate("e => getComputedStyle(e).display") == "block"
        page.get_by_label("Kategori").select_option("serta_merta")
        assert page.locator("table.ppid-dip tbody tr:visible").count() == 5
    finally:
        context.close()


def test_checklist_of_mandatory_items_usable_on_a_phone(
    browser: Browser, server: LiveRelay
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(server.url + "/dip/kelengkapan/")
        row = page.locator('tr[id="berkala.peringatan-dini-evakuasi"]')
        box = row.bounding_box()
        assert box is not None and box["width"] <= 360  # a row is a card here too
        assert row.locator("th").evaluate("e => getComputedStyle(e).display") == "block"
        assert row.get_by_role("link").first.inner_text() == (
            "Prosedur Peringatan Dini dan Evakuasi Keadaan Darurat Kantor"
        )
        assert (
            page.locator("main")
            .get_by_role("status")
            .inner_text()
            .startswith("25 dari 25 butir wajib")
        )
    finally:
        context.close()


def test_no_page_breaks_its_content_security_policy(page: Page, server: LiveRelay) -> None:
    """Every page works under the policy it is served with (forms/http/headers.py): no
    script, style, font, search index or form target is refused."""
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    for path in PAGE_TYPES.values():
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
    page.goto(server.url + "/cari/?q=anggaran")
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)  # the index loaded
    assert refused == []
