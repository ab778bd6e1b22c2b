"""`ppid nasional`: the national portal from every office's published files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ppid.cli.bahasa import Command


@click.command("nasional", cls=Command)
@click.option(
    "--kantor",
    "kantor_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="BERKAS",
    required=True,
    help="Daftar kantor (kantor.yml): kode, nama, tingkat, induk, situs setiap kantor.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    required=True,
    help="Folder portal yang ditulis; diganti utuh hanya bila build selesai.",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    default=Path(".ppid") / "nasional",
    show_default=True,
    help="Folder salinan terakhir yang baik dari situs setiap kantor.",
)
@click.option(
    "--batas-waktu",
    type=click.FloatRange(0.5, 120),
    metavar="DETIK",
    default=10.0,
    show_default=True,
    help="Detik menunggu jawaban situs kantor (lalu dicoba sekali lagi).",
)
@click.option(
    "--ketat",
    is_flag=True,
    help="Keluar dengan kode 1 bila data suatu kantor tertinggal atau tidak ada.",
)
def nasional(
    kantor_file: Path, out_dir: Path, cache_dir: Path, batas_waktu: float, ketat: bool
) -> None:
    """Bangun portal nasional: pencarian DIP semua kantor, statistik layanan informasi
    per provinsi dan nasional, halaman setiap kantor, dan daftar kantor yang datanya
    tertinggal atau tidak ada.

    Setiap kantor dibaca dari situsnya (https://...) atau dari folder hasil build-nya:
    unduh/dip.json, unduh/dik.json (bila ada), data.json dan register.json. Bila situs
    kantor tidak menjawab, salinan terakhir yang baik di --cache yang dipakai, dan kantor
    itu ditandai tertinggal. Register hanya dihitung; tidak ada data pemohon di portal.

    Contoh: ppid nasional --kantor kantor.yml --out site
    """
    from site_builder import kantor
    from site_builder.nasional.portal import build

    registry, problems = kantor.load(kantor_file)
    if registry is None:
        errors = sum(1 for p in problems if p.is_error)
        raise kantor.RegistryError(
            f"{kantor_file}: daftar kantor tidak dapat dipakai ({errors} galat)", problems
        )
    for problem in problems:
        click.echo(str(problem), err=True)
    hasil = build(registry, out_dir, cache=cache_dir, timeout=batas_waktu)
    for problem in hasil.problems:
        click.echo(str(problem), err=True)
    stale = sum(1 for d in hasil.kantor if d.status == "tertinggal")
    missing = sum(1 for d in hasil.kantor if d.status == "tidak_ada")
    click.echo(
        f"Portal nasional ditulis ke {out_dir}: {len(hasil.kantor)} kantor, "
        f"{hasil.entri} entri DIP, {hasil.halaman} berkas; {stale} kantor tertinggal, "
        f"{missing} kantor tidak ada atau tidak lengkap."
    )
    if ketat and (stale or missing):
        click.echo("Galat: ada kantor yang datanya tertinggal atau tidak ada (--ketat).", err=True)
        sys.exit(1)
