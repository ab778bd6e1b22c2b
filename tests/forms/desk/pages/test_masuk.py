"""Signing in to the desk: the form, cookies, the throttle, the second factor, signing out."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import httpx
import pyotp
import sqlalchemy as sa

from forms.desk.sessions import COOKIE
from forms.store import tables as store
from tests.forms.desk.conftest import PASSWORD, LiveDesk, csrf_of


def _try(c: httpx.Client, username: str, password: str, lanjut: str = "") -> httpx.Response:
    """One sign-in through the form (its token first), going on to `lanjut` if given."""
    token = csrf_of(c.get("/meja/masuk").text)
    data = {"_csrf": token, "nama_pengguna": username, "kata_sandi": password}
    return c.post("/meja/masuk", data={**data, "lanjut": lanjut} if lanjut else data)


def test_every_desk_page_needs_a_session(live_desk: LiveDesk) -> None:
    with httpx.Client(base_url=live_desk.url) as c:
        for path in ("/meja/", "/meja/daftar", "/meja/daftar.xlsx", "/meja/r/1"):
            answer = c.get(path)
            assert answer.status_code == 303
            assert answer.headers["location"].startswith("/meja/masuk?lanjut=")
        refused = c.post("/meja/r/1/tindakan/putuskan", data={"keputusan": "ditolak"})
        assert refused.status_code == 401
        assert "silakan masuk" in refused.text


def test_signing_in_sets_a_strict_cookie_and_goes_back(live_desk: LiveDesk) -> None:
    with httpx.Client(base_url=live_desk.url) as c:
        answer = _try(c, "petugas1", PASSWORD, "/meja/daftar")
        assert answer.status_code == 303 and answer.headers["location"] == "/meja/daftar"
        cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith(COOKIE))
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/meja" in cookie
        page = c.get("/meja/daftar")
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-store"
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert "script-src" not in page.headers["content-security-policy"]


def test_a_next_address_elsewhere_is_ignored(live_desk: LiveDesk) -> None:
    with httpx.Client(base_url=live_desk.url) as c:
        answer = _try(c, "petugas1", PASSWORD, "//evil.example/meja/")
        assert answer.headers["location"] == "/meja/"


def test_the_sign_in_form_needs_its_own_token(live_desk: LiveDesk) -> None:
    with httpx.Client(base_url=live_desk.url) as c:
        answer = c.post("/meja/masuk", data={"nama_pengguna": "petugas1", "kata_sandi": PASSWORD})
        assert answer.status_code == 403 and "kedaluwarsa" in answer.text


def test_a_wrong_password_says_so_without_saying_which(live_desk: LiveDesk) -> None:
    with httpx.Client(base_url=live_desk.url) as c:
        answer = _try(c, "petugas1", "salah-sekali-123")
        assert answer.status_code == 401
        assert "Nama pengguna atau kata sandi salah" in answer.text
        assert _try(c, "tidak-ada", "salah-sekali-123").text.count("kata sandi salah") == 1
    with live_desk.accounts.engine.connect() as conn:
        kinds = conn.execute(sa.select(store.audit.c.tindakan)).scalars().all()
    assert kinds.count("masuk_gagal") == 2


def test_five_failures_then_sign_in_waits_even_for_the_right_password(
    live_desk: LiveDesk,
) -> None:
    with httpx.Client(base_url=live_desk.url) as c:
        for _ in range(5):
            assert _try(c, "ppid1", "salah-sekali-123").status_code == 401
        answer = _try(c, "ppid1", PASSWORD)
        assert answer.status_code == 429
        assert "Terlalu banyak percobaan masuk" in answer.text
        assert re.search(r"sampai pukul \d\d\.\d\d WIB", answer.text)
        assert int(answer.headers["retry-after"]) > 0
        # another account is not held up by it
        assert _try(c, "petugas1", PASSWORD).status_code == 303


def test_signing_out_ends_the_session_on_the_server(live_desk: LiveDesk) -> None:
    c = live_desk.sign_in("petugas1")
    value = c.cookies[COOKIE]
    token = csrf_of(c.get("/meja/").text)
    assert c.post("/meja/keluar", data={"_csrf": token}).status_code == 303
    with httpx.Client(base_url=live_desk.url, cookies={COOKIE: value}) as stale:
        assert stale.get("/meja/").status_code == 303  # the old cookie opens nothing
    c.close()


def test_an_idle_session_ends_after_eight_hours(live_desk: LiveDesk) -> None:
    c = live_desk.sign_in("petugas1")
    with live_desk.accounts.engine.begin() as conn:
        conn.execute(
            sa.update(store.sesi).values(terakhir=datetime.now(UTC) - timedelta(hours=8, minutes=1))
        )
    answer = c.get("/meja/daftar")
    assert answer.status_code == 303 and "/meja/masuk" in answer.headers["location"]
    c.close()


def test_the_second_factor_is_asked_after_the_password(live_desk: LiveDesk) -> None:
    secret = pyotp.random_base32()
    live_desk.accounts.enable_totp("ppid1", secret, pyotp.TOTP(secret).now())
    with httpx.Client(base_url=live_desk.url) as c:
        answer = _try(c, "ppid1", PASSWORD, "/meja/daftar?jenis=keberatan&status=diproses")
        assert answer.headers["location"].startswith("/meja/masuk/kode")
        assert c.get("/meja/").status_code == 303  # not signed in before the code
        page = c.get(answer.headers["location"])
        token = csrf_of(page.text)
        wrong = f"{(int(pyotp.TOTP(secret).now()) + 1) % 1_000_000:06d}"
        assert c.post("/meja/masuk/kode", data={"_csrf": token, "kode": wrong}).status_code == 401
        back = re.search(r'name="lanjut" value="([^"]*)"', page.text)
        assert back is not None
        ok = c.post(
            "/meja/masuk/kode",
            data={
                "_csrf": token,
                "kode": pyotp.TOTP(secret).now(),
                "lanjut": html.unescape(back.group(1)),
            },
        )
        assert ok.status_code == 303
        assert ok.headers["location"] == "/meja/daftar?jenis=keberatan&status=diproses"
        assert c.get("/meja/").status_code == 200


def test_an_invitation_link_sets_a_password(live_desk: LiveDesk) -> None:
    live_desk.accounts.add("baru1", "Pegawai Baru", ["petugas"])
    token = live_desk.accounts.invite("baru1")
    with httpx.Client(base_url=live_desk.url) as c:
        page = c.get(f"/meja/undangan/{token}")
        assert page.status_code == 200 and "Pegawai Baru" in page.text
        short = c.post(f"/meja/undangan/{token}", data={"kata_sandi": "pendek", "ulangi": "pendek"})
        assert short.status_code == 422 and "minimal 10 karakter" in short.text
        done = c.post(
            f"/meja/undangan/{token}",
            data={"kata_sandi": "sandi-pegawai-baru", "ulangi": "sandi-pegawai-baru"},
        )
        assert done.status_code == 303
        assert c.get(f"/meja/undangan/{token}").status_code == 410  # used up
    live_desk.sign_in("baru1", "sandi-pegawai-baru").close()
