"""Text edits of YAML blocks keep everything else, and writes are atomic."""

from __future__ import annotations

from pathlib import Path

import yaml

from site_builder.files import get_block, set_block, write_atomic

TEXT = """# Profil badan publik
nama: KPU Kabupaten Uji   # jangan diubah
dip: {tahun: 2026, nomor_sk: "1", tanggal_penetapan: 2026-01-19}
edisi_baru:
  tahun: 2027
  # komentar di dalam blok
  tahapan: pengumpulan
maklumat: |
  Kami siap melayani.
"""


def test_replace_block_keeps_the_rest() -> None:
    out = set_block(TEXT, "edisi_baru", "edisi_baru:\n  tahun: 2027\n  tahapan: verifikasi")
    assert "# Profil badan publik" in out and "# jangan diubah" in out
    assert yaml.safe_load(out)["edisi_baru"] == {"tahun": 2027, "tahapan": "verifikasi"}
    assert yaml.safe_load(out)["maklumat"] == "Kami siap melayani.\n"


def test_remove_and_append_block() -> None:
    removed = set_block(TEXT, "edisi_baru", None)
    assert "edisi_baru" not in yaml.safe_load(removed)
    assert get_block(removed, "edisi_baru") is None
    added = set_block(removed, "peninjau", "peninjau: ['@ppid']")
    assert yaml.safe_load(added)["peninjau"] == ["@ppid"]
    assert set_block(added, "peninjau", "peninjau: ['@ppid']") == added  # idempotent


def test_flow_block_on_one_line() -> None:
    out = set_block(TEXT, "dip", 'dip: {tahun: 2027, nomor_sk: "9", tanggal_penetapan: 2027-01-25}')
    assert yaml.safe_load(out)["dip"]["tahun"] == 2027
    assert yaml.safe_load(out)["edisi_baru"]["tahun"] == 2027


def test_write_atomic_reports_change(tmp_path: Path) -> None:
    f = tmp_path / "a" / "b.txt"
    assert write_atomic(f, "satu") is True
    assert write_atomic(f, "satu") is False
    assert write_atomic(f, b"dua") is True
    assert f.read_text() == "dua"
    assert [p.name for p in f.parent.iterdir()] == ["b.txt"]  # no temporary file left
