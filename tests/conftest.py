"""Shared helpers for the tests of the content model and `kunskapsbank check`.

The `kb` fixture is a temporary content root (content/projects, content/guides) with the working
folder set to its parent, so the CLI prints paths as editors see them: content/projects/x.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]

# `path:line: fel|varning: text`, the contract of the text output; `path:line:column: …` where the
# column is known.
FINDING = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+)(?::(?P<column>\d+))?: (?P<level>fel|varning): (?P<text>.+)$")
SUMMARY = re.compile(r"^(\d+ fel och \d+ varninga?r? i \d+ file?r?|Inga fel i \d+ file?r?\.)$")

VALID_PROJECT = """\
---
title: Stella – det tredelade föräldraskapet
description: Ett projekt om stöd till barn och föräldrar när föräldrarna har separerat.
status: avslutat
start: 2015
end: 2016
districts:
  - Södermalm
areas:
  - Barn och unga
topics:
  - föräldrastöd
owner: Södermalms stadsdelsförvaltning
contact:
  name: Anna Andersson
  email: anna.andersson@stockholm.se
funding:
  - source: Lokala utvecklingsmedel
    year: 2015
    amount: 400000
documents:
  - title: Slutrapport
    kind: slutrapport
    year: 2016
    url: https://example.org/slutrapport.pdf
---

## Bakgrund

Många barn lever med föräldrar som har separerat och har svårt att samarbeta.

## Syfte

Att ge barnen en röst i samtalen.
"""

VALID_GUIDE = """\
---
title: Vägledning för brukarinflytande
description: Hur socialtjänsten kan ge brukare inflytande över insatserna, steg för steg.
status: gällande
published: 2019-03-01
updated: 2020-01-15
owner: Socialförvaltningen, FoU-enheten
areas:
  - Brukarinflytande
audience:
  - Socialsekreterare
---

## Inledning

Vägledningen beskriver hur brukare kan påverka insatserna.
"""


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    level: str
    text: str
    column: int | None = None


@dataclass
class Result:
    status: int
    out: str
    err: str
    findings: list[Finding] = field(default_factory=list)
    summary: str = ""

    def at(self, path: str, line: int | None = None, level: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.path == path and (line is None or f.line == line)
                and (level is None or f.level == level)]

    def expect(self, path: str, line: int, *fragments: str, level: str = "fel") -> Finding:
        """The one finding at path:line whose text holds every fragment; fails with the whole output."""
        hits = [f for f in self.at(path, line, level) if all(x in f.text for x in fragments)]
        assert hits, f"no '{level}' at {path}:{line} containing {fragments!r}; output was:\n{self.out}"
        assert len(hits) == 1, f"the same finding {len(hits)} times at {path}:{line}; output was:\n{self.out}"
        return hits[0]

    def assert_clean(self) -> None:
        """What an editor wants to see after a fix: exit 0, not one error or warning."""
        assert (self.status, self.findings) == (0, []), self.out


def parse_output(out: str) -> tuple[list[Finding], str]:
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines, "check printed nothing"
    *body, last = lines
    assert SUMMARY.match(last), f"last line is not a summary: {last!r}"
    findings = []
    for line in body:
        match = FINDING.match(line)
        assert match, f"line does not follow path:line: fel|varning: text: {line!r}"
        column = int(match["column"]) if match["column"] else None
        findings.append(Finding(match["path"], int(match["line"]), match["level"], match["text"], column))
    return findings, last


def swap(old: str, new: str, text: str = VALID_PROJECT) -> str:
    """The text with old replaced once by new; old must be there (a silent no-op hides a typo)."""
    assert old in text, f"{old!r} not in the text"
    return text.replace(old, new, 1)


def project(*replacements: tuple[str, str]) -> str:
    """VALID_PROJECT with each (old, new) swapped in, in turn."""
    text = VALID_PROJECT
    for old, new in replacements:
        text = swap(old, new, text)
    return text


def guide(*replacements: tuple[str, str]) -> str:
    """VALID_GUIDE with each (old, new) swapped in, in turn."""
    text = VALID_GUIDE
    for old, new in replacements:
        text = swap(old, new, text)
    return text


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the n-th occurrence of needle."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


def without_lines(text: str, *starts: str) -> str:
    """The text without every line that starts with one of the given prefixes."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(starts))


class ContentRoot:
    """A content root in a temporary folder, and the CLI run over it in-process."""

    def __init__(self, base: Path, capsys: pytest.CaptureFixture):
        self.base = base
        self.root = base / "content"
        (self.root / "projects").mkdir(parents=True)
        (self.root / "guides").mkdir()
        self._capsys = capsys

    def write(self, relative: str, text: str | bytes) -> str:
        """Write content/<relative>; returns the path as check prints it."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return f"content/{relative}"

    def project(self, name: str, text: str = VALID_PROJECT) -> str:
        return self.write(f"projects/{name}", text)

    def guide(self, name: str, text: str = VALID_GUIDE) -> str:
        return self.write(f"guides/{name}", text)

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def run(self, *argv: str) -> tuple[int, str, str]:
        self._capsys.readouterr()
        status = main(list(argv))
        captured = self._capsys.readouterr()
        return status, captured.out, captured.err

    def check(self, *args: str) -> Result:
        paths = [a for a in args if not a.startswith("--")] or ["content"]
        options = [a for a in args if a.startswith("--")]
        status, out, err = self.run("check", *paths, *options)
        findings, summary = parse_output(out)
        return Result(status, out, err, findings, summary)

    def check_json(self, *args: str) -> tuple[int, dict]:
        status, out, _err = self.run("check", *(args or ("content",)), "--format", "json")
        return status, json.loads(out)


@pytest.fixture
def kb(tmp_path, monkeypatch, capsys) -> ContentRoot:
    monkeypatch.chdir(tmp_path)
    return ContentRoot(tmp_path, capsys)
