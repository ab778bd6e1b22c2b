"""A row of an office's DIP table as an entry's data, every problem at its sheet, row and column.

Cells are read as staff type them: a category as "Informasi Berkala" or "Serta-merta", the
forms as "Cetak, Softcopy" or ticks in split columns, the time and place as one text
("Jakarta, 12 Januari 2025"), dates as 2025, 2025-01-12, 12/01/2025 or 12 Januari 2025.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from site_builder.dates import BULAN
from site_builder.dip.model import BENTUK, KATEGORI_LABEL, PASAL_17
from site_builder.impor.columns import SPLIT_BENTUK, UJI_FIELDS, Table, Vocabulary, as_text, normal
from site_builder.impor.sheets import Value
from site_builder.problems import Problem, Severity

YEAR_MIN, YEAR_MAX = 1945, 2100

_ENGLISH = "january february march april may june july august september october november december"
_SHORT = (  # as months are abbreviated in Indonesian and English, with the old spellings
    "jan:1 feb:2 peb:2 mar:3 apr:4 may:5 jun:6 jul:7 agu:8 agt:8 ags:8 aug:8 sep:9 sept:9 "
    "okt:10 oct:10 nov:11 nop:11 des:12 dec:12"
)
_MONTHS = {
    **{m.casefold(): i for i, m in enumerate(BULAN, start=1)},
    **{m: i for i, m in enumerate(_ENGLISH.split(), start=1)},
    **{m: int(i) for m, i in (pair.split(":") for pair in _SHORT.split())},
}
_DATE_HINT = "tulis tahun (2025) atau tanggal (12 Januari 2025, 12/01/2025, 2025-01-12)"
_LINK = re.compile(r"(https?://\S+|/(?![/\\])\S*)$")
_MD_LINK = re.compile(r"^\[(?P<judul>[^\]]+)\]\((?P<url>[^)\s]+)\)$")
_PAGE = re.compile(r"/informasi/([a-z0-9]+(?:-[a-z0-9]+)*)/?$")


@dataclass(frozen=True, order=True)
class CellProblem(Problem):
    """A problem in one cell of a spreadsheet: `DIP.xlsx:Berkala!R12C3: kolom: pesan`."""

    sheet: str = ""

    def __str__(self) -> str:
        where = self.path + ":" + (f"{self.sheet}!" if self.sheet else "")
        where += f"R{self.line}C{self.col}" if self.line else ""
        where = where.rstrip(":!")
        prefix = "peringatan: " if self.severity is Severity.PERINGATAN else ""
        head = f"{self.field}: " if self.field else ""
        return f"{where}: {head}{prefix}{self.message}"


@dataclass
class Row:
    """One data row read from a table: the entry's keys and what the import must place."""

    sheet: str
    row: int
    data: dict[str, Any]
    penguasa: str = ""  # as written; empty when the cell is empty
    folder: str = ""  # a "Folder unit" column (the kit's own export)
    slug: str = ""  # from the "Alamat halaman" column (the entry's permanent address)
    nomor: str = ""
    unit: str = ""  # the folder it goes to, once the import has found or made its unit
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no error was found in the row."""
        return not any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class Context:
    """What every row of one import shares."""

    display: str  # the file as shown in problems
    today: date
    tahun: int  # the DIP year when the sheet has no Tahun column
    vocab: Vocabulary
    uji_keys: frozenset[str]  # the keys the schema allows under uji_konsekuensi
    forced_unit: bool = False  # --unit: the unit column may be empty
    office: str = ""  # the office's name (badan-publik.yml `nama`): its PPID is the default penetap


class _Reader:
    def __init__(self, table: Table, r: int, ctx: Context) -> None:
        self.table, self.r, self.ctx = table, r, ctx
        self.problems: list[CellProblem] = []

    def col(self, name: str) -> int:
        return self.table.columns.get(name, 0)

    def raw(self, name: str) -> Value:
        c = self.col(name)
        return self.table.sheet.cell(self.r, c) if c else None

    def text(self, name: str) -> str:
        return as_text(self.raw(name))

    def header(self, name: str) -> str:
        return self.table.headers.get(self.col(name), name)

    def problem(self, name: str, message: str, warning: bool = False) -> None:
        c = self.col(name) or 1
        self.problems.append(
            CellProblem(
                self.ctx.display,
                self.r,
                c,
                " ".join(self.table.headers.get(c, "").split()) if self.col(name) else "",
                message,
                Severity.PERINGATAN if warning else Severity.GALAT,
                self.table.sheet.name,
            )
        )


def parse_when(value: Value) -> tuple[date | int | None, str]:
    """A creation time (a date or a year) and, when it cannot be read, why ('' when it can)."""
    if isinstance(value, date):
        return value, ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and YEAR_MIN <= int(value) <= YEAR_MAX:
            return int(value), ""
        return None, f"'{as_text(value)}' bukan tahun; {_DATE_HINT}"
    text = " ".join(as_text(value).split()).rstrip(".")
    if not text:
        return None, ""
    day: date | int | None = None
    try:
        if re.fullmatch(r"\d{4}", text):
            day = int(text)
        elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
        elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
            day = date(int(m[3]), int(m[2]), int(m[1]))  # Indonesian order: day, month, year
        elif m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text):
            month = _MONTHS.get(m[2].casefold())
            day = date(int(m[3]), month, int(m[1])) if month else None
    except ValueError:
        return None, f"tanggal '{text}' tidak ada di kalender; {_DATE_HINT}"
    year = day if isinstance(day, int) else day.year if day else None
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        return None, f"tahun {year} di luar rentang {YEAR_MIN}-{YEAR_MAX}"
    if day is None:
        return None, f"tanggal '{text}' tidak terbaca; {_DATE_HINT}"
    return day, ""


def split_place_and_time(text: str) -> tuple[str, date | int | None]:
    """'Jakarta, 2025' -> ('Jakarta', 2025); the time at the end or at the start."""
    text = " ".join(text.split())
    for sep in (",", ";", " - "):
        if sep in text:
            left, right = (s.strip() for s in text.rsplit(sep, 1))
            when, _ = parse_when(right)
            if when is not None and left:
                return left, when
            left, right = (s.strip() for s in text.split(sep, 1))
            when, _ = parse_when(left)
            if when is not None and right:
                return right, when
    m = re.fullmatch(
        r"(.+?)\s+(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4})",
        text,
    )
    if m:
        when, _ = parse_when(m[2])
        if when is not None:
            return m[1].strip(), when
    return text, None


def _bentuk_cell(reader: _Reader, vocab: Vocabulary) -> list[str]:
    text = reader.text("bentuk")
    if not text:
        return []
    found: list[str] = []
    for part in re.split(r"[,;/&+\n]|\bdan\b|\batau\b", text, flags=re.IGNORECASE):
        token = f" {normal(part)} "
        if not token.strip():
            continue
        kinds = [k for k, words in vocab.bentuk if any(f" {w} " in token for w in words)]
        if not kinds:
            reader.problem(
                "bentuk",
                f"bentuk '{part.strip()}' tidak dikenal; pilihan: Cetak (hardcopy), "
                "Softcopy (daring), Rekaman",
            )
        for k in kinds[:1]:
            if k not in found:
                found.append(k)
    return found


def _bentuk_split(reader: _Reader, vocab: Vocabulary) -> list[str]:
    found = []
    for name, kind in SPLIT_BENTUK.items():
        if not reader.col(name):
            continue
        value = reader.raw(name)
        text = normal(as_text(value)) or as_text(value)
        if not text or text in vocab.tidak:
            continue
        if text in vocab.ya or text in (normal(kind), *dict(vocab.bentuk).get(kind, ())):
            found.append(kind)
        else:
            reader.problem(
                name,
                f"tanda '{as_text(value)}' tidak dikenal; tulis ✓, v, ya atau 1 bila tersedia, "
                "kosongkan atau tulis - bila tidak",
            )
    return [b for b in BENTUK if b in found]


def _links(reader: _Reader) -> list[dict[str, str]]:
    out = []
    for line in reader.text("tautan").splitlines():
        line = line.strip()
        if not line:
            continue
        if m := _MD_LINK.match(line):
            judul, url = m["judul"].strip(), m["url"]
        elif m := _LINK.search(line):
            url = m[1]
            judul = line[: m.start()].strip(" :-–|")
        else:
            reader.problem("tautan", f"'{line}' bukan alamat web; awali dengan https://")
            continue
        if not judul:  # the kit's export carries the address only: name it by its file or host
            bare = re.sub(r"^https?://", "", url).rstrip("/")
            tail = bare.rsplit("/", 1)[-1]
            judul = tail if "/" in bare and "." in tail else bare
        out.append({"judul": judul, "url": url})
    return out


def _kategori(reader: _Reader, default: str | None) -> str | None:
    written = reader.text("kategori")
    if written:
        found = reader.ctx.vocab.kategori_of(written)
        if found is None:
            reader.problem(
                "kategori",
                f"kategori '{written}' tidak dikenal; pilihan: "
                + ", ".join(KATEGORI_LABEL.values()),
            )
        return found
    if default is None:
        reader.problem(
            "kategori",
            "kategori tidak diketahui: tidak ada kolom kategori, nama lembar atau baris judul "
            "yang menyebut Berkala, Serta Merta, Setiap Saat atau Dikecualikan",
        )
    return default


def _pasal(text: str) -> list[str]:
    text = re.sub(r"(?i)\b(uu\s*14/2008|pasal\s*17|huruf)\b", " ", text)
    return [t for t in re.split(r"[\s,;]+|\bdan\b", text.casefold()) if t]


def _uji(reader: _Reader, kategori: str | None) -> dict[str, Any] | None:
    present = [n for n in UJI_FIELDS if reader.text(n)]
    if kategori != "dikecualikan":
        if present:
            reader.problem(
                present[0],
                "hasil uji konsekuensi hanya untuk informasi yang dikecualikan; kosongkan sel "
                "ini atau ubah kategorinya",
            )
        return None
    uji: dict[str, Any] = {}
    dasar = [d.strip() for d in re.split(r"[;\n]", reader.text("uji_dasar_hukum")) if d.strip()]
    if dasar:
        uji["dasar_hukum"] = dasar
    letters = _pasal(reader.text("uji_pasal_17"))
    if not letters:  # "... Pasal 17 huruf h" in the legal basis says it
        found = re.findall(
            r"(?i)pasal\s*17\s*huruf\s*([a-j](?:\s*(?:,|dan)\s*[a-j])*)\b", " ".join(dasar)
        )
        letters = [t for f in found for t in _pasal(f)]
    wrong = [t for t in letters if t not in PASAL_17]
    if wrong:
        reader.problem(
            "uji_pasal_17", f"'{', '.join(wrong)}' bukan huruf Pasal 17; tulis huruf a sampai j"
        )
    elif letters:
        uji["pasal_17"] = list(dict.fromkeys(letters))
    for name, key in (
        ("uji_konsekuensi", "konsekuensi"),
        ("uji_kepentingan_publik", "kepentingan_publik"),
        ("uji_nomor_sk", "nomor_sk"),
    ):
        if reader.text(name):
            uji[key] = reader.text(name)
    # Who set the test, where the schema has the key (`penetap: {badan, dasar}`).
    badan, basis = reader.text("uji_penetap"), reader.text("uji_penetap_dasar")
    # The office's own PPID by the decree of the test is what no `penetap` means (the kit's
    # dik.xlsx writes it out): left out, so that an exported entry comes back as it was.
    own = (
        badan == f"PPID {reader.ctx.office}"
        and basis == f"Keputusan Nomor {uji.get('nomor_sk')}"
        and bool(reader.ctx.office)
    )
    if "penetap" in reader.ctx.uji_keys and badan and basis and not own:
        uji["penetap"] = {"badan": badan, "dasar": basis}
    until = reader.raw("uji_berlaku")
    if until is not None:
        when, why = parse_when(until)
        if isinstance(when, date):
            uji["berlaku_sampai"] = when
        else:
            uji["jangka_waktu"] = as_text(until)
    tested = reader.raw("uji_tanggal")
    if tested is not None:
        when, why = parse_when(tested)
        if isinstance(when, date):
            uji["tanggal_uji"] = when
        else:
            reader.problem("uji_tanggal", why or f"'{as_text(tested)}' bukan tanggal lengkap")
    return uji or None  # none at all: the schema says, in one line, that the test is missing


def read_row(table: Table, r: int, kategori: str | None, ctx: Context) -> Row:
    """The entry one data row describes, and every problem of its cells."""
    rd = _Reader(table, r, ctx)
    data: dict[str, Any] = {}
    judul, ringkasan = rd.text("judul"), rd.text("ringkasan")
    if not judul and not ringkasan:
        rd.problem(
            "ringkasan" if rd.col("ringkasan") else "judul",
            "ringkasan isi informasi kosong; setiap baris DIP wajib menyebut informasinya",
        )
    data["judul"] = " ".join((judul or ringkasan).split())
    data["ringkasan"] = ringkasan or judul
    found = _kategori(rd, kategori)
    if found:
        data["kategori"] = found
    penanggung = rd.text("penanggung_jawab")
    if penanggung:
        data["penanggung_jawab"] = penanggung
    else:
        rd.problem(
            "penanggung_jawab", "penanggung jawab pembuatan atau penerbitan informasi kosong"
        )
    penguasa = rd.text("penguasa")
    if penguasa and ctx.vocab.looks_legal(penguasa):
        rd.problem(
            "penguasa",
            f"kolom unit berisi dasar hukum ('{penguasa}'); isi nama pejabat atau unit yang "
            "menguasai informasi, dan pindahkan dasar hukumnya ke kolom dasar hukum",
        )
        penguasa = ""
    elif not penguasa and not ctx.forced_unit and not rd.text("folder_unit"):
        rd.problem(
            "penguasa",
            "sel unit kosong; isi pejabat atau unit yang menguasai informasi (atau pakai --unit)",
        )
    _time_and_place(rd, data)
    bentuk = _bentuk_split(rd, ctx.vocab) if any(rd.col(n) for n in SPLIT_BENTUK) else []
    bentuk = bentuk or _bentuk_cell(rd, ctx.vocab)
    if bentuk:
        data["bentuk"] = bentuk
    elif not any(p.field and p.col == rd.col("bentuk") for p in rd.problems):
        rd.problem("bentuk" if rd.col("bentuk") else "bentuk_cetak", "bentuk informasi kosong")
    retensi = rd.text("retensi")
    if retensi:
        data["retensi"] = retensi
    else:
        rd.problem("retensi", "jangka waktu penyimpanan atau retensi arsip kosong")
    if rd.col("tautan"):
        links = _links(rd)
        if links:
            data["tautan"] = links
    kewajiban = [k for k in re.split(r"[\s,;]+", rd.text("kewajiban")) if k]
    if kewajiban:
        data["kewajiban"] = kewajiban
    tahun = rd.raw("tahun")
    year, _ = parse_when(tahun) if tahun is not None else (ctx.tahun, "")
    if isinstance(year, int):
        data["tahun"] = year
    else:
        rd.problem("tahun", f"tahun DIP '{as_text(tahun)}' tidak terbaca; tulis seperti 2026")
    updated = rd.raw("diperbarui")
    when, why = parse_when(updated) if updated is not None else (ctx.today, "")
    if isinstance(when, date):
        data["diperbarui"] = when
    else:
        rd.problem("diperbarui", why or f"'{as_text(updated)}' bukan tanggal lengkap")
    data["status"] = "draf"
    uji = _uji(rd, found)
    if uji is not None:
        data["uji_konsekuensi"] = uji
    page = _PAGE.search(rd.text("alamat_halaman"))
    return Row(
        table.sheet.name,
        r,
        data,
        penguasa=penguasa,
        folder=rd.text("folder_unit"),
        slug=page[1] if page else "",
        nomor=rd.text("nomor"),
        problems=rd.problems,
    )


def _time_and_place(rd: _Reader, data: dict[str, Any]) -> None:
    if rd.col("waktu_tempat") and not (rd.col("waktu") and rd.col("tempat")):
        text = rd.text("waktu_tempat")
        if not text:
            rd.problem("waktu_tempat", "waktu dan tempat pembuatan informasi kosong")
            return
        place, when = split_place_and_time(text)
        if when is None:
            rd.problem(
                "waktu_tempat",
                f"waktu dan tempat '{text}' tidak terbaca; tulis 'tempat, waktu' "
                "(contoh: Jakarta, 12 Januari 2025 atau Jakarta, 2025)",
            )
            return
        data["waktu_pembuatan"], data["tempat_pembuatan"] = when, place
        return
    value = rd.raw("waktu")
    when, why = parse_when(value)
    if when is None:
        rd.problem("waktu", why or "waktu pembuatan informasi kosong")
    else:
        data["waktu_pembuatan"] = when
    place = rd.text("tempat")
    if place:
        data["tempat_pembuatan"] = place
    else:
        rd.problem("tempat", "tempat pembuatan informasi kosong")


def is_blank(values: tuple[Value, ...]) -> bool:
    """True when no cell of the row holds anything."""
    return all(as_text(v) == "" for v in values)
