"""Typed readers for YAML nodes that record every defect with its place and field path.

Each reader returns the value, or ``None`` after recording an error, so a caller can
keep going and report everything wrong in a file at once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable
from urllib.parse import urlsplit

import yaml

from ..errors import ContentError, choice_list, suggestion
from ..messages import Message, msg
from ..model import Localized
from .source import CONTROL, NULL_TAG, excerpt, position

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TIME_PATTERN = re.compile(r"(\d{1,2})[:.](\d{2})")
PLACEHOLDER_PATTERN = re.compile(r"\b(FIXME|TODO|XXX)\b")
MAX_TEXT_LENGTH = 20_000
MAX_URL_LENGTH = 1000  # a QR code at error level M holds about 2300 bytes; keep well below
# A loose shape of a web address, for the JSON Schema and for telling addresses from prose;
# the loader judges an address by parsing it (url_problem).
URL_PATTERN = re.compile(r"https?://[^\s/$.?#<>\"'`{}|\\^][^\s<>\"'`{}|\\^]*", re.IGNORECASE)
URL_FORBIDDEN = set("<>\"'`{}|\\^")
HOST_PATTERN = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}|localhost|\d{1,3}(?:\.\d{1,3}){3}")
EMAIL_PATTERN = re.compile(r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}")

KIND_NAMES = {
    yaml.MappingNode: msg("a mapping (key: value lines)"),
    yaml.SequenceNode: msg("a list (lines starting with '- ')"),
    yaml.ScalarNode: msg("a single value"),
}


def describe(node: yaml.Node) -> Message:
    if isinstance(node, yaml.ScalarNode):
        return msg("nothing") if node.tag == NULL_TAG else msg("'{value}'", value=excerpt(node.value))
    return KIND_NAMES[type(node)]


def join(field: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{field}[{key}]"
    return f"{field}.{key}" if field else key



def parse_time(text: str) -> dt.time | None:
    """'9:00', '09:00' or '09.00' as a clock time; None if it is not one."""
    match = TIME_PATTERN.fullmatch(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return dt.time(int(match.group(1)), int(match.group(2)))

class FieldReader:
    """Reads the fields of one file; errors go to a shared list."""

    def __init__(self, path: str, languages: tuple[str, ...], errors: list[ContentError]):
        self.path = path
        self.languages = languages
        self.errors = errors

    # -- reporting ---------------------------------------------------------------
    def error(self, node: yaml.Node, field: str, message: Message) -> None:
        line, column = position(node)
        self.errors.append(ContentError(self.path, line, column, field, message))

    # -- structure ---------------------------------------------------------------
    def mapping(
        self,
        node: yaml.Node,
        field: str,
        known: Iterable[str],
        required: Iterable[str] = (),
    ) -> dict[str, yaml.Node] | None:
        """The entries of a mapping, keyed by name; unknown, duplicate and missing keys are errors."""
        known = tuple(known)
        if not isinstance(node, yaml.MappingNode):
            self.error(node, field or "(top level)", msg("expected {kind}, found {found}",
                                                          kind=KIND_NAMES[yaml.MappingNode], found=describe(node)))
            return None
        entries: dict[str, yaml.Node] = {}
        key_nodes: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, field or "(top level)", msg("a key must be a plain name"))
                continue
            key = key_node.value
            if key in entries:
                first = position(key_nodes[key])[0]
                self.error(key_node, join(field, key), msg("duplicate key '{key}' (first on line {first}); remove one of "
                                                           "them", key=excerpt(key), first=first))
                continue
            if key not in known:
                hint = suggestion(key, known)
                if not hint.template:
                    hint = msg("; allowed fields: {fields}", fields=", ".join(known))
                self.error(key_node, join(field, excerpt(key, 40)), msg("unknown field '{key}'{hint}", key=excerpt(key), hint=hint))
                continue
            entries[key] = value_node
            key_nodes[key] = key_node
        for key in required:
            if key not in entries:
                self.error(node, join(field, key), msg("missing required field '{key}'; add '{key}: ...'", key=key))
        return entries

    def sequence(self, node: yaml.Node, field: str, allow_empty: bool = False) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, field, msg("expected {kind}, found {found}", kind=KIND_NAMES[yaml.SequenceNode],
                                        found=describe(node)))
            return None
        if not node.value and not allow_empty:
            self.error(node, field, msg("the list is empty; add at least one item"))
            return None
        return list(node.value)

    # -- scalars -----------------------------------------------------------------
    def scalar(self, node: yaml.Node, field: str) -> str | None:
        """The text as typed (``No`` stays 'No', ``10:00`` stays '10:00')."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, field, msg("expected a single value, found {found}", found=describe(node)))
            return None
        if node.tag == NULL_TAG and node.style is None:
            self.error(node, field, msg("is empty; write a value after the colon"))
            return None
        hidden = CONTROL.search(node.value) or ("\r" in node.value and "\r")
        if hidden:
            # Written as an escape ("\x07", "\r", "\udc00"): the raw file had none to report.
            char = hidden if isinstance(hidden, str) else hidden.group()
            self.error(node, field, msg("contains the invisible control character U+{code:04X}, written as an "
                                        "escape in quotes; remove it", code=ord(char)))
            return None
        return node.value

    def text(self, node: yaml.Node, field: str, one_line: bool = True) -> str | None:
        """A text; ``one_line`` (names, titles, addresses) refuses line breaks, which Markdown
        texts (written with '|') may have."""
        value = self.scalar(node, field)
        if value is None:
            return None
        value = value.strip()
        if one_line and "\n" in value:
            self.error(node, field, msg("is more than one line; write it on one line (this field is not Markdown)"))
            return None
        if not value:
            self.error(node, field, msg("is empty; write a value after the colon"))
            return None
        if len(value) > MAX_TEXT_LENGTH:
            self.error(node, field, msg("is {length:,} characters long; a text may have at most {limit:,}",
                                        length=len(value), limit=MAX_TEXT_LENGTH))
            return None
        placeholder = PLACEHOLDER_PATTERN.search(value)
        if placeholder:
            self.error(node, field, msg("contains the placeholder '{word}'; write the real text before publishing",
                                        word=placeholder.group(1)))
        return value

    def localized(self, node: yaml.Node, field: str, one_line: bool = False) -> Localized | None:
        """One text per site language: ``{sv: ..., en: ...}``; Markdown unless ``one_line``."""
        if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG:
            example = ", ".join(f"{lang}: ..." for lang in self.languages)
            self.error(node, field, msg("needs one text per language, e.g. {{{example}}}", example=example))
            return None
        entries = self.mapping(node, field, self.languages)
        if entries is None:
            return None
        texts = []
        for lang in self.languages:
            if lang not in entries:
                self.error(node, join(field, lang), msg("missing the '{lang}' text; add '{lang}: ...' (every site language "
                                                        "needs one)", lang=lang))
                continue
            text = self.text(entries[lang], join(field, lang), one_line=one_line)
            if text is not None:
                texts.append((lang, text))
        return Localized(tuple(texts)) if len(texts) == len(self.languages) else None

    def name(self, node: yaml.Node, field: str) -> Localized | None:
        """A name: a plain string used in every language, or a localized mapping."""
        if isinstance(node, yaml.MappingNode):
            return self.localized(node, field, one_line=True)
        text = self.text(node, field)
        return Localized(tuple((lang, text) for lang in self.languages)) if text is not None else None

    def integer(self, node: yaml.Node, field: str, minimum: int | None = None) -> int | None:
        value = self.scalar(node, field)
        if value is None:
            return None
        try:
            number = int(value.replace("_", ""))
        except ValueError:
            self.error(node, field, msg("'{value}' is not a whole number", value=excerpt(value)))
            return None
        if minimum is not None and number < minimum:
            self.error(node, field, msg("{number} is too small; it must be {minimum} or more", number=number, minimum=minimum))
            return None
        return number

    def date(self, node: yaml.Node, field: str) -> dt.date | None:
        value = self.scalar(node, field)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                self.error(node, field, msg("'{value}' is not a date in the calendar; check the month and day",
                                            value=excerpt(value)))
            else:
                self.error(node, field, msg("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-02-11",
                                            value=excerpt(value)))
            return None

    def time(self, node: yaml.Node, field: str) -> dt.time | None:
        """A local clock time; accepts '09:00', 9:00 and 09.00 (unquoted 10:00 works too)."""
        value = self.scalar(node, field)
        if value is None:
            return None
        clock = parse_time(value)
        if clock is None:
            self.error(node, field, msg("'{value}' is not a clock time; write it as HH:MM, e.g. \"09:30\"", value=excerpt(value)))
        return clock

    def identifier(self, node: yaml.Node, field: str) -> str | None:
        value = self.scalar(node, field)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.error(node, field, msg("'{value}' is not a valid id; use lower-case letters a-z, digits and single "
                                        "dashes, e.g. 2027-02-grunddag-halmstad", value=excerpt(value)))
            return None
        return value

    def choice(self, node: yaml.Node, field: str, choices: Iterable[str]) -> str | None:
        choices = tuple(choices)
        value = self.scalar(node, field)
        if value is None:
            return None
        if value not in choices:
            self.error(node, field, msg("unknown value '{value}'{hint}; use {choices}", value=excerpt(value),
                                        hint=suggestion(value, choices), choices=choice_list(choices)))
            return None
        return value

    def url(self, node: yaml.Node, field: str) -> str | None:
        """A web address, judged by parsing it: http(s), a host name, nothing that could end a link."""
        value = self.text(node, field)
        if value is None:
            return None
        problem = url_problem(value)
        if problem:
            self.error(node, field, msg("'{value}' is not a web address; {problem}", value=excerpt(value), problem=problem))
            return None
        return value

    def email(self, node: yaml.Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is None:
            return None
        if not EMAIL_PATTERN.fullmatch(value):
            self.error(node, field, msg("'{value}' is not an e-mail address; write it as name@host, e.g. "
                                        "info@example.org", value=excerpt(value)))
            return None
        return value


def url_problem(value: str) -> Message | None:
    """Why ``value`` is not a plain http(s) address, or None."""
    if len(value) > MAX_URL_LENGTH:
        return msg("it is {length} characters long; an address may have at most {limit}, so that it fits a QR code "
                   "and every mail program; use a shorter address", length=len(value), limit=MAX_URL_LENGTH)
    if any(char.isspace() or char in URL_FORBIDDEN or ord(char) < 32 or ord(char) == 127 for char in value):
        return msg("it may not contain spaces or any of < > \" ' ` {{ }} | \\ ^ (write a space as %20)")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return msg("its host name or port cannot be read; write it as https://host/path")
    if parts.scheme.lower() not in ("https", "http"):
        return msg("it must start with https://")
    if not HOST_PATTERN.fullmatch(host) or parts.username or parts.password:
        return msg("the part after https:// must be a host name, e.g. https://www.example.org/anmalan")
    return None
