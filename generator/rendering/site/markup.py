"""Safe text for generated Markdown, and links relative to the page that holds them.

Text from YAML is data, never markup: plain fields are escaped for both HTML and
Markdown, Markdown fields keep their Markdown but lose raw HTML and attribute lists,
and link targets cannot leave the link. Generated pages are never rendered as
templates, so ``{{`` in content stays text. Which links and tags reach a page is
decided after Markdown, for every page, by :mod:`.sanitize`.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

# HTML's own characters, and those that start Markdown syntax inline: as references they are text.
_PLAIN = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                        **{c: f"&#{ord(c)};" for c in "\\`*_{}[]!#|~"}})
_LIST_START = re.compile(r"^([-+]|\d+\.)(?=\s)")
# In a link target these would end it, start a title or escape: percent-encoded they are
# the same address (a URL never holds them raw).
_URL = str.maketrans({c: f"%{ord(c):02X}" for c in '<>()\\"` ' + "".join(map(chr, range(0x20))) + "\x7f"})


def text(value: str | None) -> str:
    """Plain text for inline use in Markdown: no HTML, no Markdown, newlines as spaces."""
    if not value:
        return ""
    inline = " ".join(value.split()).translate(_PLAIN)
    # A line that starts like a list item would become a list.
    return _LIST_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), inline)


def markdown(value: str | None) -> str:
    """A Markdown field from YAML, kept as Markdown without raw HTML or attribute lists.

    ``<`` becomes ``&lt;`` so no tag survives; ``{`` becomes a reference so no attribute
    list applies. Its links are judged, like every page's, by :mod:`.sanitize`.
    """
    if not value:
        return ""
    return value.replace("<", "&lt;").replace("{", "&#123;").strip()


def url(value: str) -> str:
    """An address as a Markdown link target: what would end the target is percent-encoded."""
    return value.translate(_URL)


def site_address(value: str) -> str:
    """The site's own address for mkdocs (``site_url``): the theme writes it, and paths made
    from it, into attributes and scripts without escaping, so everything but letters,
    digits and ``/:@-._~!$*+,;=%`` is percent-encoded."""
    return quote(value, safe="/:@-._~!$*+,;=%")


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
    """A Markdown link whose label is already safe Markdown; ``href`` cannot leave the link."""
    return f"[{label}](<{url(href)}>)"
