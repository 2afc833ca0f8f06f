"""Nothing an editor writes in a body runs script, tracks readers or hangs the build.

Each payload is an error of `check` at its line, and is gone from the built page even when the
check is bypassed; ordinary rich content passes and keeps its markup; the shapes that took
minutes finish `check` in seconds; an editor's own "Relaterat" heading stays searchable.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import VALID_PROJECT, line_of, swap
from generator import search, validation
from generator.sanitize import MARKDOWN_EXTENSIONS
from generator.site import load_site
from siteutil import REPO, build, copy_fixture

BODY_END = "Att ge barnen en röst i samtalen."
EXTERNAL = ("bilden '{url}' hämtas från en annan webbplats, som läsarna på intranätet inte når. "
            "Lägg bilden i files/stella/ och länka till den")

# (id, Markdown, what check says, what the built page's body must not hold)
PAYLOADS = [
    ("attr-list-onclick", '[Läs mer](#){onclick="alert(1)"}', "attributet onclick= på <a>", "onclick"),
    ("attr-list-style", '## Rubrik {style="display: none"}', "attributet style= på <h2>", "display: none"),
    ("attr-list-href", '[Läs mer](#){href="javascript:alert(2)"}', "adressen 'javascript:alert(2)'", "alert(2)"),
    ("svg-set", '<svg><set attributeName="href" to="javascript:alert(3)"/></svg>', "elementet <svg>", "<set"),
    ("form", '<form action="https://example.com/samla"><input name="pnr"><button>Skicka</button></form>',
     "elementet <form>", "example.com/samla"),
    ("style", "<style>body { display: none }</style>", "elementet <style>", "display: none"),
    ("stylesheet", '<link rel="stylesheet" href="https://example.com/spara.css">', "elementet <link>", "spara.css"),
    ("external-image", "![Diagram](https://example.com/spara.png)",
     EXTERNAL.format(url="https://example.com/spara.png"), "spara.png"),
    ("protocol-relative-image", '<img src="//example.com/pixel.gif" alt="Pixel">',
     EXTERNAL.format(url="//example.com/pixel.gif"), "pixel.gif"),
    ("nul", "Text med\x00NUL", "ett osynligt styrtecken (U+0000) står i texten", "\x00"),
    ("escape", "Text med\x1bESC", "ett osynligt styrtecken (U+001B) står i texten", "\x1b"),
]


def with_body(extra: str) -> str:
    return swap(BODY_END, BODY_END + "\n\nFörsta raden.\n\n" + extra)


def test_the_extensions_are_mkdocs_yml_s():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert MARKDOWN_EXTENSIONS == config["markdown_extensions"]


@pytest.mark.parametrize("snippet,what", [(s, w) for _i, s, w, _g in PAYLOADS], ids=[p[0] for p in PAYLOADS])
def test_payload_is_an_error_at_its_line(kb, snippet, what):
    text = with_body(snippet)
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1, result.out
    result.expect(path, line_of(text, snippet.split("\x00")[0].split("\x1b")[0]), what)


def test_each_removal_is_reported_once_on_its_own_line(kb):
    lines = ['[Ett](#){onclick="a()"}', "Mellan.", '[Två](#){onclick="b()"}']
    text = with_body("\n\n".join(lines))
    path = kb.project("stella.md", text)
    result = kb.check()
    found = [f for f in result.findings if "onclick" in f.text]
    assert [f.line for f in found] == [line_of(text, lines[0]), line_of(text, lines[2])], result.out
    assert all(f.path == path for f in found)


def test_script_keeps_today_s_message_without_a_second_one(kb):
    text = with_body("<script>alert(1)</script>")
    path = kb.project("stella.md", text)
    result = kb.check()
    finding = result.expect(path, line_of(text, "<script>"), "<script> i texten kan köra skript")
    assert [f for f in result.findings if f.line == finding.line] == [finding], result.out


@pytest.mark.parametrize("body", ["<![bild](files/stella/b.png)", "<![if x]>text", "<![CDATA[ a ]]> b"])
def test_a_marked_section_the_standard_parser_rejects_is_read_as_a_browser_reads_it(kb, body):
    """Hypothesis found "<![bild](…)" raising AssertionError inside Python's HTMLParser."""
    kb.project("stella.md", with_body(body + "\n\n<script>alert(1)</script>"))
    result = kb.check()
    assert any("<script> i texten" in f.text for f in result.findings), result.out


RICH = """\
| Insats | Antal |
|:-------|------:|
| Samtal | 12 |

!!! note "Att tänka på"
    En ruta med **fet** text och en [länk](https://example.se/sida?a=1&b=2).

Samverkan
:   Att arbeta tillsammans över gränser.

## Resultat i siffror {#siffror .kb-viktig}

![Diagram över deltagarna](files/stella/diagram.png){ .kb-bild }

<div class="kb-ruta" markdown="1">
*Citat* från en deltagare, och [kontakt](mailto:anna@example.se).
</div>

Läs [vägledningen](../guides/ny-vagledning.md) och <abbr title="Forskning och utveckling">FoU</abbr>.
"""


def test_rich_content_passes_check(kb):
    kb.write("projects/files/stella/diagram.png", b"\x89PNG\r\n\x1a\n")
    kb.guide("ny-vagledning.md")
    kb.project("stella.md", with_body(RICH))
    kb.check().assert_clean()


# The built site: payloads bypassing check, rich content, an editor's "Relaterat" -------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("body-html")
    content = copy_fixture(tmp)
    alfa = content / "projects" / "alfa-projektet.md"
    alfa.write_text(alfa.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(p[1] for p in PAYLOADS) + "\n",
                    encoding="utf-8")
    angby = content / "projects" / "angby-studien.md"
    (content / "projects" / "files" / "angby-studien").mkdir(parents=True, exist_ok=True)
    (content / "projects" / "files" / "angby-studien" / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    rich = RICH.replace("files/stella/", "files/angby-studien/")
    angby.write_text(angby.read_text(encoding="utf-8") + "\n\n" + rich + "\n\n## Relaterat\n\nOrdet "
                     "kolibrifjäder står bara efter redaktörens egen rubrik.\n", encoding="utf-8")
    site = tmp / "site"
    with pytest.MonkeyPatch.context() as patch:  # the sanitiser alone must stop what check would report
        patch.setattr(validation, "check_safety", lambda source: [])
        assert build(content, site, tmp) == 0
    return content, site


def body_of(site: Path, url: str) -> tuple[str, BeautifulSoup]:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    return str(article), article


@pytest.mark.parametrize("gone", [p[3] for p in PAYLOADS], ids=[p[0] for p in PAYLOADS])
def test_payload_is_absent_from_the_built_page(built, gone):
    html, article = body_of(built[1], "projects/alfa-projektet")
    assert "Slutrapport Alfaprojektet" in html  # the page and its template parts are there
    assert gone not in html


def test_the_built_body_has_no_script_attribute_or_foreign_element(built):
    _html, article = body_of(built[1], "projects/alfa-projektet")
    assert article.select_one("h2#relaterat[data-kb-generated]") is not None  # the template's parts are whole
    assert article.select_one(".kb-funding table caption") is not None
    for tag in article.find_all(True):
        assert tag.name not in {"svg", "set", "form", "input", "button", "style", "link", "script"}, tag
        assert not [a for a in tag.attrs if a.startswith("on") or a == "style"], tag
        assert "javascript" not in str(tag.get("href", "")), tag


def test_rich_content_keeps_its_markup(built):
    _html, article = body_of(built[1], "projects/angby-studien")
    assert [c.get_text() for c in article.select("table th")][-2:] == ["Insats", "Antal"]
    assert article.select_one(".admonition.note .admonition-title").get_text() == "Att tänka på"
    assert article.select_one(".admonition a")["href"] == "https://example.se/sida?a=1&b=2"
    assert [dt.get_text() for dt in article.select("dl:not(.kb-facts) dt")] == ["Samverkan"]
    heading = article.select_one("h2#siffror")
    assert heading["class"] == ["kb-viktig"] and heading.get_text() == "Resultat i siffror"
    image = article.select_one("img.kb-bild")
    assert image["src"] == "../files/angby-studien/diagram.png" and image["alt"] == "Diagram över deltagarna"
    assert article.select_one("div.kb-ruta em").get_text() == "Citat"
    assert article.select_one('a[href="mailto:anna@example.se"]') is not None
    assert article.select_one('a[href="../../guides/ny-vagledning/"]') is not None
    assert article.select_one("abbr")["title"] == "Forskning och utveckling"


def test_text_after_an_editor_s_relaterat_heading_is_searched(built):
    content, site = built
    records = search.build_records(load_site(content).renderer.indexes, site, content)[0]
    record = next(r for r in records if r.url == "/projects/angby-studien/")
    assert "kolibrifj" in record.html
    assert "kb-related" not in record.html  # the generated section is still left out


# Shapes that made check run for minutes ----------------------------------------------------

SHAPES = {
    "brackets": "[" * 80_000,
    "a-tags": "<a " * 100_000,
    "links-in-one-paragraph": " ".join(f"[länk {i}](#a{i})" for i in range(50_000)),
    "backticks": "`" * 100_000,
    "unclosed-comments": "<!--" * 50_000,
    "reference-labels": "[a\n" * 50_000,
    "unclosed-tags-in-a-list": "- <a \n" * 20_000,
    "links-in-a-list": "".join(f"- [länk {i}](#a{i})\n" for i in range(20_000)),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_pathological_body_finishes_check_in_seconds(tmp_path, shape):
    projects = tmp_path / "content" / "projects"
    projects.mkdir(parents=True)
    (tmp_path / "content" / "guides").mkdir()
    (projects / "stella.md").write_text(VALID_PROJECT + "\n" + SHAPES[shape] + "\n", encoding="utf-8")
    # Minutes before for the first shapes (measured on the old code); seconds now. The body would make
    # Markdown itself run for minutes in the build, so check refuses it, and the build never starts.
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check", "content"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=20)
    assert result.returncode == 1
    finding = re.search(r"content/projects/stella\.md:(\d+): fel: .*tar minuter att bygga", result.stdout)
    assert finding, result.stdout
    # The shape's first line, or the body's first line for a body too big as a whole.
    assert int(finding.group(1)) in {line_of(VALID_PROJECT, "## Bakgrund") - 1, len(VALID_PROJECT.splitlines()) + 2}
