"""Read one content file: bytes → text → front matter node tree with line numbers, and body.

python-frontmatter and MkDocs both hide broken front matter (empty metadata, or the YAML shown
as page text), and PyYAML's YAML 1.1 schema turns ``no`` into false and ``0127`` into 87. So we
compose the YAML into nodes ourselves and resolve plain scalars with a small, strict schema:
only ``true``/``false`` are booleans, only plain decimal numbers are integers, the rest is text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.reader import ReaderError

from .characters import char_name, hidden_characters, what_it_does
from .diagnostics import Diagnostic, error


@dataclass
class Scalar:
    value: object  # str, int, float, bool or None
    line: int
    quoted: bool = False
    column: int | None = None  # where the value starts, for the reports that mark a column
    raw: str | None = None  # as written: YAML reads "400.000" as 400.0, an editor means 400000


@dataclass
class Seq:
    items: list
    line: int


@dataclass
class Map:
    entries: dict  # key -> (key_line, node)
    line: int


Node = Scalar | Seq | Map


@dataclass
class SourceFile:
    path: Path
    text: str  # normalised: NFC, LF line endings, no BOM
    front: Map
    body: str
    body_line: int  # file line number of the body's first line
    diagnostics: list[Diagnostic] = field(default_factory=list)


# Far above what any real front matter needs (the bundled content's largest is about 2 kB, 3 levels
# deep, with lists of a dozen), and small enough that a hostile file is refused before it costs.
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_DEPTH = 10
MAX_ITEMS = 1000
MAX_DIGITS = 20

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
# A hard space breaks YAML only where it stands for indentation or separates a key or a list dash
# from the value; inside a value it is ordinary text (Swedish writes "750 000" with one).
_HARD = "\u00a0\u2007\u202f"
_MISPLACED_HARD_SPACE = re.compile(rf"^[ \t{_HARD}]*[{_HARD}]|^[ \t]*-[{_HARD}]|[{_HARD}]:|:[{_HARD}]")

_YAML_PROBLEMS = [
    ("mapping values are not allowed", "ett kolon (:) inne i ett värde. Sätt värdet inom citattecken, till exempel title: \"Stella: stöd till barn\""),
    ("could not find expected ':'", "raden saknar kolon efter nyckeln, eller ett värde fortsätter på nästa rad. Skriv nyckel: värde på en rad, eller sätt värdet inom citattecken"),
    ("found character '\\t'", "tabbtecken kan inte användas för indrag. Använd mellanslag"),
    ("found undefined alias", "tecknet * i början av ett värde. Sätt värdet inom citattecken"),
    ("expected alphabetic or numeric character", "tecknet * eller & i början av ett värde. Sätt värdet inom citattecken"),
    ("found character '@'", "tecknet @ i början av ett värde. Sätt värdet inom citattecken"),
    ("found character '`'", "tecknet ` i början av ett värde. Sätt värdet inom citattecken"),
    ("expected <block end>, but found '-'", "en listrad (- …) har fel indrag. Ge alla rader i listan samma indrag"),
    ("expected <block end>", "raden har fel indrag. Ge raderna i samma lista eller tabell samma indrag"),
    ("found unexpected end of stream", "ett citattecken öppnas men stängs aldrig. Avsluta värdet med samma citattecken"),
    ("found unknown escape character", "ett bakstreck (\\) i ett värde inom dubbla citattecken. Använd enkla citattecken i stället"),
    ("expected a single document", "front matter innehåller en extra rad med ---. Ta bort den"),
    ("did not find expected key", "raden har fel indrag eller saknar kolon. Jämför med mallen"),
    ("did not find expected node content", "ett värde saknas eller börjar med ett otillåtet tecken. Sätt värdet inom citattecken"),
    ("cannot start any token", "ett värde börjar med ett tecken som inte är tillåtet där (till exempel %). "
                               "Sätt värdet inom citattecken"),
]


def normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(path: Path, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    try:
        return normalise(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [error(path, line, "", "filen är inte sparad som UTF-8 (teckenkodningen är fel). "
                                              "Spara om filen med teckenkodningen UTF-8 i din editor")]


def parse_text(path: Path, text: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    if not text.strip():
        return None, [error(path, 1, "", "filen är tom. Kopiera mallen i docs/mallar/ (projekt.md eller vagledning.md) och fyll i den")]
    lines = text.split("\n")
    if not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        return None, [error(path, 1, "", "filen börjar inte med front matter. Första raden ska vara exakt --- "
                                          "och följas av nyckel: värde-rader och en avslutande rad ---")]
    close = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if close is None:
        return None, [error(path, 1, "", "front matter saknar avslutande ---. Lägg till en rad med bara --- "
                                          "efter den sista nyckeln, före texten")]
    yaml_lines = lines[1:close]
    problems = _size_problems(path, yaml_lines) or _whitespace_problems(path, yaml_lines)
    problems = problems or _character_problems(path, yaml_lines)
    if problems:
        return None, problems
    front, problems = _compose(path, "\n".join(yaml_lines))
    if front is None:
        return None, problems
    body = "\n".join(lines[close + 1:])
    return SourceFile(path, text, front, body, close + 2, problems), []


def _whitespace_problems(path: Path, yaml_lines: list[str]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if not any("\t" in line or _MISPLACED_HARD_SPACE.search(line) for line in yaml_lines):
        return problems  # the common case, checked cheaply
    top_key = ""
    for number, line in enumerate(yaml_lines, start=2):
        if line[:1].isalpha():
            top_key = _key_of(line)
        key = _key_of(line) or top_key  # a list item is named by the key it belongs to
        where = f" vid {key}" if key else ""
        if "\t" in line[: len(line) - len(line.lstrip())] or re.search(r":\t", line):
            problems.append(error(path, number, key, f"tabbtecken i front matter{where}. YAML tillåter bara "
                                                     "vanliga mellanslag; byt tabben mot mellanslag"))
        if _MISPLACED_HARD_SPACE.search(line):
            problems.append(error(path, number, key, f"hårt mellanslag (no-break space) i front matter{where}, "
                                                     "ofta inklistrat från Word. Skriv om mellanslaget före "
                                                     "värdet (efter kolonet eller strecket) som ett vanligt mellanslag"))
    return problems


def _size_problems(path: Path, yaml_lines: list[str]) -> list[Diagnostic]:
    size = 0
    for number, line in enumerate(yaml_lines, start=2):
        size += len(line.encode("utf-8", "surrogatepass")) + 1
        if size > MAX_FRONT_MATTER_BYTES:
            return [error(path, number, "", f"front matter är längre än {MAX_FRONT_MATTER_BYTES // 1024} kB "
                                            "(gränsen nås på den här raden). Ingen sida behöver så mycket; "
                                            "flytta längre text till texten under front matter")]
    return []


def _character_problems(path: Path, yaml_lines: list[str]) -> list[Diagnostic]:
    """Controls and line separators, which YAML refuses or counts as line breaks of their own."""
    problems = []
    for number, line in enumerate(yaml_lines, start=2):
        stray = [(i, ch) for i, ch in hidden_characters(line) if unicodedata.category(ch) != "Cf"]
        if stray:
            i, ch = stray[0]
            problems.append(error(path, number, _key_of(line), f"tecken {i} på raden är {char_name(ch)}, "
                                                               f"{what_it_does(ch)}. Ta bort det: radera tecknen "
                                                               "runt platsen och skriv om dem med tangentbordet"))
    return problems


def _read_tree(path: Path, events, refused: list[Diagnostic], problems: list[Diagnostic]) -> Node | None:
    """Our nodes straight from the parser's events, never through a YAML composer: an alias bomb of
    a few hundred bytes would expand to gigabytes, a recursive alias or 10 000 brackets exhaust any
    recursive composer, and int() refuses 5 000 digits. So anchors, aliases, deep nesting, long
    lists and huge numbers are refused as they come, before any of them costs."""
    root, stack, documents = None, [], 0  # stack: [node, (key node,) waiting for its value, nodes so far]
    for event in events:
        node = None
        if isinstance(event, yaml.CollectionEndEvent):
            node = stack.pop()[0]
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:  # what PyYAML's composer calls "expected a single document"
                _refuse(path, refused, event, "front matter kan inte läsas: front matter innehåller en extra rad "
                                               "med ---. Ta bort den")
        elif isinstance(event, yaml.NodeEvent):
            problem = _node_problem(event, stack)
            if problem:
                _refuse(path, refused, event, problem)
                if len(stack) >= MAX_DEPTH:
                    return None  # nothing deeper can be read, and PyYAML's scanner slows with every open level
            if stack:
                stack[-1][2] += 1
            node = _start(event, problem, stack)
        if node is not None and stack:
            _attach(path, stack[-1], node, problems)
        elif node is not None:
            root = node
    return None if refused else root


def _start(event: yaml.NodeEvent, problem: str | None, stack: list) -> Node | None:
    """The node of a scalar; a list or mapping is opened on the stack and comes back at its end."""
    line = event.start_mark.line + 2
    if isinstance(event, yaml.CollectionStartEvent):
        stack.append([Seq([], line) if isinstance(event, yaml.SequenceStartEvent) else Map({}, line), None, 0])
        return None
    if problem or not isinstance(event, yaml.ScalarEvent):  # refused: the tree is dropped anyway
        return Scalar(None, line)
    column = event.start_mark.column + 1
    if event.style:  # quoted or block scalar: always text
        return Scalar(unicodedata.normalize("NFC", event.value), line, quoted=True, column=column)
    return Scalar(_resolve_plain(event.value), line, column=column, raw=event.value)


def _refuse(path: Path, refused: list[Diagnostic], event, message: str) -> None:
    line = event.start_mark.line + 2
    if not any(p.line == line and p.message == message for p in refused[-3:]):
        refused.append(error(path, line, "", message))


def _attach(path: Path, parent: list, node: Node, problems: list[Diagnostic]) -> None:
    """Put a finished node into the list or mapping around it (a mapping takes a key, then its value)."""
    if isinstance(parent[0], Seq):
        parent[0].items.append(node)
    elif parent[1] is None:
        parent[1] = (node,)
    else:
        key_node, parent[1] = parent[1][0], None
        key = str(key_node.value) if isinstance(key_node, Scalar) else "?"
        entries = parent[0].entries
        if key in entries:
            problems.append(error(path, key_node.line, key, f"nyckeln '{key}' står två gånger (första gången på rad "
                                                            f"{entries[key][0]}). Ta bort den ena raden",
                                  column=getattr(key_node, "column", None)))
        else:
            entries[key] = (key_node.line, node)


def _node_problem(event: yaml.NodeEvent, stack: list) -> str | None:
    if isinstance(event, yaml.AliasEvent):
        return ("tecknet * i början av ett värde gör det till en hänvisning (alias) i YAML, som Kunskapsbanken "
                "inte använder. Skriv ut värdet, och sätt det inom citattecken om * ska stå i texten")
    if event.anchor is not None:
        return ("tecknet & i början av ett värde gör det till ett ankare i YAML, som Kunskapsbanken inte "
                "använder. Ta bort &-ordet, eller sätt värdet inom citattecken om & ska stå i texten")
    if len(stack) >= MAX_DEPTH and isinstance(event, yaml.CollectionStartEvent):
        return (f"front matter har listor eller tabeller i mer än {MAX_DEPTH} nivåer, men ingen nyckel behöver "
                "fler än tre. Kontrollera hakparenteserna [ ] och klamrarna { } och radernas indrag")
    if stack and stack[-1][2] == MAX_ITEMS * (2 if isinstance(stack[-1][0], Map) else 1):  # key and value: two
        return f"en lista eller tabell har mer än {MAX_ITEMS} poster. Ingen nyckel behöver så många; korta listan"
    if isinstance(event, yaml.ScalarEvent) and not event.style and _is_long_number(event.value):
        return (f"talet har {sum(c.isdigit() for c in event.value)} siffror, men ett tal får ha högst "
                f"{MAX_DIGITS}. Kontrollera värdet, eller sätt det inom citattecken om det är en text")
    return None


def _is_long_number(raw: str) -> bool:
    if len(raw) <= MAX_DIGITS or not (_INT.fullmatch(raw) or _FLOAT.fullmatch(raw)):
        return False
    return sum(c.isdigit() for c in raw) > MAX_DIGITS


def _key_of(line: str) -> str:
    match = re.match(r"\s*-?\s*([A-Za-z_][\w-]*)\s*:", line)
    return match.group(1) if match else ""


# libyaml parses several times faster; the pure-Python parser's messages are the ones we
# translate, so it runs only for front matter that libyaml has already rejected.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(path: Path, yaml_text: str) -> tuple[Map | None, list[Diagnostic]]:
    refused: list[Diagnostic] = []
    problems: list[Diagnostic] = []
    try:
        try:
            root = _read_tree(path, yaml.parse(yaml_text, Loader=_FAST_LOADER), refused, problems)
        except yaml.YAMLError:
            refused.clear()
            problems.clear()
            root = _read_tree(path, yaml.parse(yaml_text, Loader=yaml.SafeLoader), refused, problems)
    except yaml.MarkedYAMLError as exc:
        return None, refused or [_syntax_error(path, yaml_text, exc)]
    except ReaderError as exc:  # a character YAML refuses that _character_problems lets through
        line = yaml_text.count("\n", 0, exc.position) + 2
        return None, [error(path, line, "", f"front matter kan inte läsas: tecknet U+{exc.character:04X} får inte "
                                            "stå i en text. Ta bort det")]
    except yaml.YAMLError:  # pragma: no cover - PyYAML raises marked errors in practice
        return None, [error(path, 2, "", "front matter kan inte läsas. Jämför raderna med mallen")]
    if refused:
        return None, refused
    if root is None:
        return Map({}, 1), []
    if not isinstance(root, Map):
        return None, [error(path, 2, "", "front matter ska bestå av rader med nyckel: värde "
                                          "(till exempel title: Stella), inte en lista eller en ensam text")]
    return root, problems


def _syntax_error(path: Path, yaml_text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and any(p in (exc.problem or "") for p in ("end of stream", "expected ':'")):
        # An unclosed quote or a key without colon is found only lines later; name the line it starts on.
        mark = exc.context_mark
    line = mark.line + 2 if mark else 2
    lines = yaml_text.split("\n")
    line_text = lines[line - 2] if 0 <= line - 2 < len(lines) else ""
    return error(path, line, "", "front matter kan inte läsas: " + _explain(exc, line_text),
                 column=mark.column + 1 if mark else None)


# Word's quotation marks, which YAML does not take for quotes.
TYPOGRAPHIC_QUOTES = "”“„‘’‚«»"


def _explain(exc: yaml.MarkedYAMLError, line_text: str = "") -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    if "mapping values are not allowed" in problem and any(q in line_text for q in TYPOGRAPHIC_QUOTES):
        return ("ett kolon (:) inne i ett värde, och citattecknen är typografiska (”), ofta från Word, så YAML "
                "känner inte igen dem. Använd raka citattecken: title: \"Stella: stöd till barn\"")
    for needle, swedish in _YAML_PROBLEMS:
        if needle in problem:
            return swedish
    return f"YAML-fel ({(exc.problem or exc.context or '').strip()}). Jämför raden med mallen"


def _resolve_plain(raw: str) -> object:
    if raw in _NULLS:
        return None
    if raw in _BOOLS:
        return _BOOLS[raw]
    if _INT.fullmatch(raw):
        return int(raw)
    if _FLOAT.fullmatch(raw):
        return float(raw)
    return unicodedata.normalize("NFC", raw)
