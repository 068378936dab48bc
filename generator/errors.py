"""Errors in content that an editor can act on.

Every problem found in ``content/`` becomes a :class:`ContentError` that names the
file, the line and column, the field path and what to do about it. Loading collects
all of them before giving up, so an editor fixes a whole batch per round trip.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


MAX_MESSAGE = 400
MAX_FIELD = 120


@dataclass(frozen=True, order=True)
class ContentError:
    """One defect in the content, pinned to a place in a file."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # Readers quote values as short excerpts; this bounds any message that did not.
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[: MAX_MESSAGE - 1] + "…")
        if len(self.field) > MAX_FIELD:
            object.__setattr__(self, "field", self.field[: MAX_FIELD - 1] + "…")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
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


def one_of(choices: Iterable[str]) -> str:
    """Format allowed values for a message: 'a', 'b' or 'c'."""
    items = [f"'{c}'" for c in choices]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
