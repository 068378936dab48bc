"""`check` warns, with file, line and column, about a slide word no line can hold even at the
floor size (a 60-letter Swedish compound beside a picture or in a title); the deck still builds."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from generator.editing.checking import run_check
from generator.pipeline import build

REPO = Path(__file__).resolve().parent.parent
DECKS = REPO / "tests" / "fixtures" / "decks"
# 61 letters, one word: it fits a full-width line at 18 pt, but not the text beside a picture.
COMPOUND = "Arbetsmarknadsutbildningsanordnarkvalitetsuppföljningsrutiner"
# 75 letters: too wide for a title even at 24 pt.
LONGER = COMPOUND + "sgenomgångarna"
HYPHENATED = "Arbetsmarknadsutbildnings-anordnarkvalitets-uppföljningsrutiner"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DECKS, target)
    return target


def add_slides(content: Path, text: str, title: str) -> Path:
    """Two slides at the end of the fordjupning module: the word beside a picture and in a title."""
    module = content / "modules" / "fordjupning.yaml"
    module.write_text(module.read_text(encoding="utf-8") + f"""\
- layout: content
  title:
    sv: Ett långt ord
    en: A long word
  body:
    sv: |
      - Om {text} i praktiken
    en: |
      - About {text} in practice
  image: modules/fordjupning/portratt.png
  alt:
    sv: En cirkel.
    en: A circle.
  notes:
    sv: Säg ordet.
    en: Say the word.
- layout: section
  title:
    sv: {title}
    en: Quality
""", encoding="utf-8")
    return module


def test_shipped_content_and_fixtures_have_no_such_words() -> None:
    for folder in (REPO / "content", DECKS, REPO / "tests" / "fixtures" / "every-field"):
        result = run_check(folder)
        assert result.ok, folder
        assert [w for w in result.warnings if "wider than" in w.message] == [], folder


def test_check_warns_with_the_line_and_the_deck_still_builds(content: Path, tmp_path: Path) -> None:
    module = add_slides(content, COMPOUND, LONGER)
    lines = module.read_text(encoding="utf-8").splitlines()
    result = run_check(content)
    assert result.ok  # a warning, not an error
    found = [w for w in result.warnings if "wider than" in w.message]
    where = {(w.field, w.line) for w in found}
    body_line = next(n for n, line in enumerate(lines, start=1) if f"- Om {COMPOUND}" in line)
    title_line = next(n for n, line in enumerate(lines, start=1) if line.strip() == f"sv: {LONGER}")
    count = sum(1 for line in lines if line.startswith("- layout:"))
    assert where == {(f"slides.{count - 2}.body.sv", body_line), (f"slides.{count - 2}.body.en", body_line + 2),
                     (f"slides.{count - 1}.title.sv", title_line)}
    body = next(w for w in found if w.field.endswith("body.sv"))
    assert body.path == str(module) and body.column == lines[body_line - 1].index(COMPOUND) + 1
    assert f"'{COMPOUND[:39]}…' (61 letters)" in body.message  # quoted as a short excerpt
    assert "at 18 pt" in body.message
    title = next(w for w in found if w.field.endswith("title.sv"))
    assert "(75 letters)" in title.message and "the title at 24 pt" in title.message
    assert "shorten it, or add a hyphen" in body.message
    # The deck builds, and keeps every letter of the word.
    build(content, tmp_path / "out", today=dt.date(2027, 1, 15), stages=("decks",), log=lambda m: None)
    prs = Presentation(tmp_path / "out" / "site" / "decks" / "sv" / "fordjupning.pptx")
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert any(COMPOUND in text for text in texts)


def test_a_hyphen_where_the_word_may_break_silences_the_warning(content: Path) -> None:
    add_slides(content, HYPHENATED, "Kvalitet")
    assert [w for w in run_check(content).warnings if "wider than" in w.message] == []


def test_check_prints_the_warning_as_file_line_column(content: Path) -> None:
    module = add_slides(content, COMPOUND, LONGER)
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content)],
                          capture_output=True, text=True, cwd=REPO, timeout=120, env={"LANG": "C.UTF-8", "COURSEGEN_LANG": "en",
                                                                                      "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stdout.splitlines() if "wider than" in line]
    assert len(warned) == 3
    assert all(line.startswith(f"{module}:") and ": warning: slides." in line for line in warned)


def test_the_warning_speaks_the_editors_language(content: Path) -> None:
    """In Swedish (the default for a Swedish site), the warning is the catalog's Swedish text, with the same places."""
    module = add_slides(content, COMPOUND, LONGER)
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content)],
                          capture_output=True, text=True, cwd=REPO, timeout=120,
                          env={"LANG": "C.UTF-8", "COURSEGEN_LANG": "sv", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stdout.splitlines() if "bredare än" in line]
    assert len(warned) == 3
    assert all(line.startswith(f"{module}:") and "bokstäver" in line and "punkter" in line for line in warned)
    assert not any("wider than" in line for line in done.stdout.splitlines())
