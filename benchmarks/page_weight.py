"""Page weight: bytes and requests a first visit transfers, per page type, in a real browser.

Builds the site with N synthetic entries (500 by default), serves it on loopback, and opens
each page type in a fresh Chromium context (empty cache). For every response it counts the
bytes as served here (uncompressed) and gzip-compressed, as a web server with compression
sends them. Target (issue 6): the DIP table page at 500 entries under 300 KB compressed.

Usage: python benchmarks/page_weight.py [N]
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import uvicorn  # noqa: E402
from build_bench import make_dip  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from ppid.server import site_app  # noqa: E402

PAGES = {
    "beranda": "/",
    "dip (tabel)": "/dip/",
    "kategori": "/dip/kategori/berkala/",
    "unit": "/dip/unit/hukum-sdm/",
    "entri": "/informasi/entri-00001/",
    "dikecualikan": "/dip/dikecualikan/",
    "permohonan": "/layanan/permohonan/",
    "cari (pertama)": "/cari/?q=anggaran",
}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def main(n: int = 500) -> None:
    """Build, serve, visit, print."""
    with tempfile.TemporaryDirectory(prefix="ppid-weight-") as tmp:
        root = Path(tmp)
        (root / "dip").mkdir()
        make_dip(root, n)
        shutil.copytree(ROOT / "docs", root / "docs")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        subprocess.run(
            [sys.executable, "-m", "ppid", "build"], cwd=root, check=True, capture_output=True
        )
        server = uvicorn.Server(
            uvicorn.Config(site_app(root / "site"), host="127.0.0.1", port=0, log_level="error")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, path in PAGES.items():
                context = browser.new_context()
                page = context.new_page()
                seen: list[tuple[int, int]] = []

                def record(response, seen=seen):  # type: ignore[no-untyped-def]
                    body = response.body() if response.status == 200 else b""
                    seen.append((len(body), len(gzip.compress(body, 6))))

                page.on("response", record)
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.wait_for_load_state("networkidle")
                if path.startswith("/cari/"):
                    page.wait_for_selector(".pagefind-ui__result", timeout=15000)
                    page.wait_for_load_state("networkidle")
                rows.append((name, len(seen), sum(r for r, _ in seen), sum(g for _, g in seen)))
                # counted: a response still arriving must not read a body of a closed page
                page.remove_listener("response", record)
                context.close()
            browser.close()
        server.should_exit = True
        thread.join(timeout=5)
    print(f"Berat kunjungan pertama, {n} entri")
    print(f"{'halaman':<16} {'permintaan':>10} {'tanpa kompresi':>15} {'gzip':>10}")
    for name, count, raw, gz in rows:
        print(f"{name:<16} {count:>10} {raw / 1024:>12.0f} KB {gz / 1024:>7.0f} KB")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
