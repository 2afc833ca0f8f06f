"""Links and images in the bodies are checked by `kunskapsbank check`, with line and fix, like front matter."""

from __future__ import annotations

import pytest

from conftest import VALID_GUIDE, VALID_PROJECT, line_of
from pdfmaker import make_pdf

OTHER = VALID_PROJECT.replace("title: Stella – det tredelade föräldraskapet", "title: Mina båda världar")


@pytest.fixture
def bank(kb):
    kb.project("mina-bada-varldar.md", OTHER)
    kb.guide("brukarinflytande.md")
    kb.write("projects/files/stella/slutrapport.pdf", make_pdf(["Slutrapport för projektet."]))
    return kb


def with_body_line(line: str) -> str:
    return VALID_PROJECT + "\n" + line + "\n"


@pytest.mark.parametrize("link, fragments", [
    ("[Mina båda världar](../mina-bada-varldar.md)", ["../mina-bada-varldar.md", "inte finns", "mina-bada-varldar.md'?"]),
    ("[Mina båda världar](mina-bada-varldarr.md)", ["inte finns", "menade du 'mina-bada-varldar.md'?"]),
    ("[Mina båda världar](../mina-bada-varldar/)", ["webbadress", "'mina-bada-varldar.md'"]),
    ("[Mina båda världar](/projects/mina-bada-varldar/)", ["börjar med /", "'mina-bada-varldar.md'"]),
    ("![Diagram](bilder/diagram.png)", ["bilder/diagram.png", "finns inte", "sidans mapp"]),
    ("[Rapport](files/stella/slutrapportt.pdf)", ["slutrapportt.pdf", "finns inte"]),
    ("[utanför](../../README.md)", ["utanför content/"]),
])
def test_a_broken_body_link_is_an_error_with_its_line_and_fix(bank, link, fragments):
    text = with_body_line(f"Läs mer: {link}")
    path = bank.project("stella.md", text)
    result = bank.check()
    assert result.status == 1
    result.expect(path, line_of(text, "Läs mer:"), *fragments)
    assert "Inga fel" not in result.summary


@pytest.mark.parametrize("link", [
    "[Mina båda världar](mina-bada-varldar.md)",
    "[Mina båda världar](mina-bada-varldar.md#resultat)",
    "[vägledningen](../guides/brukarinflytande.md)",
    "[alla projekt](index.md)",
    "[2016](../years/2016.md)",
    "[tillgänglighetsredogörelsen](../tillganglighetsredogorelse.md)",
    "[sök](../search/index.md)",
    "[Rapport](files/stella/slutrapport.pdf)",
    "[Socialstyrelsen](https://www.socialstyrelsen.se/)",
    "[skriv till oss](mailto:fou@example.se)",
    "[Bakgrund](#bakgrund)",
    "`[i kod](saknas.md)`",
])
def test_a_working_body_link_passes(bank, link):
    bank.project("stella.md", with_body_line(f"Läs mer: {link}"))
    bank.check().assert_clean()


def test_a_link_to_a_draft_is_an_error_because_the_draft_is_never_published(bank):
    bank.project("mina-bada-varldar.md", OTHER.replace("status: avslutat", "status: avslutat\ndraft: true"))
    text = with_body_line("Se [Mina båda världar](mina-bada-varldar.md).")
    path = bank.project("stella.md", text)
    result = bank.check()
    assert result.status == 1
    result.expect(path, line_of(text, "Se [Mina"), "utkast", "draft: true")


def test_a_link_in_a_guide_is_checked_from_the_guides_folder(bank):
    text = VALID_GUIDE + "\nSe [Stella](stella.md).\n"
    path = bank.guide("brukarinflytande.md", text)
    bank.project("stella.md")
    result = bank.check()
    result.expect(path, line_of(text, "Se [Stella]"), "inte finns", "'../projects/stella.md'?")


def test_an_image_without_a_text_alternative_is_an_error(bank):
    bank.write("projects/files/stella/diagram.png", b"\x89PNG\r\n\x1a\n")
    text = with_body_line("![](files/stella/diagram.png)")
    path = bank.project("stella.md", text)
    result = bank.check()
    assert result.status == 1
    result.expect(path, line_of(text, "![]("), "beskrivande text")
    bank.project("stella.md", with_body_line("![Diagram över deltagarna](files/stella/diagram.png)"))
    assert bank.check().status == 0
