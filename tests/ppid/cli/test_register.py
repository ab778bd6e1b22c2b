"""`ppid register`: the staff registers written as XLSX, and their refusals in one line."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook
from sqlalchemy.engine import Engine

from forms.tracker import Tracker
from ppid.cli.main import main
from site_builder.calendar import WorkingCalendar
from tests.support import PERMOHONAN


@pytest.fixture
def records(ppid_engine: Engine, frozen: datetime) -> Tracker:
    """The tracker the commands open, holding a decided request and an objection to it."""
    engine = ppid_engine
    tracker = Tracker(engine, WorkingCalendar(), "uji")
    a = tracker.file("permohonan", "Salinan DIPA", dict(PERMOHONAN), diterima=date(2026, 11, 2))
    tracker.act(
        a.record.nomor, "putuskan", "PPID", keputusan="ditolak", alasan="tidak_dikuasai",
        today=date(2026, 11, 13),
    )  # fmt: skip
    tracker.file("permohonan", "Tahun lalu", dict(PERMOHONAN), diterima=date(2025, 6, 2))
    tracker.file(
        "keberatan", "Keberatan", {"nama": "Budi Santoso", "alasan": ["e"]},
        induk_nomor=a.record.nomor, diterima=date(2026, 11, 20),
    )  # fmt: skip
    return tracker


def _register(*args: str) -> Result:
    return CliRunner().invoke(main, ["register", *args])


def _galat(result: Result) -> str:
    """The one line that says what is wrong (click's usage lines aside)."""
    assert result.exit_code == 2, result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("Galat: ")]
    return line


def test_register_permohonan_is_written_with_the_years_requests(
    records: Tracker, tmp_path: Path
) -> None:
    out = tmp_path / "internal" / "permohonan-2026.xlsx"
    result = _register("permohonan", "--tahun", "2026", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"ditulis: {out} (1 permohonan tahun 2026; INTERNAL, berisi data pribadi)\n"
    )
    ws = load_workbook(out).active
    assert ws["A1"].value == "REGISTER PERMOHONAN INFORMASI PUBLIK TAHUN 2026"
    assert ws["A2"].value == "Komisi Pemilihan Umum Kabupaten Contoh"
    row = dict(zip([c.value for c in ws[5]], [c.value for c in ws[6]], strict=True))
    assert row["Nomor pendaftaran"] == "0001/PPID/XI/2026" and row["Nama"] == "Budi Santoso"
    assert row["Status informasi (dikuasai / tidak dikuasai / belum didokumentasikan)"] == (
        "Tidak dikuasai"
    )
    assert ws.max_row == 6  # last year's request is in the 2025 register only
    last_year = tmp_path / "permohonan-2025.xlsx"
    assert _register("permohonan", "--tahun", "2025", "--out", str(last_year)).exit_code == 0
    assert load_workbook(last_year).active["B6"].value == "0001/PPID/VI/2025"


def test_register_keberatan_names_the_atasan_ppid_of_the_office(
    records: Tracker, tmp_path: Path
) -> None:
    out = tmp_path / "keberatan.xlsx"
    result = _register("keberatan", "--out", str(out))  # this year by default
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).active
    row = dict(zip([c.value for c in ws[5]], [c.value for c in ws[6]], strict=True))
    assert row["Nomor pendaftaran permohonan"] == "0001/PPID/XI/2026"
    assert row["Alasan keberatan (Pasal 35 ayat 1)"] == "e. Permintaan informasi tidak dipenuhi"
    assert row["Nama dan jabatan atasan PPID"] == "-"  # not answered yet


@pytest.mark.parametrize("command", ["permohonan", "keberatan"])
def test_the_help_warns_of_personal_data(command: str) -> None:
    result = _register(command, "--help")
    assert "UU 27/2022" in result.output and "Jangan diterbitkan" in result.output
    assert f"Contoh: ppid register {command} --tahun 2026 --out" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "register.csv"], "'register.csv' harus berakhiran .xlsx"),
        (["--tahun", "2007", "--out", "r.xlsx"], "2007 di luar rentang 2008<=x<=2100"),
        (["--tahun", "2101", "--out", "r.xlsx"], "2101 di luar rentang 2008<=x<=2100"),
        (["--out", "docs/unduh/r.xlsx"], "ada di folder docs/ yang diterbitkan"),
        (["--out", "site/r.xlsx"], "ada di folder site/ yang diterbitkan"),
    ],
)
def test_a_bad_option_is_one_line(
    ppid_env: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(ppid_env)
    line = _galat(_register("permohonan", *args))
    assert message in line
    assert not list(ppid_env.rglob("*.xlsx"))


def test_an_out_folder_that_cannot_be_made(ppid_env: Path) -> None:
    (ppid_env / "berkas").write_text("bukan folder")
    out = ppid_env / "berkas" / "r.xlsx"
    line = _galat(_register("keberatan", "--out", str(out)))
    assert line.startswith(f"Galat: Nilai '--out' tidak valid: folder '{out.parent}' tidak dapat")


def test_the_project_s_own_published_folders_are_refused_from_anywhere(
    ppid_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = ppid_env / "situs"
    (project / "dip").mkdir(parents=True)
    (project / "dip" / "badan-publik.yml").write_text("nama: Contoh\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Contoh\ndocs_dir: halaman\nsite_dir: publik\n", encoding="utf-8"
    )
    monkeypatch.setenv("PPID_OFFICE_FILE", str(project / "dip" / "badan-publik.yml"))
    monkeypatch.chdir(ppid_env)  # not the project's folder
    for folder in ("halaman", "publik"):
        out = project / folder / "r.xlsx"
        line = _galat(_register("permohonan", "--out", str(out)))
        assert f"ada di folder {folder}/ yang diterbitkan" in line
    assert not list(ppid_env.rglob("*.xlsx"))
