"""The Zensical engine: the same site as the mkdocs path, and a clear refusal where it cannot.

The parity tests build the demonstration DIP (with a year of demonstration requests, so the
register pages are there) and a generated 1,000-entry DIP (benchmarks/build_bench.py's
generator) with `ppid build` and with `ppid build --mesin zensical`, once each, and compare
what a visitor gets: the pages at their addresses, each page's title, the DIP table, the
downloads byte for byte, and the pages search finds. A Zensical release that breaks any of
it fails here.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.engine.config import SiteConfigError
from site_builder.engine.mesin import build_site
from site_builder.engine.zensical import ZensicalError, sync_tree, unsupported, zensical_config
from tests.support import DATA

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow
SKIP = ("pagefind/", "assets/", "search/")


def ppid(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as staff would."""
    return subprocess.run(
        [sys.executable, "-m", "ppid", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PPID_SECRET": "uji-mesin"},
    )


def _both(project: Path) -> tuple[Path, Path]:
    """The project built by each engine: (mkdocs' site, Zensical's site)."""
    for mesin in ("mkdocs", "zensical"):
        done = ppid("build", "--mesin", mesin, "--site-dir", f"site-{mesin}", cwd=project)
        assert done.returncode == 0, done.stdout + done.stderr
    return project / "site-mkdocs", project / "site-zensical"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demonstration site (dip/, docs/, laporan/, a year of requests), both ways."""
    work = tmp_path_factory.mktemp("demo")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    for folder in ("docs", "dip", "laporan"):
        shutil.copytree(ROOT / folder, work / folder)
    seeded = ppid("permohonan", "contoh", "--tahun", "2026", cwd=work)
    assert seeded.returncode == 0, seeded.stderr
    return _both(work)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated 1,000-entry DIP (the benchmark's), both ways."""
    spec = importlib.util.spec_from_file_location("build_bench", ROOT / "benchmarks/build_bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    work = tmp_path_factory.mktemp("besar")
    (work / "dip").mkdir()
    bench.make_dip(work, 1000)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs")
    return _both(work)


def _pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(SKIP)
    }


class _Table(HTMLParser):
    """The rows of a page's first table, each cell as its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._tables = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._tables += 1
        elif tag == "tr" and self._tables == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self._tables == 1 and self.rows:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _rows(page: Path) -> list[list[str]]:
    table = _Table()
    table.feed(page.read_text(encoding="utf-8"))
    return table.rows


TITLE = re.compile(r"<title>(.*?)</title>", re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def _heads(page: Path) -> tuple[str, str]:
    """A page's <title> and its first heading, as a browser shows them (without the heading's
    ¶ anchor; Zensical's escaping writes / as &#x2f;, the same text)."""
    html = page.read_text(encoding="utf-8")
    title = TITLE.search(html)
    h1 = H1.search(html)
    heading = " ".join(TAG.sub("", HEADERLINK.sub("", h1.group(1))).split()) if h1 else ""
    return (unescape(title.group(1)) if title else "", unescape(heading))


def _downloads(site: Path) -> dict[str, bytes]:
    """Every file a visitor downloads: unduh/, the archived editions' tables, data.json."""
    files = [*site.glob("unduh/*.*"), *site.glob("arsip/*/dip.*"), site / "data.json"]
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files if p.is_file()}


def _searched(site: Path) -> tuple[int, set[str]]:
    """Pagefind's page count and the URL of every page it can return."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    urls = set()
    for file in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(file.read_bytes())
        urls.add(json.loads(raw[raw.index(b"{") :])["url"])
    return entry["languages"]["id"]["page_count"], urls


def _assert_same_site(mkdocs: Path, zensical: Path) -> None:
    pages = _pages(mkdocs)
    assert _pages(zensical) == pages
    for rel in sorted(pages):
        assert _heads(zensical / rel) == _heads(mkdocs / rel), rel
    table = _rows(mkdocs / "dip/index.html")
    assert len(table) > 1 and _rows(zensical / "dip/index.html") == table
    downloads = _downloads(mkdocs)
    assert {"unduh/dip.csv", "unduh/dip.xlsx", "unduh/dip.json", "data.json"} <= set(downloads)
    assert _downloads(zensical) == downloads
    count, urls = _searched(mkdocs)
    assert count == len(urls) > 1
    assert _searched(zensical) == (count, urls)


def test_the_demonstration_site_is_the_same_from_either_engine(demo: tuple[Path, Path]) -> None:
    mkdocs, zensical = demo
    _assert_same_site(mkdocs, zensical)
    assert (zensical / "register" / "permohonan-2026" / "index.html").is_file()
    assert 'content="zensical-' in (zensical / "index.html").read_text(encoding="utf-8")


def test_a_generated_1000_entry_dip_is_the_same_from_either_engine(
    large: tuple[Path, Path],
) -> None:
    mkdocs, zensical = large
    _assert_same_site(mkdocs, zensical)
    project = zensical.parent
    entries = [p for p in (project / "dip").glob("*/*.yml") if p.name != "unit.yml"]
    exempted = [p for p in entries if "kategori: dikecualikan" in p.read_text("utf-8")]
    assert len(entries) == 1000 and exempted
    # the header and each public entry (the exempted are the DIK's, a list of their own)
    assert len(_rows(zensical / "dip/index.html")) == 1 + 1000 - len(exempted)


def test_the_theme_overrides_language_and_assets_come_along(demo: tuple[Path, Path]) -> None:
    mkdocs, zensical = demo
    for site in (mkdocs, zensical):
        home = (site / "index.html").read_text(encoding="utf-8")
        assert '<html lang="id"' in home
        assert "ppid.css" in home and "ppid.js" in home
        assert "data-pagefind-body" in (site / "tentang/regulasi/index.html").read_text("utf-8")
        assert "api.github.com" not in home  # no repository badge (site_builder/theme)
        assert (site / "assets" / "ppid.css").read_bytes() == (
            mkdocs / "assets" / "ppid.css"
        ).read_bytes()
        assert (site / "sitemap.xml.gz").is_file()
    assert not (zensical / "search.json").exists()  # Zensical's own search is off


def test_the_public_site_has_the_offices_footer_and_no_edit_link(
    demo: tuple[Path, Path],
) -> None:
    for site in demo:
        for page in ("index.html", "tentang/regulasi/index.html", "dip/index.html"):
            html = (site / page).read_text("utf-8")
            assert 'rel="edit"' not in html, (site.name, page)
            assert "Made with" not in html, (site.name, page)
            assert '<p class="md-copyright__highlight ppid-kantor__nama">Komisi Pemilihan' in html
        missing = (site / "404.html").read_text("utf-8")
        assert "Halaman tidak ditemukan" in missing and 'action="/cari/"' in missing


def test_a_preview_gives_only_hand_written_pages_an_edit_link(tmp_path: Path) -> None:
    raw = {"repo_url": "https://github.com/kpu-contoh/ppid", "edit_uri": "edit/main/docs/"}
    written = ["tentang/regulasi.md", "logo.png"]
    preview = zensical_config(raw, tmp_path, tmp_path / "site", written, pratinjau=True)
    assert preview["extra"]["ppid_tulisan"] == [
        "https://github.com/kpu-contoh/ppid/edit/main/docs/tentang/regulasi.md"
    ]
    public = zensical_config(raw, tmp_path, tmp_path / "site", written)
    assert public["extra"]["ppid_tulisan"] == []


def test_the_build_folder_is_inside_the_project_and_docs_is_untouched(
    demo: tuple[Path, Path],
) -> None:
    project = demo[0].parent
    built_docs = project / ".ppid" / "zensical" / "docs"
    assert (built_docs / "dip" / "index.md").is_file()
    assert sorted(p.name for p in (project / "docs").iterdir()) == sorted(
        p.name for p in (ROOT / "docs").iterdir()
    )


# --- what Zensical cannot do is refused, and nothing is published ---------------------


@pytest.fixture
def small(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(DATA / "mini" / "dip", tmp_path / "dip")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("situs lama", encoding="utf-8")
    return tmp_path


def _edit(config: Path, old: str, new: str) -> None:
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_hook_or_another_plugin_stops_the_build_and_keeps_the_site(small: Path) -> None:
    config = small / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("plugins:\n", "plugins:\n  - tags\n") + "hooks:\n  - hooks.py\n",
        encoding="utf-8",
    )
    done = ppid("build", "--mesin", "zensical", cwd=small)
    assert done.returncode == 1
    assert "Zensical tidak dapat membangun situs ini seperti mkdocs" in done.stderr
    assert "kunci 'hooks'" in done.stderr and "plugins: 'tags'" in done.stderr
    assert "Traceback" not in done.stderr
    assert (small / "site" / "index.html").read_text(encoding="utf-8") == "situs lama"


def test_unsupported_names_each_key() -> None:
    raw = {"hooks": ["a.py"], "theme": {"name": "readthedocs"}, "plugins": ["ppid", "search"]}
    lines = unsupported(raw)
    assert len(lines) == 3
    assert lines[0].startswith("kunci 'hooks'")
    assert any(line.startswith("plugins: 'search'") for line in lines)
    assert any(line.startswith("theme.name: 'readthedocs'") for line in lines)
    fine = {"plugins": [{"ppid": {"dip_dir": "dip"}}], "theme": {"name": "material"}}
    assert unsupported(fine) == []


def _action(site: Path, form: str) -> str:
    html = (site / "layanan" / form / "index.html").read_text(encoding="utf-8")
    return html.split('<form class="ppid-form" method="post" action="', 1)[1].split('"', 1)[0]


def test_mesin_and_kantor_in_mkdocs_yml_hold_for_either_engine(small: Path) -> None:
    config = small / "mkdocs.yml"
    _edit(config, 'relay_url: ""', 'relay_url: ""\n      mesin: zensical\n      kantor: "6201"')
    site = build_site(config, small / "site")
    assert 'content="zensical-' in (site / "index.html").read_text(encoding="utf-8")
    # one office of many: its forms post to its own paths on the relay
    assert _action(site, "permohonan") == "/f/6201/permohonan"
    assert _action(site, "status") == "/f/6201/status"
    site = build_site(config, small / "site", mesin="mkdocs", kantor="9471")  # --kantor
    assert 'content="zensical-' not in (site / "index.html").read_text(encoding="utf-8")
    assert _action(site, "keberatan") == "/f/9471/keberatan"
    assert _action(site, "status") == "/f/9471/status"


def test_an_unknown_mesin_is_refused_with_the_choices(small: Path) -> None:
    config = small / "mkdocs.yml"
    _edit(config, 'relay_url: ""', 'relay_url: ""\n      mesin: hugo')
    with pytest.raises(SiteConfigError) as info:
        build_site(config, small / "site")
    assert "mesin 'hugo' tidak dikenal; pilih salah satu: mkdocs, zensical" in str(info.value)
    assert (small / "site" / "index.html").read_text(encoding="utf-8") == "situs lama"


def test_a_failed_zensical_build_publishes_nothing(small: Path) -> None:
    # a theme override Zensical cannot render: its own error, the old site stays
    theme = small / "tema"
    theme.mkdir()
    (theme / "main.html").write_text("{% extends 'base.html' %}{% block content %", "utf-8")
    config = small / "mkdocs.yml"
    _edit(config, "  name: material\n", "  name: material\n  custom_dir: tema\n")
    with pytest.raises(ZensicalError) as info:
        build_site(config, small / "site", mesin="zensical")
    assert str(info.value).startswith("build Zensical gagal: ")
    assert (small / "site" / "index.html").read_text(encoding="utf-8") == "situs lama"
    assert not list(small.glob(".site-baru-*"))


def test_sync_tree_rewrites_only_what_changed(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    sync_tree({"a.md": "satu", "b/c.md": "dua", "d.md": "tiga"}, target)
    kept = (target / "a.md").stat().st_mtime_ns
    os.utime(target / "a.md", ns=(kept - 10**9, kept - 10**9))
    sync_tree({"a.md": "satu", "b/c.md": "dua lagi"}, target)
    assert (target / "a.md").stat().st_mtime_ns == kept - 10**9  # untouched
    assert (target / "b" / "c.md").read_text() == "dua lagi"
    assert not (target / "d.md").exists()
    sync_tree({"a.md": "satu"}, target)
    assert not (target / "b").exists()  # an emptied folder goes too
