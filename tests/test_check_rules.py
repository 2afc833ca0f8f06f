"""Every rule of the content model (shared/spec/content-model.md), one broken file at a time.

Each case writes a file that breaks one rule and asserts the exit status, the path, the line, the
key and the Swedish message, in the text output and in the JSON output; then writes the same file
fixed and asserts that check passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conftest import VALID_GUIDE, VALID_PROJECT, guide, line_of, project, swap, without_lines
from pdfmaker import make_pdf



def drop(text: str, *starts: str) -> str:
    result = without_lines(text, *starts)
    assert result != text, f"no line starts with {starts!r}"
    return result


DESCRIPTION = "description: Ett projekt om stöd till barn och föräldrar när föräldrarna har separerat."
GENDER = "gender_analysis: Projektet har analyserat hur pojkar och flickor tar del av stödet."
# A project starting 2019: gender_analysis is required from 2018.
PROJECT_2019 = project(("start: 2015", "start: 2019"), ("end: 2016", "end: 2020"), ("year: 2015", "year: 2019"),
                       ("---\n\n## Bakgrund", GENDER + "\n---\n\n## Bakgrund"))
FUNDING = "funding:\n  - source: Lokala utvecklingsmedel\n    year: 2015\n    amount: 400000\n"
DOCUMENT = "    url: https://example.org/slutrapport.pdf\n"
CONTACT = "contact:\n  name: Anna Andersson\n  email: anna.andersson@stockholm.se\n"


def funding(*entries: tuple[str, int, object]) -> str:
    lines = ["funding:"]
    for source, year, amount in entries:
        lines += [f"  - source: {source}", f"    year: {year}", f"    amount: {amount}"]
    return project((FUNDING, "\n".join(lines) + "\n"))


# A real PDF: a file that only starts like one is warned of, as its text cannot be checked.
REPORT = make_pdf(["Slutrapport för projektet."])

@dataclass
class Case:
    id: str
    broken: str
    fixed: str
    line: int | str  # a number, or text found on the reported line of the broken file
    key: str  # the diagnostic's key ("" for rules about the whole file)
    fragments: tuple[str, ...]
    kind: str = "project"
    name: str = "stella.md"
    fixed_name: str | None = None
    extra: dict = field(default_factory=dict)  # content-relative path -> text, present in both runs
    fixed_extra: dict = field(default_factory=dict)  # written only for the fixed run


CASES = [
    # Required keys -----------------------------------------------------------------------------
    # A missing key is reported where it belongs: on the line of the key before it in the template.
    *[Case(f"project-requires-{key}", drop(VALID_PROJECT, f"{key}:"), VALID_PROJECT, after or 1, key,
           (f"nyckeln {key} saknas. Lägg till {key}: " + (f"på en ny rad efter {after[:-1]}" if after
                                                           else "överst i front matter"),))
      for key, after in (("title", None), ("description", "title:"), ("status", "description:"),
                         ("start", "status:"))],
    Case("project-requires-districts", drop(VALID_PROJECT, "districts:", "  - Södermalm"), VALID_PROJECT, "end:",
         "districts", ("nyckeln districts saknas. Lägg till districts: på en ny rad efter end",)),
    Case("project-requires-areas", drop(VALID_PROJECT, "areas:", "  - Barn och unga"), VALID_PROJECT, "districts:",
         "areas", ("nyckeln areas saknas. Lägg till areas: på en ny rad efter districts och raderna under den",)),
    *[Case(f"guide-requires-{key}", drop(VALID_GUIDE, f"{key}:"), VALID_GUIDE, after or 1, key,
           (f"nyckeln {key} saknas. Lägg till {key}: " + (f"på en ny rad efter {after[:-1]}" if after
                                                           else "överst i front matter"),), kind="guide")
      for key, after in (("title", None), ("description", "title:"), ("status", "description:"),
                         ("owner", "updated:"))],
    Case("guide-requires-areas", drop(VALID_GUIDE, "areas:", "  - Brukarinflytande"), VALID_GUIDE, "owner:", "areas",
         ("nyckeln areas saknas. Lägg till areas: på en ny rad efter owner",), kind="guide"),
    Case("required-key-empty", project(("title: Stella – det tredelade föräldraskapet", "title:")), VALID_PROJECT,
         "title:", "title", ("title är tom",)),
    Case("required-list-empty", project(("districts:\n  - Södermalm", "districts: []")), VALID_PROJECT,
         "districts: []", "districts", ("districts är en tom lista",)),

    # Types ---------------------------------------------------------------------------------
    Case("title-list", project(("title: Stella – det tredelade föräldraskapet", "title: [Stella, Två]")),
         VALID_PROJECT, "title:", "title", ("title ska vara en text", "en lista")),
    Case("start-quoted", project(("start: 2015", 'start: "2015"')), VALID_PROJECT, "start:", "start",
         ("start ska vara ett årtal", "texten '2015'")),
    Case("start-decimal", project(("start: 2015", "start: 2015.5")), VALID_PROJECT, "start:", "start",
         ("start ska vara ett årtal", "talet 2015.5")),
    Case("end-text", project(("end: 2016", "end: snart")), VALID_PROJECT, "end:", "end",
         ("end ska vara ett årtal", "texten 'snart'")),
    Case("district-mapping", project(("  - Södermalm", "  Södermalm: ja")), VALID_PROJECT, "Södermalm: ja",
         "districts", ("districts ska vara en text", "en tabell med nycklar")),
    Case("contact-text", project((CONTACT, "contact: Anna Andersson\n")), VALID_PROJECT, "contact:", "contact",
         ("contact ska ha nycklarna name och email",)),
    Case("funding-item-text", project((FUNDING, "funding:\n  - mycket pengar\n")), VALID_PROJECT,
         "mycket pengar", "funding", ("varje post i funding ska ha egna nycklar",)),
    Case("amount-decimal", project(("amount: 400000", "amount: 400000.5")), VALID_PROJECT, "amount:", "amount",
         ("amount ska vara ett belopp i hela kronor", "talet 400000.5")),
    Case("amount-zero", project(("amount: 400000", "amount: 0")), VALID_PROJECT, "amount:", "amount",
         ("amount är 0",)),
    Case("updated-not-a-date", project(("owner:", "updated: igår\nowner:")), VALID_PROJECT, "updated:", "updated",
         ("updated ska vara ett datum skrivet ÅÅÅÅ-MM-DD", "texten 'igår'")),
    Case("topics-mapping-item", project(("  - föräldrastöd", "  - {ämne: föräldrastöd}")), VALID_PROJECT,
         "ämne", "topics", ("topics ska vara en text",)),

    # Lengths -------------------------------------------------------------------------------
    Case("title-too-short", project(("title: Stella – det tredelade föräldraskapet", "title: St")),
         project(("title: Stella – det tredelade föräldraskapet", "title: Ste")), "title:", "title",
         ("title har 2 tecken men ska ha 3–150",)),
    Case("title-too-long", project(("title: Stella – det tredelade föräldraskapet", "title: " + "S" * 151)),
         project(("title: Stella – det tredelade föräldraskapet", "title: " + "S" * 150)), "title:", "title",
         ("title har 151 tecken men ska ha 3–150",)),
    Case("description-too-short", project((DESCRIPTION, "description: Nitton tecken här.x")),
         project((DESCRIPTION, "description: Tjugo tecken precis.")), "description:", "description",
         ("description har 19 tecken men ska ha 20–300",)),
    Case("description-too-long",
         project((DESCRIPTION, "description: " + "d" * 301)),
         project((DESCRIPTION, "description: " + "d" * 300)), "description:", "description",
         ("description har 301 tecken men ska ha 20–300",)),
    Case("guide-title-too-short", guide(("title: Vägledning för brukarinflytande", "title: Vä")), VALID_GUIDE,
         "title:", "title", ("title har 2 tecken",), kind="guide"),

    # Status vocabulary ---------------------------------------------------------------------
    Case("project-status-typo", project(("status: avslutat", "status: pagaende")),
         project(("status: avslutat", "status: pågående")), "status:", "status",
         ("okänt värde 'pagaende' i status – menade du 'pågående'?",)),
    Case("project-status-of-guide", project(("status: avslutat", "status: gällande")),
         project(("status: avslutat", "status: permanentat")), "status:", "status", ("okänt värde 'gällande' i status",)),
    Case("guide-status-typo", guide(("status: gällande", "status: gallande")), VALID_GUIDE, "status:", "status",
         ("okänt värde 'gallande' i status – menade du 'gällande'?",), kind="guide"),
    Case("guide-status-of-project", guide(("status: gällande", "status: avslutat")),
         guide(("status: gällande", "status: under revidering")), "status:", "status",
         ("okänt värde 'avslutat' i status",), kind="guide"),

    # Years ---------------------------------------------------------------------------------
    Case("start-before-1990", project(("start: 2015", "start: 1989")), project(("start: 2015", "start: 1990")),
         "start:", "start", ("start är 1989 men ska vara ett årtal från 1990 till 2100",)),
    Case("start-after-2100", project(("start: 2015", "start: 2101")), VALID_PROJECT, "start:", "start",
         ("start är 2101",)),
    Case("end-before-start", project(("end: 2016", "end: 2014")), project(("end: 2016", "end: 2015")), "end:", "end",
         ("end (2014) är före start (2015)",)),

    # Vocabulary ----------------------------------------------------------------------------
    Case("district-typo", project(("  - Södermalm", "  - Södermalmm")), VALID_PROJECT, "Södermalmm", "districts",
         ("okänt värde 'Södermalmm' i districts – menade du 'Södermalm'?",)),
    Case("district-unknown", project(("  - Södermalm", "  - Solna")), VALID_PROJECT, "Solna", "districts",
         ("okänt värde 'Solna' i districts", "Tillåtna värden: Rinkeby-Kista")),
    Case("area-typo", project(("  - Barn och unga", "  - Barn och ungdom")), VALID_PROJECT, "ungdom", "areas",
         ("okänt värde 'Barn och ungdom' i areas – menade du 'Barn och unga'?",)),
    Case("guide-area-typo", guide(("  - Brukarinflytande", "  - Brukarinflytandet")), VALID_GUIDE, "Brukarinflytandet",
         "areas", ("okänt värde 'Brukarinflytandet' i areas – menade du 'Brukarinflytande'?",), kind="guide"),

    # Keys ----------------------------------------------------------------------------------
    Case("unknown-key", project(("description:", "descripton:")), VALID_PROJECT, "descripton:", "descripton",
         ("okänd nyckel 'descripton' – menade du 'description'?",)),
    Case("unknown-key-in-contact", project(("  email:", "  mail:")), VALID_PROJECT, "  mail:", "contact",
         ("okänd nyckel 'mail' i contact – menade du 'email'?",)),
    Case("guide-key-in-project", project(("owner:", "audience:\n  - Chefer\nowner:")), VALID_PROJECT, "audience:",
         "audience", ("nyckeln 'audience' används bara för vägledningar", "inte för projekt")),
    Case("project-key-in-guide", guide(("owner:", "districts:\n  - Bromma\nowner:")), VALID_GUIDE, "districts:",
         "districts", ("nyckeln 'districts' används bara för projekt", "inte för vägledningar"), kind="guide"),
    Case("duplicated-key", project(("owner:", "status: pågående\nowner:")), VALID_PROJECT, "status: pågående",
         "status", ("nyckeln 'status' står två gånger (första gången på rad 4)",)),

    # Links ---------------------------------------------------------------------------------
    Case("related-missing", project(("owner:", "related:\n  - brukarinflytandet\nowner:")),
         project(("owner:", "related:\n  - brukarinflytande\nowner:")), "related:", "related",
         ("related pekar på 'brukarinflytandet'", "menade du 'brukarinflytande'?"),
         extra={"guides/brukarinflytande.md": VALID_GUIDE}),
    Case("related-not-a-slug", project(("owner:", "related:\n  - Brukar Inflytande\nowner:")),
         project(("owner:", "related:\n  - brukar-inflytande\nowner:")), "Brukar Inflytande", "related",
         ("'Brukar Inflytande' i related är ingen giltig sidadress", "Menade du 'brukar-inflytande'?"),
         extra={"guides/brukar-inflytande.md": VALID_GUIDE}),
    Case("superseded-by-required", guide(("status: gällande", "status: ersatt")),
         guide(("status: gällande", "status: ersatt\nsuperseded_by: ny-vagledning")), "audience:", "superseded_by",
         ("nyckeln superseded_by saknas (krävs när status är 'ersatt')",), kind="guide",
         extra={"guides/ny-vagledning.md": VALID_GUIDE}),
    Case("superseded-by-without-ersatt", guide(("owner:", "superseded_by: ny-vagledning\nowner:")), VALID_GUIDE,
         "superseded_by:", "superseded_by", ("superseded_by anges bara när status är 'ersatt'",), kind="guide",
         extra={"guides/ny-vagledning.md": VALID_GUIDE}),
    Case("superseded-by-project", guide(("status: gällande", "status: ersatt\nsuperseded_by: stella")),
         guide(("status: gällande", "status: ersatt\nsuperseded_by: ny-vagledning")), "superseded_by:",
         "superseded_by", ("superseded_by pekar på 'stella', som ett projekt, inte en vägledning",), kind="guide",
         name="gammal-vagledning.md",
         extra={"projects/stella.md": VALID_PROJECT, "guides/ny-vagledning.md": VALID_GUIDE}),
    Case("superseded-by-missing", guide(("status: gällande", "status: ersatt\nsuperseded_by: nya-vagledningen")),
         guide(("status: gällande", "status: ersatt\nsuperseded_by: ny-vagledning")), "superseded_by:",
         "superseded_by", ("superseded_by pekar på 'nya-vagledningen', som finns inte",), kind="guide",
         name="gammal-vagledning.md", extra={"guides/ny-vagledning.md": VALID_GUIDE}),

    # Documents -----------------------------------------------------------------------------
    Case("document-file-and-url", project((DOCUMENT, DOCUMENT + "    file: files/stella/slutrapport.pdf\n")),
         VALID_PROJECT, "  - title: Slutrapport", "documents", ("antingen file", "inte båda")),
    Case("document-neither", project((DOCUMENT, "")), VALID_PROJECT, "  - title: Slutrapport", "documents",
         ("antingen file", "inte inget av dem")),
    Case("document-file-missing", project((DOCUMENT, "    file: files/stella/slutrapport.pdf\n")),
         project((DOCUMENT, "    file: files/stella/slutrapport.pdf\n")), "file:", "documents",
         ("filen 'files/stella/slutrapport.pdf' i documents finns inte",),
         fixed_extra={"projects/files/stella/slutrapport.pdf": REPORT}),
    Case("document-file-outside-content", project((DOCUMENT, "    file: ../../hemlig.pdf\n")),
         project((DOCUMENT, "    file: files/stella/hemlig.pdf\n")), "file:", "documents",
         ("filen '../../hemlig.pdf' i documents ligger utanför content/",),
         extra={"../hemlig.pdf": REPORT, "projects/files/stella/hemlig.pdf": REPORT}),
    Case("document-url-not-http", project((DOCUMENT, "    url: ftp://example.org/slutrapport.pdf\n")),
         project((DOCUMENT, "    url: http://example.org/slutrapport.pdf\n")), "url:", "documents",
         ("url 'ftp://example.org/slutrapport.pdf' i documents ska vara en webbadress som börjar med http://",)),
    Case("document-kind", project(("kind: slutrapport", "kind: protokoll")), VALID_PROJECT, "kind:", "kind",
         ("okänt värde 'protokoll' i kind", "Tillåtna värden: projektplan")),
    Case("document-unknown-key", project(("    kind: slutrapport", "    kind: slutrapport\n    sida: 3")),
         VALID_PROJECT, "sida:", "documents", ("okänd nyckel 'sida' i documents",)),

    # Funding -------------------------------------------------------------------------------
    Case("funding-source", project(("source: Lokala utvecklingsmedel", "source: Kommunen")), VALID_PROJECT,
         "source:", "source", ("okänt värde 'Kommunen' i source", "Tillåtna värden: Lokala utvecklingsmedel")),
    Case("funding-source-typo", project(("source: Lokala utvecklingsmedel", "source: Lokala utvecklingsmedlen")),
         VALID_PROJECT, "source:", "source", ("menade du 'Lokala utvecklingsmedel'?",)),
    Case("funding-year-before-start", funding(("Statsbidrag", 2014, 100000)), funding(("Statsbidrag", 2015, 100000)),
         "year: 2014", "funding", ("finansieringsåret 2014 ligger utanför projektets år 2015–2016",)),
    Case("funding-year-after-end", funding(("Statsbidrag", 2017, 100000)), funding(("Statsbidrag", 2016, 100000)),
         "year: 2017", "funding", ("finansieringsåret 2017 ligger utanför projektets år 2015–2016",)),
    Case("funding-year-without-end", drop(funding(("Annan", 2016, 100000)), "end:"),
         drop(funding(("Annan", 2015, 100000)), "end:"), "year: 2016", "funding", ("utanför projektets år 2015–2015",)),
    Case("lokala-sum-over-limit",
         funding(("Lokala utvecklingsmedel", 2015, 400000), ("Statsbidrag", 2015, 900000),
                 ("Lokala utvecklingsmedel", 2015, 350001)),
         funding(("Lokala utvecklingsmedel", 2015, 400000), ("Statsbidrag", 2015, 900000),
                 ("Lokala utvecklingsmedel", 2015, 350000), ("Lokala utvecklingsmedel", 2016, 750000)),
         "funding:", "funding", ("Lokala utvecklingsmedel är 750 001 kr för 2015", "högst 750 000 kr per år")),
    Case("lokala-one-entry-over-limit", funding(("Lokala utvecklingsmedel", 2016, 750001)),
         funding(("Lokala utvecklingsmedel", 2016, 750000)), "funding:", "funding",
         ("Lokala utvecklingsmedel är 750 001 kr för 2016",)),
    Case("must-entry-over-limit", funding(("MUST", 2015, 25000), ("MUST", 2015, 25001)),
         funding(("MUST", 2015, 25000), ("MUST", 2015, 25000)), "amount: 25001", "funding",
         ("MUST får vara högst 25 000 kr per post, men är 25 001 kr",)),

    # Gender analysis -----------------------------------------------------------------------
    Case("gender-analysis-from-2018", drop(PROJECT_2019, "gender_analysis:"), PROJECT_2019, "documents:", "gender_analysis",
         ("nyckeln gender_analysis saknas (krävs för projekt som startar 2018 eller senare)",)),
    Case("gender-analysis-2018-exactly", project(("start: 2015", "start: 2018"), ("end: 2016", "end: 2018"),
                                                 ("year: 2015", "year: 2018")),
         project(("start: 2015", "start: 2017"), ("end: 2016", "end: 2018"), ("year: 2015", "year: 2018")),
         "documents:", "gender_analysis", ("nyckeln gender_analysis saknas",)),
    Case("gender-analysis-empty", swap(GENDER, "gender_analysis:", PROJECT_2019), PROJECT_2019,
         "gender_analysis:", "gender_analysis", ("gender_analysis är tom (krävs för projekt som startar 2018",)),

    # Contact, dates ------------------------------------------------------------------------
    Case("contact-email", project(("anna.andersson@stockholm.se", "anna.andersson@stockholm")), VALID_PROJECT,
         "email:", "contact", ("'anna.andersson@stockholm' i contact är ingen giltig e-postadress",)),
    Case("contact-email-spaces", project(("anna.andersson@stockholm.se", "anna andersson@stockholm.se")),
         VALID_PROJECT, "email:", "contact", ("ingen giltig e-postadress",)),
    Case("published-required", drop(VALID_GUIDE, "published:"),
         drop(guide(("status: gällande", "status: under arbete")), "published:"), "status:", "published",
         ("nyckeln published saknas (krävs när status är 'gällande')",), kind="guide"),
    Case("published-required-when-revised", drop(guide(("status: gällande", "status: under revidering")), "published:"),
         VALID_GUIDE, "status:", "published", ("nyckeln published saknas (krävs när status är 'under revidering')",),
         kind="guide"),
    Case("updated-before-published", guide(("updated: 2020-01-15", "updated: 2019-01-01")),
         guide(("updated: 2020-01-15", "updated: 2019-03-01")), "updated:", "updated",
         ("updated (2019-01-01) är före published (2019-03-01)",), kind="guide"),
    Case("published-impossible-date", guide(("published: 2019-03-01", "published: 2015-02-30")),
         guide(("published: 2019-03-01", "published: 2015-02-28")), "published:", "published",
         ("datumet 2015-02-30 i published finns inte i kalendern",), kind="guide"),
    Case("published-not-iso", guide(("published: 2019-03-01", "published: 1 mars 2019")), VALID_GUIDE,
         "published:", "published", ("published ska vara ett datum skrivet ÅÅÅÅ-MM-DD",), kind="guide"),
    Case("updated-impossible-date", project(("owner:", "updated: 2015-02-30\nowner:")),
         project(("owner:", "updated: 2016-02-29\nowner:")), "updated:", "updated",
         ("datumet 2015-02-30 i updated finns inte i kalendern",)),

    # Values YAML 1.1 would convert: they must stay errors ------------------------------------
    *[Case(f"draft-{value}", project(("owner:", f"draft: {value}\nowner:")),
           project(("owner:", f"draft: {fixed}\nowner:")), "draft:", "draft",
           ("draft ska vara true eller false", shown))
      for value, fixed, shown in (("no", "false", "texten 'no'"), ("yes", "true", "texten 'yes'"),
                                  ("off", "false", "texten 'off'"), ("1", "true", "talet 1"),
                                  ('"true"', "true", "texten 'true'"))],
    *[Case(f"start-{value}", project(("start: 2015", f"start: {value}")), VALID_PROJECT, "start:", "start",
           ("start ska vara ett årtal", shown))
      for value, shown in (("0127", "texten '0127'"), ("0o3737", "texten '0o3737'"), ("0x7DF", "texten '0x7DF'"),
                           ("2_015", "texten '2_015'"), ("2015-01-01", "texten '2015-01-01'"))],
    Case("amount-with-space", project(("amount: 400000", "amount: 750 000")), VALID_PROJECT, "amount:", "amount",
         ("amount ska vara ett belopp i hela kronor, men är texten '750 000'", "750000")),
    Case("amount-with-unit", project(("amount: 400000", "amount: 400000 kr")), VALID_PROJECT, "amount:", "amount",
         ("texten '400000 kr'",)),
    Case("amount-sexagesimal", project(("amount: 400000", "amount: 1:20:00")), VALID_PROJECT, "amount:", "amount",
         ("texten '1:20:00'",)),

    # File name -----------------------------------------------------------------------------
    Case("file-name-not-a-slug", VALID_PROJECT, VALID_PROJECT, 1, "", ("filnamnet 'Mina båda världar.md' är inte "
                                                                       "tillåtet", "Byt namn till 'mina-bada-varldar.md'"),
         name="Mina båda världar.md", fixed_name="mina-bada-varldar.md"),
    Case("file-name-upper-case", VALID_GUIDE, VALID_GUIDE, 1, "", ("Byt namn till 'stella-2.md'",),
         kind="guide", name="Stella_2.md", fixed_name="stella-2.md"),

    # Placeholders --------------------------------------------------------------------------
    Case("placeholder-in-front-matter", project((DESCRIPTION, 'description: "FYLL I: en eller två meningar om projektet."')), VALID_PROJECT,
         "description:", "description", ("platshållaren 'FYLL I' i description är inte ifylld",)),
    Case("placeholder-in-list", project(("  - Södermalm", "  - FYLL I")), VALID_PROJECT, "  - FYLL I", "districts",
         ("platshållaren 'FYLL I' i districts är inte ifylld",)),
    Case("placeholder-plain", project(("description: Ett projekt om stöd", "description: FYLL I Ett projekt om stöd")),
         VALID_PROJECT, "description:", "description", ("platshållaren 'FYLL I' i description",)),
    Case("placeholder-in-body", project(("Att ge barnen en röst i samtalen.", "FYLL I")), VALID_PROJECT,
         "FYLL I", "", ("platshållaren 'FYLL I' står kvar i texten",)),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_rule_is_reported_and_fix_passes(kb, case):
    section = "projects" if case.kind == "project" else "guides"
    for relative, text in case.extra.items():
        kb.write(relative, text)
    path = kb.write(f"{section}/{case.name}", case.broken)
    line = case.line if isinstance(case.line, int) else line_of(case.broken, case.line)

    result = kb.check()
    assert result.status == 1, result.out
    result.expect(path, line, *case.fragments)

    status, payload = kb.check_json()
    assert status == 1
    keys = {d["key"] for d in payload["diagnostics"]
            if d["path"] == path and d["line"] == line and all(x in d["message"] for x in case.fragments)}
    assert case.key in keys, payload["diagnostics"]

    kb.remove(f"{section}/{case.name}")
    for relative, text in case.fixed_extra.items():
        kb.write(relative, text)
    kb.write(f"{section}/{case.fixed_name or case.name}", case.fixed)
    fixed = kb.check()
    fixed.assert_clean()


def test_every_case_breaks_and_fixes_a_different_file():
    """Guard against a case whose replacement silently did nothing."""
    for case in CASES:
        assert case.broken != case.fixed or case.fixed_name or case.fixed_extra, case.id
    assert len({case.id for case in CASES}) == len(CASES)
