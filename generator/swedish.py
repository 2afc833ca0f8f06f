"""Swedish text helpers: URL slugs, alphabetical order, dates and plurals."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_TERM_MAP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Swedish alphabet: … x, y, z, å, ä, ö. Letters outside it sort as their base letter
# (é as e, ü as y as in SAOL), after a digit, which sorts before every letter.
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_EQUIVALENT = {"ü": "y", "æ": "ä", "ø": "ö", "á": "a", "à": "a", "é": "e", "è": "e"}

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


def term_slug(term: str) -> str:
    """The spec's <term-slug>: 'Enskede-Årsta-Vantör' → 'enskede-arsta-vantor'."""
    lowered = unicodedata.normalize("NFC", term).lower().translate(_TERM_MAP)
    return _NON_ALNUM.sub("-", lowered).strip("-")


def file_slug(name: str) -> str:
    """A valid file slug proposed for any name: 'Mina båda världar' → 'mina-bada-varldar'."""
    lowered = unicodedata.normalize("NFC", name).lower().translate(_TERM_MAP)
    ascii_only = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", ascii_only).strip("-")


def sort_key(text: str) -> tuple:
    """Key for Swedish alphabetical order, case-insensitive, ties broken by the text itself."""
    folded = unicodedata.normalize("NFC", text).casefold()
    ranks = []
    for ch in folded:
        ch = _EQUIVALENT.get(ch, ch)
        if ch in _RANK:
            ranks.append(_RANK[ch])
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            ranks.append(_RANK.get(base, -1 if not ch.isalnum() else len(_ALPHABET)))
    return (tuple(r for r in ranks if r >= 0), text)


def long_date(day: dt.date) -> str:
    """'1 mars 2014'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def year_span(start: int, end: int | None) -> str:
    """'2014–2016', or '2014' for one year."""
    return str(start) if end in (None, start) else f"{start}–{end}"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def join_words(words: list[str]) -> str:
    """'a, b och c'."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def decimal(value: float, digits: int = 1) -> str:
    """'0,8': a decimal comma, as Swedish writes numbers."""
    return f"{value:.{digits}f}".replace(".", ",")


def genitive(name: str) -> str:
    """'Farsta' → 'Farstas', 'Bromma' → 'Brommas'; a name ending in s, x or z takes no second s."""
    return name if name[-1:].lower() in "sxz" else name + "s"
