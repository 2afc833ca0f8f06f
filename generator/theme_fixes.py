"""Fixes to mkdocs-material's markup that no template block reaches, applied to every built page.

mkdocs-material writes these elements literally in base.html and partials we do not copy (a copy
would silently drift from the theme on every upgrade). Each fix is an exact replacement of the
theme's markup; the quality gates (tests/test_gate_html.py) fail if a theme upgrade changes it.
"""

from __future__ import annotations

import re

# The drawer and search toggles are hidden checkboxes. HTML allows autocomplete only on text-like
# inputs, so the Nu Html Checker reports autocomplete="off" on them as an error. The theme set it so
# that Firefox does not restore an open drawer or search after a reload; theme/assets/javascripts/
# kb-md-content.js closes both on load instead.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__\w+") autocomplete="off">')

# The table of contents' title is a label for the checkbox "__toc", which mkdocs-material writes only
# into the navigation entry of a page that is in the navigation. Projects, guides and term pages are
# not (the navigation stays small), so there the label points at nothing: invalid HTML, and a label
# that does nothing. Without the checkbox it becomes a plain title.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_material_markup(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
