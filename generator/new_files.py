"""Starting files for `kunskapsbank new`: every key, commented, with placeholders that check rejects.

Not to be confused with templates/, the Jinja2 templates of the pages the site shows.
"""

from __future__ import annotations

import json

from .content import GUIDE, PROJECT
from .vocabulary import Vocabulary

PLACEHOLDER = "FYLL I"
# The keys in the order the templates write them; a missing key is reported where it belongs in it.
KEY_ORDER = {
    PROJECT: ("title", "description", "status", "start", "end", "districts", "areas", "topics", "owner",
              "contact", "partners", "researchers", "funding", "documents", "gender_analysis", "awards",
              "related", "draft", "updated"),
    GUIDE: ("title", "description", "status", "published", "updated", "owner", "areas", "topics", "audience",
            "superseded_by", "related", "documents", "draft"),
}
# The allowed statuses come from validation.py, which imports PLACEHOLDER from here; the caller
# passes them in, with the vocabulary, so the comments list what check accepts, never a copy.


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML string


def _either(words) -> str:
    """'a, b eller c'."""
    words = list(words)
    return ", ".join(words[:-1]) + " eller " + words[-1] if len(words) > 1 else "".join(words)


def project(title: str, slug: str, year: int, vocab: Vocabulary, statuses: tuple[str, ...]) -> str:
    return f"""---
# Ny projektsida. Fyll i varje {PLACEHOLDER} och ta bort de rader du inte behöver.
# Tillåtna värden och regler: docs/redaktorsguide.md. Filen kontrolleras när du öppnar en
# pull request, eller på din dator med: kunskapsbank check
title: {_quoted(title)}
description: "{PLACEHOLDER}: en eller två meningar om projektet (20–300 tecken)."
status: {statuses[0]}          # {_either(statuses)}
start: {year}               # startår
# end: {year + 1}             # slutår; utelämna om projektet bara pågår ett år
districts:                # en eller flera stadsdelsförvaltningar, t.ex. Södermalm eller Hela staden
  - {PLACEHOLDER}
areas:                    # ett eller flera områden, t.ex. Barn och unga
  - {PLACEHOLDER}
# topics:                 # fritt valda ämnesord som hjälper sökningen
#   - föräldrastöd
# owner: Södermalms stadsdelsförvaltning
# contact:
#   name: Förnamn Efternamn
#   email: fornamn.efternamn@stockholm.se
# partners:
#   - Ersta Sköndal Bräcke högskola
# researchers:
#   - Förnamn Efternamn
# funding:                # source: {_either(vocab.funding_sources)}
#   - source: {vocab.funding_sources[0]}
#     year: {year}
#     amount: 500000      # hela kronor, utan mellanslag
# documents:              # kind: {_either(vocab.document_kinds)}
#   - title: Projektplan
#     kind: projektplan
#     year: {year}
#     file: files/{slug}/projektplan.pdf   # eller url: https://…
gender_analysis: "{PLACEHOLDER}: projektets jämställdhetsanalys (krävs från 2018)."
# awards:
#   - Kvalitetsutmärkelsens förnyelsepris
# related:                # filnamn (utan .md) på andra projekt eller vägledningar
#   - annat-projekt
# draft: true             # ett utkast kontrolleras men publiceras inte
# updated: {year}-01-31
---

## Bakgrund

{PLACEHOLDER}

## Syfte

## Genomförande

## Resultat

## Lärdomar
"""


def guide(title: str, slug: str, year: int, vocab: Vocabulary, statuses: tuple[str, ...]) -> str:
    return f"""---
# Ny vägledning. Fyll i varje {PLACEHOLDER} och ta bort de rader du inte behöver.
# Tillåtna värden och regler: docs/redaktorsguide.md. Filen kontrolleras när du öppnar en
# pull request, eller på din dator med: kunskapsbank check
title: {_quoted(title)}
description: "{PLACEHOLDER}: en eller två meningar om vägledningen (20–300 tecken)."
status: {statuses[0]}      # {_either(statuses)}
# published: {year}-01-31   # krävs när status inte är under arbete
# updated: {year}-06-30
owner: "{PLACEHOLDER}: ansvarig enhet, t.ex. Socialförvaltningen, FoU-enheten"
areas:                    # ett eller flera områden, t.ex. Brukarinflytande
  - {PLACEHOLDER}
# topics:
#   - brukarinflytande
# audience:
#   - Socialsekreterare
#   - Chefer
# superseded_by: ny-vagledning   # bara när status är ersatt
# related:
#   - ett-projekt
# documents:
#   - title: Vägledningen som PDF
#     kind: handbok
#     year: {year}
#     file: files/{slug}/vagledning.pdf
# draft: true
---

## Inledning

{PLACEHOLDER}
"""


# The templates that editors in GitHub's or GitLab's web interface copy (docs/mallar/): the same
# text as `new` writes, for a title and a file name the editor fills in.
WEB_TEMPLATES = {PROJECT: "docs/mallar/projekt.md", GUIDE: "docs/mallar/vagledning.md"}
WEB_SLUG = "sidans-filnamn"


def for_web(kind: str, year: int, vocab: Vocabulary, statuses: tuple[str, ...]) -> str:
    write = project if kind == PROJECT else guide
    return write(f"{PLACEHOLDER}: titel", WEB_SLUG, year, vocab, statuses)
