"""Each unit's worklist names exactly what it must do for the new edition."""

from __future__ import annotations

from datetime import date

from site_builder.dip.model import Catalogue
from site_builder.tahunan.daftar_kerja import as_markdown, worklist


def test_worklist_items(mini_catalogue: Catalogue) -> None:
    teknis = mini_catalogue.unit_by_slug["teknis"]
    wl = worklist(mini_catalogue, teknis, 2027, date(2027, 1, 4))
    kinds = [(i.jenis, i.entry.slug if i.entry else None) for i in wl.items]
    assert ("draf", "jadwal-pilkada-ulang") in kinds
    assert ("tinjau", "nik-pemilih") in kinds
    assert ("tinjau", "tps-banjir") in kinds
    assert ("kategori", None) in kinds  # teknis has no setiap_saat entry
    assert not any(k == "berkala" for k, _ in kinds)  # its berkala entry is recent enough


def test_stale_berkala_entry(mini_catalogue: Catalogue) -> None:
    keuangan = mini_catalogue.unit_by_slug["keuangan"]
    wl = worklist(mini_catalogue, keuangan, 2027, date(2027, 3, 1))
    berkala = [i for i in wl.items if i.jenis == "berkala"]
    assert [i.entry.slug for i in berkala if i.entry] == ["dipa-2026"]
    assert "lebih dari enam bulan (terakhir 15 Juli 2026)" in berkala[0].uraian


def test_markdown_checklist(mini_catalogue: Catalogue) -> None:
    unit = mini_catalogue.unit_by_slug["keuangan"]
    text = as_markdown(worklist(mini_catalogue, unit, 2027, date(2027, 1, 4)), date(2027, 1, 8))
    assert text.startswith("# Daftar kerja pemutakhiran DIP 2027: Sub Bagian Keuangan")
    assert "Batas waktu penyampaian: **8 Januari 2027**." in text
    assert "- [ ] `dip/keuangan/dipa-2026.yml` (DIPA Tahun Anggaran 2026): belum ditinjau" in text
