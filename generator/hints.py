"""What to write instead: the fix a message offers, made from the editor's own value.

An editor who reads "start ska vara ett årtal" still has to guess the form; one who reads
"Skriv bara året: start: 2025" can copy it. Each function returns the sentence to add to a
message, or "" where no better value can be read out of what was written.
"""

from __future__ import annotations

import datetime as dt
import re

from .source import Map, Scalar, Seq
from .swedish import MONTHS

_YEAR = r"((?:19|20)\d\d)"
_GROUPED = re.compile(r"\d{1,3}(?:[.,:  ]\d{3})+")  # 400.000, 400,000, 400 000 (Swedish groups)
_UNITS = re.compile(r"\s*(kr|kronor|sek|:-)\.?$", re.I)


def raw_text(node) -> str | None:
    """The value as the editor wrote it: YAML reads '400.000' as the decimal 400.0."""
    if not isinstance(node, Scalar):
        return None
    return node.raw if node.raw is not None else (node.value if isinstance(node.value, str) else None)


def number_hint(key: str, node) -> str:
    raw = raw_text(node)
    if raw is None:
        return ""
    raw = raw.strip()
    span = re.fullmatch(rf"{_YEAR}\s*[-–—/]\s*{_YEAR}", raw)
    if span:
        return f" Skriv start: {span.group(1)} och end: {span.group(2)} på två rader"
    date = re.fullmatch(rf"{_YEAR}-\d\d?-\d\d?", raw)
    if date:
        return f" Skriv bara året: {key}: {date.group(1)}"
    if re.fullmatch(r"0\d+", raw):
        return " Skriv talet utan inledande nolla (YAML läser annars 0127 som ett annat tal)"
    return _amount_hint(key, _UNITS.sub("", raw))


def _amount_hint(key: str, raw: str) -> str:
    if _GROUPED.fullmatch(raw):
        return f" Skriv talet utan mellanslag, punkter eller komman: {key}: {re.sub(r'[^0-9]', '', raw)}"
    if raw.isdigit():
        return f" Skriv talet utan citattecken eller enhet: {key}: {int(raw)}"
    if re.fullmatch(r"\d+[.,]\d+", raw):
        return f" Skriv ett heltal utan decimaler, till exempel {key}: {re.split(r'[.,]', raw)[0]}"
    return ""


def date_hint(key: str, node) -> str:
    """'published: 2019' → 2019-01-01; '1 mars 2019', '1/3/2019', '2019-3-1' → 2019-03-01."""
    raw = raw_text(node) or ""
    day = _read_date(raw.strip().lower())
    if day is None:
        return ""
    return f" Skriv till exempel {key}: {day.isoformat()}"


def _read_date(raw: str) -> dt.date | None:
    patterns = [
        (rf"{_YEAR}", lambda y: (y, 1, 1)),
        (rf"{_YEAR}-(\d\d?)-(\d\d?)", lambda y, m, d: (y, m, d)),
        (rf"(\d\d?)[./](\d\d?)[./]{_YEAR}", lambda d, m, y: (y, m, d)),
        (rf"(\d\d?)\s+({'|'.join(MONTHS)})\s+{_YEAR}", lambda d, m, y: (y, str(MONTHS.index(m) + 1), d)),
    ]
    for pattern, order in patterns:
        match = re.fullmatch(pattern, raw)
        if match:
            try:
                return dt.date(*(int(part) for part in order(*match.groups())))
            except ValueError:
                return None
    return None


_YES = {"ja", "yes", "y", "on", "sant", "j"}
_NO = {"nej", "no", "n", "off", "falskt"}


def boolean_hint(key: str, node) -> str:
    raw = (raw_text(node) or "").strip().lower()
    if raw in _YES:
        return f". Skriv {key}: true"
    if raw in _NO:
        return f". Skriv {key}: false, eller ta bort raden"
    return f". Skriv {key}: true eller {key}: false"


def text_hint(key: str, node) -> str:
    raw = raw_text(node)
    if isinstance(node, Scalar) and raw is not None:
        return f". Sätt värdet inom citattecken: {key}: \"{raw}\""
    if isinstance(node, (Seq, Map)):
        return f". Skriv texten på samma rad som {key}:, inom citattecken om den har kolon"
    return ". Sätt värdet inom citattecken om det ska vara text"


def missing_key_place(entries: dict, order: tuple[str, ...], key: str, first_line: int) -> tuple[int, str]:
    """Where a missing key belongs: after the nearest key before it in the template's order that the
    mapping has, or at the top. The line is that key's own, so the mark stands where to write."""
    before = order[:order.index(key)] if key in order else ()
    present = [name for name in before if name in entries]
    if present:
        line, node = entries[present[-1]]
        rows = " och raderna under den" if isinstance(node, (Seq, Map)) else ""
        return line, f"på en ny rad efter {present[-1]}{rows}"
    return first_line, "överst i front matter, på raden efter ---" if first_line <= 1 else "först i posten"
