"""Personal identity numbers wherever they hide: every common spelling, in the body, in front matter
and in attached files (PDF, DOCX, XLSX, PPTX), and attachments that cannot be read are warned of."""

from __future__ import annotations

import io
import json
import os
import re
import struct
import subprocess
import sys
import unicodedata
import zipfile
import zlib

import pytest

from conftest import REPO, VALID_PROJECT, line_of, swap
from generator import attachments, search
from generator.cli import main
from generator.site import load_site
from pdfmaker import make_pdf
from siteutil import FIXTURE_CONTENT, build, copy_fixture, fixture_site  # noqa: F401 (pytest fixture)

BODY_END = "Att ge barnen en röst i samtalen."
NUMBER = "19121212-1212"
MASKED = "19121212-****"

# (id, spelling): how Word, a web page or a copy from a case system writes 19121212-1212.
SPELLINGS = [
    ("en-dash", "19121212–1212"),
    ("em-dash", "19121212—1212"),
    ("minus-sign", "19121212−1212"),
    ("non-breaking-hyphen", "19121212\u20111212"),
    ("space", "19121212 1212"),
    ("no-break-space", "19121212\u00a01212"),
    ("thin-space", "19121212\u20091212"),
    ("zero-width-space", "1912\u200b1212-1212"),
    ("zero-width-joiner", "191212\u200d12-1212"),
    ("soft-hyphen", "19121\u00ad212-1212"),
    ("bidi-mark", "1912\u200f1212-12\u200e12"),
    ("entity", "&#49;9121212-1212"),
    ("hex-entity", "1912121&#x32;-1212"),
    ("entity-separator", "19121212&ndash;1212"),
    ("empty-element", "1912<b></b>1212-1212"),
    ("full-width", "１９１２１２１２－１２１２"),
]
SPELLING_IDS = [i for i, _s in SPELLINGS]
NOT_NUMBERS = [
    "19121212–1213",  # wrong check digit
    "19121312 1212",  # month 13
    "19121232\u200b-1212",  # day 32
    "Ring 08-508 250 00 eller 070-121 21 21.",
    "Mobil +46 70 121 21 21, växel 08–508 000 00.",
    "Budgeten var 750 000 kr 2012 och 1 212 121 kr 2013.",
    "Projektet pågick 2012–2013, och 2012 2013 2014 följdes det upp.",
    "ISBN 978-91-7173-123-4 och ISBN 9789171731234.",
    "Diarienummer 2012/1234-5678 och SN 2015/1234–1212.",
]


def with_body(extra: str) -> str:
    return swap(BODY_END, BODY_END + "\n\n" + extra)


def message(masked: str = MASKED) -> str:
    return (f"personnummer eller samordningsnummer ({masked}) i filen. Kunskapsbanken får aldrig "
            "innehålla uppgifter om enskilda: ta bort numret")


def assert_never_shown(kb, result, spelling: str) -> None:
    """Neither the number as written nor its digits in a row reach the output or the JSON report."""
    _status, payload = kb.check_json()
    for output in (result.out + result.err, json.dumps(payload, ensure_ascii=False)):
        assert spelling not in output and "1212-1212" not in output and "191212121212" not in output, output


# Spellings in the text ----------------------------------------------------------------------

@pytest.mark.parametrize("spelling", [s for _i, s in SPELLINGS], ids=SPELLING_IDS)
def test_every_spelling_in_the_body_is_reported_on_its_line(kb, spelling):
    text = with_body(f"Första raden.\n\nIntervjun med klienten ({spelling}) visade att stödet hjälpte.")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    finding = result.expect(path, line_of(text, "Intervjun"), f"({MASKED})")
    assert finding.text == message()
    assert_never_shown(kb, result, spelling)


@pytest.mark.parametrize("spelling", [s for _i, s in SPELLINGS], ids=SPELLING_IDS)
def test_every_spelling_in_a_front_matter_value_is_reported_on_its_line(kb, spelling):
    text = swap("owner: Södermalms stadsdelsförvaltning", f"owner: Södermalms stadsdelsförvaltning {spelling}")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "owner:"), f"({MASKED})")
    assert_never_shown(kb, result, spelling)


@pytest.mark.parametrize("spelling", [s for _i, s in SPELLINGS], ids=SPELLING_IDS)
def test_every_spelling_is_masked_where_a_message_quotes_a_value(kb, spelling):
    """An unknown district is quoted back to the editor: whatever the spelling, the number is masked.
    A spelling with an invisible character is answered by naming that character, without the value."""
    kb.project("stella.md", swap("  - Södermalm", f"  - Södermalm {spelling}"))
    result = kb.check()
    assert result.status == 1
    quoted = [f for f in result.findings if "okänt värde" in f.text]
    hidden = [f for f in result.findings if "tecken som inte syns" in f.text]
    assert (quoted and MASKED in quoted[0].text) or hidden, result.out
    assert_never_shown(kb, result, spelling)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_numbers_that_are_no_personal_numbers_are_not_reported(kb, text):
    kb.project("stella.md", with_body(text))
    kb.check().assert_clean()


def test_the_format_characters_are_those_of_unicode():
    """Zero-width and bidi characters are skipped by a class written out for speed: it must be
    exactly Unicode's category Cf as the running Python knows it."""
    from generator.personal_numbers import FORMAT_CHARACTERS

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(re.findall(f"[{FORMAT_CHARACTERS}]", everything)) == {
        c for c in everything if unicodedata.category(c) == "Cf"}


# Attachments ----------------------------------------------------------------------------------

REPORT_ENTRY = """documents:
  - title: Slutrapport
    kind: slutrapport
    year: 2016
    file: files/stella/{name}
"""
URL_ENTRY = """documents:
  - title: Slutrapport
    kind: slutrapport
    year: 2016
    url: https://example.org/slutrapport.pdf
"""
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def docx_bytes(paragraphs: list[str], shape=None) -> bytes:
    """A DOCX of the paragraphs, written by python-docx; `shape(document)` may add to it first."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if shape:
        shape(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_MAIN_TYPES = {"word/document.xml": "wordprocessingml.document", "xl/workbook.xml": "spreadsheetml.sheet",
               "ppt/presentation.xml": "presentationml.presentation"}


def content_types(main_part: str) -> str:
    """[Content_Types].xml naming the package's main part, as Office writes it (the allow-list checks it)."""
    kind = _MAIN_TYPES[main_part]
    return ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{main_part}" '
            f'ContentType="application/vnd.openxmlformats-officedocument.{kind}.main+xml"/></Types>')


def ooxml(parts: dict[str, str]) -> bytes:
    """A minimal DOCX, XLSX or PPTX: the parts a reader needs, written with zipfile."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types(next(iter(parts))))
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
    return out.getvalue()


def xlsx_bytes(cells: list[str]) -> bytes:
    shared = "".join(f"<si><t>{_xml(c)}</t></si>" for c in cells)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{n - 1}</v></c></row>' for n in range(1, len(cells) + 1))
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return ooxml({"xl/workbook.xml": f"<workbook {main}><sheets/></workbook>",
                  "xl/sharedStrings.xml": f"<sst {main}>{shared}</sst>",
                  "xl/worksheets/sheet1.xml": f"<worksheet {main}><sheetData>{rows}</sheetData></worksheet>"})


def pptx_bytes(slides: list[str]) -> bytes:
    main = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    parts = {"ppt/presentation.xml": f"<p:presentation {main}/>"}
    for n, text in enumerate(slides, start=1):
        parts[f"ppt/slides/slide{n}.xml"] = (f"<p:sld {main} {A}><p:cSld><p:spTree><p:sp><p:txBody>"
                                             f"<a:p><a:r><a:t>{_xml(text)}</a:t></a:r></a:p>"
                                             "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>")
    return ooxml(parts)


MAKERS = {
    "pdf": lambda texts: make_pdf(texts),
    "docx": docx_bytes,
    "xlsx": xlsx_bytes,
    "pptx": pptx_bytes,
}
# Where each format says the second text stands.
SECOND_PLACE = {"pdf": "sidan 2", "docx": "stycke 2", "xlsx": "", "pptx": "bild 2"}
FIRST_TEXT = "Slutrapport för projektet Stella."
PAGE = [FIRST_TEXT] * 25  # a whole page of the PDF: a line and a blank line each


def with_attachment(kb, name: str, data: bytes) -> tuple[str, str]:
    """A project that lists files/stella/<name>; returns its path as check prints it, and its text."""
    text = VALID_PROJECT.replace(URL_ENTRY, REPORT_ENTRY.format(name=name))
    kb.write(f"projects/files/stella/{name}", data)
    return kb.project("stella.md", text), text


def second_texts(kind: str, second: str) -> list[str]:
    return [*PAGE, second] if kind == "pdf" else [FIRST_TEXT, second]


@pytest.mark.parametrize("kind", list(MAKERS))
def test_a_number_in_an_attachment_fails_the_check_naming_it(kb, kind):
    data = MAKERS[kind](second_texts(kind, f"Intervju med klienten {NUMBER} om stödet."))
    path, text = with_attachment(kb, f"slutrapport.{kind}", data)
    result = kb.check()
    assert result.status == 1
    where = f", {SECOND_PLACE[kind]}" if SECOND_PLACE[kind] else ""
    finding = result.expect(path, line_of(text, "file: files/stella/"), f"({MASKED})")
    assert finding.text == (f"personnummer eller samordningsnummer ({MASKED}) i bilagan files/stella/slutrapport.{kind}"
                            f"{where}. Kunskapsbanken får aldrig innehålla uppgifter om enskilda: ta bort numret ur "
                            "bilagan och spara om den, eller ta bort bilagan")
    assert_never_shown(kb, result, NUMBER)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_number_in_an_unlisted_file_of_the_page_is_reported_on_line_1(kb, kind):
    """Every file in files/<slug>/ is published with the site, listed in documents or not."""
    path = kb.project("stella.md")
    kb.write(f"projects/files/stella/bilaga.{kind}", MAKERS[kind](["Bilaga.", f"Klient {NUMBER}."]))
    result = kb.check()
    assert result.status == 1
    result.expect(path, 1, f"({MASKED})", f"i bilagan files/stella/bilaga.{kind}")


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx"])
@pytest.mark.parametrize("spelling", [s for _i, s in SPELLINGS], ids=SPELLING_IDS)
def test_every_spelling_in_an_attachment_is_found(kb, kind, spelling):
    data = MAKERS[kind](second_texts(kind, f"Klienten {spelling} deltog."))
    path, text = with_attachment(kb, f"slutrapport.{kind}", data)
    result = kb.check()
    assert result.status == 1, result.out
    result.expect(path, line_of(text, "file: files/stella/"), f"({MASKED})", f"slutrapport.{kind}")


@pytest.mark.parametrize("kind", list(MAKERS))
def test_numbers_that_are_no_personal_numbers_in_an_attachment_pass(kb, kind):
    kb.project("stella.md", VALID_PROJECT.replace(URL_ENTRY, REPORT_ENTRY.format(name=f"rapport.{kind}")))
    kb.write(f"projects/files/stella/rapport.{kind}", MAKERS[kind](NOT_NUMBERS))
    kb.check().assert_clean()


def test_a_number_in_the_header_of_a_docx_is_found(kb):
    """python-docx's paragraphs leave out headers, footers, footnotes and text boxes."""
    def header(document):
        document.sections[0].header.paragraphs[0].text = f"Ärende {NUMBER}"

    path, text = with_attachment(kb, "slutrapport.docx", docx_bytes(["Slutrapport."], header))
    result = kb.check()
    result.expect(path, line_of(text, "file: files/stella/"), f"({MASKED})", "sidhuvudet")


def test_a_number_split_over_runs_of_a_docx_paragraph_is_found(kb):
    """Word splits a paragraph into runs wherever the formatting or the editing history changes."""
    def runs(document):
        paragraph = document.paragraphs[0]
        paragraph.add_run("1212").bold = True
        paragraph.add_run("–1212 deltog.")

    path, text = with_attachment(kb, "slutrapport.docx", docx_bytes(["Klient 1912"], runs))
    result = kb.check()
    result.expect(path, line_of(text, "file: files/stella/"), f"({MASKED})", "stycke 1")


def test_a_number_in_a_cell_value_of_an_xlsx_is_found(kb):
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    data = ooxml({"xl/workbook.xml": f"<workbook {main}/>",
                  "xl/worksheets/sheet1.xml": f'<worksheet {main}><sheetData><row r="1"><c r="A1"><v>191212121212</v>'
                                              "</c></row></sheetData></worksheet>"})
    path, text = with_attachment(kb, "tabell.xlsx", data)
    result = kb.check()
    result.expect(path, line_of(text, "file: files/stella/"), f"({MASKED})", "tabell.xlsx, blad 1")


# Attachments that cannot be read ----------------------------------------------------------------

UNREADABLE = "kan inte läsas"
CANNOT_CHECK = "så den kan inte kontrolleras för personnummer och hittas inte av sökningen; spara om den som PDF eller DOCX"


def encrypted_pdf(user_password: str, texts: list[str]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(texts))))
    writer.encrypt(user_password=user_password, owner_password="agare", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("name,data,why", [
    ("slutrapport.pdf", encrypted_pdf("hemligt", ["Slutrapport."]), "filen är låst med lösenord"),
    ("slutrapport.pdf", make_pdf([*PAGE, *PAGE])[:1500], "filen är avkortad"),
    ("slutrapport.xlsx", ooxml({"xl/workbook.xml": "<workbook/>", "xl/sharedStrings.xml": "<sst><si><t>Text</sst>"}),
     "filen är trasig"),
], ids=["encrypted-pdf", "truncated-pdf", "broken-xml"])
def test_an_attachment_that_cannot_be_read_is_a_warning(kb, name, data, why):
    path, text = with_attachment(kb, name, data)
    result = kb.check()
    assert result.status == 0, result.out  # a warning: the page may be published, but someone must look
    finding = result.expect(path, line_of(text, "file: files/stella/"), UNREADABLE, why, level="varning")
    assert finding.text.startswith(f"texten i bilagan files/stella/{name} kan inte läsas (")
    assert finding.text.endswith(CANNOT_CHECK)
    assert kb.check("--strict").status == 1


@pytest.mark.parametrize("name,data", [
    ("slutrapport.pdf", b"Ingen PDF alls, bara text.\n"),
    ("slutrapport.docx", make_pdf(["Slutrapport."])),
    ("slutrapport.docx", docx_bytes(["Slutrapport."])[:2000]),
    ("slutrapport.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),  # old Word, or encrypted
], ids=["not-a-pdf", "pdf-named-docx", "truncated-docx", "ole"])
def test_an_attachment_that_is_not_what_its_name_says_is_one_error_not_also_a_warning(kb, name, data):
    """The allow-list refuses it (it is never published), so its text is not read and not warned about."""
    path, text = with_attachment(kb, name, data)
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "file: files/stella/"), f"filen 'files/stella/{name}' i documents publiceras inte")
    assert not any(UNREADABLE in f.text for f in result.findings), result.out


def test_a_pdf_locked_only_against_editing_is_still_checked(kb):
    path, text = with_attachment(kb, "slutrapport.pdf", encrypted_pdf("", ["Slutrapport.", f"Klient {NUMBER}."]))
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "file: files/stella/"), f"({MASKED})")


def test_a_pdf_over_the_page_limit_is_checked_as_far_as_read_and_warned_of(kb, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_PDF_PAGES", 2)
    path, text = with_attachment(kb, "slutrapport.pdf", make_pdf([*PAGE, f"Klient {NUMBER}.", *PAGE]))
    result = kb.check()
    line = line_of(text, "file: files/stella/")
    result.expect(path, line, f"({MASKED})", "sidan 2")
    result.expect(path, line, UNREADABLE, "filen har fler än 2 sidor", level="varning")


def test_a_second_check_reads_the_attachment_from_the_cache(kb, monkeypatch):
    path, text = with_attachment(kb, "slutrapport.pdf", make_pdf(["Slutrapport.", f"Klient {NUMBER}."]))
    first = kb.check()
    monkeypatch.setattr(attachments, "_read", lambda p: pytest.fail(f"{p} was read again"))
    second = kb.check()
    assert second.out == first.out and second.status == 1
    assert list((kb.base / ".cache" / "kunskapsbank-bilagor").iterdir())


# Zip bombs: a small file whose parts declare, or really unpack to, a gigabyte --------------------

GIGABYTE = 1 << 30


def _deflated_spaces(size: int) -> tuple[bytes, int]:
    """An XML document padded with `size` spaces, raw-deflated; and its CRC. A full flush resets the
    compressor, so every megabyte of spaces deflates to the same bytes: deflated once, repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = f"<w:document {W}><w:body><w:p><w:r><w:t>{NUMBER}</w:t></w:r></w:p>".encode()
    chunk = b" " * (1 << 20)
    start = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return start + block * (size // len(chunk)) + packer.flush(), crc


def _zip_by_hand(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP whose headers say what we like: (name, deflated data, declared size, CRC) per member."""
    body, directory = bytearray(), bytearray()
    for name, data, size, crc in members:
        encoded = name.encode()
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                 len(encoded), 0, 0, 0, 0, 0, len(body)) + encoded
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        body += encoded + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(body), 0)
    return bytes(body + directory + end)


@pytest.fixture(scope="module")
def gigabyte_of_spaces() -> tuple[bytes, int]:
    return _deflated_spaces(GIGABYTE)


def _bomb(kind: str, spaces: tuple[bytes, int]) -> bytes:
    data, crc = spaces
    types = content_types("word/document.xml").encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_types = packer.compress(types) + packer.flush()
    declared = {"declares": GIGABYTE + 200, "lies": 4096, "under-the-total": 150 * 1024 * 1024}[kind]
    return _zip_by_hand([("[Content_Types].xml", packed_types, len(types), zlib.crc32(types)),
                         ("word/document.xml", data, declared, crc)])


@pytest.mark.parametrize("kind", ["declares", "lies", "under-the-total"])
def test_a_zip_bomb_docx_is_a_warning_within_seconds_and_bounded_memory(tmp_path, gigabyte_of_spaces, kind):
    bomb = _bomb(kind, gigabyte_of_spaces)
    assert len(bomb) < 2 * 1024 * 1024
    (tmp_path / "content" / "projects" / "files" / "stella").mkdir(parents=True)
    (tmp_path / "content" / "guides").mkdir()
    (tmp_path / "content" / "projects" / "files" / "stella" / "slutrapport.docx").write_bytes(bomb)
    (tmp_path / "content" / "projects" / "stella.md").write_text(
        VALID_PROJECT.replace(URL_ENTRY, REPORT_ENTRY.format(name="slutrapport.docx")), encoding="utf-8")
    limit = 1536 * 1024 * 1024
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d, %d)); "
            "from generator.cli import main; sys.exit(main(['check', 'content']))" % (limit, limit))
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "content/projects/stella.md:" in done.stdout and "varning: texten i bilagan files/stella/slutrapport.docx " \
        "kan inte läsas" in done.stdout, done.stdout


# The search never carries a number ----------------------------------------------------------

NUMBERED_REPORT = make_pdf(["Slutrapport Alfaprojektet.", f"Intervju med klienten {NUMBER} om boendestödet."])


def test_a_site_whose_attachment_has_a_number_is_not_built(tmp_path, monkeypatch, capsys):
    content = copy_fixture(tmp_path)
    (content / "projects" / "files" / "alfa-projektet" / "slutrapport.pdf").write_bytes(NUMBERED_REPORT)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "content"]) == 1
    assert f"({MASKED}) i bilagan files/alfa-projektet/slutrapport.pdf" in capsys.readouterr().out
    site = tmp_path / "site"
    assert build(content, site, tmp_path) != 0
    assert not (site / "pagefind").exists()


def test_the_search_copy_masks_a_number_in_an_attachment(fixture_site, tmp_path):
    """The second layer: were a file changed after its check, the search copy still shows no number."""
    indexes = load_site(FIXTURE_CONTENT).renderer.indexes
    content = copy_fixture(tmp_path)
    (content / "projects" / "files" / "alfa-projektet" / "slutrapport.pdf").write_bytes(NUMBERED_REPORT)
    records, words = search.build_records(indexes, fixture_site, content)
    copy = next(r.html for r in records if r.url == "/projects/alfa-projektet/")
    assert "klienten" in copy and MASKED in copy
    assert all(NUMBER not in r.html and "1212-1212" not in r.html for r in records)
