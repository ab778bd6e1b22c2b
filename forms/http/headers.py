"""Security headers on every answer of the relay, and on the site it serves.

The relay's own pages load nothing but their inline style (base.html, without a built site);
in the built site's shell (forms.http.shell) they carry the site's policy themselves, which
this middleware then keeps, but with the shell's inline scripts allowed by their hashes
rather than 'unsafe-inline' (shell_policy): those pages echo what a requester typed. The
built site (Material for MkDocs, Pagefind) runs its own scripts and WebAssembly from its own
origin and nothing from anywhere else. deploy/nginx-relay.conf sends
the same SITE policy for the static site (a test holds the two equal).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

RELAY_PATHS = ("/f/", "/terima-kasih", "/status", "/register.json")
RELAY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# The staff desk: its own stylesheet and nothing else; no inline code at all; documents
# shown in the page are images from the desk itself.
DESK_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def _site_policy(*inline_scripts: str) -> str:
    scripts = " ".join(("'self'", *inline_scripts, "'wasm-unsafe-eval'"))
    return (
        f"default-src 'self'; script-src {scripts}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "object-src 'none'"
    )


SITE_POLICY = _site_policy("'unsafe-inline'")


def shell_policy(script_hashes: tuple[str, ...]) -> str:
    """The site's policy for a relay page in the site's shell (forms.http.shell): the
    shell's own inline scripts (Material's) allowed by their hashes ("sha256-..."), no other
    inline script, since such a page may echo what a requester typed."""
    return _site_policy(*(f"'{h}'" for h in script_hashes))


COMMON = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def is_desk_path(path: str) -> bool:
    """Whether a path is the staff desk's (/meja and below)."""
    return path == "/meja" or path.startswith("/meja/")


def _encoded(policy: str) -> list[tuple[bytes, bytes]]:
    pairs = {**COMMON, "Content-Security-Policy": policy}
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in pairs.items()]


_RELAY = _encoded(RELAY_POLICY)
# what staff saw is never kept by a browser or a proxy (a shared computer, UU PDP)
_DESK = [*_encoded(DESK_POLICY), (b"cache-control", b"no-store")]
_SITE = _encoded(SITE_POLICY)


class SecurityHeaders:
    """Pure ASGI middleware: the headers are added as the answer starts (a few list
    appends on the hot path, no Response object rebuilt)."""

    def __init__(self, app: ASGIApp, site_policy: str = SITE_POLICY) -> None:
        self.app = app
        self.site = _encoded(site_policy)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path.startswith(RELAY_PATHS):
            extra = _RELAY
        elif is_desk_path(path):
            extra = _DESK
        else:
            extra = self.site

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def security_headers(path: str) -> dict[str, str]:
    """The headers an answer for `path` carries (for answers made outside the middleware)."""
    if is_desk_path(path):
        return {**COMMON, "Content-Security-Policy": DESK_POLICY, "Cache-Control": "no-store"}
    policy = RELAY_POLICY if path.startswith(RELAY_PATHS) else SITE_POLICY
    return {**COMMON, "Content-Security-Policy": policy}
