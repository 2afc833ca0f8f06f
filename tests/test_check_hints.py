"""Messages that lead to the right value: the fix is made from what the editor wrote, and placed
where the editor must write it."""

from __future__ import annotations

import pytest

from conftest import VALID_GUIDE, VALID_PROJECT, line_of, swap, without_lines

AMOUNT = "    amount: 400000"


@pytest.mark.parametrize("written", ["400.000", "400,000", "400 000", "400 000 kr", '"400000"', "400000 kr"])
def test_an_amount_with_thousands_separators_is_answered_with_the_integer_it_means(kb, written):
    text = swap(AMOUNT, f"    amount: {written}")
    path = kb.project("stella.md", text)
    result = kb.check()
    finding = result.expect(path, line_of(text, "amount:"), "amount ska vara ett belopp i hela kronor")
    assert "amount: 400000" in finding.text
    assert "decimaler" not in finding.text


def test_a_decimal_amount_is_answered_with_a_whole_number(kb):
    text = swap(AMOUNT, "    amount: 1500.50")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "amount:"),
                  "Skriv ett heltal utan decimaler, till exempel amount: 1500")


def test_an_amount_under_a_thousand_kronor_is_a_warning(kb):
    text = swap(AMOUNT, "    amount: 400")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 0  # a warning only: some grants are small
    result.expect(path, line_of(text, "amount:"), "amount är 400 kr, ovanligt lite", level="varning")
    assert "amount: 400000" in result.findings[0].text


@pytest.mark.parametrize("key,written,fix", [
    ("start", "2015-01-01", "Skriv bara året: start: 2015"),
    ("start", "2015–2016", "Skriv start: 2015 och end: 2016 på två rader"),
    ("end", '"2016"', "end: 2016"),
])
def test_a_year_written_otherwise_is_answered_with_the_year(kb, key, written, fix):
    text = swap(f"{key}: {2015 if key == 'start' else 2016}", f"{key}: {written}")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, f"{key}:"), f"{key} ska vara ett årtal", fix)


@pytest.mark.parametrize("written,iso", [
    ("2019", "2019-01-01"), ("1 mars 2019", "2019-03-01"), ("1/3/2019", "2019-03-01"),
    ("2019-3-1", "2019-03-01"), ("1.3.2019", "2019-03-01"),
])
def test_a_date_written_otherwise_is_answered_with_the_iso_date(kb, written, iso):
    text = swap("published: 2019-03-01", f"published: {written}", VALID_GUIDE)
    path = kb.guide("vagledning.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "published:"),
                  "published ska vara ett datum skrivet ÅÅÅÅ-MM-DD", f"Skriv till exempel published: {iso}")


@pytest.mark.parametrize("written,fix", [("ja", "Skriv draft: true"), ("nej", "Skriv draft: false"),
                                         ("kanske", "Skriv draft: true eller draft: false")])
def test_a_yes_or_no_in_swedish_is_answered_with_true_or_false(kb, written, fix):
    text = swap("owner:", f"draft: {written}\nowner:")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "draft:"), "draft ska vara true eller false", fix)


def test_a_number_where_text_belongs_is_answered_with_the_quoted_value(kb):
    text = swap("owner: Södermalms stadsdelsförvaltning", "owner: 2015")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "owner:"), 'owner: "2015"')


def test_the_first_key_missing_is_placed_at_the_top(kb):
    text = without_lines(VALID_PROJECT, "title:")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, 1, "nyckeln title saknas. Lägg till title: överst i front matter")


def test_a_key_missing_in_a_list_entry_is_placed_in_that_entry(kb):
    text = without_lines(VALID_PROJECT, "    kind: slutrapport")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "  - title: Slutrapport"),
                  "nyckeln kind saknas. Lägg till kind: på en ny rad efter title")
