"""Account administration (/meja/pengguna) and the audit log (/meja/audit).

The administrator adds accounts, makes invitation links, (de)activates accounts, changes
roles and units, requires the second factor for roles and resets someone's. Every change is
in the audit log; nobody can lock themselves out (deactivate their own account or drop the
role that lets them manage accounts)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms.desk.accounts import INVITE_HOURS, PANTAU_TINGKAT, AccountError
from forms.desk.audit import TINDAKAN_LABEL
from forms.desk.web import Staff, desk_of, form, page, redirect, staff
from forms.intake.validation import mail_address
from site_builder.text import sentence

DONE = {
    "tambah": "Akun ditambahkan. Buat tautan undangan agar pemiliknya mengatur kata sandi.",
    "ubah": "Peran dan unit akun diubah.",
    "aktif": "Akun diaktifkan kembali.",
    "nonaktif": "Akun dinonaktifkan; semua sesinya berakhir.",
    "atur_ulang_kode": "Kode dua langkah akun diatur ulang; pemiliknya menyiapkannya lagi.",
    "wajib_kode": "Peran yang wajib memakai kode dua langkah disimpan.",
}
AUDIT_PAGE = 200
MAX_DAYS = 366  # one range is read at once


def _show(
    request: Request,
    who: Staff,
    status: int = 200,
    galat: str = "",
    sasaran: str = "",
    posted: dict[str, list[str]] | None = None,
    undangan: tuple[str, str] | None = None,
) -> Response:
    desk = desk_of(request)
    ok = request.query_params.get("ok", "")
    office = desk.office(who.kantor)
    return page(
        request,
        who,
        "pengguna.html",
        status,
        accounts=desk.accounts.all(who.kantor),  # an administrator manages their office's
        kantor=office,
        banyak_kantor=desk.registry is not None,
        boleh_pantau=office is not None and office.tingkat in PANTAU_TINGKAT,
        roles=desk.roles,
        units=desk.units(),
        wajib=desk.accounts.totp_required_roles(),
        galat=galat,
        sasaran=sasaran,
        posted=posted or {},
        undangan=undangan,
        jam=INVITE_HOURS,
        selesai=DONE.get(ok, "") if status == 200 and not undangan else "",
    )


async def pengguna(request: Request) -> Response:
    who = staff(request, "pengguna")
    if request.method == "GET":
        return await run_in_threadpool(_show, request, who)
    data = await form(request, who)
    posted = {k: [str(v) for v in data.getlist(k)] for k in data if k != "_csrf"}
    aksi = str(data.get("aksi", ""))
    target = str(data.get("nama_pengguna", "")).strip().lower()[:60]
    try:
        result = await run_in_threadpool(_change, request, who, aksi, target, posted)
    except AccountError as exc:
        return _show(request, who, 422, sentence(exc), target or aksi, posted)
    if aksi == "undang":
        return _show(request, who, undangan=(target, result))
    return redirect(f"/meja/pengguna?ok={aksi}#akun-{target}" if target else "/meja/pengguna")


def _change(
    request: Request, who: Staff, aksi: str, target: str, posted: dict[str, list[str]]
) -> str:
    """Apply one change (AccountError when it cannot be done); an invitation's link."""
    desk = desk_of(request)
    accounts = desk.accounts
    me = who.account.nama_pengguna
    peran = posted.get("peran", [])
    unit = posted.get("unit", [])
    known_units = {u for u, _ in desk.units()}
    bad_unit = [u for u in unit if known_units and u not in known_units]
    if bad_unit:
        raise AccountError(f"unit '{bad_unit[0][:60]}' tidak ada di DIP")
    detail: dict[str, Any] = {}
    link = ""
    many = desk.registry is not None
    pantau = many and (posted.get("pantau") or [""])[0] == "1"
    if aksi not in ("tambah", "wajib_kode"):
        found = accounts.find(target)
        if found is None or found.kantor != who.kantor:  # another office's: as if none
            raise AccountError(f"pengguna '{target}' tidak ada")
    if aksi == "tambah":
        surel = (posted.get("surel") or [""])[0].strip()
        if surel and mail_address(surel) is None:
            raise AccountError(f"surel '{surel[:80]}' tidak valid; contoh: nama@kpu-contoh.go.id")
        nama = (posted.get("nama") or [""])[0]
        address = mail_address(surel) if surel else None
        # a new account belongs to the administrator's own office
        account = accounts.add(
            target, nama, peran, unit, address, kantor=who.kantor if many else "", pantau=pantau
        )
        target = account.nama_pengguna
        detail = {"peran": list(account.peran), "unit": list(account.unit)}
        if many:
            detail |= {"kantor": account.kantor, "pantau": account.pantau}
    elif aksi == "ubah":
        if target == me and "pengguna" not in desk.roles.permissions(peran):
            raise AccountError(
                "Anda tidak dapat melepas peran yang mengelola akun dari akun Anda sendiri; "
                "minta administrator lain melakukannya"
            )
        if many:  # the monitoring's rules checked before anything changes
            accounts.check_office(who.kantor, pantau, accounts.roles.check_codes(peran))
        account = accounts.set_roles(target, peran, unit)
        detail = {"peran": list(account.peran), "unit": list(account.unit)}
        if many:
            account = accounts.set_office(target, pantau=pantau)
            detail["pantau"] = account.pantau
    elif aksi in ("aktif", "nonaktif"):
        if target == me and aksi == "nonaktif":
            raise AccountError(
                "Anda tidak dapat menonaktifkan akun Anda sendiri; minta administrator lain"
            )
        accounts.set_active(target, aksi == "aktif")
    elif aksi == "undang":
        # the site's configured address, never the request's Host header
        link = f"{desk.settings.public_url}/meja/undangan/{accounts.invite(target)}"
    elif aksi == "atur_ulang_kode":
        accounts.disable_totp(target)
    elif aksi == "wajib_kode":
        detail = {"peran": list(accounts.require_totp(peran))}
        target = ""
    else:
        raise AccountError(f"perubahan '{aksi[:40]}' tidak dikenal")
    desk.audit.write(me, who.alamat, "pengguna", target, ubah=aksi, **detail)
    return link


async def audit(request: Request) -> Response:
    """The audit log of a range of the office's days, newest first, a page at a time."""
    who = staff(request, "audit")
    desk = desk_of(request)
    today = desk.tracker_for(who.kantor).today()
    galat = ""
    try:
        sampai = _day(request.query_params.get("sampai", ""), today)
        dari = _day(request.query_params.get("dari", ""), sampai - timedelta(days=6))
        if dari > sampai or (sampai - dari).days > MAX_DAYS:
            raise ValueError
    except ValueError:
        galat = (
            "Tanggal tidak valid: tulis TTTT-BB-HH, dengan 'dari' tidak sesudah 'sampai' dan "
            f"rentang paling lama {MAX_DAYS} hari"
        )
        dari, sampai = today - timedelta(days=6), today
    try:
        halaman = max(1, int(request.query_params.get("halaman", "1")))
    except ValueError:
        halaman = 1
    clock = desk.tracker_for(who.kantor).clock
    start = (halaman - 1) * AUDIT_PAGE
    # in a deployment of many offices, what this office's accounts did
    names = (
        [a.nama_pengguna for a in desk.accounts.all(who.kantor)]
        if desk.registry is not None
        else None
    )
    total = await run_in_threadpool(desk.audit.count, dari, sampai, clock, names)
    entries = await run_in_threadpool(
        lambda: list(desk.audit.read(dari, sampai, clock, True, start, AUDIT_PAGE, names))
    )
    return page(
        request,
        who,
        "audit.html",
        422 if galat else 200,
        entries=entries,
        total=total,
        start=start,
        halaman=halaman,
        per=AUDIT_PAGE,
        dari=dari,
        sampai=sampai,
        galat=galat,
        labels=TINDAKAN_LABEL,
        clock=clock,
    )


def _day(text: str, default: date) -> date:
    return date.fromisoformat(text) if text.strip() else default


ROUTES = [
    Route("/pengguna", pengguna, methods=["GET", "POST"]),
    Route("/audit", audit, methods=["GET"]),
]
