"""The few mkdocs.yml settings the pure core needs, read without importing mkdocs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from site_builder import text
from site_builder.errors import PPIDError
from site_builder.kantor import KODE
from site_builder.render.pages import RenderOptions


@dataclass(frozen=True)
class SiteConfig:
    """Settings shared by the mkdocs plugin and `ppid generate`."""

    base_dir: Path
    dip_dir: Path
    docs_dir: Path
    arsip_dir: Path
    site_url: str = ""
    site_dir: Path | None = None  # mkdocs' site_dir (None: base_dir/site)
    repo_url: str = ""
    edit_branch: str = "main"
    relay_url: str = ""
    pratinjau: bool = False
    use_directory_urls: bool = True
    register: str = "auto"
    mesin: str = "mkdocs"  # the engine: mkdocs, or zensical (engine/zensical.py)
    # the office's kode when one relay serves many (site_builder/kantor.py): the forms post
    # to /f/<kantor>/... and `register: auto` is that office's register; "" for one office
    kantor: str = ""

    def render_options(self, pratinjau: bool = False) -> RenderOptions:
        """Render options for this site."""
        repo = self.repo_url.rstrip("/")
        return RenderOptions(
            pratinjau=pratinjau or self.pratinjau,
            edit_base=f"{repo}/edit/{self.edit_branch}/" if repo else None,
            relay_url=self.relay_url.rstrip("/"),
            use_directory_urls=self.use_directory_urls,
            today=date.today(),
            kantor=self.kantor,
        )


class SiteConfigError(PPIDError):
    """mkdocs.yml cannot be read; the message names the file and why."""


MESIN = ("mkdocs", "zensical")


def check_mesin(value: object, where: str) -> str:
    """The engine named, or SiteConfigError saying which ones there are."""
    if value not in MESIN:
        raise SiteConfigError(
            f"{where}: mesin '{value}' tidak dikenal; pilih salah satu: {', '.join(MESIN)}"
        )
    return str(value)


def check_kantor(value: object, where: str) -> str:
    """An office's kode as it goes into the relay's paths (/f/<kode>/...), "" for none; a
    number or a kode the registry could not hold is a SiteConfigError saying how to write it."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        raise SiteConfigError(
            f'{where}: tulis kode kantor sebagai teks dalam tanda kutip: kantor: "{value}"'
        )
    if not isinstance(value, str) or not KODE.fullmatch(value.strip()):
        shown = text.shown(str(value))
        raise SiteConfigError(
            f"{where}: kode kantor '{shown}' tidak sah: 1-20 huruf, angka atau tanda hubung, "
            'diawali huruf atau angka, misalnya kantor: "6201"'
        )
    return value.strip()


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may carry tags such as !ENV or !!python/name; keep their raw value."""


def _any_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, read as mkdocs reads it: the first
    variable that is set, else the last item as the default (None for a single name)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        return None
    for name in names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return default


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def plugin_options(plugins: Any) -> dict[str, Any]:
    """The `ppid` plugin's options from `plugins:` as written in mkdocs.yml: a list of names
    and one-key mappings, or one mapping of names to options (mkdocs takes both)."""
    if isinstance(plugins, dict):
        return dict(plugins.get("ppid") or {}) if "ppid" in plugins else {}
    for item in plugins or ():
        if item == "ppid":
            return {}
        if isinstance(item, dict) and "ppid" in item:
            return dict(item["ppid"] or {})
    return {}


def read_mapping(config_file: Path, loader: type[Any] | None = None) -> dict[str, Any]:
    """mkdocs.yml as a mapping (its `!!python/...` tags read by `loader`); a missing or
    broken file is a SiteConfigError saying why."""
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=loader or _TolerantLoader)
    except OSError as exc:
        raise SiteConfigError(f"{config_file}: tidak dapat dibaca ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise SiteConfigError(f"{config_file}: YAML tidak valid: {exc}") from exc
    if not isinstance(raw or {}, dict):
        raise SiteConfigError(f"{config_file}: isi harus berupa kumpulan kunci: nilai")
    return dict(raw or {})


def read_site_config(config_file: Path) -> SiteConfig:
    """Read mkdocs.yml; a missing or broken file is a SiteConfigError saying why."""
    raw = read_mapping(config_file)
    opts = plugin_options(raw.get("plugins"))
    base = config_file.parent
    return SiteConfig(
        base_dir=base,
        dip_dir=base / str(opts.get("dip_dir", "dip")),
        arsip_dir=base / str(opts.get("arsip_dir", "arsip")),
        docs_dir=base / str(raw.get("docs_dir", "docs")),
        site_dir=base / str(raw.get("site_dir", "site")),
        site_url=str(raw.get("site_url") or ""),
        repo_url=str(raw.get("repo_url") or ""),
        edit_branch=str(opts.get("edit_branch", "main")),
        relay_url=str(opts.get("relay_url", "")),
        pratinjau=bool(opts.get("pratinjau", False)),
        use_directory_urls=bool(raw.get("use_directory_urls", True)),
        register=str(opts.get("register", "auto")),
        mesin=check_mesin(opts.get("mesin", "mkdocs"), f"{config_file}: plugins.ppid.mesin"),
        kantor=check_kantor(opts.get("kantor"), f"{config_file}: plugins.ppid.kantor"),
    )
