"""The public site in Chromium: no request leaves the site's own host, and the category and
unit tables fit a desktop screen and a phone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Request

from tests.support import LiveRelay

from .conftest import SHOTS

pytestmark = pytest.mark.browser

# One page of each kind is watched until the network is quiet, so what the theme's scripts
# fetch after loading (a repository badge's api.github.com, fonts, a search worker) is seen;
# every other page is watched until it has loaded: the same scripts, its own images and links.
SETTLED = [
    "/",
    "/dip/",
    "/dip/kategori/berkala/",
    "/dip/unit/",
    "/dip/unit/teknis-parmas/",
    "/informasi/dipa-2026/",
    "/layanan/permohonan/",
    "/layanan/keberatan/",
    "/status",
    "/register/",
    "/register/statistik/",
    "/tentang/profil-ppid/",
    "/alamat-yang-tidak-ada/",
]


def _public_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as the path it is served at."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        if rel == "index.html":
            paths.append("/")
        elif rel.endswith("/index.html"):
            paths.append("/" + rel.removesuffix("index.html"))
        else:
            paths.append("/" + rel)
    return paths


def test_no_public_page_makes_a_request_to_another_host(
    browser: Browser, server: LiveRelay, built_site: Path
) -> None:
    own = urlsplit(server.url).netloc
    pages = _public_pages(built_site)
    assert len(pages) > 100 and "/dip/kategori/serta-merta/" in pages and "/404.html" in pages
    assert any(p.startswith("/register/permohonan-") for p in pages)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    foreign: list[str] = []
    current = [""]

    def watch(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            foreign.append(f"{current[0]} -> {request.url}")

    context.on("request", watch)  # the context's: its workers' requests count too
    tab = context.new_page()
    try:
        for path in pages:
            current[0] = path
            tab.goto(server.url + path, wait_until="load")
        for path in SETTLED:
            current[0] = path
            tab.goto(server.url + path, wait_until="networkidle")
        current[0] = "/cari/?q=anggaran"
        tab.goto(server.url + current[0])
        tab.wait_for_selector(".pagefind-ui__result", timeout=15_000)  # search ran, locally
        tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert foreign == [], "permintaan ke pihak ketiga:\n" + "\n".join(foreign)


def _table_pages(site: Path) -> list[str]:
    kinds = sorted(p.name for p in (site / "dip" / "kategori").iterdir() if p.is_dir())
    units = sorted(p.name for p in (site / "dip" / "unit").iterdir() if p.is_dir())
    tables = [f"/dip/kategori/{k}/" for k in kinds] + [f"/dip/unit/{u}/" for u in units]
    return [*tables, "/dip/dikecualikan/"]  # the DIK is a list of its own


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (360, 740)])
def test_category_and_unit_tables_fit_the_screen(
    browser: Browser, server: LiveRelay, built_site: Path, width: int, height: int
) -> None:
    pages = _table_pages(built_site)
    assert len(pages) >= 8  # the three public categories, every unit, the DIK
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    tab = context.new_page()
    SHOTS.mkdir(exist_ok=True)
    wide: list[str] = []
    try:
        for path in pages:
            tab.goto(server.url + path)
            page_overflow = tab.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            # the table's own box must not scroll sideways either: its wrapper would hide
            # the last columns behind a scroll bar at the bottom of a long table
            table_overflow = tab.evaluate(
                "Math.max(...[...document.querySelectorAll('.ppid-table-wrap')]"
                ".map(w => w.scrollWidth - w.clientWidth))"
            )
            if page_overflow > 0 or table_overflow > 0:
                wide.append(f"{path}: halaman {page_overflow}px, tabel {table_overflow}px")
            name = path.strip("/").replace("dip/", "").replace("/", "-")
            tab.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    finally:
        context.close()
    assert wide == [], f"tabel lebih lebar dari layar {width}px: {wide}"
