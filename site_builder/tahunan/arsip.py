"""Immutable snapshots of past DIP editions: arsip/<tahun>/dip/ plus a SHA-256 manifest."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from site_builder.problems import Problem

MANIFEST = "MANIFEST.sha256"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def _manifest(dip_copy: Path) -> str:
    return "".join(
        f"{_digest(p)}  {p.relative_to(dip_copy.parent).as_posix()}\n" for p in _files(dip_copy)
    )


def snapshot(dip_dir: Path, arsip_dir: Path, tahun: int) -> bool:
    """Freeze dip/ as edition `tahun`; False when that snapshot already exists (never rewritten)."""
    target = arsip_dir / str(tahun)
    if (target / MANIFEST).is_file():
        return False
    arsip_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{tahun}-", dir=arsip_dir))
    try:
        shutil.copytree(dip_dir, tmp / "dip", ignore=shutil.ignore_patterns(".*"))
        (tmp / MANIFEST).write_text(_manifest(tmp / "dip"), encoding="utf-8")
        if target.exists():  # a half-made snapshot without its manifest: replace it
            shutil.rmtree(target)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return True


def editions(arsip_dir: Path) -> list[int]:
    """The archived edition years, newest first."""
    if not arsip_dir.is_dir():
        return []
    return sorted(
        (int(p.name) for p in arsip_dir.iterdir() if p.name.isdigit() and (p / MANIFEST).is_file()),
        reverse=True,
    )


def verify(arsip_dir: Path, display: str = "arsip") -> list[Problem]:
    """Every archived file that was changed, added or removed since its snapshot."""
    problems: list[Problem] = []
    for tahun in editions(arsip_dir):
        root = arsip_dir / str(tahun)
        expected: dict[str, str] = {}
        for line in (root / MANIFEST).read_text(encoding="utf-8").splitlines():
            digest, _, rel = line.partition("  ")
            expected[rel] = digest
        actual = {p.relative_to(root).as_posix(): _digest(p) for p in _files(root / "dip")}
        for rel in sorted(set(expected) | set(actual)):
            if expected.get(rel) == actual.get(rel):
                continue
            what = (
                "dihapus"
                if rel not in actual
                else "ditambahkan"
                if rel not in expected
                else "diubah"
            )
            problems.append(
                Problem(
                    f"{display}/{tahun}/{rel}",
                    1,
                    1,
                    "(arsip)",
                    f"arsip DIP {tahun} tidak boleh diubah, tetapi berkas ini "
                    f"{what}; kembalikan dari riwayat git",
                )
            )
    return problems
