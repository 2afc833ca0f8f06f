"""Shared helpers for tests that build the site and open it in a real Chromium.

Import the fixtures you need into a test module: ``from siteutil import fixture_site, browser``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "corpus"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def write_config(tmp: Path, content: Path, site: Path, **overrides) -> Path:
    """A copy of the repository's mkdocs.yml with absolute paths, for building other content."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content)
    config["site_dir"] = str(site)
    config["theme"]["custom_dir"] = str(REPO / "theme")
    config.update(overrides)
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(content: Path, site: Path, tmp: Path) -> int:
    """Run `kunskapsbank build` in-process; returns its exit status."""
    from generator.build import build_site

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return build_site(write_config(tmp, content, site), site)


def copy_fixture(tmp: Path) -> Path:
    target = tmp / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    """Serve a built site on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Test modules import these fixtures, and pytest then keeps one instance per importing module, even
# at session scope: every module would rebuild the sites, and a second Playwright sync session in
# the same thread fails ("Sync API inside the asyncio loop"). So the instances live here, once per run.
_SESSION: dict[str, object] = {}


def _built_once(name: str, content: Path, tmp_path_factory) -> Path:
    if name not in _SESSION:
        tmp = tmp_path_factory.mktemp(name)
        site = tmp / "site"
        assert build(content, site, tmp) == 0
        _SESSION[name] = site
    return _SESSION[name]


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture corpus (every kind of page, every optional field), built once per session."""
    return _built_once("fixture-site", FIXTURE_CONTENT, tmp_path_factory)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The bank's real content from content/, built once per session."""
    return _built_once("real-site", REPO / "content", tmp_path_factory)


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's package) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} saknas: installera Debians chromium (apt-get install -y chromium)")
    if "browser" in _SESSION:  # another module's copy of this fixture launched it already
        yield _SESSION["browser"]
        return
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        _SESSION["browser"] = chromium
        try:
            yield chromium
        finally:  # the first copy set up is the last torn down, after every user of the browser
            _SESSION.pop("browser", None)
            chromium.close()
