"""Real mkdocs builds in tmp_path: strict, generated pages in memory, same set as `generate`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import DATA

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow


def ppid(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as staff would."""
    return subprocess.run(
        [sys.executable, "-m", "ppid", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The repository's mkdocs.yml and docs/ with the small DIP."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(DATA / "mini" / "dip", tmp_path / "dip")
    return tmp_path


@pytest.fixture
def built(project: Path) -> Path:
    """The small DIP built once with `ppid build` (strict)."""
    done = ppid("build", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def _pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("pagefind/", "search/"))
    }


def test_strict_build_has_every_page_type(built: Path) -> None:
    for page in [
        "index.html",
        "dip/index.html",
        "dip/kategori/berkala/index.html",
        "dip/unit/keuangan/index.html",
        "dip/dikecualikan/index.html",
        "dip/unduh/index.html",
        "cari/index.html",
        "informasi/dipa-2026/index.html",
        "layanan/permohonan/index.html",
        "layanan/standar/index.html",
    ]:
        assert (built / page).is_file(), page
    for download in [
        *(f"unduh/{daftar}.{ext}" for daftar in ("dip", "dik") for ext in ("csv", "xlsx", "json")),
        "data.json",
    ]:
        assert (built / download).stat().st_size > 0, download
    # the exempted category's page is the DIK: no fourth category page to drift from it
    assert not (built / "dip" / "kategori" / "dikecualikan").exists()
    assert (built / "pagefind" / "pagefind.js").is_file()
    html = (built / "informasi" / "rup-2026" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<html lang="id"' in (built / "index.html").read_text(encoding="utf-8")


def test_nothing_generated_is_written_into_docs(project: Path, built: Path) -> None:
    assert not (project / "docs" / "informasi").exists()
    assert not (project / "docs" / "dip").exists()


def test_entry_pages_stay_out_of_the_navigation(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "informasi/dipa-2026/" not in html.split('class="md-content"')[0]


def test_drafts_only_in_preview(project: Path, built: Path) -> None:
    assert not (built / "informasi" / "jadwal-pilkada-ulang").exists()
    done = ppid("build", "--pratinjau", "--site-dir", "pratinjau", cwd=project)
    assert done.returncode == 0, done.stderr
    page = project / "pratinjau" / "informasi" / "jadwal-pilkada-ulang" / "index.html"
    assert "ppid-badge--draf" in page.read_text(encoding="utf-8")
    # the staff checking a preview get the edit links the public site does not have
    entry = (project / "pratinjau" / "informasi" / "dipa-2026" / "index.html").read_text("utf-8")
    assert "Ubah entri ini" in entry and "dip/keuangan/dipa-2026.yml" in entry
    profil = project / "pratinjau" / "tentang" / "profil-ppid" / "index.html"
    assert 'rel="edit"' in profil.read_text(encoding="utf-8")


def test_public_site_links_no_repository_and_has_the_offices_footer(built: Path) -> None:
    pages = {p: p.read_text(encoding="utf-8") for p in built.rglob("*.html")}
    assert len(pages) > 20
    for path, html in pages.items():
        assert 'rel="edit"' not in html and "Ubah entri ini" not in html, path
        assert "github.com" not in html and "Made with" not in html, path
        assert "Sumber data: <code>dip/" not in html, path
        assert "Jl. Merdeka No. 1" in html.split('class="md-footer"')[1], path
    # the credit stays on the about page only
    credit = [p.relative_to(built).as_posix() for p, h in pages.items() if "PPID kit dan" in h]
    assert credit == ["tentang/profil-ppid/index.html"]


def test_not_found_page_is_indonesian_and_leads_on(built: Path) -> None:
    html = (built / "404.html").read_text(encoding="utf-8")
    assert "<h1>Halaman tidak ditemukan</h1>" in html and "Not found" not in html
    # served at any missing address, so its links start at the site's root
    for href in ('action="/cari/"', 'href="/"', 'href="/dip/"', 'href="/layanan/permohonan/"'):
        assert href in html, href


def test_generate_gives_the_same_pages_as_the_plugin(project: Path, built: Path) -> None:
    done = ppid("generate", "--out", "gen", cwd=project)
    assert done.returncode == 0, done.stderr
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plain = config.replace(
        'plugins:\n  - ppid:\n      dip_dir: dip\n      relay_url: ""\n', "plugins: []\n"
    )
    assert plain != config
    theme = ROOT / "site_builder" / "theme"
    plain = plain.replace(
        "theme:\n  name: material\n", f"theme:\n  name: material\n  custom_dir: {theme}\n"
    )
    (project / "plain.yml").write_text(plain + "docs_dir: gen\nsite_dir: site-plain\n")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "plain.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _pages(project / "site-plain") == _pages(built)
    downloads = {"unduh/dip.csv", "unduh/dip.xlsx", "unduh/dip.json", "data.json"}
    for name in downloads:
        assert (project / "site-plain" / name).read_bytes() == (built / name).read_bytes()


def test_invalid_dip_fails_and_keeps_the_old_site(project: Path, built: Path) -> None:
    before = (built / "index.html").read_text(encoding="utf-8")
    (project / "dip" / "keuangan" / "dipa-2026.yml").write_text("judul: [rusak\n")
    done = ppid("build", cwd=project)
    assert done.returncode == 1
    assert "DIP tidak valid: 1 galat, 0 peringatan." in done.stderr
    assert "dip/keuangan/dipa-2026.yml:2:1: (sintaks)" in done.stderr
    assert (built / "index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_docs_page_that_collides_with_a_generated_one(project: Path) -> None:
    (project / "docs" / "informasi").mkdir()
    (project / "docs" / "informasi" / "dipa-2026.md").write_text("# Tulisan tangan\n")
    done = ppid("build", cwd=project)
    assert done.returncode == 1
    assert "docs/informasi/dipa-2026.md bentrok dengan halaman yang dibuat dari DIP" in done.stderr


def test_plain_mkdocs_build_strict_with_the_plugin(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING -" not in done.stderr  # mkdocs log lines; not the theme's banner
    assert (project / "site" / "informasi" / "nik-pemilih" / "index.html").is_file()


def test_served_over_http(built: Path) -> None:
    import socket
    import threading
    import time
    import urllib.error
    import urllib.request

    import uvicorn

    from ppid.server import site_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(site_app(built), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/informasi/dipa-2026/") as page:
            assert "DIPA Tahun Anggaran 2026" in page.read().decode()
        with urllib.request.urlopen(f"{base}/unduh/dip.csv") as csv_file:
            assert csv_file.read().startswith("\ufeffNomor".encode())
        try:
            urllib.request.urlopen(f"{base}/informasi/tidak-ada/")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        else:
            raise AssertionError("a missing page must answer 404")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _fragments(site: Path) -> set[tuple[str, str, str]]:
    import gzip
    import json

    found = set()
    for f in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(f.read_bytes())
        doc = json.loads(raw[raw.index(b"{") :])
        found.add((doc["url"], doc["meta"].get("title", ""), doc["content"]))
    return found


def test_search_index_fed_during_the_build_equals_the_command_lines(
    built: Path, tmp_path: Path
) -> None:
    """The build feeds Pagefind's service page by page; the index must be the one the
    command line makes from the finished site: same pages, URLs, titles and text."""
    from site_builder.engine import search

    again = tmp_path / "lagi"
    shutil.copytree(built, again)
    shutil.rmtree(again / "pagefind")
    search.index_site(again)
    live, cli = _fragments(built), _fragments(again)
    assert len(live) >= 20 and live == cli
    assert all(url.startswith("/") for url, _, _ in live)


def test_search_service_failure_is_a_clear_error(tmp_path: Path) -> None:
    from site_builder.engine import search

    index = search.LiveIndex()
    index.add("<html><body data-pagefind-body><h1>Uji</h1></body></html>", "/uji/")
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder")  # the bundle cannot be written under a file
    with pytest.raises(search.SearchIndexError, match="Pagefind"):
        index.write(blocked)
    assert index._proc.poll() is not None  # the service was stopped
