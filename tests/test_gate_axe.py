"""Gate: axe-core finds no WCAG 2.0/2.1 A or AA violation on any kind of page, in a real Chromium.

Every page of the fixture corpus (every kind, every optional field) and one page of each kind of the
real site, plus the search with results on screen; then a broken page, where it must find the fault.
"""

from __future__ import annotations

import pytest

from gates import (axe_violations, broken_site, gate_urls, new_context, on_each,  # noqa: F401
                   open_search_with_results, sites)
from siteutil import browser, fixture_site, real_site, serve  # noqa: F401 (pytest fixtures)


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_no_wcag_violations_on_any_kind_of_page(sites, browser, which):
    site, base = sites[which]
    urls = gate_urls(which, site)
    assert len(urls) >= 15
    assert on_each(browser, base, urls, axe_violations) == {}


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
        found = on_each(browser, base, ["projects/trasig-bild/", "projects/alfa-projektet/"], axe_violations)
    assert list(found) == ["/projects/trasig-bild/"], found
    assert any(line.startswith("image-alt ") for line in found["/projects/trasig-bild/"]), found
