"""What a reader sees on the search page when her words are not exactly the bank's: names inside
hyphenated district names, words typed without å/ä/ö, a word the bank lacks beside words it has,
misspellings; and how the results read: excerpts, marks, status badges, filter chips, folded facet
values, history entries. Real Chromium, the real content (and the fixture corpus for a draft)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from siteutil import browser, fixture_site, real_site, serve  # noqa: F401 (fixtures)
from test_search_browser import STATUS, open_search, page, real_base, result_slugs, wait_done  # noqa: F401


def page_text(site, url_slug: str) -> str:
    return next(site.glob(f"*/{url_slug}/index.html")).read_text(encoding="utf-8")


# Words the bank has -------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Kista", "Vällingby", "Årsta", "Vantör", "Enskede-Årsta-Vantör",
                                   "Hässelby-Vällingby", "7,5"])
def test_a_name_inside_a_hyphenated_word_and_a_decimal_are_found(page, real_base, real_site, query):
    open_search(page, real_base, query)
    assert re.fullmatch(rf"\d+ träffa?r? för ”{re.escape(query)}”\.", page.text_content(STATUS))
    found = result_slugs(page, every=True)
    assert found
    for url_slug in found:
        assert query.lower() in page_text(real_site, url_slug).lower(), url_slug


@pytest.mark.parametrize("typed, meant", [("skarpnack", "skarpnäck"), ("hemloshet", "hemlöshet"),
                                          ("oppenvard", "öppenvård")])
def test_a_word_typed_without_dots_and_rings_shows_the_banks_word_at_once(page, real_base, typed, meant):
    open_search(page, real_base, meant)
    want = result_slugs(page, every=True)
    open_search(page, real_base, typed)
    assert re.fullmatch(rf"Visar {len(want)} träffa?r? för ”{meant}” \(du skrev ”{typed}”\)\.",
                        page.text_content(STATUS)), page.text_content(STATUS)
    assert result_slugs(page, every=True) == want
    assert parse_qs(urlsplit(page.url).query) == {"q": [typed]}  # the address keeps what she typed


def test_a_word_the_bank_lacks_is_left_out_and_the_others_are_searched(page, real_base):
    open_search(page, real_base, "familjehem")
    want = result_slugs(page, every=True)
    open_search(page, real_base, "familjehem avgiften")
    assert page.text_content(STATUS) == f"Inga träffar på ”avgiften”; visar {len(want)} träffar för ”familjehem”."
    assert result_slugs(page, every=True) == want


# Words the bank does not have ----------------------------------------------------------------

def test_a_word_only_in_a_draft_is_not_answered_by_a_shorter_prefix(page, fixture_site):
    """The fixture's "Barnahus" stands only in a draft; by its prefix "barn" Pagefind listed other
    pages."""
    with serve(fixture_site) as base:
        open_search(page, base, "Barnahus")
        assert page.text_content(STATUS) == "Inga träffar: ”Barnahus” finns inte i Kunskapsbanken."
        assert result_slugs(page) == []


def test_a_misspelling_offers_the_word_first_and_no_wrong_results(page, real_base):
    open_search(page, real_base, "familjhem")
    assert page.text_content(STATUS) == ("Inga träffar: ”familjhem” finns inte i Kunskapsbanken. "
                                          "Menade du ”familjehem”?")
    assert result_slugs(page) == []


# How the results read --------------------------------------------------------------------------

def test_excerpts_do_not_repeat_the_title_and_mark_the_word_only(page, real_base):
    open_search(page, real_base, "familjehem")
    items = page.locator("#kb-results > li").all()
    assert items
    for item in items:
        title = item.locator(".kb-result__title").text_content().strip()
        excerpt = item.locator(".kb-result__excerpt").text_content().strip()
        assert not excerpt.startswith(title.split(" – ")[0]), excerpt
    marks = page.locator("#kb-results mark").all_text_contents()
    assert "familjehem" in marks
    assert all(re.fullmatch(r"[\w].*[\w]|\w", m) for m in marks), marks


def test_the_status_is_the_same_badge_as_in_the_lists(page, real_base):
    page.goto(real_base + "projects/")
    item = page.locator(".kb-item").filter(has=page.locator("a[href$='mina-bada-varldar/']"))
    listed = item.locator(".kb-status")
    listed_badge = (listed.get_attribute("class"), listed.text_content())
    open_search(page, real_base, "familjehem")
    result = page.locator("#kb-results > li").filter(has=page.locator("a[href$='mina-bada-varldar/']"))
    badge = result.locator(".kb-result__meta .kb-status")
    assert (badge.get_attribute("class"), badge.text_content()) == listed_badge
    assert badge.evaluate("e => getComputedStyle(e).borderStyle") == "solid"


def test_chosen_filters_are_chips_that_take_them_away(page, real_base):
    open_search(page, real_base, "barn", stadsdel="Farsta", ar="2015")
    chips = page.locator("#kb-chips")
    assert chips.locator("button").all_text_contents() == ["2015 ×", "Farsta ×", "Rensa alla"]
    page.get_by_role("button", name="Ta bort filtret Farsta").click()
    page.locator(STATUS).filter(has_text="med 1 valt filter").wait_for()
    wait_done(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["barn"], "ar": ["2015"]}
    assert not page.is_checked("fieldset[data-facet='stadsdel'] input[value='Farsta']")
    assert chips.locator("button").all_text_contents() == ["2015 ×", "Rensa alla"]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Ta bort filtret 2015"
    page.get_by_role("button", name="Rensa alla").click()
    page.locator(STATUS).filter(has_text=re.compile(r"träffar för ”barn”\.$")).wait_for()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["barn"]}
    assert not chips.is_visible()


def test_values_without_hits_fold_behind_visa_alla_but_a_chosen_one_stays(page, real_base):
    open_search(page, real_base, "familjehem", ar="2018")
    kind = page.locator("fieldset[data-facet='typ']")
    assert not kind.locator("input[value='Vägledning']").is_visible()  # no hit for familjehem
    assert page.is_visible("fieldset[data-facet='ar'] input[value='2018']")  # chosen, though no hit
    button = kind.locator("button.kb-facet__all")
    assert button.text_content().startswith("Visa alla") and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert kind.locator("input[value='Vägledning']").is_visible()
    assert button.get_attribute("aria-expanded") == "true" and button.text_content() == "Visa färre"
    button.click()
    assert not kind.locator("input[value='Vägledning']").is_visible()
    for fieldset in page.locator("fieldset[data-facet]").all():  # a button only where something folds
        folded = fieldset.locator(".kb-facet__option--empty").count()
        assert fieldset.locator(".kb-facet__all").is_visible() == bool(folded), fieldset.get_attribute("data-facet")


# History ----------------------------------------------------------------------------------------

def test_two_typed_searches_are_two_history_entries(page, real_base):
    open_search(page, real_base)
    page.type("#kb-q", "familjehem")
    page.locator(STATUS).filter(has_text="för ”familjehem”").wait_for()
    wait_done(page)
    page.fill("#kb-q", "")
    page.type("#kb-q", "hemlöshet")
    page.locator(STATUS).filter(has_text="för ”hemlöshet”").wait_for()
    wait_done(page)
    page.go_back()
    page.locator(STATUS).filter(has_text="för ”familjehem”").wait_for()
    assert page.input_value("#kb-q") == "familjehem"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["familjehem"]}


# The home page ---------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [320, 375])
def test_the_home_search_placeholder_is_not_cut_off_on_a_phone(browser, real_base, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    try:
        tab = context.new_page()
        tab.goto(real_base)
        field = tab.locator("#kb-home-q")
        field.fill(field.get_attribute("placeholder"))  # the same text in the same font, measurable
        needed, room = field.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert needed <= room, f"the placeholder needs {needed} px, the field has {room}"
    finally:
        context.close()
