"""`ppid register`: the anonymised public register as a file (`export`), and the staff
registers in the Perki 1/2021 format (`permohonan`, `keberatan`: internal, personal data)."""

from __future__ import annotations

from pathlib import Path

import click

from ppid.cli.bahasa import Group
from ppid.cli.common import KANTOR, letterhead, office_or_exit, open_tracker, writable_folder

# Folders a build publishes (mkdocs docs_dir and site_dir, the preview): a staff register
# written into one of them would end up on the public site. These names under the working
# folder, and the folders the project's own mkdocs.yml names.
PUBLISHED = ("docs", "site", "pratinjau")
PERINGATAN = (
    "PERINGATAN: berkas ini berisi data pribadi pemohon (nama, NIK atau nomor SK, alamat, "
    "telepon, surel; UU 27/2022 tentang Pelindungan Data Pribadi) dan hanya untuk internal "
    "PPID. Jangan diterbitkan, diunggah ke situs, atau dibagikan; untuk publikasi gunakan "
    "'ppid register export'."
)


@click.group("register", cls=Group)
def register_group() -> None:
    """Register layanan informasi publik: publik (tanpa data pribadi) dan internal PPID.

    \b
    export      register publik yang dianonimkan (JSON, untuk situs)
    permohonan  register permohonan format Perki 1/2021 (XLSX, internal, data pribadi)
    keberatan   register keberatan format Perki 1/2021 (XLSX, internal, data pribadi)

    Contoh: ppid register export --out register.json
    """


@register_group.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Berkas JSON tujuan (mkdocs.yml: plugins: - ppid: register: <berkas>).",
)
@KANTOR
def register_export(out: Path) -> None:
    """Tulis register yang sudah dianonimkan ke berkas JSON untuk build di mesin lain.

    Isinya sama dengan /register.json di relay: inisial pemohon, ringkasan, status,
    keputusan, hari kerja; tanpa NIK, alamat, telepon, surel, atau tujuan penggunaan.

    Dalam layanan banyak kantor (PPID_KANTOR_FILE), register satu kantor: --kantor KODE.

    Contoh: ppid register export --out register.json
    """
    from forms import register as public_register
    from site_builder.files import write_atomic

    write_atomic(out, public_register.export(open_tracker()))
    click.echo(f"ditulis: {out}")


def _xlsx_out(_ctx: click.Context | None, param: click.Parameter | None, value: Path) -> Path:
    """An .xlsx file outside the published folders, in a folder that can be written."""
    if value.suffix.lower() != ".xlsx":
        raise click.BadParameter(
            f"'{value}' harus berakhiran .xlsx (mis. permohonan-2026.xlsx)", param=param
        )
    target = value.resolve()
    for folder in _published():
        if target.is_relative_to(folder):
            raise click.BadParameter(
                f"'{value}' ada di folder {folder.name}/ yang diterbitkan; register internal "
                "berisi data pribadi, simpan di luar folder situs",
                param=param,
            )
    writable_folder(value.parent)
    return value


def _published() -> list[Path]:
    """The published folders: the usual names here, and docs_dir and site_dir of the
    mkdocs.yml of the project the office profile (PPID_OFFICE_FILE) belongs to."""
    from forms.settings import Settings
    from site_builder.engine.config import SiteConfigError, read_site_config

    here = Path.cwd().resolve()
    found = [here / folder for folder in PUBLISHED]
    project = Settings.from_env().office_file.resolve().parent.parent
    try:
        site = read_site_config(project / "mkdocs.yml")
    except SiteConfigError:  # no site here: the usual names are all there is to check
        return found
    found += [site.docs_dir.resolve(), (site.site_dir or project / "site").resolve()]
    found.append(project / "pratinjau")
    return found


def _write_register(jenis: str, tahun: int | None, out: Path) -> None:
    from forms import staff_register
    from site_builder.files import write_atomic

    tracker = open_tracker()
    office = letterhead(office_or_exit(), tracker)
    today = tracker.today()
    year = tahun or today.year
    content, count = staff_register.export(tracker, jenis, year, office, today)
    try:
        write_atomic(out, content)
    except OSError as exc:
        raise click.ClickException(f"{out}: register tidak dapat ditulis ({exc.strerror})") from exc
    click.echo(f"ditulis: {out} ({count} {jenis} tahun {year}; INTERNAL, berisi data pribadi)")


TAHUN = click.option(
    "--tahun",
    type=click.IntRange(2008, 2100),
    default=None,
    help="Tahun register (tahun nomor pendaftaran; bawaan: tahun ini).",
)
OUT = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    callback=_xlsx_out,
    help="Berkas XLSX tujuan, di luar folder situs (docs/, site/).",
)


@register_group.command("permohonan", epilog=PERINGATAN)
@TAHUN
@OUT
@KANTOR
def register_permohonan(tahun: int | None, out: Path) -> None:
    """Tulis register permohonan informasi publik (format Perki 1/2021) ke berkas XLSX.

    Satu baris per permohonan tahun itu, yang terlama dahulu: nomor pendaftaran, tanggal,
    identitas dan kontak pemohon, informasi yang diminta, tujuan, status informasi,
    bentuk yang dikuasai, jenis permohonan, keputusan, alasan penolakan (Pasal 17),
    tanggal pemberitahuan tertulis dan penyerahan, biaya, hari kerja, tepat waktu atau
    terlambat, keterangan.

    DOKUMEN INTERNAL berisi data pribadi (UU 27/2022 PDP): jangan diterbitkan.

    Contoh: ppid register permohonan --tahun 2026 --out permohonan-2026.xlsx
    """
    _write_register("permohonan", tahun, out)


@register_group.command("keberatan", epilog=PERINGATAN)
@TAHUN
@OUT
@KANTOR
def register_keberatan(tahun: int | None, out: Path) -> None:
    """Tulis register keberatan (format Perki 1/2021) ke berkas XLSX.

    Satu baris per keberatan tahun itu, yang terlama dahulu: nomor keberatan, tanggal,
    identitas pemohon atau kuasanya, nomor pendaftaran permohonan, informasi yang diminta,
    tujuan, alasan keberatan (huruf a-g), keputusan dan tanggal tanggapan atasan PPID,
    nama dan jabatannya (dari dip/badan-publik.yml), tanggapan pemohon, sengketa.

    DOKUMEN INTERNAL berisi data pribadi (UU 27/2022 PDP): jangan diterbitkan.

    Contoh: ppid register keberatan --tahun 2026 --out keberatan-2026.xlsx
    """
    _write_register("keberatan", tahun, out)
