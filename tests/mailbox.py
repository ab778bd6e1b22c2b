"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the mail tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from tests.support import free_port


class Inbox:
    """Collects every message the server accepts, with its envelope's recipients; refuses
    the addresses in `refuse` as a real server refuses an unknown mailbox (550)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.recipients: list[str] = []
        self.refuse: set[str] = set()
        self.port = 0  # where smtp_server() listens

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        self.recipients += envelope.rcpt_tos
        return "250 OK"

    def wait(self, count: int) -> None:
        """Until `count` messages came (mail is sent after the answer), at most 5 seconds."""
        for _ in range(100):
            if len(self.messages) >= count:
                return
            time.sleep(0.05)

    def to(self, address: str) -> Message:
        """The one message to this address."""
        [found] = [m for m in self.messages if m["To"] == address]
        return found

    def body(self, address: str) -> str:
        """The text of the one mail to this address, as the person reads it."""
        payload = self.to(address).get_payload(decode=True)
        assert isinstance(payload, bytes)
        return payload.decode("utf-8").replace("\r\n", "\n")


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A running SMTP server: its inbox and its port."""
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    try:
        yield box, controller.port
    finally:
        controller.stop()
