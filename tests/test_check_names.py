"""File names that would collide with generated pages, and the hint for a year with a leading zero."""

from conftest import VALID_PROJECT, line_of


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
    text = VALID_PROJECT.replace("start: 2015", "start: 02015")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    finding = result.expect(path, line_of(text, "start:"), "start", "inledande nolla")
    assert "02015" in finding.text
