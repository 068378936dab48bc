"""Decks through LibreOffice headless: they open, convert one page per slide, and no text
runs into the footer. PNGs of a few slides land in test-artifacts/decks/ for review."""

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


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory, small_site: Path) -> dict[str, tuple[Path, Path]]:
    """deck name -> (pptx, pdf) for decks of the small fixture, the deck fixture and the shipped content."""
    work = tmp_path_factory.mktemp("decks-office")
    build(DECKS, work / "fixture", today=dt.date(2027, 1, 15), stages=("decks",), log=lambda m: None)
    fixture = work / "fixture" / "site" / "decks"
    chosen = {
        "small-sv-grunddag": small_site / "decks" / "sv" / "grunddag.pptx",
        "small-en-frukost-session": small_site / "decks" / "en" / "sessions" / "2027-03-frukost-online.pptx",
        "fixture-sv-fordjupning": fixture / "sv" / "fordjupning.pptx",
        "fixture-en-fordjupning": fixture / "en" / "fordjupning.pptx",
        "fixture-sv-session": fixture / "sv" / "sessions" / "2027-02-fordjupning-halmstad.pptx",
    }
    # The shipped content must build: a failure here is a failure of the test, not a reason to skip it.
    build(REPO / "content", work / "shipped", today=dt.date(2026, 12, 1), stages=("decks",), log=lambda m: None)
    for path in sorted((work / "shipped" / "site" / "decks").glob("*/*.pptx")):
        chosen[f"shipped-{path.parent.name}-{path.stem}"] = path
    copies = work / "pptx"
    copies.mkdir()
    for name, path in chosen.items():
        shutil.copyfile(path, copies / f"{name}.pptx")
    decks = sorted(copies.glob("*.pptx"))
    pdfs = convert(decks, work / "pdf", work / "profile")
    return {deck.stem: (deck, pdf) for deck, pdf in zip(decks, pdfs)}


@needs_office
def test_libreoffice_converts_one_page_per_slide(converted: dict[str, tuple[Path, Path]]) -> None:
    assert len(converted) >= 5
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
def test_slides_render_to_png_for_review(converted: dict[str, tuple[Path, Path]]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("small-sv-grunddag", "fixture-sv-fordjupning", "fixture-sv-session"):
        pdf = converted[name][1]
        for old in ARTIFACTS.glob(f"{name}-*.png"):  # a deck of an earlier run may have had more slides
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(ARTIFACTS / name)], check=True, timeout=120)
        pages = sorted(ARTIFACTS.glob(f"{name}-*.png"))
        assert len(pages) == page_count(pdf)
        assert all(page.stat().st_size > 2000 for page in pages)  # not blank
