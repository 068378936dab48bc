"""One test per validation rule: the exact message, file, line and column an editor sees.

Each case edits a private copy of tests/fixtures/small, loads it with the real loader
and compares the full error lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from generator.errors import ContentErrors
from generator.loading import load_catalog


QUOTED_25, QUOTED_0230, QUOTED_0215 = '"25:00"', '"02:30"', '"02:15"'
LANGUAGE_VALUE_COLUMN = len("    language: ") + 1


def edit(content: Path, name: str, old: str, new: str) -> None:
    """Replace one exact occurrence of ``old`` in a content file."""
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def position_of(content: Path, name: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column where ``needle`` starts (the n-th occurrence)."""
    seen = 0
    for number, line in enumerate((content / name).read_text(encoding="utf-8").splitlines(), 1):
        column = line.find(needle)
        if column >= 0:
            seen += 1
            if seen == occurrence:
                return number, column + 1
    raise AssertionError(f"{needle!r} not in {name}")


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_catalog(content)
    return [str(error) for error in caught.value.errors]


def where(content: Path, name: str, needle: str, occurrence: int = 1) -> str:
    line, column = position_of(content, name, needle, occurrence)
    return f"{content / name}:{line}:{column}"


# -- the fixture itself, and what editors naturally write ------------------------------

def test_fixture_loads(small_content: Path) -> None:
    catalog = load_catalog(small_content)
    assert sorted(catalog.modules) == ["frukost", "grunddag"]
    assert [s.id for s in catalog.sessions] == [
        "2027-02-grunddag-halmstad", "2027-03-frukost-online", "2027-10-grunddag-varberg",
    ]


def test_unquoted_time_is_a_clock_time_not_sexagesimal(small_content: Path) -> None:
    # The fixture writes `start: 09:00` without quotes: YAML 1.1 would read 540.
    session = load_catalog(small_content).session("2027-02-grunddag-halmstad")
    assert (session.start, session.end) == (dt.time(9, 0), dt.time(16, 0))
    assert session.starts_at.isoformat() == "2027-02-11T09:00:00+01:00"


def test_unquoted_ten_oclock(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "start: 09:00", "start: 10:00")
    assert load_catalog(small_content).session("2027-02-grunddag-halmstad").start == dt.time(10, 0)


def test_no_and_yes_stay_text(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "name: Bo Prov", "name: No")
    edit(small_content, "sessions.yaml", "organisation: Halmstads kommun", "organisation: Yes")
    trainer = load_catalog(small_content).trainers["bo"]
    assert (trainer.name, trainer.organisation) == ("No", "Yes")


def test_internal_note_is_not_in_the_model(small_content: Path) -> None:
    catalog = load_catalog(small_content)
    assert "SECRET-INTERNAL-NOTE" not in repr(catalog)


def test_plain_name_is_used_in_every_language(small_content: Path) -> None:
    venue = load_catalog(small_content).venues["bibliotek-halmstad"]
    assert (venue.name["sv"], venue.name["en"]) == ("Stadsbiblioteket", "Stadsbiblioteket")


# -- YAML and files --------------------------------------------------------------------

def test_question_mark_inside_flow_mapping(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", 'en: "Why?"}', "en: Why?}")
    line, column = position_of(small_content, "modules/frukost.yaml", "Why?}")
    assert errors_of(small_content) == [
        f"{small_content}/modules/frukost.yaml:{line}:{column + 3}: YAML syntax error: "
        "expected ',' or '}', but got '?'; a '?' inside {...} is not allowed: "
        'put the text in quotes, e.g. en: "Why?"'
    ]


def test_tab_indentation(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "    organisation: Region Halland", "\torganisation: Region Halland")
    line, _ = position_of(small_content, "sessions.yaml", "\torganisation")
    assert errors_of(small_content) == [
        f"{small_content}/sessions.yaml:{line}:1: YAML syntax error: "
        "found character '\\t' that cannot start any token; indent with spaces, not tabs"
    ]


def test_empty_file(small_content: Path) -> None:
    (small_content / "modules" / "frukost.yaml").write_text("\n# nothing yet\n", encoding="utf-8")
    edit(small_content, "sessions.yaml", "module: frukost", "module: grunddag")
    assert errors_of(small_content) == [
        f"{small_content}/modules/frukost.yaml:1:1: the file is empty; fill it in or delete it"
    ]


def test_file_not_utf8(small_content: Path) -> None:
    path = small_content / "modules" / "frukost.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))  # 'Frukostmöte' on line 2
    column = path.read_bytes().split(b"\n")[1].index(b"\xf6") + 1
    assert errors_of(small_content) == [
        f"{small_content}/modules/frukost.yaml:2:{column}: "
        "the file is not UTF-8 text (byte 0xf6); save it as UTF-8 in your editor"
    ]


def test_module_file_name_not_an_id(small_content: Path) -> None:
    (small_content / "modules" / "frukost.yaml").rename(small_content / "modules" / "Frukost Chefer.yaml")
    edit(small_content, "sessions.yaml", "module: frukost", "module: grunddag")
    assert errors_of(small_content) == [
        f"{small_content}/modules/Frukost Chefer.yaml:1:1: 'Frukost Chefer' is not a valid module id; "
        "name the file with lower-case letters a-z, digits and dashes, e.g. grunddag.yaml"
    ]


def test_yml_extension(small_content: Path) -> None:
    (small_content / "modules" / "frukost.yaml").rename(small_content / "modules" / "frukost.yml")
    edit(small_content, "sessions.yaml", "module: frukost", "module: grunddag")
    assert errors_of(small_content) == [
        f"{small_content}/modules/frukost.yml:1:1: module files end in .yaml; rename it to frukost.yaml"
    ]


def test_missing_site_yaml(small_content: Path) -> None:
    (small_content / "site.yaml").unlink()
    assert errors_of(small_content) == [
        f"{small_content}/site.yaml:1:1: site.yaml is missing; every content folder needs one (see the editor guide)"
    ]


def test_duplicate_key(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "    capacity: 30\n", "    capacity: 30\n    capacity: 35\n")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'capacity: 35')}: sessions[2027-02-grunddag-halmstad].capacity: "
        f"duplicate key 'capacity' (first on line {position_of(small_content, 'sessions.yaml', 'capacity: 30')[0]}); remove one of them"
    ]


# -- fields ----------------------------------------------------------------------------

def test_unknown_field_with_did_you_mean(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "    venue: stadshus-varberg", "    vneue: stadshus-varberg")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'id: 2027-10-grunddag-varberg')}: sessions[2027-10-grunddag-varberg].venue: "
        "missing a place; add 'venue: <venue-id>' or, for a digital session, 'online: {url: https://...}'",
        f"{where(small_content, 'sessions.yaml', 'vneue')}: sessions[2027-10-grunddag-varberg].vneue: unknown field 'vneue' (did you mean 'venue'?)",
    ]


def test_unknown_field_without_close_match_lists_allowed(small_content: Path) -> None:
    edit(small_content, "site.yaml", "organiser: Testförbundet", "organiser: Testförbundet\nfavicon: x.png")
    assert errors_of(small_content) == [
        f"{where(small_content, 'site.yaml', 'favicon')}: favicon: unknown field 'favicon'; allowed fields: "
        "name, organiser, languages, timezone, contact, url, tagline, description, registration, logo, brand, "
        "edit_url, evaluation"
    ]


def test_missing_translation(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", "title: {sv: Välkommen, en: Welcome}", "title: {sv: Välkommen}")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', '{sv: Välkommen}')}: slides[0].title.en: "
        "missing the 'en' text; add 'en: ...' (every site language needs one)"
    ]


def test_plain_string_where_translations_needed(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", "audience: {sv: Chefer, en: Managers}", "audience: Chefer")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', 'Chefer')}: audience: needs one text per language, e.g. {{sv: ..., en: ...}}"
    ]


def test_missing_required_field(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", "audience: {sv: Chefer, en: Managers}\n", "")
    assert errors_of(small_content) == [
        f"{small_content}/modules/frukost.yaml:1:1: audience: missing required field 'audience'; add 'audience: ...'"
    ]


def test_placeholder_left_in_text(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", "en: Tell an example.", "en: TODO translate")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', 'TODO')}: slides[1].notes.en: "
        "contains the placeholder 'TODO'; write the real text before publishing"
    ]


# -- modules and slides -----------------------------------------------------------------

def test_unknown_kind(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", "kind: manager-breakfast", "kind: breakfast")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', 'breakfast')}: kind: unknown value 'breakfast' "
        "(did you mean 'manager-breakfast'?); "
        "use 'manager-breakfast', 'basic-day', 'deep-dive' or 'network'"
    ]


def test_unknown_layout(small_content: Path) -> None:
    edit(small_content, "modules/grunddag.yaml", "layout: exercise", "layout: excercise")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/grunddag.yaml', 'excercise')}: slides[3].layout: unknown value 'excercise' "
        "(did you mean 'exercise'?); use 'title', 'section', 'content', 'exercise', 'image' or 'closing'"
    ]


def test_content_slide_without_notes(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", "    notes: {sv: Berätta om ett exempel., en: Tell an example.}\n", "")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', 'layout: content')}: slides[1].notes: a content slide needs "
        "speaker notes; add 'notes: {sv: ..., en: ...}' with what the trainer says"
    ]


def test_exercise_slide_without_notes(small_content: Path) -> None:
    edit(
        small_content, "modules/grunddag.yaml",
        "    notes:\n      sv: Gå runt och lyssna. Samla tre exempel i helgrupp.\n"
        "      en: Walk around and listen. Collect three examples with the whole group.\n",
        "",
    )
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/grunddag.yaml', 'layout: exercise')}: slides[3].notes: an exercise slide needs "
        "speaker notes; add 'notes: {sv: ..., en: ...}' with what the trainer says"
    ]


def add_image_slide(content: Path, image_lines: str) -> None:
    edit(
        content, "modules/frukost.yaml", "  - layout: title\n",
        "  - layout: image\n    title: {sv: Bild, en: Picture}\n"
        "    notes: {sv: Visa bilden., en: Show the picture.}\n" + image_lines + "  - layout: title\n",
    )


def test_image_without_alt(small_content: Path) -> None:
    (small_content / "modules" / "frukost").mkdir()
    Image.new("RGB", (4, 3), "white").save(small_content / "modules" / "frukost" / "bord.png")
    add_image_slide(small_content, "    image: modules/frukost/bord.png\n")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', 'modules/frukost/bord.png')}: slides[0].alt: an image needs alt text; "
        "add 'alt: {sv: ..., en: ...}' describing what the picture shows"
    ]


def test_image_path_leaving_content(small_content: Path) -> None:
    add_image_slide(small_content, "    image: ../../etc/passwd\n    alt: {sv: Bild, en: Picture}\n")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', '../../etc/passwd')}: slides[0].image: '../../etc/passwd' must "
        "be a path inside content/ written with '/' and without '.' or '..' parts, e.g. modules/grunddag/bild.png"
    ]


def test_image_path_missing(small_content: Path) -> None:
    add_image_slide(small_content, "    image: modules/frukost/saknas.png\n    alt: {sv: Bild, en: Picture}\n")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', 'modules/frukost/saknas.png')}: slides[0].image: file "
        "'modules/frukost/saknas.png' does not exist; check the spelling or add the file under content/"
    ]


def test_agenda_longer_than_duration(small_content: Path) -> None:
    edit(small_content, "modules/frukost.yaml", "duration_minutes: 90", "duration_minutes: 60")
    assert errors_of(small_content) == [
        f"{where(small_content, 'modules/frukost.yaml', '60', 1)}: duration_minutes: the agenda adds up to 90 minutes, "
        "more than 60; shorten the agenda or raise duration_minutes"
    ]


# -- sessions, venues, trainers ---------------------------------------------------------

def test_unknown_module_with_did_you_mean(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "module: frukost", "module: frukst")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'frukst')}: sessions[2027-03-frukost-online].module: unknown module 'frukst' "
        "(did you mean 'frukost'?); it must be the name of a file in modules/ without .yaml"
    ]


def test_unknown_venue(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "venue: stadshus-varberg", "venue: stadshuset-varberg")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'stadshuset-varberg')}: sessions[2027-10-grunddag-varberg].venue: unknown venue "
        "'stadshuset-varberg' (did you mean 'stadshus-varberg'?); add it under venues: or fix the id"
    ]


def test_unknown_trainer(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "trainers: [bo]", "trainers: [boo]")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'boo')}: sessions[2027-10-grunddag-varberg].trainers[0]: unknown trainer 'boo' "
        "(did you mean 'bo'?); add them under trainers: or fix the id"
    ]


def test_duplicate_session_id(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "id: 2027-10-grunddag-varberg", "id: 2027-02-grunddag-halmstad")
    first = position_of(small_content, "sessions.yaml", "id: 2027-02-grunddag-halmstad")[0]
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '2027-02-grunddag-halmstad', 2)}: sessions[2].id: duplicate session id "
        f"'2027-02-grunddag-halmstad' (first on line {first}); every session needs its own id"
    ]


def test_duplicate_venue_id(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "  stadshus-varberg:\n", "  bibliotek-halmstad:\n")
    edit(small_content, "sessions.yaml", "venue: stadshus-varberg", "venue: bibliotek-halmstad")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'bibliotek-halmstad:', 2)}: venues.bibliotek-halmstad: duplicate id "
        "'bibliotek-halmstad' (first on line 2); ids must be unique"
    ]


def test_session_id_not_an_id(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "id: 2027-03-frukost-online", "id: 2027-03 Frukost")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '2027-03 Frukost')}: sessions[1].id: '2027-03 Frukost' is not a valid id; "
        "use lower-case letters a-z, digits and single dashes, e.g. 2027-02-grunddag-halmstad"
    ]


def test_date_not_in_calendar(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "date: 2027-02-11", "date: 2027-02-30")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '2027-02-30')}: sessions[2027-02-grunddag-halmstad].date: '2027-02-30' is not a date in the "
        "calendar; check the month and day"
    ]


def test_date_in_wrong_format(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "date: 2027-02-11", "date: 11/2 2027")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '11/2 2027')}: sessions[2027-02-grunddag-halmstad].date: '11/2 2027' is not a date; "
        "write it as YYYY-MM-DD, e.g. 2027-02-11"
    ]


def test_time_out_of_range(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", 'end: "09:00"', 'end: "25:00"')
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', QUOTED_25)}: sessions[2027-03-frukost-online].end: '25:00' is not a clock time; "
        'write it as HH:MM, e.g. "09:30"'
    ]


def test_end_not_after_start(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "end: 16:00", "end: 08:00")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '08:00')}: "
        "sessions[2027-02-grunddag-halmstad].end: the session ends (08:00) before it starts (09:00); check start and end"
    ]


def test_time_skipped_by_spring_clock_change(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "date: 2027-03-29", "date: 2027-03-28")
    edit(small_content, "sessions.yaml", 'start: "07:30"', 'start: "02:30"')
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', QUOTED_0230)}: sessions[2027-03-frukost-online].start: 02:30 does not exist on 2027-03-28 "
        "in Europe/Stockholm (the clocks go forward); pick a time outside the skipped hour"
    ]


def test_time_repeated_by_autumn_clock_change(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "date: 2027-03-29", "date: 2027-10-31")
    edit(small_content, "sessions.yaml", 'start: "07:30"', 'start: "02:15"')
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', QUOTED_0215)}: sessions[2027-03-frukost-online].start: 02:15 happens twice on 2027-10-31 "
        "in Europe/Stockholm (the clocks go back); pick a time outside the repeated hour"
    ]


def test_unknown_timezone(small_content: Path) -> None:
    edit(small_content, "site.yaml", "timezone: Europe/Stockholm", "timezone: Europe/Stokholm")
    assert errors_of(small_content) == [
        f"{where(small_content, 'site.yaml', 'Europe/Stokholm')}: timezone: unknown timezone 'Europe/Stokholm'; "
        "use an IANA name such as Europe/Stockholm"
    ]


def test_negative_capacity(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "capacity: 25", "capacity: -25")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '-25')}: sessions[2027-10-grunddag-varberg].capacity: capacity cannot be negative (-25); "
        "write the number of places, e.g. 30"
    ]


def test_capacity_not_a_number(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "capacity: 25", "capacity: tjugo")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'tjugo')}: sessions[2027-10-grunddag-varberg].capacity: 'tjugo' is not a whole number"
    ]


def test_unknown_status(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "status: cancelled", "status: canceled")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'canceled')}: sessions[2027-10-grunddag-varberg].status: unknown value 'canceled' "
        "(did you mean 'cancelled'?); use 'scheduled', 'full', 'waitlist' or 'cancelled'"
    ]


def test_language_not_a_site_language(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "trainers: [anna]", "trainers: [anna]\n    language: de")
    edit(small_content, "sessions.yaml", "    language: sv\n    trainers: [anna]", "    trainers: [anna]")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'language: de')[:-2]}:{LANGUAGE_VALUE_COLUMN}: "
        "sessions[2027-03-frukost-online].language: unknown value 'de'; use 'sv' or 'en'"
    ]


def test_venue_and_online_together(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "    online: {url: https://meet.example.org/frukost}\n",
         "    online: {url: https://meet.example.org/frukost}\n    venue: bibliotek-halmstad\n")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '{url: https://meet')}: sessions[2027-03-frukost-online].online: a session has either a venue "
        "or an online link, not both; remove one"
    ]


def test_online_link_not_a_url(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "https://meet.example.org/frukost", "meet.example.org/frukost")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', 'meet.example.org/frukost')}: sessions[2027-03-frukost-online].online.url: "
        "'meet.example.org/frukost' is not a web address; it must start with https://"
    ]


def test_deadline_after_session(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "deadline: 2027-01-28", "deadline: 2027-02-28")
    assert errors_of(small_content) == [
        f"{where(small_content, 'sessions.yaml', '2027-02-28')}: sessions[2027-02-grunddag-halmstad].registration.deadline: the deadline "
        "2027-02-28 is after the session (2027-02-11); set it on or before the session date"
    ]


def test_every_error_reported_at_once(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "capacity: 25", "capacity: -25")
    edit(small_content, "sessions.yaml", "status: cancelled", "status: canceled")
    edit(small_content, "modules/grunddag.yaml", "layout: exercise", "layout: excercise")
    edit(small_content, "site.yaml", "timezone: Europe/Stockholm", "timezone: Europe/Stokholm")
    errors = errors_of(small_content)
    assert len(errors) == 4
    assert [e.split(": ")[1] for e in errors] == [
        "slides[3].layout", "sessions[2027-10-grunddag-varberg].capacity", "sessions[2027-10-grunddag-varberg].status", "timezone",
    ]
