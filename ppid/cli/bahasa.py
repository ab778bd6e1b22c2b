"""Click's own words (usage, errors, help headings) in Bahasa Indonesia.

Click marks its messages for gettext; each of its modules calls `_` and `ngettext` at run
time, so pointing those names at this table translates them for the `ppid` process only.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

import click

_TEXT = {
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "Aborted!": "Dibatalkan.",
    "Error: The two entered values do not match.": "Galat: kedua isian tidak sama; ulangi.",
    "Error: invalid input": "Galat: isian tidak valid",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "No such option {name!r}.": "Opsi {name!r} tidak dikenal.",
    "Missing command.": "Perintah belum diberikan.",
    "Missing option": "Opsi wajib belum diisi",
    "Missing argument": "Argumen wajib belum diisi",
    "Missing parameter": "Parameter wajib belum diisi",
    "Missing parameter: {param_name}": "Parameter wajib belum diisi: {param_name}",
    "Invalid value for {param_hint}: {message}": "Nilai {param_hint} tidak valid: {message}",
    "Invalid value: {message}": "Nilai tidak valid: {message}",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "env var: {var}": "variabel lingkungan: {var}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang valid.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "integer": "bilangan bulat",
    "float": "bilangan",
}
_PLURAL = {
    "Did you mean {possibility}?": (
        "Maksudnya {possibility}?",
        "(Maksudnya salah satu dari: {possibilities}?)",
    ),
    "Got unexpected extra argument ({args})": (
        "Argumen tambahan tidak dikenal ({args})",
        "Argumen tambahan tidak dikenal ({args})",
    ),
    "Option {name!r} requires an argument.": (
        "Opsi {name!r} memerlukan nilai.",
        "Opsi {name!r} memerlukan {nargs} nilai.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} bukan {choice}.",
        "{value!r} bukan salah satu dari {choices}.",
    ),
}


def gettext(message: str) -> str:
    """Click's message in Indonesian (unchanged when not in the table)."""
    return _TEXT.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Click's singular/plural message in Indonesian."""
    pair = _PLURAL.get(singular)
    if pair is None:
        return singular if n == 1 else plural
    return pair[0] if n == 1 else pair[1]


def install() -> None:
    """Point click's gettext hooks at the Indonesian table, and name click's number types
    in Indonesian (click puts a type's `name` into its messages untranslated)."""
    click.types.IntParamType.name = "bilangan bulat"
    click.types.IntRange.name = "bilangan bulat"
    click.types.FloatParamType.name = "bilangan"
    click.types.FloatRange.name = "bilangan"
    for name in ("core", "exceptions", "formatting", "decorators", "parser", "types", "termui"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def parse_day(
    _ctx: click.Context | None, _param: click.Parameter | None, value: str | None
) -> date | None:
    """Click callback for a date option written as YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' bukan tanggal; tulis sebagai YYYY-MM-DD") from None


class Command(click.Command):
    """A command whose usage line says [OPSI]."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """A group whose commands and subgroups speak Indonesian in their usage lines."""

    command_class = Command
    group_class = type  # subgroups are of this same class

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARGUMEN]...")
        super().__init__(*args, **kwargs)
