"""The content's CI (GitHub workflow, GitLab pipeline, scripts/ci-content.sh) and the pre-commit hook.

Both CI files are validated against their published schemas, which check-jsonschema ships (no
network), and both call scripts/ci-content.sh, which is run here on a copy of the repository's
content, as CI runs it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, VALID_PROJECT, line_of, swap

BIN = Path(sys.executable).parent
WORKFLOW = REPO / ".github" / "workflows" / "kunskapsbank.yml"
GITLAB = REPO / ".gitlab-ci.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"
SCRIPT = "scripts/ci-content.sh"
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
REPORTS = {"codequality": "build/reports/code-quality.json", "junit": "build/reports/junit.xml",
           "sarif": "build/reports/kunskapsbank.sarif"}
BAD = swap("  - Södermalm", "  - Södermalmm")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_steps(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def uses(workflow: dict, action: str) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])
            if step.get("uses", "").startswith(action + "@")]


# The files against their schemas --------------------------------------------------------------


@pytest.mark.parametrize("path,schema,extra", [
    (WORKFLOW, "vendor.github-workflows", []),
    (GITLAB, "vendor.gitlab-ci", ["--data-transform", "gitlab-ci"]),
])
def test_ci_file_is_valid_against_its_published_schema(path, schema, extra):
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *extra, str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


# The GitHub workflow ------------------------------------------------------------------------


def test_github_workflow_checks_builds_and_keeps_the_preview():
    workflow = load(WORKFLOW)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    (python,) = uses(workflow, "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    assert run_steps(workflow) == ["python -m pip install .", f"bash {SCRIPT} check", f"bash {SCRIPT} build"]
    (cache,) = uses(workflow, "actions/cache")
    assert cache["with"]["path"] == "~/.cache/kunskapsbank"
    previews = [s for s in uses(workflow, "actions/upload-artifact") if s["with"]["name"] == "forhandsgranskning"]
    assert [s["with"]["path"] for s in previews] == ["site/"]


def test_github_pages_only_from_main_behind_the_repository_switch():
    workflow = load(WORKFLOW)
    switch = "vars.KUNSKAPSBANK_PAGES == 'true'"
    (pages,) = uses(workflow, "actions/upload-pages-artifact")
    (publish,) = [job for job in workflow["jobs"].values() if any(
        s.get("uses", "").startswith("actions/deploy-pages@") for s in job.get("steps", []))]
    for condition in (pages["if"], publish["if"]):
        assert switch in condition and "github.ref == 'refs/heads/main'" in condition
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}


# The GitLab pipeline ------------------------------------------------------------------------


def test_gitlab_pipeline_reports_and_exposes_the_preview():
    pipeline = load(GITLAB)
    check, build, pages = pipeline["check"], pipeline["build"], pipeline["pages"]
    assert check["script"] == [f"bash {SCRIPT} check"] and build["script"] == [f"bash {SCRIPT} build"]
    assert check["artifacts"]["when"] == "always"  # the reports matter most when the check fails
    assert check["artifacts"]["reports"] == {"codequality": REPORTS["codequality"], "junit": REPORTS["junit"]}
    artifacts = build["artifacts"]
    assert artifacts["paths"] == ["site/"]
    # GitLab refuses the whole pipeline when expose_as has other characters (Ruby's \w is ASCII).
    assert re.fullmatch(r"\w[-\w ]*", artifacts["expose_as"], re.ASCII)
    assert artifacts["expose_as"].lower() == "forhandsgranskning"
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public"] and "mv site public" in pages["script"]
    assert pipeline["variables"]["XDG_CACHE_HOME"] == "$CI_PROJECT_DIR/.cache"
    assert ".cache/" in pipeline["cache"]["paths"]


# scripts/ci-content.sh, as CI runs it ----------------------------------------------------------


@pytest.fixture
def checkout(tmp_path) -> Path:
    """The parts of a clone that CI uses: mkdocs.yml, content/, theme/ and the script."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    shutil.copy(REPO / "mkdocs.yml", tmp_path)
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / SCRIPT, tmp_path / SCRIPT)
    return tmp_path


def ci(checkout: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "SOURCE_DATE_EPOCH")}
    environment.update(env, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", NO_MKDOCS_2_WARNING="1")
    return subprocess.run(["bash", str(checkout / SCRIPT), *args], cwd=checkout, env=environment,
                          capture_output=True, text=True, timeout=600)


def reports_of(checkout: Path) -> tuple[list, ET.Element, dict]:
    quality = json.loads((checkout / REPORTS["codequality"]).read_text(encoding="utf-8"))
    junit = ET.parse(checkout / REPORTS["junit"]).getroot()
    sarif = json.loads((checkout / REPORTS["sarif"]).read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    return quality, junit.find("testsuite"), sarif


def test_ci_script_checks_and_builds_the_bundled_content(checkout):
    checked = ci(checkout, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().splitlines()[-1].startswith("Inga fel i ")
    quality, suite, sarif = reports_of(checkout)
    pages = len(list((checkout / "content").glob("*/*.md")))
    assert quality == [] and sarif["runs"][0]["results"] == []
    assert (int(suite.get("tests")), int(suite.get("failures"))) == (pages, 0)

    built = ci(checkout, "build")
    assert built.returncode == 0, built.stderr
    assert (checkout / "site" / "index.html").is_file()
    assert (checkout / "site" / "projects" / "mina-bada-varldar" / "index.html").is_file()


def test_ci_script_on_a_bad_file_fails_with_the_reports_written(checkout):
    (checkout / "content" / "projects" / "stella.md").write_text(BAD, encoding="utf-8")
    line = line_of(BAD, "Södermalmm")
    checked = ci(checkout, "check")
    assert checked.returncode == 1, checked.stderr
    assert f"content/projects/stella.md:{line}: fel: okänt värde 'Södermalmm' i districts" in checked.stdout
    quality, suite, sarif = reports_of(checkout)
    assert [(q["location"]["path"], q["location"]["lines"]["begin"]) for q in quality] == \
        [("content/projects/stella.md", line)]
    assert int(suite.get("failures")) == 1
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/projects/stella.md"

    on_github = ci(checkout, "check", GITHUB_ACTIONS="true")
    assert on_github.returncode == 1
    assert f"::error file=content/projects/stella.md,line={line},title=districts::okänt värde" in on_github.stdout


def test_ci_script_refuses_an_unknown_step(checkout):
    done = ci(checkout, "publish")
    assert done.returncode == 2 and "check|build" in done.stderr


# pre-commit ---------------------------------------------------------------------------------
# check-jsonschema has no built-in schema for .pre-commit-hooks.yaml; pre-commit's own
# validate-manifest and validate-config check the files as pre-commit reads them.


def test_pre_commit_manifest_and_config_are_valid():
    for command, path in (("validate-manifest", HOOKS), ("validate-config", PRE_COMMIT_CONFIG)):
        done = subprocess.run([str(BIN / "pre-commit"), command, str(path)], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_hook_for_content_repositories():
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert {"id", "name", "entry", "language"} <= set(hook)  # what pre-commit documents as required
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == \
        ("kunskapsbank-check", "kunskapsbank check", "python", True)
    files = re.compile(hook["files"])
    assert files.search("content/projects/stella.md") and files.search("content/guides/brukarinflytande.md")
    assert not files.search("generator/cli.py") and not files.search("docs/redaktorsguide.md")


def test_this_repository_uses_the_hook_and_a_pinned_ruff():
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    repos = load(PRE_COMMIT_CONFIG)["repos"]
    (local,) = [r for r in repos if r["repo"] == "local"]
    (mine,) = [h for h in local["hooks"] if h["id"] == hook["id"]]
    for key in ("entry", "files", "pass_filenames", "require_serial"):
        assert mine[key] == hook[key], key
    (ruff,) = [r for r in repos if r["repo"].endswith("/ruff-pre-commit")]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])


def test_the_hook_entry_fails_on_a_bad_file_and_names_its_line(kb):
    """pre-commit runs the entry from the repository's top with the changed files' paths."""
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    bad = kb.project("stella.md", BAD)
    good = kb.project("giltig.md", VALID_PROJECT)
    program, *args = shlex.split(hook["entry"])
    done = subprocess.run([str(BIN / program), *args, bad, good], cwd=kb.base, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{bad}:{line_of(BAD, 'Södermalmm')}: fel: okänt värde 'Södermalmm' i districts – menade du 'Södermalm'?",
        "1 fel och 0 varningar i 2 filer",
    ]
