"""The official @formspree/core client, run by Node, against the relay over real HTTP."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support import PERMOHONAN, LiveRelay

JS = Path(__file__).resolve().parent / "js"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def node() -> str:
    """Node with the client installed from the lock file (npm ci on first use)."""
    found = shutil.which("node")
    assert found, "Node.js tidak ada: pasang nodejs (Debian) untuk test klien resmi"
    if not (JS / "node_modules" / "@formspree" / "core").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, check=True, capture_output=True
        )
    return found


def _submit(
    node: str, relay: LiveRelay, form: str, mode: str, fields: dict[str, Any]
) -> dict[str, Any]:
    done = subprocess.run(
        [node, "submit.mjs", relay.url, form, mode, json.dumps(fields)],
        cwd=JS,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.mark.parametrize("mode", ["object", "formdata"])
def test_official_client_submits(node: str, relay: LiveRelay, mode: str) -> None:
    result = _submit(node, relay, "permohonan", mode, PERMOHONAN)
    assert result["kind"] == "success", result
    assert result["next"].startswith(f"{relay.url}/terima-kasih?t=")
    assert relay.count() == 1


def test_official_client_reads_field_errors(node: str, relay: LiveRelay) -> None:
    result = _submit(node, relay, "permohonan", "object", {**PERMOHONAN, "email": "salah"})
    assert result["kind"] == "error", result
    assert result["fieldErrors"]["email"][0]["code"] == "TYPE_EMAIL"
    assert "Surel tidak valid" in result["fieldErrors"]["email"][0]["message"]
    assert relay.count() == 0
