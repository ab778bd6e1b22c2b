"""The relay's public pages on the built site: request, objection, status check, privacy notice.

Field names and form ids are a public contract: other offices' pages post to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

from site_builder.layanan import ALASAN_KEBERATAN, CARA_MEMPEROLEH, CARA_SALINAN, JENIS_PEMOHON

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("site_builder.render", "templates/formulir"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)

PAGES = {
    "layanan/permohonan.md": "permohonan.md.j2",
    "layanan/keberatan.md": "keberatan.md.j2",
    "layanan/status.md": "status.md.j2",
    "layanan/privasi.md": "privasi.md.j2",
}

RETENSI_TAHUN = 5


def render_form_pages(
    relay_url: str, office: Mapping[str, Any], use_directory_urls: bool = True
) -> dict[str, str]:
    """The four pages, by their path under docs/; forms post to `relay_url` (same origin: "")."""
    context = {
        # Links inside HTML blocks are not rewritten by mkdocs: write them as the site has them.
        "privasi_url": "../privasi/" if use_directory_urls else "privasi.html",
        "relay": relay_url.rstrip("/"),
        "office": office,
        "JENIS_PEMOHON": JENIS_PEMOHON,
        "CARA_MEMPEROLEH": CARA_MEMPEROLEH,
        "CARA_SALINAN": CARA_SALINAN,
        "ALASAN_KEBERATAN": ALASAN_KEBERATAN,
        "RETENSI_TAHUN": RETENSI_TAHUN,
    }
    return {src: _ENV.get_template(tpl).render(**context) for src, tpl in PAGES.items()}
