"""`kunskapsbank serve`: the live preview."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException

from .build import _quiet_mkdocs


def serve_site(config_file: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    _quiet_mkdocs()
    print(f"Förhandsgranskning på http://{dev_addr}/ – sidan uppdateras när du sparar en fil. Avsluta med Ctrl+C.",
          file=sys.stderr)
    try:
        serve(str(config_file), dev_addr=dev_addr, livereload=True)
    except (MkDocsException, Abort) as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return 1
    return 0
