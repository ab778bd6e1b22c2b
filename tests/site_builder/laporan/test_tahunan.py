"""The annual report (Perki 1/2021 Pasal 56): narrative validation, hand-checked figures,
the site page and its PDF, and the command line."""

from __future__ import annotations

import io
import itertools
import json
import os
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from ppid.cli.main import main
from site_builder import dokumen
from site_builder.dip.loader import load
from site_builder.dip.model import Catalogue
from site_builder.engine.generate import downloads, pages
from site_builder.laporan import tahunan as laporan
from site_builder.register import RegisterRow, row_from_json
from site_builder.render.pages import RenderOptions
from tests.support import check_signed_document

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    result = load(ROOT / "dip", today=date(2026, 11, 24))
    assert result.catalogue is not None
    return result.catalogue


@pytest.fixture(scope="module")
def narasi() -> laporan.Narasi:
    story, problems = laporan.load_narasi(ROOT / "laporan" / "tahunan-2026.yml")
    assert story is not None and problems == []
    return story


_SEQ = itertools.count(1)


def _row(
    bulan: int,
    keputusan: str | None,
    hari: int,
    tepat: bool | None = True,
    jenis: str = "permohonan",
    dasar: str | None = None,
) -> RegisterRow:
    return row_from_json(
        {
            "nomor": f"{next(_SEQ):04d}/PPID/2026",
            "jenis": jenis,
            "tahun": 2026,
            "bulan": bulan,
            "diterima": f"2026-{bulan:02d}-05",
            "pemohon": "A. B.",
            "ringkasan": "Salinan DIPA",
            "permohonan": None,
            "alasan_keberatan": [],
            "status": "Selesai" if keputusan else "Sedang diproses",
            "keputusan": keputusan,
            "dasar_penolakan": dasar,
            "tanggal_pemberitahuan": None,
            "tenggat": "2026-12-31",
            "hari_kerja": hari,
            "tepat_waktu": tepat,
        },
        "uji",
    )


# Five decided requests taking 3, 5, 8, 12 and 20 working days, one still open, and two
# objections. By hand: classes 1-5: 2, 6-10: 1, 11-17: 1, >17: 1; nearest-rank median of
# five values is the 3rd (8), the 90th percentile the 5th (20); 4 of 5 on time = 80%.
ROWS = [
    _row(1, "Dikabulkan seluruhnya", 3),
    _row(1, "Dikabulkan seluruhnya", 5),
    _row(3, "Dikabulkan sebagian", 8),
    _row(3, "Ditolak", 12, dasar="Pasal 17 huruf h"),
    _row(7, "Ditolak", 20, tepat=False, dasar="Tidak dikuasai"),
    _row(11, None, 4, None),
    _row(4, "Ditolak", 10, jenis="keberatan"),
    _row(8, None, 3, None, jenis="keberatan"),
    replace(_row(5, "Dikabulkan seluruhnya", 2), tahun=2025),
]


def test_figures_match_the_hand_count(catalogue: Catalogue, narasi: laporan.Narasi) -> None:
    doc = laporan.tahunan(ROWS, narasi, catalogue.office, date(2026, 11, 24))
    text = dokumen.to_markdown(doc)
    assert (
        "Sepanjang 2026 PPID menerima 6 permohonan informasi publik: 2 dikabulkan "
        "seluruhnya, 1 dikabulkan sebagian, 2 ditolak, dan 1 masih dalam proses. Median "
        "waktu sampai pemberitahuan tertulis 8 hari kerja, persentil ke-90 20 hari kerja; "
        "80% permohonan yang diputuskan dijawab dalam tenggat (4 dari 5)."
    ) in text
    grids = {b.title: b for b in doc.blocks if isinstance(b, dokumen.Grid)}
    table1 = grids["Tabel 1. Permohonan informasi publik per bulan"]
    assert table1.rows[0] == ("Januari", "2", "2", "0", "0", "0")
    assert table1.rows[10] == ("November", "1", "0", "0", "0", "1")
    assert table1.rows[-1] == ("Jumlah", "6", "2", "1", "2", "1")
    table2 = grids["Tabel 2. Waktu yang diperlukan untuk memenuhi permohonan"]
    assert [r[1] for r in table2.rows] == ["2", "1", "1", "1", "5"]
    table3 = grids["Tabel 3. Permohonan yang ditolak dan alasannya"]
    assert table3.rows == (("Pasal 17 huruf h", "1"), ("Tidak dikuasai", "1"))
    table4 = grids["Tabel 4. Keberatan dan sengketa informasi"]
    assert table4.rows[0] == ("Keberatan kepada atasan PPID", "2", "Dalam proses: 1; Ditolak: 1")
    assert table4.rows[1][:2] == ("Sengketa di Komisi Informasi", "1")
    sections = [b.text for b in doc.blocks if isinstance(b, dokumen.Section)]
    assert [s.split(".")[0] for s in sections] == ["I", "II", "III", "IV", "V", "VI"]
    chart = next(b for b in doc.blocks if isinstance(b, dokumen.Chart))
    assert chart.values == (2, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0)


def test_page_escapes_staff_text_and_links_its_pdf(
    catalogue: Catalogue, narasi: laporan.Narasi
) -> None:
    story = laporan.Narasi(
        **{
            **narasi.__dict__,
            "kendala": {
                "internal": "Formulir <script>alert(1)</script> | rusak [x](javascript:alert(2))",
                "eksternal": "Tidak ada.",
            },
        }
    )
    page = laporan.page_markdown(
        laporan.tahunan(ROWS, story, catalogue.office, date(2026, 11, 24), laporan.page_text), 2026
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "](javascript" not in page
    assert '<a href="../../unduh/laporan-tahunan-2026.pdf">' in page
    assert '<svg class="ppid-chart"' in page and "## IV. Rincian Penyelesaian Sengketa" in page
    flat = laporan.page_markdown(
        laporan.tahunan(ROWS, story, catalogue.office, date(2026, 11, 24)), 2026, False
    )
    assert '<a href="../unduh/laporan-tahunan-2026.pdf">' in flat


def test_site_publishes_the_report_only_with_a_register(
    catalogue: Catalogue, narasi: laporan.Narasi
) -> None:
    opts = RenderOptions(today=date(2026, 11, 24))
    with_register = pages(catalogue, opts, register=ROWS, reports={2026: narasi})
    assert "laporan/tahunan-2026.md" in with_register
    berkala = str(with_register["dip/kategori/berkala.md"])
    assert "Laporan tahunan layanan informasi publik 2026" in berkala
    assert "laporan/tahunan-2026" in str(with_register["register/index.md"])
    assert "laporan/tahunan-2026.md" not in pages(
        catalogue, opts, register=None, reports={2026: narasi}
    )
    files = downloads(catalogue, opts, register=ROWS, reports={2026: narasi})
    reader = pypdf.PdfReader(io.BytesIO(files["unduh/laporan-tahunan-2026.pdf"]))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "LAPORAN TAHUNAN LAYANAN INFORMASI PUBLIK TAHUN 2026" in text
    assert "VI. Rekomendasi dan Rencana Tindak Lanjut" in text


def _write(tmp_path: Path, body: str, name: str = "tahunan-2026.yml") -> Path:
    path = tmp_path / "laporan" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_narrative_problems_name_file_line_and_field(tmp_path: Path) -> None:
    good = (ROOT / "laporan" / "tahunan-2026.yml").read_text(encoding="utf-8")
    path = _write(
        tmp_path,
        good.replace("rekomendasi: |", "rekomendasii: |").replace(
            "    jumlah: 1", "    jumlah: satu"
        ),
    )
    story, problems = laporan.load_narasi(path)
    assert story is None
    lines = [str(p) for p in problems]
    assert any("rekomendasii" in line and "tidak dikenal" in line for line in lines), lines
    assert any(
        ":rekomendasi:" in line.replace(" ", "") or "rekomendasi: " in line
        for line in lines
        if "rekomendasii" not in line
    ), lines
    assert any(
        "sengketa.komisi_informasi.jumlah" in line and "bilangan bulat" in line for line in lines
    ), lines
    assert all(
        line.startswith(
            str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else ""
        )
        for line in lines
    )
    other = _write(tmp_path, good, "tahunan-2025.yml")
    _, problems = laporan.load_narasi(other)
    assert [p.message for p in problems] == [
        "tahun 2026 tidak sama dengan tahun pada nama berkas (2025)"
    ]
    broken = _write(tmp_path, "tahun: 2026\nkebijakan: [\n", "tahunan-2024.yml")
    _, problems = laporan.load_narasi(broken)
    assert problems and problems[0].line >= 2


def test_cli_skeleton_then_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    runner = CliRunner()
    made = runner.invoke(main, ["laporan", "narasi", "--tahun", "2026"])
    assert made.exit_code == 0, made.output
    path = tmp_path / "laporan" / "tahunan-2026.yml"
    story, problems = laporan.load_narasi(path)
    assert story is None and len(problems) == 7
    assert all("masih berisi teks contoh dari kerangka" in p.message for p in problems)
    path.write_text(
        path.read_text(encoding="utf-8").replace("Tuliskan ", "Sudah ditulis: "), encoding="utf-8"
    )
    story, problems = laporan.load_narasi(path)
    assert story is not None and problems == []
    again = runner.invoke(main, ["laporan", "narasi", "--tahun", "2026"])
    assert again.exit_code == 1 and "sudah ada" in again.output
    export = tmp_path / "register.json"
    export.write_text(
        json.dumps(
            {
                "format": "ppid-register/1",
                "dibuat": "2026-11-24",
                "baris": [r.as_json() for r in ROWS],
            }
        ),
        encoding="utf-8",
    )
    done = runner.invoke(
        main,
        ["laporan", "tahunan", "--tahun", "2026", "--register", "register.json", "--out", "keluar"],
    )
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in (tmp_path / "keluar").iterdir()) == [
        f"laporan-tahunan-2026{s}" for s in (".docx", ".md", ".pdf")
    ]
    missing = runner.invoke(
        main, ["laporan", "tahunan", "--tahun", "2025", "--register", "register.json"]
    )
    assert missing.exit_code == 1 and "ppid laporan narasi --tahun" in missing.output


def test_narrative_may_not_carry_personal_data(tmp_path: Path) -> None:
    good = (ROOT / "laporan" / "tahunan-2026.yml").read_text(encoding="utf-8")
    path = _write(
        tmp_path,
        good.replace(
            "keterangan: Tidak ada gugatan ke pengadilan.",
            "keterangan: Digugat oleh Budi (NIK 3399011203850001, budi@contoh.id, 0812-3456-7890).",
        ),
    )
    story, problems = laporan.load_narasi(path)
    assert story is None
    assert sorted(p.message.split(";")[0] for p in problems) == [
        "memuat NIK (16 angka)",
        "memuat alamat surel",
        "memuat nomor telepon",
    ]
    assert {p.field for p in problems} == {"sengketa.pengadilan.keterangan"}


def test_report_is_provisional_until_its_year_is_over_and_dated(
    catalogue: Catalogue, narasi: laporan.Narasi
) -> None:
    during = laporan.tahunan(ROWS, narasi, catalogue.office, date(2026, 11, 24))
    assert during.title.endswith("(sementara)")
    assert "**Laporan sementara.** Tahun 2026 belum berakhir." in dokumen.to_markdown(during)
    signature = next(b for b in during.blocks if isinstance(b, dokumen.Signature))
    assert signature.tempat_tanggal == "Kota Contoh, 24 November 2026"
    dated = laporan.Narasi(**{**narasi.__dict__, "tanggal": date(2027, 3, 15)})
    late_decision = replace(
        _row(12, "Ditolak", 12, dasar="Tidak dikuasai"), tanggal_pemberitahuan="2027-04-01"
    )
    final = laporan.tahunan([*ROWS, late_decision], dated, catalogue.office, date(2027, 5, 2))
    text = dokumen.to_markdown(final)
    assert not final.title.endswith("(sementara)") and "Laporan sementara" not in text
    assert "menerima 7 permohonan" in text and "2 ditolak, dan 2 masih dalam proses" in text
    assert (
        next(b for b in final.blocks if isinstance(b, dokumen.Signature)).tempat_tanggal
        == "Kota Contoh, 15 Maret 2027"
    )


def test_semester_summaries_are_printable(catalogue: Catalogue) -> None:
    opts = RenderOptions(today=date(2026, 11, 24))
    files = downloads(catalogue, opts, register=ROWS)
    assert sorted(k for k in files if k.startswith("unduh/ringkasan")) == [
        "unduh/ringkasan-2026-1.pdf",
        "unduh/ringkasan-2026-2.pdf",
    ]
    reader = pypdf.PdfReader(io.BytesIO(files["unduh/ringkasan-2026-1.pdf"]))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    # January to June: 4 received (two in January, two in March), all decided: 3, 5, 8, 12 days.
    assert "SEMESTER I (JANUARI SAMPAI JUNI) 2026" in text
    assert "1. Jumlah permohonan informasi publik yang diterima 4" in text
    assert "median 5 hari kerja; persentil ke-90 12 hari kerja; 100% tepat waktu" in text
    page = str(pages(catalogue, opts, register=ROWS)["register/ringkasan-2026-1.md"])
    assert "../../unduh/ringkasan-2026-1.pdf" in page


def test_a_year_without_decisions_says_so(catalogue: Catalogue, narasi: laporan.Narasi) -> None:
    waiting = [_row(11, None, 2, None), _row(11, None, 1, None)]
    text = dokumen.to_markdown(
        laporan.tahunan(waiting, narasi, catalogue.office, date(2026, 11, 24))
    )
    assert "menerima 2 permohonan" in text and "dan 2 masih dalam proses" in text
    assert (
        "Belum ada permohonan yang diputuskan, sehingga waktu layanan belum dapat dihitung." in text
        and "persentil ke-90 -" not in text
    )


def test_the_office_name_from_data_is_text_on_the_page(
    catalogue: Catalogue, narasi: laporan.Narasi
) -> None:
    office = replace(catalogue.office, nama="KPU <script>alert(1)</script> Contoh")
    page = laporan.page_markdown(
        laporan.tahunan(ROWS, narasi, office, date(2026, 11, 24), laporan.page_text), 2026
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
    pdf_text = dokumen.to_markdown(laporan.tahunan(ROWS, narasi, office, date(2026, 11, 24)))
    assert "<script>" not in pdf_text  # the review copy is inert too


def test_disputes_are_counted_from_the_objections_records(
    catalogue: Catalogue, narasi: laporan.Narasi
) -> None:
    # two objections at the Komisi Informasi, one of them on to court; the narrative adds
    # the cases outside the register (its own count: 1 at the KI, 0 in court)
    disputed = [
        replace(
            _row(4, "Ditolak", 10, jenis="keberatan"), sengketa="putusan", sengketa_hasil="Ditolak"
        ),
        replace(_row(6, "Ditolak", 9, jenis="keberatan"), sengketa="pengadilan"),
        _row(8, None, 3, None, jenis="keberatan"),
    ]
    doc = laporan.tahunan([*ROWS[:6], *disputed], narasi, catalogue.office, date(2026, 11, 24))
    grids = {b.title: b for b in doc.blocks if isinstance(b, dokumen.Grid)}
    rows = grids["Tabel 4. Keberatan dan sengketa informasi"].rows
    ki = narasi.sengketa["komisi_informasi"]["jumlah"]
    court = narasi.sengketa["pengadilan"]["jumlah"]
    assert rows[1][:2] == ("Sengketa di Komisi Informasi", str(2 + ki))
    assert rows[1][2].startswith("2 tercatat pada register keberatan")
    assert ": Ditolak" in rows[1][2]
    assert rows[2][:2] == ("Gugatan ke pengadilan", str(1 + court))


# The recommendations, the report's last section, grow by about two lines a step over more
# than a page: the page break falls before, inside and after the closing paragraph and the
# signature on the way.
@pytest.mark.parametrize("start", range(0, 4001, 800))
def test_the_report_is_signed_with_its_closing_paragraph(
    catalogue: Catalogue, narasi: laporan.Narasi, start: int
) -> None:
    sentence = "Menambah petugas meja layanan dan melatih pengelola arsip elektronik. "
    for length in range(start, start + 800, 160):
        story = replace(narasi, rekomendasi=narasi.rekomendasi + " " + (sentence * 60)[:length])
        doc = laporan.tahunan(ROWS, story, catalogue.office, date(2026, 11, 24))
        pages = check_signed_document(doc, laporan.pdf(doc))
        assert f"NIP {catalogue.office.ppid.nip}" in pages[-1], length


def test_semester_summaries_are_signed_with_their_closing_paragraph(catalogue: Catalogue) -> None:
    doc = laporan.ringkasan(ROWS, 2026, 1, catalogue.office, date(2026, 11, 24))
    pages = check_signed_document(doc, dokumen.to_pdf(doc))
    assert len(pages) == 1 and "diumumkan sebagai informasi berkala" in pages[0]


def test_the_site_page_shows_table_4_without_stray_backslashes(
    catalogue: Catalogue, narasi: laporan.Narasi
) -> None:
    import markdown

    page = laporan.page_markdown(
        laporan.tahunan(ROWS, narasi, catalogue.office, date(2026, 11, 24), laporan.page_text),
        2026,
    )
    golden = ROOT / "tests" / "site_builder" / "laporan" / "golden" / "tahunan-2026.md"
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8"), f"berbeda dari {golden}"
    html = markdown.markdown(page, extensions=["tables"])
    table = html[html.index("Tabel 4") : html.index("V. Kendala")]
    assert "\\" not in table
    assert "tetap dikecualikan." in table and "(menurut narasi)" in table


def _pdf_text(data: str | bytes) -> str:
    assert isinstance(data, bytes)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_reports_counting_demonstration_records_say_so(
    catalogue: Catalogue, narasi: laporan.Narasi
) -> None:
    # one example in January, one in July, one in 2025 (another year's report)
    rows = [
        *ROWS,
        replace(_row(1, "Dikabulkan seluruhnya", 2), contoh=True),
        replace(_row(7, None, 1, None), contoh=True),
        replace(_row(5, "Dikabulkan seluruhnya", 2), tahun=2025, contoh=True),
    ]
    opts = RenderOptions(today=date(2026, 11, 24))
    site = pages(catalogue, opts, register=rows, reports={2026: narasi})
    files = downloads(catalogue, opts, register=rows, reports={2026: narasi})
    banner = '<p class="ppid-contoh" role="note"><strong>Data contoh.</strong> '
    report = "Angka laporan ini dihitung dari register yang memuat 2 catatan contoh untuk "
    summary = "Angka ringkasan ini dihitung dari register yang memuat 1 catatan contoh untuk "
    demo = "demonstrasi, bukan permohonan sungguhan."
    assert f"{banner}{report}{demo}</p>" in str(site["laporan/tahunan-2026.md"])
    assert f"Data contoh. {report}{demo}" in _pdf_text(files["unduh/laporan-tahunan-2026.pdf"])
    for semester in (1, 2):
        page = str(site[f"register/ringkasan-2026-{semester}.md"])
        assert f"{banner}{summary}{demo}</p>" in page
        printed = _pdf_text(files[f"unduh/ringkasan-2026-{semester}.pdf"])
        assert f"Data contoh. {summary}{demo}" in printed
    # a register of real records only: no note anywhere
    real_site = pages(catalogue, opts, register=ROWS, reports={2026: narasi})
    real_files = downloads(catalogue, opts, register=ROWS, reports={2026: narasi})
    assert "Data contoh" not in str(real_site["laporan/tahunan-2026.md"])
    assert "Data contoh" not in str(real_site["register/ringkasan-2026-1.md"])
    assert "Data contoh" not in _pdf_text(real_files["unduh/laporan-tahunan-2026.pdf"])
    assert "Data contoh" not in _pdf_text(real_files["unduh/ringkasan-2026-2.pdf"])
