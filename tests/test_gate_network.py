"""Gate: no page asks any host but the site's own for anything (the intranet has no internet), and the
Content-Security-Policy, which would stop such requests for readers, blocks nothing the site needs.

Every page of both sites is opened in Chromium with its network log, the search page with a query so
that Pagefind loads its index and WebAssembly. Chromium's own calls to Google hosts are kept out by
siteutil.CHROMIUM_ARGS; this gate is about what the pages ask for.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gates import SEARCH_QUERY, broken_site, csp_violations, outside_requests, page_urls, sites, visit  # noqa: F401
from siteutil import browser, fixture_site, real_site, serve  # noqa: F401 (pytest fixtures)

# The policy in theme/main.html, directive by directive: what each may load.
EXPECTED_CSP = {
    "default-src": "'self'", "script-src": "'self' 'wasm-unsafe-eval'", "style-src": "'self'",
    "img-src": "'self' data:", "font-src": "'self'", "connect-src": "'self'", "worker-src": "'self'",
    "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'",
}


@pytest.fixture(scope="module")
def visits(sites, browser):
    """Every page of a site opened once, with the CSP enforced; the network and the CSP test read it."""
    done = {}

    def of(which: str):
        if which not in done:
            site, base = sites[which]
            urls = page_urls(site)
            if "search/" in urls:
                urls.append(f"search/?q={SEARCH_QUERY}")
            done[which] = visit(browser, base, urls)
        return done[which]

    return of


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_no_page_requests_another_host(sites, visits, which):
    site, base = sites[which]
    assert len(visits(which)) == len(page_urls(site)) + (1 if (site / "search").is_dir() else 0)
    assert outside_requests(visits(which), base) == {}


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_no_style_or_script_file_refers_to_another_host(sites, which):
    """What the browser may fetch later than a page load: fonts and images in CSS, source maps."""
    site, _ = sites[which]
    outside = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]?|sourceMappingURL=)(?:https?:)?//""")
    found = [f"{path.relative_to(site)}: {match.group(0)}" for path in [*site.rglob("*.css"), *site.rglob("*.js")]
             for match in outside.finditer(path.read_text(encoding="utf-8", errors="replace"))]
    assert found == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "utan-csp"])
def test_network_gate_reports_an_external_font(broken_site, browser, bypass_csp):
    """Seen both as readers have it (the CSP stops the request: the attempt counts) and without the
    policy (the request goes out and fails, as there is no internet)."""
    with serve(broken_site) as base:
        found = outside_requests(visit(browser, base, ["projects/trasig-typsnitt/", "projects/alfa-projektet/"], bypass_csp), base)
    assert list(found) == ["/projects/trasig-typsnitt/"], found
    assert any(url.startswith("https://fonts.googleapis.com/") for url in found["/projects/trasig-typsnitt/"]), found


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_page_carries_the_content_security_policy(sites, which):
    site, _ = sites[which]
    for path in site.rglob("*.html"):
        meta = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";") if part.strip())
        assert policy == EXPECTED_CSP, path


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_the_policy_blocks_nothing_the_site_needs(visits, which):
    assert csp_violations(visits(which)) == {}


def test_the_policy_blocks_an_inline_script_and_an_external_font(broken_site, browser, tmp_path):
    (broken_site / "projects" / "trasig-skript").mkdir(exist_ok=True)
    page = (broken_site / "projects" / "trasig-typsnitt" / "index.html").read_text(encoding="utf-8")
    (broken_site / "projects" / "trasig-skript" / "index.html").write_text(
        page.replace("</body>", "<script>document.title = 'inline';</script></body>"), encoding="utf-8")
    with serve(broken_site) as base:
        found = csp_violations(visit(browser, base, ["projects/trasig-skript/", "projects/alfa-projektet/"]))
    assert list(found) == ["/projects/trasig-skript/"], found
    assert any("script-src-elem blocked inline" in line for line in found["/projects/trasig-skript/"]), found
    assert any("fonts.googleapis.com" in line for line in found["/projects/trasig-skript/"]), found


# mkdocs-material's inline scripts, which theme/partials/javascripts/ replace by files the CSP allows.
# If an upgrade changes them, the files must follow: port the change, then record the new digests.
MATERIAL_INLINE_SCRIPTS = {
    "partials/javascripts/base.html": "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
    "partials/javascripts/content.html": "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
}


@pytest.mark.parametrize("partial", MATERIAL_INLINE_SCRIPTS)
def test_material_inline_scripts_are_the_ones_our_files_replace(partial):
    import material

    source = Path(material.__file__).parent / "templates" / partial
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert digest == MATERIAL_INLINE_SCRIPTS[partial], (
        f"mkdocs-material har ändrat {partial}: för över ändringen till theme/assets/javascripts/ "
        "(kb-md-scope.js, kb-md-content.js) och uppdatera MATERIAL_INLINE_SCRIPTS")
