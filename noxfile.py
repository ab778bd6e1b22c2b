"""The only pipeline entry point: CI workflows, .ci/run and people run these same sessions."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "check", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYTHON = "3.11"
CHROMIUM = "/usr/bin/chromium"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run every test, the browser suite included; pytest args after -- run just those."""
    session.install("-e", ".[test]")
    if session.posargs:
        session.run("pytest", *session.posargs)
        return
    session.run("python", "tools/check_layers.py")  # one-way layers: seconds, so CI has it
    session.run("pytest", "-q", "-m", "not browser")
    _browser_suite(session)


@nox.session(python=PYTHON)
def browser(session: nox.Session) -> None:
    """Run the real-browser suite alone (Debian's Chromium driven by Playwright)."""
    session.install("-e", ".[test]")
    _browser_suite(session)


def _browser_suite(session: nox.Session) -> None:
    if not Path(CHROMIUM).is_file():
        # Playwright cannot download a browser here: Debian's package is the browser.
        if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
            session.run("apt-get", "update", "-qq", external=True)
            session.run("apt-get", "install", "-y", "-qq", "chromium", external=True)
        else:
            session.error(f"{CHROMIUM} tidak ada: jalankan 'sudo apt-get install chromium'")
    session.run("pytest", "-q", "-m", "browser", "tests/browser")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and format-check with ruff, type-check with mypy --strict, check the layers."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    # ppid -> forms -> site_builder, imports only downward, no module cycle
    session.run("python", "tools/check_layers.py")


@nox.session(python=PYTHON)
def check(session: nox.Session) -> None:
    """Validate the DIP data in dip/ (every problem, one per line); --strict after -- ."""
    session.install("-e", ".")
    session.run("ppid", "check", *session.posargs)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build the site into site/ (strict); --pratinjau after -- includes drafts."""
    session.install("-e", ".")
    session.run("ppid", "build", *session.posargs)


@nox.session(python=PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Build the demonstration site and serve it with the relay on http://127.0.0.1:8000."""
    session.install("-e", ".")
    # a year of demonstration requests (once), so the register and statistics show something
    session.run("ppid", "permohonan", "contoh")
    session.run("ppid", "serve", *session.posargs)


@nox.session(python=PYTHON, default=False)
def annual(session: nox.Session) -> None:
    """Open next year's DIP edition: archive, worklists, nota dinas (args: --tahun 2027 ...)."""
    session.install("-e", ".")
    if not session.posargs:
        session.error("sebutkan tahunnya: nox -s annual -- --tahun 2027")
    session.run("ppid", "tahunan", "buka", *session.posargs)
    session.run("ppid", "codeowners")
    session.run("ppid", "check")
    session.run("ppid", "tahunan", "status")


@nox.session(python=PYTHON, default=False)
def publish(session: nox.Session) -> None:
    """Build the site for deployment: strict data check, strict build, every link checked."""
    session.install("-e", ".")
    session.run("ppid", "check", "--strict")
    session.run("ppid", "build", "--site-dir", "site")
    session.run("ppid", "tahunan", "periksa-tautan", "--site-dir", "site")


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks: build time (both engines), search and page weight, relay throughput, the
    desk's lists over 10 000 records, the national portal (figures, no asserts)."""
    session.install("-e", ".[test]")
    session.run("python", "benchmarks/build_bench.py", *session.posargs)
    # the Zensical engine beside the mkdocs path and beside Zensical's bare build
    session.run("python", "benchmarks/zensical_bench.py", *session.posargs)
    # Closed-loop load at 16 and 64 connections: the fewer wait, the smaller each group
    # commit (the bench prints its size). Both are reported.
    for connections in ("16", "64"):
        session.run("python", "benchmarks/relay_bench.py", "10", connections)
    # 1 and 2 workers on PostgreSQL (fsync on), each beside a bare endpoint with as many
    session.run("python", "benchmarks/workers_bench.py", "10", "64")
    session.run("python", "benchmarks/page_weight.py")
    session.run("python", "benchmarks/desk_bench.py")
    # the national portal: 553 offices x 60 entries over loopback HTTP, its first search
    session.run("python", "benchmarks/nasional_bench.py")
