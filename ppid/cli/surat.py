"""`ppid surat N --jenis …`: the letters of a request or an objection."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import click

from forms.settings import Settings
from ppid.cli.bahasa import Command, parse_day
from ppid.cli.common import (
    KANTOR,
    OLEH,
    letterhead,
    office_or_exit,
    open_tracker,
    rincian_options,
    writable_folder,
)
from site_builder.dates import format_date


@click.command("surat", cls=Command)
@click.argument("nomor")
@click.option(
    "--jenis",
    "jenis_surat",
    required=True,
    type=click.Choice(
        ["tanda-terima", "pemberitahuan", "perpanjangan", "penolakan", "tanggapan-keberatan"]
    ),
    help="Jenis surat.",
)
@click.option(
    "--tanggal",
    "tanggal_surat",
    metavar="YYYY-MM-DD",
    callback=parse_day,
    help="Tanggal surat saat pertama dibuat (bawaan: tanggal peristiwanya: diterima, "
    "diperpanjang atau diputuskan); tidak dapat diubah setelah terbit.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("var/surat"),
    show_default=True,
    help="Folder tujuan.",
)
@OLEH
@KANTOR
def surat_cmd(
    nomor: str,
    jenis_surat: str,
    tanggal_surat: date | None,
    out: Path,
    oleh: str | None,
    **rincian: str | None,
) -> None:
    """Buat surat untuk satu permohonan atau keberatan: PDF, DOCX (dapat diubah) dan Markdown.

    \b
    Jenis surat:
      tanda-terima         tanda bukti penerimaan permohonan/keberatan
      pemberitahuan        pemberitahuan tertulis (UU 14/2008 Pasal 22 ayat 7)
      perpanjangan         pemberitahuan perpanjangan jangka waktu
      penolakan            keputusan PPID tentang penolakan (informasi dikecualikan)
      tanggapan-keberatan  tanggapan atasan PPID atas keberatan

    NOMOR boleh nomor urut saja (mis. 12) bila hanya satu permohonan atau keberatan tahun
    ini yang bernomor urut itu; bila tidak, tulis nomor lengkapnya.

    Nomor dan tanggal surat diberikan sekali dan dicatat di linimasa; mencetak ulang
    memberi nomor dan tanggal yang sama. Isi surat berasal dari templat di
    forms/templates/surat/; salin berkasnya ke templat/surat/ (atau PPID_TEMPLAT_SURAT)
    untuk mengubah teks tanpa mengubah kode.

    Contoh: ppid surat 0012/PPID/XI/2026 --jenis pemberitahuan
    """
    from forms.surat import make, write

    tracker = open_tracker()
    settings = Settings.from_env()
    catalogue = office_or_exit(settings)
    writable_folder(out)
    try:
        # letters serve both kinds: a short number must be unique across them, whatever
        # the letter (make() then refuses a letter the record's kind cannot have)
        ref = tracker.resolve("semua", nomor)
        record, letter = make(
            tracker,
            ref,
            jenis_surat,
            letterhead(catalogue, tracker),
            catalogue,
            rincian={k: v for k, v in rincian.items() if v},
            day=tanggal_surat,
            letter_format=settings.letter_format,
            letter_format_atasan=settings.letter_format_atasan,
            templates=settings.letter_templates,
            oleh=oleh or getpass.getuser(),
        )
        paths = write(letter, record, out)
    except OSError as exc:
        raise click.ClickException(
            f"{out}: surat tidak dapat ditulis ({exc.strerror}); "
            "nomornya tetap, cetak ulang ke folder lain"
        ) from exc
    click.echo(f"{letter.nomor} ({format_date(letter.tanggal)}), {record.nomor}:")
    for path in paths:
        click.echo(f"  {path}")


for _option in rincian_options():
    surat_cmd = _option(surat_cmd)
