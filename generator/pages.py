"""Render every page the generator adds or rewrites, as Markdown with escaped HTML blocks.

Values from front matter reach the page only through Jinja2 with autoescaping; the page title
and description go to MkDocs already HTML-escaped, because mkdocs-material prints them raw.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import escape

from .content import Entry, Guide, Project
from .indexes import (ACCESSIBILITY_STATEMENT, AREAS, DISTRICTS, TOPICS, YEARS, Facet, Indexes, Term, by_district,
                      by_last_year, neighbours, term_url)
from .search import AREA, DISTRICT, STATUS_LABELS, YEAR, search_facets
from .safety import without_code
from .swedish import decimal, genitive, join_words, long_date, plural, term_slug, year_span

FACET_TITLES = {YEARS: "År", AREAS: "Områden", DISTRICTS: "Stadsdelar", TOPICS: "Ämnen"}
FACET_INTROS = {
    YEARS: "Projekten per år. Ett projekt som pågår flera år finns under vart och ett av åren.",
    AREAS: "Projekt och vägledningar per verksamhetsområde.",
    DISTRICTS: "Projekten per stadsdelsförvaltning. Hela staden samlar stadsövergripande arbete.",
    TOPICS: "Ämnesord som redaktörerna har gett projekt och vägledningar.",
}
NEWEST_ON_HOME = 6
# The search's filter for a term page's way in: /search/?stadsdel=Farsta chooses Farsta.
SEARCH_FILTERS = {YEARS: YEAR, AREAS: AREA, DISTRICTS: DISTRICT}
_GENERATED_H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.S)
# Templates that are HTML from end to end (but for an entry's body); the others hold Markdown.
HTML_TEMPLATES = frozenset({"home.md", "listing.md", "overview.md", "term.md", "project.md", "guide.md"})
_BODY_MARK = "\x00kunskapsbank-body\x00"
# libyaml writes each page's front matter eight times faster, the same text as PyYAML's own dumper.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Page:
    """A page as Markdown for MkDocs. `parts` alternate between HTML that the templates made (even
    indexes) and editors' Markdown (odd indexes), so an adapter can keep the HTML away from the
    Markdown parser, which would only pass it through after parsing it tag by tag: see
    `deferred_markdown`, which at 10 000 projects saves about half the build's time."""

    src_uri: str  # e.g. "years/2014.md"
    url: str  # e.g. "years/2014/"
    front: str  # the front matter block, "---\n…---\n\n"
    parts: tuple[str, ...]

    def generated_headings(self) -> list[tuple[str, str]]:
        """(id, title) of the sections the template adds after the editor's Markdown (Dokument,
        Relaterat …), in page order, for the table of contents that MkDocs makes of the Markdown alone."""
        return [(m[1], m[2]) for part in self.parts[2::2] for m in _GENERATED_H2.finditer(part)]

    @property
    def markdown(self) -> str:
        """The whole page as one Markdown text, the HTML in raw blocks."""
        return self.front + "".join(self.parts)

    def deferred_markdown(self, token: str) -> str:
        """The Markdown with each HTML part replaced by a comment naming it, for `fill` to put back."""
        return self.front + "".join(f"\n\n<!-- {token}-{i} -->\n\n" if i % 2 == 0 and part.strip() else part
                                    for i, part in enumerate(self.parts))

    def fill(self, html: str, token: str) -> str:
        """The HTML that MkDocs made of `deferred_markdown`, with the HTML parts back in place."""
        for i in range(0, len(self.parts), 2):
            part = self.parts[i].strip("\n")
            if not part.strip():
                continue
            placeholder = f"<!-- {token}-{i} -->"
            if placeholder in html:
                html = html.replace(placeholder, part, 1)
            else:  # the editor's Markdown swallowed it (an unclosed HTML block): never lose the part
                html = part + "\n" + html if i == 0 else html + "\n" + part
        return html


def relative(from_url: str, to_url: str) -> str:
    """A link that works wherever the site is served from (the intranet path is unknown)."""
    # Rooted paths: relpath would otherwise ask the operating system for the working folder.
    link = posixpath.relpath("/" + to_url.lstrip("/"), "/" + from_url.lstrip("/"))
    return link + "/" if to_url.endswith("/") and link != "." else ("./" if link == "." else link)


def file_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{decimal(size / (1024 * 1024))} MB"


def amount(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"


_ATX_H1 = re.compile(r"^ {0,3}#(?=[ \t]|$)", re.M)
_SETEXT_H1 = re.compile(r"^(?=[^\n]*\S)[^\n]*\n {0,3}=+[ \t]*$", re.M)


def demote_headings(markdown: str) -> str:
    """One level down for every heading when the body has a level-one heading of its own.

    The page title is the page's only <h1>; an editor's '# Rubrik' would make a second one and put
    the outline out of order, so the body's headings move down together and keep their order.
    What is a heading is read from the body with its code blanked (without_code, line for line),
    the same view that found the level-one heading; the original lines are rewritten.
    """
    visible = without_code(markdown)
    if not (_ATX_H1.search(visible) or _SETEXT_H1.search(visible)):
        return markdown
    lines, seen = markdown.split("\n"), visible.split("\n")
    for i, line in enumerate(seen):
        above = seen[i - 1].strip() if i else ""
        if re.match(r"^ {0,3}#{1,5}(?=[ \t]|$)", line):
            lines[i] = lines[i].replace("#", "##", 1)
        elif re.match(r"^ {0,3}=+[ \t]*$", line) and above:
            lines[i] = lines[i].replace("=", "-")
        elif re.match(r"^ {0,3}-+[ \t]*$", line) and above and not above.startswith(("-", "*", "+")):
            lines[i - 1] = "### " + lines[i - 1].strip()
            lines[i] = ""
    return "\n".join(lines)


class Renderer:
    def __init__(self, indexes: Indexes, site_name: str = "Kunskapsbanken"):
        self.indexes = indexes
        self.site_name = site_name
        self.by_slug = {e.slug: e for e in (*indexes.projects, *indexes.guides)}
        self.topic_names = {t.slug: t.name for t in indexes.facets[TOPICS].terms}  # once: every entry asks
        self.env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True,
                               trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined,
                               keep_trailing_newline=True)
        self.env.filters.update(long_date=long_date, amount=amount, file_size=file_size, status=STATUS_LABELS.get,
                                slug=term_slug, topic=self._topic_name)
        self.env.globals.update(year_span=year_span, plural=plural, join_words=join_words,
                                FACET_TITLES=FACET_TITLES, idx=indexes)

    def _topic_name(self, topic: str) -> str:
        """A topic as its page shows it: the vocabulary's form or the first spelling ("ASI")."""
        return self.topic_names.get(term_slug(topic), topic)

    def _page(self, src_uri: str, url: str, template: str, title: str, description: str, **context) -> Page:
        """Render a template to a Page: one HTML part for the templates in HTML_TEMPLATES, one
        Markdown part for the others."""
        def href(target: str) -> str:
            return relative(url, target)

        def term_href(key: str, name) -> str:
            return href(term_url(key, name))

        text = self.env.get_template(template).render(href=href, term_href=term_href, title=title,
                                                      description=description, **context)
        meta = {"title": str(escape(title)), "description": str(escape(description))}
        front = "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"
        return Page(src_uri, url, front, (text,) if template in HTML_TEMPLATES else ("", text))

    # Pages added to the site -------------------------------------------------

    def generated_pages(self) -> list[Page]:
        idx = self.indexes
        pages = [
            self._page("index.md", "", "home.md", self.site_name,
                       "Projekt, studier och vägledningar från socialtjänstens forskning och utveckling i Stockholms stad.",
                       newest=idx.projects[:NEWEST_ON_HOME],
                       current=[g for g in idx.guides if g.status == "gällande"]),
            self._page("projects/index.md", "projects/", "listing.md", "Alla projekt",
                       f"Alla {len(idx.projects)} projekt i Kunskapsbanken, de senaste först.",
                       entries=idx.projects, heading="Projekt"),
            self._page("guides/index.md", "guides/", "listing.md", "Alla vägledningar",
                       f"Alla {len(idx.guides)} vägledningar i Kunskapsbanken, de senaste först.",
                       entries=idx.guides, heading="Vägledningar"),
            # The search page: its form and facet values are plain HTML (a search still makes a
            # shareable URL without script); theme/assets/search.js runs it with Pagefind.
            self._page("search/index.md", "search/", "search.md", "Sök",
                       "Sök i projekt, vägledningar och deras rapporter, och avgränsa efter år, område, "
                       "stadsdel, status, finansiering och typ.", facets=search_facets(idx)),
        ]
        # The accessibility statement belongs to the site, not to the content: every build (the real
        # bank, the test corpus, a copy with other content) has it, linked from every footer.
        pages.append(self._page(ACCESSIBILITY_STATEMENT, "tillganglighetsredogorelse/", "accessibility.md",
                                "Tillgänglighetsredogörelse",
                                "Hur tillgänglig Kunskapsbanken är, vilka brister vi känner till och hur du rapporterar en brist."))
        for key, facet in idx.facets.items():
            pages.append(self._page(f"{key}/index.md", f"{key}/", "overview.md", FACET_TITLES[key],
                                    FACET_INTROS[key], facet=facet))
            pages.extend(self._term_page(facet, term) for term in facet.terms)
        return pages

    def _term_page(self, facet: Facet, term: Term) -> Page:
        url = term_url(facet.key, term.name)
        kind = {YEARS: "år", AREAS: "området", DISTRICTS: "stadsdelen", TOPICS: "ämnet"}[facet.key]
        counts = [plural(len(term.projects), "projekt", "projekt")]
        if term.guides:
            counts.append(plural(len(term.guides), "vägledning", "vägledningar"))
        description = f"{join_words(counts).capitalize()} för {kind} {term.name} i Kunskapsbanken."
        if not term.count and facet.key == YEARS:
            description = f"Inga projekt {term.name} i Kunskapsbanken."
        return self._page(url.rstrip("/") + ".md", url, "term.md", term.name, description,
                          facet=facet, term=term, mergers=self._mergers(facet.key, term.name),
                          groups=self._groups(facet.key, term), search=self._search_link(facet.key, term),
                          around=neighbours(facet, term) if facet.key == YEARS else (None, None))

    def _groups(self, key: str, term: Term) -> list:
        """A district's or area's projects by year, a year's by district; a topic's stay one list."""
        if key == YEARS:
            return by_district(term.projects, tuple(t.name for t in self.indexes.facets[DISTRICTS].terms))
        return by_last_year(term.projects) if key in (DISTRICTS, AREAS) else []

    def _search_link(self, key: str, term: Term) -> dict | None:
        """The search's address with this term chosen (relative: see `relative`), when it finds something."""
        if key not in SEARCH_FILTERS or not term.projects:
            return None
        text = {YEARS: f"Filtrera projekten {term.name}", AREAS: f"Filtrera projekten inom {term.name}",
                DISTRICTS: f"Filtrera {genitive(term.name)} projekt"}[key]
        query = urlencode({SEARCH_FILTERS[key]: term.name})
        return {"href": relative(term_url(key, term.name), "search/") + "?" + query, "text": text}

    def _mergers(self, key: str, name: str) -> list[dict]:
        if key != DISTRICTS:
            return []
        notes = []
        for merger in self.indexes.mergers:
            if name in merger.sources:
                notes.append({"kind": "from", "merger": merger})
            if name == merger.into:
                notes.append({"kind": "into", "merger": merger})
        return notes

    # Pages rewritten from the editors' files ---------------------------------

    def entry_parts(self, entry: Entry) -> Page:
        template = "project.md" if isinstance(entry, Project) else "guide.md"
        related = [e for e in (self._published(s) for s in entry.related) if e is not None]
        # A page both named under Relaterat and linking here is listed once, under Relaterat.
        backlinks = [e for e in self.indexes.backlinks.get(entry.slug, []) if e.slug not in {r.slug for r in related}]
        context = {"backlinks": backlinks, "related": related}
        if isinstance(entry, Guide):
            context["replacement"] = self._published(entry.superseded_by) if entry.superseded_by else None
            context["replaces"] = [g for g in self.indexes.guides if g.superseded_by == entry.slug]
        # Rendered with a marker for the body, the page splits into the template's HTML and the
        # editor's Markdown (project.md and guide.md place the body exactly once).
        marked = self._page(entry.src_uri, entry.url, template, entry.title, entry.description,
                            entry=replace(entry, body=_BODY_MARK), **context)
        before, after = marked.parts[0].split(_BODY_MARK)
        return Page(marked.src_uri, marked.url, marked.front, (before, demote_headings(entry.body), after))

    def _published(self, slug: str) -> Entry | None:
        return self.by_slug.get(slug)
