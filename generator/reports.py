"""The reports of `kunskapsbank check` for the tools editors meet: GitHub, GitLab, JUnit readers, SARIF viewers.

Every format is built from the same Diagnostic records, with paths relative to the repository root,
because that is what GitHub, GitLab and code scanning resolve a path against.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from .diagnostics import Diagnostic, summary, to_json
from .validation import KEYS

TOOL = "kunskapsbank"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "SRCROOT"  # the uriBaseId GitHub code scanning expects for paths from the checkout


@dataclass(frozen=True)
class Report:
    diagnostics: list[Diagnostic]
    files: list[str]  # every checked file, named as the diagnostics name it
    root: Path | None = None  # the folder the paths are relative to, when they are


def repository_root(content_root: Path) -> Path:
    """The git top above the content, else the folder of mkdocs.yml, else the folder holding content/."""
    folders = [content_root, *content_root.parents]
    for marker in (".git", "mkdocs.yml"):
        found = next((f for f in folders if (f / marker).exists()), None)
        if found:
            return found
    return content_root.parent


# Kinds of problem ----------------------------------------------------------------------------
# A rule per kind: the kind is read from the opening words of the Swedish message (the first entry
# whose pattern matches), and is joined with the key when the key is one of the content model's,
# so 'unknown-value/districts' stays one rule however many values are wrong. A key an editor
# invented (an unknown or misspelt one) is left out of the id, or every typo would become a rule.

_KINDS = (
    ("personal-number", "Personnummer eller samordningsnummer i filen", r"personnummer"),
    ("encoding", "Filen är inte sparad som UTF-8", r"filen är inte sparad som UTF-8"),
    ("empty-file", "Filen är tom", r"filen är tom"),
    ("front-matter-syntax", "Front matter kan inte läsas",
     r"front matter|filen börjar inte med front matter|tabbtecken|hårt mellanslag"),
    ("file-name", "Filens namn eller plats", r"filnamnet|undermapp"),
    ("duplicate-key", "En nyckel står två gånger", r"nyckeln '[^']*' står två gånger"),
    ("unknown-key", "Okänd nyckel", r"okänd nyckel|nyckeln '[^']*' används bara för"),
    ("missing-key", "En nyckel som krävs saknas eller är tom", r"nyckeln \S+ saknas|\S+ är tom\b"),
    ("unknown-value", "Värdet finns inte i ordlistan", r"okänt värde"),
    ("unsafe-html", "Kod som kan köra skript", r".* kan köra skript"),
    ("placeholder", "Mallens platshållare står kvar", r"platshållaren"),
    ("link", "Länk eller bild som inte fungerar", r"länken|filen '[^']*' som länken"),
    ("reference", "Hänvisning till en sida som inte finns", r"related pekar|superseded_by pekar|en vägledning kan inte"),
    ("district-quota", "Fler projekt i en stadsdel än nämnden beviljar", r".* nämnden beviljar"),
    ("funding-limit", "Beloppet är större än finansieringen tillåter", r".* får vara högst|.* får högst"),
)
_KIND_PATTERNS = tuple((kind, title, re.compile(pattern)) for kind, title, pattern in _KINDS)
_FALLBACK = {True: ("invalid-value", "Ogiltigt värde"), False: ("invalid-file", "Fel i filen")}
_MODEL_KEYS = frozenset(key for keys in KEYS.values() for key in keys)


def kind_of(d: Diagnostic) -> tuple[str, str]:
    """(kind id, Swedish title) of a diagnostic's problem."""
    for kind, title, pattern in _KIND_PATTERNS:
        if pattern.match(d.message):
            return kind, title
    return _FALLBACK[bool(d.key)]


def rule_id(d: Diagnostic) -> str:
    kind, _title = kind_of(d)
    return f"{kind}/{d.key}" if d.key in _MODEL_KEYS else kind


def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    """A hash of path, key and message, not the line: it survives lines added above the problem.

    The n-th repeat of the same problem in a file is counted in, so two never share a fingerprint."""
    seen: Counter = Counter()
    prints = []
    for d in diagnostics:
        seen[(d.path, d.key, d.message)] += 1
        text = "\0".join((d.path, d.key, d.message, str(seen[(d.path, d.key, d.message)])))
        prints.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return prints


# Text and JSON ------------------------------------------------------------------------------


def text(report: Report) -> str:
    return "\n".join([d.format() for d in report.diagnostics] + [summary(report.diagnostics, len(report.files))])


def json_report(report: Report) -> str:
    return to_json(report.diagnostics, len(report.files))


# GitHub workflow commands -------------------------------------------------------------------
# https://docs.github.com/actions/reference/workflow-commands-for-github-actions: the message
# escapes %, CR and LF; a property also ':' and ','.

_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def github_command(d: Diagnostic) -> str:
    properties = {"file": d.path, "line": d.line, "col": d.column, "title": d.key or kind_of(d)[1]}
    shown = ",".join(f"{name}={str(value).translate(_PROPERTY_ESCAPES)}" for name, value in properties.items()
                     if value is not None)
    return f"::{'error' if d.is_error else 'warning'} {shown}::{d.message.translate(_DATA_ESCAPES)}"


def github(report: Report) -> str:
    return "\n".join([github_command(d) for d in report.diagnostics] + [summary(report.diagnostics, len(report.files))])


# GitLab Code Quality ------------------------------------------------------------------------
# https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format


def gitlab(report: Report) -> str:
    issues = [{
        "description": d.message,
        "check_name": rule_id(d),
        "fingerprint": fingerprint,
        "severity": "major" if d.is_error else "minor",
        "location": {"path": d.path, "lines": {"begin": d.line}},
    } for d, fingerprint in zip(report.diagnostics, fingerprints(report.diagnostics))]
    return json.dumps(issues, ensure_ascii=False, indent=2)


# JUnit XML: a test case per checked file, a failure per error, warnings as the case's output ---


def junit(report: Report) -> str:
    by_file = _by_file(report)
    errors = sum(d.is_error for d in report.diagnostics)
    suites = ET.Element("testsuites", name="kunskapsbank check", tests=str(len(by_file)), failures=str(errors))
    suite = ET.SubElement(suites, "testsuite", name="kunskapsbank check", tests=str(len(by_file)),
                          failures=str(errors), errors="0", skipped="0")
    for path, found in by_file.items():
        _junit_case(suite, path, found)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def _by_file(report: Report) -> dict[str, list[Diagnostic]]:
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in report.files}
    for d in report.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    return by_file


def _junit_case(suite: ET.Element, path: str, found: list[Diagnostic]) -> None:
    case = ET.SubElement(suite, "testcase", name=path, classname=TOOL, file=path)
    for d in found:
        if d.is_error:
            failure = ET.SubElement(case, "failure", message=d.message, type=rule_id(d))
            failure.text = d.format()
    warnings = [d.format() for d in found if not d.is_error]
    if warnings:
        ET.SubElement(case, "system-out").text = "\n".join(warnings)


# SARIF 2.1.0 --------------------------------------------------------------------------------


def sarif(report: Report) -> str:
    rules = sorted({rule_id(d): d for d in report.diagnostics}.items())
    index = {rule: number for number, (rule, _d) in enumerate(rules)}
    results = [_sarif_result(d, index, fingerprint)
               for d, fingerprint in zip(report.diagnostics, fingerprints(report.diagnostics))]
    run = {"tool": {"driver": {"name": TOOL, "version": version(), "rules": [_sarif_rule(r, d) for r, d in rules]}},
           "columnKind": "unicodeCodePoints", "results": results}
    if report.root is not None:
        run["originalUriBaseIds"] = {SOURCE_ROOT: {"uri": report.root.resolve().as_uri() + "/"}}
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _sarif_rule(rule: str, example: Diagnostic) -> dict:
    _kind, title = kind_of(example)
    level = "error" if example.is_error else "warning"
    return {"id": rule, "shortDescription": {"text": f"{title} ({example.key})" if example.key in _MODEL_KEYS else title},
            "defaultConfiguration": {"level": level}}


def _sarif_result(d: Diagnostic, index: dict[str, int], fingerprint: str) -> dict:
    region = {"startLine": max(d.line, 1)}
    if d.column:
        region["startColumn"] = d.column
    location = {"artifactLocation": {"uri": quote(d.path), "uriBaseId": SOURCE_ROOT}, "region": region}
    return {"ruleId": rule_id(d), "ruleIndex": index[rule_id(d)], "level": "error" if d.is_error else "warning",
            "message": {"text": d.message}, "locations": [{"physicalLocation": location}],
            "partialFingerprints": {f"{TOOL}/v1": fingerprint}, "properties": {"key": d.key}}


def version() -> str:
    """The installed version, for `--version` and the SARIF report's driver."""
    try:
        return metadata.version(TOOL)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "okänd version"


FORMATS = {"text": text, "json": json_report, "github": github, "gitlab": gitlab, "junit": junit, "sarif": sarif}
# The formats a program reads: paths relative to the repository root, not to the working folder.
MACHINE_FORMATS = ("github", "gitlab", "junit", "sarif")
