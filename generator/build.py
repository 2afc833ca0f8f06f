"""`kunskapsbank build` and `serve`: MkDocs around the plugin, with an atomic site swap.

MkDocs empties site_dir and then writes into it, so a failed build would leave half a site.
We build into a fresh sibling folder and only swap it in when the build has succeeded.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from .swedish import plural


class _SwedishHandler(logging.Handler):
    """Shows the plugin's diagnostics as they are and MkDocs' own warnings marked as such."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # The plugin's diagnostics, and the build error MkDocs re-logs from our PluginError, are Swedish.
        if record.name == "kunskapsbank" or record.name == "mkdocs.commands.build" and record.levelno >= logging.ERROR:
            print(message, file=sys.stderr)
        elif record.levelno >= logging.WARNING:
            print(f"mkdocs: {message}", file=sys.stderr)


def _quiet_mkdocs() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = _SwedishHandler()
    for name in ("mkdocs", "kunskapsbank"):
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def build_site(config_file: Path, site_dir: Path | None = None) -> int:
    _quiet_mkdocs()
    started = time.monotonic()
    if not config_file.is_file():
        print(f"fel: hittar inte {config_file}. Kör kommandot i kunskapsbankens mapp", file=sys.stderr)
        return 2
    print("Kontrollerar innehållet och bygger webbplatsen …", file=sys.stderr)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as exc:
        print(f"fel i {config_file}: {exc}", file=sys.stderr)
        return 1
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-bygge-", dir=target.parent))
    try:
        config.site_dir = str(staging)
        mkdocs_build(config)
    except (MkDocsException, Abort, SystemExit) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        reason = " på grund av varningarna ovan (strikt läge)" if "strict" in str(exc) else ""
        kept = f" Den tidigare webbplatsen i {target} är orörd." if target.exists() else ""
        print(f"Bygget avbröts{reason}.{kept}", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)
    pages = sum(1 for _ in target.rglob("index.html"))
    print(f"Klart: {plural(pages, 'sida', 'sidor')} i {target} ({time.monotonic() - started:.1f} s).", file=sys.stderr)
    return 0


def _swap(staging: Path, target: Path) -> None:
    """Replace target by staging with renames only, so readers never see a partial site."""
    staging.chmod(0o755)
    if not target.exists():
        staging.rename(target)
        return
    old = target.with_name(f".{target.name}-gammal-{os.getpid()}")
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)

