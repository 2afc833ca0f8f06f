"""Property tests of the front-matter reader: whatever an editor's file holds, `check` answers.

For arbitrary text, and for text built from the pieces that break YAML (keys, colons, quotes,
dashes, indents, anchors, tabs, hard spaces, a BOM, very long numbers, deep brackets, invisible
characters), reading and validating never raises, and every message names the file and a line
that exists in it.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.source import decode, parse_text
from generator.validation import validate_guide, validate_project
from generator.vocabulary import load as load_vocabulary

ROOT = Path(__file__).resolve().parent / "fixtures" / "corpus"
PATH = ROOT / "projects" / "egenskap.md"
VOCABULARY = load_vocabulary()
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = ["title", "description", "status", "start", "end", "districts", "areas", "topics", "documents",
        "funding", "contact", "published", "superseded_by", "related", "draft", "file", "url", "year",
        "amount", "kind", "name", "email", "x"]
PIECES = st.sampled_from([
    ":", ": ", " ", "  ", "\n", "\n  ", "\n    ", "- ", "\n  - ", "'", '"', "&a ", "*a", "&", "*", "\t", "\u00a0",
    "\ufeff", "\r\n", "#", "|", ">", "[", "]", "{", "}", ",", "!!int ", "!x ", "%", "@", "`", "?", "---", "...",
    "9" * 5000, "1" * 21, "0127", "2015", "-3", "1e999", ".5", "true", "no", "~", "null", "[" * 200, "{" * 50,
    "Farst\u0430", "Södermalm", "Barn och unga", "avslutat", "ersatt", "index", "!!!", "–", "files/x.pdf",
    "../../../etc/passwd", "a" * 300, "\u202e", "\u200b", "\x00", "\x07", "\u2028", "\x85",
    "\\u202e", "\\0", "\\x", "<script>", "{{ x }}", "2019-02-30", "https://example.org/a b",
])
INDENT = st.sampled_from(["", "", "  ", "  - ", "- ", "    ", "\t", "\u00a0"])
SEPARATOR = st.sampled_from([": ", ": ", ":", ":\t", ":\u00a0", " ", ":\n  - ", ":\n  "])
# Most lines look like what editors write, key: value, so that the reader gets past the syntax.
LINE = st.tuples(INDENT, st.sampled_from(KEYS), SEPARATOR, st.lists(PIECES, max_size=4)).map(
    lambda parts: "".join(parts[:3]) + "".join(parts[3]))
YAMLISH = st.lists(st.one_of(LINE, LINE, LINE, st.lists(PIECES, max_size=6).map("".join)), max_size=20).map("\n".join)


def diagnostics(text: str) -> tuple[list, int]:
    """Every message for one file of this text, and the number of lines the file has."""
    shown, problems = decode(PATH, text.encode("utf-8", "surrogatepass"))
    if shown is None:
        return problems, text.count("\n") + 1
    source, problems = parse_text(PATH, shown)
    if source is not None:
        problems = [*validate_project(source, ROOT, VOCABULARY)[1], *validate_guide(source, ROOT, VOCABULARY)[1]]
    return problems, shown.count("\n") + 1


def assert_answered(text: str) -> None:
    problems, lines = diagnostics(text)
    for problem in problems:
        assert problem.path == str(PATH), problem
        assert 1 <= problem.line <= lines, (problem, lines)
        assert problem.message.strip(), problem


@PROPERTY
@given(st.text(max_size=2000))
# Unicode's line separator is a line break to YAML but not to editors: the line named must exist.
@example("---\ntitle: x\u2028\u2028\u2028\u2028a: b: c\n---\n")
def test_arbitrary_text_is_always_answered(text):
    assert_answered(text)


@PROPERTY
@given(st.text(max_size=2000))
@example("[" * 2000)  # libyaml stops at 1 000 levels, and PyYAML's composer then recursed until it crashed
@example("title: \x85\x85\x85\x85\x85[")
def test_arbitrary_text_as_front_matter_is_always_answered(text):
    assert_answered(f"---\n{text}\n---\n\nText.\n")


@PROPERTY
@given(YAMLISH, st.booleans())
# What the grammar can build and once crashed the reader, tried on every run (the alias bomb, which
# took gigabytes rather than crashing, is tested in a memory-limited process in
# test_check_front_matter_safety.py).
@example("title: &a [*a]", False)
@example("title: " + "[" * 10_000 + "]" * 10_000, False)
@example("start: " + "9" * 5000, True)
@example("funding:\n  - amount: " + "1" * 5000, False)
def test_yaml_shaped_front_matter_is_always_answered(front, bom):
    assert_answered(("\ufeff" if bom else "") + f"---\n{front}\n---\n\nText.\n")
