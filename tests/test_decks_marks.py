"""The logo on title and closing slides, the evaluation's QR code on a session's closing slide,
and text beside a picture: read back with python-pptx, then rendered by LibreOffice, the
QR code decoded from the rendered page by zbar (zbarimg) and the picture and text found
where the shapes say they are."""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from generator.loading import load_catalog
from generator.pipeline import build
from generator.rendering.decks.marks import logo_alt, short_address

REPO = Path(__file__).resolve().parent.parent
EVERY_FIELD = REPO / "tests" / "fixtures" / "every-field"
EVERY_FIELD_TODAY = dt.date(2027, 1, 1)  # both sessions upcoming
DECKS = REPO / "tests" / "fixtures" / "decks"
SHIPPED_TODAY = dt.date(2026, 12, 1)
PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE
EMU_PER_POINT = 12700
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def quiet(message: str) -> None:
    pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("decks-marks")
    build(EVERY_FIELD, out / "every", today=EVERY_FIELD_TODAY, stages=("decks",), log=quiet)
    build(DECKS, out / "decks", today=dt.date(2027, 1, 15), stages=("decks",), log=quiet)
    build(REPO / "content", out / "shipped", today=SHIPPED_TODAY, stages=("decks",), log=quiet)
    return {"every": out / "every" / "site", "decks": out / "decks" / "site", "shipped": out / "shipped" / "site"}


def logos(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == PICTURE and shape.name.startswith("Logo")]


def qr_shapes(slide) -> list:
    return [shape for shape in slide.shapes if shape.name.startswith("QR code ") and "card" not in shape.name
            and "label" not in shape.name]


def text_of(slide, prefix: str) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.name.startswith(prefix) and shape.has_text_frame]


def inside(inner, outer_width: int, outer_height: int) -> bool:
    return inner.left >= 0 and inner.top >= 0 and inner.left + inner.width <= outer_width \
        and inner.top + inner.height <= outer_height


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether boxes (left, top, right, bottom) share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def box_of(shape) -> tuple[int, int, int, int]:
    return (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)


# ------------------------------------------------------------------ the logo

def test_logo_on_title_and_closing_slides_with_alt_text(sites: dict[str, Path]) -> None:
    decks = sorted((sites["every"] / "decks").rglob("*.pptx"))
    assert len(decks) == 6  # the module deck and two session decks, in two languages
    for path in decks:
        prs = Presentation(path)
        for slide in prs.slides:
            found = logos(slide)
            if slide.slide_layout.name in ("title", "closing"):
                assert len(found) == 1, (path, slide.slide_layout.name)
                logo = found[0]
                # The SVG's own <title> is the alt text.
                assert logo._element.nvPicPr.cNvPr.get("descr") == "Exempel"
                assert inside(logo, prs.slide_width, prs.slide_height)
                assert not overlap(box_of(logo), box_of(slide.shapes.title)), path
                with Image.open(io.BytesIO(logo.image.blob)) as picture:
                    assert picture.format == "PNG"
                    # Drawn keeping the logo's proportions.
                    assert picture.width / picture.height == pytest.approx(logo.width / logo.height, rel=0.01)
            else:
                assert not found, (path, slide.slide_layout.name)


def test_shipped_logo_is_on_every_title_slide(sites: dict[str, Path]) -> None:
    for path in sorted((sites["shipped"] / "decks").rglob("*.pptx")):
        first = Presentation(path).slides[0]
        (logo,) = logos(first)
        assert logo._element.nvPicPr.cNvPr.get("descr") == "Handledarutbildning Halland"


def test_no_logo_without_one_in_site_yaml(sites: dict[str, Path]) -> None:
    for path in sorted((sites["decks"] / "decks").rglob("*.pptx")):
        for slide in Presentation(path).slides:
            assert not logos(slide)
            assert not qr_shapes(slide)  # and no evaluation: no QR code


def test_logo_alt_text_falls_back_to_the_organiser() -> None:
    untitled = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    titled = b'<svg xmlns="http://www.w3.org/2000/svg"><title>  Region\n Halland </title></svg>'
    assert logo_alt(untitled, "svg", "Testförbundet") == "Testförbundet"
    assert logo_alt(titled, "svg", "Testförbundet") == "Region Halland"
    assert logo_alt(b"\x89PNG...", "png", "Testförbundet") == "Testförbundet"


# ------------------------------------------------------------------ the evaluation's QR code

def session_decks(site: Path) -> list[tuple[Path, str]]:
    """(deck, session id) of every session deck of a built site."""
    return [(path, path.stem) for path in sorted((site / "decks").glob("*/sessions/*.pptx"))]


def test_session_closing_slide_has_qr_code_and_short_address(sites: dict[str, Path]) -> None:
    catalog = load_catalog(EVERY_FIELD)
    found = session_decks(sites["every"])
    assert len(found) == 4
    for path, session_id in found:
        url = catalog.site.evaluation.url_for(session_id)
        address = short_address(url)
        assert address == f"forms.example.org/utv?tillfalle={session_id}"
        prs = Presentation(path)
        closing = prs.slides[len(prs.slides) - 1]
        assert closing.slide_layout.name == "closing"
        (code,) = qr_shapes(closing)
        descr = code._element.find(f".//{qn('p:cNvPr')}").get("descr")
        assert descr.endswith(address) and descr.split(":")[0] in ("QR-kod till utvärderingen", "QR code for the evaluation form")
        assert code.width == code.height and inside(code, prs.slide_width, prs.slide_height)
        assert text_of(closing, "Evaluation address") == [address]
        assert text_of(closing, "QR code label")[0] in ("Skanna och utvärdera", "Scan to evaluate")
        # The title and the thanks make room for the code instead of running under it.
        for shape in (closing.shapes.title, *[s for s in closing.placeholders if s.placeholder_format.idx == 1]):
            assert not overlap(box_of(shape), box_of(code)), shape.name
        # The speaker script says where the code leads.
        assert address in closing.notes_slide.notes_text_frame.text
        for slide in list(prs.slides)[:-1]:
            assert not qr_shapes(slide)


def test_module_decks_have_no_qr_code(sites: dict[str, Path]) -> None:
    for path in sorted((sites["every"] / "decks").glob("*/*.pptx")) + sorted((sites["shipped"] / "decks").glob("*/*.pptx")):
        for slide in Presentation(path).slides:
            assert not qr_shapes(slide), path


def needs_tools(*tools: str):
    """Fail, never skip, without the real programs: `make test` installs them (scripts/ensure-system-packages.sh)."""
    def wrap(test):
        def run(*args, **kwargs):
            missing = [tool for tool in tools if not shutil.which(tool)]
            assert not missing, f"{', '.join(missing)} not installed; run `make test`, which installs them"
            return test(*args, **kwargs)
        return pytest.mark.office(functools.wraps(test)(run))
    return wrap


@pytest.fixture(scope="module")
def rendered(sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> PDF made by LibreOffice, for the decks these tests look at."""
    work = tmp_path_factory.mktemp("decks-marks-office")
    chosen = {f"every-{path.parent.parent.name}-{path.stem}": path for path, _ in session_decks(sites["every"])}
    chosen["shipped-sv-2027-03-grunddag-falkenberg"] = sites["shipped"] / "decks" / "sv" / "sessions" / "2027-03-grunddag-falkenberg.pptx"
    chosen["every-sv-grunddag"] = sites["every"] / "decks" / "sv" / "grunddag.pptx"
    chosen["decks-sv-fordjupning"] = sites["decks"] / "decks" / "sv" / "fordjupning.pptx"
    copies = work / "pptx"
    copies.mkdir()
    for name, path in chosen.items():
        shutil.copyfile(path, copies / f"{name}.pptx")
    if shutil.which("soffice"):
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(work / "pdf"), *map(str, sorted(copies.glob("*.pptx")))],
                       check=True, capture_output=True, timeout=300)
    return {name: work / "pdf" / f"{name}.pdf" for name in chosen} | {"_copies": copies}


def page_png(pdf: Path, page: int, resolution: int, out: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", str(resolution), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(pdf), str(out)], check=True, timeout=120)
    return out.with_suffix(".png")


@needs_tools("soffice", "pdftoppm", "zbarimg")
@pytest.mark.parametrize("resolution", [40, 96])
def test_qr_code_decodes_to_the_sessions_evaluation_url(rendered: dict[str, Path], tmp_path: Path, resolution: int) -> None:
    """At 96 ppi (a projector's pixels) and even at 40 ppi (a contact sheet)."""
    catalog = load_catalog(EVERY_FIELD)
    shipped = load_catalog(REPO / "content")
    decoded = 0
    for name, pdf in rendered.items():
        if name.startswith("_") or "-20" not in name:
            continue
        session_id = re.search(r"(20\d\d-.*)$", name).group(1)
        site = shipped.site if name.startswith("shipped") else catalog.site
        pages = len(Presentation(rendered["_copies"] / f"{name}.pptx").slides)
        png = page_png(pdf, pages, resolution, tmp_path / f"{name}-{resolution}")
        result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"{name}: zbarimg found no QR code at {resolution} ppi: {result.stderr[-300:]}"
        assert result.stdout.splitlines() == [site.evaluation.url_for(session_id)], name
        decoded += 1
    assert decoded == 5


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, word) in points of every word on ``page``."""
    xhtml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           check=True, capture_output=True, text=True).stdout
    return [(float(a), float(b), float(c), float(e), html.unescape(w)) for a, b, c, e, w in WORD.findall(xhtml)]


def points(shape) -> tuple[float, float, float, float]:
    left, top, right, bottom = box_of(shape)
    return (left / EMU_PER_POINT, top / EMU_PER_POINT, right / EMU_PER_POINT, bottom / EMU_PER_POINT)


@needs_tools("soffice", "pdftotext")
def test_rendered_closing_slide_keeps_text_off_the_code(rendered: dict[str, Path]) -> None:
    name = "shipped-sv-2027-03-grunddag-falkenberg"
    prs = Presentation(rendered["_copies"] / f"{name}.pptx")
    closing = prs.slides[len(prs.slides) - 1]
    (code,) = qr_shapes(closing)
    found = words(rendered[name], len(prs.slides))
    assert found
    width, height = prs.slide_width / EMU_PER_POINT, prs.slide_height / EMU_PER_POINT
    for left, top, right, bottom, word in found:
        assert not overlap((left, top, right, bottom), points(code)), word
        assert 0 <= left and right <= width and 0 <= top and bottom <= height, word
    # The short address is on one line, whole.
    assert short_address(load_catalog(REPO / "content").site.evaluation.url_for("2027-03-grunddag-falkenberg")) \
        in [word for *_, word in found]


# ------------------------------------------------------------------ text beside a picture

def picture_slides(prs) -> list:
    """Slides with a body and a picture of their own (not the logo)."""
    out = []
    for slide in prs.slides:
        pictures = [s for s in slide.shapes if s.shape_type == PICTURE and not s.name.startswith("Logo")]
        bodies = [s for s in slide.placeholders if s.placeholder_format.idx == 1 and s.text_frame.text.strip()]
        if pictures and bodies:
            out.append((slide, pictures[0], bodies[0]))
    return out


def test_text_and_picture_side_by_side_in_the_shapes(sites: dict[str, Path]) -> None:
    checked = 0
    for path in [sites["every"] / "decks" / "sv" / "grunddag.pptx", sites["decks"] / "decks" / "sv" / "fordjupning.pptx"]:
        prs = Presentation(path)
        for slide, picture, body in picture_slides(prs):
            assert inside(picture, prs.slide_width, prs.slide_height) and inside(body, prs.slide_width, prs.slide_height)
            assert not overlap(box_of(picture), box_of(body)), (path, slide.shapes.title.text_frame.text)
            if slide.slide_layout.name == "content":  # text left, picture right
                assert body.left + body.width <= picture.left
                # A body box of its own: position and height, not just a width.
                xfrm = body._element.spPr.find(qn("a:xfrm"))
                assert xfrm.find(qn("a:off")) is not None and body.height > Emu(EMU_PER_POINT * 72)
            # Fitted keeping its proportions.
            with Image.open(io.BytesIO(picture.image.blob)) as image:
                assert image.width / image.height == pytest.approx(picture.width / picture.height, rel=0.01)
            checked += 1
    assert checked >= 3


@needs_tools("soffice", "pdftotext")
def test_rendered_text_stays_beside_the_picture(rendered: dict[str, Path]) -> None:
    checked = 0
    for name in ("every-sv-grunddag", "decks-sv-fordjupning"):
        prs = Presentation(rendered["_copies"] / f"{name}.pptx")
        width, height = prs.slide_width / EMU_PER_POINT, prs.slide_height / EMU_PER_POINT
        for number, slide in enumerate(prs.slides, start=1):
            for found_slide, picture, body in picture_slides(prs):
                if found_slide is not slide:
                    continue
                body_words = set(body.text_frame.text.split())
                shown = [w for w in words(rendered[name], number) if w[4] in body_words]
                assert shown, (name, number)
                for left, top, right, bottom, word in shown:
                    assert not overlap((left, top, right, bottom), points(picture)), (name, number, word)
                    assert 0 <= left and right <= width and 0 <= top and bottom <= height
                    # Inside the body's own box (1 pt for rounding).
                    b = points(body)
                    assert b[0] - 1 <= left and right <= b[2] + 1 and b[1] - 1 <= top and bottom <= b[3] + 1, (name, number, word)
                checked += 1
    assert checked >= 3


def test_decks_build_after_typst_ran_in_the_process(tmp_path: Path) -> None:
    """Typst leaves native threads in a process; the deck stage then spawns its workers instead
    of forking them (a forked child could wait for ever on an inherited lock), and draws the
    SVG logo in a child of its own, so the stage's process never runs Typst itself."""
    script = f"""
import datetime as dt, os
from pathlib import Path
from generator.rendering.logo import svg_to_png
from generator.rendering.decks.processes import single_threaded
svg_to_png(Path({str(EVERY_FIELD / 'assets' / 'logo.svg')!r}).read_bytes(), 40)
assert not single_threaded()
from generator.pipeline import build
build({str(EVERY_FIELD)!r}, {str(tmp_path / 'out')!r}, today=dt.date(2027, 1, 1), stages=("decks",), log=print)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "decks: 6 rendered" in done.stdout
    assert len(list((tmp_path / "out" / "site" / "decks").rglob("*.pptx"))) == 6


def test_the_deck_stage_process_never_runs_typst(tmp_path: Path) -> None:
    script = f"""
import datetime as dt, os
from generator.pipeline import build
build({str(EVERY_FIELD)!r}, {str(tmp_path / 'out')!r}, today=dt.date(2027, 1, 1), stages=("decks",), log=print, parallel=False)
print("threads", len(os.listdir("/proc/self/task")))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "threads 1" in done.stdout


def test_a_png_logo_too_thin_is_drawn_within_bounds() -> None:
    """A 20000x1 PNG logo does not become a picture millions of pixels wide."""
    from generator.rendering.decks.marks import LOGO_HEIGHT_PX, card_png
    from generator.rendering.logo import MAX_ASPECT

    thin = io.BytesIO()
    Image.new("RGB", (20000, 1), "#00566b").save(thin, format="PNG")
    png, width, height = card_png(thin.getvalue(), "png")
    assert width <= LOGO_HEIGHT_PX * MAX_ASPECT * 1.5 and height < LOGO_HEIGHT_PX
    with Image.open(io.BytesIO(png)) as card:
        assert card.size == (width, height)
