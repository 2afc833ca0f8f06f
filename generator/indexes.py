"""Group the published records by year, area, district and topic, in the spec's order."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .content import Corpus, Entry, Guide, Project
from .swedish import sort_key, term_slug
from .vocabulary import Merger, Vocabulary

YEARS, AREAS, DISTRICTS, TOPICS = "years", "areas", "districts", "topics"
ACCESSIBILITY_STATEMENT = "tillganglighetsredogorelse.md"  # URL /tillganglighetsredogorelse/, in the footer
# The pages the generator adds beside the entries, as paths in docs_dir (a folder ends in "/"):
# pages.py renders them, and links.py lets an editor's body link to them.
GENERATED_PAGES = ("index.md", "projects/index.md", "guides/index.md", "search/", ACCESSIBILITY_STATEMENT,
                   *(f"{facet}/" for facet in (YEARS, AREAS, DISTRICTS, TOPICS)))


def term_url(key: str, name) -> str:
    """The page of one year, area, district or topic: years/2016/, areas/barn-och-unga/."""
    return f"{key}/{term_slug(str(name))}/"


@dataclass
class Term:
    name: str
    slug: str
    projects: list[Project] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.projects) + len(self.guides)


@dataclass
class Facet:
    """One way in (years, areas, districts or topics): its terms in display order."""

    key: str
    terms: list[Term]


@dataclass
class Indexes:
    projects: list[Project]
    guides: list[Guide]
    facets: dict[str, Facet]
    backlinks: dict[str, list[Entry]]
    mergers: tuple[Merger, ...]


def newest_first(entry: Entry) -> tuple:
    """The order of "Alla projekt", "Vägledningar" and a search by filters alone: newest first, then
    by title in Swedish order. A project goes by its last year, then its start; a guide by the date
    it was published (one not yet published is the newest), so the two kinds also mix by year."""
    if isinstance(entry, Project):
        return (-entry.last_year, -entry.start, 0, sort_key(entry.title))
    day = entry.published or dt.date.max
    return (-day.year, -day.year, -day.toordinal(), sort_key(entry.title))


def build(corpus: Corpus, vocab: Vocabulary) -> Indexes:
    """Indexes over the published records only: drafts appear nowhere."""
    published = corpus.published()
    projects = sorted(published.projects, key=newest_first)
    guides = sorted(published.guides, key=newest_first)
    facets = {
        YEARS: _years(projects),
        AREAS: _vocabulary_facet(AREAS, vocab.areas, projects, guides, lambda e: e.areas),
        DISTRICTS: _vocabulary_facet(DISTRICTS, vocab.districts, projects, [], lambda e: e.districts),
        TOPICS: _topics(projects, guides, vocab.topic_forms),
    }
    return Indexes(projects, guides, facets, _backlinks(published), vocab.mergers)


def _years(projects: list[Project]) -> Facet:
    """Every year from the bank's first to its last, those without projects too: a reader who
    types /years/2017/ gets an answer, not a 404."""
    years = [year for project in projects for year in project.years]
    span = range(max(years), min(years) - 1, -1) if years else range(0)
    by_year = {year: Term(str(year), str(year)) for year in span}
    for project in projects:
        for year in project.years:
            by_year[year].projects.append(project)
    return Facet(YEARS, list(by_year.values()))


def neighbours(facet: Facet, term: Term) -> tuple[Term | None, Term | None]:
    """The nearest newer and older years with projects, for the page of a year without any."""
    terms = facet.terms
    at = terms.index(term)
    newer = next((t for t in reversed(terms[:at]) if t.projects), None)
    return newer, next((t for t in terms[at + 1:] if t.projects), None)


def by_last_year(projects: list[Project]) -> list[tuple[int, list[Project]]]:
    """Projects (newest first) grouped by the year each ends, so each is listed once, in the same
    order as the plain list."""
    groups: dict[int, list[Project]] = {}
    for project in projects:
        groups.setdefault(project.last_year, []).append(project)
    return list(groups.items())


def by_district(projects: list[Project], districts: tuple[str, ...]) -> list[tuple[str, list[Project]]]:
    """Projects grouped by district in Swedish order; a project of two districts is under both."""
    groups = {name: [p for p in projects if name in p.districts] for name in districts}
    return sorted(((name, ps) for name, ps in groups.items() if ps), key=lambda g: sort_key(g[0]))


def _vocabulary_facet(key, names, projects, guides, values) -> Facet:
    terms = {name: Term(name, term_slug(name)) for name in names}
    for project in projects:
        for name in values(project):
            terms[name].projects.append(project)
    for guide in guides:
        for name in values(guide):
            terms[name].guides.append(guide)
    return Facet(key, sorted(terms.values(), key=lambda t: sort_key(t.name)))


def _topics(projects: list[Project], guides: list[Guide], forms: tuple[str, ...]) -> Facet:
    """Topics compare case-insensitively (by slug) and show the vocabulary's display form ("ASI"),
    else the first spelling in file order."""
    terms = {term_slug(form): Term(form, term_slug(form)) for form in forms}
    for entry in sorted([*projects, *guides], key=lambda e: (e.kind, sort_key(e.slug))):
        for topic in entry.topics:
            slug = term_slug(topic)
            terms.setdefault(slug, Term(topic, slug))
    for entry in [*projects, *guides]:  # projects first, each in the order given
        for slug in dict.fromkeys(term_slug(t) for t in entry.topics):
            (terms[slug].projects if isinstance(entry, Project) else terms[slug].guides).append(entry)
    used = (t for t in terms.values() if t.slug and t.count)  # a display form alone makes no page
    return Facet(TOPICS, sorted(used, key=lambda t: sort_key(t.name)))


def _backlinks(corpus: Corpus) -> dict[str, list[Entry]]:
    """slug → published entries whose `related` names it, in Swedish title order."""
    links: dict[str, list[Entry]] = defaultdict(list)
    for entry in corpus.entries:
        for slug in dict.fromkeys(entry.related):
            links[slug].append(entry)
    return {slug: sorted(entries, key=lambda e: sort_key(e.title)) for slug, entries in links.items()}
