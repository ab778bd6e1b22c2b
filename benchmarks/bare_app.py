"""A Starlette endpoint that does nothing: the ceiling the relay's throughput is compared with."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def accept(request: Request) -> JSONResponse:
    """Answer like a successful submission, without reading, checking or storing anything."""
    return JSONResponse({"ok": True, "next": "/terima-kasih"})


app = Starlette(routes=[Route("/f/{form_id}", accept, methods=["POST"])])
