"""`ppid check`, `schema`, `generate`, `build`, `serve`, `codeowners`: the DIP and its site."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ppid import register_file
from ppid.cli import bahasa as cli_id
from ppid.cli.bahasa import Command
from site_builder import text
from site_builder.dip import schema
from site_builder.problems import Severity, summary

if TYPE_CHECKING:
    from site_builder.engine.config import SiteConfig

DIP_OPTION = click.option(
    "--dip",
    "dip_dir",
    type=click.Path(path_type=Path),
    default=Path("dip"),
    show_default=True,
    help="Folder DIP (berisi badan-publik.yml dan satu folder per unit).",
)
CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="Berkas konfigurasi mkdocs.",
)
PRATINJAU_OPTION = click.option(
    "--pratinjau", is_flag=True, help="Sertakan entri berstatus draf, dengan label 'draf'."
)
MESIN_OPTION = click.option(
    "--mesin",
    type=click.Choice(["mkdocs", "zensical"]),
    default=None,
    help="Mesin pembangun situs (bawaan: 'mesin:' plugin ppid di mkdocs.yml, atau mkdocs).",
)

KANTOR_OPTION = click.option(
    "--kantor",
    metavar="KODE",
    default=None,
    help="Kode kantor pemilik situs bila satu relay melayani banyak kantor (PPID_KANTOR_FILE): "
    "formulir mengirim ke /f/KODE/... dan register hanya milik kantor itu "
    "(bawaan: 'kantor:' plugin ppid di mkdocs.yml).",
)


@click.command(cls=Command)
@DIP_OPTION
@click.option("--strict", is_flag=True, help="Anggap peringatan sebagai galat.")
@click.option(
    "--hari-ini",
    callback=cli_id.parse_day,
    metavar="YYYY-MM-DD",
    help="Tanggal acuan pemeriksaan (bawaan: hari ini).",
)
def check(dip_dir: Path, strict: bool, hari_ini: date | None) -> None:
    """Periksa seluruh DIP (dan narasi laporan tahunan) lalu cetak setiap masalah per baris.

    Format setiap baris: berkas:baris:kolom: elemen: pesan. Keluar dengan kode 1 bila ada
    galat (atau peringatan, dengan --strict), 0 bila bersih.

    Contoh: ppid check --strict
    """
    from site_builder.engine.recipe import check as check_inputs

    catalogue, problems = check_inputs(dip_dir, hari_ini)
    for problem in problems:
        click.echo(str(problem))
    click.echo(summary(problems), err=True)
    failed = (
        any(p.is_error for p in problems)
        or catalogue is None
        or (strict and any(p.severity is Severity.PERINGATAN for p in problems))
    )
    if catalogue is not None and not failed:
        n = len(catalogue.entries)
        click.echo(f"{n} entri di {len(catalogue.units)} unit diperiksa.", err=True)
    sys.exit(1 if failed else 0)


@click.command("schema", cls=Command)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Tulis semua skema ke folder ini (bawaan: cetak skema entri).",
)
@click.option(
    "--jenis",
    type=click.Choice(sorted(schema.SCHEMAS)),
    default="entri",
    show_default=True,
    help="Skema yang dicetak bila tanpa --out.",
)
def schema_command(out_dir: Path | None, jenis: str) -> None:
    """Ekspor JSON Schema DIP untuk validasi langsung di editor (VS Code).

    Contoh: ppid schema --out schemas
    """
    if out_dir is None:
        click.echo(json.dumps(schema.json_schema(jenis), ensure_ascii=False, indent=2))
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for kind in sorted(schema.SCHEMAS):
        target = out_dir / f"{kind}.schema.json"
        target.write_text(schema.json_schema_text(kind), encoding="utf-8")
        click.echo(f"ditulis: {target}")


@click.command(cls=Command)
@CONFIG_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder tujuan (diganti seluruhnya).",
)
@PRATINJAU_OPTION
@KANTOR_OPTION
def generate(config_file: Path, out_dir: Path, pratinjau: bool, kantor: str | None) -> None:
    """Tulis halaman yang dibangkitkan dari DIP sebagai Markdown (plus docs/) ke sebuah folder.

    Hasilnya sama dengan yang ditambahkan plugin mkdocs ke situs, sehingga folder itu dapat
    dibangun dengan mkdocs biasa (docs_dir) tanpa plugin.

    Contoh: ppid generate --out build/docs --kantor 6201
    """
    from site_builder.engine.config import read_site_config
    from site_builder.engine.recipe import generate_site

    cfg = read_site_config(config_file)
    kode = _kantor(config_file, cfg.kantor, kantor)
    cfg = replace(
        cfg, kantor=kode, register=register_file.prepare(cfg.register, cfg.base_dir, kode)
    )
    n = generate_site(cfg, out_dir, pratinjau)
    click.echo(f"{n} berkas dibangkitkan ke {out_dir}")


@click.command(cls=Command)
@CONFIG_OPTION
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder hasil build.",
)
@PRATINJAU_OPTION
@MESIN_OPTION
@KANTOR_OPTION
def build(
    config_file: Path, site_dir: Path, pratinjau: bool, mesin: str | None, kantor: str | None
) -> None:
    """Bangun situs PPID (mkdocs --strict, atau Zensical) ke folder site/.

    Situs dibangun di folder sementara dan baru menggantikan site/ bila berhasil. Dengan
    --mesin zensical halaman DIP ditulis ke .ppid/zensical/ lalu dibangun Zensical;
    hasilnya situs yang sama.

    Contoh: ppid build --pratinjau --site-dir pratinjau
    """
    cfg = _site_config(config_file)
    kode = _kantor(config_file, cfg.kantor if cfg else "", kantor)
    out = _build(config_file, site_dir, pratinjau, mesin, kode)
    click.echo(f"Situs dibangun di {out}")


@click.command(cls=Command)
@CONFIG_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat yang didengar.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Porta yang didengar.",
)
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder hasil build yang disajikan.",
)
@PRATINJAU_OPTION
@MESIN_OPTION
@KANTOR_OPTION
def serve(
    config_file: Path,
    host: str,
    port: int,
    site_dir: Path,
    pratinjau: bool,
    mesin: str | None,
    kantor: str | None,
) -> None:
    """Bangun situs lalu sajikan bersama relay formulir pada satu porta.

    Bentuk bawaan untuk satu komputer: basis data SQLite di var/, formulir di situs
    mengirim ke relay yang sama. Konfigurasi relay lewat variabel lingkungan PPID_*.
    Dengan PPID_KANTOR_FILE relay melayani semua kantor; --kantor memilih situs kantor
    yang disajikan.

    Contoh: ppid serve --port 8000
    """
    import socket

    from ppid.server import relay_settings, serve_site

    settings = relay_settings()  # the relay's PPID_* variables, before a minute of build
    cfg = _site_config(config_file)
    kode = _kantor(config_file, cfg.kantor if cfg else "", kantor)
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.ClickException(
                f"porta {host}:{port} tidak dapat dipakai ({exc.strerror}); "
                "hentikan program yang memakainya atau pilih --port lain"
            ) from exc
    out = _build(config_file, site_dir, pratinjau, mesin, kode)
    click.echo(f"Situs dibangun di {out}; buka http://{host}:{port}/ (Ctrl+C untuk berhenti)")
    serve_site(
        out,
        host,
        port,
        config_file=config_file,
        pratinjau=pratinjau,
        settings=settings,
        mesin=mesin,
        kantor=kode,
    )


@click.command("codeowners", cls=Command)
@DIP_OPTION
def codeowners_command(dip_dir: Path) -> None:
    """Tulis .github/CODEOWNERS dari peninjau setiap unit.

    Perubahan pada entri sebuah unit lalu memerlukan persetujuan peninjau unit itu.
    'ppid check' gagal bila berkas ini tidak mutakhir.

    Contoh: ppid codeowners
    """
    from site_builder.dip import codeowners
    from site_builder.files import write_atomic

    catalogue = _load_or_exit(dip_dir)
    target = codeowners.path_for(dip_dir.resolve().parent)
    changed = write_atomic(target, codeowners.render(catalogue, dip_dir.name))
    click.echo(f"{'ditulis' if changed else 'sudah mutakhir'}: {target}")


def _load_or_exit(dip_dir: Path):  # type: ignore[no-untyped-def]
    from site_builder.dip.loader import load

    result = load(dip_dir)
    if not result.ok or result.catalogue is None:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"DIP tidak valid: {summary(result.problems)}")
    return result.catalogue


def _site_config(config_file: Path) -> SiteConfig | None:
    from site_builder.engine.config import read_site_config

    return read_site_config(config_file) if config_file.is_file() else None


def _kantor(config_file: Path, configured: str, option: str | None) -> str:
    """The office a site is built for: --kantor, else the plugin's `kantor:`. With an
    office registry (PPID_KANTOR_FILE) it must be one of its offices; without a kode there,
    a warning: the plain /f/permohonan such a relay refuses."""
    from forms.settings import Settings
    from forms.startup import registry_of
    from site_builder.engine.config import SiteConfigError, check_kantor

    if option is not None:
        kode, where = check_kantor(option, "--kantor"), "--kantor"
    else:
        kode, where = configured, f"{config_file}: plugins.ppid.kantor"
    registry = registry_of(Settings.from_env())
    if registry is None:
        return kode
    if not kode:
        click.echo(
            "peringatan: PPID_KANTOR_FILE diisi (banyak kantor) tetapi kantor situs tidak "
            "disebut: formulirnya mengirim ke /f/permohonan, yang ditolak relay; sebutkan "
            f"--kantor KODE, misalnya --kantor {registry.kantor[0].kode}",
            err=True,
        )
        return kode
    if registry.get(kode) is None:
        raise SiteConfigError(
            f"{where}: kantor '{text.shown(kode)}' tidak ada di daftar kantor {registry.path} "
            "(PPID_KANTOR_FILE)"
        )
    return kode


def _build(
    config_file: Path,
    site_dir: Path,
    pratinjau: bool,
    mesin: str | None = None,
    kode: str = "",
) -> Path:
    """The site built with the register written from the relay's database, when it is here;
    `kode` the office _kantor() chose (its register only, its forms' paths)."""
    from site_builder.engine.mesin import build_site

    cfg = _site_config(config_file)
    source = register_file.prepare(cfg.register, cfg.base_dir, kode) if cfg else None
    return build_site(config_file, site_dir, pratinjau, register=source, mesin=mesin, kantor=kode)


COMMANDS = [check, schema_command, generate, build, serve, codeowners_command]
