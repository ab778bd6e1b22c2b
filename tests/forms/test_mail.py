"""Mail to a real SMTP server on loopback (aiosmtpd): the acknowledgement and the desk notice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from forms.settings import Settings, SettingsError, Smtp
from tests.mailbox import Inbox, smtp_server
from tests.support import PERMOHONAN, free_port, run_relay


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as server:
        yield server


def test_acknowledgement_and_desk_notice(inbox: Any, relay_settings: Settings) -> None:
    box, port = inbox
    smtp = Smtp(
        host="127.0.0.1", port=port, sender="ppid@contoh.kpu.go.id", desk="desk@contoh.kpu.go.id"
    )
    for live in run_relay(replace(relay_settings, smtp=smtp)):
        r = httpx.post(
            f"{live.url}/f/permohonan",
            json={**PERMOHONAN, "_cc": "kuasa@contoh.id"},  # _cc adds no recipient
            headers={"Accept": "application/json"},
        )
        body = r.json()
        box.wait(2)
    by_to = {m["To"]: m for m in box.messages}
    ack = by_to["budi@contoh.id"]
    assert ack["Subject"] == f"Tanda terima permohonan informasi {body['nomor']}"
    assert ack["Cc"] is None and "kuasa@contoh.id" not in box.recipients
    text = ack.get_payload(decode=True).decode()
    assert body["nomor"] in text and body["kode"] in text and "Tenggat jawaban" in text
    assert "Dokumen identitas belum kami terima" in text
    desk = by_to["desk@contoh.kpu.go.id"]
    assert body["nomor"] in desk["Subject"]
    notice = desk.get_payload(decode=True).decode()
    assert "3399011203850001" not in notice  # no NIK
    # the desk's link, at the site's configured address
    assert "Buka di meja layanan: https://ppid-contoh.example.org/meja/r/1" in notice


def test_mail_server_down_does_not_fail_the_request(relay_settings: Settings) -> None:
    smtp = Smtp(host="127.0.0.1", port=free_port(), desk="desk@contoh.kpu.go.id")  # nobody there
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


def _smtp(port: int) -> Smtp:
    return Smtp(
        host="127.0.0.1", port=port, sender="ppid@contoh.kpu.go.id", desk="desk@contoh.kpu.go.id"
    )


def test_cc_and_replyto_never_add_a_recipient(inbox: Any, relay_settings: Settings) -> None:
    box, port = inbox
    strangers = [f"orang{i}@tujuan.example" for i in range(50)]
    for live in run_relay(replace(relay_settings, smtp=_smtp(port))):
        r = httpx.post(
            f"{live.url}/f/permohonan",
            json={
                **PERMOHONAN,
                "nama": "Beli obat murah di situs kami",
                "_cc": ", ".join(strangers),
                "_replyto": "korban@tujuan.example",
            },
            headers={"Accept": "application/json"},
        )
        assert r.status_code == 200
        box.wait(2)
    assert sorted(box.recipients) == ["budi@contoh.id", "desk@contoh.kpu.go.id"]
    assert all(m["Cc"] is None for m in box.messages)


def test_desk_is_told_even_when_the_requester_address_is_refused(
    inbox: Any, relay_settings: Settings
) -> None:
    box, port = inbox
    box.refuse.add("budi@contoh.id")
    for live in run_relay(replace(relay_settings, smtp=_smtp(port))):
        r = httpx.post(
            f"{live.url}/f/permohonan", json=PERMOHONAN, headers={"Accept": "application/json"}
        )
        assert r.status_code == 200
        box.wait(1)
    assert box.recipients == ["desk@contoh.kpu.go.id"]


def test_status_link_is_the_configured_site_not_the_host_header(
    inbox: Any, relay_settings: Settings
) -> None:
    box, port = inbox
    settings = replace(relay_settings, smtp=_smtp(port), site_url="https://ppid.contoh.go.id")
    for live in run_relay(settings):
        httpx.post(
            f"{live.url}/f/permohonan",
            json=PERMOHONAN,
            headers={"Accept": "application/json", "Host": "penipu.example"},
        )
        box.wait(2)
    ack = next(m for m in box.messages if m["To"] == "budi@contoh.id")
    text = ack.get_payload(decode=True).decode()
    assert "https://ppid.contoh.go.id/status" in text and "penipu.example" not in text


@pytest.mark.parametrize(
    "address",
    [
        "a@[x.y",
        "budi@contoh.id\r\nBcc: x@y.z",
        "budi\u2028@contoh.id",
        "budi\x85@contoh.id",
        "=?utf-8?q?budi?=@contoh.id",
        "budi@contoh",
    ],
)
def test_an_address_that_cannot_be_mailed_is_refused_before_anything_is_stored(
    client: httpx.Client, relay: Any, address: str
) -> None:
    r = client.post(
        f"{relay.url}/f/permohonan",
        json={**PERMOHONAN, "email": address},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["email"]
    assert relay.count() == 0


def test_site_url_must_be_an_address() -> None:
    with pytest.raises(SettingsError, match="PPID_SITE_URL='ppid kantor' bukan alamat situs"):
        Settings.from_env({"PPID_SITE_URL": "ppid kantor"})
    assert Settings.from_env({"PPID_SITE_URL": "https://ppid.contoh.go.id/"}).public_url == (
        "https://ppid.contoh.go.id"
    )
    assert Settings.from_env({}).public_url == "http://127.0.0.1:8000"
