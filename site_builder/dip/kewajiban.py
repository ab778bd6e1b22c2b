"""What a DIP must hold: the mandatory items of UU 14/2008 Pasal 9-11, Perki 1/2021 and, for
election bodies, Perki 1/2019, read from one data file, and which entries fulfil each.

`site_builder/data/kewajiban-dip.yml` is the bundled file; an office may point PPID_KEWAJIBAN
at its own copy. An entry names the items it fulfils (`kewajiban: [berkala.profil]`); an item
counts as fulfilled only by an approved entry (a draft does not) of one of the categories its
group allows. Every problem of the file itself is a `Problem` with its line and column.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from site_builder.dip.model import JENIS_BADAN, KATEGORI, Catalogue, Entry
from site_builder.dip.yamlfile import DocPath, YamlDoc, dotted, read_yaml
from site_builder.errors import PPIDError
from site_builder.problems import Problem, Severity

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "kewajiban-dip.yml"
ID = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
# Who an item group applies to: every public body, or one kind only (Office.jenis).
BERLAKU = ("semua", *JENIS_BADAN)
# An exempted entry is not public: it never fulfils what the DIP must make public.
KATEGORI_ENTRI = tuple(k for k in KATEGORI if k != "dikecualikan")
_GROUP_KEYS = ("kode", "judul", "dasar", "berlaku", "kategori_entri", "butir")
_ITEM_KEYS = ("id", "label", "dasar")


class KewajibanError(PPIDError):
    """The file of mandatory items cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Butir:
    """One mandatory item, its article, and where the file defines it."""

    id: str
    label: str
    dasar: str
    kelompok: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Kelompok:
    """A group of items with one legal basis, who it applies to and which entries count."""

    kode: str
    judul: str
    dasar: str
    berlaku: str
    kategori_entri: tuple[str, ...]
    butir: tuple[Butir, ...]

    def applies_to(self, jenis: str) -> bool:
        """True when a public body of this kind (Office.jenis) must hold these items."""
        return self.berlaku == "semua" or self.berlaku == jenis


@dataclass(frozen=True)
class DaftarKewajiban:
    """Every group of the file, in its order; `path` is the file as staff see it."""

    kelompok: tuple[Kelompok, ...]
    path: str

    @property
    def by_id(self) -> dict[str, tuple[Kelompok, Butir]]:
        """Each item by its id, with its group."""
        return {b.id: (k, b) for k in self.kelompok for b in k.butir}

    def for_office(self, jenis: str) -> tuple[Kelompok, ...]:
        """The groups a public body of this kind must hold."""
        return tuple(k for k in self.kelompok if k.applies_to(jenis))


def source() -> Path:
    """The file in force: the office's own (PPID_KEWAJIBAN), else the bundled one."""
    own = os.environ.get("PPID_KEWAJIBAN")
    return Path(own) if own else BUNDLED


def read(path: Path | None = None) -> tuple[DaftarKewajiban | None, tuple[Problem, ...]]:
    """The file of mandatory items and its problems; None when it has an error."""
    file = path or source()
    try:
        stamp = file.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _read(file, stamp)


def load(path: Path | None = None) -> DaftarKewajiban:
    """The file of mandatory items, or KewajibanError naming its first problems."""
    daftar, problems = read(path)
    if daftar is None:
        errors = [str(p) for p in problems if p.is_error][:5]
        raise KewajibanError("daftar kewajiban DIP tidak valid:\n" + "\n".join(errors))
    return daftar


def ids(path: Path | None = None) -> list[str]:
    """Every item id of the file in force (empty when the file has errors)."""
    daftar, _ = read(path)
    return list(daftar.by_id) if daftar else []


@cache
def _read(file: Path, _stamp: int) -> tuple[DaftarKewajiban | None, tuple[Problem, ...]]:
    shown = _display(file)
    if not file.is_file():
        what = "berkas PPID_KEWAJIBAN" if file != BUNDLED else "berkas bawaan"
        return None, (Problem(shown, 1, 1, "(berkas)", f"daftar kewajiban DIP ({what}) tidak ada"),)
    doc, problems = read_yaml(file, shown)
    if doc is None:
        return None, tuple(problems)
    out = _Reader(doc, problems)
    groups = out.groups()
    if any(p.is_error for p in problems):
        return None, tuple(sorted(problems))
    return DaftarKewajiban(groups, shown), tuple(problems)


def _display(file: Path) -> str:
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.as_posix()


@dataclass
class _Reader:
    """Checks the file's shape key by key, each problem at its line and column."""

    doc: YamlDoc
    problems: list[Problem]

    def fail(self, at: DocPath, message: str, key: bool = False) -> None:
        line, col = self.doc.locate(at, key=key)
        self.problems.append(Problem(self.doc.path, line, col, dotted(at) or "(berkas)", message))

    def groups(self) -> tuple[Kelompok, ...]:
        data = self.doc.data
        if not isinstance(data, dict) or not isinstance(data.get("kelompok"), list):
            self.fail((), "harus memuat 'kelompok': daftar kelompok butir kewajiban")
            return ()
        self.unknown((), data, ("kelompok",))
        seen: dict[str, DocPath] = {}
        groups = []
        for i, raw in enumerate(data["kelompok"]):
            group = self.group(("kelompok", i), raw, seen)
            if group is not None:
                groups.append(group)
        if not groups and not self.problems:
            self.fail(("kelompok",), "harus berisi sedikitnya satu kelompok")
        return tuple(groups)

    def group(self, at: DocPath, raw: Any, seen: dict[str, DocPath]) -> Kelompok | None:
        if not isinstance(raw, dict):
            self.fail(at, "setiap kelompok harus berupa kumpulan kunci: nilai")
            return None
        self.unknown(at, raw, _GROUP_KEYS)
        kode, judul, dasar = (self.text(at, raw, k) for k in ("kode", "judul", "dasar"))
        if kode and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", kode):
            self.fail((*at, "kode"), f"kode '{kode}': pakai huruf kecil, angka dan tanda hubung")
        berlaku = self.text(at, raw, "berlaku")
        if berlaku and berlaku not in BERLAKU:
            self.fail(
                (*at, "berlaku"),
                f"nilai '{berlaku}' tidak diizinkan; pilihan: {', '.join(BERLAKU)}",
            )
        kategori = raw.get("kategori_entri")
        if not isinstance(kategori, list) or not kategori:
            self.fail((*at, "kategori_entri"), "wajib berupa daftar kategori entri yang memenuhi")
            kategori = []
        for j, k in enumerate(kategori):
            if k not in KATEGORI_ENTRI:
                self.fail(
                    (*at, "kategori_entri", j),
                    f"nilai '{k}' tidak diizinkan; pilihan: {', '.join(KATEGORI_ENTRI)}",
                )
        items = raw.get("butir")
        if not isinstance(items, list) or not items:
            self.fail((*at, "butir"), "wajib berupa daftar butir (sedikitnya satu)")
            items = []
        butir = [self.item((*at, "butir", j), b, kode or "", seen) for j, b in enumerate(items)]
        if not (kode and judul and dasar and berlaku):
            return None
        found = tuple(b for b in butir if b is not None)
        return Kelompok(kode, judul, dasar, berlaku, tuple(map(str, kategori)), found)

    def item(self, at: DocPath, raw: Any, kode: str, seen: dict[str, DocPath]) -> Butir | None:
        if not isinstance(raw, dict):
            self.fail(at, "setiap butir harus berupa kumpulan kunci: nilai (id, label, dasar)")
            return None
        self.unknown(at, raw, _ITEM_KEYS)
        ident, label, dasar = (self.text(at, raw, k) for k in _ITEM_KEYS)
        if ident and not ID.fullmatch(ident):
            self.fail(
                (*at, "id"),
                f"id '{ident}': pakai huruf kecil, angka, titik dan tanda hubung "
                "(contoh: berkala.profil)",
            )
            return None
        if ident and ident in seen:
            line, _ = self.doc.locate(seen[ident])
            self.fail((*at, "id"), f"id '{ident}' sudah dipakai di baris {line}; id harus unik")
            return None
        if not (ident and label and dasar):
            return None
        seen[ident] = (*at, "id")
        line, col = self.doc.locate((*at, "id"))
        return Butir(ident, " ".join(label.split()), dasar.strip(), kode, line, col)

    def text(self, at: DocPath, raw: dict[str, Any], key: str) -> str:
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail((*at, key) if key in raw else at, f"'{key}' wajib diisi (teks)")
        return ""

    def unknown(self, at: DocPath, raw: dict[Any, Any], known: Sequence[str]) -> None:
        for key in raw:
            if key not in known:
                hint = difflib.get_close_matches(str(key), known, n=1)
                also = (
                    f"; maksudnya '{hint[0]}'?"
                    if hint
                    else f"; kunci yang dikenal: {', '.join(known)}"
                )
                self.fail((*at, key), f"kunci '{key}' tidak dikenal{also}", key=True)


def check_entries(
    docs: Sequence[tuple[str, YamlDoc, bool]], daftar: DaftarKewajiban
) -> list[Problem]:
    """Each `kewajiban` id of an entry that the file does not know, or that the entry's
    category cannot fulfil: errors, at the id's line and column."""
    by_id = daftar.by_id
    out = []
    for _, doc, _ in docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        claimed = data.get("kewajiban")
        if not isinstance(claimed, list):
            continue
        kategori = data.get("kategori")
        for i, ident in enumerate(claimed):
            if not isinstance(ident, str) or not ID.fullmatch(ident):
                continue  # the schema says what is wrong with it
            at: DocPath = ("kewajiban", i)
            line, col = doc.locate(at)
            found = by_id.get(ident)
            if found is None:
                hint = difflib.get_close_matches(ident, list(by_id), n=1)
                also = f"; maksudnya '{hint[0]}'?" if hint else ""
                message = f"kewajiban '{ident}' tidak dikenal di {daftar.path}{also}"
                out.append(Problem(doc.path, line, col, dotted(at), message))
                continue
            group, butir = found
            if isinstance(kategori, str) and kategori not in group.kategori_entri:
                allowed = " atau ".join(group.kategori_entri)
                out.append(
                    Problem(
                        doc.path,
                        line,
                        col,
                        dotted(at),
                        f"kewajiban '{ident}' ({butir.dasar}) hanya dipenuhi entri berkategori "
                        f"{allowed}; entri ini berkategori {kategori}",
                    )
                )
    return out


def fulfilment(
    catalogue: Catalogue, daftar: DaftarKewajiban
) -> list[tuple[Kelompok, list[tuple[Butir, list[Entry]]]]]:
    """Each group the office must hold, each item with the approved entries fulfilling it."""
    approved = [e for e in catalogue.entries if not e.is_draft]
    return [
        (
            group,
            [
                (
                    b,
                    [
                        e
                        for e in approved
                        if b.id in e.kewajiban and e.kategori in group.kategori_entri
                    ],
                )
                for b in group.butir
            ],
        )
        for group in daftar.for_office(catalogue.office.jenis)
    ]


def unmet(catalogue: Catalogue, daftar: DaftarKewajiban) -> list[Problem]:
    """One warning per mandatory item that no approved entry fulfils, at the item's line."""
    return [
        Problem(
            daftar.path,
            b.line,
            b.col,
            "kewajiban",
            f"kewajiban '{b.id}' ({b.dasar}) belum dipenuhi entri mana pun; "
            "cantumkan id ini di `kewajiban` entri yang memuatnya",
            Severity.PERINGATAN,
        )
        for _, rows in fulfilment(catalogue, daftar)
        for b, entries in rows
        if not entries
    ]
