"""The blocks documents are made of: the bold marker both writers share, and blocks as values."""

from __future__ import annotations

import dataclasses

import pytest

from site_builder.dokumen.blocks import BOLD, STAR, Document, Grid, Heading, Para, Signature


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("a **b** c", ["a ", "b", " c"]),
        ("**Laporan sementara.** Tahun 2026", ["", "Laporan sementara.", " Tahun 2026"]),
        ("**satu** dan **dua**", ["", "satu", " dan ", "dua", ""]),  # two pieces, not one
        ("**a**b**c**", ["", "a", "b", "c", ""]),  # the text between two bold pieces stays plain
        ("tanpa tebal", ["tanpa tebal"]),
        ("** belum ditutup", ["** belum ditutup"]),
        ("****", ["****"]),  # nothing between the markers: not bold
        ("5 * 3 * 2", ["5 * 3 * 2"]),
    ],
)
def test_bold_splits_text_into_plain_and_bold_pieces(text: str, pieces: list[str]) -> None:
    # the writers make every odd piece bold
    assert BOLD.split(text) == pieces


def test_bold_does_not_run_across_lines() -> None:
    assert BOLD.split("**awal\nakhir**") == ["**awal\nakhir**"]


def test_a_literal_star_is_not_a_bold_marker() -> None:
    assert STAR != "*" and len(STAR) == 1
    assert BOLD.split(f"{STAR}{STAR}catatan{STAR}{STAR}") == [f"{STAR}{STAR}catatan{STAR}{STAR}"]


def test_blocks_are_values() -> None:
    assert Para("Isi.") == Para("Isi.") and Para("Isi.") != Para("Isi lain.")
    assert Heading("JUDUL") == Heading("JUDUL", 1) != Heading("JUDUL", 2)
    assert len({Grid(("No",), (("1",),)), Grid(("No",), (("1",),))}) == 1  # hashable
    signature = Signature("Uji, 1 Mei 2027", "PPID", "Rina")
    with pytest.raises(dataclasses.FrozenInstanceError):
        signature.nama = "Budi"  # type: ignore[misc]


def test_grid_defaults_are_a_plain_table_in_the_letter() -> None:
    grid = Grid(("No", "Judul"), ())
    assert (grid.widths, grid.title, grid.lampiran) == ((), "", False)


def test_each_document_has_its_own_blocks() -> None:
    first, second = Document("Satu"), Document("Dua")
    first.blocks.append(Para("hanya di dokumen pertama"))
    assert second.blocks == []
