"""The DIP and the DIK as downloads: CSV, XLSX, JSON each, and a Project Open Data v1.1
(DCAT-US) catalogue of the DIP.

The DIP holds the public categories only (UU KIP Pasal 11(1)(a)); the Daftar Informasi
yang Dikecualikan is its own list with its own files, each entry with its consequence test.

Pure functions over the catalogue; the same bytes for the same data (the XLSX carries a
fixed timestamp, site_builder.workbook), so a rebuild changes nothing that did not change.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from typing import Any

from site_builder.dates import format_date
from site_builder.dip.model import (
    BENTUK_LABEL,
    KATEGORI_LABEL,
    Catalogue,
    Entry,
    Office,
)
from site_builder.workbook import cell, safe, save

# The DIP proper (UU KIP Pasal 11(1)(a)): the public categories only.
COLUMNS = (
    "Nomor",
    "Judul",
    "Ringkasan isi informasi",
    "Kategori",
    "Pejabat/unit yang menguasai informasi",
    "Penanggung jawab pembuatan/penerbitan",
    "Waktu pembuatan",
    "Tempat pembuatan",
    "Bentuk informasi",
    "Jangka waktu penyimpanan",
    "Tahun",
    "Diperbarui",
    "Status",
    "Tautan",
    "Alamat halaman",
    "Kewajiban DIP yang dipenuhi",  # ids of site_builder/data/kewajiban-dip.yml
    "Folder unit",  # dip/<folder>/: what `ppid impor` needs to put the entry back
)
_WIDTHS = (7, 40, 60, 22, 30, 30, 14, 24, 20, 18, 7, 12, 10, 40, 40, 30, 20)

# The Daftar Informasi yang Dikecualikan: each exempted entry with its consequence test, and
# the DIP elements it keeps (Perki 1/2021 Pasal 14): with them `ppid impor dip.xlsx dik.xlsx`
# gives back every entry, the exempted ones from this list.
DIK_COLUMNS = (
    "Nomor",
    "Informasi yang dikecualikan",
    "Ringkasan",
    "Pejabat/unit yang menguasai informasi",
    "Penanggung jawab pembuatan/penerbitan",
    "Waktu pembuatan",
    "Tempat pembuatan",
    "Bentuk informasi",
    "Jangka waktu penyimpanan",
    "Dasar hukum",
    "Pasal 17",
    "Konsekuensi bila dibuka",
    "Pertimbangan kepentingan publik",
    "Berlaku sampai/jangka waktu",
    "Penetap uji konsekuensi",
    "Dasar penetapan",
    "Nomor SK",
    "Tanggal uji",
    "Tahun",
    "Diperbarui",
    "Status",
    "Alamat halaman",
    "Kewajiban DIP yang dipenuhi",
    "Folder unit",
)
_DIK_WIDTHS = (
    7,
    40,
    50,
    30,
    30,
    14,
    24,
    20,
    18,
    40,
    9,
    50,
    50,
    22,
    24,
    40,
    24,
    12,
    7,
    12,
    10,
    40,
    30,
    20,
)


def _iso(value: date | int) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def entry_url(entry: Entry, base_url: str) -> str:
    """The entry's public page (absolute when the site's address is known)."""
    return f"{base_url}/informasi/{entry.slug}/"


def _row(n: int, e: Entry, base_url: str) -> list[str | int]:
    return [
        n,
        e.judul,
        e.ringkasan,
        KATEGORI_LABEL[e.kategori],
        e.penguasa,
        e.penanggung_jawab,
        _iso(e.waktu_pembuatan),
        e.tempat_pembuatan,
        ", ".join(BENTUK_LABEL[b] for b in e.bentuk),
        e.retensi,
        e.tahun,
        e.diperbarui.isoformat(),
        e.status,
        "\n".join(t.url for t in e.tautan),
        entry_url(e, base_url),
        ", ".join(e.kewajiban),
        e.unit,
    ]


def _dik_row(n: int, e: Entry, office: Office, base_url: str) -> list[str | int]:
    uji = e.uji_konsekuensi
    assert uji is not None  # the loader requires it of every exempted entry
    who = uji.penetap_of(office)
    return [
        n,
        e.judul,
        e.ringkasan,
        e.penguasa,
        e.penanggung_jawab,
        _iso(e.waktu_pembuatan),
        e.tempat_pembuatan,
        ", ".join(BENTUK_LABEL[b] for b in e.bentuk),
        e.retensi,
        "; ".join(uji.dasar_hukum),
        ", ".join(uji.pasal_17),
        uji.konsekuensi,
        uji.kepentingan_publik,
        uji.berlaku_sampai.isoformat() if uji.berlaku_sampai else uji.jangka_waktu or "",
        who.badan,
        who.dasar,
        uji.nomor_sk,
        uji.tanggal_uji.isoformat(),
        e.tahun,
        e.diperbarui.isoformat(),
        e.status,
        entry_url(e, base_url),
        ", ".join(e.kewajiban),
        e.unit,
    ]


def rows(
    catalogue: Catalogue, pratinjau: bool = False, base_url: str = ""
) -> list[list[str | int]]:
    """The DIP as table rows (without the header), numbered in official order."""
    return [
        [safe(v) for v in _row(n, e, base_url)]
        for n, e in enumerate(catalogue.dip_entries(pratinjau), start=1)
    ]


def dik_rows(
    catalogue: Catalogue, pratinjau: bool = False, base_url: str = ""
) -> list[list[str | int]]:
    """The Daftar Informasi yang Dikecualikan as table rows (without the header)."""
    return [
        [safe(v) for v in _dik_row(n, e, catalogue.office, base_url)]
        for n, e in enumerate(catalogue.dik_entries(pratinjau), start=1)
    ]


def _csv(columns: tuple[str, ...], body: list[list[str | int]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(body)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_csv(catalogue: Catalogue, pratinjau: bool = False, base_url: str = "") -> bytes:
    """RFC 4180 CSV, UTF-8 with a BOM so spreadsheet programs read it as UTF-8."""
    return _csv(COLUMNS, rows(catalogue, pratinjau, base_url))


def dik_csv(catalogue: Catalogue, pratinjau: bool = False, base_url: str = "") -> bytes:
    """The DIK as CSV, like to_csv()."""
    return _csv(DIK_COLUMNS, dik_rows(catalogue, pratinjau, base_url))


def to_xlsx(catalogue: Catalogue, pratinjau: bool = False, base_url: str = "") -> bytes:
    """The DIP as a workbook, identical bytes for identical data."""
    office = catalogue.office
    return _workbook(
        catalogue,
        "DIP",
        f"Daftar Informasi Publik {office.nama} Tahun {office.dip.tahun}",
        COLUMNS,
        _WIDTHS,
        rows(catalogue, pratinjau, base_url),
        wrapped=(1, 2),
    )


def dik_xlsx(catalogue: Catalogue, pratinjau: bool = False, base_url: str = "") -> bytes:
    """The DIK as a workbook, identical bytes for identical data."""
    office = catalogue.office
    return _workbook(
        catalogue,
        "DIK",
        f"Daftar Informasi yang Dikecualikan {office.nama} Tahun {office.dip.tahun}",
        DIK_COLUMNS,
        _DIK_WIDTHS,
        dik_rows(catalogue, pratinjau, base_url),
        wrapped=(1, 2, 11, 12),
    )


def _workbook(
    catalogue: Catalogue,
    sheet: str,
    title: str,
    columns: tuple[str, ...],
    widths: tuple[int, ...],
    body: list[list[str | int]],
    wrapped: tuple[int, ...],
) -> bytes:
    """One sheet: a title, the decree, the header and the rows.

    Written in openpyxl's write-only mode: at 5,000 entries it is about 3x faster than the
    normal mode, and the workbook is built on every site build. openpyxl is imported here
    (about 0.1 s), not with the module: a build makes the workbook in its downloads process,
    so the build itself never pays for it.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    office = catalogue.office
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(columns))}{3 + len(body)}"
    ws.append([cell(ws, title, Font(bold=True, size=13))])
    ws.append(
        [
            f"Ditetapkan dengan SK nomor {office.dip.nomor_sk} tanggal "
            f"{format_date(office.dip.tanggal_penetapan)}"
        ]
    )
    ws.append([cell(ws, name, bold) for name in columns])
    for row in body:
        # only the long text columns wrap: styling every cell doubles the time
        ws.append([cell(ws, v, None, wrap) if i in wrapped else v for i, v in enumerate(row)])
    stamp = datetime.combine(office.dip.tanggal_penetapan, time(0, 0))
    wb.properties.creator = office.nama
    wb.properties.title = f"{sheet} {office.dip.tahun}"
    return save(wb, stamp)


def _entry_json(n: int, e: Entry, office: Office, base_url: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "nomor": n,
        "slug": e.slug,
        "unit": e.unit,
        "url": entry_url(e, base_url),
        "judul": e.judul,
        "ringkasan": e.ringkasan,
        "kategori": e.kategori,
        "penanggung_jawab": e.penanggung_jawab,
        "penguasa": e.penguasa,
        "waktu_pembuatan": _iso(e.waktu_pembuatan)
        if isinstance(e.waktu_pembuatan, date)
        else e.waktu_pembuatan,
        "tempat_pembuatan": e.tempat_pembuatan,
        "bentuk": list(e.bentuk),
        "retensi": e.retensi,
        "tautan": [{"judul": t.judul, "url": t.url} for t in e.tautan],
        "tahun": e.tahun,
        "diperbarui": e.diperbarui.isoformat(),
        "status": e.status,
    }
    if e.uji_konsekuensi is not None:
        u = e.uji_konsekuensi
        who = u.penetap_of(office)
        out["uji_konsekuensi"] = {
            "dasar_hukum": list(u.dasar_hukum),
            "pasal_17": list(u.pasal_17),
            "konsekuensi": u.konsekuensi,
            "kepentingan_publik": u.kepentingan_publik,
            "berlaku_sampai": u.berlaku_sampai.isoformat() if u.berlaku_sampai else None,
            "jangka_waktu": u.jangka_waktu,
            "nomor_sk": u.nomor_sk,
            "tanggal_uji": u.tanggal_uji.isoformat(),
            # always filled: the office's own PPID when the YAML leaves `penetap` out
            "penetap": {"badan": who.badan, "dasar": who.dasar},
        }
    return out


def _json(catalogue: Catalogue, key: str, entries: tuple[Entry, ...], base_url: str) -> bytes:
    o = catalogue.office
    doc = {
        "badan_publik": {
            "nama": o.nama,
            "alamat": o.alamat,
            "telepon": o.telepon,
            "email": o.email,
            "laman": o.laman,
            "ppid": {"nama": o.ppid.nama, "jabatan": o.ppid.jabatan},
        },
        key: {
            "tahun": o.dip.tahun,
            "nomor_sk": o.dip.nomor_sk,
            "tanggal_penetapan": o.dip.tanggal_penetapan.isoformat(),
        },
        "jumlah": len(entries),
        "entri": [_entry_json(n, e, o, base_url) for n, e in enumerate(entries, start=1)],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_json(catalogue: Catalogue, pratinjau: bool = False, base_url: str = "") -> bytes:
    """The DIP as JSON with the same key names as the YAML files."""
    return _json(catalogue, "dip", catalogue.dip_entries(pratinjau), base_url)


def dik_json(catalogue: Catalogue, pratinjau: bool = False, base_url: str = "") -> bytes:
    """The DIK as JSON with the same key names as the YAML files, `uji_konsekuensi` included."""
    return _json(catalogue, "dik", catalogue.dik_entries(pratinjau), base_url)


_MEDIA = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".json": "application/json",
    ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".mp4": "video/mp4",
    ".mp3": "audio/mpeg",
}


def _distribution(url: str, title: str) -> dict[str, str]:
    suffix = "." + url.rsplit(".", 1)[-1].lower() if "." in url.rsplit("/", 1)[-1] else ""
    if suffix in _MEDIA:
        return {
            "@type": "dcat:Distribution",
            "title": title,
            "downloadURL": url,
            "mediaType": _MEDIA[suffix],
        }
    return {"@type": "dcat:Distribution", "title": title, "accessURL": url}


def to_data_json(catalogue: Catalogue, pratinjau: bool = False, base_url: str = "") -> bytes:
    """The DIP as a Project Open Data v1.1 catalogue (DCAT-US), for data portals."""
    o = catalogue.office
    datasets = []
    for e in catalogue.dip_entries(pratinjau):  # the exempted are not open data
        url = entry_url(e, base_url)
        dataset: dict[str, Any] = {
            "@type": "dcat:Dataset",
            "title": e.judul,
            "description": e.ringkasan,
            "keyword": [
                "DIP",
                KATEGORI_LABEL[e.kategori],
                catalogue.unit_by_slug[e.unit].nama,
                str(e.tahun),
            ],
            "modified": e.diperbarui.isoformat(),
            "publisher": {"@type": "org:Organization", "name": o.nama},
            "contactPoint": {
                "@type": "vcard:Contact",
                "fn": f"PPID {o.nama}",
                "hasEmail": f"mailto:{o.email}",
            },
            "identifier": url if url.startswith("http") else f"dip:{e.slug}",
            "accessLevel": "public",
            "language": ["id"],
        }
        if url.startswith("http"):
            dataset["landingPage"] = url
        if e.kategori == "berkala":
            dataset["accrualPeriodicity"] = "R/P6M"  # at least every six months (Pasal 9)
        if e.tautan:
            dataset["distribution"] = [_distribution(t.url, t.judul) for t in e.tautan]
        datasets.append(dataset)
    return pod_catalogue(datasets)


def pod_catalogue(datasets: list[dict[str, Any]]) -> bytes:
    """A Project Open Data v1.1 catalogue (data.json) of these datasets: an office's, or
    every office's in the national portal."""
    doc = {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": datasets,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def exports(
    catalogue: Catalogue, *, pratinjau: bool = False, base_url: str = ""
) -> dict[str, bytes]:
    """Every download file, by its path in the site."""
    return {
        "unduh/dip.csv": to_csv(catalogue, pratinjau, base_url),
        "unduh/dip.xlsx": to_xlsx(catalogue, pratinjau, base_url),
        "unduh/dip.json": to_json(catalogue, pratinjau, base_url),
        "unduh/dik.csv": dik_csv(catalogue, pratinjau, base_url),
        "unduh/dik.xlsx": dik_xlsx(catalogue, pratinjau, base_url),
        "unduh/dik.json": dik_json(catalogue, pratinjau, base_url),
        "data.json": to_data_json(catalogue, pratinjau, base_url),
    }
