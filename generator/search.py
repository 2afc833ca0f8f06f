"""Full-text search: a Pagefind index over the project and guide pages and their attachments.

Runs after the HTML site is written (the MkDocs plugin calls ``write_index`` from on_post_build,
so the index lands in the build's staging folder and the atomic swap covers it). Plain Python
with no MkDocs import.

Why each step is here (docs/search.md has the measurements behind the choices):

- Pagefind (its binary, see pagefind_binary.py) indexes a *search copy* of each entry page, written
  to a temporary folder, rather than crawling the site: the copy is the page's article (no navigation, no "Relaterat" list, whose titles of
  other projects would give false hits), plus the text of its attached documents, each under a
  heading whose id is the anchor of that document on the real page (``#bilaga-N``), so a hit in
  a report comes back as a sub-result that the search page shows as "Träff i bilagan …".
- Metadata rides in empty elements of the copy, so the published HTML stays clean. No filters:
  the search page filters and counts with the facet table (facet_table says why). No sort key:
  Pagefind puts every sort's full page order into the metadata file each search loads first
  (22 kB at 10 000 projects); browsing by filters alone gets its order (newest first) from the
  page numbers instead (in_browsing_order, pagefind_bundle.renumber_pages).
- Pagefind's output is then rewritten (pagefind_bundle.py): pages numbered in browsing order,
  fragments renamed short, the word index cut into small chunks.
- Swedish: Pagefind stems Swedish (Snowball) when forced to "sv"; å/ä/ö are spelled as letter
  groups in the copy (SWEDISH_LETTERS) so they are never folded into a/o. Pagefind matches words by prefix, so
  "familjehem" finds "familjehemsplacerade", but never a compound's later part: for that the
  copy carries a low-weight list of compound heads found in the corpus's own words
  ("cannabiskunskap" → "kunskap"), under an anchor the search page never shows as an excerpt.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .attachments import UnreadableAttachment, attachment_text
from .content import Entry, Guide, Project
from .indexes import Indexes, newest_first
from .pagefind_binary import pagefind_binary
from .pagefind_bundle import rewrite_bundle, shorten_start_wait
from .personal_numbers import mask_personal_numbers
from .swedish import sort_key, term_slug, year_span
from .validation import GUIDE_STATUSES, PROJECT_STATUSES

# URL parameters and the facet table's keys: short, ASCII, readable in a shared link.
KIND, YEAR, AREA, DISTRICT, STATUS, FUNDING = "typ", "ar", "omrade", "stadsdel", "status", "finansiering"
FACET_LEGENDS = {KIND: "Typ", YEAR: "År", AREA: "Område", DISTRICT: "Stadsdel", STATUS: "Status",
                 FUNDING: "Finansiering"}
FACET_ORDER = (KIND, YEAR, AREA, DISTRICT, STATUS, FUNDING)
KIND_LABELS = {"project": "Projekt", "guide": "Vägledning"}
# The statuses as the page shows them ("under arbete" → "Under arbete"), in the spec's order.
STATUS_LABELS = {status: status.capitalize() for status in PROJECT_STATUSES + GUIDE_STATUSES}
STATUS_ORDER = tuple(STATUS_LABELS.values())

ATTACHMENT_ANCHOR = "bilaga-{n}"  # also the id of the document's <li> on the entry page
COMPOUND_ANCHOR = "kb-ordled"
FACTS_ANCHOR = "kb-fakta"
# The heading of a section the search page never shows as an excerpt. Pagefind starts a sub-result
# only at a heading with text (an empty one joins the section before it, whose excerpts then end
# in a list of word parts), and a mark that is no word is indexed as nothing.
_HIDDEN_HEADING = "·"
BUNDLE_DIR = "pagefind"
# Pagefind writes UI bundles we do not use (the search page has its own small script); leaving
# them out keeps the published site free of 400 kB of dead files.
_UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                        "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                        "pagefind-highlight.js", "pagefind-worker.js", "wasm.unknown.pagefind")
# Labels and captions that every page has: indexing them makes "kontakt" or "belopp" match all.
_EXCLUDE_SELECTORS = [".kb-facts dt", "caption", "thead", "tfoot"]
MAX_ATTACHMENT_CHARS = 400_000  # about 150 pages; beyond that the text is cut, with a notice

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
# Only our template writes this attribute: the sanitiser removes data- attributes from a body, so an
# editor's own "## Relaterat" heading never cuts the page short.
_RELATED = re.compile(r'<h2 id="relaterat" data-kb-generated>')
_FACTS = re.compile(r'<dl class="kb-facts">(.*?)</dl>', re.S)
_FACT_VALUE = re.compile(r"<dd>(.*?)</dd>", re.S)
_WORD = re.compile(r"[^\W\d_]+", re.U)

# Pagefind (1.5 and 1.6) folds diacritics when it indexes ("får" → "far", "hög" → "hog"), and its one
# switch against that (exactDiacritics) also stops stemming of every word with å, ä or ö
# ("hemlösa" no longer finds "hemlöshet"). In Swedish å, ä and ö are letters of their own, so
# the search copy spells them as letter groups that never occur in text and that the Swedish
# stemmer treats as a vowel plus consonants; the search page spells the query the same way and
# turns excerpts back. Filter values are left as written: they are compared, never searched.
SWEDISH_LETTERS = {"å": "aqx", "ä": "aqz", "ö": "oqx", "Å": "Aqx", "Ä": "Aqz", "Ö": "Oqx"}
_SWEDISH = re.compile("[åäöÅÄÖ]")


def spell_for_index(text: str) -> str:
    return _SWEDISH.sub(lambda m: SWEDISH_LETTERS[m.group()], unicodedata.normalize("NFC", text))


# Facets ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FacetOption:
    value: str
    count: int


@dataclass(frozen=True)
class SearchFacet:
    key: str
    legend: str
    options: list[FacetOption]


def entry_filters(entry: Entry) -> dict[str, list[str]]:
    """The filter values of one entry, as the search page's checkboxes carry them."""
    filters = {KIND: [KIND_LABELS[entry.kind]], AREA: list(dict.fromkeys(entry.areas)),
               STATUS: [STATUS_LABELS[entry.status]]}
    if isinstance(entry, Project):
        filters[YEAR] = [str(y) for y in entry.years]
        filters[DISTRICT] = list(dict.fromkeys(entry.districts))
        filters[FUNDING] = list(dict.fromkeys(f.source for f in entry.funding))
    elif isinstance(entry, Guide) and entry.published:
        # A guide belongs to the year it was published: a reader narrowing to 2019 wants those too.
        filters[YEAR] = [str(entry.published.year)]
    return {k: v for k, v in filters.items() if v}


def search_facets(indexes: Indexes) -> list[SearchFacet]:
    """Every facet value that occurs, in display order, with its count over the whole bank."""
    counts: dict[str, dict[str, int]] = {key: {} for key in FACET_ORDER}
    for entry in (*indexes.projects, *indexes.guides):
        for key, values in entry_filters(entry).items():
            for value in values:
                counts[key][value] = counts[key].get(value, 0) + 1
    order = {
        KIND: lambda v: list(KIND_LABELS.values()).index(v),
        YEAR: lambda v: -int(v),
        STATUS: lambda v: STATUS_ORDER.index(v),
    }
    facets = []
    for key in FACET_ORDER:
        values = sorted(counts[key], key=order.get(key, sort_key))
        facets.append(SearchFacet(key, FACET_LEGENDS[key], [FacetOption(v, counts[key][v]) for v in values]))
    return [f for f in facets if f.options]


def facet_table(entries_in_page_order: list[Entry]) -> dict:
    """Every page's facet values, by Pagefind's page number (the search page filters and counts
    with it): {"keys": [facet, ...], "values": {facet: [value, ...]}, "pages": [[[value number,
    ...] per facet] per page]}.

    Not Pagefind's own filters: Pagefind 1.6.0 counts every filter value of every search by looking
    each of the value's pages up in a plain list of the results, so once its filter files are
    loaded a search for a word on 9 000 of 10 000 pages took 1.6–2.5 s instead of 0.25 s (and the
    search page makes one such search per chosen facet). Filtering and counting the results in the
    page with this table takes a pass over them.
    """
    rows = [entry_filters(entry) for entry in entries_in_page_order]
    values = {key: sorted({v for row in rows for v in row.get(key, [])}, key=sort_key) for key in FACET_ORDER}
    number = {key: {v: n for n, v in enumerate(vs)} for key, vs in values.items()}
    pages = [[[number[key][v] for v in row.get(key, [])] for key in FACET_ORDER] for row in rows]
    return {"keys": list(FACET_ORDER), "values": values, "pages": pages}


def write_facet_table(output: Path, entries_in_page_order: list[Entry]) -> str:
    """`kb-fasetter-<hash>.json` in the bundle; returns its name."""
    data = json.dumps(facet_table(entries_in_page_order), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    name = f"kb-fasetter-{hashlib.sha256(data).hexdigest()[:10]}.json"
    (output / name).write_bytes(data)
    return name


def _meta(entry: Entry) -> dict[str, str]:
    # statusklass: the status badge's class, as the lists write it (_macros.html, status_badge)
    meta = {"title": entry.title, "beskrivning": entry.description, "typ": KIND_LABELS[entry.kind],
            "status": STATUS_LABELS[entry.status], "statusklass": term_slug(entry.status)}
    if isinstance(entry, Project):
        meta["ar"] = year_span(entry.start, entry.end)
        meta["stadsdelar"] = ", ".join(entry.districts)
    elif isinstance(entry, Guide) and entry.published:
        meta["ar"] = str(entry.published.year)
    return meta


# Swedish compounds -------------------------------------------------------------------------

class Decompounder:
    """Finds the later parts of Swedish compounds among words the corpus itself uses.

    "cannabiskunskap" → ["kunskap"], "föräldrastödsutbildning" → ["utbildning", "föräldrastöd",
    "stöd"]. A part counts only when it also stands alone somewhere in the bank, which keeps
    nonsense splits out without a dictionary; heads are at least 4 letters, modifiers 3, and a
    linking -s (or a changed last vowel of the first part) is allowed between them.
    """

    MIN_HEAD, MIN_MODIFIER, MIN_WORD = 4, 3, 7

    def __init__(self, lexicon: Iterable[str]):
        self.lexicon = {w for w in lexicon if len(w) >= self.MIN_MODIFIER}
        self._cache: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        if len(word) < self.MIN_WORD:
            return ()
        if word not in self._cache:
            self._cache[word] = tuple(dict.fromkeys(self._split(word)))
        return self._cache[word]

    @staticmethod
    def _modifier_forms(modifier: str) -> list[str]:
        """The word a compound's first part stands for: "familjehems" → "familjehem",
        "föräldra" → "föräldrar", "skol" → "skola", "kvinno" → "kvinna"."""
        forms = [modifier]
        if modifier.endswith("s"):
            forms.append(modifier[:-1])
        forms += [modifier + "r", modifier + "a", modifier + "e"]
        if modifier[-1:] in ("o", "e", "u"):
            forms.append(modifier[:-1] + "a")
        return forms

    def _split(self, word: str) -> list[str]:
        # Longest known head first: "föräldrastödsutbildning" → "utbildning", not "ning".
        for cut in range(self.MIN_MODIFIER, len(word) - self.MIN_HEAD + 1):
            head, modifier = word[cut:], word[:cut]
            if head not in self.lexicon:
                continue
            found = [head, *self.parts(head)]
            for candidate in self._modifier_forms(modifier):
                if len(candidate) >= self.MIN_MODIFIER and candidate in self.lexicon:
                    found += [candidate, *self.parts(candidate)]
                    break
            return found
        return []


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


# The search copy of a page -----------------------------------------------------------------

@dataclass
class SearchRecord:
    url: str  # site-absolute, "/projects/<slug>/"
    html: str


def _data_elements(attribute: str, pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f'<span {attribute}="{k}[data-v]" data-v="{html.escape(v, quote=True)}"></span>'
                   for k, v in pairs)


@dataclass
class IndexedPage:
    """What of an entry page is searched: its text and the fact panel's values."""
    body: str  # the article's HTML, without the fact panel and the "Relaterat" lists
    facts: list[str]  # the fact panel's values as text


def indexed_page(page_html: str) -> IndexedPage:
    """The article (no navigation, header or footer) without the "Relaterat" lists, whose titles of
    other projects gave false hits, and with the fact panel's values taken out: as page text they
    made excerpts such as "Avslutat 2013 Hela staden Hemlöshet, Missbruk och beroende bostad först",
    so they go into a section of their own at the end of the search copy."""
    match = _ARTICLE.search(page_html)
    body = match.group(1) if match else ""
    related = _RELATED.search(body)
    if related:
        body = body[:related.start()]
    facts = _FACTS.search(body)
    if not facts:
        return IndexedPage(body, [])
    values = [_visible_text(v).strip() for v in _FACT_VALUE.findall(facts.group(1))]
    return IndexedPage(body[:facts.start()] + body[facts.end():], values)


def search_copy(entry: Entry, page: IndexedPage, attachments: list[tuple[int, str, str]],
                compound_parts: list[str]) -> str:
    """The HTML Pagefind indexes for one entry: article, attachments, facts, compound heads, metadata.
    No filters: the search page filters with the facet table (facet_table)."""
    parts = [
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">',
        f"<title>{html.escape(entry.title)}</title></head><body><main data-pagefind-body>",
        _data_elements("data-pagefind-meta", [(k, spell_for_index(v)) for k, v in _meta(entry).items()]),
        spell_for_index(page.body),
    ]
    for number, title, text in attachments:
        parts.append(f'<section><h2 id="{ATTACHMENT_ANCHOR.format(n=number)}">'
                     f'{html.escape(spell_for_index(title))}</h2>')
        parts += [f"<p>{html.escape(spell_for_index(p))}</p>" for p in text.split("\n\n")]
        parts.append("</section>")
    if page.facts:
        parts.append(f'<section><h2 id="{FACTS_ANCHOR}">{_HIDDEN_HEADING}</h2>'
                     + "".join(f"<p>{html.escape(spell_for_index(v))}.</p>" for v in page.facts) + "</section>")
    if compound_parts:
        parts.append(f'<section data-pagefind-weight="0.5"><h2 id="{COMPOUND_ANCHOR}">{_HIDDEN_HEADING}</h2>'
                     f'<p>{html.escape(spell_for_index(" ".join(compound_parts)))}</p></section>')
    parts.append("</main></body></html>")
    return "".join(parts)


def build_records(indexes: Indexes, site_dir: Path, content_root: Path,
                  cache_dir: Path | None = None) -> tuple[list[SearchRecord], list[str]]:
    """The search copies of all entries, and the bank's words for "Menade du …?" (word_list)."""
    entries = sorted((*indexes.projects, *indexes.guides), key=lambda e: e.url)
    pages: list[tuple[Entry, IndexedPage, list[tuple[int, str, str]]]] = []  # (entry, page, attachments)
    unreadable: list[str] = []
    for entry in entries:
        page = indexed_page((site_dir / entry.url / "index.html").read_text(encoding="utf-8"))
        attachments = []
        for number, document in enumerate(entry.documents, start=1):
            if not document.file:
                continue
            try:
                # Only checked entries get here (a number in an attachment fails the build); masking
                # is the second layer, so that no excerpt ever shows one.
                text = mask_personal_numbers(attachment_text(content_root / document.file, cache_dir))
            except UnreadableAttachment as exc:
                unreadable.append(f"content/{document.file} ({exc})")
                continue
            if len(text) > MAX_ATTACHMENT_CHARS:
                print(f"obs: bilagan content/{document.file} är lång; bara de första {MAX_ATTACHMENT_CHARS} "
                      "tecknen går att söka i.", file=sys.stderr)
                text = text[:MAX_ATTACHMENT_CHARS]
            if text:
                attachments.append((number, document.title, text))
        pages.append((entry, page, attachments))
    if unreadable:
        shown = "; ".join(unreadable[:3]) + (f" och {len(unreadable) - 3} till" if len(unreadable) > 3 else "")
        print(f"obs: texten i {len(unreadable)} {'bilaga' if len(unreadable) == 1 else 'bilagor'} kunde inte "
              f"läsas, så sökningen hittar inte det som står i {'den' if len(unreadable) == 1 else 'dem'} "
              f"(filerna publiceras ändå): {shown}", file=sys.stderr)

    # The lexicon is every word the bank uses on its own, so a compound head must be a real word;
    # a page's words are those of its search copy (not of the lists of related pages it leaves out).
    page_words = []
    for entry, page, attachments in pages:
        text = " ".join([_visible_text(page.body), *page.facts, *(t for _, _, t in attachments)])
        page_words.append(words(text))
    lexicon = {w for ws in page_words for w in ws}
    decompounder = Decompounder(lexicon)

    records = []
    for (entry, page, attachments), ws in zip(pages, page_words):
        present = set(ws)
        heads = sorted({p for w in present for p in decompounder.parts(w)} - present)
        records.append(SearchRecord("/" + entry.url, search_copy(entry, page, attachments, heads)))
    return records, word_list(lexicon)


# "Menade du …?": the search page compares a word it did not find as typed with the bank's own
# words. Words shorter than this are left out (too many near neighbours to suggest one). The list is
# split by first letter, so a query fetches one small file, and only when it needs a suggestion:
# a bank of 10 000 projects with their reports may well use 100 000 different words.
MIN_SUGGESTED_LETTERS = 4


def word_list(lexicon: Iterable[str]) -> list[str]:
    return sorted({unicodedata.normalize("NFC", w) for w in lexicon if len(w) >= MIN_SUGGESTED_LETTERS})


def write_word_list(output: Path, vocabulary: list[str]) -> str:
    """One file per first letter, `kb-ord-<tag>-<code point in hex>.txt`, a word per line; the tag
    is the hash of the whole list, so a new list gets new URLs. Returns the names' common start."""
    prefix = f"kb-ord-{hashlib.sha256(chr(10).join(vocabulary).encode('utf-8')).hexdigest()[:10]}-"
    by_letter: dict[str, list[str]] = {}
    for word in vocabulary:
        by_letter.setdefault(word[0], []).append(word)
    for letter, group in by_letter.items():
        (output / f"{prefix}{ord(letter):x}.txt").write_bytes("\n".join(group).encode("utf-8"))
    return prefix


def _index(source: Path, output: Path) -> None:
    """Run the Pagefind binary over the folder of search copies.

    The binary rather than the Python API (pagefind.index): the API's service answers one message
    per 0.1 s and reads the binary's stderr and its protocol from one pipe, so a stray warning
    breaks it. The configuration goes in a pagefind.json in the working folder, which the binary
    reads; nothing depends on the caller's working folder or environment.
    """
    config = {"site": str(source), "output_path": str(output), "force_language": "sv",
              "exclude_selectors": _EXCLUDE_SELECTORS, "quiet": True}
    (source.parent / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run([str(pagefind_binary())], cwd=source.parent, capture_output=True, text=True,
                          env={"PATH": os.environ.get("PATH", "")})
    if done.returncode != 0:
        raise RuntimeError(f"pagefind avslutade med kod {done.returncode}: {(done.stderr or done.stdout).strip()[-2000:]}")


def index_records(records: list[SearchRecord], output: Path, work_dir: Path | None = None) -> None:
    """Pagefind's bundle, as Pagefind writes it, for the search copies, written to a temporary
    folder (in work_dir if given) in the order of `records`."""
    with tempfile.TemporaryDirectory(prefix="kunskapsbank-sok-", dir=work_dir) as tmp:
        source = Path(tmp) / "sidor"
        for record in records:
            target = source / record.url.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(record.html, encoding="utf-8")
        _index(source, output)


def in_browsing_order(indexes: Indexes) -> list[Entry]:
    """The entries in the order a search by filters alone lists its results: that of "Alla projekt"
    and "Vägledningar" (indexes.newest_first). It is the order of Pagefind's page numbers
    (pagefind_bundle.renumber_pages) and of the facet table's rows."""
    return sorted((*indexes.projects, *indexes.guides), key=lambda e: (newest_first(e), e.url))


def browsing_order(entries_in_order: list[Entry]) -> dict[str, int]:
    """Each entry's place, by URL as the index has it."""
    return {"/" + entry.url: place for place, entry in enumerate(entries_in_order)}


def write_index(indexes: Indexes, site_dir: Path, content_root: Path, cache_dir: Path | None = None) -> Path:
    """Write the Pagefind bundle into site_dir/pagefind/; returns its folder."""
    output = site_dir / BUNDLE_DIR
    if output.exists():
        shutil.rmtree(output)
    records, vocabulary = build_records(indexes, site_dir, content_root, cache_dir)
    index_records(records, output)
    for name in _UNUSED_BUNDLE_FILES:
        (output / name).unlink(missing_ok=True)
    entries = in_browsing_order(indexes)
    rewrite_bundle(output, browsing_order(entries))
    shorten_start_wait(output / "pagefind.js")
    preload_on_search_page(site_dir, output, write_word_list(output, vocabulary), write_facet_table(output, entries))
    return output


_BUNDLE_ATTR = re.compile(r'<div class="kb-search" id="kb-search"(?: data-meta-tag="[^"]*")?(?: data-words="[^"]*")?'
                          r'(?: data-facets="[^"]*")? '
                          r'data-bundle="([^"]*)pagefind\.js">')
# The links this step adds, so that indexing a built site again replaces them instead of adding more.
OUR_PRELOADS = re.compile(r'\n<link rel="(?:module)?preload" data-kb-preload [^>]*>')
_SEARCH_SCRIPT = re.compile(r'<script type="module"(?: async)? src="([^"]*)"></script>')
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def preload_on_search_page(site_dir: Path, output: Path, word_files: str = "", facets: str = "") -> None:
    """Let the search page fetch its script, Pagefind's, and the index's entry file, metadata and
    WebAssembly while the page itself loads, from the head (after the CSP, which must come first).

    Pagefind asks for its files one after another once its script runs; their names are known only
    now, so they are added to the written page here. The entry file's URL carries the metadata's
    hash (Pagefind's metaCacheTag, which the page passes on), so it changes with every new index
    and can be preloaded; Pagefind would otherwise add the time to it. The word list's name goes
    into the page too, and so does the facet table's; they are not preloaded (the word list is needed
    only for a word the bank may not have, the facet table after the first results or for a filter).
    """
    page = site_dir / "search" / "index.html"
    if not page.is_file():
        return
    text = OUR_PRELOADS.sub("", page.read_text(encoding="utf-8"))
    bundle, script, csp = _BUNDLE_ATTR.search(text), _SEARCH_SCRIPT.search(text), _CSP_META.search(text)
    if not (bundle and script):
        raise RuntimeError("sökningssidan saknar det som förladdningen behöver")
    # After the CSP, which must come first; a theme without one (bench_search.py builds the content
    # with mkdocs-material's own templates too) gets them at the end of the head.
    at = csp.end() if csp else text.index("</head>")
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    info = entry["languages"].get("sv") or next(iter(entry["languages"].values()))
    base = bundle.group(1)
    links = [f'<link rel="modulepreload" data-kb-preload href="{script.group(1)}">',
             f'<link rel="modulepreload" data-kb-preload href="{base}pagefind.js">']
    links += [f'<link rel="preload" data-kb-preload href="{base}{name}" as="fetch" crossorigin>'
              for name in (f"pagefind-entry.json?ts={info['hash']}", f"pagefind.{info['hash']}.pf_meta",
                           f"wasm.{info['wasm']}.pagefind")]
    names = f' data-words="{word_files}"' if word_files else ""
    names += f' data-facets="{facets}"' if facets else ""
    text = (text[:bundle.start()] + f'<div class="kb-search" id="kb-search" data-meta-tag="{info["hash"]}"{names} '
            f'data-bundle="{base}pagefind.js">' + text[bundle.end():])
    text = text[:at] + "".join("\n" + link for link in links) + text[at:]
    page.write_text(text, encoding="utf-8")
