"""How much text fits in a box, measured with the advance widths of the template's font.

The template declares Arial; ``metrics.json`` holds the advance widths of its
metric-compatible twin Liberation Sans (same widths, glyph for glyph), so a deck fits
the same on every machine, whatever fonts it has installed. Words wrap greedily at
spaces, as PowerPoint and LibreOffice wrap them; a word wider than a line breaks
anywhere. Kerning is ignored (it only narrows text) and a line is taken as
``WIDTH_MARGIN`` of its real width, so a measurement that is off errs towards "does
not fit": a body never runs off a slide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import design as d
from .body import Paragraph

METRICS = json.loads(Path(__file__).with_name("metrics.json").read_text(encoding="utf-8"))
_UNITS = METRICS["units_per_em"]
# style ("regular", "bold", "italic", "bold-italic") -> code point -> advance in em
WIDTHS: dict[str, dict[int, float]] = {
    style: {int(code): advance / _UNITS for code, advance in table.items()}
    for style, table in METRICS["widths"].items()
}
UNKNOWN_EM = 1.0  # a character the table lacks (an emoji, a CJK ideograph) is taken as 1 em wide
WIDTH_MARGIN = 0.97  # renderers round advances to device pixels; leave 3 % for that
INSET_PT = 7.2 * 2  # python-pptx and the template use 0.1 in left/right and 0.05 in top/bottom insets
BULLET_INDENT_PT = (0.35 * 72, 0.8 * 72)  # by bullet level, as in the template's body style


@dataclass(frozen=True)
class Box:
    """A text area: its size in points and the font sizes (points) of its levels."""

    width_pt: float
    height_pt: float
    sizes: tuple[float, ...] = d.BODY_PT
    space_pt: float = d.PARAGRAPH_SPACE_PT  # space before each paragraph

    def size_of(self, paragraph: Paragraph, scale: float) -> float:
        return shrunk(level_size(self.sizes, paragraph.level), scale)


def level_size(sizes: tuple[float, ...], level: int) -> float:
    """The font size of a bullet level; deeper levels than the template has use its last."""
    return sizes[min(level, len(sizes) - 1)]


def shrunk(base: float, scale: float) -> float:
    """``base`` times ``scale``, but nested levels stay readable (see SUBLEVEL_FLOOR_PT)."""
    return max(base * scale, min(base, d.SUBLEVEL_FLOOR_PT))


def style_of(bold: bool, italic: bool) -> str:
    return ("bold-italic" if italic else "bold") if bold else ("italic" if italic else "regular")


@lru_cache(maxsize=8192)
def words_of(runs: tuple[tuple[str, bool, bool], ...]) -> tuple[tuple[float, ...], ...]:
    """The advance widths (em) of each word's characters; ``runs`` are (text, bold, italic).

    A word is what lies between spaces; a word may span runs (``**fet**stil``).
    """
    words: list[tuple[float, ...]] = []
    current: list[float] = []
    for text, bold, italic in runs:
        table = WIDTHS[style_of(bold, italic)]
        for char in text:
            if char.isspace():
                if current:
                    words.append(tuple(current))
                    current = []
            else:
                current.append(table.get(ord(char), UNKNOWN_EM))
    if current:
        words.append(tuple(current))
    return tuple(words)


SPACE_EM = WIDTHS["regular"][0x20]  # the same in every style of the font


def wrapped_lines(words: tuple[tuple[float, ...], ...], line_em: float) -> int:
    """Lines that ``words`` take when they wrap greedily at ``line_em`` (line width / font size)."""
    lines, used, empty = 1, 0.0, True
    for word in words:
        width = sum(word)
        if width > line_em:  # wider than a line: starts a line of its own and breaks anywhere
            if not empty:
                lines += 1
            used, empty = 0.0, True
            for char in word:
                if not empty and used + char > line_em:
                    lines += 1
                    used = 0.0
                used, empty = used + char, False
            continue
        needed = width if empty else used + SPACE_EM + width
        if needed > line_em:
            lines += 1
            used = width
        else:
            used = needed
        empty = False
    return lines


def runs_of(paragraph: Paragraph) -> tuple[tuple[str, bool, bool], ...]:
    return tuple((run.text, run.bold, run.italic) for run in paragraph.runs)


def line_em(width_pt: float, size: float) -> float:
    return width_pt * WIDTH_MARGIN / size


def paragraph_height(paragraph: Paragraph, box: Box, scale: float) -> float:
    size = box.size_of(paragraph, scale)
    indent = BULLET_INDENT_PT[min(paragraph.level, 1)] if paragraph.bullet else 0.0
    usable = max(box.width_pt - INSET_PT - indent, size)
    lines = wrapped_lines(words_of(runs_of(paragraph)), line_em(usable, size))
    return lines * size * d.LINE_HEIGHT + box.space_pt


def text_height(paragraphs: tuple[Paragraph, ...], box: Box, scale: float = 1.0) -> float:
    """Estimated height in points of ``paragraphs`` at ``scale`` times the box's sizes."""
    return sum(paragraph_height(p, box, scale) for p in paragraphs)


def room(box: Box) -> float:
    """The height text may take in ``box``: its height less the top and bottom insets."""
    return box.height_pt - 3.6 * 2


def fits(paragraphs: tuple[Paragraph, ...], box: Box, scale: float = 1.0) -> bool:
    return text_height(paragraphs, box, scale) <= room(box)


@lru_cache(maxsize=4096)
def balance(paragraphs: tuple[Paragraph, ...], box: Box) -> tuple[float, float]:
    """(scale, space before each paragraph) for a body that fits ``box`` at full size.

    The body grows in 2 pt steps of its first level up to ``GROW_MAX_PT`` while its
    text takes at most ``GROW_FILL`` of the box; the rest of that share is spread
    between the paragraphs, at most ``GROW_SPACE_MAX_PT`` each.
    """
    target = room(box) * d.GROW_FILL
    base = box.sizes[0]
    scale, size = 1.0, base + 2
    while size <= d.GROW_MAX_PT and text_height(paragraphs, box, size / base) <= target:
        scale, size = size / base, size + 2
    spare = target - text_height(paragraphs, box, scale)
    extra = min(max(spare / len(paragraphs), 0.0), d.GROW_SPACE_MAX_PT - box.space_pt)
    return scale, round(box.space_pt + max(extra, 0.0))


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
    """The largest title size from ``base_pt`` down (2 pt steps) whose lines fit the title box (titles are bold)."""
    words = words_of(((text, True, False),))
    size = base_pt
    while size > floor_pt:
        if wrapped_lines(words, line_em(width_pt - INSET_PT, size)) * size * d.LINE_HEIGHT <= height_pt - 7.2:
            return size
        size -= 2
    return floor_pt


def one_line_size(text: str, width_pt: float, largest_pt: float, smallest_pt: float) -> float:
    """The largest size from ``largest_pt`` down (1 pt steps) at which ``text`` stays on one line
    of ``width_pt``; ``smallest_pt`` when none does (the text then wraps)."""
    words = words_of(((text, False, False),))
    size = largest_pt
    while size > smallest_pt:
        if wrapped_lines(words, line_em(width_pt - INSET_PT, size)) == 1:
            return size
        size -= 1
    return smallest_pt


@dataclass(frozen=True)
class Timetable:
    """A programme as drawn: its type size, its columns of (time, title) rows, the width of
    the time column and the height of every row, in points."""

    size: float
    columns: tuple[tuple[tuple[str, str], ...], ...]
    time_width_pt: float
    heights: tuple[tuple[float, ...], ...]  # by column, by row

    @property
    def height_pt(self) -> float:
        return max(sum(column) for column in self.heights)


CELL_INSET_PT = INSET_PT / 2  # left and right inside a table cell, as in a text box


@lru_cache(maxsize=1024)
def timetable(rows: tuple[tuple[str, str], ...], box: Box, gap_pt: float) -> Timetable | None:
    """The programme ``rows`` (time, title) laid out as a timetable in ``box`` at the largest
    size of ``TIMETABLE_PT`` at which every column fits; None when none does (the programme
    is then drawn as a list).

    One column; from ``TIMETABLE_COLUMNS_FROM`` rows on also two, and two columns are taken
    only when they allow type more than ``TIMETABLE_TWO_COLUMNS_GAIN_PT`` larger (their
    narrower title columns wrap more: a single column reads more like a timetable).
    """
    if not rows:
        return None
    one = laid_out(rows, box, gap_pt, 1)
    if len(rows) < d.TIMETABLE_COLUMNS_FROM:
        return one
    two = laid_out(rows, box, gap_pt, 2)
    if one is None or (two is not None and two.size > one.size + d.TIMETABLE_TWO_COLUMNS_GAIN_PT):
        return two
    return one


def laid_out(rows: tuple[tuple[str, str], ...], box: Box, gap_pt: float, count: int) -> Timetable | None:
    """``rows`` in ``count`` columns (the first half left) at the largest size that fits, or None."""
    half = -(-len(rows) // count)
    columns = tuple(rows[start:start + half] for start in range(0, len(rows), half))
    width = (box.width_pt - gap_pt * (len(columns) - 1)) / len(columns)
    times = max(sum(sum(word) for word in words) + SPACE_EM * (len(words) - 1)
                for words in (words_of(((time, True, False),)) for time, _ in rows))
    for size in d.TIMETABLE_PT:
        time_width = times * size / WIDTH_MARGIN + 2 * CELL_INSET_PT
        title_em = line_em(width - time_width - 2 * CELL_INSET_PT, size)
        if title_em <= 0:
            continue
        heights = tuple(
            tuple(wrapped_lines(words_of(((title, False, False),)), title_em) * size * d.LINE_HEIGHT
                  + 2 * d.TIMETABLE_PAD * size for _, title in column)
            for column in columns)
        if max(sum(column) for column in heights) <= room(box):
            return Timetable(size, columns, round(time_width, 2), heights)
    return None
