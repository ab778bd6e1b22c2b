"""Every desk page, gathered for the Mount at /meja (one module per area in pages/)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from forms.desk.pages import (
    akun,
    baru,
    catatan,
    daftar,
    draf,
    laporan,
    masuk,
    pantau,
    pengguna,
    surat,
)


def routes() -> list[BaseRoute]:
    return [
        *masuk.ROUTES,
        *daftar.ROUTES,
        *catatan.ROUTES,
        *surat.ROUTES,
        *laporan.ROUTES,
        *baru.ROUTES,
        *draf.ROUTES,
        *pengguna.ROUTES,
        *akun.ROUTES,
        *pantau.ROUTES,
    ]
