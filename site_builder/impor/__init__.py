"""An office's existing DIP spreadsheet -> one YAML entry per row in dip/<unit>/, all drafts.

    sheets.read()        .xlsx / .csv -> Sheet (merged cells filled)
    columns.find_table() header row, title rows, split Bentuk columns -> Table
    rows.read_row()      one row -> the entry's keys, CellProblem per bad cell
    plan()               every sheet, units, slugs, the schema's own check -> Plan
    write()              nothing when a problem stands (unless paksa), each file atomically

Decisions an office can rely on:
- an existing file is never overwritten. A row whose title is already an entry's title, or
  whose page address (the "Alamat halaman" column of the kit's export) is already taken, is
  a problem; a slug made from a title that another entry already uses gets -2, -3, ...;
- every entry is `status: draf`: approval is the review's, not the import's;
- a unit is found by the "Folder unit" column (the kit's export), then by the unit column's
  text against each unit.yml's `nama` (exactly, or as its beginning), else made: its
  unit.yml takes the name from the unit column and the PPID's reviewers (`peninjau` of
  badan-publik.yml), and a warning asks for the head's name;
- `penguasa` is written only when the cell says more than the unit's name;
- a sheet holding only consequence tests (an office's own list of them) is joined to the
  DIP rows by number, else by title; the kit's dik.xlsx is a DIP table of its own (it carries
  the DIP's elements), imported after dip.xlsx, and a penetap that is the office's own PPID
  by the test's decree (what no `penetap` means) is left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from site_builder.dip import checks, kewajiban, schema
from site_builder.dip.loader import OFFICE_FILE, UNIT_FILE, display_path
from site_builder.dip.yamlfile import YamlDoc
from site_builder.errors import PPIDError
from site_builder.files import write_atomic
from site_builder.impor.columns import Table, Vocabulary, as_text, find_table, vocabulary
from site_builder.impor.rows import CellProblem, Context, Row, _Reader, _uji, is_blank, read_row
from site_builder.impor.sheets import SpreadsheetError, read
from site_builder.problems import Severity, summary

__all__ = ["CellProblem", "ImportRefused", "Plan", "SpreadsheetError", "plan", "write"]

SLUG_MAX = 60
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEY_ORDER = (
    "judul",
    "ringkasan",
    "kategori",
    "penanggung_jawab",
    "penguasa",
    "waktu_pembuatan",
    "tempat_pembuatan",
    "bentuk",
    "retensi",
    "tautan",
    "kewajiban",
    "tahun",
    "diperbarui",
    "status",
    "uji_konsekuensi",
)
# Which column a schema key comes from, to point a schema problem at its cell.
_KEY_COLUMN = {
    "judul": "judul",
    "ringkasan": "ringkasan",
    "kategori": "kategori",
    "penanggung_jawab": "penanggung_jawab",
    "waktu_pembuatan": "waktu",
    "tempat_pembuatan": "tempat",
    "bentuk": "bentuk",
    "retensi": "retensi",
    "tautan": "tautan",
    "kewajiban": "kewajiban",
    "tahun": "tahun",
    "diperbarui": "diperbarui",
    "uji_konsekuensi.dasar_hukum": "uji_dasar_hukum",
    "uji_konsekuensi.pasal_17": "uji_pasal_17",
    "uji_konsekuensi.konsekuensi": "uji_konsekuensi",
    "uji_konsekuensi.kepentingan_publik": "uji_kepentingan_publik",
    "uji_konsekuensi.berlaku_sampai": "uji_berlaku",
    "uji_konsekuensi.jangka_waktu": "uji_berlaku",
    "uji_konsekuensi.nomor_sk": "uji_nomor_sk",
    "uji_konsekuensi.tanggal_uji": "uji_tanggal",
}
_UJI_LABEL = {
    "dasar_hukum": "dasar hukum",
    "pasal_17": "huruf Pasal 17",
    "konsekuensi": "konsekuensi",
    "kepentingan_publik": "kepentingan publik",
    "berlaku_sampai": "berlaku sampai/jangka waktu",
    "nomor_sk": "nomor SK",
    "tanggal_uji": "tanggal uji",
}


class ImportRefused(PPIDError):
    """Problems were found and nothing was written; carries every problem."""

    def __init__(self, problems: tuple[CellProblem, ...]) -> None:
        self.problems = problems
        super().__init__(
            f"impor dibatalkan, tidak ada berkas yang ditulis: {summary(problems)} Perbaiki "
            "spreadsheet lalu ulangi, atau pakai --paksa untuk menulis baris yang benar saja"
        )


class ImportFailed(PPIDError):
    """The import cannot start (no DIP folder, no DIP table in the file)."""


@dataclass(frozen=True)
class Planned:
    """A file the import would write."""

    path: Path
    text: str
    origin: str  # "Berkala!R12" for an entry, "" for a unit.yml


@dataclass(frozen=True)
class Plan:
    """What an import would write (only the rows that are fine) and every problem found."""

    files: tuple[Planned, ...]
    problems: tuple[CellProblem, ...]
    rows: int  # data rows read
    entries: int  # rows that became a file

    @property
    def ok(self) -> bool:
        """True when no error stands."""
        return not any(p.is_error for p in self.problems)


@dataclass
class _Unit:
    slug: str
    nama: str
    exists: bool
    rows: list[Row] = field(default_factory=list)


def slugify(text: str) -> str:
    """A file name from a title: lower-case ASCII words joined by hyphens, at most 60 chars."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug or "entri"


def _yaml_quiet(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
        return None


def _sheet_kategori(table: Table, vocab: Vocabulary) -> str | None:
    found = vocab.kategori_of(table.sheet.name)
    for text in table.title:
        found = found or vocab.kategori_of(text)
    return found


def _table_rows(table: Table, ctx: Context) -> tuple[list[Row], list[CellProblem]]:
    """The entry rows of a table, and its stray rows. A row with one text ("A. INFORMASI
    BERKALA", merged across) naming a category sets it for the rows below; any other row
    with fewer than two cells is a problem between entries, and the table's footer (place,
    date, signature) after the last one."""
    vocab, sheet = ctx.vocab, table.sheet
    kategori = _sheet_kategori(table, vocab)
    mapped = [c for n, c in table.columns.items() if n != "nomor"]
    rows: list[Row] = []
    stray: list[CellProblem] = []
    pending: list[CellProblem] = []
    for r in range(table.first_row, len(sheet.rows) + 1):
        values = sheet.rows[r - 1]
        if is_blank(values):
            continue
        filled = [c for c in mapped if as_text(sheet.cell(r, c))]
        texts = list(dict.fromkeys(as_text(v) for v in values if as_text(v)))
        if len(filled) >= 2 and len(texts) > 1:
            rows.append(read_row(table, r, kategori, ctx))
            stray += pending
            pending = []
            continue
        section = vocab.kategori_of(texts[0]) if len(texts) == 1 else None
        if section is not None:
            kategori = section
            continue
        col = next(c for c, v in enumerate(values, start=1) if as_text(v))
        pending.append(
            CellProblem(
                ctx.display,
                r,
                col,
                "",
                f"baris ini hanya berisi '{' '.join(texts)}', bukan entri DIP; hapus atau "
                "lengkapi barisnya",
                Severity.GALAT,
                sheet.name,
            )
        )
    return rows, stray


def _join_supplement(table: Table, rows: list[Row], ctx: Context) -> list[CellProblem]:
    """Fill the consequence tests of rows from a sheet of consequence tests only."""
    problems: list[CellProblem] = []
    by_nomor = {r.nomor: r for r in rows if r.nomor}
    by_title = {r.data["judul"].casefold(): r for r in rows}
    for r in range(table.first_row, len(table.sheet.rows) + 1):
        if is_blank(table.sheet.rows[r - 1]):
            continue
        rd = _Reader(table, r, ctx)
        nomor, title = rd.text("nomor"), rd.text("judul") or rd.text("ringkasan")
        target = by_nomor.get(nomor) if nomor else None
        if target is None or (title and target.data["judul"].casefold() != title.casefold()):
            target = by_title.get(" ".join(title.split()).casefold())
        if target is None:
            rd.problem(
                "nomor" if nomor else "judul",
                f"uji konsekuensi untuk '{title or nomor}' tidak cocok dengan baris DIP mana "
                "pun (dicocokkan menurut nomor lalu judul)",
            )
            problems += rd.problems
            continue
        uji = _uji(rd, "dikecualikan") or {}
        if target.data.get("kategori") == "dikecualikan":
            mine = target.data.setdefault("uji_konsekuensi", {})
            for key, value in uji.items():
                mine.setdefault(key, value)
        target.problems += rd.problems
    return problems


def _schema_problems(row: Row, table: Table, ctx: Context) -> list[CellProblem]:
    """What `ppid check` would say of the entry (its schema, dates after today, an exemption
    already expired), at the cell it comes from."""
    doc = YamlDoc(ctx.display, _ordered(row.data))
    found = schema.validate("entri", doc)
    if not any(p.is_error for p in found):
        found += [
            p
            for p in checks.cross_checks([("", doc, True)], None, ctx.today)
            if p.field != "(nama berkas)"  # the file name is the import's to choose
        ]
        daftar, _ = kewajiban.read()  # a broken list is `ppid check`'s to report
        if daftar is not None:
            found += kewajiban.check_entries([("", doc, True)], daftar)
    out = []
    for p in found:
        # an id's problem ("kewajiban.2") is in the one cell that lists them all
        name = _KEY_COLUMN.get("kewajiban" if p.field.startswith("kewajiban") else p.field, "")
        if name == "waktu" and "waktu" not in table.columns:
            name = "waktu_tempat"
        if name == "tempat" and "tempat" not in table.columns:
            name = "waktu_tempat"
        rd = _Reader(table, row.row, ctx)
        key = p.field.removeprefix("uji_konsekuensi.")
        if p.field == "uji_konsekuensi":
            message = (
                "informasi yang dikecualikan wajib disertai hasil uji konsekuensi (Perki 1/2021 "
                "Pasal 49): tambahkan kolom dasar hukum, Pasal 17, konsekuensi, kepentingan "
                "publik, berlaku sampai, nomor SK dan tanggal uji"
            )
        elif p.field in ("uji_konsekuensi.berlaku_sampai", "uji_konsekuensi.jangka_waktu"):
            message = "isi berlaku sampai (tanggal) atau jangka waktu pengecualian (teks)"
        elif p.field.startswith("uji_konsekuensi.") and "tidak ada" in p.message:
            message = (
                f"hasil uji konsekuensi tanpa {_UJI_LABEL.get(key, key)}: tambahkan kolomnya "
                "atau isi selnya"
            )
        else:  # the schema's own words, with the key they are about
            message = p.message if name else f"{p.field}: {p.message}"
        rd.problem(name, message, not p.is_error)
        out += rd.problems
    return out


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    head = {k: data[k] for k in _KEY_ORDER if k in data}
    out = {**head, **{k: v for k, v in data.items() if k not in head}}
    if isinstance(out.get("uji_konsekuensi"), dict):  # in the schema's (and README's) order
        uji = out["uji_konsekuensi"]
        out["uji_konsekuensi"] = {k: uji[k] for k in schema.UJI_KONSEKUENSI if k in uji} | uji
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    plain = value == value.strip() and "  " not in value
    style = "|" if "\n" in value else ">" if len(value) > 80 and plain else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    short = all(isinstance(v, str) and len(v) <= 20 for v in value)  # [cetak, softcopy]
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def to_yaml(data: dict[str, Any], origin: str = "") -> str:
    """An entry's (or unit's) YAML text, keys in the README's order."""
    body = yaml.dump(
        _ordered(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=96,
        default_flow_style=False,
    )
    return (f"# Diimpor dari {origin}\n" if origin else "") + body


def _office(dip: Path) -> tuple[int | None, list[str], str]:
    """The office's DIP year, its PPID's reviewers and its name, as far as they can be read."""
    data = _yaml_quiet(dip / OFFICE_FILE)
    if not isinstance(data, dict):
        return None, [], ""
    edition = data.get("dip")
    tahun = edition.get("tahun") if isinstance(edition, dict) else None
    reviewers = data.get("peninjau")
    handles = [h for h in reviewers if isinstance(h, str)] if isinstance(reviewers, list) else []
    nama = data.get("nama")
    return (
        (tahun if isinstance(tahun, int) else None),
        handles,
        (nama.strip() if isinstance(nama, str) else ""),
    )


def plan(
    source: Path,
    dip: Path,
    *,
    today: date,
    unit: str | None = None,
    display: str | None = None,
) -> Plan:
    """Read `source` and decide every file the import writes under `dip`."""
    if not dip.is_dir():
        raise ImportFailed(
            f"{display_path(dip)}: folder DIP tidak ditemukan; buat folder itu dengan "
            f"{OFFICE_FILE} (profil kantor) lebih dulu"
        )
    sheets = read(source)
    vocab = vocabulary()
    shown = display or source.name
    office_year, reviewers, office_name = _office(dip)
    ctx = Context(
        shown,
        today,
        office_year or today.year,
        vocab,
        frozenset(schema.UJI_KONSEKUENSI),
        forced_unit=unit is not None,
        office=office_name,
    )
    tables = [t for t in (find_table(s, vocab) for s in sheets) if t is not None]
    main = [t for t in tables if not t.is_supplement]
    if not main and tables:
        raise ImportFailed(
            f"{shown}: hanya berisi hasil uji konsekuensi, tanpa penanggung "
            "jawab, waktu dan tempat, bentuk dan retensi yang wajib bagi setiap entri; impor "
            "tabel DIP yang memuat informasi itu beserta kolom uji konsekuensinya"
        )
    if not main:
        names = ", ".join(f"'{s.name}'" for s in sheets if s.name) or "berkas ini"
        raise ImportFailed(
            f"{shown}: tidak ada tabel DIP di {names}; baris judul kolom harus memuat sedikitnya "
            f"{vocab.minimum} dari: Ringkasan Isi Informasi, Pejabat/Unit yang Menguasai, "
            "Penanggung Jawab, Waktu dan Tempat Pembuatan, Bentuk Informasi, Jangka Waktu "
            "Penyimpanan"
        )
    rows: list[tuple[Row, Table]] = []
    problems: list[CellProblem] = []
    for table in main:
        found, stray = _table_rows(table, ctx)
        rows += [(r, table) for r in found]
        problems += stray
    for table in tables:
        if table.is_supplement:
            problems += _join_supplement(table, [r for r, _ in rows], ctx)
    for row, table in rows:
        if row.ok:
            row.problems += _schema_problems(row, table, ctx)

    units = _units(dip, rows, unit, ctx, reviewers)
    files = _entry_files(dip, rows, ctx)
    for row, _ in rows:
        problems += row.problems
    needed = {u.slug for u in units.values() if any(r.ok for r in u.rows)}
    unit_files = [
        Planned(dip / u.slug / UNIT_FILE, _unit_yaml(u, reviewers), "")
        for u in units.values()
        if not u.exists and u.slug in needed
    ]
    for u in units.values():
        if not u.exists and u.slug in needed:
            problems.append(
                CellProblem(
                    shown,
                    0,
                    0,
                    display_path(dip / u.slug / UNIT_FILE),
                    "unit baru; ganti kepala.nama dengan nama kepala unit dan "
                    "periksa peninjau sebelum diajukan",
                    Severity.PERINGATAN,
                )
            )
    # in reading order: sheet by sheet, row by row, left to right; the file's own at the end
    rank = {sheet.name: i for i, sheet in enumerate(sheets)}
    problems.sort(key=lambda p: (not p.line, rank.get(p.sheet, 0), p.line, p.col))
    return Plan(tuple(unit_files + files), tuple(problems), len(rows), len(files))


def _units(
    dip: Path,
    rows: list[tuple[Row, Table]],
    forced: str | None,
    ctx: Context,
    reviewers: list[str],
) -> dict[str, _Unit]:
    """Each row's unit (`Row.unit`), found among dip/'s units or new."""
    units: dict[str, _Unit] = {}
    for folder in sorted(p for p in dip.iterdir() if p.is_dir() and not p.name.startswith(".")):
        data = _yaml_quiet(folder / UNIT_FILE)
        nama = data.get("nama") if isinstance(data, dict) else None
        if isinstance(nama, str) and nama.strip():
            units[folder.name] = _Unit(folder.name, nama.strip(), True)

    def by_name(text: str) -> _Unit | None:
        key = text.casefold()
        exact = [u for u in units.values() if u.nama.casefold() == key]
        if exact:
            return exact[0]
        starts = [u for u in units.values() if key.startswith(u.nama.casefold())]
        return max(starts, key=lambda u: len(u.nama)) if starts else None

    forced_unit: _Unit | None = None
    if forced is not None:
        forced_unit = units.get(forced) or by_name(forced)
        if forced_unit is None:
            slug = forced if _SLUG.fullmatch(forced) else slugify(forced)
            forced_unit = units.setdefault(
                slug, _Unit(slug, "" if forced == slug else forced, False)
            )
    for row, _ in rows:
        if forced_unit is not None:
            found = forced_unit
        elif row.folder:
            slug = row.folder if _SLUG.fullmatch(row.folder) else slugify(row.folder)
            found = units.setdefault(slug, _Unit(slug, "", False))
        elif row.penguasa:
            found = by_name(row.penguasa) or units.setdefault(
                slugify(row.penguasa), _Unit(slugify(row.penguasa), row.penguasa, False)
            )
        else:
            continue
        found.rows.append(row)
        row.unit = found.slug
    for u in units.values():
        if not u.exists and not u.nama:
            names = Counter(r.penguasa for r in u.rows if r.penguasa)
            u.nama = names.most_common(1)[0][0] if names else ""
        if u.exists or not u.rows:
            continue
        first = u.rows[0]
        blocked = not u.nama or not reviewers
        if not u.nama:
            first.problems.append(
                _row_problem(
                    ctx, first, "unit baru tanpa nama: isi kolom pejabat/unit yang menguasai"
                )
            )
        elif not reviewers:
            first.problems.append(
                _row_problem(
                    ctx,
                    first,
                    f"unit baru '{u.nama or u.slug}' memerlukan peninjau: tambahkan 'peninjau' "
                    f"(akun GitHub PPID) di {OFFICE_FILE}, atau buat {u.slug}/{UNIT_FILE} "
                    "lebih dulu",
                )
            )
        if blocked:  # the unit cannot be made: none of its rows can be written
            for r in u.rows[1:]:
                if r.ok:
                    r.problems.append(
                        _row_problem(ctx, r, f"unit '{u.nama or u.slug}' tidak dapat dibuat")
                    )
    for row, _ in rows:  # penguasa is written when it says more than the unit's name
        if row.unit and row.penguasa and row.penguasa != units[row.unit].nama:
            row.data["penguasa"] = row.penguasa
    return units


def _row_problem(ctx: Context, row: Row, message: str) -> CellProblem:
    return CellProblem(ctx.display, row.row, 1, "", message, Severity.GALAT, row.sheet)


def _entry_files(dip: Path, rows: list[tuple[Row, Table]], ctx: Context) -> list[Planned]:
    """One file per row that is fine, under a slug no file has; existing titles refused."""
    existing: dict[str, Path] = {}
    titles: dict[str, Path] = {}
    for file in dip.glob("*/*.yml"):
        if file.name == UNIT_FILE:
            continue
        existing[file.stem] = file
        data = _yaml_quiet(file)
        if isinstance(data, dict) and isinstance(data.get("judul"), str):
            titles[" ".join(data["judul"].split()).casefold()] = file
    taken = set(existing)
    out = []
    for row, _table in rows:
        if not row.ok or not row.unit:
            continue
        there = titles.get(row.data["judul"].casefold())
        if there is not None:
            row.problems.append(
                _row_problem(
                    ctx,
                    row,
                    f"entri berjudul sama sudah ada ({display_path(there)}); impor tidak "
                    "menimpa berkas: hapus baris ini atau ubah judulnya",
                )
            )
            continue
        if row.slug and row.slug in taken:
            where = existing.get(row.slug)
            row.problems.append(
                _row_problem(
                    ctx,
                    row,
                    f"alamat /informasi/{row.slug}/ sudah dipakai"
                    + (f" ({display_path(where)})" if where else " oleh baris lain")
                    + "; impor tidak menimpa berkas",
                )
            )
            continue
        slug = row.slug or slugify(row.data["judul"])
        base, n = slug, 2
        while slug in taken:
            slug = f"{base[: SLUG_MAX - len(str(n)) - 1]}-{n}"
            n += 1
        taken.add(slug)
        origin = (
            f"{ctx.display}, " + (f"lembar {row.sheet}, " if row.sheet else "") + f"baris {row.row}"
        )
        out.append(Planned(dip / row.unit / f"{slug}.yml", to_yaml(row.data, origin), origin))
    return out


def _unit_yaml(u: _Unit, reviewers: list[str]) -> str:
    heads = Counter(
        r.data.get("penanggung_jawab", "")
        for r in u.rows
        if r.data.get("penanggung_jawab", "").casefold().startswith("kepala")
    )
    jabatan = heads.most_common(1)[0][0] if heads else f"Kepala {u.nama}"
    data = {"nama": u.nama, "kepala": {"nama": jabatan, "jabatan": jabatan}, "peninjau": reviewers}
    return "# Dibuat oleh ppid impor: ganti kepala.nama dengan nama kepala unit\n" + yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96
    )


def write(result: Plan, *, paksa: bool = False) -> list[Path]:
    """Write the planned files; nothing at all while an error stands, unless `paksa`."""
    if not result.ok and not paksa:
        raise ImportRefused(result.problems)
    written = []
    for planned in result.files:
        if planned.path.exists():  # never overwrite: the plan was made a moment ago
            continue
        write_atomic(planned.path, planned.text)
        written.append(planned.path)
    return written
