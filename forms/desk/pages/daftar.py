"""Beranda (/meja/) and Daftar (/meja/daftar, and its XLSX)."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms import vocab
from forms.desk.index import Filters
from forms.desk.web import deny, desk_of, page, refused, staff

GROUPS = {
    "baru": "Baru masuk",
    "belum_lengkap": "Menunggu kelengkapan",
    "segera": "Tenggat dalam 2 hari kerja",
    "terlambat": "Melewati tenggat",
    "diperpanjang": "Diperpanjang",
    "menunggu_atasan": "Keberatan menunggu atasan PPID",
    "unit_saya": "Didisposisikan ke unit saya",
}


def _who_sees(request: Request):  # type: ignore[no-untyped-def]
    who = staff(request)
    if not (who.can("lihat_semua") or who.can("lihat_unit")):
        deny(request, who, "lihat_semua")
    return who


async def beranda(request: Request) -> Response:
    who = _who_sees(request)
    desk = desk_of(request)
    today = desk.tracker_for(who.kantor).today()

    def build() -> dict[str, tuple[int, list]]:  # type: ignore[type-arg]
        desk.index.refresh()
        return desk.index.counts(today, who.units, who.account.unit, kantor=who.kantor)

    counts = await run_in_threadpool(build)
    return page(request, who, "beranda.html", groups=GROUPS, counts=counts)


def filters(request: Request) -> Filters:
    q = request.query_params

    def choice(name: str, allowed: tuple[str, ...] | list[str]) -> str:
        value = q.get(name, "")
        if value and value not in allowed:
            raise refused(400, f"Pilihan '{name}' tidak dikenal: {value[:40]}")
        return value

    tahun_raw = q.get("tahun", "").strip()
    if tahun_raw and not (tahun_raw.isdigit() and 2010 <= int(tahun_raw) <= 2100):
        raise refused(400, "Tahun harus empat angka, misalnya 2026")
    hal_raw = q.get("hal", "1")
    return Filters(
        jenis=choice("jenis", ("permohonan", "keberatan")),
        status=choice("status", vocab.STATES),
        unit=q.get("unit", "")[:100],
        saluran=choice("saluran", vocab.SALURAN),
        tahun=int(tahun_raw) if tahun_raw else None,
        terlambat=q.get("terlambat") == "1",
        saya=q.get("saya") == "1",
        q=" ".join(q.get("q", "").split())[:100],
        hal=int(hal_raw) if hal_raw.isdigit() and len(hal_raw) < 7 else 1,
    )


async def daftar(request: Request) -> Response:
    who = _who_sees(request)
    desk = desk_of(request)
    f = filters(request)
    today = desk.tracker_for(who.kantor).today()

    def build():  # type: ignore[no-untyped-def]
        desk.index.refresh()
        return desk.index.page(f, today, who.units, who.names, kantor=who.kantor)

    found = await run_in_threadpool(build)
    query = {k: v for k, v in request.query_params.items() if k != "hal" and v}
    return page(
        request,
        who,
        "daftar.html",
        f=f,
        found=found,
        query=query,
        units=desk.units(),
        states=vocab.STATES,
        channels=vocab.SALURAN,
    )


async def daftar_xlsx(request: Request) -> Response:
    """The list as a spreadsheet: every requester's name in one file that leaves the desk,
    so only for the roles that download registers (`laporan`), not a unit's pelaksana."""
    who = _who_sees(request)
    if not who.can("laporan"):
        deny(request, who, "laporan")
    desk = desk_of(request)
    f = filters(request)
    today = desk.tracker_for(who.kantor).today()

    def build() -> bytes:
        from openpyxl import Workbook

        from site_builder import workbook

        desk.index.refresh()
        rows = desk.index.rows(f, today, who.units, who.names, kantor=who.kantor)
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Daftar")
        ws.append(
            [
                "Nomor",
                "Jenis",
                "Diterima",
                "Pemohon",
                "Perihal",
                "Status",
                "Saluran",
                "Unit",
                "Petugas",
                "Tenggat",
                "Sisa hari kerja",
                "Terlambat",
            ]
        )
        for r in rows:
            ws.append(
                [
                    workbook.safe(r.nomor),
                    r.jenis,
                    r.diterima,
                    workbook.safe(r.pemohon),
                    workbook.safe(r.judul),
                    vocab.STATUS_LABEL[r.status],
                    vocab.SALURAN_LABEL.get(r.saluran, r.saluran),
                    workbook.safe(r.unit or ""),
                    workbook.safe(r.petugas or ""),
                    r.tenggat,
                    r.sisa,
                    "ya" if r.terlambat else "tidak",
                ]
            )
        return workbook.save(wb, datetime.now(UTC).replace(microsecond=0, tzinfo=None))

    body = await run_in_threadpool(build)
    desk.audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "unduh",
        "daftar.xlsx",
        jumlah_filter=len([v for v in request.query_params.values() if v]),
    )
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="daftar-{today.isoformat()}.xlsx"'},
    )


ROUTES = [
    Route("/", beranda, methods=["GET"]),
    Route("/daftar", daftar, methods=["GET"]),
    Route("/daftar.xlsx", daftar_xlsx, methods=["GET"]),
]
