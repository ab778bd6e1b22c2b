"""The monthly report: the month's counts and the timeline of every late request."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from forms.laporan import Bulan, bulanan, nomor_nota_dinas
from forms.tracker import Tracker
from forms.vocab import LEWAT_BATAS_KELENGKAPAN
from ppid.cli.main import main
from site_builder import dokumen
from site_builder.dip.model import Catalogue
from tests.support import ROOT, check_signed_document

from .test_surat import PEMOHON

GOLDEN = Path(__file__).parent / "golden" / "laporan-bulanan-2026-03.md"


def _file(tracker: Tracker, received: date, saluran: str = "daring") -> str:
    return tracker.file(
        "permohonan",
        PEMOHON["rincian_informasi"],
        dict(PEMOHON),
        diterima=received,
        oleh="Andi",
        saluran=saluran,
    ).record.nomor


def test_month_parsing_says_how_to_write_it() -> None:
    assert Bulan.parse("2026-11") == Bulan(2026, 11)
    assert Bulan(2026, 2).last == date(2026, 2, 28)
    for bad in ("2026-13", "November", "2026/11", ""):
        with pytest.raises(ValueError, match="YYYY-MM"):
            Bulan.parse(bad)


def test_monthly_report_counts_and_late_timelines(tracker: Tracker, catalogue: Catalogue) -> None:
    # On time: received Mon 2 March, deadline 16 March, decided 10 March.
    on_time = _file(tracker, date(2026, 3, 2))
    tracker.act(
        on_time, "putuskan", "Rina", today=date(2026, 3, 10), keputusan="dikabulkan_seluruhnya"
    )
    tracker.act(on_time, "serahkan", "Andi", today=date(2026, 3, 11))
    # Late: received Thu 19 February, deadline Thu 5 March, decided Thu 12 March (5 days late).
    late = _file(tracker, date(2026, 2, 19), "surel")
    tracker.act(late, "tugaskan", "Rina", today=date(2026, 2, 20), petugas="Dewi")
    tracker.act(
        late,
        "putuskan",
        "Rina",
        today=date(2026, 3, 12),
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="h",
    )
    # Still open at the end of March, received 30 March: deadline in April, not late yet.
    _file(tracker, date(2026, 3, 30), "langsung")
    # Decided in April: counted neither as decided in March nor as late.
    april = _file(tracker, date(2026, 3, 25))
    tracker.act(april, "putuskan", "Rina", today=date(2026, 4, 1), keputusan="dikabulkan_sebagian")
    doc = bulanan(tracker, Bulan(2026, 3), catalogue.office, date(2026, 4, 2))
    grid = next(b for b in doc.blocks if isinstance(b, dokumen.Grid))
    figures = dict(grid.rows)
    assert figures["Permohonan diterima"] == "3"
    assert figures["• melalui formulir daring"] == "2"
    assert figures["Permohonan diputuskan"] == "2"
    assert figures["• dikabulkan seluruhnya"] == "1" and figures["• ditolak"] == "1"
    assert figures["Informasi diserahkan"] == "1"
    assert figures["Masih terbuka pada 31 Maret 2026"] == "2"
    assert figures["Melewati tenggat (lihat linimasa di bawah)"] == "1"
    text = dokumen.to_markdown(doc)
    assert (
        f"**{late}**: {PEMOHON['rincian_informasi']} (diterima 19 Februari 2026, tenggat "
        "5 Maret 2026, diputuskan 12 Maret 2026, 5 hari kerja setelah tenggat; petugas: "
        "Dewi)."
    ) in text
    assert (
        "| 12 Maret 2026 | Diputuskan | Rina | Ditolak; Informasi yang dikecualikan; "
        "Pasal 17 huruf h |" in text
    )
    assert on_time not in text.split("## Permohonan yang melewati tenggat")[1]
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_cli_writes_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tracker: Tracker, database_url: str
) -> None:
    monkeypatch.setenv("PPID_DATABASE_URL", database_url)  # the tracker's database
    monkeypatch.setenv("PPID_SECRET", "rahasia-uji")
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    _file(tracker, date(2026, 3, 2))
    out = tmp_path / "laporan"
    runner = CliRunner()
    done = runner.invoke(main, ["laporan", "bulanan", "--bulan", "2026-03", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in out.iterdir()) == [
        f"laporan-bulanan-2026-03{s}" for s in (".docx", ".md", ".pdf")
    ]
    bad = runner.invoke(main, ["laporan", "bulanan", "--bulan", "Maret"])
    assert bad.exit_code == 2 and "YYYY-MM" in bad.output and "Traceback" not in bad.output


def test_late_and_open_are_judged_as_the_month_saw_them(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    # Received Thu 1 October, due Thu 15 October, decided only on 10 November.
    slow = _file(tracker, date(2026, 10, 1))
    tracker.act(
        slow, "putuskan", "Rina", today=date(2026, 11, 10), keputusan="dikabulkan_seluruhnya"
    )
    # Closed on 3 September (withdrawn), opened again on 5 October, still open.
    reopened = _file(tracker, date(2026, 9, 1))
    tracker.act(reopened, "tutup", "Rina", today=date(2026, 9, 3), catatan="dicabut")
    tracker.act(reopened, "buka", "Rina", today=date(2026, 10, 5), catatan="diajukan lagi")

    def figures(month: int) -> dict[str, str]:
        doc = bulanan(tracker, Bulan(2026, month), catalogue.office, date(2026, 11, 24))
        grid = next(b for b in doc.blocks if isinstance(b, dokumen.Grid))
        return {k.split(" (")[0].split(" pada ")[0]: v for k, v in grid.rows}

    september, october, november = figures(9), figures(10), figures(11)
    assert september["Masih terbuka"] == "0" and september["Melewati tenggat"] == "0"
    assert october["Masih terbuka"] == "2"  # both waiting on 31 October
    assert october["Melewati tenggat"] == "2"  # slow past 15 Oct; reopened past its 15 Sep
    assert november["Melewati tenggat"] == "2"  # slow decided late; reopened still waiting
    assert november["Permohonan diputuskan"] == "1"


def test_past_the_completion_limit_is_judged_as_the_month_saw_it(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    # Received Mon 2 November without its KTP, asked at receipt: 3 + 3 working days from
    # receipt (3, 4, 5, 6, 9, 10 November), by Tue 10 November; closed for it on 1 December.
    closed = tracker.file(
        "permohonan", "Salinan SK", {"nama": "Rudi"}, diterima=date(2026, 11, 2), lengkap=False
    ).record.nomor
    tracker.act(
        closed,
        "tutup",
        "Rina",
        today=date(2026, 12, 1),
        penutupan=LEWAT_BATAS_KELENGKAPAN,
    )
    # Asked by staff on Wed 18 November: 3 working days (19, 20, 23), by Mon 23 November;
    # completed on 1 December, asked again on Wed 2 December (by Mon 7 December), waiting.
    asked_again = _file(tracker, date(2026, 11, 16))
    tracker.act(asked_again, "minta_lengkapi", "Rina", today=date(2026, 11, 18))
    tracker.act(asked_again, "lengkapi", "Rina", today=date(2026, 12, 1))
    tracker.act(asked_again, "minta_lengkapi", "Rina", today=date(2026, 12, 2))
    # Asked on Thu 26 November (27, 30 November, 1 December): not past on 30 November.
    in_time = _file(tracker, date(2026, 11, 23))
    tracker.act(in_time, "minta_lengkapi", "Rina", today=date(2026, 11, 26))
    tracker.act(in_time, "lengkapi", "Rina", today=date(2026, 12, 3))

    def incomplete(month: int) -> str:
        doc = bulanan(tracker, Bulan(2026, month), catalogue.office, date(2026, 12, 4))
        grid = next(b for b in doc.blocks if isinstance(b, dokumen.Grid))
        return next(v for k, v in grid.rows if k.startswith("Lewat batas kelengkapan"))

    assert incomplete(10) == "0"
    assert incomplete(11) == "2"  # closed and asked_again, both waiting past on 30 November
    assert incomplete(12) == "0"  # asked_again is by 7 December: not past on 4 December


# An ordinary March with 0 to 4 late requests (each a paragraph and its timeline), and an
# addressee growing by about one and a half lines a step: the page break falls before,
# inside and after the closing paragraph and the signature on the way.
@pytest.mark.parametrize("late", range(5))
def test_the_nota_dinas_is_numbered_and_signed_with_its_closing_paragraph(
    tracker: Tracker, catalogue: Catalogue, late: int
) -> None:
    for day in (2, 3):
        done = _file(tracker, date(2026, 3, day))
        tracker.act(done, "putuskan", "Rina", today=date(2026, 3, 10),
                    keputusan="dikabulkan_seluruhnya")  # fmt: skip
    for day in range(late):
        nomor = _file(tracker, date(2026, 2, 10 + day), "surel")
        tracker.act(nomor, "tugaskan", "Rina", today=date(2026, 2, 20), petugas="Dewi")
        tracker.act(nomor, "putuskan", "Rina", today=date(2026, 3, 12), keputusan="ditolak",
                    alasan="dikecualikan", pasal_17="h")  # fmt: skip
    for length in range(0, 900, 120):
        to = ("Sekretaris KPU Kabupaten Contoh, melalui Kepala Sub Bagian " * 20)[:length]
        doc = bulanan(tracker, Bulan(2026, 3), catalogue.office, date(2026, 4, 2), to or None)
        pages = check_signed_document(doc, dokumen.to_pdf(doc))
        text = " ".join(pages)
        assert "Nomor : 003/ND/PPID/III/2026" in text, length
        assert "Sifat : Biasa" in text and "Lampiran : -" in text
        assert "Hal : Laporan bulanan layanan informasi publik bulan Maret 2026" in text
        assert f"NIP {catalogue.office.ppid.nip}" in pages[-1]


def test_the_nota_dinas_number_follows_the_office_format(
    tracker: Tracker, catalogue: Catalogue
) -> None:
    doc = bulanan(tracker, Bulan(2026, 11), catalogue.office, date(2026, 12, 1), None,
                  "ND-{nomor:02d}/PPID/{tahun}")  # fmt: skip
    fields = dict(next(b for b in doc.blocks if isinstance(b, dokumen.Fields)).rows)
    assert fields["Nomor"] == "ND-11/PPID/2026"
    assert nomor_nota_dinas(Bulan(2027, 1)) == "001/ND/PPID/I/2027"
