"""The Formspree contract over real HTTP: success, every rejection, and nothing stored on error."""

from __future__ import annotations

import base64
import concurrent.futures
import contextlib
import json as json_module
import os
import re
import signal
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import sqlalchemy as sa
import time_machine

from forms.http.app import KODE_COOKIE
from forms.settings import Limits
from forms.store import tables as store
from forms.vocab import STATUS_LABEL
from tests.support import (
    PERMOHONAN,
    ROOT,
    SCAN_PDF,
    SCAN_PNG,
    LiveRelay,
    another_writer,
    run_relay,
)

PDF = SCAN_PDF
PNG = SCAN_PNG
JSON_HEADERS = {"Accept": "application/json"}


def _post(
    client: httpx.Client, relay: LiveRelay, form: str = "permohonan", **kw: Any
) -> httpx.Response:
    return client.post(f"{relay.url}/f/{form}", **kw)


def test_json_submission_is_filed(client: httpx.Client, relay: LiveRelay) -> None:
    r = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True
    assert re.fullmatch(r"0001/PPID/[IVX]+/\d{4}", body["nomor"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", body["tenggat"])
    assert body["next"].startswith(f"{relay.url}/terima-kasih?t=")
    assert relay.count() == 1
    assert body["kode"] not in _token_text(body["next"])  # the code is in the body only
    page = client.get(body["next"])
    assert body["nomor"] in page.text and body["kode"] not in page.text
    assert "kode itu tidak dimuat di alamat halaman ini" in page.text
    assert "Tenggat jawaban" in page.text and "Dokumen identitas belum dilampirkan" in page.text


def _token_text(url: str) -> str:
    """What the thank-you URL's token says, decoded."""
    token = url.partition("?t=")[2].partition(".")[0]
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()


def test_html_form_without_javascript(client: httpx.Client, relay: LiveRelay) -> None:
    r = _post(
        client,
        relay,
        data=PERMOHONAN,
        files={"dokumen_identitas": ("ktp.pdf", PDF)},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert r.status_code == 303
    # the status code goes with the redirect in a cookie for the thank-you page only
    cookie = r.headers["set-cookie"]
    for part in ("ppid_kode=", "Max-Age=600", "Path=/terima-kasih", "HttpOnly", "SameSite=lax"):
        assert part in cookie
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    nomor = re.search(r"0001/PPID/[IVX]+/\d{4}", page.text)
    kode = re.search(r"Kode status</dt><dd class=\"ppid-nomor-besar\">([0-9A-F]{8})<", page.text)
    assert nomor is not None and kode is not None
    assert kode.group(1) not in r.headers["location"] + _token_text(r.headers["location"])
    status = client.post(
        f"{relay.url}/status", data={"nomor": nomor.group(0), "kode": kode.group(1)}
    )
    assert STATUS_LABEL["diterima"] in status.text  # the code shown is the record's
    assert "belum dilampirkan" not in page.text
    client.cookies.clear()  # another browser: the same address, and no code
    assert kode.group(1) not in client.get(r.headers["location"]).text
    [stored] = relay.uploads()
    assert stored.read_bytes() == PDF and stored.suffix == ".pdf"
    assert "ktp" not in stored.name  # generated names only


def test_xhr_header_and_accept_decide_json(client: httpx.Client, relay: LiveRelay) -> None:
    r = _post(client, relay, data=PERMOHONAN, headers={"X-Requested-With": "XMLHttpRequest"})
    assert r.status_code == 200 and r.json()["ok"]
    r = _post(client, relay, json=PERMOHONAN, headers={"Accept": "text/html"})
    assert r.status_code == 303  # a JSON body that asks for HTML gets the HTML flow


def test_missing_and_wrong_fields(client: httpx.Client, relay: LiveRelay) -> None:
    bad = {**PERMOHONAN, "email": "bukan-surel", "nik": "123", "nama": ""}
    del bad["alamat"]
    r = _post(client, relay, json=bad, headers=JSON_HEADERS)
    assert r.status_code == 422
    codes = {e["field"]: e["code"] for e in r.json()["errors"]}
    assert codes == {
        "email": "TYPE_EMAIL",
        "nik": "TYPE_NUMERIC",
        "nama": "REQUIRED_FIELD_EMPTY",
        "alamat": "REQUIRED_FIELD_MISSING",
    }
    assert r.json()["error"] == "Ada isian yang perlu diperbaiki"
    assert relay.count() == 0


def test_html_errors_keep_the_input(client: httpx.Client, relay: LiveRelay) -> None:
    r = _post(client, relay, data={**PERMOHONAN, "email": "salah"}, headers={"Accept": "text/html"})
    assert r.status_code == 422
    assert "Surel tidak valid" in r.text
    assert 'value="Budi Santoso"' in r.text and 'aria-invalid="true"' in r.text
    assert relay.count() == 0


@pytest.mark.parametrize(
    ("extra", "status", "code"),
    [
        ({"url": "/f/pengaduan"}, 404, "FORM_NOT_FOUND"),
        ({"json": {}}, 422, "EMPTY"),
        ({"files": {"dokumen_identitas": ("ktp.pdf", b"bukan pdf")}}, 422, "TYPE_FILE"),
        ({"files": {"lampiran": ("a.pdf", PDF)}}, 422, "NO_FILE_UPLOADS"),
        ({"files": [("dokumen_identitas", ("a.pdf", PDF))] * 3}, 422, "TOO_MANY_FILES"),
        ({"files": {"dokumen_identitas": ("a.pdf", PDF + b"0" * 600_000)}}, 413, "FILES_TOO_BIG"),
        ({"content": b"x" * 3_000_000, "ctype": "application/json"}, 413, "FILES_TOO_BIG"),
    ],
)
def test_rejections_store_nothing(
    client: httpx.Client, relay: LiveRelay, extra: dict[str, Any], status: int, code: str
) -> None:
    extra = dict(extra)  # the same dict for each database: popped from a copy
    url = relay.url + extra.pop("url", "/f/permohonan")
    headers = {**JSON_HEADERS}
    if "ctype" in extra:
        headers["Content-Type"] = extra.pop("ctype")
    kwargs = extra if ("json" in extra or "content" in extra) else {"data": PERMOHONAN, **extra}
    r = client.post(url, headers=headers, **kwargs)
    assert r.status_code == status, r.text
    found = [e["code"] for e in r.json()["errors"]]
    assert code in found
    assert relay.count() == 0 and relay.uploads() == []


def test_wrong_file_type_judged_by_content(client: httpx.Client, relay: LiveRelay) -> None:
    r = _post(
        client,
        relay,
        data=PERMOHONAN,
        headers=JSON_HEADERS,
        files={"dokumen_identitas": ("foto.pdf", PNG)},
    )  # a PNG named .pdf is a PNG
    assert r.status_code == 200
    assert relay.uploads()[0].suffix == ".png"


def test_get_is_405(client: httpx.Client, relay: LiveRelay) -> None:
    r = client.get(f"{relay.url}/f/permohonan")
    assert r.status_code == 405 and "POST" in r.headers["allow"]


def test_honeypot_answers_success_and_stores_nothing(
    client: httpx.Client, relay: LiveRelay
) -> None:
    r = _post(client, relay, json={**PERMOHONAN, "_gotcha": "http://spam"}, headers=JSON_HEADERS)
    assert r.status_code == 200 and r.json()["ok"] is True
    assert relay.count() == 0


def test_next_only_to_allowed_origins(client: httpx.Client, relay: LiveRelay) -> None:
    ok = _post(
        client,
        relay,
        data={**PERMOHONAN, "_next": "/terima-kasih-kami/"},
        headers={"Referer": "https://ppid-contoh.example.org/layanan/permohonan/"},
    )
    assert ok.headers["location"] == "https://ppid-contoh.example.org/terima-kasih-kami/"
    evil = _post(client, relay, data={**PERMOHONAN, "_next": "https://jahat.example/"})
    assert evil.headers["location"].startswith(f"{relay.url}/terima-kasih?t=")


def test_cors_preflight_and_blocked_origin(client: httpx.Client, relay: LiveRelay) -> None:
    allowed = "https://ppid-contoh.example.org"
    r = client.options(
        f"{relay.url}/f/permohonan",
        headers={
            "Origin": allowed,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "accept,content-type,formspree-client",
        },
    )
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == allowed
    assert "Formspree-Client" in r.headers["access-control-allow-headers"]
    assert "Formspree-Session-Data" in r.headers["access-control-allow-headers"]
    r = _post(
        client, relay, json=PERMOHONAN, headers={**JSON_HEADERS, "Origin": "https://jahat.example"}
    )
    assert r.status_code == 403 and r.json()["errors"][0]["code"] == "BLOCKED"
    assert relay.count() == 0


def test_rate_limit(client: httpx.Client, relay_settings: Any) -> None:
    settings = replace(relay_settings, limits=replace(relay_settings.limits, per_minute=2))
    for live in run_relay(settings):
        codes = [
            _post(client, live, json=PERMOHONAN, headers=JSON_HEADERS).status_code for _ in range(3)
        ]
        assert codes == [200, 200, 429]
        r = _post(client, live, json=PERMOHONAN, headers=JSON_HEADERS)
        assert int(r.headers["retry-after"]) > 0
        assert live.count() == 2


def test_concurrent_submissions_get_consecutive_numbers(
    client: httpx.Client, relay: LiveRelay
) -> None:
    def one(_: int) -> str:
        with httpx.Client(timeout=30) as c:
            r = c.post(f"{relay.url}/f/permohonan", json=PERMOHONAN, headers=JSON_HEADERS)
            assert r.status_code == 200, r.text
            return str(r.json()["nomor"])

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        numbers = list(pool.map(one, range(24)))
    assert sorted(int(n.split("/")[0]) for n in numbers) == list(range(1, 25))
    assert relay.count() == 24


def test_status_check(client: httpx.Client, relay: LiveRelay) -> None:
    body = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS).json()
    good = client.post(f"{relay.url}/status", data={"nomor": body["nomor"], "kode": body["kode"]})
    assert "Menunggu kelengkapan" in good.text and body["nomor"] in good.text
    assert "Budi" not in good.text and "budi@contoh.id" not in good.text
    wrong = client.post(f"{relay.url}/status", data={"nomor": body["nomor"], "kode": "SALAH"})
    unknown = client.post(
        f"{relay.url}/status", data={"nomor": "9999/PPID/I/2026", "kode": body["kode"]}
    )
    assert wrong.status_code == unknown.status_code == 200
    strip = re.compile(r'value="[^"]*"')
    assert strip.sub("", wrong.text) == strip.sub("", unknown.text)


def _status_of(client: httpx.Client, relay: LiveRelay, body: dict[str, Any]) -> str:
    page = client.post(f"{relay.url}/status", data={"nomor": body["nomor"], "kode": body["kode"]})
    # the longest label first: "Menunggu kelengkapan persyaratan" before "Diterima"
    labels = sorted(STATUS_LABEL.values(), key=len, reverse=True)
    return next(label for label in labels if label in page.text)


@pytest.mark.parametrize(
    ("fields", "files", "status"),
    [
        # a badan hukum shows its deed, not a KTP
        (
            {"jenis_pemohon": "badan_hukum", "nik": "", "nomor_sk_badan_hukum": "AHU-1"},
            {"dokumen_identitas": ("ktp.pdf", PDF)},
            "menunggu_kelengkapan",
        ),
        (
            {"jenis_pemohon": "badan_hukum", "nik": "", "nomor_sk_badan_hukum": "AHU-1"},
            {"dokumen_badan_hukum": ("akta.pdf", PDF)},
            "diterima",
        ),
        # a group: its representative's KTP and a surat kuasa
        (
            {"jenis_pemohon": "kelompok"},
            {"dokumen_identitas": ("ktp.pdf", PDF)},
            "menunggu_kelengkapan",
        ),
        (
            {"jenis_pemohon": "kelompok"},
            {"dokumen_identitas": ("ktp.pdf", PDF), "surat_kuasa": ("kuasa.png", PNG)},
            "diterima",
        ),
        # acting for another
        ({"kuasa": "ya"}, {"dokumen_identitas": ("ktp.pdf", PDF)}, "menunggu_kelengkapan"),
    ],
)
def test_a_missing_document_registers_the_request_as_incomplete(
    client: httpx.Client,
    relay: LiveRelay,
    fields: dict[str, str],
    files: dict[str, Any],
    status: str,
) -> None:
    r = _post(client, relay, data={**PERMOHONAN, **fields}, files=files, headers=JSON_HEADERS)
    assert r.status_code == 200, r.text
    assert _status_of(client, relay, r.json()) == STATUS_LABEL[status]
    assert len(relay.uploads()) == len(files)


def test_keberatan_links_to_its_permohonan(client: httpx.Client, relay: LiveRelay) -> None:
    given = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS).json()
    nomor = given["nomor"]
    keberatan = {
        "nomor_permohonan": nomor,
        "kode": given["kode"].lower(),  # as typed from the thank-you page, in any case
        "nama": "Budi Santoso",
        "email": "budi@contoh.id",
        "telepon": "081234567890",
        "alasan": ["c", "g"],
        "kasus_posisi": "Tidak ada jawaban sampai tenggat.",
    }
    r = _post(client, relay, "keberatan", json=keberatan, headers=JSON_HEADERS)
    assert r.status_code == 200, r.text
    assert "/KEB/" in r.json()["nomor"]
    r = _post(
        client,
        relay,
        "keberatan",
        json={**keberatan, "nomor_permohonan": "0404/X"},
        headers=JSON_HEADERS,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "nomor_permohonan"
    r = _post(client, relay, "keberatan", json={**keberatan, "alasan": ["z"]}, headers=JSON_HEADERS)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "alasan"


def test_only_the_requester_or_a_kuasa_may_object(client: httpx.Client, relay: LiveRelay) -> None:
    nomor = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS).json()["nomor"]
    keberatan = {
        "nomor_permohonan": nomor,
        "nama": "Orang Lain",
        "telepon": "081234567890",
        "alasan": ["c"],
        "kasus_posisi": "Ingin tahu.",
    }
    for kode in ("", "ABCD1234"):  # none, or somebody's guess
        r = _post(
            client, relay, "keberatan", json={**keberatan, "kode": kode}, headers=JSON_HEADERS
        )
        assert r.status_code == 422, r.text
        error = r.json()["errors"][0]
        assert error["field"] == "kode"
        assert "kode status" in error["message"] and "surat kuasa" in error["message"]


def test_an_objection_on_ground_b_needs_no_request(client: httpx.Client, relay: LiveRelay) -> None:
    keberatan = {
        "nomor_permohonan": "",
        "nama": "Budi Santoso",
        "email": "budi@contoh.id",
        "alasan": ["b"],
        "kasus_posisi": "Laporan keuangan 2025 belum diumumkan di laman PPID.",
    }
    r = _post(client, relay, "keberatan", json=keberatan, headers=JSON_HEADERS)
    assert r.status_code == 200, r.text
    assert "/KEB/" in r.json()["nomor"]
    r = _post(
        client, relay, "keberatan", json={**keberatan, "alasan": ["b", "c"]}, headers=JSON_HEADERS
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "nomor_permohonan"


def test_limits_from_settings_are_used(relay_settings: Any) -> None:
    assert relay_settings.limits == Limits(
        body_bytes=2 * 1024 * 1024,
        file_bytes=512 * 1024,
        files=2,
        fields=30,
        field_chars=2000,
        per_minute=1000,
    )


@pytest.mark.parametrize(
    ("extra", "status", "code"),
    [
        ({"rincian_informasi": "x" * 2001}, 422, "TYPE_TEXT"),
        ({f"tambahan_{i}": "x" for i in range(25)}, 422, "EMPTY"),
        ({f"tambahan_{i}": "x" for i in range(100)}, 400, "EMPTY"),
    ],
)
def test_urlencoded_limits_store_nothing(
    client: httpx.Client, relay: LiveRelay, extra: dict[str, str], status: int, code: str
) -> None:
    r = _post(client, relay, data={**PERMOHONAN, **extra}, headers=JSON_HEADERS)
    assert r.status_code == status, r.text
    assert code in [e["code"] for e in r.json()["errors"]]
    assert relay.count() == 0 and relay.count("events") == 0


def test_urlencoded_body_that_is_not_utf8(client: httpx.Client, relay: LiveRelay) -> None:
    r = _post(
        client,
        relay,
        content=b"nama=%FF%FE&email=\xff",
        headers={**JSON_HEADERS, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 400 and "tidak dapat dibaca" in r.json()["error"]
    assert relay.count() == 0


def test_control_characters_never_reach_the_record(client: httpx.Client, relay: LiveRelay) -> None:
    sent = {
        **PERMOHONAN,
        "nama": "Ani\x00 Putri\x1b[31m",
        "alamat": "Jl. Mawar\u2028No. 1",
        "rincian_informasi": "Baris satu\r\nbaris dua\x0c",
    }
    r = _post(client, relay, json=sent, headers=JSON_HEADERS)
    assert r.status_code == 200, r.text
    engine = sa.create_engine(relay.settings.database_url)
    try:
        with engine.connect() as conn:
            data = conn.execute(sa.select(store.records.c.data)).scalar_one()
    finally:
        engine.dispose()
    assert data["nama"] == "Ani  Putri [31m"
    assert data["alamat"] == "Jl. Mawar No. 1"
    assert data["rincian_informasi"] == "Baris satu\nbaris dua"


def test_a_storage_failure_is_503_and_keeps_nothing(client: httpx.Client, relay: LiveRelay) -> None:
    engine = sa.create_engine(relay.settings.database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE events"))  # a database that refuses every write
    engine.dispose()
    r = _post(
        client,
        relay,
        data=PERMOHONAN,
        files={"dokumen_identitas": ("ktp.pdf", PDF)},
        headers=JSON_HEADERS,
    )
    assert r.status_code == 503
    assert r.headers["retry-after"] == "5"
    assert "belum dapat dicatat" in r.json()["error"] and "kirim ulang" in r.json()["error"]
    assert relay.count() == 0 and relay.uploads() == []  # the scan went with it
    page = _post(client, relay, data=PERMOHONAN, headers={"Accept": "text/html"})
    assert page.status_code == 503 and "belum dapat dicatat" in page.text
    assert 'value="Budi Santoso"' in page.text  # the requester's input is kept to resend


def test_a_writer_that_dies_mid_request_is_503_then_the_relay_goes_on(
    client: httpx.Client, relay: LiveRelay
) -> None:
    assert _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS).status_code == 200
    first = relay.writer_pid()
    assert first is not None
    with (
        another_writer(relay.settings.database_url),  # the writer will wait for this lock
        concurrent.futures.ThreadPoolExecutor(1) as pool,
    ):
        waiting = pool.submit(
            _post,
            client,
            relay,
            data=PERMOHONAN,
            headers=JSON_HEADERS,
            files={"dokumen_identitas": ("ktp.pdf", PDF)},
        )
        time.sleep(0.3)
        os.kill(first, signal.SIGKILL)
        r = waiting.result(timeout=5)
    assert r.status_code == 503 and "kirim ulang" in r.json()["error"]
    assert len(relay.uploads()) == 1  # perhaps stored when it died: its scan is kept
    time.sleep(1.1)  # the pause before a new writer (no new process per request meanwhile)
    again = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS)
    assert again.status_code == 200 and again.json()["nomor"].startswith("0002/")
    assert relay.writer_pid() not in (None, first)
    assert relay.count() == 2


def _forwarded(client: httpx.Client, live: LiveRelay, *chains: str) -> list[int]:
    """The status of one submission per X-Forwarded-For chain."""
    return [
        _post(
            client, live, json=PERMOHONAN, headers={**JSON_HEADERS, "X-Forwarded-For": chain}
        ).status_code
        for chain in chains
    ]


def test_behind_a_proxy_the_rightmost_untrusted_hop_is_the_client(
    client: httpx.Client, relay_settings: Any
) -> None:
    limits = replace(relay_settings.limits, per_minute=1)
    settings = replace(relay_settings, limits=limits, trust_proxy=True)
    for live in run_relay(settings):
        # nginx appends the address it saw (203.0.113.7); the left part is the client's own
        # claim, different on every request, and must not give it a new count each time
        chains = [f"10.9.9.{i}, 203.0.113.7" for i in range(3)]
        assert _forwarded(client, live, *chains) == [200, 429, 429]
        # another client behind the same proxy
        assert _forwarded(client, live, "198.51.100.2") == [200]


def test_without_a_trusted_proxy_the_header_is_ignored(
    client: httpx.Client, relay_settings: Any
) -> None:
    settings = replace(relay_settings, limits=replace(relay_settings.limits, per_minute=1))
    for live in run_relay(settings):
        assert _forwarded(client, live, "10.0.0.1", "10.0.0.2") == [200, 429]


def test_status_checks_have_their_own_count(client: httpx.Client, relay_settings: Any) -> None:
    limits = replace(relay_settings.limits, per_minute=1, status_per_minute=3)
    for live in run_relay(replace(relay_settings, limits=limits)):
        assert _post(client, live, json=PERMOHONAN, headers=JSON_HEADERS).status_code == 200
        form = {"nomor": "0001/PPID/XI/2026", "kode": "salah"}
        codes = [client.post(f"{live.url}/status", data=form).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = client.post(f"{live.url}/status", data=form)
        assert "Terlalu banyak pemeriksaan status" in r.text


@pytest.mark.parametrize("field", ["nama", "rincian_informasi", "_subject"])
def test_a_lone_surrogate_is_a_422_for_its_field_and_nothing_is_stored(
    client: httpx.Client, relay: LiveRelay, field: str
) -> None:
    raw = json_module.dumps({**PERMOHONAN, field: "PT X \\ud83d"}).replace("\\\\ud83d", "\\ud83d")
    r = client.post(
        f"{relay.url}/f/permohonan",
        content=raw,
        headers={**JSON_HEADERS, "Content-Type": "application/json"},
    )
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == [field]
    assert relay.count() == 0
    # and the register, which one such record used to break for everyone, still answers
    assert client.get(f"{relay.url}/register.json").status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ('{"nama": []}', 422),  # an empty list is an empty field, not a 500
        ("[" * 1000 + "]" * 1000, 400),
        ('{"nama": ' + "[" * 950 + "]" * 950 + "}", 400),
        ("{" + ",".join(f'"k{i}":1' for i in range(5000)) + "}", 422),
    ],
    ids=["empty-array", "deep-array", "deep-in-a-field", "many-keys"],
)
def test_malformed_json_is_a_clear_4xx(
    client: httpx.Client, relay: LiveRelay, body: str, status: int
) -> None:
    r = client.post(
        f"{relay.url}/f/permohonan",
        content=body,
        headers={**JSON_HEADERS, "Content-Type": "application/json"},
    )
    assert r.status_code == status, r.text
    assert r.json()["error"]
    assert relay.count() == 0


def _whole_answer(sock: Any) -> str:
    """An HTTP answer read from a socket until its body is whole (the head and the body may
    arrive in separate reads)."""
    got = b""
    while True:
        head, sep, body = got.partition(b"\r\n\r\n")
        if sep:
            length = next(
                (
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                0,
            )
            if len(body) >= length:
                return got.decode()
        chunk = sock.recv(4096)
        if not chunk:
            return got.decode()
        got += chunk


def test_a_body_shorter_than_its_length_times_out(relay_settings: Any) -> None:
    import socket

    limits = replace(relay_settings.limits, body_seconds=1)
    for live in run_relay(replace(relay_settings, limits=limits)):
        host, port = live.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(
                b"POST /f/permohonan HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                b'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"nama": '
            )
            answer = _whole_answer(s)
        assert answer.startswith("HTTP/1.1 408")
        assert "tidak selesai diterima" in answer
        assert live.count() == 0


def test_a_disguised_upload_is_refused_over_http_and_nothing_is_kept(
    client: httpx.Client, relay: LiveRelay
) -> None:
    r = _post(
        client,
        relay,
        data=PERMOHONAN,
        files={"dokumen_identitas": ("ktp.pdf", b"%PDF-1.4\n<html><script>x</script></html>")},
        headers=JSON_HEADERS,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "dokumen_identitas"
    assert relay.count() == 0 and relay.uploads() == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"nama": [' + ",".join(["1"] * 200_000) + "]}", "Terlalu banyak nilai dalam kiriman"),
        ('{"nama": [' + ",".join(["{}"] * 200_000) + "]}", "Terlalu banyak nilai dalam kiriman"),
    ],
    ids=["long-list", "list-of-objects"],
)
def test_a_long_list_is_refused_before_it_is_parsed(
    client: httpx.Client, relay: LiveRelay, body: str, message: str
) -> None:
    r = client.post(
        f"{relay.url}/f/permohonan",
        content=body,
        headers={**JSON_HEADERS, "Content-Type": "application/json"},
    )
    assert r.status_code == 422 and r.json()["error"] == message
    assert relay.count() == 0


def test_a_field_repeated_past_its_length_is_refused(
    client: httpx.Client, relay: LiveRelay
) -> None:
    r = _post(client, relay, json={**PERMOHONAN, "nama": ["Budi"] * 15}, headers=JSON_HEADERS)
    assert r.status_code == 200  # a short list is a field's values joined
    # 19 values of 300 characters: each under the 2,000-character limit, together past it
    r = _post(client, relay, json={**PERMOHONAN, "nama": ["B" * 300] * 19}, headers=JSON_HEADERS)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "nama"


@pytest.mark.parametrize(("zona", "hours"), [("WIB", 7), ("WITA", 8), ("WIT", 9)])
def test_a_request_at_night_is_received_on_the_office_s_date(
    relay_settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    zona: str,
    hours: int,
) -> None:
    """20:00 UTC on Tuesday 1 December is 03:00 WIB, 04:00 WITA, 05:00 WIT on Wednesday
    2 December, on a server whose own clock says UTC. Day 10 from Wednesday 2 December:
    3, 4 (2), 7-11 (7), 14, 15, 16 December (10)."""
    office = tmp_path / "badan-publik.yml"
    profile = (ROOT / "dip" / "badan-publik.yml").read_text(encoding="utf-8")
    office.write_text(profile.replace("zona_waktu: WIB", f"zona_waktu: {zona}"), "utf-8")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        with (
            time_machine.travel(datetime(2026, 12, 1, 20, 0, tzinfo=UTC), tick=True),
            contextlib.contextmanager(run_relay)(
                replace(relay_settings, office_file=office)
            ) as live,
            httpx.Client() as client,
        ):
            r = _post(client, live, json=PERMOHONAN, headers=JSON_HEADERS)
            assert r.status_code == 200, r.text
            assert r.json()["tenggat"] == "2026-12-16"
            record = live.app.state.relay.tracker.get(r.json()["nomor"])
    finally:
        monkeypatch.undo()
        time.tzset()
    assert record.diterima == date(2026, 12, 2) and record.nomor.endswith("/XII/2026")
    assert record.events[0].waktu.utcoffset() == timedelta(hours=hours)  # kept with its zone


def test_an_objection_s_unknown_number_is_reported_with_its_other_mistakes(
    client: httpx.Client, relay: LiveRelay
) -> None:
    keberatan = {
        "nomor_permohonan": "0404/PPID/I/2026",
        "kode": "ABCD1234",
        "nama": "",
        "telepon": "081234567890",
        "alasan": ["c"],
        "kasus_posisi": "",
    }
    r = _post(client, relay, "keberatan", json=keberatan, headers=JSON_HEADERS)
    assert r.status_code == 422
    fields = [e["field"] for e in r.json()["errors"]]
    assert sorted(fields) == ["kasus_posisi", "nama", "nomor_permohonan"]  # one round
    page = _post(client, relay, "keberatan", data=keberatan, headers={"Accept": "text/html"})
    assert "Nomor permohonan tidak terdaftar" in page.text and "Nama wajib" not in page.text
    assert 'href="#k-nomor-permohonan"' in page.text and 'href="#k-kasus-posisi"' in page.text
    assert relay.count() == 0


def test_a_wrong_code_is_reported_with_the_other_mistakes(
    client: httpx.Client, relay: LiveRelay
) -> None:
    nomor = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS).json()["nomor"]
    keberatan = {
        "nomor_permohonan": nomor,
        "kode": "SALAH123",
        "nama": "Budi Santoso",
        "telepon": "081234567890",
        "kasus_posisi": "",
    }
    r = _post(client, relay, "keberatan", json=keberatan, headers=JSON_HEADERS)
    assert sorted(e["field"] for e in r.json()["errors"]) == ["alasan", "kasus_posisi"]
    r = _post(client, relay, "keberatan", json={**keberatan, "alasan": ["c"]}, headers=JSON_HEADERS)
    assert sorted(e["field"] for e in r.json()["errors"]) == ["kasus_posisi", "kode"]


def test_a_refused_form_comes_back_whole_with_its_choices(
    client: httpx.Client, relay: LiveRelay
) -> None:
    sent = {**PERMOHONAN, "cara_memperoleh": "salinan_softcopy", "cara_salinan": "pos"}
    del sent["persetujuan"]
    r = _post(client, relay, data=sent, headers={"Accept": "text/html"})
    assert r.status_code == 422
    page = r.text
    # the consent box is there to tick, with its mistake next to it
    assert 'type="checkbox" id="f-persetujuan" name="persetujuan" value="ya" required ' in page
    assert '<p id="e-f-persetujuan" class="ppid-error">' in page
    assert '<a href="#f-persetujuan">Persetujuan privasi</a>' in page
    # choices as choices, chosen as sent, with their Indonesian labels
    assert 'value="salinan_softcopy" required checked> Mendapatkan salinan elektronik' in page
    assert '<option value="pos" selected>Pos</option>' in page
    assert not re.search(
        r'type="(text|hidden)"[^>]*value="(perorangan|salinan_softcopy|pos)"', page
    )
    assert "Pilih berkas" in page and 'type="file"' in page
    assert 'value="Budi Santoso"' in page


def test_status_accepts_the_number_as_people_type_it(
    client: httpx.Client, relay: LiveRelay
) -> None:
    body = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS).json()
    nomor, kode = body["nomor"], body["kode"]
    urut, _, bulan, tahun = nomor.split("/")
    typed = [
        nomor.lower(),
        f" {urut} / ppid / {bulan.lower()} / {tahun} ",
        f"{int(urut)}PPID{bulan}{tahun}",
    ]
    for as_typed in typed:
        page = client.post(f"{relay.url}/status", data={"nomor": as_typed, "kode": kode.lower()})
        assert "Menunggu kelengkapan" in page.text, as_typed
    short = {"nomor": str(int(urut)), "kode": kode}
    assert nomor in client.post(f"{relay.url}/status", data={**short, "tahun": tahun}).text
    assert nomor in client.post(f"{relay.url}/status", data=short).text  # this year's
    other_year = client.post(f"{relay.url}/status", data={**short, "tahun": "2019"})
    assert "tidak cocok" in other_year.text and nomor not in other_year.text.split("</h1>")[1]
    bad_year = client.post(f"{relay.url}/status", data={**short, "tahun": "26"})
    assert bad_year.status_code == 422 and "Tulis tahun dengan 4 angka" in bad_year.text


def test_a_status_check_with_a_field_left_empty_is_refused_by_the_one_handler(
    client: httpx.Client, relay: LiveRelay
) -> None:
    sent = {"nomor": "0001/PPID/XI/2026", "kode": ""}
    page = client.post(f"{relay.url}/status", data=sent, headers={"Accept": "text/html"})
    assert page.status_code == 422 and "Isi kode status" in page.text
    assert 'value="0001/PPID/XI/2026"' in page.text  # what was typed is kept
    # a script gets Formspree's JSON error, as from every refusal (forms.http.errors)
    r = client.post(f"{relay.url}/status", data=sent, headers=JSON_HEADERS)
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "kode", "code": "REQUIRED_FIELD_EMPTY", "message": "Isi kode status"}
    ]


def test_a_number_too_long_to_be_one_is_not_found_on_the_status_page(
    client: httpx.Client, relay: LiveRelay
) -> None:
    kode = _post(client, relay, json=PERMOHONAN, headers=JSON_HEADERS).json()["kode"]
    for typed in ["12345678901234567890123", "1" * 5000, "0001/PPID/XI/" + "2" * 40]:
        page = client.post(f"{relay.url}/status", data={"nomor": typed, "kode": kode})
        assert page.status_code == 200, typed[:40]
        assert "tidak cocok" in page.text and "Menunggu kelengkapan" not in page.text


def test_a_status_check_past_its_limit_is_the_status_page_with_the_wait(
    client: httpx.Client, relay_settings: Any
) -> None:
    limits = replace(relay_settings.limits, status_per_minute=1, per_minute=1)
    for live in run_relay(replace(relay_settings, limits=limits)):
        form = {"nomor": "0001/PPID/XI/2026", "kode": "salah"}
        html = {"Accept": "text/html"}
        assert client.post(f"{live.url}/status", data=form, headers=html).status_code == 200
        r = client.post(f"{live.url}/status", data=form, headers=html)
        assert r.status_code == 429 and r.headers["content-type"].startswith("text/html")
        wait = int(r.headers["retry-after"])
        assert 0 < wait <= 61
        assert f"Tunggu {wait} detik, lalu coba lagi" in r.text
        assert 'name="nomor"' in r.text and 'value="0001/PPID/XI/2026"' in r.text  # form kept
        # its own count: a submission is still taken
        sent = client.post(f"{live.url}/f/permohonan", json=PERMOHONAN, headers=JSON_HEADERS)
        assert sent.status_code == 200


def _thanks(client: httpx.Client, relay: LiveRelay, fields: dict[str, str]) -> httpx.Response:
    r = _post(client, relay, data=fields, headers={"Accept": "text/html"})
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"])  # with the redirect's cookie, as a browser
    assert page.status_code == 200
    return page


def test_the_thank_you_page_says_truthfully_what_of_the_mail(
    client: httpx.Client, relay: LiveRelay, relay_settings: Any
) -> None:
    without = _thanks(client, relay, {**PERMOHONAN, "email": ""})
    assert "Anda tidak mengisi surel" in without.text
    off = _thanks(client, relay, PERMOHONAN)
    assert "Layanan surel kantor ini belum aktif" in off.text and "b***@contoh.id" in off.text
    from forms.settings import Smtp

    smtp = Smtp(host="127.0.0.1", port=1, sender="ppid@contoh.id")  # nobody listening
    for live in run_relay(replace(relay_settings, smtp=smtp)):
        on = _thanks(client, live, PERMOHONAN)
        assert "Tanda terima akan dikirim ke b***@contoh.id" in on.text
        assert "terkirim" not in on.text  # it is sent after the page, never claimed


def test_the_tanda_bukti_is_a_pdf_of_the_thank_you_page_only(
    client: httpx.Client, relay: LiveRelay
) -> None:
    import io

    import pypdf

    page = _thanks(client, relay, PERMOHONAN)
    link = re.search(r'href="(/terima-kasih/tanda-bukti\?t=[^"]+)"', page.text)
    assert link is not None
    r = client.get(relay.url + link[1].replace("&amp;", "&"))
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert "attachment" in r.headers["content-disposition"]
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(r.content)).pages)
    text = " ".join(text.split())
    nomor = re.search(r"0001/PPID/[IVX]+/\d{4}", page.text)
    assert nomor is not None and nomor[0] in text
    for shown in ("TANDA BUKTI PENERIMAAN", "Tanggal diterima", "Tenggat jawaban", "Salinan DIPA"):
        assert shown in text, shown
    kode = re.search(r'Kode status</dt><dd class="ppid-nomor-besar">([0-9A-F]{8})<', page.text)
    assert kode is not None and kode[1] not in text
    for private in (PERMOHONAN["nik"], PERMOHONAN["alamat"], PERMOHONAN["telepon"], "budi@"):
        assert private not in text
    forged = client.get(f"{relay.url}/terima-kasih/tanda-bukti?t=bukan.token")
    assert forged.status_code == 404


def test_the_thank_you_token_alone_never_gives_the_tanda_bukti(
    client: httpx.Client, relay: LiveRelay
) -> None:
    page = _thanks(client, relay, PERMOHONAN)  # the requester's browser, with its cookie
    link = re.search(r'href="(/terima-kasih/tanda-bukti\?t=[^"]+)"', page.text)
    assert link is not None
    url = relay.url + link[1].replace("&amp;", "&")
    nomor = re.search(r"0001/PPID/[IVX]+/\d{4}", page.text)
    assert nomor is not None
    # the URL from the browser's history or a proxy's log, in another browser: no PDF, no name
    forged = {KODE_COOKIE: quote(f"{nomor[0]}|SALAH123", safe="")}  # a cookie made up
    for cookies in ({}, forged):
        with httpx.Client(timeout=20, cookies=cookies) as stranger:
            r = stranger.get(url, headers={"Accept": "text/html"})
            assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
            assert "Budi" not in r.text and "Salinan DIPA" not in r.text
            assert "hanya dapat diunduh tepat setelah pengiriman" in r.text
            assert "Cek status" in r.text
            # and the thank-you page, later, no longer offers it
            later = stranger.get(str(page.url))
            assert later.status_code == 200 and "Unduh tanda bukti" not in later.text
            assert "dapat diunduh hanya tepat setelah pengiriman" in later.text
    # the requester's own browser, right after sending, still gets it
    assert client.get(url).headers["content-type"] == "application/pdf"
