"""Messages for editors in Swedish and English, from one catalog.

A message is an English template (``str.format`` fields) and its values; the English
template is also its key in :data:`SWEDISH`, so the code that reports a problem reads as
the English message it prints. A value may itself be a message (a hint, a list of
choices); it is shown in the same language. ``str(message)`` is the English text.

The editor's language comes from ``--lang``, else the environment (``COURSEGEN_LANG``,
then ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` when they start with ``sv`` or ``en``), else the
site's first language, else Swedish.

This module imports nothing from the rest of the generator: the loader, the model's
errors and the command line all use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

EDITOR_LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
ENVIRONMENT = ("COURSEGEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Message:
    """One message: its English template and the values of its fields."""

    template: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, language: str = "en") -> str:
        """The message in ``language`` (English where the catalog has no translation)."""
        template = SWEDISH.get(self.template, self.template) if language == "sv" else self.template
        return template.format(**{key: shown(value, language) for key, value in self.values})

    def __str__(self) -> str:
        return self.text("en")


def msg(template: str, **values: object) -> Message:
    """A message from its English template, e.g. ``msg("unknown field '{key}'", key=key)``."""
    return Message(template, tuple(values.items()))


def shown(value: object, language: str) -> object:
    """A message as text in ``language``; any other value as it is (its format spec applies)."""
    return value.text(language) if isinstance(value, Message) else value


NOTHING = msg("")


def editor_language(chosen: str | None = None, environ: Mapping[str, str] | None = None,
                    site_language: str | None = None) -> str:
    """The language to speak to the editor in: 'sv' or 'en' (see the module docstring)."""
    if chosen in EDITOR_LANGUAGES:
        return chosen
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = (environ.get(name) or "").strip().lower()
        if value[:2] in EDITOR_LANGUAGES:
            return value[:2]
        if value and name == "COURSEGEN_LANG":
            break  # set to something else: fall back to the site's language
    if site_language in EDITOR_LANGUAGES:
        return site_language
    return DEFAULT_LANGUAGE


# The Swedish catalog: English template -> Swedish template, with the same {fields}.
SWEDISH: dict[str, str] = {}
SWEDISH.update({
    "": "",
    "{only}": "{only}",
    " (did you mean '{choice}'?)": " (menar du '{choice}'?)",
    "{some} or {last}": "{some} eller {last}",
})
