"""The public register's published contract: `ppid-register/1`, a JSON file of typed rows.

The relay writes it (forms.register, `/register.json`, `ppid register export`); the site
reads it here, from a file or a URL, and from nothing else: the site never opens the
relay's database. The command layer (ppid) writes `var/register.json` from the store
before a build on the same machine.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from site_builder.errors import PPIDError

FORMAT = "ppid-register/1"
# What `register: auto` reads: the file the command layer writes before a build.
LOCAL_FILE = Path("var") / "register.json"
NO_REGISTER = ("", "tidak", "none")


class RegisterError(PPIDError):
    """The register was named but cannot be read; the message says which and why."""


@dataclass(frozen=True)
class RegisterRow:
    """One anonymised record of the public register (never NIK, address, phone, e-mail)."""

    nomor: str
    jenis: str  # permohonan | keberatan
    diterima: str  # ISO date
    tahun: int
    bulan: int
    pemohon: str  # initials, or a badan hukum's name
    ringkasan: str
    permohonan: str | None  # the request an objection is about
    alasan_keberatan: tuple[str, ...]
    status: str
    keputusan: str | None
    dasar_penolakan: str | None
    tanggal_pemberitahuan: str | None  # ISO date of the written notice
    tenggat: str  # ISO date
    hari_kerja: int
    tepat_waktu: bool | None  # None while the request is still open and not yet late
    # an objection's dispute: its last step (terdaftar, mediasi, ajudikasi, putusan,
    # pengadilan) and that step's outcome; absent from registers written before it existed
    sengketa: str | None = None
    sengketa_hasil: str | None = None
    # a demonstration record (`ppid permohonan contoh`), not a real request: the register
    # pages say so; written only when true, absent (false) in every real office's register
    contoh: bool = False

    def as_json(self) -> dict[str, Any]:
        """The row as the JSON file holds it."""
        out = asdict(self)
        out["alasan_keberatan"] = list(self.alasan_keberatan)
        if not self.contoh:
            del out["contoh"]
        return out


_TYPES: dict[str, tuple[type, ...]] = {
    "tahun": (int,),
    "bulan": (int,),
    "hari_kerja": (int,),
    "alasan_keberatan": (list,),
    "permohonan": (str, type(None)),
    "keputusan": (str, type(None)),
    "dasar_penolakan": (str, type(None)),
    "tanggal_pemberitahuan": (str, type(None)),
    "tepat_waktu": (bool, type(None)),
    "sengketa": (str, type(None)),
    "sengketa_hasil": (str, type(None)),
    "contoh": (bool,),
}
_OPTIONAL = ("sengketa", "sengketa_hasil", "contoh")


def row_from_json(data: object, where: str) -> RegisterRow:
    """One row from its JSON object, or RegisterError naming the row and the field."""
    if not isinstance(data, dict):
        raise RegisterError(f"{where}: setiap baris register harus berupa objek")
    values: dict[str, Any] = {}
    for f in fields(RegisterRow):
        if f.name not in data and f.name in _OPTIONAL:
            continue
        if f.name not in data:
            raise RegisterError(f"{where}: kunci '{f.name}' tidak ada")
        value = data[f.name]
        allowed = _TYPES.get(f.name, (str,))
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            raise RegisterError(f"{where}: '{f.name}' bernilai {value!r}, jenisnya tidak sesuai")
        values[f.name] = tuple(str(v) for v in value) if isinstance(value, list) else value
    return RegisterRow(**values)


def parse(raw: bytes, where: str) -> list[RegisterRow]:
    """Every row of a `ppid-register/1` document, or RegisterError saying what is wrong."""
    try:
        doc = json.loads(raw)
    except ValueError as exc:
        raise RegisterError(f"{where}: bukan JSON register yang valid ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RegisterError(f"{where}: format register tidak dikenal (harus {FORMAT})")
    rows = doc.get("baris")
    if not isinstance(rows, list):
        raise RegisterError(f"{where}: 'baris' harus berupa daftar")
    return [row_from_json(r, f"{where}: baris {i}") for i, r in enumerate(rows, start=1)]


def dump(rows: list[RegisterRow], made: date) -> bytes:
    """The register as the JSON document the site reads."""
    doc = {"format": FORMAT, "dibuat": made.isoformat(), "baris": [r.as_json() for r in rows]}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def is_database(source: str) -> bool:
    """A database URL (sqlite:///…, postgresql+psycopg://…): only the command layer reads it."""
    return "://" in source and not source.startswith(("http://", "https://"))


def load(source: str, base: Path) -> list[RegisterRow] | None:
    """Register rows from a file or URL, or None when there is no register to show.

    `auto` is `var/register.json` when it exists (ppid build and ppid serve write it from
    the relay's database); `tidak` means no register.
    """
    if source in NO_REGISTER:
        return None
    if source == "auto":
        local = base / LOCAL_FILE
        return parse(_read_file(local), str(local)) if local.is_file() else None
    if is_database(source):
        raise RegisterError(
            f"register: {source.split('://')[0]}://… adalah basis data; "
            "bangun situs dengan 'ppid build' (yang menulis register dari "
            "basis data) atau tunjuk berkas dari 'ppid register export'"
        )
    if source.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(source, timeout=15) as answer:
                raw = answer.read()
        except (urllib.error.URLError, OSError) as exc:
            raise RegisterError(f"register tidak dapat diambil dari {source}: {exc}") from exc
        return parse(raw, source)
    return parse(_read_file(base / source), source)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RegisterError(f"{path}: berkas register tidak dapat dibaca ({exc.strerror})") from exc
