"""Site search with Pagefind: a chunked index, so a phone downloads only what a query needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


def _binary() -> list[str]:
    # The binary shipped in pagefind_bin, run directly: `python -m pagefind` costs another
    # interpreter start (~0.1 s, a third of a small site's whole indexing).
    try:
        import pagefind_bin

        binary = Path(pagefind_bin.__file__).parent / "pagefind"
        if binary.is_file():
            return [str(binary)]
    except ImportError:
        pass
    return [sys.executable, "-m", "pagefind"]


def index_site(site_dir: Path) -> None:
    """Write the Pagefind bundle into `site_dir/pagefind/`."""
    cmd = [*_binary(), "--site", str(site_dir), "--silent", "--force-language", "id",
           # heading anchors (¶) and edit/source lines are not content
           "--exclude-selectors", ".headerlink, .ppid-source, .ppid-actions"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(
            "indeks pencarian (Pagefind) gagal dibuat: "
            + (done.stderr.strip() or done.stdout.strip() or f"kode keluar {done.returncode}")
        )
