"""The first search of a visit starts as soon as Pagefind has loaded (generator/pagefind_bundle.py,
shorten_start_wait): Pagefind's own script looks for the end of its start-up every 50 ms."""

from __future__ import annotations

from pathlib import Path

from siteutil import browser, real_site, serve  # noqa: F401 (fixtures)

from generator.pagefind_bundle import shorten_start_wait

# Every timer the page sets, with its delay, from before the page's own scripts run.
RECORD_TIMERS = """
window.kbTimers = [];
const setTimer = window.setTimeout;
window.setTimeout = function (callback, delay, ...rest) {
  window.kbTimers.push(Number(delay) || 0);
  return setTimer.call(this, callback, delay, ...rest);
};
"""


def test_the_first_search_does_not_wait_in_50_ms_steps_for_pagefind(browser, real_site):
    context = browser.new_context()
    context.add_init_script(RECORD_TIMERS)
    page = context.new_page()
    with serve(real_site) as base:
        page.goto(f"{base}search/?q=familjehem")
        page.locator("#kb-search[data-counted]").wait_for(timeout=15_000)
        timers = page.evaluate("window.kbTimers")
    context.close()
    assert 50 not in timers, f"Pagefind waited for its start in 50 ms steps: {timers}"


def test_the_built_pagefind_script_has_the_short_wait(real_site):
    script = (real_site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert "await asyncSleep(4);}if(!this.raw_ptr)" in script


def test_another_pagefind_script_is_left_as_it_is(tmp_path: Path):
    script = tmp_path / "pagefind.js"
    text = "export async function search(){await sleep(50);}"
    script.write_text(text, encoding="utf-8")
    assert shorten_start_wait(script) is False
    assert script.read_text(encoding="utf-8") == text
