"""`kunskapsbank build` and `new` can never destroy anything: an output folder the build did not
write is refused, site/ is at every instant the whole old or the whole new site (even when a build
is killed), one build runs at a time, and a full disk or a folder without access is a Swedish
message, never a traceback."""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import VALID_GUIDE, VALID_PROJECT, swap
from generator.cli import main
from siteutil import REPO, write_config

OLD_TITLE = "Stella – det tredelade föräldraskapet"
NEW_TITLE = "Stella – andra upplagan"
MARKER = ".kunskapsbank-webbplats"


def write_content(tmp: Path, title: str = OLD_TITLE) -> Path:
    """A small content folder: one project and one guide (a build takes seconds, not minutes)."""
    content = tmp / "content"
    (content / "projects").mkdir(parents=True, exist_ok=True)
    (content / "guides").mkdir(exist_ok=True)
    (content / "projects" / "stella.md").write_text(swap(OLD_TITLE, title), encoding="utf-8")
    (content / "guides" / "brukarinflytande.md").write_text(VALID_GUIDE, encoding="utf-8")
    return content


def kunskapsbank(capsys, *args: str) -> tuple[int, str]:
    """The command run in-process as an editor runs it; its exit status and what it printed."""
    capsys.readouterr()
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def snapshot(site: Path) -> dict[str, bytes | None]:
    return {p.relative_to(site).as_posix(): (p.read_bytes() if p.is_file() else None) for p in site.rglob("*")}


def version(site: Path) -> str:
    """'old' or 'new' for a complete site, the one title both its home page and project page show."""
    for page in ("index.html", "404.html", "sitemap.xml", "pagefind/pagefind.js", "search/index.html"):
        assert (site / page).is_file(), f"{page} saknas: webbplatsen är inte hel"
    project = (site / "projects" / "stella" / "index.html").read_text(encoding="utf-8")
    listing = (site / "projects" / "index.html").read_text(encoding="utf-8")
    titles = [name for name, title in (("old", OLD_TITLE), ("new", NEW_TITLE)) if title in project and title in listing]
    assert len(titles) == 1, "sidorna kommer från olika byggen"
    return titles[0]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """A site/ built once from the small content with the old title, for each test to copy."""
    from generator.build import build_site

    tmp = tmp_path_factory.mktemp("old-site")
    config = write_config(tmp, write_content(tmp), tmp / "site")
    assert build_site(config, tmp / "site") == 0
    return tmp / "site"


@pytest.fixture
def folder(tmp_path, built_site) -> Path:
    """content/ with the new title, mkdocs.yml and the old site/ beside them, as in the repository."""
    write_content(tmp_path, NEW_TITLE)
    write_config(tmp_path, tmp_path / "content", tmp_path / "site")
    shutil.copytree(built_site, tmp_path / "site", symlinks=True)
    return tmp_path


def build(capsys, folder: Path, *extra: str) -> tuple[int, str]:
    return kunskapsbank(capsys, "build", "-f", str(folder / "mkdocs.yml"), "-d", str(folder / "site"), *extra)


def assert_nothing_left_beside(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == ["content", "mkdocs.yml", "site"]


# `kunskapsbank new` ---------------------------------------------------------------------------

def test_new_with_a_300_character_title_writes_a_file_with_a_shorter_name(tmp_path, capsys):
    title = ("Samverkan kring barn och unga i familjer med missbruk, våld och ekonomisk utsatthet " * 4)[:300]
    status, output = kunskapsbank(capsys, "new", "project", title, "--content", str(tmp_path / "content"))
    assert status == 0, output
    [written] = (tmp_path / "content" / "projects").iterdir()
    assert written.name == "samverkan-kring-barn-och-unga-i-familjer-med-missbruk-vald-och-ekonomisk.md"
    assert f"title: \"{title.strip()}\"" in written.read_text(encoding="utf-8")
    assert f"Skapade {written}" in output


def test_new_on_a_full_disk_says_so_and_leaves_no_half_file(tmp_path, capsys, monkeypatch):
    real_open = builtins.open

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text):
            self.handle.write(text[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(builtins, "open", lambda file, mode="r", *a, **k: FullDisk(real_open(file, mode, *a, **k))
                        if "x" in mode else real_open(file, mode, *a, **k))
    status, output = kunskapsbank(capsys, "new", "guide", "Ny vägledning", "--content", str(tmp_path / "content"))
    assert status == 2, output
    assert output.strip() == (f"fel: kunde inte skriva i {tmp_path / 'content' / 'guides'}: disken är full. "
                              "Frigör utrymme på disken och försök igen")
    assert list((tmp_path / "content" / "guides").iterdir()) == []


# The last resort in main() ---------------------------------------------------------------------

@pytest.fixture
def broken_check(monkeypatch, tmp_path):
    import generator.corpus

    def broken(*args, **kwargs):
        raise RuntimeError("ordlistan är\ntrasig")

    monkeypatch.setattr(generator.corpus, "load", broken)
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path)


def test_an_unexpected_error_is_one_swedish_line_without_traceback(broken_check, capsys):
    status, output = kunskapsbank(capsys, "check")
    assert status == 2
    assert output == ("fel: något oväntat gick fel (RuntimeError: ordlistan är trasig). "
                      "Kör igen med --debug för att se detaljerna\n")


@pytest.mark.parametrize("argv", [["--debug", "check"], ["check", "--debug"]])
def test_with_debug_the_traceback_is_shown(broken_check, capsys, argv):
    status, output = kunskapsbank(capsys, *argv)
    assert status == 2
    assert output.startswith("Traceback (most recent call last):") and 'raise RuntimeError("ordlistan är' in output
    assert output.endswith("fel: något oväntat gick fel (RuntimeError: ordlistan är trasig).\n")
