"""The Markdown subset of slide bodies and notes, as paragraphs of styled runs.

Editors write paragraphs, ``- `` bullets on two levels, numbered items (``1. ``),
``**bold**`` and ``*italic*``. A numbered item is a paragraph of its own that keeps its
number as text. Anything else is kept as literal text: a deck never loses words it did
not understand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...runs import Run, parse_inline

BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,9})(?P<mark>[.)])[ \t]+(?P<text>.*)$")


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
    in_numbered = False  # the open block is a numbered item
    for line in markdown.splitlines():
        if not line.strip():
            open_block = False
            continue
        match = BULLET.match(line)
        numbered = NUMBERED.match(line)
        if match:
            indent = len(match["indent"].expandtabs(4))
            blocks.append((True, 1 if indent >= 2 else 0, [match["text"].strip()]))
            open_block, in_numbered = True, False
        elif numbered and (not open_block or in_numbered or numbered["number"] == "1"):
            # As in CommonMark, only "1." starts a list inside a running paragraph,
            # so a wrapped line that happens to begin "2027. " stays part of it.
            indent = len(numbered["indent"].expandtabs(4))
            text = f"{numbered['number']}{numbered['mark']} {numbered['text'].strip()}"
            blocks.append((False, 1 if indent >= 2 else 0, [text]))
            open_block, in_numbered = True, True
        elif open_block and blocks:
            blocks[-1][2].append(line.strip())  # a wrapped line continues its paragraph or bullet
        else:
            blocks.append((False, 0, [line.strip()]))
            open_block, in_numbered = True, False
    return tuple(Paragraph(parse_inline(" ".join(lines)), bullet, level) for bullet, level, lines in blocks)


def plain(text: str, *, bold: bool = False) -> Paragraph:
    """A paragraph of one run of ``text``, taken literally."""
    return Paragraph((Run(text, bold=bold),))
