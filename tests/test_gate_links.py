"""Gate: every internal link, anchor and attachment of both built sites resolves. External links are
listed in a report (build/gates/externa-lankar-*.txt, and in the test's output) but never fetched:
the intranet has no internet."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from gates import broken_site, check_links, sites  # noqa: F401
from siteutil import REPO, fixture_site, real_site  # noqa: F401 (pytest fixtures)


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_internal_link_anchor_and_attachment_resolves(sites, which):
    site, _ = sites[which]
    report = check_links(site)
    out = REPO / "build" / "gates" / f"externa-lankar-{which}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.text() + "\n", encoding="utf-8")
    print(report.text())
    assert report.broken == []


def test_every_footer_links_the_accessibility_statement(sites):
    site, _ = sites["fixture"]
    for path in site.rglob("*.html"):
        page = path.relative_to(site).as_posix()
        link = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("footer a.kb-footer-link")
        assert link is not None and link.get_text(strip=True) == "Tillgänglighetsredogörelse", page
        base = "/" if page == "404.html" else "/" + page
        assert urljoin(base, link["href"]) == "/tillganglighetsredogorelse/", page


def test_link_gate_reports_a_dead_link_a_missing_anchor_and_a_missing_attachment(broken_site):
    report = check_links(broken_site)
    assert sorted(report.broken) == [
        'projects/trasig-lank/index.html: <a href="#finns-inte"> (ankaret saknas)',
        'projects/trasig-lank/index.html: <a href="../../projects/files/alfa-projektet/borttagen.pdf">',
        'projects/trasig-lank/index.html: <a href="../../projects/finns-inte/">',
    ]
    # External links are reported, not checked: the fixture's project links one.
    assert "https://example.se/plan.pdf" in report.external
