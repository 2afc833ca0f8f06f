"""The MkDocs adapter: validate on every build, add the generated pages, rewrite entry pages.

Everything else lives in the MkDocs-free core (``site.py`` and what it calls).
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from .attachments import CACHE_FOLDER
from .cli_parser import own_command
from .diagnostics import Diagnostic, relative_to_cwd, summary
from .search import write_index as write_search_index
from .pages import Page
from .publishing import published as published_files
from .sanitize import sanitize
from .site import SiteModel, load_site
from .theme_fixes import fix_material_markup
from .vocabulary import DEFAULT_PATH as DEFAULT_VOCABULARY, load as load_vocabulary

# Outside the "mkdocs" logger tree on purpose: MkDocs' strict mode counts every warning logged there
# and would stop the build on a content warning, which only advises (the committee's quota).
log = logging.getLogger("kunskapsbank")
_OWN_EPOCH = "KUNSKAPSBANK_SOURCE_DATE_EPOCH"  # marks a SOURCE_DATE_EPOCH that this plugin set


def _attachment_cache(config) -> Path:
    """The text of attachments, kept between builds (and shared with the check) beside mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent / CACHE_FOLDER


class ContentErrors(PluginError):
    """The content is invalid; the diagnostics travel with the error so `serve` can show them in the page."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]):
        super().__init__(message)
        self.diagnostics = diagnostics


class KunskapsbankConfig(Config):
    vocabulary = config_options.Optional(config_options.File(exists=True))


class KunskapsbankPlugin(BasePlugin[KunskapsbankConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.model: SiteModel | None = None
        # Pages whose template HTML waits outside the Markdown parser (see pages.Page), by src_uri;
        # the token makes the placeholders impossible to write in a content file.
        self.deferred: dict[str, Page] = {}
        self.token = ""

    @property
    def vocabulary_path(self) -> Path:
        return Path(self.config.vocabulary) if self.config.vocabulary else DEFAULT_VOCABULARY

    def on_config(self, config):
        vocab = load_vocabulary(self.vocabulary_path)
        model = load_site(Path(config.docs_dir), vocab, config.site_name, _attachment_cache(config))
        result = model.result
        shown = [relative_to_cwd(d) for d in result.diagnostics]
        for diagnostic in shown:
            (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
        if not result.ok:
            raise ContentErrors("Innehållet har fel och publiceras inte: "
                                + summary(result.diagnostics, len(result.files))
                                + f". Rätta felen ovan (samma lista ger {own_command()} check).", shown)
        # sitemap.xml carries the build date unless this is set; the content's own newest date keeps
        # two builds of the same content byte-identical. A value the user set wins; ours is renewed
        # on every build, as `mkdocs serve` rebuilds newer content in the same process.
        if "SOURCE_DATE_EPOCH" not in os.environ or os.environ.get(_OWN_EPOCH) == os.environ["SOURCE_DATE_EPOCH"]:
            os.environ["SOURCE_DATE_EPOCH"] = os.environ[_OWN_EPOCH] = str(model.source_date_epoch)
        self.model = model
        self.token = "kunskapsbank-" + secrets.token_hex(8)
        self.deferred = {page.src_uri: page for page in model.pages}
        return config

    @event_priority(50)
    def on_files(self, files: Files, config) -> Files:
        assert self.model is not None
        # The allow-list, not what MkDocs collected (it follows symlinks and renders every Markdown
        # and HTML file): even a build that skipped `check` publishes no other file of docs_dir.
        docs_dir = os.path.normpath(config.docs_dir)
        allowed = published_files(Path(docs_dir), self.model.entries)
        for file in list(files):
            if file.src_dir and os.path.normpath(file.src_dir) == docs_dir and file.src_uri not in allowed:
                files.remove(file)
        files.add_files_from_theme(config.theme.get_env(), config)  # the theme's files a removed one hid
        for page in self.model.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.deferred_markdown(self.token)))
        return files

    def on_page_read_source(self, page, config):
        assert self.model is not None
        parts = self.model.entry_parts(page.file.src_uri)
        if parts is None:
            return None
        self.deferred[page.file.src_uri] = parts
        return parts.deferred_markdown(self.token)

    def on_page_content(self, html, page, config, files):
        deferred = self.deferred.pop(page.file.src_uri, None)  # used once: 10 000 pages need not wait in memory
        if self.model is not None and page.file.src_uri in self.model.entries:
            html = self._sanitized(html)
        if deferred is None:
            return html
        # MkDocs made the table of contents of the editor's Markdown; the sections the template adds
        # after it (Jämställdhetsanalys, Finansiering, Dokument, Relaterat) follow, as on the page.
        page.toc.items.extend(AnchorLink(title, anchor, 2) for anchor, title in deferred.generated_headings())
        return deferred.fill(html, self.token)

    def _sanitized(self, html: str) -> str:
        """An entry page's HTML before `fill`: all of it but the placeholders is the editor's body,
        cleaned piece by piece, so the templates' own markup and ids come back untouched."""
        pieces = re.split(f"(<!-- {re.escape(self.token)}-\\d+ -->)", html)
        return "".join(piece if i % 2 else sanitize(piece) for i, piece in enumerate(pieces))

    # Every page, and the theme's own templates such as 404.html, leaves with the theme's markup fixed.
    def on_post_page(self, output, page, config):
        return fix_material_markup(output)

    def on_post_template(self, output_content, template_name, config):
        return fix_material_markup(output_content) if template_name.endswith(".html") else output_content

    # The search index is built from the written pages, so it comes last; into site_dir, which
    # `kunskapsbank build` points at its staging folder, so a failed index keeps the old site.
    def on_post_build(self, config):
        assert self.model is not None
        try:
            write_search_index(self.model.renderer.indexes, Path(config.site_dir), Path(config.docs_dir),
                               _attachment_cache(config))
        except Exception as exc:
            raise PluginError(f"Sökindexet kunde inte byggas: {exc}") from exc
