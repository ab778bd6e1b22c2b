"""The relay's one HTTP error handler: every refusal, HTML or JSON by the intake's negotiation.

A refused submission, an unknown page, a wrong method, a rate limit and a server error all
end here. A browser gets a page in Indonesian in the relay's look (the form again, with the
requester's input and each mistake next to its field, when a submission was refused); a
script, `@formspree/core` or an `Accept: application/json` client gets Formspree's JSON
error body. Never Starlette's English "Not Found".
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from forms.http.headers import is_desk_path, security_headers
from forms.intake import submission as intake

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
LABELS = {
    "jenis_pemohon": "Jenis pemohon",
    "nama": "Nama",
    "nik": "NIK",
    "nomor_sk_badan_hukum": "Nomor SK badan hukum",
    "alamat": "Alamat",
    "pekerjaan": "Pekerjaan",
    "telepon": "Telepon",
    "email": "Surel",
    "rincian_informasi": "Rincian informasi",
    "tujuan_penggunaan": "Tujuan penggunaan",
    "cara_memperoleh": "Cara memperoleh informasi",
    "cara_salinan": "Cara mendapatkan salinan",
    "dokumen_identitas": "Salinan KTP (PDF, JPG atau PNG)",
    "dokumen_badan_hukum": "Akta pendirian/SK pengesahan badan hukum (PDF, JPG atau PNG)",
    "surat_kuasa": "Surat kuasa (PDF, JPG atau PNG)",
    "kuasa": "Diajukan oleh kuasa",
    "kode": "Kode status permohonan",
    "persetujuan": "Persetujuan privasi",
    "nomor_permohonan": "Nomor permohonan",
    "alasan": "Alasan keberatan",
    "kasus_posisi": "Kasus posisi",
}
LONG_FIELDS = ("alamat", "rincian_informasi", "tujuan_penggunaan", "kasus_posisi")


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
    response: Response = relay.page("galat.html", status=rejected.status, **_page_context(rejected))
    response.headers.update(headers)
    return response


def _page_context(rejected: intake.Rejected) -> dict[str, Any]:
    form_id, sub = rejected.form or ("", None)
    fields = [(k, " ".join(v)) for k, v in (sub.fields.items() if sub else ())]
    special = [(k, v) for k, v in (sub.special.items() if sub else ()) if k != "_gotcha"]
    return {
        "error": rejected.error,
        "errors": rejected.errors,
        "labels": LABELS,
        "fields": fields,
        "special": special,
        "action": f"/f/{form_id}",
        "bad": {e.field: e.message for e in rejected.errors},
        "long_fields": LONG_FIELDS,
        "file_fields": intake.FILE_FIELDS.get(form_id, ()) if sub is not None else (),
    }
