"""What the builder adds to a site as plain files, and a folder that is replaced whole or not
at all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.dip.model import Catalogue
from site_builder.engine.generate import (
    DOWNLOAD_NAMES,
    downloads,
    generated,
    pages,
    swap_in,
    write_tree,
)
from site_builder.register import RegisterRow
from site_builder.render.pages import RenderOptions, assets, render_pages
from tests.support import TODAY

OPTS = RenderOptions(today=TODAY)
SITE = "https://ppid-uji.example.org/"


def _row(nomor: str, bulan: int) -> RegisterRow:
    return RegisterRow(
        nomor=nomor,
        jenis="permohonan",
        diterima=f"2026-{bulan:02d}-05",
        tahun=2026,
        bulan=bulan,
        pemohon="S. A.",
        ringkasan="Salinan DIPA 2026",
        permohonan=None,
        alasan_keberatan=(),
        status="Selesai",
        keputusan="Dikabulkan seluruhnya",
        dasar_penolakan=None,
        tanggal_pemberitahuan=f"2026-{bulan:02d}-09",
        tenggat=f"2026-{bulan:02d}-19",
        hari_kerja=3,
        tepat_waktu=True,
    )


def test_pages_are_the_rendered_pages_and_the_assets(mini_catalogue: Catalogue) -> None:
    found = pages(mini_catalogue, OPTS)
    assert found == {**render_pages(mini_catalogue, OPTS), **assets()}
    assert {"index.md", "dip/index.md", "informasi/dipa-2026.md", "assets/ppid.css"} <= set(found)
    assert "Register belum tersedia di situs ini." in str(found["register/index.md"])


def test_drafts_only_in_preview(mini_catalogue: Catalogue) -> None:
    preview = RenderOptions(today=TODAY, pratinjau=True)
    assert "informasi/jadwal-pilkada-ulang.md" not in pages(mini_catalogue, OPTS)
    assert "informasi/jadwal-pilkada-ulang.md" in pages(mini_catalogue, preview)
    plain = json.loads(downloads(mini_catalogue, OPTS)["unduh/dip.json"])
    draft = json.loads(downloads(mini_catalogue, preview)["unduh/dip.json"])
    assert "jadwal-pilkada-ulang" in json.dumps(draft)
    assert "jadwal-pilkada-ulang" not in json.dumps(plain)


def test_downloads_of_the_edition_in_force_link_to_the_site(mini_catalogue: Catalogue) -> None:
    files = downloads(mini_catalogue, OPTS, SITE)
    assert sorted(files) == sorted(DOWNLOAD_NAMES)
    assert files["unduh/dip.csv"].startswith("\ufeffNomor,Judul".encode())
    assert files["unduh/dip.xlsx"].startswith(b"PK")  # a zip, as every .xlsx is
    catalog = json.loads(files["data.json"])
    landing = {d["title"]: d["landingPage"] for d in catalog["dataset"]}
    assert landing["DIPA Tahun Anggaran 2026"] == f"{SITE}informasi/dipa-2026/"


def test_every_archived_edition_keeps_its_downloads(mini_catalogue: Catalogue) -> None:
    files = downloads(mini_catalogue, OPTS, SITE, archives={2025: mini_catalogue})
    archived = sorted(name for name in files if name.startswith("arsip/"))
    assert archived == [
        f"arsip/2025/{daftar}.{ext}" for daftar in ("dik", "dip") for ext in ("csv", "json", "xlsx")
    ]
    assert files["arsip/2025/dip.csv"] == files["unduh/dip.csv"]  # the same catalogue
    assert files["arsip/2025/dik.csv"] == files["unduh/dik.csv"]


def test_a_register_brings_the_semester_summaries(mini_catalogue: Catalogue) -> None:
    rows = [_row("0001/PPID/III/2026", 3), _row("0002/PPID/IV/2026", 4)]
    files = downloads(mini_catalogue, OPTS, register=rows)
    summaries = [name for name in files if name.startswith("unduh/ringkasan-")]
    assert summaries == ["unduh/ringkasan-2026-1.pdf"]  # nothing yet from July on
    assert files["unduh/ringkasan-2026-1.pdf"].startswith(b"%PDF")
    assert "register/permohonan-2026.md" in pages(mini_catalogue, OPTS, register=rows)


def test_generated_is_the_pages_and_the_downloads(mini_catalogue: Catalogue) -> None:
    files = generated(mini_catalogue, OPTS, SITE)
    assert files == {**pages(mini_catalogue, OPTS), **downloads(mini_catalogue, OPTS, SITE)}


def test_write_tree_replaces_the_folder_with_docs_and_generated_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "tentang").mkdir(parents=True)
    (docs / "tentang" / "profil.md").write_text("# Profil\n", encoding="utf-8")
    out = tmp_path / "hasil"
    out.mkdir()
    (out / "basi.md").write_text("dari build sebelumnya")
    files: dict[str, str | bytes] = {"index.md": "# Beranda ✓\n", "unduh/dip.csv": b"\xef\xbb\xbfa"}
    assert write_tree(files, out, docs) == 2  # the generated files, not docs/
    assert (out / "index.md").read_text(encoding="utf-8") == "# Beranda ✓\n"
    assert (out / "unduh" / "dip.csv").read_bytes() == b"\xef\xbb\xbfa"
    assert (out / "tentang" / "profil.md").read_text(encoding="utf-8") == "# Profil\n"
    assert not (out / "basi.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "hasil"]  # nothing left over


def test_write_tree_without_docs_makes_missing_parents(tmp_path: Path) -> None:
    out = tmp_path / "build" / "docs"
    assert write_tree({"index.md": "x"}, out, tmp_path / "tidak-ada") == 1
    assert [p.name for p in out.iterdir()] == ["index.md"]


class _Interrupted(dict[str, str | bytes]):
    """Files whose writing is cut short by Ctrl+C after the first two."""

    def items(self) -> Iterator[tuple[str, str | bytes]]:  # type: ignore[override]
        for n, item in enumerate(super().items()):
            if n == 2:
                raise KeyboardInterrupt
            yield item


@pytest.fixture
def old_tree(tmp_path: Path) -> Path:
    """A folder written by an earlier run."""
    out = tmp_path / "hasil"
    write_tree({"index.md": "lama", "dip/index.md": "lama"}, out)
    return out


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()
    }


def test_an_interrupted_write_leaves_the_old_folder(old_tree: Path) -> None:
    before = _tree(old_tree)
    files = _Interrupted({"index.md": "baru", "dip/index.md": "baru", "cari.md": "baru"})
    with pytest.raises(KeyboardInterrupt):
        write_tree(files, old_tree)
    assert _tree(old_tree) == before == {"index.md": "lama", "dip/index.md": "lama"}
    assert [p.name for p in old_tree.parent.iterdir()] == ["hasil"]  # no half-written copy


def test_a_failed_write_leaves_the_old_folder(old_tree: Path) -> None:
    before = _tree(old_tree)
    with pytest.raises(OSError):  # a file where a folder must go
        write_tree({"index.md": "baru", "index.md/lain.md": "baru"}, old_tree)
    assert _tree(old_tree) == before
    assert [p.name for p in old_tree.parent.iterdir()] == ["hasil"]


def test_swap_in_replaces_or_creates_the_target(tmp_path: Path) -> None:
    first, second, site = tmp_path / "a", tmp_path / "b", tmp_path / "site"
    first.mkdir()
    (first / "index.html").write_text("pertama")
    swap_in(first, site)
    assert (site / "index.html").read_text() == "pertama" and not first.exists()
    second.mkdir()
    (second / "index.html").write_text("kedua")
    (tmp_path / ".site-lama").mkdir()  # left by a run that died between the two renames
    swap_in(second, site)
    assert (site / "index.html").read_text() == "kedua"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
