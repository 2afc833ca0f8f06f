"""Pagefind's output, rewritten in place after indexing (generator/search.py, write_index).

Pagefind 1.6.0 writes a bundle that is neither reproducible nor as small as a search needs; these
steps fix that without changing what a search finds. docs/search.md has the measurements.

- Pages are numbered in the bank's browsing order, not in the order the file system lists the
  search copies (renumber_pages).
- Fragments get short names and the word index is cut into small chunks (rewrite_bundle and the
  functions it calls). The search copies give Pagefind no filters (search.facet_table says why).
- The first search does not wait in 50 ms steps for Pagefind's start (shorten_start_wait).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

import cbor2

# The format: gzip of b"pagefind_dcd" + CBOR.
#   metadata: [version, pages [[fragment, word count, group], ...], word index chunks [[from, to,
#     file], ...], filters [[name, file], ...], sorts, meta fields]; a page's number is its place
#   word index chunk: [[[word, [[page step, locations, field locations], ...], [[variant, pages],
#     ...]], ...]], the page numbers as steps from the one before
# cbor2 writes the same minimal, definite-length encoding as Pagefind.

_SIGNATURE = b"pagefind_dcd"


def _unpacked(path: Path) -> bytes:
    """A Pagefind file's content: CBOR for the index files, JSON for a fragment."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind file")
    return data[len(_SIGNATURE):]


def _read_packed(path: Path):
    return cbor2.loads(_unpacked(path))


def _pack(value) -> tuple[bytes, str]:
    raw = _SIGNATURE + cbor2.dumps(value)
    return gzip.compress(raw, compresslevel=9, mtime=0), hashlib.sha256(raw).hexdigest()


def short_fragment_names(output: Path, language: str, pages: list) -> list:
    """Rename the fragment files from their own content hashes to the page's number behind one tag.

    The metadata file, which every search loads first, lists every page's fragment name; 10 000
    random hashes do not compress (66 kB at 10 000 projects), numbers behind one shared tag do. The
    tag is a hash of all the old names, so a fragment's URL still changes whenever any page does.
    The "-" never occurs in Pagefind's own names, so a new name never meets an old one.
    """
    tag = hashlib.sha256(cbor2.dumps(pages)).hexdigest()[:8]
    folder = output / "fragment"
    renamed = []
    for number, (old, *fields) in enumerate(pages):
        new = f"{language}_{tag}-{number:x}"
        (folder / f"{old}.pf_fragment").rename(folder / f"{new}.pf_fragment")
        renamed.append([new, *fields])
    return renamed


# Pagefind cuts its word index into chunks of about 20 000 word locations (a constant in its source), and a
# search loads the whole chunk that holds its word. At 10 000 projects that is 40–300 kB for any
# word, most of it other words' locations, and the browser spends about 100 ms inflating and
# decoding it. Cut again into chunks of about WORD_CHUNK_BYTES of CBOR, a very common word
# ("och", "har") alone in its own: "familjehem" then costs about 1 kB instead of 83 kB, and the
# metadata grows by some 20 bytes per extra chunk. Pagefind looks a query word up in one chunk
# only and finds its longer forms ("familjehem" → "familjehemmet") in that chunk, so a cut goes
# where neighbouring words share at most SHARED_PREFIX letters, unless a chunk would grow past
# four times the target (a family of forms larger than that is as rare as it is large).
WORD_CHUNK_BYTES = 16_000
SHARED_PREFIX = 3


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def cut_word_index(words: list, target: int = WORD_CHUNK_BYTES) -> list[list]:
    """Split Pagefind's sorted word entries ([word, pages, ...]) into chunks."""
    chunks: list[list] = []
    chunk: list = []
    size = 0
    for entry in words:
        length = len(cbor2.dumps(entry))
        if chunk and size + length > target and (
                _shared_prefix(chunk[-1][0], entry[0]) <= SHARED_PREFIX or size + length > 4 * target):
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(entry)
        size += length
    if chunk:
        chunks.append(chunk)
    return chunks


def _chunk_bounds(chunks: list[list]) -> list[list[str]]:
    """[from, to] of each chunk: its first and last word.

    Pagefind itself shortens them to one letter past the prefix neighbouring chunks share
    ("familj" | "familjehem" → to "familj", from "familje"). A query word longer than a shortened
    end then fails the exact lookup and Pagefind loads every chunk whose ends share its prefix:
    "familjehem" loaded the 70 kB chunk ending in the very common "familj" as well. With whole
    words, a word in the index is looked up in exactly its own chunk.
    """
    return [[chunk[0][0], chunk[-1][0]] for chunk in chunks]


def recut_word_index(output: Path, language: str, chunk_list: list, new_number: list[int]) -> list:
    """Replace Pagefind's word index chunks with smaller ones, their pages renumbered; returns the
    metadata's new list."""
    words: list = []
    for _, _, name in chunk_list:
        path = output / "index" / f"{name}.pf_index"
        (chunk_words,) = _read_packed(path)
        words += [_renumber_word(word, new_number) for word in chunk_words]
        path.unlink()
    if any(a[0] >= b[0] for a, b in zip(words, words[1:])):
        raise ValueError("Pagefind's word index is not in word order")
    chunks = cut_word_index(words)
    renamed, taken = [], set()
    for (start, end), chunk in zip(_chunk_bounds(chunks), chunks):
        packed, digest = _pack([chunk])
        length = 7
        while (name := f"{language}_{digest[:length]}") in taken:  # as Pagefind does on a clash
            length += 1
        taken.add(name)
        (output / "index" / f"{name}.pf_index").write_bytes(packed)
        renamed.append([start, end, name])
    return renamed


def _fragment_url(output: Path, name: str) -> str:
    return json.loads(_unpacked(output / "fragment" / f"{name}.pf_fragment"))["url"]


def renumber_pages(output: Path, pages: list, rank: Mapping[str, int]) -> tuple[list, list[int]]:
    """The metadata's page list in the order of `rank` (URL → place; pages it lacks go last, by
    URL), and each old page number's new number.

    Pagefind numbers pages in the order the file system lists the search copies, which differs
    between file systems (ext4 orders a folder by hashed name, tmpfs does not), so the same content
    gave another index on another machine. Results with equal scores, and every result of a search
    by filters alone, come in page order: numbered in browsing order they come newest first.
    """
    urls = [_fragment_url(output, name) for name, *_ in pages]
    order = sorted(range(len(pages)), key=lambda n: (rank.get(urls[n], len(rank)), urls[n]))
    new_number = [0] * len(pages)
    for new, old in enumerate(order):
        new_number[old] = new
    return [pages[old] for old in order], new_number


def _renumbered(word_pages: list, new_number: list[int]) -> list:
    """A word's page entries ([page, locations, field locations], in page order, each page number
    stored as the difference to the one before) with new page numbers, in the new order."""
    page, entries = 0, []
    for step, *rest in word_pages:
        page += step
        entries.append([new_number[page], *rest])
    entries.sort(key=lambda entry: entry[0])
    previous = 0
    for entry in entries:
        entry[0], previous = entry[0] - previous, entry[0]
    return entries


def _renumber_word(word: list, new_number: list[int]) -> list:
    """[word, pages, variants]: the variants are [[spelling, pages], ...] (a word's other forms,
    such as "kaqzllmén" beside "kaqzllmen")."""
    text, pages, variants = word
    return [text, _renumbered(pages, new_number),
            [[spelling, _renumbered(variant_pages, new_number)] for spelling, variant_pages in variants]]


def rewrite_bundle(output: Path, rank: Mapping[str, int]) -> None:
    """Rewrite Pagefind's output in place: pages numbered in the order of `rank` (URL → place),
    fragments renamed short, the word index cut into small chunks; then the
    metadata and entry file to match."""
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = output / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_packed(meta_path)
        if meta[4]:
            raise ValueError("Pagefind's metadata has sort orders, which renumber_pages does not renumber")
        if meta[3]:
            # The search page filters with its own facet table (search.facet_table), not Pagefind's.
            raise ValueError("Pagefind's metadata has filters, which the bank's search copies never give it")
        meta[1], new_number = renumber_pages(output, meta[1], rank)
        meta[1] = short_fragment_names(output, language, meta[1])
        meta[2] = recut_word_index(output, language, meta[2], new_number)
        packed, digest = _pack(meta)
        meta_path.unlink()
        info["hash"] = f"{language}_{digest[:10]}"
        (output / f"pagefind.{info['hash']}.pf_meta").write_bytes(packed)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# Pagefind starts loading its files when the page first searches, and that search looks every
# 50 ms whether the start is done (getPtr), so the first search of every visit began up to 50 ms
# (on average 13–16 ms, measured) after Pagefind was ready. 4 ms is the shortest a browser repeats
# a timer. Written for Pagefind 1.6.0's pagefind.js; another version's file is left as it is.
_START_POLL = "await asyncSleep(50);}if(!this.raw_ptr)"
_QUICK_START_POLL = "await asyncSleep(4);}if(!this.raw_ptr)"


def shorten_start_wait(script: Path) -> bool:
    """Make the first search look for Pagefind's start every 4 ms instead of every 50 ms.
    Returns whether the script had the known wait (and now has the short one)."""
    text = script.read_text(encoding="utf-8")
    if text.count(_START_POLL) != 1:
        return False
    script.write_text(text.replace(_START_POLL, _QUICK_START_POLL), encoding="utf-8")
    return True
