"""Rendered pages: golden files for every page type, escaping, links and previews."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from site_builder.dip.model import Biaya, Catalogue, Delivery, Medium
from site_builder.render.markup import md, page_url, relative_url
from site_builder.render.pages import RenderOptions, render_pages

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
    for kategori in ("berkala", "serta-merta", "setiap-saat", "dikecualikan"):
        assert f"dip/kategori/{kategori}.md" in pages


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
    assert page.count("<tr data-kategori=") == 4
    # without JavaScript the filter form stays hidden and the table is complete
    assert "data-ppid-filter hidden" in page


def test_edit_link_points_to_the_yaml_source(mini_catalogue: Catalogue) -> None:
    page = render_pages(mini_catalogue, OPTS)["informasi/dipa-2026.md"]
    assert 'href="https://github.com/kpu-uji/ppid/edit/main/dip/keuangan/dipa-2026.yml"' in page
    assert "Ubah entri ini" in page
    no_repo = render_pages(mini_catalogue, RenderOptions(today=OPTS.today))
    assert "Ubah entri ini" not in no_repo["informasi/dipa-2026.md"]


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
