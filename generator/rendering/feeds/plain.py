"""Feed texts are plain text: nothing from content reaches a calendar as markup.

Some calendar clients (Google Calendar, Outlook on the web) show DESCRIPTION as HTML, and
a few do so with SUMMARY and LOCATION too. Content is untrusted, so every text a feed
writes goes through one of these:

* :func:`plain` for name fields (titles, venue names, people, places): an HTML parser
  (nh3, Rust's ammonia) finds the tags and they are dropped, ``<script>`` and ``<style>``
  with what they hold; everything else stays exactly as typed, ``&amp;`` included, as
  the site shows it.
* :func:`markdown_text` for Markdown fields (summaries, notes, accessibility texts):
  rendered to HTML, cleaned by an allowlist of structural tags, then written out as
  text: paragraphs apart, list items as bullets, links as 'text (address)'.
* :func:`address` for URLs: the characters that cannot stand in a URL, ``<``, ``>``,
  quotes and spaces among them, percent-encoded.

The feeds then pass each whole property value through :func:`plain` once more, so no
tag can form where two texts meet.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

import markdown
import nh3

# What Markdown may produce that matters for the text's shape; every other tag is dropped
# (its text kept), script and style with their content.
STRUCTURE_TAGS = {
    "p", "br", "hr", "ul", "ol", "li", "a", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "th", "td",
}
STRUCTURE_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
PARAGRAPH_TAGS = {"p", "blockquote", "pre", "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose content an HTML parser reads as text, not as tags: dropped with it.
RAW_TEXT_TAGS = {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "textarea", "title"}
MAX_ROUNDS = 8
BULLET = "•"
INDENT = "  "
SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
BLANK_LINES = re.compile(r"\n{3,}")
NOT_IN_URL = re.compile(r"[\x00-\x20\x7f<>\"'`{}|\\^]")


def plain(text: str) -> str:
    """``text`` with every HTML tag and comment dropped and nothing else changed.

    ``&`` is escaped before the parser sees the text, so entities typed in it stay the
    text they are (``&lt;b&gt;`` is not turned into a tag), and the parser's ``&lt;``,
    ``&gt;`` and ``&amp;`` are turned back into characters afterwards. What an element
    holds whose content the parser does not read as HTML (``<script>``, ``<xmp>``,
    ``<textarea>`` ...) goes with it: unescaped, it could hold tags again. Where a tag
    was dropped, the spaces around it become one (none at either end).
    """
    for _ in range(MAX_ROUNDS):
        if "<" not in text:
            return text
        cleaned = html.unescape(nh3.clean(
            text.replace("&", "&amp;"), tags=set(), attributes={}, strip_comments=True, link_rel=None,
            clean_content_tags=RAW_TEXT_TAGS,
        ))
        if cleaned == text:
            return text
        text = SPACES.sub(" ", cleaned).strip()
    return text.replace("<", "")  # tags inside tags, rounds on end: no '<' at all then


@functools.lru_cache(maxsize=4096)
def markdown_text(source: str) -> str:
    """A Markdown field as readable plain text (see the module docstring)."""
    converter = markdown.Markdown(output_format="html")
    rendered = converter.convert(source.strip())
    cleaned = nh3.clean(
        rendered, tags=STRUCTURE_TAGS, attributes=STRUCTURE_ATTRIBUTES, url_schemes=LINK_SCHEMES,
        strip_comments=True, link_rel=None, clean_content_tags=RAW_TEXT_TAGS,
    )
    writer = TextWriter()
    writer.feed(cleaned)
    writer.close()
    # The writer's text has entities decoded: a '&lt;b&gt;' typed in the field is '<b>' now.
    return plain(SPACES.sub(" ", writer.text())).strip()


def address(url: str) -> str:
    """A URL with spaces, quotes, angle brackets and the like percent-encoded."""
    return NOT_IN_URL.sub(lambda match: "".join(f"%{byte:02X}" for byte in match[0].encode("utf-8")), url)


class TextWriter(HTMLParser):
    """Writes the (already cleaned) HTML of a Markdown field as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.at_block_start = True
        self.pending = ""  # the break to write before the next text: "", "\n" or "\n\n"
        self.prefix = ""  # a list item's bullet, written with its first text
        self.lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
        self.links: list[tuple[str, list[str]]] = []  # per open link: its href and its text
        self.preformatted = 0
        self.cells = 0

    def text(self) -> str:
        written = "".join(self.out)
        lines = "\n".join(line.rstrip() for line in written.split("\n"))
        return BLANK_LINES.sub("\n\n", lines).strip("\n")

    def write(self, data: str) -> None:
        if self.at_block_start:
            data = data.lstrip() if not self.preformatted else data.lstrip("\n")
            if not data:
                return
            if self.out:
                self.out.append(self.pending)
            self.out.append(self.prefix)
            self.prefix, self.pending, self.at_block_start = "", "", False
        self.out.append(data)

    def block(self, pending: str) -> None:
        if not self.at_block_start:
            self.at_block_start, self.pending = True, pending
        elif len(pending) > len(self.pending):
            self.pending = pending

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in PARAGRAPH_TAGS:
            self.block("\n\n")
            self.preformatted += tag == "pre"
            self.cells = 0
        elif tag in ("ul", "ol"):
            self.block("\n" if self.lists else "\n\n")
            start = values.get("start") or "1"
            self.lists.append([int(start) if tag == "ol" and start.isdigit() else (1 if tag == "ol" else None)])
        elif tag == "li":
            self.block("\n")
            level = self.lists[-1] if self.lists else [None]
            mark = BULLET if level[0] is None else f"{level[0]}."
            if level[0] is not None:
                level[0] += 1
            self.prefix = INDENT * max(len(self.lists) - 1, 0) + mark + " "
        elif tag == "tr":
            self.block("\n")
            self.cells = 0
        elif tag in ("td", "th"):
            if self.cells:
                self.write(" | ")
            self.cells += 1
        elif tag == "br":
            self.block("\n")
        elif tag == "a":
            self.links.append((values.get("href") or "", []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in PARAGRAPH_TAGS:
            self.preformatted -= tag == "pre" and self.preformatted > 0
            self.block("\n\n")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.block("\n" if self.lists else "\n\n")
        elif tag in ("li", "tr"):
            self.block("\n")
        elif tag == "a" and self.links:
            href, words = self.links.pop()
            shown = "".join(words).strip()
            if href and href not in (shown, f"mailto:{shown}", f"tel:{shown}"):
                self.write(f" ({address(href)})")

    def handle_data(self, data: str) -> None:
        if not self.preformatted and self.at_block_start and not data.strip():
            return
        for _, words in self.links:
            words.append(data)
        self.write(data)
