"""What axe cannot see, part one: the home, a project and the search page with the keyboard alone, on
a desktop window and at 200 % zoom (a 1280 px window zoomed: 640 CSS pixels, device scale 2).

The skip link is the first stop and leads into the content; every stop is on screen with a visible
focus frame; the stops follow the page's order; at 200 % zoom the navigation drawer opens and closes
from the keyboard, and its links take no focus while it is closed.
"""

from __future__ import annotations

import contextlib

import pytest

from gates import broken_site, new_context, page_kinds, sites  # noqa: F401
from siteutil import browser, fixture_site, real_site, serve  # noqa: F401 (pytest fixtures)

# The focused element as the test needs it: where it is in the document, whether a reader sees it
# and its focus frame. Opacity counts up the ancestors (a faded-in skip link is opacity 0 before).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const all = [...document.querySelectorAll("*")];
  const r = el.getBoundingClientRect();
  let opacity = 1;
  for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
  const s = getComputedStyle(el);
  const frame = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
  return {
    index: all.indexOf(el), tag: el.tagName.toLowerCase(), id: el.id,
    text: (el.innerText || el.value || el.getAttribute("aria-label") || el.getAttribute("placeholder") || "").trim().slice(0, 40),
    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
    visible: s.visibility === "visible" && opacity > 0.5, frame,
    inContent: !!el.closest("#innehall"), inFooter: !!el.closest("footer"), inDrawer: !!el.closest(".md-sidebar--primary"),
  };
}"""

VIEWPORTS = {"skrivbord": ({"width": 1280, "height": 800}, 1), "200-procent": ({"width": 640, "height": 400}, 2)}


def _stops(page, limit: int = 250) -> list[dict]:
    """Tab from the top of the page until focus leaves it; every stop as FOCUSED describes it."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop["index"] == stops[0]["index"]):
            break
        stops.append(stop)
    return stops


def _describe(stop: dict) -> str:
    return f"<{stop['tag']}> {stop['text']!r}"


@contextlib.contextmanager
def opened(browser, url: str, viewport: str):
    """A page at the viewport's size and zoom, in a context of its own that is closed afterwards."""
    size, scale = VIEWPORTS[viewport]
    context = new_context(browser, viewport=size, device_scale_factor=scale)
    try:
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()


def _pages(sites):
    site, base = sites["real"]
    kinds = page_kinds(site)
    return base, {"startsidan": kinds["startsidan"], "projektsidan": kinds["projekt med flest uppgifter"],
                  "söksidan": kinds["sökningen"]}


# The search page runs without mkdocs-material's bundle (theme/main.html): its header, drawer and
# footer must work from the keyboard all the same.
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("which", ["startsidan", "projektsidan", "söksidan"])
def test_skip_link_is_the_first_stop_and_leads_into_the_content(sites, browser, which, viewport):
    base, pages = _pages(sites)
    with opened(browser, base + pages[which], viewport) as page:
        page.keyboard.press("Tab")
        skip = page.evaluate(FOCUSED)
        assert skip["text"] == "Hoppa till innehållet", skip
        assert skip["onScreen"] and skip["visible"] and skip["frame"], skip
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash") == "#innehall"
        page.keyboard.press("Tab")
        after = page.evaluate(FOCUSED)
        assert after["inContent"], f"efter hopplänken hamnade fokus på {_describe(after)}"
        assert after["onScreen"] and after["visible"] and after["frame"], after


def keyboard_problems(page, narrow: bool = False) -> list[str]:
    """Tab through the page as it is loaded; what a keyboard user would stumble on, one line each."""
    problems = []
    if page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count():
        problems.append("positivt tabindex: tabbordningen följer inte sidan")
    stops = _stops(page)
    if not stops or stops[0]["text"] != "Hoppa till innehållet":
        problems.append(f"första stoppet är inte hopplänken: {_describe(stops[0]) if stops else 'inget'}")
    problems += [f"fokus på något som inte syns: {_describe(s)}" for s in stops if not (s["onScreen"] and s["visible"])]
    problems += [f"fokus utan synlig markering: {_describe(s)}" for s in stops if not s["frame"]]
    problems += [f"tabbordningen hoppar bakåt till {_describe(b)}" for a, b in zip(stops, stops[1:]) if b["index"] < a["index"]]
    if not any(s["inContent"] for s in stops):
        problems.append("inget stopp i innehållet")
    if not stops or not (stops[-1]["inFooter"] and stops[-1]["text"] == "Tillgänglighetsredogörelse"):
        problems.append("sista stoppet är inte sidfotens länk till tillgänglighetsredogörelsen")
    if narrow:
        problems += [f"den stängda menyns länk tar fokus: {_describe(s)}" for s in stops if s["inDrawer"]]
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("which", ["startsidan", "projektsidan", "söksidan"])
def test_every_stop_is_visible_framed_and_in_page_order(sites, browser, which, viewport):
    base, pages = _pages(sites)
    with opened(browser, base + pages[which], viewport) as page:
        assert keyboard_problems(page, narrow=viewport == "200-procent") == []


def test_keyboard_check_reports_a_hidden_focus_frame_and_a_jump_in_order(broken_site, browser):
    """A page whose links lose their focus frame and with one link pulled forward by tabindex."""
    (broken_site / "assets" / "trasig-fokus.css").write_text("a:focus-visible { outline: none !important; }\n")
    page_html = (broken_site / "projects" / "alfa-projektet" / "index.html").read_text(encoding="utf-8")
    page_html = page_html.replace("</head>", '<link rel="stylesheet" href="../../assets/trasig-fokus.css"></head>', 1)
    page_html = page_html.replace('<a href="../../years/2014/">', '<a href="../../years/2014/" tabindex="3">', 1)
    (broken_site / "projects" / "trasig-fokus").mkdir()
    (broken_site / "projects" / "trasig-fokus" / "index.html").write_text(page_html, encoding="utf-8")
    context = new_context(browser)
    try:
        page = context.new_page()
        with serve(broken_site) as base:
            page.goto(base + "projects/trasig-fokus/")
            problems = keyboard_problems(page)
    finally:
        context.close()
    assert "positivt tabindex: tabbordningen följer inte sidan" in problems, problems
    assert any(p.startswith("fokus utan synlig markering: <a>") for p in problems), problems
    assert any(p.startswith("tabbordningen hoppar bakåt") for p in problems), problems


@pytest.mark.parametrize("which", ["projektsidan", "söksidan"])
def test_navigation_drawer_opens_and_closes_from_the_keyboard_at_200_percent(sites, browser, which):
    base, pages = _pages(sites)
    with opened(browser, base + pages[which], "200-procent") as page:
        stops = []
        for _ in range(5):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(FOCUSED))
            if stops[-1]["text"] == "Meny":
                break
        menu = stops[-1]
        assert menu["text"] == "Meny" and menu["tag"] == "button", [_describe(s) for s in stops]
        assert page.get_attribute("button.kb-menu-button", "aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)  # the drawer slides in
        assert page.get_attribute("button.kb-menu-button", "aria-expanded") == "true"
        inside = page.evaluate(FOCUSED)
        assert inside["inDrawer"] and inside["onScreen"] and inside["visible"] and inside["frame"], inside
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)["inDrawer"]
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
        back = page.evaluate(FOCUSED)
        assert back["text"] == "Meny", back
        assert page.get_attribute("button.kb-menu-button", "aria-expanded") == "false"
        assert not page.is_checked("#__drawer")


def test_tab_past_the_drawer_closes_it_and_a_click_beside_it_returns_the_focus(sites, browser):
    """Tab from the drawer's last link must not land under the dimmed overlay; closing the drawer
    with a click on the overlay puts the focus back on the menu button."""
    base, pages = _pages(sites)
    with opened(browser, base + pages["projektsidan"], "200-procent") as page:
        page.click("button.kb-menu-button")
        page.wait_for_timeout(400)
        links = page.locator(".md-sidebar--primary a[href]").count()
        for _ in range(links + 1):
            page.keyboard.press("Tab")
        page.wait_for_timeout(400)
        after = page.evaluate(FOCUSED)
        assert not page.is_checked("#__drawer"), after
        assert not after["inDrawer"] and after["onScreen"] and after["visible"], after
        page.click("button.kb-menu-button")
        page.wait_for_timeout(400)
        page.mouse.click(630, 300)  # on the overlay, right of the drawer
        page.wait_for_timeout(400)
        assert not page.is_checked("#__drawer")
        assert page.evaluate(FOCUSED)["text"] == "Meny"


def test_no_menu_button_where_the_navigation_is_a_sidebar(sites, browser):
    base, pages = _pages(sites)
    with opened(browser, base + pages["projektsidan"], "skrivbord") as page:
        assert page.locator("button.kb-menu-button").count() == 1
        assert not page.is_visible("button.kb-menu-button")
        assert page.is_visible(".md-sidebar--primary a.md-nav__link")
