"""The relay's pages in the site's shell: the built page cut at its markers, links absolute."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from forms.http.shell import Shell, inline_script_hashes, parse, shell_file
from site_builder.render.formulir import SHELL_END, SHELL_START

# What Material for MkDocs writes for a page two folders down (layanan/bingkai/index.html).
BUILT = f"""<!doctype html><html lang="id"><head>
<link rel="canonical" href="https://ppid.example.org/layanan/bingkai/">
<link rel="stylesheet" href="../../assets/stylesheets/main.css">
<title>Layanan PPID - PPID KPU Kabupaten &amp; Kota Uji</title>
<script>__md_scope=new URL("../..",location)</script>
</head><body><header><a href="../.." class="md-header__button">PPID</a>
<nav><a href="../permohonan/">Ajukan permohonan</a><a href="../../dip/#tabel">DIP</a>
<a href="https://squidfunk.github.io/mkdocs-material/">Material</a><a href="#isi">Lompat</a>
<a href="mailto:ppid@example.org">Surel</a></nav>
<article>{SHELL_START}<h1>Layanan informasi publik</h1>{SHELL_END}</article>
<footer><a href="../../cari/?q=x">Cari</a></footer>
<script id="__config" type="application/json">
{{"base": "../..", "search": "../../assets/w.js"}}</script>
<script src="../../assets/javascripts/bundle.js"></script></body></html>"""


def test_a_page_takes_the_shell_s_place_with_its_own_title() -> None:
    parts = parse(BUILT, "/layanan/bingkai/")
    assert parts is not None and parts.site_name == "PPID KPU Kabupaten & Kota Uji"
    page = parts.wrap("Cek status <permohonan>", "<h1>Cek status</h1>")
    assert (
        "<title>Cek status &lt;permohonan&gt; - PPID KPU Kabupaten &amp; Kota Uji</title>" in page
    )
    assert "<h1>Cek status</h1>" in page and "Layanan informasi publik" not in page
    assert page.count("<title>") == 1 and SHELL_START not in page
    assert "canonical" not in page  # the shell's address is not this page's


def test_the_shell_s_pages_allow_its_own_inline_scripts_by_hash_and_no_other() -> None:
    parts = parse(BUILT, "/layanan/bingkai/")
    assert parts is not None
    # the one inline script as served (its scope made absolute), hashed as a browser does
    served = '__md_scope=new URL("/",location)'
    expected = base64.b64encode(hashlib.sha256(served.encode()).digest()).decode()
    assert inline_script_hashes(parts.wrap("x", "")) == (f"sha256-{expected}",)
    script_src = next(d for d in parts.policy.split("; ") if d.startswith("script-src "))
    assert script_src == f"script-src 'self' 'sha256-{expected}' 'wasm-unsafe-eval'"
    assert "'unsafe-inline'" not in script_src  # the JSON config and bundle.js need no hash


def test_every_link_of_the_shell_works_at_any_depth() -> None:
    parts = parse(BUILT, "/layanan/bingkai/")
    assert parts is not None
    page = parts.wrap("x", "")
    for link in (
        'href="/assets/stylesheets/main.css"',
        'href="/" class="md-header__button"',
        'href="/layanan/permohonan/"',
        'href="/dip/#tabel"',
        'href="/cari/?q=x"',
        'src="/assets/javascripts/bundle.js"',
        'href="https://squidfunk.github.io/mkdocs-material/"',
        'href="#isi"',
        'href="mailto:ppid@example.org"',
        '"base": "/"',
        '"search": "/assets/w.js"',
        'new URL("/",location)',
    ):
        assert link in page, link
    assert "../" not in page


def test_a_page_without_markers_is_no_shell() -> None:
    assert parse(BUILT.replace(SHELL_END, ""), "/layanan/bingkai/") is None
    assert parse(BUILT.replace("<title>", "<titel>"), "/layanan/bingkai/") is None


def test_the_shell_is_read_again_when_the_site_is_rebuilt(tmp_path: Path) -> None:
    assert Shell(None).parts() is None
    assert Shell(tmp_path).parts() is None  # no site built here: the relay's base.html
    built = tmp_path / "layanan" / "bingkai" / "index.html"
    built.parent.mkdir(parents=True)
    built.write_text(BUILT, encoding="utf-8")
    assert shell_file(tmp_path) == built
    shell = Shell(tmp_path)
    first = shell.parts()
    assert first is not None and "Ajukan permohonan" in first.before
    built.write_text(BUILT.replace("Ajukan permohonan", "Minta informasi"), encoding="utf-8")
    stat = built.stat()
    os.utime(built, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = shell.parts()
    assert second is not None and "Minta informasi" in second.before


def test_a_site_without_folder_urls_has_its_shell_too(tmp_path: Path) -> None:
    built = tmp_path / "layanan" / "bingkai.html"
    built.parent.mkdir(parents=True)
    built.write_text(BUILT.replace("../../", "../").replace('"../.."', '".."'), encoding="utf-8")
    parts = Shell(tmp_path).parts()
    assert parts is not None
    assert 'href="/assets/stylesheets/main.css"' in parts.head
