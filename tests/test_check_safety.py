"""What must never be published: personal identity numbers and HTML that runs script."""

from __future__ import annotations

import json

import pytest

from conftest import line_of, swap

BODY_END = "Att ge barnen en röst i samtalen."


def with_body(extra: str) -> str:
    return swap(BODY_END, BODY_END + "\n\n" + extra)


# Personal identity numbers ------------------------------------------------------------------

PERSONAL_NUMBERS = [
    ("19121212-1212", "19121212-****"),
    ("121212-1212", "121212-****"),
    ("191212121212", "19121212-****"),
    ("19121212+1212", "19121212-****"),
    ("20201231-0005", "20201231-****"),
    ("19121272-1219", "19121272-****"),  # samordningsnummer: day + 60
    ("121272-1219", "121272-****"),
]


@pytest.mark.parametrize("number,masked", PERSONAL_NUMBERS)
def test_personal_number_in_body_is_reported_masked(kb, number, masked):
    text = with_body(f"Intervjun med klienten ({number}) visade att stödet hjälpte.")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    finding = result.expect(path, line_of(text, number), f"({masked})")
    assert finding.text == (f"personnummer eller samordningsnummer ({masked}) i filen. Kunskapsbanken får aldrig "
                            "innehålla uppgifter om enskilda: ta bort numret")
    assert number not in result.out + result.err
    status, payload = kb.check_json()
    assert status == 1 and number not in json.dumps(payload, ensure_ascii=False)


@pytest.mark.parametrize("old,new", [
    ("owner: Södermalms stadsdelsförvaltning", "owner: Södermalms stadsdelsförvaltning 19121212-1212"),
    ("  name: Anna Andersson", "  name: Anna Andersson 19121212-1212"),
    ("  - föräldrastöd", "  - föräldrastöd 19121212-1212"),
])
def test_personal_number_in_front_matter_is_reported_on_its_line(kb, old, new):
    text = swap(old, new)
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "19121212-1212"), "(19121212-****)")
    assert "19121212-1212" not in result.out


def test_personal_number_in_fenced_code_is_still_reported(kb):
    text = with_body("```\nklient 19121212-1212\n```")
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1
    result.expect(path, line_of(text, "19121212-1212"), "(19121212-****)")


@pytest.mark.parametrize("old,new,key", [
    ("  - Södermalm", "  - 19121212-1212", "districts"),
    ("owner:", "19121212-1212: klient\nowner:", "19121212-****"),
    ("owner:", "related:\n  - 19121212-1212\nowner:", "related"),
    ("start: 2015", "start: 191212121212", "start"),
    ("amount: 400000", "amount: 191212121212", "funding"),
    ("  - Barn och unga", "  - '121212-1212'", "areas"),
])
def test_personal_number_never_repeated_by_another_message(kb, old, new, key):
    """An unknown value, key or slug is quoted back to the editor: a personal number must be masked there too."""
    kb.project("stella.md", swap(old, new))
    result = kb.check()
    assert result.status == 1
    status, payload = kb.check_json()
    for output in (result.out, json.dumps(payload, ensure_ascii=False)):
        for form in ("19121212-1212", "191212121212", "121212-1212", "191 212 121 212"):
            assert form not in output, output
    assert key in {d["key"] for d in payload["diagnostics"]}


@pytest.mark.parametrize("text", [
    "19121212-1213",  # wrong check digit
    "121212-1213",
    "191212121213",
    "19121312-1212",  # month 13
    "Diarienummer SN 2015/1234-1212 och perioden 2015-2016.",
    "Ring 08-508 250 00 eller 070-121 21 21.",
    "Projektet kostade 1212121213 kronor.",
])
def test_numbers_without_a_valid_check_digit_are_not_reported(kb, text):
    kb.project("stella.md", with_body(text))
    kb.check().assert_clean()


# Script-running HTML ------------------------------------------------------------------------

UNSAFE_BODY = [
    ("script", "<script>alert(1)</script>", "<script>"),
    ("onerror", '<img src="bild.png" onerror="alert(1)">', "attributet onerror="),
    ("onload-unquoted", "<svg onload=alert(1)>", "attributet onload="),
    ("markdown-link", "Läs [mer](javascript:alert(1)) här.", "länken javascript:"),
    ("markdown-link-mixed-case", "Läs [mer]( JaVaScRiPt:alert(1)) här.", "länken"),
    ("markdown-link-entity", "Läs [mer](jav&#x61;script:alert(1)) här.", "länken jav"),
    ("markdown-link-named-entity", "Läs [mer](javascript&colon;alert(1)) här.", "länken javascript"),
    ("markdown-image", "![bild](javascript:alert(1))", "länken javascript:"),
    ("reference-link", "[mer]: javascript:alert(1)", "länken javascript:"),
    ("reference-link-entity", "[mer]: jav&#97;script:alert(1)\n\nLäs [här][mer].", "länken jav"),
    ("autolink", "<javascript:alert(1)>", "länken javascript:"),
    ("href", '<a href="javascript:alert(1)">mer</a>', 'href="javascript:…"'),
    ("href-entity", '<a href="jav&#x61;script:alert(1)">mer</a>', 'href="javascript:…"'),
    ("iframe", '<iframe src="https://example.org"></iframe>', "<iframe>"),
    ("object", '<object data="film.swf"></object>', "<object>"),
    ("embed", '<embed src="film.swf">', "<embed>"),
    # Backticks that Python-Markdown does not take for code must not hide what follows.
    ("backtick-across-paragraphs", "Ett ` tecken.\n\n<script>alert(1)</script>\n\nEtt ` till.", "<script>"),
    ("escaped-backtick", "Ett \\` tecken <script>alert(1)</script> och ` ett till.", "<script>"),
    ("code-span-in-html-block", "<div>\n\n`<script>alert(1)</script>`\n\n</div>", "<script>"),
    ("fence-with-words", "```foo bar\n<script>alert(1)</script>\n```", "<script>"),
    # What hides HTML from an HTML parser but not from Python-Markdown or the browser.
    ("after-unclosed-comment", "Text <!-- anteckning\n\n<script>alert(1)</script>", "<script>"),
    ("after-unclosed-cdata", "<![CDATA[\n\n<img src=x onerror=alert(1)>", "attributet onerror="),
    ("after-unclosed-style", "<style>\n\n<a href=\"javascript:alert(1)\">mer</a>", 'href="javascript:…"'),
    ("noscript-attribute", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
     "attributet onerror="),
    ("inline-triple-backticks", "```x``` text\n\n<script>alert(1)</script>\n\n```", "<script>"),
]


@pytest.mark.parametrize("snippet,what", [(s, w) for _id, s, w in UNSAFE_BODY], ids=[i for i, _s, _w in UNSAFE_BODY])
def test_script_html_in_body_is_reported(kb, snippet, what):
    text = with_body(snippet)
    path = kb.project("stella.md", text)
    line = line_of(text, "alert(1)" if "alert(1)" in snippet else what.rstrip(">"))
    result = kb.check()
    assert result.status == 1
    finding = result.expect(path, line, what)
    # What was found (as written, perhaps cut short), where, and the fix.
    assert finding.text.endswith(" i texten kan köra skript i läsarens webbläsare och är inte tillåtet. "
                                 "Ta bort det; skriv vanlig Markdown"), finding.text


@pytest.mark.parametrize("old,new,key,what", [
    ("title: Stella – det tredelade föräldraskapet", 'title: "Stella <script>alert(1)</script>"', "title", "<script>"),
    ("description: Ett projekt", "description: 'Ett projekt <img src=x onerror=alert(1)>", "description",
     "attributet onerror="),
    ("owner: Södermalms stadsdelsförvaltning", "owner: Södermalm [mer](javascript:alert(1))", "owner", "länken javascript:"),
    ("owner: Södermalms stadsdelsförvaltning", "owner: <iframe src=x></iframe> Södermalm", "owner", "<iframe>"),
    ("  name: Anna Andersson", '  name: "<a href=\\"javascript:alert(1)\\">Anna</a>"', "contact", 'href="javascript:…"'),
])
def test_script_html_in_front_matter_value_is_reported(kb, old, new, key, what):
    text = swap(old, new)
    if new.startswith("description: '"):
        text = text.replace("separerat.\n", "separerat.'\n", 1)
    path = kb.project("stella.md", text)
    result = kb.check()
    assert result.status == 1, result.out
    result.expect(path, line_of(text, new.split(":")[0] + ":"), what, f"i {key}")
    status, payload = kb.check_json()
    assert key in {d["key"] for d in payload["diagnostics"] if what in d["message"]}


@pytest.mark.parametrize("snippet", [
    "```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```",
    "~~~\n<img src=x onerror=alert(1)>\n[x](javascript:alert(1))\n~~~",
    "````\n```\n<script>alert(1)</script>\n````",
    "```{.html}\n<object data=x></object>\n```",
    "Skriv aldrig `<script>` i texten.",
    '<div class="ruta" title="online=ja, href=javascript">Text om <b>metadata</b> och <em>scripts</em>.</div>',
    "Ordet onerror= och <scripts> är inga taggar, inte heller <metadata>.",
])
def test_script_html_inside_code_is_not_reported(kb, snippet):
    kb.project("stella.md", with_body(snippet))
    kb.check().assert_clean()


def test_personal_number_after_a_hyphen_is_reported(kb):
    text = with_body("Se ärende-19121212-1212 i akten.")
    path = kb.project("stella.md", text)
    result = kb.check()
    result.expect(path, line_of(text, "ärende-"), "(19121212-****)")


@pytest.mark.parametrize("broken", [
    pytest.param(lambda t: t.replace("title: Stella –", "title: Stella: –"), id="yaml-error"),
    pytest.param(lambda t: t.replace("---\n\n## Bakgrund", "\n## Bakgrund"), id="no-closing-fence"),
    pytest.param(lambda t: t.encode("cp1252"), id="not-utf8"),
])
def test_personal_number_is_reported_even_when_front_matter_is_unreadable(kb, broken):
    text = with_body("Klienten 19121212-1212 deltog.")
    content = broken(text)
    path = kb.project("stella.md", content)
    result = kb.check()
    assert result.status == 1 and len(result.findings) == 2, result.out
    readable = content.decode("cp1252") if isinstance(content, bytes) else content
    result.expect(path, line_of(readable, "Klienten"), "(19121212-****)")
    assert "19121212-1212" not in result.out
