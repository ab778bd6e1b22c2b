"""`ppid impor`: an office's existing DIP spreadsheet into dip/<unit>/<slug>.yml drafts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ppid.cli import bahasa as cli_id
from ppid.cli.bahasa import Command
from ppid.cli.situs import DIP_OPTION
from site_builder.dip.loader import display_path


@click.command("impor", cls=Command)
@click.argument("berkas", type=click.Path(path_type=Path, dir_okay=False))
@DIP_OPTION
@click.option(
    "--unit",
    metavar="UNIT",
    help="Masukkan semua baris ke satu unit (nama folder atau nama unit), apa pun isi kolom "
    "unitnya.",
)
@click.option(
    "--coba", is_flag=True, help="Uji coba: cetak berkas yang akan ditulis, tanpa menulis."
)
@click.option(
    "--paksa",
    is_flag=True,
    help="Tulis baris yang benar walaupun baris lain bermasalah (baris bermasalah dilewati).",
)
@click.option(
    "--hari-ini",
    callback=cli_id.parse_day,
    metavar="YYYY-MM-DD",
    help="Tanggal 'diperbarui' bagi baris tanpa kolom itu (bawaan: hari ini).",
)
def impor(
    berkas: Path, dip_dir: Path, unit: str | None, coba: bool, paksa: bool, hari_ini: date | None
) -> None:
    """Impor DIP yang sudah ada dari spreadsheet (.xlsx atau .csv): satu entri per baris.

    Kolom dikenali dari judulnya (Ringkasan Isi Informasi, Pejabat/Unit yang Menguasai,
    Penanggung Jawab, Waktu dan Tempat, Bentuk Informasi atau kolom Cetak/Softcopy/Rekaman,
    Jangka Waktu Penyimpanan, kategori atau satu lembar per kategori). Setiap entri ditulis
    berstatus draf ke folder unitnya; unit yang belum ada dibuat dengan unit.yml. Berkas yang
    sudah ada tidak pernah ditimpa. Setiap masalah dicetak per baris dengan lembar, baris dan
    kolomnya; bila ada galat, tidak ada yang ditulis (kecuali dengan --paksa).

    Contoh: ppid impor DIP-2026.xlsx --coba
    """
    from forms.startup import office_rules
    from site_builder import impor as importer
    from site_builder.dip.loader import OFFICE_FILE
    from site_builder.problems import summary

    today = hari_ini or office_rules(dip_dir / OFFICE_FILE).clock.today()
    result = importer.plan(berkas, dip_dir, today=today, unit=unit, display=display_path(berkas))
    if coba:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        for planned in result.files:
            click.echo(f"--- {display_path(planned.path)}")
            click.echo(planned.text, nl=False)
        click.echo(
            f"uji coba: {result.entries} dari {result.rows} baris akan ditulis "
            f"({len(result.files)} berkas); {summary(result.problems)}",
            err=True,
        )
        if not result.ok:
            raise SystemExit(1)  # as `ppid check`: a script sees that the file is not ready
        return
    if not result.ok and not paksa:
        raise importer.ImportRefused(result.problems)  # printed, with each problem, by main
    for problem in result.problems:
        click.echo(str(problem), err=True)
    written = importer.write(result, paksa=paksa)
    for path in written:
        click.echo(f"ditulis: {display_path(path)}")
    skipped = result.rows - result.entries
    click.echo(
        f"{result.entries} dari {result.rows} baris diimpor sebagai draf"
        + (f"; {skipped} baris bermasalah dilewati" if skipped else "")
        + ". Periksa dengan: ppid check",
        err=True,
    )
    if not result.ok:
        raise SystemExit(1)
