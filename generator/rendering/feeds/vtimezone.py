"""VTIMEZONE components derived from the IANA database (zoneinfo), in their compact form.

Calendar clients do not all read long lists of historic transitions the same way; a
VTIMEZONE with one STANDARD and one DAYLIGHT rule (``RRULE:FREQ=YEARLY;BYMONTH=10;
BYDAY=-1SU``) is the form calendar programs write themselves, and the tests check that
Mozilla's ical.js reads it exactly as zoneinfo does. We find the rules from the zone's
actual transitions in the years the feeds cover and check that one yearly rule
reproduces every one of them. Only if it does not (a zone that changed its rules in
those years) do we fall back to one observance per transition: longer, still exact.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

UTC = dt.timezone.utc
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Onset of the single observance of a zone without clock changes; any date before every event works.
FIXED_OFFSET_ONSET = dt.datetime(1970, 1, 1)


@dataclass(frozen=True)
class Transition:
    """One clock change: the local wall time it happens at (in the old offset) and what follows."""

    onset: dt.datetime  # naive local time, read in offset_from
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    is_dst: bool

    @property
    def observance(self) -> tuple[bool, dt.timedelta, dt.timedelta, str]:
        """Transitions that start the same kind of period share one STANDARD/DAYLIGHT component."""
        return (self.is_dst, self.offset_from, self.offset_to, self.name)


def transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Every change of UTC offset or abbreviation in ``zone`` from first_year to last_year, in order."""
    found: list[Transition] = []
    day = dt.datetime(first_year, 1, 1, tzinfo=UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    while day < end:
        following = day + dt.timedelta(days=1)
        if state(zone, day) != state(zone, following):
            found.append(locate(zone, day, following))
        day = following
    return found


def state(zone: ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, str, bool]:
    local = instant.astimezone(zone)
    return local.utcoffset(), local.tzname() or "", bool(local.dst())


def locate(zone: ZoneInfo, before: dt.datetime, after: dt.datetime) -> Transition:
    """Bisect to the second at which the zone's state changes between two instants a day apart."""
    old = state(zone, before)
    low, high = 0, int((after - before).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        if state(zone, before + dt.timedelta(seconds=middle)) == old:
            low = middle
        else:
            high = middle
    instant = before + dt.timedelta(seconds=high)
    offset_to, name, is_dst = state(zone, instant)
    onset = (instant + old[0]).replace(tzinfo=None)
    return Transition(onset, old[0], offset_to, name, is_dst)


def yearly_rule(onsets: list[dt.datetime], first_year: int, last_year: int) -> dict[str, object] | None:
    """The RRULE (as icalendar's mapping) that yields exactly these onsets, or None.

    The onsets must fall once in every year from first_year to last_year: a rule that
    starts or stops inside the range would claim clock changes that never happen.
    """
    years = [o.year for o in onsets]
    if years != list(range(first_year, last_year + 1)):
        return None
    first = onsets[0]
    if any((o.month, o.time(), o.weekday()) != (first.month, first.time(), first.weekday()) for o in onsets):
        return fixed_day_rule(onsets)
    weekday = WEEKDAYS[first.weekday()]
    if all(o.day + 7 > calendar.monthrange(o.year, o.month)[1] for o in onsets):
        return {"freq": "yearly", "bymonth": first.month, "byday": f"-1{weekday}"}
    nth = {(o.day - 1) // 7 + 1 for o in onsets}
    if len(nth) == 1:
        return {"freq": "yearly", "bymonth": first.month, "byday": f"{nth.pop()}{weekday}"}
    return fixed_day_rule(onsets)


def fixed_day_rule(onsets: list[dt.datetime]) -> dict[str, object] | None:
    first = onsets[0]
    if all((o.month, o.day, o.time()) == (first.month, first.day, first.time()) for o in onsets):
        return {"freq": "yearly", "bymonth": first.month, "bymonthday": first.day}
    return None


def build_vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``tzid`` that is exact for every local time from first_year to last_year.

    Compact RRULE form when one yearly rule per observance explains all transitions from
    the year before first_year (so the rules are in force on 1 January of first_year) to
    last_year; otherwise the fallback, one observance per transition; a single STANDARD
    observance for a zone without clock changes.
    """
    zone = ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    since = first_year - 1
    changes = transitions(zone, since, last_year)
    if not changes:
        offset, name, _ = state(zone, dt.datetime(first_year, 7, 1, tzinfo=UTC))
        component.add_component(observance(False, FIXED_OFFSET_ONSET, offset, offset, name))
        return component
    groups: dict[tuple[bool, dt.timedelta, dt.timedelta, str], list[Transition]] = {}
    for change in changes:
        groups.setdefault(change.observance, []).append(change)
    rules = {key: yearly_rule([c.onset for c in group], since, last_year) for key, group in groups.items()}
    if all(rules.values()):
        for key, group in groups.items():
            part = observance(key[0], group[0].onset, key[1], key[2], key[3])
            part.add("rrule", rules[key])
            component.add_component(part)
        return component
    # Fallback: the offset in force when the range starts, then one observance per
    # transition. Not RDATE lists: ical.js ignores an observance's DTSTART when it has
    # RDATEs, and reads such zones an hour off for part of the year.
    offset, name, is_dst = state(zone, dt.datetime(since, 1, 1, tzinfo=UTC))
    component.add_component(observance(is_dst, dt.datetime(since, 1, 1), offset, offset, name))
    for change in changes:
        component.add_component(observance(change.is_dst, change.onset, change.offset_from, change.offset_to, change.name))
    return component


def observance(is_dst: bool, onset: dt.datetime, offset_from: dt.timedelta, offset_to: dt.timedelta, name: str):
    """One STANDARD or DAYLIGHT sub-component; DTSTART is local time in ``offset_from``."""
    part = TimezoneDaylight() if is_dst else TimezoneStandard()
    part.add("dtstart", onset)
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    if name:
        part.add("tzname", name)
    return part
