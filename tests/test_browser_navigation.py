"""A reader's way through the real site in a real Chromium, by clicking only: home → År → a year →
a project → one of its districts → another project there. (That no request leaves the site is the
gate in test_gate_network.py.)"""

from __future__ import annotations

from siteutil import browser, real_site, serve  # noqa: F401 (pytest fixtures)


def follow(page, link, url: str) -> str:
    """Click the link as a reader would; the page it opens must have the link's text as its title."""
    name = link.inner_text()
    link.click()
    page.wait_for_url(url)
    assert page.locator("article h1").inner_text() == name
    return name


def test_click_from_home_to_a_project_in_the_same_district(real_site, browser):
    with serve(real_site) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="sv-SE")
        page = context.new_page()
        try:
            page.goto(base)
            assert page.locator("article h1").inner_text() == "Kunskapsbanken"
            follow(page, page.locator("nav.md-nav--primary a.md-nav__link", has_text="År"), base + "years/")
            year = follow(page, page.locator("article ul.kb-terms a").first, base + "years/*/")
            project = follow(page, page.locator("article li.kb-item .kb-item__title a").first, base + "projects/*/")
            facts = page.locator("article dl.kb-facts")
            assert facts.locator("a", has_text=year).count() == 1  # the year we came from

            district = follow(page, facts.locator("a[href*='districts/']").first, base + "districts/*/")
            listed = page.locator("article li.kb-item .kb-item__title a")
            assert project in listed.all_inner_texts()
            assert listed.count() > 1, f"{district} lists only {project}: the walk needs a district with two"
            follow(page, listed.filter(has_not_text=project).first, base + "projects/*/")
            assert page.locator("article dl.kb-facts a", has_text=district).count() == 1
        finally:
            context.close()
