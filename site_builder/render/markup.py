"""Text and links as the site writes them: Markdown-escaped text, paragraphs, relative URLs.

Pure string functions shared by the page renderer and the annual report's page; they know
how mkdocs lays out addresses (`use_directory_urls`) but import nothing of it.
"""

from __future__ import annotations

import posixpath
import re

from markupsafe import Markup, escape

# Python-Markdown's escapable characters: a backslash keeps each one literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site path of a page, as mkdocs gives it (`informasi/x.md` -> `informasi/x/`)."""
    stem = src_uri[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_src: str, to: str, use_directory_urls: bool = True) -> str:
    """An href from one page to a page (`.md`) or a file, relative like mkdocs writes them."""
    target = page_url(to, use_directory_urls) if to.endswith(".md") else to
    here = page_url(from_src, use_directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath("/" + target, "/" + base)
    if rel == ".":
        return "./"
    is_dir = target == "" or target.endswith("/")
    return rel + "/" if is_dir and not rel.endswith("/") else rel


def md(text: object) -> Markup:
    """Escape text for a Markdown inline context (a heading): HTML and Markdown syntax."""
    return escape(_MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split())))


def paragraphs(text: str) -> Markup:
    """Plain text with blank-line paragraphs as escaped HTML paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return Markup("".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in parts))
