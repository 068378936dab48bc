"""Speaker notes: every slide of every deck has a script, and lists in notes stay lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pptx import Presentation

from generator.pipeline import build
from generator.rendering.decks.body import parse_body

REPO = Path(__file__).resolve().parent.parent
DECKS = REPO / "tests" / "fixtures" / "decks"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, small_site: Path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("decks-notes")
    build(DECKS, out / "fixture", today=dt.date(2027, 1, 15), stages=("decks",), log=lambda m: None)
    build(REPO / "content", out / "shipped", today=dt.date(2026, 12, 1), stages=("decks",), log=lambda m: None)
    build(REPO / "tests" / "fixtures" / "every-field", out / "every", today=dt.date(2027, 1, 1), stages=("decks",),
          log=lambda m: None)
    return {"small": small_site, "fixture": out / "fixture" / "site", "shipped": out / "shipped" / "site",
            "every": out / "every" / "site"}


def notes_paragraphs(slide) -> list[str]:
    assert slide.has_notes_slide
    return [p.text for p in slide.notes_slide.notes_text_frame.paragraphs]


def test_every_slide_of_every_deck_has_notes(sites: dict[str, Path]) -> None:
    decks = [path for site in sites.values() for path in sorted((site / "decks").rglob("*.pptx"))]
    assert len(decks) > 40
    for path in decks:
        for number, slide in enumerate(Presentation(path).slides, start=1):
            assert slide.has_notes_slide, f"{path}:{number} has no notes page"
            assert slide.notes_slide.notes_text_frame.text.strip(), f"{path}:{number} has empty notes"


def test_numbered_items_in_notes_stay_separate(sites: dict[str, Path]) -> None:
    for language, names in (("sv", ("1. Mehmet", "2. Liv", "3. Amina")), ("en", ("1. Mehmet", "2. Liv", "3. Amina"))):
        prs = Presentation(sites["shipped"] / "decks" / language / "grunddag.pptx")
        found = [notes_paragraphs(s) for s in prs.slides if "1. Mehmet" in s.notes_slide.notes_text_frame.text]
        assert len(found) == 1
        starts = [p for p in found[0] if p.startswith(names)]
        assert [p[:len(n)] for p, n in zip(starts, names)] == list(names)


def test_bullets_in_notes_stay_separate_and_keep_their_level(sites: dict[str, Path]) -> None:
    prs = Presentation(sites["fixture"] / "decks" / "sv" / "fordjupning.pptx")
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Långa sammansättningar")
    assert notes_paragraphs(slide) == [
        "Gå igenom vem som gör vad:",
        "1. Mehmet håller i mottagningsmötet.",
        "2. Liv bokar uppföljningsmötena.",
        "3. Amina skriver minnesanteckningar.",
        "• Fråga gruppen:",
        "    • vilka möten finns redan?",
    ]


@pytest.mark.parametrize(("language", "objectives", "agenda"), [
    ("sv", "Läs målen högt", "Gå igenom programmet"),
    ("en", "Read the objectives aloud", "Go through the agenda"),
])
def test_generated_slides_have_a_script_in_their_language(sites: dict[str, Path], language: str, objectives: str,
                                                          agenda: str) -> None:
    module = Presentation(sites["fixture"] / "decks" / language / "fordjupning.pptx")
    slides = list(module.slides)
    assert notes_paragraphs(slides[1])[0].startswith(objectives)
    # Each objective is a numbered line of its own.
    assert [p[:3] for p in notes_paragraphs(slides[1])[1:4]] == ["1. ", "2. ", "3. "]
    assert notes_paragraphs(slides[2])[0].startswith(agenda)
    assert sum(p.startswith("• ") for p in notes_paragraphs(slides[2])) == 13  # one line per agenda item
    session = Presentation(sites["fixture"] / "decks" / language / "sessions" / "2027-02-fordjupning-halmstad.pptx")
    script = notes_paragraphs(list(session.slides)[2])
    assert "09" in script[0] and script[1].startswith("• 09")  # the session's clock times
    title = notes_paragraphs(list(session.slides)[0])
    assert any("Anna Exempel" in line for line in title)  # the session's trainers


def test_section_notes_say_where_in_the_day_we_are(sites: dict[str, Path]) -> None:
    prs = Presentation(sites["small"] / "decks" / "en" / "grunddag.pptx")
    section = next(s for s in prs.slides if s.slide_layout.name == "section")
    assert notes_paragraphs(section)[0].startswith("Part 1 of ")


def test_numbered_lines_are_paragraphs_of_their_own() -> None:
    paragraphs = parse_body("Exempel:\n\n1. Mehmet,\n45 år.\n2. Liv.\n\nÅret var\n2027. Sedan\n- punkt\n  1) under")
    assert [(p.text, p.bullet, p.level) for p in paragraphs] == [
        ("Exempel:", False, 0),
        ("1. Mehmet, 45 år.", False, 0),
        ("2. Liv.", False, 0),
        ("Året var 2027. Sedan", False, 0),  # only "1." starts a list inside a paragraph
        ("punkt", True, 0),
        ("1) under", False, 1),
    ]
