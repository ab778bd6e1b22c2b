"""Site search with Pagefind: a chunked index, so a phone downloads only what a query needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


def index_site(site_dir: Path) -> None:
    """Write the Pagefind bundle into `site_dir/pagefind/`."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
           "--force-language", "id"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(
            "indeks pencarian (Pagefind) gagal dibuat: "
            + (done.stderr.strip() or done.stdout.strip() or f"kode keluar {done.returncode}")
        )
