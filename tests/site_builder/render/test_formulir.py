"""The relay's pages on the site: what a requester fills in and where the form sends it."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from typing import Any

import jinja2
import pytest

from site_builder.layanan import (
    ALASAN_KEBERATAN,
    CARA_MEMPEROLEH,
    CARA_SALINAN,
    JENIS_PEMOHON,
)
from site_builder.render.formulir import (
    SHELL_END,
    SHELL_PAGE,
    SHELL_START,
    FormState,
    render_form,
    render_form_pages,
)
from tests.support import PERMOHONAN

OFFICE: dict[str, Any] = {
    "nama": "KPU Kabupaten Uji",
    "alamat": "Jl. Merdeka No. 1, Kabupaten Uji 55111",
    "telepon": "(0274) 555-0100",
    "email": "ppid@uji.example.org",
    "laman": "https://ppid-uji.example.org",
    "ppid": {"nama": "Rina Wulandari", "jabatan": "Kepala Sub Bagian Perencanaan"},
    "atasan_ppid": {"nama": "Ahmad Fauzi", "jabatan": "Sekretaris"},
}
RELAY = "https://relay.uji.example.org"


class _Tags(HTMLParser):
    """Every start tag of a page, with its attributes, and the text of each <label>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.labels: list[str] = []
        self._label: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "label":
            self._label = []

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label is not None:
            self.labels.append(" ".join("".join(self._label).split()))
            self._label = None

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


@pytest.fixture
def pages() -> dict[str, str]:
    return render_form_pages(RELAY + "/", OFFICE)


def test_four_pages_and_the_relays_shell_under_layanan(pages: dict[str, str]) -> None:
    assert sorted(pages) == [
        "layanan/bingkai.md",
        "layanan/keberatan.md",
        "layanan/permohonan.md",
        "layanan/privasi.md",
        "layanan/status.md",
    ]
    titles = {
        src: next(line[2:] for line in page.splitlines() if line.startswith("# "))
        for src, page in pages.items()
        if src != SHELL_PAGE
    }
    assert titles == {
        "layanan/permohonan.md": "Ajukan permohonan informasi",
        "layanan/keberatan.md": "Ajukan keberatan",
        "layanan/status.md": "Cek status permohonan",
        "layanan/privasi.md": "Pemberitahuan privasi",
    }


def test_forms_post_to_the_relay_given(pages: dict[str, str]) -> None:
    actions = {
        src: [(f["method"], f["action"]) for f in _parse(page).all("form")]
        for src, page in pages.items()
    }
    assert actions == {
        "layanan/permohonan.md": [("post", f"{RELAY}/f/permohonan")],  # no double slash
        "layanan/keberatan.md": [("post", f"{RELAY}/f/keberatan")],
        "layanan/status.md": [("post", f"{RELAY}/status")],
        "layanan/privasi.md": [],
        SHELL_PAGE: [],
    }
    # the two forms with an upload are sent as multipart
    for src in ("layanan/permohonan.md", "layanan/keberatan.md"):
        [form] = _parse(pages[src]).all("form")
        assert form["enctype"] == "multipart/form-data"


def test_forms_post_to_the_same_origin_without_a_relay_url() -> None:
    pages = render_form_pages("", OFFICE)
    assert [f["action"] for f in _parse(pages["layanan/permohonan.md"]).all("form")] == [
        "/f/permohonan"
    ]
    assert [f["action"] for f in _parse(pages["layanan/keberatan.md"]).all("form")] == [
        "/f/keberatan"
    ]
    assert [f["action"] for f in _parse(pages["layanan/status.md"]).all("form")] == ["/status"]


def test_one_office_of_many_posts_to_its_own_paths() -> None:
    """With `kantor` (one relay for many offices) every form of the site posts under
    /f/<kode>/: the plain /f/permohonan such a relay refuses."""
    pages = render_form_pages(RELAY, OFFICE, kantor="6201")
    actions = {src: [f["action"] for f in _parse(page).all("form")] for src, page in pages.items()}
    assert actions == {
        "layanan/permohonan.md": [f"{RELAY}/f/6201/permohonan"],
        "layanan/keberatan.md": [f"{RELAY}/f/6201/keberatan"],
        "layanan/status.md": [f"{RELAY}/f/6201/status"],
        "layanan/privasi.md": [],
        SHELL_PAGE: [],
    }
    same_origin = render_form_pages("", OFFICE, kantor="6201")
    assert [f["action"] for f in _parse(same_origin["layanan/status.md"]).all("form")] == [
        "/f/6201/status"
    ]
    # nothing else on the pages changes with the office's paths
    plain = render_form_pages(RELAY, OFFICE)
    for src, page in pages.items():
        assert page.replace("/f/6201/", "/f/").replace("/f/status", "/status") == plain[src]


def test_every_kind_of_requester_is_offered_perorangan_first(pages: dict[str, str]) -> None:
    form = _parse(pages["layanan/permohonan.md"])
    radios = [a for a in form.all("input") if a.get("name") == "jenis_pemohon"]
    assert [r["value"] for r in radios] == list(JENIS_PEMOHON)
    assert [r["value"] for r in radios if "checked" in r] == ["perorangan"]
    for label in JENIS_PEMOHON.values():
        assert label in form.labels
    assert "Badan hukum" in form.labels and "Kelompok orang" in form.labels


def test_every_way_to_obtain_the_information_is_offered(pages: dict[str, str]) -> None:
    form = _parse(pages["layanan/permohonan.md"])
    radios = [a for a in form.all("input") if a.get("name") == "cara_memperoleh"]
    assert [r["value"] for r in radios] == list(CARA_MEMPEROLEH)
    assert [r["value"] for r in radios if "checked" in r] == ["salinan_softcopy"]
    for label in CARA_MEMPEROLEH.values():
        assert label in form.labels


def test_every_way_to_receive_a_copy_is_offered_email_preselected(pages: dict[str, str]) -> None:
    page = pages["layanan/permohonan.md"]
    options = _parse(page).all("option")
    assert [o["value"] for o in options] == list(CARA_SALINAN)
    assert [o["value"] for o in options if "selected" in o] == ["email"]
    for value, label in CARA_SALINAN.items():
        selected = " selected" if value == "email" else ""
        assert f'<option value="{value}"{selected}>{label}</option>' in page


def test_every_reason_for_an_objection_is_listed_with_its_letter(pages: dict[str, str]) -> None:
    form = _parse(pages["layanan/keberatan.md"])
    boxes = [a for a in form.all("input") if a.get("name") == "alasan"]
    assert [b["value"] for b in boxes] == list("abcdefg") == list(ALASAN_KEBERATAN)
    assert all(b["type"] == "checkbox" for b in boxes)
    for letter, label in ALASAN_KEBERATAN.items():
        assert f"{letter}. {label}" in form.labels


def _names(form: _Tags, only_required: bool = False) -> set[str | None]:
    return {
        a.get("name")
        for t, a in form.tags
        if t in ("input", "textarea", "select") and (not only_required or "required" in a)
    }


def test_the_request_form_has_every_field_the_relay_reads(pages: dict[str, str]) -> None:
    form = _parse(pages["layanan/permohonan.md"])
    names = _names(form)
    assert set(PERMOHONAN) <= names
    assert {
        "nomor_sk_badan_hukum",
        "kuasa",
        "dokumen_identitas",
        "dokumen_badan_hukum",
        "surat_kuasa",
        "_gotcha",
    } <= names
    required = _names(form, only_required=True)
    # the relay decides what depends on other answers, not the browser
    assert not {"nik", "nomor_sk_badan_hukum", "telepon", "email", "cara_salinan"} & required
    assert {"nama", "alamat", "rincian_informasi", "persetujuan"} <= required


def test_every_document_has_its_own_upload(pages: dict[str, str]) -> None:
    form = _parse(pages["layanan/permohonan.md"])
    files = [a["name"] for a in form.all("input") if a.get("type") == "file"]
    assert files == ["dokumen_identitas", "dokumen_badan_hukum", "surat_kuasa"]
    assert "Salinan KTP perorangan, atau wakil kelompok" in form.labels
    assert "Salinan akta pendirian/SK pengesahan badan hukum badan hukum" in form.labels
    assert "Surat kuasa kelompok orang, atau bila Anda mewakili pemohon lain" in form.labels
    assert "Saya mengajukan sebagai kuasa, mewakili pemohon lain" in form.labels
    page = pages["layanan/permohonan.md"]
    assert "<legend>Dokumen persyaratan</legend>" in page
    assert "permohonan tetap diterima, tetapi Anda akan diminta melengkapinya" in page


def test_phone_or_email_is_one_group(pages: dict[str, str]) -> None:
    for src, legend in [
        ("layanan/permohonan.md", "<legend>Kontak: telepon atau surel *</legend>"),
        ("layanan/keberatan.md", "<legend>Kontak: surel atau telepon *</legend>"),
    ]:
        page = pages[src]
        assert legend in page
        group = page[page.index(legend) : page.index("</fieldset>", page.index(legend))]
        assert 'name="telepon"' in group and 'name="email"' in group
        assert "Isi sedikitnya salah satu" in group
        assert "Nomor telepon/HP" in _parse(page).labels and "Surel (email)" in _parse(page).labels


def test_the_delivery_of_a_copy_is_marked_as_for_copies_only(pages: dict[str, str]) -> None:
    page = pages["layanan/permohonan.md"]
    legend = "<legend>Pengiriman salinan: wajib bila meminta salinan</legend>"
    group = page[page.index(legend) : page.index("</fieldset>", page.index(legend))]
    assert 'name="cara_salinan"' in group
    assert "Tidak perlu diisi bila Anda memilih melihat" in group


def test_the_objection_form_asks_for_proof_and_the_address(pages: dict[str, str]) -> None:
    form = _parse(pages["layanan/keberatan.md"])
    names = _names(form)
    assert {
        "nomor_permohonan",
        "kode",
        "kuasa",
        "surat_kuasa",
        "nama",
        "alamat",
        "email",
        "telepon",
        "alasan",
        "kasus_posisi",
    } <= names
    assert [a["name"] for a in form.all("input") if a.get("type") == "file"] == ["surat_kuasa"]
    required = _names(form, only_required=True)
    assert required == {"nama", "kasus_posisi"}  # the rest depends on other answers
    for label in (
        "Nomor pendaftaran permohonan",
        "Kode status",
        "Surat kuasa bila Anda kuasa pemohon",
        "Alamat",
        "Saya mengajukan keberatan sebagai kuasa pemohon",
    ):
        assert label in form.labels
    page = pages["layanan/keberatan.md"]
    assert "kecuali alasan keberatan Anda hanya huruf b" in page
    assert "Bila Anda kuasa pemohon, lampirkan surat kuasa sebagai gantinya." in page


@pytest.mark.parametrize("src", ["layanan/permohonan.md", "layanan/keberatan.md"])
def test_every_field_has_a_label_and_its_help_exists(pages: dict[str, str], src: str) -> None:
    form = _parse(pages[src])
    ids = {a.get("id") for _, a in form.tags}
    described = [a["aria-describedby"] for _, a in form.tags if a.get("aria-describedby")]
    assert described and all(d in ids for d in " ".join(described).split())
    labelled = {a.get("for") for a in form.all("label")}
    page = pages[src]
    for t, a in form.tags:
        if t not in ("input", "textarea", "select") or a.get("type") in ("radio", "checkbox"):
            continue  # radios and checkboxes sit inside their label
        assert a.get("id") in labelled, a.get("name")
    for name in ("alasan", "kuasa", "jenis_pemohon", "cara_memperoleh"):
        for box in (a for a in form.all("input") if a.get("name") == name):
            opening = f'<label class="ppid-choice"><input type="{box["type"]}" id="{box["id"]}"'
            assert f'{opening} name="{name}"' in page


def test_status_form_asks_for_number_and_code_and_a_year_for_a_short_number(
    pages: dict[str, str],
) -> None:
    names = [a["name"] for a in _parse(pages["layanan/status.md"]).all("input")]
    assert names == ["nomor", "tahun", "kode"]
    assert "nomor urutnya saja (misalnya 12) dengan tahunnya di bawah" in pages["layanan/status.md"]


def test_privacy_link_follows_the_site_url_style() -> None:
    directory = render_form_pages("", OFFICE)["layanan/permohonan.md"]
    plain = render_form_pages("", OFFICE, use_directory_urls=False)["layanan/permohonan.md"]
    assert [a["href"] for a in _parse(directory).all("a")] == ["../privasi/"] * 2
    assert [a["href"] for a in _parse(plain).all("a")] == ["privasi.html"] * 2


def test_privacy_notice_lists_every_document_asked_for(pages: dict[str, str]) -> None:
    page = pages["layanan/privasi.md"]
    assert (
        "| Dokumen yang dilampirkan: salinan KTP, salinan akta pendirian/SK pengesahan badan "
        "hukum, surat kuasa |" in page
    )
    assert "nomor akta pendirian/SK pengesahan badan hukum" in page


def test_privacy_notice_names_the_office_and_how_to_reach_the_ppid(pages: dict[str, str]) -> None:
    page = pages["layanan/privasi.md"]
    assert page.startswith("# Pemberitahuan privasi\n\nKPU Kabupaten Uji memproses data")
    assert "Hubungi PPID melalui ppid@uji.example.org atau (0274) 555-0100." in page
    assert "disimpan selama 5 tahun" in page
    assert "disimpan selama 5 tahun untuk melayani" in pages["layanan/permohonan.md"]


def test_office_data_is_escaped_on_every_page() -> None:
    office = {
        **OFFICE,
        "nama": 'KPU "Uji" <script>alert(1)</script> & Co',
        "email": "<img src=x onerror=alert(2)>@uji.example.org",
    }
    for src, page in render_form_pages("", office).items():
        assert "<script>" not in page and "<img" not in page, src
    pages = render_form_pages("", office)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in pages["layanan/privasi.md"]
    [lead] = [p for p in pages["layanan/keberatan.md"].splitlines() if "ppid-lead" in p]
    assert 'atasan PPID KPU "Uji" <script>alert(1)</script> & Co paling' in unescape(lead)


def test_a_missing_office_field_fails_loudly() -> None:
    # an empty address or e-mail on a public page would go unnoticed; a build error does not
    office = {k: v for k, v in OFFICE.items() if k != "email"}
    with pytest.raises(jinja2.UndefinedError, match="email"):
        render_form_pages("", office)


def test_the_site_s_form_is_the_template_the_relay_renders(pages: dict[str, str]) -> None:
    for form_id in ("permohonan", "keberatan", "status"):
        fresh = render_form(FormState(form_id), RELAY + "/", "../privasi/")
        assert fresh in pages[f"layanan/{form_id}.md"], form_id


def test_a_refused_request_is_the_whole_form_with_its_input_and_mistakes() -> None:
    sent = {
        "jenis_pemohon": ["badan_hukum"],
        "nama": ['PT "Maju" <Jaya>'],
        "cara_memperoleh": ["salinan_cetak"],
        "cara_salinan": ["kurir"],
        "kuasa": ["ya"],
    }
    mistakes = [
        ("persetujuan", "Persetujuan atas pemberitahuan privasi wajib dicentang"),
        ("nomor_sk_badan_hukum", "Nomor SK pengesahan wajib diisi untuk badan hukum"),
    ]
    page = render_form(FormState("permohonan", sent, mistakes, [("_next", "https://x.id/")]))
    form = _parse(page)
    checked = {a["name"]: a["value"] for a in form.all("input") if "checked" in a}
    assert checked == {
        "jenis_pemohon": "badan_hukum",
        "cara_memperoleh": "salinan_cetak",
        "kuasa": "ya",
    }
    assert [a["value"] for a in form.all("option") if "selected" in a] == ["kurir"]
    assert 'value="PT &#34;Maju&#34; &lt;Jaya&gt;"' in page  # escaped
    consent = next(a for a in form.all("input") if a.get("name") == "persetujuan")
    assert consent["aria-invalid"] == "true" and consent["aria-describedby"] == "e-f-persetujuan"
    # the list follows the form's order and links to each field
    links = [a["href"] for a in form.all("a") if a["href"].startswith("#")]
    assert links == ["#f-nomor-sk-badan-hukum", "#f-persetujuan"]
    assert "Ada 2 isian yang perlu diperbaiki" in page
    sk = next(a for a in form.all("input") if a.get("name") == "nomor_sk_badan_hukum")
    assert sk["aria-describedby"] == "h-sk e-f-nomor-sk-badan-hukum"
    hidden = [(a["name"], a["value"]) for a in form.all("input") if a.get("type") == "hidden"]
    assert hidden == [("_next", "https://x.id/")]
    assert "Lampirkan ulang berkas Anda" in page  # files are never kept


def test_a_refused_objection_keeps_its_grounds_ticked() -> None:
    sent = {"alasan": ["c,g"], "nomor_permohonan": ["0012/PPID/XI/2026"]}
    page = render_form(FormState("keberatan", sent, [("kasus_posisi", "Kasus posisi wajib")]))
    ticked = [a["value"] for a in _parse(page).all("input") if a.get("name") == "alasan"
              and "checked" in a]  # fmt: skip
    assert ticked == ["c", "g"]
    assert '<a href="#k-kasus-posisi">Kasus posisi</a>' in page


def test_the_relay_s_shell_page_is_marked_and_kept_out_of_search(pages: dict[str, str]) -> None:
    shell = pages[SHELL_PAGE]
    assert shell.startswith("---\ntitle: Layanan PPID\npagefind: false\n")
    start, end = shell.index(SHELL_START), shell.index(SHELL_END)
    assert start < shell.index("<h1>") < end
    assert "[permohonan informasi](permohonan.md)" in shell  # mkdocs writes the link
