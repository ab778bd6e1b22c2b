"""The one-port server: the built site behind the relay, and a register kept current."""

from __future__ import annotations

import functools
import logging
import secrets
import threading
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from forms.desk.accounts import DEMO
from forms.desk.web import Desk
from forms.http.app import create_app
from forms.settings import Settings
from forms.startup import prepare
from ppid import register_file
from site_builder.engine.config import read_site_config
from site_builder.engine.mesin import build_site
from site_builder.errors import PPIDError

log = logging.getLogger("ppid.serve")


def site_app(site_dir: Path) -> Starlette:
    """The built site as an ASGI app (index.html for folders, 404.html for the rest)."""
    return Starlette(routes=[Mount("/", app=StaticFiles(directory=site_dir, html=True))])


def relay_settings() -> Settings:
    """The relay's settings from PPID_*, checked (forms.startup.prepare) before a minute of
    build: SettingsError naming the variable when they are unusable."""
    settings = Settings.from_env()
    prepare(settings)
    return settings


def app_for(site_dir: Path, settings: Settings | None = None, demo_url: str = "") -> Starlette:
    """The relay and the desk with the built site behind them, on one port; with the
    desk's demonstration account (its password printed with `demo_url`) when one is given."""
    on_desk = functools.partial(demo_account, url=demo_url) if demo_url else None
    return create_app(settings or relay_settings(), site_dir=site_dir, on_desk=on_desk)


def demo_account(desk: Desk, url: str) -> None:
    """`ppid serve`: the demonstration account, a new password at each start, printed."""
    password = secrets.token_urlsafe(9)
    units = [slug for slug, _ in desk.units()[:1]]
    try:
        desk.accounts.ensure_demo(password, units)
    except PPIDError as exc:
        log.warning("akun contoh tidak dibuat: %s", exc)
        return
    print(
        f"\nMeja layanan (staf): {url}\n"
        f"  AKUN CONTOH untuk demonstrasi saja: nama pengguna '{DEMO}', kata sandi '{password}'\n"
        "  (semua peran; kata sandi baru setiap kali 'ppid serve' dimulai; 'ppid relay' di\n"
        "  produksi menonaktifkan akun contoh. Buat akun sungguhan: ppid pengguna tambah)\n",
        flush=True,
    )


class RegisterWatcher:
    """Rebuild the site when the relay's records change, so the register stays current.

    Checks every `interval` seconds (20: the register is at most about half a minute old)
    and rebuilds only when the records' fingerprint moved; a failed rebuild keeps the site.
    """

    def __init__(
        self,
        config_file: Path,
        site_dir: Path,
        pratinjau: bool,
        interval: float = 20.0,
        mesin: str | None = None,
        kantor: str = "",
    ) -> None:
        self.config_file, self.site_dir, self.pratinjau = config_file, site_dir, pratinjau
        self.mesin = mesin  # the engine of the first build, for every rebuild
        self.kantor = kantor  # the office whose site it is (one of many), its register only
        cfg = read_site_config(config_file)
        self.source, self.base = cfg.register, cfg.base_dir
        self.interval = interval
        self.seen = register_file.fingerprint(self.source, self.base)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="ppid-register", daemon=True)

    def check(self) -> bool:
        """Rebuild if the records changed since the last look; True when it rebuilt."""
        now = register_file.fingerprint(self.source, self.base)
        if now is None or now == self.seen:
            return False
        try:
            source = register_file.prepare(self.source, self.base, self.kantor)
            build_site(
                self.config_file,
                self.site_dir,
                self.pratinjau,
                register=source,
                mesin=self.mesin,
                kantor=self.kantor,
            )
        except PPIDError as exc:
            log.error("register tidak diperbarui: %s", exc)
            return False
        self.seen = now
        log.info("register diperbarui")
        return True

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self.check()


def serve_site(
    site_dir: Path,
    host: str,
    port: int,
    config_file: Path | None = None,
    pratinjau: bool = False,
    settings: Settings | None = None,
    mesin: str | None = None,
    kantor: str = "",
) -> None:
    """Run the server until interrupted, refreshing the register when records change; the
    relay serves every office of the deployment, the site is the office `kantor`'s."""
    # SettingsError before anything starts
    app = app_for(site_dir, settings, demo_url=f"http://{host}:{port}/meja/")
    watcher = None
    if config_file is not None:
        watcher = RegisterWatcher(config_file, site_dir, pratinjau, mesin=mesin, kantor=kantor)
        watcher.thread.start()
    try:
        # no proxy in front of the embedded server: X-Forwarded-For is not believed
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
    finally:
        if watcher is not None:
            watcher.stop.set()
