"""The word index cut into small chunks (generator/pagefind_bundle.py, recut_word_index): a search loads the
chunk that holds its word, so a rare word must not cost the bytes of its neighbours.

Pagefind looks a query word up as `from <= word <= to` over the metadata's chunk list and takes
the first chunk that matches; the tests check that every indexed word lies in its own chunk only,
on the bank's real index, and how words are grouped into chunks.
"""

from __future__ import annotations

import json

import cbor2

from generator.pagefind_bundle import _read_packed, cut_word_index
from siteutil import real_site  # noqa: F401 (pytest fixture)


def entry(word: str, pages: int) -> list:
    """A word entry in Pagefind's shape: [word, [[page, [locations]], ...], []]."""
    return [word, [[n, [n * 3, n * 3 + 7]] for n in range(pages)], []]


def size(chunk: list) -> int:
    return sum(len(cbor2.dumps(e)) for e in chunk)


def test_the_chunks_hold_every_word_once_in_order():
    # Neighbours share at most two letters ("aab…", "aac…"), so any place is a place to cut.
    words = [entry(chr(97 + n // 26) + chr(97 + n % 26) + "ord", 1 + n % 7) for n in range(26 * 26)]
    chunks = cut_word_index(words, target=2_000)
    assert [e for chunk in chunks for e in chunk] == words
    assert len(chunks) >= 5
    assert all(size(chunk) <= 2_000 for chunk in chunks[:-1] if len(chunk) > 1)


def test_a_very_common_word_gets_a_chunk_of_its_own():
    words = [entry("barn", 3), entry("familj", 400), entry("familjehem", 3), entry("gruppen", 2)]
    chunks = cut_word_index(words, target=500)
    assert [[e[0] for e in chunk] for chunk in chunks] == [["barn"], ["familj"], ["familjehem", "gruppen"]]


def test_forms_of_one_word_stay_together_unless_they_grow_very_large():
    # "familjehem", "familjehemmen", "familjehems…" share far more than SHARED_PREFIX letters: a
    # search for "familjehem" finds the longer forms only if they are in its chunk.
    forms = [entry("familjehem" + suffix, 2) for suffix in ("", "m", "mens", "met", "s", "sv")]
    words = [entry("barnen", 2), *forms, entry("gruppen", 2)]
    one = len(cbor2.dumps(forms[0]))
    chunks = cut_word_index(words, target=2 * one)
    holding = [chunk for chunk in chunks if any(e[0] == "familjehem" for e in chunk)]
    assert {e[0] for e in forms} <= {e[0] for e in holding[0]}
    # Past four times the target a family is cut all the same, so one chunk cannot hold the index.
    many = [entry("familjehem" + f"{n:03d}", 2) for n in range(40)]
    assert len(cut_word_index(many, target=2 * one)) > 1


def _index(site):
    folder = site / "pagefind"
    entry_file = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    info = entry_file["languages"]["sv"]
    meta = _read_packed(folder / f"pagefind.{info['hash']}.pf_meta")
    return folder, meta[2]


def test_every_word_of_the_real_index_is_looked_up_in_its_own_chunk_only(real_site):
    folder, bounds = _index(real_site)
    assert len(bounds) > 1, "the bank's own index is large enough for several chunks"
    for number, (start, end, name) in enumerate(bounds):
        (words,) = _read_packed(folder / "index" / f"{name}.pf_index")
        assert [start, end] == [words[0][0], words[-1][0]]
        for word, *_ in words:
            holding = [n for n, (s, e, _) in enumerate(bounds) if s <= word <= e]
            assert holding == [number], f"{word!r} would be looked up in chunks {holding}"


def test_the_real_index_has_no_chunk_left_over_and_none_missing(real_site):
    folder, bounds = _index(real_site)
    listed = {f"{name}.pf_index" for _, _, name in bounds}
    assert {p.name for p in (folder / "index").iterdir()} == listed
