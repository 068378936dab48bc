"""Warnings for ``coursegen check``: slide text that no font size can fit.

A long body continues on a following slide and a long title shrinks, but a single word
wider than a line even at the floor size (a 60-letter Swedish compound beside a picture,
in a title) can only be broken in the middle of the word. The deck still builds; the
check warns with the file, line and column of the word, so the editor can shorten it or
add a hyphen where it may break.

Words are measured exactly as ``fit.py`` measures them for drawing, in the boxes of the
deck's own template. The build never calls this; ``check`` does, after the content has
passed validation. It reads the module files again (through the loader's own
``read_text`` and ``compose_text``) only to find the positions, like the translation report.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ...errors import ContentError
from ...messages import Message, msg
from ...model import Catalog, Module
from ...loading.source import compose_text, excerpt, read_text
from . import design as d
from .body import parse_body
from .fit import BULLET_INDENT_PT, INSET_PT, line_em, level_size, runs_of, shrunk, words_of

TITLE_FLOOR_PT = 24  # as fit.title_size
HYPHEN = re.compile(r"(?<=[-\u2010\u2011\u00ad])")  # a line may break after a hyphen


def deck_warnings(catalog: Catalog, content_dir: Path) -> list[ContentError]:
    """One warning per slide text with a word too wide for any line of its slide."""
    from pptx import Presentation

    from . import template_bytes
    from .draw import layouts_of

    layouts = layouts_of(Presentation(io.BytesIO(template_bytes(catalog))))
    evaluation = catalog.site.evaluation is not None
    found: list[tuple[Module, tuple, str, str]] = []  # (module, field path, word, what)
    for module in catalog.modules.values():
        for language in catalog.site.languages:
            content = layouts.get("content")
            for index, objective in enumerate(module.objectives):
                found += [(module, ("objectives", index, language), word, what)
                          for word, what in too_wide_in_body(objective[language], content, False, False)]
            for index, slide in enumerate(module.slides):
                layout = layouts.get(slide.layout)
                if layout is None:
                    continue
                found += [(module, ("slides", index, "title", language), word, what)
                          for word, what in too_wide_in_title(slide.title[language], layout)]
                if slide.body:
                    narrowed = evaluation and slide.layout == "closing"
                    found += [(module, ("slides", index, "body", language), word, what)
                              for word, what in too_wide_in_body(slide.body[language], layout, slide.image is not None,
                                                                 narrowed)]
    return [warning(content_dir, module, path, word, what) for module, path, word, what in found]


def pieces(word: str) -> list[str]:
    """The parts of a word a line may break between: after each hyphen."""
    return [piece for piece in HYPHEN.split(word) if piece]


def too_wide(word: str, bold: bool, italic: bool, width_pt: float, size: float) -> bool:
    return any(sum(widths) > line_em(width_pt, size)
               for piece in pieces(word) for widths in words_of(((piece, bold, italic),)))


def too_wide_in_title(text: str, layout) -> list[tuple[str, Message]]:
    if layout.title_size_pt is None:
        return []
    width = layout.title_size_pt[0] - INSET_PT
    return [(word, msg("the title at {size} pt", size=TITLE_FLOOR_PT)) for word in text.split()
            if too_wide(word, True, False, width, TITLE_FLOOR_PT)]


def too_wide_in_body(text: str, layout, has_image: bool, evaluation: bool) -> list[tuple[str, Message]]:
    box = layout.body_box(has_image, None, evaluation) if layout is not None else None
    if box is None:
        return []
    out = []
    for paragraph in parse_body(text):
        size = shrunk(level_size(box.sizes, paragraph.level), d.FLOOR_PT / box.sizes[0])
        indent = BULLET_INDENT_PT[min(paragraph.level, 1)] if paragraph.bullet else 0.0
        width = box.width_pt - INSET_PT - indent
        for text_run, bold, italic in runs_of(paragraph):
            for word in text_run.split():
                if too_wide(word, bold, italic, width, size):
                    out.append((word, msg("a line of the slide at {size:g} pt", size=size)))
    return out


def warning(content_dir: Path, module: Module, path: tuple, word: str, what: Message) -> ContentError:
    field = ".".join(str(part) for part in path[:-1])
    relative = Path("modules") / f"{module.id}.yaml"
    line, column = word_position(content_dir / relative, module.source or str(relative), path, word)
    letters = sum(1 for char in word if char.isalpha())
    return ContentError(
        module.source or str(relative), line, column, f"{field}.{path[-1]}",
        msg("the word '{word}' ({letters} letters) is wider than {what}, so the deck breaks it in the middle; "
            "shorten it, or add a hyphen where it may break (e.g. 'arbetsmarknads-utbildning')",
            word=excerpt(word, 40), letters=letters, what=what),
    )


def word_position(file: Path, shown: str, path: tuple, word: str) -> tuple[int, int]:
    """1-based (line, column) of ``word`` in the value at ``path``; the value's own start when not found."""
    text = read_text(file, shown, [])
    node = compose_text(text, shown, []) if text is not None else None
    for key in path:
        node = child(node, key)
        if node is None:
            return 1, 1
    lines = text.splitlines()
    for number in range(node.start_mark.line, min(node.end_mark.line + 1, len(lines))):
        start = node.start_mark.column if number == node.start_mark.line else 0
        found = lines[number].find(word, start)
        if found >= 0:
            return number + 1, found + 1
    return node.start_mark.line + 1, node.start_mark.column + 1


def child(node, key):
    """The value under ``key`` (a mapping key or a sequence index) of a composed YAML node, or None."""
    import yaml

    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None
