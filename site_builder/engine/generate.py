"""Everything the builder adds to a site, as plain files: the same set the plugin adds in memory."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from site_builder.dip.model import Catalogue, Office
from site_builder.laporan import tahunan as laporan
from site_builder.laporan.tahunan import Narasi
from site_builder.register import RegisterRow
from site_builder.render import pages as render

DOWNLOAD_NAMES = (
    *(f"unduh/{daftar}.{ext}" for daftar in ("dip", "dik") for ext in ("csv", "xlsx", "json")),
    "data.json",
)
# The DIP and the Daftar Informasi yang Dikecualikan of an archived edition.
ARCHIVE_NAMES = tuple(
    f"{daftar}.{ext}" for daftar in ("dip", "dik") for ext in ("csv", "xlsx", "json")
)


def pages(
    catalogue: Catalogue,
    opts: render.RenderOptions,
    archives: Mapping[int, Catalogue] | None = None,
    register: list[RegisterRow] | None = None,
    reports: Mapping[int, Narasi] | None = None,
) -> dict[str, str | bytes]:
    """The generated pages and the builder's assets, by path under docs/."""
    out: dict[str, str | bytes] = {}
    out.update(render.render_pages(catalogue, opts, archives, register, reports))
    out.update(render.assets())
    return out


def downloads(
    catalogue: Catalogue,
    opts: render.RenderOptions,
    site_url: str = "",
    archives: Mapping[int, Catalogue] | None = None,
    register: list[RegisterRow] | None = None,
    reports: Mapping[int, Narasi] | None = None,
) -> dict[str, bytes]:
    """The download files of the edition in force, every archived edition, and the PDF of
    every annual report the site publishes."""
    from site_builder.render import exports  # openpyxl: imported where the downloads are made

    base_url = site_url.rstrip("/")
    out = exports.exports(catalogue, pratinjau=opts.pratinjau, base_url=base_url)
    for tahun, old in (archives or {}).items():
        files = exports.exports(old, base_url=base_url)
        for name in ARCHIVE_NAMES:
            out[f"arsip/{tahun}/{name}"] = files[f"unduh/{name}"]
    for tahun, doc in render.annual_reports(catalogue, register, reports, opts.today).items():
        out[f"unduh/laporan-tahunan-{tahun}.pdf"] = laporan.pdf(doc)
    for tahun, semester in render.semesters(register, opts.today):
        out[f"unduh/ringkasan-{tahun}-{semester}.pdf"] = laporan.pdf(
            laporan.ringkasan(register or [], tahun, semester, catalogue.office, opts.today)
        )
    return out


def generated(
    catalogue: Catalogue,
    opts: render.RenderOptions,
    site_url: str = "",
    archives: Mapping[int, Catalogue] | None = None,
    register: list[RegisterRow] | None = None,
    reports: Mapping[int, Narasi] | None = None,
) -> dict[str, str | bytes]:
    """Every generated file of the site (pages, downloads, assets), by its path under docs/."""
    out = pages(catalogue, opts, archives, register, reports)
    out.update(downloads(catalogue, opts, site_url, archives, register, reports))
    return out


def write_tree(files: dict[str, str | bytes], out_dir: Path, docs_dir: Path | None = None) -> int:
    """Write the files (plus the hand-written docs) into `out_dir`, replacing it whole.

    The tree is written next to `out_dir` first and swapped in at the end, so an
    interrupted run never leaves a half-written folder behind.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        if docs_dir is not None and docs_dir.is_dir():
            shutil.copytree(docs_dir, tmp, dirs_exist_ok=True)
        write_files(files, tmp)
        swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return len(files)


def write_files(files: Mapping[str, str | bytes], folder: Path) -> None:
    """Each file of `files` (path relative to folder: text as UTF-8, or bytes) into folder."""
    for rel, content in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` with the finished folder `new` (old one removed after the swap)."""
    old = target.with_name(f".{target.name}-lama")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def footer_of(office: Office) -> dict[str, str]:
    """What the footer of every page shows (theme/partials/copyright.html reads it from
    config.extra.ppid_kantor): the office's own name and contacts, whichever engine builds."""
    return {
        "nama": office.nama,
        "alamat": office.alamat,
        "telepon": office.telepon,
        "email": office.email,
    }
