"""`build()`: every office's files fetched and read, the pages rendered, the search indexed,
the finished folder swapped in for the old one (a failed build leaves it as it was).

An office whose files cannot be had does not stop the build: each problem is a `Problem`
(a warning naming the office and the file), and the office is listed as stale (its last
good copy is shown, with the day it was fetched) or missing on the portal's
`status-data/` page.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from site_builder.clock import OfficeClock
from site_builder.dates import format_date
from site_builder.engine.generate import swap_in, write_files
from site_builder.errors import PPIDError
from site_builder.kantor import Kantor, Registry
from site_builder.nasional import read
from site_builder.nasional.fetch import (
    FILES,
    OPTIONAL,
    CacheError,
    Fetcher,
    is_address,
    source_of,
)
from site_builder.nasional.model import Catatan, DataKantor
from site_builder.problems import Problem, Severity

# A register written longer ago than this is not the office's register of today.
REGISTER_STALE_DAYS = 31
FETCH_THREADS = 16  # offices fetched at once: most of the time is waiting for answers


class PortalError(PPIDError):
    """The portal cannot be written where --out says; the message says why."""


@dataclass(frozen=True)
class Hasil:
    """What a build did: each office's data, every problem, the pages and entries written."""

    kantor: tuple[DataKantor, ...]
    problems: tuple[Problem, ...]
    halaman: int
    entri: int


def _parse(name: str, raw: bytes, source: str) -> Any:
    if name == "dip":
        return read.daftar(raw, "dip")
    if name == "dik":
        return read.daftar(raw, "dik")
    if name == "data":
        return read.katalog(raw)
    return read.register(raw, source)


def _set(data: DataKantor, name: str, value: Any) -> None:
    if name == "data":
        data.katalog = value
    else:
        setattr(data, name, value)


def collect(office: Kantor, fetcher: Fetcher, now: datetime) -> tuple[DataKantor, list[Problem]]:
    """One office's files, each read (or its last good copy), and what is wrong with them."""
    data = DataKantor(office)
    problems: list[Problem] = []
    who = f"kantor {office.kode}"
    clock = OfficeClock(office.zona_waktu)

    def warn(source: str, message: str) -> None:
        problems.append(
            Problem(source, 1, 1, who, f"{office.nama}: {message}", Severity.PERINGATAN)
        )

    folder = None if is_address(office.situs) else Path(office.situs)
    if folder is not None and not folder.is_dir():
        warn(office.situs, "folder situs kantor ini tidak ada")
        # the folder's path is this machine's business, not the public page's
        data.catatan.append(Catatan("tidak_ada", "folder", "Folder situs kantor ini tidak ada."))
        return data, problems
    down = False  # the office did not answer: its other files are not asked for
    for name, path in FILES.items():
        if down:
            _fall_back(data, fetcher, name)  # what went wrong is said once, for the office
            continue
        copy = fetcher.get(office.kode, office.situs, name)
        where, what = copy.source, path
        if copy.state == "baru":
            assert copy.raw is not None
            try:
                _set(data, name, _parse(name, copy.raw, copy.source))
            except read.FileInvalid as exc:
                reason = f"berkas {path} tidak valid: {exc}"
            else:
                fetcher.keep(office.kode, copy, now)
                continue
        elif copy.state == "tidak_ada":
            if name not in OPTIONAL:
                warn(copy.source, f"berkas {path} tidak ada")
                data.catatan.append(Catatan("tidak_ada", path, f"Berkas {path} tidak ada."))
            continue
        else:
            reason = copy.reason
            if is_address(office.situs):
                down = True
                where, what = office.situs, "situs"
        since = _fall_back(data, fetcher, name)
        if since is not None:
            text = f"{reason}; yang ditampilkan salinan terakhir, diambil {format_date(since)}"
            data.catatan.append(Catatan("tertinggal", what, _sentence(text) + "."))
        elif name in OPTIONAL and copy.state == "gagal":
            text = reason  # no DIK known of this office: nothing shown is stale
        else:
            text = f"{reason}; belum ada salinan"
            data.catatan.append(Catatan("tidak_ada", what, _sentence(text) + "."))
        warn(where, text)
    _check_age(data, clock.local(now).date(), warn)
    return data, problems


def _fall_back(data: DataKantor, fetcher: Fetcher, name: str) -> date | None:
    """Put the last good copy of a file in place; the day it was fetched (the office's
    date), or None when there is none."""
    kept = fetcher.last_good(data.kantor.kode, name)
    if kept is None:
        return None
    try:
        _set(data, name, _parse(name, kept.raw, kept.source))
    except read.FileInvalid:
        return None  # a cache edited by hand: as good as none
    return OfficeClock(data.kantor.zona_waktu).local(kept.diambil).date()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _check_age(data: DataKantor, today: date, warn: Callable[[str, str], None]) -> None:
    """The DIP of an earlier year, a register not written for a month: stale data."""
    office = data.kantor
    if data.dip is not None and data.dip.tahun < today.year:
        reason = (
            f"DIP yang terbit adalah DIP tahun {data.dip.tahun}; DIP tahun {today.year} belum ada"
        )
        warn(source_of(office.situs, "dip"), reason)
        data.catatan.append(Catatan("tertinggal", FILES["dip"], _sentence(reason) + "."))
    made = data.register.dibuat if data.register is not None else None
    if made is not None and today - made > timedelta(days=REGISTER_STALE_DAYS):
        reason = (
            f"register terakhir ditulis {format_date(made)}, "
            f"lebih dari {REGISTER_STALE_DAYS} hari lalu"
        )
        warn(source_of(office.situs, "register"), reason)
        data.catatan.append(Catatan("tertinggal", FILES["register"], _sentence(reason) + "."))


def collect_all(
    registry: Registry, fetcher: Fetcher, now: datetime
) -> tuple[list[DataKantor], list[Problem]]:
    """Every office's data in the registry's order, fetched several at a time."""
    with ThreadPoolExecutor(max_workers=max(1, min(FETCH_THREADS, len(registry.kantor)))) as pool:
        done = list(pool.map(lambda k: collect(k, fetcher, now), registry.kantor))
    problems = [p for _, found in done for p in found]
    return [d for d, _ in done], problems


def build(
    registry: Registry,
    out: Path,
    *,
    cache: Path | None,
    now: datetime | None = None,
    timeout: float | None = None,
) -> Hasil:
    """Build the national portal into `out` (replaced whole at the end)."""
    from site_builder.nasional import pages, search

    moment = now or datetime.now(UTC)
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(
                f"{cache}: folder salinan (--cache) tidak dapat dibuat ({exc.strerror or exc})"
            ) from exc
    fetcher = Fetcher(cache) if timeout is None else Fetcher(cache, timeout=timeout)
    offices, problems = collect_all(registry, fetcher, moment)
    files, records = pages.render(registry, offices, moment)
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise PortalError(
            f"{out}: folder portal (--out) tidak dapat ditulisi ({exc.strerror or exc})"
        ) from exc
    try:
        write_files(files, tmp)
        search.index(records, tmp)
        swap_in(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PortalError(
            f"{out}: portal tidak dapat ditulis ({exc.strerror or exc}); portal lama tetap"
        ) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    entries = sum(len(d.dip.entri) for d in offices if d.dip is not None)
    return Hasil(tuple(offices), tuple(problems), len(files), entries)
