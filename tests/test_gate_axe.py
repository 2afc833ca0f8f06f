"""Gate: axe-core finds no WCAG 2.0/2.1 A or AA violation on any kind of page, in a real Chromium.

Every page of the fixture corpus (every kind, every optional field) and one page of each kind of the
real site, plus the search with results on screen; then a broken page, where it must find the fault.
"""

from __future__ import annotations

import pytest

from gates import (BROKEN, axe_violations, broken_site, new_context, open_search_with_results, page_kinds,  # noqa: F401
                   page_urls, sites)
from siteutil import browser, fixture_site, real_site, serve  # noqa: F401 (pytest fixtures)


def _axe_pages(browser, base: str, urls: list[str]) -> dict[str, list[str]]:
    context = new_context(browser)
    try:
        page = context.new_page()
        found = {}
        for url in urls:
            page.goto(base + url, wait_until="load")
            if violations := axe_violations(page):
                found["/" + url] = violations
        return found
    finally:
        context.close()


def _urls(which: str, site) -> list[str]:
    # The fixture corpus is small and has every kind of page: all of it. The real site's pages of one
    # kind share their template, so one of each kind (the project with the most facts) is enough.
    return page_urls(site) if which == "fixture" else sorted(set(page_kinds(site).values()))


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_no_wcag_violations_on_any_kind_of_page(sites, browser, which):
    site, base = sites[which]
    urls = _urls(which, site)
    assert len(urls) >= 15
    assert _axe_pages(browser, base, urls) == {}


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_no_wcag_violations_in_the_search_with_results(sites, browser, which):
    site, base = sites[which]
    context = new_context(browser)
    try:
        page = context.new_page()
        open_search_with_results(page, base, site)
        assert axe_violations(page) == []
    finally:
        context.close()


def test_axe_reports_an_image_without_alt_text(broken_site, browser):
    with serve(broken_site) as base:
        found = _axe_pages(browser, base, ["projects/trasig-bild/", "projects/alfa-projektet/"])
    assert list(found) == ["/projects/trasig-bild/"], found
    assert any(line.startswith("image-alt ") for line in found["/projects/trasig-bild/"]), found
