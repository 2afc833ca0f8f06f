"""The live preview's delay: from saving a file to the open page showing the change.

Runs `kunskapsbank serve` over a copy of the bundled content, keeps a project page open in Chromium
and saves its title N times (default 8), then N times a save that breaks it and one that mends it.
Prints the median and the range of each, with the rebuild's own time as the terminal shows it, and
the machine's load average to read the figures against.

    .venv/bin/python bench/bench_serve.py [N]
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from serveutil import ServeProcess, copy_bundled, free_port  # noqa: E402
from siteutil import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PROJECT = "content/projects/fire.md"
ERROR_HEADLINE = "Innehållet har fel och visas inte förrän de är rättade"


def timed_save(server: ServeProcess, page, old: str, new: str, heading: str) -> float:
    """Seconds from the save to the page's h1 reading heading."""
    started = time.monotonic()
    server.edit(PROJECT, old, new)
    page.wait_for_function("text => document.querySelector('h1')?.textContent.trim() === text", arg=heading,
                           polling=20, timeout=120_000)
    return time.monotonic() - started


def spread(label: str, values: list[float]) -> str:
    return (f"{label:<40} median {statistics.median(values):5.2f} s   "
            f"range {min(values):.2f}–{max(values):.2f} s   (n={len(values)})")


def rebuild_times(output: str) -> list[float]:
    """The successful rebuilds' times, without the first build."""
    return [float(t.replace(",", ".")) for t in re.findall(r"^Klart \((\d+,\d) s\)\.$", output, re.M)][1:]


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        folder = Path(tmp)
        copy_bundled(folder)
        server = ServeProcess(folder, free_port())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            server.wait_until_serving()
            page = browser.new_page()
            page.goto(server.url + "projects/fire/")
            title = page.locator("h1").inner_text().strip()
            saves, broken, mended = [], [], []
            for n in range(rounds):
                new = f"FIRE – titel {n}"
                saves.append(timed_save(server, page, f"title: {title}", f"title: {new}", new))
                title = new
            for _ in range(rounds):
                broken.append(timed_save(server, page, "  - Kungsholmen\n", "  - Kungsholmenn\n", ERROR_HEADLINE))
                mended.append(timed_save(server, page, "  - Kungsholmenn\n", "  - Kungsholmen\n", title))
            builds = rebuild_times(server.output)
        finally:
            browser.close()
            server.stop()
    print(spread("save → new title in the page", saves))
    print(spread("save with an error → the errors shown", broken))
    print(spread("save that mends it → the page again", mended))
    print(spread("successful rebuilds, as the terminal says", builds))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
