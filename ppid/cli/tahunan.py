"""`ppid tahunan …`: the annual DIP update, stage by stage, each safe to re-run."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from ppid.cli.bahasa import Group, parse_day
from ppid.cli.common import office_today
from site_builder.dates import format_date

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Akar repositori (berisi dip/, arsip/, tahunan/).",
)


def _report(out: Any) -> None:
    for path in out.ditulis:
        click.echo(f"ditulis: {path}")
    for path in out.tetap:
        click.echo(f"tetap:   {path}")
    click.echo(f"{len(out.ditulis)} berkas berubah, {len(out.tetap)} sudah mutakhir.", err=True)


@click.group("tahunan", cls=Group)
def tahunan() -> None:
    """Pemutakhiran DIP tahunan: buka edisi baru, daftar kerja, nota dinas, pengesahan.

    Contoh: ppid tahunan buka --tahun 2027
    """


@tahunan.command()
@ROOT_OPTION
@click.option(
    "--tahun",
    type=click.IntRange(2008, 2100),
    required=True,
    help="Tahun edisi DIP yang dibuka (edisi berlaku + 1).",
)
@click.option(
    "--mulai",
    callback=parse_day,
    metavar="YYYY-MM-DD",
    help="Hari pertama tahap pengumpulan (bawaan: hari ini).",
)
@click.option(
    "--hari-ini", callback=parse_day, metavar="YYYY-MM-DD", help="Tanggal acuan (bawaan: hari ini)."
)
def buka(root: Path, tahun: int, mulai: date | None, hari_ini: date | None) -> None:
    """Buka edisi DIP baru: jadwal, arsip edisi berlaku, daftar kerja dan nota dinas per unit.

    Aman dijalankan ulang: yang sudah ada tidak diubah (arsip tidak pernah ditulis ulang).

    Contoh: ppid tahunan buka --tahun 2027 --mulai 2027-01-04
    """
    from site_builder.tahunan import siklus  # reportlab is heavy: load it only when needed

    today = hari_ini or office_today()
    out = siklus.buka(siklus.Layout(root), tahun, mulai or today, today)
    _report(out)


@tahunan.command()
@ROOT_OPTION
@click.option("--nomor-sk", required=True, help="Nomor SK Penetapan DIP.")
@click.option(
    "--tanggal",
    "tanggal_sk",
    callback=parse_day,
    required=True,
    metavar="YYYY-MM-DD",
    help="Tanggal penetapan SK.",
)
@click.option("--oleh", required=True, help="Yang mengesahkan (nama dan jabatan).")
@click.option(
    "--hari-ini", callback=parse_day, metavar="YYYY-MM-DD", help="Tanggal acuan (bawaan: hari ini)."
)
def sahkan(root: Path, nomor_sk: str, tanggal_sk: date, oleh: str, hari_ini: date | None) -> None:
    """Sahkan edisi yang disusun: metadata pengesahan entri, SK Penetapan DIP dan lampirannya.

    Entri berstatus draf tidak ikut disahkan. Aman dijalankan ulang.

    Contoh: ppid tahunan sahkan --nomor-sk "3/PP.06-Kpt/3301/2027" --tanggal 2027-01-25
    --oleh "Sekretaris"
    """
    from site_builder.tahunan import siklus

    out = siklus.sahkan(siklus.Layout(root), nomor_sk, tanggal_sk, oleh, hari_ini or office_today())
    _report(out)


@tahunan.command()
@ROOT_OPTION
def status(root: Path) -> None:
    """Tampilkan edisi berlaku, edisi yang disusun, tahapan dan jadwalnya.

    Contoh: ppid tahunan status
    """
    from site_builder.dip.loader import load
    from site_builder.tahunan import arsip

    result = load(root / "dip")
    if result.catalogue is None:
        raise click.ClickException("DIP tidak valid; jalankan 'ppid check'")
    office = result.catalogue.office
    click.echo(
        f"Edisi berlaku: DIP {office.dip.tahun} (SK {office.dip.nomor_sk}, "
        f"{format_date(office.dip.tanggal_penetapan)})"
    )
    archived = arsip.editions(root / "arsip")
    click.echo(f"Arsip: {', '.join(map(str, archived)) if archived else 'belum ada'}")
    ed = office.edisi_baru
    if ed is None:
        click.echo("Tidak ada edisi yang sedang disusun.")
        return
    click.echo(f"Sedang disusun: DIP {ed.tahun}, tahapan {ed.tahapan}")
    for stage, period in ed.jadwal.items():
        mark = "*" if stage == ed.tahapan else " "
        click.echo(
            f" {mark} {stage:<12} {format_date(period.mulai)} s.d. {format_date(period.selesai)}"
        )


@tahunan.command("periksa-tautan")
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="Folder situs hasil build.",
)
def periksa_tautan(site_dir: Path) -> None:
    """Periksa semua tautan situs hasil build (tanpa akses jaringan).

    Tautan internal harus menuju berkas yang ada; tautan eksternal harus berbentuk alamat web
    yang sah.

    Contoh: ppid tahunan periksa-tautan --site-dir site
    """
    from site_builder.engine.tautan import check_site

    if not site_dir.is_dir():
        raise click.ClickException(f"{site_dir}: folder situs tidak ada; jalankan 'ppid build'")
    problems = check_site(site_dir)
    for p in problems:
        click.echo(str(p))
    if problems:
        raise click.ClickException(f"{len(problems)} tautan bermasalah")
    click.echo("Semua tautan baik.", err=True)
