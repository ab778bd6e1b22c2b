"""What the portal has of each office: the files read, and why some are stale or missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from site_builder.kantor import Kantor
from site_builder.nasional import read


@dataclass(frozen=True)
class Catatan:
    """Why an office's data is stale or missing, in Indonesian, with the file concerned."""

    jenis: Literal["tertinggal", "tidak_ada"]
    berkas: str  # the file's path on the office's site (unduh/dip.json ...)
    alasan: str


@dataclass
class DataKantor:
    """What the portal has of one office."""

    kantor: Kantor
    dip: read.Daftar | None = None
    dik: read.Daftar | None = None
    katalog: tuple[dict[str, Any], ...] = ()
    register: read.Register | None = None
    catatan: list[Catatan] = field(default_factory=list)

    @property
    def status(self) -> Literal["lengkap", "tertinggal", "tidak_ada"]:
        """`tidak_ada` when a file is missing, else `tertinggal` when one is stale."""
        kinds = {c.jenis for c in self.catatan}
        if "tidak_ada" in kinds:
            return "tidak_ada"
        return "tertinggal" if kinds else "lengkap"
