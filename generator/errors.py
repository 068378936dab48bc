"""Errors in content that an editor can act on.

Every problem found in ``content/`` becomes a :class:`ContentError` that names the
file, the line and column, the field path and what to do about it. Loading collects
all of them before giving up, so an editor fixes a whole batch per round trip.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field as dataclass_field
from typing import Iterable

from .messages import NOTHING, Message, msg


MAX_MESSAGE = 400
MAX_FIELD = 120


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class ContentError:
    """One defect in the content, pinned to a place in a file.

    ``message`` may be given as a :class:`~generator.messages.Message`: it is then kept
    (``text``) to be shown in the editor's language, and ``message`` holds its English text.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    text: Message | None = dataclass_field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Message):
            object.__setattr__(self, "text", self.message)
            object.__setattr__(self, "message", str(self.message))
        # Readers quote values as short excerpts; this bounds any message that did not.
        object.__setattr__(self, "message", bounded(self.message))
        if len(self.field) > MAX_FIELD:
            object.__setattr__(self, "field", self.field[: MAX_FIELD - 1] + "…")

    def message_in(self, language: str = "en") -> str:
        """The message in the editor's language ('sv' or 'en')."""
        return bounded(self.text.text(language)) if self.text is not None else self.message

    def line_in(self, language: str = "en") -> str:
        """``path:line:col: field: message`` in the editor's language."""
        where = f"{self.path}:{self.line}:{self.column}"
        message = self.message_in(language)
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"

    def __str__(self) -> str:
        return self.line_in("en")

    def as_dict(self, language: str = "en") -> dict[str, object]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message_in(language),
        }


class ContentErrors(Exception):
    """Raised when content is invalid; carries every error found, sorted by place."""

    def __init__(self, errors: Iterable[ContentError], pages: tuple = ()):
        self.errors = tuple(sorted(set(errors)))
        self.pages = pages  # the hand-written pages the loader could read, for checks of their own
        super().__init__("\n".join(str(e) for e in self.errors))


class BuildError(Exception):
    """A renderer or the pipeline could not finish (not the editor's content at fault)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or ''."""
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def suggestion(word: str, choices: Iterable[str]) -> Message:
    """:func:`did_you_mean` as a message, for the editor's language."""
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return msg(" (did you mean '{choice}'?)", choice=matches[0]) if matches else NOTHING


def choice_list(choices: Iterable[str]) -> Message:
    """:func:`one_of` as a message: 'a', 'b' or 'c' / 'a', 'b' eller 'c'."""
    items = [f"'{c}'" for c in choices]
    if len(items) <= 1:
        return msg("{only}", only="".join(items))
    return msg("{some} or {last}", some=", ".join(items[:-1]), last=items[-1])


def one_of(choices: Iterable[str]) -> str:
    """Format allowed values for a message: 'a', 'b' or 'c'."""
    items = [f"'{c}'" for c in choices]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
