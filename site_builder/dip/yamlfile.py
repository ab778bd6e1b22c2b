"""Read one YAML file keeping where every key and value stands (line and column, 1-based).

pyyaml's C loader is used when present: measured here it is about 8x faster than the
pure-Python loader, and a DIP of thousands of files is read on every build.

DIP data is plain: no anchors or aliases (`&a`, `*a`: ten lines of them can expand to
billions of nodes, `judul: &a [*a]` refers to itself), a bounded size and number of keys,
keys that are text, numbers of a sane length, real dates and times. Each of these is a
problem with its file and line, never a hang or a traceback.
"""

from __future__ import annotations

import re
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
from site_builder.text import is_text

DocPath = tuple[str | int, ...]

MAX_BYTES = 1024 * 1024  # one entry is a few KB; the largest narrative a few tens of KB
MAX_NODES = 20_000  # keys, values and list items in one file
MAX_DIGITS = 30  # no number of a DIP (years, counts) comes near it
MAX_DEPTH = 20  # an entry nests three or four levels


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


class _Refused(Exception):
    """The file is not plain data; its one problem is already recorded."""


@dataclass
class _Walk:
    doc: YamlDoc
    problems: list[Problem]
    nodes: set[int] = field(default_factory=set)

    def refuse(self, node: yaml.Node, at: DocPath, message: str) -> None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(self.doc.path, line, col, _dotted(at), message))
        raise _Refused


def _walk(node: yaml.Node, at: DocPath, doc: YamlDoc, problems: list[Problem]) -> None:
    _visit(node, at, _Walk(doc, problems))


def _visit(node: yaml.Node, at: DocPath, walk: _Walk) -> None:
    doc, problems = walk.doc, walk.problems
    if id(node) in walk.nodes:  # the composer hands an alias back as the same node
        walk.refuse(
            node,
            at,
            "alias YAML (&nama dan *nama) tidak dipakai di data DIP; tulis nilainya langsung",
        )
    walk.nodes.add(id(node))
    if len(walk.nodes) > MAX_NODES:
        walk.refuse(node, at, f"berkas memuat lebih dari {MAX_NODES} kunci dan nilai; pecah isinya")
    if len(at) > MAX_DEPTH:
        walk.refuse(node, at, f"nilai bertingkat lebih dari {MAX_DEPTH} lapis; sederhanakan")
    doc.value_marks[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                walk.refuse(key_node, at, "kunci harus berupa teks, bukan daftar atau kumpulan")
            if key_node.tag != _STR:  # `1:`, `~:`, `true:` are keys written as text
                key_node.tag = _STR
            key = key_node.value
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
            _visit(value_node, (*at, key), walk)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _visit(item, (*at, i), walk)
    elif isinstance(node.value, str) and not is_text(node.value):
        walk.refuse(node, at, "teks berisi karakter yang tidak sah; ketik ulang nilainya")
    elif node.tag == _INT and len(node.value) > MAX_DIGITS:
        walk.refuse(node, at, f"bilangan lebih dari {MAX_DIGITS} angka; periksa nilainya")
    elif node.tag == _TIMESTAMP and (wrong := _impossible(node.value)):
        # The resolver takes 2026-02-30 for a date and construction would fail without a
        # position; report it here and let it load as text.
        node.tag = _STR
        doc.reported.add(at)
        line, col = doc.value_marks[at]
        problems.append(Problem(doc.path, line, col, _dotted(at), wrong))


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIME = re.compile(r"[Tt ]+(\d{1,2}):(\d{2}):(\d{2})")


def _impossible(text: str) -> str | None:
    """What is wrong with a date (2026-02-30) or a time of day (25:61:00); None if nothing."""
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return f"tanggal '{text}' tidak ada di kalender; tulis sebagai YYYY-MM-DD"
    found = _TIME.match(text, 10)
    if found and not (int(found[1]) < 24 and int(found[2]) < 60 and int(found[3]) < 61):
        return f"waktu '{text}' tidak ada (jam 00-23, menit dan detik 00-59)"
    return None


def _dotted(doc_path: DocPath) -> str:
    out = ""
    for part in doc_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(berkas)"


dotted = _dotted


def read_yaml(file: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `file`; on a syntax error return None and one problem at the error's position."""
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    display,
                    1,
                    1,
                    "(berkas)",
                    f"berkas {-(-size // 1024)} KB, lebih dari batas {MAX_BYTES // 1024} KB "
                    "untuk satu berkas data",
                )
            ]
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
    except _Refused:
        return None, problems
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
    ("exceeded maximum nesting depth", "nilai bertingkat terlalu dalam; sederhanakan"),
    (
        "found invalid Unicode character escape code",
        "kode escape Unicode (\\u...) tidak sah; ketik karakternya langsung",
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
