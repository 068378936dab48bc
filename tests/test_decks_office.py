"""Decks through LibreOffice headless: every deck of every fixture and of the shipped content
opens, converts one page per slide, no text runs into the footer, and every word LibreOffice
draws lies inside the box of the shape (placeholder or text box) it belongs to. PNGs of a
few slides land in test-artifacts/decks/ for review."""

from __future__ import annotations

import datetime as dt
import html
import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from generator.pipeline import build

pytestmark = pytest.mark.office

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "decks"
DECKS = REPO / "tests" / "fixtures" / "decks"
POINTS_PER_INCH = 72
FOOTER_TOP_PT = 6.8 * POINTS_PER_INCH  # the template's footer starts at 6.85 in
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>')
WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
EVERY_FIELD = REPO / "tests" / "fixtures" / "every-field"
SMALL = REPO / "tests" / "fixtures" / "small"
EMU_PER_POINT = 12700
TOLERANCE_PT = 3.0  # a glyph's ink box may reach past the line box by a little

def needs_office(test):
    """Office tests fail, not skip, without LibreOffice: `make test` installs it (scripts/ensure-system-packages.sh)."""
    def run(*args, **kwargs):
        missing = [tool for tool in ("soffice", "pdfinfo", "pdftoppm") if not shutil.which(tool)]
        assert not missing, f"{', '.join(missing)} not installed; run `make test`, which installs them"
        return test(*args, **kwargs)
    return pytest.mark.office(functools.wraps(test)(run))


def convert(decks: list[Path], out: Path, profile: Path) -> list[Path]:
    """PDFs of ``decks`` made by LibreOffice with a private profile."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, decks)],
        check=True, capture_output=True, timeout=300,
    )
    return [out / f"{deck.stem}.pdf" for deck in decks]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def words_below(pdf: Path, top: float) -> list[tuple[int, str]]:
    """(page, word) for every word whose box reaches below ``top`` points."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found = []
    for number, page in enumerate(xhtml.split("<page ")[1:], start=1):
        for y_min, y_max, word in WORD.findall(page):
            if float(y_max) > top:
                found.append((number, html.unescape(word)))
    return found


def built_decks(work: Path) -> dict[str, Path]:
    """name -> deck, for every deck of the fixtures and of the shipped content."""
    sources = {"small": (SMALL, dt.date(2027, 3, 1)), "fixture": (DECKS, dt.date(2027, 1, 15)),
               "every": (EVERY_FIELD, dt.date(2027, 1, 1)), "shipped": (REPO / "content", dt.date(2026, 12, 1))}
    chosen = {}
    for label, (content, today) in sources.items():
        # Every content must build: a failure here is a failure of the test, not a reason to skip it.
        build(content, work / label, today=today, stages=("decks",), log=lambda m: None)
        decks = work / label / "site" / "decks"
        for path in sorted(decks.rglob("*.pptx")):
            chosen[f"{label}-" + "-".join(path.relative_to(decks).with_suffix("").parts)] = path
    return chosen


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """deck name -> (pptx, pdf) for every module and session deck of the fixtures and the shipped content."""
    work = tmp_path_factory.mktemp("decks-office")
    chosen = built_decks(work)
    copies = work / "pptx"
    copies.mkdir()
    for name, path in chosen.items():
        shutil.copyfile(path, copies / f"{name}.pptx")
    decks = sorted(copies.glob("*.pptx"))
    pdfs = convert(decks, work / "pdf", work / "profile")
    return {deck.stem: (deck, pdf) for deck, pdf in zip(decks, pdfs)}


def text_boxes(slide) -> list[tuple[tuple[float, float, float, float], str]]:
    """(box in points, text without spaces) of every shape on the slide that shows text."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            box = tuple(value / EMU_PER_POINT for value in
                        (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height))
            out.append((box, "".join(shape.text_frame.text.split())))
        elif shape.has_table:  # a timetable: each column's text belongs to that column's box
            left = shape.left
            for index, column in enumerate(shape.table.columns):
                text = "".join("".join(row.cells[index].text_frame.text.split()) for row in shape.table.rows)
                box = tuple(value / EMU_PER_POINT for value in
                            (left, shape.top, left + column.width, shape.top + shape.height))
                out.append((box, text))
                left += column.width
    return out


def words_outside(deck: Path, pdf: Path) -> list[tuple[int, str]]:
    """(slide number, word) for every word LibreOffice drew outside the shape it belongs to.

    A word belongs to the shapes whose text holds it (a word broken across lines is found
    as its pieces); a mark no shape's text holds (a bullet) to any shape with text.
    """
    prs = Presentation(deck)
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found = []
    for number, (slide, page) in enumerate(zip(prs.slides, xhtml.split("<page ")[1:]), start=1):
        boxes = text_boxes(slide)
        for left, top, right, bottom, word in WORD_BOX.findall(page):
            word = html.unescape(word)
            left, top, right, bottom = float(left), float(top), float(right), float(bottom)
            owners = [box for box, text in boxes if word in text] or [box for box, _ in boxes]
            if not any(box[0] - TOLERANCE_PT <= left and right <= box[2] + TOLERANCE_PT
                       and box[1] - TOLERANCE_PT <= top and bottom <= box[3] + TOLERANCE_PT for box in owners):
                found.append((number, word))
    return found


@needs_office
def test_libreoffice_converts_one_page_per_slide(converted: dict[str, tuple[Path, Path]]) -> None:
    assert len(converted) >= 70  # small 6, deck fixture 6, every-field 6, shipped 54
    for name, (deck, pdf) in converted.items():
        assert pdf.is_file(), f"LibreOffice could not convert {name}"
        assert page_count(pdf) == len(Presentation(deck).slides), name


@needs_office
def test_no_text_runs_into_the_footer(converted: dict[str, tuple[Path, Path]]) -> None:
    for name, (deck, pdf) in converted.items():
        prs = Presentation(deck)
        footer_words = set(prs.core_properties.subject.split())
        allowed = footer_words | {str(n) for n in range(1, len(prs.slides) + 1)}
        intruders = [(page, word) for page, word in words_below(pdf, FOOTER_TOP_PT) if word not in allowed]
        assert not intruders, f"{name}: text below the body area: {intruders[:5]}"


@needs_office
def test_every_word_stays_inside_its_shape(converted: dict[str, tuple[Path, Path]]) -> None:
    outside = {name: found for name, (deck, pdf) in converted.items() if (found := words_outside(deck, pdf))}
    assert not outside, f"text outside its placeholder or text box: {dict(list(outside.items())[:3])}"


@needs_office
def test_the_shape_check_finds_text_outside(converted: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    """The same check on a deck whose body boxes were shrunk after fitting: it names the words."""
    deck, _ = converted["fixture-sv-fordjupning"]
    prs = Presentation(deck)
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1 and shape.text_frame.text.count(" ") > 20:
                shape.left, shape.top, shape.width, shape.height = shape.left, shape.top, shape.width, shape.height // 4
    squeezed = tmp_path / "squeezed.pptx"
    prs.save(squeezed)
    (pdf,) = convert([squeezed], tmp_path / "pdf", tmp_path / "profile")
    assert len(words_outside(squeezed, pdf)) > 20


@needs_office
def test_slides_render_to_png_for_review(converted: dict[str, tuple[Path, Path]]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("small-sv-grunddag", "fixture-sv-fordjupning", "fixture-sv-sessions-2027-02-fordjupning-halmstad",
                 "shipped-sv-sessions-2027-03-grunddag-falkenberg"):
        pdf = converted[name][1]
        for old in ARTIFACTS.glob(f"{name}-*.png"):  # a deck of an earlier run may have had more slides
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(ARTIFACTS / name)], check=True, timeout=120)
        pages = sorted(ARTIFACTS.glob(f"{name}-*.png"))
        assert len(pages) == page_count(pdf)
        assert all(page.stat().st_size > 2000 for page in pages)  # not blank
