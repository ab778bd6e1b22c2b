"""One rule for what personal data looks like in published text (UU PDP; UU KIP Pasal 17 h).

Every field the public register publishes goes through `scrub`; the annual report's
narratives are checked with `find`; the test suite scans the built site with the same
patterns. Identifiers are found the way people write them, not only the tidy way: a NIK or
phone number with any separators (`3271/0465/0493/0007`, `0812_9876_5432`, `0812 9876
5432`), an e-mail address written out (`nama [at] contoh.example`, `nama at contoh dot
id`), a street address (`Jl. Melati 5`, `Gang Mawar`, `RT 02/RW 05`).
"""

from __future__ import annotations

import re

MASK = "[disamarkan]"
_SEP = r"[\s./_()\-–]*"

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "alamat surel"),
    (
        re.compile(
            r"[\w.+-]+\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\s+at\s+|\[\s*et\s*\])\s*"
            r"[\w-]+(?:\s*(?:\.|\[\s*dot\s*\]|\(\s*dot\s*\)|\s+dot\s+|\s+titik\s+)\s*[\w-]+)+",
            re.IGNORECASE,
        ),
        "alamat surel",
    ),
    (re.compile(rf"(?<!\w)\d(?:{_SEP}\d){{15}}(?![\w])"), "NIK (16 angka)"),
    (re.compile(rf"(?<!\w)(?:\+?62|0){_SEP}8(?:{_SEP}\d){{7,11}}(?!\w)"), "nomor telepon"),
    # and, in what the register publishes, any run of eight or more digits with separators
    (re.compile(rf"\+?(?<!\w)\d(?:{_SEP}\d){{7,}}(?!\w)"), "deret angka"),
    # a street: an abbreviation with its dot (Jl. Melati, Gg. Mawar), or a street word, a
    # capitalised name and a house number (Jalan Melati 5); "jalan desa" stays
    (re.compile(r"\b(?:Jl|Jln|Gg|Kav|Komp|Perum)\.\s*[^,;\n]{1,60}", re.IGNORECASE), "alamat"),
    (
        re.compile(
            r"\b(?:[Jj]alan|[Gg]ang|[Kk]ompleks|[Pp]erumahan|[Bb]lok)\s+[A-Z][\w.'-]*"
            r"(?:\s+[A-Z][\w.'-]*)*\s+(?:[Nn]o\.?\s*)?\d+[A-Za-z]?\b"
        ),
        "alamat",
    ),
    (re.compile(r"\bRT\.?\s*\d{1,3}\s*/?\s*RW\.?\s*\d{1,3}\b", re.IGNORECASE), "alamat"),
)


# What a narrative written by staff must not hold: e-mail addresses, NIK, phone numbers
# (budget figures are long digit runs, and street words are common in running text).
IDENTIFIERS = PATTERNS[:4]


def scrub(text: str) -> str:
    """The text with every identifier masked."""
    for pattern, _what in PATTERNS:
        text = pattern.sub(MASK, text)
    return text


def find(text: str, patterns: tuple[tuple[re.Pattern[str], str], ...] = PATTERNS) -> list[str]:
    """What kinds of personal data the text holds (empty when none)."""
    return sorted({what for pattern, what in patterns if pattern.search(text)})
