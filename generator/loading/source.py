"""Reading content files, safely, into YAML node trees that remember where every value stands.

We compose (not construct) the YAML: every value stays a node with its line and column,
and scalars stay the text the editor typed. That defuses the YAML 1.1 surprises in one
place: ``start: 10:00`` is the text "10:00", not the integer 600, and ``No`` is the text
"No", not ``False``. The field readers decide what type a value has.

Content is untrusted input, so reading is bounded: a file that is a link to somewhere
outside the content folder is never opened (the message names the link, never the
target's text), files have a size limit, control characters are reported where they
stand, and aliases (``*name``) may not expand a file beyond :data:`MAX_EXPANDED_NODES`
nodes or refer to themselves.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..errors import ContentError
from ..messages import NOTHING, Message, msg

NULL_TAG = "tag:yaml.org,2002:null"
# libyaml composes about ten times faster and keeps the same marks; fall back if absent.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_TEXT_BYTES = 5 * 1024 * 1024  # a YAML or Markdown file; the largest shipped module is 60 kB
MAX_EXPANDED_NODES = 200_000  # every value counted as often as aliases repeat it
# Characters YAML refuses and editors cannot see: C0/C1 controls except tab and line breaks.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
MAX_REPORTED = 5  # per file and kind of problem: one is enough to find the rest


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def excerpt(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: at most ``limit`` characters, on one line."""
    flat = " ".join(str(value).split())
    flat = CONTROL.sub("?", flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def outside_link(path: Path, root: Path) -> bool:
    """True if ``path`` is, or passes through, a link that leads outside ``root`` (resolved)."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return True
    return target != root and root not in target.parents


def read_bytes(path: Path, shown: str, errors: list[ContentError], *, root: Path | None = None,
               limit: int = MAX_TEXT_BYTES) -> bytes | None:
    """A content file's bytes, or None after recording why it cannot be used.

    With ``root`` (the resolved content folder), a file that is reached through a link
    leading outside it is refused without being opened.
    """
    if root is not None and outside_link(path, root):
        errors.append(ContentError(shown, 1, 1, "", msg("is a link to a file outside the content folder; "
                                   "put the file itself under content/ instead of a link")))
        return None
    try:
        size = path.stat().st_size
        if size > limit:
            errors.append(ContentError(shown, 1, 1, "", msg("the file is {size:.1f} MB, more than the "
                                       "{limit:.0f} MB allowed; make it smaller", size=size / 1e6, limit=limit / 1e6)))
            return None
        with path.open("rb") as handle:
            return handle.read(limit + 1)[:limit]
    except OSError as exc:
        errors.append(ContentError(shown, 1, 1, "", msg("cannot read the file: {reason}", reason=exc.strerror)))
        return None


def read_text(path: Path, shown: str, errors: list[ContentError], *, root: Path | None = None) -> str | None:
    """Read a UTF-8 text file, or record why it cannot be read and return None."""
    raw = read_bytes(path, shown, errors, root=root)
    if raw is None:
        return None
    return decode_text(raw, shown, errors)


def decode_text(raw: bytes, shown: str, errors: list[ContentError]) -> str | None:
    """UTF-8 bytes as text without a byte-order mark, or None after recording where they are not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(
            ContentError(
                shown, line, column, "",
                msg("the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8 in your editor", byte=raw[exc.start]),
            )
        )
        return None
    return text.removeprefix("\ufeff")


def read_yaml(path: Path, shown: str, errors: list[ContentError], *, root: Path | None = None) -> yaml.Node | None:
    """Compose one YAML document with positions; record syntax errors and empty files."""
    text = read_text(path, shown, errors, root=root)
    return None if text is None else compose_text(text, shown, errors)


def control_characters(text: str, shown: str, errors: list[ContentError], first_line: int = 1) -> bool:
    """Record each invisible control character where it stands; True if there was one."""
    found = 0
    for match in CONTROL.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + first_line
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        errors.append(ContentError(
            shown, line, column, "",
            msg("an invisible control character (U+{code:04X}) stands here; delete it "
                "(it often comes with text copied from another program)", code=ord(match.group())),
        ))
        found += 1
        if found >= MAX_REPORTED:
            break
    return bool(found)


def compose_text(text: str, shown: str, errors: list[ContentError]) -> yaml.Node | None:
    """Compose the text of a YAML file (see :func:`read_yaml`), within the limits above."""
    if control_characters(text, shown, errors):
        return None
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except (yaml.YAMLError, RecursionError):
        node = None  # the pure-Python parser below words its errors better
    if node is not None and not within_limits(node, shown, errors):
        return None  # limits first: nothing below walks an unchecked tree
    if node is None or strict_parser_refuses(text, node):
        node = compose_slowly(text, shown, errors)
        if node is not None and not within_limits(node, shown, errors):
            return None
    return node


def strict_parser_refuses(text: str, root: yaml.Node) -> bool:
    """libyaml accepts 'Why?' inside {...}, PyYAML's own parser does not: judge such flow
    mappings by the stricter one, so a file does not pass here and fail in other YAML 1.1
    tools. Only those mappings are parsed again, not the whole file (that is slow)."""
    if "?" not in text:
        return False
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: its value was looked at where it was defined
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode) and node.flow_style:
            snippet = text[node.start_mark.index:node.end_mark.index]
            if "?" in snippet:
                try:
                    yaml.compose(snippet, Loader=yaml.SafeLoader)
                except (yaml.YAMLError, RecursionError):
                    return True
            continue
        stack.extend(children(node))
    return False


def compose_slowly(text: str, shown: str, errors: list[ContentError]) -> yaml.Node | None:
    """Compose with the pure-Python parser, recording syntax errors and empty files."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        hint = syntax_hint(text, mark)
        errors.append(ContentError(shown, line, column, "", msg("YAML syntax error: {problem}{hint}",
                                                                problem=problem, hint=hint)))
        return None
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        errors.append(ContentError(shown, 1, 1, "", msg("YAML error: {problem}", problem=excerpt(str(exc), 200))))
        return None
    except RecursionError:
        errors.append(ContentError(shown, 1, 1, "", msg("the file is nested too deeply to read; "
                                   "content files need only a few levels of indentation")))
        return None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG):
        errors.append(ContentError(shown, 1, 1, "", msg("the file is empty; fill it in or delete it")))
        return None
    return node


def syntax_hint(text: str, mark: yaml.Mark | None) -> Message:
    """A fix for the syntax errors editors actually make."""
    if mark is None:
        return NOTHING
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "{" in line and "?" in line:
        return msg("; a '?' inside {{...}} is not allowed: put the text in quotes, e.g. en: \"Why?\"")
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return msg("; indent with spaces, not tabs")
    if ": " in line.split(":", 1)[-1]:
        return msg("; a text containing ': ' must be put in quotes")
    return msg("; check the indentation and quotes on this line and the one before")


def children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def expanded_size(root: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> tuple[int, yaml.Node | None]:
    """How many nodes the document has with every alias written out, counted without writing
    them out; stops above ``limit``. Also the first node found inside itself (a recursive
    alias), or None."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children(node))
            if sizes[key] > limit:
                return sizes[key], None
            continue
        if key in sizes:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in children(node):
            if id(child) in on_path:
                return 0, child
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)], None


def within_limits(root: yaml.Node, shown: str, errors: list[ContentError]) -> bool:
    """False, after recording why, if aliases make the document recursive or too large."""
    size, recursive = expanded_size(root)
    if recursive is not None:
        line, column = position(recursive)
        errors.append(ContentError(shown, line, column, "", msg("this alias (*name) refers to the value it stands "
                                   "in, so the value never ends; write the value out instead")))
        return False
    if size > MAX_EXPANDED_NODES:
        errors.append(ContentError(shown, 1, 1, "", msg("aliases (*name) repeat values here more than "
                                   "{limit:,} times; write the values out instead", limit=MAX_EXPANDED_NODES)))
        return False
    return True
