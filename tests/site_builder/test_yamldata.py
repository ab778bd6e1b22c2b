"""site_builder/yamldata.py: a data file's YAML, its failures in the caller's error class."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.calendar import CalendarError
from site_builder.periods import PeriodsError
from site_builder.yamldata import read_data


def test_a_data_file_is_read_as_plain_values(tmp_path: Path) -> None:
    path = tmp_path / "data.yml"
    path.write_text("kelas:\n  umum: 10\n", encoding="utf-8")
    assert read_data(path, PeriodsError, "berkas jangka waktu") == {"kelas": {"umum": 10}}


def test_bad_yaml_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "libur.yml"
    path.write_text("tambahan:\n  - [2026-01-02\n", encoding="utf-8")
    with pytest.raises(CalendarError) as caught:
        read_data(path, CalendarError, "berkas hari libur lokal")
    assert str(caught.value) == f"{path}:3:1: YAML tidak valid"


def test_an_unreadable_file_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "tidak-ada.yml"
    with pytest.raises(PeriodsError) as caught:
        read_data(path, PeriodsError, "berkas jangka waktu")
    assert str(caught.value) == (
        f"{path}: berkas jangka waktu tidak dapat dibaca (No such file or directory)"
    )
