"""The relay's one HTTP error handler: every refusal, HTML or JSON by the intake's negotiation.

A refused submission, an unknown page, a wrong method, a rate limit and a server error all
end here. A browser gets a page in Indonesian in the site's look (forms.http.shell): when a
submission was refused, the whole form again as the site shows it (the one template of
site_builder.render.formulir), with the requester's input and each mistake next to its
field; a refused status check (too many, a field left empty) is the status page again with
what was typed; a script, `@formspree/core` or an `Accept: application/json` client gets Formspree's
JSON error body. Never Starlette's English "Not Found".
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from forms.http.headers import is_desk_path, security_headers
from forms.intake import submission as intake
from forms.intake import validation
from site_builder.render.formulir import FORMS, LABELS, FormState, render_form

__all__ = ["LABELS", "MESSAGES", "as_rejected", "handle", "wants_json"]

# What a browser is told for a status that carries no message of its own.
MESSAGES = {
    400: "Permintaan tidak dapat dibaca",
    403: "Akses tidak diizinkan",
    404: "Halaman tidak ditemukan",
    405: "Metode tidak diizinkan",
    408: "Kiriman tidak selesai diterima; periksa sambungan lalu kirim ulang",
    410: "Halaman ini sudah tidak berlaku",
    413: "Kiriman terlalu besar",
    429: "Terlalu banyak permintaan; tunggu sebentar lalu coba lagi",
    500: "Terjadi gangguan pada server; silakan coba lagi beberapa saat lagi",
    503: "Layanan sedang tidak tersedia; silakan coba lagi beberapa saat lagi",
}


def as_rejected(exc: Exception) -> intake.Rejected:
    """Any exception that reaches the handler as a refusal with a status and a message."""
    if isinstance(exc, intake.Rejected):
        return exc
    if isinstance(exc, HTTPException):
        message = MESSAGES.get(exc.status_code, MESSAGES[500])
        return intake.Rejected(exc.status_code, message, headers=dict(exc.headers or {}))
    return intake.Rejected(500, MESSAGES[500])


def wants_json(request: Request) -> bool:
    """The intake's negotiation: XHR, an Accept that prefers JSON, or a JSON body."""
    given = intake.header_dict(request)
    return intake.wants_json(given, intake.content_type(given) == "application/json")


async def handle(request: Request, exc: Exception) -> Response:
    """The answer to every refusal and error of the relay."""
    rejected = as_rejected(exc)
    # An unexpected exception is logged with its traceback by the server once this answer
    # is sent (Starlette re-raises it); the requester is told only that something failed.
    # a 500 is answered outside the middleware stack: the security headers come from here
    headers = {**dict(rejected.headers), **security_headers(request.url.path)}
    if rejected.retry_after is not None:
        headers["Retry-After"] = str(rejected.retry_after)
    if wants_json(request):
        return JSONResponse(rejected.as_json(), status_code=rejected.status, headers=headers)
    desk = getattr(request.app.state, "desk", None)
    if desk is not None and is_desk_path(request.url.path):
        answer: Response = desk.error_page(rejected.status, rejected.error)
        answer.headers.update(headers)
        return answer
    relay = getattr(request.app.state, "relay", None)
    if relay is None:  # before start-up finished: no office name, no templates context
        return JSONResponse(rejected.as_json(), status_code=rejected.status, headers=headers)
    headers.pop("Content-Security-Policy")  # the page's own: the shell's or base.html's
    kantor = relay.kode_of(request)  # an office of many: its name, its forms' paths
    form_id, sub = rejected.form or ("", None)
    if form_id == "status":  # a status check refused: the status page again, its values kept
        wait = rejected.retry_after
        status_page: Response = relay.status_page(
            sub.fields if sub is not None else None,
            [(e.field, e.message) for e in rejected.errors],
            code=rejected.status,
            headers=headers,
            kantor=kantor,
            tunggu=waiting_time(wait) if rejected.status == 429 and wait else "",
        )
        return status_page
    response: Response = relay.page(
        "galat.html",
        status=rejected.status,
        headers=headers,
        kantor=kantor,
        **_page_context(rejected, relay.site_prefix(), kantor),
    )
    return response


TITLES = {
    404: "Halaman tidak ditemukan",
    405: "Alamat ini tidak menerima cara pengiriman itu",
    410: "Halaman sudah tidak berlaku",
    429: "Terlalu banyak permintaan",
}


def _page_context(rejected: intake.Rejected, site: str, kantor: str = "") -> dict[str, Any]:
    """The error page: the whole form again, as the site shows it, with what was sent and
    each mistake next to its field, when a submission was refused; else the message."""
    form_id, sub = rejected.form or ("", None)
    form = None
    if form_id in FORMS:  # never a dead end: the form again, empty when nothing was read
        mistakes = [(e.field, e.message) for e in rejected.errors]
        if sub is not None and not mistakes and rejected.code == "EMPTY":
            # an empty form sent: what each field needs, as if it had been checked
            check = validation.permohonan if form_id == "permohonan" else validation.keberatan
            mistakes = [(e.field, e.message) for e in check(sub.fields, frozenset())[1]]
        if sub is not None:
            special = [(k, v) for k, v in sub.special.items() if k != "_gotcha"]
            state = FormState(form_id, sub.fields, mistakes, special)
        else:
            state = FormState(form_id, None, mistakes)
        form = Markup(render_form(state, privasi_url=f"{site}/layanan/privasi/", kantor=kantor))
    wait = rejected.retry_after
    return {
        "judul": _title(rejected.status, form is not None, sub is None),
        "error": rejected.error,
        "kode_http": rejected.status,
        "form": form,
        "file_fields": intake.FILE_FIELDS.get(form_id, ()) if form else (),
        "kosong": sub is None,
        "retry_after": wait,
        "tunggu": waiting_time(wait) if wait else "",
    }


_DEFAULT = "Permintaan belum dapat dilayani"


def _title(status: int, with_form: bool, nothing_read: bool) -> str:
    if with_form and not nothing_read:
        return "Periksa kembali isian Anda"
    return TITLES.get(status, "Kiriman belum dapat diterima" if with_form else _DEFAULT)


def waiting_time(seconds: int) -> str:
    """How long to wait, as a person says it: "45 detik", "2 menit"."""
    if seconds < 90:
        return f"{seconds} detik"
    return f"{round(seconds / 60)} menit"
