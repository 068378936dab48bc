"""The words a deck adds by itself, in every language the programme uses, and date formats.

Month and day names come from :mod:`generator.dates`, never the system locale, so a
build gives the same text on every machine.
"""

from __future__ import annotations

import datetime as dt

from ...dates import clock, long_date  # noqa: F401 - the decks' date words, from one place

LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "objectives": "Mål med utbildningen",
        "agenda": "Program",
        "exercise": "Övning",
        "continued": "forts.",
        "online": "Digitalt",
        "trainers": "Utbildare",
        "minutes": "min",
        "continued_notes": "Fortsättning från föregående bild.",
        "contact": "Kontakt",
    },
    "en": {
        "objectives": "Learning objectives",
        "agenda": "Agenda",
        "exercise": "Exercise",
        "continued": "cont.",
        "online": "Online",
        "trainers": "Trainers",
        "minutes": "min",
        "continued_notes": "Continued from the previous slide.",
        "contact": "Contact",
    },
}

def language_tag(language: str) -> str:
    """The BCP 47 tag written on every text run: 'sv' -> 'sv-SE', 'en' -> 'en-GB'."""
    return LANGUAGE_TAGS.get(language, language)


def label(language: str, key: str) -> str:
    """A fixed UI word; languages without their own labels fall back to English."""
    return LABELS.get(language, LABELS["en"])[key]


def time_range(start: dt.time, end: dt.time, language: str) -> str:
    return f"{clock(start, language)}–{clock(end, language)}"


def session_when(date: dt.date, start: dt.time, end: dt.time, language: str) -> str:
    """'torsdag 11 februari 2027, kl. 09.00–16.00' / 'Thursday 11 February 2027, 09:00–16:00'."""
    prefix = "kl. " if language == "sv" else ""
    return f"{long_date(date, language)}, {prefix}{time_range(start, end, language)}"
