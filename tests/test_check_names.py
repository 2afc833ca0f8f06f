"""File names that would collide with generated pages, and the hint for a year with a leading zero."""

from conftest import line_of, swap


def test_reserved_file_name_is_refused_and_a_real_name_passes(kb):
    path = kb.project("index.md")
    result = kb.check()
    assert result.status == 1
    finding = result.expect(path, 1, "reserverat")
    assert "index.md" in finding.text
    kb.remove("projects/index.md")
    kb.project("stella.md")
    assert kb.check().status == 0


def test_year_with_leading_zero_explains_the_zero(kb):
    text = swap("start: 2015", "start: 02015")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    finding = result.expect(path, line_of(text, "start:"), "start", "inledande nolla")
    assert "02015" in finding.text


def test_word_quotes_around_a_value_are_refused_with_the_straight_quote_as_fix(kb):
    text = swap("title: Stella – det tredelade föräldraskapet", "title: ”Stella i samverkan”")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "title:"), "title", "typografiska citattecken", 'raka citattecken (")')
    kb.project("stella.md", text.replace("”Stella i samverkan”", '"Stella i samverkan"'))
    assert kb.check().status == 0


def test_word_quotes_around_a_value_with_a_colon_name_the_cause(kb):
    text = swap("title: Stella – det tredelade föräldraskapet", "title: ”Stella: stöd”")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "title:"), "kolon", "typografiska", 'title: "Stella')


def test_a_span_of_years_in_start_proposes_start_and_end(kb):
    text = swap("start: 2015\nend: 2016\n", "start: 2015-2016\n")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "start:"), "start", "start: 2015 och end: 2016")


def test_an_amount_with_grouped_thousands_proposes_the_plain_number(kb):
    text = swap("amount: 400000", "amount: 400.000 kr")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "amount:"), "amount", ": 400000")
