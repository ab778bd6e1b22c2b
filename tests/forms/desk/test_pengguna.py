"""Account administration, one's own account (password, second factor) and the audit log."""

from __future__ import annotations

import html
import re
from contextlib import closing

import httpx
import pyotp
import pytest

from tests.forms.desk.conftest import PASSWORD, KantorDesk, LiveDesk, csrf_of

NEW_PASSWORD = "sandi-baru-yang-panjang"


def _sign_in_status(live_desk: LiveDesk, username: str, password: str) -> int:
    """The answer to a sign-in with this password (303 in, 401 refused)."""
    with httpx.Client(base_url=live_desk.url, timeout=20) as c:
        token = csrf_of(c.get("/meja/masuk").text)
        answer = c.post(
            "/meja/masuk",
            data={"_csrf": token, "nama_pengguna": username, "kata_sandi": password},
        )
        return answer.status_code


def _admin_post(c: httpx.Client, **fields: str | list[str]) -> httpx.Response:
    token = csrf_of(c.get("/meja/pengguna").text)
    return c.post("/meja/pengguna", data={"_csrf": token, **fields})


def test_admin_adds_invites_and_deactivates(live_desk: LiveDesk) -> None:
    admin = live_desk.sign_in("admin1")
    added = _admin_post(
        admin,
        aksi="tambah",
        nama_pengguna="budi.unit",
        nama="Budi Unit",
        surel="budi@kpu-contoh.go.id",
        peran=["pelaksana"],
        unit=["teknis-parmas"],
    )
    assert added.status_code == 303, added.text
    page = admin.get(added.headers["location"]).text
    assert "Akun ditambahkan" in page and "Budi Unit" in page and "belum ada kata sandi" in page
    invited = _admin_post(admin, aksi="undang", nama_pengguna="budi.unit")
    assert invited.status_code == 200 and "hanya ditampilkan sekali" in invited.text
    found = re.search(r'<code class="rahasia">([^<]+)</code>', invited.text)
    assert found is not None
    link = html.unescape(found.group(1))
    # the site's configured address, never the Host header the admin's request carried
    public = live_desk.relay.settings.public_url
    assert link.startswith(f"{public}/meja/undangan/")
    link = live_desk.url + link.removeprefix(public)  # this test's server
    assert link.split("/")[-1] not in admin.get("/meja/pengguna").text  # shown once
    with httpx.Client(timeout=20) as person:
        assert person.get(link).status_code == 200
        done = person.post(link, data={"kata_sandi": NEW_PASSWORD, "ulangi": NEW_PASSWORD})
        assert done.status_code == 303
        assert person.get(link).status_code == 410  # used up
    budi = live_desk.sign_in("budi.unit", NEW_PASSWORD)
    assert budi.get("/meja/").status_code == 200
    off = _admin_post(admin, aksi="nonaktif", nama_pengguna="budi.unit")
    assert off.status_code == 303
    assert budi.get("/meja/").status_code == 303  # signed out at once
    assert _sign_in_status(live_desk, "budi.unit", NEW_PASSWORD) == 401
    log = admin.get("/meja/audit").text
    assert "Pengelolaan akun" in log and "budi.unit" in log and "nonaktif" in log


def test_admin_changes_roles_and_cannot_lock_themselves_out(live_desk: LiveDesk) -> None:
    admin = live_desk.sign_in("admin1")
    changed = _admin_post(admin, aksi="ubah", nama_pengguna="atasan1", peran=["atasan", "ppid"])
    assert changed.status_code == 303
    assert live_desk.accounts.get("atasan1").peran == ("atasan", "ppid")
    no_unit = _admin_post(admin, aksi="ubah", nama_pengguna="atasan1", peran=["pelaksana"])
    assert no_unit.status_code == 422 and "harus terikat pada sedikitnya satu unit" in no_unit.text
    me = _admin_post(admin, aksi="nonaktif", nama_pengguna="admin1")
    assert me.status_code == 422 and "tidak dapat menonaktifkan akun Anda sendiri" in me.text
    drop = _admin_post(admin, aksi="ubah", nama_pengguna="admin1", peran=["petugas"])
    assert drop.status_code == 422 and "tidak dapat melepas peran" in drop.text
    assert live_desk.accounts.get("admin1").peran == ("admin",)
    assert live_desk.accounts.get("admin1").aktif


@pytest.mark.parametrize("username", ["petugas1", "ppid1", "unit1"])
def test_only_the_admin_manages_accounts(live_desk: LiveDesk, username: str) -> None:
    c = live_desk.sign_in(username)
    assert c.get("/meja/pengguna").status_code == 403
    assert c.get("/meja/audit").status_code == 403
    token = csrf_of(c.get("/meja/akun").text)
    forged = c.post(
        "/meja/pengguna",
        data={"_csrf": token, "aksi": "ubah", "nama_pengguna": username, "peran": "admin"},
    )
    assert forged.status_code == 403
    assert "admin" not in live_desk.accounts.get(username).peran


def test_password_change_ends_the_other_sessions(live_desk: LiveDesk) -> None:
    here = live_desk.sign_in("petugas1")
    elsewhere = live_desk.sign_in("petugas1")
    token = csrf_of(here.get("/meja/akun").text)
    wrong = here.post(
        "/meja/akun",
        data={
            "_csrf": token,
            "aksi": "sandi",
            "lama": "salah",
            "baru": NEW_PASSWORD,
            "ulangi": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 422 and "Kata sandi sekarang salah" in wrong.text
    done = here.post(
        "/meja/akun",
        data={
            "_csrf": token,
            "aksi": "sandi",
            "lama": PASSWORD,
            "baru": NEW_PASSWORD,
            "ulangi": NEW_PASSWORD,
        },
    )
    assert done.status_code == 303
    page = here.get(done.headers["location"])
    assert page.status_code == 200 and "Semua sesi lain akun ini telah diakhiri" in page.text
    assert elsewhere.get("/meja/").status_code == 303  # sent to sign in
    assert _sign_in_status(live_desk, "petugas1", PASSWORD) == 401
    assert live_desk.sign_in("petugas1", NEW_PASSWORD).get("/meja/").status_code == 200


def _set_up_totp(c: httpx.Client) -> str:
    token = csrf_of(c.get("/meja/akun").text)
    start = c.post("/meja/akun", data={"_csrf": token, "aksi": "kode_mulai"})
    assert start.status_code == 200
    secret = re.search(r'name="rahasia" value="([A-Z2-7]+)"', start.text)
    assert secret is not None
    shown = re.search(r'<code class="rahasia">([A-Z2-7 ]+)</code>', start.text)
    assert shown is not None and shown.group(1).replace(" ", "") == secret.group(1)
    assert len(shown.group(1).split(" ")[0]) == 4  # grouped in fours
    assert "otpauth://totp/" in start.text
    wrong = c.post(
        "/meja/akun",
        data={
            "_csrf": token,
            "aksi": "kode_aktifkan",
            "rahasia": secret.group(1),
            "kode": "000000",
        },
    )
    if pyotp.TOTP(secret.group(1)).verify("000000", valid_window=1):
        pytest.skip("the random secret happens to give 000000 now")
    assert wrong.status_code == 422 and "kode enam angka tidak cocok" in wrong.text.lower()
    done = c.post(
        "/meja/akun",
        data={
            "_csrf": token,
            "aksi": "kode_aktifkan",
            "rahasia": secret.group(1),
            "kode": pyotp.TOTP(secret.group(1)).now(),
        },
    )
    assert done.status_code == 303
    assert "Kode dua langkah aktif" in c.get(done.headers["location"]).text
    return secret.group(1)


def _password_only(live_desk: LiveDesk, username: str) -> httpx.Client:
    c = httpx.Client(base_url=live_desk.url, timeout=20)
    token = csrf_of(c.get("/meja/masuk").text)
    answer = c.post(
        "/meja/masuk", data={"_csrf": token, "nama_pengguna": username, "kata_sandi": PASSWORD}
    )
    assert answer.status_code == 303
    return c


def test_totp_set_up_then_sign_in_asks_for_the_code(live_desk: LiveDesk) -> None:
    secret = _set_up_totp(live_desk.sign_in("ppid1"))
    with closing(_password_only(live_desk, "ppid1")) as c:
        assert c.get("/meja/").status_code == 303  # not signed in before the code
        form = c.get("/meja/masuk/kode")
        assert "Kode dua langkah" in form.text
        answer = c.post(
            "/meja/masuk/kode",
            data={"_csrf": csrf_of(form.text), "kode": pyotp.TOTP(secret).now()},
        )
        assert answer.status_code == 303
        assert c.get("/meja/").status_code == 200


def test_required_totp_forces_the_account_page(live_desk: LiveDesk) -> None:
    admin = live_desk.sign_in("admin1")
    bad = _admin_post(admin, aksi="wajib_kode", peran=["petugas"])
    assert bad.status_code == 422 and "hanya dapat diwajibkan untuk" in bad.text
    assert _admin_post(admin, aksi="wajib_kode", peran=["ppid"]).status_code == 303
    with closing(_password_only(live_desk, "ppid1")) as c:
        for path in ("/meja/", "/meja/daftar", "/meja/r/1"):
            answer = c.get(path)
            assert answer.status_code == 303 and answer.headers["location"] == "/meja/akun?wajib=1"
        page = c.get("/meja/akun?wajib=1")
        assert page.status_code == 200
        assert "Administrator mewajibkan kode dua langkah untuk peran Anda" in page.text
        token = csrf_of(page.text)
        forged = c.post("/meja/r/1/catatan-internal", data={"_csrf": token, "isi": "x"})
        assert forged.status_code == 403
        assert c.post("/meja/keluar", data={"_csrf": token}).status_code == 303  # sign-out works
    c = live_desk.sign_in("ppid1")
    _set_up_totp(c)
    assert c.get("/meja/").status_code == 200  # set up: the desk opens
    page = c.get("/meja/akun").text
    assert "Matikan kode dua langkah" not in page and "tidak dapat dimatikan" in page
    token = csrf_of(page)
    off = c.post("/meja/akun", data={"_csrf": token, "aksi": "kode_matikan"})
    assert off.status_code == 409 and live_desk.accounts.get("ppid1").dua_langkah
    reset = _admin_post(admin, aksi="atur_ulang_kode", nama_pengguna="ppid1")
    assert reset.status_code == 303 and not live_desk.accounts.get("ppid1").dua_langkah
    assert live_desk.accounts.get("petugas1").dua_langkah is False  # other roles untouched
    assert live_desk.sign_in("petugas1").get("/meja/").status_code == 200


def test_audit_range_and_bad_dates(live_desk: LiveDesk) -> None:
    admin = live_desk.sign_in("admin1")
    page = admin.get("/meja/audit")
    assert page.status_code == 200 and "Masuk" in page.text and "admin1" in page.text
    assert "yang terbaru lebih dulu" in page.text
    bad = admin.get("/meja/audit?dari=2026-13-01")
    assert bad.status_code == 422 and "Tanggal tidak valid" in bad.text
    old = admin.get("/meja/audit?dari=2020-01-01&sampai=2020-01-31")
    assert "Tidak ada entri pada rentang ini" in old.text


# --- many offices: an administrator manages their own office's accounts ---------------------------


def test_an_office_admin_sees_and_manages_only_their_offices_accounts(
    kantor_desk: KantorDesk,
) -> None:
    admin = kantor_desk.sign_in("admin6201")
    page = admin.get("/meja/pengguna").text
    assert "petugas6201" in page and "KPU Kabupaten Kotawaringin Barat (6201)" in page
    assert 'id="akun-petugas6201"' in page
    assert 'id="akun-petugas6271"' not in page and 'id="akun-ppid62"' not in page
    assert 'name="pantau"' not in page  # a kabupaten's accounts never monitor
    other = _admin_post(admin, aksi="nonaktif", nama_pengguna="petugas6271")
    assert other.status_code == 422 and "Pengguna &#39;petugas6271&#39; tidak ada" in other.text
    assert kantor_desk.accounts.get("petugas6271").aktif
    added = _admin_post(
        admin, aksi="tambah", nama_pengguna="baru6201", nama="Baru Kobar", peran=["petugas"]
    )
    assert added.status_code == 303, added.text
    assert kantor_desk.accounts.get("baru6201").kantor == "6201"
    refused = _admin_post(admin, aksi="ubah", nama_pengguna="ppid6201", peran=["ppid"], pantau="1")
    assert (
        refused.status_code == 422 and "hanya untuk akun KPU RI atau KPU Provinsi" in refused.text
    )
    assert not kantor_desk.accounts.get("ppid6201").pantau


def test_a_province_admin_gives_monitoring_to_a_ppid_only(kantor_desk: KantorDesk) -> None:
    admin = kantor_desk.sign_in("admin62")
    assert 'name="pantau"' in admin.get("/meja/pengguna").text
    refused = _admin_post(
        admin, aksi="ubah", nama_pengguna="petugas62", peran=["petugas"], pantau="1"
    )
    assert refused.status_code == 422 and "hanya untuk akun yang berperan ppid" in refused.text
    taken = _admin_post(admin, aksi="ubah", nama_pengguna="ppid62", peran=["ppid"])
    assert taken.status_code == 303, taken.text
    assert not kantor_desk.accounts.get("ppid62").pantau  # unticked: taken away
    given = _admin_post(admin, aksi="ubah", nama_pengguna="ppid62", peran=["ppid"], pantau="1")
    assert given.status_code == 303 and kantor_desk.accounts.get("ppid62").pantau
    added = _admin_post(
        admin, aksi="tambah", nama_pengguna="ppid62b", nama="Wakil", peran=["ppid"], pantau="1"
    )
    assert added.status_code == 303, added.text
    made = kantor_desk.accounts.get("ppid62b")
    assert (made.kantor, made.pantau) == ("62", True)
    bad_csrf = admin.post(
        "/meja/pengguna",
        data={"_csrf": "salah", "aksi": "ubah", "nama_pengguna": "ppid62", "peran": "ppid"},
    )
    assert bad_csrf.status_code == 403 and kantor_desk.accounts.get("ppid62").pantau
