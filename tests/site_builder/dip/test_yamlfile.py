"""Reading YAML with positions: what staff see when a file cannot even be parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.dip.yamlfile import read_yaml


def _read(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    f = tmp_path / "x.yml"
    f.write_bytes(text if isinstance(text, bytes) else text.encode())
    return read_yaml(f, "dip/u/x.yml")


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    doc, problems = _read(tmp_path, "judul: A\ntautan:\n  - judul: B\n    url: https://x\n")
    assert problems == []
    assert doc is not None
    assert doc.locate(("judul",)) == (1, 8)
    assert doc.locate(("tautan", 0, "url")) == (4, 10)
    assert doc.locate(("tautan", 0, "url"), key=True) == (4, 5)
    # a missing key is located at its nearest parent
    assert doc.locate(("tautan", 0, "tidak-ada")) == (3, 5)


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("judul: [a, b\n", 2, 1, "daftar [ ... ] tidak ditutup dengan ']'"),
        ("judul: a\n\tringkasan: b\n", 2, 1, "karakter tab tidak boleh dipakai"),
        ("judul: Jadwal: tahapan\n", 1, 14, "tanda ':' tidak boleh di sini"),
        ("judul: a\n  ringkasan: b\n", 2, 12, "tanda ':' tidak boleh di sini"),
        ("peninjau: @budi\n", 1, 11, "nilai yang diawali '@' harus diapit tanda kutip"),
        ('judul: "belum ditutup\n', 2, 1, "berkas berakhir sebelum tanda kutip ditutup"),
    ],
)
def test_syntax_errors_are_one_indonesian_line(
    tmp_path: Path, text: str, line: int, col: int, message: str
) -> None:
    doc, problems = _read(tmp_path, text)
    assert doc is None
    assert len(problems) == 1
    p = problems[0]
    assert (p.path, p.line, p.col, p.field) == ("dip/u/x.yml", line, col, "(sintaks)")
    assert message in p.message
    assert str(p).startswith(f"dip/u/x.yml:{line}:{col}: (sintaks): YAML tidak valid: ")


def test_duplicate_key_is_reported(tmp_path: Path) -> None:
    doc, problems = _read(tmp_path, "judul: A\nringkasan: x\njudul: B\n")
    assert doc is not None
    assert [str(p) for p in problems] == [
        "dip/u/x.yml:3:1: judul: kunci 'judul' ditulis lebih dari sekali; hapus salah satunya"
    ]


def test_impossible_date_is_reported_with_position(tmp_path: Path) -> None:
    doc, problems = _read(tmp_path, "judul: A\ndiperbarui: 2026-02-30\n")
    assert doc is not None
    assert doc.data["diperbarui"] == "2026-02-30"
    assert [str(p) for p in problems] == [
        "dip/u/x.yml:2:13: diperbarui: tanggal '2026-02-30' tidak ada di kalender; "
        "tulis sebagai YYYY-MM-DD"
    ]


def test_non_utf8_file(tmp_path: Path) -> None:
    doc, problems = _read(tmp_path, "judul: Kab. Contoh \xe9\n".encode("latin-1"))
    assert doc is None
    assert "bukan teks UTF-8" in problems[0].message


def test_empty_file_parses_to_none(tmp_path: Path) -> None:
    doc, problems = _read(tmp_path, "")
    assert doc is not None and doc.data is None and problems == []
