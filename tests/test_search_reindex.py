"""Indexing a built site again (as bench_build.py's phase timing does) gives the same site."""

from __future__ import annotations

import shutil

from generator.search import write_index
from generator.site import load_site
from siteutil import FIXTURE_CONTENT, fixture_site  # noqa: F401 (pytest fixture)


def test_indexing_twice_leaves_the_search_page_and_index_as_they_were(fixture_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    write_index(load_site(FIXTURE_CONTENT).renderer.indexes, site, FIXTURE_CONTENT)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert sorted(after) == sorted(before)
    assert [name for name in before if before[name] != after[name]] == []
    assert before[next(n for n in before if str(n) == "search/index.html")].count(b"data-kb-preload") == 5
