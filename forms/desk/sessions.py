"""Server-side sessions: a random id in a cookie, its digest in the database, a CSRF token
per session, 8 hours idle timeout. Nothing but the id travels to the browser."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from forms.desk.accounts import Account, Accounts, _aware
from forms.store import tables as store

IDLE = timedelta(hours=8)
TOUCH_EVERY = timedelta(minutes=1)  # the last-seen time is written at most once a minute
COOKIE = "ppid_meja"


@dataclass(frozen=True)
class Session:
    key: str  # the digest (the database's id), never the cookie's value
    account: Account
    csrf: str
    tahap: str  # "masuk" (signed in) | "kode" (the second factor still to give)

    @property
    def signed_in(self) -> bool:
        return self.tahap == "masuk"

    def csrf_ok(self, given: str) -> bool:
        return bool(given) and hmac.compare_digest(self.csrf, given)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class Sessions:
    def __init__(self, engine: Engine, accounts: Accounts, idle: timedelta = IDLE) -> None:
        self.engine = engine
        self.accounts = accounts
        self.idle = idle

    def start(self, account: Account, alamat: str, tahap: str = "masuk") -> str:
        """A new session; the cookie's value (returned) is known only to the browser."""
        value = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with store.transaction(self.engine) as conn:
            conn.execute(sa.delete(store.sesi).where(store.sesi.c.terakhir < now - self.idle))
            conn.execute(
                store.sesi.insert().values(
                    id=_digest(value),
                    pengguna_id=account.id,
                    csrf=secrets.token_urlsafe(32),
                    tahap=tahap,
                    dibuat=now,
                    terakhir=now,
                    alamat=alamat[:64],
                )
            )
        return value

    def get(self, value: str | None, now: datetime | None = None) -> Session | None:
        """The live session of a cookie's value; an idle one past its timeout is ended."""
        if not value or len(value) > 100:
            return None
        key = _digest(value)
        now = now or datetime.now(UTC)
        with self.engine.connect() as conn:
            row = store.one(conn, sa.select(store.sesi).where(store.sesi.c.id == key))
        if row is None:
            return None
        last = _aware(row["terakhir"])
        if now - last > self.idle:
            self.end_key(key)
            return None
        account = self.accounts.by_id(row["pengguna_id"])
        if account is None or not account.aktif:
            self.end_key(key)
            return None
        if now - last > TOUCH_EVERY:
            with store.transaction(self.engine) as conn:
                conn.execute(
                    sa.update(store.sesi).where(store.sesi.c.id == key).values(terakhir=now)
                )
        return Session(key, account, row["csrf"], row["tahap"])

    def promote(self, session: Session) -> None:
        """The second factor was given: the session is signed in."""
        with store.transaction(self.engine) as conn:
            conn.execute(
                sa.update(store.sesi).where(store.sesi.c.id == session.key).values(tahap="masuk")
            )

    def end_key(self, key: str) -> None:
        with store.transaction(self.engine) as conn:
            conn.execute(sa.delete(store.sesi).where(store.sesi.c.id == key))
