"""An editor's '# Rubrik' does not give a page a second <h1>: the body's headings move down together."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.pages import demote_headings
from siteutil import build, copy_fixture


def test_a_body_with_level_one_headings_keeps_the_title_as_the_only_h1(tmp_path):
    content = copy_fixture(tmp_path)
    page = content / "projects" / "oversta-projektet.md"
    text = page.read_text(encoding="utf-8").replace("## Bakgrund", "# Bakgrund\n\n## Detaljer\n\nMer text.")
    page.write_text(text + "\n```\n# inte en rubrik\n```\n", encoding="utf-8")
    assert build(content, tmp_path / "site", tmp_path) == 0
    soup = BeautifulSoup((tmp_path / "site" / "projects" / "oversta-projektet" / "index.html").read_text(), "html.parser")
    article = soup.select_one("article")
    assert [h.get_text(strip=True) for h in article.find_all("h1")] == ["Översta projektet"]
    assert [h.get_text(strip=True) for h in article.find_all(["h2", "h3"])][:2] == ["Bakgrund", "Detaljer"]
    assert article.find("h2", string="Bakgrund") and article.find("h3", string="Detaljer")
    assert "# inte en rubrik" in article.find("code").get_text()


def test_a_body_without_level_one_headings_is_left_as_written():
    body = "## Bakgrund\n\nText\n\n### Mer\n"
    assert demote_headings(body) is body


def test_setext_headings_move_down_too():
    assert demote_headings("Rubrik\n======\n\nUnder\n-----\n") == "Rubrik\n------\n\n### Under\n\n"


@pytest.mark.parametrize("body", [
    "```foo bar\n# Rubrik\n```\n",  # no fence: an info string with a space opens nothing
    "```foo bar\n# Rubrik\n```\n\n```\n# kod\n```\n",
    "~~~\n# kod\n~~~\n\n# Rubrik\n",
    "Text med `# kod`\n\nRubrik\n======\n",
])
def test_after_demotion_markdown_makes_no_h1(body):
    """What counts as code is the same for finding a level-one heading and for moving it, and
    both agree with Python-Markdown: the rendered body has no <h1> of its own."""
    html = markdown.markdown(demote_headings(body), extensions=["fenced_code"])
    assert "<h1" not in html, html
    assert "<h2" in html, html
