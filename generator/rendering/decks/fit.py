"""How much text fits in a box: a conservative estimate from characters per line.

No font metrics are at hand when a deck is built, so a line holds
``usable width / (font size x CHAR_EM)`` characters and words wrap greedily. CHAR_EM
is set wide on purpose: an estimate that is wrong should leave space, never overflow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import design as d
from .body import Paragraph

INSET_PT = 7.2 * 2  # python-pptx and the template use 0.1 in left/right and 0.05 in top/bottom insets
BULLET_INDENT_PT = (0.35 * 72, 0.8 * 72)  # by bullet level, as in the template's body style


@dataclass(frozen=True)
class Box:
    """A text area: its size in points and the font sizes (points) of its levels."""

    width_pt: float
    height_pt: float
    sizes: tuple[float, ...] = d.BODY_PT

    def size_of(self, paragraph: Paragraph, scale: float) -> float:
        return shrunk(level_size(self.sizes, paragraph.level), scale)


def level_size(sizes: tuple[float, ...], level: int) -> float:
    """The font size of a bullet level; deeper levels than the template has use its last."""
    return sizes[min(level, len(sizes) - 1)]


def shrunk(base: float, scale: float) -> float:
    """``base`` times ``scale``, but nested levels stay readable (see SUBLEVEL_FLOOR_PT)."""
    return max(base * scale, min(base, d.SUBLEVEL_FLOOR_PT))


def wrapped_lines(text: str, chars_per_line: int) -> int:
    """Lines that ``text`` takes when words wrap greedily at ``chars_per_line``."""
    lines, used = 1, 0
    for word in text.split():
        length = len(word)
        while length > chars_per_line:  # a word longer than a line breaks anywhere
            lines += 1 if used else 0
            length -= chars_per_line
            used = 0
        needed = length if used == 0 else used + 1 + length
        if needed > chars_per_line:
            lines += 1
            used = length
        else:
            used = needed
    return lines


def paragraph_height(paragraph: Paragraph, box: Box, scale: float) -> float:
    size = box.size_of(paragraph, scale)
    indent = BULLET_INDENT_PT[min(paragraph.level, 1)] if paragraph.bullet else 0.0
    usable = max(box.width_pt - INSET_PT - indent, size)
    chars = max(int(usable / (size * d.CHAR_EM)), 1)
    return wrapped_lines(paragraph.text, chars) * size * d.LINE_HEIGHT + d.PARAGRAPH_SPACE_PT


def text_height(paragraphs: tuple[Paragraph, ...], box: Box, scale: float = 1.0) -> float:
    """Estimated height in points of ``paragraphs`` at ``scale`` times the box's sizes."""
    return sum(paragraph_height(p, box, scale) for p in paragraphs)


def fits(paragraphs: tuple[Paragraph, ...], box: Box, scale: float = 1.0) -> bool:
    return text_height(paragraphs, box, scale) <= box.height_pt - 3.6 * 2


def shrink_scale(paragraphs: tuple[Paragraph, ...], box: Box, floor_pt: float = d.FLOOR_PT) -> float | None:
    """The largest scale (1.0 first, then in 2 pt steps of the first level) that fits, or None."""
    base = box.sizes[0]
    size = base
    while size >= floor_pt - 1e-6:
        scale = size / base
        if fits(paragraphs, box, scale):
            return scale
        size -= 2
    return None


@lru_cache(maxsize=4096)  # the same bodies come back in every session deck of a module
def paginate(paragraphs: tuple[Paragraph, ...], box: Box) -> tuple[tuple[tuple[Paragraph, ...], float], ...]:
    """Split ``paragraphs`` into pages, each with the scale to draw it at.

    One page at full size if it fits; else one page shrunk down to the floor size; else
    as many full-size pages as needed (a paragraph too long even for a page of its own
    is drawn at the floor size, the best that can be done without cutting words).
    """
    if not paragraphs:
        return (((), 1.0),)
    scale = shrink_scale(paragraphs, box)
    if scale is not None:
        return ((paragraphs, scale),)
    pages: list[list[Paragraph]] = [[]]
    for paragraph in paragraphs:
        candidate = tuple(pages[-1]) + (paragraph,)
        if pages[-1] and not fits(candidate, box):
            pages.append([paragraph])
        else:
            pages[-1].append(paragraph)
    floor = d.FLOOR_PT / box.sizes[0]
    return tuple((tuple(page), shrink_scale(tuple(page), box) or floor) for page in pages)


def title_size(text: str, width_pt: float, height_pt: float, base_pt: float, floor_pt: float = 24) -> float:
    """The largest title size from ``base_pt`` down (2 pt steps) whose lines fit the title box."""
    size = base_pt
    while size > floor_pt:
        chars = max(int((width_pt - INSET_PT) / (size * d.CHAR_EM)), 1)
        if wrapped_lines(text, chars) * size * d.LINE_HEIGHT <= height_pt - 7.2:
            return size
        size -= 2
    return floor_pt

