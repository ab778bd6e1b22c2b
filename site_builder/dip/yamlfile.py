"""Read one YAML file keeping where every key and value stands (line and column, 1-based).

pyyaml's C loader is used when present: measured here it is about 8x faster than the
pure-Python loader, and a DIP of thousands of files is read on every build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing: correct, only slower
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from site_builder.problems import Problem

DocPath = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """A parsed YAML document and the position of every node in it."""

    path: str
    data: Any
    key_marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    # Paths already reported while reading (a date that does not exist): later checks skip them.
    reported: set[DocPath] = field(default_factory=set)

    def locate(self, doc_path: DocPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a node, or of its nearest existing parent."""
        marks = self.key_marks if key else self.value_marks
        p = tuple(doc_path)
        while p:
            if p in marks:
                return marks[p]
            if not key and p in self.key_marks:
                return self.key_marks[p]
            p = p[:-1]
        return self.value_marks.get((), (1, 1))


def _walk(node: yaml.Node, at: DocPath, doc: YamlDoc, problems: list[Problem]) -> None:
    doc.value_marks[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in seen:
                problems.append(
                    Problem(
                        doc.path,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        _dotted((*at, key)),
                        f"kunci '{key}' ditulis lebih dari sekali; hapus salah satunya",
                    )
                )
            seen.add(key)
            doc.key_marks[(*at, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            _walk(value_node, (*at, key), doc, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*at, i), doc, problems)
    elif node.tag == _TIMESTAMP and not _is_real_date(node.value):
        # The resolver takes 2026-02-30 for a date and construction would fail without a
        # position; report it here and let it load as text.
        node.tag = _STR
        doc.reported.add(at)
        line, col = doc.value_marks[at]
        problems.append(
            Problem(
                doc.path,
                line,
                col,
                _dotted(at),
                f"tanggal '{node.value}' tidak ada di kalender; tulis sebagai YYYY-MM-DD",
            )
        )


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


def _is_real_date(text: str) -> bool:
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def _dotted(doc_path: DocPath) -> str:
    out = ""
    for part in doc_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(berkas)"


dotted = _dotted


def read_yaml(file: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `file`; on a syntax error return None and one problem at the error's position."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            Problem(
                display,
                1,
                1,
                "(berkas)",
                f"bukan teks UTF-8 (bita ke-{exc.start + 1}); "
                "simpan ulang berkas dengan pengodean UTF-8",
            )
        ]
    except OSError as exc:
        return None, [Problem(display, 1, 1, "(berkas)", f"tidak dapat dibaca: {exc.strerror}")]
    loader = _Loader(text)
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(display, None), []
        doc = YamlDoc(display, None)
        _walk(node, (), doc, problems)
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        char = ""
        if mark is not None and mark.index is not None and 0 <= mark.index < len(text):
            char = text[mark.index]
        what = _syntax_message(exc.problem or exc.context or "", char)
        return None, [Problem(display, line, col, "(sintaks)", f"YAML tidak valid: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, 1, "(sintaks)", f"YAML tidak valid: {exc}")]
    finally:
        loader.dispose()
    return doc, problems


# libyaml's messages, in the words staff need; anything else is shown as libyaml says it.
_SYNTAX = (
    ("tab character", "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"),
    (
        "mapping values are not allowed",
        "tanda ':' tidak boleh di sini; apit teks yang memuat "
        "': ' dengan tanda kutip, atau periksa indentasi",
    ),
    ("did not find expected ',' or ']'", "daftar [ ... ] tidak ditutup dengan ']'"),
    ("did not find expected ',' or '}'", "kumpulan { ... } tidak ditutup dengan '}'"),
    ("could not find expected ':'", "tanda ':' tidak ditemukan; tulis sebagai kunci: nilai"),
    (
        "did not find expected key",
        "indentasi tidak konsisten; samakan jarak kunci di tingkat yang sama",
    ),
    (
        "did not find expected '-' indicator",
        "indentasi daftar tidak konsisten; setiap butir diawali '- ' pada kolom yang sama",
    ),
    ("expected <block end>", "indentasi tidak konsisten; samakan jarak kunci di tingkat yang sama"),
    ("found unexpected end of stream", "berkas berakhir sebelum tanda kutip ditutup"),
    (
        "found unknown escape character",
        "karakter escape tidak dikenal di teks bertanda kutip ganda; gunakan tanda kutip tunggal",
    ),
    (
        "found undefined alias",
        "alias (*) tidak dikenal; hapus tanda * di awal nilai atau apit dengan tanda kutip",
    ),
)


def _syntax_message(problem: str, char: str) -> str:
    if "cannot start any token" in problem:
        if char == "\t":
            return "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
        return f"nilai yang diawali '{char}' harus diapit tanda kutip"
    for needle, message in _SYNTAX:
        if needle in problem:
            return message
    return problem or "sintaks tidak valid"
