"""The Markdown subset of slide bodies and notes, as paragraphs of styled runs.

Editors write paragraphs, ``- `` bullets on two levels, ``**bold**`` and ``*italic*``.
Anything else is kept as literal text: a deck never loses words it did not understand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?P<text>.*)$")
MARKER = re.compile(r"(\*\*|\*)")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """One PowerPoint paragraph. ``bullet`` False is a plain paragraph; ``level`` 0 or 1."""

    runs: tuple[Run, ...]
    bullet: bool = False
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@lru_cache(maxsize=4096)  # a module's slides are parsed again for each of its sessions
def parse_body(markdown: str) -> tuple[Paragraph, ...]:
    """Split Markdown into paragraphs and bullets; soft line breaks join into one paragraph."""
    blocks: list[tuple[bool, int, list[str]]] = []  # (bullet, level, lines)
    open_block = False
    for line in markdown.splitlines():
        if not line.strip():
            open_block = False
            continue
        match = BULLET.match(line)
        if match:
            indent = len(match["indent"].expandtabs(4))
            blocks.append((True, 1 if indent >= 2 else 0, [match["text"].strip()]))
            open_block = True
        elif open_block and blocks:
            blocks[-1][2].append(line.strip())  # a wrapped line continues its paragraph or bullet
        else:
            blocks.append((False, 0, [line.strip()]))
            open_block = True
    return tuple(Paragraph(parse_inline(" ".join(lines)), bullet, level) for bullet, level, lines in blocks)


def parse_inline(text: str) -> tuple[Run, ...]:
    """``**bold**`` and ``*italic*`` as runs; an unmatched marker stays literal."""
    tokens = MARKER.split(text)
    runs: list[Run] = []
    bold = italic = False
    for position, token in enumerate(tokens):
        if token in ("**", "*"):
            is_open = bold if token == "**" else italic
            if is_open or token in tokens[position + 1:]:
                if token == "**":
                    bold = not bold
                else:
                    italic = not italic
                continue
        if token:
            if runs and runs[-1].bold == bold and runs[-1].italic == italic:
                runs[-1] = Run(runs[-1].text + token, bold, italic)
            else:
                runs.append(Run(token, bold, italic))
    return tuple(runs)


def plain(text: str, *, bold: bool = False) -> Paragraph:
    """A paragraph of one run of ``text``, taken literally."""
    return Paragraph((Run(text, bold=bold),))
