"""The root `ppid` group: help with examples, the version, unknown commands, and a project
failure from any command as one Indonesian line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ppid.cli.main import main
from site_builder import __version__
from tests.support import ROOT


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, f"{prefix}{name} ")
    return out


def _ppid(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The real `ppid` process, as staff run it (its stderr is what they read)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PPID_")}
    return subprocess.run(
        [sys.executable, "-m", "ppid", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(("name", "command"), _commands(main), ids=lambda v: str(v))
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(main, [*name.split(), "--help"], prog_name="ppid")
    assert result.exit_code == 0
    assert "Contoh: ppid " in result.output, f"'ppid {name} --help' tanpa contoh"
    assert "Penggunaan: ppid" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"opsi {param.opts} pada 'ppid {name}' tanpa teks bantuan"


def test_help_lists_every_command_with_an_example() -> None:
    result = CliRunner().invoke(main, ["--help"], prog_name="ppid")
    assert result.exit_code == 0
    assert result.output.startswith("Penggunaan: ppid [OPSI] PERINTAH [ARGUMEN]...\n")
    assert "Contoh: ppid check" in result.output
    listed = result.output.split("\nPerintah:\n")[1]
    names = [line.split()[0] for line in listed.splitlines() if line.strip()]
    assert names == sorted(main.commands)
    assert {"check", "build", "serve", "permohonan", "keberatan", "relay", "surat"} <= set(names)


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"], prog_name="ppid")
    assert result.exit_code == 0
    assert result.output == f"ppid, versi {__version__}\n"


def test_unknown_command_gets_a_suggestion() -> None:
    result = CliRunner().invoke(main, ["chek"])
    assert "Perintah 'chek' tidak dikenal." in result.output
    assert "Maksudnya" in result.output


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        (  # BuildError, from the site builder
            ["build", "-f", "tidak-ada.yml"],
            {},
            "Galat: tidak-ada.yml: berkas konfigurasi mkdocs tidak ditemukan",
        ),
        (  # SettingsError, from the relay's settings
            ["permohonan", "list"],
            {"PPID_RATE_PER_MINUTE": "sepuluh"},
            "Galat: PPID_RATE_PER_MINUTE='sepuluh' bukan bilangan bulat",
        ),
    ],
    ids=["build", "permohonan-list"],
)
def test_a_project_failure_is_one_line_and_exit_code_1(
    tmp_path: Path, args: list[str], env: dict[str, str], line: str
) -> None:
    done = _ppid(*args, cwd=tmp_path, PPID_DATABASE_URL=f"sqlite:///{tmp_path / 'db'}", **env)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [line]  # no traceback, no second line
    assert done.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["generate", "--out", "hasil"],
        pytest.param(
            ["build", "--site-dir", "hasil"],
        ),
    ],
    ids=["generate", "build"],
)
def test_an_invalid_dip_prints_each_problem_then_the_summary(
    tmp_path: Path, mini_dip: Path, args: list[str]
) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(mini_dip, tmp_path / "dip")
    (tmp_path / "dip" / "keuangan" / "dipa-2026.yml").write_text("judul: [rusak\n")
    (tmp_path / "dip" / "teknis" / "unit.yml").write_text("nama: Teknis\n")
    done = _ppid(*args, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "dip/keuangan/dipa-2026.yml:2:1: (sintaks): YAML tidak valid: daftar [ ... ] tidak "
        "ditutup dengan ']'",
        "dip/teknis/unit.yml:1:1: kepala: elemen wajib 'kepala' tidak ada",
        "dip/teknis/unit.yml:1:1: peninjau: elemen wajib 'peninjau' tidak ada",
        "Galat: DIP tidak valid: 3 galat, 0 peringatan.",
    ]
    assert not (tmp_path / "hasil").exists()
