"""Register & laporan (/meja/laporan): the staff registers (XLSX, as `ppid register
permohonan|keberatan` writes them), the monthly nota dinas (as `ppid laporan bulanan`) and the
annual report (as `ppid laporan tahunan`, from the relay's records and the PPID's narrative
file), each download recorded in the audit log. All are internal documents: the registers
carry personal data, the monthly report names staff.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms import register, staff_register
from forms.desk.web import Staff, desk_of, page, refused, staff
from forms.laporan import Bulan, bulanan
from site_builder import dokumen
from site_builder.laporan import tahunan as laporan_tahunan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}
FORMAT_LABEL = {"pdf": "PDF (untuk dicetak)", "docx": "DOCX (dapat diubah)", "md": "Markdown"}
REGISTERS = {"permohonan": "Register permohonan", "keberatan": "Register keberatan"}
FIRST_YEAR, LAST_YEAR = 2008, 2100


async def halaman(request: Request) -> Response:
    who = staff(request, "laporan")
    today = desk_of(request).tracker_for(who.kantor).today()
    return page(
        request,
        who,
        "laporan.html",
        registers=REGISTERS,
        formats=FORMAT_LABEL,
        tahun=today.year,
        bulan=f"{today.year}-{today.month:02d}",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
    )


def _year(request: Request) -> int:
    text = request.query_params.get("tahun", "").strip()
    if not (text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
        raise refused(
            400,
            f"Tahun '{text[:20]}' tidak sah; tulis tahun empat angka antara {FIRST_YEAR} "
            f"dan {LAST_YEAR}, misalnya 2026",
        )
    return int(text)


def _format(request: Request) -> str:
    chosen = request.query_params.get("format", "pdf")
    if chosen not in FORMATS:
        raise refused(400, f"Format '{chosen[:20]}' tidak dikenal; pilihan: {', '.join(FORMATS)}")
    return chosen


def _office(request: Request) -> Any:
    catalogue = desk_of(request).catalogue()
    if catalogue is None:
        raise refused(
            503,
            "Data DIP tidak dapat dibaca, sehingga nama kantor dan pejabatnya tidak "
            "diketahui; jalankan 'ppid check' lalu perbaiki dip/badan-publik.yml",
        )
    return catalogue.office


def _download(
    request: Request, who: Staff, body: bytes, media_type: str, name: str, **isi: Any
) -> Response:
    desk_of(request).audit.write(who.account.nama_pengguna, who.alamat, "unduh", name, **isi)
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def _document(doc: dokumen.Document, chosen: str) -> bytes:
    if chosen == "pdf":
        return dokumen.to_pdf(doc)
    if chosen == "docx":
        return dokumen.to_docx(doc)
    return dokumen.to_markdown(doc).encode("utf-8")


async def register_xlsx(request: Request) -> Response:
    """A staff register of a kind and year, as `ppid register permohonan|keberatan`."""
    who = staff(request, "laporan")
    desk = desk_of(request)
    jenis = request.query_params.get("jenis", "")
    if jenis not in REGISTERS:
        raise refused(
            400, f"Register '{jenis[:20]}' tidak dikenal; pilihan: {', '.join(REGISTERS)}"
        )
    year = _year(request)
    office = _office(request)

    tracker = desk.tracker_for(who.kantor)  # the office's own records only
    made = await run_in_threadpool(
        staff_register.export, tracker, jenis, year, office, tracker.today()
    )
    return _download(
        request, who, made.content, XLSX, f"register-{jenis}-{year}.xlsx", jumlah=made.jumlah
    )


async def bulanan_unduh(request: Request) -> Response:
    """The monthly nota dinas to the head of the office, as `ppid laporan bulanan`."""
    who = staff(request, "laporan")
    desk = desk_of(request)
    text = request.query_params.get("bulan", "")
    try:
        month = Bulan.parse(text[:20])
    except ValueError as exc:
        raise refused(400, f"Bulan laporan: {exc}") from exc
    if not FIRST_YEAR <= month.tahun <= LAST_YEAR:
        raise refused(400, f"Bulan laporan: tahun {month.tahun} di luar {FIRST_YEAR}-{LAST_YEAR}")
    chosen = _format(request)
    office = _office(request)

    def build() -> bytes:
        tracker = desk.tracker_for(who.kantor)
        fmt = desk.settings.nota_dinas_format
        return _document(bulanan(tracker, month, office, tracker.today(), None, fmt), chosen)

    body = await run_in_threadpool(build)
    name = f"laporan-bulanan-{month.tahun}-{month.bulan:02d}.{chosen}"
    return _download(request, who, body, FORMATS[chosen], name)


async def tahunan_unduh(request: Request) -> Response:
    """The annual report (Perki 1/2021 Pasal 56), as `ppid laporan tahunan`: the figures
    from the relay's own records, the narrative from laporan/tahunan-<tahun>.yml."""
    who = staff(request, "laporan")
    desk = desk_of(request)
    year = _year(request)
    chosen = _format(request)
    office = _office(request)
    base = desk.settings.office_file.resolve().parent.parent  # the project: dip/ is in it
    path = laporan_tahunan.narasi_path(base, year)

    story, problems = await run_in_threadpool(laporan_tahunan.load_narasi, path)
    if story is None:
        if not path.is_file():
            raise refused(
                404,
                f"Narasi laporan tahunan {year} belum ada (laporan/tahunan-{year}.yml); "
                f"buat dengan 'ppid laporan narasi --tahun {year}', isi, lalu unduh lagi",
            )
        shown = "; ".join(str(p) for p in problems if p.is_error)[:600]
        raise refused(422, f"Narasi laporan tahunan {year} belum dapat dipakai: {shown}")
    if story.tahun != year:
        raise refused(422, f"{path.name} berisi narasi tahun {story.tahun}, bukan {year}")

    def build() -> bytes:
        tracker = desk.tracker_for(who.kantor)
        today = tracker.today()
        rows = register.rows(tracker, today)
        return _document(laporan_tahunan.tahunan(rows, story, office, today), chosen)

    body = await run_in_threadpool(build)
    return _download(request, who, body, FORMATS[chosen], f"laporan-tahunan-{year}.{chosen}")


ROUTES = [
    Route("/laporan", halaman, methods=["GET"]),
    Route("/laporan/register", register_xlsx, methods=["GET"]),
    Route("/laporan/bulanan", bulanan_unduh, methods=["GET"]),
    Route("/laporan/tahunan", tahunan_unduh, methods=["GET"]),
]
