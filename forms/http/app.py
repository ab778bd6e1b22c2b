"""The relay as an ASGI app: Formspree-compatible intake, thank-you and status pages, the site.

POST /f/{form_id}      permohonan | keberatan (urlencoded, multipart with files, or JSON)
GET  /terima-kasih     the thank-you page (signed token: number, code, deadline)
GET  /terima-kasih/tanda-bukti   its tanda bukti, a PDF (the same token and the short-lived
                                 status-code cookie of the redirect)
GET/POST /status       status check by number and secret code
GET  /register.json    the anonymised public register
/                      the built site, when one is given (ppid serve)

With an office registry (PPID_KANTOR_FILE) each office has the same paths under
/f/<kode>/ (/f/<kode>/permohonan, /f/<kode>/terima-kasih, /f/<kode>/status,
/f/<kode>/register.json), over its own records; the plain paths then answer a 404 that
names the office paths.
"""

from __future__ import annotations

import functools
import gc
import ipaddress
import json
import os
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2
from markupsafe import Markup
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from forms import bukti, mail
from forms.desk import routes as desk_routes
from forms.desk import web as desk_web
from forms.http import errors
from forms.http.headers import RELAY_POLICY, SecurityHeaders
from forms.http.register_cache import RegisterCache
from forms.http.shell import Shell
from forms.intake import submission as intake
from forms.intake import validation
from forms.settings import Settings, SettingsError
from forms.startup import (
    build_tracker,
    engine_of,
    office_rules,
    office_trackers,
    registry_of,
    tracker_for,
)
from forms.store import tables as store
from forms.store.batas import STORAGE_DOWN, SharedRateLimiter
from forms.store.writer import GroupWriter, Receipt, WriteFailed, WriterGone
from forms.tokens import Read, Signer
from forms.tracker import Filing, Record, Tracker
from forms.vocab import KEPUTUSAN_LABEL, STATUS_LABEL, NotFound, TrackerError
from site_builder.dates import format_date
from site_builder.kantor import Kantor
from site_builder.render.formulir import FormState, render_form
from site_builder.text import sentence

FORMS = ("permohonan", "keberatan")
CORS_HEADERS = "Accept, Content-Type, Formspree-Client, Formspree-Session-Data, X-Requested-With"
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("forms.http", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


class _JSONResponse(JSONResponse):
    """JSONResponse, byte for byte, with its encoder made once rather than per answer."""

    def render(self, content: Any) -> bytes:
        return _ENCODE_JSON(content).encode("utf-8")


_ENCODE_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


class Relay:
    """The relay's state: settings, store, tracker, rate limiter."""

    def __init__(self, settings: Settings, site_dir: Path | None = None) -> None:
        self.settings = settings
        self.shell = Shell(site_dir)
        self.tracker = build_tracker(settings)
        # the deployment's offices (PPID_KANTOR_FILE), None for a single-office install,
        # and each office's tracker over the one engine
        self.registry = registry_of(settings)
        self.trackers = office_trackers(self.tracker, self.registry)
        self.engine = self.tracker.engine
        self.calendar = self.tracker.calendar
        self.secret = settings.resolved_secret()
        self.signer = Signer(self.secret)
        self.limiter: intake.RateLimiter | SharedRateLimiter
        self.status_limiter: intake.RateLimiter | SharedRateLimiter
        self.limits_engine: Engine | None = None
        if settings.workers > 1:  # a client's requests reach any worker: counted in the database
            # used from the event loop alone: one connection at a time
            self.limits_engine = engine_of(settings, durable=False, pool_size=1)
            self.limiter = SharedRateLimiter(
                self.limits_engine, self.secret, settings.limits.per_minute
            )
            self.status_limiter = SharedRateLimiter(
                self.limits_engine,
                self.secret,
                settings.limits.status_per_minute,
                "pemeriksaan status",
            )
        else:  # one process sees every request: its memory is the exact count
            self.limiter = intake.RateLimiter(settings.limits.per_minute)
            self.status_limiter = intake.RateLimiter(
                settings.limits.status_per_minute, "pemeriksaan status"
            )
        self.office_name = office_rules(settings.office_file).nama
        self.writer: GroupWriter | None = None
        self.register = RegisterCache(self.tracker)
        self.registers = {kode: RegisterCache(t) for kode, t in self.trackers.items()}

    def office(self, kode: str) -> Kantor:
        """The office of the registry with this kode; an unknown one is the 404 of the one
        error handler (forms/http/errors.py)."""
        found = self.registry.get(kode) if self.registry is not None else None
        if found is None:
            raise intake.Rejected(
                404,
                f"Kantor dengan kode '{kode}' tidak terdaftar di layanan ini; periksa alamat "
                "formulir pada situs PPID kantor Anda",
                "FORM_NOT_FOUND",
            )
        return found

    def kode_of(self, request: Request) -> str:
        """The office a request is for: the kode of its /f/<kode>/ path when the registry
        has it, else '' (the single office, or a path of no office)."""
        kode = request.scope.get("path_params", {}).get("kode", "")
        if not isinstance(kode, str) or self.registry is None or self.registry.get(kode) is None:
            return ""
        return kode

    def single_only(self, path: str) -> None:
        """Refuse a plain path (/f/permohonan, /status ...) of a relay serving many offices:
        each office has its own under /f/<kode>/."""
        if self.registry is None:
            return
        example = self.registry.kantor[0].kode
        raise intake.Rejected(
            404,
            f"Layanan ini melayani banyak kantor: gunakan alamat kantor Anda, "
            f"/f/<kode>{path} (misalnya /f/{example}{path})",
            "FORM_NOT_FOUND",
        )

    def name_of(self, kode: str) -> str:
        """The office's name on its pages: the registry's for one of many."""
        office = self.registry.get(kode) if self.registry is not None and kode else None
        return office.nama if office is not None else self.office_name

    def origins_of(self, kode: str) -> tuple[str, ...]:
        """The site origins allowed to post to an office's forms: its `asal` in the
        registry, PPID_ALLOWED_ORIGINS for the single office."""
        office = self.registry.get(kode) if self.registry is not None and kode else None
        return office.asal if office is not None else self.settings.allowed_origins

    def register_for(self, kode: str) -> RegisterCache:
        """The register of the office with this kode ('' the single office's)."""
        return self.registers[kode] if kode else self.register

    def tracker_for(self, kode: str) -> Tracker:
        """The tracker of the office with this kode; '' is the single office's. An unknown
        kode is NotFound."""
        return tracker_for(self.tracker, self.trackers, kode)

    def site_prefix(self) -> str:
        """What links to the site's pages start with: nothing when the relay wears the built
        site's shell (one origin), the site's public address when the site is elsewhere."""
        if self.shell.parts() is not None or not self.settings.allowed_origins:
            return ""
        return self.settings.public_url

    def page(
        self,
        name: str,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        kantor: str = "",
        **context: Any,
    ) -> HTMLResponse:
        """An HTML page of the relay, in the built site's shell (forms.http.shell) or, with
        no site built here, in the relay's own base.html. The page names its own policy:
        the shell loads the site's stylesheets and scripts (its inline ones by their hashes,
        never 'unsafe-inline': the page may echo the requester's input), base.html only its
        inline style."""
        template = _TEMPLATES.get_template(name)
        parts = self.shell.parts()
        office_name = self.name_of(kantor)
        if parts is None:
            site = self.site_prefix()
            html = template.render(
                layout="base.html", office_name=office_name, site_url=site, **context
            )
            policy = RELAY_POLICY
        else:
            both = template.render(
                layout="isi.html", office_name=office_name, site_url="", **context
            )
            title, _, content = both.partition("\x00")
            html = parts.wrap(" ".join(title.split()), content)
            policy = parts.policy
        answer = {**(headers or {}), "Content-Security-Policy": policy}
        return HTMLResponse(html, status_code=status, headers=answer)

    def status_page(
        self,
        values: Mapping[str, list[str]] | None = None,
        mistakes: Sequence[tuple[str, str]] = (),
        code: int = 200,
        headers: Mapping[str, str] | None = None,
        kantor: str = "",
        **context: Any,
    ) -> HTMLResponse:
        """The status page (of the office `kantor`): its form (with the values and mistakes
        given), and what the check found; also the page of a refused check
        (forms.http.errors)."""
        form = Markup(render_form(FormState("status", values, mistakes), kantor=kantor))
        context = {"record": None, "tried": False, "tunggu": "", **context}
        return self.page(
            "status.html", status=code, headers=headers, kantor=kantor, form=form, **context
        )


def _relay(request: Request) -> Relay:
    relay: Relay = request.app.state.relay
    return relay


def _client(request: Request, settings: Settings, headers: Mapping[str, str] | None = None) -> str:
    """The requester's address. Behind trusted proxies (PPID_TRUST_PROXY), the rightmost
    X-Forwarded-For entry that is not one of them: each proxy appends the address it saw,
    so entries to its left are the client's own words and can be forged."""
    peer = request.client.host if request.client else "?"
    headers = request.headers if headers is None else headers
    forwarded = headers.get("x-forwarded-for") if settings.trust_proxy else None
    if not forwarded:
        return peer
    hops = [*(h.strip() for h in forwarded.split(",")), peer]  # the nearest hop last
    for hop in reversed(hops):
        if not _is_trusted(hop, settings.trusted_proxies):
            return hop
    return hops[0]  # every hop a proxy of ours: the farthest one


def _is_trusted(host: str, proxies: tuple[str, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 from a dual-stack socket
    return any(address in network for network in _networks(proxies))


@functools.cache
def _networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """PPID_TRUSTED_PROXIES parsed once, not on every request."""
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _cors(request_headers: Mapping[str, str], origins: tuple[str, ...]) -> dict[str, str]:
    origin = request_headers.get("origin", "").rstrip("/")
    if not origin or origin not in origins:
        return {}
    return {
        "Access-Control-Allow-Origin": origin,
        "Vary": "Origin",
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": CORS_HEADERS,
        "Access-Control-Max-Age": "600",
    }


async def preflight(request: Request) -> Response:
    """CORS preflight, as the official Formspree client causes it."""
    relay = _relay(request)
    kode = request.path_params.get("kode", "")
    if kode:
        relay.office(kode)
    headers = _cors(request.headers, relay.origins_of(kode))
    return Response(status_code=204 if headers else 403, headers=headers)


async def not_allowed(request: Request) -> Response:
    """Forms are only ever posted (the site behind the relay must not swallow this as 404)."""
    raise intake.Rejected(
        405,
        "Metode tidak diizinkan; kirim formulir dengan POST",
        headers={"Allow": "POST, OPTIONS"},
    )


async def submit(request: Request) -> Response:
    """Receive one form submission and answer the way Formspree does: POST /f/<form_id>
    (one office) or /f/<kode>/<form_id> (one office of the registry)."""
    relay = _relay(request)
    settings = relay.settings
    form_id = request.path_params["form_id"]
    kode = request.path_params.get("kode", "")
    given = intake.header_dict(request)  # one pass over the headers, not one per lookup
    ctype = intake.content_type(given)
    as_json = intake.wants_json(given, ctype == "application/json")
    if kode:
        relay.office(kode)  # an unknown office: 404
    elif form_id in FORMS:
        relay.single_only(f"/{form_id}")
    origins = relay.origins_of(kode)
    headers = _cors(given, origins)
    origin = given.get("origin", "").rstrip("/")
    try:
        if origin and origin not in origins and origin != _self(request, given):
            raise intake.Rejected(403, "Asal formulir tidak diizinkan", "BLOCKED")
        if form_id not in FORMS:
            raise intake.Rejected(404, f"Formulir '{form_id}' tidak ditemukan", "FORM_NOT_FOUND")
        # the limits count per office and client: one office's crowd never blocks another's
        client = _client(request, settings, given)
        relay.limiter.check(f"{kode}|{client}" if kode else client)
        sub = await intake.parse(request, form_id, settings.limits, given)
        tracker = relay.tracker_for(kode)
        if sub.is_spam:
            return _success(request, given, relay, None, form_id, sub, as_json, headers, kode)
        receipt = await _file(relay, tracker, form_id, sub)
    except intake.Rejected as rejected:  # answered by forms.http.errors, the form shown again
        rejected.form = (form_id, locals().get("sub") or rejected.sent)
        rejected.headers.update(headers)
        raise
    return _success(request, given, relay, receipt, form_id, sub, as_json, headers, kode)


def _self(request: Request, given: Mapping[str, str] | None = None) -> str:
    """The relay's own origin as the request names it (request.url's scheme and netloc)."""
    scope = request.scope
    given = request.headers if given is None else given
    key = (scope.get("scheme"), scope.get("server"), given.get("host"))
    found = _ORIGINS.get(key)
    if found is None:  # building request.url costs more than the rest of the answer
        found = f"{request.url.scheme}://{request.url.netloc}"
        if key[1] is None and key[2] is None:
            return found  # then the path decides; never the case behind uvicorn
        if len(_ORIGINS) >= 64:  # the Host header is the client's: keep only a few
            _ORIGINS.clear()
        _ORIGINS[key] = found
    return found


_ORIGINS: dict[tuple[Any, Any, str | None], str] = {}


async def _file(relay: Relay, tracker: Tracker, form_id: str, sub: intake.Submission) -> Receipt:
    if form_id == "permohonan":
        data, mistakes = validation.permohonan(sub.fields, {f.field for f in sub.files})
        if mistakes:
            raise intake.Rejected(422, "Ada isian yang perlu diperbaiki", errors=mistakes)
        # _replyto and _cc are read and dropped: the acknowledgement goes to the validated
        # `email` alone, so the relay never mails an address a stranger typed (README).
        judul = sub.special.get("_subject") or data["rincian_informasi"]
        # a missing document: registered as incomplete
        return await _file_with_uploads(
            relay, tracker, sub, "permohonan", judul, data, not data["kurang"]
        )
    return await _objection(relay, tracker, sub)


async def _objection(relay: Relay, tracker: Tracker, sub: intake.Submission) -> Receipt:
    """An objection from the public: in its window, about an existing request, and sent by
    the requester (the status code given at submission) or a kuasa (a surat kuasa). The
    request it names is looked up in the same round as the fields are checked, so every
    mistake is reported at once."""
    data, mistakes = validation.keberatan(sub.fields, {f.field for f in sub.files})
    today = tracker.today()
    kode = str(data.pop("kode", "")).strip().upper()  # checked, never stored
    nomor = str(data.get("nomor_permohonan") or "")
    # the number as the requester typed it ("0012/ppid/xi/2026"), when it names one request
    meant = tracker.numbers_like(nomor, jenis="permohonan") if nomor else ()
    if len(meant) == 1:
        nomor = data["nomor_permohonan"] = meant[0]
    named = {e.field for e in mistakes}
    parent = None
    if "nomor_permohonan" not in named and "alasan" not in named:
        try:
            parent = tracker.check_objection(nomor, data["alasan"], today)
        except NotFound:
            mistakes.append(
                validation.FieldError(
                    "nomor_permohonan",
                    "TYPE_TEXT",
                    "Nomor permohonan tidak terdaftar; periksa tanda terima Anda",
                )
            )
        except TrackerError as exc:
            mistakes.append(
                validation.FieldError("nomor_permohonan", "TYPE_TEXT", sentence(str(exc)))
            )
    kuasa = any(f.field == "surat_kuasa" for f in sub.files)
    if parent is not None and kode and not kuasa and tracker.check_code(parent.nomor, kode) is None:
        mistakes.append(
            validation.FieldError(
                "kode",
                "TYPE_TEXT",
                "Kode status tidak cocok dengan nomor permohonan ini. Isi kode status yang "
                "Anda terima saat mengajukan permohonan, atau lampirkan surat kuasa bila Anda "
                "kuasa pemohon",
            )
        )
    if mistakes:
        raise intake.Rejected(422, "Ada isian yang perlu diperbaiki", errors=mistakes)
    if parent is not None:
        data["bukti_pemohon"] = "surat_kuasa" if kuasa else "kode_status"
    judul = sub.special.get("_subject") or tracker.objection_terms(parent, data["alasan"], today)[0]
    induk = parent.nomor if parent is not None else None
    return await _file_with_uploads(relay, tracker, sub, "keberatan", judul, data, True, induk)


async def _file_with_uploads(
    relay: Relay,
    tracker: Tracker,
    sub: intake.Submission,
    jenis: str,
    judul: str,
    data: dict[str, Any],
    lengkap: bool,
    induk_nomor: str | None = None,
) -> Receipt:
    """Store the submission's files, then its record, received today at the office."""
    uploads = intake.store_files(sub.files, relay.settings.upload_dir)
    filing = Filing(
        jenis,
        " ".join(judul.split())[:200],
        data,
        "daring",
        tracker.today(),  # the office's date, never the server's
        "pemohon",
        lengkap,
        induk_nomor,
        uploads,
        tracker.kantor,
    )
    try:
        return await _commit(relay, filing)
    except intake.Rejected as refused:
        if not isinstance(refused, _Unanswered):  # surely not stored: nothing kept
            for up in uploads:
                (relay.settings.upload_dir / up["stored_name"]).unlink(missing_ok=True)
        raise
    # Anything else (the request cancelled once handed over, the writer ended before it
    # answered) may have been stored: the files stay with their record.


class _Unanswered(intake.Rejected):
    """The writer process ended before answering: perhaps stored, never acknowledged."""


_STORAGE_DOWN = STORAGE_DOWN


async def _commit(relay: Relay, filing: Filing) -> Receipt:
    assert relay.writer is not None
    try:
        return await relay.writer.file(filing)
    except WriterGone:  # logged by the writer; the requester is told to send again
        raise _Unanswered(503, _STORAGE_DOWN, retry_after=5) from None
    except WriteFailed:  # rolled back: nothing of it is stored
        raise intake.Rejected(503, _STORAGE_DOWN, retry_after=5) from None


def _success(
    request: Request,
    given: Mapping[str, str],
    relay: Relay,
    receipt: Receipt | None,
    form_id: str,
    sub: intake.Submission,
    as_json: bool,
    headers: dict[str, str],
    kode: str = "",
) -> Response:
    # the writer process signed the thank-you page's token with the record (forms.store.writer)
    if receipt is not None:
        token = receipt.token
    else:
        token = relay.signer.sign({"jenis": form_id, **({"kantor": kode} if kode else {})})
    prefix = f"/f/{kode}" if kode else ""
    thanks = f"{_self(request, given)}{prefix}/terima-kasih?t={token}"  # URL-safe as is
    elsewhere = intake.safe_next(sub.special, given.get("referer"), relay.origins_of(kode))
    target = elsewhere or thanks
    mail = _mail_task(request, relay, receipt, kode)
    if as_json:  # the code is in the answer's body
        body: dict[str, Any] = {"ok": True, "next": target}
        if receipt is not None:
            body.update(nomor=receipt.nomor, tenggat=receipt.tenggat, kode=receipt.kode)
        return _JSONResponse(body, headers=headers or None, background=mail)
    response = RedirectResponse(target, status_code=303, headers=headers or None, background=mail)
    if receipt is not None and elsewhere is None:
        # The browser follows the redirect to the thank-you page: the status code goes with
        # it in a cookie for that page alone, never in the URL (logs, history, screenshots).
        response.set_cookie(
            KODE_COOKIE,
            quote(f"{receipt.nomor}|{receipt.kode}", safe=""),
            max_age=KODE_MAX_AGE,
            path=f"{prefix}/terima-kasih",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


KODE_COOKIE = "ppid_kode"
KODE_MAX_AGE = 600  # seconds: the thank-you page and its tanda bukti, right after sending


def _kode_for(tracker: Tracker, request: Request, nomor: str | None) -> str | None:
    """The status code the redirect's cookie holds for this number, if it is this one's and
    the record's right code (the cookie is the browser's word, not signed)."""
    raw = request.cookies.get(KODE_COOKIE)
    if not raw or not nomor:
        return None
    for_nomor, _, kode = unquote(raw).rpartition("|")
    if for_nomor != nomor or not kode or tracker.check_code(nomor, kode) is None:
        return None
    return kode


def _mail_task(
    request: Request, relay: Relay, receipt: Receipt | None, kode: str = ""
) -> BackgroundTask | None:
    smtp = relay.settings.smtp
    if smtp is None or receipt is None:
        return None
    # links start at the site's configured address, never at the request's Host header
    office = relay.registry.get(kode) if relay.registry is not None and kode else None
    site = relay.settings.public_url
    if office is not None and office.situs_lokal is None:
        site = office.situs.rstrip("/")
    return BackgroundTask(mail.notify, receipt.filed, relay.name_of(kode), site, smtp)


def _office_path(relay: Relay, request: Request, path: str) -> tuple[str, Tracker]:
    """The office of a /f/<kode>/... page and its tracker; a plain path of a relay serving
    many offices, or an unknown kode, is refused (404)."""
    kode = request.path_params.get("kode", "")
    if kode:
        relay.office(kode)
    else:
        relay.single_only(path)
    return kode, relay.tracker_for(kode)


def _receipt_of(relay: Relay, request: Request, kode: str = "") -> dict[str, Any]:
    """What the thank-you page's signed token says; a refusal when it is not ours, old, or
    another office's."""
    found = relay.signer.read(request.query_params.get("t", ""))
    if found.payload is not None and found.payload.get("kantor", "") != kode:
        found = Read(None)
    if found.expired:
        raise intake.Rejected(
            410,
            "Halaman terima kasih ini sudah kedaluwarsa (berlaku 30 hari); periksa status "
            "kiriman Anda di Cek status dengan nomor pendaftaran dan kode status",
        )
    if found.payload is None:
        raise intake.Rejected(
            404,
            "Halaman terima kasih ini tidak ditemukan atau alamatnya "
            "tidak lengkap; periksa status kiriman Anda di Cek status",
        )
    return found.payload


def _record_of(tracker: Tracker, nomor: Any) -> Record | None:
    if not isinstance(nomor, str) or not nomor:
        return None
    try:
        return tracker.get(nomor)
    except NotFound:
        return None


def masked(address: str) -> str:
    """An e-mail address as the page shows it: enough to recognise, not to copy."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}{'*' * max(3, len(local) - 1)}@{domain}" if domain else "***"


def _mail_note(relay: Relay, record: Record | None, bukti: bool = True) -> tuple[str, bool]:
    """What the page can truthfully say of the acknowledgement mail, and whether one is
    being sent: it is sent after this answer, in the background, so never "delivered".
    `bukti`: whether the page offers the tanda bukti (only right after sending)."""
    email = str(record.data.get("email") or "") if record is not None else ""
    keep = "unduh dan simpan tanda bukti ini." if bukti else "simpan nomor pendaftaran ini."
    if not email:
        return (
            "Anda tidak mengisi surel, jadi tidak ada tanda terima yang dikirim lewat "
            f"surel; {keep}",
            False,
        )
    if relay.settings.smtp is None:
        return (
            "Layanan surel kantor ini belum aktif, jadi tidak ada tanda terima yang dikirim "
            f"ke {masked(email)}; {keep}",
            False,
        )
    same = "; tanda bukti di atas berisi hal yang sama, kecuali kode status" if bukti else ""
    return (
        f"Tanda terima akan dikirim ke {masked(email)}. Bila tidak tiba dalam beberapa "
        f"menit, periksa folder spam{same}.",
        True,
    )


async def thanks(request: Request) -> Response:
    """The thank-you page: number, status code, dates, the tanda bukti, and the mail."""
    relay = _relay(request)
    office, tracker = _office_path(relay, request, "/terima-kasih")
    data = _receipt_of(relay, request, office)
    tenggat = data.get("tenggat")
    batas = data.get("kelengkapan")
    nomor = data.get("nomor")
    record = _record_of(tracker, nomor)
    token = request.query_params.get("t", "")
    kode = _kode_for(tracker, request, nomor if isinstance(nomor, str) else None)
    surel, dikirim = _mail_note(relay, record, bukti=kode is not None)
    prefix = f"/f/{office}" if office else ""
    return relay.page(
        "terima-kasih.html",
        kantor=office,
        jenis=data.get("jenis", "permohonan"),
        nomor=nomor,
        kode=kode,
        diterima=format_date(record.diterima, True) if record is not None else "",
        tenggat=format_date(date.fromisoformat(tenggat), True) if tenggat else "",
        belum_lengkap=bool(batas),
        batas_kelengkapan=format_date(date.fromisoformat(batas), True) if batas else "",
        status_url=f"{prefix}/status",
        bukti_url=f"{prefix}/terima-kasih/tanda-bukti?t={token}" if kode else "",
        surel=surel,
        surel_dikirim=dikirim,
    )


BUKTI_GONE = (
    "Tanda bukti hanya dapat diunduh tepat setelah pengiriman (dalam 10 menit), dari "
    "peramban yang mengirim permohonan atau keberatan itu, karena memuat nama dan rincian "
    "kiriman Anda. Nomor pendaftaran Anda tetap dapat diperiksa di Cek status dengan kode "
    "status Anda"
)


async def tanda_bukti(request: Request) -> Response:
    """The tanda bukti as a PDF, made when asked for. It names the requester and what they
    asked, so the thank-you page's token (30 days, in the URL: history, proxy logs) is not
    enough: the browser must also hold the redirect's short-lived status-code cookie
    (KODE_COOKIE, 10 minutes, path /terima-kasih) with the record's right code."""
    relay = _relay(request)
    kantor, tracker = _office_path(relay, request, "/terima-kasih/tanda-bukti")
    data = _receipt_of(relay, request, kantor)
    record = _record_of(tracker, data.get("nomor"))
    if record is None:
        raise intake.Rejected(404, "Tanda bukti hanya tersedia untuk kiriman yang tercatat")
    if _kode_for(tracker, request, record.nomor) is None:
        raise intake.Rejected(403, BUKTI_GONE)
    tenggat = data.get("tenggat")
    due = date.fromisoformat(tenggat) if tenggat else tracker.deadline(record).due
    parent = tracker.get_by_id(record.induk_id) if record.induk_id else None
    desk = getattr(request.app.state, "desk", None)
    try:
        office = desk.profile_of(kantor) if desk is not None else None
    except SettingsError:  # a broken profile: the tanda bukti with the registry's name
        office = None
    site = relay.settings.public_url if relay.settings.allowed_origins else ""
    if kantor:
        situs = relay.office(kantor)
        site = situs.situs.rstrip("/") if situs.situs_lokal is None else ""
    body = bukti.pdf(
        record,
        due,
        office.nama if office is not None else relay.name_of(kantor),
        office,
        f"{site}/layanan/status/" if site else "",
        parent.nomor if parent is not None else "",
    )
    name = "tanda-bukti-" + "-".join(_words_of(record.nomor)) + ".pdf"
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )


def _words_of(nomor: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in nomor).split() if w.isascii()]


STATUS_MISSING = {"nomor": "Isi nomor pendaftaran", "kode": "Isi kode status"}


async def status(request: Request) -> Response:
    """Status by number and secret code; a wrong code answers exactly like an unknown number.

    The number is taken as people type it (forms.tracker Tracker.check_typed). Status checks
    have their own rate limit, more lenient than submissions'; past it, and for a field left
    empty, the refusal goes to the one error handler (forms.http.errors) with the form's
    values: a browser gets the status page again saying how long to wait (and Retry-After)
    or what to fix, a script the JSON error."""
    relay = _relay(request)
    office, tracker = _office_path(relay, request, "/status")
    if request.method == "GET":
        return relay.status_page(kantor=office)
    form = await request.form(max_files=0, max_fields=6)
    typed = {k: str(form.get(k, "")).strip() for k in ("nomor", "tahun", "kode")}
    values = {k: [typed[k]] for k in ("nomor", "tahun")}
    kept = intake.Submission(values, {})  # the code is never shown again
    try:
        client = _client(request, relay.settings)
        relay.status_limiter.check(f"{office}|{client}" if office else client)
    except intake.Rejected as refused:
        refused.form = ("status", kept)
        raise
    mistakes = [
        validation.FieldError(k, "REQUIRED_FIELD_EMPTY", m)
        for k, m in STATUS_MISSING.items()
        if not typed[k]
    ]
    tahun = typed["tahun"]
    if tahun and not (len(tahun) == 4 and tahun.isascii() and tahun.isdigit()):
        mistakes.append(
            validation.FieldError("tahun", "TYPE_TEXT", "Tulis tahun dengan 4 angka, misalnya 2026")
        )
    if mistakes:
        wrong = intake.Rejected(422, "Ada isian yang perlu diperbaiki", errors=mistakes)
        wrong.form = ("status", kept)
        raise wrong
    record = tracker.check_typed(typed["nomor"], typed["kode"], int(tahun) if tahun else None)
    if record is None:
        return relay.status_page(values, tried=True, kantor=office)
    deadline = tracker.deadline(record)
    decision = record.keputusan
    return relay.status_page(
        values,
        kantor=office,
        record=record,
        tried=True,
        keadaan=STATUS_LABEL[record.status],
        tenggat=format_date(deadline.due, True),
        terlambat=tracker.is_overdue(record, tracker.today()),
        keputusan=KEPUTUSAN_LABEL.get(decision["keputusan"], "") if decision else "",
    )


async def register_json(request: Request) -> Response:
    """The anonymised register, for sites built elsewhere (the same JSON as the export)."""
    relay = _relay(request)
    kode, _ = _office_path(relay, request, "/register.json")
    body = await relay.register_for(kode).body()
    return Response(
        body,
        media_type="application/json",
        headers={
            "Cache-Control": "public, max-age=60",
            **_cors_read(request, relay.origins_of(kode)),
        },
    )


def _cors_read(request: Request, origins: tuple[str, ...]) -> dict[str, str]:
    origin = request.headers.get("origin", "").rstrip("/")
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin in origins else {}


class SiteFiles(StaticFiles):
    """The built site; a path it does not have is a 404 of the one error handler
    (forms.http.errors), in the site's shell, never the static 404.html of a site served
    elsewhere."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        if path == "404.html":
            return "", None
        return super().lookup_path(path)


def create_app(
    settings: Settings | None = None,
    site_dir: Path | None = None,
    on_desk: Callable[[desk_web.Desk], None] | None = None,
) -> Starlette:
    """The relay and the staff desk (/meja/), and the built site behind them when
    `site_dir` is given (its pages then in that site's look; with only PPID_SITE_DIR, in
    that site's look while nginx serves it); `on_desk` is called with the desk once it is
    ready (`ppid serve` adds its demonstration account there, `ppid relay` removes any)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        relay = Relay(settings, site_dir or settings.site_dir)
        # it starts while the schema is migrated
        relay.writer = GroupWriter(relay.tracker, relay.trackers, settings.db_timeout)
        try:
            store.migrate(relay.engine)
            relay.writer.wait_ready()  # listen only once submissions can be stored
        except BaseException:
            relay.writer.close()
            relay.engine.dispose()
            raise
        app.state.relay = relay
        desk = desk_web.Desk(
            settings,
            relay.tracker,
            relay.office_name,
            lambda r: _client(r, settings),
            registry=relay.registry,
            trackers=relay.trackers,
        )
        app.state.desk = desk
        if on_desk is not None:
            on_desk(desk)
        # What is loaded by now lives as long as the process: keep it out of the cyclic
        # collector's full passes, which otherwise stall the event loop for tens of ms.
        gc.collect()
        gc.freeze()
        yield
        gc.unfreeze()
        relay.writer.close()
        relay.engine.dispose()
        if relay.limits_engine is not None:
            relay.limits_engine.dispose()

    routes: list[Route | Mount] = [
        # one office of many (PPID_KANTOR_FILE): its own paths, before its forms' ids
        Route("/f/{kode}/terima-kasih", thanks, methods=["GET"]),
        Route("/f/{kode}/terima-kasih/tanda-bukti", tanda_bukti, methods=["GET"]),
        Route("/f/{kode}/status", status, methods=["GET", "POST"]),
        Route("/f/{kode}/register.json", register_json, methods=["GET"]),
        Route("/f/{kode}/{form_id}", submit, methods=["POST"]),
        Route("/f/{kode}/{form_id}", preflight, methods=["OPTIONS"]),
        Route("/f/{kode}/{form_id}", not_allowed, methods=["GET", "PUT", "DELETE", "PATCH"]),
        Route("/f/{form_id}", submit, methods=["POST"]),
        Route("/f/{form_id}", preflight, methods=["OPTIONS"]),
        Route("/f/{form_id}", not_allowed, methods=["GET", "PUT", "DELETE", "PATCH"]),
        Route("/terima-kasih", thanks, methods=["GET"]),
        Route("/terima-kasih/tanda-bukti", tanda_bukti, methods=["GET"]),
        Route("/status", status, methods=["GET", "POST"]),
        Route("/register.json", register_json, methods=["GET"]),
        Mount("/meja", routes=desk_routes.routes()),
    ]
    if site_dir is not None:
        routes.append(Mount("/", app=SiteFiles(directory=site_dir, html=True)))
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={
            intake.Rejected: errors.handle,
            HTTPException: errors.handle,
            Exception: errors.handle,
        },
    )
