"""One allow-list of what is published from content/: `check` names every other file, the build leaves it out.

The side doors are the ways a file used to reach the site without being checked: a page in
another format, a script, a file of the wrong type under an attachment's name, a symlink, a
draft's or a deleted page's attachments.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import docx
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from conftest import VALID_PROJECT, line_of, swap
from siteutil import FIXTURE_CONTENT, REPO, build, write_config

PDF = (FIXTURE_CONTENT / "projects" / "files" / "alfa-projektet" / "slutrapport.pdf").read_bytes()
SAFE_SVG = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><title>Diagram</title>'
            b'<defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient></defs>'
            b'<rect id="r" width="10" height="10" fill="url(#g)"/><use xlink:href="#r"/></svg>\n')
SCRIPT = b"<script>document.title='kb-kapad-7f3'</script>"
PASSWD = Path("/etc/passwd").read_bytes().split(b"\n", 1)[0]


def png() -> bytes:
    """A real 1 × 1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00\x33\x66"))
            + chunk(b"IEND", b""))


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Slutrapport om föräldrastöd.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


VALID = {"slutrapport.pdf": PDF, "rapport.docx": word_file(), "diagram.png": png(), "diagram.svg": SAFE_SVG}


def outside(kb) -> Path:
    """A folder beside content/, outside what the bank publishes, with a file worth stealing."""
    folder = kb.base / "utanfor"
    folder.mkdir(exist_ok=True)
    (folder / "hemlig.pdf").write_bytes(PDF)
    return folder


def symlink(kb, relative: str, target: Path) -> str:
    path = kb.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    return f"content/{relative}"


# id: (make it in a content root → the path check names, what the message says)
SIDE_DOORS = {
    "html-with-script": (lambda kb: kb.write("sida.html", b"<html><body>" + SCRIPT + b"</body></html>"),
                         ["bara projekt och vägledningar (.md)", "Ta bort filen"]),
    "md-outside-sections": (lambda kb: kb.write("om.md", "# Om banken\n"), ["content/projects/", "content/guides/"]),
    "mkd-page": (lambda kb: kb.write("projects/gammal.mkd", "# Gammal\n"), ["bara projekt och vägledningar"]),
    "md-in-files": (lambda kb: kb.write("projects/files/stella/anteckningar.md", "# Anteckningar\n"),
                    ["bara projekt och vägledningar"]),
    "txt-in-files": (lambda kb: kb.write("projects/files/stella/lasmig.txt", "hej\n"), ["spara den som PDF"]),
    "symlink-to-passwd": (lambda kb: symlink(kb, "projects/files/stella/passwd.pdf", Path("/etc/passwd")),
                          ["genväg (symbolisk länk)", "kopia"]),
    "symlinked-folder": (lambda kb: symlink(kb, "projects/files/stella/extern", outside(kb)),
                         ["genväg (symbolisk länk)"]),
    "svg-with-script": (lambda kb: kb.write("projects/files/stella/bild.svg",
                                            b'<svg xmlns="http://www.w3.org/2000/svg">' + SCRIPT + b"</svg>"),
                        ["<script>", "PNG"]),
    "svg-with-onload": (lambda kb: kb.write("projects/files/stella/knapp.svg",
                                            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
                        ["onload"]),
    "exe-named-pdf": (lambda kb: kb.write("projects/files/stella/program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60),
                      ["heter .pdf men är ingen PDF-fil"]),
    "pdf-named-docx": (lambda kb: kb.write("projects/files/stella/rapport2.docx", PDF),
                       ["heter .docx men är en PDF-fil", "Byt filändelsen till .pdf"]),
    "orphan-folder": (lambda kb: kb.write("projects/files/gamla-stella/slutrapport.pdf", PDF).rsplit("/", 1)[0],
                      ["hör inte till någon sida", "content/projects/gamla-stella.md finns inte", "'stella'"]),
}


@pytest.mark.parametrize("door", SIDE_DOORS)
def test_check_names_a_file_that_would_not_be_published(kb, door):
    make, fragments = SIDE_DOORS[door]
    kb.project("stella.md")
    path = make(kb)
    result = kb.check()
    assert result.status == 1
    result.expect(path, 1, "publiceras inte", *fragments)
    assert [f.path for f in result.findings] == [path], result.out  # the one file, nothing else


def collected(kb, tmp_path) -> set[str]:
    """What MkDocs would build from kb's content, with the plugin's on_files applied and check skipped."""
    from generator.site import load_site

    config = load_config(str(write_config(tmp_path, kb.root, tmp_path / "site")))
    plugin = config.plugins["kunskapsbank"]
    plugin.model = load_site(kb.root)  # on_config would refuse the content: this is a build that skipped check
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return {f.src_uri for f in config.plugins.on_files(files, config=config)}


@pytest.mark.parametrize("door", SIDE_DOORS)
def test_the_build_leaves_out_a_file_that_check_names(kb, tmp_path, door):
    kb.project("stella.md")
    path = SIDE_DOORS[door][0](kb).removeprefix("content/")
    built = collected(kb, tmp_path)
    assert not [uri for uri in built if uri == path or uri.startswith(path + "/")]
    assert {"projects/stella.md", "assets/kunskapsbank.css"} <= built


def bypass_check(monkeypatch):
    # On the old code there is no such call: the build then shows what it published unchecked.
    monkeypatch.setattr("generator.corpus.check_published", lambda *args: [], raising=False)


def test_a_build_that_skipped_check_publishes_only_entries_and_attachments(kb, tmp_path, monkeypatch):
    kb.project("stella.md")
    for name, data in VALID.items():
        kb.write(f"projects/files/stella/{name}", data)
    kb.write("projects/files/stella/bilder/foto.png", png())  # attachments may have subfolders
    doors = [make(kb).removeprefix("content/") for make, _ in SIDE_DOORS.values()]
    kb.write("assets/kunskapsbank.css", b"/* kb-kapad-7f3 */ body { display: none }")  # would hide the theme's
    bypass_check(monkeypatch)
    site = tmp_path / "site"
    assert build(kb.root, site, tmp_path) == 0
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    leaked = [d for d in doors if any(p == d or p.startswith(d + "/") or p.startswith(d.rsplit(".", 1)[0] + "/")
                                      for p in published)]
    assert leaked == []
    assert not [p for p in published if b"kb-kapad-7f3" in (site / p).read_bytes() or PASSWD in (site / p).read_bytes()]
    for name, data in {**VALID, "bilder/foto.png": png()}.items():
        assert (site / "projects/files/stella" / name).read_bytes() == data
    assert (site / "assets/kunskapsbank.css").read_bytes() == (REPO / "theme/assets/kunskapsbank.css").read_bytes()


DRAFT = swap("status: avslutat", "status: avslutat\ndraft: true")


def test_a_drafts_attachments_pass_check_but_are_not_published(kb, tmp_path):
    kb.project("stella.md")
    kb.project("utkast.md", DRAFT)
    kb.write("projects/files/utkast/projektplan.pdf", PDF)
    kb.write("projects/files/stella/slutrapport.pdf", PDF)
    kb.write(".DS_Store", b"\x00\x00\x00\x01Bud1")  # hidden files are ignored, never published
    kb.write("projects/files/utkast/.gitkeep", b"")
    kb.check().assert_clean()
    site = tmp_path / "site"
    assert build(kb.root, site, tmp_path) == 0
    assert (site / "projects/files/stella/slutrapport.pdf").is_file()
    assert not (site / "projects/files/utkast").exists() and not (site / ".DS_Store").exists()


def test_a_link_to_a_drafts_attachment_is_an_error(kb):
    kb.project("utkast.md", DRAFT)
    kb.write("projects/files/utkast/projektplan.pdf", PDF)
    text = VALID_PROJECT + "\nSe [planen](files/utkast/projektplan.pdf).\n"
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "Se [planen]"), "inte publiceras", "utkastet content/projects/utkast.md")
    assert result.status == 1


@pytest.mark.parametrize("name, renamed", [("slutrapport.pdf", "slutrapport.docx"), ("rapport.docx", "rapport.xlsx"),
                                           ("diagram.png", "diagram.jpg"), ("diagram.svg", "diagram.webp")])
def test_a_valid_attachment_passes_and_the_same_bytes_under_another_type_do_not(kb, name, renamed):
    kb.project("stella.md")
    kb.write(f"projects/files/stella/{name}", VALID[name])
    kb.check().assert_clean()
    kb.remove(f"projects/files/stella/{name}")
    path = kb.write(f"projects/files/stella/{renamed}", VALID[name])
    result = kb.check()
    assert result.status == 1
    result.expect(path, 1, "publiceras inte", f"heter .{renamed.rsplit('.', 1)[1]}")


@pytest.mark.parametrize("svg, what", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
     b"</foreignObject></svg>", "<foreignObject>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/>'
     b"</a></svg>", "animering"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     b'<image xlink:href="https://example.org/spar.png"/></svg>', "https://example.org/spar.png"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://example.org/f.svg#a)"/></svg>',
     "annan fil"),
    (b'<?xml-stylesheet href="https://example.org/s.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
     "xml-stylesheet"),
    (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
     "DOCTYPE"),
])
def test_an_svg_outside_the_safe_subset_is_an_error(kb, svg, what):
    kb.project("stella.md")
    path = kb.write("projects/files/stella/bild.svg", svg)
    result = kb.check()
    assert result.status == 1
    result.expect(path, 1, "publiceras inte", what)


def test_a_body_link_and_a_documents_file_to_an_unpublished_file_are_errors(kb):
    kb.write("projects/files/stella/bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    kb.write("projects/files/stella/program.pdf", b"MZ\x90\x00")
    text = swap("    url: https://example.org/slutrapport.pdf", "    file: files/stella/program.pdf")
    text += "\n![Diagram över deltagarna](files/stella/bild.svg)\n"
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "![Diagram"), "går till en fil som inte publiceras", "onload")
    result.expect(path, line_of(text, "file: files/stella/program.pdf"), "i documents publiceras inte",
                  "ingen PDF-fil")


def test_a_symlinked_page_is_not_read_as_an_entry(kb):
    (kb.base / "stella.md").write_text(VALID_PROJECT, encoding="utf-8")
    path = symlink(kb, "projects/stella.md", kb.base / "stella.md")
    result = kb.check()
    assert result.status == 1 and result.summary.endswith("i 0 filer")
    result.expect(path, 1, "genväg")


def test_a_documents_file_in_a_drafts_folder_is_an_error(kb):
    kb.project("utkast.md", DRAFT)
    kb.write("projects/files/utkast/projektplan.pdf", PDF)
    text = swap("    url: https://example.org/slutrapport.pdf", "    file: files/utkast/projektplan.pdf")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "documents:"), "i documents publiceras inte", "utkastet")


def test_an_animation_of_a_prefixed_link_is_unsafe(kb):
    kb.project("stella.md")
    path = kb.write("projects/files/stella/bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><a href="#a">'
                    b'<animate attributeName="xlink:href" values="#a;#b"/></a></svg>')
    result = kb.check()
    result.expect(path, 1, "publiceras inte", "animering")
