"""Front matter that cannot blow up `check`, and text that cannot deceive a reader.

A few hundred hostile bytes (an alias bomb, a recursive alias, 10 000 brackets, a number of 5 000
digits) must give one Swedish error at their line, fast, never a traceback; invisible characters and
look-alike letters must be named by their Unicode names; a topic must never take over another page.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID_GUIDE, VALID_PROJECT, line_of, swap
from siteutil import build, copy_fixture

REPO = Path(__file__).resolve().parents[1]

BOMB_LINES = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
BOMB = "---\n" + "\n".join(BOMB_LINES) + "\n---\n\nText.\n"
TITLE_LINE = line_of(VALID_PROJECT, "title:")
TOPIC_LINE = line_of(VALID_PROJECT, "  - föräldrastöd")


def _limit_memory():
    one_gib = 1024 ** 3
    resource.setrlimit(resource.RLIMIT_AS, (one_gib, one_gib))


def test_alias_bomb_is_refused_quickly_with_little_memory(tmp_path):
    assert len(BOMB.encode()) < 700  # a billion laughs fits in a few lines
    project = tmp_path / "content" / "projects" / "bomb.md"
    project.parent.mkdir(parents=True)
    project.write_text(BOMB, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))",
                          "check", "content"], cwd=tmp_path, capture_output=True, text=True, timeout=20,
                         preexec_fn=_limit_memory, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 1, run.stdout + run.stderr
    assert "content/projects/bomb.md:3: fel: tecknet * i början av ett värde gör det till en hänvisning (alias)" \
        in run.stdout, run.stdout
    assert "content/projects/bomb.md:2: fel: tecknet & i början av ett värde gör det till ett ankare" in run.stdout


HOSTILE = [
    # id, front matter text, line, fragments
    ("recursive-alias", swap("title: Stella – det tredelade föräldraskapet", "title: &a [*a]"), TITLE_LINE,
     ("tecknet &", "ankare")),
    ("deep-nesting", swap("title: Stella – det tredelade föräldraskapet", "title: " + "[" * 10_000 + "]" * 10_000),
     TITLE_LINE, ("mer än 10 nivåer",)),
    ("long-number", swap("start: 2015", "start: " + "9" * 5000), line_of(VALID_PROJECT, "start:"),
     ("talet har 5000 siffror", "högst 20")),
    ("long-list", swap("  - föräldrastöd", "\n".join(f"  - ämne {i}" for i in range(1001))), TOPIC_LINE + 1000,
     ("mer än 1000 poster",)),
    ("huge-front-matter", swap("owner: Södermalms stadsdelsförvaltning",
                               "\n".join(f"x{i}: {'a' * 70}" for i in range(1000))), None, ("längre än 64 kB",)),
    ("long-topic", swap("  - föräldrastöd", "  - " + "ämnes" * 60), TOPIC_LINE, ("topics har 300 tecken", "1–80")),
]


@pytest.mark.parametrize("text,line,fragments", [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_front_matter_gives_a_swedish_error_at_its_line(kb, text, line, fragments):
    path = kb.project("stella.md", text)
    result = kb.check()  # in-process: a traceback would fail the test here
    assert result.status == 1, result.out
    if line is None:  # the line on which the front matter passes 64 kB
        sizes = [len(row.encode()) + 1 for row in text.split("\n")[1:]]
        line = next(n for n in range(len(sizes)) if sum(sizes[:n + 1]) > 64 * 1024) + 2
    result.expect(path, line, *fragments)


@pytest.mark.parametrize("key,old,new", [
    ("title", "title: Stella – det tredelade föräldraskapet", "title: Stella – det \u202etredelade föräldraskapet"),
    ("description", "description: Ett projekt om stöd", 'description: "Ett projekt om \\u2067stöd'),
])
def test_bidi_override_is_an_error_with_key_and_line_shown_as_its_code(kb, key, old, new):
    text = swap(old, new)
    if new.count('"') == 1:
        text = text.replace("separerat.\n", 'separerat."\n', 1)
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    finding = result.expect(path, line_of(VALID_PROJECT, f"{key}:"), key)
    assert "U+202E" in finding.text or "U+2067" in finding.text
    assert "läsriktningen" in finding.text
    assert not any(c in result.out for c in "\u202e\u2067"), "the terminal would show the text reordered"


def test_bidi_override_never_reaches_the_built_site(tmp_path):
    content = copy_fixture(tmp_path)
    project = content / "projects" / "alfa-projektet.md"
    project.write_text(project.read_text(encoding="utf-8").replace("title: Alfaprojektet",
                                                                   "title: Alfa\u202eprojektet"), encoding="utf-8")
    site = tmp_path / "site"
    assert build(content, site, tmp_path) != 0
    published = [p for p in site.rglob("*.html") if "\u202e" in p.read_text(encoding="utf-8")] if site.exists() else []
    assert published == []


@pytest.mark.parametrize("char,name", [("\u200b", "ZERO WIDTH SPACE (U+200B)"), ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
                                       ("\u2060", "WORD JOINER (U+2060)")])
def test_zero_width_character_in_a_title_is_an_error(kb, char, name):
    path = kb.project("stella.md", swap("Stella – det", f"Stel{char}la – det"))
    result = kb.check()
    assert result.status == 1
    result.expect(path, TITLE_LINE, "title", "tecken 5 är " + name, "inte syns")


def test_escaped_control_character_in_a_value_is_an_error(kb):
    path = kb.project("stella.md", swap("owner: Södermalms stadsdelsförvaltning", 'owner: "Söder\\0malm"'))
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(VALID_PROJECT, "owner:"), "owner", "tecken 6 är ett styrtecken (U+0000)")


def test_raw_control_character_is_an_error_not_a_yaml_traceback(kb):
    path = kb.project("stella.md", swap("owner: Södermalms", "owner: Söder\x07malms"))
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(VALID_PROJECT, "owner:"), "U+0007", "styrtecken")


def test_cyrillic_letter_in_a_district_is_named(kb):
    path = kb.project("stella.md", swap("  - Södermalm", "  - Farst\u0430"))
    result = kb.check()
    finding = result.expect(path, line_of(VALID_PROJECT, "  - Södermalm"),
                            "okänt värde 'Farstа' i districts: tecken 6 är CYRILLIC SMALL LETTER A (U+0430), "
                            "inte ett svenskt a. Skriv om ordet med tangentbordet: 'Farsta'")
    assert "menade du" not in finding.text


def test_invisible_character_in_a_district_is_named_with_the_word_meant(kb):
    path = kb.project("stella.md", swap("  - Södermalm", "  - Söder\u200bmalm"))
    result = kb.check()
    result.expect(path, line_of(VALID_PROJECT, "  - Södermalm"), "tecken 6 är ZERO WIDTH SPACE (U+200B)",
                  "Skriv om ordet med tangentbordet: 'Södermalm'")


def test_greek_letter_in_a_district_is_named(kb):
    path = kb.project("stella.md", swap("  - Södermalm", "  - Br\u03bfmma"))
    result = kb.check()
    result.expect(path, line_of(VALID_PROJECT, "  - Södermalm"), "tecken 3 är GREEK SMALL LETTER OMICRON (U+03BF), "
                  "inte ett svenskt o", "'Bromma'")


def test_cyrillic_letter_in_a_status_is_named(kb):
    path = kb.project("stella.md", swap("status: avslutat", "status: avslut\u0430t"))
    result = kb.check()
    result.expect(path, line_of(VALID_PROJECT, "status:"), "CYRILLIC SMALL LETTER A (U+0430)", "'avslutat'")


@pytest.mark.parametrize("topic,fragments", [
    ("index", ("'index' i topics kan inte användas", "/topics/index/")),
    ("Index", ("'Index' i topics kan inte användas",)),
    ("!!!", ("'!!!' i topics har inga bokstäver eller siffror",)),
    ("–", ("'–' i topics har inga bokstäver eller siffror",)),
    ("a" * 200, ("topics har 200 tecken", "1–80")),
])
def test_topic_that_cannot_have_its_own_page_is_an_error(kb, topic, fragments):
    path = kb.project("stella.md", swap("  - föräldrastöd", f"  - \"{topic}\""))
    result = kb.check()
    assert result.status == 1
    result.expect(path, TOPIC_LINE, *fragments)


def test_two_spellings_of_one_topic_page_in_one_file_are_an_error(kb):
    path = kb.project("stella.md", swap("  - föräldrastöd", "  - Föräldrastöd\n  - foraldrastod"))
    result = kb.check()
    result.expect(path, TOPIC_LINE + 1, "'foraldrastod' får samma sida som 'Föräldrastöd'")


def test_two_spellings_of_one_topic_page_in_two_files_are_an_error(kb):
    kb.project("alfa.md", swap("  - föräldrastöd", "  - Föräldrastöd"))
    other = kb.project("beta.md", swap("  - föräldrastöd", "  - foraldrastod"))
    result = kb.check()
    result.expect(other, line_of(VALID_PROJECT, "topics:"), "'foraldrastod' får samma sida som 'Föräldrastöd' i alfa.md",
                  "Skriv det likadant: 'Föräldrastöd'")
    kb.project("beta.md", swap("  - föräldrastöd", "  - föräldrastöd"))  # case alone is the same topic
    kb.check().assert_clean()


def _replaced_by(slug: str) -> str:
    return swap("status: gällande", f"status: ersatt\nsuperseded_by: {slug}", VALID_GUIDE)


@pytest.mark.parametrize("ring", [["a-guide", "b-guide"], ["a-guide", "b-guide", "c-guide"]])
def test_guides_that_replace_each_other_in_a_ring_are_errors_naming_the_chain(kb, ring):
    for slug, target in zip(ring, ring[1:] + ring[:1]):
        kb.guide(f"{slug}.md", _replaced_by(target))
    result = kb.check()
    assert result.status == 1
    line = line_of(_replaced_by("x"), "superseded_by:")
    for i, slug in enumerate(ring):
        chain = " → ".join(ring[i:] + ring[:i] + [slug])
        result.expect(f"content/guides/{slug}.md", line, f"ersätter varandra i en ring ({chain})")


def test_a_chain_of_replacements_without_a_ring_is_fine(kb):
    kb.guide("a-guide.md", _replaced_by("b-guide"))
    kb.guide("b-guide.md", _replaced_by("c-guide"))
    kb.guide("c-guide.md")
    kb.check().assert_clean()
