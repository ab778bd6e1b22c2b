"""The look of the relay's pages: the built site's own shell page around their content.

The site build writes one page for this (site_builder.render.formulir.SHELL_PAGE): the
site's header, navigation, palette, fonts and footer around two markers. The relay puts
each of its pages (thank-you, status, a refused submission with its form, errors, not found)
between them, so a requester never leaves the site's look. The shell is read again when the
site is rebuilt (`ppid serve` rebuilds it when the register changes), and its relative links
are made absolute: the relay's pages live at other depths than the shell does.

Without a built site (a relay deployed on its own, the site served elsewhere) the relay's own
templates/base.html is used: in Indonesian, in the site's palette.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
import threading
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path, PurePosixPath

from forms.http.headers import shell_policy
from site_builder.render.formulir import SHELL_END, SHELL_PAGE, SHELL_START

# attribute values that name a file relative to the page ("../../assets/x.css", "./")
_RELATIVE_ATTR = re.compile(r'\b(href|src)="(?![a-z][a-z0-9+.-]*:|/|#)([^"]*)"', re.IGNORECASE)
# Material's own base for its scripts: {"base": "../..", "search": "../../assets/..."}
_CONFIG_PATHS = re.compile(r'"(base|search)": "(\.[^"]*)"')
_SCOPE = re.compile(r'new URL\("(\.[^"]*)",location\)')
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_CANONICAL = re.compile(r'<link rel="canonical"[^>]*>\s*')


@dataclass(frozen=True)
class Parts:
    """The shell cut at its markers, its links absolute, with the site's name and the
    Content-Security-Policy its pages carry."""

    head: str  # up to the title
    before: str  # from the title to the content
    after: str
    site_name: str
    policy: str = field(default="")  # headers.shell_policy of the shell's inline scripts

    def __post_init__(self) -> None:
        if not self.policy:
            hashes = inline_script_hashes(self.head + self.before + self.after)
            object.__setattr__(self, "policy", shell_policy(hashes))

    def wrap(self, title: str, content: str) -> str:
        """A whole page: `content` (HTML) in the site's shell, titled `title`."""
        heading = f"<title>{escape(title)} - {escape(self.site_name, quote=False)}</title>"
        return f"{self.head}{heading}{self.before}{content}{self.after}"


# an inline <script> the browser runs: no src, and no type or a JavaScript one
_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """The CSP hashes ("sha256-<base64>") of the inline scripts of `html`, as served: what
    Material's theme runs inline (its storage helpers, the palette, tabs), in their order."""
    found: dict[str, None] = {}
    for m in _SCRIPT.finditer(html):
        attrs, body = m[1] or "", m[2]
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind is not None and kind[1].lower() not in _JS_TYPES):
            continue  # a file (script-src 'self') or data (the JSON __config), not run inline
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found["sha256-" + base64.b64encode(digest).decode("ascii")] = None
    return tuple(found)


def shell_file(site_dir: Path) -> Path | None:
    """The built shell page of a site, or None when it has none."""
    stem = SHELL_PAGE.removesuffix(".md")
    for candidate in (site_dir / stem / "index.html", site_dir / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    return None


def parse(html: str, url: str) -> Parts | None:
    """The shell page's parts, its relative links resolved against `url` (the folder it is
    served from, e.g. /layanan/bingkai/); None when its markers or title are missing."""
    start, end = html.find(SHELL_START), html.find(SHELL_END)
    title = _TITLE.search(html)
    if start < 0 or end < start or title is None or title.end() > start:
        return None

    def absolute(path: str) -> str:
        joined = posixpath.normpath(posixpath.join(url, path))
        keep_slash = path.endswith("/") or path in ("", ".", "..") or path.endswith("/.")
        return joined + "/" if keep_slash and not joined.endswith("/") else joined

    def attr(m: re.Match[str]) -> str:
        value = m[2]
        cut = min((i for i in (value.find("#"), value.find("?")) if i >= 0), default=len(value))
        return f'{m[1]}="{absolute(value[:cut])}{value[cut:]}"'

    def fix(part: str) -> str:
        part = _RELATIVE_ATTR.sub(attr, part)
        part = _CONFIG_PATHS.sub(lambda m: f'"{m[1]}": "{absolute(m[2])}"', part)
        return _SCOPE.sub(lambda m: f'new URL("{absolute(m[1])}",location)', part)

    name = title[1].rpartition(" - ")[2].strip()
    head = _CANONICAL.sub("", html[: title.start()])  # the shell's address is not the page's
    return Parts(
        fix(head),
        fix(html[title.end() : start]),
        fix(html[end + len(SHELL_END) :]),
        unescape(name),
    )


class Shell:
    """The site's shell, read when it changed on disk (a rebuild swaps site/ in)."""

    def __init__(self, site_dir: Path | None) -> None:
        self.site_dir = site_dir
        self._lock = threading.Lock()
        self._seen: tuple[Path, int] | None = None
        self._parts: Parts | None = None

    def parts(self) -> Parts | None:
        """The current shell, or None without a built site that has one."""
        if self.site_dir is None:
            return None
        found = shell_file(self.site_dir)
        if found is None:
            return None
        try:
            stamp = (found, found.stat().st_mtime_ns)
        except OSError:
            return self._parts
        with self._lock:
            if stamp != self._seen:
                # relative links resolve against the shell's folder
                folder = PurePosixPath(found.relative_to(self.site_dir).as_posix()).parent
                url = f"/{folder}/"
                try:
                    html = found.read_text(encoding="utf-8")
                except OSError:
                    return self._parts
                self._parts = parse(html, url)
                self._seen = stamp
            return self._parts
