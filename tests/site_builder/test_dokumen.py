"""Official documents: the Markdown subset letter templates are written in, and the Markdown,
DOCX and PDF files staff review, edit and print."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pypdf
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from site_builder import dokumen
from site_builder.dip.model import Catalogue
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
    TemplateError,
)
from tests.support import ROOT

BR = "  "  # two spaces at the end of a line: a Markdown line break
TEMPLATE = f"""\
# NOTA DINAS

## Nomor 12/PP.06/2027

| | |
|---|---|
| Kepada | Kepala Sub Bagian **Teknis** |
| Hal | Pemutakhiran DIP \\| 2027 |

Dengan hormat, kami sampaikan **daftar kerja** berikut.{BR}
Baris kedua\\
Baris ketiga dengan tanda \\* dan garis miring \\\\

1. Periksa entri
   yang sudah ada.
2. Tambahkan entri baru.

a. huruf satu
b. huruf dua

| No | Judul | Status |
|---|:---:|---|
| 1 | DIPA | disahkan |

::: ttd
Kota Contoh, 4 Januari 2027
Pejabat Pengelola Informasi dan Dokumentasi
KPU Kabupaten Contoh
**Rina Wulandari**
:::
"""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
KOP = Kop("KPU Kabupaten Uji", "Jl. Merdeka No. 1", "Telepon (0274) 555-0100")
SIGNATURE = Signature("Kabupaten Uji, 4 Januari 2027", "PPID\nKPU Kabupaten Uji", "Rina Wulandari")


def _docx(doc: Document, when: datetime | None = None) -> docx.document.Document:
    return docx.Document(io.BytesIO(dokumen.to_docx(doc, when)))


# --- reading the Markdown subset --------------------------------------------------------------


def test_a_template_becomes_blocks() -> None:
    doc = dokumen.from_markdown(TEMPLATE, "Nota dinas")
    assert doc.title == "Nota dinas"
    assert doc.blocks == [
        Heading("NOTA DINAS", 1),
        Heading("Nomor 12/PP.06/2027", 2),
        Fields((("Kepada", "Kepala Sub Bagian **Teknis**"), ("Hal", "Pemutakhiran DIP | 2027"))),
        Para(
            "Dengan hormat, kami sampaikan **daftar kerja** berikut.\nBaris kedua\n"
            f"Baris ketiga dengan tanda {STAR} dan garis miring \\"
        ),
        Items(("Periksa entri yang sudah ada.", "Tambahkan entri baru.")),
        Items(("huruf satu", "huruf dua"), letters=True),
        Grid(("No", "Judul", "Status"), (("1", "DIPA", "disahkan"),)),
        Signature(
            "Kota Contoh, 4 Januari 2027",
            "Pejabat Pengelola Informasi dan Dokumentasi\nKPU Kabupaten Contoh",
            "Rina Wulandari",
        ),
    ]


def test_lines_of_a_paragraph_join_unless_broken() -> None:
    [para] = dokumen.from_markdown("satu\ndua  \ntiga\\\nempat\nlima").blocks
    assert para == Para("satu dua\ntiga\nempat lima")
    # an escaped backslash at the end of a line is a backslash, not a break
    [para] = dokumen.from_markdown("C:\\\\\nberkas").blocks
    assert para == Para("C:\\ berkas")


def test_a_list_is_renumbered_in_order() -> None:
    [items] = dokumen.from_markdown("3. tiga\n7. tujuh").blocks
    assert items == Items(("tiga", "tujuh"))


def test_deeper_headings_are_subtitles() -> None:
    assert dokumen.from_markdown("### Lampiran").blocks == [Heading("Lampiran", 2)]


def test_a_signature_block_ends_a_paragraph_without_a_blank_line() -> None:
    doc = dokumen.from_markdown("Demikian.\n::: ttd\nUji, 1 Mei 2027\nPPID\nRina\n:::")
    assert doc.blocks == [Para("Demikian."), Signature("Uji, 1 Mei 2027", "PPID", "Rina")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Isi.\n\n::: ttd\nUji, 1 Mei 2027\nPPID\nRina\n",
            "surat.md:3: blok '::: ttd' tidak ditutup ':::'",
        ),
        (
            "::: ttd\nUji, 1 Mei 2027\nRina\n:::",
            "surat.md:1: blok tanda tangan perlu sedikitnya 3 baris: "
            "tempat dan tanggal, jabatan, nama",
        ),
        (
            "# Judul\nlanjutan judul",
            "surat.md:2: judul hanya satu baris; beri baris kosong sesudahnya",
        ),
        (
            "Isi.\n\n| A | B |\n| 1 | 2 |",
            "surat.md:4: tabel perlu baris pemisah '|---|---|' di bawah baris judul kolom",
        ),
        (
            "| A | B |\n|---|---|\n| 1 | 2 |\n| 3 |",
            "surat.md:4: baris tabel berisi 1 kolom, judulnya 2",
        ),
        (
            "| | | |\n|---|---|---|\n| a | b | c |",
            "surat.md:1: tabel isian (judul kolom kosong) harus dua kolom: keterangan dan isi",
        ),
        (
            "Isi.\n\n1. satu\n2. dua\nbukan butir",
            "surat.md:5: baris daftar harus diawali '1.' atau 'a.' (atau menjorok untuk lanjutan)",
        ),
    ],
)
def test_a_broken_template_says_which_line(text: str, message: str) -> None:
    with pytest.raises(TemplateError) as info:
        dokumen.from_markdown(text, where="surat.md")
    assert str(info.value) == message


def test_where_defaults_to_templat() -> None:
    with pytest.raises(TemplateError, match=r"^templat:2: judul "):
        dokumen.from_markdown("# a\nb")


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_of_every_block() -> None:
    doc = Document(
        "Laporan",
        [
            KOP,
            Heading("LAPORAN"),
            Section("A. Ringkasan"),
            Para(f"Baris satu\nBaris dua {STAR}"),
            Fields((("Hal", "DIP | 2027"),)),
            Items(("satu", "dua"), letters=True),
            Grid(("No", "Judul"), (("1", "DIPA"),), title="Daftar"),
            Chart("Per bulan", ("Jan", "Feb"), (3, 5)),
            SIGNATURE,
        ],
    )
    assert (
        dokumen.to_markdown(doc)
        == f"""\
# Laporan

**KPU KABUPATEN UJI**{BR}
Jl. Merdeka No. 1{BR}
Telepon (0274) 555-0100

---

**LAPORAN**

## A. Ringkasan

Baris satu{BR}
Baris dua \\*

| | |
|---|---|
| Hal | DIP \\| 2027 |

a. satu
b. dua

**Daftar**

| No | Judul |
|---|---|
| 1 | DIPA |

| Per bulan | Jumlah |
|---|---|
| Jan | 3 |
| Feb | 5 |

Kabupaten Uji, 4 Januari 2027{BR}
PPID{BR}
KPU Kabupaten Uji



**Rina Wulandari**
"""
    )


def test_a_chart_is_drawn_by_the_caller_on_the_site() -> None:
    doc = Document("x", [Chart("Per bulan", ("Jan",), (3,))])
    drawn = dokumen.to_markdown(doc, chart=lambda c: f"<svg>{c.title}: {c.values[0]}</svg>")
    assert drawn == "# x\n\n<svg>Per bulan: 3</svg>\n"


def test_body_blocks_survive_markdown_and_back() -> None:
    blocks: list[dokumen.Block] = [
        Para("Dengan **hormat**,\nbaris baru dan tanda " + STAR),
        Fields((("Kepada", "Sub Bagian | Teknis"), ("Hal", "DIP 2027"))),
        Items(("satu", "dua")),
        Items(("a", "b"), letters=True),
        Grid(("No", "Judul"), (("1", "DIPA"), ("2", "RUP | 2026"))),
    ]
    back = dokumen.from_markdown(dokumen.to_markdown(Document("Judul", list(blocks))))
    assert back.blocks == [Heading("Judul"), *blocks]


# --- letterhead and signature of an office ------------------------------------------------------


def test_letterhead_and_signature_of_the_office(catalogue: Catalogue) -> None:
    office = catalogue.office
    assert dokumen.kop(office) == Kop(
        "Komisi Pemilihan Umum Kabupaten Contoh",
        office.alamat,
        "Telepon (0291) 555-0123 · Surel ppid@contoh.kpu.go.id · "
        "Laman https://ppid-contoh.example.org",
        ROOT / "dip" / "logo-contoh.png",
    )
    assert dokumen.ppid_signature(office, date(2026, 11, 22)) == Signature(
        "Kota Contoh, 22 November 2026",
        "Pejabat Pengelola Informasi dan Dokumentasi\nKomisi Pemilihan Umum Kabupaten Contoh",
        "Rina Wulandari, S.Kom.",
        "198807142011012003",
    )


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_reads_like_the_letter() -> None:
    out = _docx(dokumen.from_markdown(TEMPLATE, "Nota dinas"))
    texts = [p.text for p in out.paragraphs]
    assert texts[:2] == ["NOTA DINAS", "Nomor 12/PP.06/2027"]
    assert (
        "Dengan hormat, kami sampaikan daftar kerja berikut.\nBaris kedua\n"
        "Baris ketiga dengan tanda * dan garis miring \\"
    ) in texts
    assert "1. Periksa entri yang sudah ada." in texts and "b. huruf dua" in texts
    fields, grid, signature = ([[c.text for c in row.cells] for row in t.rows] for t in out.tables)
    assert fields == [
        ["Kepada", ":", "Kepala Sub Bagian Teknis"],
        ["Hal", ":", "Pemutakhiran DIP | 2027"],
    ]
    assert grid == [["No", "Judul", "Status"], ["1", "DIPA", "disahkan"]]
    assert signature[0][0] == ""  # the signature stands on the right half
    assert signature[0][1].startswith("Kota Contoh, 4 Januari 2027\nPejabat Pengelola")
    assert signature[0][1].endswith("Rina Wulandari")


def test_docx_bold_where_the_template_says() -> None:
    out = _docx(dokumen.from_markdown(TEMPLATE, "Nota dinas"))
    para = next(p for p in out.paragraphs if p.text.startswith("Dengan hormat"))
    assert [r.text for r in para.runs if r.bold] == ["daftar kerja"]
    cell = out.tables[0].cell(0, 2).paragraphs[0]
    assert [(r.text, bool(r.bold)) for r in cell.runs if r.text] == [
        ("Kepala Sub Bagian ", False),
        ("Teknis", True),
    ]
    header = [r for c in out.tables[1].rows[0].cells for r in c.paragraphs[0].runs if r.text]
    assert [r.text for r in header] == ["No", "Judul", "Status"]
    assert all(r.bold for r in header)
    first_row = [r for c in out.tables[1].rows[1].cells for r in c.paragraphs[0].runs if r.text]
    assert not any(r.bold for r in first_row)
    name = out.tables[2].cell(0, 1).paragraphs[-1]
    assert name.text == "Rina Wulandari" and all(r.bold for r in name.runs if r.text)


def test_docx_letterhead_is_centred_in_capitals_beside_the_logo() -> None:
    out = _docx(Document("x", [replace(KOP, logo=ROOT / "dip" / "logo-contoh.png"), Para("Isi.")]))
    logo, text, _ = out.tables[0].rows[0].cells
    assert len(logo.paragraphs[0].runs[0]._r.findall(f".//{{{_PIC}}}pic")) == 1
    head = text.paragraphs[0]
    assert head.text == "KPU KABUPATEN UJI" and head.runs[0].bold
    assert head.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert text.paragraphs[2].text.startswith("Telepon (0274) 555-0100")
    rule = out.paragraphs[0]._p.pPr.find(f"{{{_W}}}pBdr")  # the rule under the letterhead
    assert rule is not None and rule.find(f"{{{_W}}}bottom") is not None


def test_docx_is_a4_with_a_section_heading_and_a_chart_table() -> None:
    out = _docx(Document("x", [Section("B. Statistik"), Chart("Per bulan", ("Jan",), (3,))]))
    width, height = out.sections[0].page_width, out.sections[0].page_height
    assert width is not None and height is not None
    assert (round(width.cm, 1), round(height.cm, 1)) == (21.0, 29.7)
    heading = out.paragraphs[0]
    assert heading.text == "B. Statistik"
    assert heading.style is not None and heading.style.name == "Heading 2"
    assert [[c.text for c in r.cells] for r in out.tables[0].rows] == [
        ["Per bulan", "Jumlah"],
        ["Jan", "3"],
    ]


def test_docx_properties_carry_the_title_and_day() -> None:
    props = _docx(
        Document("Surat Penolakan", [Para("x")]), datetime(2027, 1, 4, tzinfo=UTC)
    ).core_properties
    assert (props.title, props.author, props.last_modified_by) == (
        "Surat Penolakan",
        "PPID",
        "PPID",
    )
    assert props.created == props.modified == datetime(2027, 1, 4, tzinfo=UTC)


# --- files and write ----------------------------------------------------------------------------


def test_files_are_pdf_docx_and_markdown() -> None:
    doc = Document("Surat", [KOP, Para("Isi **surat**."), SIGNATURE])
    made = dokumen.files(doc, date(2027, 1, 4))
    assert [suffix for suffix, _ in made] == [".pdf", ".docx", ".md"]
    pdf, docx_bytes, md = (content for _, content in made)
    assert "Isi surat." in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert docx.Document(io.BytesIO(docx_bytes)).core_properties.created == datetime(
        2027, 1, 4, tzinfo=UTC
    )
    assert md.decode("utf-8") == dokumen.to_markdown(doc)


def test_the_same_document_gives_the_same_pdf_bytes() -> None:
    doc = dokumen.from_markdown(TEMPLATE, "Nota dinas")
    assert dokumen.to_pdf(doc) == dokumen.to_pdf(dokumen.from_markdown(TEMPLATE, "Nota dinas"))
    assert dokumen.to_pdf(doc) != dokumen.to_pdf(Document("Nota dinas", doc.blocks[:-1]))


def test_write_puts_three_files_in_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "surat" / "2027"
    doc = Document("Surat", [Para("Isi surat.")])
    made = dokumen.write(doc, out, "0001-pemberitahuan", date(2027, 1, 4))
    assert made == [
        out / "0001-pemberitahuan.pdf",
        out / "0001-pemberitahuan.docx",
        out / "0001-pemberitahuan.md",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in made)  # no temp files
    assert made[0].read_bytes().startswith(b"%PDF")
    assert made[2].read_text(encoding="utf-8") == "# Surat\n\nIsi surat.\n"


def test_writing_again_leaves_unchanged_files_alone(tmp_path: Path) -> None:
    doc = Document("Surat", [Para("Isi surat.")])
    pdf, _, md = dokumen.write(doc, tmp_path, "surat", date(2027, 1, 4))
    before = {p: os.stat(p).st_ino for p in (pdf, md)}
    dokumen.write(doc, tmp_path, "surat", date(2027, 1, 4))
    assert {p: os.stat(p).st_ino for p in (pdf, md)} == before


def test_a_changed_file_is_replaced_whole(tmp_path: Path) -> None:
    pdf, _, md = dokumen.write(Document("Surat", [Para("Versi satu.")]), tmp_path, "surat")
    with md.open(encoding="utf-8") as reader:  # someone reading the old file meanwhile
        dokumen.write(Document("Surat", [Para("Versi dua.")]), tmp_path, "surat")
        assert reader.read() == "# Surat\n\nVersi satu.\n"
    assert md.read_text(encoding="utf-8") == "# Surat\n\nVersi dua.\n"
    assert "Versi dua." in pypdf.PdfReader(pdf).pages[0].extract_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["surat.docx", "surat.md", "surat.pdf"]


def test_requester_text_is_inert_in_the_markdown_file() -> None:
    from site_builder import dokumen as d

    doc = d.Document(
        "Surat",
        [
            d.Para("<script>alert(1)</script> [klik](javascript:alert(1))"),
            d.Fields((("Nama", "<img src=x onerror=alert(1)>"),)),
            d.Signature("Kota, 1 Desember 2026", "PPID", "[Budi](javascript:x)"),
        ],
    )
    text = d.to_markdown(doc)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text and "\\[klik\\](javascript" in text
    assert "](javascript" not in text.replace("\\](javascript", "")
