"""One rule for stored and printed text: valid Unicode, no control characters."""

from __future__ import annotations

from site_builder.text import clean, is_text, shown


def test_a_lone_surrogate_is_not_text() -> None:
    assert not is_text("PT X \ud83d")
    assert is_text("Ni Luh “Ayu” Pratiwi 🙂") and is_text("ASCII")


def test_control_characters_become_spaces_and_line_breaks_stay() -> None:
    assert clean("a\x00b\x1b[31mc\u202ed\u2066e\r\nf\tg") == "a b [31mc d e\nf\tg"
    assert clean("biasa saja") == "biasa saja"


def test_shown_text_is_safe_on_a_terminal() -> None:
    assert shown("x\ud83d\x1b") == "x\\ud83d "


def test_items_reads_one_value_or_a_list() -> None:
    from site_builder.text import items

    assert items("h") == ("h",)
    assert items(["h", " j ", "", None]) == ("h", "j")
    assert items(None) == () and items("") == ()
