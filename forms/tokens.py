"""Signed tokens for the thank-you page: what the requester was told, tamper-proof, in a URL.

The writer process signs a token for each submission it commits (forms.store.writer), the relay
reads it back when the thank-you page is asked for (forms.http.app): both with the relay's secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any


class Signer:
    """Signs and checks the thank-you page's tokens with one secret."""

    def __init__(self, secret: str) -> None:
        self._mac = hmac.new(secret.encode(), digestmod=hashlib.sha256)  # copied per use

    def sign(self, payload: dict[str, Any]) -> str:
        """A tamper-proof token carrying the payload.

        Only URL-safe base64, "." and hex digits: it goes into a URL as it is."""
        raw = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=")
        return f"{raw.decode()}.{self._hmac(raw)}"

    def _hmac(self, raw: bytes) -> str:
        mac = self._mac.copy()  # a copy of the keyed state: no key set-up per token
        mac.update(raw)
        return mac.hexdigest()[:32]

    def unsign(self, token: str) -> dict[str, Any] | None:
        """The payload of a token signed with this secret, or None."""
        if not token.isascii():  # what no signer makes (and compare_digest refuses)
            return None
        raw, _, mac = token.partition(".")
        if not hmac.compare_digest(mac, self._hmac(raw.encode())):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
