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

from conftest import VALID_GUIDE, swap
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


# Refused output folders -----------------------------------------------------------------------

def refused(capsys, config: Path, site_dir: str, watched: Path) -> str:
    before = files_under(watched)
    status, output = kunskapsbank(capsys, "build", "-f", str(config), "-d", site_dir)
    assert status == 2, output
    assert files_under(watched) == before, "bygget rörde filer i en mapp det skulle ha vägrat"
    assert "Traceback" not in output and "Klart" not in output
    return output


def test_the_content_folder_is_refused_and_nothing_is_deleted(tmp_path, capsys, monkeypatch):
    config = write_config(tmp_path, write_content(tmp_path), tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    output = refused(capsys, config, "content", tmp_path)
    assert f"fel: målmappen {tmp_path / 'content'} är innehållsmappen" in output
    assert "Välj en egen mapp för webbplatsen" in output


def test_a_folder_inside_the_content_is_refused(tmp_path, capsys, monkeypatch):
    config = write_config(tmp_path, write_content(tmp_path), tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    output = refused(capsys, config, "content/projects/site", tmp_path)
    assert f"ligger i innehållsmappen {tmp_path / 'content'}" in output


def test_the_repository_itself_is_refused(tmp_path, capsys, monkeypatch):
    """`-d .` in the folder of mkdocs.yml: content/, mkdocs.yml and .git would all have gone."""
    config = write_config(tmp_path, write_content(tmp_path), tmp_path / "site")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    output = refused(capsys, config, ".", tmp_path)
    assert f"målmappen {tmp_path} innehåller innehållsmappen {tmp_path / 'content'}" in output


def test_the_folder_of_mkdocs_yml_is_refused(tmp_path, capsys):
    content = write_content(tmp_path)
    (tmp_path / "inställningar").mkdir()
    config = write_config(tmp_path / "inställningar", content, tmp_path / "site")
    output = refused(capsys, config, str(tmp_path / "inställningar"), tmp_path)
    assert f"innehåller {config}, som bygget skulle radera" in output


@pytest.mark.parametrize("where", ["top", "linked work tree", "deeper"])
def test_a_git_work_tree_is_refused(tmp_path, capsys, where):
    config = write_config(tmp_path, write_content(tmp_path), tmp_path / "site")
    repo = tmp_path / "arkiv"
    if where == "top":
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
    elif where == "linked work tree":  # `git worktree add` leaves a .git file, not a folder
        repo.mkdir()
        (repo / ".git").write_text("gitdir: /någonstans/.git/worktrees/arkiv\n", encoding="utf-8")
    else:
        subprocess.run(["git", "init", "-q", str(repo / "projekt" / "rapport")], check=True)
    output = refused(capsys, config, str(repo), tmp_path)
    assert f"fel: målmappen {repo} innehåller ett git-arkiv" in output


def test_a_site_that_was_made_a_git_repository_is_refused(folder, capsys):
    """Publishing by `git push` from inside site/ is common: its history must not go with the swap."""
    subprocess.run(["git", "init", "-q", str(folder / "site")], check=True)
    output = refused(capsys, folder / "mkdocs.yml", str(folder / "site"), folder)
    assert "innehåller ett git-arkiv" in output


@pytest.mark.parametrize("files", [["anteckningar.txt"], ["index.html"], ["index.html", "sitemap.xml"]])
def test_a_folder_the_build_did_not_write_is_refused(tmp_path, capsys, files):
    """A foreign folder, also one that only looks a little like a site, is never replaced."""
    config = write_config(tmp_path, write_content(tmp_path), tmp_path / "site")
    mine = tmp_path / "mina-filer"
    mine.mkdir()
    for name in files:
        (mine / name).write_text("mitt eget\n", encoding="utf-8")
    output = refused(capsys, config, str(mine), tmp_path)
    assert f"fel: målmappen {mine} innehåller filer som inget tidigare bygge har skrivit" in output
    assert "Välj en ny eller tom mapp" in output


def test_a_file_as_target_is_refused(tmp_path, capsys):
    config = write_config(tmp_path, write_content(tmp_path), tmp_path / "site")
    (tmp_path / "README.md").write_text("# Läs mig\n", encoding="utf-8")
    output = refused(capsys, config, str(tmp_path / "README.md"), tmp_path)
    assert "är en fil, inte en mapp" in output


def test_a_target_below_a_file_is_refused(tmp_path, capsys):
    config = write_config(tmp_path, write_content(tmp_path), tmp_path / "site")
    (tmp_path / "anteckningar.txt").write_text("mitt eget\n", encoding="utf-8")
    output = refused(capsys, config, str(tmp_path / "anteckningar.txt" / "site"), tmp_path)
    assert f"ligger under {tmp_path / 'anteckningar.txt'}, som är en fil" in output


def test_a_site_of_an_earlier_version_and_an_empty_folder_are_replaced_and_marked(folder, capsys):
    """site/ from before the marker (index.html, sitemap.xml and pagefind/ at its top) is ours."""
    (folder / "site" / MARKER).unlink()
    status, output = build(capsys, folder)
    assert status == 0, output
    assert version(folder / "site") == "new" and (folder / "site" / MARKER).is_file()
    (folder / "tom").mkdir()
    status, output = kunskapsbank(capsys, "build", "-f", str(folder / "mkdocs.yml"), "-d", str(folder / "tom"))
    assert status == 0, output
    assert version(folder / "tom") == "new" and (folder / "tom" / MARKER).is_file()


# The swap: killed at every step --------------------------------------------------------------

# Runs a build in a child process that SIGKILLs itself at one step; the steps are named by what
# has just happened. Only the kill is injected: the build is the real one.
KILLED_BUILD = r"""
import errno, os, signal, sys
from pathlib import Path
import generator.build as build

config, site, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def after(function, when=lambda *args: True):
    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        if when(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return wrapped

def no_exchange(*args):
    raise OSError(errno.EINVAL, "Invalid argument")

def second_call(*args, seen=[]):
    seen.append(args)
    return len(seen) == 2

if step == "site written":
    build.mkdocs_build = after(build.mkdocs_build)
elif step == "exchanged":
    build._exchange = after(build._exchange)
elif step == "old site half deleted":
    build._remove = after(build._remove, second_call)
elif step == "fallback: old site moved aside":
    build._exchange = no_exchange
    os.rename = after(os.rename, lambda src, dst: "-gammal-" in str(dst))
elif step == "fallback: new site moved in":
    build._exchange = no_exchange
    os.rename = after(os.rename, lambda src, dst: Path(dst) == site)
sys.exit(build.build_site(config, site))
"""


def killed_build(folder: Path, step: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(folder / "mkdocs.yml"), str(folder / "site"), step],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, f"bygget dödades inte vid '{step}':\n{done.stderr}"


@pytest.mark.parametrize("step, left", [
    ("site written", "old"),
    ("exchanged", "new"),
    ("old site half deleted", "new"),
    ("fallback: new site moved in", "new"),
])
def test_a_build_killed_during_the_swap_leaves_a_whole_site_and_the_next_build_cleans_up(folder, capsys, step, left):
    killed_build(folder, step)
    assert version(folder / "site") == left
    status, output = build(capsys, folder)
    assert status == 0, output
    assert version(folder / "site") == "new"
    assert_nothing_left_beside(folder)


def test_a_build_killed_between_the_renames_of_the_fallback_gets_the_old_site_back(folder, capsys):
    """Where the file system cannot exchange two folders, site/ is renamed aside and the new one in.
    A kill between the two leaves no site/ until the next build, which first puts the old one back:
    even when that build fails, readers get the old site, whole."""
    before = snapshot(folder / "site")
    killed_build(folder, "fallback: old site moved aside")
    project = folder / "content" / "projects" / "stella.md"
    project.write_text(project.read_text(encoding="utf-8").replace("status: avslutat", "status: klar"),
                       encoding="utf-8")
    status, output = build(capsys, folder)
    assert status == 1 and "okänt värde 'klar' i status" in output, output
    assert snapshot(folder / "site") == before
    assert_nothing_left_beside(folder)


def test_the_fallback_swap_publishes_the_new_site(folder, capsys, monkeypatch):
    import generator.build

    def no_exchange(*args):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(generator.build, "_exchange", no_exchange)
    status, output = build(capsys, folder)
    assert status == 0, output
    assert version(folder / "site") == "new"
    assert_nothing_left_beside(folder)


def test_a_reader_never_finds_the_site_missing_during_builds(folder, capsys, monkeypatch):
    """A web server reading site/index.html in a loop while the site is rebuilt twice. Renames are
    slowed down as on a busy disk, so a gap between two renames cannot hide by being short."""
    real_rename = os.rename

    def slow_rename(*args, **kwargs):
        real_rename(*args, **kwargs)
        time.sleep(0.5)

    monkeypatch.setattr(os, "rename", slow_rename)
    stop, reads, missing = threading.Event(), [], []

    def reader():
        while not stop.is_set():
            try:
                reads.append(len((folder / "site" / "index.html").read_bytes()))
            except FileNotFoundError:
                missing.append(time.monotonic())
            time.sleep(0.001)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        results = [build(capsys, folder) for _ in range(2)]
    finally:
        stop.set()
        thread.join()
    assert [status for status, _ in results] == [0, 0], results
    assert reads and missing == [], f"index.html saknades {len(missing)} gånger av {len(reads) + len(missing)}"
    assert version(folder / "site") == "new"


# One build at a time -----------------------------------------------------------------------

WAITING_BUILD = r"""
import sys, time
from pathlib import Path
import generator.build as build

config, site, ready, go = (Path(a) for a in sys.argv[1:5])

def waiting(*args, real=build.mkdocs_build):
    real(*args)
    ready.touch()
    while not go.exists():
        time.sleep(0.05)

build.mkdocs_build = waiting
sys.exit(build.build_site(config, site))
"""


def test_a_second_build_at_the_same_time_is_refused(folder, capsys, tmp_path_factory):
    signals = tmp_path_factory.mktemp("signals")
    ready, go = signals / "klar", signals / "kör"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    first = subprocess.Popen([sys.executable, "-c", WAITING_BUILD, str(folder / "mkdocs.yml"), str(folder / "site"),
                              str(ready), str(go)], cwd=folder, env=env, stderr=subprocess.PIPE, text=True)
    try:
        while not ready.exists():
            assert first.poll() is None, first.stderr.read()
            time.sleep(0.05)
        status, output = build(capsys, folder)
    finally:
        go.touch()
        _, first_err = first.communicate(timeout=300)
    assert status == 2
    assert f"fel: ett annat bygge pågår och skriver till {folder / 'site'}. Vänta tills det är klart" in output
    assert "Traceback" not in output
    assert first.returncode == 0, first_err
    assert version(folder / "site") == "new"
    assert_nothing_left_beside(folder)


# The environment fails: a Swedish line, exit 2, the old site kept ------------------------------

def staging_write_fails(monkeypatch, error: int, after_writes: int) -> None:
    """open() for writing a page into the build's staging folder fails after some pages, as on a full disk."""
    real_open, writes = builtins.open, []

    def failing_open(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wxa") and "-bygge-" in str(file) and str(file).endswith("index.html"):
            writes.append(file)
            if len(writes) > after_writes:
                raise OSError(error, os.strerror(error), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)


def assert_environment_error(status: int, output: str, *fragments: str) -> None:
    assert status == 2, output
    assert "Traceback" not in output and "Errno" not in output.splitlines()[-1]
    last = output.strip().splitlines()[-1]
    assert last.startswith("fel: kunde inte skriva i ") and all(f in last for f in fragments), output


def test_a_full_disk_while_mkdocs_writes_keeps_the_old_site(folder, capsys, monkeypatch):
    before = snapshot(folder / "site")
    staging_write_fails(monkeypatch, errno.ENOSPC, after_writes=5)
    status, output = build(capsys, folder)
    assert_environment_error(status, output, "disken är full", "Frigör utrymme",
                             f"Den tidigare webbplatsen i {folder / 'site'} är orörd")
    assert "No space left" not in output, "MkDocs engelska rad om felet syns"
    assert snapshot(folder / "site") == before
    assert_nothing_left_beside(folder)


def test_a_full_disk_while_the_search_index_is_written_is_no_content_error(folder, capsys, monkeypatch):
    """The plugin wraps the failed write of the search index; it is still the disk, exit 2."""
    import generator.search

    def full(output, *args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(output / "facets.json"))

    monkeypatch.setattr(generator.search, "write_facet_table", full)
    before = snapshot(folder / "site")
    status, output = build(capsys, folder)
    assert_environment_error(status, output, "disken är full")
    assert snapshot(folder / "site") == before
    assert_nothing_left_beside(folder)


def test_a_full_disk_during_the_swap_keeps_the_old_site(folder, capsys, monkeypatch):
    import generator.build

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(generator.build, "_exchange", no_space)
    before = snapshot(folder / "site")
    status, output = build(capsys, folder)
    assert_environment_error(status, output, "disken är full")
    assert snapshot(folder / "site") == before
    assert_nothing_left_beside(folder)


@pytest.mark.parametrize("error, fragment", [(errno.EACCES, "åtkomst nekas"), (errno.EROFS, "skrivskyddad")])
def test_a_target_whose_folder_cannot_be_written(tmp_path, capsys, monkeypatch, built_site, error, fragment):
    """The suite runs as root, whom chmod does not stop: the kernel's refusal is simulated for every
    new name in the folder."""
    write_content(tmp_path, NEW_TITLE)
    locked = tmp_path / "skyddad"
    shutil.copytree(built_site, locked / "site")
    config = write_config(tmp_path, tmp_path / "content", locked / "site")
    before = snapshot(locked / "site")
    for name in ("mkdir", "open"):
        real = getattr(os, name)

        def refusing(path, *args, real=real, **kwargs):
            if Path(os.fsdecode(path)).parent == locked and not os.path.exists(path):
                raise OSError(error, os.strerror(error), os.fsdecode(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, refusing)
    status, output = kunskapsbank(capsys, "build", "-f", str(config))
    assert_environment_error(status, output, str(locked), fragment, "ange en annan målmapp med -d")
    assert snapshot(locked / "site") == before
    assert sorted(p.name for p in locked.iterdir()) == ["site"]


def test_a_target_name_too_long_for_the_file_system(folder, capsys):
    target = folder / ("webbplats-" * 25)
    status, output = kunskapsbank(capsys, "build", "-f", str(folder / "mkdocs.yml"), "-d", str(target))
    assert_environment_error(status, output, "namnet är för långt", "Välj ett kortare namn")
    assert_nothing_left_beside(folder)


def test_ctrl_c_during_a_build_keeps_the_old_site_and_says_so(folder, capsys, monkeypatch):
    import generator.build

    def interrupted(config):
        (Path(config.site_dir) / "index.html").write_text("halvfärdig", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(generator.build, "mkdocs_build", interrupted)
    before = snapshot(folder / "site")
    status, output = build(capsys, folder)
    assert (status, output.strip().splitlines()[-1]) == (130, "Avbrutet.")
    assert snapshot(folder / "site") == before
    assert_nothing_left_beside(folder)


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
