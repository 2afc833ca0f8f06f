"""What axe cannot see, part two: every page says it is Swedish, every image, icon or chart that
carries meaning has a text alternative (and the decorative ones are marked so), and every kind of page
reads at 320 CSS pixels' width and at 200 % zoom without scrolling sideways (WCAG 1.4.4, 1.4.10)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from gates import broken_site, gate_urls, on_each, page_kinds, page_urls, sites  # noqa: F401
from siteutil import browser, fixture_site, real_site, serve  # noqa: F401 (pytest fixtures)

# Images, icons and charts without a text alternative. One that is alone in a link or button is
# named by that control, which must then have a name; one outside any control has its own text
# (alt, aria-label, <title>) or is declared decorative (alt="", aria-hidden, role none/presentation).
WITHOUT_ALTERNATIVE = """() => {
  const named = el => (el.getAttribute("aria-label") || el.getAttribute("title") || el.innerText || "").trim()
    || [...(el.getAttribute("aria-labelledby") || "").split(/\\s+/)].map(id => document.getElementById(id)?.innerText || "").join("").trim();
  const problems = [];
  for (const el of document.querySelectorAll("img, svg, canvas, object, [role='img'], input[type='image']")) {
    const svg = el.parentElement && el.parentElement.closest("svg");
    if (svg || el.closest("[aria-hidden='true'], [hidden]") || getComputedStyle(el).display === "none") continue;
    const alt = el.getAttribute("alt");
    if (el.tagName === "IMG" && alt === null) { problems.push("img utan alt: " + el.outerHTML.slice(0, 120)); continue; }
    const own = (alt || el.getAttribute("aria-label") || el.querySelector(":scope > title")?.textContent || "").trim();
    if (own) continue;
    const control = el.closest("a[href], button, label, [role='button'], [role='link']");
    if (control) {
      if (!named(control)) problems.push("kontroll med bara en ikon och inget namn: " + control.outerHTML.slice(0, 120));
      continue;
    }
    if (alt === "" || ["none", "presentation"].includes(el.getAttribute("role"))) continue;
    problems.push("ikon eller diagram utan textalternativ: " + el.outerHTML.slice(0, 120));
  }
  return problems;
}"""

# Wider than the window: what makes a reader scroll sideways to read a line.
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll("body *")].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && getComputedStyle(e).visibility !== "hidden";
  }).slice(0, 5).map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> ${Math.round(e.getBoundingClientRect().right)} px`);
}"""

NARROW = {"320-px": ({"width": 320, "height": 640}, 1), "200-procent": ({"width": 640, "height": 400}, 2)}


NO_ALTERNATIVE = lambda page: page.evaluate(WITHOUT_ALTERNATIVE)  # noqa: E731
SCROLLS_SIDEWAYS = lambda page: page.evaluate(SIDEWAYS)  # noqa: E731


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_page_is_in_swedish(sites, which):
    site, _ = sites[which]
    wrong = []
    for path in site.rglob("*.html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("html")
        if html is None or html.get("lang") != "sv":
            wrong.append(str(path.relative_to(site)))
    assert wrong == []


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_image_icon_and_chart_has_a_text_alternative(sites, browser, which):
    site, base = sites[which]
    urls = gate_urls(which, site)
    for viewport in ({"width": 1280, "height": 800}, {"width": 640, "height": 400}):  # header icons differ
        assert on_each(browser, base, urls, NO_ALTERNATIVE, viewport=viewport) == {}


def test_text_alternative_check_reports_an_image_without_alt(broken_site, browser):
    with serve(broken_site) as base:
        found = on_each(browser, base, ["projects/trasig-bild/", "projects/alfa-projektet/"], NO_ALTERNATIVE)
    assert list(found) == ["/projects/trasig-bild/"], found
    assert found["/projects/trasig-bild/"][0].startswith("img utan alt"), found


@pytest.mark.parametrize("narrow", NARROW)
@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_kind_of_page_reads_without_scrolling_sideways(sites, browser, which, narrow):
    site, base = sites[which]
    size, scale = NARROW[narrow]
    urls = set(page_kinds(site).values())
    if narrow == "320-px":  # long words live in the projects' facts: every project at the narrowest
        urls |= {u for u in page_urls(site) if u.startswith("projects/")}
    assert on_each(browser, base, sorted(urls), SCROLLS_SIDEWAYS, viewport=size, device_scale_factor=scale) == {}


def test_sideways_check_reports_a_line_wider_than_320_pixels(broken_site, browser):
    size, scale = NARROW["320-px"]
    with serve(broken_site) as base:
        found = on_each(browser, base, ["projects/trasig-bredd/", "projects/alfa-projektet/"], SCROLLS_SIDEWAYS,
                         viewport=size, device_scale_factor=scale)
    assert list(found) == ["/projects/trasig-bredd/"], found
    assert any("kb-trasig" in line for line in found["/projects/trasig-bredd/"]), found


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_the_not_found_page_is_in_swedish_and_leads_on(sites, which):
    site, _ = sites[which]
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text(strip=True) == "Sidan finns inte – Kunskapsbanken"
    assert soup.select_one("article h1").get_text(strip=True) == "Sidan finns inte"
    assert {a["href"] for a in soup.select("article a")} >= {"/.", "/projects/", "/guides/"}
