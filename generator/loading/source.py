"""Reading YAML files into node trees that remember where every value stands.

We compose (not construct) the YAML: every value stays a node with its line and column,
and scalars stay the text the editor typed. That defuses the YAML 1.1 surprises in one
place: ``start: 10:00`` is the text "10:00", not the integer 600, and ``No`` is the text
"No", not ``False``. The field readers decide what type a value has.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import ContentError

NULL_TAG = "tag:yaml.org,2002:null"
# libyaml composes about ten times faster and keeps the same marks; fall back if absent.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_text(path: Path, shown: str, errors: list[ContentError]) -> str | None:
    """Read a UTF-8 text file, or record why it cannot be read and return None."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(ContentError(shown, 1, 1, "", f"cannot read the file: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(
            ContentError(
                shown, line, column, "",
                "the file is not UTF-8 text (byte 0x%02x); save it as UTF-8 in your editor" % raw[exc.start],
            )
        )
        return None
    return text.removeprefix("\ufeff")


def read_yaml(path: Path, shown: str, errors: list[ContentError]) -> yaml.Node | None:
    """Compose one YAML document with positions; record syntax errors and empty files."""
    text = read_text(path, shown, errors)
    return None if text is None else compose_text(text, shown, errors)


def compose_text(text: str, shown: str, errors: list[ContentError]) -> yaml.Node | None:
    """Compose the text of a YAML file (see :func:`read_yaml`)."""
    if any("{" in line and "?" in line for line in text.splitlines()):
        # libyaml accepts 'Why?' inside {...}, PyYAML's own parser does not: judge by the
        # stricter one, so a file does not pass here and fail in other YAML 1.1 tools.
        return compose_slowly(text, shown, errors)
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        node = None  # fall through: the pure-Python parser words its errors better
    if node is None:
        return compose_slowly(text, shown, errors)
    return node


def compose_slowly(text: str, shown: str, errors: list[ContentError]) -> yaml.Node | None:
    """Compose with the pure-Python parser, recording syntax errors and empty files."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        hint = syntax_hint(text, mark)
        errors.append(ContentError(shown, line, column, "", f"YAML syntax error: {problem}{hint}"))
        return None
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        errors.append(ContentError(shown, 1, 1, "", f"YAML error: {exc}"))
        return None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG):
        errors.append(ContentError(shown, 1, 1, "", "the file is empty; fill it in or delete it"))
        return None
    return node


def syntax_hint(text: str, mark: yaml.Mark | None) -> str:
    """A fix for the syntax errors editors actually make."""
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "{" in line and "?" in line:
        return "; a '?' inside {...} is not allowed: put the text in quotes, e.g. en: \"Why?\""
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return "; indent with spaces, not tabs"
    if ": " in line.split(":", 1)[-1]:
        return "; a text containing ': ' must be put in quotes"
    return "; check the indentation and quotes on this line and the one before"
