"""Gate: the Nu Html Checker (vnu.jar from npm, on the machine's Java) finds no error in any page of
either built site; and on a page with an element left open, it does."""

from __future__ import annotations

import pytest

from gates import broken_site, html_errors, sites  # noqa: F401
from siteutil import fixture_site, real_site  # noqa: F401 (pytest fixtures)


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_page_is_valid_html(sites, which):
    site, _ = sites[which]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    assert html_errors(pages, site) == []


def test_html_gate_reports_an_unclosed_element_and_an_image_without_alt(broken_site):
    pages = [broken_site / "projects" / f"trasig-{name}" / "index.html" for name in ("element", "bild")]
    errors = html_errors([*pages, broken_site / "projects" / "alfa-projektet" / "index.html"], broken_site)
    assert any(e.startswith("projects/trasig-element/index.html:") and "section" in e and "nclosed" in e for e in errors), errors
    assert any(e.startswith("projects/trasig-bild/index.html:") and "alt" in e for e in errors), errors
    assert not [e for e in errors if e.startswith("projects/alfa")], errors
