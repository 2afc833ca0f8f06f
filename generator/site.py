"""One build's model: the validated corpus, its indexes and the pages to add or rewrite.

Plain Python with no MkDocs import, so another static-site tool can drive the same steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import corpus as corpus_module
from . import indexes as indexes_module
from .content import Entry
from .corpus import LoadResult
from .pages import Page, Renderer
from .vocabulary import Vocabulary, load as load_vocabulary


@dataclass
class SiteModel:
    result: LoadResult
    pages: list[Page]
    entries: dict[str, Entry]  # src_uri → published record
    renderer: Renderer

    def entry_parts(self, src_uri: str) -> Page | None:
        entry = self.entries.get(src_uri)
        return None if entry is None else self.renderer.entry_parts(entry)

    @property
    def newest_date(self) -> dt.date:
        """The newest date the content states: a stable 'build date' for sitemap.xml."""
        dates = [dt.date(p.last_year, 1, 1) for p in self.result.corpus.projects]
        for entry in self.result.corpus.entries:
            dates += [d for d in (entry.updated, getattr(entry, "published", None)) if d]
        return max(dates, default=dt.date(2000, 1, 1))

    @property
    def source_date_epoch(self) -> int:
        day = self.newest_date
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def load_site(content_root: Path, vocabulary: Vocabulary | None = None, site_name: str = "Kunskapsbanken",
              attachment_cache: Path | None = None) -> SiteModel:
    vocab = vocabulary or load_vocabulary()
    result = corpus_module.load(content_root, vocab, attachment_cache)
    indexes = indexes_module.build(result.corpus, vocab)
    renderer = Renderer(indexes, site_name)
    published = {e.src_uri: e for e in (*indexes.projects, *indexes.guides)}
    return SiteModel(result, renderer.generated_pages() if result.ok else [], published, renderer)
