"""The four files an office publishes, read as `site_builder/render/exports.py` and
`site_builder/register.py` write them.

`dip.json` and `dik.json` are one shape (`badan_publik`, the edition under `dip` or `dik`,
`jumlah`, `entri`); `data.json` is a Project Open Data v1.1 catalogue; `register.json` is
`ppid-register/1`, read by the contract's own `parse()`. Only what the portal shows is
taken, and each of it is checked: a file that does not hold it raises `FileInvalid` with
the reason (the caller names the office and the file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from site_builder import register as contract
from site_builder.dip.model import KATEGORI
from site_builder.errors import PPIDError
from site_builder.register import RegisterRow
from site_builder.text import clean, is_text


class FileInvalid(PPIDError):
    """A published file does not hold what its format says; the message says what."""


@dataclass(frozen=True)
class Entri:
    """One entry of an office's DIP or DIK, as the portal shows it."""

    nomor: int
    slug: str
    unit: str
    url: str  # its page on the office's site, absolute or root-relative
    judul: str
    ringkasan: str
    kategori: str
    tahun: int
    diperbarui: date


@dataclass(frozen=True)
class Daftar:
    """An office's DIP (or DIK) edition and its entries."""

    nama: str  # badan_publik.nama
    tahun: int
    nomor_sk: str
    tanggal_penetapan: date
    entri: tuple[Entri, ...]


def _json(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileInvalid(f"bukan teks UTF-8 (bita ke-{exc.start + 1})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileInvalid(
            f"bukan JSON yang valid (baris {exc.lineno} kolom {exc.colno}: {exc.msg})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise FileInvalid(f"bukan JSON yang valid ({exc})") from exc


def _text(data: dict[str, Any], key: str, where: str, *, empty: bool = False) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not is_text(value) or (not empty and not value.strip()):
        shown = "tidak ada" if key not in data else "bukan teks"
        if key in data and isinstance(value, str) and not value.strip():
            shown = "kosong"
        raise FileInvalid(f"{where}'{key}' {shown}")
    return clean(value).strip()


def _int(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise FileInvalid(f"{where}'{key}' {'tidak ada' if key not in data else 'bukan bilangan'}")
    return value


def _date(data: dict[str, Any], key: str, where: str) -> date:
    text = _text(data, key, where)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise FileInvalid(f"{where}'{key}' bernilai '{text}', bukan tanggal (TTTT-BB-HH)") from exc


def _url(data: dict[str, Any], where: str) -> str:
    url = _text(data, "url", where)
    # only a page address: never javascript: or data:, which a link would run
    if not (url.startswith(("https://", "http://")) or url.startswith("/")) or any(
        c.isspace() for c in url
    ):
        raise FileInvalid(f"{where}'url' bernilai '{url}', bukan alamat halaman")
    return url


def _entri(i: int, data: object, kategori: tuple[str, ...]) -> Entri:
    where = f"entri {i}: "
    if not isinstance(data, dict):
        raise FileInvalid(f"entri {i} bukan objek")
    value = _text(data, "kategori", where)
    if value not in kategori:
        raise FileInvalid(
            f"{where}'kategori' bernilai '{value}'; harus salah satu dari {', '.join(kategori)}"
        )
    return Entri(
        nomor=_int(data, "nomor", where),
        slug=_text(data, "slug", where),
        unit=_text(data, "unit", where),
        url=_url(data, where),
        judul=_text(data, "judul", where),
        ringkasan=_text(data, "ringkasan", where, empty=True),
        kategori=value,
        tahun=_int(data, "tahun", where),
        diperbarui=_date(data, "diperbarui", where),
    )


def daftar(raw: bytes, key: str) -> Daftar:
    """An office's `dip.json` (key `dip`) or `dik.json` (key `dik`)."""
    doc = _json(raw)
    if not isinstance(doc, dict):
        raise FileInvalid("isinya harus objek JSON dengan 'badan_publik', 'entri' ...")
    office = doc.get("badan_publik")
    if not isinstance(office, dict):
        raise FileInvalid("'badan_publik' tidak ada")
    edition = doc.get(key)
    if not isinstance(edition, dict):
        raise FileInvalid(f"'{key}' (tahun, nomor SK, tanggal penetapan) tidak ada")
    entries = doc.get("entri")
    if not isinstance(entries, list):
        raise FileInvalid("'entri' harus berupa daftar")
    allowed = (
        ("dikecualikan",) if key == "dik" else tuple(k for k in KATEGORI if k != "dikecualikan")
    )
    out = tuple(_entri(i, e, allowed) for i, e in enumerate(entries, start=1))
    jumlah = doc.get("jumlah")
    if jumlah != len(out):
        raise FileInvalid(f"'jumlah' bernilai {jumlah!r}, padahal ada {len(out)} entri")
    where = f"{key}: "
    return Daftar(
        nama=_text(office, "nama", "badan_publik: "),
        tahun=_int(edition, "tahun", where),
        nomor_sk=_text(edition, "nomor_sk", where, empty=True),
        tanggal_penetapan=_date(edition, "tanggal_penetapan", where),
        entri=out,
    )


def katalog(raw: bytes) -> tuple[dict[str, Any], ...]:
    """The datasets of an office's `data.json` (Project Open Data v1.1)."""
    doc = _json(raw)
    if not isinstance(doc, dict) or doc.get("@type") != "dcat:Catalog":
        raise FileInvalid("bukan katalog Project Open Data ('@type' harus dcat:Catalog)")
    datasets = doc.get("dataset")
    if not isinstance(datasets, list):
        raise FileInvalid("'dataset' harus berupa daftar")
    for i, item in enumerate(datasets, start=1):
        if not isinstance(item, dict) or item.get("@type") != "dcat:Dataset":
            raise FileInvalid(f"dataset {i} bukan dcat:Dataset")
        for key in ("title", "identifier"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise FileInvalid(f"dataset {i}: '{key}' tidak ada")
    return tuple(datasets)


@dataclass(frozen=True)
class Register:
    """An office's public register: its rows and the day it was written."""

    baris: tuple[RegisterRow, ...]
    dibuat: date | None


def register(raw: bytes, where: str) -> Register:
    """An office's `register.json` (ppid-register/1), its rows by the contract's parse()."""
    doc = _json(raw)  # its JSON checked here first: nesting too deep is a message too
    try:
        rows = contract.parse(raw, where)
    except contract.RegisterError as exc:
        raise FileInvalid(str(exc).removeprefix(f"{where}: ")) from exc
    made = doc.get("dibuat")  # a dict: parse() has checked it
    try:
        dibuat = date.fromisoformat(made) if isinstance(made, str) else None
    except ValueError as exc:
        raise FileInvalid(f"'dibuat' bernilai '{made}', bukan tanggal (TTTT-BB-HH)") from exc
    return Register(tuple(rows), dibuat)
