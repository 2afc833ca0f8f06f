"""HTML read as a browser reads it, for the scans of editors' text (safety.py, sanitize.py).

The standard library's HTMLParser differs from a browser where an editor's text can reach it:
it re-reads an unclosed rest once for every "<" in it (100 000 "<a " took minutes), and it
raises AssertionError on "<![" followed by anything but CDATA or a conditional keyword, which
a Markdown image right after "<" spells ("<![bild](b.png)"). A browser reads both as text or a
bogus comment.
"""

from __future__ import annotations

from html.parser import HTMLParser


class BrowserlikeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # a bogus comment, up to the next ">", as HTML5 reads it
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def close(self) -> None:
        # A tag or comment still open at the end is no markup for a browser (HTML5 drops it).
        self.rawdata = ""
        super().close()
