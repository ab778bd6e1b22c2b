"""`ppid tahunan`: the annual update as staff run it, on a copy of the demonstration DIP."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from ppid.cli.main import main
from tests.support import DATA, ROOT

BUKA = ["--tahun", "2027", "--mulai", "2027-01-04", "--hari-ini", "2027-01-04"]
UNITS = ["hukum-sdm", "keuangan-umum-logistik", "perencanaan-data-informasi", "teknis-parmas"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root holding a copy of the demonstration DIP (edition 2026, nothing open)."""
    shutil.copytree(ROOT / "dip", tmp_path / "dip")
    return tmp_path


def _ppid(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="ppid")


def test_status_before_the_annual_update(repo: Path) -> None:
    result = _ppid("tahunan", "status", "--root", repo)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Edisi berlaku: DIP 2026 (SK 12/PP.06-Kpt/3399/2026, "
        "19 Januari 2026)\n"
        "Arsip: belum ada\n"
        "Tidak ada edisi yang sedang disusun.\n"
    )


def test_buka_opens_2027_and_says_what_it_wrote(repo: Path) -> None:
    result = _ppid("tahunan", "buka", "--root", repo, *BUKA)
    assert result.exit_code == 0, result.output
    expected = ["ditulis: arsip/2026/"]
    for unit in UNITS:
        expected += [
            f"ditulis: tahunan/2027/daftar-kerja/{unit}.md",
            f"ditulis: tahunan/2027/nota-dinas/{unit}.md",
            f"ditulis: tahunan/2027/nota-dinas/{unit}.pdf",
        ]
    expected.append("ditulis: dip/badan-publik.yml")
    assert result.stdout.splitlines() == expected
    assert result.stderr == "14 berkas berubah, 0 sudah mutakhir.\n"
    office = yaml.safe_load((repo / "dip" / "badan-publik.yml").read_text(encoding="utf-8"))
    assert office["dip"]["tahun"] == 2026 and office["edisi_baru"]["tahun"] == 2027
    assert (repo / "arsip" / "2026" / "dip" / "badan-publik.yml").is_file()
    nota = (repo / "tahunan" / "2027" / "nota-dinas" / "teknis-parmas.md").read_text()
    assert "NOTA DINAS" in nota and "paling lambat 11 Januari 2027" in nota


def test_status_during_the_annual_update_marks_the_current_stage(repo: Path) -> None:
    assert _ppid("tahunan", "buka", "--root", repo, *BUKA).exit_code == 0
    result = _ppid("tahunan", "status", "--root", repo)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Edisi berlaku: DIP 2026 (SK 12/PP.06-Kpt/3399/2026, 19 Januari 2026)",
        "Arsip: 2026",
        "Sedang disusun: DIP 2027, tahapan pengumpulan",
        " * pengumpulan  4 Januari 2027 s.d. 11 Januari 2027",
        "   verifikasi   12 Januari 2027 s.d. 18 Januari 2027",
        "   pengesahan   19 Januari 2027 s.d. 25 Januari 2027",
        "   terbit       26 Januari 2027 s.d. 27 Januari 2027",
    ]


def test_buka_again_changes_nothing(repo: Path) -> None:
    _ppid("tahunan", "buka", "--root", repo, *BUKA)
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    result = _ppid("tahunan", "buka", "--root", repo, *BUKA)
    assert result.exit_code == 0
    assert all(line.startswith("tetap:   ") for line in result.stdout.splitlines())
    assert result.stderr == "0 berkas berubah, 14 sudah mutakhir.\n"
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before


def test_buka_refuses_an_edition_already_in_force(repo: Path) -> None:
    result = _ppid("tahunan", "buka", "--root", repo, "--tahun", "2026", "--hari-ini", "2027-01-04")
    assert result.exit_code == 1
    assert result.stderr.startswith("Galat: DIP 2026 sudah ditetapkan (edisi berlaku: 2026)")
    assert not (repo / "arsip").exists() and not (repo / "tahunan").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Galat: Opsi wajib belum diisi '--tahun'."),
        (
            ["--tahun", "2007"],
            "Galat: Nilai '--tahun' tidak valid: 2007 di luar rentang 2008<=x<=2100.",
        ),
        (
            ["--tahun", "2027", "--mulai", "4-1-2027"],
            "Galat: Nilai '--mulai' tidak valid: '4-1-2027' bukan tanggal; "
            "tulis sebagai YYYY-MM-DD",
        ),
    ],
)
def test_buka_explains_a_mistyped_command(repo: Path, args: list[str], message: str) -> None:
    result = _ppid("tahunan", "buka", "--root", repo, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Penggunaan: ppid tahunan buka [OPSI]\n")
    assert message in result.stderr
    assert not (repo / "arsip").exists()


def test_sahkan_after_buka_puts_2027_in_force(repo: Path) -> None:
    assert _ppid("tahunan", "buka", "--root", repo, *BUKA).exit_code == 0
    result = _ppid(
        "tahunan",
        "sahkan",
        "--root",
        repo,
        "--nomor-sk",
        "1/PP.06-Kpt/3399/2027",
        "--tanggal",
        "2027-01-25",
        "--oleh",
        "Drs. Hendra Saputra, M.Si., Sekretaris",
        "--hari-ini",
        "2027-01-26",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "ditulis: dip/badan-publik.yml" in lines
    assert any(
        line.startswith("tetap:") and line.endswith("(draf, tidak ikut disahkan)") for line in lines
    )  # drafts are named, and left as they are
    office = yaml.safe_load((repo / "dip" / "badan-publik.yml").read_text(encoding="utf-8"))
    assert office["dip"]["tahun"] == 2027 and "edisi_baru" not in office
    assert office["dip"]["nomor_sk"] == "1/PP.06-Kpt/3399/2027"
    # (`tahunan status` is not run here: it has no --hari-ini and checks the DIP against the
    # machine's clock, which may be before the SK date of this scenario)


def test_status_of_a_broken_dip_points_to_ppid_check() -> None:
    result = _ppid("tahunan", "status", "--root", DATA / "broken")
    assert result.exit_code == 1
    assert result.stderr == "Galat: DIP tidak valid; jalankan 'ppid check'\n"


def _site(root: Path, home: str) -> Path:
    site = root / "site"
    (site / "dip").mkdir(parents=True)
    (site / "dip" / "index.html").write_text("<h1>DIP</h1>", encoding="utf-8")
    (site / "index.html").write_text(home, encoding="utf-8")
    return site


def test_periksa_tautan_prints_each_broken_link(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        '<h1>Beranda</h1>\n<a href="dip/">DIP</a>\n<a href="informasi/hilang/">hilang</a>\n',
    )
    result = _ppid("tahunan", "periksa-tautan", "--site-dir", site)
    assert result.exit_code == 1
    assert result.stdout == (
        "site/index.html:3:1: tautan: tautan rusak (berkas tidak ada): informasi/hilang/\n"
    )
    assert result.stderr == "Galat: 1 tautan bermasalah\n"


def test_periksa_tautan_on_a_sound_site(tmp_path: Path) -> None:
    site = _site(tmp_path, '<a href="dip/">DIP</a><a href="https://kpu.go.id/">KPU</a>')
    result = _ppid("tahunan", "periksa-tautan", "--site-dir", site)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Semua tautan baik.\n")


def test_periksa_tautan_before_the_site_is_built(tmp_path: Path) -> None:
    result = _ppid("tahunan", "periksa-tautan", "--site-dir", tmp_path / "site")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Galat: {tmp_path / 'site'}: folder situs tidak ada; jalankan 'ppid build'\n"
    )
