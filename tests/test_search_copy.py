"""The search copy of each entry page (generator/search.py): what Pagefind indexes must be the
page's own text, so a search never finds a page for words that only stand in its lists of other
pages ("Relaterat", "Sidor som länkar hit")."""

from __future__ import annotations

import re

import pytest

from generator import search
from generator.site import load_site
from siteutil import REPO, real_site  # noqa: F401 (pytest fixture)

_PARTS = re.compile(r'<h2 id="kb-ordled">[^<]*</h2><p>(.*?)</p>')


@pytest.fixture(scope="module")
def records(real_site):
    content = REPO / "content"
    return search.build_records(load_site(content).renderer.indexes, real_site, content)[0]


def test_no_copy_holds_the_lists_of_other_pages(records):
    for record in records:
        assert 'id="relaterat"' not in record.html and "kb-related" not in record.html, record.url
        assert "kb-backlinks" not in record.html, record.url


def test_compound_parts_come_from_the_pages_own_words(records):
    """Each part in the low-weight list is a part of a word the copy itself holds: parts of words
    that only stand in the "Relaterat" list (29 on the real content before) would be false hits."""
    checked = 0
    for record in records:
        match = _PARTS.search(record.html)
        if not match:
            continue
        own = search.words(search._visible_text(record.html[:match.start()]))
        for part in match.group(1).split():
            checked += 1
            # A head ends a word; a modifier starts one, perhaps with its last letter changed.
            assert any(part[:-1] in word for word in own), f"{record.url}: ”{part}” is not a part of its words"
    assert checked > 50


def test_the_fact_panels_values_are_searched_in_a_section_of_their_own(records):
    record = next(r for r in records if r.url == "/projects/bostad-forst-och-boendetrappan/")
    facts = re.search(r'<h2 id="kb-fakta">[^<]*</h2>(.*?)</section>', record.html).group(1)
    assert "Hemloqxshet" in facts and "Haqxkan Kaqzllmén" in facts  # as the index spells å, ä, ö
    assert 'class="kb-facts"' not in record.html
