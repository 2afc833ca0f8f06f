"""Typed records of the knowledge bank: what validation produces and every later step reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = "project"
GUIDE = "guide"
SECTIONS = {PROJECT: "projects", GUIDE: "guides"}


@dataclass(frozen=True)
class Contact:
    name: str | None
    email: str | None


@dataclass(frozen=True)
class Funding:
    source: str
    year: int
    amount: int


@dataclass(frozen=True)
class Document:
    title: str
    kind: str
    year: int
    file: str | None = None  # path relative to the content root, POSIX separators
    url: str | None = None
    size: int | None = None  # bytes, for attached files
    line: int = field(default=1, compare=False)  # of the entry's file (or url) in the front matter

    @property
    def file_type(self) -> str:
        target = self.file or self.url or ""
        suffix = target.rsplit(".", 1)[-1] if "." in target.rsplit("/", 1)[-1] else ""
        return suffix.upper() if len(suffix) <= 5 else ""


@dataclass
class Entry:
    """Fields shared by projects and guides."""

    kind: str
    slug: str
    path: Path
    title: str
    description: str
    status: str
    body: str
    body_line: int
    areas: list[str]
    topics: list[str] = field(default_factory=list)
    owner: str | None = None
    related: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    draft: bool = False
    updated: dt.date | None = None
    key_lines: dict[str, int] = field(default_factory=dict)

    def line(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    @property
    def url(self) -> str:
        return f"{SECTIONS[self.kind]}/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"{SECTIONS[self.kind]}/{self.slug}.md"


@dataclass
class Project(Entry):
    start: int = 0
    end: int | None = None
    districts: list[str] = field(default_factory=list)
    contact: Contact | None = None
    partners: list[str] = field(default_factory=list)
    researchers: list[str] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    gender_analysis: str | None = None
    awards: list[str] = field(default_factory=list)

    @property
    def years(self) -> range:
        return range(self.start, (self.end or self.start) + 1)

    @property
    def last_year(self) -> int:
        return self.end or self.start

    @property
    def funding_total(self) -> int:
        return sum(f.amount for f in self.funding)


@dataclass
class Guide(Entry):
    published: dt.date | None = None
    audience: list[str] = field(default_factory=list)
    superseded_by: str | None = None


@dataclass
class Corpus:
    """Every valid record of a content root, drafts included."""

    root: Path
    projects: list[Project] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [*self.projects, *self.guides]

    def published(self) -> "Corpus":
        return Corpus(self.root, [p for p in self.projects if not p.draft],
                      [g for g in self.guides if not g.draft])

