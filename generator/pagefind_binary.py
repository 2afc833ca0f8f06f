"""The Pagefind indexer, version PAGEFIND_VERSION, as Pagefind publishes it on the npm registry.

Why not pagefind[bin] from PyPI: its newest release there is 1.5.2, whose WebAssembly ranks a word
by going through every page's entry once for every page that has the word. At 10 000 projects a
word on most pages took 0.7 s to rank in the browser; 1.6.0 takes 0.17 s, and a search for such a
word shows its first results in about half the time (bench/bench_search.py, docs/search.md).
Pagefind publishes the same binaries as npm packages (@pagefind/<platform>); the one for this
machine is fetched once, checked against the SHA-512 pinned below, and kept in the user's cache
folder, so builds after the first need no network. A machine that cannot reach the registry names
a copy of the binary in KUNSKAPSBANK_PAGEFIND.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import platform
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

PAGEFIND_VERSION = "1.6.0"
REGISTRY = "https://registry.npmjs.org"
OVERRIDE = "KUNSKAPSBANK_PAGEFIND"

# (system, machine) → npm package, and the registry's dist.integrity for it. Machines as Linux
# names them; _MACHINES maps what macOS ("arm64") and Windows ("AMD64") report.
_PACKAGES = {
    ("linux", "x86_64"): ("linux-x64", "sha512-IbMSx/+Vr/Xk0TTBlLkjgK+rvnbOXGmmb2/MKxQu99AR5DsqQoV3NKEA9PQz2tAhuCZjeD5xJBp4w5N5DHIC7Q=="),
    ("linux", "aarch64"): ("linux-arm64", "sha512-SLB2I+XqCZma8NvIGIH8nyKblgKIxw5PmqsVtofWOKxNHhEtOEsddbqU+hsrNcT3EV0faM6UmKDHVIxcPYq29w=="),
    ("darwin", "x86_64"): ("darwin-x64", "sha512-rd3ZbtuxyYqjASKZAPuIV7eeQQHJ7VYpoNKKG8CvglaD3g30eT5Nb7XGNLYwVReBsCccpkURwrGwWjSwr8nyQQ=="),
    ("darwin", "aarch64"): ("darwin-arm64", "sha512-611gl64aqN12UcMyKPtZ8+vRWBKlJFSh2JgO8uScxa1Eyjo1dXz9r4wZuRno0yCUE/KN0FauEoKZ3KEwUYHCCg=="),
    ("windows", "x86_64"): ("windows-x64", "sha512-cUA2+yXfbymdJllyMjY5YTBwuOgh0/H53Pn5fYKjDnDjk154Ft4U5RVj3TenWySPL/jG6zJfARUWSlyUyXHlZw=="),
}
_MACHINES = {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}


class PagefindUnavailable(RuntimeError):
    """The indexer could not be found or fetched; the message says what to do, in Swedish."""


def _package(system: str, machine: str) -> tuple[str, str]:
    system, machine = system.lower(), machine.lower()
    key = (system, _MACHINES.get(machine, machine))
    if key in _PACKAGES:
        return _PACKAGES[key]
    raise PagefindUnavailable(
        f"sökmotorn Pagefind {PAGEFIND_VERSION} finns inte färdig för {system}/{machine}. Bygg den från "
        f"källkoden (cargo install pagefind --version {PAGEFIND_VERSION}) och ange programmets sökväg i "
        f"miljövariabeln {OVERRIDE}.")


def _cache_root() -> Path:
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "kunskapsbank"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kunskapsbank"


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PagefindUnavailable(
            f"sökmotorn Pagefind {PAGEFIND_VERSION} kunde inte hämtas från {url} ({reason}). Kontrollera "
            f"nätverket och försök igen, eller hämta filen på en dator som når npm-registret, packa upp "
            f"package/bin/pagefind_extended och ange dess sökväg i miljövariabeln {OVERRIDE}.") from exc


def verify(data: bytes, integrity: str, url: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise PagefindUnavailable(
            f"filen från {url} stämmer inte med den kontrollsumma som Kunskapsbanken väntar sig; den "
            f"används inte. Försök igen; händer det igen, säg till den som sköter Kunskapsbanken.")


def _unpack(data: bytes, member: str, target: Path) -> None:
    """Write the archive's member to target, atomically (two builds may fetch at once)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        source = archive.extractfile(member)
        if source is None:
            raise PagefindUnavailable(f"npm-paketet saknar {member}")
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".pagefind-")
        with os.fdopen(handle, "wb") as out:
            out.write(source.read())
    os.chmod(temporary, 0o755)
    os.replace(temporary, target)


def pagefind_binary(cache_root: Path | None = None, fetch: Callable[[str], bytes] = _fetch,
                    system: str | None = None, machine: str | None = None) -> Path:
    """The path of the Pagefind binary, fetched and checked on first use."""
    override = os.environ.get(OVERRIDE)
    if override:
        path = Path(override)
        if not path.is_file():
            raise PagefindUnavailable(f"{OVERRIDE} pekar på {path}, som inte finns.")
        return path
    system = system or platform.system()
    package, integrity = _package(system, machine or platform.machine())
    name = "pagefind_extended.exe" if system.lower() == "windows" else "pagefind_extended"
    binary = (cache_root or _cache_root()) / f"pagefind-{PAGEFIND_VERSION}-{package}" / name
    if binary.is_file():
        return binary
    url = f"{REGISTRY}/@pagefind/{package}/-/{package}-{PAGEFIND_VERSION}.tgz"
    print(f"Hämtar sökmotorn Pagefind {PAGEFIND_VERSION} (ca 8 MB, en gång) från {REGISTRY} …", file=sys.stderr)
    data = fetch(url)
    verify(data, integrity, url)
    _unpack(data, f"package/bin/{name}", binary)
    return binary
