"""Read a whole content root: every file validated, then the rules that span files."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .attachments import CACHE_FOLDER, is_readable, read_attachment
from .content import GUIDE, PROJECT, SECTIONS, Corpus, Entry, Project
from .diagnostics import Diagnostic, error, sort_key, warning
from .links import check_body_links
from .publishing import check as check_published
from .source import decode, normalise, parse_text
from .swedish import term_slug
from .validation import (check_attachment, check_file_name, check_personal_numbers, validate_guide,
                         validate_project)
from .vocabulary import Vocabulary, closest

_VALIDATORS = {PROJECT: validate_project, GUIDE: validate_guide}


@dataclass
class LoadResult:
    corpus: Corpus
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def content_files(root: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every Markdown file under projects/ and guides/, in a stable order."""
    found = []
    for kind, section in SECTIONS.items():
        folder = root / section
        if folder.is_dir() and not folder.is_symlink():
            # A symlink is never read: it may point outside the repository (publishing.py reports it).
            found.extend((kind, p) for p in sorted(folder.rglob("*"))
                         if p.is_file() and not p.is_symlink() and _is_content(folder, p))
    return found


def _is_content(folder: Path, path: Path) -> bool:
    if any(part.startswith(".") for part in path.relative_to(folder).parts):
        return False
    return path.suffix.lower() in (".md", ".markdown") and "files" not in path.relative_to(folder).parts[:-1]


def attachment_cache(root: Path) -> Path:
    """Where the text of attachments is kept between runs: beside the content root, as beside
    mkdocs.yml for a build."""
    return root.parent / CACHE_FOLDER


def load(root: Path, vocab: Vocabulary, cache_dir: Path | None = None) -> LoadResult:
    """Validate every file; cross-file rules also see records that have errors of their own."""
    result = LoadResult(Corpus(root))
    everything = Corpus(root)
    slugs: dict[str, set[str]] = defaultdict(set)  # a slug may name both a project and a guide
    for kind, path in content_files(root):
        result.files.append(path)
        record, problems = _load_file(kind, path, root, vocab)
        result.diagnostics.extend(problems)
        slugs[path.stem].add(kind)
        if record is None:
            continue
        for corpus in (everything, result.corpus) if not any(p.is_error for p in problems) else (everything,):
            (corpus.projects if kind == PROJECT else corpus.guides).append(record)
    result.diagnostics.extend(check_links(everything, slugs))
    result.diagnostics.extend(check_body_links(everything, root, slugs))
    result.diagnostics.extend(check_district_quota(everything.projects, vocab))
    unpublished = check_published(root, result.files, everything.entries)
    result.diagnostics.extend(unpublished)
    # A file the allow-list refuses is reported there, once; it is never published, so it is not read.
    refused = {Path(d.path).resolve() for d in unpublished}
    result.diagnostics.extend(check_attachments(result.files, everything.entries, root,
                                                cache_dir or attachment_cache(root), refused))
    result.diagnostics.sort(key=sort_key)
    return result


def _load_file(kind: str, path: Path, root: Path, vocab: Vocabulary):
    problems = check_file_name(path)
    if path.parent != root / SECTIONS[kind]:
        problems.append(error(path, 1, "", f"filen ligger i en undermapp. Flytta den direkt till content/{SECTIONS[kind]}/"))
    data = path.read_bytes()
    text, read_problems = decode(path, data)
    source = None
    if text is not None:
        source, read_problems = parse_text(path, text)
    if source is None:
        # Unreadable front matter must not delay the one error that matters most until it is fixed.
        text = text if text is not None else normalise(data.decode("utf-8", "replace"))
        return None, problems + read_problems + check_personal_numbers(path, text)
    record, file_problems = _VALIDATORS[kind](source, root, vocab)
    return record, problems + file_problems


def published_attachments(pages: list[Path], entries: list[Entry], root: Path) -> dict[Path, tuple[Path, int, str]]:
    """Every attached file a page lists in documents, and every file in a page's files/<slug>/ (it
    is published with the site whether listed or not), with the page, line and key to report at."""
    found: dict[Path, tuple[Path, int, str]] = {}
    for entry in entries:
        for document in entry.documents:
            if document.file:
                found.setdefault((root / document.file).resolve(), (entry.path, document.line, "documents"))
    for page in pages:
        folder = page.parent / "files" / page.stem
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
                    found.setdefault(path.resolve(), (page, 1, ""))
    return found


def check_attachments(pages: list[Path], entries: list[Entry], root: Path, cache_dir: Path,
                      refused: set[Path] = frozenset()) -> list[Diagnostic]:
    problems = []
    for path, (page, line, key) in published_attachments(pages, entries, root).items():
        if is_readable(path) and path not in refused:
            try:
                name = path.relative_to(page.parent.resolve()).as_posix()
            except ValueError:
                name = path.relative_to(root.resolve()).as_posix()
            problems += check_attachment(page, line, key, name, read_attachment(path, cache_dir))
    return problems


def check_links(corpus: Corpus, slugs: dict[str, set[str]]) -> list[Diagnostic]:
    # One lookup table, not a scan of the corpus per link: large banks link a lot.
    by_slug: dict[str, Entry] = {}
    for entry in corpus.entries:
        by_slug.setdefault(entry.slug, entry)
    guides = {g.slug: g for g in corpus.guides}
    guide_slugs = list(guides)

    def to_draft(entry, key: str, target) -> list[Diagnostic]:
        if target is None or not target.draft or entry.draft:
            return []
        return [warning(entry.path, entry.line(key), key, f"'{target.slug}' är ett utkast (draft: true) och "
                        "publiceras inte; länken visas inte förrän utkastet publiceras")]

    problems = []
    for entry in corpus.entries:
        for slug in entry.related:
            if slug not in slugs:
                problems.append(error(entry.path, entry.line("related"), "related",
                                      f"related pekar på '{slug}', men det finns inget projekt eller någon "
                                      f"vägledning med det filnamnet{_did_you_mean(slug, slugs)}"))
            elif slug == entry.slug:
                problems.append(warning(entry.path, entry.line("related"), "related",
                                        "related pekar på sidan själv. Ta bort den raden"))
            problems += to_draft(entry, "related", by_slug.get(slug))
    for guide in corpus.guides:
        target = guide.superseded_by
        if target is None:
            continue
        if target not in guides:
            where = "ett projekt, inte en vägledning" if PROJECT in slugs.get(target, ()) else "finns inte"
            problems.append(error(guide.path, guide.line("superseded_by"), "superseded_by",
                                  f"superseded_by pekar på '{target}', som {where}. Ange filnamnet (utan .md) på den "
                                  f"vägledning som ersätter denna{_did_you_mean(target, guide_slugs)}"))
        elif target == guide.slug:
            problems.append(error(guide.path, guide.line("superseded_by"), "superseded_by",
                                  "en vägledning kan inte ersätta sig själv. Ange den nya vägledningens filnamn"))
        problems += to_draft(guide, "superseded_by", guides.get(target))
    return problems + _supersede_rings(guides) + _shared_topic_pages(corpus)


def _supersede_rings(guides: dict) -> list[Diagnostic]:
    """Guides that replace one another in a ring (a → b → a) leave the reader with no current one."""
    targets = {slug: g.superseded_by for slug, g in guides.items() if g.superseded_by not in (None, slug)}
    problems = []
    for ring in _rings(targets):
        for i, slug in enumerate(ring):
            chain = " → ".join(ring[i:] + ring[:i] + [slug])
            problems.append(error(guides[slug].path, guides[slug].line("superseded_by"), "superseded_by",
                                  f"vägledningarna ersätter varandra i en ring ({chain}), så ingen av dem gäller. "
                                  "Ta bort superseded_by och ändra status i den som gäller nu"))
    return problems


def _rings(targets: dict[str, str]) -> list[list[str]]:
    """Each cycle of the mapping once; every slug is walked once, so a long chain stays linear."""
    done: set[str] = set()
    rings = []
    for start in sorted(targets):
        path: list[str] = []
        node = start
        while node in targets and node not in done and node not in path:
            path.append(node)
            node = targets[node]
        if node in path:
            rings.append(path[path.index(node):])
        done.update(path)
    return rings


def _shared_topic_pages(corpus: Corpus) -> list[Diagnostic]:
    """A topic's page, /topics/<term-slug>/, shows its first spelling (the indexes' order); one
    written otherwise than by case ('foraldrastod' beside 'Föräldrastöd') would link to a page
    that names another word, so it is an error naming the spelling to use."""
    first: dict[str, tuple[str, Entry]] = {}
    problems = []
    for entry in sorted(corpus.entries, key=lambda e: (e.kind, e.slug)):
        for topic in entry.topics:
            name, owner = first.setdefault(term_slug(topic), (topic, entry))
            if name.casefold() != topic.casefold() and owner is not entry:
                problems.append(error(entry.path, entry.line("topics"), "topics",
                                      f"ämnet '{topic}' får samma sida som '{name}' i {owner.path.name} "
                                      f"(/topics/{term_slug(topic)}/). Skriv det likadant: '{name}'"))
    return problems


def _did_you_mean(slug: str, slugs) -> str:
    guess = closest(slug, sorted(s for s in slugs if s != slug))
    return f" – menade du '{guess}'?" if guess else ""


def check_district_quota(projects: list[Project], vocab: Vocabulary) -> list[Diagnostic]:
    """Warn where a district has more funded projects in one year than the committee grants."""
    groups: dict[tuple[str, int], list[Project]] = defaultdict(list)
    for project in projects:
        years = {f.year for f in project.funding if f.source in vocab.counted_sources}
        for district in project.districts:
            for year in years:
                groups[(district, year)].append(project)
    problems = []
    limit = vocab.max_projects_per_district_year
    for (district, year), members in sorted(groups.items()):
        if len(members) <= limit:
            continue
        names = ", ".join(sorted(p.slug for p in members))
        sources = " eller ".join(vocab.counted_sources)
        for project in members:
            problems.append(warning(project.path, project.line("funding"), "funding",
                                    f"{district} har {len(members)} projekt med {sources} {year} ({names}), men nämnden "
                                    f"beviljar högst {limit} ansökningar per stadsdel och år. Kontrollera uppgifterna"))
    return problems
