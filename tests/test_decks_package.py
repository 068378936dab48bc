"""Decks open cleanly: valid against the OOXML schemas, free of PowerPoint's known repair
triggers, and drawn with the python-pptx whose private API the renderer was written against."""

from __future__ import annotations

import datetime as dt
import inspect
import posixpath
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.pipeline import build
from generator.rendering.decks import TEMPLATE_PATH

REPO = Path(__file__).resolve().parent.parent
DECKS = REPO / "tests" / "fixtures" / "decks"
NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
RT_NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"
RT_NOTES_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
# The python-pptx release line the renderer's private calls were written against.
PPTX_TESTED = (1, 0)


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory, small_site: Path) -> list[Path]:
    out = tmp_path_factory.mktemp("decks-package")
    build(DECKS, out / "fixture", today=dt.date(2027, 1, 15), stages=("decks",), log=lambda m: None)
    build(REPO / "content", out / "shipped", today=dt.date(2026, 12, 1), stages=("decks",), log=lambda m: None)
    found = [path for site in (small_site, out / "fixture" / "site", out / "shipped" / "site")
             for path in sorted((site / "decks").rglob("*.pptx"))]
    assert len(found) > 40
    return found


def test_every_deck_passes_the_ooxml_schema_validator(decks: list[Path]) -> None:
    try:
        from openxml_audit import validate_pptx
    except ImportError:  # a missing validator is a failure, never a skip
        pytest.fail("openxml-audit is not installed: pip install -e '.[test]'")
    for path in [TEMPLATE_PATH, *decks]:
        result = validate_pptx(str(path))
        assert not result.errors, f"{path}: {[str(error) for error in result.errors[:5]]}"
        assert result.is_valid, path


def test_the_validator_finds_a_broken_deck(decks: list[Path], tmp_path: Path) -> None:
    from openxml_audit import validate_pptx

    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(decks[0]) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "ppt/slides/slide2.xml":
                data = data.replace(b"<a:bodyPr", b"<a:unknown/><a:bodyPr", 1)
            target.writestr(name, data)
    assert validate_pptx(str(broken)).errors


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def relationships(files: dict[str, bytes], source: str) -> list[etree._Element]:
    folder, name = posixpath.split(source)
    rels = files.get(posixpath.join(folder, "_rels", name + ".rels"))
    return [] if rels is None else etree.fromstring(rels).findall("rel:Relationship", NS)


def target_of(source: str, rel: etree._Element) -> str:
    target = rel.get("Target")
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def repair_triggers(path: Path) -> list[str]:
    """The causes of PowerPoint's "PowerPoint found a problem with content" prompt we can check."""
    files = members(path)
    problems = []
    # A content type for every part, and no override for a part that is not there.
    types = etree.fromstring(files["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in types.findall("ct:Default", NS)}
    overrides = {o.get("PartName").lstrip("/") for o in types.findall("ct:Override", NS)}
    for name in files:
        if name != "[Content_Types].xml" and name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"{name}: no content type")
    problems += [f"{name}: content type for a missing part" for name in overrides if name not in files]
    # Every internal relationship target present.
    sources = [""] + [name for name in files if not name.endswith(".rels")]
    for source in sources:
        for rel in relationships(files, source):
            if rel.get("TargetMode") != "External" and target_of(source, rel) not in files:
                problems.append(f"{source or 'package'}: relationship {rel.get('Id')} to missing {rel.get('Target')}")
    # Unique slide ids (256 and up) and relationship ids in the slide list.
    presentation = etree.fromstring(files["ppt/presentation.xml"])
    entries = presentation.findall("p:sldIdLst/p:sldId", NS)
    ids = [int(e.get("id")) for e in entries]
    rids = [e.get(f"{{{NS['r']}}}id") for e in entries]
    if len(set(ids)) != len(ids) or min(ids, default=256) < 256:
        problems.append(f"slide ids not unique or below 256: {ids}")
    if len(set(rids)) != len(rids):
        problems.append("a slide listed twice")
    # Unique shape ids on every slide, layout, master and notes page.
    for name, data in files.items():
        if name.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/slideLayouts/", "ppt/slideMasters/",
                            "ppt/notesMasters/")) and name.endswith(".xml"):
            shape_ids = [e.get("id") for e in etree.fromstring(data).iter(f"{{{NS['p']}}}cNvPr")]
            if len(shape_ids) != len(set(shape_ids)):
                problems.append(f"{name}: repeated shape ids {sorted(shape_ids)}")
    # Notes pages need a notes master, listed in the presentation and related from each page.
    notes = [name for name in files if name.startswith("ppt/notesSlides/") and name.endswith(".xml")]
    if notes:
        listed = presentation.findall("p:notesMasterIdLst/p:notesMasterId", NS)
        masters = [target_of("ppt/presentation.xml", rel) for rel in relationships(files, "ppt/presentation.xml")
                   if rel.get("Type") == RT_NOTES_MASTER]
        if len(listed) != 1 or len(masters) != 1 or masters[0] not in files:
            problems.append("notes pages without a notes master")
        for name in notes:
            if not any(rel.get("Type") == RT_NOTES_MASTER for rel in relationships(files, name)):
                problems.append(f"{name}: not related to the notes master")
    # Each slide has at most one notes page, and no two slides share one.
    pages = [target_of(source, rel) for source in files if source.startswith("ppt/slides/slide")
             for rel in relationships(files, source) if rel.get("Type") == RT_NOTES_SLIDE]
    if len(pages) != len(set(pages)):
        problems.append("two slides share a notes page")
    return problems


def test_no_known_repair_triggers(decks: list[Path]) -> None:
    for path in decks:
        assert repair_triggers(path) == [], path


def test_the_repair_check_finds_a_missing_part(decks: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(decks[0]) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            if name != "ppt/notesSlides/notesSlide1.xml":
                target.writestr(name, source.read(name))
    problems = repair_triggers(broken)
    assert any("missing" in problem for problem in problems)


# ------------------------------------------------------------------ python-pptx's private API

def test_python_pptx_is_the_release_the_renderer_was_written_against() -> None:
    """The renderer reaches into python-pptx's internals for speed and reproducibility
    (draw.py, package.py, session.py, make_template.py). If this fails after an upgrade,
    check every call named below against the new release, then move PPTX_TESTED and the
    pin in pyproject.toml (``python-pptx>=1.0.2,<1.1``) together."""
    import pptx
    from pptx.opc.package import Part, _Relationships
    from pptx.opc.serialized import PackageWriter
    from pptx.parts.presentation import PresentationPart
    from pptx.parts.slide import NotesSlidePart, SlidePart
    from pptx.shapes.shapetree import SlideShapes
    from pptx.slide import Slides
    from pptx.text.text import _Paragraph

    version = tuple(int(part) for part in pptx.__version__.split(".")[:2])
    assert version == PPTX_TESTED, (
        f"python-pptx {pptx.__version__} is installed; the deck renderer's private calls were written against "
        f"{'.'.join(map(str, PPTX_TESTED))}.x. Check them (see this test) before moving the pin.")
    private = {
        "Slides._sldIdLst": isinstance(getattr(Slides, "_sldIdLst", None), property) or "_sldIdLst" in Slides.__init__.__code__.co_names,
        "SlideShapes._spTree": "_spTree" in inspect.getsource(SlideShapes),
        "SlideShapes._next_shape_id": hasattr(SlideShapes, "_next_shape_id"),
        "PresentationPart._next_slide_partname": hasattr(PresentationPart, "_next_slide_partname"),
        "Part._blob": "_blob" in inspect.getsource(Part),
        "_Paragraph._p": "self._p" in inspect.getsource(_Paragraph),
        "PackageWriter._write_content_types_stream": hasattr(PackageWriter, "_write_content_types_stream"),
        "PackageWriter._write_pkg_rels": hasattr(PackageWriter, "_write_pkg_rels"),
        "PackageWriter._write_parts": hasattr(PackageWriter, "_write_parts"),
        "Package._rels": "_rels" in inspect.getsource(pptx.opc.package.OpcPackage),
        "_Relationships.xml": hasattr(_Relationships, "xml"),
    }
    assert [name for name, present in private.items() if not present] == []
    for part_class in (SlidePart, NotesSlidePart):
        assert list(inspect.signature(part_class.__init__).parameters) == ["self", "partname", "content_type",
                                                                           "package", "element"], part_class
    assert list(inspect.signature(PackageWriter.__init__).parameters) == ["self", "pkg_file", "pkg_rels", "parts"]


def test_placeholder_lookup_without_xpath_answers_as_python_pptx(decks: list[Path]) -> None:
    """draw.py replaces python-pptx's ``BaseShapeElement.ph`` (an XPath per call) with a plain
    element lookup; on every shape of decks, layouts, masters and notes both give the same."""
    from pptx import Presentation
    from pptx.oxml.shapes.shared import BaseShapeElement

    from generator.rendering.decks import draw

    assert BaseShapeElement.ph.fget is draw._placeholder_element
    assert "./*[1]/p:nvPr/p:ph" in inspect.getsource(draw.XPATH_PH.fget)  # the original, kept to compare with
    compared = 0
    for path in [TEMPLATE_PATH, *decks[::7]]:
        prs = Presentation(str(path))
        trees = [slide.shapes._spTree for slide in prs.slides]
        trees += [slide.notes_slide.shapes._spTree for slide in prs.slides if slide.has_notes_slide]
        trees += [layout.shapes._spTree for layout in prs.slide_layouts] + [prs.slide_master.shapes._spTree]
        for tree in trees:
            for shape in tree.iter_shape_elms():
                assert draw._placeholder_element(shape) is draw.XPATH_PH.fget(shape) or \
                    draw._placeholder_element(shape) == draw.XPATH_PH.fget(shape)
                compared += 1
    assert compared > 500
