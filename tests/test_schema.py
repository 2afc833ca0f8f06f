"""The JSON Schema of the front matter (`kunskapsbank schema`) held to `kunskapsbank check`.

An editor's tool that validates against the schema must accept what check accepts and reject what
check rejects for shape, so every case below runs through both: the schema of the file's kind, the
combined schema, and check itself.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from conftest import REPO, VALID_GUIDE, VALID_PROJECT, guide, line_of, project, swap, without_lines
from generator import corpus
from generator.content import GUIDE, PROJECT
from generator.schema import KEYS, combined_schema, keys_of, kind_schema, render
from generator.source import Map, Seq, normalise, parse_text
from generator.validation import KEYS as VALIDATED_KEYS
from generator.vocabulary import load

VOCAB = load()
SHIPPED = {PROJECT: "schemas/projekt.schema.json", GUIDE: "schemas/vagledning.schema.json",
           None: "schemas/kunskapsbank.schema.json"}


def plain(node):
    """The project's own front-matter nodes as the plain values a JSON Schema validator reads."""
    if isinstance(node, Map):
        return {key: plain(child) for key, (_line, child) in node.entries.items()}
    if isinstance(node, Seq):
        return [plain(child) for child in node.items]
    return node.value


def front_matter(text: str) -> dict:
    source, problems = parse_text(Path("sida.md"), normalise(text))
    assert source is not None, problems
    return plain(source.front)


def schema_errors(kind: str, text: str) -> dict[str, list[str]]:
    """The schema's complaints about one file, by the schema that made them (empty lists: accepted)."""
    data = front_matter(text)
    schemas = {kind: kind_schema(kind, VOCAB), "kombinerat": combined_schema(VOCAB)}
    return {name: [e.message for e in Draft202012Validator(s).iter_errors(data)] for name, s in schemas.items()}



def with_key(text: str, line: str) -> str:
    return swap("\n---\n\n", f"\n{line}\n---\n\n", text)


GENDER = "gender_analysis: Projektet har analyserat hur pojkar och flickor tar del av stödet."
PROJECT_2019 = project(("start: 2015", "start: 2019"), ("end: 2016", "end: 2020"), ("year: 2015", "year: 2019"))
DOCUMENT_URL = "    url: https://example.org/slutrapport.pdf\n"

# (id, kind, front matter that check rejects)
REJECTED = [
    ("unknown-key", PROJECT, with_key(VALID_PROJECT, "colour: blå")),
    ("typo-in-key", PROJECT, project(("description:", "descripton:"))),
    ("guide-key-in-project", PROJECT, with_key(VALID_PROJECT, "audience: Chefer")),
    ("unknown-district", PROJECT, project(("  - Södermalm", "  - Södermalmm"))),
    ("unknown-area", GUIDE, guide(("  - Brukarinflytande", "  - Brukarinflytandet"))),
    ("topic-too-long", PROJECT, project(("  - föräldrastöd", "  - " + "föräldrastöd " * 7))),
    ("district-as-number", PROJECT, project(("  - Södermalm", "  - 12"))),
    ("title-as-number", PROJECT, project(("title: Stella – det tredelade föräldraskapet", "title: 2015"))),
    ("start-as-text", PROJECT, project(("start: 2015", 'start: "2015"'))),
    ("start-as-span", PROJECT, project(("start: 2015", "start: 2015-2016"))),
    ("start-with-decimals", PROJECT, project(("start: 2015", "start: 2015.5"))),
    ("start-before-1990", PROJECT, project(("start: 2015", "start: 1989"), ("year: 2015", "year: 1989"))),
    ("end-after-2100", PROJECT, project(("end: 2016", "end: 2101"))),
    ("draft-as-text", PROJECT, with_key(VALID_PROJECT, "draft: ja")),
    ("amount-as-text", PROJECT, project(("amount: 400000", 'amount: "400 000"'))),
    ("amount-zero", PROJECT, project(("amount: 400000", "amount: 0"))),
    ("amount-over-10-to-the-12", PROJECT, project(("source: Lokala utvecklingsmedel", "source: Statsbidrag"),
                                                  ("amount: 400000", "amount: 1000000000001"))),
    ("owner-empty-text", PROJECT, project(("owner: Södermalms stadsdelsförvaltning", 'owner: ""'))),
    ("areas-as-mapping", PROJECT, project(("  - Barn och unga", "    Barn: unga"))),
    ("districts-empty-list", PROJECT, project(("districts:\n  - Södermalm", "districts: []"))),
    ("title-empty", PROJECT, project(("title: Stella – det tredelade föräldraskapet", "title:"))),
    ("title-too-short", PROJECT, project(("title: Stella – det tredelade föräldraskapet", "title: St"))),
    ("title-too-long", PROJECT, project(("title: Stella – det tredelade föräldraskapet", "title: " + "a" * 151))),
    ("description-too-short", GUIDE, guide(("description: Hur socialtjänsten kan ge brukare inflytande över "
                                            "insatserna, steg för steg.", "description: Kort beskrivning."))),
    *[(f"project-without-{key}", PROJECT, without_lines(VALID_PROJECT, f"{key}:"))
      for key in ("title", "description", "status", "start")],
    ("project-without-districts", PROJECT, without_lines(VALID_PROJECT, "districts:", "  - Södermalm")),
    ("guide-without-owner", GUIDE, without_lines(VALID_GUIDE, "owner:")),
    ("guide-without-areas", GUIDE, without_lines(VALID_GUIDE, "areas:", "  - Brukarinflytande")),
    ("project-status-outside-list", PROJECT, project(("status: avslutat", "status: klar"))),
    ("guide-status-of-a-project", GUIDE, guide(("status: gällande", "status: avslutat"))),
    ("funding-without-amount", PROJECT, project(("    amount: 400000\n", ""))),
    ("funding-unknown-source", PROJECT, project(("source: Lokala utvecklingsmedel", "source: Lokala medel"))),
    ("funding-unknown-subkey", PROJECT, project(("    amount: 400000\n", "    amount: 400000\n    belopp: 1\n"))),
    ("funding-as-text", PROJECT, project(("funding:\n  - source: Lokala utvecklingsmedel\n    year: 2015\n"
                                          "    amount: 400000\n", "funding: Lokala utvecklingsmedel\n"))),
    ("must-over-entry-limit", PROJECT, project(("source: Lokala utvecklingsmedel", "source: MUST"),
                                               ("amount: 400000", "amount: 25001"))),
    ("document-with-file-and-url", PROJECT, project((DOCUMENT_URL, DOCUMENT_URL + "    file: files/a.pdf\n"))),
    ("document-without-file-or-url", PROJECT, project((DOCUMENT_URL, ""))),
    ("document-with-empty-url", PROJECT, project((DOCUMENT_URL, "    url:\n"))),
    ("document-url-not-http", PROJECT, project(("url: https://example.org", "url: ftp://example.org"))),
    ("document-unknown-kind", PROJECT, project(("kind: slutrapport", "kind: slutrapporten"))),
    ("document-without-year", PROJECT, project(("    year: 2016\n", ""))),
    ("contact-bad-email", PROJECT, project(("email: anna.andersson@stockholm.se", "email: anna.andersson"))),
    ("contact-as-text", PROJECT, project(("contact:\n  name: Anna Andersson\n  email: anna.andersson@stockholm.se",
                                          "contact: Anna Andersson"))),
    ("contact-unknown-subkey", PROJECT, project(("  name: Anna Andersson", "  name: Anna Andersson\n  phone: 08"))),
    ("related-not-a-slug", GUIDE, with_key(VALID_GUIDE, "related: Mina båda världar")),
    ("updated-not-a-date", GUIDE, guide(("updated: 2020-01-15", "updated: 2020-1-15"))),
    ("published-as-year", GUIDE, guide(("published: 2019-03-01", "published: 2019"))),
    ("guide-gallande-without-published", GUIDE, without_lines(VALID_GUIDE, "published:", "updated:")),
    ("guide-ersatt-without-superseded_by", GUIDE, guide(("status: gällande", "status: ersatt"))),
    ("guide-ersatt-with-empty-superseded_by", GUIDE, with_key(guide(("status: gällande", "status: ersatt")),
                                                              "superseded_by:")),
    ("superseded_by-when-not-ersatt", GUIDE, with_key(VALID_GUIDE, "superseded_by: ny-vagledning")),
    ("project-from-2018-without-gender_analysis", PROJECT, PROJECT_2019),
]

NEW_GUIDE = "---\ntitle: Ny vägledning\ndescription: En vägledning som ersätter den gamla från och med i år.\n" \
            "status: gällande\npublished: 2021-01-01\nowner: FoU-enheten\nareas: Brukarinflytande\n---\n\nText.\n"

# (id, kind, front matter that check accepts, other files it needs)
ACCEPTED = [
    ("valid-project", PROJECT, VALID_PROJECT, {}),
    ("valid-guide", GUIDE, VALID_GUIDE, {}),
    ("title-of-3", PROJECT, project(("title: Stella – det tredelade föräldraskapet", "title: Ett")), {}),
    ("title-of-150", PROJECT, project(("title: Stella – det tredelade föräldraskapet", "title: " + "a" * 150)), {}),
    ("years-1990-2100", PROJECT, project(("start: 2015", "start: 1990"), ("end: 2016", "end: 2100")), {}),
    ("optional-key-left-empty", PROJECT, project(("end: 2016", "end:"), ("year: 2016", "year: 2015")), {}),
    ("contact-and-documents-left-empty", PROJECT, project(
        ("contact:\n  name: Anna Andersson\n  email: anna.andersson@stockholm.se", "contact:"),
        ("documents:\n  - title: Slutrapport\n    kind: slutrapport\n    year: 2016\n" + DOCUMENT_URL, "documents:\n")),
     {}),
    ("one-district-without-list", PROJECT, project(("districts:\n  - Södermalm", "districts: Södermalm")), {}),
    ("url-in-capitals", PROJECT, project(("url: https://example.org", "url: HTTPS://example.org")), {}),
    ("amount-of-10-to-the-12", PROJECT, project(("source: Lokala utvecklingsmedel", "source: Statsbidrag"),
                                                ("amount: 400000", "amount: 1000000000000")), {}),
    ("description-of-20", GUIDE, guide(("description: Hur socialtjänsten kan ge brukare inflytande över "
                                        "insatserna, steg för steg.", "description: En kort beskrivning.")), {}),
    ("must-at-entry-limit", PROJECT, project(("source: Lokala utvecklingsmedel", "source: MUST"),
                                             ("amount: 400000", "amount: 25000")), {}),
    ("project-from-2017-without-gender_analysis", PROJECT,
     project(("start: 2015", "start: 2017"), ("end: 2016", "end: 2017"), ("year: 2015", "year: 2017"),
             ("year: 2016", "year: 2017")), {}),
    ("project-from-2019-with-gender_analysis", PROJECT, with_key(PROJECT_2019, GENDER), {}),
    ("guide-under-arbete-without-published", GUIDE,
     without_lines(guide(("status: gällande", "status: under arbete")), "published:", "updated:"), {}),
    ("guide-ersatt-with-superseded_by", GUIDE,
     with_key(guide(("status: gällande", "status: ersatt")), "superseded_by: ny-vagledning"),
     {"guides/ny-vagledning.md": NEW_GUIDE}),
    ("draft-true", GUIDE, with_key(VALID_GUIDE, "draft: true"), {}),
]


def _write(kb, kind: str, text: str) -> str:
    return kb.project("stella.md", text) if kind == PROJECT else kb.guide("stella.md", text)


@pytest.mark.parametrize("case_id, kind, text", REJECTED, ids=[c[0] for c in REJECTED])
def test_schema_and_check_both_reject(kb, case_id, kind, text):
    path = _write(kb, kind, text)
    result = kb.check()
    assert result.status == 1 and result.at(path, level="fel"), result.out
    for name, errors in schema_errors(kind, text).items():
        assert errors, f"the {name} schema accepts what check rejects:\n{result.out}"


@pytest.mark.parametrize("case_id, kind, text, others", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_schema_and_check_both_accept(kb, case_id, kind, text, others):
    for relative, other in others.items():
        kb.write(relative, other)
    _write(kb, kind, text)
    kb.check().assert_clean()
    assert schema_errors(kind, text) == {kind: [], "kombinerat": []}


def _content_files(root: Path) -> list[tuple[str, Path]]:
    result = corpus.load(root, VOCAB)
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return corpus.content_files(root)


@pytest.mark.parametrize("root", ["content", "tests/fixtures/corpus"])
def test_schema_accepts_every_file_that_check_accepts(root):
    files = _content_files(REPO / root)
    assert {kind for kind, _path in files} == {PROJECT, GUIDE}
    for kind, path in files:
        errors = schema_errors(kind, path.read_text(encoding="utf-8"))
        assert errors == {kind: [], "kombinerat": []}, f"{path}: {errors}"


@pytest.mark.parametrize("kind", [PROJECT, GUIDE])
def test_the_table_has_every_key_the_validator_knows(kind):
    names = [key.name for key in keys_of(kind)]
    assert len(names) == len(set(names)), "a key is in the table twice for one kind"
    assert set(names) == set(VALIDATED_KEYS[kind]), "generator/schema.py's KEYS and validation.py's KEYS differ"


@pytest.mark.parametrize("kind", [PROJECT, GUIDE, None])
def test_the_schema_is_valid_draft_2020_12(kind):
    schema = kind_schema(kind, VOCAB) if kind else combined_schema(VOCAB)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("kind", [PROJECT, GUIDE])
def test_the_kind_schemas_read_the_same_as_draft_07(kind):
    """VS Code's extension validates with draft-07 (.remarkrc.mjs); both readings agree on every case."""
    schema = {k: v for k, v in kind_schema(kind, VOCAB).items() if k != "$schema"}
    Draft7Validator.check_schema(schema)
    for _id, case_kind, text in REJECTED:
        if case_kind == kind:
            assert not Draft7Validator(schema).is_valid(front_matter(text)), _id
    for _id, case_kind, text, _others in ACCEPTED:
        if case_kind == kind:
            assert Draft7Validator(schema).is_valid(front_matter(text)), _id


def _properties(schema, where: str = ""):
    """(path, property schema) of every key at every depth."""
    if isinstance(schema, dict):
        for name, child in schema.get("properties", {}).items():
            if "title" in child or "type" in child or "anyOf" in child:
                yield f"{where}{name}", child
        for key, child in schema.items():
            yield from _properties(child, f"{where}{key}." if key == "properties" else where)
    elif isinstance(schema, list):
        for child in schema:
            yield from _properties(child, where)


@pytest.mark.parametrize("kind", [PROJECT, GUIDE])
def test_every_key_has_a_swedish_title_description_and_a_valid_example(kind):
    schema = kind_schema(kind, VOCAB)
    documented = [(path, p) for path, p in _properties(schema) if "title" in p]
    nested = {path.rsplit(".", 1)[-1] for path, _p in documented if "." in path}
    assert {"kind", "file", "url"} <= nested  # documents
    assert kind == GUIDE or {"name", "email", "source", "amount"} <= nested  # contact, funding
    for path, prop in documented:
        name = path.rsplit(".", 1)[-1]
        assert prop["title"] and prop["title"] != name, path
        assert len(prop["description"]) > 20 and prop["description"].endswith("."), path
        for example in prop["examples"]:
            assert not list(Draft202012Validator(prop).iter_errors(example)), (path, example)
    top = {path for path, _p in documented if "." not in path}
    assert top == set(VALIDATED_KEYS[kind])


def test_swedish_words_on_hover():
    """Spot checks that an editor reads Swedish, not the key names repeated."""
    titles = {(key.name, key.kinds): key.title for key in KEYS}
    assert titles[("districts", (PROJECT,))] == "Stadsdelar"
    assert titles[("gender_analysis", (PROJECT,))] == "Jämställdhetsanalys"
    assert "ÅÅÅÅ-MM-DD" in kind_schema(GUIDE, VOCAB)["properties"]["published"]["description"]


@pytest.mark.parametrize("kind", [PROJECT, GUIDE, None])
def test_the_shipped_schema_is_what_the_command_prints(kb, kind):
    shipped = (REPO / SHIPPED[kind]).read_text(encoding="utf-8")
    status, out, _err = kb.run("schema", *(["--kind", kind] if kind else []))
    assert status == 0
    assert out == shipped == render(kind, VOCAB), (
        f"{SHIPPED[kind]} is stale: run kunskapsbank schema {'--kind ' + kind if kind else ''} "
        f"--output {SHIPPED[kind]}")
    assert json.loads(out)["title"]


def test_output_writes_the_file(kb):
    status, out, _err = kb.run("schema", "--kind", "guide", "--output", "vagledning.schema.json")
    assert status == 0 and "vagledning.schema.json" in out
    written = (kb.base / "vagledning.schema.json").read_text(encoding="utf-8")
    assert json.loads(written) == kind_schema(GUIDE, VOCAB)


def test_output_to_a_missing_folder_says_so_in_swedish(kb):
    status, _out, err = kb.run("schema", "--output", "finns-inte/schema.json")
    assert status == 2
    assert "kunde inte skriva i finns-inte/schema.json: mappen finns inte" in err


def test_the_combined_schema_tells_the_kinds_apart_by_status():
    from generator.validation import GUIDE_STATUSES, PROJECT_STATUSES

    assert not set(GUIDE_STATUSES) & set(PROJECT_STATUSES)
    combined = Draft202012Validator(combined_schema(VOCAB))
    guide_as_project = front_matter(VALID_GUIDE)
    assert combined.is_valid(guide_as_project)
    assert not Draft202012Validator(kind_schema(PROJECT, VOCAB)).is_valid(guide_as_project)


# VS Code ---------------------------------------------------------------------

BROKEN_FOR_VSCODE = project(("  - Södermalm", "  - Södermalmm"), ("status: avslutat", "status: klar"))


def _remark(workspace: Path, *paths: str) -> str:
    """What VS Code's remark extension reports, through the same engine and .remarkrc.mjs: remark-cli."""
    done = subprocess.run(["node", str(REPO / "node_modules" / ".bin" / "remark"), "--no-color", "--quiet", *paths],
                          cwd=workspace, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_vscode_recommends_the_extension_that_reads_remarkrc():
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert recommended["recommendations"] == ["unifiedjs.vscode-remark"]
    assert json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))["remark.requireConfig"]


def test_vscode_marks_the_broken_line_and_nothing_in_valid_files(tmp_path):
    for name in (".remarkrc.mjs", "schemas", "node_modules"):
        (tmp_path / name).symlink_to(REPO / name)
    (tmp_path / "content" / "projects").mkdir(parents=True)
    (tmp_path / "content" / "projects" / "stella.md").write_text(BROKEN_FOR_VSCODE, encoding="utf-8")
    report = _remark(tmp_path, "content/projects/stella.md")
    district, status = (line_of(BROKEN_FOR_VSCODE, text) for text in ("Södermalmm", "status: klar"))
    assert re.search(rf"^\s*{district}:\d+-\d+:\d+\s+warning .*Hela staden", report, re.M), report
    assert re.search(rf"^\s*{status}:\d+-\d+:\d+\s+warning .*planerat", report, re.M), report
    assert "schema malformed" not in report
    assert _remark(REPO, "content/") == "", "a valid file of content/ is marked in VS Code"
