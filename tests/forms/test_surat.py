"""Letters for a record: golden texts, PDF and DOCX, numbering, refusals, office templates.

Golden files hold each letter as Markdown; `PPID_UPDATE_GOLDEN=1 pytest tests/forms/test_surat.py`
rewrites them after a deliberate change of wording (review the diff).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner

from forms import surat
from forms.store.tables import make_engine, migrate
from forms.tracker import Tracker
from forms.vocab import TrackerError
from ppid.cli.main import main
from site_builder.calendar import WorkingCalendar
from site_builder.dates import format_date
from site_builder.dip.loader import load
from site_builder.dip.model import Catalogue
from tests.postgres import DATABASES, Cluster
from tests.support import ROOT, check_signed_document, pdf_pages

GOLDEN = Path(__file__).parent / "golden" / "surat"
PEMOHON = {
    "jenis_pemohon": "perorangan",
    "nama": "Budi Santoso",
    "nik": "3399011203850001",
    "alamat": "Jl. Melati No. 5, Desa Sukamaju, Kabupaten Contoh",
    "pekerjaan": "Wartawan",
    "telepon": "0812-3456-7890",
    "email": "budi@contoh.id",
    "rincian_informasi": "Salinan DIPA KPU Kabupaten Contoh tahun anggaran 2026",
    "tujuan_penggunaan": "Bahan liputan anggaran pemilu",
    "cara_memperoleh": "salinan_softcopy",
    "cara_salinan": "email",
    "persetujuan": True,
}

# the refused request's own contact details: no letter about the objection may print them
REQUESTER_ONLY = {
    "alamat": "Gang Rahasia Pemohon No. 99, Desa Tersembunyi",
    "telepon": "0899-4444-5555",
    "email": "pemohon.asli@rahasia.example",
    "tujuan_penggunaan": "Tujuan pribadi pemohon asli",
}


def _file(tracker: Tracker, received: date, **data: object) -> str:
    filed = tracker.file(
        "permohonan",
        str(data.get("rincian_informasi", PEMOHON["rincian_informasi"])),
        {**PEMOHON, **data},
        diterima=received,
        oleh="Andi Wijaya",
        saluran="langsung",
    )
    return filed.record.nomor


def _letter(
    tracker: Tracker, catalogue: Catalogue, nomor: str, jenis: str, **rincian: str
) -> surat.Surat:
    _, letter = surat.make(tracker, nomor, jenis, catalogue.office, catalogue, rincian=rincian)
    return letter


def _golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.md"
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"berbeda dari {path}"


@pytest.fixture
def scenario(tracker: Tracker) -> dict[str, str]:
    """A year of the desk's work in miniature, every date fixed."""
    granted = _file(tracker, date(2026, 3, 2))
    tracker.act(granted, "proses", "Andi Wijaya", today=date(2026, 3, 3))
    tracker.act(
        granted,
        "perpanjang",
        "Rina Wulandari",
        today=date(2026, 3, 12),
        alasan="Dokumen DIPA masih dihimpun dari Sub Bagian Keuangan",
    )
    tracker.act(
        granted,
        "putuskan",
        "Rina Wulandari",
        today=date(2026, 3, 20),
        keputusan="dikabulkan_sebagian",
        dihitamkan="Nomor rekening pihak ketiga dihitamkan (Pasal 17 huruf h)",
    )
    refused = _file(
        tracker,
        date(2026, 4, 6),
        rincian_informasi="NIK dan nomor KK lengkap pemilih TPS 07 Desa Sukamaju",
        **REQUESTER_ONLY,
    )
    tracker.act(
        refused,
        "putuskan",
        "Rina Wulandari",
        today=date(2026, 4, 13),
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="h",
        entri="nik-nkk-pemilih",
    )
    objection = tracker.file(
        "keberatan",
        f"Keberatan atas {refused}",
        {
            "nomor_permohonan": refused,
            "nama": "Sari Dewi, S.H.",
            "alamat": "Kantor LBH Contoh, Jl. Kenanga No. 3, Kota Contoh",
            "email": "sari@lbh-contoh.id",
            "telepon": "0813-2222-3333",
            "kuasa": True,
            "alasan": ["a"],
            "kasus_posisi": "Data diminta hanya untuk "
            "memeriksa ganda pemilih, bukan untuk disebarkan.",
        },
        induk_nomor=refused,
        diterima=date(2026, 4, 20),
        oleh="pemohon",
    )
    tracker.act(
        objection.record.nomor,
        "putuskan",
        "Hendra Saputra",
        today=date(2026, 5, 18),
        keputusan="ditolak",
        pertimbangan="Tujuan pemeriksaan dapat dicapai melalui DPT tanpa NIK lengkap.",
    )
    return {"granted": granted, "refused": refused, "objection": objection.record.nomor}


def test_five_letters_match_their_golden_files(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    cases = [
        ("tanda-terima", scenario["granted"]),
        ("perpanjangan", scenario["granted"]),
        ("pemberitahuan", scenario["granted"]),
        ("penolakan", scenario["refused"]),
        ("tanggapan-keberatan", scenario["objection"]),
    ]
    for jenis, nomor in cases:
        letter = _letter(tracker, catalogue, nomor, jenis)
        _golden(jenis, letter.markdown)


def test_the_refusal_quotes_who_set_the_exemption(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    by_kpu_ri = _letter(tracker, catalogue, scenario["refused"], "penolakan").markdown
    assert (
        "uji konsekuensi yang ditetapkan oleh KPU RI dengan Keputusan KPU Nomor 9901 Tahun 2025 "
        "tentang Daftar Informasi yang Dikecualikan di Lingkungan KPU, dan tercantum dalam Daftar "
        "Informasi yang Dikecualikan Komisi Pemilihan Umum Kabupaten Contoh dengan Keputusan "
        "Nomor 3/PP.06-Kpt/3399/2026 tanggal 12 Januari 2026" in " ".join(by_kpu_ri.split())
    )
    # the same exemption set by the office's own PPID (no `penetap`): said as such
    entries = tuple(
        replace(e, uji_konsekuensi=replace(e.uji_konsekuensi, penetap=None))
        if e.uji_konsekuensi is not None
        else e
        for e in catalogue.entries
    )
    own = replace(catalogue, entries=entries)
    _, letter = surat.make(tracker, scenario["refused"], "penolakan", own.office, own, preview=True)
    assert (
        "uji konsekuensi yang ditetapkan oleh PPID Komisi Pemilihan Umum Kabupaten Contoh dengan "
        "Keputusan Nomor 3/PP.06-Kpt/3399/2026 tanggal 12 Januari 2026"
        in " ".join(letter.markdown.split())
    )
    assert "KPU RI" not in letter.markdown


def test_letters_are_dated_by_their_event_and_numbered_once(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    first = _letter(tracker, catalogue, scenario["granted"], "tanda-terima")
    assert (first.nomor, first.tanggal) == ("001/PPID/TT/III/2026", date(2026, 3, 2))
    second = _letter(tracker, catalogue, scenario["granted"], "pemberitahuan")
    assert (second.nomor, second.tanggal) == ("002/PPID/PT/III/2026", date(2026, 3, 20))
    again = _letter(tracker, catalogue, scenario["granted"], "tanda-terima")
    assert again.nomor == first.nomor and again.markdown == first.markdown
    timeline = [e for e in tracker.get(scenario["granted"]).events if e.jenis == "surat"]
    assert [e.isi["nomor_surat"] for e in timeline] == [first.nomor, second.nomor]


def test_pdf_and_docx_carry_the_letter(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str], tmp_path: Path
) -> None:
    record, letter = surat.make(
        tracker, scenario["refused"], "penolakan", catalogue.office, catalogue
    )
    paths = surat.write(letter, record, tmp_path / "surat")
    assert [p.name for p in paths] == [
        f"0002-PPID-IV-2026-penolakan{s}" for s in (".pdf", ".docx", ".md")
    ]
    pdf_text = " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(paths[0]).pages
    )
    for phrase in (
        "INFORMASI YANG DIKECUALIKAN",
        "PERMOHONAN INFORMASI DITOLAK",
        letter.nomor,
        "Pasal 17 huruf h",
        "Rina Wulandari, S.Kom.",
        "Membuka NIK dan nomor KK secara lengkap",
    ):
        assert phrase in pdf_text
    document = docx.Document(io.BytesIO(paths[1].read_bytes()))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for row in t.rows for c in row.cells]
    )
    for phrase in (
        "KOMISI PEMILIHAN UMUM KABUPATEN CONTOH",
        "PERMOHONAN INFORMASI DITOLAK",
        letter.nomor,
        "Budi Santoso",
        "30 (tiga puluh) hari kerja",
    ):
        assert phrase in text
    assert document.core_properties.created.date() == letter.tanggal


@pytest.mark.parametrize(
    ("jenis", "key", "expected"),
    [
        ("penolakan", "granted", "bukan ditolak: surat penolakan tidak dapat dibuat"),
        ("perpanjangan", "refused", "tidak diperpanjang; perpanjang dulu"),
        ("tanggapan-keberatan", "granted", "hanya untuk keberatan"),
        ("pemberitahuan", "objection", "hanya untuk permohonan"),
    ],
)
def test_impossible_letters_are_refused_with_the_reason(
    tracker: Tracker,
    catalogue: Catalogue,
    scenario: dict[str, str],
    jenis: str,
    key: str,
    expected: str,
) -> None:
    with pytest.raises(surat.SuratError, match=expected):
        _letter(tracker, catalogue, scenario[key], jenis)
    record = tracker.get(scenario[key])
    assert not [e for e in record.events if e.jenis == "surat"], "no number was taken"


def test_letters_that_need_more_say_what(tracker: Tracker, catalogue: Catalogue) -> None:
    open_one = _file(tracker, date(2026, 6, 1))
    with pytest.raises(surat.SuratError, match="belum diputuskan"):
        _letter(tracker, catalogue, open_one, "pemberitahuan")
    tracker.act(
        open_one, "putuskan", "ppid", today=date(2026, 6, 5), keputusan="dikabulkan_sebagian"
    )
    with pytest.raises(surat.SuratError, match="--dihitamkan"):
        _letter(tracker, catalogue, open_one, "pemberitahuan")
    letter = _letter(
        tracker, catalogue, open_one, "pemberitahuan", dihitamkan="Tanda tangan pejabat dihitamkan"
    )
    assert (
        "e. Bagian informasi yang dihitamkan dan alasannya: Tanda tangan pejabat "
        "dihitamkan." in letter.markdown
    )
    refused = _file(tracker, date(2026, 6, 1))
    tracker.act(
        refused,
        "putuskan",
        "ppid",
        today=date(2026, 6, 5),
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="i",
    )
    with pytest.raises(surat.SuratError, match="--entri SLUG"):
        _letter(tracker, catalogue, refused, "penolakan")
    with pytest.raises(surat.SuratError, match="bukan informasi yang dikecualikan"):
        _letter(tracker, catalogue, refused, "penolakan", entri="profil-kpu-kabupaten-contoh")
    not_held = _file(tracker, date(2026, 6, 1))
    tracker.act(
        not_held,
        "putuskan",
        "ppid",
        today=date(2026, 6, 5),
        keputusan="ditolak",
        alasan="tidak_dikuasai",
        penguasa="Dinas Kependudukan Kabupaten Contoh",
    )
    with pytest.raises(surat.SuratError, match="cukup pemberitahuan tertulis"):
        _letter(tracker, catalogue, not_held, "penolakan")
    notice = _letter(tracker, catalogue, not_held, "pemberitahuan")
    assert (
        "**tidak berada di bawah penguasaan** Komisi Pemilihan Umum Kabupaten Contoh. "
        "Informasi tersebut dikuasai oleh Dinas Kependudukan Kabupaten Contoh." in notice.markdown
    )
    assert (
        "b. Pemberitahuan kepada badan publik yang menguasai informasi: permohonan ini kami "
        "beritahukan kepada Dinas Kependudukan Kabupaten Contoh bersamaan dengan "
        "pemberitahuan ini." in notice.markdown
    )


def test_requester_text_cannot_break_the_letter(
    tracker: Tracker, catalogue: Catalogue, tmp_path: Path
) -> None:
    nomor = _file(
        tracker,
        date(2026, 6, 1),
        nama="Ani | **Tebal** \\ Putri\x01\u2028::: ttd",
        rincian_informasi="Data A | B\nbaris dua\x0c<script>",
    )
    letter = _letter(tracker, catalogue, nomor, "tanda-terima")
    fields = next(b for b in letter.document.blocks if isinstance(b, surat.dokumen.Fields))
    star = surat.dokumen.STAR
    assert ("Nama", f"Ani | {star * 2}Tebal{star * 2} \\ Putri  ::: ttd") in fields.rows
    assert ("Rincian informasi", "Data A | B baris dua <script>") in fields.rows
    assert "| Nama | Ani \\| \\*\\*Tebal\\*\\* \\ Putri  ::: ttd |" in letter.markdown
    record = tracker.get(nomor)
    pdf, docx_file, _ = surat.write(letter, record, tmp_path)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert "Ani | **Tebal**" in text  # literal asterisks, not bold markers
    runs = [
        r
        for p in docx.Document(str(docx_file)).tables[2].rows[4].cells[2].paragraphs
        for r in p.runs
    ]
    assert "".join(r.text for r in runs).startswith("Ani | **Tebal**")
    assert not any(r.bold for r in runs)


def test_office_templates_replace_the_bundled_ones(
    tracker: Tracker, catalogue: Catalogue, tmp_path: Path
) -> None:
    own = tmp_path / "templat"
    own.mkdir()
    (own / "tanda-terima.md.j2").write_text(
        "# TANDA TERIMA KANTOR KAMI\n\nNomor {{ r.nomor }} diterima {{ r.diterima }}.\n\n"
        "::: ttd\n{{ kantor.tempat }}, {{ surat.tanggal }}\nPetugas\n{{ r.penerima }}\n:::\n",
        encoding="utf-8",
    )
    nomor = _file(tracker, date(2026, 6, 1))
    _, letter = surat.make(
        tracker, nomor, "tanda-terima", catalogue.office, catalogue, templates=own
    )
    assert "**TANDA TERIMA KANTOR KAMI**" in letter.markdown
    assert f"Nomor {nomor} diterima Senin, 1 Juni 2026." in letter.markdown
    (own / "tanda-terima.md.j2").write_text("# X\n\n{{ r.tidak_ada }}\n", encoding="utf-8")
    other = _file(tracker, date(2026, 6, 2))
    with pytest.raises(surat.SuratError, match="tidak_ada"):
        surat.make(tracker, other, "tanda-terima", catalogue.office, catalogue, templates=own)
    assert not [e for e in tracker.get(other).events if e.jenis == "surat"]
    (own / "tanda-terima.md.j2").write_text("# X\n\n{% if %}\n", encoding="utf-8")
    with pytest.raises(surat.SuratError, match=r"tanda-terima.md.j2:3"):
        surat.make(tracker, other, "tanda-terima", catalogue.office, catalogue, templates=own)


def test_an_office_template_s_old_number_line_is_not_printed_twice(
    tracker: Tracker, catalogue: Catalogue, tmp_path: Path
) -> None:
    own = tmp_path / "templat"
    own.mkdir()
    # copied from the kit's template before the heading block said the number
    bundled = (ROOT / "forms" / "templates" / "surat" / "tanda-terima.md.j2").read_text()
    title, _, rest = bundled.partition("\n\n")
    (own / "tanda-terima.md.j2").write_text(
        f"{title}\n\n## Nomor: {{{{ surat.nomor }}}}\n\n{rest}", encoding="utf-8"
    )
    nomor = _file(tracker, date(2026, 6, 1))
    _, letter = surat.make(
        tracker, nomor, "tanda-terima", catalogue.office, catalogue, templates=own
    )
    assert letter.nomor == "001/PPID/TT/VI/2026"
    assert letter.markdown.count("001/PPID/TT/VI/2026") == 1  # in the heading block only
    assert "| Nomor | 001/PPID/TT/VI/2026 |" in _line(letter, "| Nomor")
    assert "Nomor:" not in letter.markdown
    # a line naming another number (the record's) is the office's own text: kept
    (own / "tanda-terima.md.j2").write_text(
        f"{title}\n\nNomor: {{{{ r.nomor }}}}\n\n{rest}", encoding="utf-8"
    )
    other = _file(tracker, date(2026, 6, 2))
    _, kept = surat.make(tracker, other, "tanda-terima", catalogue.office, catalogue, templates=own)
    assert f"Nomor: {other}" in kept.markdown


def test_a_logo_that_cannot_be_read_refuses_the_letter_and_takes_no_number(
    tracker: Tracker, catalogue: Catalogue, tmp_path: Path
) -> None:
    # the file changed after `ppid check`: cut off half-way, as an interrupted copy leaves it
    whole = (ROOT / "dip" / "logo-contoh.png").read_bytes()
    (tmp_path / "logo.png").write_bytes(whole[: len(whole) // 2])
    office = replace(catalogue.office, logo=tmp_path / "logo.png")
    nomor = _file(tracker, date(2026, 6, 1))
    with pytest.raises(surat.dokumen.LogoError) as refused:
        surat.make(tracker, nomor, "tanda-terima", office, catalogue)
    assert str(refused.value) == (
        f"logo kop surat {tmp_path / 'logo.png'} tidak dapat dipakai: berkasnya terpotong "
        "atau rusak dan tidak dapat dibaca sampai habis; ganti berkas logo (PNG) yang "
        "disebut `logo:` di badan-publik.yml, periksa dengan `ppid check`, lalu buat "
        "dokumennya lagi"
    )
    assert not [e for e in tracker.get(nomor).events if e.jenis == "surat"]
    # a letter issued before the file broke is refused the same way when printed again
    _, letter = surat.make(tracker, nomor, "tanda-terima", catalogue.office, catalogue)
    broken = replace(
        letter.document, blocks=[surat.dokumen.kop(office), *letter.document.blocks[1:]]
    )
    for write in (surat.dokumen.to_pdf, surat.dokumen.to_docx):
        with pytest.raises(surat.dokumen.LogoError, match="terpotong atau rusak"):
            write(broken)


def test_cli_writes_the_files_and_refuses_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("PPID_DATABASE_URL", database_url)
    monkeypatch.setenv("PPID_SECRET", "rahasia-uji")
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    monkeypatch.setenv("PPID_TEMPLAT_SURAT", str(tmp_path / "tidak-ada"))
    engine = make_engine(database_url)
    migrate(engine)
    try:
        nomor = _file(Tracker(engine, WorkingCalendar(), "rahasia-uji"), date(2026, 6, 1))
    finally:
        engine.dispose()
    runner = CliRunner()
    out = tmp_path / "keluar"
    done = runner.invoke(main, ["surat", nomor, "--jenis", "tanda-terima", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "001/PPID/TT/VI/2026 (1 Juni 2026)" in done.output
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".md", ".pdf"]
    refused = runner.invoke(main, ["surat", nomor, "--jenis", "penolakan", "--out", str(out)])
    assert refused.exit_code == 1
    assert "belum diputuskan" in refused.output and "Traceback" not in refused.output
    nowhere = runner.invoke(
        main, ["surat", nomor, "--jenis", "perpanjangan", "--out", "/proc/tidak-bisa"]
    )
    assert nowhere.exit_code == 2 and "--out" in nowhere.output
    assert "Traceback" not in nowhere.output
    bad_day = runner.invoke(
        main, ["surat", nomor, "--jenis", "pemberitahuan", "--tanggal", "24-11-2026"]
    )
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.output


def test_issued_letters_do_not_change(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    first = _letter(
        tracker,
        catalogue,
        scenario["granted"],
        "pemberitahuan",
        biaya="Rp10.000 untuk salinan cetak, dibayar tunai di meja layanan",
    )
    again = _letter(tracker, catalogue, scenario["granted"], "pemberitahuan")
    assert again.markdown == first.markdown and "Rp10.000" in again.markdown
    with pytest.raises(surat.SuratError, match="--biaya tidak dapat diubah lagi"):
        _letter(tracker, catalogue, scenario["granted"], "pemberitahuan", biaya="Gratis")
    with pytest.raises(surat.SuratError, match="--tanggal tidak dapat diubah lagi"):
        surat.make(
            tracker,
            scenario["granted"],
            "pemberitahuan",
            catalogue.office,
            catalogue,
            day=date(2026, 3, 25),
        )


def test_letter_dates_stay_between_the_event_and_today(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    for day in (date(2026, 3, 19), date(2027, 1, 4)):  # before the decision; in the future
        with pytest.raises(surat.SuratError, match="harus antara 20 Maret 2026"):
            surat.make(
                tracker,
                scenario["granted"],
                "pemberitahuan",
                catalogue.office,
                catalogue,
                day=day,
                today=date(2026, 11, 24),
            )
    assert not [e for e in tracker.get(scenario["granted"]).events if e.jenis == "surat"]


def test_refusal_needs_a_live_matching_exemption(tracker: Tracker, catalogue: Catalogue) -> None:
    wrong_letter = _file(tracker, date(2026, 6, 1))
    tracker.act(
        wrong_letter,
        "putuskan",
        "ppid",
        today=date(2026, 6, 5),
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="c",
        entri="nik-nkk-pemilih",
    )
    with pytest.raises(surat.SuratError, match="huruf c, sedangkan uji konsekuensi"):
        _letter(tracker, catalogue, wrong_letter, "penolakan")
    entry = next(e for e in catalogue.entries if e.slug == "nik-nkk-pemilih")
    assert entry.uji_konsekuensi is not None
    expired = Catalogue(
        catalogue.office,
        catalogue.units,
        tuple(
            replace(e, uji_konsekuensi=replace(e.uji_konsekuensi, berlaku_sampai=date(2026, 5, 31)))
            if e.slug == entry.slug and e.uji_konsekuensi
            else e
            for e in catalogue.entries
        ),
        catalogue.unit_by_slug,
    )
    late = _file(tracker, date(2026, 6, 1))
    tracker.act(
        late,
        "putuskan",
        "ppid",
        today=date(2026, 6, 5),
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="h",
        entri="nik-nkk-pemilih",
    )
    with pytest.raises(surat.SuratError, match="berlaku sampai 31 Mei 2026"):
        surat.make(tracker, late, "penolakan", expired.office, expired)


def test_notice_and_answer_need_what_the_law_requires(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    desk = tracker.file(
        "permohonan",
        "Salinan DIPA",
        {k: v for k, v in PEMOHON.items() if not k.startswith("cara_")},
        diterima=date(2026, 6, 1),
        oleh="Andi",
        saluran="surat",
    ).record.nomor
    tracker.act(desk, "putuskan", "ppid", today=date(2026, 6, 5), keputusan="dikabulkan_seluruhnya")
    with pytest.raises(surat.SuratError, match="--cara"):
        _letter(tracker, catalogue, desk, "pemberitahuan")
    letter = _letter(
        tracker,
        catalogue,
        desk,
        "pemberitahuan",
        cara="Salinan cetak, diambil langsung di meja layanan",
    )
    assert (
        "f. Cara dan format penyampaian: Salinan cetak, diambil langsung di meja "
        "layanan." in letter.markdown
    )
    refused = _file(tracker, date(2026, 6, 1))
    tracker.act(
        refused,
        "putuskan",
        "ppid",
        today=date(2026, 6, 5),
        keputusan="ditolak",
        alasan="tidak_dikuasai",
    )
    objection = tracker.file(
        "keberatan",
        "Keberatan",
        {"nomor_permohonan": refused, "nama": "Budi", "alasan": ["c"], "kasus_posisi": "-"},
        induk_nomor=refused,
        diterima=date(2026, 6, 8),
    ).record.nomor
    # upholding the PPID needs the atasan PPID's written reasons at the decision itself
    with pytest.raises(TrackerError, match="Pasal 36 ayat 3"):
        tracker.act(objection, "putuskan", "atasan", today=date(2026, 6, 30), keputusan="ditolak")
    tracker.act(
        objection,
        "putuskan",
        "atasan",
        today=date(2026, 6, 30),
        keputusan="ditolak",
        pertimbangan="Dokumen memang tidak pernah dibuat oleh KPU Kabupaten Contoh.",
    )
    answer = _letter(tracker, catalogue, objection, "tanggapan-keberatan")
    assert (
        "Pertimbangan (alasan tertulis, Pasal 36 ayat (3) Undang-Undang Nomor 14 Tahun 2008): "
        "Dokumen memang tidak pernah dibuat" in answer.markdown
    )


def test_template_mistakes_are_reported_not_raised(
    tracker: Tracker, catalogue: Catalogue, tmp_path: Path
) -> None:
    own = tmp_path / "templat"
    own.mkdir()
    nomor = _file(tracker, date(2026, 6, 1))
    for body, message in (
        ("{{ r.nomor + 1 }}", "gagal diisi"),
        ('{% include "tidak-ada.md.j2" %}', "tidak ditemukan"),
    ):
        (own / "tanda-terima.md.j2").write_text(body, encoding="utf-8")
        with pytest.raises(surat.SuratError, match=message):
            surat.make(tracker, nomor, "tanda-terima", catalogue.office, catalogue, templates=own)
    (own / "tanda-terima.md.j2").write_bytes(b"# Tanda \xff terima\n")
    with pytest.raises(surat.SuratError, match="UTF-8"):
        surat.make(tracker, nomor, "tanda-terima", catalogue.office, catalogue, templates=own)
    assert not [e for e in tracker.get(nomor).events if e.jenis == "surat"]


def _granted(tracker: Tracker, **data: object) -> str:
    nomor = _file(tracker, date(2026, 6, 1), **data)
    tracker.act(
        nomor, "putuskan", "ppid", today=date(2026, 6, 5), keputusan="dikabulkan_seluruhnya"
    )
    return nomor


def _line(letter: surat.Surat, start: str) -> str:
    return next(line for line in letter.markdown.splitlines() if line.startswith(start))


def test_the_cost_follows_the_office_schedule_and_the_form_asked_for(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    printed = _granted(tracker, cara_memperoleh="salinan_cetak", cara_salinan="pos")
    letter = _letter(tracker, catalogue, printed, "pemberitahuan", halaman="12", media="CD/DVD")
    assert _line(letter, "g. ") == (
        "g. Biaya dan cara pembayaran: Salinan cetak Rp500 per halaman × 12 halaman = Rp6.000; "
        "media CD/DVD Rp10.000; jumlah Rp16.000. Penyerahan salinan, pos: Ongkos kirim sesuai "
        "tarif PT Pos Indonesia, ditanggung pemohon. Cara pembayaran: Tunai di meja layanan "
        "informasi dengan kuitansi, atau transfer ke rekening Bendahara Penerimaan yang disebut "
        "dalam pemberitahuan tertulis."
    )
    assert _line(letter, "f. ") == (
        "f. Cara dan format penyampaian: Mendapatkan salinan cetak (hardcopy); pos; media CD/DVD."
    )
    assert "elektronik" not in letter.markdown  # never "free electronic copy" on a printed one
    uncounted = _granted(tracker, cara_memperoleh="salinan_cetak", cara_salinan="ambil_langsung")
    letter = _letter(tracker, catalogue, uncounted, "pemberitahuan")
    assert _line(letter, "g. ").startswith(
        "g. Biaya dan cara pembayaran: Salinan cetak Rp500 per halaman (jumlah halaman akan "
        "diberitahukan). Penyerahan salinan, mengambil langsung: Tanpa biaya; diambil di meja "
        "layanan informasi pada jam kerja. Cara pembayaran: Tunai"
    )
    looking = _granted(tracker, cara_memperoleh="melihat", cara_salinan="")
    letter = _letter(tracker, catalogue, looking, "pemberitahuan")
    assert _line(letter, "g. ") == (
        "g. Biaya dan cara pembayaran: Tanpa biaya (melihat/membaca di tempat)."
    )
    assert _line(letter, "f. ") == (
        "f. Cara dan format penyampaian: Melihat, membaca, mendengarkan, atau mencatat."
    )
    paid = replace(
        catalogue.office, biaya=replace(catalogue.office.biaya, elektronik=2500, pembayaran="Tunai")
    )
    soft = _granted(tracker)
    _, letter = surat.make(tracker, soft, "pemberitahuan", paid, catalogue)
    assert _line(letter, "g. ") == (
        "g. Biaya dan cara pembayaran: Salinan elektronik Rp2.500. Penyerahan salinan, "
        "surel (email): Tanpa biaya. Cara pembayaran: Tunai."
    )


def test_staff_cost_text_still_overrides_the_schedule(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    printed = _granted(tracker, cara_memperoleh="salinan_cetak", cara_salinan="pos")
    letter = _letter(tracker, catalogue, printed, "pemberitahuan", biaya="Dibebaskan oleh PPID.")
    assert _line(letter, "g. ") == "g. Biaya dan cara pembayaran: Dibebaskan oleh PPID."


@pytest.mark.parametrize("halaman", ["dua belas", "0", "-3", "1.5", "١٢"])
def test_pages_must_be_a_positive_whole_number(
    tracker: Tracker, catalogue: Catalogue, halaman: str
) -> None:
    printed = _granted(tracker, cara_memperoleh="salinan_cetak", cara_salinan="pos")
    with pytest.raises(surat.SuratError, match="--halaman harus bilangan bulat positif"):
        _letter(tracker, catalogue, printed, "pemberitahuan", halaman=halaman)
    assert not [e for e in tracker.get(printed).events if e.jenis == "surat"]


def test_an_unknown_medium_names_the_schedule(tracker: Tracker, catalogue: Catalogue) -> None:
    printed = _granted(tracker, cara_memperoleh="salinan_cetak", cara_salinan="pos")
    with pytest.raises(
        surat.SuratError, match=r"media 'Disket'.*pilihan: CD/DVD, Flashdisk milik pemohon"
    ):
        _letter(tracker, catalogue, printed, "pemberitahuan", media="Disket")


def test_the_notice_says_when_and_who_holds_what_is_not_held(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    granted = _granted(tracker)
    letter = _letter(tracker, catalogue, granted, "pemberitahuan")
    # decided 5 June, 10 working days from 1 June: 15 June 2026
    assert _line(letter, "h. ") == "h. Waktu penyediaan informasi: paling lambat 15 Juni 2026."
    given = _granted(tracker)
    letter = _letter(
        tracker,
        catalogue,
        given,
        "pemberitahuan",
        waktu_penyediaan="pada saat pemberitahuan ini diterima",
    )
    assert _line(letter, "h. ") == (
        "h. Waktu penyediaan informasi: pada saat pemberitahuan ini diterima."
    )
    not_held = _file(tracker, date(2026, 6, 1))
    tracker.act(
        not_held,
        "putuskan",
        "ppid",
        today=date(2026, 6, 5),
        keputusan="ditolak",
        alasan="tidak_dikuasai",
    )
    with pytest.raises(surat.SuratError, match=r'--penguasa "\.\.\."'):
        _letter(tracker, catalogue, not_held, "pemberitahuan")
    letter = _letter(
        tracker,
        catalogue,
        not_held,
        "pemberitahuan",
        penguasa="Dinas Kependudukan Kabupaten Contoh",
        penguasa_diberitahu="telah diberitahukan dengan surat tanggal 4 Juni 2026",
    )
    assert _line(letter, "b. ") == (
        "b. Pemberitahuan kepada badan publik yang menguasai informasi: telah diberitahukan "
        "dengan surat tanggal 4 Juni 2026."
    )
    assert _line(letter, "h. ") == "h. Waktu penyediaan informasi: tidak ada."


def test_objection_letters_never_print_the_requesters_contact_details(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    for jenis in ("tanda-terima", "tanggapan-keberatan"):
        letter = _letter(tracker, catalogue, scenario["objection"], jenis)
        for private in REQUESTER_ONLY.values():
            assert private not in letter.markdown, (jenis, private)
        assert "Sari Dewi, S.H." in letter.markdown
        assert "0002/PPID/IV/2026" in letter.markdown  # the request's number may be shown
    assert "Kantor LBH Contoh, Jl. Kenanga No. 3" in letter.markdown
    assert "**KEBERATAN DITOLAK**" in letter.markdown


def test_an_objection_on_ground_b_needs_no_earlier_request(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    nomor = tracker.file(
        "keberatan",
        "Laporan keuangan 2025 tidak diumumkan",
        {
            "nomor_permohonan": "",
            "nama": "Yayasan Pemilu Bersih",
            "alamat": "Jl. Anggrek No. 8, Kota Contoh",
            "alasan": ["b"],
            "kasus_posisi": "Laporan keuangan tahun 2025 belum ada di laman PPID.",
        },
        diterima=date(2026, 6, 1),
        oleh="pemohon",
    ).record.nomor
    tracker.act(
        nomor,
        "putuskan",
        "atasan",
        today=date(2026, 6, 10),
        keputusan="dikabulkan_seluruhnya",
        pertimbangan="Laporan keuangan adalah informasi berkala (Pasal 9).",
    )
    letter = _letter(tracker, catalogue, nomor, "tanggapan-keberatan")
    assert (
        "| Nomor pendaftaran permohonan | tidak ada permohonan sebelumnya (alasan huruf b) |"
        in letter.markdown
    )
    assert "**KEBERATAN DIKABULKAN SELURUHNYA**" in letter.markdown
    assert "Laporan keuangan adalah informasi berkala" in letter.markdown
    assert "14 (empat belas) hari kerja" in letter.markdown
    assert "sesuai UU 14/2008 Pasal 37 ayat (2)." in letter.markdown


def test_the_extension_letter_counts_the_record_s_own_deadline(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    # received Mon 2 Nov 2026 without its KTP, completed Thu 5 Nov: the notice is due 10
    # working days after completion, Thu 19 Nov (6, 9-13, 16, 17, 18, 19); extended on
    # Mon 16 Nov by 7: 20, 23, 24, 25, 26, 27, 30 November
    nomor = tracker.file(
        "permohonan", "Salinan DIPA", dict(PEMOHON), diterima=date(2026, 11, 2), lengkap=False
    ).record.nomor
    tracker.act(nomor, "lengkapi", "Andi Wijaya", today=date(2026, 11, 5))
    tracker.act(nomor, "perpanjang", "PPID", today=date(2026, 11, 16), alasan="Arsip di gudang")
    letter = _letter(tracker, catalogue, nomor, "perpanjangan")
    assert "| Tenggat semula | 19 November 2026 |" in letter.markdown
    assert "| Tenggat baru | **30 November 2026** |" in letter.markdown
    assert "diperpanjang 7 (tujuh) hari kerja" in letter.markdown


def _file_every_kind(tracker: Tracker, rincian_informasi: str) -> list[tuple[str, str]]:
    """A request asking for `rincian_informasi` granted after an extension, the same request
    refused, and an objection to the refusal, answered: (record, letter) for every letter."""

    def file(day: date) -> str:
        data = {**PEMOHON, "rincian_informasi": rincian_informasi}
        return tracker.file("permohonan", rincian_informasi[:100], data, diterima=day).record.nomor

    granted = file(date(2026, 3, 2))
    tracker.act(granted, "perpanjang", "Rina", today=date(2026, 3, 12), alasan="Dihimpun")
    tracker.act(
        granted, "putuskan", "Rina", today=date(2026, 3, 20), keputusan="dikabulkan_seluruhnya"
    )
    refused = file(date(2026, 4, 6))
    tracker.act(
        refused,
        "putuskan",
        "Rina",
        today=date(2026, 4, 13),
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="h",
        entri="nik-nkk-pemilih",
    )
    objection = tracker.file(
        "keberatan",
        f"Keberatan atas {refused}",
        {"nomor_permohonan": refused, "nama": "Sari Dewi", "alasan": ["a"], "kasus_posisi": "-"},
        induk_nomor=refused,
        diterima=date(2026, 4, 20),
    ).record.nomor
    tracker.act(
        objection,
        "putuskan",
        "Hendra",
        today=date(2026, 5, 18),
        keputusan="ditolak",
        pertimbangan="Tujuan dapat dicapai melalui DPT.",
    )
    return [
        (granted, "tanda-terima"),
        (granted, "perpanjangan"),
        (granted, "pemberitahuan"),
        (refused, "penolakan"),
        (objection, "tanggapan-keberatan"),
    ]


def _asked(length: int) -> str:
    """A request's text of `length` characters, as a requester writes one (words)."""
    words = "Salinan dokumen anggaran, notulen rapat pleno dan daftar hadir tahun 2026 "
    return (words * (length // len(words) + 1))[:length].strip() or "Salinan DIPA"


@pytest.fixture(scope="module", params=DATABASES)
def shared_tracker(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Tracker]:
    """One tracker for the many records of the page-break sweep (a database of each kind
    for the module)."""
    cluster: Cluster | None = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sapuan') / 'ppid.sqlite3'}"
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database()
    engine = make_engine(url)
    migrate(engine)
    yield Tracker(engine, WorkingCalendar(), "rahasia-uji")
    engine.dispose()
    if cluster is not None:
        cluster.drop_database(url)


@pytest.fixture(scope="module")
def demo() -> Catalogue:
    result = load(ROOT / "dip", today=date(2026, 11, 24))
    assert result.catalogue is not None
    return result.catalogue


# From the shortest request to the longest the relay accepts (5,000 characters) in steps of
# 250 characters, about four lines of a letter: less than the height of the signature
# block, so the page break falls before, inside and after it on the way.
@pytest.mark.parametrize("length", range(0, 5001, 250))
def test_every_letter_keeps_its_signature_with_the_closing_paragraph(
    shared_tracker: Tracker, demo: Catalogue, length: int
) -> None:
    office = demo.office
    for nomor, jenis in _file_every_kind(shared_tracker, _asked(length)):
        record = shared_tracker.get(nomor)
        day = surat.event_day(jenis, record)
        number = f"{length}/PPID/{surat.JENIS[jenis].kode}/2026"
        ctx = surat.context(shared_tracker, record, jenis, office, demo, {}, number, day)
        letter = surat.render(surat.environment(None), jenis, ctx, office, number, day)
        pages = check_signed_document(letter.document, surat.dokumen.to_pdf(letter.document))
        signer = office.atasan_ppid if surat.JENIS[jenis].atasan else office.ppid
        assert f"{signer.nama} NIP {signer.nip}" in pages[-1], (jenis, length)
        head = pages[0]
        for field in (f"Nomor : {number}", "Sifat : Biasa", "Lampiran : -", "Hal : "):
            assert field in head, (jenis, length, field)
        assert f"{office.tempat_surat}, {format_date(day)}" in head
        assert "KOMISI PEMILIHAN UMUM KABUPATEN CONTOH" in head


def test_ppid_surat_makes_every_letter_for_the_longest_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("PPID_DATABASE_URL", database_url)
    monkeypatch.setenv("PPID_SECRET", "rahasia-uji")
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    engine = make_engine(database_url)
    migrate(engine)
    longest = _asked(5000)
    assert len(longest) == 5000
    tracker = Tracker(engine, WorkingCalendar(), "rahasia-uji")
    out = tmp_path / "keluar"
    try:
        made = _file_every_kind(tracker, longest)
    finally:
        engine.dispose()
    for nomor, jenis in made:
        done = CliRunner().invoke(main, ["surat", nomor, "--jenis", jenis, "--out", str(out)])
        assert done.exit_code == 0, (jenis, done.output)
        pdf = next(out.glob(f"{nomor.replace('/', '-')}-{jenis}.pdf"))
        text = " ".join(pdf_pages(pdf.read_bytes()))
        assert longest[-60:].strip() in text  # the whole request, to its last words


def test_the_atasan_ppid_numbers_in_their_own_series(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    ppid = _letter(tracker, catalogue, scenario["granted"], "tanda-terima")
    atasan = _letter(tracker, catalogue, scenario["objection"], "tanggapan-keberatan")
    receipt = _letter(tracker, catalogue, scenario["objection"], "tanda-terima")
    assert ppid.nomor == "001/PPID/TT/III/2026"
    assert atasan.nomor == "001/ATASAN-PPID/TK/V/2026"  # not the PPID's third number
    assert receipt.nomor == "002/PPID/TT/IV/2026"
    _, own = surat.make(
        tracker,
        scenario["refused"],
        "penolakan",
        catalogue.office,
        catalogue,
        letter_format_atasan="{nomor}/SEK/{kode}/{tahun}",
    )
    assert own.nomor == "003/PPID/KP/IV/2026"


def test_an_online_receipt_names_the_online_service_as_receiver(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    online = tracker.file(
        "permohonan", "DPT", dict(PEMOHON), diterima=date(2026, 6, 1), saluran="daring"
    ).record.nomor
    letter = _letter(tracker, catalogue, online, "tanda-terima")
    service = "Layanan permohonan informasi daring https://ppid-contoh.example.org"
    assert f"| Petugas penerima | {service} |" in letter.markdown
    assert "pemohon" not in _line(letter, "| Petugas penerima")
    desk = _letter(tracker, catalogue, _file(tracker, date(2026, 6, 2)), "tanda-terima")
    assert "| Petugas penerima | Andi Wijaya |" in desk.markdown


def test_the_docx_letter_has_the_logo_the_heading_block_and_the_nip(
    tracker: Tracker, catalogue: Catalogue, scenario: dict[str, str]
) -> None:
    letter = _letter(tracker, catalogue, scenario["objection"], "tanggapan-keberatan")
    document = docx.Document(io.BytesIO(surat.dokumen.to_docx(letter.document)))
    kop, heading = document.tables[:2]
    [logo] = document.inline_shapes
    assert logo.height is not None and round(logo.height.cm, 1) == 2.2
    assert kop.rows[0].cells[0]._tc.xpath(".//pic:pic") != []  # the logo sits in the kop
    assert kop.rows[0].cells[1].paragraphs[0].text == "KOMISI PEMILIHAN UMUM KABUPATEN CONTOH"
    assert [[c.text for c in row.cells[:3]] for row in heading.rows] == [
        ["Nomor", ":", "001/ATASAN-PPID/TK/V/2026"],
        ["Sifat", ":", "Biasa"],
        ["Lampiran", ":", "-"],
        ["Hal", ":", "Tanggapan atas Keberatan"],
    ]
    assert heading.rows[0].cells[3].text == "Kota Contoh, 18 Mei 2026"
    signature = document.tables[-1].rows[0].cells[1].paragraphs
    name, nip = signature[-2], signature[-1]
    assert name.text == "Drs. Hendra Saputra, M.Si."
    assert all(r.bold and r.underline for r in name.runs)
    assert nip.text == "NIP 197203101998031004"
    # the place and date are said once, in the heading block, not again over the signature
    assert signature[0].text.startswith("Atasan PPID")
    assert "Kota Contoh, 18 Mei 2026" not in [p.text for p in signature]
    assert letter.markdown.count("Kota Contoh, 18 Mei 2026") == 1


def test_a_letter_of_an_office_carries_its_own_letterhead(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    """With a registry, a letter of office 6201 is headed and signed by the profile its
    entry names (`profil`), numbered with its kode; an office without one has the
    registry's nama on the deployment's profile."""
    from forms.settings import MULTI_OFFICE_FORMATS
    from forms.startup import office_profile
    from site_builder.clock import OfficeClock
    from site_builder.kantor import read

    registry = read(ROOT / "tests" / "data" / "kantor" / "kantor.yml")
    base = Tracker(
        tracker.engine, tracker.calendar, "rahasia-uji", MULTI_OFFICE_FORMATS["number_format"]
    )
    office = base.for_office("6201", OfficeClock("WIB"))
    nomor = _file(office, date(2026, 3, 2))
    profile = office_profile(registry, "6201", catalogue.office)
    assert profile is not None
    _, letter = surat.make(
        office,
        nomor,
        "tanda-terima",
        profile,
        catalogue,
        letter_format=MULTI_OFFICE_FORMATS["letter_format"],
        today=date(2026, 3, 2),
    )
    assert letter.nomor == "001/PPID-6201/TT/III/2026"
    text = letter.markdown
    assert "KPU KABUPATEN KOTAWARINGIN BARAT" in text.upper()
    assert "Jl. Pangeran Antasari No. 12" in text and "Pangkalan Bun" in text
    assert catalogue.office.nama not in text and catalogue.office.alamat not in text
    from site_builder import dokumen

    # signed by the office's own PPID, with the NIP its profile gives
    assert "Dewi Anggraini" in text and "NIP 198003152006042001" in text
    pdf = " ".join(pdf_pages(dokumen.to_pdf(letter.document)))
    assert "Dewi Anggraini" in pdf and "Pangkalan Bun" in pdf
    # an office without a profile: the registry's name on the deployment's letterhead
    plain = office_profile(registry, "6271", catalogue.office)
    assert plain is not None and plain.nama == "KPU Kota Palangka Raya"
    assert plain.ppid == catalogue.office.ppid
