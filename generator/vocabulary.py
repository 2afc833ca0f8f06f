"""The controlled vocabulary: a YAML data file that an administrator edits without touching code."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).with_name("vocabulary.yml")


@dataclass(frozen=True)
class Merger:
    sources: tuple[str, ...]
    into: str
    year: int


@dataclass(frozen=True)
class Vocabulary:
    districts: tuple[str, ...]
    areas: tuple[str, ...]
    funding_sources: tuple[str, ...]
    document_kinds: tuple[str, ...]
    mergers: tuple[Merger, ...] = ()
    limit_per_project_year: dict = field(default_factory=dict)
    limit_per_entry: dict = field(default_factory=dict)
    max_projects_per_district_year: int = 3
    counted_sources: tuple[str, ...] = ()
    topic_forms: tuple[str, ...] = ()  # how a topic is shown ("ASI"), whatever case editors write


def load(path: Path | None = None) -> Vocabulary:
    data = yaml.safe_load((path or DEFAULT_PATH).read_text(encoding="utf-8")) or {}
    limits = data.get("funding_limits") or {}
    return Vocabulary(
        districts=tuple(data.get("districts") or ()),
        areas=tuple(data.get("areas") or ()),
        funding_sources=tuple(data.get("funding_sources") or ()),
        document_kinds=tuple(data.get("document_kinds") or ()),
        mergers=tuple(Merger(tuple(m["from"]), m["into"], int(m["year"]))
                      for m in data.get("district_mergers") or ()),
        limit_per_project_year=dict(limits.get("per_project_and_year") or {}),
        limit_per_entry=dict(limits.get("per_entry") or {}),
        max_projects_per_district_year=int(limits.get("max_projects_per_district_and_year", 3)),
        counted_sources=tuple(limits.get("counted_sources") or ()),
        topic_forms=tuple(data.get("topic_forms") or ()),
    )


def closest(value: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    """The allowed value an editor most likely meant, or None."""
    folded = {a.casefold(): a for a in allowed}
    if value.casefold() in folded:
        return folded[value.casefold()]
    match = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None
