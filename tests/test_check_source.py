"""Reading a file: encoding, front-matter syntax, and the valid edge cases editors' tools produce."""

from __future__ import annotations

import pytest

from conftest import VALID_GUIDE, VALID_PROJECT, line_of, swap
from generator import corpus
from generator.vocabulary import load as load_vocabulary


# Files that cannot be read -------------------------------------------------------------------

BROKEN = [
    # id, bytes or text, line, key in the message (or ""), fragments
    ("not-utf8", VALID_PROJECT.encode("cp1252"), 2, "", ("inte sparad som UTF-8",)),
    ("not-utf8-later-line", VALID_PROJECT.replace("owner: Södermalms", "owner: S\udcf6dermalms").encode(
        "utf-8", "surrogateescape"), line_of(VALID_PROJECT, "owner:"), "", ("inte sparad som UTF-8",)),
    ("empty", "", 1, "", ("filen är tom",)),
    ("only-whitespace", "\n \n\n", 1, "", ("filen är tom",)),
    ("no-front-matter", "# Stella\n\nText om projektet.\n", 1, "", ("filen börjar inte med front matter",)),
    ("missing-closing-fence", VALID_PROJECT.replace("---\n\n## Bakgrund", "\n## Bakgrund"), 1, "",
     ("front matter saknar avslutande ---",)),
    ("list-root", "---\n- title: Stella\n- status: avslutat\n---\n\nText.\n", 2, "", ("inte en lista",)),
    ("text-root", "---\nStella, ett projekt om föräldraskap\n---\n\nText.\n", 2, "", ("nyckel: värde",)),
    ("colon-in-value", swap("title: Stella – det", "title: Stella: det"), 2, "",
     ("front matter kan inte läsas", "ett kolon (:) inne i ett värde")),
    ("unclosed-quote", swap("title: Stella – det tredelade föräldraskapet",
                            'title: "Stella – det tredelade föräldraskapet'), 2, "",
     ("ett citattecken öppnas men stängs aldrig",)),
    ("missing-colon", swap("status: avslutat", "status avslutat"), 4, "", ("raden saknar kolon",)),
    ("bad-list-indent", swap("  - Södermalm", "  - Södermalm\n - Bromma"), 9, "", ("fel indrag",)),
    ("star-at-start", swap("title: Stella – det", "title: *Stella* – det"), 2, "", ("tecknet *",)),
    ("at-at-start", swap("owner: Södermalms", "owner: @Södermalms"), line_of(VALID_PROJECT, "owner:"), "",
     ("tecknet @",)),
    ("tab-indentation", swap("  - Södermalm", "\t- Södermalm"), line_of(VALID_PROJECT, "  - Södermalm"),
     "districts", ("tabbtecken i front matter vid districts",)),
    ("tab-after-colon", swap("status: avslutat", "status:\tavslutat"), 4, "status",
     ("tabbtecken i front matter vid status",)),
    ("no-break-space-after-colon", swap("status: avslutat", "status:\u00a0avslutat"), 4, "status",
     ("hårt mellanslag", "vid status")),
    ("no-break-space-after-dash", swap("  - Södermalm", "  -\u00a0Södermalm"), line_of(VALID_PROJECT, "  - Södermalm"),
     "districts", ("hårt mellanslag", "vid districts")),
    ("no-break-space-indent", swap("  - Södermalm", "\u00a0 - Södermalm"), line_of(VALID_PROJECT, "  - Södermalm"),
     "districts", ("hårt mellanslag",)),
]


@pytest.mark.parametrize("content,line,key,fragments", [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_unreadable_file_is_reported_and_fix_passes(kb, content, line, key, fragments):
    path = kb.project("stella.md", content)
    result = kb.check()
    assert result.status == 1, result.out
    finding = result.expect(path, line, *fragments)
    if key:
        assert key in finding.text
    status, payload = kb.check_json()
    assert status == 1
    assert key in {d["key"] for d in payload["diagnostics"] if d["line"] == line}

    kb.project("stella.md", VALID_PROJECT)
    fixed = kb.check()
    fixed.assert_clean()


def test_unreadable_file_does_not_hide_other_files(kb):
    kb.project("trasig.md", b"\xff\xfe---\n")
    broken = kb.project("stella.md", swap("  - Södermalm", "  - Södermalmm"))
    result = kb.check()
    assert result.status == 1
    result.expect("content/projects/trasig.md", 1, "UTF-8")
    result.expect(broken, line_of(VALID_PROJECT, "  - Södermalm"), "Södermalmm")


# Valid edge cases ---------------------------------------------------------------------------


def load(kb):
    result = corpus.load(kb.root, load_vocabulary())
    assert result.ok, result.diagnostics
    return result.corpus


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: "\ufeff" + t, id="utf8-bom"),
    pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
    pytest.param(lambda t: "\ufeff" + t.replace("\n", "\r\n"), id="bom-and-crlf"),
    pytest.param(lambda t: t.replace("\n", "\r"), id="old-mac-cr"),
    pytest.param(lambda t: __import__("unicodedata").normalize("NFD", t), id="nfd"),
])
def test_encodings_editors_tools_write_are_valid(kb, encode):
    kb.project("stella.md", encode(VALID_PROJECT))
    kb.guide("brukarinflytande.md", encode(VALID_GUIDE))
    kb.check().assert_clean()
    project = load(kb).projects[0]
    assert project.districts == ["Södermalm"]
    assert project.title == "Stella – det tredelade föräldraskapet"


def test_crlf_and_bom_keep_line_numbers(kb):
    text = swap("  - Södermalm", "  - Södermalmm")
    path = kb.project("stella.md", "\ufeff" + text.replace("\n", "\r\n"))
    result = kb.check()
    result.expect(path, line_of(text, "Södermalmm"), "menade du 'Södermalm'?")


def test_nfd_value_matches_the_vocabulary(kb):
    kb.project("stella.md", swap("  - Södermalm", "  - So\u0308dermalm"))
    assert kb.check().status == 0
    assert load(kb).projects[0].districts == ["Södermalm"]


def test_single_value_where_a_list_is_expected(kb):
    text = swap("districts:\n  - Södermalm", "districts: Södermalm")
    text = swap("areas:\n  - Barn och unga", "areas: Barn och unga", text)
    text = swap("topics:\n  - föräldrastöd", "topics: föräldrastöd", text)
    kb.project("stella.md", text)
    assert kb.check().status == 0
    project = load(kb).projects[0]
    assert (project.districts, project.areas, project.topics) == (["Södermalm"], ["Barn och unga"], ["föräldrastöd"])


def test_topics_differing_in_case_are_kept_once_as_first_written(kb):
    kb.project("stella.md", swap("  - föräldrastöd", "  - Föräldrastöd\n  - motiverande samtal\n  - föräldrastöd\n"
                                                     "  - FÖRÄLDRASTÖD\n  - Motiverande samtal"))
    assert kb.check().status == 0
    assert load(kb).projects[0].topics == ["Föräldrastöd", "motiverande samtal"]


def test_no_break_space_inside_a_value_is_text(kb):
    """Word writes '750 000' with a hard space; only a hard space that YAML would misread is an error."""
    text = swap("title: Stella – det tredelade föräldraskapet", 'title: "Stella\u00a0– 750\u00a0000 kr"')
    text = swap("  name: Anna Andersson", "  name: Anna\u00a0Andersson", text)
    kb.project("stella.md", text)
    kb.check().assert_clean()


@pytest.mark.parametrize("old,new", [
    ("title: Stella – det tredelade föräldraskapet", "title: 'Stella: det tredelade föräldraskapet'"),
    ("description: Ett projekt om stöd till barn och föräldrar när föräldrarna har separerat.",
     "description: >\n  Ett projekt om stöd till barn och föräldrar\n  när föräldrarna har separerat."),
    ("start: 2015", "start: 2015  # startår"),
    ("end: 2016", "end:"),
    ("owner:", "draft: true\nowner:"),
    ("owner:", "updated: 2016-02-29\nowner:"),
    ("districts:\n  - Södermalm", "districts: [Södermalm, Hela staden]"),
])
def test_other_valid_yaml_forms(kb, old, new):
    kb.project("stella.md", swap(old, new))
    kb.check().assert_clean()


def test_year_like_values_are_never_converted(kb):
    """YAML 1.1 reads 0127 as 87 and `no` as false; the checker must keep them as the text they are."""
    text = swap("start: 2015", "start: 0127")
    text = swap("amount: 400000", "amount: 750 000", text)
    text = swap("owner:", "draft: no\nowner:", text)
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "start:"), "start ska vara ett årtal", "'0127'")
    result.expect(path, line_of(text, "amount:"), "amount", "'750 000'")
    result.expect(path, line_of(text, "draft:"), "draft ska vara true eller false", "'no'")
    assert not any(word in result.out for word in ("är 87", "är 127 ", "750000 kr"))
    loaded = corpus.load(kb.root, load_vocabulary())
    assert loaded.corpus.projects == []  # a file with errors yields no published record
