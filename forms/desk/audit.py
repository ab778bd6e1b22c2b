"""The audit log: every sign-in, desk action and document view, with who, when and from
which address. Record actions are also on the record's timeline; this log holds the rest
(and the address, which the timeline does not show)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from forms.store import tables as store
from site_builder.clock import OfficeClock

# What each kind of entry is called when the log is read.
TINDAKAN_LABEL = {
    "masuk": "Masuk",
    "masuk_gagal": "Gagal masuk",
    "masuk_ditahan": "Masuk ditahan (terlalu banyak percobaan)",
    "keluar": "Keluar",
    "kode_gagal": "Kode dua langkah salah",
    "tindakan": "Tindakan atas catatan",
    "tindakan_ditolak": "Tindakan ditolak",
    "dokumen_dilihat": "Dokumen identitas dibuka",
    "surat_dikirim": "Surat dikirim",
    "surat_gagal": "Surat gagal dikirim",
    "akses_ditolak": "Akses ditolak",
    "csrf_ditolak": "Formulir ditolak (token CSRF tidak sah)",
    "pengguna": "Pengelolaan akun",
    "unduh": "Unduhan",
    "daftar_baru": "Pencatatan di meja layanan",
    "draf": "Draf jawaban unit",
    "pantau": "Pemantauan kantor di bawahnya",
}


@dataclass(frozen=True)
class Entry:
    waktu: datetime
    pengguna: str
    alamat: str
    tindakan: str
    sasaran: str
    isi: dict[str, Any]


class AuditLog:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def write(
        self, pengguna: str, alamat: str, tindakan: str, sasaran: str = "", **isi: Any
    ) -> None:
        with store.transaction(self.engine) as conn:
            conn.execute(
                store.audit.insert().values(
                    waktu=datetime.now(UTC),
                    pengguna=pengguna[:60],
                    alamat=alamat[:64],
                    tindakan=tindakan,
                    sasaran=sasaran[:100],
                    isi=isi,
                )
            )

    def read(
        self,
        dari: date,
        sampai: date,
        clock: OfficeClock,
        newest_first: bool = False,
        offset: int = 0,
        limit: int | None = None,
        pengguna: Sequence[str] | None = None,
    ) -> Iterator[Entry]:
        """Entries from the first day to the last, both included, in the office's days
        (a page of them with `offset` and `limit`); only those of these accounts when
        `pengguna` is given (one office's, in a deployment of many)."""
        c = store.audit.c
        query = (
            sa.select(store.audit)
            .where(*_between(dari, sampai, clock), *_by(pengguna))
            .order_by(c.id.desc() if newest_first else c.id)
            .offset(offset)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                yield Entry(
                    clock.local(r["waktu"]),
                    r["pengguna"],
                    r["alamat"],
                    r["tindakan"],
                    r["sasaran"],
                    dict(r["isi"]),
                )

    def count(
        self,
        dari: date,
        sampai: date,
        clock: OfficeClock,
        pengguna: Sequence[str] | None = None,
    ) -> int:
        """How many entries the range holds (of these accounts, when given)."""
        query = sa.select(sa.func.count()).select_from(store.audit)
        where = (*_between(dari, sampai, clock), *_by(pengguna))
        with self.engine.connect() as conn:
            return int(conn.execute(query.where(*where)).scalar() or 0)


def _by(pengguna: Sequence[str] | None) -> tuple[Any, ...]:
    return () if pengguna is None else (store.audit.c.pengguna.in_(list(pengguna) or [""]),)


def _between(dari: date, sampai: date, clock: OfficeClock) -> tuple[Any, Any]:
    """The office's days from `dari` to `sampai`, both included, as UTC bounds."""
    start = datetime.combine(dari, time.min, clock.tz).astimezone(UTC)
    end = datetime.combine(sampai + timedelta(days=1), time.min, clock.tz).astimezone(UTC)
    return store.audit.c.waktu >= start, store.audit.c.waktu < end
