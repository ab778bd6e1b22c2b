"""A real Chromium (Debian's) driven by Playwright against `ppid serve`'s app on loopback.

The site is built once from the repository's own mkdocs.yml, docs/ and demonstration DIP;
the relay in front of it writes to a fresh SQLite file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from forms.settings import Limits, Settings
from tests.support import LiveRelay, run_relay

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SHOTS = ROOT / "screenshots"
AXE = ROOT / "tests" / "browser" / "js" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demonstration site, built with `ppid build` (strict; the engine from PPID_MESIN)."""
    work = tmp_path_factory.mktemp("situs")
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, work / name)
    for folder in ("docs", "dip", "laporan"):
        shutil.copytree(ROOT / folder, work / folder)
    # A demonstration year of requests, as `nox -s serve` makes: register, statistics and the
    # annual report (its narrative is for 2026) then have something to show.
    seeded = subprocess.run(
        [sys.executable, "-m", "ppid", "permohonan", "contoh", "--tahun", "2026"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PPID_SECRET": "uji-peramban"},
    )
    assert seeded.returncode == 0, seeded.stderr
    # PPID_MESIN=zensical builds it with Zensical instead (the same site; README)
    mesin = ["--mesin", os.environ["PPID_MESIN"]] if os.environ.get("PPID_MESIN") else []
    done = subprocess.run(
        [sys.executable, "-m", "ppid", "build", *mesin],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return work / "site"


@pytest.fixture(scope="session")
def server(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveRelay]:
    """Site and relay on one port, as `ppid serve` runs them."""
    tmp = tmp_path_factory.mktemp("relay")
    settings = Settings(
        database_url=f"sqlite:///{tmp / 'ppid.sqlite3'}",
        upload_dir=tmp / "unggahan",
        secret="uji-peramban",
        office_file=ROOT / "dip" / "badan-publik.yml",
        limits=Limits(per_minute=1000),
    )
    yield from run_relay(settings, site_dir=built_site)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """Playwright's driver."""
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless (no browser download is possible here)."""
    assert Path(CHROMIUM).is_file(), "Chromium tidak ada: apt-get install chromium"
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield b
    b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop page with JavaScript."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def audit_page(browser: Browser) -> Iterator[Page]:
    """A desktop page for the accessibility audit: axe-core is injected as a script, which
    the pages' Content-Security-Policy rightly refuses, so this context alone bypasses it."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="id-ID", bypass_csp=True
    )
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def page_nojs(browser: Browser) -> Iterator[Page]:
    """A fresh page with JavaScript disabled."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from npm (installed from the lock file on first use)."""
    if not AXE.is_file():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=AXE.parents[2],
            check=True,
            capture_output=True,
        )
    return AXE.read_text(encoding="utf-8")
