"""One rule for every text the kit stores or prints: valid Unicode, no control characters.

Text reaches the kit from forms, JSON, multipart, upload names, YAML, spreadsheets and the
command line. Whatever the path, a stored text is valid Unicode (a lone surrogate such as
JSON's "\\ud83d" cannot be written as UTF-8, so one such record would break every register,
report and build after it) and carries no control character but line breaks and tabs: no
NUL, no terminal escape, no bidirectional override that reverses what a reader sees.
"""

from __future__ import annotations

import re

# C0 and C1 controls but \t and \n, DEL, the line and paragraph separators, and the
# bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def is_text(value: str) -> bool:
    """True when `value` can be written as UTF-8 (no lone surrogate)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean(value: str) -> str:
    """The text with every control character a space (line breaks kept as \\n)."""
    if value.isprintable():  # most values: nothing to do
        return value
    return CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))


def shown(value: str) -> str:
    """Text safe to print on a terminal or in a message: invalid code points escaped,
    control characters as spaces."""
    if not is_text(value):
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return clean(value)


def items(value: object) -> tuple[str, ...]:
    """A stored value that is one text or a list of them (Pasal 17 letters, grounds, forms),
    as its non-empty texts."""
    found = value if isinstance(value, list | tuple) else [value]
    return tuple(str(v).strip() for v in found if v is not None and str(v).strip())


def sentence(value: object) -> str:
    """A message (an exception's text) as a sentence on a page: its first letter capital."""
    text = str(value)
    return text[:1].upper() + text[1:]
