"""Check every link of a built site: internal ones lead to a file, external ones are well formed.

No network: an external link is checked for its form only (scheme and host), so the check
runs the same offline, in CI and in tests.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder.problems import Problem

_EXTERNAL = {"http", "https"}
_ALLOWED = {"mailto", "tel", "data", "javascript"}
_SKIP = ("pagefind/", "search/", "assets/javascripts/", "assets/stylesheets/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "href" or (name == "src" and tag != "iframe")):
                self.links.append((self.getpos()[0], value))


def check_site(site: Path) -> list[Problem]:
    """Every broken internal link and malformed external link in the built site."""
    problems: list[Problem] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(_SKIP):
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for line, url in parser.links:
            message = _check(site, page, url)
            if message:
                problems.append(
                    Problem(f"{site.name}/{rel}", line, 1, "tautan", f"{message}: {url}")
                )
    return problems


def _check(site: Path, page: Path, url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in _EXTERNAL:
        return None if parts.netloc and " " not in url else "alamat web tidak valid"
    if parts.scheme in _ALLOWED:
        return None
    if parts.scheme:
        return f"skema '{parts.scheme}' tidak didukung"
    if parts.netloc:
        return None if url.startswith("//") else "alamat tidak valid"
    if not parts.path:
        return None  # a fragment on the same page
    target = (
        (site / parts.path.lstrip("/"))
        if parts.path.startswith("/")
        else (page.parent / unquote(parts.path))
    )
    target = target.resolve()
    if not target.is_relative_to(site.resolve()):
        return "tautan keluar dari situs"
    if target.is_dir():
        target = target / "index.html"
    return None if target.is_file() else "tautan rusak (berkas tidak ada)"
