"""The build recipe: load -> validate -> render -> mkdocs -> swap into place."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError

from site_builder.site.generate import swap_in


class BuildError(Exception):
    """The site could not be built; the message says why, in Indonesian."""


class _Collect(logging.Handler):
    """Keep mkdocs' warnings so a failed strict build can say what they were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path = Path("mkdocs.yml"), site_dir: Path = Path("site"),
               pratinjau: bool = False, strict: bool = True) -> Path:
    """Build the site into a temporary folder, then swap it in: a failed build changes nothing."""
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
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.addHandler(show)
    try:
        config = load_config(str(config_file), site_dir=str(tmp), strict=strict)
        plugin = config.plugins.get("ppid")
        if plugin is None:
            raise BuildError(f"{config_file}: plugin 'ppid' belum dipasang di bagian plugins")
        plugin.config.pratinjau = pratinjau or plugin.config.pratinjau
        mkdocs_build(config)
        swap_in(tmp, site_dir)
    except (PluginError, ConfigurationError) as exc:
        raise BuildError(str(exc)) from exc
    except Abort as exc:
        details = "".join(f"\n  - {m}" for m in collect.messages)
        raise BuildError(f"build dihentikan: {exc}{details}") from exc
    except MkDocsException as exc:
        raise BuildError(str(exc)) from exc
    finally:
        logger.removeHandler(collect)
        logger.removeHandler(show)
        shutil.rmtree(tmp, ignore_errors=True)
    return site_dir
