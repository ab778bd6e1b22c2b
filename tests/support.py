"""Helpers the tests share: the test data folders, a fixed day, a real relay on loopback
(uvicorn in a thread, a real database, a real upload folder)."""

from __future__ import annotations

import contextlib
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
import uvicorn
from starlette.applications import Starlette

from forms.http.app import create_app
from forms.settings import Settings
from forms.store import tables as store
from tests.postgres import hold_write_lock

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TODAY = date(2026, 11, 22)


def _scan_pdf() -> bytes:
    """A real one-page PDF, as a scanner writes one (uploads are parsed, not only sniffed)."""
    import io

    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _scan_image(kind: str) -> bytes:
    """A real small image (Pillow decodes every accepted upload)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 180, 160)).save(out, kind)
    return out.getvalue()


SCAN_PDF = _scan_pdf()
SCAN_PNG = _scan_image("PNG")
SCAN_JPEG = _scan_image("JPEG")

# A complete, valid request form as a requester fills it in.
PERMOHONAN: dict[str, Any] = {
    "jenis_pemohon": "perorangan",
    "nama": "Budi Santoso",
    "nik": "3399011203850001",
    "alamat": "Jl. Melati 5, Kabupaten Contoh",
    "pekerjaan": "Wartawan",
    "telepon": "0812-3456-7890",
    "email": "budi@contoh.id",
    "rincian_informasi": "Salinan DIPA 2026 dan realisasi anggaran semester I",
    "tujuan_penggunaan": "Bahan liputan anggaran pemilu",
    "cara_memperoleh": "salinan_softcopy",
    "cara_salinan": "email",
    "persetujuan": "ya",
}


@dataclass
class LiveRelay:
    """The running relay and what it writes."""

    url: str
    settings: Settings
    app: Starlette

    def writer_pid(self) -> int | None:
        """The relay's writer process."""
        pid: int | None = self.app.state.relay.writer.pid
        return pid

    def count(self, table: str = "records") -> int:
        """Rows in a table of the relay's database."""
        engine = sa.create_engine(self.settings.database_url)
        try:
            with engine.connect() as conn:
                return int(
                    conn.execute(
                        sa.select(sa.func.count()).select_from(store.metadata.tables[table])
                    ).scalar_one()
                )
        finally:
            engine.dispose()

    def uploads(self) -> list[Path]:
        """Files in the upload folder."""
        folder = self.settings.upload_dir
        return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


@contextlib.contextmanager
def another_writer(url: str) -> Iterator[None]:
    """Another writer (a staff command, say) in the middle of its transaction until the
    block ends: on SQLite the whole file (BEGIN IMMEDIATE), on PostgreSQL the counters
    every filing takes its number from."""
    if not url.startswith("sqlite"):
        with hold_write_lock(url, "counters"):
            yield
        return
    other = sqlite3.connect(
        url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False
    )
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


def csrf_of(html: str) -> str:
    """The double-submit token of a desk form."""
    found = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: httpx.Client, username: str, password: str) -> httpx.Response:
    """Sign in at /meja/masuk as a browser does (the form's token, then the POST); the
    answer, a 303 when the desk took the password."""
    form = client.get("/meja/masuk")
    return client.post(
        "/meja/masuk",
        data={"_csrf": csrf_of(form.text), "nama_pengguna": username, "kata_sandi": password},
    )


def free_port() -> int:
    """A loopback port nobody listens on (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_relay(settings: Settings, site_dir: Path | None = None) -> Iterator[LiveRelay]:
    """Start the relay, yield it, stop it."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    settings = replace(settings, allowed_origins=(*settings.allowed_origins, origin))
    app = create_app(settings, site_dir)
    for _url in serve_app(app, port, settings):
        yield LiveRelay(origin, settings, app)


def serve_app(
    app: Starlette, port: int | None = None, settings: Settings | None = None
) -> Iterator[str]:
    """Run an app with uvicorn on a loopback port (a free one by default), yield its base
    URL, stop it. With `settings`, proxy headers exactly as `ppid relay` runs uvicorn."""
    port = port or free_port()
    proxies = {}
    if settings is not None:  # ppid/cli/relay.py
        proxies = {
            "proxy_headers": settings.trust_proxy,
            "forwarded_allow_ips": list(settings.trusted_proxies),
        }
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", **proxies)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(1200):  # 30 s: a relay migrates its database first (a busy machine)
        if server.started or not thread.is_alive():
            break
        time.sleep(0.025)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# --- reading an official document's PDF back -------------------------------------------------


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, whitespace made single spaces."""
    import io

    import pypdf

    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def check_signed_document(doc: Any, data: bytes) -> list[str]:
    """Read a letter's or report's PDF back as a reader would see it: the letterhead's logo
    on the first page (when it has a letterhead); the signatory's name on one page only,
    with their NIP (when given) and the end of the closing paragraph on that same page (the
    signature never stands alone). The pages' text, for the caller's own checks."""
    import io

    import pypdf

    from site_builder import dokumen

    blocks = doc.blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, dokumen.Signature))
    signature, closing = blocks[at], blocks[at - 1]
    assert isinstance(closing, dokumen.Para), "the block before the signature is a paragraph"
    kop = blocks[0]  # a letter's letterhead (a report opens with its title instead)
    reader = pypdf.PdfReader(io.BytesIO(data))
    if isinstance(kop, dokumen.Kop) and kop.logo is not None:
        from PIL import Image

        with Image.open(kop.logo) as logo:
            size = logo.size
        assert [(i.image.width, i.image.height) for i in reader.pages[0].images] == [size]
    pages = pdf_pages(data)
    signed = [n for n, text in enumerate(pages) if signature.nama in text]
    assert len(signed) == 1, f"the signatory's name on pages {signed}"
    page = pages[signed[0]]
    if signature.nip:
        assert f"{signature.nama} NIP {signature.nip}" in page
    words = dokumen.BOLD.sub(r"\1", closing.text).replace(dokumen.STAR, "*").split()
    tail = " ".join(words[-3:])
    assert tail in page, f"page {signed[0] + 1} has the signature without '{tail}'"
    return pages
