"""Data problems are values: each knows where it is and says what is wrong, in Indonesian."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop a build, warnings only do under --strict."""

    GALAT = "galat"
    PERINGATAN = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, printed as `path:line:col: field: message`."""

    path: str
    line: int
    col: int
    field: str
    message: str
    severity: Severity = Severity.GALAT

    def __str__(self) -> str:
        prefix = "peringatan: " if self.severity is Severity.PERINGATAN else ""
        return f"{self.path}:{self.line}:{self.col}: {self.field}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        """True when this problem blocks publication."""
        return self.severity is Severity.GALAT


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for p in problems:
        if p.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def summary(problems: Iterable[Problem]) -> str:
    """One Indonesian line that counts the problems."""
    errors, warnings = count(problems)
    if not errors and not warnings:
        return "DIP valid: tidak ada masalah."
    return f"{errors} galat, {warnings} peringatan."
