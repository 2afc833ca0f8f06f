"""The content shipped in the repository passes `kunskapsbank check` and is large enough to be useful."""

from __future__ import annotations

from conftest import REPO, parse_output
from generator import corpus
from generator.cli import main
from generator.vocabulary import load as load_vocabulary

CONTENT = REPO / "content"
MIN_PROJECTS = 20


def test_bundled_content_has_enough_projects():
    projects = sorted((CONTENT / "projects").glob("*.md")) if (CONTENT / "projects").is_dir() else []
    assert len(projects) >= MIN_PROJECTS, f"content/projects/ has {len(projects)} projects, expected ≥ {MIN_PROJECTS}"


def test_bundled_content_passes_check(capsys, monkeypatch):
    assert CONTENT.is_dir(), "content/ is missing"
    monkeypatch.chdir(REPO)
    status = main(["check", "content", "--strict"])
    findings, summary = parse_output(capsys.readouterr().out)
    assert status == 0, "\n".join(f"{f.path}:{f.line}: {f.level}: {f.text}" for f in findings)
    result = corpus.load(CONTENT, load_vocabulary())
    assert result.ok and len(result.corpus.projects) >= MIN_PROJECTS, summary
