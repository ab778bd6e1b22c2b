"""CODEOWNERS from each unit's reviewers: a change to a unit's entries needs that unit's review."""

from __future__ import annotations

from pathlib import Path

from site_builder.dip.model import Catalogue
from site_builder.problems import Problem

HEADER = (
    "# Dibangkitkan oleh 'ppid codeowners' dari 'peninjau' di dip/*/unit.yml dan\n"
    "# dip/badan-publik.yml. Jangan diubah manual: ubah peninjau lalu jalankan perintah itu.\n"
)


def render(catalogue: Catalogue, dip_name: str = "dip") -> str:
    """The CODEOWNERS file for this DIP."""
    lines = [HEADER]
    if catalogue.office.peninjau:
        lines.append(f"/{dip_name}/badan-publik.yml {' '.join(catalogue.office.peninjau)}\n")
    for unit in catalogue.units:
        lines.append(f"/{dip_name}/{unit.slug}/ {' '.join(unit.peninjau)}\n")
    return "".join(lines)


def path_for(repo_root: Path) -> Path:
    """Where GitHub reads it."""
    return repo_root / ".github" / "CODEOWNERS"


def check(catalogue: Catalogue, repo_root: Path, dip_name: str = "dip") -> list[Problem]:
    """A problem when the repository uses GitHub (.github/) and its CODEOWNERS is stale."""
    if not (repo_root / ".github").is_dir():
        return []
    target = path_for(repo_root)
    shown = ".github/CODEOWNERS"
    if not target.is_file():
        return [
            Problem(
                shown,
                1,
                1,
                "(berkas)",
                "CODEOWNERS belum ada; jalankan 'ppid codeowners' lalu commit hasilnya",
            )
        ]
    if target.read_text(encoding="utf-8") != render(catalogue, dip_name):
        return [
            Problem(
                shown,
                1,
                1,
                "(berkas)",
                "CODEOWNERS tidak sesuai dengan peninjau di "
                "unit.yml; jalankan 'ppid codeowners' lalu "
                "commit hasilnya",
            )
        ]
    return []
