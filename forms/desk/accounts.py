"""Staff accounts: argon2id passwords, roles, units, invitations, the second factor, and the
sign-in throttle. Every write is one transaction; a password is never stored or logged in
clear (only its argon2id hash, and the hash never leaves this module)."""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Engine

from forms.desk.roles import Roles
from forms.store import tables as store
from site_builder.errors import PPIDError
from site_builder.kantor import Registry

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")
MIN_PASSWORD = 10
DEMO = "contoh"  # the demonstration account of `ppid serve`
INVITE_HOURS = 24
# The throttle (issue 13): 5 failures on one account, or 20 from one address, in 15 minutes.
WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5
PER_ADDRESS = 20
TOTP_REQUIRED = "dua_langkah_wajib"  # pengaturan key: the roles that must use a second factor

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


class AccountError(PPIDError):
    """An account action that cannot be done; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Account:
    id: int
    nama_pengguna: str
    nama: str
    surel: str | None
    peran: tuple[str, ...]
    unit: tuple[str, ...]
    aktif: bool
    punya_sandi: bool
    dua_langkah: bool
    contoh: bool
    kantor: str = ""  # the office's kode ('' in a single-office install)
    pantau: bool = False  # may watch the offices below its own, read-only (/meja/pantau)

    @property
    def label(self) -> str:
        """How the account signs the timeline: the person's name and the account."""
        return f"{self.nama} ({self.nama_pengguna})"

    @property
    def names(self) -> tuple[str, ...]:
        """The names a record's `petugas` may carry for this person: the desk's label, or
        the name or user name typed at `ppid permohonan tugaskan --petugas`."""
        return (self.label, self.nama, self.nama_pengguna)


def _account(row: Any) -> Account:
    return Account(
        row["id"],
        row["nama_pengguna"],
        row["nama"],
        row["surel"],
        tuple(row["peran"]),
        tuple(row["unit"]),
        bool(row["aktif"]),
        row["kata_sandi"] is not None,
        row["totp"] is not None,
        bool(row["contoh"]),
        str(row["kantor"] or ""),
        bool(row["pantau"]),
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD:
        return f"kata sandi minimal {MIN_PASSWORD} karakter"
    if len(password) > 1000:
        return "kata sandi terlalu panjang (paling banyak 1000 karakter)"
    if password.strip() != password or "\n" in password:
        return "kata sandi tidak boleh diawali/diakhiri spasi atau memuat baris baru"
    return None


# Who may watch the offices below their own (/meja/pantau): the PPID of a province or of
# KPU RI; the role must also carry the `pantau` permission (forms/data/peran.yml).
PANTAU_TINGKAT = ("pusat", "provinsi")
PANTAU_PERAN = "ppid"


class Accounts:
    """The accounts of one deployment, over the relay's database; `registry` is the
    deployment's offices (PPID_KANTOR_FILE), None in a single-office install."""

    def __init__(self, engine: Engine, roles: Roles, registry: Registry | None = None) -> None:
        self.engine = engine
        self.roles = roles
        self.registry = registry

    # --- reading -----------------------------------------------------------------------
    def get(self, nama_pengguna: str) -> Account:
        found = self.find(nama_pengguna)
        if found is None:
            raise AccountError(f"pengguna '{nama_pengguna}' tidak ada")
        return found

    def find(self, nama_pengguna: str) -> Account | None:
        with self.engine.connect() as conn:
            row = store.one(
                conn,
                sa.select(store.pengguna).where(
                    store.pengguna.c.nama_pengguna == nama_pengguna.strip().lower()
                ),
            )
        return _account(row) if row is not None else None

    def by_id(self, account_id: int) -> Account | None:
        with self.engine.connect() as conn:
            row = store.one(
                conn, sa.select(store.pengguna).where(store.pengguna.c.id == account_id)
            )
        return _account(row) if row is not None else None

    def all(self, kantor: str | None = None) -> list[Account]:
        """Every account, or those of one office."""
        query = sa.select(store.pengguna).order_by(store.pengguna.c.nama_pengguna)
        if kantor is not None:
            query = query.where(store.pengguna.c.kantor == kantor)
        with self.engine.connect() as conn:
            return [_account(r) for r in conn.execute(query).mappings()]

    def with_role(
        self, peran: str, unit: str | None = None, kantor: str | None = None
    ) -> list[Account]:
        """Active accounts holding a role (and bound to the unit, and of the office, when
        they are named)."""
        return [
            a
            for a in self.all(kantor)
            if a.aktif and peran in a.peran and (unit is None or unit in a.unit)
        ]

    # --- the office ---------------------------------------------------------------------
    def check_office(self, kantor: str, pantau: bool, peran: Sequence[str]) -> str:
        """The office's kode as it will be stored; AccountError when the deployment has no
        registry, the kode is not in it, or monitoring is asked for an account that may not
        have it (only a pusat or provinsi office's account holding the `ppid` role)."""
        kantor = kantor.strip()
        registry = self.registry
        if registry is None:
            if kantor or pantau:
                raise AccountError(
                    "kantor dan pemantauan hanya dipakai bila PPID_KANTOR_FILE menunjuk daftar "
                    "kantor (kantor.yml); pemasangan satu kantor tidak memakainya"
                )
            return ""
        if not kantor:
            raise AccountError(
                f"sebutkan kantor akun ini (kode dari {registry.path}); setiap akun milik "
                "satu kantor"
            )
        office = registry.get(kantor)
        if office is None:
            codes = ", ".join(k.kode for k in registry.kantor[:8])
            more = f" dan {len(registry.kantor) - 8} lainnya" if len(registry.kantor) > 8 else ""
            raise AccountError(
                f"kantor '{kantor[:20]}' tidak ada di daftar kantor {registry.path}; kodenya "
                f"ada di baris 'kode:' setiap kantor di berkas itu ({codes}{more})"
            )
        if pantau and office.tingkat not in PANTAU_TINGKAT:
            raise AccountError(
                f"pemantauan hanya untuk akun KPU RI atau KPU Provinsi; {office.nama} "
                f"({office.kode}) bertingkat {office.tingkat}"
            )
        if pantau and PANTAU_PERAN not in peran:
            raise AccountError("pemantauan hanya untuk akun yang berperan ppid")
        return office.kode

    def set_office(
        self, nama_pengguna: str, kantor: str | None = None, pantau: bool | None = None
    ) -> Account:
        """Move an account to an office and/or give or take its monitoring (None: kept);
        moving it ends its sessions, since what it may see changes."""
        account = self.get(nama_pengguna)
        new_kantor = account.kantor if kantor is None else kantor
        new_pantau = account.pantau if pantau is None else pantau
        code = self.check_office(new_kantor, new_pantau, account.peran)
        self._update(account.id, kantor=code, pantau=new_pantau)
        if code != account.kantor:
            with store.transaction(self.engine) as conn:
                conn.execute(sa.delete(store.sesi).where(store.sesi.c.pengguna_id == account.id))
        return self.get(nama_pengguna)

    # --- writing -----------------------------------------------------------------------
    def add(
        self,
        nama_pengguna: str,
        nama: str,
        peran: Sequence[str],
        unit: Sequence[str] = (),
        surel: str | None = None,
        kata_sandi: str | None = None,
        contoh: bool = False,
        kantor: str = "",
        pantau: bool = False,
    ) -> Account:
        """A new account of an office ('' in a single-office install); without a password
        it can only be opened by an invitation."""
        username, nama, codes = self.check_new(nama_pengguna, nama, peran, unit)
        if not contoh:  # the demonstration account of `ppid serve` belongs to no office
            kantor = self.check_office(kantor, pantau, codes)
        hashed = None
        if kata_sandi is not None:
            problem = password_problem(kata_sandi)
            if problem:
                raise AccountError(problem)
            hashed = _HASHER.hash(kata_sandi)
        with store.transaction(self.engine) as conn:
            taken = store.one(
                conn,
                sa.select(store.pengguna.c.id).where(store.pengguna.c.nama_pengguna == username),
            )
            if taken is not None:
                raise AccountError(f"nama pengguna '{username}' sudah dipakai")
            conn.execute(
                store.pengguna.insert().values(
                    nama_pengguna=username,
                    nama=nama,
                    surel=(surel or "").strip() or None,
                    peran=codes,
                    unit=list(dict.fromkeys(u.strip() for u in unit if u.strip())),
                    kata_sandi=hashed,
                    totp=None,
                    aktif=True,
                    contoh=contoh,
                    dibuat=datetime.now(UTC),
                    kantor=kantor,
                    pantau=pantau,
                )
            )
        return self.get(username)

    def check_new(
        self, nama_pengguna: str, nama: str, peran: Sequence[str], unit: Sequence[str] = ()
    ) -> tuple[str, str, list[str]]:
        """What add() refuses before any password is asked: the name's form and that it is
        free, the full name, the roles, a unit for a role that sees only its units. The
        user name, the full name and the role codes as they will be stored."""
        username = nama_pengguna.strip().lower()
        if not USERNAME.fullmatch(username):
            raise AccountError(
                f"nama pengguna '{nama_pengguna}' tidak valid: 2-60 huruf kecil, angka, "
                "titik, garis bawah atau tanda hubung, diawali huruf atau angka"
            )
        nama = " ".join(nama.split())
        if not nama or len(nama) > 200:
            raise AccountError("nama lengkap wajib diisi (paling banyak 200 karakter)")
        codes = self._roles(peran, unit)
        if self.find(username) is not None:
            raise AccountError(f"nama pengguna '{username}' sudah dipakai")
        return username, nama, codes

    def _roles(self, peran: Sequence[str], unit: Sequence[str]) -> list[str]:
        if not peran:
            raise AccountError(f"sebutkan sedikitnya satu peran: {', '.join(self.roles.peran)}")
        try:
            codes = self.roles.check_codes(peran)
        except PPIDError as exc:
            raise AccountError(str(exc)) from None
        needs_unit = any("lihat_unit" in self.roles.peran[c].izin for c in codes)
        if needs_unit and not [u for u in unit if u.strip()]:
            raise AccountError("peran pelaksana harus terikat pada sedikitnya satu unit (--unit)")
        return codes

    def set_roles(self, nama_pengguna: str, peran: Sequence[str], unit: Sequence[str]) -> Account:
        account = self.get(nama_pengguna)
        codes = self._roles(peran, unit)
        # monitoring goes with the ppid role: dropping the role drops it
        pantau = account.pantau and PANTAU_PERAN in codes
        self._update(
            account.id, peran=codes, unit=[u.strip() for u in unit if u.strip()], pantau=pantau
        )
        return self.get(nama_pengguna)

    def set_active(self, nama_pengguna: str, aktif: bool) -> Account:
        account = self.get(nama_pengguna)
        self._update(account.id, aktif=aktif)
        if not aktif:  # a deactivated account is signed out everywhere at once
            with store.transaction(self.engine) as conn:
                conn.execute(sa.delete(store.sesi).where(store.sesi.c.pengguna_id == account.id))
        return self.get(nama_pengguna)

    def set_password(self, nama_pengguna: str, kata_sandi: str) -> Account:
        problem = password_problem(kata_sandi)
        if problem:
            raise AccountError(problem)
        account = self.get(nama_pengguna)
        self._update(account.id, kata_sandi=_HASHER.hash(kata_sandi))
        with store.transaction(self.engine) as conn:  # every other session ends
            conn.execute(sa.delete(store.sesi).where(store.sesi.c.pengguna_id == account.id))
        return self.get(nama_pengguna)

    def _update(self, account_id: int, **values: Any) -> None:
        with store.transaction(self.engine) as conn:
            conn.execute(
                sa.update(store.pengguna).where(store.pengguna.c.id == account_id).values(**values)
            )

    # --- the demonstration account (ppid serve only) -----------------------------------
    def ensure_demo(self, kata_sandi: str, unit: Sequence[str]) -> Account:
        """The demonstration account `contoh`, holding every role, with this password
        (a new one at each start); marked as such on every page."""
        peran = list(self.roles.peran)
        found = self.find(DEMO)
        if found is None:
            return self.add(DEMO, "Akun Contoh", peran, unit, None, kata_sandi, contoh=True)
        if not found.contoh:
            raise AccountError(
                f"nama pengguna '{DEMO}' dipakai akun sungguhan; akun contoh tidak dibuat"
            )
        self._update(
            found.id, peran=peran, unit=list(unit), aktif=True, kata_sandi=_HASHER.hash(kata_sandi)
        )
        return self.get(DEMO)

    def remove_demo(self) -> int:
        """Deactivate every demonstration account and end its sessions (production)."""
        ids = [a.id for a in self.all() if a.contoh and a.aktif]
        with store.transaction(self.engine) as conn:
            for account_id in ids:
                conn.execute(sa.delete(store.sesi).where(store.sesi.c.pengguna_id == account_id))
                conn.execute(
                    sa.update(store.pengguna)
                    .where(store.pengguna.c.id == account_id)
                    .values(aktif=False, kata_sandi=None)
                )
        return len(ids)

    # --- signing in --------------------------------------------------------------------
    def verify(self, nama_pengguna: str, kata_sandi: str) -> Account | None:
        """The account when the password is right and the account active; None otherwise
        (an unknown name costs the same hash as a wrong password)."""
        username = nama_pengguna.strip().lower()
        with self.engine.connect() as conn:
            row = store.one(
                conn, sa.select(store.pengguna).where(store.pengguna.c.nama_pengguna == username)
            )
        hashed = row["kata_sandi"] if row is not None else None
        try:
            _HASHER.verify(hashed or _dummy(), kata_sandi)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or hashed is None or not row["aktif"]:
            return None
        if _HASHER.check_needs_rehash(hashed):
            self._update(row["id"], kata_sandi=_HASHER.hash(kata_sandi))
        return _account(row)

    def wait_for(
        self, nama_pengguna: str, alamat: str, now: datetime | None = None
    ) -> datetime | None:
        """Until when sign-in waits for this account or address, or None when it may try."""
        now = now or datetime.now(UTC)
        since = now - WINDOW
        c = store.upaya_masuk.c
        username = nama_pengguna.strip().lower()[:60]
        with self.engine.connect() as conn:
            waits = []
            for where, limit in (
                (c.nama_pengguna == username, PER_ACCOUNT),
                (c.alamat == alamat, PER_ADDRESS),
            ):
                times = (
                    conn.execute(
                        sa.select(c.waktu)
                        .where(where, c.waktu > since, c.berhasil == sa.false())
                        .order_by(c.waktu.desc())
                        .limit(limit)
                    )
                    .scalars()
                    .all()
                )
                if len(times) >= limit:
                    oldest = _aware(times[-1])
                    waits.append(oldest + WINDOW)
        return max(waits) if waits else None

    def attempt(self, nama_pengguna: str, alamat: str, berhasil: bool) -> None:
        """Remember one sign-in attempt (the throttle's count); old ones are forgotten."""
        now = datetime.now(UTC)
        with store.transaction(self.engine) as conn:
            conn.execute(
                store.upaya_masuk.insert().values(
                    nama_pengguna=nama_pengguna.strip().lower()[:60],
                    alamat=alamat[:64],
                    waktu=now,
                    berhasil=berhasil,
                )
            )
            conn.execute(
                sa.delete(store.upaya_masuk).where(store.upaya_masuk.c.waktu < now - 2 * WINDOW)
            )

    # --- invitations -------------------------------------------------------------------
    def invite(self, nama_pengguna: str) -> str:
        """A one-time token (valid 24 hours) with which the person sets a password."""
        account = self.get(nama_pengguna)
        if not account.aktif:
            raise AccountError(f"akun '{account.nama_pengguna}' nonaktif; aktifkan dulu")
        token = secrets.token_urlsafe(32)
        with store.transaction(self.engine) as conn:
            conn.execute(
                store.undangan.insert().values(
                    id=_digest(token),
                    pengguna_id=account.id,
                    berlaku_sampai=datetime.now(UTC) + timedelta(hours=INVITE_HOURS),
                    dipakai=None,
                )
            )
        return token

    def invitation(self, token: str) -> Account | None:
        """The account an unused, unexpired invitation is for."""
        with self.engine.connect() as conn:
            row = store.one(
                conn, sa.select(store.undangan).where(store.undangan.c.id == _digest(token))
            )
        if row is None or row["dipakai"] is not None:
            return None
        if _aware(row["berlaku_sampai"]) < datetime.now(UTC):
            return None
        account = self.by_id(row["pengguna_id"])
        return account if account is not None and account.aktif else None

    def accept(self, token: str, kata_sandi: str) -> Account:
        """Set the password with an invitation, which is then used up."""
        account = self.invitation(token)
        if account is None:
            raise AccountError("tautan undangan tidak berlaku (sudah dipakai atau lewat 24 jam)")
        problem = password_problem(kata_sandi)
        if problem:
            raise AccountError(problem)
        with store.transaction(self.engine) as conn:
            used = conn.execute(
                sa.update(store.undangan)
                .where(store.undangan.c.id == _digest(token), store.undangan.c.dipakai.is_(None))
                .values(dipakai=datetime.now(UTC))
            ).rowcount
            if used != 1:
                raise AccountError("tautan undangan sudah dipakai")
            conn.execute(
                sa.update(store.pengguna)
                .where(store.pengguna.c.id == account.id)
                .values(kata_sandi=_HASHER.hash(kata_sandi))
            )
            # as with any new password: no session opened with the old one stays
            conn.execute(sa.delete(store.sesi).where(store.sesi.c.pengguna_id == account.id))
        return self.get(account.nama_pengguna)

    # --- the second factor -------------------------------------------------------------
    @staticmethod
    def new_totp_secret() -> str:
        return pyotp.random_base32()

    @staticmethod
    def totp_uri(secret: str, account: Account, issuer: str) -> str:
        return pyotp.TOTP(secret).provisioning_uri(name=account.nama_pengguna, issuer_name=issuer)

    def enable_totp(self, nama_pengguna: str, secret: str, kode: str) -> Account:
        if not pyotp.TOTP(secret).verify(kode.strip(), valid_window=1):
            raise AccountError("kode enam angka tidak cocok; periksa jam ponsel lalu coba lagi")
        account = self.get(nama_pengguna)
        self._update(account.id, totp=secret)
        return self.get(nama_pengguna)

    def disable_totp(self, nama_pengguna: str) -> Account:
        account = self.get(nama_pengguna)
        self._update(account.id, totp=None)
        return self.get(nama_pengguna)

    def check_totp(self, account: Account, kode: str) -> bool:
        with self.engine.connect() as conn:
            secret = conn.execute(
                sa.select(store.pengguna.c.totp).where(store.pengguna.c.id == account.id)
            ).scalar()
        return bool(secret) and pyotp.TOTP(str(secret)).verify(kode.strip(), valid_window=1)

    def totp_required_roles(self) -> tuple[str, ...]:
        with self.engine.connect() as conn:
            value = store.setting(conn, TOTP_REQUIRED)
        return tuple(r for r in (value or []) if r in self.roles.dua_langkah)

    def require_totp(self, peran: Sequence[str]) -> tuple[str, ...]:
        bad = [p for p in peran if p not in self.roles.dua_langkah]
        if bad:
            raise AccountError(
                "kode dua langkah hanya dapat diwajibkan untuk: "
                + ", ".join(self.roles.dua_langkah)
            )
        with store.transaction(self.engine) as conn:
            store.set_setting(conn, TOTP_REQUIRED, list(peran))
        return self.totp_required_roles()

    def must_use_totp(self, account: Account) -> bool:
        required = set(self.totp_required_roles())
        return bool(required & set(account.peran))


@functools.cache
def _dummy() -> str:
    """A hash to verify against when the account has none, so an unknown name costs the same
    time as a wrong password; made on first use, not when a command imports this module."""
    return _HASHER.hash(secrets.token_urlsafe(16))


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back: they were stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
