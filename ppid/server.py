"""Serve a built site on one port, with the request relay when it is installed."""

from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

log = logging.getLogger("ppid.serve")


def site_app(site_dir: Path) -> Starlette:
    """The built site as an ASGI app (index.html for folders, 404.html for the rest)."""
    return Starlette(routes=[Mount("/", app=StaticFiles(directory=site_dir, html=True))])


class ServeError(Exception):
    """The relay cannot start with this configuration; the message names the variable."""


def relay_settings() -> Any:
    """The relay's settings from PPID_*, checked (forms.http.app.prepare); None when the relay is
    not installed; ServeError naming the variable when they are unusable."""
    try:
        relay = importlib.import_module("forms.http.app")
        settings_module = importlib.import_module("forms.settings")
    except ImportError:
        return None
    try:
        settings = settings_module.Settings.from_env()
        relay.prepare(settings)
    except settings_module.SettingsError as exc:
        raise ServeError(str(exc)) from None
    return settings


def app_for(site_dir: Path, settings: Any = None) -> Starlette:
    """The relay with the site behind it, or the site alone when the relay is not installed."""
    if settings is None:
        settings = relay_settings()
    if settings is None:
        return site_app(site_dir)
    app: Starlette = importlib.import_module("forms.http.app").create_app(settings, site_dir=site_dir)
    return app


class RegisterWatcher:
    """Rebuild the site when the relay's records change, so the register stays current.

    Checks every `interval` seconds (20: the register is at most about half a minute old)
    and rebuilds only when the records' fingerprint moved; a failed rebuild keeps the site.
    """

    def __init__(self, config_file: Path, site_dir: Path, pratinjau: bool,
                 interval: float = 20.0) -> None:
        from site_builder.site import register_source
        from site_builder.site.config import read_site_config

        self.config_file, self.site_dir, self.pratinjau = config_file, site_dir, pratinjau
        cfg = read_site_config(config_file)
        self.source, self.base = cfg.register, cfg.base_dir
        self.interval = interval
        self.seen = register_source.version(self.source, self.base)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="ppid-register", daemon=True)

    def check(self) -> bool:
        """Rebuild if the records changed since the last look; True when it rebuilt."""
        from site_builder.site import register_source
        from site_builder.site.recipe import BuildError, build_site

        now = register_source.version(self.source, self.base)
        if now is None or now == self.seen:
            return False
        try:
            build_site(self.config_file, self.site_dir, self.pratinjau)
        except BuildError as exc:
            log.error("register tidak diperbarui: %s", exc)
            return False
        self.seen = now
        log.info("register diperbarui")
        return True

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self.check()


def serve_site(site_dir: Path, host: str, port: int, config_file: Path | None = None,
               pratinjau: bool = False, settings: Any = None) -> None:
    """Run the server until interrupted, refreshing the register when records change."""
    app = app_for(site_dir, settings)  # ServeError before anything starts
    watcher = None
    if config_file is not None:
        watcher = RegisterWatcher(config_file, site_dir, pratinjau)
        watcher.thread.start()
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        if watcher is not None:
            watcher.stop.set()
