"""The bad-input corpus for DIP files (tests/data/masukan-buruk/yaml): each file gives the
one line written beside it in <name>.harapan, quickly, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.dip import schema
from site_builder.dip.yamlfile import MAX_BYTES, read_yaml
from tests.support import DATA

CORPUS = DATA / "masukan-buruk" / "yaml"
CASES = sorted(CORPUS.glob("*.yml"))


def _lines(file: Path) -> list[str]:
    doc, problems = read_yaml(file, file.name)
    if doc is not None:
        problems += schema.validate("entri", doc)
    return [str(p) for p in problems]


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 10
    assert all(case.with_suffix(".harapan").is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_each_bad_file_says_what_is_wrong_and_where(case: Path) -> None:
    expected = case.with_suffix(".harapan").read_text(encoding="utf-8").strip()
    assert expected in _lines(case)


def test_a_file_past_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "besar.yml"
    big.write_text("judul: DIPA\nringkasan: " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    assert _lines(big) == [
        "besar.yml:1:1: (berkas): berkas 1025 KB, lebih dari batas 1024 KB untuk satu berkas data"
    ]
