"""One vocabulary: the words and formats every output uses for the same thing.

The site, the decks, the feeds and the printed documents name a trainer, a venue, an
online session and a session's state with these words, and write clock times with
:mod:`generator.dates` (Swedish ``09.00``, English ``09:00``). A renderer that needs one
of these words takes it from here instead of keeping its own, so a participant who reads
the page, the calendar entry and the printed list sees the same words.

A language without words here gets the English ones.
"""

from __future__ import annotations

from .dates import clock, time_range

__all__ = ["FALLBACK", "TERMS", "clock", "term", "time_range"]

FALLBACK = "en"

TERMS: dict[str, dict[str, str]] = {
    "sv": {
        "trainer": "utbildare",          # in running text: "där Anna är utbildare"
        "trainers": "Utbildare",         # as a label: "Utbildare: Anna Exempel, Bo Prov"
        "venue": "Lokal",
        "time": "Tid",
        "online": "Digitalt",
        "cancelled": "Inställt",
        "full": "Fullbokat",
        "waitlist": "Fullbokat – väntelista",
    },
    "en": {
        "trainer": "trainer",
        "trainers": "Trainers",
        "venue": "Venue",
        "time": "Time",
        "online": "Online",
        "cancelled": "Cancelled",
        "full": "Fully booked",
        "waitlist": "Full – waiting list",
    },
}


def term(language: str, key: str) -> str:
    """The word for ``key`` in ``language`` (English if the language has none)."""
    return TERMS.get(language, TERMS[FALLBACK])[key]
