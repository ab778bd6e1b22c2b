"""`ppid surat`: a letter for a record, written as PDF, DOCX and Markdown, numbered once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from ppid.cli.main import main


def _baru(run: Callable[..., str]) -> None:
    run(
        "permohonan", "baru", "--saluran", "surat", "--diterima", "2026-11-20", "--nama",
        "Siti Aminah", "--alamat", "Jl. Mawar 1", "--telepon", "081234567890",
        "--rincian", "Salinan DIPA 2026",
        "--tujuan", "Penelitian",
    )  # fmt: skip


def test_a_receipt_is_written_in_three_forms_and_keeps_its_number(
    run: Callable[..., str], tmp_path: Path
) -> None:
    _baru(run)
    out = tmp_path / "surat"
    first = CliRunner().invoke(
        main, ["surat", "1", "--jenis", "tanda-terima", "--out", str(out), "--oleh", "Desk"]
    )
    assert first.exit_code == 0, first.output
    assert first.output.startswith("001/PPID/TT/XI/2026 (20 November 2026), 0001/PPID/XI/2026:")
    names = sorted(p.suffix for p in out.iterdir())
    assert names == [".docx", ".md", ".pdf"]
    again = CliRunner().invoke(
        main, ["surat", "1", "--jenis", "tanda-terima", "--out", str(out), "--oleh", "Desk"]
    )
    assert again.output.splitlines()[0] == first.output.splitlines()[0]  # the same number


def test_a_letter_for_a_record_that_is_not_there(run: Callable[..., str], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["surat", "7", "--jenis", "tanda-terima", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "permohonan atau keberatan nomor urut 7 tahun 2026 tidak ditemukan" in result.output


def test_a_letter_the_record_does_not_allow_yet(run: Callable[..., str], tmp_path: Path) -> None:
    _baru(run)
    result = CliRunner().invoke(
        main, ["surat", "1", "--jenis", "penolakan", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Galat: ")


def test_a_notice_counts_the_printed_pages_given_on_the_command_line(
    run: Callable[..., str], tmp_path: Path
) -> None:
    _baru(run)  # salinan_cetak, ambil_langsung: the command's defaults
    run("permohonan", "putuskan", "1", "--keputusan", "dikabulkan_seluruhnya")
    out = tmp_path / "surat"
    bad = CliRunner().invoke(
        main, ["surat", "1", "--jenis", "pemberitahuan", "--halaman", "dua", "--out", str(out)]
    )
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "--halaman harus bilangan bulat positif" in bad.output
    done = CliRunner().invoke(
        main,
        ["surat", "1", "--jenis", "pemberitahuan", "--halaman", "12", "--media", "CD/DVD",
         "--out", str(out)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.output.startswith("001/PPID/PT/XI/2026")
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "Rp500 per halaman × 12 halaman = Rp6.000; media CD/DVD Rp10.000" in text
