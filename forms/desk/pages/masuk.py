"""Signing in and out: /meja/masuk, the second factor, invitations, and the stylesheet."""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from forms.desk.accounts import AccountError
from forms.desk.sessions import COOKIE
from forms.desk.web import PREFIX, desk_of, page, redirect, refused, static_file
from forms.intake import submission as intake
from site_builder.dates import format_date
from site_builder.text import sentence

LOGIN_CSRF = "ppid_meja_masuk"  # double-submit token of the sign-in form (before a session)


def _next(raw: str) -> str:
    """Where to go after signing in: a desk path only, never another site."""
    if raw.startswith(f"{PREFIX}/") and not raw.startswith(("//", "/\\")) and "\\" not in raw:
        return raw
    return f"{PREFIX}/"


def _set_session(request: Request, response: Response, value: str) -> None:
    response.set_cookie(
        COOKIE,
        value,
        path=PREFIX,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def _sign_in_form(
    request: Request, lanjut: str, galat: str = "", nama_pengguna: str = "", status: int = 200
) -> Response:
    """The sign-in form with a fresh double-submit token (its cookie for this form only)."""
    token = secrets.token_urlsafe(24)
    response = page(
        request,
        None,
        "masuk.html",
        status,
        lanjut=lanjut,
        token=token,
        galat=galat,
        nama_pengguna=nama_pengguna,
    )
    response.set_cookie(
        LOGIN_CSRF,
        token,
        path=f"{PREFIX}/masuk",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


async def masuk(request: Request) -> Response:
    desk = desk_of(request)
    lanjut = _next(request.query_params.get("lanjut", ""))
    if request.method == "GET":
        return _sign_in_form(request, lanjut)
    data = await request.form(max_files=0, max_fields=10)
    given = str(data.get("_csrf", ""))
    cookie = request.cookies.get(LOGIN_CSRF, "")
    if not given or not cookie or not hmac.compare_digest(given, cookie):
        raise refused(403, "Formulir masuk kedaluwarsa; muat ulang halaman lalu coba lagi")
    username = str(data.get("nama_pengguna", "")).strip().lower()[:60]
    password = str(data.get("kata_sandi", ""))
    lanjut = _next(str(data.get("lanjut", "")))
    alamat = desk.client(request)

    def again(message: str, status: int = 200) -> Response:
        return _sign_in_form(request, lanjut, message, username, status)

    if not username or not password:
        return again("Isi nama pengguna dan kata sandi", 422)
    wait = desk.accounts.wait_for(username, alamat)
    if wait is not None:
        desk.audit.write(username, alamat, "masuk_ditahan", username)
        local = desk.tracker.clock.local(wait)
        minutes = max(1, int((wait - datetime.now(UTC)).total_seconds() // 60) + 1)
        raise intake.Rejected(
            429,
            "Terlalu banyak percobaan masuk yang gagal. Tunggu sekitar "
            f"{minutes} menit (sampai pukul {desk.tracker.clock.shown(wait)}, "
            f"{format_date(local.date())}) lalu coba lagi, atau minta administrator "
            "mengatur ulang kata sandi Anda",
            retry_after=minutes * 60,
        )
    # argon2 takes a few hundred ms: off the event loop the public relay shares
    account = await run_in_threadpool(desk.accounts.verify, username, password)
    desk.accounts.attempt(username, alamat, account is not None)
    if account is None:
        desk.audit.write(username, alamat, "masuk_gagal", username)
        return again("Nama pengguna atau kata sandi salah, atau akun nonaktif", 401)
    needs_code = account.dua_langkah
    value = desk.sessions.start(account, alamat, "kode" if needs_code else "masuk")
    if not needs_code:
        desk.audit.write(account.nama_pengguna, alamat, "masuk", account.nama_pengguna)
    target = f"{PREFIX}/masuk/kode?lanjut={quote(lanjut, safe='')}" if needs_code else lanjut
    if not needs_code and desk.accounts.must_use_totp(account):
        target = f"{PREFIX}/akun?wajib=1"
    response = redirect(target)
    _set_session(request, response, value)
    response.delete_cookie(LOGIN_CSRF, path=f"{PREFIX}/masuk")
    return response


async def kode(request: Request) -> Response:
    """The second factor, after the password, before the session counts as signed in."""
    desk = desk_of(request)
    session = desk.sessions.get(request.cookies.get(COOKIE))
    lanjut = _next(request.query_params.get("lanjut", ""))
    if session is None:
        return redirect(f"{PREFIX}/masuk")
    if session.signed_in:
        return redirect(lanjut)
    if request.method == "GET":
        return page(request, None, "kode.html", csrf_sesi=session.csrf, lanjut=lanjut, galat="")
    data = await request.form(max_files=0, max_fields=10)
    if not session.csrf_ok(str(data.get("_csrf", ""))):
        raise refused(403, "Formulir kedaluwarsa; muat ulang halaman lalu coba lagi")
    alamat = desk.client(request)
    account = session.account
    wait = desk.accounts.wait_for(account.nama_pengguna, alamat)
    if wait is not None:
        desk.sessions.end_key(session.key)
        raise intake.Rejected(
            429,
            "Terlalu banyak kode yang salah; tunggu sampai pukul "
            f"{desk.tracker.clock.shown(wait)} lalu masuk lagi",
        )
    if not desk.accounts.check_totp(account, str(data.get("kode", ""))):
        desk.accounts.attempt(account.nama_pengguna, alamat, False)
        desk.audit.write(account.nama_pengguna, alamat, "kode_gagal", account.nama_pengguna)
        return page(
            request,
            None,
            "kode.html",
            401,
            csrf_sesi=session.csrf,
            lanjut=lanjut,
            galat="Kode tidak cocok; periksa aplikasi autentikator Anda",
        )
    desk.accounts.attempt(account.nama_pengguna, alamat, True)
    desk.sessions.promote(session)
    desk.audit.write(
        account.nama_pengguna, alamat, "masuk", account.nama_pengguna, dua_langkah=True
    )
    return redirect(_next(str(data.get("lanjut", lanjut))))


async def keluar(request: Request) -> Response:
    desk = desk_of(request)
    session = desk.sessions.get(request.cookies.get(COOKIE))
    if session is not None:
        data = await request.form(max_files=0, max_fields=5)
        if not session.csrf_ok(str(data.get("_csrf", ""))):
            raise refused(403, "Formulir kedaluwarsa; muat ulang halaman lalu coba lagi")
        desk.sessions.end_key(session.key)
        desk.audit.write(session.account.nama_pengguna, desk.client(request), "keluar", "")
    response = redirect(f"{PREFIX}/masuk?keluar=1")
    response.delete_cookie(COOKIE, path=PREFIX)
    return response


async def undangan(request: Request) -> Response:
    """Setting one's password with the one-time link of `ppid pengguna undang`."""
    desk = desk_of(request)
    token = request.path_params["token"]
    account = desk.accounts.invitation(token)
    if account is None:
        raise refused(
            410,
            "Tautan undangan ini tidak berlaku lagi (sudah dipakai atau lewat 24 jam); minta "
            "administrator membuat undangan baru",
        )

    def form_page(galat: str = "", status: int = 200) -> Response:
        return page(request, None, "undangan.html", status, akun=account, token=token, galat=galat)

    if request.method == "GET":
        return form_page()
    data = await request.form(max_files=0, max_fields=5)
    first, second = str(data.get("kata_sandi", "")), str(data.get("ulangi", ""))
    if first != second:
        return form_page("Kedua kata sandi tidak sama", 422)
    try:
        await run_in_threadpool(desk.accounts.accept, token, first)
    except AccountError as exc:
        return form_page(sentence(exc), 422)
    desk.audit.write(
        account.nama_pengguna,
        desk.client(request),
        "pengguna",
        account.nama_pengguna,
        ubah="kata sandi lewat undangan",
    )
    return redirect(f"{PREFIX}/masuk?siap=1")


async def css(request: Request) -> Response:
    return FileResponse(
        static_file("meja.css"), media_type="text/css", headers={"Cache-Control": "no-store"}
    )


ROUTES = [
    Route("/masuk", masuk, methods=["GET", "POST"]),
    Route("/masuk/kode", kode, methods=["GET", "POST"]),
    Route("/keluar", keluar, methods=["POST"]),
    Route("/undangan/{token}", undangan, methods=["GET", "POST"]),
    Route("/aset/meja.css", css, methods=["GET"]),
]
