"""A small data file of the project or of an office (periods, local holidays, roles) read as
YAML, every failure one sentence naming the file and, for bad YAML, the line and column.

These files are short and read once per process; the DIP's own files, where every key's
place matters, go through site_builder/dip/yamlfile.py instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_data(path: Path, error: type[Exception], what: str) -> Any:
    """The file's YAML as plain values. `error` is raised with `path: <what> tidak dapat
    dibaca (reason)` when the file cannot be read, and `path:line:col: YAML tidak valid`
    when it is not YAML. Any other exception of the loader (a ValueError for a date that
    does not exist, such as 2027-02-30) reaches the caller, which knows how to say it."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: {what} tidak dapat dibaca ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise error(f"{path}{where}: YAML tidak valid") from exc
