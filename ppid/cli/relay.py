"""`ppid relay`: the form relay alone, for production behind a reverse proxy."""

from __future__ import annotations

import click

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
def relay(host: str, port: int) -> None:
    """Jalankan relay formulir saja (produksi, di belakang reverse proxy).

    Konfigurasi lewat variabel lingkungan PPID_* (lihat README), misalnya
    PPID_DATABASE_URL=sqlite:////var/lib/ppid/ppid.sqlite3.

    Contoh: ppid relay --host 127.0.0.1 --port 8001
    """
    import uvicorn

    from forms.http.app import create_app
    from forms.startup import prepare

    settings = Settings.from_env()
    prepare(settings)
    uvicorn.run(
        create_app(settings, on_desk=_no_demo),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=settings.trust_proxy,
        forwarded_allow_ips=list(settings.trusted_proxies),
    )
