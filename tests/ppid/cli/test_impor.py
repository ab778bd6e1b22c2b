"""`ppid impor`: what staff see when they import their office's spreadsheet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ppid.cli.main import main
from tests.site_builder.impor import kantor
from tests.support import DATA


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small DIP as the working folder's dip/, as staff run the command."""
    shutil.copytree(DATA / "mini" / "dip", tmp_path / "dip")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "dip"


def _files(dip: Path) -> list[Path]:
    return sorted(dip.rglob("*"))


def test_coba_prints_the_files_and_writes_nothing(office: Path) -> None:
    source = kantor.sections(office.parent / "DIP.xlsx")
    before = _files(office)
    result = CliRunner().invoke(main, ["impor", "DIP.xlsx", "--coba", "--hari-ini", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert source.is_file() and _files(office) == before
    assert "--- dip/keuangan/rencana-kerja-tahunan-2026.yml\n" in result.stdout
    assert "judul: Rencana Kerja Tahunan 2026\n" in result.stdout
    assert "status: draf\n" in result.stdout
    assert "uji coba: 2 dari 2 baris akan ditulis (2 berkas); DIP valid" in result.stderr


def test_import_writes_drafts_that_check_accepts(office: Path) -> None:
    kantor.sections(office.parent / "DIP.xlsx")
    result = CliRunner().invoke(main, ["impor", "DIP.xlsx", "--hari-ini", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "ditulis: dip/keuangan/rencana-kerja-tahunan-2026.yml\n"
        "ditulis: dip/keuangan/sop-pengelolaan-barang-milik-negara.yml\n"
    )
    assert "2 dari 2 baris diimpor sebagai draf. Periksa dengan: ppid check" in result.stderr
    check = CliRunner().invoke(main, ["check", "--hari-ini", "2026-11-24"])
    assert check.exit_code == 0, check.output
    assert "7 entri di 2 unit diperiksa." in check.stderr


def test_problems_are_one_line_each_and_nothing_is_written(office: Path) -> None:
    kantor.broken(office.parent / "DIP.xlsx")
    before = _files(office)
    result = CliRunner().invoke(main, ["impor", "DIP.xlsx", "--hari-ini", "2026-11-24"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("DIP.xlsx:Berkala!R3C3: Pejabat/Unit yang Menguasai Informasi:")
    assert len(lines) == 12  # eleven problems and the closing sentence
    assert lines[-1] == (
        "Galat: impor dibatalkan, tidak ada berkas yang ditulis: 11 galat, 0 peringatan. "
        "Perbaiki spreadsheet lalu ulangi, atau pakai --paksa untuk menulis baris yang benar saja"
    )
    assert "Traceback" not in result.output
    assert _files(office) == before


def test_coba_on_a_broken_file_prints_the_problems_and_fails(office: Path) -> None:
    kantor.broken(office.parent / "DIP.xlsx")
    before = _files(office)
    result = CliRunner().invoke(main, ["impor", "DIP.xlsx", "--coba", "--hari-ini", "2026-11-24"])
    assert result.exit_code == 1
    assert result.stdout.startswith("--- dip/keuangan/laporan-kinerja-2025.yml\n")
    assert result.stderr.count("DIP.xlsx:Berkala!R") == 11
    assert result.stderr.endswith(
        "uji coba: 1 dari 11 baris akan ditulis (1 berkas); 11 galat, 0 peringatan.\n"
    )
    assert _files(office) == before


def test_paksa_writes_the_good_rows_and_still_fails(office: Path) -> None:
    kantor.broken(office.parent / "DIP.xlsx")
    result = CliRunner().invoke(main, ["impor", "DIP.xlsx", "--paksa", "--hari-ini", "2026-11-24"])
    assert result.exit_code == 1  # not every row was imported
    assert result.stdout == "ditulis: dip/keuangan/laporan-kinerja-2025.yml\n"
    assert "1 dari 11 baris diimpor sebagai draf; 10 baris bermasalah dilewati." in result.stderr


def test_an_ods_file_is_refused_with_what_to_do(office: Path) -> None:
    (office.parent / "DIP.ods").write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(main, ["impor", "DIP.ods"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Galat: DIP.ods: berkas .ods belum dapat dibaca; buka di LibreOffice lalu simpan "
        "sebagai .xlsx (Simpan Sebagai > Excel 2007-365) atau .csv, kemudian impor berkas itu\n"
    )


def test_a_missing_dip_folder_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    kantor.sections(tmp_path / "DIP.xlsx")
    result = CliRunner().invoke(main, ["impor", "DIP.xlsx", "--dip", "tidak-ada"])
    assert result.exit_code == 1
    assert "Galat: tidak-ada: folder DIP tidak ditemukan" in result.stderr
