"""Dates and clock times as the site, the decks and the feeds write them.

Month and day names are our own, never the system locale's, so a build gives the same
text on every machine. A language without names here is written in English.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Iterable

MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
WEEKDAYS = {  # Monday first, as date.weekday() counts
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) as a UTC time; None if unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc) if value.isdigit() else None


def month_name(month: int, language: str) -> str:
    """'februari' / 'February' for 2."""
    return MONTHS.get(language, MONTHS["en"])[month - 1]


def long_date(day: dt.date, language: str) -> str:
    """'torsdag 11 februari 2027' / 'Thursday 11 February 2027'."""
    weekday = WEEKDAYS.get(language, WEEKDAYS["en"])[day.weekday()]
    return f"{weekday} {short_date(day, language)}"


def short_date(day: dt.date, language: str) -> str:
    """'11 februari 2027' / '11 February 2027': unambiguous in both languages."""
    return f"{day.day} {month_name(day.month, language)} {day.year}"


def clock(time: dt.time, language: str) -> str:
    """'09.00' in Swedish (the Swedish style), '09:00' in English."""
    separator = "." if language == "sv" else ":"
    return f"{time.hour:02d}{separator}{time.minute:02d}"


def time_range(start: dt.time, end: dt.time, language: str) -> str:
    """'09.00–16.00' / '09:00–16:00'."""
    return f"{clock(start, language)}–{clock(end, language)}"


def when(day: dt.date, start: dt.time, end: dt.time, language: str) -> str:
    """'torsdag 11 februari 2027, kl. 09.00–16.00' / 'Thursday 11 February 2027, 09:00–16:00'."""
    prefix = "kl. " if language == "sv" else ""
    return f"{long_date(day, language)}, {prefix}{time_range(start, end, language)}"


def agenda_times(day: dt.date, start: dt.time, minutes: Iterable[int]) -> list[tuple[dt.time, dt.time]]:
    """Start and end of consecutive agenda items of these lengths, from the session's start.

    Wall-clock arithmetic: an agenda runs by the clock on the wall, also on the day the
    clocks change.
    """
    times, clock = [], dt.datetime.combine(day, start)
    for length in minutes:
        until = clock + dt.timedelta(minutes=length)
        times.append((clock.time(), until.time()))
        clock = until
    return times
