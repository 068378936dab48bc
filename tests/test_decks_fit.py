"""Fitting slide text with the font's real advance widths, checked against the font itself.

The shipped table (``decks/metrics.json``) is compared with Liberation Sans as installed
by the project (Debian fonts-liberation2, read by FreeType through Pillow), and the
fixture slide of long Swedish compounds in two-level lists shows what the old estimate
(every character 0.47 em wide) got wrong: it drew the slide at full size, where its
lines really wrap to twice the height of the body area.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn

from generator.pipeline import build
from generator.rendering.decks import TEMPLATE_PATH, fit
from generator.rendering.decks import design as d
from generator.rendering.decks.body import Paragraph, Run, parse_body
from generator.rendering.decks.draw import layouts_of

REPO = Path(__file__).resolve().parent.parent
DECKS = REPO / "tests" / "fixtures" / "decks"
FONTS = Path("/usr/share/fonts/truetype/liberation2")
STYLE_FILES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold-italic": "BoldItalic"}
SAMPLE = "Arbetsmarknadsutbildningsanordnare, försäkringskassehandläggare – ÅÄÖ åäö “WMW” il1 (12:30–14:45) é€"
COMPOUNDS_TITLE = "Långa sammansättningar"
GUESS_EM = 0.47  # the old estimate's average character width


def installed_font(style: str, size: float) -> ImageFont.FreeTypeFont:
    path = FONTS / f"LiberationSans-{STYLE_FILES[style]}.ttf"
    assert path.is_file(), f"{path} missing: run `make test`, which installs fonts-liberation2"
    return ImageFont.truetype(str(path), size=size, layout_engine=ImageFont.Layout.BASIC)


@pytest.mark.parametrize("style", list(STYLE_FILES))
def test_shipped_widths_are_the_fonts(style: str) -> None:
    units = fit.METRICS["units_per_em"]
    font = installed_font(style, units)
    table = fit.WIDTHS[style]
    for char in SAMPLE:
        assert table[ord(char)] * units == pytest.approx(font.getlength(char), abs=0.5), repr(char)
    measured = sum(table[ord(char)] for char in SAMPLE) * units
    assert measured == pytest.approx(font.getlength(SAMPLE), rel=0.002)


def test_unknown_characters_count_wide() -> None:
    words = fit.words_of((("a\u4e2d\U0001F600", False, False),))
    assert words == ((fit.WIDTHS["regular"][ord("a")], 1.0, 1.0),)


def test_wrapping_follows_the_widths() -> None:
    narrow = fit.words_of((("il " * 40, False, False),))
    wide = fit.words_of((("WM " * 40, False, False),))
    assert fit.wrapped_lines(narrow, 30) == 1  # 40 x ("il" 0.44 em + a space) is under 29 em: one 30 em line
    assert fit.wrapped_lines(wide, 30) == 3  # 40 x (1.78 em + space) = 82 em: three lines
    long_word = fit.words_of((("m" * 100, False, False),))
    assert fit.wrapped_lines(long_word, 30) == 3  # 83 em of one word breaks anywhere


# ------------------------------------------------------------------ the compounds fixture

def real_lines(paragraph: Paragraph, size: float, width_pt: float) -> int:
    """Lines of ``paragraph`` wrapped greedily at spaces by the installed font's own measure
    (all in bold when any of it is bold: never narrower than the text as drawn)."""
    font = installed_font("bold" if any(run.bold for run in paragraph.runs) else "regular", size)
    lines, line = 1, ""
    for word in paragraph.text.split():
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width_pt:
            lines, line = lines + 1, word
        else:
            line = candidate
    return lines


def guessed_lines(paragraph: Paragraph, size: float, width_pt: float) -> int:
    """The old estimate: ``width / (size x 0.47)`` characters a line, words wrapped greedily."""
    chars = max(int(width_pt / (size * GUESS_EM)), 1)
    lines, used = 1, 0
    for word in paragraph.text.split():
        needed = len(word) if used == 0 else used + 1 + len(word)
        if needed > chars:
            lines, used = lines + 1, len(word)
        else:
            used = needed
    return lines


def usable_width(box: fit.Box, paragraph: Paragraph) -> float:
    indent = fit.BULLET_INDENT_PT[min(paragraph.level, 1)] if paragraph.bullet else 0.0
    return box.width_pt - fit.INSET_PT - indent


def height(paragraphs, sizes, lines_of, box) -> float:
    return sum(lines_of(p, size, usable_width(box, p)) * size * 1.2 + 8 for p, size in zip(paragraphs, sizes))


@pytest.fixture(scope="module")
def compounds() -> tuple[tuple[Paragraph, ...], fit.Box]:
    data = yaml.safe_load((DECKS / "modules" / "fordjupning.yaml").read_text(encoding="utf-8"))
    slide = next(s for s in data["slides"] if s["title"]["sv"] == COMPOUNDS_TITLE)
    box = layouts_of(Presentation(str(TEMPLATE_PATH)))["content"].body_box(False)
    return parse_body(slide["body"]["sv"]), box


def test_the_guess_overflowed_the_compounds_slide(compounds) -> None:
    paragraphs, box = compounds
    assert {p.level for p in paragraphs} == {0, 1}
    full = [fit.level_size(box.sizes, p.level) for p in paragraphs]
    limit = box.height_pt - 7.2
    # The guess thought the body fits at full size...
    assert height(paragraphs, full, guessed_lines, box) <= limit
    # ...but at full size every line wraps: the text runs far below the body area.
    assert height(paragraphs, full, real_lines, box) > limit * 1.4
    assert all(real_lines(p, s, usable_width(box, p)) == 2 for p, s in zip(paragraphs, full))


def drawn_body(slide, box: fit.Box) -> tuple[list[Paragraph], list[float], list[float]]:
    """The body's paragraphs, font sizes and spaces before, as drawn (template values where not set)."""
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    paragraphs, sizes, spaces = [], [], []
    for p in body.text_frame.paragraphs:
        run_sizes = {run.font.size.pt for run in p.runs if run.font.size is not None}
        sizes.append(run_sizes.pop() if run_sizes else fit.level_size(box.sizes, p.level))
        runs = tuple(Run(r.text, bold=bool(r.font.bold), italic=bool(r.font.italic)) for r in p.runs)
        paragraphs.append(Paragraph(runs, bullet=True, level=p.level))
        spacing = p._p.find(f"{qn('a:pPr')}/{qn('a:spcBef')}/{qn('a:spcPts')}")
        spaces.append(int(spacing.get("val")) / 100 if spacing is not None else d.PARAGRAPH_SPACE_PT)
    return paragraphs, sizes, spaces


def real_height(paragraphs, sizes, spaces, box) -> float:
    return sum(real_lines(p, size, usable_width(box, p)) * size * 1.2 + space
               for p, size, space in zip(paragraphs, sizes, spaces))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("decks-fit")
    build(DECKS, out / "fixture", today=dt.date(2027, 1, 15), stages=("decks",), log=lambda m: None)
    build(REPO / "content", out / "shipped", today=dt.date(2026, 12, 1), stages=("decks",), log=lambda m: None)
    return out


def test_the_compounds_slide_fits_as_drawn(built: Path) -> None:
    prs = Presentation(built / "fixture" / "site" / "decks" / "sv" / "fordjupning.pptx")
    pages = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith(COMPOUNDS_TITLE)]
    assert pages
    box = layouts_of(prs)["content"].body_box(False)
    for page in pages:
        paragraphs, sizes, spaces = drawn_body(page, box)
        assert min(sizes) >= 16
        # Measured by the font itself, the drawn text fits the body area.
        assert real_height(paragraphs, sizes, spaces, box) <= box.height_pt - 7.2, page.shapes.title.text_frame.text


def test_every_text_slide_fits_by_the_fonts_own_measure(built: Path) -> None:
    decks = [built / "fixture" / "site" / "decks" / "sv" / "fordjupning.pptx",
             built / "shipped" / "site" / "decks" / "sv" / "grunddag.pptx",
             built / "shipped" / "site" / "decks" / "en" / "sessions" / "2027-03-grunddag-falkenberg.pptx"]
    checked = 0
    for path in decks:
        prs = Presentation(path)
        layouts = layouts_of(prs)
        for number, slide in enumerate(prs.slides, start=1):
            name = slide.slide_layout.name
            has_picture = any(shape.shape_type == 13 for shape in slide.shapes)
            if name not in ("content", "exercise") or has_picture or any(shape.has_table for shape in slide.shapes):
                continue
            box = layouts[name].body_box(False)
            paragraphs, sizes, spaces = drawn_body(slide, box)
            assert real_height(paragraphs, sizes, spaces, box) <= box.height_pt - 7.2, f"{path.name}:{number}"
            checked += 1
    assert checked > 40


def test_short_lists_grow_and_spread(built: Path) -> None:
    prs = Presentation(built / "shipped" / "site" / "decks" / "sv" / "grunddag.pptx")
    layouts = layouts_of(prs)
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Varför handledarutbildning?")
    box = layouts["content"].body_box(False)
    paragraphs, sizes, spaces = drawn_body(slide, box)
    assert len(paragraphs) <= 5
    assert min(sizes) > d.BODY_PT[0] and max(sizes) <= d.GROW_MAX_PT  # larger than the template's 24 pt
    assert min(spaces) > d.PARAGRAPH_SPACE_PT  # spread over the slide
    # Balanced: the text takes most of the body area, not its top half, and sits in its middle.
    assert real_height(paragraphs, sizes, spaces, box) > 0.55 * box.height_pt
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert body.text_frame._txBody.bodyPr.get("anchor") == "ctr"


def test_long_bodies_stay_at_the_top(built: Path) -> None:
    """A body that continues on the next slide fills its area from the top, as the template sets it."""
    continued = 0
    for path in sorted((built / "fixture" / "site" / "decks").rglob("*.pptx")):
        for slide in Presentation(path).slides:
            title = slide.shapes.title.text_frame.text
            if "(forts." in title or "(cont." in title:
                body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
                assert body.text_frame._txBody.bodyPr.get("anchor") is None, f"{path.name}: {title}"
                continued += 1
    assert continued > 0


def timetables(slide) -> list:
    return [shape for shape in slide.shapes if shape.has_table]


def test_programme_is_a_timetable(built: Path) -> None:
    """Session decks: clock times right-aligned and bold in a column of their own, every item
    on one slide, in type at least as large as the list it replaced (22 pt)."""
    for language, clock in (("sv", r"\d\d\.\d\d–\d\d\.\d\d"), ("en", r"\d\d:\d\d–\d\d:\d\d")):
        prs = Presentation(built / "shipped" / "site" / "decks" / language / "sessions" / "2027-03-grunddag-falkenberg.pptx")
        slide = list(prs.slides)[2]
        assert not [s for s in slide.placeholders if s.placeholder_format.idx == 1]  # the table takes the body's place
        rows = [row for table in timetables(slide) for row in table.table.rows]
        assert len(rows) == 11  # every item of the agenda on one slide
        for row in rows:
            time, title = row.cells
            run = time.text_frame.paragraphs[0].runs[0]
            assert re.fullmatch(clock, time.text_frame.text) and run.font.bold
            assert time.text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
            assert title.text_frame.text and not re.search(r"\d\d[.:]\d\d", title.text_frame.text)
            assert run.font.size.pt >= 22


def test_timetable_fits_and_sits_in_the_body_area(built: Path) -> None:
    """Every timetable of every deck: its rows as measured fit the body area, and it lies inside it."""
    checked = 0
    for path in sorted((built / "shipped" / "site" / "decks").rglob("*.pptx")) + sorted(
            (built / "fixture" / "site" / "decks").rglob("*.pptx")):
        prs = Presentation(path)
        area = layouts_of(prs)["content"].body_rect
        for slide in prs.slides:
            for shape in timetables(slide):
                assert shape.left >= area[0] and shape.left + shape.width <= area[0] + area[2] + 12700, path.name
                assert shape.top >= area[1] and shape.top + shape.height <= area[1] + area[3], path.name
                assert sum(row.height for row in shape.table.rows) == shape.height
                checked += 1
    assert checked >= 54


def test_a_long_programme_takes_two_columns_and_a_too_long_one_is_a_list() -> None:
    """16 items do not fit one column at a readable size: two columns, the first half left; 60 fit no
    timetable at the floor size and are left to the list, continued on following slides."""
    box = layouts_of(Presentation(str(TEMPLATE_PATH)))["content"].body_box(False)
    rows = tuple((f"{10 + n} min", f"Punkt {n} i programmet") for n in range(16))
    table = fit.timetable(rows, box, d.TIMETABLE_GAP_IN * 72)
    assert [len(column) for column in table.columns] == [8, 8] and table.columns[0][0] == rows[0]
    assert table.size >= 24 and table.height_pt <= box.height_pt - 7.2
    short = fit.timetable(rows[:4], box, d.TIMETABLE_GAP_IN * 72)
    assert len(short.columns) == 1 and short.size == max(d.TIMETABLE_PT)
    assert fit.timetable(tuple((f"{n} min", f"Punkt {n}") for n in range(60)), box, d.TIMETABLE_GAP_IN * 72) is None


def test_section_slides_say_which_part_of_the_day(built: Path) -> None:
    for language, word in (("sv", "Del"), ("en", "Part")):
        prs = Presentation(built / "shipped" / "site" / "decks" / language / "grunddag.pptx")
        sections = [s for s in prs.slides if s.slide_layout.name == "section"]
        assert len(sections) >= 2
        texts = [next(p for p in s.placeholders if p.placeholder_format.idx == 1).text_frame.text for s in sections]
        of = "av" if language == "sv" else "of"
        assert texts == [f"{word} {n} {of} {len(sections)}" for n in range(1, len(sections) + 1)]
