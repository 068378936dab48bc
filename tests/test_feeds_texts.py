"""Feed texts are plain: markup in content never reaches a calendar as markup.

Feeds are built by the real pipeline from a copy of the small fixture with hostile
text in one field, then read back with icalendar and with Mozilla's ical.js.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from generator import urls
from generator.rendering.feeds.plain import address, markdown_text, plain

from .test_feeds import assert_parsers_agree, build_feeds, events_of, feed_files, parse_with_icaljs, unescape_text

TODAY = dt.date(2027, 3, 1)  # every session of the small fixture is in the feeds
HALMSTAD = "2027-02-grunddag-halmstad"
# Anything an HTML reader would take for a tag, comment or declaration.
MARKUP = re.compile(r"<[A-Za-z/!?]")
HOSTILE = ("onerror", "onclick", "javascript:", "alert(")


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are one)."""
    return json.dumps(text, ensure_ascii=False)


def set_title(content: Path) -> None:
    replace_line(content / "modules" / "grunddag.yaml", "title: {sv: Grunddag, en: Basic day}\nsummary",
                 "title: {sv: %s, en: %s}\nsummary" % (
                     quoted("Grunddag <b>fet</b> <script>alert(1)</script>"),
                     quoted('<img src=x onerror="alert(1)">Basic day')))


def set_venue_name(content: Path) -> None:
    replace_line(content / "sessions.yaml", "    name: Stadsbiblioteket\n",
                 "    name: %s\n" % quoted("<b>Stads</b>biblioteket <img src=x onerror=alert(1)>"))


def set_note(content: Path) -> None:
    replace_line(content / "sessions.yaml",
                 "note: {sv: Ta med <b>egen</b> dator., en: Bring your <script>alert(1)</script> laptop.}",
                 "note: {sv: %s, en: %s}" % (
                     quoted("Ta med <b>egen</b> dator.<script>alert(1)</script>"),
                     quoted("Bring your <img src=x onerror=alert(1)>laptop.\n\n- charger\n- <i>mouse</i>")))


def set_summary(content: Path) -> None:
    replace_line(content / "modules" / "grunddag.yaml",
                 "summary: {sv: En dag om att ta emot praktikanter., en: A day on receiving trainees.}",
                 "summary: {sv: %s, en: %s}" % (
                     quoted("Läs [programmet](https://example.org/program?a=1&b=2) och **anmäl** dig.<script>alert(1)</script>"),
                     quoted('Read <a href="javascript:alert(1)" onclick="x">this</a> & *that*<img src=x onerror=alert(1)>')))


def set_trainer_name(content: Path) -> None:
    replace_line(content / "sessions.yaml", "    name: Anna Exempel\n",
                 "    name: %s\n" % quoted("Anna <i>Exempel</i><!-- x -->"))


VARIANTS = {
    # variant: (edit, {(language, property of the Halmstad event): text expected in it})
    "title": (set_title, {("sv", "SUMMARY"): "Grunddag fet, Halmstad", ("en", "SUMMARY"): "Basic day, Halmstad"}),
    "venue name": (set_venue_name, {("sv", "LOCATION"): "Stadsbiblioteket, Axel Olssons gata 2, 302 27 Halmstad"}),
    "note": (set_note, {("sv", "DESCRIPTION"): "Bra att veta: Ta med egen dator.\n",
                        ("en", "DESCRIPTION"): "Good to know: Bring your laptop.\n\n• charger\n• mouse\n"}),
    "summary with Markdown link and raw HTML": (set_summary, {
        ("sv", "DESCRIPTION"): "Läs programmet (https://example.org/program?a=1&b=2) och anmäl dig.\n\n",
        ("en", "DESCRIPTION"): "Read this & that\n\n"}),
    "trainer name": (set_trainer_name, {("sv", "DESCRIPTION"): "Utbildare: Anna Exempel (Region Halland), Bo Prov"}),
}


@pytest.fixture(scope="module", params=list(VARIANTS), ids=list(VARIANTS))
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(variant, build/site/) of the small fixture with hostile text in one field."""
    import shutil

    from .conftest import SMALL_CONTENT

    folder = tmp_path_factory.mktemp("hostile")
    content = folder / "content"
    shutil.copytree(SMALL_CONTENT, content)
    VARIANTS[request.param][0](content)
    return request.param, build_feeds(content, folder / "out", TODAY)


def text_values(calendar: Calendar) -> list[tuple[str, str, str]]:
    """(component, property, text) of every property of every component, unescaped as TEXT."""
    found = []
    for component in calendar.walk():
        for name, value in component.property_items(recursive=False):
            if name in ("BEGIN", "END"):
                continue
            written = value.to_ical()
            written = written.decode("utf-8") if isinstance(written, bytes) else written
            found.append((component.name, name, unescape_text(written)))
    return found


def test_feed_texts_have_no_markup(hostile: tuple[str, Path]) -> None:
    variant, site = hostile
    files = feed_files(site)
    assert len(files) > 10
    for path in files:
        raw = path.read_bytes().decode("utf-8")
        unfolded = unescape_text(raw.replace("\r\n ", ""))
        assert not MARKUP.search(unfolded), (path, MARKUP.search(unfolded))
        assert not any(word in unfolded for word in HOSTILE), path
        for component, name, text in text_values(Calendar.from_ical(raw)):
            assert not MARKUP.search(text), (path, component, name, text)
    for (language, name), expected in VARIANTS[variant][1].items():
        calendar = Calendar.from_ical((site / urls.feed_session(language, HALMSTAD).lstrip("/")).read_bytes())
        value = str(events_of(calendar)[0][name])
        assert expected in value, (language, name, value)


@pytest.mark.node
def test_feed_texts_have_no_markup_in_icaljs(hostile: tuple[str, Path]) -> None:
    variant, site = hostile
    assert assert_parsers_agree(site) > 0
    parsed = parse_with_icaljs(feed_files(site))
    for path, calendar in parsed.items():
        assert not MARKUP.search(calendar["name"] or ""), path
        for event in calendar["events"]:
            assert not MARKUP.search(event["summary"]), (path, event["summary"])
    if variant == "title":
        path = site / urls.feed_session("sv", HALMSTAD).lstrip("/")
        assert parse_with_icaljs([path])[str(path)]["events"][0]["summary"] == "Grunddag fet, Halmstad"
    if variant == "trainer name":
        path = site / urls.feed_trainer("en", "anna").lstrip("/")
        assert parse_with_icaljs([path])[str(path)]["name"] == "The test programme – Anna Exempel"


# -- the three kinds of text -----------------------------------------------------------

@pytest.mark.parametrize("typed, shown", [
    ("Ta med <b>egen</b> dator.", "Ta med egen dator."),
    ("Bring your <script>alert(1)</script> laptop.", "Bring your laptop."),
    ('<img src=x onerror="alert(1)">Hej', "Hej"),
    ("R&amp;D, &lt;b&gt; and a < b & 5<6", "R&amp;D, &lt;b&gt; and a < b & 5<6"),  # as typed, as the site shows it
    ("Kurs <!-- note --> i Halmstad", "Kurs i Halmstad"),
    ("<<b>script>alert(1)<</b>/script>", ""),
    # Elements whose content a parser reads as text: unescaped, it would be a tag again.
    ("<xmp><script>alert(1)</script></xmp>ok", "ok"),
    ("<noscript><img src=x onerror=alert(1)></noscript>ok", "ok"),
    ("<textarea><b>x</b></textarea>ok", "ok"),
    ("Stadsbiblioteket", "Stadsbiblioteket"),
])
def test_plain_drops_every_tag_and_keeps_the_rest_as_typed(typed: str, shown: str) -> None:
    assert plain(typed) == shown
    assert not MARKUP.search(plain(typed))


@pytest.mark.parametrize("source, text", [
    ("Se [sidan](https://x.org/?a=1&copy=2) och **fet** _kursiv_ text.",
     "Se sidan (https://x.org/?a=1&copy=2) och fet kursiv text."),
    ("Lista:\n\n- ett\n- två\n    - tre\n- fyra\n\nText\n\n3. a\n4. b",
     "Lista:\n\n• ett\n• två\n  • tre\n• fyra\n\nText\n\n1. a\n2. b"),  # numbered from 1, as on the site
    ("rad ett\nrad två", "rad ett\nrad två"),
    ("hård  \nradbrytning", "hård\nradbrytning"),
    ("Mejla <info@example.org> eller <https://example.org/a_b_c>", "Mejla info@example.org eller https://example.org/a_b_c"),
    ("[klick](javascript:alert(1)) här", "klick här"),
    ("Skriv &lt;script&gt;alert(1)&lt;/script&gt; inte", "Skriv inte"),
    ("AT&T &copy; 2027", "AT&T © 2027"),
    ("<div onclick=x>block</div>\n\ntext", "block\n\ntext"),
    ("a_b_c och snake_case", "a_b_c och snake_case"),
])
def test_markdown_text_keeps_paragraphs_bullets_and_link_targets(source: str, text: str) -> None:
    assert markdown_text(source) == text


def test_address_percent_encodes_what_cannot_stand_in_a_url() -> None:
    assert address('https://x.org/<script>"a b') == "https://x.org/%3Cscript%3E%22a%20b"
    assert address("https://example.org/anmalan?tillfalle=1&sprak=sv") == "https://example.org/anmalan?tillfalle=1&sprak=sv"
    assert address("https://example.org/ängelholm") == "https://example.org/ängelholm"
