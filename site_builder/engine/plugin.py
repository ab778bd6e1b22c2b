"""The thin mkdocs adapter: load the DIP, add the generated pages in memory, index search."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import resources
from multiprocessing import get_context
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from site_builder.dip.model import Catalogue
from site_builder.engine import search
from site_builder.engine.config import SiteConfig, check_kantor
from site_builder.engine.generate import DOWNLOAD_NAMES, downloads, footer_of, pages
from site_builder.engine.recipe import gather
from site_builder.errors import PPIDError
from site_builder.laporan.tahunan import Narasi
from site_builder.register import RegisterRow
from site_builder.render import pages as render
from site_builder.render.formulir import SHELL_PAGE

log = logging.getLogger("mkdocs.plugins.ppid")


class PPIDConfig(Config):
    """Plugin options (mkdocs.yml, under `plugins: - ppid:`)."""

    dip_dir = c.Type(str, default="dip")
    arsip_dir = c.Type(str, default="arsip")
    pratinjau = c.Type(bool, default=False)
    relay_url = c.Type(str, default="")
    edit_branch = c.Type(str, default="main")
    search = c.Type(bool, default=True)
    # auto: var/register.json when there is one (ppid build and ppid serve write it from the
    # relay's database); or a file made by 'ppid register export', or the relay's
    # https://…/register.json; tidak: no register.
    register = c.Type(str, default="auto")
    # the engine `ppid build` uses (mkdocs, or zensical: engine/zensical.py); a plain
    # `mkdocs build` is mkdocs whatever this says
    mesin = c.Choice(("mkdocs", "zensical"), default="mkdocs")
    # the office's kode when one relay serves many (PPID_KANTOR_FILE): the forms post to
    # /f/<kode>/...; a number is refused with how to quote it (engine/config.check_kantor)
    kantor = c.Type((str, int), default="")


class PPIDPlugin(BasePlugin[PPIDConfig]):
    """Adds the DIP pages, downloads and assets to a Material for MkDocs site."""

    catalogue: Catalogue | None = None
    archives: dict[int, Catalogue] | None = None
    register_rows: list[RegisterRow] | None = None
    reports: dict[int, Narasi] | None = None
    _downloads: Future[dict[str, bytes]] | None = None
    _pool: ProcessPoolExecutor | None = None
    _live: search.LiveIndex | None = None
    failure: PPIDError | None = None  # why on_config refused the build, for build_site

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.failure = None
        try:
            inputs = gather(self.site_config(config))
        except PPIDError as exc:
            # kept for build_site, which raises it as it is (one line, each problem once);
            # plain `mkdocs build` reports the PluginError with every problem
            self.failure = exc
            lines = "".join(f"\n{p}" for p in getattr(exc, "problems", ()))
            raise PluginError(f"{exc}{lines}") from exc
        for problem in inputs.warnings:  # warnings only: shown, not fatal unless --strict check
            log.info(str(problem))
        self.catalogue, self.archives = inputs.catalogue, inputs.archives
        self.register_rows, self.reports = inputs.register, inputs.reports
        # The downloads (the XLSX above all, and openpyxl's import) are made on the second
        # core while mkdocs renders the pages on the first: at 5,000 entries this takes ~2 s
        # off the build, at 100 about 0.2 s.
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"))
        self._downloads = self._pool.submit(
            downloads,
            self.catalogue,
            self.options(config),
            config.site_url or "",
            self.archives,
            self.register_rows,
            self.reports,
        )
        self._live = None
        if self.config.search:  # index each page as it is rendered, on the other core
            try:
                self._live = search.LiveIndex()
            except search.SearchIndexError as exc:  # the command line indexes after the build
                log.info(f"{exc}; indeks dibuat setelah build")
        office = self.catalogue.office
        # the footer of every page (theme/partials/copyright.html) is the office's own
        config.extra["ppid_kantor"] = footer_of(office)
        theme_dir = str(resources.files("site_builder") / "theme")
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.catalogue is not None
        opts = self.options(config)
        generated = pages(self.catalogue, opts, self.archives, self.register_rows, self.reports)
        for src_uri in [*generated, *DOWNLOAD_NAMES]:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"docs/{src_uri} bentrok dengan halaman yang dibuat dari DIP; "
                    "hapus atau ganti nama berkas itu"
                )
        for src_uri, content in generated.items():
            # the relay's shell is a page of the site, but no page of its navigation
            shell = src_uri == SHELL_PAGE
            inclusion = InclusionLevel.NOT_IN_NAV if shell else InclusionLevel.UNDEFINED
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        return files

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Material's "Ubah halaman ini" button is for the staff checking a preview; the
        # public site links to no repository
        if not self.config.pratinjau:
            page.edit_url = None
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self._live is not None:
            self._live.add(output, "/" + page.url)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self._downloads is not None
        live, self._live = self._live, None  # written below, after the downloads
        try:
            files = self._downloads.result()
        except BaseException:
            if live is not None:
                live.close()
            raise
        finally:
            self._shutdown()
        site = Path(config.site_dir)
        for name, content in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_bytes(content)
        if self.config.search:
            try:
                if live is not None:
                    live.write(site)
                else:
                    search.index_site(site)
            except search.SearchIndexError as exc:
                raise PluginError(str(exc)) from exc

    def on_build_error(self, *, error: Exception) -> None:
        self._shutdown()

    def _shutdown(self) -> None:
        if self._live is not None:
            self._live.close()
            self._live = None
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def site_config(self, config: MkDocsConfig) -> SiteConfig:
        """This site's settings from mkdocs.yml and this plugin's options."""
        base = Path(config.config_file_path or ".").parent
        where = config.config_file_path or "mkdocs.yml"
        return SiteConfig(
            base_dir=base,
            dip_dir=base / self.config.dip_dir,
            arsip_dir=base / self.config.arsip_dir,
            docs_dir=Path(config.docs_dir),
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            edit_branch=self.config.edit_branch,
            relay_url=self.config.relay_url,
            pratinjau=self.config.pratinjau,
            use_directory_urls=config.use_directory_urls,
            register=self.config.register,
            kantor=check_kantor(self.config.kantor, f"{where}: plugins.ppid.kantor"),
        )

    def options(self, config: MkDocsConfig) -> render.RenderOptions:
        """Render options from mkdocs.yml and this plugin's settings."""
        return self.site_config(config).render_options()
