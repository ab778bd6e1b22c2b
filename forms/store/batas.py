"""Rate limits held in the database, shared by every worker process of the relay.

With `ppid relay --workers N` a client's requests land on any of N processes, so a count
kept in one process's memory (`forms.intake.submission.RateLimiter`) would let N times the
limit through. `SharedRateLimiter` counts in the `batas` table instead: one row per kind
(kiriman, status), client and minute, bumped by one statement
(`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, which locks the row until it commits,
so two workers never both take the last place) that also reads the previous minute's
count. The two are weighed into a sliding minute: the previous minute's count times the
part of it still inside the last 60 seconds, plus this minute's. A refused request is
taken back off the count, as the in-memory limiter never counts one.

The client is stored as an HMAC of its address under the relay's secret, never the address.
Rows older than the previous minute are deleted by each process once a minute. The counts
are committed without waiting for the disk (`make_engine(durable=False)`): nothing a
requester was promised depends on them. A database that does not answer is a 503 with
Retry-After, as for a submission that cannot be stored.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from forms.intake.submission import Rejected
from forms.store import tables as store

STORAGE_DOWN = (
    "Kiriman Anda belum dapat dicatat karena gangguan penyimpanan; silakan "
    "kirim ulang beberapa saat lagi"
)


def _bump(dialect: str) -> Any:
    b = store.batas
    before = b.alias("sebelumnya")
    previous = (
        sa.select(before.c.jumlah)
        .where(
            before.c.jenis == sa.bindparam("j"),
            before.c.kunci == sa.bindparam("k"),
            before.c.jendela == sa.bindparam("w") - 1,
        )
        .scalar_subquery()
    )
    return (
        store.upsert(b, dialect)
        .values(jenis=sa.bindparam("j"), kunci=sa.bindparam("k"), jendela=sa.bindparam("w"))
        .values(jumlah=1)
        .on_conflict_do_update(
            index_elements=[b.c.jenis, b.c.kunci, b.c.jendela], set_={"jumlah": b.c.jumlah + 1}
        )
        .returning(b.c.jumlah, previous)
    )


_UNDO = (
    sa.update(store.batas)
    .where(
        store.batas.c.jenis == sa.bindparam("j"),
        store.batas.c.kunci == sa.bindparam("k"),
        store.batas.c.jendela == sa.bindparam("w"),
    )
    .values(jumlah=store.batas.c.jumlah - 1)
)
_CLEAN = sa.delete(store.batas).where(store.batas.c.jendela < sa.bindparam("w") - 1)


def wait_seconds(per_minute: int, previous: int, current: int, elapsed: float) -> int:
    """Whole seconds until one more request fits the sliding minute, given the previous
    minute's count, this minute's (the refused request not counted) and the seconds gone
    of this minute."""
    if current + 1 <= per_minute and previous > 0:
        # previous * (1 - f) + current + 1 <= per_minute, f the part of this minute gone
        fits_at = (1 - (per_minute - current - 1) / previous) * 60
        wait = fits_at - elapsed
    else:  # only in the next minute: current * (1 - g) + 1 <= per_minute
        wait = (60 - elapsed) + max(0.0, 1 - (per_minute - 1) / max(current, 1)) * 60
    return max(1, math.ceil(wait))


class SharedRateLimiter:
    """Requests per client address per minute, counted in the database (see the module)."""

    def __init__(self, engine: Engine, secret: str, per_minute: int, what: str = "kiriman") -> None:
        self.per_minute = per_minute
        self.what = what
        self.jenis = "status" if what != "kiriman" else "kiriman"
        dialect = engine.dialect.name
        # one round trip per request on PostgreSQL: the statement commits by itself
        self.engine = (
            engine.execution_options(isolation_level="AUTOCOMMIT")
            if dialect == "postgresql"
            else engine
        )
        self._bump = _bump(dialect)
        self._key = hmac.new(secret.encode(), digestmod=hashlib.sha256)
        self._cleaned = 0

    def _client_key(self, client: str) -> str:
        mac = self._key.copy()
        mac.update(client.encode("utf-8", "surrogatepass"))
        return mac.hexdigest()

    def check(self, client: str, now: float | None = None) -> None:
        """Count one request, or refuse with 429 and how long to wait (503 when the
        database does not answer)."""
        if self.per_minute <= 0:
            return
        now = time.time() if now is None else now
        window = int(now // 60)
        elapsed = now - window * 60
        params = {"j": self.jenis, "k": self._client_key(client), "w": window}
        try:
            with self.engine.begin() as conn:
                current, previous = conn.execute(self._bump, params).one()
                previous = int(previous or 0)
                estimate = previous * (60 - elapsed) / 60 + int(current)
                refused = estimate > self.per_minute
                if refused:
                    conn.execute(_UNDO, params)
            if window != self._cleaned:
                with self.engine.begin() as conn:
                    conn.execute(_CLEAN, {"w": window})
                self._cleaned = window
        except sa.exc.SQLAlchemyError:
            raise Rejected(503, STORAGE_DOWN, retry_after=5) from None
        if refused:
            wait = wait_seconds(self.per_minute, previous, int(current) - 1, elapsed)
            raise Rejected(
                429,
                f"Terlalu banyak {self.what} dari alamat Anda; coba lagi dalam {wait} detik",
                "BLOCKED",
                retry_after=wait,
            )
