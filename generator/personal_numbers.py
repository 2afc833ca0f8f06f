"""Swedish personal identity numbers (personnummer, samordningsnummer), however they are spelled.

A number is found as a reader would see it: after NFKC (full-width digits), with Unicode format
characters (zero-width space and joiner, soft hyphen, bidi marks), HTML entities (`&#49;`), tags
(`1912<b></b>1212-1212`) and Markdown emphasis or escapes left out, and with any dash, a space or
nothing between the date and the last four digits. Positions are those of the text as written, so
line numbers and masking refer to the original.

Ordinary text stays fast: a cheap scan (a digit followed by something that could hide the next)
decides whether runs of digits are looked for with whatever may hide between them, or with plain
separators only; only a run of ten digits or more is then spelled out as shown and matched against
the strict pattern, with its positions mapped back to the text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass

from .text_lines import line_numbers

# Unicode format characters (category Cf) as of Unicode 14 (Python 3.11), as ranges: a class of
# single characters above U+FFFF is tested one by one, and building it from unicodedata at import
# takes half a second. tests/test_check_personal_numbers.py compares it with the running Python's.
FORMAT_CHARACTERS = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
                     "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
# What renders as nothing between two digits: a format character, a tag or comment, an entity for
# either, Markdown emphasis, code or an escape.
_MARKUP = "\\*_~`"
_GAP = rf"(?:[{FORMAT_CHARACTERS}{re.escape(_MARKUP)}]|<!--.{{0,200}}?-->|</?[A-Za-z][^<>]{{0,200}}>|&[#A-Za-z][0-9A-Za-z]{{0,30}};?)"
_SEPARATOR_CHARACTERS = rf"{_DASHES}+\uff0b\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 \t"
_SEPARATOR = rf"[{_SEPARATOR_CHARACTERS}]"
_DIGIT = r"(?:\d|&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});?)"
# A run starts and ends with a digit and holds at least ten digit-like characters. (One optional
# separator between two runs of gaps, never two runs side by side: that would try every split of a
# long run of gaps.) Most text has nothing that could hide between two digits, and there a run is
# found by a much simpler pattern, several times faster.
_RUN = re.compile(rf"{_DIGIT}(?:{_GAP}*(?:{_SEPARATOR}{_GAP}*)?{_DIGIT}){{9,}}", re.S)
_PLAIN_RUN = re.compile(rf"\d(?:{_SEPARATOR}?\d){{9,}}")
_NOT_ASCII_DIGIT = re.compile(r"[^0-9]")
_SIX_DIGITS = re.compile(r"\d{6}")  # a number without gaps writes its date in six digits or more
# (Any character above U+FFFF counts: one range keeps the class fast, and they are rare in text.)
_HIDING = rf"[{FORMAT_CHARACTERS.split(chr(0x110BD))[0]}<&;{re.escape(_MARKUP)}\U00010000-\U0010ffff]"
# Whatever hides between two digits starts with one of these right after a digit (or a digit and a
# separator); an entity for a digit ends in "digit;". Anchored on the digit, the test is cheap.
_MAY_HIDE = re.compile(rf"\d{_SEPARATOR}?{_HIDING}")
_TOKEN = re.compile(rf"{_DIGIT}|{_GAP}|{_SEPARATOR}", re.S)
_STRICT = re.compile(r"(?<!\d)((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\d])")


@dataclass(frozen=True)
class Found:
    start: int  # in the original text
    end: int
    masked: str  # "19121212-****"


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


def _masked(match: re.Match) -> str | None:
    """The number with its last four digits hidden, or None if it is not a valid personal number."""
    century, yy, mm, dd, _sep, tail = match.groups()
    if _plausible_birth(century, yy, mm, dd) and _luhn_ok(yy + mm + dd + tail):
        return f"{century}{yy}{mm}{dd}-****"
    return None


def _spelled(token: str) -> str:
    """What a token shows: an ASCII digit, '-' for any separator, '+', '' for what shows nothing,
    ' ' for anything else (an entity for a letter ends the number)."""
    if token.isascii() and token.isdigit():
        return token
    if token in _MARKUP or token[0] == "<":
        return ""
    shown = unicodedata.normalize("NFKC", html.unescape(token))
    if len(shown) == 1 and shown.isdecimal():
        return str(unicodedata.decimal(shown))
    if all(unicodedata.category(c) == "Cf" for c in shown):
        return ""
    if shown == "+":
        return "+"
    return "-" if shown in _DASHES or shown.isspace() else " "


def _spell_run(text: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]]:
    """The run as shown, one character per shown character, with each one's span in the text."""
    shown, spans = [], []
    for token in _TOKEN.finditer(text, start, end):
        char = _spelled(token.group())
        if char == "-" and shown and shown[-1] == "-":
            continue  # "19121212&nbsp;-1212": an entity for a space beside a dash is one separator
        if char:
            shown.append(char)
            spans.append(token.span())
    return "".join(shown), spans


def _plain_shown(run: str) -> str:
    """A run without gaps, as shown: a character for each, so positions stay those of the text."""
    return _NOT_ASCII_DIGIT.sub(lambda m: _spelled(m.group()), run)


def _found_in(shown: str, origin) -> list[Found]:
    """The valid numbers in a run as shown; origin(i, j) is the span in the text of shown[i:j]."""
    found = []
    for match in _STRICT.finditer(shown):
        masked = _masked(match)
        if masked:
            found.append(Found(*origin(match.start(), match.end()), masked))
    return found


def find(text: str) -> list[Found]:
    """Every valid personnummer or samordningsnummer in the text, in order."""
    found: list[Found] = []
    if _MAY_HIDE.search(text):
        for run in _RUN.finditer(text):
            shown, spans = _spell_run(text, run.start(), run.end())
            found += _found_in(shown, lambda i, j: (spans[i][0], spans[j - 1][1]))
    elif _SIX_DIGITS.search(text):
        for run in _PLAIN_RUN.finditer(text):
            found += _found_in(_plain_shown(run.group()), lambda i, j, at=run.start(): (at + i, at + j))
    return found


def find_personal_numbers(text: str) -> list[tuple[int, str]]:
    """(line, masked number) for every valid personnummer or samordningsnummer in the text."""
    line = line_numbers(text)
    return [(line(f.start), f.masked) for f in find(text)]


def mask_personal_numbers(text: str) -> str:
    """The text with every valid personal number masked, however it was spelled, so that no report
    or search excerpt ever repeats one."""
    parts, last = [], 0
    for f in find(text):
        parts += [text[last:f.start], f.masked]
        last = f.end
    return "".join(parts) + text[last:] if parts else text
