"""VTIMEZONE derivation from zoneinfo, checked against the IANA data and Mozilla's ical.js."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from generator.rendering.feeds.vtimezone import build_vtimezone, transitions, yearly_rule

from .test_feeds import parse_with_icaljs, utc_text

UTC = dt.timezone.utc


def test_stockholm_changes_clocks_on_the_last_sundays_of_march_and_october() -> None:
    found = transitions(ZoneInfo("Europe/Stockholm"), 2027, 2027)
    assert [(t.onset, t.offset_from, t.offset_to, t.is_dst) for t in found] == [
        (dt.datetime(2027, 3, 28, 2, 0), dt.timedelta(hours=1), dt.timedelta(hours=2), True),
        (dt.datetime(2027, 10, 31, 3, 0), dt.timedelta(hours=2), dt.timedelta(hours=1), False),
    ]


@pytest.mark.parametrize(
    ("onsets", "rule"),
    [
        ([dt.datetime(2026, 3, 29, 2), dt.datetime(2027, 3, 28, 2), dt.datetime(2028, 3, 26, 2)],
         {"freq": "yearly", "bymonth": 3, "byday": "-1SU"}),
        ([dt.datetime(2026, 3, 8, 2), dt.datetime(2027, 3, 14, 2), dt.datetime(2028, 3, 12, 2)],
         {"freq": "yearly", "bymonth": 3, "byday": "2SU"}),
        ([dt.datetime(2026, 3, 21, 0), dt.datetime(2027, 3, 21, 0), dt.datetime(2028, 3, 21, 0)],
         {"freq": "yearly", "bymonth": 3, "bymonthday": 21}),
        ([dt.datetime(2026, 3, 29, 2), dt.datetime(2027, 4, 4, 2), dt.datetime(2028, 3, 26, 2)], None),
        ([dt.datetime(2026, 3, 29, 2), dt.datetime(2027, 3, 28, 2)], None),  # stops before 2028
    ],
)
def test_a_yearly_rule_is_found_only_when_it_yields_exactly_the_onsets(onsets, rule) -> None:
    assert yearly_rule(onsets, 2026, 2028) == rule


def observances(tzid: str, first: int, last: int) -> list[tuple[str, bool, bool]]:
    """(name, has RRULE, has RDATE) of each sub-component."""
    zone = build_vtimezone(tzid, first, last)
    return [(part.name, "RRULE" in part, "RDATE" in part) for part in zone.subcomponents]


def test_zones_with_steady_rules_get_one_standard_and_one_daylight_rule() -> None:
    for tzid in ("Europe/Stockholm", "America/New_York", "Australia/Sydney"):
        assert sorted(observances(tzid, 2026, 2030)) == [("DAYLIGHT", True, False), ("STANDARD", True, False)]


def test_a_zone_without_clock_changes_gets_a_single_standard_observance() -> None:
    assert observances("Asia/Tokyo", 2026, 2028) == [("STANDARD", False, False)]


def test_a_zone_that_changed_its_rules_falls_back_to_one_observance_per_transition() -> None:
    # Mexico gave up daylight saving time after October 2022: from 2020 to 2022, six changes.
    parts = observances("America/Mexico_City", 2021, 2024)
    assert parts == [("STANDARD", False, False)] + [("DAYLIGHT", False, False), ("STANDARD", False, False)] * 3


ZONES_AND_YEARS = [
    ("Europe/Stockholm", 2026, 2029),
    ("Europe/London", 2026, 2028),
    ("America/New_York", 2026, 2028),
    ("Australia/Sydney", 2026, 2028),
    ("America/Santiago", 2026, 2028),
    ("Asia/Tokyo", 2026, 2027),
    ("America/Mexico_City", 2021, 2024),
]


def local_times(tzid: str, first: int, last: int) -> list[dt.datetime]:
    """Noon every fifth day, and every whole hour on and around each clock-change day.

    Times that do not exist or exist twice on a change day are left out: the loader
    refuses them in content.
    """
    zone = ZoneInfo(tzid)
    days = {dt.date(first, 1, 1) + dt.timedelta(days=n) for n in range(0, (last - first + 1) * 365, 5)}
    for change in transitions(zone, first, last):
        days |= {change.onset.date() + dt.timedelta(days=n) for n in (-1, 0, 1)}
    times = []
    for day in sorted(days):
        hours = range(24) if any(abs((day - c.onset.date()).days) <= 1 for c in transitions(zone, day.year, day.year)) else (12,)
        for hour in hours:
            local = dt.datetime(day.year, day.month, day.day, hour, tzinfo=zone)
            if local.replace(fold=1).utcoffset() == local.utcoffset():
                times.append(local)
    return times


@pytest.mark.node
def test_icaljs_reads_every_local_time_as_zoneinfo_does(tmp_path: Path) -> None:
    files, expected = [], {}
    for tzid, first, last in ZONES_AND_YEARS:
        calendar = Calendar()
        calendar.add("prodid", "-//coursegen tests//EN")
        calendar.add("version", "2.0")
        calendar.add_component(build_vtimezone(tzid, first, last))
        for number, local in enumerate(local_times(tzid, first, last)):
            event = Event()
            uid = f"{tzid}-{number}"
            event.add("uid", uid)
            event.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=UTC))
            event.add("dtstart", local)
            event.add("dtend", local + dt.timedelta(minutes=30))
            calendar.add_component(event)
            expected[uid] = utc_text(local)
        path = tmp_path / f"{tzid.replace('/', '-')}.ics"
        path.write_bytes(calendar.to_ical())
        files.append(path)
    parsed = parse_with_icaljs(files)
    read = {event["uid"]: event["start"] for feed in parsed.values() for event in feed["events"]}
    wrong = {uid: (read.get(uid), utc) for uid, utc in expected.items() if read.get(uid) != utc}
    assert not wrong, f"{len(wrong)} of {len(expected)} read differently, e.g. {sorted(wrong.items())[:5]}"
    assert len(expected) > 1500
