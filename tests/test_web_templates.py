"""The templates editors copy in GitHub's or GitLab's web interface (docs/mallar/)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from generator import new_files
from generator.content import GUIDE, PROJECT, SECTIONS
from generator.validation import GUIDE_STATUSES, KEYS, PROJECT_STATUSES
from generator.vocabulary import load as load_vocabulary

STATUSES = {PROJECT: PROJECT_STATUSES, GUIDE: GUIDE_STATUSES}


def shipped(kind: str) -> str:
    return (REPO / new_files.WEB_TEMPLATES[kind]).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", [PROJECT, GUIDE])
def test_the_shipped_template_is_what_new_writes(kind):
    text = shipped(kind)
    year = int(re.search(r"\b(20\d\d)\b", text).group(1))
    expected = new_files.for_web(kind, year, load_vocabulary(), STATUSES[kind])
    assert text == expected, (f"{new_files.WEB_TEMPLATES[kind]} är inaktuell: skriv om den med "
                              "generator.new_files.for_web")


@pytest.mark.parametrize("kind", [PROJECT, GUIDE])
def test_the_template_names_every_key(kind):
    text = shipped(kind)
    missing = [key for key in KEYS[kind] if not re.search(rf"^#?\s*{key}:", text, re.M)]
    assert missing == []


@pytest.mark.parametrize("kind", [PROJECT, GUIDE])
def test_a_copied_template_fails_only_on_its_placeholders(kb, kind):
    path = kb.root / SECTIONS[kind] / "mitt-nya-projekt.md"
    path.write_text(shipped(kind), encoding="utf-8")
    result = kb.check()
    assert result.status == 1
    assert result.findings, result.out
    assert all("FYLL I" in f.text for f in result.findings), result.out
