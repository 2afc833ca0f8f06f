"""The allow-list for the HTML of an editor's body, and what it would remove.

Markdown passes raw HTML and attribute lists through as written, so the rendered body is cleaned
with nh3 (the Python binding of Ammonia, which parses like a browser with html5ever) before it
reaches a page. `check` renders each body the same way and reports what the cleaning removed
(`removed`), so an editor learns of it with a line number instead of finding it silently gone.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import markdown
import nh3

from .html_reading import BrowserlikeParser

# mkdocs.yml's markdown_extensions, exactly (a test compares them). MkDocs adds fenced_code itself.
MARKDOWN_EXTENSIONS = [{"toc": {"permalink": False}}, "tables", "attr_list", "admonition", "def_list",
                       "md_in_html"]
_MKDOCS_BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]

# What Markdown and the extensions above make of ordinary content, and the plain HTML editors
# write beside it (md_in_html); no forms, frames, embedded objects, styles, SVG or media.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
})
# Script and style text is dropped with its element; other removed elements keep their text.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
_GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir"}
ALLOWED_ATTRIBUTES = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "q": {"cite"}, "blockquote": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")
# nh3 writes every attribute as name="value" with '"' escaped, so a tag is read exactly here.
_IMG_WITHOUT_SRC = re.compile(r'<img(?! )>|<img((?: [^\s="]+="[^"]*")+)>')


def is_external_image(src: str) -> bool:
    """The intranet has no internet: an image from a scheme or another host ('//host/x') never loads."""
    compact = re.sub(r"[\x00-\x20]", "", src).replace("\\", "/")
    return bool(urlsplit(compact).scheme) or compact.startswith("//")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and is_external_image(value):
        return None
    return value


def _drop_images_without_source(html: str) -> str:
    def image(match: re.Match) -> str:
        return match.group(0) if match.group(1) and ' src="' in match.group(1) else ""

    return _IMG_WITHOUT_SRC.sub(image, html)


def sanitize(html: str) -> str:
    """The body's HTML with everything off the allow-list removed: tags, attributes, URLs, images
    from other hosts, comments and control characters."""
    cleaned = nh3.clean(CONTROLS.sub("", html), tags=set(ALLOWED_TAGS),
                        clean_content_tags=set(DROPPED_WITH_CONTENT), attributes=ALLOWED_ATTRIBUTES,
                        attribute_filter=_keep_attribute, url_schemes=set(URL_SCHEMES), link_rel=None,
                        strip_comments=True)
    return _drop_images_without_source(cleaned)


def render_body(body: str) -> str:
    """The body as MkDocs renders it: the same Markdown extensions and settings."""
    names = [next(iter(e)) if isinstance(e, dict) else e for e in MARKDOWN_EXTENSIONS]
    configs = {name: config for e in MARKDOWN_EXTENSIONS if isinstance(e, dict) for name, config in e.items()}
    extensions = list(dict.fromkeys(_MKDOCS_BUILTIN_EXTENSIONS + names))
    return markdown.markdown(body, extensions=extensions, extension_configs=configs)


class _Elements(BrowserlikeParser):
    """Every start tag with its attributes, as (tag, name, value) facts to compare."""

    def __init__(self) -> None:
        super().__init__()
        self.facts: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.facts.append((tag, "", ""))
        for name, value in attrs:
            self.facts.append((tag, name, value or "" if name in _URL_ATTRIBUTES or name == "style" else ""))

    handle_startendtag = handle_starttag



def elements(html: str) -> list[tuple[str, str, str]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.facts


def removed(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) facts of the HTML that `sanitize` takes out, in document order; the
    attribute is empty for a removed element, the value empty but for a URL or a style."""
    left = Counter(elements(sanitize(html)))
    gone = []
    for fact in elements(html):
        if left[fact]:
            left[fact] -= 1
        else:
            gone.append(fact)
    return gone
