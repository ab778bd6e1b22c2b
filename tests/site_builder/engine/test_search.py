"""Site search: the Pagefind bundle of a small built site, by the command line and the service."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from site_builder.engine.search import LiveIndex, SearchIndexError, index_site

PAGES = {
    "index.html": """<!doctype html><html lang="id"><head><title>Beranda</title></head><body>
<main><h1 id="beranda">Beranda PPID<a class="headerlink" href="#beranda">¶</a></h1>
<p>Daftar informasi publik KPU Kabupaten Uji.</p>
<p class="ppid-source">Sumber data: dip/badan-publik.yml</p>
<div class="ppid-actions"><a href="https://github.com/kpu-uji/ppid/edit/main/">Ubah</a></div>
</main></body></html>""",
    "informasi/dipa-2026/index.html": """<!doctype html><html lang="id"><head>
<title>DIPA</title></head><body><main><h1>DIPA Tahun Anggaran 2026</h1>
<p>Pagu anggaran per kegiatan dan jenis belanja.</p></main></body></html>""",
    # a page that says it is English is still indexed with the Indonesian stemmer
    "english/index.html": """<!doctype html><html lang="en"><head><title>About</title>
</head><body><main><h1>Tentang situs</h1><p>Tentang PPID.</p></main></body></html>""",
}


def _site(root: Path) -> Path:
    for rel, html in PAGES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(html, encoding="utf-8")
    return root


def _entry(site: Path) -> dict[str, Any]:
    entry: dict[str, Any] = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    return entry


def _fragments(site: Path) -> dict[str, dict[str, Any]]:
    """What a search result shows for each page, by its URL."""
    out = {}
    for file in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(file.read_bytes())
        fragment = json.loads(raw[raw.index(b"{") :])
        out[fragment["url"]] = fragment
    return out


def test_the_bundle_is_written_and_every_page_is_found(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    index_site(site)
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (site / "pagefind" / name).is_file(), name
    languages = _entry(site)["languages"]
    assert list(languages) == ["id"] and languages["id"]["page_count"] == 3
    fragments = _fragments(site)
    assert sorted(fragments) == ["/", "/english/", "/informasi/dipa-2026/"]
    dipa = fragments["/informasi/dipa-2026/"]
    assert dipa["meta"]["title"] == "DIPA Tahun Anggaran 2026"
    assert "Pagu anggaran per kegiatan" in dipa["content"]


def test_anchors_source_lines_and_edit_links_are_not_search_content(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    index_site(site)
    home = _fragments(site)["/"]
    assert home["content"] == "Beranda PPID. Daftar informasi publik KPU Kabupaten Uji."
    assert home["meta"]["title"] == "Beranda PPID"  # without the ¶ of the heading anchor


def test_a_folder_without_pages_cannot_be_indexed(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(SearchIndexError) as info:
        index_site(tmp_path / "site")
    message = str(info.value)
    assert message.startswith("indeks pencarian (Pagefind) gagal dibuat: ")
    assert "did not contain any html files" in message  # Pagefind's own reason follows
    assert not (tmp_path / "site" / "pagefind").exists()


def test_the_live_index_gives_the_same_bundle_as_the_command_line(tmp_path: Path) -> None:
    cli_site = _site(tmp_path / "cli")
    index_site(cli_site)
    live_site = tmp_path / "live"
    live = LiveIndex()
    for rel, html in PAGES.items():
        live.add(html, "/" + rel.removesuffix("index.html"))
    live.write(live_site)
    # (the index hash depends on the order pages arrive in; what a search shows does not)
    assert _entry(live_site)["languages"]["id"]["page_count"] == 3
    assert _fragments(live_site) == _fragments(cli_site)
    assert (live_site / "pagefind" / "pagefind.js").read_bytes() == (
        cli_site / "pagefind" / "pagefind.js"
    ).read_bytes()


def test_the_live_index_reports_a_bundle_it_cannot_write(tmp_path: Path) -> None:
    blocked = tmp_path / "site"
    blocked.write_text("bukan folder")  # the build output is a file, not a folder
    live = LiveIndex()
    live.add(PAGES["index.html"], "/")
    with pytest.raises(
        SearchIndexError,
        match=r"^indeks pencarian \(Pagefind\) gagal dibuat: "
        r"layanan Pagefind berhenti$",
    ):
        live.write(blocked)
