"""Validate one file's front matter into a typed record; every problem becomes a Diagnostic."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path, PurePosixPath

from .attachments import AttachmentText
from .characters import char_name, hidden_characters, lookalike, what_it_does
from .content import GUIDE, PROJECT, Contact, Document, Funding, Guide, Project
from .body_check import check_body_html
from .diagnostics import Diagnostic, error, warning
from .hints import boolean_hint, date_hint, missing_key_place, number_hint, text_hint
from .personal_numbers import find_personal_numbers, mask_personal_numbers
from .safety import find_unsafe_html
from .source import TYPOGRAPHIC_QUOTES, Map, Scalar, Seq, SourceFile
from .swedish import file_slug, term_slug
from .new_files import KEY_ORDER, PLACEHOLDER
from .publishing import file_problem
from .vocabulary import Vocabulary, closest

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
URL = re.compile(r"^https?://[^\s<>\"]+$", re.I)

PROJECT_STATUSES = ("planerat", "pågående", "avslutat", "permanentat")
GUIDE_STATUSES = ("under arbete", "gällande", "under revidering", "ersatt")
KEYS = KEY_ORDER  # the keys of each kind, in the order the templates write them
GENDER_ANALYSIS_FROM = 2018
_KIND_NAMES = {PROJECT: "projekt", GUIDE: "vägledningar"}
_MISSING = object()


class Fields:
    """Reads typed values out of a front-matter mapping, recording what is wrong."""

    def __init__(self, path: Path, front: Map, problems: list[Diagnostic], order: tuple[str, ...] = (),
                 first_line: int = 1):
        self.path, self.front, self.problems = path, front, problems
        self.order, self.first_line = order, first_line  # where a missing key belongs

    def fail(self, line: int, key: str, message: str) -> None:
        self.problems.append(error(self.path, line, key, message))

    def warn(self, line: int, key: str, message: str) -> None:
        self.problems.append(warning(self.path, line, key, message))

    def line(self, key: str) -> int:
        return self.front.entries[key][0] if key in self.front.entries else 1

    def node(self, key: str, required: bool, why: str = ""):
        if key not in self.front.entries:
            if required:
                line, where = missing_key_place(self.front.entries, self.order, key, self.first_line)
                self.fail(line, key, f"nyckeln {key} saknas{why}. Lägg till {key}: {where} (se mallen)")
            return _MISSING
        node = self.front.entries[key][1]
        if isinstance(node, Scalar) and node.value is None:
            if required:
                self.fail(self.line(key), key, f"{key} är tom{why}. Skriv ett värde efter kolonet")
            return _MISSING
        return node

    # Scalars -----------------------------------------------------------------

    def text(self, key: str, required: bool = False, lo: int = 1, hi: int = 10_000, why: str = "") -> str | None:
        node = self.node(key, required, why)
        return None if node is _MISSING else self.text_of(node, key, lo, hi)

    def text_of(self, node, key: str, lo: int = 1, hi: int = 10_000, words: tuple[str, ...] = ()) -> str | None:
        """The text, or None after a message; `words` are the values it should be one of, to name."""
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            self.fail(node.line, key, f"{key} ska vara en text, men är {_describe(node)}{text_hint(key, node)}")
            return None
        if hidden_characters(node.value):  # they would reach the page, the title bar and every listing
            self.fail(node.line, key, _hidden_message(node.value, key, words))
            return None
        if not node.quoted and node.value[:1] in TYPOGRAPHIC_QUOTES and node.value[-1:] in TYPOGRAPHIC_QUOTES:
            self.fail(node.line, key, f"{key} står inom typografiska citattecken ({node.value[0]} … {node.value[-1]}), "
                                      "ofta från Word, och de skulle synas på sidan. Använd raka citattecken (\") "
                                      "eller inga alls")
            return None
        value = " ".join(node.value.split()) if "\n" not in node.value.strip() else node.value.strip()
        if not lo <= len(value) <= hi:
            self.fail(node.line, key, f"{key} har {len(value)} tecken men ska ha {lo}–{hi}. "
                                      + ("Skriv ut den lite mer" if len(value) < lo else "Korta texten"))
            return None
        return value

    def integer(self, key: str, node, lo: int, hi: int, what: str) -> int | None:
        if not isinstance(node, Scalar) or type(node.value) is not int:
            self.fail(node.line, key, f"{key} ska vara {what}, men är {_describe(node)}.{number_hint(key, node)}")
            return None
        if not lo <= node.value <= hi:
            self.fail(node.line, key, f"{key} är {node.value} men ska vara {what} från {lo} till {hi}")
            return None
        return node.value

    def year(self, key: str, required: bool = False, lo: int = 1990, hi: int = 2100) -> int | None:
        node = self.node(key, required)
        return None if node is _MISSING else self.integer(key, node, lo, hi, "ett årtal")

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = False) -> str | None:
        node = self.node(key, required)
        value = None if node is _MISSING else self.text_of(node, key, words=allowed)
        if value is not None and value not in allowed:
            self.fail(self.line(key), key, _unknown_value(value, key, allowed))
            return None
        return value

    def date(self, key: str, required: bool = False, why: str = "") -> dt.date | None:
        node = self.node(key, required, why)
        return None if node is _MISSING else self.date_of(node, key)

    def date_of(self, node, key: str) -> dt.date | None:
        raw = node.value if isinstance(node, Scalar) else None
        if not isinstance(raw, str) or not DATE.match(raw):
            self.fail(node.line, key, f"{key} ska vara ett datum skrivet ÅÅÅÅ-MM-DD (till exempel 2014-03-01), "
                                      f"men är {_describe(node)}.{date_hint(key, node)}")
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.fail(node.line, key, f"datumet {raw} i {key} finns inte i kalendern. Kontrollera månad och dag")
            return None

    def boolean(self, key: str) -> bool:
        node = self.node(key, False)
        if node is _MISSING:
            return False
        if not isinstance(node, Scalar) or type(node.value) is not bool:
            self.fail(node.line, key, f"{key} ska vara true eller false, men är {_describe(node)}{boolean_hint(key, node)}")
            return False
        return node.value

    def slug(self, key: str, node) -> str | None:
        value = self.text_of(node, key)
        if value is not None and not SLUG.match(value):
            self.fail(node.line, key, f"'{value}' i {key} är ingen giltig sidadress (filnamn utan .md). "
                                      f"Menade du '{file_slug(value.removesuffix('.md'))}'?")
            return None
        return value

    # Lists and mappings ------------------------------------------------------

    def items(self, key: str, required: bool = False) -> list:
        """A list's item nodes; a single value is read as a list of one."""
        node = self.node(key, required)
        if node is _MISSING:
            return []
        items = node.items if isinstance(node, Seq) else [node]
        if required and not items:
            self.fail(node.line, key, f"{key} är en tom lista. Ange minst ett värde")
        return items

    def texts(self, key: str, required: bool = False) -> list[str]:
        values: list[str] = []
        seen: set[str] = set()
        for item in self.items(key, required):
            value = self.text_of(item, key)
            if value is None:
                continue
            if value not in seen:
                seen.add(value)
                values.append(value)
        return values

    def terms(self, key: str, allowed: tuple[str, ...], required: bool = False) -> list[str]:
        values = []
        for item in self.items(key, required):
            value = self.text_of(item, key, words=allowed)
            if value is None:
                continue
            if value not in allowed:
                if PLACEHOLDER not in value:  # reported once, as a placeholder
                    self.fail(item.line, key, _unknown_value(value, key, allowed))
            elif value not in values:
                values.append(value)
        return values

    def topics(self) -> list[str]:
        """Topics compare case-insensitively; two that differ otherwise but share a page are an error."""
        values: dict[str, str] = {}  # term slug -> the spelling first given
        for item in self.items("topics"):
            value = self.text_of(item, "topics", hi=MAX_TOPIC_LENGTH)
            if value is None or not self.term_page(item.line, "topics", value):
                continue
            first = values.setdefault(term_slug(value), value)
            if first.casefold() != value.casefold():
                self.fail(item.line, "topics", f"ämnet '{value}' får samma sida som '{first}' tidigare i topics "
                                               f"(/topics/{term_slug(value)}/). Ta bort det ena, eller skriv dem "
                                               "likadant")
        return list(values.values())

    def term_page(self, line: int, key: str, name: str) -> bool:
        """Whether the term can have a page of its own, /topics/<term-slug>/; a message if not."""
        slug = term_slug(name)
        if not slug:
            problem = (f"'{name}' i {key} har inga bokstäver eller siffror och kan inte få någon egen sida. "
                       "Skriv ämnet med ord, till exempel 'föräldrastöd'")
        elif slug in RESERVED_SLUGS:
            problem = (f"'{name}' i {key} kan inte användas: sidan /{key}/{slug}/ skulle ersätta en sida som "
                       f"webbplatsen själv gör. Skriv ämnet med fler ord, till exempel '{name} i socialtjänsten'")
        elif len(slug) > MAX_TERM_SLUG_LENGTH:
            problem = (f"'{name[:40]}…' i {key} ger en sidadress på {len(slug)} tecken, men den får ha högst "
                       f"{MAX_TERM_SLUG_LENGTH}. Korta ämnet")
        else:
            return True
        self.fail(line, key, problem)
        return False

    def mappings(self, key: str) -> list[Map]:
        result = []
        for item in self.items(key):
            if isinstance(item, Map):
                result.append(item)
            else:
                self.fail(item.line, key, f"varje post i {key} ska ha egna nycklar (till exempel "
                                          f"\"- title: …\" på en rad och fler nycklar under), men är {_describe(item)}")
        return result

    def sub(self, mapping: Map, key: str, allowed: tuple[str, ...]) -> "Fields":
        for name, (line, _node) in mapping.entries.items():
            if name not in allowed:
                guess = closest(name, allowed)
                self.fail(line, key, f"okänd nyckel '{name}' i {key}"
                                     + (f" – menade du '{guess}'?" if guess else f". Tillåtna: {', '.join(allowed)}"))
        return Fields(self.path, mapping, self.problems, allowed, mapping.line)


def _describe(node) -> str:
    if isinstance(node, Seq):
        return "en lista"
    if isinstance(node, Map):
        return "en tabell med nycklar"
    value = node.value
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return f"sanningsvärdet {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"talet {value}"
    return f"texten '{value}'"


def _unknown_value(value: str, key: str, allowed: tuple[str, ...]) -> str:
    found = lookalike(value, allowed)
    if found:  # closest() would propose a word that looks exactly like the one written
        word, differences = found
        named = ", ".join(f"tecken {i} är {char_name(ch)}, "
                          + (what_it_does(ch) if meant is None else f"inte ett svenskt {meant}")
                          for i, ch, meant in differences[:3])
        return f"okänt värde '{value}' i {key}: {named}. Skriv om ordet med tangentbordet: '{word}'"
    guess = closest(value, allowed)
    if guess:
        return f"okänt värde '{value}' i {key} – menade du '{guess}'?"
    return f"okänt värde '{value}' i {key}. Tillåtna värden: {', '.join(allowed)}"


def _hidden_message(value: str, key: str, words: tuple[str, ...]) -> str:
    if lookalike(value, words):
        return _unknown_value(value, key, words)
    named = ", ".join(f"tecken {i} är {char_name(ch)}, {what_it_does(ch)}" for i, ch in hidden_characters(value)[:3])
    return (f"{key} innehåller tecken som inte syns: {named}. Ta bort dem: radera tecknen runt platsen och skriv "
            "om dem med tangentbordet (de följer ofta med när text klistras in från webben eller Word)")


# File-level rules ------------------------------------------------------------


# These stems would collide with the generated listing page or the attachments folder; a term with
# one of them as its slug would replace the overview of its facet (topics/index.md is /topics/).
RESERVED_SLUGS = ("index", "files")
MAX_TOPIC_LENGTH = 80
# A term's slug is a file name in the built site (topics/<slug>/index.html); most file systems
# refuse names over 255 bytes, and a long address is no use to a reader.
MAX_TERM_SLUG_LENGTH = 100


def check_file_name(path: Path) -> list[Diagnostic]:
    if path.stem in RESERVED_SLUGS:
        return [error(path, 1, "", f"filnamnet '{path.name}' är reserverat för webbplatsen. "
                                   "Döp filen efter sidans titel, med små bokstäver och bindestreck "
                                   "(till exempel mina-bada-varldar.md)")]
    if SLUG.match(path.stem) and path.suffix == ".md":
        return []
    proposed = file_slug(path.stem) or "ny-sida"
    return [error(path, 1, "", f"filnamnet '{path.name}' är inte tillåtet: använd bara små bokstäver a–z utan "
                               f"å, ä, ö, siffror och bindestreck. Byt namn till '{proposed}.md'")]


def check_unknown_keys(fields: Fields, kind: str) -> None:
    allowed = KEYS[kind]
    other = KEYS[GUIDE if kind == PROJECT else PROJECT]
    for key, (line, _node) in fields.front.entries.items():
        if key in allowed:
            continue
        if key in other:
            fields.fail(line, key, f"nyckeln '{key}' används bara för {_KIND_NAMES[GUIDE if kind == PROJECT else PROJECT]}, "
                                   f"inte för {_KIND_NAMES[kind]}. Ta bort raden")
            continue
        guess = closest(key, allowed)
        fields.fail(line, key, f"okänd nyckel '{key}'" + (f" – menade du '{guess}'?" if guess else
                                                          ". Ta bort raden; tillåtna nycklar finns i mallen"))


def _front_strings(node, key: str = ""):
    """(top-level key, scalar node) for every text value in the front matter."""
    if isinstance(node, Map):
        for name, (_line, child) in node.entries.items():
            yield from _front_strings(child, key or name)
    elif isinstance(node, Seq):
        for child in node.items:
            yield from _front_strings(child, key)
    elif isinstance(node.value, str):
        yield key, node


def check_personal_numbers(path: Path, text: str) -> list[Diagnostic]:
    return [error(path, line, "", f"personnummer eller samordningsnummer ({masked}) i filen. Kunskapsbanken får "
                                  "aldrig innehålla uppgifter om enskilda: ta bort numret")
            for line, masked in find_personal_numbers(text)]


def check_attachment(page: Path, line: int, key: str, name: str, read: AttachmentText) -> list[Diagnostic]:
    """A personal number in an attached file is an error of the page that publishes it; a file whose
    text cannot be read cannot be checked, which is a warning."""
    found = dict.fromkeys((masked, passage.where) for passage in read.passages
                          for _line, masked in find_personal_numbers(passage.text))
    problems = [error(page, line, key, f"personnummer eller samordningsnummer ({masked}) i bilagan {name}"
                                       f"{', ' + where if where else ''}. Kunskapsbanken får aldrig innehålla "
                                       "uppgifter om enskilda: ta bort numret ur bilagan och spara om den, "
                                       "eller ta bort bilagan")
                for masked, where in found]
    if read.problem:
        problems.append(warning(page, line, key, f"texten i bilagan {name} kan inte läsas ({read.problem}), så den "
                                                 "kan inte kontrolleras för personnummer och hittas inte av "
                                                 "sökningen; spara om den som PDF eller DOCX"))
    return problems


def check_safety(source: SourceFile) -> list[Diagnostic]:
    """What must never be published: personal numbers, script, and template placeholders left in."""
    problems = check_personal_numbers(source.path, source.text)
    problems += [error(source.path, source.body_line + number, "", f"platshållaren '{PLACEHOLDER}' står kvar i "
                                                                  "texten. Ersätt den med riktig text")
                 for number, line in enumerate(source.body.split("\n")) if PLACEHOLDER in line]
    unsafe = find_unsafe_html(source.body)
    for line, what in unsafe:
        problems.append(error(source.path, source.body_line + line - 1, "", f"{what} i texten kan köra skript i "
                                                                              "läsarens webbläsare och är inte tillåtet. "
                                                                              "Ta bort det; skriv vanlig Markdown"))
    problems += check_body_html(source.path, source.body, source.body_line, source.path.stem,
                                {source.body_line + line - 1 for line, _what in unsafe})
    for key, node in _front_strings(source.front):
        if PLACEHOLDER in node.value:
            problems.append(error(source.path, node.line, key, f"platshållaren '{PLACEHOLDER}' i {key} är inte "
                                                               "ifylld. Skriv in det riktiga värdet, eller ta bort "
                                                               "raden om nyckeln inte krävs"))
        # Script needs a tag, a scheme's colon or an entity hiding one; plain values skip the HTML parser.
        if any(c in node.value for c in "<:&"):
            for _line, what in find_unsafe_html(node.value):
                problems.append(error(source.path, node.line, key, f"{what} i {key} kan köra skript i läsarens "
                                                                   "webbläsare och är inte tillåtet. Skriv vanlig text"))
    return problems


# Records ---------------------------------------------------------------------


def _common(f: Fields, source: SourceFile, kind: str, root: Path, vocab: Vocabulary) -> dict:
    return dict(
        kind=kind, slug=source.path.stem, path=source.path, body=source.body, body_line=source.body_line,
        key_lines={key: line for key, (line, _node) in source.front.entries.items()},
        title=f.text("title", True, 3, 150),
        description=f.text("description", True, 20, 300),
        areas=f.terms("areas", vocab.areas, required=True),
        topics=f.topics(),
        related=[s for s in (f.slug("related", n) for n in f.items("related")) if s],
        documents=_documents(f, source.path, root, vocab),
        draft=f.boolean("draft"),
    )


def _documents(f: Fields, path: Path, root: Path, vocab: Vocabulary) -> list[Document]:
    documents = []
    for mapping in f.mappings("documents"):
        d = f.sub(mapping, "documents", ("title", "kind", "year", "file", "url"))
        title = d.text("title", True)
        kind = d.choice("kind", vocab.document_kinds, True)
        year = d.year("year", True)
        has_file, has_url = "file" in mapping.entries, "url" in mapping.entries
        if has_file == has_url:
            f.fail(mapping.line, "documents", "varje dokument ska ha antingen file (en bifogad fil) eller url "
                                              "(en länk), inte " + ("båda" if has_file else "inget av dem"))
            continue
        target = _attachment(d, path, root) if has_file else _url(d)
        if None not in (title, kind, year) and target is not None:
            documents.append(Document(title, kind, year, line=d.line("file" if has_file else "url"), **target))
    return documents


def _attachment(d: Fields, path: Path, root: Path) -> dict | None:
    raw = d.text("file", True)
    if raw is None:
        return None
    line = d.line("file")
    resolved = (path.parent / raw).resolve()
    try:
        relative = resolved.relative_to(root.resolve())
    except ValueError:
        d.fail(line, "documents", f"filen '{raw}' i documents ligger utanför content/. Lägg filen i "
                                  f"content/{path.parent.name}/files/{path.stem}/ och skriv files/{path.stem}/{PurePosixPath(raw).name}")
        return None
    if not resolved.is_file():
        d.fail(line, "documents", f"filen '{raw}' i documents finns inte (sökt i {path.parent / raw}). "
                                  "Kontrollera namnet och att filen är med i ändringen")
        return None
    written = os.path.relpath(os.path.normpath(path.parent / raw), root)  # the path itself, symlinks unresolved
    why = None if written.startswith("..") else file_problem(root, Path(written).as_posix())
    if why:
        d.fail(line, "documents", f"filen '{raw}' i documents publiceras inte: {why}")
        return None
    return {"file": relative.as_posix(), "size": resolved.stat().st_size}


def _url(d: Fields) -> dict | None:
    raw = d.text("url", True)
    if raw is None:
        return None
    if not URL.match(raw):
        d.fail(d.line("url"), "documents", f"url '{raw}' i documents ska vara en webbadress som börjar med "
                                           "http:// eller https://")
        return None
    return {"url": raw}


def _contact(f: Fields) -> Contact | None:
    node = f.node("contact", False)
    if node is _MISSING:
        return None
    if not isinstance(node, Map):
        f.fail(node.line, "contact", f"contact ska ha nycklarna name och email på egna rader, men är {_describe(node)}")
        return None
    c = f.sub(node, "contact", ("name", "email"))
    name, email = c.text("name"), c.text("email")
    if email is not None and not EMAIL.match(email):
        f.fail(c.line("email"), "contact", f"'{email}' i contact är ingen giltig e-postadress "
                                           "(till exempel fornamn.efternamn@stockholm.se)")
        email = None
    return Contact(name, email)


def _kronor(amount: int) -> str:
    """'750 000 kr': Swedish groups thousands with a space (formatted apart from the message's commas)."""
    if mask_personal_numbers(str(amount)) != str(amount):
        return mask_personal_numbers(str(amount)) + " kr"  # grouped digits would slip past the masking
    return f"{amount:,} kr".replace(",", " ")


# Grants are tens or hundreds of thousands of kronor: an amount under this was most likely written
# in thousands ("400" for 400 000 kr), or lost its digits to a thousands point.
SMALL_AMOUNT = 1_000


def _warn_if_small(d: Fields, amount: int | None) -> None:
    if amount is not None and amount < SMALL_AMOUNT:
        d.warn(d.line("amount"), "funding", f"amount är {_kronor(amount)}, ovanligt lite för ett beviljat belopp. "
                                            "Skriv beloppet i hela kronor: 400 000 kr skrivs amount: 400000")


def _funding(f: Fields, vocab: Vocabulary, start: int | None, end: int | None) -> list[Funding]:
    entries = []
    for mapping in f.mappings("funding"):
        d = f.sub(mapping, "funding", ("source", "year", "amount"))
        source = d.choice("source", vocab.funding_sources, True)
        year = d.year("year", True)
        node = d.node("amount", True)
        amount = None if node is _MISSING else d.integer("amount", node, 1, 10**12, "ett belopp i hela kronor")
        _warn_if_small(d, amount)
        if year is not None and start is not None and not start <= year <= (end or start):
            d.fail(d.line("year"), "funding", f"finansieringsåret {year} ligger utanför projektets år "
                                              f"{start}–{end or start}. Ändra year, eller start/end")
            year = None
        limit = vocab.limit_per_entry.get(source)
        if amount is not None and limit is not None and amount > limit:
            d.fail(d.line("amount"), "funding", f"{source} får vara högst {_kronor(limit)} per post, "
                                                f"men är {_kronor(amount)}")
        if None not in (source, year, amount):
            entries.append(Funding(source, year, amount))
    for source, limit in vocab.limit_per_project_year.items():
        by_year: dict[int, int] = {}
        for entry in entries:
            if entry.source == source:
                by_year[entry.year] = by_year.get(entry.year, 0) + entry.amount
        for year, total in sorted(by_year.items()):
            if total > limit:
                f.fail(f.line("funding"), "funding", f"{source} är {_kronor(total)} för {year}, men ett projekt får "
                                                     f"högst {_kronor(limit)} per år. Kontrollera beloppen")
    return entries


def validate_project(source: SourceFile, root: Path, vocab: Vocabulary) -> tuple[Project, list[Diagnostic]]:
    """The record is built as far as the values allow; it is valid only if no problem is an error."""
    problems = list(source.diagnostics)
    f = Fields(source.path, source.front, problems, KEY_ORDER[PROJECT])
    check_unknown_keys(f, PROJECT)
    common = _common(f, source, PROJECT, root, vocab)
    status = f.choice("status", PROJECT_STATUSES, True)
    start = f.year("start", True)
    end = f.year("end")
    if start is not None and end is not None and end < start:
        f.fail(f.line("end"), "end", f"end ({end}) är före start ({start}). Slutåret ska vara samma år eller senare")
        end = None
    gender = f.text("gender_analysis", start is not None and start >= GENDER_ANALYSIS_FROM,
                    why=f" (krävs för projekt som startar {GENDER_ANALYSIS_FROM} eller senare)")
    project = Project(
        **common, status=status, start=start, end=end,
        districts=f.terms("districts", vocab.districts, required=True),
        owner=f.text("owner"), contact=_contact(f),
        partners=f.texts("partners"), researchers=f.texts("researchers"),
        funding=_funding(f, vocab, start, end), gender_analysis=gender,
        awards=f.texts("awards"), updated=f.date("updated"),
    )
    problems.extend(check_safety(source))
    return project, problems


def validate_guide(source: SourceFile, root: Path, vocab: Vocabulary) -> tuple[Guide, list[Diagnostic]]:
    problems = list(source.diagnostics)
    f = Fields(source.path, source.front, problems, KEY_ORDER[GUIDE])
    check_unknown_keys(f, GUIDE)
    common = _common(f, source, GUIDE, root, vocab)
    status = f.choice("status", GUIDE_STATUSES, True)
    published = f.date("published", status not in (None, "under arbete"),
                       why=f" (krävs när status är '{status}')")
    updated = f.date("updated")
    if published and updated and updated < published:
        f.fail(f.line("updated"), "updated", f"updated ({updated}) är före published ({published}). "
                                             "Uppdateringen kan inte vara äldre än publiceringen")
    superseded_node = f.node("superseded_by", status == "ersatt", why=" (krävs när status är 'ersatt')")
    superseded = None if superseded_node is _MISSING else f.slug("superseded_by", superseded_node)
    if superseded and status != "ersatt":
        f.fail(f.line("superseded_by"), "superseded_by", "superseded_by anges bara när status är 'ersatt'. "
                                                         "Ändra status till ersatt eller ta bort raden")
    guide = Guide(**common, status=status, owner=f.text("owner", True), published=published, updated=updated,
                  audience=f.texts("audience"), superseded_by=superseded)
    problems.extend(check_safety(source))
    return guide, problems
