"""Pagefind's bundle as the build rewrites it (generator/pagefind_bundle.py): pages numbered in the
bank's browsing order, whatever order the file system lists the search copies in, and the rewritten
index must hold exactly what Pagefind wrote: every word on the same pages at the same places.
The search page's facet table follows the same page numbers."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator import search
from generator.content import Project
from generator.pagefind_bundle import _fragment_url, _read_packed, rewrite_bundle
from generator.site import load_site
from generator.swedish import sort_key
from siteutil import REPO, real_site  # noqa: F401 (pytest fixture)

TMPFS = Path("/dev/shm")


@pytest.fixture(scope="module")
def bank(real_site):
    content = REPO / "content"
    indexes = load_site(content).renderer.indexes
    records, _ = search.build_records(indexes, real_site, content)
    return indexes, records


def _meta(folder: Path) -> list:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return _read_packed(folder / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta")


def page_urls(folder: Path) -> list[str]:
    return [_fragment_url(folder, name) for name, *_ in _meta(folder)[1]]


def _by_url(pages: list, urls: list[str]) -> dict[str, list]:
    """A word's page entries by URL; their page numbers are stored as steps from the one before."""
    page, found = 0, {}
    for step, *places in pages:
        page += step
        found[urls[page]] = places
    return found


def contents(folder: Path) -> dict:
    """What a bundle holds, by page URL instead of page number."""
    meta = _meta(folder)
    urls = page_urls(folder)
    words = {}
    for _, _, name in meta[2]:
        (chunk,) = _read_packed(folder / "index" / f"{name}.pf_index")
        for word, pages, variants in chunk:
            words[word] = (_by_url(pages, urls), {v: _by_url(p, urls) for v, p in variants})
    return {"words": words,
            "pages": sorted((urls[n], page[1]) for n, page in enumerate(meta[1]))}


def test_the_rewritten_index_holds_what_pagefind_wrote(bank, tmp_path):
    indexes, records = bank
    search.index_records(records, tmp_path / "pagefind-raw")
    shutil.copytree(tmp_path / "pagefind-raw", tmp_path / "rewritten")
    rewrite_bundle(tmp_path / "rewritten", search.browsing_order(search.in_browsing_order(indexes)))
    raw, rewritten = contents(tmp_path / "pagefind-raw"), contents(tmp_path / "rewritten")
    assert len(raw["pages"]) == len(records) and len(raw["words"]) > 1000
    assert rewritten == raw


def test_pages_are_numbered_newest_first_then_by_title(real_site, bank):
    """The order in which a search by filters alone lists its results."""
    indexes, _ = bank
    by_url = {"/" + e.url: e for e in (*indexes.projects, *indexes.guides)}
    urls = page_urls(real_site / "pagefind")
    assert sorted(urls) == sorted(by_url)
    def key(entry):  # newest first as "Alla projekt" has it, then by title
        if isinstance(entry, Project):
            return (-entry.last_year, -entry.start, sort_key(entry.title))
        year = entry.published.year if entry.published else 9999
        return (-year, -year, sort_key(entry.title))

    keys = [key(by_url[u]) for u in urls]
    assert keys == sorted(keys)
    assert len(set(keys)) > len(keys) / 2, "the order is more than a handful of ties"


@pytest.mark.skipif(not TMPFS.is_dir(), reason="needs a tmpfs at /dev/shm, which lists a folder in the order it was filled")
def test_the_bundle_does_not_depend_on_the_order_the_file_system_lists_the_copies(bank, tmp_path):
    """Pagefind numbers pages in the order the file system lists the search copies: ext4 lists a
    folder by hashed name, tmpfs by when each entry was made. The same content must give the same
    bytes on any machine."""
    indexes, records = bank
    bundles = []
    for name, order in (("forwards", records), ("backwards", records[::-1])):
        search.index_records(order, tmp_path / name, work_dir=TMPFS)
        bundles.append(tmp_path / name)
    assert page_urls(bundles[0]) != page_urls(bundles[1]), "Pagefind numbered the pages alike both times"
    for bundle in bundles:
        rewrite_bundle(bundle, search.browsing_order(search.in_browsing_order(indexes)))
    files = [sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()) for b in bundles]
    assert files[0] == files[1]
    for relative in files[0]:
        assert (bundles[0] / relative).read_bytes() == (bundles[1] / relative).read_bytes(), relative


def test_the_facet_table_gives_each_page_number_its_entrys_facets(real_site, bank):
    """The search page filters Pagefind's results by page number with the facet table: row n must
    be the facets of the page Pagefind numbers n."""
    indexes, _ = bank
    by_url = {"/" + e.url: e for e in (*indexes.projects, *indexes.guides)}
    folder = real_site / "pagefind"
    assert not (folder / "filter").exists() and _meta(folder)[3] == [], "Pagefind's own filters are not used"
    page = (real_site / "search" / "index.html").read_text(encoding="utf-8")
    table = json.loads((folder / re.search(r'data-facets="([^"]+)"', page).group(1)).read_text(encoding="utf-8"))
    urls = page_urls(folder)
    assert len(table["pages"]) == len(urls) == len(by_url)
    for number, url in enumerate(urls):
        row = table["pages"][number]
        facets = {key: [table["values"][key][v] for v in row[f]] for f, key in enumerate(table["keys"]) if row[f]}
        assert facets == search.entry_filters(by_url[url]), url
