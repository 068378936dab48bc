"""Editing YAML as text, so that every line an editor wrote stays exactly as it was.

A YAML round trip through a parser and a dumper loses comments, quoting and layout;
editors would see their file rewritten. Instead we compose the file (nodes know their
line and column), decide where the change goes, and splice a few lines of text in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from ..messages import Message, msg

STR_TAG = "tag:yaml.org,2002:str"


def scalar_text(value: str | int, flow: bool = False, typed: bool = False) -> str:
    """``value`` written as a YAML scalar that reads back as the same text.

    Plain when that is safe (inside ``{...}`` too when ``flow``), otherwise in double
    quotes. ``typed`` allows a plain scalar that YAML 1.1 would read as a date or number
    (the loader reads the text, so ``2027-02-11`` and ``30`` may stay plain).
    """
    text = str(value)
    probe = f"{{k: {text}}}" if flow else f"k: {text}"
    try:
        node = yaml.compose(probe, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    if (
        isinstance(node, yaml.MappingNode)
        and len(node.value) == 1
        and isinstance(node.value[0][1], yaml.ScalarNode)
        and node.value[0][1].value == text
        and node.value[0][1].style is None
        and (typed or node.value[0][1].tag == STR_TAG)
        and text == text.strip()
        and text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def flow_mapping(pairs: list[tuple[str, str]]) -> str:
    """``{a: x, b: y}`` from already-rendered values."""
    return "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"


def localized_flow(texts: dict[str, str]) -> str:
    """``{sv: ..., en: ...}`` with each text quoted if needed."""
    return flow_mapping([(lang, scalar_text(text, flow=True)) for lang, text in texts.items()])


def mapping_entry(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key node, value node) of ``key`` in a mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def last_line(node: yaml.Node, lines: list[str]) -> int:
    """0-based index of the last line holding any of ``node``'s text."""
    end = node.end_mark
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else node.value
        return max(last_line(child, lines) for child in children)
    line = end.line
    if line >= len(lines) or not lines[line][: end.column].strip():
        line -= 1  # the mark sits at the start of the next line
    while line > node.start_mark.line and not lines[line].strip():
        line -= 1  # block scalars swallow trailing blank lines
    return line


@dataclass(frozen=True)
class ItemStyle:
    """How a block sequence's items are laid out: where the dash and the keys stand."""

    dash: int
    key: int
    blank_between: bool

    def render(self, entries: list[tuple[str, str]]) -> list[str]:
        """Lines of one new block-mapping item (no line endings)."""
        out = []
        for index, (key, value) in enumerate(entries):
            lead = " " * self.dash + "-" + " " * (self.key - self.dash - 1) if index == 0 else " " * self.key
            out.append(f"{lead}{key}: {value}")
        return out


DEFAULT_STYLE = ItemStyle(dash=2, key=4, blank_between=False)


def item_style(sequence: yaml.SequenceNode, lines: list[str]) -> ItemStyle:
    """The style of the existing items, so a new one looks like its neighbours."""
    items = sequence.value
    if not items:
        return DEFAULT_STYLE
    first = items[0]
    line = lines[first.start_mark.line]
    before = line[: first.start_mark.column].rstrip()
    dash = len(before) - 1 if before.endswith("-") else max(first.start_mark.column - 2, 0)
    key = first.start_mark.column if not getattr(first, "flow_style", False) else dash + 2
    blank = False
    if len(items) > 1:
        previous_end = last_line(items[0], lines)
        blank = any(not lines[i].strip() for i in range(previous_end + 1, items[1].start_mark.line))
    return ItemStyle(dash=dash, key=key, blank_between=blank)


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def split_lines(text: str) -> list[str]:
    """Lines without their endings; a final newline does not make an extra empty line."""
    return text.splitlines()


def join_lines(lines: list[str], newline: str) -> str:
    return newline.join(lines) + newline


class EditError(Exception):
    """The file is laid out in a way this edit cannot handle safely; nothing was changed."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def append_to_block_sequence(text: str, root: yaml.Node, key: str, entries: list[tuple[str, str]]) -> str:
    """``text`` with a new block-mapping item appended to the top-level list ``key``.

    Every existing line stays as it was; comments after the last item stay after the
    new one. An empty ``key:`` or ``key: []`` becomes a block list.
    """
    newline = newline_of(text)
    lines = split_lines(text)
    found = mapping_entry(root, key)
    if found is None:
        new = DEFAULT_STYLE.render(entries)
        return join_lines(lines + [f"{key}:"] + new, newline)
    key_node, value = found
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        style = item_style(value, lines)
        after = last_line(value.value[-1], lines)
        new = ([""] if style.blank_between else []) + style.render(entries)
        return join_lines(lines[: after + 1] + new + lines[after + 1 :], newline)
    empty = (isinstance(value, yaml.SequenceNode) and not value.value) or (
        isinstance(value, yaml.ScalarNode) and value.style is None and value.value in ("", "~", "null")
    )
    if not empty:
        raise EditError(msg("'{key}:' is not a list written with '- ' lines; add the entry by hand", key=key))
    line = key_node.start_mark.line
    if isinstance(value, yaml.ScalarNode) and value.value == "":
        new_head = lines[line]  # 'key:' with nothing after it (maybe a comment)
    else:
        if value.start_mark.line != line or value.end_mark.line != line:
            raise EditError(msg("'{key}:' spans several lines; add the entry by hand", key=key))
        text_line = lines[line]
        new_head = text_line[: value.start_mark.column].rstrip() + text_line[value.end_mark.column :]
    column = key_node.start_mark.column
    style = ItemStyle(dash=column + 2, key=column + 4, blank_between=False)
    return join_lines(lines[:line] + [new_head] + style.render(entries) + lines[line + 1 :], newline)


def set_scalar(text: str, node: yaml.ScalarNode, value: str) -> str:
    """``text`` with one single-line scalar replaced, keeping the rest of its line."""
    if node.start_mark.line != node.end_mark.line:
        raise EditError(msg("the value spans several lines; change it by hand"))
    newline = newline_of(text)
    lines = split_lines(text)
    line = lines[node.start_mark.line]
    lines[node.start_mark.line] = line[: node.start_mark.column] + value + line[node.end_mark.column :]
    return join_lines(lines, newline)


def add_key_to_block_item(text: str, item: yaml.MappingNode, key: str, value: str) -> str:
    """``text`` with ``key: value`` added as the last line of a block-mapping list item."""
    if item.flow_style:
        raise EditError(msg("the entry is written in {{...}} style; change it by hand"))
    newline = newline_of(text)
    lines = split_lines(text)
    after = last_line(item, lines)
    indent = " " * item.start_mark.column
    return join_lines(lines[: after + 1] + [f"{indent}{key}: {value}"] + lines[after + 1 :], newline)


def set_entry(text: str, item: yaml.MappingNode, key: str, value: str) -> str:
    """``text`` with ``key: value`` in a block-mapping list item: the old value replaced where it
    stands (a comment after a one-line value stays), or the line added as the item's last."""
    found = mapping_entry(item, key)
    if found is None:
        return add_key_to_block_item(text, item, key, value)
    key_node, old = found
    if isinstance(old, yaml.ScalarNode) and old.start_mark.line == old.end_mark.line and old.style not in ("|", ">"):
        return set_scalar(text, old, value)
    if item.flow_style:
        raise EditError(msg("the entry is written in {{...}} style; change it by hand"))
    newline = newline_of(text)
    lines = split_lines(text)
    first, last = key_node.start_mark.line, last_line(old, lines)
    head = lines[first][: key_node.start_mark.column]
    return join_lines(lines[:first] + [f"{head}{key}: {value}"] + lines[last + 1 :], newline)
