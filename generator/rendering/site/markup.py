"""Safe text for generated Markdown, and links relative to the page that holds them.

Text from YAML is data, never markup: plain fields are escaped for both HTML and
Markdown, and Markdown fields keep their Markdown but lose raw HTML, attribute lists
and script links. Generated pages never pass through the macros plugin, so ``{{`` in
content stays text.
"""

from __future__ import annotations

import html
import posixpath
import re

# HTML's own characters, and those that start Markdown syntax inline: as references they are text.
_PLAIN = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                        **{c: f"&#{ord(c)};" for c in "\\`*_{}[]!#|~"}})
_LIST_START = re.compile(r"^([-+]|\d+\.)(?=\s)")
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:", "webcal:")
# A link's target up to its closing parenthesis, allowing one level of parentheses inside.
_LINK_TARGET = re.compile(r"\]\(\s*(<[^>]*>|(?:[^()\s]|\([^()\s]*\))*)")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:\s*)(\S+)", re.MULTILINE)


def text(value: str | None) -> str:
    """Plain text for inline use in Markdown: no HTML, no Markdown, newlines as spaces."""
    if not value:
        return ""
    inline = " ".join(value.split()).translate(_PLAIN)
    # A line that starts like a list item would become a list.
    return _LIST_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), inline)


def attr(value: str) -> str:
    """A value for an HTML attribute written by us."""
    return html.escape(value, quote=True)


def markdown(value: str | None) -> str:
    """A Markdown field from YAML, kept as Markdown without raw HTML or unsafe links.

    ``<`` becomes ``&lt;`` so no tag survives; ``{`` becomes a reference so no attribute
    list applies; link targets other than web, mail and relative ones are dropped.
    """
    if not value:
        return ""
    cleaned = value.replace("<", "&lt;").replace("{", "&#123;")
    cleaned = _REFERENCE.sub(lambda m: m.group(1) + _safe_url(m.group(2)), cleaned)
    return _LINK_TARGET.sub(lambda m: "](" + _safe_url(m.group(1)), cleaned).strip()


def _safe_url(target: str) -> str:
    """``target`` if it is a web, mail or relative address, else '#'."""
    scheme = re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target.strip("<>"))
    if scheme and scheme.group(0).lower() not in _SAFE_SCHEMES:
        return "#"
    return target


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site paths starting with '/').

    Relative links keep the site working from any folder and from file://.
    """
    if "://" in to_url or to_url.startswith("mailto:"):
        return to_url
    path, _, fragment = to_url.partition("#")
    start = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(path, start)
    if path.endswith("/") and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def link(label: str, href: str) -> str:
    """A Markdown link whose label is already safe Markdown."""
    return f"[{label}](<{href}>)"
