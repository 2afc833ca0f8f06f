"""`kunskapsbank check` over many files, its summary, JSON output and exit status, and `kunskapsbank new`."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO, VALID_GUIDE, VALID_PROJECT, line_of, parse_output, swap
from generator.diagnostics import error, summary, warning


def funded(district: str, source: str = "Lokala utvecklingsmedel", year: int = 2015) -> str:
    text = swap("  - Södermalm", f"  - {district}")
    text = swap("source: Lokala utvecklingsmedel", f"source: {source}", text)
    text = swap("    year: 2015", f"    year: {year}", text)
    return swap("amount: 400000", "amount: 20000", text) if source == "MUST" else text


# Many files in one run ---------------------------------------------------------------------


def test_all_errors_of_all_files_are_reported_in_one_run(kb):
    district_typo = swap("  - Södermalm", "  - Södermalmm")
    two_errors = swap("start: 2015", "start: 0127", swap("status: avslutat", "status: pagaende"))
    old_update = swap("updated: 2020-01-15", "updated: 2018-01-01", VALID_GUIDE)
    paths = {
        "typo": kb.project("stella.md", district_typo),
        "two": kb.project("fire.md", two_errors),
        "empty": kb.guide("tom.md", ""),
        "update": kb.guide("brukarinflytande.md", old_update),
        "name": kb.project("Mina båda världar.md", VALID_PROJECT),
        "valid": kb.project("giltigt-projekt.md", VALID_PROJECT),
    }
    result = kb.check()
    assert result.status == 1
    result.expect(paths["typo"], line_of(district_typo, "Södermalmm"), "menade du 'Södermalm'?")
    result.expect(paths["two"], 4, "okänt värde 'pagaende' i status")
    result.expect(paths["two"], 5, "start ska vara ett årtal", "'0127'")
    result.expect(paths["empty"], 1, "filen är tom")
    result.expect(paths["update"], line_of(old_update, "updated:"), "updated (2018-01-01) är före published")
    result.expect(paths["name"], 1, "mina-bada-varldar.md")
    assert result.at(paths["valid"]) == []
    assert len(result.findings) == 6
    assert result.summary == "6 fel och 0 varningar i 6 filer"


def test_findings_are_sorted_by_path_and_line(kb):
    kb.project("b.md", swap("status: avslutat", "status: x", swap("  - Södermalm", "  - Y")))
    kb.project("a.md", swap("  - Barn och unga", "  - Z"))
    result = kb.check()
    order = [(f.path, f.line) for f in result.findings]
    assert order == sorted(order) and len(order) == 3


@pytest.mark.parametrize("findings,files,expected", [
    ([], 1, "Inga fel i 1 fil."),
    ([], 48, "Inga fel i 48 filer."),
    (["e"], 1, "1 fel och 0 varningar i 1 fil"),
    (["w"], 1, "0 fel och 1 varning i 1 fil"),
    (["e", "w"], 1, "1 fel och 1 varning i 1 fil"),
    (["e", "e", "w", "w"], 3, "2 fel och 2 varningar i 3 filer"),
])
def test_summary_line_is_swedish_with_singulars(findings, files, expected):
    made = [error("a.md", 1, "", "x") if f == "e" else warning("a.md", 1, "", "x") for f in findings]
    assert summary(made, files) == expected


def test_summary_singular_from_the_cli(kb):
    """One file with one error and one warning: '1 fel och 1 varning i 1 fil'."""
    for name in ("a", "b", "c"):
        kb.project(f"{name}.md", funded("Södermalm"))
    path = kb.project("d.md", swap("owner: Södermalms stadsdelsförvaltning", "owner: [Södermalm]", funded("Södermalm")))
    result = kb.check(path)
    assert result.status == 1
    assert result.summary == "1 fel och 1 varning i 1 fil"
    assert len(result.findings) == 2


# The district quota warning -----------------------------------------------------------------


def test_more_than_three_funded_projects_in_a_district_and_year_warn(kb):
    paths = [kb.project("a.md", funded("Södermalm")), kb.project("b.md", funded("Södermalm", "MUST")),
             kb.project("c.md", funded("Södermalm")), kb.project("d.md", funded("Södermalm", "MUST"))]
    kb.project("e.md", funded("Bromma"))
    result = kb.check()
    assert result.status == 0, result.out  # warnings only
    assert len(result.findings) == len(paths)
    funding_line = line_of(VALID_PROJECT, "funding:")
    for path in paths:
        finding = result.expect(path, funding_line, "Södermalm har 4 projekt", "2015", "högst 3", "(a, b, c, d)",
                                level="varning")
        assert "Lokala utvecklingsmedel eller MUST" in finding.text
    assert result.at("content/projects/e.md") == []
    assert result.summary == "0 fel och 4 varningar i 5 filer"

    status, payload = kb.check_json()
    assert status == 0 and {d["key"] for d in payload["diagnostics"]} == {"funding"}
    assert {d["level"] for d in payload["diagnostics"]} == {"varning"}

    strict = kb.check("--strict")
    assert strict.status == 1 and len(strict.findings) == 4
    status, _payload = kb.check_json("content", "--strict")
    assert status == 1

    kb.project("d.md", funded("Södermalm", "Statsbidrag"))  # the fix: three counted projects are allowed
    fixed = kb.check("--strict")
    fixed.assert_clean()


@pytest.mark.parametrize("variants", [
    pytest.param([("Södermalm", "Lokala utvecklingsmedel", 2015)] * 3, id="three-is-allowed"),
    pytest.param([("Södermalm", "Lokala utvecklingsmedel", 2015)] * 3 + [("Södermalm", "Lokala utvecklingsmedel", 2016)],
                 id="other-year"),
    pytest.param([("Södermalm", "MUST", 2015)] * 3 + [("Södermalm", "Europeiska socialfonden", 2015)],
                 id="source-not-counted"),
    pytest.param([("Södermalm", "MUST", 2015)] * 3 + [("Bromma", "MUST", 2015)], id="other-district"),
])
def test_three_or_fewer_funded_projects_do_not_warn(kb, variants):
    for number, (district, source, year) in enumerate(variants):
        kb.project(f"p{number}.md", funded(district, source, year))
    result = kb.check("--strict")
    result.assert_clean()


# JSON output --------------------------------------------------------------------------------


def test_json_matches_the_text_output(kb):
    kb.project("stella.md", swap("  - Södermalm", "  - Södermalmm"))
    kb.project("fire.md", swap("description:", "descripton:"))
    kb.guide("tom.md", "")
    for name in ("a", "b", "c", "d"):
        kb.project(f"{name}.md", funded("Farsta"))
    text = kb.check()
    status, payload = kb.check_json()
    assert status == text.status == 1
    from_json = [(d["path"], d["line"], d["level"], d["message"]) for d in payload["diagnostics"]]
    from_text = [(f.path, f.line, f.level, f.text) for f in text.findings]
    assert from_json == from_text
    assert payload["summary"] == text.summary
    assert payload["files"] == 7
    assert payload["errors"] == sum(f.level == "fel" for f in text.findings) == 4
    assert payload["warnings"] == sum(f.level == "varning" for f in text.findings) == 4
    for d in payload["diagnostics"]:
        assert set(d) >= {"path", "line", "severity", "level", "key", "message"}
        assert d["severity"] in ("error", "warning")


def test_json_for_valid_content(kb):
    kb.project("stella.md")
    status, payload = kb.check_json()
    assert (status, payload["errors"], payload["warnings"], payload["diagnostics"]) == (0, 0, 0, [])
    assert payload["summary"] == "Inga fel i 1 fil."


# Paths and the command line -----------------------------------------------------------------


def test_check_one_file_reports_only_that_file(kb):
    kb.project("stella.md", swap("  - Södermalm", "  - Södermalmm"))
    path = kb.project("fire.md")
    result = kb.check(path)
    assert (result.status, result.findings, result.summary) == (0, [], "Inga fel i 1 fil.")


def test_check_one_file_still_resolves_links_to_others(kb):
    kb.guide("brukarinflytande.md")
    path = kb.project("stella.md", swap("owner:", "related:\n  - brukarinflytande\nowner:"))
    assert kb.check(path).status == 0


def test_check_a_section_folder(kb):
    kb.guide("tom.md", "")
    kb.project("stella.md")
    result = kb.check("content/projects")
    assert (result.status, result.summary) == (0, "Inga fel i 1 fil.")


def test_file_in_a_subfolder_is_an_error(kb):
    path = kb.write("projects/2015/stella.md", VALID_PROJECT)
    result = kb.check()
    assert result.status == 1
    result.expect(path, 1, "undermapp", "content/projects/")


def test_attachments_folder_is_not_content(kb):
    kb.project("stella.md")
    notes = kb.write("projects/files/stella/anteckningar.md", "inte front matter")
    result = kb.check()
    # Not read as a project (no front-matter error, not counted), but no attachment either.
    assert [f.path for f in result.findings] == [notes] and result.summary == "1 fel och 0 varningar i 1 fil"
    result.expect(notes, 1, "publiceras inte")


def test_missing_path_is_a_usage_error(kb):
    status, out, err = kb.run("check", "finns-inte")
    assert status == 2 and out == "" and "finns-inte finns inte" in err


def test_command_line_entry_point(kb):
    """The installed command runs generator.cli:main; run it as a separate process."""
    kb.project("stella.md", swap("  - Södermalm", "  - Södermalmm"))
    done = subprocess.run([sys.executable, "-m", "generator.cli", "check", "content"], cwd=kb.base,
                          capture_output=True, text=True, encoding="utf-8", env={"PYTHONPATH": str(REPO),
                                                                                "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1, done.stderr
    findings, last = parse_output(done.stdout)
    assert last == "1 fel och 0 varningar i 1 fil"
    assert findings[0].path == "content/projects/stella.md"


# kunskapsbank new ---------------------------------------------------------------------------

FILLED = {
    "description": '"Ett nytt projekt om stöd till familjer som väntar på bostad."',
    "districts": "Södermalm",
    "areas": "Barn och unga",
    "gender_analysis": '"Projektet har analyserat hur kvinnor och män tar del av stödet."',
    "owner": '"Socialförvaltningen, FoU-enheten"',
}


def fill_placeholders(text: str) -> str:
    """Replace every FYLL I the way an editor would: a real value for each key, real text in the body."""
    lines, key, fences = [], None, 0
    for line in text.splitlines():
        fences += line == "---"
        match = re.match(r"([a-z_]+):", line)
        if match and fences == 1:
            key = match.group(1)
        if "FYLL I" in line and not line.lstrip().startswith("#"):
            if fences >= 2:
                line = "Projektet prövade ett nytt arbetssätt tillsammans med familjerna."
            elif line.startswith(f"{key}:"):
                line = f"{key}: {FILLED[key]}"
            else:
                line = line[: line.index("-")] + "- " + FILLED[key]
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind,title,section,slug", [
    ("project", "Mina båda världar", "projects", "mina-bada-varldar"),
    ("guide", "Vägledning: Ärendegång vid orosanmälan", "guides", "vagledning-arendegang-vid-orosanmalan"),
])
def test_new_writes_a_template_that_passes_once_filled(kb, kind, title, section, slug):
    status, out, _err = kb.run("new", kind, title, "--content", "content")
    target = kb.root / section / f"{slug}.md"
    assert status == 0 and target.is_file(), out
    assert f"{slug}.md" in out
    written = target.read_text(encoding="utf-8")
    assert title in written

    status, _out, err = kb.run("new", kind, title, "--content", "content")
    assert status == 1 and "finns redan" in err
    assert target.read_text(encoding="utf-8") == written

    result = kb.check()
    assert result.status == 1
    path = f"content/{section}/{slug}.md"
    placeholder_lines = [n for n, line in enumerate(written.splitlines(), 1)
                         if "FYLL I" in line and not line.lstrip().startswith("#")]
    assert placeholder_lines
    for line in placeholder_lines:
        result.expect(path, line, "platshållaren 'FYLL I'")
    assert {f.path for f in result.findings} == {path}

    target.write_text(fill_placeholders(written), encoding="utf-8")
    fixed = kb.check()
    assert (fixed.status, fixed.findings) == (0, []), fixed.out + target.read_text(encoding="utf-8")


def test_new_into_a_missing_content_folder(kb):
    status, _out, _err = kb.run("new", "guide", "Ny vägledning", "--content", "annan/plats")
    assert status == 0 and (kb.base / "annan/plats/guides/ny-vagledning.md").is_file()


@pytest.mark.parametrize("title", ["Ab", "  ", "–––"])
def test_new_refuses_a_title_without_a_slug(kb, title):
    status, _out, err = kb.run("new", "project", title, "--content", "content")
    assert status == 2 and "titeln" in err
    assert list((kb.root / "projects").iterdir()) == []


# Links between files ------------------------------------------------------------------------


def test_link_to_a_draft_warns_on_the_linking_key(kb):
    draft = swap("owner:", "draft: true\nowner:", VALID_GUIDE)
    kb.guide("ny-vagledning.md", draft)
    old = swap("status: gällande", "status: ersatt\nsuperseded_by: ny-vagledning", VALID_GUIDE)
    old_path = kb.guide("gammal-vagledning.md", old)
    linking = swap("owner:", "related:\n  - ny-vagledning\nowner:")
    project_path = kb.project("stella.md", linking)
    result = kb.check()
    assert result.status == 0
    result.expect(old_path, line_of(old, "superseded_by:"), "'ny-vagledning' är ett utkast", level="varning")
    result.expect(project_path, line_of(linking, "related:"), "'ny-vagledning' är ett utkast", level="varning")
    status, payload = kb.check_json()
    assert {(d["path"], d["key"]) for d in payload["diagnostics"]} == {(old_path, "superseded_by"),
                                                                     (project_path, "related")}


def test_superseded_by_a_guide_that_shares_its_slug_with_a_project(kb):
    kb.project("stella.md")
    kb.guide("stella.md")
    kb.guide("gammal-vagledning.md", swap("status: gällande", "status: ersatt\nsuperseded_by: stella", VALID_GUIDE))
    kb.check().assert_clean()


def test_superseded_by_a_project_suggests_a_guide(kb):
    kb.project("brukarinflytande.md")
    kb.guide("brukarinflytandet.md")
    text = swap("status: gällande", "status: ersatt\nsuperseded_by: brukarinflytande", VALID_GUIDE)
    path = kb.guide("gammal-vagledning.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "superseded_by:"), "som ett projekt, inte en vägledning",
                  "menade du 'brukarinflytandet'?")


def test_related_to_itself_warns(kb):
    text = swap("owner:", "related:\n  - stella\nowner:")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 0
    result.expect(path, line_of(text, "related:"), "sidan själv", level="varning")


def test_check_without_paths_checks_content(kb):
    kb.project("stella.md", swap("  - Södermalm", "  - Södermalmm"))
    status, out, _err = kb.run("check")
    assert status == 1 and out.startswith("content/projects/stella.md:")
