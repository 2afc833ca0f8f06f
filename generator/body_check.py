"""What the sanitiser would take out of a body, reported before the build with the line and the fix.

The body is rendered as MkDocs renders it and cleaned with the site's allow-list (sanitize.py);
everything the cleaning removed becomes an error, so nothing disappears from a page unnoticed.
Before that, the shapes that would make Markdown itself run for minutes are refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from .diagnostics import Diagnostic, error
from .sanitize import CONTROLS, is_external_image, removed, render_body
from .text_lines import line_numbers

# Python-Markdown reads the inline markup of a paragraph in time that grows with the square of its
# links, tags and code spans (400 links in one paragraph: 7 s, 50 000: hours), and its raw-HTML
# reader is quadratic in unclosed tags. A list item, heading or table row is a run of its own.
_RUN_START = re.compile(r"^(?:[ \t]*(?:[-*+>|:#]|\d+[.)])|[ \t]*$)")
_MARKUP = re.compile(r"[\[<`]")
MAX_MARKUP_IN_RUN = 200
# Over a whole body the cost grows as well (4 000 links as a list: 12 s), and each "<a" that is never
# closed makes the raw-HTML reader read the rest of the body again (4 000 "- <a" lines: 100 s).
MAX_MARKUP_IN_BODY = 2000
_UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|\Z)")
MAX_UNCLOSED_TAGS = 20
# Elements of HTML outside the allow-list, reported when removed. An unknown name ("<scripts>") is
# no element to a browser either, which shows only its text: the sanitiser keeps that text too.
_HTML_ELEMENTS = frozenset({
    "applet", "area", "audio", "base", "basefont", "bgsound", "blink", "body", "button", "canvas", "center",
    "datalist", "dialog", "embed", "fieldset", "font", "form", "frame", "frameset", "head", "html", "iframe",
    "input", "keygen", "label", "legend", "link", "map", "marquee", "math", "menu", "meta", "meter",
    "noembed", "noframes", "noscript", "object", "optgroup", "option", "output", "param", "picture",
    "plaintext", "portal", "progress", "script", "select", "slot", "source", "style", "svg", "template",
    "textarea", "title", "track", "video", "xmp",
})
# The tables extension aligns a column (|:--|) with a style attribute; the site's CSP ignores it anyway.
_ALIGNMENT = re.compile(r"text-align: (?:left|right|center);")


def check_body_html(path: Path, body: str, body_line: int, slug: str, known: set[int]) -> list[Diagnostic]:
    """Control characters, paragraphs too busy to render, and the HTML the allow-list removes;
    `known` holds the file lines already reported as script, which need no second message."""
    problems = _controls(path, body, body_line)
    busy = _busy_runs(path, body, body_line) or _busy_body(path, body, body_line)
    if busy:  # rendering would take minutes: the editor splits the paragraph first
        return problems + busy
    body = CONTROLS.sub("", body)
    for line, message in _removed_with_lines(body, slug):
        if body_line + line - 1 not in known:
            problems.append(error(path, body_line + line - 1, "", message))
    return problems


def _controls(path: Path, body: str, body_line: int) -> list[Diagnostic]:
    problems = []
    for number, line in enumerate(body.split("\n")):
        found = CONTROLS.search(line)
        if found:
            problems.append(error(path, body_line + number, "", f"ett osynligt styrtecken (U+{ord(found.group()):04X}) "
                                  "står i texten. Det följer ofta med inklistrad text: skriv om raden eller ta "
                                  "bort tecknet"))
    return problems


def _busy_runs(path: Path, body: str, body_line: int) -> list[Diagnostic]:
    problems, start, count = [], 0, 0
    for number, line in enumerate([*body.split("\n"), ""]):
        if _RUN_START.match(line):
            if count > MAX_MARKUP_IN_RUN:
                problems.append(error(path, body_line + start, "", _busy_message(count)))
            start, count = number + (not line.strip()), 0  # a blank line only ends a run
        count += len(_MARKUP.findall(line))
    return problems


def _busy_body(path: Path, body: str, body_line: int) -> list[Diagnostic]:
    unclosed = list(_UNCLOSED_TAG.finditer(body))
    if len(unclosed) > MAX_UNCLOSED_TAGS:
        line = body_line + body.count("\n", 0, unclosed[0].start())
        return [error(path, line, "", f"texten har {len(unclosed)} tecken < som aldrig stängs med > (högst "
                                      f"{MAX_UNCLOSED_TAGS}), och det gör att sidan tar minuter att bygga. Skriv "
                                      "&lt; för ett mindre än-tecken, eller stäng taggen")]
    count = len(_MARKUP.findall(body))
    if count > MAX_MARKUP_IN_BODY:
        return [error(path, body_line, "", f"texten har {count} länkar, taggar eller tecknen [, < och ` (högst "
                                           f"{MAX_MARKUP_IN_BODY} på en sida), och det gör att sidan tar minuter "
                                           "att bygga. Dela upp texten på flera sidor eller lägg listan i en bilaga")]
    return []


def _busy_message(count: int) -> str:
    return (f"stycket har {count} länkar, taggar eller tecknen [, < och ` (högst {MAX_MARKUP_IN_RUN} i ett "
            "stycke), och det gör att sidan tar minuter att bygga. Dela upp stycket, till exempel som en "
            "punktlista med en länk per rad")


def _removed_with_lines(body: str, slug: str) -> list[tuple[int, str]]:
    facts = removed(render_body(body))
    gone_tags = {tag for tag, name, _url in facts if not name}
    finder = _LineFinder(body)
    found = []
    for tag, name, url in facts:
        if not name and tag not in _HTML_ELEMENTS or name and tag in gone_tags - {"img"} or _ALIGNMENT.fullmatch(url):
            continue  # an image goes for its address, an attribute with its element: one message each
        found.append(_describe(finder, tag, name, url, slug))
    return found


def _describe(finder: _LineFinder, tag: str, name: str, url: str, slug: str) -> tuple[int, str]:
    if not name:
        return finder.line(f"<{tag}"), (f"elementet <{tag}> är inte tillåtet i texten och tas bort från sidan. "
                                        "Ta bort det; skriv vanlig Markdown")
    if tag == "img" and name == "src" and is_external_image(url):
        return finder.line(url), (f"bilden '{url}' hämtas från en annan webbplats, som läsarna på intranätet "
                                  f"inte når. Lägg bilden i files/{slug}/ och länka till den")
    if url and name != "style":
        return finder.line(url), (f"adressen '{url}' i {name}= är inte tillåten och tas bort från sidan: "
                                  "länka bara med http:, https:, mailto: eller till en fil i Kunskapsbanken")
    fix = "Utseendet styrs av Kunskapsbankens stilmall" if name == "style" else "Skriv vanlig Markdown"
    return finder.line(name), (f"attributet {name}= på <{tag}> är inte tillåtet i texten och tas bort från "
                               f"sidan. {fix}: ta bort attributet")


class _LineFinder:
    """The line of the next occurrence of a word in the body, each later search of the same word
    after the last one found; the first line when the source does not hold it as rendered."""

    def __init__(self, body: str) -> None:
        self.text = body.lower()
        self.line_of = line_numbers(body)
        self.after: dict[str, int] = {}

    def line(self, needle: str) -> int:
        needle = needle.lower()
        at = self.text.find(needle, self.after.get(needle, 0))
        if at < 0:
            at = self.text.find(needle)
        if at < 0:
            return 1
        self.after[needle] = at + 1
        return self.line_of(at)
