"""Signed tokens for the thank-you page: what the requester was told, tamper-proof, in a URL.

The writer process signs a token for each submission it commits (forms.store.writer), the
relay reads it back when the thank-you page is asked for (forms.http.app): both with the
relay's secret. itsdangerous' timed serializer signs them (HMAC over the payload and its
time), so a token read after `MAX_AGE` is known as expired and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

MAX_AGE = 30 * 24 * 3600  # a month: long enough to come back to, not a permanent link
_SALT = "ppid-terima-kasih"


@dataclass(frozen=True)
class Read:
    """What a token said: its payload, or None; `expired` when it was ours but too old."""

    payload: dict[str, Any] | None
    expired: bool = False


class Signer:
    """Signs and checks the thank-you page's tokens with one secret."""

    def __init__(self, secret: str, max_age: int = MAX_AGE) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt=_SALT)
        self.max_age = max_age

    def sign(self, payload: dict[str, Any]) -> str:
        """A tamper-proof token carrying the payload: URL-safe as it is."""
        return str(self._serializer.dumps(payload))

    def read(self, token: str) -> Read:
        """The payload of a token signed with this secret and not older than max_age."""
        if not token.isascii():  # no signer makes one
            return Read(None)
        try:
            data = self._serializer.loads(token, max_age=self.max_age)
        except SignatureExpired:
            return Read(None, expired=True)
        except (BadSignature, ValueError, TypeError):
            return Read(None)
        return Read(data if isinstance(data, dict) else None)

    def unsign(self, token: str) -> dict[str, Any] | None:
        """The payload of a valid, unexpired token, or None."""
        return self.read(token).payload
