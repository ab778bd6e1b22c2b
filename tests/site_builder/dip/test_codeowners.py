"""CODEOWNERS from the reviewers: one line per unit, and `ppid check`'s problem when stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.dip import codeowners
from site_builder.dip.loader import load
from site_builder.dip.model import Catalogue
from tests.support import DATA, TODAY


def test_one_line_per_unit_with_its_reviewers(mini_catalogue: Catalogue) -> None:
    text = codeowners.render(mini_catalogue)
    assert text.startswith("# Dibangkitkan oleh 'ppid codeowners'")
    rules = [line for line in text.splitlines() if not line.startswith("#")]
    assert rules == ["/dip/keuangan/ @kpu-uji/keuangan", "/dip/teknis/ @yusuf-h @kpu-uji/teknis"]


def test_the_office_profile_has_its_own_reviewers(catalogue: Catalogue) -> None:
    rules = codeowners.render(catalogue, "data").splitlines()
    assert "/data/badan-publik.yml @kpu-contoh/ppid @rina-wulandari" in rules
    assert all(r.startswith(("#", "/data/")) for r in rules)  # the DIP folder's own name


def test_github_reads_it_from_dot_github(tmp_path: Path) -> None:
    assert codeowners.path_for(tmp_path) == tmp_path / ".github" / "CODEOWNERS"


def test_a_repository_without_github_is_not_checked(
    tmp_path: Path, mini_catalogue: Catalogue
) -> None:
    assert codeowners.check(mini_catalogue, tmp_path) == []


def test_missing_stale_and_current(tmp_path: Path, mini_catalogue: Catalogue) -> None:
    (tmp_path / ".github").mkdir()
    [missing] = codeowners.check(mini_catalogue, tmp_path)
    assert str(missing) == (
        ".github/CODEOWNERS:1:1: (berkas): CODEOWNERS belum ada; jalankan 'ppid codeowners' "
        "lalu commit hasilnya"
    )
    target = codeowners.path_for(tmp_path)
    target.write_text(codeowners.render(mini_catalogue).replace(" @yusuf-h", ""))
    [stale] = codeowners.check(mini_catalogue, tmp_path)
    assert stale.is_error
    assert "CODEOWNERS tidak sesuai dengan peninjau di unit.yml" in str(stale)
    target.write_text(codeowners.render(mini_catalogue), encoding="utf-8")
    assert codeowners.check(mini_catalogue, tmp_path) == []
    # the file written for a DIP folder with another name is stale for this one
    target.write_text(codeowners.render(mini_catalogue, "data"), encoding="utf-8")
    assert len(codeowners.check(mini_catalogue, tmp_path)) == 1


def test_reviewers_written_without_the_at_sign_get_it(tmp_path: Path) -> None:
    root = tmp_path / "dip"
    shutil.copytree(DATA / "mini" / "dip", root)
    unit = root / "keuangan" / "unit.yml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(
        text[: text.index("peninjau:")] + "peninjau: [budi, '@ani', kpu-uji/keuangan]\n"
    )
    office = root / "badan-publik.yml"
    office.write_text(office.read_text(encoding="utf-8") + "peninjau: [rina]\n")
    result = load(root, TODAY)
    assert result.ok and result.catalogue is not None, [str(p) for p in result.problems]
    rules = codeowners.render(result.catalogue).splitlines()
    assert "/dip/badan-publik.yml @rina" in rules
    assert "/dip/keuangan/ @budi @ani @kpu-uji/keuangan" in rules
