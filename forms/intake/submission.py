"""Reading a submission the way Formspree does: body kinds, special fields, flow, limits.

HTTP problems are exceptions carrying their status (`Rejected`), rendered by one handler.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request

from forms.intake import uploads
from forms.intake.validation import FieldError
from forms.settings import Limits
from site_builder.errors import PPIDError
from site_builder.text import clean, is_text, shown

SPECIAL = ("_gotcha", "_next", "_subject", "_replyto", "_cc", "_language")
# One file each (a second one in the same field is refused). The permohonan's: the KTP,
# the badan hukum's akta or SK pengesahan, a surat kuasa; the keberatan's: a kuasa's
# surat kuasa. Limits.files (3 by default) holds a permohonan's three.
FILE_FIELDS = {
    "permohonan": ("dokumen_identitas", "dokumen_badan_hukum", "surat_kuasa"),
    "keberatan": ("surat_kuasa",),
}
MAGIC = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
}


class Rejected(PPIDError):
    """A submission refused as a whole or per field; carries the HTTP status and the errors."""

    def __init__(
        self,
        status: int,
        error: str,
        code: str | None = None,
        errors: list[FieldError] | None = None,
        retry_after: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.code = code
        self.errors = errors or []
        self.retry_after = retry_after
        self.headers = headers or {}
        # the form and the submission it refused, so the error page can show them again
        self.form: tuple[str, Submission | None] | None = None
        # what was read of a submission refused while it was read (a file, a limit): its
        # text fields, without files, for the error page
        self.sent: Submission | None = None

    def as_json(self) -> dict[str, Any]:
        """Formspree's error body."""
        body: dict[str, Any] = {"error": self.error}
        errors = [e.as_json() for e in self.errors]
        if self.code:
            errors.append({"code": self.code, "message": self.error})
        body["errors"] = errors
        return body


@dataclass
class StagedFile:
    """An upload checked by its content, not yet stored."""

    field: str
    content: bytes
    content_type: str
    suffix: str


@dataclass
class Submission:
    """A parsed submission: plain fields, special fields, files, and how to answer."""

    fields: dict[str, list[str]]
    special: dict[str, str]
    files: list[StagedFile] = field(default_factory=list)
    is_json: bool = False

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled in: answer as usual, store nothing."""
        return bool(self.special.get("_gotcha", "").strip())


def _quality(accept: str, wanted: str) -> float:
    best = 0.0
    kind = wanted.split("/")[0]
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        if media not in (wanted, f"{kind}/*", "*/*"):
            continue
        q = 1.0
        for p in params.split(";"):
            name, _, value = p.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        specificity = 0.002 if media == wanted else 0.001 if media != "*/*" else 0.0
        best = max(best, q + specificity)
    return best


def wants_json(headers: Mapping[str, str], body_is_json: bool) -> bool:
    """Formspree's rule: XHR, or Accept prefers JSON, or a JSON body not asking for HTML."""
    if headers.get("x-requested-with", "").lower() == "xmlhttprequest":
        return True
    accept = headers.get("accept", "")
    key = (accept, body_is_json)
    found = _WANTS_JSON.get(key)
    if found is None:  # clients send the same few Accept headers: parse each once
        q_json, q_html = _quality(accept, "application/json"), _quality(accept, "text/html")
        found = q_json > q_html or (body_is_json and not q_html > q_json)
        if len(_WANTS_JSON) >= 256:  # the header is the client's: keep only a few
            _WANTS_JSON.clear()
        _WANTS_JSON[key] = found
    return found


_WANTS_JSON: dict[tuple[str, bool], bool] = {}


def header_dict(request: Request) -> dict[str, str]:
    """The request's headers as a dict (the first of repeated ones, like request.headers)."""
    raw = request.scope["headers"]
    return {
        k.decode("latin-1"): v.decode("latin-1")
        for k, v in reversed(raw if isinstance(raw, list) else list(raw))
    }


def content_type(headers: Mapping[str, str]) -> str:
    """The media type of the body, lowercased, without parameters."""
    return headers.get("content-type", "").split(";")[0].strip().lower()


async def read_body(
    request: Request, limits: Limits, headers: Mapping[str, str] | None = None
) -> bytes:
    """The whole body, refused with 413 as soon as it passes the limit."""
    declared = (request.headers if headers is None else headers).get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.body_bytes:
        raise _too_big(limits)
    # The ASGI messages themselves, not request.stream(): an async generator per request
    # costs the event loop more than the rest of reading a small form does. A client that
    # stops sending before its Content-Length is complete is cut off after body_seconds.
    receive = request.receive
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(limits.body_seconds or None):  # 0: no limit
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise ClientDisconnect()
                if message["type"] != "http.request":
                    continue
                chunk = message.get("body", b"")
                if chunk:
                    size += len(chunk)
                    if size > limits.body_bytes:
                        raise _too_big(limits)
                    chunks.append(chunk)
                if not message.get("more_body", False):
                    break
    except TimeoutError:
        raise Rejected(
            408, "Kiriman tidak selesai diterima; periksa sambungan lalu kirim ulang", "EMPTY"
        ) from None
    body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    request._body = body  # later form parsing reads this, not the spent stream
    return body


def size_text(size: int) -> str:
    """A size as people read it: '512 KB', '1 MB', '1,5 MB' (Indonesian decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    mb = f"{size / 1024 / 1024:.1f}".removesuffix(".0").replace(".", ",")
    return f"{mb} MB"


def _too_big(limits: Limits) -> Rejected:
    return Rejected(
        413,
        f"Kiriman terlalu besar (paling besar {size_text(limits.body_bytes)})",
        "FILES_TOO_BIG",
    )


def urlencoded(text: str, max_fields: int) -> dict[str, list[str]]:
    """urllib.parse.parse_qsl(text, keep_blank_values=True, max_num_fields=max_fields) as a
    dict of lists, the same pairs and the same errors, without a call per name and value
    that has nothing to decode."""
    if text and text.count("&") >= max_fields:
        raise ValueError("Max number of fields exceeded")
    fields: dict[str, list[str]] = {}
    for pair in text.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        if "+" in name:
            name = name.replace("+", " ")
        if "%" in name:
            name = _unquote(name)
        if "+" in value:
            value = value.replace("+", " ")
        if "%" in value:
            value = _unquote(value)
        found = fields.get(name)
        if found is None:
            fields[name] = [value]
        else:
            found.append(value)
    return fields


def _unquote(text: str) -> str:
    # unquote(text, errors="replace"); an ASCII text is one run of it, decoded in one piece
    if text.isascii():
        return unquote_to_bytes(text).decode("utf-8", "replace")
    return unquote(text, errors="replace")


# A form's JSON body is flat: fields, and a list for a group of checkboxes. Deeper nesting
# or more keys than a form has is refused before json.loads spends time on it (a body of
# 780,000 keys once held the event loop for two seconds; 900 levels of nesting overflowed
# the parser's recursion).
MAX_JSON_DEPTH = 8
MAX_LIST_ITEMS = 20  # a group of checkboxes (the objection's grounds a-g) is a short list
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def _json_shape(body: bytes, limits: Limits) -> None:
    """Refuse a JSON body nested deeper than MAX_JSON_DEPTH or with more keys than
    `limits.fields` allows. The cheap counts decide for every ordinary body; only a
    suspicious one has its strings blanked and its brackets walked."""
    max_keys = 2 * (limits.fields + 10)
    max_values = max_keys + MAX_LIST_ITEMS * 4  # keys and the items of a few checkbox lists
    openers = body.count(b"{") + body.count(b"[")
    if (
        openers <= MAX_JSON_DEPTH
        and body.count(b":") <= max_keys
        and body.count(b",") <= max_values
    ):
        return
    bare = _JSON_STRING.sub(b'""', body)  # braces, colons, commas inside strings do not count
    if bare.count(b":") > max_keys:
        raise Rejected(422, f"Terlalu banyak kolom (paling banyak {limits.fields})", "EMPTY")
    if bare.count(b",") > max_values:
        raise Rejected(422, "Terlalu banyak nilai dalam kiriman", "EMPTY")
    depth = 0
    for match in _JSON_BRACKET.finditer(bare):
        depth += 1 if match.group() in (b"{", b"[") else -1
        if depth > MAX_JSON_DEPTH:
            raise Rejected(400, "Isi kiriman JSON terlalu bertingkat", "EMPTY")


def _plain(value: Any) -> list[str]:
    if isinstance(value, list):
        return [v for item in value for v in _plain(item)]
    if isinstance(value, bool):
        return ["ya" if value else ""]
    if value is None:
        return [""]
    if isinstance(value, dict):
        return [json.dumps(value, ensure_ascii=False)]
    return [str(value)]


async def parse(
    request: Request, form_id: str, limits: Limits, headers: Mapping[str, str] | None = None
) -> Submission:
    """Parse any of the three body kinds into a Submission, applying every limit."""
    headers = request.headers if headers is None else headers
    body = await read_body(request, limits, headers)
    ctype = content_type(headers)
    fields: dict[str, list[str]] = {}
    files: list[StagedFile] = []
    if ctype == "application/json":
        _json_shape(body, limits)  # before the parse: its depth and key count are bounded
        try:
            data = json.loads(body or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise Rejected(400, "Isi kiriman bukan JSON yang valid", "EMPTY") from None
        if not isinstance(data, dict):
            raise Rejected(400, "Isi kiriman JSON harus berupa objek", "EMPTY")
        fields = {str(k): _plain(v) or [""] for k, v in data.items()}
        is_json = True
    elif ctype == "application/x-www-form-urlencoded":
        # The body is already in memory (read_body); parsing it here is several times
        # faster than the streaming parser, and this is the flow of every form without JS.
        is_json = False
        try:
            fields = urlencoded(body.decode("utf-8"), limits.fields + 10)
        except (UnicodeDecodeError, ValueError) as exc:
            raise Rejected(400, f"Kiriman tidak dapat dibaca: {exc}", "EMPTY") from exc
    elif ctype == "multipart/form-data":
        is_json = False
        try:
            form = await request.form(
                max_files=limits.files + 1,
                max_fields=limits.fields + 10,
                max_part_size=limits.file_bytes + 1,
            )
        except Exception as exc:  # the parser's own limits and malformed bodies
            raise Rejected(400, f"Kiriman tidak dapat dibaca: {exc}", "EMPTY") from exc
        try:
            items = form.multi_items()
            for name, value in items:  # the text first: a refused file keeps the rest
                if not isinstance(value, UploadFile):
                    fields.setdefault(name, []).append(value)
            for name, value in items:
                if isinstance(value, UploadFile):
                    content = await value.read()
                    if not content and not value.filename:
                        continue  # an empty file input, as browsers send it
                    files.append(_stage(form_id, name, content, limits))
        except Rejected as refused:
            refused.sent = _read_so_far(fields, is_json)
            raise
        finally:
            await form.close()  # spooled temporary files, also when a file is refused
    else:
        raise Rejected(
            415, "Jenis isi kiriman tidak didukung; gunakan formulir, multipart, atau JSON", "EMPTY"
        )
    _only_text(fields)
    try:
        return await _checked(fields, files, is_json, limits)
    except Rejected as refused:
        refused.sent = refused.sent or _read_so_far(fields, is_json)
        raise


def _read_so_far(fields: dict[str, list[str]], is_json: bool) -> Submission | None:
    """The text fields of a submission being refused, when they are valid text."""
    try:
        _only_text(fields)
    except Rejected:
        return None
    kept = {k: list(v) for k, v in fields.items() if k not in SPECIAL}
    special = {k: clean(" ".join(v)).strip() for k, v in fields.items() if k in SPECIAL}
    return Submission(kept, special, [], is_json)


async def _checked(
    fields: dict[str, list[str]], files: list[StagedFile], is_json: bool, limits: Limits
) -> Submission:
    """The checks of a read submission: its scans, counts and lengths."""
    special = {k: clean(" ".join(fields.pop(k))).strip() for k in SPECIAL if k in fields}
    for staged in files:  # decoding a scan takes tens of ms: not on the event loop
        wrong = await run_in_threadpool(uploads.problem, staged.content_type, staged.content)
        if wrong:
            raise Rejected(
                422,
                "Berkas tidak diterima",
                errors=[
                    FieldError(
                        staged.field,
                        "TYPE_FILE",
                        f"{wrong[0].upper()}{wrong[1:]}; unggah hasil pindaian yang asli "
                        "(PDF, JPG atau PNG)",
                    )
                ],
            )
    if len(files) > limits.files:
        raise Rejected(
            422, f"Terlalu banyak berkas (paling banyak {limits.files})", "TOO_MANY_FILES"
        )
    _one_file_each(files)
    if len(fields) > limits.fields:
        raise Rejected(422, f"Terlalu banyak kolom (paling banyak {limits.fields})", "EMPTY")
    # what is stored is the field's values joined (a repeated name, a JSON list): its
    # length is what the limit is about
    long = [
        k
        for k, vs in fields.items()
        if len(vs) > MAX_LIST_ITEMS or sum(map(len, vs)) + len(vs) - 1 > limits.field_chars
    ]
    if long:
        raise Rejected(
            422,
            "Isian terlalu panjang",
            errors=[
                FieldError(k, "TYPE_TEXT", f"Paling panjang {limits.field_chars} karakter")
                for k in long
            ],
        )
    if not any(v.strip() for vs in fields.values() for v in vs) and not files:
        raise Rejected(422, "Formulir kosong", "EMPTY")
    return Submission(fields, special, files, is_json)


def _one_file_each(files: list[StagedFile]) -> None:
    """Refuse a second file in one field: each field names one document."""
    names = [f.field for f in files]
    twice = [name for name in dict.fromkeys(names) if names.count(name) > 1]
    if twice:
        raise Rejected(
            422,
            "Setiap kolom berkas hanya menerima satu berkas",
            "TOO_MANY_FILES",
            errors=[
                FieldError(
                    name,
                    "TOO_MANY_FILES",
                    "Lampirkan satu berkas saja di kolom ini; gabungkan beberapa halaman "
                    "menjadi satu PDF",
                )
                for name in twice
            ],
        )


def _only_text(fields: dict[str, list[str]]) -> None:
    """Refuse, per field, what is not valid Unicode text (a JSON body's lone surrogate
    "\\ud83d"): decided here, once, before anything is validated or stored."""
    bad = [
        name
        for name, values in fields.items()
        if not is_text(name) or not all(is_text(v) for v in values)
    ]
    if bad:
        raise Rejected(
            422,
            "Ada isian yang bukan teks yang sah",
            errors=[
                FieldError(
                    shown(name),
                    "TYPE_TEXT",
                    "Isian berisi karakter yang tidak sah; ketik ulang isian ini",
                )
                for name in bad
            ],
        )


def _stage(form_id: str, name: str, content: bytes, limits: Limits) -> StagedFile:
    allowed = FILE_FIELDS.get(form_id, ())
    if name not in allowed:
        if not allowed:
            raise Rejected(422, "Formulir ini tidak menerima unggahan berkas", "NO_FILE_UPLOADS")
        raise Rejected(
            422,
            f"Formulir ini hanya menerima berkas di kolom {', '.join(allowed)}",
            "NO_FILE_UPLOADS",
        )
    if len(content) > limits.file_bytes:
        raise Rejected(
            413,
            f"Berkas terlalu besar (paling besar {size_text(limits.file_bytes)})",
            "FILES_TOO_BIG",
        )
    kind = sniff(content)
    if kind is not None:
        return StagedFile(name, content, *kind)
    raise Rejected(
        422,
        "Jenis berkas tidak diterima",
        errors=[FieldError(name, "TYPE_FILE", NOT_A_SCAN)],
    )


NOT_A_SCAN = "Berkas harus PDF, JPG atau PNG (dinilai dari isinya, bukan nama berkasnya)"


def sniff(content: bytes) -> tuple[str, str] | None:
    """The (content type, suffix) the first bytes claim (uploads.problem() proves it)."""
    for magic, kind in MAGIC.items():
        if content.startswith(magic):
            return kind
    return None


def store_files(files: list[StagedFile], upload_dir: Path) -> list[dict[str, Any]]:
    """Write uploads outside the web root under generated names; their rows for the database."""
    if not files:
        return []
    upload_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for f in files:
        name = f"{uuid.uuid4().hex}{f.suffix}"
        tmp = upload_dir / f".{name}.tmp"
        with tmp.open("wb") as out:
            out.write(f.content)
            out.flush()
            os.fsync(out.fileno())  # the scan must outlive a crash, like the record naming it
        tmp.rename(upload_dir / name)
        rows.append(
            {
                "field": f.field,
                "stored_name": name,
                "content_type": f.content_type,
                "size": len(f.content),
                "sha256": hashlib.sha256(f.content).hexdigest(),
            }
        )
    return rows


def safe_next(special: dict[str, str], referer: str | None, origins: tuple[str, ...]) -> str | None:
    """Where to send the requester after success: `_next` when it stays on an allowed origin."""
    target = special.get("_next", "").strip()
    if not target:
        return None
    if referer and not urlsplit(target).scheme:
        target = urljoin(referer, target)
    parts = urlsplit(target)
    origin = f"{parts.scheme}://{parts.netloc}"
    return target if parts.scheme in ("http", "https") and origin in origins else None


class RateLimiter:
    """Requests per client address per minute, in a moving window (in memory, per relay
    process). At most `max_clients` addresses are remembered: past that, the ones not seen
    for a minute go first, then the longest unseen, so a flood of addresses cannot grow the
    table without bound."""

    def __init__(self, per_minute: int, what: str = "kiriman", max_clients: int = 10_000) -> None:
        self.per_minute = per_minute
        self.what = what
        self.max_clients = max_clients
        self.seen: OrderedDict[str, deque[float]] = OrderedDict()

    def check(self, client: str, now: float | None = None) -> None:
        """Count one request, or refuse with 429 and how long to wait."""
        if self.per_minute <= 0:
            return
        now = time.monotonic() if now is None else now
        window = self.seen.get(client)
        if window is None:
            self._make_room(now)
            window = self.seen[client] = deque()
        else:
            self.seen.move_to_end(client)
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) >= self.per_minute:
            wait = int(60 - (now - window[0])) + 1
            raise Rejected(
                429,
                f"Terlalu banyak {self.what} dari alamat Anda; coba lagi dalam {wait} detik",
                "BLOCKED",
                retry_after=wait,
            )
        window.append(now)

    def _make_room(self, now: float) -> None:
        if len(self.seen) < self.max_clients:
            return
        for client in [c for c, w in self.seen.items() if not w or now - w[-1] >= 60]:
            del self.seen[client]
        while len(self.seen) >= self.max_clients:
            self.seen.popitem(last=False)  # the longest unseen
