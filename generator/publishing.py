"""What a content root publishes: the one allow-list that `check` reports and the build obeys.

Published are the checked entries (projects/<slug>.md, guides/<slug>.md) and, for an entry that is
no draft, the attachments in its folder projects/files/<slug>/ (or guides/…) whose bytes are the
type their name says. Everything else under content/ is an error of `check` and is left out of the
site: a page in another format, a script, a symlink to a file outside the repository.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser

from .content import SECTIONS, Entry
from .diagnostics import Diagnostic, error
from .vocabulary import closest

ATTACHMENTS = "files"  # content/<section>/files/<slug>/: an entry's attachments
_TYPE_NAMES = "PDF, DOCX, XLSX, PPTX, PNG, JPEG, WebP, SVG"
_NOT_ALLOWED = (f"bara projekt och vägledningar (.md) och bilagor ({_TYPE_NAMES}) i files/<filnamn>/ får ligga i "
                "content/. Ta bort filen")
_XML_LIMIT = 4 * 1024 * 1024  # bytes read of one XML part: a zip bomb must not fill the memory
_SVG = "{http://www.w3.org/2000/svg}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_OOXML = "application/vnd.openxmlformats-officedocument."
_MAIN_PART = {
    "docx": _OOXML + "wordprocessingml.document.main+xml",
    "xlsx": _OOXML + "spreadsheetml.sheet.main+xml",
    "pptx": _OOXML + "presentationml.presentation.main+xml",
}


# Types and their bytes --------------------------------------------------------------------------

def _read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(16)


def _is_pdf(path: Path) -> bool:
    return _read_head(path).startswith(b"%PDF-")


def _is_png(path: Path) -> bool:
    return _read_head(path).startswith(b"\x89PNG\r\n\x1a\n")


def _is_jpeg(path: Path) -> bool:
    return _read_head(path).startswith(b"\xff\xd8\xff")


def _is_webp(path: Path) -> bool:
    head = _read_head(path)
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _office_type(path: Path) -> str | None:
    """'docx', 'xlsx' or 'pptx' when [Content_Types].xml names that main part and the part is there."""
    if not _read_head(path).startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            with archive.open("[Content_Types].xml") as part:
                types = _parse_xml(part.read(_XML_LIMIT))
            names = set(archive.namelist())
    # Whatever keeps the package from being read (damaged, encrypted, an unknown compression) means
    # it is no document of that type.
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError, NotImplementedError,
            zlib.error, ParseError, DefusedXmlException):
        return None
    for override in types.iter("{http://schemas.openxmlformats.org/package/2006/content-types}Override"):
        kind = next((k for k, main in _MAIN_PART.items() if override.get("ContentType") == main), None)
        if kind and override.get("PartName", "").lstrip("/") in names:
            return kind
    return None


class _Tree(TreeBuilder):
    """Also records processing instructions, which TreeBuilder drops before the root element."""

    def __init__(self):
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target, data=None):
        self.instructions.append(target)
        return super().pi(target, data)


def _parse_xml(data: bytes, tree: TreeBuilder | None = None):
    """The parsed root element; a DOCTYPE, an entity or an external reference raises (defusedxml)."""
    parser = XMLParser(target=tree or TreeBuilder(), forbid_dtd=True)
    parser.feed(data)
    return parser.close()


_CHECKS = {
    "pdf": _is_pdf,
    "png": _is_png,
    "jpg": _is_jpeg,
    "jpeg": _is_jpeg,
    "webp": _is_webp,
    "docx": lambda path: _office_type(path) == "docx",
    "xlsx": lambda path: _office_type(path) == "xlsx",
    "pptx": lambda path: _office_type(path) == "pptx",
}
_NAMES = {"jpg": "JPEG", "jpeg": "JPEG", "webp": "WebP"}


def _type_name(suffix: str) -> str:
    return _NAMES.get(suffix, suffix.upper())


def _actual_type(path: Path) -> str | None:
    """The type the bytes have, among the allowed ones, to name the right file extension."""
    office = _office_type(path)
    if office:
        return office
    return next((s for s in ("pdf", "png", "jpg", "webp") if _CHECKS[s](path)), None)


def _content_problem(path: Path, suffix: str) -> str | None:
    if suffix == "svg":
        return _svg_problem(path)
    if _CHECKS[suffix](path):
        return None
    actual = _actual_type(path)
    if actual:
        return (f"den heter .{suffix} men är en {_type_name(actual)}-fil. Byt filändelsen till .{actual} "
                "(och i länkarna till den)")
    return (f"den heter .{suffix} men är ingen {_type_name(suffix)}-fil (innehållet är av ett annat slag). "
            f"Spara filen som {_type_name(suffix)} på nytt från programmet den gjordes i, eller ta bort den")


# SVG: a strict safe subset ----------------------------------------------------------------------

def _svg_problem(path: Path) -> str | None:
    tree = _Tree()
    try:
        root = _parse_xml(path.read_bytes(), tree)
    except DefusedXmlException:
        return _unsafe_svg("en DOCTYPE- eller ENTITY-deklaration", "raden <!DOCTYPE …> eller <!ENTITY …>")
    except ParseError as exc:
        return (f"den går inte att läsa som SVG-bild (fel i XML-koden på rad {exc.position[0]}). "
                "Spara bilden på nytt som SVG eller som PNG")
    if root.tag != _SVG + "svg":
        return "den är ingen SVG-bild (den yttersta taggen är inte <svg>). Spara bilden på nytt som SVG eller som PNG"
    if tree.instructions:
        return _unsafe_svg(f"instruktionen <?{tree.instructions[0]} …?>", "den raden (utom den första, <?xml …?>)")
    found = next((p for element in root.iter() for p in _element_problems(element)), None)
    return _unsafe_svg(*found) if found else None


def _unsafe_svg(what: str, remove: str) -> str:
    return (f"SVG-bilden innehåller {what}, som kan köra kod eller hämta något från en annan plats när bilden "
            f"öppnas. Spara bilden som PNG i stället, eller ta bort {remove}")


_ANIMATIONS = ("set", "animate", "animatemotion", "animatetransform", "animatecolor")


def _element_problems(element) -> Iterator[tuple[str, str]]:
    name = _local(element.tag)
    if name.lower() in ("script", "foreignobject") or str(element.tag).startswith(_XHTML):
        yield f"elementet <{name}>", f"<{name}>"
    animated = element.get("attributeName", "").strip().rsplit(":", 1)[-1].lower()  # "xlink:href" → "href"
    if name.lower() in _ANIMATIONS and animated in ("href", "src"):
        yield f"en animering av en länk (<{name} attributeName=\"{element.get('attributeName')}\">)", f"<{name}>"
    for key, value in element.attrib.items():
        yield from _attribute_problems(_local(key), key, value)
    if name == "style":
        yield from _css_problems("".join(element.itertext()), "<style>", css=True)


def _attribute_problems(name: str, key: str, value: str) -> Iterator[tuple[str, str]]:
    if name.lower().startswith("on"):
        yield f"attributet {name}", f"attributet {name}=\"…\""
    elif name.lower() in ("href", "src") and not value.strip().startswith("#"):
        yield f"en länk till '{value[:60]}'", f"länken {name}=\"{value[:60]}\""
    elif key == _XML_BASE:
        yield "attributet xml:base", "attributet xml:base"
    elif "javascript:" in re.sub(r"\s", "", value).lower():
        yield "en javascript:-adress", f"attributet {name}"
    else:
        yield from _css_problems(value, f"attributet {name}", css=name == "style")


_URL = re.compile(r"url\(\s*(?![\"']?\s*#)", re.I)  # url(…) to anything but #fragment
_CSS = re.compile(r"@import|\\", re.I)  # an import, or a CSS escape that could hide url( or @import


def _css_problems(text: str, where: str, css: bool) -> Iterator[tuple[str, str]]:
    if _URL.search(text) or (css and _CSS.search(text)):
        yield f"en hänvisning till en annan fil ({where})", f"url(…) eller @import i {where}"


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1]


# The allow-list -------------------------------------------------------------------------------

def owner(relative: str) -> str | None:
    """The src_uri of the entry whose attachment folder holds the file: projects/files/x/a.pdf → projects/x.md."""
    parts = PurePosixPath(relative).parts
    if len(parts) >= 4 and parts[0] in SECTIONS.values() and parts[1] == ATTACHMENTS:
        return f"{parts[0]}/{parts[2]}.md"
    return None


_SYMLINK = ("den är en genväg (symbolisk länk) till en annan plats, och en genväg kan visa filer utanför "
            "Kunskapsbanken. Ersätt genvägen med en kopia av det den pekar på")


def file_problem(root: Path, relative: str) -> str | None:
    """Why the file at root/relative cannot be published as an attachment (Swedish, with the fix); None if it can."""
    path = root / relative
    if _through_symlink(root, relative):
        return _SYMLINK
    if not stat.S_ISREG(path.lstat().st_mode):
        return "den är ingen vanlig fil. Ta bort den"
    suffix = PurePosixPath(relative).suffix.lower().lstrip(".")
    if owner(relative) is None or suffix not in (*_CHECKS, "svg"):
        return _NOT_ALLOWED + _where_to(relative, suffix)
    return _content_problem(path, suffix)


def _through_symlink(root: Path, relative: str) -> bool:
    parts = PurePosixPath(relative).parts
    return any((root.joinpath(*parts[:i])).is_symlink() for i in range(1, len(parts) + 1))


def _where_to(relative: str, suffix: str) -> str:
    if suffix in ("md", "markdown"):
        return " eller flytta den: ett projekt hör hemma i content/projects/, en vägledning i content/guides/"
    if suffix in (*_CHECKS, "svg"):
        return " eller flytta den till content/projects/files/<projektets filnamn>/ (eller guides/files/…)"
    return ", eller spara den som PDF och lägg den i content/projects/files/<projektets filnamn>/"


def attachment_problem(root: Path, relative: str, entries: set[str], drafts: set[str]) -> str | None:
    """As file_problem, and the file's entry must exist and, when drafts names it, it is a draft's."""
    why = file_problem(root, relative)
    if why:
        return why
    entry = owner(relative)
    if entry not in entries:
        return (f"den ligger i mappen {PurePosixPath(relative).parts[1]}/{PurePosixPath(relative).parts[2]}/, "
                f"men content/{entry} finns inte. Flytta filen till mappen för sidans eget filnamn")
    if entry in drafts:
        return (f"den hör till utkastet content/{entry} (draft: true), och ett utkasts bilagor publiceras inte. "
                "Ta bort länken eller publicera utkastet")
    return None


def _walk(root: Path) -> Iterator[str]:
    """The POSIX path, relative to root, of every visible file and symlink; symlinks are not followed."""
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        linked = [d for d in dirs if (here / d).is_symlink()]  # listed as folders, never entered
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for name in sorted((*names, *linked)):
            if not name.startswith("."):
                yield (here / name).relative_to(root).as_posix()


def check(root: Path, checked: Iterable[Path], corpus_entries: Iterable[Entry]) -> list[Diagnostic]:
    """An error for every file under root that is not published, and for attachment folders of no entry."""
    entries = {p.relative_to(root).as_posix() for p in checked}
    problems = []
    for relative in _walk(root):
        if relative in entries:
            continue
        why = file_problem(root, relative)
        if why:
            problems.append(error(root / relative, 1, "", f"filen content/{relative} publiceras inte: {why}"))
    return problems + _orphan_folders(root, entries) + _documents_elsewhere(root, entries, corpus_entries)


def _orphan_folders(root: Path, entries: set[str]) -> list[Diagnostic]:
    problems = []
    for section, folder in _attachment_folders(root):
        if f"{section}/{folder.name}.md" in entries:
            continue
        guess = closest(folder.name, sorted(PurePosixPath(e).stem for e in entries if e.startswith(f"{section}/")))
        problems.append(error(folder, 1, "", (
            f"mappen content/{section}/{ATTACHMENTS}/{folder.name}/ hör inte till någon sida: "
            f"content/{section}/{folder.name}.md finns inte, så filerna i mappen publiceras inte. "
            "Byt namn på mappen till sidans filnamn (utan .md) eller ta bort den"
            + (f" – menade du '{guess}'?" if guess else ""))))
    return problems


def _attachment_folders(root: Path) -> Iterator[tuple[str, Path]]:
    """(section, folder) of every visible folder files/<slug>/; symlinks are reported, not entered."""
    for section in SECTIONS.values():
        files = root / section / ATTACHMENTS
        if files.is_dir() and not files.is_symlink():
            yield from ((section, child) for child in sorted(files.iterdir())
                        if child.is_dir() and not child.is_symlink() and not child.name.startswith("."))


def _documents_elsewhere(root: Path, entries: set[str], corpus_entries: Iterable[Entry]) -> list[Diagnostic]:
    """A published entry's documents file in a draft's or no entry's folder would not be published."""
    corpus_entries = list(corpus_entries)
    drafts = {e.src_uri for e in corpus_entries if e.draft}
    problems = []
    for entry in corpus_entries:
        for document in entry.documents if not entry.draft else ():
            if document.file and owner(document.file) not in (None, entry.src_uri):
                why = attachment_problem(root, document.file, entries, drafts)
                if why:
                    problems.append(error(entry.path, entry.line("documents"), "documents",
                                          f"filen '{document.file}' i documents publiceras inte: {why}"))
    return problems


def published(root: Path, entries: Iterable[str]) -> set[str]:
    """The POSIX paths, relative to root, of every file the site publishes from root.

    entries are the src_uris of the published entries (no drafts): their attachments come along.
    """
    entries = set(entries)
    found = set()
    for relative in _walk(root):
        if relative in entries or (owner(relative) in entries and file_problem(root, relative) is None):
            found.add(relative)
    return found
