"""The search page in a real Chromium over the bank's real content: Swedish queries, attachment
text, facets with exact result sets, URL state, keyboard use, and no request leaving 127.0.0.1."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from gates import axe_violations
from pdfmaker import make_pdf
from siteutil import REPO, browser, build, real_site, serve  # noqa: F401 (fixtures)

from generator.search import STATUS_LABELS
from generator.site import load_site

STATUS = "#kb-status"
DONE = re.compile(r"träff|Skriv ett sökord|finns inte", re.I)

# (query, projects or guides that must be among the first five results). Chosen from content/:
# inflected and definite forms, compounds and phrases as readers type them.
QUERIES = [
    ("familjehem", {"mina-bada-varldar", "stella-det-tredelade-foraldraskapet"}),
    ("familjehemmen", {"mina-bada-varldar", "stella-det-tredelade-foraldraskapet"}),
    ("kontaktfamiljer", {"kontaktfamilj-registerdata"}),
    ("kontaktfamilj", {"kontaktfamilj-registerdata"}),
    ("föräldraskap", {"stella-det-tredelade-foraldraskapet"}),
    ("föräldrarnas", {"stella-det-tredelade-foraldraskapet", "barnen-i-centrum"}),
    ("hemlösa", {"bostad-forst-och-boendetrappan", "lagtroskelboenden-utvardering"}),
    ("hemlöshet", {"bostad-forst-och-boendetrappan", "lagtroskelboenden-utvardering"}),
    ("barnen", {"mina-bada-varldar", "barnahus-utvardering"}),
    ("motiverande samtal", {"uppfoljning-av-motiverande-samtal"}),
    ("sjukskrivning", {"processtod-rehabiliteringsarenden"}),
    ("sjukskrivna", {"processtod-rehabiliteringsarenden"}),
    ("våld", {"foraldrastodsutbildning-mot-vald"}),
    ("brukarledda undersökningar", {"vagledning-brukarledda-undersokningar"}),
    ("Vinnerljung", {"kontaktfamilj-registerdata"}),
]


def slug(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def model():
    return load_site(REPO / "content")


@pytest.fixture(scope="module")
def real_base(real_site):
    with serve(real_site) as base:
        yield base


@pytest.fixture
def page(browser):
    """A fresh page that records every request, and fails the test if one left 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    outside = [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
    assert outside == [], f"requests to other hosts: {outside}"
    assert errors == [], errors


def open_search(page, base: str, query: str = "", **filters) -> None:
    params = [("q", query)] if query else []
    for key, values in filters.items():
        params += [(key, v) for v in ([values] if isinstance(values, str) else values)]
    page.goto(f"{base}search/?{urlencode(params)}")
    wait_done(page)


def wait_done(page) -> None:
    """Results first, then the facet counts and the spelling check: wait for all."""
    page.locator(STATUS).filter(has_text=DONE).wait_for(timeout=15_000)
    page.locator("#kb-search[data-counted][data-spelled]").wait_for(timeout=15_000)


def result_slugs(page, every: bool = False) -> list[str]:
    if every:
        more = page.locator("#kb-more")
        while more.is_visible():
            count = page.locator("#kb-results > li").count()
            more.click()
            page.locator("#kb-results > li").nth(count).wait_for()  # (the page's CSP forbids eval)
    return [slug(a.get_attribute("href")) for a in page.locator("#kb-results .kb-result__title a").all()]


def total(page) -> int:
    text = page.text_content(STATUS)
    match = re.match(r"(\d+) träff", text)
    return int(match.group(1)) if match else 0


# Swedish queries ----------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_swedish_query_finds_the_projects_about_it(page, real_base, query, expected):
    open_search(page, real_base, query)
    first_five = result_slugs(page)[:5]
    assert expected <= set(first_five), f"{query!r}: first five were {first_five}"
    # A word of the bank, rightly spelled: counted, and no "Menade du …?".
    assert re.fullmatch(rf"\d+ träffa?r? för ”{re.escape(query)}”\.", page.text_content(STATUS))


def test_inflections_find_each_other(page, real_base):
    """"barnen" finds what "barn" finds; "hemlösa" and "hemlöshet" find the same pages; the definite
    "familjehemmen", whose stem keeps a doubled m, finds what "familjehem" finds."""
    sets = {}
    for query in ("barn", "barnen", "hemlösa", "hemlöshet", "familjehem", "familjehemmen"):
        open_search(page, real_base, query)
        sets[query] = set(result_slugs(page, every=True))
    assert sets["barn"] == sets["barnen"]
    assert sets["hemlösa"] == sets["hemlöshet"]
    assert sets["familjehem"] == sets["familjehemmen"] and len(sets["familjehem"]) >= 2


def test_a_and_o_are_not_folded_into_a_and_o(page, real_base):
    """"far" (father) must not find "får" (gets), nor "for" "för": å, ä and ö are letters."""
    for query, other in (("far", "får"), ("for", "för")):
        open_search(page, real_base, query)
        marks = {m.lower().strip(".,;:()") for m in page.locator("#kb-results mark").all_text_contents()}
        assert marks, f"no highlighted hits for {query!r}"
        assert not any(m.startswith(other) for m in marks), f"{query!r} highlighted {marks}"


def test_compound_part_finds_the_compound(page, real_base):
    """Only trestad2 and ungdom-i-storstad say "cannabiskunskap"; "kunskap" must find them."""
    open_search(page, real_base, "kunskap")
    found = set(result_slugs(page, every=True))
    assert {"trestad2", "ungdom-i-storstad"} <= found


def test_unknown_word_finds_nothing_instead_of_its_prefix(page, real_base):
    """Pagefind alone answers "avgiften" with every page that says "av"."""
    open_search(page, real_base, "avgiften")
    assert result_slugs(page) == []
    assert "”avgiften” finns inte i Kunskapsbanken" in page.text_content(STATUS)


# Facets ------------------------------------------------------------------------------------

def expected(model, query_slugs=None, **filters) -> set[str]:
    """The entries the facets select, computed from the content model, not from the index."""
    from generator.search import entry_filters

    chosen = set()
    for entry in (*model.renderer.indexes.projects, *model.renderer.indexes.guides):
        values = entry_filters(entry)
        if all(set([v] if isinstance(v, str) else v) & set(values.get(k, [])) for k, v in filters.items()):
            chosen.add(entry.slug)
    return chosen if query_slugs is None else chosen & query_slugs


FACET_CASES = [
    {"stadsdel": "Södermalm"},
    {"stadsdel": "Södermalm", "status": "Avslutat"},
    {"stadsdel": ["Farsta", "Skarpnäck"], "ar": "2015"},
    {"omrade": "Barn och unga", "ar": ["2013", "2014"], "typ": "Projekt"},
    {"omrade": "Brukarinflytande", "typ": "Vägledning"},
    {"finansiering": "Statsbidrag"},
    {"status": ["Planerat", "Pågående"], "omrade": "Evidensbaserad praktik"},
]


@pytest.mark.parametrize("filters", FACET_CASES, ids=[urlencode(f, doseq=True) for f in FACET_CASES])
def test_facet_combination_gives_the_exact_set(page, real_base, model, filters):
    open_search(page, real_base, **filters)
    want = expected(model, **filters)
    assert want, "a case must select something"
    assert set(result_slugs(page, every=True)) == want
    assert total(page) == len(want)


def test_filters_alone_list_the_newest_first_then_by_title(page, real_base, model):
    """Without a query nothing ranks the results: they come as "Alla projekt" lists projects, by
    last year, then by start, newest first, then by title (a guide by its year of publication), and
    the status line says so."""
    from generator.content import Project
    from generator.swedish import sort_key

    entries = {e.slug: e for e in (*model.renderer.indexes.projects, *model.renderer.indexes.guides)}
    open_search(page, real_base, omrade=["Barn och unga", "Brukarinflytande"])
    shown = [entries[s] for s in result_slugs(page, every=True)]
    assert len(shown) > 10 and {type(e) for e in shown} != {Project}, "a case with guides and more than one page"
    def year(entry):  # a guide without a date of publication is a new one
        if isinstance(entry, Project):
            return entry.last_year
        return entry.published.year if entry.published else 9999

    order = [(-year(e), -(e.start if isinstance(e, Project) else year(e)), sort_key(e.title)) for e in shown]
    assert order == sorted(order)
    assert page.text_content(STATUS) == f"{len(shown)} träffar med 2 valda filter, de senaste först."


def test_a_keyboard_user_can_skip_the_filters_to_the_results(page, real_base):
    open_search(page, real_base, "barn")
    page.focus("#kb-q")
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.text_content() == "Hoppa till träffarna" and skip.is_visible()
    assert axe_violations(page, "a.kb-skip[href='#kb-results-title']") == []  # legible while shown
    page.keyboard.press("Enter")
    page.locator("#kb-results-title:focus").wait_for(timeout=5_000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#kb-results') !== null"), "Tab goes on to the first result"


def test_facets_with_a_query_give_the_exact_set(page, real_base):
    open_search(page, real_base, "familjehem", stadsdel="Farsta")
    assert result_slugs(page) == ["mina-bada-varldar"]
    open_search(page, real_base, "familjehem", stadsdel=["Farsta", "Södermalm"], omrade="Barn och unga")
    assert set(result_slugs(page)) == {"mina-bada-varldar", "stella-det-tredelade-foraldraskapet"}
    open_search(page, real_base, "familjehem", ar="2018")
    assert result_slugs(page) == []
    assert page.text_content(STATUS).startswith("Inga träffar")


def counts_of(page, key: str) -> dict[str, int]:
    counts = {}
    for option in page.locator(f"fieldset[data-facet='{key}'] .kb-facet__option").all():
        value = option.locator("input").get_attribute("value")
        counts[value] = int(option.locator(".kb-facet__count").text_content().strip("()"))
    return counts


def test_facet_counts_follow_the_query_and_the_other_facets(page, real_base, model):
    open_search(page, real_base, omrade="Barn och unga", stadsdel="Södermalm")
    # Another facet counts among the current results …
    status_counts = counts_of(page, "status")
    current = expected(model, omrade="Barn och unga", stadsdel="Södermalm")
    for label in STATUS_LABELS.values():
        if label in status_counts:
            want = len(current & expected(model, status=label))
            assert status_counts[label] == want, label
    # … a chosen facet counts what adding one of its values would give (values combine with "or").
    district_counts = counts_of(page, "stadsdel")
    assert district_counts["Farsta"] == len(expected(model, omrade="Barn och unga", stadsdel="Farsta"))
    assert district_counts["Södermalm"] == len(current)

    open_search(page, real_base, "familjehem")
    assert counts_of(page, "stadsdel")["Farsta"] == 1
    assert counts_of(page, "typ") == {"Projekt": 2, "Vägledning": 0}


def all_counts(page) -> dict[str, dict[str, int]]:
    """Every facet's values with a count above zero (the page dims the others)."""
    counts = {key: counts_of(page, key) for key in ("typ", "ar", "omrade", "stadsdel", "status", "finansiering")}
    return {key: {v: n for v, n in values.items() if n} for key, values in counts.items()}


def model_counts(model, matching: set[str], selected: dict) -> dict[str, dict[str, int]]:
    """Every facet value's count as the content model gives it: among the entries the query finds
    and the other facets' choices select (a facet's own choice does not narrow its counts)."""
    from generator.search import entry_filters

    entries = {e.slug: e for e in (*model.renderer.indexes.projects, *model.renderer.indexes.guides)}
    counts = {}
    for key in ("typ", "ar", "omrade", "stadsdel", "status", "finansiering"):
        pool = expected(model, matching, **{k: v for k, v in selected.items() if k != key})
        values = [v for s in pool for v in entry_filters(entries[s]).get(key, [])]
        counts[key] = {v: values.count(v) for v in set(values)}
    return counts


def test_every_facet_count_is_right_also_for_a_later_search_on_the_same_page(page, real_base, model):
    """All counts of all facets against the content model, for the page's first search and for one
    made on it afterwards (the search page counts the results itself, with the facet table)."""
    found = {}
    for query in ("barn", "hemlöshet"):
        open_search(page, real_base, query)
        found[query] = set(result_slugs(page, every=True))
    selected = {"stadsdel": ["Södermalm", "Hela staden"], "status": "Avslutat"}
    open_search(page, real_base, "barn", **selected)
    assert all_counts(page) == model_counts(model, found["barn"], selected)
    page.fill("#kb-q", "hemlöshet")
    page.press("#kb-q", "Enter")
    page.locator(STATUS).filter(has_text="”hemlöshet”").wait_for(timeout=15_000)
    wait_done(page)
    assert set(result_slugs(page, every=True)) == expected(model, found["hemlöshet"], **selected)
    assert all_counts(page) == model_counts(model, found["hemlöshet"], selected)


def test_an_empty_search_shows_the_whole_banks_counts_without_fetching_the_facet_table(browser, real_base, model):
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(urlsplit(request.url).path))
    bank = model_counts(model, {e.slug for e in (*model.renderer.indexes.projects, *model.renderer.indexes.guides)}, {})
    open_search(tab, real_base)
    assert all_counts(tab) == bank
    assert not [r for r in requests if "/kb-fasetter-" in r]
    # a search changes the counts; emptying the field brings the bank's back
    tab.fill("#kb-q", "familjehem")
    tab.press("#kb-q", "Enter")
    tab.locator(STATUS).filter(has_text="”familjehem”").wait_for(timeout=15_000)
    wait_done(tab)
    assert all_counts(tab)["typ"] == {"Projekt": 2}
    tab.fill("#kb-q", "")
    tab.press("#kb-q", "Enter")
    tab.locator(STATUS).filter(has_text="Skriv ett sökord").wait_for(timeout=15_000)
    wait_done(tab)
    assert all_counts(tab) == bank
    context.close()


def test_pagefind_loads_no_filter_data(browser, real_base):
    """Pagefind's own filters made every search after the first count each filter value against a
    plain list of the results (seconds for a word on most of 10 000 pages); the search page filters
    and counts with its facet table instead, fetched once."""
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(urlsplit(request.url).path))
    open_search(tab, real_base, "barn", stadsdel="Södermalm")
    tab.fill("#kb-q", "familjehem")
    tab.press("#kb-q", "Enter")
    tab.locator(STATUS).filter(has_text="”familjehem”").wait_for(timeout=15_000)
    wait_done(tab)
    context.close()
    assert not [r for r in requests if "/pagefind/filter/" in r or r.endswith(".pf_filter")]
    assert len([r for r in requests if "/pagefind/kb-fasetter-" in r]) == 1, requests


def test_filters_that_cannot_be_read_say_so(page, real_base):
    page.route("**/pagefind/kb-fasetter-*.json", lambda route: route.fulfill(status=404, body=""))
    page.goto(f"{real_base}search/?q=barn&stadsdel=S%C3%B6dermalm")
    page.locator(STATUS).filter(has_text="Filtren kunde inte läsas in").wait_for(timeout=15_000)
    assert page.locator("#kb-results li").count() == 0


def test_facets_are_fieldsets_with_legends_and_labelled_checkboxes(page, real_base):
    open_search(page, real_base, "barn")
    legends = page.locator(".kb-facets legend").all_text_contents()
    assert legends == ["Typ", "År", "Område", "Stadsdel", "Status", "Finansiering"]
    for box in page.locator(".kb-facets input[type=checkbox]").all():
        label = page.locator(f"label[for='{box.get_attribute('id')}']")
        assert re.fullmatch(r".+ \(\d+\)", label.text_content().strip())
    assert page.get_attribute(STATUS, "role") == "status"
    assert page.get_attribute(STATUS, "aria-live") == "polite"
    assert page.locator("label[for='kb-q']").text_content() == "Sökord"


# URL state, keyboard, header -----------------------------------------------------------------

def test_state_is_in_the_url_and_survives_a_reload(page, real_base):
    open_search(page, real_base)
    page.fill("#kb-q", "familjehem")
    page.press("#kb-q", "Enter")
    page.locator(STATUS).filter(has_text="familjehem").wait_for()
    page.check("fieldset[data-facet='stadsdel'] input[value='Farsta']")
    page.locator(STATUS).filter(has_text="1 träff ").wait_for()
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["familjehem"], "stadsdel": ["Farsta"]}
    results = result_slugs(page)

    page.reload()
    wait_done(page)
    assert page.input_value("#kb-q") == "familjehem"
    assert page.is_checked("fieldset[data-facet='stadsdel'] input[value='Farsta']")
    assert result_slugs(page) == results == ["mina-bada-varldar"]


def test_back_steps_through_the_searches_made_on_the_page(page, real_base):
    """Each search is a history entry: Back returns to the one before, with its words, filters and
    results; a query typed letter by letter is one entry, not one per pause."""
    open_search(page, real_base, "familjehem")
    page.check("fieldset[data-facet='stadsdel'] input[value='Farsta']")
    page.locator(STATUS).filter(has_text="med 1 valt filter").wait_for()
    page.fill("#kb-q", "")
    page.type("#kb-q", "hemlöshet", delay=250)  # pauses longer than the page's 200 ms wait
    page.locator(STATUS).filter(has_text="för ”hemlöshet”").wait_for()
    wait_done(page)
    page.go_back()
    page.locator(STATUS).filter(has_text="för ”familjehem” med 1 valt filter").wait_for()
    wait_done(page)
    assert page.input_value("#kb-q") == "familjehem"
    assert page.is_checked("fieldset[data-facet='stadsdel'] input[value='Farsta']")
    assert result_slugs(page) == ["mina-bada-varldar"]
    page.go_back()
    page.locator(STATUS).filter(has_text=re.compile(r"träffar för ”familjehem”\.$")).wait_for()
    assert not page.is_checked("fieldset[data-facet='stadsdel'] input[value='Farsta']")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["familjehem"]}
    page.go_forward()
    page.locator(STATUS).filter(has_text="med 1 valt filter").wait_for()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["familjehem"], "stadsdel": ["Farsta"]}


def test_keyboard_only(page, real_base):
    open_search(page, real_base)
    focused = ""
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused == "kb-q":
            break
    assert focused == "kb-q", "the query field is not reachable with Tab"
    page.keyboard.type("familjehem")
    page.keyboard.press("Enter")
    page.locator(STATUS).filter(has_text="2 träffar").wait_for()
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # "Hoppa till träffarna" (test_a_keyboard_user_can_skip_the_filters_to_the_results)
    page.keyboard.press("Tab")  # "Avgränsa", which folds the filters
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")  # the first checkbox: Typ, Projekt
    assert page.evaluate("document.activeElement.name + '=' + document.activeElement.value") == "typ=Projekt"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # År, the newest year
    assert page.evaluate("document.activeElement.name") == "ar"
    year = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    assert page.is_checked(f"fieldset[data-facet='ar'] input[value='{year}']")
    page.locator(STATUS).filter(has_text="med 1 valt filter").wait_for()
    assert parse_qs(urlsplit(page.url).query)["ar"] == [year]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused checkbox shows no focus ring"


def test_back_from_a_result_returns_to_the_same_place_in_a_long_list(page, real_base):
    """Playwright's Chromium has no back/forward cache, as a browser may not have one for a page
    either: the page itself restores how many results were shown and where the reader was."""
    open_search(page, real_base, typ="Projekt")
    hits = total(page)
    assert hits > 30, "a case with more than three pages of results"
    # The button says how many more it shows and how many are left.
    assert page.text_content("#kb-more") == f"Visa 10 till ({hits - 10} kvar)"
    page.click("#kb-more")
    page.locator("#kb-results > li").nth(19).wait_for()
    assert page.text_content("#kb-more") == f"Visa {min(10, hits - 20)} till ({hits - 20} kvar)"
    fifteenth = page.locator("#kb-results > li").nth(14).locator("a").first
    target = fifteenth.get_attribute("href")
    fifteenth.scroll_into_view_if_needed()
    fifteenth.click()
    page.wait_for_url(f"**{target.lstrip('.')}")
    page.go_back()
    wait_done(page)
    page.locator("#kb-results > li").nth(19).wait_for()
    assert page.locator("#kb-results > li").count() == 20
    expect(page.locator("#kb-results > li").nth(14).locator("a").first).to_be_in_viewport(ratio=1)
    open_search(page, real_base, "familjehem")  # a new search starts at its top with ten or fewer
    assert page.evaluate("scrollY") == 0


def test_header_quick_search_leads_to_the_search_page(page, real_base):
    page.goto(real_base + "projects/")
    page.fill("#kb-quicksearch-q", "hemlösa")
    page.press("#kb-quicksearch-q", "Enter")
    wait_done(page)
    assert urlsplit(page.url).path == "/search/"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["hemlösa"]}
    assert "bostad-forst-and-boendetrappan".replace("-and-", "-och-") in result_slugs(page)


def test_the_search_page_has_one_search_field(page, real_base):
    """The header's quick search would be a second "Sök" right above the page's own."""
    open_search(page, real_base, "barn")
    assert page.locator("input[type=search]").count() == 1


def test_on_a_phone_the_header_shows_the_whole_name_and_its_button_leads_to_search(browser, real_base):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(real_base + "projects/")
    name = page.locator(".md-header__topic .md-ellipsis").first
    assert name.text_content().strip() == "Kunskapsbanken"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site's name is cut short"
    page.click(".kb-quicksearch__button")
    page.locator("#kb-q").wait_for()
    assert urlsplit(page.url).path == "/search/"
    context.close()


def test_search_works_from_a_sub_path(browser, real_site, tmp_path):
    """The intranet may publish the site under any path: nothing may assume it sits at /."""
    (tmp_path / "intranat").mkdir()
    shutil.copytree(real_site, tmp_path / "intranat" / "kunskapsbank")
    with serve(tmp_path) as base:
        tab = browser.new_page()
        tab.goto(base + "intranat/kunskapsbank/search/?q=kontaktfamilj")
        wait_done(tab)
        link = tab.locator("#kb-results .kb-result__title a").first.get_attribute("href")
        tab.close()
    assert urlsplit(link).path == "/intranat/kunskapsbank/projects/kontaktfamilj-registerdata/"


# Attachments -------------------------------------------------------------------------------

def add_document(markdown: Path, title: str, kind: str, year: int, file: str) -> None:
    text = markdown.read_text(encoding="utf-8")
    end = text.index("\n---", 3)
    entry = f"documents:\n  - title: {title}\n    kind: {kind}\n    year: {year}\n    file: {file}\n"
    markdown.write_text(text[:end + 1] + entry + text[end + 1:], encoding="utf-8")


@pytest.fixture(scope="module")
def attachment_site(tmp_path_factory):
    """The real content plus attachments whose words stand nowhere else."""
    import docx

    tmp = tmp_path_factory.mktemp("attachments")
    content = tmp / "content"
    shutil.copytree(REPO / "content", content)
    projects = content / "projects"

    folder = projects / "files" / "mina-bada-varldar"
    folder.mkdir(parents=True)
    (folder / "slutrapport.pdf").write_bytes(make_pdf([
        "Slutrapport för Mina båda världar.",
        "Grupperna leddes av två samtalsledare. Barnen ritade kvarterskartor och berättade om "
        "vattentrollsländor de hade sett vid sjön.",
        "Utvärderingen visar att deltagarna kände sig mindre ensamma. Gruppen besökte stallet på gården.",
    ]))
    add_document(projects / "mina-bada-varldar.md", "Slutrapport Mina båda världar", "slutrapport", 2016,
                 "files/mina-bada-varldar/slutrapport.pdf")

    folder = projects / "files" / "kontaktfamilj-registerdata"
    folder.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("Rapporten jämför trollsländor och kontaktfamiljer, en ovanlig liknelse.")
    document.add_paragraph("Registerdata över tolvårsuppföljningen redovisas i bilaga tre.")
    document.add_paragraph("Stalins tid nämns i en fotnot.")
    document.save(folder / "rapport.docx")
    add_document(projects / "kontaktfamilj-registerdata.md", "Rapport om registerdata", "rapport", 2013,
                 "files/kontaktfamilj-registerdata/rapport.docx")

    site = tmp / "site"
    assert build(content, site, tmp) == 0
    with serve(site) as base:
        yield base


def test_word_only_in_a_pdf_finds_its_project_and_says_so(page, attachment_site):
    open_search(page, attachment_site, "kvarterskartor")
    assert result_slugs(page) == ["mina-bada-varldar"]
    note = page.locator(".kb-result__attachment").first
    assert note.text_content().startswith("Träff i bilagan Slutrapport Mina båda världar")
    assert "<mark>" in note.inner_html() and "kvarterskartor" in note.text_content()
    assert urlsplit(note.locator("a").get_attribute("href")).fragment == "bilaga-1"
    # The anchor is real: the project page lists the document under that id.
    page.click(".kb-result__attachment a")
    assert page.locator("li#bilaga-1 a").text_content() == "Slutrapport Mina båda världar"


def test_inflected_word_in_a_pdf_and_a_docx(page, attachment_site):
    open_search(page, attachment_site, "kvarterskarta")  # singular of the PDF's "kvarterskartor"
    assert result_slugs(page) == ["mina-bada-varldar"]
    open_search(page, attachment_site, "tolvårsuppföljning")  # the DOCX says "tolvårsuppföljningen"
    assert result_slugs(page) == ["kontaktfamilj-registerdata"]
    assert "Träff i bilagan Rapport om registerdata" in page.text_content(".kb-result__attachment")


def test_compound_in_an_attachment_is_found_by_its_part(page, attachment_site):
    """The PDF says only "vattentrollsländor"; the DOCX says "trollsländor" on its own."""
    open_search(page, attachment_site, "trollsländor")
    assert set(result_slugs(page)) == {"mina-bada-varldar", "kontaktfamilj-registerdata"}


def test_a_definite_form_becomes_its_base_only_where_the_base_is_a_word(page, attachment_site):
    """The PDF says "stallet", the DOCX "Stalins". "stal" is no word of the bank, so "stallet" is
    searched as written; as "stal" it would find "Stalins" too."""
    open_search(page, attachment_site, "stallet")
    assert result_slugs(page) == ["mina-bada-varldar"]


def test_attachment_hit_respects_the_facets(page, attachment_site):
    open_search(page, attachment_site, "kvarterskartor", stadsdel="Farsta")
    assert result_slugs(page) == ["mina-bada-varldar"]
    open_search(page, attachment_site, "kvarterskartor", stadsdel="Södermalm")
    assert result_slugs(page) == []


def test_filters_start_folded_on_a_phone_and_open_by_keyboard(browser, real_base):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        open_search(page, real_base)
        assert not page.locator("details.kb-facets").evaluate("d => d.open")
        page.focus("details.kb-facets > summary")
        page.keyboard.press("Enter")
        assert page.locator("details.kb-facets").evaluate("d => d.open")
        assert page.locator(".kb-facets input[type=checkbox]").first.is_visible()
    finally:
        context.close()


def test_on_a_phone_chosen_filters_show_and_the_button_leads_to_the_hits(browser, real_base, model):
    """With a filter in the address the filters start open; the button says how many hits the
    choice gives and takes the reader (and the focus) to them, some forty checkboxes further down."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        open_search(page, real_base, "barn", ar="2013")
        assert page.locator("details.kb-facets").evaluate("d => d.open")
        button = page.locator(".kb-facets__apply")
        assert button.is_visible()
        assert button.text_content() == f"Visa {total(page)} träff{'ar' if total(page) != 1 else ''}"
        page.check("input[name=typ][value=Projekt]")
        page.locator(STATUS).filter(has_text="2 valda filter").wait_for()
        button.click()
        page.locator("#kb-results-title:focus").wait_for()
        assert page.evaluate("() => document.getElementById('kb-results-title').getBoundingClientRect().top") < 800
    finally:
        context.close()


def test_no_button_beside_the_results_on_a_wide_screen(page, real_base):
    open_search(page, real_base, "barn")
    assert not page.is_visible(".kb-facets__apply")


def test_a_guide_is_called_vagledning_in_the_results(page, real_base):
    open_search(page, real_base, "brukarledda undersökningar")
    kinds = page.locator("#kb-results .kb-result__meta .kb-item__kind").all_text_contents()
    assert "Vägledning" in kinds and all(k in ("Projekt", "Vägledning") for k in kinds), kinds


def test_a_quoted_query_is_quoted_once_and_no_hits_with_filters_suggests_fewer(page, real_base):
    open_search(page, real_base, '"motiverande samtal"', stadsdel="Bromma")
    status = page.text_content(STATUS)
    assert status.startswith("Inga träffar för ”motiverande samtal” med 1 valt filter."), status
    assert status.endswith("Pröva att ta bort något filter.")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _body_text(site: Path, url: str) -> str:
    """The entry page's own text as a reader sees it under the facts: no fact panel, no lists of
    related pages."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / urlsplit(url).path.strip("/") / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    article = soup.select_one("article")
    for node in article.select(".kb-facts, .kb-related, .kb-backlinks-title"):
        node.decompose()
    return " ".join(_words(article.get_text(" ")))


@pytest.mark.parametrize("query", ["hemlösa", "kunskap", "familjehem", "sjukskrivning", "barn"])
def test_excerpts_are_running_text_of_the_page(page, real_base, real_site, query):
    """An excerpt is a stretch of the page's own text: never the fact panel's values run together
    ("Avslutat 2013 Hela staden Hemlöshet"), never the list of compound parts the index carries."""
    open_search(page, real_base, query)
    for item in page.locator("#kb-results > li").all():
        url = item.locator(".kb-result__title a").get_attribute("href")
        excerpt = _words(item.locator(".kb-result__excerpt").text_content())
        body = _body_text(real_site, url)
        for start in range(0, max(1, len(excerpt) - 3)):
            gram = " ".join(excerpt[start:start + 4])
            assert gram in body, f"{query!r}, {slug(url)}: ”{gram}” is not running text of the page"


@pytest.mark.parametrize("query", ["MI", "BRIS"])
def test_an_abbreviation_in_capitals_finds_that_word_only(page, real_base, real_site, query):
    """By prefix, "MI" found "missbruk" (first) and "BRIS" found "brist"; in capitals they are words."""
    open_search(page, real_base, query)
    found = result_slugs(page, every=True)
    assert found
    for url_slug in found:
        text = next(real_site.glob(f"*/{url_slug}/index.html")).read_text(encoding="utf-8")
        assert re.search(rf"\b{query}\b", text), f"{url_slug} does not say {query}"
    open_search(page, real_base, query.lower())  # typed small, it is searched as usual
    assert len(result_slugs(page, every=True)) > len(found)


def test_an_abbreviation_stays_that_word_when_the_filters_leave_no_page_with_it(page, real_base, real_site):
    """Before, "MI" with a filter that no MI page has fell back to word beginnings and listed
    "Mina båda världar" as "5 träffar för ”MI” med 1 valt filter"."""
    open_search(page, real_base, "MI", omrade="Barn och unga")
    for url_slug in result_slugs(page, every=True):
        text = next(real_site.glob(f"*/{url_slug}/index.html")).read_text(encoding="utf-8")
        assert re.search(r"\bMI\b", text), f"{url_slug} does not say MI"
    open_search(page, real_base, "MI", stadsdel="Södermalm")
    assert result_slugs(page) == []
    assert page.text_content(STATUS).startswith("Inga träffar för ”MI” med 1 valt filter.")


# "Menade du …?" ------------------------------------------------------------------------------

def test_a_misspelled_word_offers_the_banks_own_word_and_the_link_searches_it(page, real_base):
    open_search(page, real_base, "familjhem", stadsdel="Farsta")
    assert page.text_content(STATUS).endswith("Menade du ”familjehem”?")
    link = page.locator(f"{STATUS} a")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {"q": ["familjehem"], "stadsdel": ["Farsta"]}
    link.focus()
    page.keyboard.press("Enter")
    page.locator(STATUS).filter(has_text="för ”familjehem”").wait_for()
    wait_done(page)
    assert result_slugs(page) == ["mina-bada-varldar"]
    assert parse_qs(urlsplit(page.url).query)["q"] == ["familjehem"]
    # The link went with the old status line; the focus is on the new results, not lost at the top.
    page.locator("#kb-results-title:focus").wait_for(timeout=5_000)


def test_a_word_not_in_the_bank_gets_the_nearest_one(page, real_base):
    open_search(page, real_base, "sjukskrving")
    assert page.text_content(STATUS) == ("Inga träffar: ”sjukskrving” finns inte i Kunskapsbanken. "
                                          "Menade du ”sjukskrivning”?")


def test_no_suggestion_for_another_form_of_a_word_or_a_word_with_nothing_near(page, real_base):
    for query in ("föräldrarnas", "familjehemmen", "avgiften"):
        open_search(page, real_base, query)
        assert "Menade du" not in page.text_content(STATUS), query


def test_the_word_lists_hold_the_banks_words_once_in_order_by_first_letter(real_site):
    page = (real_site / "search" / "index.html").read_text(encoding="utf-8")
    prefix = re.search(r'data-words="([^"]+)"', page).group(1)
    files = sorted((real_site / "pagefind").glob(f"{prefix}*.txt"))
    assert len(files) > 10
    every = []
    for file in files:
        listed = file.read_text(encoding="utf-8").split("\n")
        letter = chr(int(file.stem[len(prefix):], 16))
        assert listed == sorted(set(listed)) and all(w.startswith(letter) for w in listed), file.name
        every += listed
    assert {"familjehem", "sjukskrivning", "kontaktfamilj", "öppenvård"} <= set(every)
    assert all(len(word) >= 4 for word in every)


def test_a_word_found_as_typed_fetches_no_word_list(page, real_base):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    open_search(page, real_base, "familjehem")
    assert not [u for u in fetched if "/kb-ord-" in u]
    open_search(page, real_base, "familjhem")
    assert [urlsplit(u).path.rsplit("-", 1)[-1] for u in fetched if "/kb-ord-" in u] == ["66.txt"]  # f
