"""Shared fixtures: the small hand-written DIP, the broken DIP and a fixed 'today'."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from site_builder.loader import load
from site_builder.model import Catalogue

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2026, 11, 22)


@pytest.fixture
def mini_dip() -> Path:
    """The small valid DIP (5 entries, one draft, one with HTML and Markdown in its text)."""
    return DATA / "mini" / "dip"


@pytest.fixture
def mini_catalogue(mini_dip: Path) -> Catalogue:
    """The small DIP, loaded."""
    result = load(mini_dip, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    assert result.catalogue is not None
    return result.catalogue


@pytest.fixture
def dip_copy(tmp_path: Path, mini_dip: Path) -> Path:
    """A writable copy of the small DIP, for tests that break one file."""
    target = tmp_path / "dip"
    shutil.copytree(mini_dip, target)
    return target
