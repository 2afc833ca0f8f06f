"""The generated site as a reader sees it: which pages exist, what each listing shows and in which
order, and the fact panels of project and guide pages (that every link leads somewhere is the gate
in test_gate_links.py).

The fixture corpus (tests/fixtures/corpus) holds, among others, a draft, a project over three years
(Alfaprojektet 2014–2016) and titles starting with Z, Å, Ä and Ö, so a wrong sort shows up.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from siteutil import FIXTURE_CONTENT, fixture_site, real_site  # noqa: F401 (pytest fixtures)

# Published projects, newest first (last year, then start), then Swedish title order.
ZETA = "projects/zeta-studien/"  # 2019
ARSTA = "projects/arsta-studien/"  # 2016, "Å…"
ANGBY = "projects/angby-studien/"  # 2016, "Ä…"
OVERSTA = "projects/oversta-projektet/"  # 2016, "Ö…"
ALFA = "projects/alfa-projektet/"  # 2014–2016
NY = "guides/ny-vagledning/"  # published 2018-09-01
ALDRE = "guides/aldre-vagledning/"  # published 2014-03-01, ersatt by NY
ALL_PROJECTS = [ZETA, ARSTA, ANGBY, OVERSTA, ALFA]

DRAFT_SLUG, DRAFT_TITLE, DRAFT_TOPIC = "hemligt-utkast", "Hemligt utkast", "utkastämne"

# Every term page of every way in: (projects listed, guides listed), in display order.
YEARS = {  # every year from the first to the last, those without projects too; by district in each
    "2019": [ZETA],
    "2018": [],
    "2017": [],
    "2016": [ARSTA, ANGBY, OVERSTA, ALFA, ALFA],  # Alfaprojektet under Södermalm and under Älvsjö
    "2015": [ALFA, ALFA],  # the draft is from 2015 too, and must not be here
    "2014": [ALFA, ALFA],
}
AREAS = {  # the vocabulary's areas in Swedish order: "Funktionsnedsättning" before "Förebyggande"
    "barn-och-unga": ("Barn och unga", [ALFA], []),
    "brukarinflytande": ("Brukarinflytande", [], [NY, ALDRE]),
    "ekonomiskt-bistand": ("Ekonomiskt bistånd", [], []),
    "evidensbaserad-praktik": ("Evidensbaserad praktik", [], [NY]),
    "funktionsnedsattning": ("Funktionsnedsättning", [], []),
    "forebyggande-arbete": ("Förebyggande arbete", [ALFA], []),
    "hemloshet": ("Hemlöshet", [ZETA, OVERSTA], []),
    "missbruk-och-beroende": ("Missbruk och beroende", [ARSTA], []),
    "socialpsykiatri": ("Socialpsykiatri", [ANGBY], []),
    "vald-i-nara-relationer": ("Våld i nära relationer", [], []),
}
DISTRICTS = {  # Swedish order: "Hägersten-Liljeholmen" < "Hägersten-Älvsjö" < "Hässelby", Ä and Ö last
    "bromma": ("Bromma", []),  # only the draft is in Bromma
    "enskede-arsta-vantor": ("Enskede-Årsta-Vantör", [ARSTA]),
    "farsta": ("Farsta", []),
    "hela-staden": ("Hela staden", []),
    "hagersten-liljeholmen": ("Hägersten-Liljeholmen", [ANGBY]),
    "hagersten-alvsjo": ("Hägersten-Älvsjö", [ZETA]),
    "hasselby-vallingby": ("Hässelby-Vällingby", []),
    "kungsholmen": ("Kungsholmen", []),
    "norrmalm": ("Norrmalm", []),
    "rinkeby-kista": ("Rinkeby-Kista", []),
    "skarpnack": ("Skarpnäck", []),
    "skarholmen": ("Skärholmen", []),
    "spanga-tensta": ("Spånga-Tensta", []),
    "sodermalm": ("Södermalm", [OVERSTA, ALFA]),
    "alvsjo": ("Älvsjö", [ALFA]),
    "ostermalm": ("Östermalm", []),
}
TOPICS = {  # case-insensitive, shown as first written (file order), sorted ignoring case
    "bostad-forst": ("bostad först", [OVERSTA], []),
    "brukarinflytande": ("brukarinflytande", [ANGBY], [NY, ALDRE]),
    "brukarledda-undersokningar": ("brukarledda undersökningar", [], [NY]),
    "foraldrastod": ("föräldrastöd", [OVERSTA, ALFA], []),
    "motiverande-samtal": ("Motiverande samtal", [ANGBY, ALFA], []),
}


# Reading the built site ------------------------------------------------------


def page_file(site: Path, url: str) -> Path:
    path = site / unquote(url).lstrip("/")
    return path / "index.html" if url.endswith("/") or url == "" or path.is_dir() else path


@lru_cache(maxsize=None)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    path = page_file(site, url)
    assert path.is_file(), f"/{url} saknas i den byggda webbplatsen"
    return _parse(path)


def content(site: Path, url: str):
    """The page's own content, without the theme's header, sidebar and footer."""
    article = page(site, url).select_one("article.md-content__inner")
    assert article is not None, f"/{url} har ingen artikel"
    return article


def target(from_url: str, href: str) -> str:
    """The site URL (no leading slash) a relative link on the page at from_url points to."""
    return urlsplit(urljoin("/" + from_url, href)).path.lstrip("/")


def items(site: Path, url: str, scope=None) -> list[str]:
    """URLs of the projects and guides listed (title links of .kb-item), in display order."""
    scope = scope if scope is not None else content(site, url)
    return [target(url, a["href"]) for a in scope.select("li.kb-item .kb-item__title a")]


def text(element) -> str:
    return " ".join(element.get_text().split())


def facts(site: Path, url: str) -> dict:
    """The fact panel as {label: <dd> element}."""
    panel = content(site, url).select_one("dl.kb-facts")
    assert panel is not None, f"/{url} saknar faktarutan"
    return {text(dt): dt.find_next_sibling("dd") for dt in panel.find_all("dt")}


def link_targets(url: str, element) -> list[str]:
    """Targets of the links in an element (or in a list of links)."""
    links = element if isinstance(element, list) else element.find_all("a")
    return [target(url, a["href"]) for a in links]


def overview(site: Path, key: str) -> list[tuple[str, str, str]]:
    """(name, target URL, count text) of each term on an overview page."""
    url = f"{key}/"
    return [(text(li.a), target(url, li.a["href"]), text(li.select_one(".kb-count")))
            for li in content(site, url).select("ul.kb-terms > li")]


def section_after(heading) -> list:
    """The elements between a heading and the next heading of the same level."""
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name == heading.name:
            break
        found.append(sibling)
    return found


def heading(site: Path, url: str, level: str, title: str):
    hits = [h for h in content(site, url).find_all(level) if text(h) == title]
    assert hits, f"/{url} saknar rubriken {title!r}"
    return hits[0]


def counts(projects: int, guides: int) -> str:
    text_ = f"{projects} projekt"
    if guides:
        text_ += f", {guides} {'vägledning' if guides == 1 else 'vägledningar'}"
    return text_


# Which pages exist -----------------------------------------------------------


def test_exactly_the_expected_term_pages_exist(fixture_site):
    for key, expected in (("years", YEARS), ("areas", AREAS), ("districts", DISTRICTS), ("topics", TOPICS)):
        built = sorted(p.parent.name for p in (fixture_site / key).glob("*/index.html"))
        assert built == sorted(expected), key
    built_projects = sorted(p.parent.name for p in (fixture_site / "projects").glob("*/index.html"))
    assert built_projects == sorted(url.split("/")[1] for url in ALL_PROJECTS)
    assert sorted(p.parent.name for p in (fixture_site / "guides").glob("*/index.html")) == ["aldre-vagledning",
                                                                                           "ny-vagledning"]


def test_draft_is_published_nowhere(fixture_site):
    assert not (fixture_site / "projects" / DRAFT_SLUG).exists()
    assert not (fixture_site / "topics" / "utkastamne").exists()
    assert not list(fixture_site.rglob("*.md")), "Markdown-källor ska inte publiceras"
    for path in fixture_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            data = path.read_text(encoding="utf-8")
            for secret in (DRAFT_SLUG, DRAFT_TITLE, DRAFT_TOPIC):
                assert secret not in data, f"utkastet syns i {path.relative_to(fixture_site)}"


# Listings ----------------------------------------------------------------------


def test_all_projects_newest_first_then_swedish_title_order(fixture_site):
    assert items(fixture_site, "projects/") == ALL_PROJECTS
    titles = [text(a) for a in content(fixture_site, "projects/").select("h3.kb-item__title a")]
    assert titles == ["Zetastudien", "Årstastudien", "Ängbystudien", "Översta projektet", "Alfaprojektet"]
    assert "Alla 5 projekt" in text(content(fixture_site, "projects/"))


def test_listing_item_shows_years_districts_status_and_description(fixture_site):
    for url in ("projects/", "years/2015/", "districts/alvsjo/", "topics/foraldrastod/"):
        entry = next(li for li in content(fixture_site, url).select("li.kb-item")
                     if target(url, li.select_one(".kb-item__title a")["href"]) == ALFA)
        meta = text(entry.select_one(".kb-item__meta"))
        assert meta == "Projekt · 2014–2016 · Södermalm, Älvsjö · Avslutat", url
        assert text(entry.select_one(".kb-item__desc")) == (
            "Ett projekt med alla valfria fält ifyllda, som pågår i tre år i två stadsdelar.")
    single = next(li for li in content(fixture_site, "projects/").select("li.kb-item")
                  if target("projects/", li.h3.a["href"]) == ZETA)
    assert text(single.select_one(".kb-item__meta")) == "Projekt · 2019 · Hägersten-Älvsjö · Planerat"


def test_home_page_shows_only_the_six_newest_projects(real_site):
    """The fixture has five projects; the real bank shows that the home page stops at six."""
    newest = section_after(heading(real_site, "", "h2", "Senaste projekten"))
    shown = [target("", a["href"]) for el in newest for a in el.select("h3 a")]
    assert len(items(real_site, "projects/")) > 6
    assert shown == items(real_site, "projects/")[:6]


def test_all_guides_newest_first(fixture_site):
    assert items(fixture_site, "guides/") == [NY, ALDRE]
    metas = [text(m) for m in content(fixture_site, "guides/").select(".kb-item__meta")]
    assert metas == ["Vägledning · 1 september 2018 · Gällande", "Vägledning · 1 mars 2014 · Ersatt"]


def test_home_page(fixture_site):
    article = content(fixture_site, "")
    assert text(article.select_one(".kb-stats")) == "5 projekt och 2 vägledningar från 5 stadsdelar."
    newest = section_after(heading(fixture_site, "", "h2", "Senaste projekten"))
    assert [target("", a["href"]) for el in newest for a in el.select("h3 a")] == ALL_PROJECTS
    current = section_after(heading(fixture_site, "", "h2", "Gällande vägledningar"))
    assert [target("", a["href"]) for el in current for a in el.select("h3 a")] == [NY]  # not the replaced one
    ways = {text(a.strong): target("", a["href"]) for a in article.select("ul.kb-ways a")}
    assert ways == {"År": "years/", "Områden": "areas/", "Stadsdelar": "districts/", "Ämnen": "topics/",
                    "Alla projekt": "projects/", "Alla vägledningar": "guides/"}


def test_sidebar_has_the_ways_in_and_no_project(fixture_site):
    nav = page(fixture_site, "").select_one("nav.md-nav--primary")
    entries = [(text(a), target("", a["href"])) for a in nav.select("a.md-nav__link")]
    assert entries == [("Start", ""), ("Projekt", "projects/"), ("Vägledningar", "guides/"), ("År", "years/"),
                       ("Områden", "areas/"), ("Stadsdelar", "districts/"), ("Ämnen", "topics/")]


def test_years_overview_newest_first_with_counts_without_draft(fixture_site):
    assert overview(fixture_site, "years") == [
        ("2019", "years/2019/", "1 projekt"),
        ("2018", "years/2018/", "0 projekt"),
        ("2017", "years/2017/", "0 projekt"),
        ("2016", "years/2016/", "4 projekt"),
        ("2015", "years/2015/", "1 projekt"),  # 2 with the draft
        ("2014", "years/2014/", "1 projekt"),
    ]


@pytest.mark.parametrize("year", sorted(YEARS))
def test_year_page(fixture_site, year):
    url = f"years/{year}/"
    assert items(fixture_site, url) == YEARS[year]
    assert text(content(fixture_site, url).h1) == year
    projects = len(set(YEARS[year]))
    assert text(content(fixture_site, url).select_one(".kb-lead")) == (
        f"{projects} projekt för år {year} i Kunskapsbanken." if projects else f"Inga projekt {year}.")


def test_multi_year_project_is_on_each_of_its_years(fixture_site):
    on = [year for year in YEARS if ALFA in items(fixture_site, f"years/{year}/")]
    assert sorted(on) == ["2014", "2015", "2016"]


# Areas and topics list projects and guides alike; their tables have the same shape.
TERMS_WITH_GUIDES = {"areas": AREAS, "topics": TOPICS}


@pytest.mark.parametrize("key", list(TERMS_WITH_GUIDES))
def test_areas_and_topics_overview(fixture_site, key):
    assert overview(fixture_site, key) == [
        (name, f"{key}/{slug}/", counts(len(projects), len(guides)))
        for slug, (name, projects, guides) in TERMS_WITH_GUIDES[key].items()]


@pytest.mark.parametrize("key, slug", [(key, slug) for key, table in TERMS_WITH_GUIDES.items() for slug in table])
def test_area_and_topic_page(fixture_site, key, slug):
    name, projects, guides = TERMS_WITH_GUIDES[key][slug]
    url = f"{key}/{slug}/"
    assert text(content(fixture_site, url).h1) == name
    assert items(fixture_site, url) == projects + guides
    if not projects and not guides:
        assert "Här finns inga publicerade projekt ännu." in text(content(fixture_site, url))


def test_districts_overview(fixture_site):
    assert overview(fixture_site, "districts") == [
        (name, f"districts/{slug}/", counts(len(projects), 0)) for slug, (name, projects) in DISTRICTS.items()]


@pytest.mark.parametrize("slug", list(DISTRICTS))
def test_district_page(fixture_site, slug):
    name, projects = DISTRICTS[slug]
    url = f"districts/{slug}/"
    assert text(content(fixture_site, url).h1) == name
    assert items(fixture_site, url) == projects
    breadcrumb = content(fixture_site, url).select_one(".kb-breadcrumb a")
    assert target(url, breadcrumb["href"]) == "districts/"


def _merger_note(site: Path, slug: str):
    notes = content(site, f"districts/{slug}/").select(".kb-merger")
    assert len(notes) == 1, f"districts/{slug}/ ska ha en notis om sammanslagningen"
    return notes[0]


def test_district_pages_state_the_2020_merger(fixture_site):
    alvsjo = _merger_note(fixture_site, "alvsjo")
    assert "Älvsjö slogs 2020 samman med Hägersten-Liljeholmen till Hägersten-Älvsjö" in text(alvsjo)
    assert link_targets("districts/alvsjo/", alvsjo) == ["districts/hagersten-liljeholmen/",
                                                         "districts/hagersten-alvsjo/"]
    liljeholmen = _merger_note(fixture_site, "hagersten-liljeholmen")
    assert "Hägersten-Liljeholmen slogs 2020 samman med Älvsjö till Hägersten-Älvsjö" in text(liljeholmen)
    assert link_targets("districts/hagersten-liljeholmen/", liljeholmen) == ["districts/alvsjo/",
                                                                             "districts/hagersten-alvsjo/"]
    merged = _merger_note(fixture_site, "hagersten-alvsjo")
    assert "Hägersten-Älvsjö bildades 2020 när Älvsjö och Hägersten-Liljeholmen slogs samman" in text(merged)
    assert sorted(link_targets("districts/hagersten-alvsjo/", merged)) == ["districts/alvsjo/",
                                                                           "districts/hagersten-liljeholmen/"]
    assert not content(fixture_site, "districts/sodermalm/").select(".kb-merger")


def test_term_page_with_projects_and_guides_heads_each_list(fixture_site):
    url = "topics/brukarinflytande/"
    projects = section_after(heading(fixture_site, url, "h2", "Projekt"))
    assert [target(url, a["href"]) for el in projects for a in el.select("h3 a")] == [ANGBY]
    guides = section_after(heading(fixture_site, url, "h2", "Vägledningar"))
    assert [target(url, a["href"]) for el in guides for a in el.select("h3 a")] == [NY, ALDRE]


def test_term_descriptions_count_without_draft(fixture_site):
    lead = text(content(fixture_site, "areas/hemloshet/").select_one(".kb-lead"))
    assert lead == "2 projekt för området Hemlöshet i Kunskapsbanken."  # 3 with the draft
    meta = page(fixture_site, "areas/hemloshet/").find("meta", attrs={"name": "description"})
    assert meta["content"] == lead
    lead = text(content(fixture_site, "areas/brukarinflytande/").select_one(".kb-lead"))
    assert lead == "0 projekt och 2 vägledningar för området Brukarinflytande i Kunskapsbanken."


# Project page ----------------------------------------------------------------


def test_project_fact_panel(fixture_site):
    url = ALFA
    panel = facts(fixture_site, url)
    assert text(content(fixture_site, url).h1) == "Alfaprojektet"
    assert text(panel["Status"]) == "Avslutat"
    assert text(panel["År"]) == "2014, 2015, 2016"
    assert link_targets(url, panel["År"]) == ["years/2014/", "years/2015/", "years/2016/"]
    assert text(panel["Stadsdelar"]) == "Södermalm, Älvsjö"
    assert link_targets(url, panel["Stadsdelar"]) == ["districts/sodermalm/", "districts/alvsjo/"]
    assert text(panel["Områden"]) == "Barn och unga, Förebyggande arbete"
    assert link_targets(url, panel["Områden"]) == ["areas/barn-och-unga/", "areas/forebyggande-arbete/"]
    assert text(panel["Ämnen"]) == "föräldrastöd, Motiverande samtal"
    assert link_targets(url, panel["Ämnen"]) == ["topics/foraldrastod/", "topics/motiverande-samtal/"]
    assert text(panel["Projektägare"]) == "Södermalms stadsdelsförvaltning"
    assert text(panel["Kontakt"]) == "Anna Andersson, anna.andersson@example.se"
    assert [a["href"] for a in panel["Kontakt"].find_all("a")] == ["mailto:anna.andersson@example.se"]
    assert text(panel["Samarbetspartner"]) == "Ersta Sköndal högskola, BRIS"
    assert text(panel["Forskare"]) == "Bo Berg"
    assert text(panel["Utmärkelser"]) == "Kvalitetsutmärkelsens förnyelsepris 2016"
    assert text(panel["Uppdaterad"]) == "15 januari 2017"
    for dd in panel.values():  # every fact link leads to a page of the site
        for linked in link_targets(url, dd.select("a:not([href^='mailto:']):not([href^='https:'])")):
            assert page_file(fixture_site, linked).is_file(), linked
    meta = page(fixture_site, url).find("meta", attrs={"name": "description"})
    assert meta["content"] == "Ett projekt med alla valfria fält ifyllda, som pågår i tre år i två stadsdelar."
    assert page(fixture_site, url).title.string == "Alfaprojektet – Kunskapsbanken"


def test_single_values_use_singular_labels(fixture_site):
    panel = facts(fixture_site, ZETA)
    assert set(panel) == {"Status", "År", "Stadsdel", "Område"}
    assert link_targets(ZETA, panel["Stadsdel"]) == ["districts/hagersten-alvsjo/"]
    assert heading(fixture_site, ZETA, "h2", "Jämställdhetsanalys")


def test_project_funding_table_and_total(fixture_site):
    table = content(fixture_site, ALFA).select_one(".kb-funding table")
    rows = [[text(c) for c in tr.find_all(["td", "th"])] for tr in table.tbody.find_all("tr")]
    assert rows == [["Lokala utvecklingsmedel", "2014", "400 000 kr"],
                    ["Lokala utvecklingsmedel", "2015", "350 000 kr"],
                    ["MUST", "2016", "25 000 kr"]]
    total = [text(c) for c in table.tfoot.find_all(["td", "th"])]
    assert total == ["Totalt", "775 000 kr"]
    assert "\u00a0" in table.tfoot.td.get_text(), "beloppet ska inte brytas över två rader"


def test_project_documents(fixture_site):
    docs = content(fixture_site, ALFA).select("ul.kb-documents > li")
    assert [text(li) for li in docs] == [
        "Slutrapport Alfaprojektet Slutrapport, 2016 · PDF, 1 kB",
        "Projektplan 2014 · PDF, extern länk",  # the kind is the title: said once
    ]
    published = target(ALFA, docs[0].a["href"])
    assert published == "projects/files/alfa-projektet/slutrapport.pdf"
    source = FIXTURE_CONTENT / "projects" / "files" / "alfa-projektet" / "slutrapport.pdf"
    assert (fixture_site / published).read_bytes() == source.read_bytes()
    assert docs[1].a["href"] == "https://example.se/plan.pdf"


def test_project_related_and_backlinks(fixture_site):
    related = content(fixture_site, ALFA).select_one("ul.kb-related:not(.kb-backlinks)")
    assert [(text(a), target(ALFA, a["href"])) for a in related.find_all("a")] == [
        ("Översta projektet", OVERSTA), ("Äldre vägledning om brukarinflytande", ALDRE)]
    assert text(content(fixture_site, ALFA).select_one(".kb-backlinks-title")) == "Sidor som länkar hit:"
    backlinks = content(fixture_site, ALFA).select_one("ul.kb-backlinks")
    # the draft names Alfaprojektet in related too, and must not show up here
    assert [(text(a), target(ALFA, a["href"])) for a in backlinks.find_all("a")] == [
        ("Ny vägledning om brukarinflytande", NY)]
    backlinks = content(fixture_site, OVERSTA).select_one("ul.kb-backlinks")
    assert [target(OVERSTA, a["href"]) for a in backlinks.find_all("a")] == [ALFA]
    assert content(fixture_site, ARSTA).select_one("#relaterat") is None


def test_project_body_is_rendered(fixture_site):
    assert text(heading(fixture_site, ALFA, "h2", "Bakgrund").find_next_sibling("p")) == (
        "Alfaprojektet prövade föräldrastöd i grupp.")


# Guide pages -------------------------------------------------------------------


def test_replaced_guide(fixture_site):
    url = ALDRE
    panel = facts(fixture_site, url)
    assert text(panel["Status"]) == "Ersatt"
    assert text(panel["Publicerad"]) == "1 mars 2014"
    assert panel["Publicerad"].time["datetime"] == "2014-03-01"
    assert text(panel["Uppdaterad"]) == "10 juni 2015"
    assert text(panel["Ansvarig"]) == "Socialförvaltningen, FoU-enheten"
    assert text(panel["Målgrupp"]) == "Socialsekreterare, Chefer"
    assert link_targets(url, panel["Område"]) == ["areas/brukarinflytande/"]
    assert link_targets(url, panel["Ämnen"]) == ["topics/brukarinflytande/"]
    notice = content(fixture_site, url).select_one(".kb-replaced")
    assert "Den här vägledningen gäller inte längre" in text(notice)
    assert [(text(a), target(url, a["href"])) for a in notice.find_all("a")] == [
        ("Ny vägledning om brukarinflytande", NY)]
    assert not content(fixture_site, url).select(".kb-replaces")
    # the notice comes before the facts, where a reader sees it first
    assert notice.find_next("dl", class_="kb-facts") is not None


def test_replacing_guide(fixture_site):
    url = NY
    panel = facts(fixture_site, url)
    assert text(panel["Status"]) == "Gällande"
    assert text(panel["Publicerad"]) == "1 september 2018"
    assert "Uppdaterad" not in panel and "Målgrupp" not in panel
    assert link_targets(url, panel["Områden"]) == ["areas/brukarinflytande/", "areas/evidensbaserad-praktik/"]
    # as the topic's page names it: the first spelling in file order (Ängbystudien's)
    assert text(panel["Ämnen"]) == "brukarinflytande, brukarledda undersökningar"
    notice = content(fixture_site, url).select_one(".kb-replaces")
    assert "ersätter Äldre vägledning om brukarinflytande" in text(notice)
    assert link_targets(url, notice) == [ALDRE]
    assert not content(fixture_site, url).select(".kb-replaced")
    related = content(fixture_site, url).select_one("ul.kb-related")
    assert link_targets(url, related) == [ALFA]
