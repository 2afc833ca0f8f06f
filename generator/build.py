"""`kunskapsbank build`: MkDocs around the plugin, with an atomic site swap (the preview is serve.py).

MkDocs empties site_dir and then writes into it, so a failed build would leave half a site.
We build into a fresh sibling folder and only swap it in when the build has succeeded:

- The target is refused before anything is touched unless an earlier build wrote it (the marker
  file, or the look of a site/ from before the marker), since the swap replaces it whole.
- One build at a time: a flock on `.site.lock` beside the target, from staging to swap.
- The swap is one renameat2(RENAME_EXCHANGE), so site/ is at every instant the whole old or the
  whole new site; the first build is a plain rename. Where the exchange is not available (not Linux,
  or a file system that answers EINVAL), site/ is renamed aside and the new one in: a build killed
  between the two leaves the old site at `.site-gammal-PID`, and the next build renames it back.
- Staging and old folders are removed on every path out, and a killed build's at the next start.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
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

from .oserrors import describe, write_failure
from .swedish import decimal, plural

# Every folder a build writes holds this file, so the next build knows it may replace the folder.
MARKER = ".kunskapsbank-webbplats"
MARKER_TEXT = "Den här mappen är en webbplats som kunskapsbank build har skrivit; nästa bygge ersätter den.\n"
# Beside the target: `.site-bygge-XXXXXXXX` while MkDocs writes, `.site-gammal-PID` in the fallback swap.
_STAGING = "-bygge-"
_ASIDE = "-gammal-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


class _SwedishHandler(logging.Handler):
    """Shows the plugin's diagnostics as they are and MkDocs' own warnings marked as such."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # MkDocs' English line about a page it could not write: build_site says it in Swedish.
        if message.startswith("Error building page") and "[Errno" in message:
            return
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
    refusal = refusal_of(target, Path(config.docs_dir).resolve(), config_file.resolve())
    if refusal:
        print(f"fel: {refusal}", file=sys.stderr)
        return 2
    status = _build_and_publish(config, target)
    if status == 0:
        pages = sum(1 for _ in target.rglob("index.html"))
        print(f"Klart: {plural(pages, 'sida', 'sidor')} i {target} ({decimal(time.monotonic() - started)} s).",
              file=sys.stderr)
    return status


# What may become the output folder. The swap replaces the folder whole, so anything in it that the
# build did not write would be lost: refused before a single file is touched.

def refusal_of(target: Path, docs_dir: Path, config_file: Path) -> str | None:
    """Why the build must not replace target (a Swedish sentence), or None when it may."""
    fix = "Välj en egen mapp för webbplatsen, till exempel site bredvid mkdocs.yml"
    if target == docs_dir:
        return f"målmappen {target} är innehållsmappen, och bygget skulle radera allt innehåll. {fix}"
    if docs_dir.is_relative_to(target):
        return f"målmappen {target} innehåller innehållsmappen {docs_dir}, som bygget skulle radera. {fix}"
    if target.is_relative_to(docs_dir):
        return f"målmappen {target} ligger i innehållsmappen {docs_dir}. {fix}"
    if config_file.is_relative_to(target):
        return f"målmappen {target} innehåller {config_file}, som bygget skulle radera. {fix}"
    if target.exists():
        return _refusal_of_existing(target, fix)
    nearest = next(p for p in target.parents if p.exists())
    return None if nearest.is_dir() else f"målmappen {target} ligger under {nearest}, som är en fil. {fix}"


def _refusal_of_existing(target: Path, fix: str) -> str | None:
    if not target.is_dir():
        return f"målmappen {target} är en fil, inte en mapp. {fix}"
    git = _git_folder_in(target)
    if git:
        return f"målmappen {target} innehåller ett git-arkiv ({git}), som bygget skulle radera. {fix}"
    if not _is_ours(target) and any(target.iterdir()):
        return (f"målmappen {target} innehåller filer som inget tidigare bygge har skrivit, och bygget "
                f"ersätter hela mappen. Välj en ny eller tom mapp, eller töm {target} själv")
    return None


def _git_folder_in(folder: Path) -> Path | None:
    """A `.git` (folder, or file of a linked work tree) anywhere in folder."""
    for parent, folders, files in os.walk(folder):
        if ".git" in folders or ".git" in files:
            return Path(parent) / ".git"
    return None


def _is_ours(folder: Path) -> bool:
    """Written by a build: it has the marker, or it is a site/ of a build from before the marker
    (index.html, sitemap.xml and pagefind/ at its top: MkDocs and the search write them every time)."""
    if (folder / MARKER).is_file():
        return True
    return all((folder / name).is_file() for name in ("index.html", "sitemap.xml")) and (folder / "pagefind").is_dir()


# Staging, swap and clean-up, under a lock beside the target so that one build at a time does them.

STRICT_ABORT = "Bygget avbröts på grund av varningarna ovan (strikt läge)."


def aborted_by_strict(exc: BaseException) -> bool:
    """MkDocs' strict mode stops with an Abort that says so; no other mark tells it apart."""
    return "strict" in str(exc)


def _kept(target: Path) -> str:
    return f" Den tidigare webbplatsen i {target} är orörd." if target.exists() else ""


def _build_and_publish(config, target: Path) -> int:
    kept = _kept(target)  # before the build: a first build has made target by the time it fails
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(target.with_name(f".{target.name}.lock")):
            return _build_locked(config, target)
    except _Busy as busy:
        print(f"fel: ett annat bygge pågår och skriver till {target}. Vänta tills det är klart och bygg sedan "
              f"igen (låsfil: {busy})", file=sys.stderr)
    except OSError as exc:
        where = target if exc.errno in (errno.ENOSPC, errno.EDQUOT) else target.parent
        print(f"fel: {describe(exc, where)}, eller ange en annan målmapp med -d.{kept}", file=sys.stderr)
    return 2


def _build_locked(config, target: Path) -> int:
    _recover(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{_STAGING}", dir=target.parent))
    try:
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        status = _run_mkdocs(config, staging, target)
        if status == 0:
            _publish(staging, target)
        return status
    finally:
        _remove_build(staging)  # the failed build, or after the exchange the old site


def _run_mkdocs(config, staging: Path, target: Path) -> int:
    config.site_dir = str(staging)
    try:
        mkdocs_build(config)
    except (MkDocsException, Abort, SystemExit) as exc:
        failed_write = write_failure(exc)
        if failed_write:  # a full disk is no content error: report it as the environment's
            raise failed_write from None
        print((STRICT_ABORT if aborted_by_strict(exc) else "Bygget avbröts.") + _kept(target), file=sys.stderr)
        return 1
    return 0


def _publish(staging: Path, target: Path) -> None:
    """Put staging in target's place so that target is at every instant the whole old or the whole new site."""
    staging.chmod(0o755)
    if not target.exists():
        os.rename(staging, target)
        return
    _mark(target)  # a site/ from before the marker, so that a killed build's leftover of it is known as ours
    try:
        _exchange(staging, target)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        _swap_by_renames(staging, target)


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders in one step: Linux's renameat2 with RENAME_EXCHANGE (glibc 2.28 and later).
    OSError ENOSYS where there is no renameat2, EINVAL where the file system refuses the exchange."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 saknas", str(first))
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))


def _swap_by_renames(staging: Path, target: Path) -> None:
    """The fallback where the exchange is not available: target is renamed aside, then staging in.
    Between the two renames there is no target; a build killed there leaves the old site, marked, at
    the aside name, and the next build renames it back (_recover) before anything else."""
    aside = target.with_name(f".{target.name}{_ASIDE}{os.getpid()}")
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(aside, target)
        raise
    _remove_build(aside)


def _recover(target: Path) -> None:
    """Undo what a killed build left beside target: its old site back in place if the fallback swap
    was cut between its renames, then every staging and old folder removed."""
    prefix = f".{target.name}"
    leftovers = sorted(p for p in target.parent.iterdir()
                       if p.name.startswith((prefix + _STAGING, prefix + _ASIDE)) and p.is_dir())
    aside = [p for p in leftovers if p.name.startswith(prefix + _ASIDE) and (p / MARKER).is_file()]
    if aside and not target.exists():
        os.rename(aside[-1], target)
        leftovers.remove(aside[-1])
    for leftover in leftovers:
        _remove_build(leftover)


def _remove_build(folder: Path) -> None:
    """Delete a folder the build wrote, its marker last, so a delete cut short leaves a folder that
    the next build still knows as its own; an empty one (killed before the marker) goes too."""
    if (folder / MARKER).is_file():
        for child in folder.iterdir():
            if child.name != MARKER:
                _remove(child)
    with contextlib.suppress(OSError):
        (folder / MARKER).unlink(missing_ok=True)
        folder.rmdir()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _mark(folder: Path) -> None:
    if not (folder / MARKER).is_file():
        (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


class _Busy(Exception):
    """Another build holds the lock; the message is the lock file."""


@contextlib.contextmanager
def _exclusive(lock: Path):
    """Hold a non-blocking flock on the lock file; _Busy when another build holds it. The file is
    removed before it is released, so none stays beside site/; a build that had opened it before
    then finds its file no longer at the path and opens the new one."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise _Busy(lock) from None
        if _still_at(fd, lock):
            break
        os.close(fd)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        os.close(fd)


def _still_at(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False

