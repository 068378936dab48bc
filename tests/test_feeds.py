"""Calendar feeds: built by the real pipeline, read back with icalendar and Mozilla's ical.js."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from generator import urls
from generator.loading import load_catalog
from generator.pipeline import build

REPO = Path(__file__).resolve().parent.parent
CLOCK_CHANGE = REPO / "tests" / "fixtures" / "feeds-clock-change"
CLOCK_CHANGE_TODAY = dt.date(2027, 3, 1)
PARSER = REPO / "tests" / "js" / "parse_ics.mjs"
UTC = dt.timezone.utc


def build_feeds(content: Path, out: Path, today: dt.date) -> Path:
    """Run the real pipeline, feeds stage only; return build/site/."""
    build(content, out, today=today, stages=("feeds",), log=lambda message: None)
    return out / "site"


def feed_files(site: Path) -> list[Path]:
    return sorted((site / "calendar").rglob("*.ics"))


def read_feed(site: Path, path: str) -> Calendar:
    return Calendar.from_ical((site / path.lstrip("/")).read_bytes())


def events_of(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def by_summary_start(calendar: Calendar) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in events_of(calendar)}


def parse_with_icaljs(files: list[Path]) -> dict[str, dict]:
    """Mozilla's ical.js, through tests/js/parse_ics.mjs: {path: {name, timezones, events}}."""
    done = subprocess.run(
        ["node", str(PARSER), *map(str, files)], capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def unescape_text(value: object) -> str:
    """RFC 5545 TEXT unescaping, for properties icalendar hands back as written."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def clock_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_feeds(CLOCK_CHANGE, tmp_path_factory.mktemp("clock-feeds"), CLOCK_CHANGE_TODAY)


@pytest.fixture(scope="module")
def clock_catalog():
    return load_catalog(CLOCK_CHANGE)


# -- which files ------------------------------------------------------------------------

def test_every_feed_is_written_at_its_public_url_and_nothing_else(clock_site: Path, clock_catalog) -> None:
    kept = [s for s in clock_catalog.sessions if s.id != "2026-08-grunddag-gammal"]
    expected = set()
    for language in ("sv", "en"):
        expected.add(urls.feed_all(language))
        expected |= {urls.feed_kind(language, kind) for kind in ("basic-day", "manager-breakfast")}
        expected.add(urls.feed_online(language))  # the fixture has an online session
        expected |= {urls.feed_municipality(language, slug) for slug in ("halmstad", "angelholm")}
        expected |= {urls.feed_trainer(language, trainer) for trainer in ("anna", "bo", "dana")}
        expected |= {urls.feed_session(language, s.id) for s in kept}
    written = {"/" + str(p.relative_to(clock_site)) for p in feed_files(clock_site)}
    assert written == expected


def test_sessions_stay_six_months_after_they_took_place(clock_site: Path) -> None:
    uids_by_summary = {str(e["URL"]) for e in events_of(read_feed(clock_site, urls.feed_all("sv")))}
    assert any("2026-09-grunddag-halmstad" in url for url in uids_by_summary)  # 172 days before today
    assert not any("2026-08-grunddag-gammal" in url for url in uids_by_summary)  # 193 days before
    assert not (clock_site / urls.feed_session("sv", "2026-08-grunddag-gammal").lstrip("/")).exists()


# -- bytes ------------------------------------------------------------------------------

def test_lines_end_in_crlf_are_folded_at_75_octets_and_never_split_a_character(clock_site: Path) -> None:
    files = feed_files(clock_site)
    assert files
    for path in files:
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n"), path
        assert b"\n" not in raw.replace(b"\r\n", b""), f"{path}: a bare LF"
        assert b"\r" not in raw.replace(b"\r\n", b""), f"{path}: a bare CR"
        for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
            assert len(line) <= 75, f"{path}:{number}: {len(line)} octets"
            line.decode("utf-8")  # each physical line on its own: a split character fails here


def test_long_swedish_text_is_folded_between_characters_and_unfolds_to_the_original(clock_site: Path, clock_catalog) -> None:
    raw = (clock_site / urls.feed_session("sv", "2027-03-grunddag-fore-varen").lstrip("/")).read_bytes()
    physical = raw.split(b"\r\n")
    event_at = physical.index(b"BEGIN:VEVENT")
    description = [i for i, line in enumerate(physical) if line.startswith(b"DESCRIPTION:") and i > event_at]
    assert len(description) == 1
    start = description[0]
    continued = []
    for line in physical[start + 1:]:
        if not line.startswith(b" "):
            break
        continued.append(line)
    assert len(continued) >= 8  # the note alone is several hundred octets
    assert any(re.search("[åäöÅÄÖ]".encode(), line) for line in continued)
    unfolded = (physical[start] + b"".join(line[1:] for line in continued)).decode("utf-8")
    note = clock_catalog.session("2027-03-grunddag-fore-varen").note["sv"]
    escaped = note.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    assert escaped in unfolded
    event = events_of(Calendar.from_ical(raw))[0]
    assert note in str(event["DESCRIPTION"])


def test_text_values_escape_commas_semicolons_and_backslashes(clock_site: Path) -> None:
    text = (clock_site / urls.feed_all("sv").lstrip("/")).read_bytes().decode("utf-8")
    assert "LOCATION:Kulturhuset\\, Storgatan 1\\; ingång från gården\\, 262 32 Ängelholm" in text.replace("\r\n ", "")
    assert "\\\\ bakåtsnedstreck" in text.replace("\r\n ", "")


def test_a_second_build_of_unchanged_content_is_byte_identical(clock_site: Path, tmp_path: Path) -> None:
    again = build_feeds(CLOCK_CHANGE, tmp_path / "again", CLOCK_CHANGE_TODAY)
    first = {p.relative_to(clock_site): p.read_bytes() for p in feed_files(clock_site)}
    second = {p.relative_to(again): p.read_bytes() for p in feed_files(again)}
    assert first == second


# -- calendar properties ----------------------------------------------------------------

def test_every_feed_has_the_calendar_properties_and_every_event_uid_and_dtstamp(clock_site: Path) -> None:
    for path in feed_files(clock_site):
        calendar = Calendar.from_ical(path.read_bytes())
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["PRODID"])
        assert str(calendar["NAME"]) == unescape_text(calendar["X-WR-CALNAME"]) != ""
        # icalendar leaves X- properties as written: unescape them as TEXT to compare
        assert str(calendar["DESCRIPTION"]) == unescape_text(calendar["X-WR-CALDESC"]) != ""
        assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Stockholm"
        text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
        assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in text
        assert "\r\nX-PUBLISHED-TTL:PT12H\r\n" in text
        assert "METHOD" not in calendar
        used = {e["DTSTART"].params.get("TZID") for e in events_of(calendar)} - {None}
        zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
        assert used <= zones == {"Europe/Stockholm"}
        for event in events_of(calendar):
            assert event["UID"] and event["DTSTAMP"] and event["LAST-MODIFIED"]


def test_calendar_names_are_in_the_feed_language(clock_site: Path) -> None:
    assert str(read_feed(clock_site, urls.feed_all("sv"))["X-WR-CALNAME"]) == "Kalenderprovet – alla kurstillfällen"
    assert str(read_feed(clock_site, urls.feed_all("en"))["X-WR-CALNAME"]) == "The calendar test – all sessions"
    assert str(read_feed(clock_site, urls.feed_kind("sv", "basic-day"))["NAME"]) == "Kalenderprovet – Grunddagar"
    assert str(read_feed(clock_site, urls.feed_municipality("en", "angelholm"))["NAME"]) == "The calendar test – Ängelholm"


def test_the_vtimezone_is_the_compact_yearly_rule_form(clock_site: Path) -> None:
    zone = read_feed(clock_site, urls.feed_all("sv")).walk("VTIMEZONE")[0]
    parts = {part.name: part for part in zone.subcomponents}
    assert set(parts) == {"STANDARD", "DAYLIGHT"}
    assert parts["DAYLIGHT"]["RRULE"].to_ical() in (b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", b"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
    assert parts["STANDARD"]["RRULE"].to_ical() in (b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", b"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
    assert parts["DAYLIGHT"]["TZOFFSETTO"].td == dt.timedelta(hours=2)
    assert parts["STANDARD"]["TZOFFSETTO"].td == dt.timedelta(hours=1)
    assert "RDATE" not in parts["DAYLIGHT"] and "RDATE" not in parts["STANDARD"]
    # In force on 1 January of the first session's year (2026 in this catalog).
    assert parts["STANDARD"]["DTSTART"].dt < dt.datetime(2026, 1, 1)


# -- events -----------------------------------------------------------------------------

# The clock changes of 2027 in Sweden: forward on 28 March, back on 31 October.
CLOCK_CHANGE_STARTS = {
    "2027-03-grunddag-fore-varen": "2027-03-26T08:00:00Z",   # 09:00 CET (+01)
    "2027-03-frukost-vardagskvall": "2027-03-28T16:00:00Z",  # 18:00 CEST on the change day
    "2027-03-grunddag-efter-varen": "2027-03-29T07:00:00Z",  # 09:00 CEST (+02)
    "2027-10-grunddag-fore-hosten": "2027-10-29T07:00:00Z",  # 09:00 CEST
    "2027-11-frukost-efter-hosten": "2027-11-01T06:30:00Z",  # 07:30 CET
}


def test_times_carry_the_site_timezone_and_are_right_around_both_clock_changes(clock_site: Path, clock_catalog) -> None:
    for session_id, expected in CLOCK_CHANGE_STARTS.items():
        event = events_of(read_feed(clock_site, urls.feed_session("sv", session_id)))[0]
        start = event["DTSTART"]
        assert start.params["TZID"] == "Europe/Stockholm"
        session = clock_catalog.session(session_id)
        assert start.dt.replace(tzinfo=None) == dt.datetime.combine(session.date, session.start)
        assert utc_text(start.dt) == expected


def assert_parsers_agree(site: Path) -> int:
    """Read every feed below ``site`` with ical.js and icalendar; both must see the same
    events at the same UTC start and end. Returns how many events were compared."""
    files = feed_files(site)
    parsed = parse_with_icaljs(files)
    compared = 0
    for path in files:
        theirs = {e["uid"]: (e["start"], e["end"], e["tzid"]) for e in parsed[str(path)]["events"]}
        ours = {
            str(e["UID"]): (utc_text(e["DTSTART"].dt), utc_text(e["DTEND"].dt), e["DTSTART"].params["TZID"])
            for e in events_of(Calendar.from_ical(path.read_bytes()))
        }
        assert theirs == ours, path
        compared += len(ours)
    return compared


@pytest.mark.node
def test_icaljs_and_icalendar_agree_on_every_event_in_every_feed(clock_site: Path) -> None:
    assert assert_parsers_agree(clock_site) > 20


@pytest.mark.node
def test_icaljs_reads_the_clock_change_sessions_at_the_right_utc_instant(clock_site: Path) -> None:
    path = clock_site / urls.feed_all("en").lstrip("/")
    events = parse_with_icaljs([path])[str(path)]["events"]
    starts = {e["uid"]: e["start"] for e in events}
    sessions = {str(e["URL"]).rstrip("/").rsplit("/", 1)[1]: str(e["UID"]) for e in events_of(read_feed(clock_site, urls.feed_all("en")))}
    assert {sid: starts[sessions[sid]] for sid in CLOCK_CHANGE_STARTS} == CLOCK_CHANGE_STARTS


def test_a_cancelled_session_stays_with_status_cancelled_and_says_so_first(clock_site: Path) -> None:
    for language, prefix in (("sv", "INSTÄLLT: "), ("en", "CANCELLED: ")):
        events = events_of(read_feed(clock_site, urls.feed_all(language)))
        cancelled = [e for e in events if str(e["STATUS"]) == "CANCELLED"]
        assert len(cancelled) == 1
        assert str(cancelled[0]["SUMMARY"]).startswith(prefix)
        assert "2027-10-grunddag-fore-hosten" in str(cancelled[0]["URL"])
        others = [e for e in events if e is not cancelled[0]]
        assert {str(e["STATUS"]) for e in others} == {"CONFIRMED"}
        assert not any(str(e["SUMMARY"]).startswith(prefix) for e in others)


def test_a_full_session_says_fully_booked_in_its_description(clock_site: Path) -> None:
    for language, words in (("sv", "Fullbokat"), ("en", "Fully booked")):
        event = events_of(read_feed(clock_site, urls.feed_session(language, "2027-03-frukost-vardagskvall")))[0]
        assert words in str(event["DESCRIPTION"])
        assert str(event["STATUS"]) == "CONFIRMED"
        other = events_of(read_feed(clock_site, urls.feed_session(language, "2027-03-grunddag-fore-varen")))[0]
        assert words not in str(other["DESCRIPTION"])


def test_an_event_has_location_url_registration_agenda_and_note(clock_site: Path) -> None:
    event = events_of(read_feed(clock_site, urls.feed_session("sv", "2027-03-grunddag-fore-varen")))[0]
    assert str(event["LOCATION"]) == "Stadsbiblioteket, Axel Olssons gata 2, 302 27 Halmstad"
    assert str(event["URL"]) == "https://kurser.example.org/sessions/2027-03-grunddag-fore-varen/"
    text = str(event["DESCRIPTION"])
    assert "https://example.org/anmalan?tillfalle=1&sprak=sv" in text
    assert "12 mars 2027" in text
    # grunddag's agenda: 60, 60, 60 and 240 minutes from 09:00
    assert "09.00–10.00 Inledning\n10.00–11.00 Handledarens roll\n11.00–12.00 Lunch\n12.00–16.00 Övningar" in text
    assert "rummet Ålö" in text
    english = events_of(read_feed(clock_site, urls.feed_session("en", "2027-03-grunddag-fore-varen")))[0]
    assert str(english["URL"]) == "https://kurser.example.org/en/sessions/2027-03-grunddag-fore-varen/"
    assert "09:00–10:00 Introduction" in str(english["DESCRIPTION"])
    assert "Taught in Swedish" in str(english["DESCRIPTION"])


def test_an_online_session_says_online_keeps_its_link_out_and_has_no_municipality_feed(clock_site: Path) -> None:
    event = events_of(read_feed(clock_site, urls.feed_session("sv", "2027-03-frukost-vardagskvall")))[0]
    assert str(event["LOCATION"]) == "Digitalt"
    assert "du får länken till mötet i bekräftelsen" in str(event["DESCRIPTION"])
    english = events_of(read_feed(clock_site, urls.feed_session("en", "2027-03-frukost-vardagskvall")))[0]
    assert str(english["LOCATION"]) == "Online"
    # The meeting link is for participants: it is in no feed.
    assert not [p for p in feed_files(clock_site) if b"meet.example.org" in p.read_bytes()]
    online = events_of(read_feed(clock_site, urls.feed_online("sv")))
    assert [str(e["UID"]) for e in online] == [str(event["UID"])]
    assert "digitala tillfällen" in str(read_feed(clock_site, urls.feed_online("sv"))["X-WR-CALNAME"])
    uid = str(event["UID"])
    assert uid in {str(e["UID"]) for e in events_of(read_feed(clock_site, urls.feed_all("sv")))}
    assert uid in {str(e["UID"]) for e in events_of(read_feed(clock_site, urls.feed_kind("sv", "manager-breakfast")))}
    for slug in ("halmstad", "angelholm"):
        assert uid not in {str(e["UID"]) for e in events_of(read_feed(clock_site, urls.feed_municipality("sv", slug)))}


def test_municipality_feeds_hold_exactly_the_sessions_at_their_venues(clock_site: Path) -> None:
    angelholm = events_of(read_feed(clock_site, urls.feed_municipality("sv", "angelholm")))
    assert sorted(str(e["URL"]).rstrip("/").rsplit("/", 1)[1] for e in angelholm) == [
        "2027-03-grunddag-efter-varen", "2027-10-grunddag-fore-hosten",
    ]


def test_uids_are_stable_the_same_in_every_feed_and_language_and_free_of_host_names(clock_site: Path) -> None:
    uid_of: dict[str, set[str]] = {}
    for path in feed_files(clock_site):
        for event in events_of(Calendar.from_ical(path.read_bytes())):
            session_id = str(event["URL"]).rstrip("/").rsplit("/", 1)[1]
            uid_of.setdefault(session_id, set()).add(str(event["UID"]))
    assert len(uid_of) == 6
    assert all(len(uids) == 1 for uids in uid_of.values())
    assert len({next(iter(u)) for u in uid_of.values()}) == 6
    assert not any("@" in next(iter(u)) for u in uid_of.values())


def test_trainer_feeds_remind_the_day_before_and_other_feeds_do_not(clock_site: Path) -> None:
    anna = events_of(read_feed(clock_site, urls.feed_trainer("sv", "anna")))
    assert len(anna) == 4
    for event in anna:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0]["TRIGGER"].dt == dt.timedelta(days=-1)
        assert str(alarms[0]["DESCRIPTION"])
    assert not list(read_feed(clock_site, urls.feed_all("sv")).walk("VALARM"))
    bo = events_of(read_feed(clock_site, urls.feed_trainer("sv", "bo")))
    # no reminder to go to a cancelled session; the others have one
    assert sorted((str(e["STATUS"]), len(e.walk("VALARM"))) for e in bo) == [("CANCELLED", 0), ("CONFIRMED", 1), ("CONFIRMED", 1)]
    raw = (clock_site / urls.feed_trainer("en", "anna").lstrip("/")).read_bytes()
    assert b"\r\nTRIGGER:-P1D\r\n" in raw


def test_a_trainer_without_sessions_gets_a_valid_empty_feed(clock_site: Path) -> None:
    calendar = read_feed(clock_site, urls.feed_trainer("sv", "dana"))
    assert events_of(calendar) == []
    assert str(calendar["X-WR-CALNAME"]) == "Kalenderprovet – Dana Utan Tillfällen"
    assert len(list(calendar.walk("VTIMEZONE"))) == 1  # RFC 5545: at least one component


@pytest.mark.node
def test_icaljs_reads_the_empty_trainer_feed(clock_site: Path) -> None:
    path = clock_site / urls.feed_trainer("en", "dana").lstrip("/")
    parsed = parse_with_icaljs([path])[str(path)]
    assert parsed["events"] == []
    assert parsed["name"] == "The calendar test – Dana Utan Tillfällen"


def test_internal_notes_and_html_never_reach_a_feed(clock_site: Path, small_content: Path, tmp_path: Path) -> None:
    small = build_feeds(small_content, tmp_path / "small", dt.date(2027, 3, 1))
    for site, secret in ((clock_site, b"HEMLIG-INTERN"), (small, b"SECRET-INTERNAL")):
        for path in feed_files(site):
            raw = path.read_bytes()
            assert secret not in raw, path
            assert b"<script" not in raw and b"<b>" not in raw, path


# -- the full pipeline ------------------------------------------------------------------

def test_the_full_build_of_the_small_fixture_carries_the_feeds(small_site: Path) -> None:
    catalog = load_catalog(REPO / "tests" / "fixtures" / "small")
    for language in catalog.site.languages:
        for session in catalog.sessions:  # all within six months of the fixture's today
            assert (small_site / urls.feed_session(language, session.id).lstrip("/")).is_file()
        assert len(events_of(read_feed(small_site, urls.feed_all(language)))) == len(catalog.sessions)
        assert events_of(read_feed(small_site, urls.feed_trainer(language, "cecilia"))) == []


@pytest.mark.node
def test_the_shipped_feeds_read_the_same_in_icaljs_and_icalendar(shipped_site: Path) -> None:
    assert assert_parsers_agree(shipped_site) > 0


def test_no_internal_note_of_the_shipped_content_reaches_a_feed(shipped_site: Path) -> None:
    entries = yaml.safe_load((REPO / "content" / "sessions.yaml").read_text(encoding="utf-8"))["sessions"]
    secrets = [str(e["internal"]).strip() for e in entries if e.get("internal")]
    feeds = [unescape_text(p.read_bytes().decode("utf-8").replace("\r\n ", "")) for p in feed_files(shipped_site)]
    for secret in secrets:
        assert not any(secret in text for text in feeds), secret


def test_without_a_site_address_events_carry_no_relative_url(small_content: Path, tmp_path: Path) -> None:
    site_yaml = small_content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("url: https://kurser.example.org\n", ""), encoding="utf-8")
    site = build_feeds(small_content, tmp_path / "out", dt.date(2027, 3, 1))
    for path in feed_files(site):
        calendar = Calendar.from_ical(path.read_bytes())
        assert "SOURCE" not in calendar
        for event in events_of(calendar):
            assert "URL" not in event
            assert "/sessions/" not in str(event["DESCRIPTION"])
