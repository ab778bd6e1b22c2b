"""The build recipe: inputs -> render -> mkdocs -> swap into place.

`check` reports every problem of those inputs for `ppid check`; `gather` reads everything
a site is made from (the DIP, its archived editions, the public
register, the annual reports' narratives), once, for every entry point: the mkdocs plugin
(`ppid build`, plain `mkdocs build`) and `ppid generate`. `build_site` runs mkdocs with the
plugin into a temporary folder and swaps the finished site in; a failed build changes
nothing.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError

from site_builder.dip import codeowners, kewajiban
from site_builder.dip.loader import load
from site_builder.dip.model import Catalogue
from site_builder.engine.config import SiteConfig
from site_builder.engine.generate import generated, swap_in, write_tree
from site_builder.errors import PPIDError
from site_builder.laporan import tahunan as laporan
from site_builder.laporan.tahunan import Narasi
from site_builder.problems import Problem, summary
from site_builder.register import RegisterRow
from site_builder.register import load as load_register
from site_builder.tahunan.arsip import editions
from site_builder.tahunan.arsip import verify as verify_archives


class BuildError(PPIDError):
    """The site could not be built; the message says why, in Indonesian."""


class InvalidDIP(BuildError):
    """The DIP has errors: the message counts them, `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"DIP tidak valid: {summary(problems)}")


@dataclass(frozen=True)
class SiteInputs:
    """What a site is made from, read once and checked."""

    catalogue: Catalogue
    archives: dict[int, Catalogue]
    register: list[RegisterRow] | None
    reports: dict[int, Narasi]
    warnings: list[Problem]


def gather(cfg: SiteConfig) -> SiteInputs:
    """The site's inputs; InvalidDIP, RegisterError or BuildError saying what is unusable."""
    result = load(cfg.dip_dir)
    if not result.ok or result.catalogue is None:
        raise InvalidDIP(list(result.problems))
    return SiteInputs(
        result.catalogue,
        load_archives(cfg.arsip_dir),
        load_register(cfg.register, cfg.base_dir),
        load_reports(cfg.base_dir),
        list(result.problems),
    )


def check(dip_dir: Path, today: date | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Every problem of the site's inputs, without stopping at the first: the DIP, the
    archived editions' manifests, the annual reports' narratives, CODEOWNERS, and a warning
    for each mandatory item of the DIP that no approved entry fulfils."""
    result = load(dip_dir, today)
    problems = list(result.problems)
    repo_root = dip_dir.resolve().parent
    problems += verify_archives(repo_root / "arsip")
    problems += laporan.load_all(repo_root)[1]
    catalogue = result.catalogue if result.ok else None
    if result.catalogue is not None:
        problems += codeowners.check(result.catalogue, repo_root, dip_dir.name)
        daftar, _ = kewajiban.read()  # its own problems are among the loader's
        if daftar is not None:
            problems += kewajiban.unmet(result.catalogue, daftar)
    return catalogue, problems


def load_reports(base_dir: Path) -> dict[int, Narasi]:
    """The annual-report narratives under laporan/; BuildError listing their problems."""
    reports, problems = laporan.load_all(base_dir)
    errors = [str(p) for p in problems if p.is_error]
    if errors:
        raise BuildError("narasi laporan tahunan tidak valid:\n" + "\n".join(errors))
    return reports


def load_archives(arsip_dir: Path) -> dict[int, Catalogue]:
    """The archived editions that the site still serves, by year."""
    out: dict[int, Catalogue] = {}
    for tahun in editions(arsip_dir):
        # An archive is judged by the rules of its own day: expiry warnings do not apply, and
        # its `kewajiban` ids are those of its year's list of mandatory items.
        result = load(arsip_dir / str(tahun) / "dip", mandatory=False)
        if result.catalogue is None:
            raise BuildError(
                f"arsip DIP {tahun} tidak dapat dibaca: "
                + "; ".join(str(p) for p in result.problems if p.is_error)
            )
        out[tahun] = result.catalogue
    return out


def generate_site(cfg: SiteConfig, out_dir: Path, pratinjau: bool = False) -> int:
    """Write every generated page (and docs/) to a folder, as the plugin adds them."""
    inputs = gather(cfg)
    files = generated(
        inputs.catalogue,
        cfg.render_options(pratinjau),
        cfg.site_url,
        inputs.archives,
        inputs.register,
        inputs.reports,
    )
    return write_tree(files, out_dir, cfg.docs_dir)


class _Collect(logging.Handler):
    """Keep mkdocs' warnings so a failed strict build can say what they were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    config_file: Path = Path("mkdocs.yml"),
    site_dir: Path = Path("site"),
    pratinjau: bool = False,
    strict: bool = True,
    register: str | None = None,
    kantor: str | None = None,
) -> Path:
    """Build the site into a temporary folder, then swap it in: a failed build changes nothing.

    `register` overrides the plugin's register source (the command layer passes the file it
    wrote from the relay's database), `kantor` its office (`ppid build --kantor`)."""
    # The theme's end-of-life banner is for the IT person (README), not for every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if not config_file.is_file():
        raise BuildError(f"{config_file}: berkas konfigurasi mkdocs tidak ditemukan")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-baru-", dir=site_dir.parent))
    collect = _Collect()
    show = logging.StreamHandler()
    show.setLevel(logging.WARNING)
    show.setFormatter(logging.Formatter("peringatan mkdocs: %(message)s"))
    plugin = None
    # the plugin's own refusal is raised below as it is, not echoed by mkdocs' log first
    show.addFilter(lambda _record: plugin is None or plugin.failure is None)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.addHandler(show)
    try:
        config = load_config(str(config_file), site_dir=str(tmp), strict=strict)
        plugin = config.plugins.get("ppid")
        if plugin is None:
            raise BuildError(f"{config_file}: plugin 'ppid' belum dipasang di bagian plugins")
        plugin.config.pratinjau = pratinjau or plugin.config.pratinjau
        if register is not None:
            plugin.config.register = register
        if kantor is not None:
            plugin.config.kantor = kantor
        mkdocs_build(config)
        swap_in(tmp, site_dir)
    except (PluginError, ConfigurationError) as exc:
        raise BuildError(str(exc)) from exc
    except Abort as exc:
        if plugin is not None and plugin.failure is not None:
            raise plugin.failure from None
        details = "".join(f"\n  - {m}" for m in collect.messages)
        raise BuildError(f"build dihentikan: {exc}{details}") from exc
    except MkDocsException as exc:
        raise BuildError(str(exc)) from exc
    finally:
        logger.removeHandler(collect)
        logger.removeHandler(show)
        shutil.rmtree(tmp, ignore_errors=True)
    return site_dir
