"""`ppid laporan`: the monthly report, the annual report's narrative and its refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ppid.cli.main import main
from tests.support import ROOT


def test_the_monthly_report_is_written(run: Callable[..., str], tmp_path: Path) -> None:
    out = tmp_path / "laporan"
    result = CliRunner().invoke(
        main, ["laporan", "bulanan", "--bulan", "2026-11", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "laporan-bulanan-2026-11.docx",
        "laporan-bulanan-2026-11.md",
        "laporan-bulanan-2026-11.pdf",
    ]


@pytest.mark.parametrize("bulan", ["2026-13", "November", "2026/11"])
def test_a_month_it_cannot_read(run: Callable[..., str], bulan: str) -> None:
    result = CliRunner().invoke(main, ["laporan", "bulanan", "--bulan", bulan])
    assert result.exit_code == 2
    assert "Nilai '--bulan' tidak valid" in result.output


def test_the_narrative_skeleton_once(
    run: Callable[..., str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PPID_OFFICE_FILE", str(ROOT / "dip" / "badan-publik.yml"))
    first = CliRunner().invoke(main, ["laporan", "narasi", "--tahun", "2026"])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "laporan" / "tahunan-2026.yml").is_file()
    again = CliRunner().invoke(main, ["laporan", "narasi", "--tahun", "2026"])
    assert again.exit_code == 1 and "sudah ada; ubah berkas itu" in again.output


def test_an_annual_report_without_a_register(
    run: Callable[..., str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(
        main,
        ["laporan", "tahunan", "--tahun", "2026", "--register", "tidak", "--out", str(tmp_path)],
    )
    assert result.exit_code == 1
    assert "register tidak ditemukan" in result.output
