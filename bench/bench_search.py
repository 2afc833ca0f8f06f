"""Benchmark search: Pagefind (what the bank uses) against mkdocs-material's built-in search.

    .venv/bin/python bench/bench_search.py [N] [--queries w1,w2] [--runs R] [--keep DIR] [--no-material]

Generates N projects (default 10 000) with bench_build.py's generator; one in ten gets a real PDF
final report of about 2 500 words (in place of bench_build's, of the body's few sentences). Builds the site twice:
(a) `kunskapsbank build` as published (Pagefind), (b) the same content with mkdocs-material's own
theme and its search plugin (lang: sv). Serves each on 127.0.0.1 with gzip for text files, as any
production web server does (Pagefind's own files are gzip already), opens the search in Debian's
Chromium with an empty cache for every query and prints, per engine: the index size on disk, the
bytes the browser received until the first result was on screen (CDP encodedDataLength: bodies as
sent plus headers), and the time from navigation to the first result; for Pagefind also the time
when the reader searches from the home page's quick search (a browser page already running), and
the time of a later search on the same page (Pagefind started: what every search after a visit's
first takes) and of ticking a filter, the time Pagefind takes alone, on a page with nothing else (the floor the search page
builds on), and the time of a page with one line of text (this machine's speed, to read the rest by).
Times are medians, with the middle half of the samples in brackets; every round takes each query
in turn, so the machine's slow and fast minutes fall on all of them alike.

With --quality it also runs the Swedish query table of tests/test_search_browser.py against the real
content with both engines and prints which expected projects each puts in its first five results.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from bench_build import OBJECTS, generate, sentence  # noqa: E402
from pdfmaker import make_pdf  # noqa: E402

from generator.pagefind_binary import PAGEFIND_VERSION  # noqa: E402
from generator.search import OUR_PRELOADS, spell_for_index  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERIES = ["familjehem", "sjukskrivning", "hemlöshet", "motiverande samtal", "våldsutsatta"]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


# Content and builds --------------------------------------------------------------------------

def real_reports(content: Path, seed: int = 7) -> int:
    """Replace bench_build's PDFs (the body's few sentences) with about 2 500 words of Swedish text."""
    rng = random.Random(seed)
    count = 0
    for pdf in sorted(content.glob("projects/files/*/slutrapport.pdf")):
        paragraphs = [" ".join(sentence(rng) for _ in range(8)) for _ in range(25)]
        paragraphs.insert(rng.randrange(25), f"Rapporten tar upp {rng.choice(OBJECTS)} ur flera perspektiv.")
        pdf.write_bytes(make_pdf(paragraphs))
        count += 1
    return count


def config(work: Path, content: Path, name: str, material_search: bool) -> Path:
    base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    base.update(docs_dir=str(content), site_dir=str(work / name))
    if material_search:
        # mkdocs-material's own templates (its header holds its search box) and its search plugin.
        base["theme"].pop("custom_dir", None)
        base["plugins"] = [{"search": {"lang": "sv"}}, "kunskapsbank"]
        base["strict"] = False
    else:
        base["theme"]["custom_dir"] = str(REPO / "theme")
    path = work / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config_path: Path, site: Path) -> float:
    from generator.build import build_site

    began = time.perf_counter()
    if build_site(config_path, site) != 0:
        raise SystemExit(f"build failed: {config_path}")
    return time.perf_counter() - began


def size_of(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# Serving and measuring -----------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _compressed(path: Path) -> bytes:
    # Compressed once, as a server with gzip_static or a compression cache would serve it.
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text types, like nginx/IIS defaults; everything else as is."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = _compressed(path)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A context closed while its filter files were still arriving: not the server's fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path):
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _empty_cache_page(browser):
    """A page in a context of its own, with the browser's cache off: every load as a first visit."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return context, page, cdp


def _wait_for_first_results(page, timeout_ms: int) -> float:
    """ms from navigation to the search page's mark for its first results. Asking for the mark
    every 50 ms costs the page less than a locator's wait, which polls on every animation frame."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate("performance.getEntriesByName('kb-first-result').length > 0"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no results within {timeout_ms} ms: {page.url}")
        time.sleep(0.05)
    return page.evaluate("performance.getEntriesByName('kb-first-result')[0].startTime")


def first_result(browser, url: str, selector: str, timeout_ms: int) -> tuple[int, float, dict[str, int], int]:
    """(bytes received, ms from navigation to the first result, bytes per file, requests)."""
    context, page, cdp = _empty_cache_page(browser)
    urls: dict[str, str] = {}
    received: dict[str, int] = {}
    documents: set[str] = set()

    def sent(event):
        urls[event["requestId"]] = event["request"]["url"]
        if event.get("type") == "Document":
            documents.add(event["requestId"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished",
           lambda e: received.__setitem__(e["requestId"], received.get(e["requestId"], 0) + int(e["encodedDataLength"])))
    began = time.perf_counter()
    page.goto(url, wait_until="commit")
    if selector == MARKED:
        _wait_for_first_results(page, timeout_ms)
    else:
        page.locator(selector).first.wait_for(timeout=timeout_ms)
    elapsed = (time.perf_counter() - began) * 1000
    # The search page marks the moment its first results are in the DOM (ms since navigation
    # start); Playwright's polling would add up to a few hundred ms. mkdocs-material has no mark.
    mark = page.evaluate("(performance.getEntriesByName('kb-first-result')[0] || {}).startTime || null")
    # Files whose last byte had arrived when the first results were in the DOM (Resource Timing,
    # same clock as the mark); the page itself always counts.
    before = set()
    if mark is not None:
        elapsed = mark
        before = set(page.evaluate(
            "m => performance.getEntriesByType('resource').filter(e => e.responseEnd <= m).map(e => e.name)", mark))
        page.locator("#kb-search[data-counted]").wait_for(timeout=timeout_ms)
    time.sleep(0.2)  # let the last loadingFinished events arrive
    per_file: dict[str, int] = {}
    for request, length in received.items():
        url = urls.get(request, "?")
        name = urlsplit(url).path
        if mark is not None and request not in documents and url not in before:
            name = LATE + name
        per_file[name] = per_file.get(name, 0) + length
    outside = [u for u in urls.values() if urlsplit(u).hostname not in ("127.0.0.1", None)]
    context.close()
    if outside:
        raise SystemExit(f"requests left 127.0.0.1: {outside[:3]}")
    return sum(received.values()), elapsed, per_file, len(urls)


def interleaved(queries: list[str], runs: int, measure_one) -> dict[str, list]:
    """runs samples of each query, the queries taken in turn in every round: this machine has slow
    and fast minutes (a quarter apart), and they then fall on every query alike."""
    samples: dict[str, list] = {query: [] for query in queries}
    for _ in range(runs):
        for query in queries:
            samples[query].append(measure_one(query))
    return samples


def spread(times: list[float]) -> str:
    """The middle half of the samples, "(340–410)", when there are enough of them."""
    if len(times) < 4:
        return ""
    low, _, high = statistics.quantiles(times, n=4)
    return f" ({low:.0f}–{high:.0f})"


def measure(browser, site: Path, engine: str, queries: list[str], runs: int) -> list[tuple[str, int, float, dict, str]]:
    def one(query: str):
        if engine == "pagefind":
            return first_result(browser, f"{base}search/?q={quote(query)}", MARKED, 30_000)
        # mkdocs-material reads ?q= on any page and opens its search with it
        return first_result(browser, f"{base}?q={quote(query)}", ".md-search-result__item", 600_000)

    with serve(site) as base:
        samples = interleaved(queries, runs, one)
    rows = []
    for query, taken in samples.items():
        best = min(taken, key=lambda s: s[1])
        rows.append((query, int(statistics.median(s[0] for s in taken)), statistics.median(s[1] for s in taken),
                     best[2], spread([s[1] for s in taken])))
    return rows


LATE = "(after the first results) "
MARKED = "(the search page's mark)"


def from_quick_search(browser, base: str, query: str, timeout_ms: int = 30_000) -> float:
    """ms from navigation to the first results when the reader types the query into the header's
    quick search on the home page: the browser's page is already running, the cache still empty."""
    context, page, _ = _empty_cache_page(browser)
    page.goto(base)
    page.fill("#kb-quicksearch-q", query)
    page.press("#kb-quicksearch-q", "Enter")
    page.wait_for_url("**/search/**")
    elapsed = _wait_for_first_results(page, timeout_ms)
    context.close()
    return elapsed


def report_quick_search(browser, site: Path, queries: list[str], runs: int) -> None:
    print("    from the home page's quick search (page already open, cache empty):")
    with serve(site) as base:
        report_times(interleaved(queries, runs, lambda q: from_quick_search(browser, base, q)))


def report_times(samples: dict[str, list[float]]) -> None:
    for query, times in samples.items():
        print(f"    {query:22} {statistics.median(times):8.0f} ms{spread(times)} to the first result")
    print(f"    {'median':22} {statistics.median(statistics.median(t) for t in samples.values()):8.0f} ms")


# Pagefind on a page with nothing else: no theme, no styles, no header or filters, no check of the
# query's words; the same preloads and the same five fragments before the mark. What the engine and
# the machine take, apart from the search page itself.
BARE_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Pagefind alone</title>
{preloads}
<script type="module" src="page.js"></script></head>
<body><div id="kb-search" data-meta-tag="{tag}"><ol id="kb-results"></ol></div></body></html>
"""
BARE_SCRIPT = """const root = document.getElementById("kb-search");
const query = new URLSearchParams(location.search).get("q") || ""; // spelled as the index spells å, ä, ö
const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
await pagefind.options({ noWorker: true, excerptLength: 30, metaCacheTag: root.dataset.metaTag });
const found = await pagefind.search(query);
if (!found.results.length) throw new Error(`no results for ${query}`); // no mark: the bench stops
const first = await Promise.all(found.results.slice(0, 5).map((result) => result.data()));
document.getElementById("kb-results").append(...first.map((data) => {
  const item = document.createElement("li");
  item.textContent = data.meta.title;
  return item;
}));
performance.mark("kb-first-result");
root.dataset.counted = "true";
"""


@contextlib.contextmanager
def page_of_our_own(site: Path, name: str, page: str, script: str):
    """site/<name>/ with index.html and page.js (one level down, like /search/), removed afterwards."""
    folder = site / name
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(page, encoding="utf-8")
    (folder / "page.js").write_text(script, encoding="utf-8")
    try:
        yield f"{name}/"
    finally:
        shutil.rmtree(folder)


def bare_page(site: Path):
    """Pagefind alone, with the search page's preloads and index tag."""
    search_page = (site / "search" / "index.html").read_text(encoding="utf-8")
    preloads = [line.strip() for line in OUR_PRELOADS.findall(search_page) if "search.js" not in line]
    tag = re.search(r'data-meta-tag="([^"]*)"', search_page)
    page = BARE_PAGE.format(preloads="\n".join(preloads), tag=tag.group(1) if tag else "")
    return page_of_our_own(site, "kb-bench-bare", page, BARE_SCRIPT)


# A page with one line of text and nothing else: what this machine and browser take for any page in a
# new context, to read the other figures against (they move by a quarter or more between hours here).
BLANK_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Tom sida</title>
<script type="module" src="page.js"></script></head>
<body><div id="kb-search"><p>Kunskapsbanken</p></div></body></html>
"""
BLANK_SCRIPT = """performance.mark("kb-first-result");
document.getElementById("kb-search").dataset.counted = "true";
"""


def report_blank(browser, site: Path, runs: int) -> None:
    with page_of_our_own(site, "kb-bench-blank", BLANK_PAGE, BLANK_SCRIPT) as path, serve(site) as base:
        times = [first_result(browser, f"{base}{path}", MARKED, 30_000)[1] for _ in range(runs * 3)]
    print(f"    this machine: a page with one line of text and a script, new context, "
          f"{statistics.median(times):.0f} ms{spread(times)} to its script's mark")


# What the reader does on the search page once a search is done, in the page: it returns when it did
# it (performance.now()); the page then marks the new results (kb-results).
NEW_QUERY = """query => {
    const input = document.getElementById("kb-q");
    input.value = query;
    const began = performance.now();
    input.form.requestSubmit();
    return began;
}"""
TICK_A_DISTRICT = """() => {
    const box = document.querySelector("fieldset[data-facet='stadsdel'] input");
    const began = performance.now();
    box.click();
    return began;
}"""


def time_on_the_page(browser, base: str, query: str, action: str, arg=None, timeout_ms: int = 30_000) -> float:
    """ms from `action` on the search page, where `query` was searched and its counts are in, to
    the next results in the DOM."""
    context, page, _ = _empty_cache_page(browser)
    page.goto(f"{base}search/?q={quote(query)}")
    page.locator("#kb-search[data-counted]").wait_for(timeout=timeout_ms)
    began = page.evaluate(action, arg)
    mark = page.wait_for_function("""began => performance.getEntriesByName("kb-results")
        .find((m) => m.startTime > began)?.startTime""", arg=began, timeout=timeout_ms).json_value()
    context.close()
    return mark - began


def report_filter_click(browser, site: Path, queries: list[str], runs: int) -> None:
    print("    ticking a district after a search (its counts in) to the narrowed results:")
    with serve(site) as base:
        report_times(interleaved(queries, runs, lambda q: time_on_the_page(browser, base, q, TICK_A_DISTRICT)))


def report_later_search(browser, site: Path, queries: list[str], runs: int) -> None:
    print("    a later search on the same page (Pagefind started, the first query's counts in):")
    with serve(site) as base:
        # each query after another one, "barn" after the first query
        before = {query: queries[i - 1] if i else "barn" for i, query in enumerate(queries)}
        report_times(interleaved(queries, runs, lambda q: time_on_the_page(browser, base, before[q], NEW_QUERY, q)))


def report_bare(browser, site: Path, queries: list[str], runs: int) -> None:
    print("    Pagefind alone, on a page with nothing else (the engine and this machine's floor):")
    with bare_page(site) as path, serve(site) as base:
        report_times(interleaved(queries, runs, lambda q: first_result(
            browser, f"{base}{path}?q={quote(spell_for_index(q))}", MARKED, 30_000)[1]))


def _facet_data(name: str) -> bool:
    """The data the facet counts are made from: the bank's facet table (Pagefind's filter files,
    in builds before it)."""
    return "/kb-fasetter-" in name or name.endswith(".pf_filter")


def first_bytes(per_file: dict[str, int]) -> int:
    """Bytes of the files that had arrived when the first results were in the DOM (the page marks
    that moment). Without a mark (mkdocs-material): everything but the facet data."""
    return sum(n for name, n in per_file.items() if not name.startswith(LATE) and not _facet_data(name))


def all_but_facet_data(per_file: dict[str, int]) -> int:
    """The earlier measure: every file but the facet data (loaded for the counts), so also result
    fragments that arrive after the first results are on screen."""
    return sum(n for name, n in per_file.items() if not _facet_data(name))


def report(name: str, rows, index_bytes: int) -> None:
    print(f"\n  {name}: index on disk {index_bytes / 1024:,.0f} KiB")
    for query, received, ms, per_file, middle in rows:
        print(f"    {query:22} {first_bytes(per_file) / 1024:9,.1f} KiB  {ms:8.0f} ms{middle} to the first result; "
              f"{all_but_facet_data(per_file) / 1024:9,.1f} KiB without the facet data; "
              f"{received / 1024:9,.1f} KiB with the facet counts")
    print(f"    {'median':22} {statistics.median(first_bytes(r[3]) for r in rows) / 1024:9,.1f} KiB  "
          f"{statistics.median(r[2] for r in rows):8.0f} ms;  "
          f"{statistics.median(all_but_facet_data(r[3]) for r in rows) / 1024:9,.1f} KiB without the facet data; "
          f"{statistics.median(r[1] for r in rows) / 1024:9,.1f} KiB with the facet counts")


def breakdown(rows) -> None:
    per_file = rows[0][3]
    print(f"    bytes by file for ”{rows[0][0]}”:")
    for name, length in sorted(per_file.items(), key=lambda kv: -kv[1])[:12]:
        print(f"      {length / 1024:8.1f} KiB  {name}")


# Result quality ------------------------------------------------------------------------------

def quality(browser, work: Path) -> None:
    from test_search_browser import QUERIES as TABLE

    sites = {}
    for name, material in (("real-pagefind", False), ("real-material", True)):
        sites[name] = work / name
        build(config(work, REPO / "content", name, material), sites[name])
    print("\n== Swedish queries on the real content: expected projects among the first five")
    print(f"  {'query':28} {'Pagefind':>10} {'material':>10}")
    scores = {"real-pagefind": 0, "real-material": 0}
    for query, expected in TABLE:
        line = f"  {query:28}"
        for name, selector, prefix in (("real-pagefind", "#kb-results .kb-result__title a", "search/"),
                                       ("real-material", ".md-search-result__link", "")):
            with serve(sites[name]) as base:
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"{base}{prefix}?q={quote(query)}")
                try:
                    page.locator(selector).first.wait_for(timeout=5_000)
                except Exception:
                    pass
                links = [a.get_attribute("href") or "" for a in page.locator(selector).all()]
                context.close()
            slugs = []
            for link in links:
                part = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
                if part not in slugs:
                    slugs.append(part)
            hits = len(expected & set(slugs[:5]))
            scores[name] += hits == len(expected)
            line += f" {hits:>4}/{len(expected)}{'' if hits == len(expected) else ' ✗':<5}"
        print(line)
    print(f"  {'all expected in first five':28} {scores['real-pagefind']:>6}/{len(TABLE)}"
          f"{scores['real-material']:>9}/{len(TABLE)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--queries", default=",".join(QUERIES))
    parser.add_argument("--runs", type=int, default=3, help="cold loads per query; the median counts")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the content and sites")
    parser.add_argument("--no-material", action="store_true", help="measure Pagefind only")
    parser.add_argument("--quality", action="store_true", help="also compare results on the real content")
    args = parser.parse_args(argv)
    queries = [q.strip() for q in args.queries.split(",") if q.strip()]

    import os
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from playwright.sync_api import sync_playwright

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kunskapsbank-bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        content = work / "content"
        if not content.exists():
            generate(content, args.count)
            reports = real_reports(content)
        else:
            reports = len(list(content.glob("projects/files/*/slutrapport.pdf")))
        print(f"== {args.count} projects, {reports} with a PDF report of about 2 500 words", flush=True)
        pagefind_site = work / "site-pagefind"
        if not (pagefind_site / "pagefind").exists():
            print(f"  kunskapsbank build (Pagefind): {build(config(work, content, 'site-pagefind', False), pagefind_site):.0f} s",
                  flush=True)
        material_site = work / "site-material"
        if not args.no_material and not (material_site / "search" / "search_index.json").exists():
            print(f"  build with mkdocs-material search: "
                  f"{build(config(work, content, 'site-material', True), material_site):.0f} s", flush=True)

        with sync_playwright() as playwright:
            from siteutil import CHROMIUM_ARGS

            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            rows = measure(browser, pagefind_site, "pagefind", queries, args.runs)
            report(f"Pagefind {PAGEFIND_VERSION} (/search/?q=…)", rows, size_of(pagefind_site / "pagefind"))
            breakdown(rows)
            report_quick_search(browser, pagefind_site, queries, args.runs)
            report_later_search(browser, pagefind_site, queries, args.runs)
            report_filter_click(browser, pagefind_site, queries, args.runs)
            report_bare(browser, pagefind_site, queries, args.runs)
            report_blank(browser, pagefind_site, args.runs)
            if not args.no_material:
                rows = measure(browser, material_site, "material", queries[:2], 1)
                report("mkdocs-material search, lang: sv (?q=…)", rows,
                       size_of(material_site / "search" / "search_index.json"))
                breakdown(rows)
            if args.quality:
                quality(browser, work)
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
