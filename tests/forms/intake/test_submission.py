"""Reading a submission as Formspree does, through a real Starlette request: the three body
kinds, the special fields, every limit with its status and code, where to go next, the rate
limit, JSON or HTML, and where uploads are kept."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forms.intake.submission import (
    RateLimiter,
    Rejected,
    StagedFile,
    Submission,
    content_type,
    header_dict,
    parse,
    safe_next,
    store_files,
    wants_json,
)
from forms.intake.validation import FieldError
from forms.settings import Limits
from tests.support import SCAN_JPEG, SCAN_PDF, SCAN_PNG, free_port

PDF = SCAN_PDF
PNG = SCAN_PNG
JPG = SCAN_JPEG
MB = 1024 * 1024
LIMITS = Limits(
    body_bytes=3 * MB, file_bytes=1 * MB, files=2, fields=8, field_chars=50, per_minute=0
)
ORIGINS = ("https://ppid-contoh.example.org", "http://127.0.0.1:8000")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass
class Seen:
    """What the endpoint's parse gave for the last request."""

    limits: Limits = LIMITS
    submission: Submission | None = None
    rejected: Rejected | None = None
    headers: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Seen]]:
    """A real HTTP server whose one endpoint parses submissions with the module under test."""
    seen = Seen()

    async def endpoint(request: Request) -> Response:
        seen.submission = seen.rejected = None
        seen.headers = header_dict(request)
        try:
            seen.submission = await parse(request, request.path_params["form"], seen.limits)
        except Rejected as exc:
            seen.rejected = exc
            return Response(exc.error, status_code=exc.status)
        return Response("ok")

    app = Starlette(routes=[Route("/f/{form}", endpoint, methods=["POST"])])
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if uv.started:
            break
        time.sleep(0.025)
    try:
        yield f"http://127.0.0.1:{port}", seen
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def seen(server: tuple[str, Seen]) -> Seen:
    """The server's record of the last request, with this test's limits (LIMITS unless set)."""
    found = server[1]
    found.limits, found.submission, found.rejected, found.headers = LIMITS, None, None, {}
    return found


@pytest.fixture
def http(server: tuple[str, Seen]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server[0], timeout=20) as client:
        yield client


def _ok(http: httpx.Client, seen: Seen, form: str = "permohonan", **kw: Any) -> Submission:
    r = http.post(f"/f/{form}", **kw)
    assert r.status_code == 200, r.text
    assert seen.submission is not None
    return seen.submission


def _refused(http: httpx.Client, seen: Seen, form: str = "permohonan", **kw: Any) -> Rejected:
    r = http.post(f"/f/{form}", **kw)
    assert seen.rejected is not None, r.text
    assert r.status_code == seen.rejected.status
    return seen.rejected


# --- body kinds --------------------------------------------------------------------------


def test_urlencoded_form(http: httpx.Client, seen: Seen) -> None:
    sub = _ok(
        http,
        seen,
        content=b"nama=Siti+Aminah&alamat=Jl.%20Mawar%201%2C%20Contoh"
        b"&alasan=a&alasan=c&catatan=&kota=Yogyakarta%E2%80%94DIY",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert sub.fields == {
        "nama": ["Siti Aminah"],
        "alamat": ["Jl. Mawar 1, Contoh"],
        "alasan": ["a", "c"],
        "catatan": [""],
        "kota": ["Yogyakarta—DIY"],
    }
    assert sub.special == {} and sub.files == [] and not sub.is_json and not sub.is_spam


def test_urlencoded_form_that_is_not_utf8(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http,
        seen,
        content="nama=Jos\xe9".encode("latin-1"),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert refused.status == 400 and refused.code == "EMPTY"
    assert refused.error.startswith("Kiriman tidak dapat dibaca")


def test_multipart_form_with_an_identity_scan(http: httpx.Client, seen: Seen) -> None:
    sub = _ok(
        http,
        seen,
        data={"nama": "Siti Aminah", "alasan": ["a", "b"]},
        files={"dokumen_identitas": ("ktp.pdf", PDF, "application/pdf")},
    )
    assert sub.fields == {"nama": ["Siti Aminah"], "alasan": ["a", "b"]}
    assert sub.files == [StagedFile("dokumen_identitas", PDF, "application/pdf", ".pdf")]


@pytest.mark.parametrize(
    ("content", "ctype", "suffix"),
    [(PDF, "application/pdf", ".pdf"), (PNG, "image/png", ".png"), (JPG, "image/jpeg", ".jpg")],
)
def test_an_upload_is_judged_by_its_content_not_its_name(
    http: httpx.Client, seen: Seen, content: bytes, ctype: str, suffix: str
) -> None:
    sub = _ok(
        http,
        seen,
        data={"nama": "Siti"},
        files={"dokumen_identitas": ("scan.docx", content, "application/msword")},
    )
    assert [(f.content_type, f.suffix) for f in sub.files] == [(ctype, suffix)]


def test_an_upload_of_another_kind_is_refused(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http,
        seen,
        data={"nama": "Siti"},
        files={"dokumen_identitas": ("ktp.pdf", b"<html>bukan pdf</html>")},
    )
    assert (refused.status, refused.error) == (422, "Jenis berkas tidak diterima")
    assert refused.errors == [
        FieldError(
            "dokumen_identitas",
            "TYPE_FILE",
            "Berkas harus PDF, JPG atau PNG (dinilai dari isinya, bukan nama berkasnya)",
        )
    ]


def test_an_empty_file_input_is_no_upload(http: httpx.Client, seen: Seen) -> None:
    # what a browser sends for a file input left empty
    body = (
        b'--b\r\nContent-Disposition: form-data; name="nama"\r\n\r\nSiti\r\n'
        b'--b\r\nContent-Disposition: form-data; name="dokumen_identitas"; filename=""\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n\r\n--b--\r\n"
    )
    sub = _ok(http, seen, content=body, headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert sub.fields == {"nama": ["Siti"]} and sub.files == []


def test_each_form_takes_uploads_in_its_own_file_fields(http: httpx.Client, seen: Seen) -> None:
    sub = _ok(
        http,
        seen,
        data={"nama": "Yayasan Contoh"},
        files=[("dokumen_badan_hukum", ("akta.pdf", PDF)), ("surat_kuasa", ("kuasa.png", PNG))],
    )
    assert [(f.field, f.suffix) for f in sub.files] == [
        ("dokumen_badan_hukum", ".pdf"),
        ("surat_kuasa", ".png"),
    ]
    sub = _ok(http, seen, "keberatan", data={"nama": "Siti"}, files={"surat_kuasa": ("k.pdf", PDF)})
    assert [f.field for f in sub.files] == ["surat_kuasa"]


def test_an_objection_takes_only_a_power_of_attorney(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http,
        seen,
        "keberatan",
        data={"nama": "Siti"},
        files={"dokumen_identitas": ("ktp.pdf", PDF)},
    )
    assert (refused.status, refused.code) == (422, "NO_FILE_UPLOADS")
    assert refused.error == "Formulir ini hanya menerima berkas di kolom surat_kuasa"


def test_one_file_per_file_field(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http,
        seen,
        data={"nama": "Siti"},
        files=[("surat_kuasa", ("a.pdf", PDF)), ("surat_kuasa", ("b.png", PNG))],
    )
    assert (refused.status, refused.code) == (422, "TOO_MANY_FILES")
    assert refused.error == "Setiap kolom berkas hanya menerima satu berkas"
    assert refused.errors == [
        FieldError(
            "surat_kuasa",
            "TOO_MANY_FILES",
            "Lampirkan satu berkas saja di kolom ini; gabungkan beberapa halaman menjadi satu PDF",
        )
    ]


def test_three_documents_fit_the_default_file_limit() -> None:
    from forms.intake.submission import FILE_FIELDS

    assert len(FILE_FIELDS["permohonan"]) == Limits().files == 3


def test_json_body(http: httpx.Client, seen: Seen) -> None:
    sub = _ok(
        http,
        seen,
        json={
            "nama": "Siti Aminah",
            "alasan": ["a", "c"],
            "persetujuan": True,
            "tidak": False,
            "kosong": None,
            "umur": 41,
            "alamat": {"jalan": "Mawar 1", "kota": "Contoh"},
            "_subject": "Salinan DIPA",
        },
    )
    assert sub.fields == {
        "nama": ["Siti Aminah"],
        "alasan": ["a", "c"],
        "persetujuan": ["ya"],
        "tidak": [""],
        "kosong": [""],
        "umur": ["41"],
        "alamat": ['{"jalan": "Mawar 1", "kota": "Contoh"}'],
    }
    assert sub.special == {"_subject": "Salinan DIPA"} and sub.is_json


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"{nama: Siti}", "Isi kiriman bukan JSON yang valid"),
        (b"\xff\xfe", "Isi kiriman bukan JSON yang valid"),
        (b'["nama", "Siti"]', "Isi kiriman JSON harus berupa objek"),
        (b'"Siti"', "Isi kiriman JSON harus berupa objek"),
    ],
)
def test_json_body_that_is_no_object(
    http: httpx.Client, seen: Seen, body: bytes, error: str
) -> None:
    refused = _refused(http, seen, content=body, headers={"Content-Type": "application/json"})
    assert (refused.status, refused.error, refused.code) == (400, error, "EMPTY")


@pytest.mark.parametrize("ctype", ["text/plain", "application/xml", ""])
def test_other_body_kinds_are_refused(http: httpx.Client, seen: Seen, ctype: str) -> None:
    refused = _refused(http, seen, content=b"nama=Siti", headers={"Content-Type": ctype})
    assert (refused.status, refused.code) == (415, "EMPTY")
    assert refused.error == (
        "Jenis isi kiriman tidak didukung; gunakan formulir, multipart, atau JSON"
    )


# --- special fields ------------------------------------------------------------------------


def test_special_fields_are_taken_out_of_the_form(http: httpx.Client, seen: Seen) -> None:
    sub = _ok(
        http,
        seen,
        data={
            "nama": "Siti",
            "_next": "https://ppid-contoh.example.org/ok",
            "_subject": ["Salinan", "DIPA"],
            "_replyto": "siti@contoh.id",
            "_cc": "lsm@contoh.id",
            "_language": "id",
            "_lain": "x",
        },
    )
    assert sub.special == {
        "_next": "https://ppid-contoh.example.org/ok",
        "_subject": "Salinan DIPA",
        "_replyto": "siti@contoh.id",
        "_cc": "lsm@contoh.id",
        "_language": "id",
    }
    assert sub.fields == {"nama": ["Siti"], "_lain": ["x"]}  # not a special field: kept


@pytest.mark.parametrize(("gotcha", "spam"), [("", False), ("   ", False), ("http://x", True)])
def test_the_honeypot_marks_spam(http: httpx.Client, seen: Seen, gotcha: str, spam: bool) -> None:
    sub = _ok(http, seen, data={"nama": "Siti", "_gotcha": gotcha})
    assert sub.is_spam is spam and "_gotcha" not in sub.fields


@pytest.mark.parametrize(
    ("target", "referer", "expected"),
    [
        (
            "https://ppid-contoh.example.org/terima-kasih/",
            None,
            "https://ppid-contoh.example.org/terima-kasih/",
        ),
        (
            "/terima-kasih/",
            "https://ppid-contoh.example.org/permohonan/",
            "https://ppid-contoh.example.org/terima-kasih/",
        ),
        (
            "selesai.html",
            "http://127.0.0.1:8000/permohonan/",
            "http://127.0.0.1:8000/permohonan/selesai.html",
        ),
        ("https://penipu.example/ppid", "https://ppid-contoh.example.org/permohonan/", None),
        ("//penipu.example/ppid", "https://ppid-contoh.example.org/permohonan/", None),
        ("/terima-kasih/", "https://penipu.example/permohonan/", None),
        ("/terima-kasih/", None, None),  # nothing to say where it is relative to
        ("https://ppid-contoh.example.org.penipu.example/", None, None),
        ("http://ppid-contoh.example.org/", None, None),  # another scheme is another origin
        ("javascript:alert(1)", "https://ppid-contoh.example.org/", None),
        ("   ", "https://ppid-contoh.example.org/", None),
    ],
)
def test_next_stays_on_an_allowed_origin(
    target: str, referer: str | None, expected: str | None
) -> None:
    assert safe_next({"_next": target}, referer, ORIGINS) == expected


def test_no_next_means_the_thank_you_page() -> None:
    assert safe_next({}, "https://ppid-contoh.example.org/", ORIGINS) is None


# --- limits --------------------------------------------------------------------------------


def test_a_body_declared_too_big_is_refused_unread(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http,
        seen,
        content=b"x" * (3 * MB + 1),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (refused.status, refused.code) == (413, "FILES_TOO_BIG")
    assert refused.error == "Kiriman terlalu besar (paling besar 3 MB)"


def test_a_streamed_body_is_cut_at_the_limit(http: httpx.Client, seen: Seen) -> None:
    seen.limits = Limits(body_bytes=64 * 1024)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the size is counted as it comes
        for _ in range(4):
            yield b"x" * 32 * 1024

    refused = _refused(
        http, seen, content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert "content-length" not in seen.headers
    assert (refused.status, refused.code) == (413, "FILES_TOO_BIG")


def test_a_body_at_the_limit_is_read(http: httpx.Client, seen: Seen) -> None:
    body = b"nama=" + b"x" * 45 + b"&isi=" + b"y" * (3 * MB - 55)
    seen.limits = Limits(body_bytes=3 * MB, fields=8, field_chars=3 * MB)
    sub = _ok(
        http, seen, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert len(body) == 3 * MB and len(sub.fields["isi"][0]) == 3 * MB - 55


def test_a_file_too_big_is_refused(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http, seen, data={"nama": "Siti"}, files={"dokumen_identitas": ("ktp.pdf", PDF + b"0" * MB)}
    )
    assert (refused.status, refused.code) == (413, "FILES_TOO_BIG")
    assert refused.error == "Berkas terlalu besar (paling besar 1 MB)"


def test_a_file_limit_below_one_mb_is_announced_as_it_is(http: httpx.Client, seen: Seen) -> None:
    seen.limits = Limits(body_bytes=3 * MB, file_bytes=512 * 1024, files=2, fields=8)
    refused = _refused(
        http,
        seen,
        data={"nama": "Siti"},
        files={"dokumen_identitas": ("ktp.pdf", PDF + b"0" * 600 * 1024)},
    )
    assert refused.status == 413
    assert refused.error == "Berkas terlalu besar (paling besar 512 KB)"


def test_sizes_read_as_people_write_them() -> None:
    from forms.intake.submission import size_text

    assert [size_text(n) for n in (512 * 1024, MB, 3 * MB // 2, 12 * MB)] == [
        "512 KB",
        "1 MB",
        "1,5 MB",
        "12 MB",
    ]


def test_too_many_files(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http,
        seen,
        data={"nama": "Siti"},
        files=[
            ("dokumen_identitas", ("a.pdf", PDF)),
            ("dokumen_identitas", ("b.pdf", PDF)),
            ("dokumen_identitas", ("c.pdf", PDF)),
        ],
    )
    assert (refused.status, refused.code) == (422, "TOO_MANY_FILES")
    assert refused.error == "Terlalu banyak berkas (paling banyak 2)"


def test_too_many_fields(http: httpx.Client, seen: Seen) -> None:
    nine = {f"kolom{i}": "x" for i in range(9)}
    refused = _refused(http, seen, data=nine)
    assert (refused.status, refused.code) == (422, "EMPTY")
    assert refused.error == "Terlalu banyak kolom (paling banyak 8)"
    # the special fields do not count
    assert _ok(
        http,
        seen,
        data={**dict(list(nine.items())[:8]), "_gotcha": "", "_next": "/x", "_subject": "s"},
    ).special


def test_far_too_many_fields_are_not_even_parsed(http: httpx.Client, seen: Seen) -> None:
    body = "&".join(f"k{i}=v" for i in range(19)).encode()  # more than fields + 10
    refused = _refused(
        http, seen, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert refused.status == 400
    assert refused.error == "Kiriman tidak dapat dibaca: Max number of fields exceeded"


def test_a_field_too_long(http: httpx.Client, seen: Seen) -> None:
    refused = _refused(
        http, seen, data={"nama": "Siti", "alamat": "x" * 51, "rincian": ["pendek", "y" * 51]}
    )
    assert (refused.status, refused.error) == (422, "Isian terlalu panjang")
    assert refused.errors == [
        FieldError("alamat", "TYPE_TEXT", "Paling panjang 50 karakter"),
        FieldError("rincian", "TYPE_TEXT", "Paling panjang 50 karakter"),
    ]
    assert _ok(http, seen, data={"alamat": "x" * 50}).fields == {"alamat": ["x" * 50]}


@pytest.mark.parametrize(
    "kw",
    [
        {"data": {"nama": "", "alamat": "   "}},
        {"json": {}},
        {"json": {"_gotcha": "", "nama": None}},
        {"content": b"", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
    ],
    ids=["blank-form", "empty-json", "only-special", "no-body"],
)
def test_an_empty_form_is_refused(http: httpx.Client, seen: Seen, kw: dict[str, Any]) -> None:
    refused = _refused(http, seen, **kw)
    assert (refused.status, refused.error, refused.code) == (422, "Formulir kosong", "EMPTY")


def test_the_error_body_formspree_clients_read() -> None:
    whole = Rejected(413, "Kiriman terlalu besar (paling besar 3 MB)", "FILES_TOO_BIG")
    assert whole.as_json() == {
        "error": "Kiriman terlalu besar (paling besar 3 MB)",
        "errors": [
            {"code": "FILES_TOO_BIG", "message": "Kiriman terlalu besar (paling besar 3 MB)"}
        ],
    }
    per_field = Rejected(
        422,
        "Ada isian yang perlu diperbaiki",
        errors=[FieldError("email", "TYPE_EMAIL", "Surel tidak valid")],
    )
    assert per_field.as_json() == {
        "error": "Ada isian yang perlu diperbaiki",
        "errors": [{"field": "email", "code": "TYPE_EMAIL", "message": "Surel tidak valid"}],
    }
    assert str(per_field) == "Ada isian yang perlu diperbaiki"


# --- the rate limit ------------------------------------------------------------------------


def test_rate_limit_per_address_per_minute() -> None:
    limiter = RateLimiter(per_minute=2)
    limiter.check("10.0.0.1", now=1000.0)
    limiter.check("10.0.0.1", now=1010.0)
    limiter.check("10.0.0.2", now=1015.0)  # another address has its own count
    with pytest.raises(Rejected) as caught:
        limiter.check("10.0.0.1", now=1015.0)
    # the first of the two is a minute old at 1060: 45 seconds to go, said as 46
    assert (caught.value.status, caught.value.code, caught.value.retry_after) == (
        429,
        "BLOCKED",
        46,
    )
    assert caught.value.error == (
        "Terlalu banyak kiriman dari alamat Anda; coba lagi dalam 46 detik"
    )
    limiter.check("10.0.0.1", now=1060.0)  # the first one left the window
    with pytest.raises(Rejected):
        limiter.check("10.0.0.1", now=1061.0)


def test_a_refused_submission_does_not_count() -> None:
    limiter = RateLimiter(per_minute=1)
    limiter.check("10.0.0.1", now=0.0)
    for t in (10.0, 20.0, 30.0):
        with pytest.raises(Rejected):
            limiter.check("10.0.0.1", now=t)
    limiter.check("10.0.0.1", now=60.0)


def test_rate_limit_zero_means_no_limit() -> None:
    limiter = RateLimiter(per_minute=0)
    for i in range(100):
        limiter.check("10.0.0.1", now=float(i) / 100)


# --- JSON or HTML --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "body_is_json", "expected"),
    [
        ({"x-requested-with": "XMLHttpRequest", "accept": "text/html"}, False, True),
        ({"accept": "application/json"}, False, True),
        ({"accept": BROWSER}, False, False),
        ({"accept": BROWSER}, True, False),  # a browser asks for HTML whatever the body
        ({}, False, False),
        ({}, True, True),
        ({"accept": "*/*"}, True, True),
        ({"accept": "*/*"}, False, False),
        ({"accept": "application/json;q=0.5, text/html"}, False, False),
        ({"accept": "text/html;q=0.5, application/json"}, False, True),
        ({"accept": "application/*"}, False, True),
        ({"accept": "application/json;q=0"}, True, True),
        ({"accept": "application/json;q=abc, text/html;q=0.1"}, False, False),
        ({"accept": "APPLICATION/JSON"}, False, True),
    ],
)
def test_wants_json(headers: dict[str, str], body_is_json: bool, expected: bool) -> None:
    assert wants_json(headers, body_is_json) is expected


def test_headers_as_the_request_names_them(http: httpx.Client, seen: Seen) -> None:
    _ok(
        http,
        seen,
        data={"nama": "Siti"},
        headers=[("X-Diulang", "pertama"), ("X-Diulang", "kedua"), ("Referer", "https://x/")],
    )
    assert seen.headers["x-diulang"] == "pertama" and seen.headers["referer"] == "https://x/"
    assert content_type(seen.headers) == "application/x-www-form-urlencoded"
    assert content_type({"content-type": "Multipart/Form-Data; boundary=abc"}) == (
        "multipart/form-data"
    )
    assert content_type({}) == ""


# --- storing uploads -----------------------------------------------------------------------


def test_uploads_are_stored_under_generated_names(tmp_path: Path) -> None:
    folder = tmp_path / "unggahan" / "2026"  # made when first needed
    rows = store_files(
        [
            StagedFile("dokumen_identitas", PDF, "application/pdf", ".pdf"),
            StagedFile("dokumen_identitas", PNG, "image/png", ".png"),
        ],
        folder,
    )
    assert [(r["field"], r["content_type"], r["size"], r["sha256"]) for r in rows] == [
        ("dokumen_identitas", "application/pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
        ("dokumen_identitas", "image/png", len(PNG), hashlib.sha256(PNG).hexdigest()),
    ]
    names = [r["stored_name"] for r in rows]
    assert all(len(n) == 36 and n[:32].isalnum() for n in names) and len(set(names)) == 2
    assert [n[-4:] for n in names] == [".pdf", ".png"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no temporary file left
    assert (folder / names[0]).read_bytes() == PDF


def test_no_upload_no_folder(tmp_path: Path) -> None:
    assert store_files([], tmp_path / "unggahan") == []
    assert not (tmp_path / "unggahan").exists()


def test_the_rate_table_does_not_grow_without_bound() -> None:
    limiter = RateLimiter(per_minute=5, max_clients=100)
    for i in range(1000):  # a flood of addresses, each seen once
        limiter.check(f"10.{i // 256}.{i % 256}.1", now=float(i) / 100)
    assert len(limiter.seen) <= 100
    limiter.check("192.0.2.1", now=200.0)  # a minute later the old ones make room first
    assert "192.0.2.1" in limiter.seen and len(limiter.seen) <= 100
