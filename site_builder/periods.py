"""The service's periods by class of information, read from one data file with their articles.

`site_builder/data/jangka-waktu.yml` is the bundled file (UU KIP's periods, and the election
class of Perki 1/2019 switched off until its text is verified); an office may point
PPID_JANGKA_WAKTU at its own copy. Every period is in working days (site_builder.calendar).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from site_builder.errors import PPIDError
from site_builder.yamldata import read_data

BUNDLED = Path(__file__).parent / "data" / "jangka-waktu.yml"
KEYS = {
    "pemberitahuan": "pemberitahuan tertulis atas permohonan",
    "perpanjangan": "perpanjangan jangka pemberitahuan (sekali)",
    "kelengkapan": "pemberitahuan dan pelengkapan persyaratan (masing-masing)",
    "keberatan": "pengajuan keberatan sejak alasannya muncul",
    "tanggapan_keberatan": "tanggapan atasan PPID atas keberatan",
    "sengketa": "pengajuan sengketa ke Komisi Informasi",
}


class PeriodsError(PPIDError):
    """The periods file is unusable, or a class asked for does not exist or is switched off."""


@dataclass(frozen=True)
class Jangka:
    """One period: how many working days, and the article that sets it."""

    hari: int
    dasar: str


@dataclass(frozen=True)
class Kelas:
    """One class of information and its periods."""

    kode: str
    nama: str
    aktif: bool
    jangka: dict[str, Jangka]

    def hari(self, key: str) -> int:
        """The working days of one period."""
        return self.jangka[key].hari

    def dasar(self, key: str) -> str:
        """The article that sets one period."""
        return self.jangka[key].dasar


@dataclass(frozen=True)
class Periods:
    """Every class of the file; `bawaan` is the one a request gets unless staff choose."""

    bawaan: str
    kelas: dict[str, Kelas]
    source: str

    def get(self, kode: str | None = None) -> Kelas:
        """A class that can be used for a request, or a clear refusal."""
        wanted = kode or self.bawaan
        found = self.kelas.get(wanted)
        if found is None:
            raise PeriodsError(
                f"kelas informasi '{wanted}' tidak dikenal; pilihan: {', '.join(self.active)}"
            )
        if not found.aktif:
            raise PeriodsError(
                f"kelas informasi '{wanted}' ({found.nama}) belum diaktifkan di {self.source}; "
                "lihat keterangannya di berkas itu"
            )
        return found

    def of(self, kode: str | None) -> Kelas:
        """The class a stored record names (also one switched off since), else the default."""
        return self.kelas.get(kode or "") or self.kelas[self.bawaan]

    @property
    def active(self) -> tuple[str, ...]:
        """The classes staff may choose."""
        return tuple(k for k, v in self.kelas.items() if v.aktif)


def load_periods(path: Path | None = None) -> Periods:
    """The periods file, checked; each problem names the key. By default the office's own
    file named by PPID_JANGKA_WAKTU, else the bundled one: the relay, the letters and the
    site's service-standards page all count with the same file."""
    own = os.environ.get("PPID_JANGKA_WAKTU")
    return _load(path or (Path(own) if own else BUNDLED))


@cache
def _load(path: Path) -> Periods:
    where = str(path)
    data = read_data(path, PeriodsError, "berkas jangka waktu")
    if not isinstance(data, dict) or not isinstance(data.get("kelas"), dict) or not data["kelas"]:
        raise PeriodsError(f"{where}: harus memuat 'kelas' berisi sedikitnya satu kelas")
    kelas = {str(k): _kelas(where, str(k), v) for k, v in data["kelas"].items()}
    bawaan = data.get("bawaan")
    if bawaan not in kelas or not kelas[str(bawaan)].aktif:
        raise PeriodsError(f"{where}: 'bawaan' harus nama kelas yang aktif ({', '.join(kelas)})")
    return Periods(str(bawaan), kelas, path.name)


def _kelas(where: str, kode: str, d: Any) -> Kelas:
    at = f"{where}: kelas.{kode}"
    if not isinstance(d, dict) or not isinstance(d.get("jangka"), dict):
        raise PeriodsError(f"{at}: harus memuat nama, aktif dan jangka")
    nama, aktif = d.get("nama"), d.get("aktif")
    if not isinstance(nama, str) or not nama.strip():
        raise PeriodsError(f"{at}.nama wajib diisi")
    if not isinstance(aktif, bool):
        raise PeriodsError(f"{at}.aktif harus true atau false")
    missing = [k for k in KEYS if k not in d["jangka"]]
    unknown = [str(k) for k in d["jangka"] if k not in KEYS]
    if missing or unknown:
        raise PeriodsError(
            f"{at}.jangka: "
            + "; ".join(
                ([f"kurang: {', '.join(missing)}"] if missing else [])
                + ([f"tidak dikenal: {', '.join(unknown)}"] if unknown else [])
            )
        )
    jangka = {}
    for key, value in d["jangka"].items():
        hari = value.get("hari") if isinstance(value, dict) else None
        dasar = value.get("dasar") if isinstance(value, dict) else None
        if not isinstance(hari, int) or isinstance(hari, bool) or not 1 <= hari <= 365:
            raise PeriodsError(f"{at}.jangka.{key}.hari harus bilangan bulat 1 sampai 365")
        if not isinstance(dasar, str) or not dasar.strip():
            raise PeriodsError(f"{at}.jangka.{key}.dasar (pasal yang menetapkan) wajib diisi")
        jangka[str(key)] = Jangka(hari, dasar.strip())
    return Kelas(kode, nama.strip(), aktif, jangka)
