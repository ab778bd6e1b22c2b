"""Relay configuration from environment variables, each with a working default for one machine."""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.errors import PPIDError


class SettingsError(PPIDError):
    """A configuration value is unusable; the message names the variable."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} bukan bilangan bulat") from None
    if value < 0:
        raise SettingsError(f"{name} tidak boleh negatif")
    return value


# The formats of a deployment of many offices (PPID_KANTOR_FILE): a number carries its
# office's kode, so two offices' numbers never read the same (records.nomor is unique).
MULTI_OFFICE_FORMATS = {
    "number_format": "{nomor:04d}/PPID-{kantor}/{bulan_romawi}/{tahun}",
    "letter_format": "{nomor:03d}/PPID-{kantor}/{kode}/{bulan_romawi}/{tahun}",
    "letter_format_atasan": "{nomor:03d}/ATASAN-PPID-{kantor}/{kode}/{bulan_romawi}/{tahun}",
    "nota_dinas_format": "{nomor:03d}/ND/PPID-{kantor}/{bulan_romawi}/{tahun}",
}
FORMAT_VARIABLES = {
    "number_format": "PPID_NUMBER_FORMAT",
    "letter_format": "PPID_FORMAT_SURAT",
    "letter_format_atasan": "PPID_FORMAT_SURAT_ATASAN",
    "nota_dinas_format": "PPID_FORMAT_NOTA_DINAS",
}


def without_kantor(fmt: str) -> bool:
    """Whether a numbering format gives two offices the same text (no `{kantor}` in it)."""
    try:
        same = {
            fmt.format(nomor=1, kode="PT", bulan_romawi="XI", bulan=11, tahun=2026, kantor=k)
            for k in ("6201", "6271")
        }
    except (KeyError, ValueError, IndexError):
        return True
    return len(same) < 2


def _number_format(env: Mapping[str, str], name: str, default: str, **extra: str) -> str:
    """A numbering format that formats, and that gives two numbers two different texts."""
    fmt = env.get(name, default)
    known = ", ".join(
        "{" + k + "}" for k in ("nomor", *extra, "kantor", "bulan_romawi", "bulan", "tahun")
    )
    try:
        made = {
            fmt.format(nomor=n, bulan_romawi="XI", bulan=11, tahun=2026, kantor="6201", **extra)
            for n in (1, 2)
        }
    except (KeyError, ValueError, IndexError) as exc:
        raise SettingsError(f"{name} tidak valid: {exc}; yang dikenal: {known}") from exc
    if len(made) < 2:
        raise SettingsError(f"{name} harus memuat {{nomor}} (nomor urut), misalnya {default}")
    return fmt


def _proxies(raw: str) -> tuple[str, ...]:
    """PPID_TRUSTED_PROXIES: addresses or networks (10.0.0.0/8), comma-separated."""
    out = []
    for item in (i.strip() for i in raw.split(",")):
        if not item:
            continue
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise SettingsError(
                f"PPID_TRUSTED_PROXIES: '{item}' bukan alamat IP atau jaringan (contoh: "
                "127.0.0.1,10.0.0.0/8)"
            ) from None
        out.append(item)
    return tuple(out)


@dataclass(frozen=True)
class Limits:
    """What one submission may carry; each limit has its own clear error."""

    body_bytes: int = 12 * 1024 * 1024  # the whole request: a scan or two and the text
    file_bytes: int = 5 * 1024 * 1024  # one identity scan
    files: int = 3
    fields: int = 40
    field_chars: int = 5000
    per_minute: int = 10  # submissions per client address
    status_per_minute: int = 30  # status checks per client address (their own count)
    body_seconds: int = 30  # a body still incomplete after this is refused (slow clients)


@dataclass(frozen=True)
class Smtp:
    """Outgoing mail: acknowledgements to requesters, notices to the desk."""

    host: str
    port: int = 25
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    sender: str = "ppid@localhost"
    desk: str = ""


@dataclass(frozen=True)
class Settings:
    """Everything the relay needs; `Settings.from_env()` reads PPID_* variables."""

    database_url: str = "sqlite:///var/ppid.sqlite3"
    allowed_origins: tuple[str, ...] = ("http://127.0.0.1:8000", "http://localhost:8000")
    upload_dir: Path = Path("var/unggahan")
    secret: str = field(default="", repr=False)
    number_format: str = "{nomor:04d}/PPID/{bulan_romawi}/{tahun}"
    letter_format: str = "{nomor:03d}/PPID/{kode}/{bulan_romawi}/{tahun}"
    # the atasan PPID signs in a series of their own (the tanggapan atas keberatan)
    letter_format_atasan: str = "{nomor:03d}/ATASAN-PPID/{kode}/{bulan_romawi}/{tahun}"
    # the monthly report's nota dinas: {nomor} is the report's month (one a month)
    nota_dinas_format: str = "{nomor:03d}/ND/PPID/{bulan_romawi}/{tahun}"
    letter_templates: Path = Path("templat/surat")  # the office's own letter templates
    holidays_file: Path | None = None
    office_file: Path = Path("dip/badan-publik.yml")
    # the offices of a deployment serving many (PPID_KANTOR_FILE, site_builder/kantor.py);
    # None: one office, as described by office_file
    kantor_file: Path | None = None
    limits: Limits = Limits()
    trust_proxy: bool = False  # take the client address from X-Forwarded-For (behind nginx)
    # the proxies whose X-Forwarded-For entries are believed (PPID_TRUSTED_PROXIES)
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")
    smtp: Smtp | None = None
    site_url: str = ""  # the site's public address (PPID_SITE_URL), for links in mails
    # the built site whose look the relay's pages take (PPID_SITE_DIR), when nginx serves it
    site_dir: Path | None = None
    # worker processes of `ppid relay --workers` (PPID_WORKERS): above 1, the rate limits
    # are counted in the database, shared by all of them
    workers: int = 1
    db_timeout: float = 10.0  # seconds any wait on the database may last (PPID_DB_TIMEOUT)
    db_pool_size: int = 5  # PostgreSQL connections kept per process (PPID_DB_POOL_SIZE)

    def __post_init__(self) -> None:
        if self.kantor_file is None:
            return
        # many offices: a format left at the single office's default takes the one with
        # the office's kode (startup.registry_of refuses a format without it)
        for name, multi in MULTI_OFFICE_FORMATS.items():
            if getattr(self, name) == _SINGLE_OFFICE_FORMATS[name]:
                object.__setattr__(self, name, multi)

    @property
    def public_url(self) -> str:
        """Where the public reaches the site: PPID_SITE_URL, else the first allowed origin.
        Links the relay sends out start here, never at a request's Host header."""
        return (self.site_url or self.allowed_origins[0]).rstrip("/")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the PPID_* variables; unset ones keep their defaults."""
        env = os.environ if env is None else env
        listed = env.get("PPID_ALLOWED_ORIGINS", "").split(",")
        origins = tuple(o.strip().rstrip("/") for o in listed if o.strip()) or cls.allowed_origins
        holidays = env.get("PPID_HOLIDAYS_FILE")
        kantor_file = env.get("PPID_KANTOR_FILE", "").strip()
        upload_dir = Path(env.get("PPID_UPLOAD_DIR", "var/unggahan"))
        fmt = _number_format(env, "PPID_NUMBER_FORMAT", cls.number_format)
        letter_fmt = _number_format(env, "PPID_FORMAT_SURAT", cls.letter_format, kode="PT")
        atasan_fmt = _number_format(
            env, "PPID_FORMAT_SURAT_ATASAN", cls.letter_format_atasan, kode="TK"
        )
        nota_fmt = _number_format(env, "PPID_FORMAT_NOTA_DINAS", cls.nota_dinas_format)
        limits = Limits(
            body_bytes=_int(env, "PPID_MAX_BODY_BYTES", Limits.body_bytes),
            file_bytes=_int(env, "PPID_MAX_FILE_BYTES", Limits.file_bytes),
            files=_int(env, "PPID_MAX_FILES", Limits.files),
            fields=_int(env, "PPID_MAX_FIELDS", Limits.fields),
            field_chars=_int(env, "PPID_MAX_FIELD_CHARS", Limits.field_chars),
            per_minute=_int(env, "PPID_RATE_PER_MINUTE", Limits.per_minute),
            status_per_minute=_int(env, "PPID_RATE_STATUS_PER_MINUTE", Limits.status_per_minute),
            body_seconds=_int(env, "PPID_BODY_SECONDS", Limits.body_seconds),
        )
        site_url = env.get("PPID_SITE_URL", "").strip().rstrip("/")
        if site_url and not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", site_url):
            raise SettingsError(
                f"PPID_SITE_URL={site_url!r} bukan alamat situs; contoh: https://ppid.contoh.go.id"
            )
        site_dir = env.get("PPID_SITE_DIR", "").strip()
        workers = _int(env, "PPID_WORKERS", cls.workers)
        db_timeout = _int(env, "PPID_DB_TIMEOUT", int(cls.db_timeout))
        pool_size = _int(env, "PPID_DB_POOL_SIZE", cls.db_pool_size)
        for name, value in (
            ("PPID_WORKERS", workers),
            ("PPID_DB_TIMEOUT", db_timeout),
            ("PPID_DB_POOL_SIZE", pool_size),
        ):
            if value < 1:
                raise SettingsError(f"{name} paling sedikit 1")
        return cls(
            kantor_file=Path(kantor_file) if kantor_file else None,
            workers=workers,
            db_timeout=float(db_timeout),
            db_pool_size=pool_size,
            site_url=site_url,
            site_dir=Path(site_dir) if site_dir else None,
            database_url=env.get("PPID_DATABASE_URL", cls.database_url),
            allowed_origins=origins,
            upload_dir=upload_dir,
            secret=env.get("PPID_SECRET", ""),
            number_format=fmt,
            letter_format=letter_fmt,
            letter_format_atasan=atasan_fmt,
            nota_dinas_format=nota_fmt,
            letter_templates=Path(env.get("PPID_TEMPLAT_SURAT", "templat/surat")),
            holidays_file=Path(holidays) if holidays else None,
            office_file=Path(env.get("PPID_OFFICE_FILE", "dip/badan-publik.yml")),
            limits=limits,
            trust_proxy=env.get("PPID_TRUST_PROXY", "") in ("1", "true", "ya"),
            trusted_proxies=_proxies(env.get("PPID_TRUSTED_PROXIES", "")) or cls.trusted_proxies,
            smtp=Smtp(
                host=env["PPID_SMTP_HOST"],
                port=_int(env, "PPID_SMTP_PORT", 25),
                user=env.get("PPID_SMTP_USER", ""),
                password=env.get("PPID_SMTP_PASSWORD", ""),
                starttls=env.get("PPID_SMTP_STARTTLS", "") in ("1", "true", "ya"),
                sender=env.get("PPID_SMTP_FROM", "ppid@localhost"),
                desk=env.get("PPID_DESK_EMAIL", ""),
            )
            if env.get("PPID_SMTP_HOST")
            else None,
        )

    def resolved_secret(self) -> str:
        """The secret for status codes: configured, or generated once and kept in var/."""
        if self.secret:
            return self.secret
        path = self.upload_dir.parent / "rahasia.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(value)
        return value


_SINGLE_OFFICE_FORMATS = {name: getattr(Settings, name) for name in MULTI_OFFICE_FORMATS}
