"""The text of attached files (PDF, DOCX, XLSX, PPTX), read within limits and cached by content hash.

`kunskapsbank check` reads it to find personal numbers in attachments, and the search step to index
it. A file is read only as far as the limits allow, so a small file that unpacks to gigabytes (a
"zip bomb") or a PDF of 100 000 pages cannot take the machine's memory or the build's time; what
cannot be read, or not read whole, comes back with the reason, in Swedish, for a warning.

- PDF: pypdf (which caps each decompressed stream itself), at most MAX_PDF_PAGES pages.
- DOCX, XLSX, PPTX: their XML parts straight from the ZIP with zipfile and a streaming SAX parser
  (defusedxml's, which refuses DTDs and entities), not python-docx, openpyxl or python-pptx: those
  build the whole document tree in memory, and python-docx reads neither headers, footers,
  footnotes, comments nor text boxes, where a number may stand as well as in the body. The sizes
  the ZIP declares are checked before anything is unpacked, and every part is unpacked through a
  counter, so a header that lies about its size cannot get past the limit either.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml.common import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

MB = 1024 * 1024
# Beside mkdocs.yml for a build, beside the content root for check: the same folder in a checkout.
CACHE_FOLDER = Path(".cache") / "kunskapsbank-bilagor"
MAX_FILE_BYTES = 200 * MB
MAX_UNPACKED_BYTES = 200 * MB  # all parts of a DOCX, XLSX or PPTX together, as declared and as unpacked
MAX_RATIO = 100  # a part that unpacks to more than 100 times its packed size (and over RATIO_FROM)
RATIO_FROM = 10 * MB
MAX_PDF_PAGES = 2_000
MAX_TEXT_CHARS = 20_000_000  # about 8 000 pages of text
_CHUNK = 64 * 1024
# The cache's file names carry this, so a change in what is read or how reads every file again.
_CACHE_VERSION = "v2"

# The parts of each format that hold text a reader sees, and how a finding there is placed.
_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}
_PARTS = {
    ".docx": re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml|docProps/(core|app)\.xml"),
    ".xlsx": re.compile(r"xl/(sharedStrings|worksheets/sheet\d+|comments\d*)\.xml|docProps/(core|app)\.xml"),
    ".pptx": re.compile(r"ppt/(slides/slide\d+|notesSlides/notesSlide\d+|comments/comment\d+)\.xml"
                        r"|docProps/(core|app)\.xml"),
}
_PLACES = [
    (re.compile(r"word/header"), "sidhuvudet"), (re.compile(r"word/footer"), "sidfoten"),
    (re.compile(r"word/footnotes"), "fotnoterna"), (re.compile(r"word/endnotes"), "slutnoterna"),
    (re.compile(r"comments"), "kommentarerna"), (re.compile(r"docProps/"), "dokumentets egenskaper"),
    (re.compile(r"xl/worksheets/sheet(\d+)"), "blad {0}"), (re.compile(r"ppt/slides/slide(\d+)"), "bild {0}"),
    (re.compile(r"ppt/notesSlides/notesSlide(\d+)"), "anteckningarna till bild {0}"),
]
_TEXT_ELEMENTS = {"t", "delText", "v"}  # w:t, a:t, w:delText (tracked deletions), and cell values
_PARAGRAPH_ELEMENTS = {"p", "si", "c"}  # w:p and a:p, a shared string, a cell
READABLE = (".pdf", *_MAIN_PART)
_KIND_NAMES = {".pdf": "PDF", ".docx": "Word-fil (DOCX)", ".xlsx": "Excel-fil (XLSX)",
               ".pptx": "PowerPoint-fil (PPTX)"}


@dataclass(frozen=True)
class Passage:
    where: str  # "sidan 3", "stycke 12", "blad 2", "bild 4", "sidhuvudet", or "" where no place is known
    text: str


@dataclass(frozen=True)
class AttachmentText:
    passages: list[Passage]
    problem: str | None = None  # why the text, or part of it, could not be read; Swedish

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.passages)


class UnreadableAttachment(Exception):
    """The file's text cannot be read, or not all of it (broken, locked, over a limit, not what its
    name says); the message says why, in Swedish."""


def is_readable(path: Path) -> bool:
    return path.suffix.lower() in READABLE


# PDF -----------------------------------------------------------------------------------------

def _read_pdf(path: Path) -> AttachmentText:
    from pypdf import PasswordType, PdfReader

    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, path.stat().st_size - 2048))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise UnreadableAttachment(f"filen är ingen {_KIND_NAMES['.pdf']}, fast namnet slutar på .pdf")
    if b"%%EOF" not in tail:
        raise UnreadableAttachment("filen är avkortad: slutet av den saknas")
    reader = PdfReader(str(path))
    # Many reports are "encrypted" with an empty password, only to stop editing; those can be read.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise UnreadableAttachment("filen är låst med lösenord")
    passages, size = [], 0
    for number, page in enumerate(reader.pages, start=1):
        if number > MAX_PDF_PAGES:
            return AttachmentText(passages, f"filen har fler än {MAX_PDF_PAGES:,} sidor".replace(",", " "))
        text = page.extract_text() or ""
        size += len(text)
        if size > MAX_TEXT_CHARS:
            return AttachmentText(passages, "texten är för lång")
        passages.append(Passage(f"sidan {number}", text))
    return AttachmentText(passages)


# DOCX, XLSX, PPTX ------------------------------------------------------------------------------

class _TextCollector(ContentHandler):
    """The text of one XML part, paragraph by paragraph, without building a tree."""

    def __init__(self, every_element: bool):
        super().__init__()
        self.every_element = every_element  # document properties: each element is a value
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._in_text = False
        self._shared_string_cell = False

    def startElement(self, name, attrs):
        local = name.rpartition(":")[2]
        if local == "c":
            self._shared_string_cell = attrs.get("t") == "s"  # its value is a number in sharedStrings.xml
        self._in_text = self.every_element or (local in _TEXT_ELEMENTS
                                               and not (local == "v" and self._shared_string_cell))

    def characters(self, content):
        if self._in_text:
            self._current.append(content)

    def endElement(self, name):
        self._in_text = False
        if self.every_element or name.rpartition(":")[2] in _PARAGRAPH_ELEMENTS:
            self.end_paragraph()

    def end_paragraph(self) -> None:
        if self._current:
            self.paragraphs.append("".join(self._current))
            self._current = []


class _Budget:
    """Bytes left to unpack; the check happens as the bytes come, whatever the header said."""

    def __init__(self, limit: int):
        self.left = limit

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise UnreadableAttachment(f"filen packas upp till mer än {MAX_UNPACKED_BYTES // MB} MB")


def _open_zip(path: Path, suffix: str) -> zipfile.ZipFile:
    kind = _KIND_NAMES[suffix]
    with path.open("rb") as handle:
        if handle.read(4) == b"\xd0\xcf\x11\xe0":  # an OLE file: Office's own encryption or the old format
            raise UnreadableAttachment(f"filen är låst med lösenord eller sparad i ett äldre format än {kind}")
    if not zipfile.is_zipfile(path):
        raise UnreadableAttachment(f"filen är ingen {kind}, fast namnet slutar på {suffix}")
    archive = zipfile.ZipFile(path)
    infos = archive.infolist()
    if _MAIN_PART[suffix] not in {i.filename for i in infos}:
        raise UnreadableAttachment(f"filen är ingen {kind}: delen {_MAIN_PART[suffix]} saknas")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise UnreadableAttachment(f"filen packas upp till mer än {MAX_UNPACKED_BYTES // MB} MB")
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableAttachment(f"delen {info.filename} packas upp till {info.file_size // MB} MB "
                                       f"från {info.compress_size // 1024} kB, som en så kallad zip-bomb")
        if info.flag_bits & 0x1:
            raise UnreadableAttachment("filen är låst med lösenord")
    return archive


def _part_paragraphs(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> list[str]:
    collector = _TextCollector(every_element=info.filename.startswith("docProps/"))
    parser = DefusedExpatParser(forbid_dtd=True)
    parser.setContentHandler(collector)
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            budget.take(len(chunk))
            parser.feed(chunk)
    parser.close()
    collector.end_paragraph()
    return collector.paragraphs


def _place(part: str) -> str:
    for pattern, label in _PLACES:
        match = pattern.match(part) or pattern.search(part)
        if match:
            return label.format(*match.groups())
    return ""


def _part_order(info: zipfile.ZipInfo) -> tuple:
    """Slides and sheets by number (slide10 after slide9), the document first."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", info.filename))


def _read_office(path: Path) -> AttachmentText:
    suffix = path.suffix.lower()
    with _open_zip(path, suffix) as archive:
        budget, passages, size = _Budget(MAX_UNPACKED_BYTES), [], 0
        parts = sorted((i for i in archive.infolist() if _PARTS[suffix].fullmatch(i.filename)), key=_part_order)
        for info in parts:
            paragraphs = _part_paragraphs(archive, info, budget)
            size += sum(map(len, paragraphs))
            if size > MAX_TEXT_CHARS:
                return AttachmentText(passages, "texten är för lång")
            if info.filename == "word/document.xml":
                passages += [Passage(f"stycke {n}", p) for n, p in enumerate(paragraphs, start=1)]
            elif paragraphs:
                passages.append(Passage(_place(info.filename), "\n".join(paragraphs)))
    return AttachmentText(passages)


# Reading with the cache ------------------------------------------------------------------------

def _read(path: Path) -> AttachmentText:
    if path.stat().st_size > MAX_FILE_BYTES:
        return AttachmentText([], f"filen är större än {MAX_FILE_BYTES // MB} MB")
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # its warnings about damaged files would go to stderr raw
    try:
        read = _read_pdf(path) if path.suffix.lower() == ".pdf" else _read_office(path)
    except UnreadableAttachment as exc:
        return AttachmentText([], str(exc))
    except (SAXException, DefusedXmlException) as exc:
        return AttachmentText([], f"filen är trasig: {exc}")
    except Exception as exc:  # pypdf and zipfile raise many kinds for a broken file
        return AttachmentText([], f"filen är trasig eller avkortad ({type(exc).__name__}: {exc})")
    finally:
        pypdf_log.setLevel(level)
    return AttachmentText([Passage(p.where, unicodedata.normalize("NFC", p.text.replace("\x00", "")))
                           for p in read.passages], read.problem)


def _cache_file(path: Path, cache_dir: Path) -> Path:
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return cache_dir / f"{digest}{path.suffix.lower()}.{_CACHE_VERSION}.json"


def read_attachment(path: Path, cache_dir: Path | None = None) -> AttachmentText:
    """The text of a PDF, DOCX, XLSX or PPTX file, passage by passage, and why not all of it could be
    read if so; no passages for other kinds of file.

    Extraction is slow (pypdf reads every page), so it is cached by the file's content hash: a
    second check or a rebuild re-reads only changed attachments, and the result does not depend on
    the cache.
    """
    if not is_readable(path):
        return AttachmentText([])
    cached = _cache_file(path, cache_dir) if cache_dir is not None else None
    if cached is not None and cached.is_file():
        data = json.loads(cached.read_text(encoding="utf-8"))
        return AttachmentText([Passage(w, t) for w, t in data["passages"]], data["problem"])
    read = _read(path)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        data = {"passages": [[p.where, p.text] for p in read.passages], "problem": read.problem}
        cached.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return read


def attachment_text(path: Path, cache_dir: Path | None = None) -> str:
    """The plain text of an attachment for the search ('' for other kinds or scanned images), tidied.
    Raises UnreadableAttachment for a file that could not be read whole."""
    read = read_attachment(path, cache_dir)
    if read.problem:
        raise UnreadableAttachment(read.problem)
    return _tidy(read.text)


def _tidy(text: str) -> str:
    """Join words split at line ends ("utbild-\\nning") and collapse layout whitespace."""
    text = re.sub(r"(\w)-\s*\n\s*([a-zåäö])", r"\1\2", text)
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)
