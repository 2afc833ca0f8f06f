"""`kunskapsbank serve`: the live preview, MkDocs' LiveReloadServer made to fit the site.

MkDocs' own `serve` does not fit in three ways, so this module drives the server itself:
- its reload script is inline, and the site's Content-Security-Policy runs no inline script, so the
  page never reloaded: here the script is a file the server serves (preview/livereload.js);
- a failed rebuild left every request waiting for a build that never came: here a failure is a page,
  served instead of every HTML page until the next build succeeds, and the reload brings it back;
- it watches the content and mkdocs.yml only: here the theme and the vocabulary too.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import watchdog.events
import yaml
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.config.config_options import IpAddress
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.livereload import LiveReloadServer, _normalize_mount_path, _serve_url
from mkdocs.plugins import BasePlugin

from .build import STRICT_ABORT, _quiet_mkdocs, aborted_by_strict
from .diagnostics import Diagnostic, error, relative_path
from .mkdocs_plugin import ContentErrors
from .oserrors import cause_of
from .source import _explain as explain_yaml_error
from .swedish import decimal, join_words, plural

ASSETS = "/.kunskapsbank/"  # beside MkDocs' /livereload/, outside the site's mount path
_ASSET_TYPES = {"livereload.js": "application/javascript", "preview.css": "text/css"}


@dataclass
class Failure:
    """Why the preview shows no site: what the page says, and what the terminal has not printed yet."""

    headline: str
    advice: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unprinted: list[str] = field(default_factory=list)


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept from one rebuild to the next.

    Every rebuild loads mkdocs.yml afresh and with it a new Jinja environment, which compiled
    mkdocs-material's templates again: a quarter of a rebuild. Jinja compares each template's source
    checksum with the cached code's, so a saved template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class _PreviewPlugin(BasePlugin):
    """Added to every rebuild's plugins: hands the theme's environment the session's template cache."""

    def __init__(self, cache: TemplateCache):
        super().__init__()
        self.cache = cache

    def on_env(self, env, config, files):
        env.bytecode_cache = self.cache
        return env


def serve_site(config_file: Path, dev_addr: str) -> int:
    try:
        address = IpAddress().run_validation(dev_addr)
    except ValidationError:
        print(f"fel: adressen '{dev_addr}' ska skrivas IP:PORT, till exempel 127.0.0.1:8000", file=sys.stderr)
        return 2
    if not config_file.is_file():
        print(f"fel: hittar inte {config_file}. Kör kommandot i kunskapsbankens mapp", file=sys.stderr)
        return 2
    _quiet_preview()
    with tempfile.TemporaryDirectory(prefix="kunskapsbank-forhandsgranskning-") as site_dir:
        return Preview(config_file, Path(site_dir), address.host, address.port).run()


def _quiet_preview() -> None:
    _quiet_mkdocs()
    # The server's request lines (every 404 a warning) are MkDocs' English; its own errors still show.
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)


class Preview:
    """One `serve` session: the builds, their outcome, and the server that shows it."""

    def __init__(self, config_file: Path, site_dir: Path, host: str, port: int):
        self.config_file = config_file
        self.site_dir = site_dir
        self.host, self.port = host, port
        self.failure: Failure | None = None
        self.site_name = ""
        self.templates = TemplateCache()
        self.server = PreviewServer(self, host, port)
        self.server.watch(str(config_file))
        self._builds = 0

    def rebuild(self) -> None:
        """Build once and keep the outcome; never raises, so the server always has a page to show."""
        print(self._announce(self.server.take_changes()), file=sys.stderr)
        started = time.monotonic()
        self.failure = self._build()
        self._builds += 1
        for line in self.failure.unprinted if self.failure else []:
            print(line, file=sys.stderr)
        done = "Sidan visar felen tills de är rättade" if self.failure else "Klart"
        print(f"{done} ({decimal(time.monotonic() - started)} s).", file=sys.stderr)

    def _announce(self, changed: list[str]) -> str:
        if not self._builds:
            return "Bygger webbplatsen …"
        if not changed:
            return "Bygger om …"
        shown = changed[:3] + ([f"{plural(len(changed) - 3, 'fil', 'filer')} till"] if len(changed) > 3 else [])
        return f"Bygger om efter ändring i {join_words(shown)} …"

    def _build(self) -> Failure | None:
        with _collected_messages() as messages:
            try:
                config = load_config(str(self.config_file), site_dir=str(self.site_dir))
            except (ConfigurationError, Abort) as exc:
                return config_failure(self.config_file, exc, messages)
            self._follow(config)
            config.plugins["kunskapsbank-preview"] = _PreviewPlugin(self.templates)
            try:
                mkdocs_build(config, serve_url=config.site_url)
            except Exception as exc:  # noqa: BLE001 - any failure becomes the page, the server goes on
                return build_failure(exc, messages)
        return None

    def _follow(self, config: MkDocsConfig) -> None:
        """Serve where site_url says and watch what this config reads, as mkdocs.yml may have changed both."""
        mount_path = urlsplit(config.site_url or "/").path
        self.server.mount_path = _normalize_mount_path(mount_path)
        self.server.url = config.site_url = _serve_url(self.host, self.port, mount_path)
        self.site_name = config.site_name
        for path in watched_paths(config):
            self.server.watch(str(path))

    def run(self) -> int:
        signal.signal(signal.SIGTERM, _interrupt)  # a stop by the system cleans up as Ctrl+C does
        try:
            self.server.listen()
            self.rebuild()  # a browser that asks meanwhile waits for it
            print(f"Förhandsgranskning på {self.server.url} – sidan uppdateras när du sparar en fil. "
                  "Avsluta med Ctrl+C.", file=sys.stderr)
            self.server.serve()
        except KeyboardInterrupt:
            print("Förhandsgranskningen är avslutad.", file=sys.stderr)
        except OSError as exc:
            reason = "porten används redan" if exc.errno == errno.EADDRINUSE else exc.strerror
            print(f"fel: kan inte ta emot anrop på {self.host}:{self.port} ({reason}). "
                  "Välj en annan port, till exempel -a 127.0.0.1:8001", file=sys.stderr)
            return 1
        finally:
            self.server.shutdown()
        return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def watched_paths(config: MkDocsConfig) -> list[Path]:
    """Everything a build reads that an editor or administrator may save: content, theme, config, vocabulary."""
    paths = [Path(config.docs_dir), Path(config.config_file_path), *map(Path, config.watch)]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    plugin = config.plugins.get("kunskapsbank")
    if plugin is not None:
        paths.append(plugin.vocabulary_path)
    return paths


class _Messages(logging.Handler):
    """MkDocs' warnings and errors of one build, which the terminal shows as they come, for the page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # the server's threads, not the build
            self.messages.append(record.getMessage())


@contextlib.contextmanager
def _collected_messages():
    handler = _Messages()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        yield handler.messages
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def config_failure(config_file: Path, exc: Exception, messages: list[str]) -> Failure:
    shown = _shown(config_file)
    problem = _cause(exc, yaml.MarkedYAMLError)
    if problem is None or problem.problem_mark is None:
        # MkDocs has printed what is wrong with each setting, in its own English words; the page repeats them.
        return Failure(f"Inställningarna i {shown} har fel", "Rätta inställningen nedan och spara filen.",
                       notes=messages or [str(exc)], unprinted=[f"fel i {shown}: inställningarna ovan kan inte användas"])
    line = problem.problem_mark.line + 1
    lines = config_file.read_text(encoding="utf-8", errors="replace").splitlines()
    text = lines[line - 1] if line <= len(lines) else ""
    diagnostic = error(shown, line, "", f"filen kan inte läsas: {explain_yaml_error(problem, text)}")
    return Failure(f"{shown} går inte att läsa", "Rätta raden nedan och spara filen.", [diagnostic],
                   unprinted=[diagnostic.format()])


def build_failure(exc: Exception, messages: list[str]) -> Failure:
    content = _cause(exc, ContentErrors)
    if content is not None:  # the plugin has printed the diagnostics, and MkDocs its summary
        return Failure("Innehållet har fel och visas inte förrän de är rättade",
                       "Rätta felen nedan och spara filen.", content.diagnostics)
    template = _cause(exc, jinja2.TemplateSyntaxError)
    if template is not None:
        diagnostic = error(_shown(Path(template.filename or "?")), template.lineno, "",
                           f"mallen kan inte läsas: {template.message}")
        return Failure("Temat har fel och webbplatsen visas inte förrän det är rättat",
                       "Rätta raden nedan och spara filen.", [diagnostic], unprinted=[diagnostic.format()])
    if isinstance(exc, Abort) and aborted_by_strict(exc):
        return Failure("Bygget avbröts på grund av varningar från MkDocs (strikt läge)",
                       "Rätta varningarna nedan och spara.", notes=messages, unprinted=[STRICT_ABORT])
    return Failure("Bygget misslyckades", "Rätta felet och spara, eller starta om kunskapsbank serve.",
                   notes=[*messages, f"{type(exc).__name__}: {exc}"], unprinted=[f"fel: bygget misslyckades: {exc}"])


def _cause(exc: BaseException | None, kind: type) -> BaseException | None:
    """The error of that kind behind exc: MkDocs re-raises a plugin's error as its own Abort."""
    return cause_of(exc, lambda e: isinstance(e, kind))


def _shown(path: Path) -> str:
    return relative_path(path, Path.cwd())


class PreviewServer(LiveReloadServer):
    """MkDocs' server with the reload script as a file, and the failure page while a build has failed."""

    def __init__(self, preview: Preview, host: str, port: int):
        super().__init__(builder=preview.rebuild, host=host, port=port, root=str(preview.site_dir))
        self.preview = preview
        self.error_handler = self._error_page
        self._changes: set[str] = set()
        self._listening = False
        self._pages = jinja2.Environment(loader=jinja2.PackageLoader("generator", "preview"), autoescape=True)

    def listen(self) -> None:
        """Take the port before the first build, so that a port in use is told at once, not after it."""
        super().server_bind()
        super().server_activate()
        self._listening = True

    # MkDocs' serve() binds and listens again; once is enough.
    def server_bind(self) -> None:
        if not self._listening:
            super().server_bind()

    def server_activate(self) -> None:
        if not self._listening:
            super().server_activate()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """MkDocs' watch, also noting which files changed, for the terminal's "Bygger om efter ändring i …"."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            return
        self._watched_paths[path] = 1
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._changed
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _changed(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory:
            return
        with self._rebuild_cond:
            self._changes.add(_shown(Path(getattr(event, "dest_path", "") or event.src_path)))
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def take_changes(self) -> list[str]:
        with self._rebuild_cond:
            changed, self._changes = sorted(self._changes), set()
        return changed

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        name = path.removeprefix(ASSETS)
        if path.startswith(ASSETS) and name in _ASSET_TYPES:
            body = resources.files("generator").joinpath("preview", name).read_bytes()
            return _respond(start_response, "200 OK", body, _ASSET_TYPES[name])
        if self._is_page(path):
            with self._epoch_cond:  # as MkDocs does: the outcome of the build under way, not the last one
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch, failure = self._visible_epoch, self.preview.failure
            # One page for every address (a failed build leaves some pages, not all); 200, as it is the
            # preview's answer for now, and an error status would put an error in the browser's console.
            if failure is not None:
                return _respond(start_response, "200 OK", self._failure_page(failure, epoch), "text/html")
        return super()._serve_request(environ, start_response)

    def _is_page(self, path: str) -> bool:
        return path.endswith(("/", ".html")) and (path + "/").startswith(self.mount_path)

    # Also for the build that fails between _serve_request's look at the outcome and MkDocs' own.
    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        if self.preview.failure is not None:
            return self._failure_page(self.preview.failure, epoch)
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + self._script(epoch).encode() + content[end:]

    def _error_page(self, code: int) -> bytes | None:
        if self.preview.failure is not None:
            return self._failure_page(self.preview.failure, self._visible_epoch)
        missing = self.preview.site_dir / "404.html"
        if code == 404 and missing.is_file():  # a page about to be written reloads when it is
            return self._inject_js_into_html(missing.read_bytes(), self._visible_epoch)
        return None

    def _failure_page(self, failure: Failure, epoch: int) -> bytes:
        template = self._pages.get_template("error.html")
        return template.render(failure=failure, assets=ASSETS, site_name=self.preview.site_name,
                               script=Markup(self._script(epoch))).encode()

    @staticmethod
    def _script(epoch: int) -> str:
        return (f'<script src="{ASSETS}livereload.js" data-epoch="{epoch}" '
                f'data-request-id="{time.monotonic_ns()}" defer></script>')


def _respond(start_response, status: str, body: bytes, content_type: str) -> list[bytes]:
    start_response(status, [("Content-Type", f"{content_type}; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]
