"""One vocabulary (issue 17): the site page, the session deck and the calendar entry of one
session use the same words for trainers and the same clock-time format, in each language.

Reads the real outputs of one build of the small fixture: the session page's HTML, the
session deck's slides and notes (python-pptx) and the session's .ics event (icalendar).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar
from pptx import Presentation

from generator import urls
from generator.dates import time_range
from generator.pipeline import build
from generator.vocabulary import TERMS, term

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "fixtures" / "small"
SESSION = "2027-02-grunddag-halmstad"  # 09:00–16:00, trainers Anna Exempel and Bo Prov
OTHER_WORDS = {"sv": ("Kursledare", "kursledare"), "en": ("Course leader", "course leader")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("vocabulary")
    content = out / "content"
    shutil.copytree(SMALL, content)
    build(content, out / "build", today=dt.date(2027, 1, 1), stages=("site", "decks", "feeds", "print"),
          log=lambda message: None)
    return out / "build" / "site"


def page_text(site: Path, language: str) -> str:
    prefix = "" if language == "sv" else f"{language}/"
    raw = (site / prefix / "sessions" / SESSION / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def deck_text(site: Path, language: str) -> str:
    deck = Presentation(str(site / urls.session_deck(language, SESSION).lstrip("/")))
    texts = []
    for slide in deck.slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


def feed_text(site: Path, language: str) -> str:
    calendar = Calendar.from_ical((site / urls.feed_session(language, SESSION).lstrip("/")).read_bytes())
    (event,) = calendar.walk("VEVENT")
    return "\n".join(str(event[key]) for key in ("SUMMARY", "DESCRIPTION", "LOCATION") if key in event)


def print_text(site: Path, language: str) -> str:
    """The attendance list's text as poppler reads it."""
    pdf = site / urls.print_attendance(language, SESSION).lstrip("/")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("language", ["sv", "en"])
def test_trainers_and_times_are_written_alike_on_page_deck_and_feed(site: Path, language: str):
    texts = {"page": page_text(site, language), "deck": deck_text(site, language), "feed": feed_text(site, language),
             "print": print_text(site, language)}
    session_time = time_range(dt.time(9), dt.time(16), language)
    assert session_time == {"sv": "09.00–16.00", "en": "09:00–16:00"}[language]
    for where, text in texts.items():
        assert term(language, "trainers") in text, (where, text[:2000])
        assert "Anna Exempel" in text, where
        for other in OTHER_WORDS[language]:
            assert other not in text, (where, other)
    for where in ("page", "deck", "print"):
        assert session_time in texts[where], where
    assert term(language, "venue") in texts["print"]
    # The feed's times are the event's own; its agenda lines use the same clock format.
    wrong = "09:00" if language == "sv" else "09.00"
    for where, text in texts.items():
        assert not re.search(rf"\b{re.escape(wrong)}\b", text), (where, wrong)
    assert re.search(r"\b09[.:]00–10[.:]00\b", texts["feed"]), texts["feed"]
    assert time_range(dt.time(9), dt.time(10), language) in texts["feed"]


def test_every_language_has_every_term():
    assert TERMS["sv"].keys() == TERMS["en"].keys()
    assert term("fi", "trainers") == "Trainers"  # a language without words gets the English ones
    assert term("sv", "trainers") == "Utbildare" and term("sv", "trainer") == "utbildare"
