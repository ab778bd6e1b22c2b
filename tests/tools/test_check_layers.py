"""The layer check: it passes on this repository and fails on each way of importing upward."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support import ROOT

_SPEC = importlib.util.spec_from_file_location("check_layers", ROOT / "tools" / "check_layers.py")
assert _SPEC is not None and _SPEC.loader is not None
check_layers = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check_layers)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for package in ("ppid", "forms", "site_builder"):
        (tmp_path / package).mkdir(exist_ok=True)
        (tmp_path / package / "__init__.py").touch()
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_this_repository_has_one_way_layers_and_no_cycle() -> None:
    done = subprocess.run(
        [sys.executable, "tools/check_layers.py", "--graph"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "site_builder -> forms" not in done.stdout
    assert "forms -> ppid" not in done.stdout and "site_builder -> ppid" not in done.stdout
    assert "Lapisan satu arah, tanpa siklus impor." in done.stderr


def test_downward_imports_pass(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "ppid/cli.py": "from forms import app\nfrom site_builder import model\n",
            "forms/app.py": "from site_builder.model import Entry\n",
            "site_builder/model.py": "Entry = object\n",
        },
    )
    problems, graph = check_layers.check(root)
    assert problems == []
    assert graph["ppid.cli"] == {"forms.app", "site_builder.model"}


@pytest.mark.parametrize(
    "source",
    [
        "from forms.app import create_app\n",  # at module level
        "def f():\n    from forms import app\n",  # lazily, in a function
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import forms.app\n",
        "import importlib\napp = importlib.import_module('forms.app')\n",
        "import subprocess, sys\nsubprocess.run([sys.executable, '-m', 'forms.app'])\n",
    ],
)
def test_every_kind_of_upward_import_fails(tmp_path: Path, source: str) -> None:
    root = _tree(tmp_path, {"forms/app.py": "", "site_builder/render.py": source})
    problems, _ = check_layers.check(root)
    assert problems == [
        "site_builder/render.py: site_builder.render mengimpor forms.app (lapisan di atasnya)"
    ]


def test_a_cycle_inside_a_layer_fails(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "site_builder/a.py": "from site_builder import b\n",
            "site_builder/b.py": "def f():\n    from site_builder.a import x\n",
        },
    )
    problems, _ = check_layers.check(root)
    assert problems == ["siklus impor: site_builder.a -> site_builder.b"]


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "forms/store/__init__.py": "",
            "forms/store/writer.py": "from ..tracker import Tracker\nfrom . import tables\n",
            "forms/store/tables.py": "",
            "forms/tracker.py": "from .store import writer\n",
        },
    )
    problems, graph = check_layers.check(root)
    assert graph["forms.store.writer"] == {"forms.tracker", "forms.store.tables"}
    assert problems == ["siklus impor: forms.store.writer -> forms.tracker"]


def test_the_command_line_exits_1_and_names_each_violation(tmp_path: Path) -> None:
    _tree(tmp_path, {"forms/app.py": "", "site_builder/x.py": "import forms.app\n"})
    script = tmp_path / "tools" / "check_layers.py"
    script.parent.mkdir()
    script.write_text((ROOT / "tools" / "check_layers.py").read_text(encoding="utf-8"))
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "site_builder.x mengimpor forms.app" in done.stdout
    assert "1 pelanggaran aturan lapisan" in done.stderr
