"""What must never be published: personal identity numbers and HTML that runs script."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

_PNR = re.compile(r"(?<![\d-])((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\d])")
_FENCED = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*)|<([a-zA-Z][\w+.-]*:[^>\s]*)>", re.M)
_DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 - i % 2)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible_birth(century: str, yy: str, mm: str, dd: str) -> bool:
    day = int(dd) - 60 if int(dd) > 60 else int(dd)  # samordningsnummer add 60 to the day
    for cc in ([century[:2]] if century else ["19", "20"]):
        try:
            dt.date(int(cc + yy), int(mm), day)
            return True
        except ValueError:
            continue
    return False


def find_personal_numbers(text: str) -> list[tuple[int, str]]:
    """(line, masked number) for every valid personnummer or samordningsnummer in the text."""
    found = []
    for match in _PNR.finditer(text):
        century, yy, mm, dd, sep, tail = match.groups()
        if _plausible_birth(century, yy, mm, dd) and _luhn_ok(yy + mm + dd + tail):
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, f"{century}{yy}{mm}{dd}-****"))
    return found


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _without_code(markdown: str) -> str:
    """Code blocks and spans are shown as text, never run: blank them, keeping line numbers."""
    return _CODE_SPAN.sub(_blank, _FENCED.sub(_blank, markdown))


def _is_bad_url(value: str) -> bool:
    compact = re.sub(r"[\x00-\x20]", "", value).lower()
    return compact.startswith(_BAD_SCHEMES)


class _ScriptFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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
    text = _without_code(markdown)
    finder = _ScriptFinder()
    finder.feed(text)
    finder.close()
    found = list(finder.found)
    for match in _MD_LINK.finditer(text):
        target = next(g for g in match.groups() if g is not None)
        if _is_bad_url(target):
            found.append((text.count("\n", 0, match.start()) + 1, f"länken {target.split(':')[0]}:…"))
    return sorted(set(found))
