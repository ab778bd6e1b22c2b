"""Serve a built site on one port, with the request relay when it is installed."""

from __future__ import annotations

import importlib
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles


def site_app(site_dir: Path) -> Starlette:
    """The built site as an ASGI app (index.html for folders, 404.html for the rest)."""
    return Starlette(routes=[Mount("/", app=StaticFiles(directory=site_dir, html=True))])


def app_for(site_dir: Path) -> Starlette:
    """The relay with the site behind it, or the site alone when the relay is not installed."""
    try:
        relay = importlib.import_module("forms.app")
    except ImportError:
        return site_app(site_dir)
    app: Starlette = relay.create_app(site_dir=site_dir)
    return app


def serve_site(site_dir: Path, host: str, port: int) -> None:
    """Run the server until interrupted."""
    uvicorn.run(app_for(site_dir), host=host, port=port, log_level="info")
