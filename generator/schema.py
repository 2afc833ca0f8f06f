"""A JSON Schema (draft 2020-12) of the front matter, for editors' tools: validation and help on hover.

Generated from the same content model the validator uses: the keys, statuses and rules of
validation.py and the vocabulary of vocabulary.yml. What a key means to an editor is written once,
in KEYS below; tests/test_schema.py fails when validation.py knows a key that KEYS lacks.

A schema describes the shape of one file. What it cannot say is left to `kunskapsbank check`:
whether a related slug or an attached file exists, end ≥ start, a funding year within start..end,
updated ≥ published, the sum of one source's funding in a year, personal identity numbers, script
in HTML, a placeholder left in, and Word's typographic quotes.

The per-kind schemas use no keyword newer than draft-07, so a validator that knows only draft-07
(the VS Code extension's Ajv, see .remarkrc.mjs) reads them the same way when told not to check the
`$schema` line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

from .content import GUIDE, PROJECT, SECTIONS
from .validation import (DATE, EMAIL, GENDER_ANALYSIS_FROM, GUIDE_STATUSES, MAX_TOPIC_LENGTH, PROJECT_STATUSES,
                         SLUG, URL)
from .vocabulary import Vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BOTH = (PROJECT, GUIDE)
# The bounds validation.py passes to Fields.text, year and integer; the tests hold them together.
TEXT = (1, 10_000)
TITLE = (3, 150)
DESCRIPTION = (20, 300)
YEARS = (1990, 2100)
AMOUNT = (1, 10**12)
# The statuses with a rule of their own in validate_guide.
GUIDE_DRAFTING, GUIDE_REPLACED = "under arbete", "ersatt"
FILE_NAMES = {PROJECT: "projekt", GUIDE: "vagledning"}


# Value shapes ----------------------------------------------------------------

Shape = Callable[[Vocabulary], list]  # the alternatives a value may take


def _ecma(regex: re.Pattern) -> str:
    """The pattern as ECMA-262 reads it (editors' tools run JavaScript): no flags, no escaped quote."""
    pattern = regex.pattern.replace('\\"', '"')
    return _ignore_case(pattern) if regex.flags & re.IGNORECASE else pattern


def _ignore_case(pattern: str) -> str:
    """Each letter outside a character class and an escape as [xX]: ECMA-262 has no inline (?i)."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if not escaped and char in "[]":
            in_class = char == "["
        letter = char.isalpha() and not (escaped or in_class)
        out.append(f"[{char.lower()}{char.upper()}]" if letter else char)
        escaped = char == "\\" and not escaped
    return "".join(out)


def text(lo: int = TEXT[0], hi: int = TEXT[1]) -> Shape:
    return lambda vocab: [{"type": "string", "minLength": lo, "maxLength": hi}]


def pattern(regex: re.Pattern) -> Shape:
    return lambda vocab: [{"type": "string", "pattern": _ecma(regex)}]


def integer(lo: int, hi: int) -> Shape:
    return lambda vocab: [{"type": "integer", "minimum": lo, "maximum": hi}]


def year() -> Shape:
    return integer(*YEARS)


def choice(values: Callable[[Vocabulary], tuple]) -> Shape:
    return lambda vocab: [{"type": "string", "enum": list(values(vocab))}]


def boolean() -> Shape:
    return lambda vocab: [{"type": "boolean"}]


def listed(item: Shape, required: bool = False) -> Shape:
    """A list, or one value standing for a list of one (Fields.items reads it so)."""
    def shape(vocab: Vocabulary) -> list:
        array = {"type": "array", "items": _merge(item(vocab))}
        return item(vocab) + [{**array, "minItems": 1} if required else array]
    return shape


def mapping(keys: tuple["Key", ...], rules: Callable[[Vocabulary], list] = lambda vocab: []) -> Shape:
    def shape(vocab: Vocabulary) -> list:
        schema = {"type": "object", "properties": {k.name: _property(k, k.required, vocab) for k in keys},
                  "required": [k.name for k in keys if k.required], "additionalProperties": False}
        extra = rules(vocab)
        return [{**schema, "allOf": extra} if extra else schema]
    return shape


def _merge(alternatives: list) -> dict:
    return alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives}


# The table -------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One key of the front matter: what an editor reads on hover, and the value's shape."""

    name: str
    title: str  # Swedish, short
    description: str  # Swedish, plain words
    examples: tuple
    shape: Shape
    kinds: tuple[str, ...] = BOTH
    required: bool | tuple[str, ...] = False  # True or the kinds it is required for
    # An optional key may be left empty (`end:`): check reads it as missing. Not so a document's
    # file or url, which check reads as chosen once the key is there.
    may_be_empty: bool = True

    def required_for(self, kind: str) -> bool:
        return self.required is True or (isinstance(self.required, tuple) and kind in self.required)


def _property(key: Key, required: bool, vocab: Vocabulary) -> dict:
    alternatives = key.shape(vocab)
    if key.may_be_empty and not required:
        alternatives = _or_empty(alternatives)
    return {"title": key.title, "description": key.description, "examples": list(key.examples),
            **_merge(alternatives)}


def _or_empty(alternatives: list) -> list:
    """The value or nothing. Null joins the first alternative's type where it can, so that an editor's
    tool reports one message for a wrong value rather than a 'must be null' beside it; an object keeps
    null apart, since its oneOf of required keys would hold twice for null."""
    first, rest = alternatives[0], alternatives[1:]
    if first["type"] == "object":
        return alternatives + [{"type": "null"}]
    nullable = {**first, "type": [first["type"], "null"]}
    if "enum" in first:
        nullable["enum"] = first["enum"] + [None]
    return [nullable, *rest]


def _entry_limits(vocab: Vocabulary) -> list:
    """Per-entry caps such as MUST's 25 000 kr, from the vocabulary."""
    return [{"if": {"properties": {"source": {"const": source}}, "required": ["source"]},
             "then": {"properties": {"amount": {"maximum": limit}}}}
            for source, limit in vocab.limit_per_entry.items()]


CONTACT_KEYS = (
    Key("name", "Namn", "Kontaktpersonens för- och efternamn.", ("Anna Andersson",), text()),
    Key("email", "E-post", "Kontaktpersonens e-postadress.", ("fornamn.efternamn@stockholm.se",),
        pattern(EMAIL)),
)

FUNDING_KEYS = (
    Key("source", "Finansiär", "Varifrån pengarna kommer. Välj ett av värdena i listan.",
        ("Lokala utvecklingsmedel",), choice(lambda v: v.funding_sources), required=True),
    Key("year", "År", "Året pengarna gäller, med fyra siffror. Ska ligga mellan projektets start och end.",
        (2015,), year(), required=True),
    Key("amount", "Belopp", "Beloppet i hela kronor, bara siffror: inga mellanslag, punkter eller kr.",
        (400000,), integer(*AMOUNT), required=True),
)

DOCUMENT_KEYS = (
    Key("title", "Dokumentets titel", "Titeln som visas i länken till dokumentet.", ("Slutrapport",), text(),
        required=True),
    Key("kind", "Dokumenttyp", "Vilken sorts dokument det är. Välj ett av värdena i listan.", ("slutrapport",),
        choice(lambda v: v.document_kinds), required=True),
    Key("year", "År", "Året dokumentet skrevs, med fyra siffror.", (2016,), year(), required=True),
    Key("file", "Bifogad fil", "Sökväg till en fil som ligger bredvid texten, till exempel "
        "files/<filnamn>/slutrapport.pdf. Skriv antingen file eller url, inte båda.",
        ("files/mina-bada-varldar/slutrapport.pdf",), text(), may_be_empty=False),
    Key("url", "Webbadress", "Länk till dokumentet på en annan webbplats, som börjar med http:// eller "
        "https://. Skriv antingen file eller url, inte båda.", ("https://www.example.se/rapport.pdf",),
        pattern(URL), may_be_empty=False),
)


def _one_of_file_or_url(vocab: Vocabulary) -> list:
    return [{"oneOf": [{"required": ["file"]}, {"required": ["url"]}]}]


KEYS = (
    Key("title", "Titel", f"Sidans rubrik, {TITLE[0]}–{TITLE[1]} tecken. Visas överst på sidan och i alla "
        "listor.", ("Stella – det tredelade föräldraskapet",), text(*TITLE), required=True),
    Key("description", "Kort beskrivning", f"En eller två meningar, {DESCRIPTION[0]}–{DESCRIPTION[1]} tecken, "
        "som visas i listorna och i sökresultaten.",
        ("Ett projekt om stöd till barn och föräldrar när föräldrarna har separerat.",),
        text(*DESCRIPTION), required=True),
    Key("status", "Status", "Var projektet står nu. Välj ett av värdena i listan; permanentat betyder att "
        "arbetet blev en del av den vanliga verksamheten.", ("avslutat",), choice(lambda v: PROJECT_STATUSES),
        kinds=(PROJECT,), required=True),
    Key("status", "Status", f"Var vägledningen står nu. Välj ett av värdena i listan; {GUIDE_REPLACED} betyder "
        "att en nyare vägledning gäller i stället (skriv då superseded_by).", ("gällande",),
        choice(lambda v: GUIDE_STATUSES), kinds=(GUIDE,), required=True),
    Key("start", "Startår", f"Året projektet startade, med fyra siffror ({YEARS[0]}–{YEARS[1]}), utan "
        f"citattecken. Från {GENDER_ANALYSIS_FROM} krävs gender_analysis.", (2015,), year(),
        kinds=(PROJECT,), required=True),
    Key("end", "Slutår", "Året projektet slutade, samma som start eller senare. Utelämna om projektet bara "
        "pågick ett år.", (2016,), year(), kinds=(PROJECT,)),
    Key("districts", "Stadsdelar", "En eller flera stadsdelsförvaltningar, en per rad med - först. "
        "Välj bland värdena i listan; Hela staden om projektet gäller alla.", (["Södermalm"],),
        listed(choice(lambda v: v.districts), required=True), kinds=(PROJECT,), required=True),
    Key("areas", "Områden", "Ett eller flera områden, ett per rad med - först. Välj bland värdena i listan.",
        (["Barn och unga"],), listed(choice(lambda v: v.areas), required=True), required=True),
    Key("topics", "Ämnesord", "Fritt valda ord eller fraser som hjälper läsarna att hitta sidan, ett per rad.",
        (["föräldrastöd", "motiverande samtal"],), listed(text(1, MAX_TOPIC_LENGTH))),
    Key("owner", "Ansvarig", "Den förvaltning eller enhet som äger projektet eller ansvarar för vägledningen.",
        ("Södermalms stadsdelsförvaltning",), text(), required=(GUIDE,)),
    Key("contact", "Kontaktperson", "Vem läsarna kan fråga: name och email på egna rader, indragna under "
        "contact.", ({"name": "Anna Andersson", "email": "anna.andersson@stockholm.se"},),
        mapping(CONTACT_KEYS), kinds=(PROJECT,)),
    Key("partners", "Samarbetspartner", "Universitet, högskolor och organisationer som var med, en per rad.",
        (["Ersta Sköndal Bräcke högskola", "BRIS"],), listed(text()), kinds=(PROJECT,)),
    Key("researchers", "Forskare", "Forskare som var med i projektet, en per rad.", (["Bo Berg"],),
        listed(text()), kinds=(PROJECT,)),
    Key("funding", "Finansiering", "Pengar till projektet: en post per finansiär och år, med source, year "
        "och amount.", ([{"source": "Lokala utvecklingsmedel", "year": 2015, "amount": 400000}],),
        listed(mapping(FUNDING_KEYS, _entry_limits)), kinds=(PROJECT,)),
    Key("documents", "Dokument", "Rapporter och andra dokument: en post per dokument med title, kind, year "
        "och antingen file (en bifogad fil) eller url (en länk).",
        ([{"title": "Slutrapport", "kind": "slutrapport", "year": 2016, "file": "files/stella/slutrapport.pdf"}],),
        listed(mapping(DOCUMENT_KEYS, _one_of_file_or_url))),
    Key("gender_analysis", "Jämställdhetsanalys", "Projektets jämställdhetsanalys: hur kvinnor och män, "
        f"flickor och pojkar berörs. Krävs för projekt som startar {GENDER_ANALYSIS_FROM} eller senare.",
        ("Projektet har analyserat hur pojkar och flickor tar del av stödet.",), text(), kinds=(PROJECT,)),
    Key("awards", "Utmärkelser", "Priser och utmärkelser som projektet har fått, en per rad.",
        (["Kvalitetsutmärkelsens förnyelsepris 2016"],), listed(text()), kinds=(PROJECT,)),
    Key("related", "Relaterade sidor", "Filnamn utan .md på andra projekt eller vägledningar som hör ihop med "
        "den här, en per rad. Sidorna måste finnas.", (["mina-bada-varldar"],), listed(pattern(SLUG))),
    Key("draft", "Utkast", "true om sidan inte ska publiceras ännu (den kontrolleras ändå); annars false "
        "eller utelämna raden.", (True,), boolean()),
    Key("updated", "Uppdaterad", "Datum då sidan senast uppdaterades, skrivet ÅÅÅÅ-MM-DD.", ("2017-01-15",),
        pattern(DATE)),
    Key("published", "Publicerad", f"Datum då vägledningen publicerades, skrivet ÅÅÅÅ-MM-DD. Krävs utom när "
        f"status är {GUIDE_DRAFTING}.", ("2019-03-01",), pattern(DATE), kinds=(GUIDE,)),
    Key("audience", "Målgrupp", "Vilka vägledningen är skriven för, en per rad.",
        (["Socialsekreterare", "Chefer"],), listed(text()), kinds=(GUIDE,)),
    Key("superseded_by", "Ersatt av", f"Filnamnet utan .md på den vägledning som ersätter den här. Skrivs "
        f"bara, och måste skrivas, när status är {GUIDE_REPLACED}.", ("ny-vagledning",), pattern(SLUG),
        kinds=(GUIDE,)),
)


def keys_of(kind: str) -> tuple[Key, ...]:
    return tuple(k for k in KEYS if kind in k.kinds)


# Rules between keys ----------------------------------------------------------


def _when(key: str, condition: dict) -> dict:
    return {"properties": {key: condition}, "required": [key]}


def _then_required(key: Key, vocab: Vocabulary) -> dict:
    return {"properties": {key.name: _property(key, True, vocab)}, "required": [key.name]}


def _key(kind: str, name: str) -> Key:
    return next(k for k in keys_of(kind) if k.name == name)


def _project_rules(vocab: Vocabulary) -> list:
    return [{"if": _when("start", {"type": "integer", "minimum": GENDER_ANALYSIS_FROM}),
             "then": _then_required(_key(PROJECT, "gender_analysis"), vocab)}]


def _guide_rules(vocab: Vocabulary) -> list:
    published = [s for s in GUIDE_STATUSES if s != GUIDE_DRAFTING]
    return [{"if": _when("status", {"enum": published}), "then": _then_required(_key(GUIDE, "published"), vocab)},
            {"if": _when("status", {"const": GUIDE_REPLACED}),
             "then": _then_required(_key(GUIDE, "superseded_by"), vocab),
             "else": {"properties": {"superseded_by": {"type": "null"}}}}]


RULES = {PROJECT: _project_rules, GUIDE: _guide_rules}


# Schemas ---------------------------------------------------------------------

TITLES = {PROJECT: "Front matter för ett projekt i Kunskapsbanken",
          GUIDE: "Front matter för en vägledning i Kunskapsbanken"}
DESCRIPTIONS = {kind: f"Nycklarna överst i en fil i content/{SECTIONS[kind]}/. Samma regler som kunskapsbank "
                      "check; kör check för det schemat inte kan se, som att relaterade sidor och bifogade "
                      "filer finns." for kind in BOTH}


def kind_schema(kind: str, vocab: Vocabulary) -> dict:
    keys = keys_of(kind)
    return {
        "$schema": DRAFT, "title": TITLES[kind], "description": DESCRIPTIONS[kind], "type": "object",
        "properties": {k.name: _property(k, k.required_for(kind), vocab) for k in keys},
        "required": [k.name for k in keys if k.required_for(kind)],
        "additionalProperties": False,
        "allOf": RULES[kind](vocab),
    }


def combined_schema(vocab: Vocabulary) -> dict:
    """Both kinds in one file, told apart by status: no status is both a project's and a guide's."""
    defs = {FILE_NAMES[kind]: {k: v for k, v in kind_schema(kind, vocab).items() if k != "$schema"}
            for kind in BOTH}
    return {
        "$schema": DRAFT, "title": "Front matter i Kunskapsbanken",
        "description": f"Ett projekt (content/{SECTIONS[PROJECT]}/) eller en vägledning (content/{SECTIONS[GUIDE]}/). "
                       "Schemat väljer "
                       "vägledningen när status är en vägledningsstatus (" + ", ".join(GUIDE_STATUSES) +
                       "), annars projektet. Verktyg som kan koppla scheman till mappar bör i stället använda "
                       "projekt.schema.json och vagledning.schema.json.",
        "$defs": defs,
        "if": _when("status", {"enum": list(GUIDE_STATUSES)}),
        "then": {"$ref": f"#/$defs/{FILE_NAMES[GUIDE]}"},
        "else": {"$ref": f"#/$defs/{FILE_NAMES[PROJECT]}"},
    }


def schema(kind: str | None, vocab: Vocabulary) -> dict:
    return combined_schema(vocab) if kind is None else kind_schema(kind, vocab)


def render(kind: str | None, vocab: Vocabulary) -> str:
    """The schema as the shipped files in schemas/ hold it."""
    return json.dumps(schema(kind, vocab), ensure_ascii=False, indent=2) + "\n"
