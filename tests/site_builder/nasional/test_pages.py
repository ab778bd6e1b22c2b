"""The portal's pages: links to the offices' own pages, relative links inside, escaped text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from site_builder.kantor import Kantor
from site_builder.kantor import read as read_registry
from site_builder.nasional.model import Catatan, DataKantor
from site_builder.nasional.pages import entry_link, render
from site_builder.nasional.read import Daftar, Entri
from tests.federasi import registry_text
from tests.site_builder.nasional.conftest import NOW


def _office(situs: str, asal: tuple[str, ...] = ()) -> Kantor:
    return Kantor("6201", "KPU Kabupaten Uji", "kabupaten_kota", "62", "WIB", situs, asal)


def _entri(url: str, judul: str = "DIPA 2026", ringkasan: str = "Pagu") -> Entri:
    return Entri(
        1, "dipa-2026", "keuangan", url, judul, ringkasan, "berkala", 2026, date(2026, 1, 5)
    )


@pytest.mark.parametrize(
    ("office", "url", "link"),
    [
        (
            _office("https://x.example.org/"),
            "https://y.example.org/informasi/a/",
            "https://y.example.org/informasi/a/",
        ),
        (
            _office("https://x.example.org/ppid/"),
            "/informasi/a/",
            "https://x.example.org/ppid/informasi/a/",
        ),
        (
            _office("/srv/6201", ("https://ppid.example.org",)),
            "/informasi/a/",
            "https://ppid.example.org/informasi/a/",
        ),
        (_office("/srv/6201"), "/informasi/a/", None),
    ],
)
def test_an_entry_links_to_its_page_on_the_office_site(
    office: Kantor, url: str, link: str | None
) -> None:
    assert entry_link(office, _entri(url)) == link


def test_text_from_an_office_is_escaped_and_links_are_relative(tmp_path: Path) -> None:
    path = tmp_path / "kantor.yml"
    path.write_text(registry_text("https://a.example.org", "https://b.example.org"))
    registry = read_registry(path)
    evil = _entri("/informasi/a/", judul="<script>alert(1)</script>", ringkasan='"><img src=x>')
    dip = Daftar("KPU Kabupaten Katingan", 2026, "1/2026", date(2026, 1, 19), (evil,))
    offices = [DataKantor(k) for k in registry.kantor]
    offices[2].dip = dip
    offices[4].catatan.append(Catatan("tidak_ada", "folder", "Folder /srv/6203 tidak ada."))
    files, records = render(registry, offices, NOW)
    page = str(files["kantor/6201/index.html"])
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x>" not in page
    assert 'href="https://a.example.org/informasi/a/"' in page
    assert '<link rel="stylesheet" href="../../assets/nasional.css">' in page
    assert 'href="../../status-data/"' in page
    home = str(files["index.html"])
    assert '<a href="kantor/00/">KPU RI</a> (1 kantor)' in home
    assert '<a href="provinsi/62/">KPU Provinsi Kalimantan Tengah</a> (4 kantor)' in home
    assert "1 kantor dengan data tertinggal atau tidak ada" in home
    assert [r.url for r in records] == ["https://a.example.org/informasi/a/"]
    assert records[0].filters == {
        "Provinsi": ["KPU Provinsi Kalimantan Tengah"],
        "Kategori": ["Informasi Berkala"],
    }
    # no register anywhere: the statistics page of this year says nothing is known
    stats = str(files["statistik/index.html"])
    assert "Statistik layanan informasi 2026" in stats
    assert "5 kantor belum mempunyai register yang dapat dibaca" in stats


def test_every_page_is_indonesian_and_fits_a_phone(tmp_path: Path) -> None:
    path = tmp_path / "kantor.yml"
    path.write_text(registry_text("https://a.example.org", "https://b.example.org"))
    registry = read_registry(path)
    files, _ = render(registry, [DataKantor(k) for k in registry.kantor], NOW)
    pages = {rel: str(c) for rel, c in files.items() if rel.endswith(".html")}
    assert len(pages) == 11  # home, search, office list, 5 offices, 1 province, stats, status
    for rel, html in pages.items():
        assert html.startswith('<!doctype html>\n<html lang="id">'), rel
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert '<a class="lompat" href="#isi">Langsung ke isi</a>' in html, rel
        assert "Diperbarui 24 November 2026 pukul 09.30 WIB." in html, rel
