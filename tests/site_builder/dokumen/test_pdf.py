"""The PDF staff print and sign, read back with pypdf: letterhead, bold, tables, page breaks."""

from __future__ import annotations

import io

import pypdf
import pytest

from site_builder.dokumen import (
    STAR,
    Chart,
    Document,
    Fields,
    Grid,
    Heading,
    Items,
    Kop,
    Para,
    Section,
    Signature,
)
from site_builder.dokumen.pdf import render_pdf

KOP = Kop(
    "KPU Kabupaten Uji",
    "Jl. Merdeka No. 1, Kabupaten Uji 55111",
    "Telepon (0274) 555-0100 · Surel ppid@uji.example.org",
)
SIGNATURE = Signature(
    "Kabupaten Uji, 4 Januari 2027",
    "Pejabat Pengelola Informasi dan Dokumentasi\nKPU Kabupaten Uji",
    "Rina Wulandari",
)
FILLER = (
    "Dengan hormat, bersama ini kami sampaikan daftar kerja pemutakhiran Daftar Informasi "
    "Publik yang perlu diperiksa dan dilengkapi oleh setiap Sub Bagian."
)


def _reader(doc: Document) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(render_pdf(doc)))


def _pages(doc: Document) -> list[str]:
    return [page.extract_text() for page in _reader(doc).pages]


def _runs(doc: Document) -> list[tuple[str, str]]:
    """(font, text) of every piece of text, in reading order."""
    runs: list[tuple[str, str]] = []

    def visit(
        text: str, _cm: object, _tm: object, font: dict[str, str] | None, _size: object
    ) -> None:
        if text.strip():
            runs.append(((font or {}).get("/BaseFont", ""), text.strip()))

    for page in _reader(doc).pages:
        page.extract_text(visitor_text=visit)
    return runs


def _page_of(pages: list[str], text: str) -> int:
    [n] = [i for i, p in enumerate(pages) if text in p]
    return n


def test_letterhead_is_the_office_name_in_capitals_then_its_contacts() -> None:
    runs = _runs(Document("Surat", [KOP, Para("Isi surat.")]))
    assert runs[:3] == [
        ("/Helvetica-Bold", "KPU KABUPATEN UJI"),
        ("/Helvetica", "Jl. Merdeka No. 1, Kabupaten Uji 55111"),
        ("/Helvetica", "Telepon (0274) 555-0100 · Surel ppid@uji.example.org"),
    ]


def test_title_and_author_in_the_file_properties() -> None:
    meta = _reader(Document("Nota Dinas Pemutakhiran DIP 2027", [Para("x")])).metadata
    assert meta is not None
    assert (meta.title, meta.author) == ("Nota Dinas Pemutakhiran DIP 2027", "PPID")


def test_bold_pieces_are_bold_and_the_rest_is_not() -> None:
    runs = _runs(
        Document("x", [Para("Mohon **segera** dilengkapi paling lambat **11 Januari 2027**.")])
    )
    assert runs == [
        ("/Helvetica", "Mohon"),
        ("/Helvetica-Bold", "segera"),
        ("/Helvetica", "dilengkapi paling lambat"),
        ("/Helvetica-Bold", "11 Januari 2027"),
        ("/Helvetica", "."),
    ]


def test_headings_sections_and_the_signatory_are_bold() -> None:
    doc = Document(
        "x",
        [
            Heading("NOTA DINAS"),
            Heading("Nomor 1/PP.06/2027", 2),
            Section("A. Ringkasan"),
            Para("teks"),
            SIGNATURE,
        ],
    )
    runs = {text: font for font, text in _runs(doc)}
    assert runs["NOTA DINAS"] == runs["Nomor 1/PP.06/2027"] == "/Helvetica-Bold"
    assert runs["A. Ringkasan"] == runs["Rina Wulandari"] == "/Helvetica-Bold"
    assert runs["teks"] == runs["Kabupaten Uji, 4 Januari 2027"] == "/Helvetica"


def test_markup_characters_print_as_written() -> None:
    [text] = _pages(Document("x", [Para(f"Biaya <Rp 5.000> & {STAR}syarat berlaku")]))
    assert "Biaya <Rp 5.000> & *syarat berlaku" in text


def test_line_breaks_inside_a_paragraph() -> None:
    [text] = _pages(Document("x", [Para("Baris satu\nBaris dua")]))
    assert "Baris satu\nBaris dua" in text


def test_fields_lists_and_tables_read_in_order() -> None:
    doc = Document(
        "x",
        [
            Fields((("Kepada", "Kepala Sub Bagian **Teknis**"), ("Hal", "Pemutakhiran DIP"))),
            Items(("Periksa entri lama.", "Tambahkan entri baru.")),
            Items(("huruf satu", "huruf dua"), letters=True),
            Grid(
                ("No", "Judul", "Status"),
                (("1", "DIPA 2026", "disahkan"), ("2", "RUP 2026", "draf")),
                title="Daftar entri",
            ),
        ],
    )
    [text] = _pages(doc)
    assert [line.strip() for line in text.splitlines()] == [
        "Kepada",
        ":",
        "Kepala Sub Bagian Teknis",
        "Hal",
        ":",
        "Pemutakhiran DIP",
        "1.",
        "Periksa entri lama.",
        "2.",
        "Tambahkan entri baru.",
        "a.",
        "huruf satu",
        "b.",
        "huruf dua",
        "Daftar entri",
        "No",
        "Judul",
        "Status",
        "1",
        "DIPA 2026",
        "disahkan",
        "2",
        "RUP 2026",
        "draf",
    ]
    assert ("/Helvetica-Bold", "Teknis") in _runs(doc)


def test_a_long_letter_runs_over_several_pages_with_nothing_lost() -> None:
    doc = Document("x", [KOP, *(Para(f"Paragraf {n:03d}. {FILLER}") for n in range(80)), SIGNATURE])
    pages = _pages(doc)
    assert len(pages) >= 4
    text = "\n".join(pages)
    found = [int(line[9:12]) for line in text.splitlines() if line.startswith("Paragraf ")]
    assert found == list(range(80))
    assert _page_of(pages, "KPU KABUPATEN UJI") == 0
    assert _page_of(pages, "Rina Wulandari") == len(pages) - 1


def test_a_long_table_repeats_its_header_on_every_page() -> None:
    rows = tuple((str(n), f"Entri nomor {n}", "disahkan") for n in range(1, 121))
    pages = _pages(Document("x", [Grid(("No", "Judul entri", "Status"), rows)]))
    assert len(pages) >= 3
    assert all("Judul entri" in page for page in pages)
    assert sum(page.count("Entri nomor ") for page in pages) == 120


def test_an_attachment_table_starts_on_a_new_page_after_the_letter() -> None:
    lampiran = Grid(
        ("No", "Judul"), (("1", "DIPA Tahun Anggaran 2026"),), lampiran=True, title="Lampiran SK"
    )
    pages = _pages(
        Document("x", [Heading("KEPUTUSAN"), lampiran, Para("Ditetapkan di Uji."), SIGNATURE])
    )
    assert len(pages) == 2
    assert "Ditetapkan di Uji." in pages[0] and "Rina Wulandari" in pages[0]
    assert "Lampiran SK" not in pages[0] and "DIPA Tahun Anggaran 2026" in pages[1]


@pytest.mark.parametrize("fill", range(21, 45, 3))  # the break falls across the block
def test_a_short_table_is_not_cut_from_its_title(fill: int) -> None:
    grid = Grid(
        ("No", "Judul"), tuple((str(n), f"Baris {n}") for n in range(1, 11)), title="Tabel ringkas"
    )
    pages = _pages(Document("x", [*(Para(f"{FILLER} ({n})") for n in range(fill)), grid]))
    title = _page_of(pages, "Tabel ringkas")
    assert _page_of(pages, "Baris 1\n") == _page_of(pages, "Baris 10") == title


@pytest.mark.parametrize("fill", range(21, 45, 3))  # the break falls across the block
def test_the_signature_block_is_never_split(fill: int) -> None:
    pages = _pages(Document("x", [*(Para(f"{FILLER} ({n})") for n in range(fill)), SIGNATURE]))
    assert _page_of(pages, "Kabupaten Uji, 4 Januari 2027") == _page_of(pages, "Rina Wulandari")


def test_a_chart_shows_its_title_and_labels() -> None:
    [text] = _pages(
        Document("x", [Chart("Permohonan per bulan", ("Jan", "Feb", "Mar"), (3, 5, 0))])
    )
    lines = text.splitlines()
    assert "Permohonan per bulan" in lines
    assert {"Jan", "Feb", "Mar"} <= set(lines)


def test_the_same_document_gives_the_same_bytes() -> None:
    doc = Document("Nota dinas", [KOP, Heading("NOTA DINAS"), Para(FILLER), SIGNATURE])
    first = render_pdf(doc)
    assert first.startswith(b"%PDF") and render_pdf(doc) == first
    assert render_pdf(Document("Nota dinas", [*doc.blocks, Para("tambahan")])) != first
