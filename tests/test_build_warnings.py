"""A content warning advises; it never stops publishing (the editors' guide promises so)."""

from __future__ import annotations

from siteutil import build, copy_fixture

QUOTA_PROJECT = """\
---
title: Kvotprojekt {n}
description: Ett av fyra projekt i samma stadsdel med lokala utvecklingsmedel samma år.
status: avslutat
start: 2021
districts: [Farsta]
areas: [Hemlöshet]
funding:
  - source: Lokala utvecklingsmedel
    year: 2021
    amount: 100000
gender_analysis: Projektet redovisar sina deltagare uppdelat på kön.
---

Text.
"""


def test_the_district_quota_warning_is_shown_and_the_site_is_built(tmp_path, capsys):
    content = copy_fixture(tmp_path)
    for n in range(1, 5):
        (content / "projects" / f"kvotprojekt-{n}.md").write_text(QUOTA_PROJECT.format(n=n), encoding="utf-8")
    status = build(content, tmp_path / "site", tmp_path)
    err = capsys.readouterr().err
    assert status == 0, err
    assert "varning: Farsta har 4 projekt" in err
    assert (tmp_path / "site" / "projects" / "kvotprojekt-4" / "index.html").is_file()
