"""The `ppid` command line: one click group, every command with help and an example."""

from __future__ import annotations

import click

from site_builder import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ppid")
def main() -> None:
    """Perangkat PPID: DIP sebagai data, situs PPID, dan relay permohonan informasi.

    Contoh: ppid check
    """
