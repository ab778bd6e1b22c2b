"""The Zensical engine: the same site as the mkdocs path, built by Zensical.

Zensical (the successor of Material for MkDocs, by its authors) reads mkdocs.yml but runs
no MkDocs plugin, so the `ppid` plugin's work is done around it here:

1. `gather()` and the generated pages, as `ppid generate` writes them, into a build folder
   inside the project (`.ppid/zensical/docs`, with docs/ copied in; a file is rewritten only
   when it changed, so Zensical's own cache stays valid between two builds of `ppid serve`);
2. the configuration Zensical needs, derived from the office's mkdocs.yml
   (`.ppid/zensical/mkdocs.yml`): plugins removed, Zensical's search off (Pagefind is the
   site's search), the theme overrides of site_builder/theme (and the office's own
   `custom_dir` above them) in one theme folder;
3. `zensical build` in a child process, into a fresh folder;
4. what the plugin adds after rendering: the downloads and data.json (made on the other
   core while Zensical builds), sitemap.xml.gz, then the Pagefind index over the built pages;
5. `swap_in()`: the finished site replaces site/ only when every step succeeded.

What Zensical cannot do for this site (hooks, another plugin, another theme) is refused
before anything is built, with the key named (`ZensicalError`).
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from importlib import resources
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import yaml

from site_builder.dip.model import Office
from site_builder.engine import search
from site_builder.engine.config import (
    _TolerantLoader,
    check_kantor,
    read_mapping,
    read_site_config,
)
from site_builder.engine.generate import DOWNLOAD_NAMES, downloads, footer_of, pages, swap_in
from site_builder.engine.recipe import BuildError, gather

BUILD_DIR = Path(".ppid") / "zensical"
# mkdocs.yml keys that the mkdocs path honours and Zensical does not run
UNSUPPORTED_KEYS = {
    "hooks": "hooks Python MkDocs tidak dijalankan Zensical",
    "INHERIT": "Zensical tidak membaca INHERIT; gabungkan konfigurasinya ke mkdocs.yml",
    "extra_templates": "Zensical tidak merender extra_templates",
}
# Keys whose paths are relative to mkdocs.yml's folder: not carried into the build folder's
# configuration (the build needs none of them; `watch` is the mkdocs server's).
DROPPED_KEYS = ("watch", "dev_addr", "remote_branch", "remote_name")


class ZensicalError(BuildError):
    """Zensical cannot build this site as the mkdocs path would; the message says what."""


class _Tagged:
    """A YAML tag of mkdocs.yml (`!!python/name:...`, `!relative`), written back as it was."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(_TolerantLoader):
    """mkdocs.yml as the mkdocs path reads it (`!ENV` resolved), other tags kept as tags."""


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node, prefix: str) -> _Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node)
    else:
        value = loader.construct_mapping(node)  # type: ignore[arg-type]
    return _Tagged(prefix + suffix, value)


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: _keep_tag(loader, suffix, node, "tag:yaml.org,2002:python/"),
)
_Loader.add_multi_constructor(
    "!", lambda loader, suffix, node: _keep_tag(loader, suffix, node, "!")
)


class _Dumper(yaml.SafeDumper):
    """Writes `_Tagged` values back with their tag."""


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(_Tagged, _represent_tagged)


def read_raw(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping, its tags kept to be written back; SiteConfigError when it
    cannot be read."""
    return read_mapping(config_file, _Loader)


def _plugin_names(plugins: Any) -> list[str]:
    if isinstance(plugins, dict):
        return [str(name) for name in plugins]
    names: list[str] = []
    for item in plugins or ():
        if isinstance(item, dict):
            names.extend(str(name) for name in item)
        else:
            names.append(str(item))
    return names


def unsupported(raw: Mapping[str, Any]) -> list[str]:
    """What in this mkdocs.yml Zensical would not do as the mkdocs path does, one line each."""
    out = [f"kunci '{key}': {why}" for key, why in UNSUPPORTED_KEYS.items() if raw.get(key)]
    for name in _plugin_names(raw.get("plugins")):
        if name != "ppid":
            out.append(
                f"plugins: '{name}': Zensical tidak menjalankan plugin MkDocs "
                "(diabaikan diam-diam, situsnya akan berbeda)"
            )
    theme = raw.get("theme")
    theme_name = theme.get("name") if isinstance(theme, dict) else theme
    if theme_name not in (None, "material"):
        out.append(f"theme.name: '{theme_name}': Zensical hanya membangun ulang tema material")
    return out


def theme_folder(build_dir: Path, office_dir: Path | None) -> Path:
    """One theme folder: site_builder/theme, the office's custom_dir above it (as the
    plugin orders them for mkdocs), and the Zensical-only overrides below."""
    target = build_dir / "theme"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(Path(str(resources.files("site_builder") / "theme")), target)
    if office_dir is not None:
        shutil.copytree(office_dir, target, dirs_exist_ok=True)
    actions = target / "partials" / "actions.html"
    if not actions.exists():
        # mkdocs gives generated pages no edit link (they have no file under docs/);
        # Zensical sees every page as a file, so only the hand-written ones keep theirs.
        original = (_zensical_templates() / "partials" / "actions.html").read_text("utf-8")
        actions.write_text(
            "{% if page.edit_url and page.edit_url in config.extra.ppid_tulisan %}\n"
            + original
            + "\n{% endif %}\n",
            encoding="utf-8",
        )
    return target


def _zensical_templates() -> Path:
    import zensical

    return Path(zensical.__file__).parent / "templates"


def _edit_urls(raw: Mapping[str, Any], written: Iterable[str]) -> list[str]:
    """The edit links Zensical makes for the hand-written pages (`written`, under docs/)."""
    repo = str(raw.get("repo_url") or "").rstrip("/")
    edit_uri = str(raw.get("edit_uri") or "").strip("/")
    if not repo or not edit_uri:
        return []
    base = edit_uri if "://" in edit_uri else f"{repo}/{edit_uri}"
    return sorted(f"{base}/{src}" for src in written if src.endswith(".md"))


def zensical_config(
    raw: Mapping[str, Any],
    build_dir: Path,
    site_dir: Path,
    written: Iterable[str],
    office: Office | None = None,
    pratinjau: bool = False,
) -> dict[str, Any]:
    """The configuration Zensical builds from: the office's, with paths into the build
    folder, no plugins, Zensical's search off and the merged theme folder; what the plugin
    gives the theme on the mkdocs path (the office's footer; edit links only in a preview)
    is written into `extra`."""
    config = {k: v for k, v in raw.items() if k not in DROPPED_KEYS}
    config["docs_dir"] = "docs"
    config["site_dir"] = os.path.relpath(site_dir, build_dir)
    config["plugins"] = {"search": {"enabled": False}}  # Pagefind is the site's search
    theme = dict(raw.get("theme") or {}) if isinstance(raw.get("theme"), dict) else {}
    theme["name"] = "material"
    theme["custom_dir"] = "theme"
    theme.setdefault("variant", "classic")  # Material's look, as the mkdocs path shows it
    config["theme"] = theme
    if "edit_uri" not in raw and raw.get("repo_url"):
        # mkdocs' own default (Zensical's would point at the build folder)
        host = str(raw["repo_url"])
        if "github.com" in host or "gitlab.com" in host:
            config["edit_uri"] = "edit/master/docs/"
        elif "bitbucket.org" in host:
            config["edit_uri"] = "src/default/docs/"
    extra = dict(raw.get("extra") or {}) if isinstance(raw.get("extra"), dict) else {}
    # the public site links to no repository: the edit button only in a preview build
    extra["ppid_tulisan"] = _edit_urls(config, written) if pratinjau else []
    if office is not None:
        extra["ppid_kantor"] = footer_of(office)
    config["extra"] = extra
    return config


def sync_tree(files: Mapping[str, str | bytes], target: Path) -> None:
    """Make `target` hold exactly `files`: unchanged files are left alone (their mtime too),
    changed ones rewritten, the rest removed."""
    target.mkdir(parents=True, exist_ok=True)
    for src, content in files.items():
        path = target / src
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    wanted = {target / src for src in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _docs_files(docs_dir: Path) -> dict[str, bytes]:
    if not docs_dir.is_dir():
        return {}
    return {
        p.relative_to(docs_dir).as_posix(): p.read_bytes()
        for p in sorted(docs_dir.rglob("*"))
        if p.is_file()
    }


def run_zensical(config_path: Path, strict: bool) -> None:
    """`zensical build` of that configuration; ZensicalError with what it said."""
    cmd = [sys.executable, "-m", "zensical", "build", "-f", str(config_path)]
    if strict:
        cmd.append("--strict")
    try:
        done = subprocess.run(
            cmd, cwd=config_path.parent, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise ZensicalError(f"Zensical tidak dapat dijalankan: {exc}") from exc
    if done.returncode != 0:
        output = (done.stderr.strip() or done.stdout.strip()).splitlines()
        if any("No module named zensical" in line for line in output):
            raise ZensicalError(
                "Zensical belum terpasang: pip install 'ppid-kit[zensical]' "
                "(atau pilih --mesin mkdocs)"
            )
        reason = output[-1] if output else f"kode keluar {done.returncode}"
        raise ZensicalError(f"build Zensical gagal: {reason}")


def build_site(
    config_file: Path = Path("mkdocs.yml"),
    site_dir: Path = Path("site"),
    pratinjau: bool = False,
    strict: bool = True,
    register: str | None = None,
    kantor: str | None = None,
) -> Path:
    """Build the site with Zensical into a fresh folder, then swap it in: a failed build
    changes nothing. The arguments are those of recipe.build_site."""
    if not config_file.is_file():
        raise BuildError(f"{config_file}: berkas konfigurasi mkdocs tidak ditemukan")
    raw = read_raw(config_file)
    if "ppid" not in _plugin_names(raw.get("plugins")):
        raise BuildError(f"{config_file}: plugin 'ppid' belum dipasang di bagian plugins")
    problems = unsupported(raw)
    if problems:
        raise ZensicalError(
            f"{config_file}: Zensical tidak dapat membangun situs ini seperti mkdocs:"
            + "".join(f"\n  - {p}" for p in problems)
            + "\nbangun dengan --mesin mkdocs, atau ubah mkdocs.yml"
        )
    cfg = read_site_config(config_file)
    cfg = replace(cfg, pratinjau=pratinjau or cfg.pratinjau)
    if register is not None:
        cfg = replace(cfg, register=register)
    if kantor is not None:
        cfg = replace(cfg, kantor=check_kantor(kantor, "--kantor"))
    inputs = gather(cfg)
    opts = cfg.render_options()
    base = config_file.resolve().parent
    build_dir = base / BUILD_DIR
    theme = raw.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    office_theme = (base / str(custom)) if custom else None
    if office_theme is not None and not office_theme.is_dir():
        raise BuildError(f"{config_file}: theme.custom_dir {custom} tidak ditemukan")

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"))
    try:
        # the downloads (XLSX, PDFs) on the second core while Zensical renders on the first
        made = pool.submit(
            downloads,
            inputs.catalogue,
            opts,
            cfg.site_url,
            inputs.archives,
            inputs.register,
            inputs.reports,
        )
        generated = pages(inputs.catalogue, opts, inputs.archives, inputs.register, inputs.reports)
        written = _docs_files(cfg.docs_dir)
        for src in [*generated, *DOWNLOAD_NAMES]:
            if src in written:
                raise BuildError(
                    f"docs/{src} bentrok dengan halaman yang dibuat dari DIP; "
                    "hapus atau ganti nama berkas itu"
                )
        build_dir.mkdir(parents=True, exist_ok=True)
        sync_tree({**written, **generated}, build_dir / "docs")
        theme_folder(build_dir, office_theme)
        out = Path(tempfile.mkdtemp(prefix="site-", dir=build_dir))
        try:
            config = zensical_config(
                raw, build_dir, out, written, inputs.catalogue.office, cfg.pratinjau
            )
            config_path = build_dir / "mkdocs.yml"
            config_path.write_text(
                yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                encoding="utf-8",
            )
            run_zensical(config_path, strict)
            if "search.json" not in written:  # Zensical's own (empty) index: not this site's
                (out / "search.json").unlink(missing_ok=True)
            # Pagefind first: it reads only the pages, and the downloads may still be in
            # the making on the other core. (Zensical writes every page in the last second
            # of its build, so unlike the mkdocs path there is nothing to index earlier.)
            if _search_on(raw):
                search.index_site(out)
            for name, content in made.result().items():
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                (out / name).write_bytes(content)
            sitemap = out / "sitemap.xml"
            if sitemap.is_file():  # mkdocs writes both; crawlers may ask for either
                (out / "sitemap.xml.gz").write_bytes(
                    gzip.compress(sitemap.read_bytes(), 9, mtime=0)
                )
            tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-baru-", dir=site_dir.parent))
            tmp.rmdir()
            shutil.move(out, tmp)  # a rename when both are on one file system
            try:
                swap_in(tmp, site_dir)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        finally:
            shutil.rmtree(out, ignore_errors=True)
    except search.SearchIndexError as exc:
        raise BuildError(str(exc)) from exc
    finally:
        pool.shutdown(cancel_futures=True)
    return site_dir


def _search_on(raw: Mapping[str, Any]) -> bool:
    plugins = raw.get("plugins")
    items = plugins.items() if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        items = [next(iter(i.items())) for i in plugins if isinstance(i, dict) and len(i) == 1]
    for name, options in items:
        if name == "ppid" and isinstance(options, dict):
            return bool(options.get("search", True))
    return True
