"""Checks that span documents or need today's date: slugs, dates, expiring exemptions, and
who set each exemption against the office's level (site_builder/dip/penetap.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from site_builder.dates import format_date
from site_builder.dip import penetap
from site_builder.dip.yamlfile import DocPath, YamlDoc, dotted
from site_builder.dokumen.gambar import unreadable
from site_builder.problems import Problem, Severity

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_ENTRY_DATES: tuple[DocPath, ...] = (
    ("waktu_pembuatan",),
    ("diperbarui",),
    ("uji_konsekuensi", "tanggal_uji"),
)
_OFFICE_DATES: tuple[DocPath, ...] = (("dip", "tanggal_penetapan"),)


def cross_checks(
    docs: Sequence[tuple[str, YamlDoc, bool]],
    office_doc: YamlDoc | None,
    today: date,
) -> list[Problem]:
    """Every problem that no single document's schema can see.

    `docs` holds every entry file that parsed, valid or not, so that a file with a typo still
    gets its other problems reported in the same round.
    """
    problems = _slugs([doc for _, doc, _ in docs])
    for _, doc, _ in docs:
        problems += _future_dates(doc, _ENTRY_DATES, today)
    if office_doc is not None:
        problems += _future_dates(office_doc, _OFFICE_DATES, today)
    for _, doc, valid in docs:
        if valid:
            problems += _expired(doc, today)
    problems += penetap.check(docs, office_doc)
    return problems


def _slugs(docs: Sequence[YamlDoc]) -> list[Problem]:
    out: list[Problem] = []
    by_slug: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        slug = Path(doc.path).stem
        by_slug[slug].append(doc.path)
        if not SLUG.fullmatch(slug):
            out.append(
                Problem(
                    doc.path,
                    1,
                    1,
                    "(nama berkas)",
                    f"nama berkas '{slug}' menjadi alamat halaman; pakai huruf kecil, "
                    "angka dan tanda hubung saja (contoh: laporan-keuangan-2026.yml)",
                )
            )
    for slug, paths in by_slug.items():
        for path in paths[1:] if len(paths) > 1 else ():
            out.append(
                Problem(
                    path,
                    1,
                    1,
                    "(nama berkas)",
                    f"slug '{slug}' sudah dipakai oleh {paths[0]}; slug harus unik di "
                    "seluruh DIP karena menjadi alamat permanen entri",
                )
            )
    return out


def _day(value: object) -> object:
    """A date written with a time of day (2027-01-01 08:00) counts as its day."""
    return value.date() if isinstance(value, datetime) else value


def _future_dates(doc: YamlDoc, paths: Sequence[DocPath], today: date) -> list[Problem]:
    out = []
    for path in paths:
        value = _day(_get(doc.data, path))
        future = (isinstance(value, date) and value > today) or (
            isinstance(value, int) and not isinstance(value, bool) and value > today.year
        )
        if future:
            line, col = doc.locate(path)
            shown = format_date(value) if isinstance(value, date) else str(value)
            out.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    dotted(path),
                    f"{shown} ada di masa depan (hari ini {format_date(today)}); "
                    "periksa kembali tanggalnya",
                )
            )
    return out


def _expired(doc: YamlDoc, today: date) -> list[Problem]:
    path = ("uji_konsekuensi", "berlaku_sampai")
    until = _day(_get(doc.data, path))
    if not isinstance(until, date) or until >= today:
        return []
    line, col = doc.locate(path)
    return [
        Problem(
            doc.path,
            line,
            col,
            dotted(path),
            f"pengecualian '{doc.data['judul']}' ({Path(doc.path).stem}) berakhir pada "
            f"{format_date(until)}; lakukan uji konsekuensi ulang atau "
            "buka kembali informasinya",
            Severity.PERINGATAN,
        )
    ]


def _get(data: Any, path: DocPath) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def logo(office_doc: YamlDoc, office_file: Path) -> list[Problem]:
    """The letterhead's `logo`: a PNG file in the dip/ folder itself, beside badan-publik.yml.

    Only PNG: the letters' PDF (reportlab) and DOCX (python-docx) both embed a PNG as it is;
    an SVG would need a renderer this kit does not install, so it is refused with the way out.
    The file is decoded whole, so that a truncated one is found here and not half-way
    through a letter. In dip/ itself because the yearly archive (site_builder.tahunan.arsip)
    keeps dip/ only, and a subfolder of dip/ is a unit.
    """
    value = office_doc.data.get("logo") if isinstance(office_doc.data, dict) else None
    if not isinstance(value, str) or not value.strip():
        return []
    line, col = office_doc.locate(("logo",))

    def problem(message: str) -> list[Problem]:
        return [Problem(office_doc.path, line, col, "logo", message)]

    folder = office_file.parent.resolve()
    path = (office_file.parent / value).resolve()
    if path.parent != folder:
        return problem(
            f"logo '{value}' harus berada langsung di folder dip/ (di samping "
            "badan-publik.yml, yang ikut diarsipkan tiap tahun); pindahkan berkasnya ke "
            "sana dan tulis namanya saja (contoh: logo.png)"
        )
    if not path.is_file():
        return problem(
            f"berkas logo '{value}' tidak ditemukan; tulis path-nya relatif terhadap folder "
            "badan-publik.yml (contoh: logo.png)"
        )
    if path.suffix.lower() == ".svg":
        return problem(
            f"logo '{value}' berformat SVG; kop surat memerlukan PNG: ekspor logo sebagai PNG "
            "(sedikitnya 300 piksel tingginya) lalu tulis nama berkas PNG itu"
        )
    with path.open("rb") as f:
        head = f.read(len(_PNG_MAGIC))
    if path.suffix.lower() != ".png" or head != _PNG_MAGIC:
        return problem(f"logo '{value}' bukan berkas PNG; kop surat memerlukan logo PNG")
    reason = unreadable(path)
    if reason is not None:
        return problem(
            f"logo '{value}' tidak dapat dipakai untuk kop surat: {reason}; ekspor ulang "
            "logonya sebagai PNG"
        )
    return []
