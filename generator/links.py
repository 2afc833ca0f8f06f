"""Links in the editors' Markdown bodies: every page, attachment and image they point at must exist.

MkDocs finds a broken link only when it builds, in English and without a line number; checking the
bodies here lets `kunskapsbank check` report it like every other mistake, with the fix.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .content import SECTIONS, Corpus, Entry
from .diagnostics import Diagnostic, error
from .indexes import GENERATED_PAGES
from .publishing import attachment_problem
from .safety import without_code
from .text_lines import line_numbers
from .vocabulary import closest

# [text](target "title"), ![alt](target), [label]: target, and href/src in raw HTML. The text of a
# link holds brackets only as whole pairs ([![bild](b.png)](sida.md)), so from an unmatched "["
# the scan stops at the next "[": 80 000 "[" took minutes when it ran to the end of the line.
_INLINE = re.compile(r"!?\[(?:[^\[\]\\\n]|\\.|\[(?:[^\[\]\\\n]|\\.)*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)\n]*)?\)")
# An image inside a link's text ([![bild](b.png)](sida.md)) is read apart, as the link's match holds it.
_IMAGE = re.compile(r"!\[(?:[^\[\]\\\n]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)\n]*)?\)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_HTML = re.compile(r"<[A-Za-z][^<>]*?\s(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def body_links(text: str) -> list[tuple[int, str]]:
    """(line in the body, target) of every link and image in a body whose code is blanked."""
    found, line = [], line_numbers(text)
    for pattern in (_INLINE, _IMAGE, _REFERENCE, _HTML):
        for match in pattern.finditer(text):
            found.append((line(match.start(1)), match.group(1)))
    return sorted(set(found))


# ![](bild.png): an image with no text alternative, which a screen reader cannot describe (WCAG 1.1.1).
_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")


def images_without_alt(text: str) -> list[int]:
    line = line_numbers(text)
    return [line(m.start()) for m in _IMAGE_WITHOUT_ALT.finditer(text)]


def check_body_links(corpus: Corpus, root: Path, slugs: dict[str, set[str]]) -> list[Diagnostic]:
    drafts = {e.src_uri for e in corpus.entries if e.draft}
    pages = {f"{SECTIONS[kind]}/{slug}.md" for slug, kinds in slugs.items() for kind in kinds}
    problems = []
    for entry in corpus.entries:
        visible = without_code(entry.body)  # once for both scans
        for line, target in body_links(visible):
            message = _problem(entry, target, root, pages, drafts)
            if message:
                problems.append(error(entry.path, entry.body_line + line - 1, "", message))
        for line in images_without_alt(visible):
            problems.append(error(entry.path, entry.body_line + line - 1, "",
                                  "bilden saknar beskrivande text, så den som inte ser bilden får inte veta vad "
                                  "den visar. Skriv texten inom hakparenteserna: ![Diagram över deltagarna](…)"))
    return problems


def _problem(entry: Entry, target: str, root: Path, pages: set[str], drafts: set[str]) -> str | None:
    if _SCHEME.match(target) or target.startswith(("#", "//")):  # "//host/x" is another site, like "https:"
        return None
    path = re.split(r"[?#]", target, maxsplit=1)[0]
    folder = posixpath.dirname(entry.src_uri)
    if path.startswith("/"):
        wanted = _source_for_url(path.lstrip("/"))
        return (f"länken '{target}' börjar med / och slutar fungera om Kunskapsbanken ligger i en undermapp "
                f"på intranätet. Länka till filen i stället: '{posixpath.relpath(wanted, folder)}'")
    resolved = posixpath.normpath(posixpath.join(folder, path))
    if resolved.startswith("../") or resolved == "..":
        return f"länken '{target}' pekar utanför content/. Länka bara till sidor och filer i Kunskapsbanken"
    if resolved.startswith(GENERATED_PAGES):  # pages the generator adds; MkDocs resolves those links
        return None
    if path.endswith("/") or not posixpath.splitext(path)[1]:
        page_url = posixpath.join(folder, entry.slug) + "/"
        wanted = _source_for_url(posixpath.normpath(posixpath.join(page_url, path)))
        hint = f"'{posixpath.relpath(wanted, folder)}'" if wanted in pages else "filnamnet med .md"
        return (f"länken '{target}' är skriven som en webbadress. Länka till filen i stället, så följer länken "
                f"med om webbplatsen flyttas: {hint}")
    if resolved.endswith(".md"):
        if resolved not in pages:
            same_name = [p for p in sorted(pages) if posixpath.basename(p) == posixpath.basename(resolved)]
            guess = same_name[0] if same_name else closest(resolved, sorted(pages))
            hint = f" – menade du '{posixpath.relpath(guess, folder)}'?" if guess else ""
            return f"länken '{target}' går till en sida som inte finns{hint}"
        if resolved in drafts and not entry.draft:
            return (f"länken '{target}' går till ett utkast (draft: true) som inte publiceras. Ta bort länken "
                    "eller publicera utkastet")
        return None
    if not (root / resolved).is_file():
        return (f"filen '{target}' som länken eller bilden pekar på finns inte (sökt i content/{resolved}). "
                "Sökvägen räknas från sidans mapp, till exempel files/projektets-filnamn/rapport.pdf")
    why = attachment_problem(root, resolved, pages, set() if entry.draft else drafts)
    return f"länken '{target}' går till en fil som inte publiceras: {why}" if why else None


def _source_for_url(url: str) -> str:
    """The Markdown file MkDocs publishes at a directory URL: 'projects/x/' → 'projects/x.md'."""
    url = url.strip("/")
    if not url:
        return "index.md"
    if "/" not in url:
        return f"{url}/index.md"
    return url + ".md"
