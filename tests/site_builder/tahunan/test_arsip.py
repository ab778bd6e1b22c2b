"""Archived editions are frozen: written once, and any change is an error."""

from __future__ import annotations

from pathlib import Path

from site_builder.tahunan import arsip


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
