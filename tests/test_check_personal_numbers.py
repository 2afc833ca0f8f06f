"""Personal identity numbers wherever they hide: every common spelling, in the body, in front matter
and in attached files (PDF, DOCX, XLSX, PPTX), and attachments that cannot be read are warned of."""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest

from conftest import line_of, swap

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
    """An unknown district is quoted back to the editor: whatever the spelling, the number is masked."""
    kb.project("stella.md", swap("  - Södermalm", f"  - Södermalm {spelling}"))
    result = kb.check()
    assert result.status == 1
    quoted = [f for f in result.findings if "okänt värde" in f.text]
    assert quoted and MASKED in quoted[0].text, result.out
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
