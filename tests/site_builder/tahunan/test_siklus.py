"""The annual cycle on a copy of the small DIP: each stage, re-running it, and an interruption."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from site_builder.dip.loader import load
from site_builder.tahunan import siklus
from tests.support import DATA

BUKA_DAY = date(2027, 1, 4)
SK = ("1/PP.06-Kpt/3399/2027", date(2027, 1, 25), "Drs. Ahmad Fauzi, Sekretaris")


@pytest.fixture
def repo(tmp_path: Path) -> siklus.Layout:
    """A repository root holding a copy of the small DIP (edition 2026)."""
    shutil.copytree(DATA / "mini" / "dip", tmp_path / "dip")
    return siklus.Layout(tmp_path)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_buka_opens_the_next_edition(repo: siklus.Layout) -> None:
    out = siklus.buka(repo, 2027, BUKA_DAY, BUKA_DAY)
    office = yaml.safe_load((repo.dip / "badan-publik.yml").read_text())
    assert office["dip"]["tahun"] == 2026  # still in force until approved
    ed = office["edisi_baru"]
    assert ed["tahun"] == 2027 and ed["tahapan"] == "pengumpulan"
    # Jan 5 2027 is Isra Mikraj: five working days are Jan 4, 6, 7, 8 and 11
    assert ed["jadwal"]["pengumpulan"] == {"mulai": date(2027, 1, 4), "selesai": date(2027, 1, 11)}
    assert ed["jadwal"]["verifikasi"] == {"mulai": date(2027, 1, 12), "selesai": date(2027, 1, 18)}
    assert ed["jadwal"]["terbit"]["selesai"] == date(2027, 1, 27)
    assert "arsip/2026/" in out.ditulis
    kerja = repo.kerja(2027)
    assert sorted(p.name for p in (kerja / "daftar-kerja").iterdir()) == [
        "keuangan.md",
        "teknis.md",
    ]
    nota = (kerja / "nota-dinas" / "teknis.md").read_text()
    assert "NOTA DINAS" in nota and "paling lambat 11 Januari 2027" in nota
    assert "Kepala Sub Bagian Teknis Penyelenggaraan Pemilu" in nota
    assert (kerja / "nota-dinas" / "teknis.pdf").read_bytes().startswith(b"%PDF")
    result = load(repo.dip, BUKA_DAY)
    assert result.ok and result.catalogue is not None
    assert result.catalogue.office.edisi_baru is not None


def test_buka_twice_changes_nothing(repo: siklus.Layout) -> None:
    siklus.buka(repo, 2027, BUKA_DAY, BUKA_DAY)
    before = _snapshot(repo.root)
    out = siklus.buka(repo, 2027, date(2027, 1, 6), date(2027, 1, 6))  # a later re-run
    assert out.ditulis == [] or all(p.startswith("tahunan/2027/") for p in out.ditulis)
    after = _snapshot(repo.root)
    assert {k: v for k, v in after.items() if not k.startswith("tahunan/")} == {
        k: v for k, v in before.items() if not k.startswith("tahunan/")
    }
    again = siklus.buka(repo, 2027, date(2027, 1, 6), date(2027, 1, 6))
    assert again.ditulis == []


@pytest.mark.parametrize(
    ("tahun", "message"),
    [(2026, "DIP 2026 sudah ditetapkan"), (2028, "edisi berikutnya adalah 2027, bukan 2028")],
)
def test_buka_refuses_the_wrong_year(repo: siklus.Layout, tahun: int, message: str) -> None:
    with pytest.raises(siklus.StageError, match=message):
        siklus.buka(repo, tahun, BUKA_DAY, BUKA_DAY)
    assert not (repo.root / "arsip").exists()


def test_sahkan_approves_the_edition(repo: siklus.Layout) -> None:
    siklus.buka(repo, 2027, BUKA_DAY, BUKA_DAY)
    out = siklus.sahkan(repo, *SK, date(2027, 1, 26))
    result = load(repo.dip, date(2027, 1, 26))
    assert result.ok and result.catalogue is not None
    office = result.catalogue.office
    assert (office.dip.tahun, office.dip.nomor_sk) == (2027, SK[0])
    assert office.edisi_baru is None
    for entry in result.catalogue.entries:
        if entry.is_draft:
            assert entry.pengesahan is None and entry.tahun == 2026
        else:
            assert entry.tahun == 2027
            assert entry.pengesahan is not None and entry.pengesahan.nomor_sk == SK[0]
    kerja = repo.kerja(2027)
    sk_md = (kerja / "sk-penetapan-dip-2027.md").read_text()
    assert "PENETAPAN DAFTAR INFORMASI PUBLIK" in sk_md
    # two lists (UU KIP Pasal 11(1)(a)): the DIP without the exempted entry, then the DIK
    assert "Tahun 2027 sebanyak 3 informasi sebagaimana tercantum dalam Lampiran I" in sk_md
    assert "Dikecualikan KPU Kabupaten Uji Tahun 2027 sebanyak 1 informasi" in sk_md
    lampiran_1 = sk_md.index("LAMPIRAN I KEPUTUSAN NOMOR 1/PP.06-Kpt/3399/2027")
    lampiran_2 = sk_md.index("LAMPIRAN II KEPUTUSAN NOMOR 1/PP.06-Kpt/3399/2027")
    assert lampiran_1 < sk_md.index("DIPA Tahun Anggaran 2026") < lampiran_2
    assert sk_md.index("NIK dan nomor KK lengkap pemilih") > lampiran_2
    assert "PPID KPU Kabupaten Uji, dengan Keputusan Nomor 3/PP.06-Kpt/3399/2026" in sk_md
    assert (kerja / "sk-penetapan-dip-2027.pdf").read_bytes().startswith(b"%PDF")
    dip_xlsx = load_workbook(kerja / "sk-penetapan-dip-2027-lampiran.xlsx")["DIP"]
    dik_xlsx = load_workbook(kerja / "sk-penetapan-dip-2027-lampiran-dik.xlsx")["DIK"]
    assert (dip_xlsx.max_row, dik_xlsx.max_row) == (3 + 3, 3 + 1)
    assert dik_xlsx["B4"].value == "NIK dan nomor KK lengkap pemilih"
    assert any("jadwal-pilkada-ulang.yml (draf" in p for p in out.tetap)
    # the archive of 2026 still holds the edition as it was
    old = load(repo.arsip / "2026" / "dip", date(2027, 1, 26))
    assert old.catalogue is not None and old.catalogue.office.dip.tahun == 2026


def test_sahkan_twice_changes_nothing(repo: siklus.Layout) -> None:
    siklus.buka(repo, 2027, BUKA_DAY, BUKA_DAY)
    siklus.sahkan(repo, *SK, date(2027, 1, 26))
    before = _snapshot(repo.root)
    out = siklus.sahkan(repo, *SK, date(2027, 1, 27))
    assert out.ditulis == []
    assert _snapshot(repo.root) == before


def test_sahkan_interrupted_then_rerun(
    repo: siklus.Layout, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    siklus.buka(repo, 2027, BUKA_DAY, BUKA_DAY)
    reference = siklus.Layout(tmp_path / "ref")
    shutil.copytree(repo.root, reference.root, ignore=shutil.ignore_patterns("ref"))
    siklus.sahkan(reference, *SK, date(2027, 1, 26))

    real_write = siklus.Outcome.write

    def crash_on_office_file(
        self: siklus.Outcome, path: Path, content: str | bytes, base: Path
    ) -> None:
        if path.name == "badan-publik.yml":
            raise KeyboardInterrupt  # the process is stopped before its commit point
        real_write(self, path, content, base)

    monkeypatch.setattr(siklus.Outcome, "write", crash_on_office_file)
    with pytest.raises(KeyboardInterrupt):
        siklus.sahkan(repo, *SK, date(2027, 1, 26))
    half = load(repo.dip, date(2027, 1, 26))
    assert half.ok  # consistent: entries approved, edition not yet switched
    monkeypatch.undo()
    siklus.sahkan(repo, *SK, date(2027, 1, 26))
    done = {k: v for k, v in _snapshot(repo.root).items() if not k.startswith("ref/")}
    assert done == _snapshot(reference.root)


def test_sahkan_without_an_open_edition(repo: siklus.Layout) -> None:
    with pytest.raises(siklus.StageError, match="tidak ada edisi yang sedang disusun"):
        siklus.sahkan(repo, *SK, date(2027, 1, 26))


@pytest.mark.slow
def test_site_serves_both_editions(repo: siklus.Layout) -> None:
    from site_builder.engine.recipe import build_site

    root = Path(__file__).resolve().parents[3]
    shutil.copy(root / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(root / "docs", repo.root / "docs")
    # The site is built "today", so the whole cycle happens in the past: 2025 -> 2026.
    office = repo.dip / "badan-publik.yml"
    office.write_text(
        office.read_text().replace(
            'dip: {tahun: 2026, nomor_sk: "7/PP.06-Kpt/3399/2026", tanggal_penetapan: 2026-01-19}',
            'dip: {tahun: 2025, nomor_sk: "4/PP.06-Kpt/3399/2025", tanggal_penetapan: 2025-01-20}',
        )
    )
    today = date.today()
    siklus.buka(repo, 2026, today, today)
    siklus.sahkan(repo, "7/PP.06-Kpt/3399/2026", today, "Sekretaris", today)
    site = build_site(repo.root / "mkdocs.yml", repo.root / "site")
    current = (site / "dip" / "index.html").read_text(encoding="utf-8")
    assert "Daftar Informasi Publik Tahun 2026" in current
    archived = (site / "arsip" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "DIP Tahun 2025 (arsip)" in archived and "DIPA Tahun Anggaran 2026" in archived
    for name in ("dip.csv", "dip.xlsx", "dip.json", "dik.csv", "dik.xlsx", "dik.json"):
        assert (site / "arsip" / "2025" / name).stat().st_size > 0
    index = (site / "arsip" / "index.html").read_text(encoding="utf-8")
    assert "DIP 2026" in index and "DIP 2025" in index
    from site_builder.engine.tautan import check_site

    assert check_site(site) == []
