"""What a reader looks at first, in the rendered HTML: the grant and the documents in the fact
panel, each thing said once, acronyms as written in the vocabulary, term pages grouped (a district
by year, a year by district) with a link to the search already filtered, and every year of the
bank's range answered. (The same in Chromium, with the styles: test_browser_reader.py.)"""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

from siteutil import fixture_site, real_site  # noqa: F401 (pytest fixtures)
from test_site_indexes import (ALFA, ANGBY, ARSTA, OVERSTA, ZETA, content, facts, items, link_targets, page,
                               page_file, target, text)

def groups(site, url: str) -> list[tuple[str, list[str]]]:
    """(heading, projects under it) of each group of a term page, in page order."""
    found = []
    for h3 in content(site, url).select("h3.kb-group"):
        found.append((text(h3), items(site, url, h3.find_next_sibling("ul"))))
    return found

def search_link(site, url: str, label: str) -> tuple[str, dict]:
    """(target page, query) of the link with this text."""
    link = next(a for a in content(site, url).find_all("a") if text(a) == label)
    parts = urlsplit(urljoin("/" + url, link["href"]))
    assert not link["href"].startswith("/"), "länken ska vara relativ: intranätets sökväg är okänd"
    return parts.path.lstrip("/"), parse_qs(parts.query)

def test_fact_panel_has_the_grant_and_the_documents(fixture_site):
    panel = facts(fixture_site, ALFA)
    assert text(panel["Beviljat"]) == "775 000 kr, 2014–2016"  # text() reads the no-break spaces as spaces
    assert [a["href"] for a in panel["Beviljat"].find_all("a")] == ["#finansiering"]
    assert content(fixture_site, ALFA).select_one(".kb-funding table"), "hela tabellen finns kvar"
    assert text(panel["Dokument"]) == "Slutrapport Alfaprojektet (PDF, 1 kB), Projektplan (PDF, extern länk)"
    assert link_targets(ALFA, panel["Dokument"])[0] == "projects/files/alfa-projektet/slutrapport.pdf"
    assert panel["Dokument"].find_all("a")[1]["href"] == "https://example.se/plan.pdf"
    labels = list(panel)
    assert labels.index("Beviljat") < labels.index("Projektägare"), "pengarna står bland de första fakta"

def test_grant_of_one_year_names_that_year(real_site):
    panel = facts(real_site, "projects/trestad2/")
    assert text(panel["Beviljat"]) == "4 000 000 kr, 2014"
    assert "Dokument" not in panel

def test_guide_page_names_each_related_page_once(real_site):
    url = "guides/vagledning-brukardelaktighet/"
    section = content(real_site, url).select("#relaterat ~ ul a")
    linked = [target(url, a["href"]) for a in section]
    assert linked and len(linked) == len(set(linked)), linked

def test_acronym_topics_keep_their_case(real_site):
    for slug, name in (("asi", "ASI"), ("bbic", "BBIC"), ("dur", "DUR")):
        assert text(content(real_site, f"topics/{slug}/").h1) == name
        overview = {text(li.a): target("topics/", li.a["href"]) for li in content(real_site, "topics/").select(".kb-terms li")}
        assert overview.get(name) == f"topics/{slug}/"
    topics = facts(real_site, "projects/asi-uppfoljning/")["Ämnen"]
    assert "ASI" in [text(a) for a in topics.find_all("a")]

def test_district_page_groups_projects_by_year_and_links_to_the_search(fixture_site):
    assert groups(fixture_site, "districts/sodermalm/") == [("2016 (2 projekt)", [OVERSTA, ALFA])]
    assert groups(fixture_site, "areas/hemloshet/") == [("2019 (1 projekt)", [ZETA]), ("2016 (1 projekt)", [OVERSTA])]
    assert search_link(fixture_site, "districts/sodermalm/", "Filtrera Södermalms projekt") == (
        "search/", {"stadsdel": ["Södermalm"]})
    assert search_link(fixture_site, "areas/hemloshet/", "Filtrera projekten inom Hemlöshet") == (
        "search/", {"omrade": ["Hemlöshet"]})
    assert not content(fixture_site, "districts/farsta/").select(".kb-filter-link"), "inget att filtrera"

def test_year_page_groups_projects_by_district(fixture_site):
    assert groups(fixture_site, "years/2016/") == [
        ("Enskede-Årsta-Vantör (1 projekt)", [ARSTA]), ("Hägersten-Liljeholmen (1 projekt)", [ANGBY]),
        ("Södermalm (2 projekt)", [OVERSTA, ALFA]), ("Älvsjö (1 projekt)", [ALFA])]
    assert search_link(fixture_site, "years/2016/", "Filtrera projekten 2016") == ("search/", {"ar": ["2016"]})

def test_home_page_offers_browsing_by_filters_alone(fixture_site):
    link = next(a for a in content(fixture_site, "").find_all("a") if text(a) == "Bläddra med filter")
    parts = urlsplit(urljoin("/", link["href"]))
    assert parts.path == "/search/" and page(fixture_site, "search/").find(id=parts.fragment)

def test_every_year_of_the_range_has_a_page(fixture_site):
    for year in ("2017", "2018"):
        url = f"years/{year}/"
        assert page_file(fixture_site, url).is_file(), url
        assert f"Inga projekt {year}." in text(content(fixture_site, url))
        around = content(fixture_site, url).select_one(".kb-around")
        assert link_targets(url, around) == ["years/2016/", "years/2019/"]
        assert text(around) == "Närmaste år med projekt: 2016 (4 projekt) och 2019 (1 projekt)."
    assert not (fixture_site / "years" / "2013").exists() and not (fixture_site / "years" / "2020").exists()

def test_table_of_contents_lists_the_generated_sections_in_page_order(fixture_site):
    article = content(fixture_site, ALFA)
    headings = [text(h) for h in article.find_all("h2")]
    toc = [text(a) for a in page(fixture_site, ALFA).select("nav.md-nav--secondary > ul > li > a.md-nav__link")]
    assert toc == headings
    assert headings[-3:] == ["Finansiering", "Dokument", "Relaterat"]
    toc = [text(a) for a in page(fixture_site, ZETA).select("nav.md-nav--secondary > ul > li > a.md-nav__link")]
    assert toc[-1] == "Jämställdhetsanalys"
