"""`ppid relay`: the form relay alone, for production behind a reverse proxy."""

from __future__ import annotations

import os

import click
from starlette.requests import Request

from forms import seed
from forms.desk.web import Desk
from forms.settings import Settings
from ppid.cli.bahasa import Command


def _no_demo(desk: Desk) -> None:
    """Production has no demonstration account: any left from `ppid serve` is disabled.
    It never makes demonstration records either, and says so when some are left."""
    removed = desk.accounts.remove_demo()
    if removed:
        click.echo(f"akun contoh meja layanan dinonaktifkan ({removed})", err=True)
    left = seed.count(desk.tracker)
    if left:
        click.echo(
            f"peringatan: basis data berisi {left} catatan contoh (demonstrasi); "
            "hapus dengan 'ppid permohonan contoh --hapus'",
            err=True,
        )


@click.command("relay", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat yang didengar.")
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Porta yang didengar.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    envvar="PPID_WORKERS",
    type=click.IntRange(1, 64),
    help="Jumlah proses pekerja (masing-masing dengan penulis catatannya); untuk lebih "
    "dari satu pakai PostgreSQL.",
)
def relay(host: str, port: int, workers: int) -> None:
    """Jalankan relay formulir saja (produksi, di belakang reverse proxy).

    Konfigurasi lewat variabel lingkungan PPID_* (lihat README), misalnya
    PPID_DATABASE_URL=sqlite:////var/lib/ppid/ppid.sqlite3.

    Dengan --workers N, N proses pekerja menerima permintaan bersama-sama; nomor
    pendaftaran tetap urut tanpa celah dan batas kiriman per alamat dihitung di basis
    data untuk semua pekerja. PostgreSQL adalah basis data untuk beberapa pekerja; SQLite
    tetap benar (penulisan bergiliran) tetapi tidak lebih cepat.

    Contoh: ppid relay --workers 2
    """
    import uvicorn

    from forms.startup import office_rules, open_records

    settings = Settings.from_env()
    # Checked, migrated and cleaned once, here, before any worker starts: a wrong setting
    # is one line and exit 1, and the workers never race on the schema.
    tracker = open_records(settings)
    try:
        _no_demo(Desk(settings, tracker, office_rules(settings.office_file).nama, _nobody))
    finally:
        tracker.engine.dispose()
    # each worker reads the same settings from the environment (create_app()), and knows
    # whether it shares the rate limits with others
    os.environ["PPID_WORKERS"] = str(workers)
    uvicorn.run(
        "forms.http.app:create_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=settings.trust_proxy,
        forwarded_allow_ips=list(settings.trusted_proxies),
    )


def _nobody(_request: Request) -> str:
    return "-"  # the parent's desk serves no request
