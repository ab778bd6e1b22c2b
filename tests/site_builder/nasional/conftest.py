"""The national portal's fixtures: a federation of offices and Node running Pagefind."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from site_builder.dip.model import Catalogue
from tests.federasi import Federation, federation, serve

# The portal is built at 09.30 WIB on 24 November 2026.
NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
CARI = Path(__file__).with_name("cari.mjs")


@pytest.fixture
def fed(tmp_path: Path, mini_catalogue: Catalogue) -> Iterator[Federation]:
    """Five offices: two in folders, two over HTTP on loopback, one missing."""
    with federation(tmp_path, mini_catalogue) as f:
        yield f


Search = Callable[..., dict[str, Any]]


@pytest.fixture
def search() -> Search:
    """Search a built portal with Pagefind's own JS in Node, over real HTTP."""
    node = shutil.which("node")
    assert node, "Node.js tidak ada: pasang nodejs (Debian) untuk test pencarian"

    def run(site: Path, term: str, filters: dict[str, Any] | None = None) -> dict[str, Any]:
        with serve(site) as url:
            done = subprocess.run(
                [
                    node,
                    str(CARI),
                    str(site / "pagefind" / "pagefind.js"),
                    f"{url}/pagefind/",
                    term,
                    *([json.dumps(filters)] if filters else []),
                ],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        assert done.returncode == 0, done.stderr
        result: dict[str, Any] = json.loads(done.stdout)
        return result

    return functools.partial(run)
