"""Small, safe file edits: whole-file atomic writes and top-level YAML block replacement.

Stages re-run freely and may be interrupted at any moment: every file is written to a
temporary sibling and renamed into place, so a reader sees the old file or the new one.
Staff's comments and layout in the YAML files are kept: only the block a stage owns is
rewritten, as text.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: str | bytes) -> bool:
    """Write `content` to `path` atomically; False (and nothing written) when unchanged."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _block_span(text: str, key: str) -> tuple[int, int] | None:
    match = re.search(rf"(?m)^{re.escape(key)}:", text)
    if match is None:
        return None
    end = re.search(r"(?m)^(?=[^\s#])", text[match.end() :])
    stop = match.end() + end.start() if end else len(text)
    return match.start(), stop


def set_block(text: str, key: str, block: str | None) -> str:
    """Replace (or append, or with None remove) the top-level `key:` block of a YAML text."""
    span = _block_span(text, key)
    new = "" if block is None else block.rstrip("\n") + "\n"
    if span is None:
        if block is None:
            return text
        return text.rstrip("\n") + "\n" + new
    start, stop = span
    return text[:start] + new + text[stop:]


def get_block(text: str, key: str) -> str | None:
    """The top-level `key:` block of a YAML text, as written."""
    span = _block_span(text, key)
    return None if span is None else text[span[0] : span[1]]
