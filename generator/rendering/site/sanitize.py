"""The allowlist every page's HTML passes through after Markdown (see ``hooks.on_page_content``).

Content is untrusted: anyone may open a pull request, and CI builds it. Escaping at the
source keeps generated text as text, but the guarantee is here: whatever Markdown,
raw HTML or entity tricks a page holds, only these tags, attributes, classes and URL
schemes reach the published page. nh3 (ammonia) parses the HTML as a browser does,
decodes entities before it judges a URL, and writes the result out again.

Kept: what Markdown (with ``tables``, ``admonition``, ``md_in_html``, ``toc``) writes,
what :mod:`.pages` writes (banners, slide images, notes) and the classes the site's CSS
and the theme's CSS style. Dropped: scripts, styles, event handlers, frames, forms, SVG
and MathML (with their content), ``javascript:``/``data:`` and every other scheme but
web, mail, telephone and ``webcal``, pictures from another host (the site makes no
request to one; a ``src`` is judged as a browser reads it), ``data-*`` attributes, ids
the theme uses for itself, and classes the theme's script or the site's own script
(``assets/coursegen.js``) acts on. The buttons the site's script arms (copy an address,
print) are never made from HTML that passed here: the generator adds them afterwards
(see :func:`.hooks.on_page_content`).
"""

from __future__ import annotations

import re

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Removed together with everything inside them (other unknown tags lose only the tag).
CONTENT_REMOVED = frozenset({
    "script", "style", "svg", "math", "iframe", "object", "noscript", "template", "textarea",
    "select", "title",
})
ATTRIBUTES = {
    "*": {"class", "id", "lang", "title", "hidden", "role", "aria-label", "aria-hidden", "aria-describedby"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "button": {"type"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "webcal"})
# Table cells keep Markdown's column alignment and nothing else of a style attribute.
STYLE_PROPERTIES = frozenset({"text-align"})

# Classes: the site's own that only style (coursegen.css; not 'cg-copy' or 'cg-print', which
# coursegen.js turns into working buttons), the theme's buttons, and admonitions with their types.
CLASSES = frozenset({
    "cg-lead", "cg-banner", "cg-banner--cancelled", "cg-banner--full", "cg-banner--past",
    "cg-notes", "cg-slide-image", "cg-print-action",
    "cg-cards", "cg-card", "cg-card--open", "cg-card--full", "cg-card--cancelled", "cg-card__when",
    "cg-card__title", "cg-card__facts", "cg-card__action", "cg-card__action--more", "cg-path", "cg-more", "cg-edit",
    "cg-feeds", "cg-feed", "cg-feed__name", "cg-feed__address", "cg-feed__label", "cg-feed__actions",
    "md-button", "md-button--primary", "admonition", "admonition-title",
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
})
# Heading ids from the toc (ASCII slugs, '_1' for a heading without letters); the theme's
# own elements have ids starting with '__', which a page must not take over.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*|_[0-9]+")
_ROLES = frozenset({"note", "alert", "status", "region", "group", "list", "listitem", "presentation", "none"})
# A URL with a scheme, or one that names a host ('//host/...').
_OUTSIDE = re.compile(r"[a-z][a-z0-9+.-]*:|//", re.IGNORECASE)
# What a browser's URL parser (WHATWG) drops before it reads a URL: C0 controls and spaces
# at either end, and tabs and line breaks anywhere.
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_DROPPED = str.maketrans("", "", "\t\n\r")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Keep an allowed attribute's value, narrowed where the name alone is not enough."""
    if name == "class":
        kept = [c for c in value.split() if c in CLASSES]
        return " ".join(kept) or None
    if name == "id":
        return value if _ID.fullmatch(value) else None
    if name == "role":
        return value if value in _ROLES else None
    if name == "type":
        if tag == "button":
            return "button" if value.lower() == "button" else None
        return value if value in ("1", "a", "A", "i", "I") else None  # <ol type>
    if name == "src":  # pictures come from the site itself: a page makes no request to another host
        address = browser_reading(value)
        return None if _OUTSIDE.match(address) else address
    return value


def browser_reading(url: str) -> str:
    """``url`` as a browser's URL parser reads it: without the C0 controls and spaces at its
    ends and the tabs and line breaks inside it, with '\\' as '/' (as in http and https
    addresses). '/\\t/host/x.png' is '//host/x.png'."""
    return url.strip(_URL_ENDS).translate(_URL_DROPPED).replace("\\", "/")


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CONTENT_REMOVED),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
    link_rel=None,
    strip_comments=True,
)


def clean(html: str) -> str:
    """``html`` with only the allowed tags, attributes, classes and URLs left."""
    return _CLEANER.clean(html)


__all__ = ["ATTRIBUTES", "CLASSES", "TAGS", "URL_SCHEMES", "clean"]
