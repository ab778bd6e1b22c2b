"""Archived editions are frozen: written once, and any change is an error."""

from __future__ import annotations

from pathlib import Path

from site_builder.dip.loader import load
from site_builder.engine.generate import generated
from site_builder.engine.recipe import load_archives
from site_builder.render.pages import RenderOptions
from site_builder.tahunan import arsip
from tests.support import TODAY


def test_snapshot_once_and_verify(dip_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "arsip"
    assert arsip.snapshot(dip_copy, root, 2026) is True
    assert arsip.editions(root) == [2026]
    assert (root / "2026" / "dip" / "keuangan" / "dipa-2026.yml").is_file()
    assert arsip.verify(root) == []
    (dip_copy / "keuangan" / "dipa-2026.yml").write_text("judul: baru\n")
    assert arsip.snapshot(dip_copy, root, 2026) is False  # never rewritten
    assert "judul: baru" not in (root / "2026" / "dip" / "keuangan" / "dipa-2026.yml").read_text()


def test_changes_to_an_archive_are_reported(dip_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "arsip"
    arsip.snapshot(dip_copy, root, 2026)
    (root / "2026" / "dip" / "keuangan" / "dipa-2026.yml").write_text("judul: diubah\n")
    (root / "2026" / "dip" / "teknis" / "tps-banjir.yml").unlink()
    (root / "2026" / "dip" / "teknis" / "baru.yml").write_text("judul: x\n")
    assert [(p.path, p.message.split(", tetapi ")[1]) for p in arsip.verify(root)] == [
        ("arsip/2026/dip/keuangan/dipa-2026.yml", "berkas ini diubah; kembalikan dari riwayat git"),
        ("arsip/2026/dip/teknis/baru.yml", "berkas ini ditambahkan; kembalikan dari riwayat git"),
        ("arsip/2026/dip/teknis/tps-banjir.yml", "berkas ini dihapus; kembalikan dari riwayat git"),
    ]


def test_half_made_snapshot_is_replaced(dip_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "arsip"
    (root / "2026" / "dip").mkdir(parents=True)  # interrupted before the manifest
    assert arsip.editions(root) == []
    assert arsip.snapshot(dip_copy, root, 2026) is True
    assert arsip.verify(root) == []


def _with_logo(dip: Path, value: str, where: Path) -> None:
    demo = Path(__file__).resolve().parents[3] / "dip" / "logo-contoh.png"
    where.write_bytes(demo.read_bytes())
    office = dip / "badan-publik.yml"
    office.write_text(office.read_text(encoding="utf-8") + f"logo: {value}\n", encoding="utf-8")


def test_an_archived_edition_with_its_logo_loads_and_the_site_builds(
    dip_copy: Path, tmp_path: Path
) -> None:
    _with_logo(dip_copy, "logo.png", dip_copy / "logo.png")
    current = load(dip_copy, TODAY)
    assert current.catalogue is not None and current.ok
    root = tmp_path / "arsip"
    arsip.snapshot(dip_copy, root, 2025)
    assert (root / "2025" / "dip" / "logo.png").is_file()  # the logo sits in dip/, kept
    archives = load_archives(root)
    assert archives[2025].office.logo == (root / "2025" / "dip" / "logo.png").resolve()
    files = generated(current.catalogue, RenderOptions(today=TODAY), archives=archives)
    assert "arsip/2025/dip.xlsx" in files and "arsip/2025/index.md" in files


def test_an_archive_whose_logo_was_outside_dip_still_loads(dip_copy: Path, tmp_path: Path) -> None:
    # made before the logo had to sit in dip/: the archive names a file it never held
    root = tmp_path / "arsip"
    _with_logo(dip_copy, "../logo.png", tmp_path / "logo.png")
    arsip.snapshot(dip_copy, root, 2025)
    assert not (root / "2025" / "logo.png").exists()
    assert not load(dip_copy, TODAY).ok  # today's edition must move it into dip/
    assert list(load_archives(root)) == [2025]  # an archived edition prints no letter
