"""The engine a site is built with: mkdocs (recipe.build_site) or Zensical (engine/zensical.py).

`ppid build --mesin`, `ppid serve --mesin` and the register watcher of `ppid serve` come
here; without a choice on the command line, mkdocs.yml's `mesin:` under the `ppid` plugin
decides (mkdocs when it says nothing).
"""

from __future__ import annotations

from pathlib import Path

from site_builder.engine import recipe
from site_builder.engine.config import check_mesin, read_site_config


def chosen(config_file: Path, mesin: str | None = None) -> str:
    """The engine: the one asked for, else mkdocs.yml's, else mkdocs."""
    if mesin is not None:
        return check_mesin(mesin, "--mesin")
    return read_site_config(config_file).mesin if config_file.is_file() else "mkdocs"


def build_site(
    config_file: Path = Path("mkdocs.yml"),
    site_dir: Path = Path("site"),
    pratinjau: bool = False,
    strict: bool = True,
    register: str | None = None,
    mesin: str | None = None,
    kantor: str | None = None,
) -> Path:
    """Build with the chosen engine into a temporary folder and swap it in (both engines)."""
    if chosen(config_file, mesin) == "zensical":
        from site_builder.engine import zensical  # imports zensical only when chosen

        return zensical.build_site(config_file, site_dir, pratinjau, strict, register, kantor)
    return recipe.build_site(config_file, site_dir, pratinjau, strict, register, kantor)
