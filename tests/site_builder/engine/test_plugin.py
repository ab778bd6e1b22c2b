"""The mkdocs plugin in a real, strict `mkdocs build` of the small DIP (tests/data/mini): the
generated pages, the register it reads, and the errors that stop a build."""

from __future__ import annotations

import logging
import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from site_builder.register import RegisterRow, dump
from tests.support import DATA, ROOT

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
NOMOR = "0001/PPID/XI/2026"
ROW = RegisterRow(
    nomor=NOMOR,
    jenis="permohonan",
    diterima="2026-11-20",
    tahun=2026,
    bulan=11,
    pemohon="S. A.",
    ringkasan="Salinan DIPA 2026",
    permohonan=None,
    alasan_keberatan=(),
    status="Selesai",
    keputusan="Dikabulkan seluruhnya",
    dasar_penolakan=None,
    tanggal_pemberitahuan="2026-11-23",
    tenggat="2026-12-04",
    hari_kerja=2,
    tepat_waktu=True,
)


def _project(folder: Path) -> Path:
    """The repository's mkdocs.yml and docs/, the small DIP, and a register of one row in
    var/register.json (what `register: auto` reads)."""
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(DATA / "mini" / "dip", folder / "dip")
    (folder / "var").mkdir()
    (folder / "var" / "register.json").write_bytes(dump([ROW], date(2026, 11, 24)))
    return folder


def _mkdocs_build(project: Path) -> Path:
    """`mkdocs build --strict` in the project, on the frozen clock; the site folder."""
    with pytest.MonkeyPatch.context() as env, time_machine.travel(NOW, tick=False):
        env.chdir(project)  # problems are shown relative to where mkdocs runs
        env.setenv("NO_MKDOCS_2_WARNING", "1")  # the theme's banner, not ours
        build(load_config(str(project / "mkdocs.yml"), strict=True))
    return project / "site"


def _set_option(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert '      relay_url: ""\n' in text
    config.write_text(text.replace('      relay_url: ""\n', f'      relay_url: ""\n{line}\n'))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small DIP with its register, built once."""
    return _mkdocs_build(_project(tmp_path_factory.mktemp("plugin") / "proyek"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of its own, for a test that changes it."""
    return _project(tmp_path / "proyek")


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_generated_pages_downloads_and_search_are_in_the_site(site: Path) -> None:
    for page in ["dip", "dip/unit/teknis", "informasi/dipa-2026", "layanan/permohonan"]:
        assert (site / page / "index.html").is_file(), page
    for download in ["unduh/dip.csv", "unduh/dip.xlsx", "unduh/dip.json", "data.json"]:
        assert (site / download).stat().st_size > 0, download
    assert (site / "assets" / "ppid.css").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert "DIPA Tahun Anggaran 2026" in _html(site, "informasi/dipa-2026")
    assert not (site / "informasi" / "jadwal-pilkada-ulang").exists()  # a draft


def test_nothing_generated_is_written_into_docs(site: Path) -> None:
    docs = site.parent / "docs"
    assert sorted(p.relative_to(docs) for p in docs.rglob("*")) == sorted(
        p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*")
    )


def test_the_register_rows_are_published_anonymised(site: Path) -> None:
    assert "1 permohonan" in _html(site, "register")
    page = _html(site, "register/permohonan-2026")
    assert NOMOR in page and "S. A." in page and "Salinan DIPA 2026" in page
    assert (site / "unduh" / "ringkasan-2026-2.pdf").read_bytes().startswith(b"%PDF")


def test_register_tidak_builds_without_the_register_rows(project: Path) -> None:
    _set_option(project, "      register: tidak")
    site = _mkdocs_build(project)
    assert "Register belum tersedia di situs ini." in _html(site, "register")
    assert (site / "register" / "statistik" / "index.html").is_file()
    assert not (site / "register" / "permohonan-2026").exists()
    assert not list((site / "unduh").glob("ringkasan-*"))
    assert not [p for p in site.rglob("*.html") if NOMOR in p.read_text(encoding="utf-8")]


def _failed_build(project: Path, caplog: pytest.LogCaptureFixture) -> str:
    """Build, expect mkdocs to stop, and give the error it showed."""
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort) as stopped:
        _mkdocs_build(project)
    assert str(stopped.value) == "Aborted with a BuildError!"
    [error] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    return error


@pytest.mark.parametrize("src_uri", ["dip/unduh.md", "unduh/dip.csv"])
def test_a_docs_file_colliding_with_a_generated_one(
    project: Path, caplog: pytest.LogCaptureFixture, src_uri: str
) -> None:
    (project / "docs" / src_uri).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / src_uri).write_text("Tulisan tangan\n", encoding="utf-8")
    assert _failed_build(project, caplog) == (
        f"docs/{src_uri} bentrok dengan halaman yang dibuat dari DIP; "
        "hapus atau ganti nama berkas itu"
    )
    assert not (project / "site" / "index.html").exists()


def test_an_invalid_dip_stops_the_build_listing_each_problem(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "dip" / "keuangan" / "dipa-2026.yml").write_text("judul: [rusak\n")
    (project / "dip" / "teknis" / "unit.yml").write_text("nama: Teknis\n")
    assert _failed_build(project, caplog).splitlines() == [
        "DIP tidak valid: 3 galat, 0 peringatan.",
        "dip/keuangan/dipa-2026.yml:2:1: (sintaks): YAML tidak valid: daftar [ ... ] tidak "
        "ditutup dengan ']'",
        "dip/teknis/unit.yml:1:1: kepala: elemen wajib 'kepala' tidak ada",
        "dip/teknis/unit.yml:1:1: peninjau: elemen wajib 'peninjau' tidak ada",
    ]
    assert not (project / "site" / "index.html").exists()
