"""The `ppid` command line: one click group, every command with help and an example.

The project's own failures (`site_builder.errors.PPIDError`) become one Indonesian line
here, in one place; data problems are printed by the commands as they find them.
"""

from __future__ import annotations

from typing import Any

import click

from ppid.cli import (
    audit,
    bahasa,
    impor,
    laporan,
    nasional,
    pengguna,
    pengingat,
    permohonan,
    register,
    relay,
    situs,
    surat,
    tahunan,
)
from site_builder import __version__
from site_builder.errors import PPIDError

bahasa.install()


class Main(bahasa.Group):
    """The root group: a PPIDError from any command is one clear line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PPIDError as exc:
            for problem in getattr(exc, "problems", ()):  # e.g. every line of an invalid DIP
                click.echo(str(problem), err=True)
            raise click.ClickException(str(exc)) from exc


@click.group(
    cls=Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="ppid")
def main() -> None:
    """Perangkat PPID: DIP sebagai data, situs PPID, dan relay permohonan informasi.

    Contoh: ppid check
    """


for command in [
    *situs.COMMANDS,
    impor.impor,
    tahunan.tahunan,
    *permohonan.GROUPS,
    relay.relay,
    surat.surat_cmd,
    laporan.laporan_group,
    register.register_group,
    pengguna.pengguna,
    audit.audit,
    pengingat.pengingat,
    nasional.nasional,
]:
    main.add_command(command)


if __name__ == "__main__":
    main()
