"""`ppid register export`: the anonymised public register as a file, for a build elsewhere."""

from __future__ import annotations

from pathlib import Path

import click

from ppid.cli.bahasa import Group
from ppid.cli.common import open_tracker


@click.group("register", cls=Group)
def register_group() -> None:
    """Register layanan informasi publik (tanpa data pribadi).

    Contoh: ppid register export --out register.json
    """


@register_group.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Berkas JSON tujuan (mkdocs.yml: plugins: - ppid: register: <berkas>).",
)
def register_export(out: Path) -> None:
    """Tulis register yang sudah dianonimkan ke berkas JSON untuk build di mesin lain.

    Isinya sama dengan /register.json di relay: inisial pemohon, ringkasan, status,
    keputusan, hari kerja; tanpa NIK, alamat, telepon, surel, atau tujuan penggunaan.

    Contoh: ppid register export --out register.json
    """
    from forms import register as public_register
    from site_builder.files import write_atomic

    write_atomic(out, public_register.export(open_tracker()))
    click.echo(f"ditulis: {out}")
