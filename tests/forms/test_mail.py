"""Mail to a real SMTP server on loopback (aiosmtpd): the acknowledgement and the desk notice."""

from __future__ import annotations

import socket
import time
from dataclasses import replace
from email import message_from_bytes
from email.message import Message
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from forms.settings import Settings, Smtp
from tests.support import PERMOHONAN, run_relay


class Inbox:
    """Collects every message the server receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def inbox() -> Any:
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=_port())
    controller.start()
    yield box, controller.port
    controller.stop()


def test_acknowledgement_and_desk_notice(inbox: Any, relay_settings: Settings) -> None:
    box, port = inbox
    smtp = Smtp(
        host="127.0.0.1", port=port, sender="ppid@contoh.kpu.go.id", desk="desk@contoh.kpu.go.id"
    )
    for live in run_relay(replace(relay_settings, smtp=smtp)):
        r = httpx.post(
            f"{live.url}/f/permohonan",
            json={**PERMOHONAN, "_cc": "kuasa@contoh.id"},
            headers={"Accept": "application/json"},
        )
        body = r.json()
        for _ in range(100):
            if len(box.messages) >= 2:
                break
            time.sleep(0.05)
    by_to = {m["To"]: m for m in box.messages}
    ack = by_to["budi@contoh.id"]
    assert ack["Subject"] == f"Tanda terima permohonan informasi {body['nomor']}"
    assert ack["Cc"] == "kuasa@contoh.id"
    text = ack.get_payload(decode=True).decode()
    assert body["nomor"] in text and body["kode"] in text and "Tenggat jawaban" in text
    assert "Dokumen identitas belum kami terima" in text
    desk = by_to["desk@contoh.kpu.go.id"]
    assert body["nomor"] in desk["Subject"]
    assert "3399011203850001" not in desk.get_payload(decode=True).decode()  # no NIK


def test_mail_server_down_does_not_fail_the_request(relay_settings: Settings) -> None:
    smtp = Smtp(host="127.0.0.1", port=_port(), desk="desk@contoh.kpu.go.id")  # nobody there
    for live in run_relay(replace(relay_settings, smtp=smtp)):
        r = httpx.post(
            f"{live.url}/f/permohonan", json=PERMOHONAN, headers={"Accept": "application/json"}
        )
        assert r.status_code == 200 and r.json()["ok"]
        assert live.count() == 1


def test_smtp_from_environment() -> None:
    settings = Settings.from_env(
        {
            "PPID_SMTP_HOST": "mail.contoh.id",
            "PPID_SMTP_PORT": "587",
            "PPID_SMTP_STARTTLS": "1",
            "PPID_DESK_EMAIL": "d@contoh.id",
        }
    )
    assert settings.smtp == Smtp(host="mail.contoh.id", port=587, starttls=True, desk="d@contoh.id")
    assert Settings.from_env({}).smtp is None
