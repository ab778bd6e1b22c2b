"""`ppid laporan …`: the monthly report to the head of the office and the annual report."""

from __future__ import annotations

from pathlib import Path

import click

from forms.settings import Settings
from ppid.cli.bahasa import Command, Group
from ppid.cli.common import (
    KANTOR,
    letterhead,
    office_or_exit,
    office_today,
    open_tracker,
    write_document,
)


@click.group("laporan", cls=Group)
def laporan_group() -> None:
    """Laporan layanan informasi publik: bulanan (untuk pimpinan) dan tahunan (Perki 1/2021).

    Contoh: ppid laporan bulanan --bulan 2026-11
    """


@laporan_group.command("bulanan", cls=Command)
@click.option("--bulan", required=True, metavar="YYYY-MM", help="Bulan yang dilaporkan.")
@click.option(
    "--kepada", metavar="JABATAN", help="Penerima nota dinas (bawaan: jabatan atasan PPID)."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("var/laporan"),
    show_default=True,
    help="Folder tujuan.",
)
@KANTOR
def laporan_bulanan(bulan: str, kepada: str | None, out: Path) -> None:
    """Laporan bulanan kepada pimpinan: jumlah layanan bulan itu dan linimasa setiap
    permohonan yang melewati tenggat (PDF, DOCX, Markdown). Berisi nama petugas: internal.

    Contoh: ppid laporan bulanan --bulan 2026-11
    """
    from forms.laporan import Bulan, bulanan

    try:
        month = Bulan.parse(bulan)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--bulan'") from exc
    tracker = open_tracker()
    catalogue = office_or_exit()
    fmt = Settings.from_env().nota_dinas_format
    doc = bulanan(tracker, month, letterhead(catalogue, tracker), tracker.today(), kepada, fmt)
    for path in write_document(doc, out, f"laporan-bulanan-{month.tahun}-{month.bulan:02d}"):
        click.echo(f"ditulis: {path}")


@laporan_group.command("tahunan", cls=Command)
@click.option(
    "--tahun", required=True, type=click.IntRange(2008, 2100), help="Tahun yang dilaporkan."
)
@click.option(
    "--narasi",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Berkas narasi (bawaan: laporan/tahunan-<tahun>.yml).",
)
@click.option(
    "--register",
    "register_spec",
    default="auto",
    show_default=True,
    help="Sumber register: auto (basis data relay), berkas ekspor, atau URL.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("var/laporan"),
    show_default=True,
    help="Folder tujuan.",
)
def laporan_tahunan(tahun: int, narasi: Path | None, register_spec: str, out: Path) -> None:
    """Laporan tahunan layanan informasi publik (Perki 1/2021 Pasal 56): angka dari register,
    bagian naratif dari berkas YAML yang ditulis PPID (PDF, DOCX, Markdown). Situs juga
    menerbitkannya di laporan/tahunan-<tahun>/ bila berkas narasinya ada.

    Contoh: ppid laporan tahunan --tahun 2026
    """
    from ppid import register_file
    from site_builder.laporan import tahunan as laporan

    path = narasi or laporan.narasi_path(Path("."), tahun)
    story, problems = laporan.load_narasi(path)
    for problem in problems:
        click.echo(str(problem), err=True)
    if story is None:
        raise click.ClickException(f"narasi laporan tahunan {tahun} tidak dapat dipakai")
    if story.tahun != tahun:
        raise click.ClickException(f"{path} berisi narasi tahun {story.tahun}, bukan {tahun}")
    catalogue = office_or_exit()
    rows = register_file.rows(register_spec, Path("."))
    if rows is None:
        raise click.ClickException(
            "register tidak ditemukan: jalankan di folder yang memiliki "
            "basis data relay, atau beri --register <berkas ekspor>"
        )
    doc = laporan.tahunan(rows, story, catalogue.office, office_today())
    for path in write_document(doc, out, f"laporan-tahunan-{tahun}"):
        click.echo(f"ditulis: {path}")


@laporan_group.command("narasi", cls=Command)
@click.option("--tahun", required=True, type=click.IntRange(2008, 2100), help="Tahun laporan.")
def laporan_narasi(tahun: int) -> None:
    """Buat kerangka berkas narasi laporan tahunan (laporan/tahunan-<tahun>.yml) untuk diisi.

    Contoh: ppid laporan narasi --tahun 2026
    """
    from site_builder.files import write_atomic
    from site_builder.laporan import tahunan as laporan

    path = laporan.narasi_path(Path("."), tahun)
    if path.exists():
        raise click.ClickException(f"{path} sudah ada; ubah berkas itu")
    write_atomic(path, laporan.SKELETON.format(tahun=tahun, next_year=tahun + 1))
    click.echo(f"ditulis: {path}; isi setiap bagian, lalu 'ppid laporan tahunan --tahun {tahun}'")
