"""The desk's web machinery: the Desk (its services), who is signed in, the role and CSRF
guards, and page rendering. Pages live in forms/desk/pages/, one module per area, each
with its ROUTES; `routes()` gathers them under /meja.

Rules every page keeps:
- no page without a session (a GET is sent to /meja/masuk, anything else refused);
- every action checks its permission here, on the server (`Staff.need`);
- every POST carries the session's CSRF token (`form()` refuses it otherwise);
- every refusal is an `intake.Rejected`, answered by forms/http/errors.py like the relay's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from forms import vocab
from forms.desk.accounts import Account, Accounts
from forms.desk.audit import AuditLog
from forms.desk.index import DeskIndex
from forms.desk.roles import Roles, load_roles
from forms.desk.scope import office_of
from forms.desk.sessions import COOKIE, Session, Sessions
from forms.intake import submission as intake
from forms.settings import Settings
from forms.startup import office_profile, office_trackers, tracker_for
from forms.tracker import Record, Tracker
from site_builder.clock import OfficeClock
from site_builder.dates import format_date
from site_builder.kantor import Kantor, Registry

log = logging.getLogger("ppid.meja")
PREFIX = "/meja"

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("forms.desk", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["tanggal"] = lambda d, hari=False: format_date(d, hari) if d else "-"
_TEMPLATES.globals.update(
    STATUS_LABEL=vocab.STATUS_LABEL,
    SALURAN_LABEL=vocab.SALURAN_LABEL,
    KEPUTUSAN_LABEL=vocab.KEPUTUSAN_LABEL,
    PERISTIWA=vocab.PERISTIWA,
    quote=quote,
)


# The desk's error page headings (templates/galat.html).
_TITLES = {
    303: "Silakan masuk",
    401: "Silakan masuk",
    403: "Tidak diizinkan",
    404: "Tidak ditemukan",
    410: "Tidak berlaku lagi",
    422: "Perlu diperbaiki",
    429: "Tunggu sebentar",
}


class Desk:
    """The desk's services for one deployment, over the relay's tracker and database."""

    def __init__(
        self,
        settings: Settings,
        tracker: Tracker,
        office_name: str,
        client: Callable[[Request], str],
        roles: Roles | None = None,
        registry: Registry | None = None,
        trackers: Mapping[str, Tracker] | None = None,
    ) -> None:
        self.settings = settings
        self.tracker = tracker
        # the deployment's offices (PPID_KANTOR_FILE), None for a single-office install
        self.registry = registry
        # each office's tracker (one engine): the relay's, else made here
        self.trackers = (
            dict(trackers) if trackers is not None else office_trackers(tracker, registry)
        )
        self.office_name = office_name
        self.client = client
        self.roles = roles or load_roles()
        self.accounts = Accounts(tracker.engine, self.roles, registry)
        self.sessions = Sessions(tracker.engine, self.accounts)
        self.audit = AuditLog(tracker.engine)
        self.index = DeskIndex(tracker)
        self._catalogue: tuple[float, Any] | None = None

    def office(self, kode: str) -> Kantor | None:
        """The office of this kode in the registry (None in a single-office install)."""
        return self.registry.get(kode) if self.registry is not None else None

    def clock_for(self, kode: str) -> OfficeClock:
        """The office's clock (its zona_waktu); the deployment's own for '' or an unknown kode."""
        office = self.office(kode)
        return OfficeClock(office.zona_waktu) if office is not None else self.tracker.clock

    def tracker_for(self, kode: str) -> Tracker:
        """The tracker of the office with this kode (a staff member's `kantor`); '' is the
        single office's. An unknown kode is NotFound."""
        return tracker_for(self.tracker, self.trackers, kode)

    def profile_of(self, kode: str) -> Any:
        """The profile on the letters of the office with this kode (its registry `profil`,
        else the DIP's office under the registry's nama); None when neither can be read.
        A broken `profil` is a SettingsError saying where."""
        catalogue = self.catalogue()
        return office_profile(self.registry, kode, catalogue.office if catalogue else None)

    def catalogue(self) -> Any:
        """The DIP (units, exempted entries, the office), read again when it changed; None
        when it cannot be read (the desk still works, without pickers)."""
        from site_builder.dip.loader import load

        folder = self.settings.office_file.parent
        try:
            stamp = max(p.stat().st_mtime for p in [folder, *folder.glob("*/")])
        except (OSError, ValueError):
            return None
        if self._catalogue is None or self._catalogue[0] != stamp:
            result = load(folder)
            self._catalogue = (stamp, result.catalogue)
        return self._catalogue[1]

    def units(self) -> list[tuple[str, str]]:
        """(folder, name) of every unit of the DIP."""
        cat = self.catalogue()
        return [(u.slug, u.nama) for u in cat.units] if cat is not None else []

    def error_page(self, status: int, message: str) -> HTMLResponse:
        """A refusal or error under /meja in the desk's look (forms/http/errors.py calls
        this): without the menu, since who is signed in may be the very question."""
        return self.render(
            "galat.html",
            status,
            error=message,
            judul=_TITLES.get(status, "Tidak dapat dilanjutkan"),
            who=None,
            nav=[],
            here="",
            csrf="",
        )

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = _TEMPLATES.get_template(name).render(
            office_name=self.office_name, prefix=PREFIX, **context
        )
        return HTMLResponse(html, status_code=status)


@dataclass(frozen=True)
class Staff:
    """The signed-in person on this request: their account, permissions and session."""

    session: Session
    permissions: frozenset[str]
    alamat: str

    @property
    def account(self) -> Account:
        return self.session.account

    @property
    def kantor(self) -> str:
        """The office whose records this person works on ('' in a single-office install)."""
        return self.account.kantor

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def may_watch(self) -> bool:
        """The monitoring page (/meja/pantau): the role's `pantau` permission and the
        account's own flag, both."""
        return self.can("pantau") and self.account.pantau

    @property
    def units(self) -> list[str] | None:
        """The units whose records this person sees, or None for every record."""
        return None if self.can("lihat_semua") else list(self.account.unit)

    @property
    def names(self) -> list[str]:
        """The names a record's `petugas` may carry for this person ("assigned to me")."""
        return list(self.account.names)


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def refused(status: int, message: str) -> intake.Rejected:
    return intake.Rejected(status, message)


NOT_FOUND = "Catatan tidak ditemukan"


def scoped_record(request: Request, who: Staff, record_id: int) -> Record:
    """A record of this person's office, read through the office's tracker. A record of
    another office is refused exactly as one that does not exist (404), and the attempt is
    put in the audit log as a refusal."""
    desk = desk_of(request)
    record = desk.tracker_for(who.kantor).get_by_id(record_id)
    if record is not None:
        return record
    if office_of(desk.tracker, record_id) is not None:  # it exists, at another office
        desk.audit.write(
            who.account.nama_pengguna,
            who.alamat,
            "akses_ditolak",
            request.url.path[:100],
            izin="kantor",
            metode=request.method,
        )
    raise refused(404, NOT_FOUND)


def staff(request: Request, permission: str | None = None, *, setup: bool = False) -> Staff:
    """Who is signed in; a refusal when nobody is, or when they lack the permission.

    A person whose role must use a second factor (set by an administrator) and who has none
    is sent to /meja/akun?wajib=1 from every page but that one (`setup`); signing out does
    not go through here."""
    desk = desk_of(request)
    session = desk.sessions.get(request.cookies.get(COOKIE))
    if session is None or not session.signed_in:
        raise _SignIn(request)
    account = session.account
    if not setup and not account.dua_langkah and desk.accounts.must_use_totp(account):
        raise _SetUpTotp(request)
    perms = desk.roles.permissions(session.account.peran)
    who = Staff(session, perms, desk.client(request))
    if permission is not None and permission not in perms:
        deny(request, who, permission)
    return who


def deny(request: Request, who: Staff, permission: str, message: str = "") -> None:
    """Refuse (403) what the person's roles do not allow, and put the refusal in the audit
    log; `message` says why when the permission's name alone would not."""
    desk = desk_of(request)
    desk.audit.write(
        who.account.nama_pengguna,
        who.alamat,
        "akses_ditolak",
        request.url.path[:100],
        izin=permission,
        metode=request.method,
    )
    raise refused(
        403,
        message
        or f"Peran Anda tidak mengizinkan ini ({_PERMISSION_WORDS.get(permission, permission)})",
    )


_PERMISSION_WORDS = {
    "lihat_semua": "melihat semua permohonan dan keberatan",
    "lihat_identitas": "membuka dokumen identitas pemohon",
    "daftar_baru": "mencatat permohonan atau keberatan di meja layanan",
    "pengguna": "mengelola akun",
    "audit": "membaca log audit",
    "laporan": "mengunduh register dan laporan",
    "surat": "membuat dan mengirim surat",
    "draf_tulis": "menulis draf jawaban unit",
    "draf_setujui": "menyetujui draf jawaban unit",
    "putuskan_permohonan": "memutus permohonan",
    "putuskan_keberatan": "memutus keberatan",
    "perpanjang": "memperpanjang jangka waktu",
    "pantau": "memantau kantor di bawahnya",
}


class _SignIn(intake.Rejected):
    """No session: a page is sent to the sign-in form, anything else refused."""

    def __init__(self, request: Request) -> None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        super().__init__(
            401 if request.method != "GET" else 303,
            "Sesi Anda sudah berakhir atau belum masuk; silakan masuk lagi",
            headers={"Location": f"{PREFIX}/masuk?lanjut={quote(target, safe='')}"}
            if request.method == "GET"
            else {},
        )


class _SetUpTotp(intake.Rejected):
    """The second factor is required for this person's role and not set up yet."""

    def __init__(self, request: Request) -> None:
        super().__init__(
            303 if request.method == "GET" else 403,
            "Peran Anda wajib memakai kode dua langkah; siapkan dulu di halaman Akun saya",
            headers={"Location": f"{PREFIX}/akun?wajib=1"} if request.method == "GET" else {},
        )


async def form(request: Request, who: Staff, max_files: int = 0) -> FormData:
    """The posted form, its CSRF token checked; refused (and logged) without a valid one.
    A file may be as large as the public forms allow one (PPID_MAX_FILE_BYTES); the caller
    checks each file's size and content (forms/desk/berkas.py)."""
    part = desk_of(request).settings.limits.file_bytes + 1 if max_files else 1024 * 1024
    try:
        data = await request.form(max_files=max_files, max_fields=200, max_part_size=part)
    except HTTPException as exc:  # the parser's limits: too many files, a part too large
        raise refused(
            413 if "size" in str(exc.detail) else 400,
            "Kiriman tidak dapat dibaca: terlalu banyak berkas atau berkas terlalu besar "
            f"(paling banyak {max_files} berkas)",
        ) from None
    if not who.session.csrf_ok(str(data.get("_csrf", ""))):
        await data.close()
        desk_of(request).audit.write(
            who.account.nama_pengguna, who.alamat, "csrf_ditolak", request.url.path[:100]
        )
        raise refused(
            403,
            "Formulir ditolak karena token keamanannya tidak sah atau kedaluwarsa; muat ulang "
            "halaman lalu kirim lagi",
        )
    return data


def page(request: Request, who: Staff | None, name: str, status: int = 200, **ctx: Any) -> Response:
    """A desk page with the navigation the signed-in person may use."""
    desk = desk_of(request)
    nav = _nav(who) if who is not None else []
    return desk.render(
        name,
        status,
        who=who,
        nav=nav,
        here=request.url.path,
        csrf=who.session.csrf if who is not None else "",
        today=desk.tracker_for(who.kantor).today() if who is not None else desk.tracker.today(),
        **ctx,
    )


def _nav(who: Staff) -> list[tuple[str, str]]:
    items = [(f"{PREFIX}/", "Beranda"), (f"{PREFIX}/daftar", "Daftar")]
    if who.can("daftar_baru"):
        items.append((f"{PREFIX}/baru", "Catat baru"))
    if who.can("laporan"):
        items.append((f"{PREFIX}/laporan", "Register & laporan"))
    if who.can("pengguna"):
        items.append((f"{PREFIX}/pengguna", "Pengguna"))
    if who.can("audit"):
        items.append((f"{PREFIX}/audit", "Audit"))
    if who.may_watch:
        items.append((f"{PREFIX}/pantau", "Pantau kantor"))
    items.append((f"{PREFIX}/akun", "Akun saya"))
    return items


def stored_file(settings: Settings, row: Mapping[str, Any]) -> FileResponse:
    """An uploaded file (an `uploads` row or a draft's attachment) shown inline; a clear
    refusal when the file is gone from the upload folder."""
    path = settings.upload_dir / str(row["stored_name"])
    if not path.is_file():
        raise refused(404, "Berkas tidak ada di penyimpanan; hubungi petugas TI")
    return FileResponse(
        path,
        media_type=str(row["content_type"]),
        headers={"Content-Disposition": "inline", "X-Content-Type-Options": "nosniff"},
    )


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def now() -> datetime:
    return datetime.now(UTC)


def static_file(name: str) -> Path:
    return Path(__file__).resolve().parent / "static" / name
