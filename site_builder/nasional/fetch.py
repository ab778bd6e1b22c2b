"""An office's published files, from its folder or over HTTP, with the last good copy kept.

An office publishes four files where its site is (`site_builder/render/exports.py` writes
the DIP's, the relay serves the register): `unduh/dip.json`, `unduh/dik.json` (optional),
`data.json` and `register.json`. A folder is read as it is. An address is fetched with a
timeout and one retry; when the office does not answer (or answers with an error), the copy
fetched last time, kept in the cache folder, stands in, and the portal says since when.
A copy becomes the last good one only after it was read without a problem (`keep`), so a
broken file published today never replaces yesterday's good one.
"""

from __future__ import annotations

import errno
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import HTTPException
from pathlib import Path
from typing import Literal

from site_builder import __version__
from site_builder.errors import PPIDError
from site_builder.files import write_atomic

# name -> path under the office's site
FILES = {
    "dip": "unduh/dip.json",
    "dik": "unduh/dik.json",
    "data": "data.json",
    "register": "register.json",
}
OPTIONAL = ("dik",)  # an office without exempted information may publish no DIK
MAX_BYTES = 64 * 1024 * 1024  # a register of years of requests stays far below
TIMEOUT = 10.0  # seconds per connection and per read
RETRY_PAUSE = 1.0  # seconds before the one retry

State = Literal["baru", "tidak_ada", "gagal"]


@dataclass(frozen=True)
class Copy:
    """One published file as the portal got it this time.

    `baru`: read now (from the folder, or the office answered; `raw` holds it);
    `tidak_ada`: the office has no such file (404, or no file in the folder);
    `gagal`: the office could not be reached or refused; `reason` says how.
    """

    name: str
    source: str  # the URL or the path
    state: State
    raw: bytes | None = None
    reason: str = ""
    again: bool = True  # a failure worth a retry (a file too big stays too big)


@dataclass(frozen=True)
class Kept:
    """The last good copy of a file, from the cache folder."""

    raw: bytes
    source: str
    diambil: datetime  # when it was fetched (UTC)


def is_address(situs: str) -> bool:
    """True for an http(s) site address, False for a local folder."""
    return situs.startswith(("http://", "https://"))


def source_of(situs: str, name: str) -> str:
    """Where the file `name` of an office is published."""
    if is_address(situs):
        return situs.rstrip("/") + "/" + FILES[name]
    return str(Path(situs) / FILES[name])


class CacheError(PPIDError):
    """The cache folder cannot be written; the message names it."""


class Fetcher:
    """Gets the offices' files; `cache` is where last good copies are kept (None: nowhere)."""

    def __init__(
        self,
        cache: Path | None,
        *,
        timeout: float = TIMEOUT,
        retries: int = 1,
        pause: float = RETRY_PAUSE,
    ) -> None:
        self.cache = cache
        self.timeout = timeout
        self.retries = retries
        self.pause = pause
        # the validators (ETag, Last-Modified) of answers not kept yet, stored with the copy
        # once it reads well; offices are fetched from several threads
        self._validators: dict[tuple[str, str], dict[str, str]] = {}
        self._lock = threading.Lock()

    def get(self, kode: str, situs: str, name: str) -> Copy:
        """The file `name` of the office at `situs`, as it is now."""
        source = source_of(situs, name)
        if not is_address(situs):
            return _read_folder(name, source)
        meta = self._meta(kode, name)
        attempt = 0
        while True:
            copy = self._request(kode, name, source, meta)
            if copy.state != "gagal" or not copy.again or attempt >= self.retries:
                return copy
            attempt += 1
            time.sleep(self.pause)

    def _request(self, kode: str, name: str, source: str, meta: dict[str, str]) -> Copy:
        headers = {
            "User-Agent": f"ppid-nasional/{__version__}",
            "Accept": "application/json",
            # JSON shrinks about tenfold: 553 offices' DIPs and catalogues are ~60 MB plain
            "Accept-Encoding": "gzip",
        }
        kept = self.last_good(kode, name)
        if kept is not None and kept.source == source:
            # the office's server may answer 304: the copy kept is still the file
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]
        request = urllib.request.Request(source, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                raw = answer.read(MAX_BYTES + 1)
                if answer.headers.get("Content-Encoding", "").strip().lower() == "gzip":
                    raw = _gunzip(raw)
                if raw is None or len(raw) > MAX_BYTES:
                    return Copy(
                        name, source, "gagal", reason="berkas lebih dari 64 MB", again=False
                    )
                self._remember(
                    kode,
                    name,
                    {
                        "etag": answer.headers.get("ETag", ""),
                        "last_modified": answer.headers.get("Last-Modified", ""),
                    },
                )
                return Copy(name, source, "baru", raw)
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and kept is not None:
                self._remember(kode, name, meta)
                return Copy(name, source, "baru", kept.raw)
            if exc.code in (404, 410):
                return Copy(name, source, "tidak_ada", reason=f"tidak ada (HTTP {exc.code})")
            return Copy(name, source, "gagal", reason=f"situs menjawab HTTP {exc.code}")
        except TimeoutError:
            return Copy(
                name, source, "gagal", reason=f"tidak menjawab dalam {self.timeout:g} detik"
            )
        except urllib.error.URLError as exc:
            why = exc.reason
            if isinstance(why, TimeoutError):
                return Copy(
                    name, source, "gagal", reason=f"tidak menjawab dalam {self.timeout:g} detik"
                )
            return Copy(name, source, "gagal", reason=f"tidak dapat dihubungi ({_why(why)})")
        except (OSError, HTTPException) as exc:
            return Copy(name, source, "gagal", reason=f"sambungan terputus ({_why(exc)})")

    def _remember(self, kode: str, name: str, validators: dict[str, str]) -> None:
        with self._lock:
            self._validators[(kode, name)] = validators

    def _folder(self, kode: str) -> Path | None:
        return None if self.cache is None else self.cache / kode

    def _meta(self, kode: str, name: str) -> dict[str, str]:
        folder = self._folder(kode)
        if folder is None:
            return {}
        try:
            data = json.loads((folder / f"{name}.meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return (
            {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
        )

    def last_good(self, kode: str, name: str) -> Kept | None:
        """The last copy of this file that was read without a problem, or None."""
        folder = self._folder(kode)
        if folder is None:
            return None
        meta = self._meta(kode, name)
        try:
            raw = (folder / f"{name}.json").read_bytes()
            diambil = datetime.fromisoformat(meta["diambil"])
        except (OSError, KeyError, ValueError):
            return None
        return Kept(raw, meta.get("sumber", ""), diambil)

    def keep(self, kode: str, copy: Copy, now: datetime | None = None) -> None:
        """Keep a copy that was read without a problem as the last good one."""
        folder = self._folder(kode)
        if (
            folder is None
            or copy.state != "baru"
            or copy.raw is None
            or not is_address(copy.source)
        ):
            return
        with self._lock:
            validators = self._validators.pop((kode, copy.name), {})
        meta = {
            "sumber": copy.source,
            "diambil": (now or datetime.now(UTC)).astimezone(UTC).isoformat(),
            **{k: validators[k] for k in ("etag", "last_modified") if validators.get(k)},
        }
        try:
            write_atomic(folder / f"{copy.name}.json", copy.raw)
            write_atomic(
                folder / f"{copy.name}.meta.json", json.dumps(meta, ensure_ascii=False, indent=1)
            )
        except OSError as exc:
            raise CacheError(
                f"{self.cache}: folder salinan (--cache) tidak dapat ditulisi "
                f"({exc.strerror or exc})"
            ) from exc


def _gunzip(raw: bytes) -> bytes | None:
    """A gzip body, unpacked to at most MAX_BYTES (None beyond: a bomb is not read whole);
    a body that is not gzip after all is given back as it came, for the reader to judge."""
    unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpack.decompress(raw, MAX_BYTES + 1)
    except zlib.error:
        return raw
    return None if len(out) > MAX_BYTES or unpack.unconsumed_tail else out


_ERRNO = {
    errno.ECONNREFUSED: "sambungan ditolak",
    errno.ECONNRESET: "sambungan diputus",
    errno.EHOSTUNREACH: "host tidak terjangkau",
    errno.ENETUNREACH: "jaringan tidak terjangkau",
    errno.ETIMEDOUT: "waktu habis",
}


def _why(reason: object) -> str:
    """Why a connection failed, in Indonesian where the cause is a common one."""
    if isinstance(reason, socket.gaierror):
        return "nama host tidak ditemukan"
    if isinstance(reason, ssl.SSLError):
        return f"TLS gagal: {reason.reason or reason}"
    if isinstance(reason, OSError) and reason.errno in _ERRNO:
        return _ERRNO[reason.errno]
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _read_folder(name: str, source: str) -> Copy:
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Copy(name, source, "gagal", reason="berkas lebih dari 64 MB")
        return Copy(name, source, "baru", path.read_bytes())
    except FileNotFoundError:
        return Copy(name, source, "tidak_ada", reason="berkas tidak ada")
    except OSError as exc:
        return Copy(name, source, "gagal", reason=f"tidak dapat dibaca ({exc.strerror})")
