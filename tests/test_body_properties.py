"""Properties of the body checks over generated bodies: `check` never fails, every finding names
the file and a line in it, and a body that checks clean renders to HTML that runs no script."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import VALID_PROJECT
from generator import corpus
from generator.safety import _is_bad_url
from generator.sanitize import render_body, sanitize
from generator.vocabulary import load as load_vocabulary

PIECES = [
    "[länk](javascript:alert(1))", "[länk](https://example.se/)", "[sida](#del)", "![bild](files/x/b.png)",
    "![bild](https://example.com/b.png)", "[x]", "(y)", "]", "[", "![", "{onclick=\"alert(1)\"}",
    "{: .kb-ruta #del }", "{style=\"color: red\"}", "{href=\"javascript:alert(1)\"}", "<a href=\"", "\">",
    "<a href=\"javascript:alert(1)\">x</a>", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
    "<div markdown=\"1\">", "</div>", "<svg><animate attributeName=\"href\" values=\"javascript:alert(1)\"/>",
    "<form action=\"https://example.com\">", "<input>", "<style>", "<!--", "-->", "&#x6a;", "&amp;",
    "&colon;", "java", "script:", "```", "~~~", "`", "\n", "\n\n", "## ", "# ", "- ", "1. ", "| a |", "|---|",
    "!!! note", "    ", ": ", "Term\n:   ", "\x00", "\x1b", "text", "å", " ", "<", ">", "\"", "'", "=",
]
GRAMMAR = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40).map("".join)
BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_FORBIDDEN = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "svg", "link", "meta"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _FORBIDDEN:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            elif value and _is_bad_url(value):
                self.problems.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag


def script_in(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("properties") / "content"
    (base / "projects").mkdir(parents=True)
    (base / "guides").mkdir()
    return base


def check_body(root: Path, body: str) -> None:
    text = VALID_PROJECT + "\n" + body + "\n"
    path = root / "projects" / "stella.md"
    path.write_text(text, encoding="utf-8", newline="")
    result = corpus.load(root, load_vocabulary())
    lines = len(text.splitlines()) + 1
    for diagnostic in result.diagnostics:
        assert Path(diagnostic.path) == path, diagnostic
        assert 1 <= diagnostic.line <= lines, diagnostic
    if not any(d.is_error for d in result.diagnostics):
        html = render_body(body)
        assert script_in(sanitize(html)) == []
        assert script_in(html) == [], html  # clean means the sanitiser had nothing to take out


@BOUNDED
@given(body=st.text(max_size=300))
def test_any_text_body(root, body):
    check_body(root, body)


@BOUNDED
@given(body=GRAMMAR)
def test_bodies_of_markdown_and_html_pieces(root, body):
    check_body(root, body)
