"""The block structure of the content's Markdown subset (slide bodies and speaker notes).

Editors write paragraphs, ``- `` bullets on two levels, numbered items (``1. `` or
``1) ``) and, inside any of them, ``**bold**`` and ``*italic*`` (read by
:mod:`generator.runs`). Anything else is literal text: no renderer loses words it did
not understand. This is the one reading of the blocks; a renderer decides how to draw
them (the print renderer draws numbered items as a numbered list; a deck may keep the
number as the text of a paragraph of its own: ``f"{block.label} {block.text}"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,9})(?P<mark>[.)])[ \t]+(?P<text>.*)$")
PARAGRAPH, BULLETED, NUMBERED_ITEM = "paragraph", "bullet", "numbered"


@dataclass(frozen=True)
class Block:
    """One paragraph, bullet or numbered item; ``text`` still carries its bold/italic markers."""

    kind: str  # "paragraph", "bullet" or "numbered"
    text: str  # the block's lines joined by single spaces
    level: int = 0  # 0, or 1 for an item indented by two spaces or more
    number: int | None = None  # a numbered item's number as written
    mark: str | None = None  # a numbered item's "." or ")"

    @property
    def label(self) -> str:
        """A numbered item's number as the editor wrote it, e.g. ``3.``; '' for other blocks."""
        return f"{self.number}{self.mark}" if self.kind == NUMBERED_ITEM else ""


def split_blocks(markdown: str | None) -> tuple[Block, ...]:
    """Paragraphs, bullets and numbered items in order; soft line breaks join a block's lines.

    As in CommonMark, only ``1.`` starts a numbered list inside a running paragraph, so a
    wrapped line that happens to begin ``2027. `` stays part of its paragraph.
    """
    found: list[tuple[str, int, int | None, str | None, list[str]]] = []
    open_block = False
    in_numbered = False  # the open block is a numbered item
    for line in (markdown or "").splitlines():
        if not line.strip():
            open_block = False
            continue
        bullet = BULLET.match(line)
        numbered = NUMBERED.match(line)
        if bullet:
            found.append((BULLETED, level_of(bullet["indent"]), None, None, [bullet["text"].strip()]))
            open_block, in_numbered = True, False
        elif numbered and (not open_block or in_numbered or numbered["number"] == "1"):
            found.append((NUMBERED_ITEM, level_of(numbered["indent"]), int(numbered["number"]), numbered["mark"],
                          [numbered["text"].strip()]))
            open_block, in_numbered = True, True
        elif open_block and found:
            found[-1][4].append(line.strip())  # a wrapped line continues its block
        else:
            found.append((PARAGRAPH, 0, None, None, [line.strip()]))
            open_block, in_numbered = True, False
    return tuple(Block(kind, " ".join(lines), level, number, mark) for kind, level, number, mark, lines in found)


def level_of(indent: str) -> int:
    return 1 if len(indent.expandtabs(4)) >= 2 else 0
