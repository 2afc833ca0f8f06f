"""What must never be published: HTML that runs script (personal numbers: personal_numbers.py)."""

from __future__ import annotations

import html
import re

from .html_reading import BrowserlikeParser
from .text_lines import line_numbers

# Only what Python-Markdown's fenced_code itself takes for a fence: an opening line with nothing but
# a language or {attributes} after the backticks, closed by the very same fence. A looser pattern
# would hide "```x``` text" or "```foo bar" lines, which render the HTML after them.
_FENCED = re.compile(r"^(?P<fence>`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*)[ ]*\n.*?(?<=\n)(?P=fence)[ ]*$",
                     re.S | re.M)
# A code span lives in one paragraph (no blank line, no heading line: Python-Markdown splits the
# blocks before it reads spans) and does not start at an escaped backtick.
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(?:(?!\n[ \t]*\n|\n {0,3}#{1,6}(?:[ \t]|$)).)+?(?<!`)\1(?!`)",
                        re.S | re.M)
# Python-Markdown passes an HTML block through untouched, backticks and all.
_HTML_BLOCK = re.compile(r"^ {0,3}<[A-Za-z!?/]", re.M)
# A reference label stays on its line: "[" at the start of many lines, with no "]" after it, would
# otherwise scan the rest of the text once for every such line.
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]{0,3}\[[^\]\n]+\]:\s*<?(\S*)|<([a-zA-Z][\w+.-]*:[^>\s]*)>", re.M)
_DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster"}
# The parser below reads HTML as a browser would, but Python-Markdown does not: an unclosed "<!--",
# "<![CDATA[" or "<style>" hides the rest of the text from the parser while Markdown renders it, and
# a "</noscript>" inside an attribute ends the attribute for the browser. So the raw text is also
# searched for anything that looks like a dangerous tag or attribute, wherever it stands.
_RAW_TAG = re.compile(rf"<({'|'.join(sorted(_DANGEROUS_TAGS))})(?![\w-])", re.I)
_RAW_ATTRIBUTE = re.compile(r"<[A-Za-z][^<>]*?[\s/](on[a-z]+)\s*=", re.I)
_RAW_URL_ATTRIBUTE = re.compile(rf"<[A-Za-z][^<>]*?[\s/]({'|'.join(sorted(_URL_ATTRIBUTES))})\s*=\s*[\"']?([^\"'\s>]*)",
                                re.I)
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(markdown: str) -> str:
    """Code blocks and spans are shown as text, never run: blank them, keeping line numbers."""
    text = _FENCED.sub(_blank, markdown)
    if _HTML_BLOCK.search(text):
        return text  # inside raw HTML, backticks are not code: keep every span visible to the scan
    return _CODE_SPAN.sub(_blank, text)


def _is_bad_url(value: str) -> bool:
    # Python-Markdown copies a link target into href as written; the browser then decodes
    # "jav&#x61;script:" or "javascript&colon;" to a script link, so decode before looking.
    compact = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
    return compact.startswith(_BAD_SCHEMES)


class _ScriptFinder(BrowserlikeParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in _DANGEROUS_TAGS:
            self.found.append((line, f"<{tag}>"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"attributet {name}="))
            elif name in _URL_ATTRIBUTES and value and _is_bad_url(value):
                self.found.append((line, f"{name}=\"{value.split(':')[0]}:…\""))

    handle_startendtag = handle_starttag



def find_unsafe_html(markdown: str) -> list[tuple[int, str]]:
    """(line, what) for raw HTML or links in Markdown that would run script in a browser."""
    text = without_code(markdown)
    finder = _ScriptFinder()
    finder.feed(text)
    finder.close()
    found = list(finder.found)
    parsed_lines = {line for line, _what in found}
    for line, what in _raw_findings(text):
        if line not in parsed_lines:  # the parser's finding on that line already says it
            found.append((line, what))
    line = line_numbers(text)
    for match in _MD_LINK.finditer(text):
        target = next(g for g in match.groups() if g is not None)
        if _is_bad_url(target):
            found.append((line(match.start()), f"länken {target.split(':')[0]}:…"))
    return sorted(set(found))


def _raw_findings(text: str) -> list[tuple[int, str]]:
    offset_line = line_numbers(text)

    def line(match: re.Match) -> int:
        return offset_line(match.start())

    found = [(line(m), f"<{m.group(1).lower()}>") for m in _RAW_TAG.finditer(text)]
    found += [(line(m), f"attributet {m.group(1).lower()}=") for m in _RAW_ATTRIBUTE.finditer(text)]
    found += [(line(m), f"{m.group(1).lower()}=\"{m.group(2).split(':')[0]}:…\"")
              for m in _RAW_URL_ATTRIBUTE.finditer(text) if _is_bad_url(m.group(2))]
    return found
