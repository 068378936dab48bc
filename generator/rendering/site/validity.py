"""Valid HTML from the theme: small, exact repairs of mkdocs-material's own markup.

The Nu HTML Checker (tests/test_site_quality.py) finds a few errors in the markup the
theme writes on every page, none of them from the content. ``hooks.on_post_page`` and
``hooks.on_post_template`` (the 404 page) pass each finished page through
:func:`valid_markup`, which repairs exactly these strings of the theme and nothing else:

- the drawer and search toggles are checkboxes with ``autocomplete="off"``, an attribute
  checkboxes may not carry;
- navigation sections are labels with ``tabindex=""``, which is no number;
- the contents title is ``<label for="__toc">`` also on pages without the ``__toc``
  toggle (pages outside the navigation): there it names nothing, and loses its ``for``;
- the search dialog (``role="dialog"``) has no name: it gets its search field's.
"""

from __future__ import annotations

import re

_TOGGLES = tuple(
    (f'type="checkbox" id="{name}" autocomplete="off">', f'type="checkbox" id="{name}">')
    for name in ("__drawer", "__search")
)
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"<>]*" for="[^"<>]*" id="[^"<>]*") tabindex="">')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_FIELD = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"<>]*)"')


def valid_markup(html: str) -> str:
    """``html`` with the theme's invalid markup repaired (see the module's text)."""
    for old, new in _TOGGLES:
        html = html.replace(old, new, 1)
    html = _EMPTY_TABINDEX.sub(r"\1>", html)
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    field = _SEARCH_FIELD.search(html)
    if field and _SEARCH_DIALOG in html:
        # The field's label is already escaped in the attribute it is copied from.
        html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{field.group(1)}">', 1)
    return html


__all__ = ["valid_markup"]
