"""A reader's way through the real site in a real Chromium, by clicking only: home → År → a year →
a project → one of its districts → a project there. The intranet has no internet access, so the
site must not ask any other host for anything (fonts, scripts, analytics)."""

from __future__ import annotations

from urllib.parse import urlsplit

from siteutil import browser, real_site, serve  # noqa: F401 (pytest fixtures)


def test_click_from_home_to_a_project_in_the_same_district(real_site, browser):
    with serve(real_site) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="sv-SE")
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        try:
            page.goto(base)
            assert page.locator("article h1").inner_text() == "Kunskapsbanken"

            page.locator("nav.md-nav--primary a.md-nav__link", has_text="År").click()
            page.wait_for_url(base + "years/")
            assert page.locator("article h1").inner_text() == "År"

            year = page.locator("article ul.kb-terms a").first
            year_name = year.inner_text()
            year.click()
            page.wait_for_url(f"{base}years/{year_name}/")
            assert page.locator("article h1").inner_text() == year_name

            project = page.locator("article li.kb-item h3 a").first
            project_title = project.inner_text()
            project.click()
            page.wait_for_url(base + "projects/*/")
            assert page.locator("article h1").inner_text() == project_title
            facts = page.locator("article dl.kb-facts")
            assert facts.locator("a", has_text=year_name).count() == 1  # the year we came from

            district = facts.locator("a[href*='districts/']").first
            district_name = district.inner_text()
            district.click()
            page.wait_for_url(base + "districts/*/")
            assert page.locator("article h1").inner_text() == district_name
            listed = page.locator("article li.kb-item h3 a")
            assert project_title in listed.all_inner_texts()

            other = listed.filter(has_not_text=project_title).first if listed.count() > 1 else listed.first
            other_title = other.inner_text()
            other.click()
            page.wait_for_url(base + "projects/*/")
            assert page.locator("article h1").inner_text() == other_title
            assert page.locator("article dl.kb-facts a", has_text=district_name).count() == 1
        finally:
            context.close()

    assert len(requests) > 6, "inga förfrågningar registrerades"
    host = urlsplit(base).netloc
    assert [url for url in requests if urlsplit(url).netloc != host] == []
