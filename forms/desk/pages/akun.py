"""One's own account (/meja/akun): the password, and the second factor (TOTP).

Changing the password ends every session of the account; this browser is signed in again
at once with a new session (so the person goes on working, and a stolen session elsewhere
stops). The TOTP secret is shown once, as text and as an otpauth:// address, and kept only
in the form until a valid 6-digit code confirms it. When an administrator requires the
second factor for one of the person's roles, every other desk page sends them here
(forms/desk/web.py `staff`) until it is set up."""

from __future__ import annotations

import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms.desk.accounts import AccountError, Accounts
from forms.desk.pages.masuk import _set_session
from forms.desk.web import Staff, desk_of, form, page, redirect, refused, staff
from site_builder.text import sentence

SECRET = re.compile(r"[A-Z2-7]{16,64}")  # base32, as pyotp.random_base32 makes it
DONE = {
    "sandi": "Kata sandi diganti. Semua sesi lain akun ini telah diakhiri; di perangkat lain "
    "Anda perlu masuk lagi dengan kata sandi baru.",
    "kode": "Kode dua langkah aktif. Mulai sekarang, setelah kata sandi Anda diminta kode "
    "enam angka dari aplikasi autentikator.",
    "kode_mati": "Kode dua langkah dimatikan.",
}


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _show(
    request: Request,
    who: Staff,
    status: int = 200,
    galat: tuple[str, str] | None = None,  # (section, message)
    rahasia: str = "",
) -> Response:
    desk = desk_of(request)
    account = who.account
    return page(
        request,
        who,
        "akun.html",
        status,
        akun=account,
        peran=[desk.roles.label(p) for p in account.peran],
        wajib=desk.accounts.must_use_totp(account),
        diminta=request.query_params.get("wajib") == "1",
        galat=galat,
        rahasia=rahasia,
        rahasia_tampil=_grouped(rahasia),
        uri=Accounts.totp_uri(rahasia, account, f"PPID {desk.office_name}") if rahasia else "",
        selesai=DONE.get(request.query_params.get("ok", ""), "") if status == 200 else "",
    )


async def akun(request: Request) -> Response:
    who = staff(request, setup=True)
    if request.method == "GET":
        return await run_in_threadpool(_show, request, who)
    desk = desk_of(request)
    data = await form(request, who)
    aksi = str(data.get("aksi", ""))
    account = who.account
    audit = desk.audit
    if aksi == "sandi":
        return await _password(
            request,
            who,
            str(data.get("lama", "")),
            str(data.get("baru", "")),
            str(data.get("ulangi", "")),
        )
    if aksi == "kode_mulai":
        if account.dua_langkah:
            return _show(request, who, 409, ("kode", "Kode dua langkah sudah aktif"))
        return _show(request, who, rahasia=Accounts.new_totp_secret())
    if aksi == "kode_aktifkan":
        secret = str(data.get("rahasia", "")).strip().upper()
        if not SECRET.fullmatch(secret):
            return _show(request, who, 422, ("kode", "Mulai lagi: kunci rahasia tidak sah"))
        kode = str(data.get("kode", "")).replace(" ", "")
        if not re.fullmatch(r"[0-9]{6}", kode):
            message = "Tulis kode enam angka dari aplikasi autentikator"
            return _show(request, who, 422, ("kode", message), secret)
        try:
            await run_in_threadpool(desk.accounts.enable_totp, account.nama_pengguna, secret, kode)
        except AccountError as exc:
            message = sentence(exc)
            return _show(request, who, 422, ("kode", message), secret)
        audit.write(
            account.nama_pengguna,
            who.alamat,
            "pengguna",
            account.nama_pengguna,
            ubah="kode dua langkah diaktifkan",
        )
        return redirect("/meja/akun?ok=kode")
    if aksi == "kode_matikan":
        if desk.accounts.must_use_totp(account):
            message = (
                "Kode dua langkah wajib untuk peran Anda (diatur administrator); tidak dapat "
                "dimatikan"
            )
            return _show(request, who, 409, ("kode", message))
        await run_in_threadpool(desk.accounts.disable_totp, account.nama_pengguna)
        audit.write(
            account.nama_pengguna,
            who.alamat,
            "pengguna",
            account.nama_pengguna,
            ubah="kode dua langkah dimatikan",
        )
        return redirect("/meja/akun?ok=kode_mati")
    raise refused(404, f"Perubahan '{aksi[:40]}' tidak dikenal")


async def _password(request: Request, who: Staff, lama: str, baru: str, ulangi: str) -> Response:
    """Change the password (the current one proves it is the person); other sessions end."""
    desk = desk_of(request)
    account = who.account
    wait = desk.accounts.wait_for(account.nama_pengguna, who.alamat)
    if wait is not None:
        message = (
            "Terlalu banyak percobaan yang salah; tunggu sampai pukul "
            f"{desk.tracker.clock.shown(wait)} lalu coba lagi"
        )
        return _show(request, who, 429, ("sandi", message))
    checked = await run_in_threadpool(desk.accounts.verify, account.nama_pengguna, lama)
    if checked is None:
        desk.accounts.attempt(account.nama_pengguna, who.alamat, False)
        return _show(request, who, 422, ("sandi", "Kata sandi sekarang salah"))
    if baru != ulangi:
        return _show(request, who, 422, ("sandi", "Kedua kata sandi baru tidak sama"))
    if baru == lama:
        return _show(request, who, 422, ("sandi", "Kata sandi baru harus berbeda"))
    try:
        await run_in_threadpool(desk.accounts.set_password, account.nama_pengguna, baru)
    except AccountError as exc:
        message = "Kata sandi baru: " + str(exc)
        return _show(request, who, 422, ("sandi", message))
    # every session of the account ended (set_password): this browser gets a new one
    value = desk.sessions.start(checked, who.alamat, "masuk")
    desk.audit.write(
        account.nama_pengguna,
        who.alamat,
        "pengguna",
        account.nama_pengguna,
        ubah="kata sandi diganti; sesi lain diakhiri",
    )
    response = redirect("/meja/akun?ok=sandi")
    _set_session(request, response, value)
    return response


ROUTES = [Route("/akun", akun, methods=["GET", "POST"])]
