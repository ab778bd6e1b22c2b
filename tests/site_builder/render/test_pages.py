"""Rendered pages: golden files for every page type, escaping, links and previews."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from site_builder.dip.model import Biaya, Catalogue, Delivery, Medium, Penetap
from site_builder.register import row_from_json
from site_builder.render.markup import md, page_url, relative_url
from site_builder.render.pages import RenderOptions, render_pages
from tests.site_builder.test_register import ROW

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "pages"
OPTS = RenderOptions(
    edit_base="https://github.com/kpu-uji/ppid/edit/main/", today=date(2026, 11, 22)
)
# One page of each type is kept as a golden file; PPID_UPDATE_GOLDEN=1 rewrites them.
GOLDEN_PAGES = [
    "index.md",
    "dip/index.md",
    "dip/kategori/berkala.md",
    "dip/unit/index.md",
    "dip/unit/teknis.md",
    "dip/dikecualikan.md",
    "dip/unduh.md",
    "dip/kelengkapan.md",
    "cari.md",
    "informasi/dipa-2026.md",
    "informasi/nik-pemilih.md",
    "informasi/rup-2026.md",
    "layanan/standar.md",
    "layanan/permohonan.md",
    "layanan/keberatan.md",
    "layanan/status.md",
    "layanan/bingkai.md",
]


@pytest.mark.parametrize("src_uri", GOLDEN_PAGES)
def test_golden_pages(mini_catalogue: Catalogue, src_uri: str) -> None:
    page = render_pages(mini_catalogue, OPTS)[src_uri]
    golden = GOLDEN / (src_uri + ".golden")
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8"), f"{src_uri} berbeda dari golden"


def test_page_set(mini_catalogue: Catalogue) -> None:
    pages = render_pages(mini_catalogue, OPTS)
    entry_pages = sorted(p for p in pages if p.startswith("informasi/"))
    assert entry_pages == [
        "informasi/dipa-2026.md",
        "informasi/nik-pemilih.md",
        "informasi/rup-2026.md",
        "informasi/tps-banjir.md",
    ]
    for kategori in ("berkala", "serta-merta", "setiap-saat"):
        assert f"dip/kategori/{kategori}.md" in pages
    # the exempted category is not a DIP category: its list is the DIK's own page
    assert "dip/kategori/dikecualikan.md" not in pages
    assert "dip/dikecualikan.md" in pages


def _titles(page: str) -> list[str]:
    return re.findall(r'<a href="[^"]*informasi/[^"]+">([^<]+)</a>', page)


def test_the_dip_and_its_categories_hold_only_public_entries(mini_catalogue: Catalogue) -> None:
    pages = render_pages(mini_catalogue, OPTS)
    public = ["DIPA Tahun Anggaran 2026", "Pemindahan lokasi TPS akibat banjir"]
    for src_uri in ("dip/index.md", *(f"dip/kategori/{k}.md" for k in ("berkala", "serta-merta"))):
        assert "NIK dan nomor KK lengkap pemilih" not in pages[src_uri], src_uri
        assert 'data-kategori="dikecualikan"' not in pages[src_uri], src_uri
    assert set(public) <= set(_titles(pages["dip/index.md"]))
    assert '<option value="dikecualikan">' not in pages["dip/index.md"]  # filter: DIP only
    # the DIP points to the DIK rather than to a fourth category page
    assert 'href="dikecualikan/">Daftar Informasi yang Dikecualikan</a>' in pages["dip/index.md"]


def test_the_dik_has_its_own_page_numbers_and_penetap(mini_catalogue: Catalogue) -> None:
    pages = render_pages(mini_catalogue, OPTS)
    dik = pages["dip/dikecualikan.md"]
    assert _titles(dik) == ["NIK dan nomor KK lengkap pemilih"]
    assert "Jumlah: 1 informasi" in dik
    # no `penetap` in the YAML: the office's own PPID, by the test's decree
    assert (
        "Penetap uji konsekuensi</th><td>PPID KPU Kabupaten Uji, dengan Keputusan Nomor "
        "3/PP.06-Kpt/3399/2026</td>" in dik
    )
    entry = pages["informasi/nik-pemilih.md"]
    assert "Nomor 1 dalam Daftar Informasi yang Dikecualikan Tahun 2026" in entry
    assert "Nomor 1 dalam DIP Tahun 2026" in pages["informasi/dipa-2026.md"]
    assert 'href="../../dip/dikecualikan/#nik-pemilih"' in entry


def test_a_penetap_is_quoted_on_the_dik_and_the_entry(mini_catalogue: Catalogue) -> None:
    nik = next(e for e in mini_catalogue.entries if e.slug == "nik-pemilih")
    assert nik.uji_konsekuensi is not None
    uji = replace(
        nik.uji_konsekuensi, penetap=Penetap("KPU RI", "Keputusan KPU Nomor 9901 Tahun 2025")
    )
    entries = tuple(
        replace(e, uji_konsekuensi=uji) if e is nik else e for e in mini_catalogue.entries
    )
    pages = render_pages(replace(mini_catalogue, entries=entries), OPTS)
    quoted = "<td>KPU RI, dengan Keputusan KPU Nomor 9901 Tahun 2025</td>"
    assert quoted in pages["dip/dikecualikan.md"]
    assert quoted in pages["informasi/nik-pemilih.md"]


def test_a_unit_page_shows_both_lists_labelled(mini_catalogue: Catalogue) -> None:
    page = render_pages(mini_catalogue, OPTS)["dip/unit/teknis.md"]
    dip_at = page.index("<caption>Daftar Informasi Publik: informasi yang dikuasai")
    dik_at = page.index("<caption>Daftar Informasi yang Dikecualikan: informasi yang dikuasai")
    assert dip_at < page.index("Pemindahan lokasi TPS akibat banjir") < dik_at
    assert page.index("NIK dan nomor KK lengkap pemilih") > dik_at


def test_the_downloads_page_offers_both_lists(mini_catalogue: Catalogue) -> None:
    page = render_pages(mini_catalogue, OPTS)["dip/unduh.md"]
    for name in ("dip.xlsx", "dip.csv", "dip.json", "dik.xlsx", "dik.csv", "dik.json"):
        assert f'href="../../unduh/{name}" download>{name}</a>' in page
    assert "(3 entri) dan Daftar Informasi yang Dikecualikan (1 entri)" in page


def test_drafts_only_in_preview(mini_catalogue: Catalogue) -> None:
    normal = render_pages(mini_catalogue, OPTS)
    preview = render_pages(mini_catalogue, RenderOptions(pratinjau=True, today=OPTS.today))
    assert "informasi/jadwal-pilkada-ulang.md" not in normal
    assert "Jadwal pemungutan suara ulang" not in normal["dip/index.md"]
    page = preview["informasi/jadwal-pilkada-ulang.md"]
    assert 'class="ppid-badge ppid-badge--draf"' in page
    assert "Jadwal pemungutan suara ulang" in preview["dip/index.md"]
    assert "ppid-preview" in preview["dip/index.md"]


def test_yaml_text_is_escaped_everywhere(mini_catalogue: Catalogue) -> None:
    for src_uri, page in render_pages(mini_catalogue, OPTS).items():
        assert "<script>alert" not in page, src_uri
        assert "<img src=x" not in page, src_uri
    page = render_pages(mini_catalogue, OPTS)["informasi/rup-2026.md"]
    assert page.startswith("# Rencana Umum Pengadaan 2026 &lt;script&gt;alert\\(1\\)")
    assert "[bukan tautan](javascript:alert(1))" in page  # inside an HTML block: plain text


def test_seven_official_columns(mini_catalogue: Catalogue) -> None:
    page = render_pages(mini_catalogue, OPTS)["dip/index.md"]
    heads = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert heads == [
        "Nomor",
        "Ringkasan isi informasi",
        "Pejabat/unit yang menguasai informasi",
        "Penanggung jawab pembuatan/penerbitan informasi",
        "Waktu dan tempat pembuatan informasi",
        "Bentuk informasi yang tersedia",
        "Jangka waktu penyimpanan",
    ]
    assert page.count("<tr data-kategori=") == 3  # the exempted entry is on the DIK
    # without JavaScript the filter form stays hidden and the table is complete
    assert "data-ppid-filter hidden" in page


def test_edit_link_and_yaml_source_only_in_a_preview(mini_catalogue: Catalogue) -> None:
    preview = replace(OPTS, pratinjau=True)
    page = render_pages(mini_catalogue, preview)["informasi/dipa-2026.md"]
    assert 'href="https://github.com/kpu-uji/ppid/edit/main/dip/keuangan/dipa-2026.yml"' in page
    assert "Ubah entri ini" in page and "dip/keuangan/dipa-2026.yml</code>" in page
    public = render_pages(mini_catalogue, OPTS)["informasi/dipa-2026.md"]
    assert "Ubah entri ini" not in public and "dip/keuangan/" not in public
    no_repo = render_pages(mini_catalogue, RenderOptions(today=OPTS.today, pratinjau=True))
    assert "Ubah entri ini" not in no_repo["informasi/dipa-2026.md"]
    # an exempt entry on the public site has no action at all: no empty paragraph either
    assert "ppid-actions" not in render_pages(mini_catalogue, OPTS)["informasi/nik-pemilih.md"]


@pytest.mark.parametrize(
    ("src", "to", "directory_urls", "expected"),
    [
        ("index.md", "dip/index.md", True, "dip/"),
        ("dip/index.md", "informasi/a.md", True, "../informasi/a/"),
        ("informasi/a.md", "index.md", True, "../../"),
        ("informasi/a.md", "unduh/dip.csv", True, "../../unduh/dip.csv"),
        ("dip/kategori/berkala.md", "dip/dikecualikan.md", True, "../../dikecualikan/"),
        ("index.md", "index.md", True, "./"),
        ("informasi/a.md", "index.md", False, "../index.html"),
        ("dip/index.md", "informasi/a.md", False, "../informasi/a.html"),
    ],
)
def test_relative_url(src: str, to: str, directory_urls: bool, expected: str) -> None:
    assert relative_url(src, to, directory_urls) == expected


def test_page_url() -> None:
    assert page_url("index.md") == ""
    assert page_url("dip/index.md") == "dip/"
    assert page_url("informasi/x.md") == "informasi/x/"
    assert page_url("informasi/x.md", use_directory_urls=False) == "informasi/x.html"


def test_markdown_escape() -> None:
    assert str(md("*a* [b](c) #1 <i>")) == r"\*a\* \[b\]\(c\) \#1 &lt;i&gt;"


def test_the_service_standards_carry_periods_cuti_bersama_and_the_cost_schedule(
    mini_catalogue: Catalogue,
) -> None:
    office = replace(
        mini_catalogue.office,
        zona_waktu="WITA",
        cuti_bersama="hari_kerja",
        biaya=Biaya(
            per_halaman=1000,
            elektronik=0,
            media=(Medium("CD/DVD", 15000), Medium("Flashdisk milik pemohon", 0)),
            pengiriman=(
                Delivery("pos", "Ongkos kirim ditanggung pemohon"),
                Delivery("email", "Tanpa biaya"),
            ),
            pembayaran="Tunai dengan kuitansi",
        ),
    )
    page = render_pages(replace(mini_catalogue, office=office), OPTS)["layanan/standar.md"]
    text = re.sub(r"<[^>]+>", " ", page)
    text = " ".join(text.split())
    assert text.startswith("# Standar Layanan Informasi Publik")
    for expected in (
        "Pemberitahuan tertulis atas permohonan 10 hari kerja UU 14/2008 Pasal 22 ayat (7)",
        "Perpanjangan jangka pemberitahuan (sekali) 7 hari kerja UU 14/2008 Pasal 22 ayat (8)",
        "Tanggapan atasan PPID atas keberatan 30 hari kerja UU 14/2008 Pasal 36 ayat (2)",
        "Pengajuan sengketa ke Komisi Informasi 14 hari kerja UU 14/2008 Pasal 37 ayat (2)",
        "Cuti bersama dihitung sebagai hari kerja.",
        "menurut waktu kantor: WITA (Asia/Makassar)",
        "Salinan cetak Rp1.000 per halaman",
        "Salinan elektronik Tanpa biaya",
        "Media: CD/DVD Rp15.000",
        "Media: Flashdisk milik pemohon Tanpa biaya",
        "Penyerahan salinan: Pos Ongkos kirim ditanggung pemohon",
        "Penyerahan salinan: Surel (email) Tanpa biaya",
        "Cara pembayaran Tunai dengan kuitansi",
        "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik",
    ):
        assert expected in text, expected
    assert "Kurir" not in text  # a way the schedule does not name is not promised
    assert '<a href="../permohonan/">Ajukan permohonan informasi</a>' in page
    assert '<a href="../keberatan/">Ajukan keberatan</a>' in page


def test_the_checklist_of_mandatory_items(mini_catalogue: Catalogue) -> None:
    """/dip/kelengkapan/: every item of the bundled list with its article, the approved
    entries that fulfil it, or "belum ada"; linked from /dip/."""
    pages = render_pages(mini_catalogue, OPTS)
    page = pages["dip/kelengkapan.md"]
    # dipa-2026, tps-banjir and rup-2026 fulfil one item each; 25 items in the bundled list
    assert "<strong>3 dari 25 butir wajib telah dipenuhi.</strong>" in page
    row = re.search(r'<tr id="berkala.laporan-keuangan">.*?</tr>', page)
    assert row is not None
    assert "UU 14/2008 Pasal 9 ayat (2) huruf c; Perki 1/2021 Pasal 11 ayat (1) huruf d" in row[0]
    assert '<a href="../../informasi/dipa-2026/">' in row[0]
    evakuasi = re.search(r'<tr id="berkala.peringatan-dini-evakuasi">.*?</tr>', page)
    assert evakuasi is not None and "belum ada" in evakuasi[0]
    assert '<a href="#berkala.peringatan-dini-evakuasi">' in page  # in the summary's list
    assert page.count('<table class="ppid-dip ppid-kelengkapan">') == 4  # one per group
    assert 'href="kelengkapan/"' in pages["dip/index.md"]


def test_the_checklist_counts_no_draft(mini_catalogue: Catalogue) -> None:
    entries = tuple(
        replace(e, kewajiban=("pemilu.tahapan-jadwal",)) if e.is_draft else e
        for e in mini_catalogue.entries
    )
    page = render_pages(replace(mini_catalogue, entries=entries), OPTS)["dip/kelengkapan.md"]
    row = re.search(r'<tr id="pemilu.tahapan-jadwal">.*?</tr>', page)
    assert row is not None and "belum ada" in row[0]
    assert "Jadwal pemungutan suara ulang" not in page


def test_the_checklist_leaves_out_election_items_for_other_public_bodies(
    mini_catalogue: Catalogue,
) -> None:
    office = replace(mini_catalogue.office, jenis="badan_publik")
    page = render_pages(replace(mini_catalogue, office=office), OPTS)["dip/kelengkapan.md"]
    assert "pemilu.tahapan-jadwal" not in page
    assert "<strong>3 dari 20 butir wajib telah dipenuhi.</strong>" in page


def test_a_register_of_examples_says_so(mini_catalogue: Catalogue) -> None:
    real = row_from_json(ROW, "uji")
    demo = replace(real, nomor="0002/PPID/XI/2026", contoh=True)
    shown = render_pages(mini_catalogue, OPTS, register=[real, demo])
    for page in ("register/index.md", "register/permohonan-2026.md", "register/statistik.md"):
        assert "<strong>Data contoh.</strong> Register ini memuat 1 catatan contoh" in shown[page]
    quiet = render_pages(mini_catalogue, OPTS, register=[real])
    assert "Data contoh" not in quiet["register/index.md"] + quiet["register/permohonan-2026.md"]
