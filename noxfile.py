"""The only pipeline entry point: CI workflows, .ci/run and people run these same sessions."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "check", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (real mkdocs builds, real HTTP, real SQLite); pytest args after --."""
    session.install("-e", ".[test]")
    session.run("pytest", *(session.posargs or ["-q"]))


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint with ruff and type-check the packages with mypy --strict."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", ".")
    session.run("mypy")


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
    """Benchmarks: build time and search weight at N entries, relay throughput (figures only)."""
    session.install("-e", ".[test]")
    session.run("python", "benchmarks/build_bench.py", *session.posargs)
    session.run("python", "benchmarks/relay_bench.py")
