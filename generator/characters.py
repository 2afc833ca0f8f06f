"""Characters that readers cannot see or cannot tell apart, named so that editors can find them.

A right-to-left override turns "rapport.pdf" into what reads as another word; a zero-width space
makes two identical-looking topics; a Cyrillic а in "Farstа" looks like the district but is not.
Every step that quotes or checks editors' text asks this module, so the rule is written once.
"""

from __future__ import annotations

import unicodedata

# Explicit direction controls: they reorder the text around them on screen.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Tab and newline are layout in a multi-line value; every other control is a stray byte.
_LAYOUT = "\t\n"
# Format characters (bidi controls, zero-width characters, soft hyphen, tag characters), controls,
# and line and paragraph separators: none of them shows on the page as what it is.
_HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Zl", "Zp", "Cs"})


def is_hidden(ch: str) -> bool:
    return ch not in _LAYOUT and unicodedata.category(ch) in _HIDDEN_CATEGORIES


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(1-based position, character) of each hidden character."""
    if text.isprintable():  # the common case: no control, format or separator character at all
        return []
    return [(i, ch) for i, ch in enumerate(text, start=1) if is_hidden(ch)]


def char_name(ch: str) -> str:
    """'CYRILLIC SMALL LETTER A (U+0430)', as a character table or a search engine names it."""
    return f"{unicodedata.name(ch, 'ett styrtecken')} (U+{ord(ch):04X})"


def what_it_does(ch: str) -> str:
    if ch in BIDI_CONTROLS:
        return "som vänder läsriktningen och kan få texten att se ut som något annat"
    if unicodedata.category(ch) == "Cf":
        return "ett osynligt tecken"
    return "ett styrtecken som inte hör hemma i en text"


def visible(text: str) -> str:
    """The text with each hidden character written as [U+202E], for messages in a terminal or log."""
    if text.isprintable():
        return text
    return "".join(f"[U+{ord(ch):04X}]" if is_hidden(ch) or ch in _LAYOUT else ch for ch in text)


def lookalike(value: str, words) -> tuple[str, list[tuple[int, str, str | None]]] | None:
    """The word among `words` that `value` only looks like, and the characters that differ:
    (position in value, character, the letter meant or None for a hidden character)."""
    for word in words:
        differences = _differences(value, word)
        if differences:
            return word, differences
    return None


def _differences(value: str, word: str) -> list[tuple[int, str, str | None]]:
    shown = [(i, ch) for i, ch in enumerate(value, start=1) if not is_hidden(ch)]
    if len(shown) != len(word):
        return []
    odd = [(i, ch, meant) for (i, ch), meant in zip(shown, word) if ch.casefold() != meant.casefold()]
    if not all(_looks_like(ch, meant) for _i, ch, meant in odd):
        return []
    hidden = [(i, ch, None) for i, ch in enumerate(value, start=1) if is_hidden(ch)]
    return sorted(odd + hidden)


def _looks_like(ch: str, meant: str) -> bool:
    """Whether ch is drawn like the letter meant: compared letter by letter after decomposition, so
    that a Cyrillic ӧ (о with diaeresis) looks like ö."""
    # Imported here: its tables take a fifth of a second to load, and only a rejected value needs them.
    from confusable_homoglyphs import confusables

    mine, theirs = unicodedata.normalize("NFD", ch.casefold()), unicodedata.normalize("NFD", meant.casefold())
    if len(mine) != len(theirs):
        return False
    for a, b in zip(mine, theirs):
        found = confusables.is_confusable(a, greedy=True, preferred_aliases=["latin"]) or []
        if a != b and b not in {h["c"].casefold() for hit in found for h in hit["homoglyphs"]}:
            return False
    return True
