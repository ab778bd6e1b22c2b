"""The relay's public pages on the built site: request, objection, status check, privacy notice.

Field names and form ids are a public contract: other offices' pages post to them.

Each form's HTML is one template (templates/formulir/_<form>.html.j2) rendered by
`render_form()` from a `FormState`: the site renders it empty, with the defaults, into its
Markdown page; the relay renders the same template with what was submitted and each mistake
next to its field, when a submission is refused. The two cannot drift apart.

The site also gets one page the relay dresses its own pages in (`SHELL_PAGE`): the site's
header, navigation, palette and footer around a marked place (`SHELL_START`..`SHELL_END`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

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
# The relay's pages are this page of the built site with their own content in its place.
SHELL_PAGE = "layanan/bingkai.md"
SHELL_START = "<!--ppid:isi-->"
SHELL_END = "<!--/ppid:isi-->"
FORMS = {"permohonan": "_permohonan.html.j2", "keberatan": "_keberatan.html.j2"}
# the prefix of each form's element ids (a page may hold more than one form)
PREFIX = {"permohonan": "f", "keberatan": "k", "status": "s"}
RETENSI_TAHUN = 5
# how a ticked checkbox is posted (the browser sends "ya"; scripts write the others)
TRUE = ("ya", "on", "true", "1", "setuju")

# What each field is called in an error summary.
LABELS = {
    "jenis_pemohon": "Jenis pemohon",
    "nama": "Nama",
    "nik": "NIK",
    "nomor_sk_badan_hukum": "Nomor SK badan hukum",
    "alamat": "Alamat",
    "pekerjaan": "Pekerjaan",
    "telepon": "Telepon",
    "email": "Surel",
    "rincian_informasi": "Rincian informasi",
    "tujuan_penggunaan": "Tujuan penggunaan",
    "cara_memperoleh": "Cara memperoleh informasi",
    "cara_salinan": "Cara mendapatkan salinan",
    "dokumen_identitas": "Salinan KTP",
    "dokumen_badan_hukum": "Akta pendirian/SK pengesahan badan hukum",
    "surat_kuasa": "Surat kuasa",
    "kuasa": "Diajukan oleh kuasa",
    "kode": "Kode status",
    "persetujuan": "Persetujuan privasi",
    "nomor_permohonan": "Nomor permohonan",
    "alasan": "Alasan keberatan",
    "kasus_posisi": "Kasus posisi",
    "nomor": "Nomor pendaftaran",
    "tahun": "Tahun permohonan",
}
# The fields in the order each form shows them: its list of mistakes follows it.
ORDER = {
    "permohonan": (
        "jenis_pemohon", "nama", "nik", "nomor_sk_badan_hukum", "kuasa", "alamat", "pekerjaan",
        "telepon", "email", "dokumen_identitas", "dokumen_badan_hukum", "surat_kuasa",
        "rincian_informasi", "tujuan_penggunaan", "cara_memperoleh", "cara_salinan",
        "persetujuan",
    ),
    "keberatan": (
        "nomor_permohonan", "kode", "kuasa", "surat_kuasa", "nama", "alamat", "email",
        "telepon", "alasan", "kasus_posisi",
    ),
    "status": ("nomor", "tahun", "kode"),
}  # fmt: skip
# A group of radio buttons or checkboxes is pointed at by its first choice.
_GROUPS = {
    "jenis_pemohon": next(iter(JENIS_PEMOHON)),
    "cara_memperoleh": next(iter(CARA_MEMPEROLEH)),
    "alasan": next(iter(ALASAN_KEBERATAN)),
}


@dataclass(frozen=True)
class FormState:
    """What a form shows: the values sent (None: a fresh form, with its defaults) and the
    mistakes by field name, in the order they are listed above the form."""

    form_id: str
    values: Mapping[str, Sequence[str]] | None = None
    errors: Sequence[tuple[str, str]] = ()
    hidden: Sequence[tuple[str, str]] = ()  # special fields (_next, _subject) sent back
    _by_field: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_field: dict[str, str] = {}
        for name, message in self.errors:
            by_field[name] = f"{by_field[name]}; {message}" if name in by_field else message
        object.__setattr__(self, "_by_field", by_field)

    def id(self, name: str, choice: str = "") -> str:
        """The element id of a field (of one of its choices)."""
        base = f"{PREFIX[self.form_id]}-{name.replace('_', '-')}"
        return f"{base}-{choice.replace('_', '-')}" if choice else base

    def anchor(self, name: str) -> str:
        """The id a summary link points at: the field, or a group's first choice."""
        return self.id(name, _GROUPS[name]) if name in _GROUPS else self.id(name)

    def text(self, name: str, default: str = "") -> str:
        """A text field's value as sent."""
        if self.values is None:
            return default
        return " ".join(v.strip() for v in self.values.get(name, ()))

    def picked(self, name: str, choice: str, default: bool = False) -> bool:
        """Whether a radio button, an option or a checkbox of a group is chosen."""
        if self.values is None:
            return default
        sent = [p.strip() for v in self.values.get(name, ()) for p in v.split(",")]
        return choice in sent

    def ticked(self, name: str) -> bool:
        """Whether a single checkbox was ticked."""
        if self.values is None:
            return False
        return any(v.strip().lower() in TRUE for v in self.values.get(name, ()))

    def error(self, name: str) -> str:
        """The mistake of a field, or ""."""
        return self._by_field.get(name, "")

    def described(self, name: str, *hints: str) -> Markup:
        """aria-describedby (its help, then its mistake) and aria-invalid of a field."""
        ids = [h for h in hints if h]
        if self.error(name):
            ids.append(f"e-{self.id(name)}")
        attrs = f' aria-describedby="{" ".join(ids)}"' if ids else ""
        if self.error(name):
            attrs += ' aria-invalid="true"'
        return Markup(attrs)

    def summary(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) of each mistake, for the list above the form, in the
        order of the fields."""
        order = ORDER[self.form_id]
        ranked = sorted(self.errors, key=lambda e: order.index(e[0]) if e[0] in order else 99)
        return [(self.anchor(n), LABELS.get(n, n), m) for n, m in ranked]


def _context(relay: str, privasi_url: str, kantor: str = "") -> dict[str, Any]:
    relay = relay.rstrip("/")
    # one office: /f/permohonan and /status; one of many (site_builder/kantor.py): its own
    # /f/<kode>/permohonan and /f/<kode>/status
    office = f"/f/{kantor}" if kantor else ""
    return {
        "privasi_url": privasi_url,
        "relay": relay,
        "forms_url": f"{relay}{office or '/f'}",
        "status_action": f"{relay}{office}/status",
        "JENIS_PEMOHON": JENIS_PEMOHON,
        "CARA_MEMPEROLEH": CARA_MEMPEROLEH,
        "CARA_SALINAN": CARA_SALINAN,
        "ALASAN_KEBERATAN": ALASAN_KEBERATAN,
        "RETENSI_TAHUN": RETENSI_TAHUN,
    }


def render_form(
    state: FormState, relay: str = "", privasi_url: str = "/layanan/privasi/", kantor: str = ""
) -> str:
    """The HTML of one form (permohonan, keberatan or status) in the given state; `kantor`
    the office's kode when the relay serves many (its forms post to /f/<kode>/...)."""
    name = FORMS.get(state.form_id, "_status.html.j2")
    return _ENV.get_template(name).render(form=state, **_context(relay, privasi_url, kantor))


def render_form_pages(
    relay_url: str, office: Mapping[str, Any], use_directory_urls: bool = True, kantor: str = ""
) -> dict[str, str]:
    """The four pages and the relay's shell, by their path under docs/; forms post to
    `relay_url` (same origin: ""), under /f/<kantor>/ for one office of many."""
    # Links inside HTML blocks are not rewritten by mkdocs: write them as the site has them.
    privasi_url = "../privasi/" if use_directory_urls else "privasi.html"
    context = {**_context(relay_url, privasi_url, kantor), "office": office}
    forms = {
        form_id: Markup(render_form(FormState(form_id), relay_url, privasi_url, kantor))
        for form_id in ("permohonan", "keberatan", "status")
    }
    found = {
        src: _ENV.get_template(tpl).render(formulir=forms, **context) for src, tpl in PAGES.items()
    }
    found[SHELL_PAGE] = _ENV.get_template("bingkai.md.j2").render(
        START=Markup(SHELL_START), END=Markup(SHELL_END), **context
    )
    return found
