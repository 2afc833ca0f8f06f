"""`kunskapsbank serve` as an editor uses it: the open page follows every save, under the site's CSP.

The real command runs as a subprocess over a copy of the bundled content, theme and mkdocs.yml, and
Chromium keeps one page open while the test saves files, as an editor would in another window.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from serveutil import REFRESH_MS, ServeProcess, copy_bundled, free_port
from siteutil import browser  # noqa: F401  (fixture)

PROJECT = "content/projects/fire.md"
OLD_TITLE = "FIRE – Förutsättningar för implementering av resultatstyrning och evidensbaserad praktik"
MOUNT = "/kb/"  # a site_url with a sub-path: the preview serves the site under it, as MkDocs does


@pytest.fixture
def preview(tmp_path):
    copy_bundled(tmp_path, MOUNT)
    server = ServeProcess(tmp_path, free_port(), MOUNT)
    try:
        server.wait_until_serving()
        yield server
    finally:
        server.stop()


def line_number(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def watch_csp(page) -> list[str]:
    """Every CSP violation and console error of the page, across its reloads."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.expose_function("reportViolation", lambda text: problems.append(text))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`))")
    return problems


def test_the_open_page_follows_every_save_and_shows_errors_in_swedish(preview, browser):  # noqa: F811
    assert f"Förhandsgranskning på {preview.url} – sidan uppdateras när du sparar en fil." in preview.output
    page = browser.new_page()
    problems = watch_csp(page)
    try:
        page.goto(preview.url + "projects/fire/")
        heading = page.locator("h1")
        expect(heading).to_have_text(OLD_TITLE)

        # A content file: the new title, without the test reloading the page.
        mark = preview.edit(PROJECT, f"title: {OLD_TITLE}", "title: FIRE – en ny titel")
        expect(heading).to_have_text("FIRE – en ny titel", timeout=REFRESH_MS)
        preview.wait_for_output("Bygger om efter ändring i content/projects/fire.md", mark)
        preview.wait_for_output("Klart (", mark)

        # The theme's CSS.
        preview.edit("theme/assets/kunskapsbank.css", ".md-typeset h1 { color: #1b2329;",
                     ".md-typeset h1 { color: #7a1f5c;")
        expect(heading).to_have_css("color", "rgb(122, 31, 92)", timeout=REFRESH_MS)

        # A district the vocabulary lacks, and a key that is markup: the page turns into the errors, with
        # file and line, and what the editor wrote shows as text.
        mark = preview.edit(PROJECT, "  - Kungsholmen\n", "  - Nya staden\n")
        preview.edit(PROJECT, "start: 2012\n", "<b>titel</b>: x\nstart: 2012\n")
        line = line_number(preview.folder / PROJECT, "Nya staden")
        expect(heading).to_have_text("Innehållet har fel och visas inte förrän de är rättade", timeout=REFRESH_MS)
        district = page.locator("li", has_text="Nya staden")
        expect(district).to_contain_text(f"{PROJECT}, rad {line}")
        markup = page.locator("li", has_text="<b>titel</b>")
        expect(markup).to_contain_text(f"{PROJECT}, rad {line_number(preview.folder / PROJECT, '<b>titel</b>')}")
        assert page.locator("main b").count() == 0
        preview.wait_for_output(f"{PROJECT}:{line}: fel: okänt värde 'Nya staden'", mark)

        # mkdocs.yml that is no YAML: a Swedish message, and the server keeps serving.
        config = preview.folder / "mkdocs.yml"
        good_config = config.read_text(encoding="utf-8")
        mark = preview.edit("mkdocs.yml", "strict: true\n", "strict: true\n  fel: [indrag\n")
        expect(page.locator("main")).to_contain_text("mkdocs.yml, rad 9", timeout=REFRESH_MS)
        preview.wait_for_output("mkdocs.yml:9: fel:", mark)
        config.write_text(good_config, encoding="utf-8")
        expect(district).to_contain_text(f"{PROJECT}, rad {line}", timeout=REFRESH_MS)

        # One error fixed: the page follows, with the other one alone.
        preview.edit(PROJECT, "<b>titel</b>: x\n", "")
        expect(markup).to_have_count(0, timeout=REFRESH_MS)
        expect(district).to_have_count(1)

        # The vocabulary learns the district: the page is back by itself, with the district.
        mark = preview.edit("vocabulary.yml", "  - Hela staden\n", "  - Hela staden\n  - Nya staden\n")
        expect(heading).to_have_text("FIRE – en ny titel", timeout=REFRESH_MS)
        expect(page.locator(".kb-content")).to_contain_text("Nya staden")
        preview.wait_for_output("Klart (", mark)
    finally:
        page.close()
    assert problems == [], problems
    assert "Aborted with a BuildError" not in preview.output
    assert "The server will appear stuck" not in preview.output
    assert "INFO" not in preview.output and "Building documentation" not in preview.output
