"""What a reader sees first, in a real Chromium: the fact panel's rows, the table of contents in
the page's order, the funding table as a table of money, a district page's year groups and the
links from term pages, the home page and an empty year to real pages."""

from __future__ import annotations

import contextlib

from siteutil import browser, fixture_site, serve  # noqa: F401 (pytest fixtures)

ALFA = "projects/alfa-projektet/"
STYLE = """cell => { const s = getComputedStyle(cell); return [s.fontSize, s.textAlign, s.fontVariantNumeric,
                                                          s.borderTopStyle, s.borderTopWidth]; }"""


@contextlib.contextmanager
def reader_page(browser, site, width: int = 1400):
    """The site served, and a page of a fresh Swedish browser context: (base URL, page)."""
    with serve(site) as base:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
        try:
            yield base, context.new_page()
        finally:
            context.close()


def test_fact_panel_toc_and_funding_table(fixture_site, browser):
    with reader_page(browser, fixture_site) as (base, page):
        page.goto(base + ALFA)
        labels = page.locator("article dl.kb-facts dt").all_inner_texts()
        values = dict(zip(labels, page.locator("article dl.kb-facts dd").all_inner_texts()))
        assert values["Beviljat"] == "775\u00a0000\u00a0kr, 2014–2016"
        assert values["Dokument"] == "Slutrapport Alfaprojektet (PDF, 1 kB), Projektplan (PDF, extern länk)"

        toc = page.locator("nav.md-nav--secondary > ul > li > a").all_inner_texts()
        assert toc == page.locator("article h2").all_inner_texts()
        assert toc[-3:] == ["Finansiering", "Dokument", "Relaterat"]

        body = page.locator("article h2 + p").first.evaluate("p => getComputedStyle(p).fontSize")
        table = page.locator(".kb-funding table")
        for cell in table.locator("td.kb-num, th.kb-num").all():
            size, align, figures, _, _ = cell.evaluate(STYLE)
            assert (size, align, figures) == (body, "right", "tabular-nums")
        for cell in table.locator("tfoot tr > *").all():
            assert cell.evaluate(STYLE)[3:] == ["solid", "2px"], "strecket ovanför Totalt ska gå över hela raden"
        caption = table.locator("caption").evaluate("c => getComputedStyle(c).paddingBottom")
        assert caption != "0px"


def test_district_page_by_year_and_its_search_link(fixture_site, browser):
    with reader_page(browser, fixture_site) as (base, page):
        page.goto(base + "areas/hemloshet/")
        assert page.locator("article h3.kb-group").all_inner_texts() == ["2019 (1 projekt)", "2016 (1 projekt)"]
        page.goto(base + "districts/sodermalm/")
        assert page.locator("article h3.kb-group").all_inner_texts() == ["2016 (2 projekt)"]
        page.get_by_role("link", name="Filtrera Södermalms projekt").click()
        page.wait_for_url(base + "search/?stadsdel=S%C3%B6dermalm")
        assert page.locator("input[name=stadsdel][value='Södermalm']").is_checked()


def test_home_page_leads_to_the_filters_open(fixture_site, browser):
    # narrow: there the filters start folded
    with reader_page(browser, fixture_site, width=400) as (base, page):
        page.goto(base)
        page.get_by_role("link", name="Bläddra med filter").click()
        page.wait_for_url(base + "search/#kb-facets-title")
        assert page.locator("details.kb-facets").evaluate("d => d.open")


def test_year_without_projects_says_so_and_links_around(fixture_site, browser):
    with reader_page(browser, fixture_site) as (base, page):
        response = page.goto(base + "years/2018/")
        assert response.status == 200
        assert "Inga projekt 2018." in page.locator("article").inner_text()
        page.locator("article .kb-around a", has_text="2019").click()
        page.wait_for_url(base + "years/2019/")
        assert page.locator("article h1").inner_text() == "2019"
