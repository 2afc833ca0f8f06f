"""`kunskapsbank build` as the publishing job runs it: reproducible, all-or-nothing, and never
writing generated pages into the editors' content folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.indexes import GENERATED_PAGES
from test_build_epoch import sitemap_date
from siteutil import FIXTURE_CONTENT, REPO

KUNSKAPSBANK = Path(sys.executable).parent / "kunskapsbank"
GENERATED = GENERATED_PAGES  # folders end in "/"


def config_for(folder: Path) -> Path:
    """A mkdocs.yml beside content/ and site/, as in the repository, inheriting its settings."""
    path = folder / "mkdocs.yml"
    path.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: content\nsite_dir: site\n"
                    f"theme:\n  name: material\n  custom_dir: {REPO / 'theme'}\n", encoding="utf-8")
    return path


def run_build(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # the build must set its own
    return subprocess.run([str(KUNSKAPSBANK), "build", *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=300)


def snapshot(site: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under site/."""
    return {p.relative_to(site).as_posix(): (p.read_bytes() if p.is_file() else None) for p in site.rglob("*")}


@pytest.fixture
def project_folder(tmp_path) -> Path:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    config_for(tmp_path)
    return tmp_path


@pytest.mark.parametrize("source", ["fixture", "real"])
def test_two_builds_of_the_same_content_are_byte_identical(tmp_path, source):
    shutil.copytree(FIXTURE_CONTENT if source == "fixture" else REPO / "content", tmp_path / "content")
    config_for(tmp_path)
    first = run_build(tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(tmp_path / "site")
    assert "index.html" in before and "sitemap.xml.gz" in before
    second = run_build(tmp_path)
    assert second.returncode == 0, second.stderr
    after = snapshot(tmp_path / "site")
    assert sorted(after) == sorted(before)
    differing = [name for name in before if before[name] != after[name]]
    assert differing == []


def test_build_date_comes_from_the_content_not_the_clock(project_folder):
    """Tomorrow's build of today's content must be identical too: sitemap.xml.gz records a date,
    which is the newest date the content states (Zetastudien's 2019), not the day of the build."""
    built = run_build(project_folder)
    assert built.returncode == 0, built.stderr
    assert sitemap_date(project_folder / "site") == dt.date(2019, 1, 1)


def test_failed_build_reports_the_error_and_keeps_the_previous_site(project_folder):
    built = run_build(project_folder)
    assert built.returncode == 0, built.stderr
    site = project_folder / "site"
    before = snapshot(site)
    neighbours = sorted(p.name for p in project_folder.iterdir())

    broken = project_folder / "content" / "projects" / "zeta-studien.md"
    text = broken.read_text(encoding="utf-8")
    line = text.splitlines().index("status: planerat") + 1
    broken.write_text(text.replace("status: planerat", "status: klar"), encoding="utf-8")
    failed = run_build(project_folder)

    assert failed.returncode != 0
    assert re.search(rf"^content/projects/zeta-studien\.md:{line}: fel: okänt värde 'klar' i status",
                     failed.stderr, re.M), failed.stderr
    assert "publiceras inte" in failed.stderr
    assert "orörd" in failed.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in project_folder.iterdir()) == neighbours, "ett halvfärdigt bygge ligger kvar"


def test_failed_first_build_leaves_no_site(project_folder):
    (project_folder / "content" / "guides" / "ny-vagledning.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    failed = run_build(project_folder)
    assert failed.returncode != 0
    assert "content/guides/ny-vagledning.md:" in failed.stderr and ": fel: " in failed.stderr
    # The attachments' text cache (.cache/) is no build: the check that failed filled it for the next.
    assert sorted(p.name for p in project_folder.iterdir() if p.name != ".cache") == ["content", "mkdocs.yml"]


def test_build_of_the_repository(tmp_path):
    """`kunskapsbank build` in the repository itself (into a temporary site/, not the shared one)."""
    site = tmp_path / "site"
    result = run_build(REPO, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert re.search(r"^Klart: \d+ sidor i ", result.stderr, re.M), result.stderr
    published = [p for p in (REPO / "content" / "projects").glob("*.md")
                 if not re.search(r"^draft:\s*true\s*$", p.read_text(encoding="utf-8"), re.M)]
    built = [p for p in (site / "projects").glob("*/index.html") if p.parent.name != "files"]
    assert len(built) == len(published) > 0
    for page in ("index.html", "years/index.html", "areas/index.html", "districts/index.html", "topics/index.html",
                 "projects/index.html", "guides/index.html", "404.html"):
        assert (site / page).is_file(), page
    assert not (REPO / "content" / "index.md").exists()


def test_generated_pages_are_never_files_in_git():
    tracked = subprocess.run(["git", "ls-files", "content"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked, "git ls-files hittade inget innehåll"
    for path in tracked:
        inside = path.removeprefix("content/")
        assert not inside.startswith(GENERATED), path
    for generated in GENERATED:  # nor in the working tree, where a build must never write them
        assert not (REPO / "content" / generated).exists(), generated
    ignored = subprocess.run(["git", "check-ignore", "-q", "site/index.html"], cwd=REPO)
    assert ignored.returncode == 0, "site/ ska inte kunna checkas in"


def test_unclosed_html_in_a_body_leaves_the_generated_parts_of_the_page(tmp_path):
    """The fact panel and the lists after the body are HTML that never passes the Markdown parser; an
    editor's unclosed <div> at the end of the body must not make them disappear or show as text."""
    from bs4 import BeautifulSoup

    from siteutil import build, copy_fixture

    content = copy_fixture(tmp_path)
    path = content / "projects" / "alfa-projektet.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<div class=\"ruta\">\n\nSista stycket.\n",
                    encoding="utf-8")
    assert build(content, tmp_path / "site", tmp_path) == 0
    html = (tmp_path / "site" / "projects" / "alfa-projektet" / "index.html").read_text(encoding="utf-8")
    assert "kunskapsbank-" not in html  # no placeholder left behind
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article.select_one("dl.kb-facts") is not None
    assert article.select_one(".kb-funding table tfoot").get_text(" ", strip=True) == "Totalt 775\u00a0000\u00a0kr"
    assert [a.get_text() for a in article.select("ul.kb-backlinks a")] == ["Ny vägledning om brukarinflytande"]
    assert "Sista stycket." in article.get_text()
