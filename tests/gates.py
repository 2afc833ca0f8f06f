"""The readers' quality gates: accessibility (axe-core), no outside requests, valid HTML (the Nu Html
Checker) and links. Each gate is one function here, used both by the test that must pass on the real
and the fixture site and by the test that must fail on a deliberately broken page, so a gate that
stopped finding anything would show.

The tools come from npm (package.json at the repository root; scripts/test.sh runs `npm ci`):
axe-core is injected into Chromium from disk, vnu.jar runs on the machine's Java.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from siteutil import REPO

NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.0 and 2.1, levels A and AA: what EN 301 549 and so the DOS law ask of a web page.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ACCESSIBILITY_STATEMENT = "tillganglighetsredogorelse/"


def require(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(REPO)} saknas: kör 'npm ci' i {REPO} (scripts/test.sh gör det)")
    return path


# The site's pages ------------------------------------------------------------


def page_urls(site: Path) -> list[str]:
    """Every page of a built site as a URL relative to its root: "" (home), "projects/x/", "404.html"."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        urls.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return urls


def gate_urls(which: str, site: Path) -> list[str]:
    """The pages a browser gate opens: all of the fixture corpus, which is small and has every kind of
    page; of the real site one page of each kind (pages of a kind share their template)."""
    return page_urls(site) if which == "fixture" else sorted(set(page_kinds(site).values()))


def on_each(browser, base: str, urls, check, **context_options) -> dict[str, list[str]]:
    """{"/url": problems} for every page where check(page) finds any, all in one browser context."""
    context = new_context(browser, **context_options)
    try:
        page = context.new_page()
        found = {}
        for url in urls:
            page.goto(base + url)
            if problems := check(page):
                found["/" + url] = problems
        return found
    finally:
        context.close()


def page_kinds(site: Path) -> dict[str, str]:
    return dict(_page_kinds(site))  # a copy: callers may change theirs


@functools.lru_cache(maxsize=None)
def _page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind the site has, by a Swedish name for messages: the pages the issue lists.

    The project with the most facts stands for projects (in the fixture corpus it has every optional
    field); a replaced and a current guide; every overview; one term page of each facet.
    """
    urls = page_urls(site)
    kinds = {"startsidan": "", "sidan som saknas (404)": "404.html", "tillgänglighetsredogörelsen": ACCESSIBILITY_STATEMENT}
    projects = [u for u in urls if re.fullmatch(r"projects/[^/]+/", u)]
    kinds["projekt med flest uppgifter"] = max(projects, key=lambda u: _facts(site / u / "index.html"))
    for url in (u for u in urls if re.fullmatch(r"guides/[^/]+/", u)):
        status = _soup(site / url / "index.html").select_one(".kb-entry-head .kb-status")
        name = "vägledning, ersatt" if status and "ersatt" in status.get("class", [""])[-1] else "vägledning, gällande"
        kinds.setdefault(name, url)
    for key in ("projects", "guides", "years", "areas", "districts", "topics"):
        kinds[f"översikt {key}/"] = f"{key}/"
        terms = [u for u in urls if re.fullmatch(rf"{key}/[^/]+/", u) and key not in ("projects", "guides")]
        if terms:
            kinds[f"sida i {key}/"] = terms[0]
    if "search/" in urls:
        kinds["sökningen"] = "search/"
    missing = [u for u in kinds.values() if u not in urls]
    assert not missing, f"sidor saknas i {site}: {missing}"
    return kinds


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _facts(path: Path) -> int:
    soup = _soup(path)
    return len(soup.select(".kb-facts dt")) + len(soup.select(".kb-documents li")) + len(soup.select(".kb-funding tr"))


# Accessibility: axe-core in Chromium -----------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _axe_source() -> str:
    return require(AXE_JS).read_text(encoding="utf-8")


def axe_violations(page, context: str | None = None) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now, one line per element."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol rather than added as a <script> (add_script_tag):
        # the page's own Content-Security-Policy rightly blocks an inline script, and axe must see the
        # page as readers get it, CSP and all.
        page.evaluate(_axe_source())
    result = page.evaluate(
        """([context, tags]) => axe.run(context || document,
               {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        [context, WCAG_TAGS])
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}: {summary}")
    return lines


# No outside requests, and what the Content-Security-Policy blocks ------------------------------

CSP_LISTENER = """
window.__kbCsp = [];
document.addEventListener("securitypolicyviolation", e => window.__kbCsp.push(
  {directive: e.effectiveDirective, uri: e.blockedURI || "inline", source: `${e.sourceFile}:${e.lineNumber}`}));
"""


def new_context(browser, **options):
    """A browser context as readers have it (Swedish, a desktop window, no service workers)."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    return browser.new_context(locale="sv-SE", service_workers="block", **options)


@dataclass
class Visit:
    """What one page did when opened: every request it made, and what its CSP blocked."""
    requests: list[str] = field(default_factory=list)
    blocked: list[dict] = field(default_factory=list)  # {directive, uri, source}

    def outside(self, base: str) -> list[str]:
        """Requests, made or stopped by the CSP, to any host but the test server's."""
        host = urlsplit(base).netloc
        tried = self.requests + [b["uri"] for b in self.blocked]
        return [u for u in tried if urlsplit(u).scheme in ("http", "https", "ws", "wss", "ftp")
                and urlsplit(u).netloc != host]

    def violations(self) -> list[str]:
        return [f"{b['directive']} blocked {b['uri']} ({b['source']})" for b in self.blocked]


def visit(browser, base: str, urls: list[str], bypass_csp: bool = False) -> dict[str, Visit]:
    """Open each page in one tab and record what it does until no request is pending (the search
    page loads Pagefind's index and WebAssembly after the load event).

    The page's CSP is enforced as for readers, and what it blocks is recorded; bypass_csp=True shows
    instead every request the page would make without the policy.
    """
    context = new_context(browser, bypass_csp=bypass_csp)
    context.add_init_script(CSP_LISTENER)
    visits: dict[str, Visit] = {}
    pending: set = set()
    try:
        page = context.new_page()
        current = Visit()

        def started(request):
            current.requests.append(request.url)
            pending.add(request)

        page.on("request", started)
        page.on("requestfinished", lambda request: pending.discard(request))
        page.on("requestfailed", lambda request: pending.discard(request))
        for url in urls:
            current = visits["/" + url] = Visit()
            pending.clear()
            # A page with a query runs the search after a short debounce: give it until the network
            # has been idle for half a second. Other pages fetch nothing late: until nothing is pending.
            page.goto(base + url, wait_until="networkidle" if "?" in url else "load")
            for _ in range(200):  # at most ~10 s
                if not pending:
                    break
                page.wait_for_timeout(50)
            current.blocked = page.evaluate("() => window.__kbCsp || []")
    finally:
        context.close()
    return visits


def outside_requests(visits: dict[str, Visit], base: str) -> dict[str, list[str]]:
    """{page: requests to other hosts}, pages without any left out."""
    return {url: v.outside(base) for url, v in visits.items() if v.outside(base)}


def csp_violations(visits: dict[str, Visit]) -> dict[str, list[str]]:
    """{page: what its Content-Security-Policy blocked}, pages without any left out."""
    return {url: v.violations() for url, v in visits.items() if v.blocked}


# Valid HTML: the Nu Html Checker --------------------------------------------------------------


def html_errors(paths: list[Path], root: Path) -> list[str]:
    """The Nu Html Checker's errors in the given HTML files, as "file:line: message", in one JVM."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java saknas: installera Java (apt-get install -y default-jre-headless); scripts/test.sh gör det")
    run = subprocess.run([java, "-Xss8m", "-jar", str(require(VNU_JAR)), "--errors-only", "--format", "json",
                          *map(str, paths)], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or "{}")
    errors = []
    for message in report.get("messages", []):
        if message.get("type") == "info":
            continue
        where = unquote(urlsplit(message.get("url", "")).path)
        try:
            where = Path(where).relative_to(root).as_posix()
        except ValueError:
            pass
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message.get('message')}")
    if run.returncode not in (0, 1) or (run.returncode == 1 and not errors):
        pytest.fail(f"vnu.jar avslutades med {run.returncode}: {run.stderr[-2000:]}")
    return errors


# Links -----------------------------------------------------------------------------------------

# Attributes that lead a reader or the browser somewhere: links, attachments, images, scripts, styles.
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
                   "source": "src", "video": "src", "audio": "src", "form": "action", "object": "data"}
EXTERNAL_SCHEMES = ("http", "https", "ftp")
NOT_LINKS = ("mailto", "tel", "data", "javascript")


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)  # "page: <a href="..."> (why)"
    external: dict[str, list[str]] = field(default_factory=dict)  # URL → pages linking to it, never fetched

    def text(self) -> str:
        lines = [f"{len(self.external)} externa länkar (kontrolleras inte, intranätet har inget internet):"]
        for url, pages in sorted(self.external.items()):
            lines.append(f"  {url}  ← {', '.join(sorted(set(pages))[:3])}{' …' if len(set(pages)) > 3 else ''}")
        return "\n".join(lines)


def check_links(site: Path) -> LinkReport:
    """Every internal link, anchor and attachment in the built site, resolved against the files.

    Our own checker rather than a crawler: the site is files on disk, so a page's relative link is a
    path to check, "x/" means "x/index.html", and "#id" must be an id (or a name) on the target page.
    404.html is served at any depth, so its links are resolved from the site's root, as MkDocs writes them.
    """
    report = LinkReport()
    ids: dict[Path, set[str]] = {}  # every page is read once: here or, linked to before, below

    def page_ids(soup) -> set[str]:
        return {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = page_ids(_soup(path))
        return ids[path]

    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        soup = _soup(path)
        ids.setdefault(path, page_ids(soup))
        base = "/" if page == "404.html" else "/" + page
        for tag, attr in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag, attrs={attr: True}):
                value = element[attr].strip()
                shown = f'<{tag} {attr}="{value}">'
                parts = urlsplit(value)
                if parts.scheme in EXTERNAL_SCHEMES or value.startswith("//"):
                    report.external.setdefault(value, []).append(page)
                    continue
                if parts.scheme in NOT_LINKS or (tag == "form" and not value):
                    continue
                if parts.scheme:
                    report.broken.append(f"{page}: {shown} (okänt schema)")
                    continue
                resolved = urlsplit(urljoin(base, value))
                relative = posixpath.normpath(unquote(resolved.path)).lstrip("/")
                if relative.startswith(".."):
                    report.broken.append(f"{page}: {shown} (pekar utanför webbplatsen)")
                    continue
                target = site / relative
                if resolved.path.endswith("/") or target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    report.broken.append(f"{page}: {shown}")
                elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                    report.broken.append(f"{page}: {shown} (ankaret saknas)")
    return report


# Fixtures shared by the gate tests ---------------------------------------------------------------

SEARCH_QUERY = "barn"  # has results in both the fixture corpus and the real content


def open_search_with_results(page, base: str, site: Path) -> None:
    """The search with results on screen: the search page (/search/?q=…) where the site has one,
    else mkdocs-material's search dialog in the header."""
    if (site / "search" / "index.html").is_file():
        page.goto(f"{base}search/?q={SEARCH_QUERY}")
        page.wait_for_selector("#kb-results li", timeout=15_000)
    else:
        page.goto(base)
        page.fill(".md-search__input", SEARCH_QUERY)
        page.wait_for_selector(".md-search-result__item", timeout=15_000)


@pytest.fixture(scope="session")
def sites(fixture_site, real_site):
    """Both built sites, each served on 127.0.0.1: {"fixture": (site, base URL), "real": (…)}."""
    from siteutil import serve

    with serve(fixture_site) as fixture_base, serve(real_site) as real_base:
        yield {"fixture": (fixture_site, fixture_base), "real": (real_site, real_base)}


# Deliberately broken pages: each a copy of the fixture's project page with every field, with one
# fault a gate must report. They sit beside the original, so its relative links still work.
BROKEN = {
    "projects/trasig-bild/": ("<h1>", '<h1><img src="../../assets/logo.svg" width="40" height="40">', 1),
    "projects/trasig-typsnitt/": ("</head>", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto:400,700&amp;display=fallback"></head>', 1),
    "projects/trasig-element/": ('<div class="kb-entry-head">', '<section class="kb-trasig"><p>Ett avsnitt som aldrig stängs.</p><div class="kb-entry-head">', 1),
    "projects/trasig-bredd/": ("<h1>", '<p><button type="button" class="kb-trasig">Visa&nbsp;alla&nbsp;projekt&nbsp;i&nbsp;Södermalms&nbsp;stadsdelsförvaltning</button></p><h1>', 1),
    "projects/trasig-lank/": ("<h1>", '<p><a href="../../projects/finns-inte/">Ett projekt som inte finns</a>, '
                             '<a href="#finns-inte">ett ankare som saknas</a> och '
                             '<a href="../../projects/files/alfa-projektet/borttagen.pdf">en bilaga som saknas</a>.</p><h1>', 1),
}


@pytest.fixture(scope="session")
def broken_site(fixture_site, tmp_path_factory) -> Path:
    """The fixture site plus the pages of BROKEN."""
    site = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(fixture_site, site)
    original = (fixture_site / "projects" / "alfa-projektet" / "index.html").read_text(encoding="utf-8")
    for url, (old, new, count) in BROKEN.items():
        assert original.count(old) >= count, f"{old!r} finns inte i projektsidan"
        (site / url).mkdir(parents=True)
        (site / url / "index.html").write_text(original.replace(old, new, count), encoding="utf-8")
    return site
