"""Slide decks: reopened with python-pptx and checked against the YAML they came from."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from generator.errors import BuildError, ContentErrors
from generator.pipeline import build
from generator.loading import load_catalog
from generator.rendering.decks import TEMPLATE_PATH, deck_jobs
from generator.rendering.decks.body import parse_body
from generator.rendering.decks.draw import render_deck, render_members
from generator.rendering.decks.make_template import make_template
from generator.rendering.decks.session import session_deck
from generator.dates import when as session_when

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "fixtures" / "small"
DECKS = REPO / "tests" / "fixtures" / "decks"
EVERY_FIELD = REPO / "tests" / "fixtures" / "every-field"
DECKS_TODAY = dt.date(2027, 1, 15)
LANG_TAGS = {"sv": "sv-SE", "en": "en-GB"}
LAYOUT_NAMES = {"title", "section", "content", "exercise", "image", "closing"}


def quiet(message: str) -> None:
    pass


@pytest.fixture(scope="module")
def decks_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/site/ of the deck fixture (long bodies, images, repeated titles, sessions)."""
    out = tmp_path_factory.mktemp("decks-build")
    build(DECKS, out, today=DECKS_TODAY, stages=("decks",), log=quiet)
    return out / "site"


def module_yaml(content: Path, module_id: str) -> dict:
    return yaml.safe_load((content / "modules" / f"{module_id}.yaml").read_text(encoding="utf-8"))


def titles(prs) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in prs.slides]


def body_text(slide) -> list[str]:
    """Paragraph texts of the slide's body placeholder (idx 1), or []."""
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == 1:
            return [p.text for p in shape.text_frame.paragraphs]
    return []


def timetable_rows(slide) -> list[tuple[str, str]]:
    """(time, title) rows of the programme slide's timetable, column after column."""
    return [(row.cells[0].text_frame.text, row.cells[1].text_frame.text)
            for shape in slide.shapes if shape.has_table for row in shape.table.rows]


def element_text(element) -> str:
    """Text of an XML element from its a:t nodes (python-pptx's classes confuse itertext)."""
    return "".join(t.text or "" for t in element.iter(qn("a:t")))


def plain_markdown(text: str) -> list[str]:
    return [p.text for p in parse_body(text)]


def all_decks(site: Path) -> list[Path]:
    return sorted((site / "decks").rglob("*.pptx"))


# ------------------------------------------------------------------ against the YAML

@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("module_id", ["grunddag", "frukost"])
def test_module_deck_follows_the_yaml(small_site: Path, module_id: str, language: str) -> None:
    data = module_yaml(SMALL, module_id)
    prs = Presentation(small_site / "decks" / language / f"{module_id}.pptx")
    slides = list(prs.slides)
    yaml_slides = data["slides"]
    objectives = {"sv": "Mål med utbildningen", "en": "Learning objectives"}[language]
    agenda = {"sv": "Program", "en": "Agenda"}[language]
    expected = [yaml_slides[0]["title"][language], objectives, agenda] + [s["title"][language] for s in yaml_slides[1:]]
    assert titles(prs) == expected
    assert [s.slide_layout.name for s in slides] == ["title", "content", "content"] + [s["layout"] for s in yaml_slides[1:]]
    # Generated slides: objectives and agenda items in order.
    assert body_text(slides[1]) == [o[language] for o in data["objectives"]]
    assert timetable_rows(slides[2]) == [(f"{a['minutes']} min", a["title"][language]) for a in data["agenda"]]
    assert body_text(slides[2]) == []  # the timetable takes the body's place
    for slide, source in zip(slides[3:], yaml_slides[1:]):
        if "notes" in source:
            notes = slide.notes_slide.notes_text_frame.text
            assert notes.split("\n") == plain_markdown(source["notes"][language])
        if "body" in source:
            assert body_text(slide) == plain_markdown(source["body"][language])


def test_markdown_becomes_real_paragraphs_and_runs(small_site: Path) -> None:
    prs = Presentation(small_site / "decks" / "sv" / "grunddag.pptx")
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Vad gör en handledare?")
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    paragraphs = body.text_frame.paragraphs
    assert [(p.text, p.level) for p in paragraphs] == [
        ("En handledare tar emot och stöttar.", 0),
        ("Planerar första dagen", 0),
        ("Visar arbetsplatsen", 1),
        ("Följer upp", 0),
    ]
    runs = [(r.text, bool(r.font.bold), bool(r.font.italic)) for r in paragraphs[0].runs]
    assert ("tar emot", True, False) in runs and ("stöttar", False, True) in runs
    # The plain paragraph carries no bullet; the bullets inherit theirs from the template.
    assert paragraphs[0]._p.pPr.find(qn("a:buNone")) is not None
    assert paragraphs[1]._p.pPr is None or paragraphs[1]._p.pPr.find(qn("a:buNone")) is None


def test_exercise_slides_use_their_own_layout_and_label(small_site: Path) -> None:
    for language, word in (("sv", "Övning"), ("en", "Exercise")):
        prs = Presentation(small_site / "decks" / language / "grunddag.pptx")
        exercise = next(s for s in prs.slides if s.slide_layout.name == "exercise")
        content = next(s for s in prs.slides if s.slide_layout.name == "content")
        label = [s for s in exercise.placeholders if s.placeholder_format.idx == 13]
        assert [s.text_frame.text for s in label] == [word]
        background = exercise.slide_layout._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        assert background is not None and content.slide_layout._element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is None


# ------------------------------------------------------------------ long bodies, images, titles

def test_long_bodies_continue_with_marked_titles(decks_site: Path) -> None:
    data = module_yaml(DECKS, "fordjupning")
    for language, word in (("sv", "forts."), ("en", "cont.")):
        prs = Presentation(decks_site / "decks" / language / "fordjupning.pptx")
        base = data["slides"][2]["title"][language]
        pages = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith(base)]
        assert len(pages) >= 2
        assert [s.shapes.title.text_frame.text for s in pages][:3] == [base, f"{base} ({word})", f"{base} ({word} 2)"][:len(pages[:3])]
        # Every bullet of the YAML arrives once, in order, across the pages.
        text = [line for page in pages for line in body_text(page)]
        assert text == plain_markdown(data["slides"][2]["body"][language])
        # The speaker script stays on the first page; later pages say they continue.
        assert pages[0].notes_slide.notes_text_frame.text.startswith(data["slides"][2]["notes"][language].split("\n")[0])


def test_every_title_is_unique(decks_site: Path, small_site: Path) -> None:
    for path in all_decks(decks_site) + all_decks(small_site):
        names = [t.casefold() for t in titles(Presentation(path))]
        assert len(names) == len(set(names)), path
    prs = Presentation(decks_site / "decks" / "sv" / "fordjupning.pptx")
    assert "Lagom mycket (2)" in titles(prs) and "Lagom mycket" in titles(prs)


def test_pictures_carry_the_yaml_alt_text(decks_site: Path) -> None:
    data = module_yaml(DECKS, "fordjupning")
    for language in ("sv", "en"):
        prs = Presentation(decks_site / "decks" / language / "fordjupning.pptx")
        alts = [shape._element.nvPicPr.cNvPr.get("descr") for slide in prs.slides for shape in slide.shapes
                if shape.shape_type == 13]
        assert alts == [s["alt"][language] for s in data["slides"] if "image" in s]


def test_pictures_fit_inside_the_slide(decks_site: Path) -> None:
    prs = Presentation(decks_site / "decks" / "sv" / "fordjupning.pptx")
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:
                assert shape.left >= 0 and shape.top >= 0
                assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height


# ------------------------------------------------------------------ accessibility and validity

def check_accessible(path: Path, language: str) -> None:
    prs = Presentation(path)
    tag = LANG_TAGS[language]
    props = prs.core_properties
    assert props.title and props.language == tag and props.author
    assert props.created == props.modified
    for number, slide in enumerate(prs.slides, start=1):
        tree = slide.shapes._spTree
        shapes = [child for child in tree if child.tag in (qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:grpSp"))]
        first = shapes[0].find(f".//{qn('p:ph')}")
        assert first is not None and first.get("type") in ("title", "ctrTitle"), f"{path}:{number} title not first"
        ids = [int(e.get("id")) for e in slide._element.iter(qn("p:cNvPr"))]
        assert len(ids) == len(set(ids)), f"{path}:{number} repeated shape ids"
        for pic in slide._element.iter(qn("p:pic")):
            assert pic.find(f".//{qn('p:cNvPr')}").get("descr"), f"{path}:{number} picture without alt text"
        parts = [slide._element]
        if slide.has_notes_slide:
            notes = slide.notes_slide
            assert notes.part.part_related_by(RT.NOTES_MASTER) is prs.notes_master.part
            parts.append(notes._element)
        for element in parts:
            for run in list(element.iter(qn("a:r"))) + list(element.iter(qn("a:fld"))):
                assert run.find(qn("a:rPr")).get("lang") == tag, f"{path}:{number} run without language"
            for paragraph in element.iter(qn("a:p")):
                end = paragraph.find(qn("a:endParaRPr"))
                assert end is not None and end.get("lang") == tag, f"{path}:{number} paragraph end without language"
            for placeholder in element.iter(qn("p:sp")):
                body = placeholder.find(qn("p:txBody"))
                ph = placeholder.find(f".//{qn('p:ph')}")
                if body is not None and ph is not None and ph.get("type") not in ("sldImg",):
                    assert element_text(body).strip() or ph.get("type") == "sldNum", \
                        f"{path}:{number} empty placeholder left on the slide"


def test_every_deck_is_accessible(small_site: Path, decks_site: Path) -> None:
    decks = all_decks(small_site) + all_decks(decks_site)
    assert len(decks) >= 10
    for path in decks:
        check_accessible(path, path.relative_to(path.parents[1] if path.parent.name != "sessions" else path.parents[2]).parts[0])


def test_every_deck_has_footer_and_slide_number(decks_site: Path) -> None:
    prs = Presentation(decks_site / "decks" / "en" / "fordjupning.pptx")
    for number, slide in enumerate(prs.slides, start=1):
        kinds = {ph.get("type"): element_text(sp) for sp in slide.shapes._spTree.iter(qn("p:sp"))
                 for ph in sp.iter(qn("p:ph"))}
        if slide.slide_layout.name == "title":
            continue
        assert kinds.get("ftr") == "The test programme" and kinds.get("sldNum") == str(number)


def test_extended_properties_count_the_deck_as_drawn(decks_site: Path, small_site: Path) -> None:
    # docProps/app.xml: slide count, slide titles and notes count of this deck, module and session decks alike.
    import zipfile

    from lxml import etree

    vt = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
    app = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    decks = all_decks(decks_site) + all_decks(small_site)
    assert any("/sessions/" in str(path) for path in decks)
    for path in decks:
        prs = Presentation(str(path))
        with zipfile.ZipFile(path) as package:
            root = etree.fromstring(package.read("docProps/app.xml"))
        assert root.findtext(f"{app}Slides") == str(len(prs.slides)), path
        assert root.findtext(f"{app}Notes") == str(sum(1 for slide in prs.slides if slide.has_notes_slide)), path
        listed = [element.text for element in root.find(f"{app}TitlesOfParts").iter(f"{vt}lpstr")]
        assert listed == titles(prs), path
        assert root.findtext(f"{app}PresentationFormat") == "Widescreen"


def test_template_has_named_layouts_and_is_reproducible() -> None:
    prs = Presentation(TEMPLATE_PATH)
    assert {layout.name for layout in prs.slide_layouts} == LAYOUT_NAMES
    assert prs.notes_master is not None and len(prs.slides) == 0
    assert make_template() == TEMPLATE_PATH.read_bytes(), "template.pptx is stale: run make_template"


# ------------------------------------------------------------------ session decks

def test_session_decks_only_for_upcoming_sessions(decks_site: Path) -> None:
    found = sorted(str(p.relative_to(decks_site / "decks")) for p in (decks_site / "decks").rglob("sessions/*.pptx"))
    assert found == [f"{lang}/sessions/{sid}.pptx" for lang in ("en", "sv")
                     for sid in ("2027-02-fordjupning-halmstad", "2027-05-fordjupning-online")]


@pytest.mark.parametrize(("language", "when", "where", "times"), [
    ("sv", "torsdag 11 februari 2027, kl. 09.00–12.15", "Stadsbiblioteket, Axel Olssons gata 2, 302 27 Halmstad", ("09.00–09.15", "12.00–12.15")),
    ("en", "Thursday 11 February 2027, 09:00–12:15", "Stadsbiblioteket, Axel Olssons gata 2, 302 27 Halmstad", ("09:00–09:15", "12:00–12:15")),
])
def test_session_deck_title_and_clock_agenda(decks_site: Path, language: str, when: str, where: str, times: tuple[str, str]) -> None:
    prs = Presentation(decks_site / "decks" / language / "sessions" / "2027-02-fordjupning-halmstad.pptx")
    slides = list(prs.slides)
    subtitle = body_text(slides[0])
    assert subtitle[:2] == [when, where]
    assert "Anna Exempel (Region Halland)" in subtitle[2] and "Bo Prov (Halmstads kommun)" in subtitle[2]
    agenda_word = {"sv": "Program", "en": "Agenda"}[language]
    agenda = [row for s in slides if s.shapes.title.text_frame.text.startswith(agenda_word) for row in timetable_rows(s)]
    assert len(agenda) == 13
    assert agenda[0][0] == times[0] and agenda[-1][0] == times[1]
    assert prs.core_properties.title.startswith("Fördjupning: samtal" if language == "sv" else "Deep dive: conversations")


def test_online_session_deck_says_online(decks_site: Path) -> None:
    for language, word in (("sv", "Digitalt"), ("en", "Online")):
        prs = Presentation(decks_site / "decks" / language / "sessions" / "2027-05-fordjupning-online.pptx")
        assert body_text(prs.slides[0])[1] == word


def test_date_formats_are_written_out() -> None:
    day = dt.date(2027, 2, 11)
    assert session_when(day, dt.time(9), dt.time(16), "sv") == "torsdag 11 februari 2027, kl. 09.00–16.00"
    assert session_when(day, dt.time(9), dt.time(16), "en") == "Thursday 11 February 2027, 09:00–16:00"


def slide_parts(prs) -> list[tuple[bytes, bytes | None]]:
    """(slide XML, notes XML or None) of every slide, as stored."""
    return [(slide.part.blob, slide.notes_slide.part.blob if slide.has_notes_slide else None) for slide in prs.slides]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("session_id", ["2027-02-fordjupning-halmstad", "2027-05-fordjupning-online"])
def test_session_deck_is_the_module_deck_but_title_and_agenda(decks_site: Path, session_id: str, language: str) -> None:
    module = Presentation(decks_site / "decks" / language / "fordjupning.pptx")
    session = Presentation(decks_site / "decks" / language / "sessions" / f"{session_id}.pptx")
    assert titles(session) == titles(module)
    assert [s.slide_layout.name for s in session.slides] == [s.slide_layout.name for s in module.slides]
    agenda_word = {"sv": "Program", "en": "Agenda"}[language]
    differing = [number for number, (ours, theirs) in enumerate(zip(slide_parts(session), slide_parts(module)), start=1)
                 if ours != theirs]
    agenda = [number for number, title in enumerate(titles(module), start=1) if title.startswith(agenda_word)]
    assert differing == [1, *agenda]
    for number, (ours, theirs) in enumerate(zip(session.slides, module.slides), start=1):
        assert ours.has_notes_slide and theirs.has_notes_slide
        same = ours.notes_slide.notes_text_frame.text == theirs.notes_slide.notes_text_frame.text
        # The title slide's and the agenda's scripts speak of the session's date and clock times.
        assert same == (number not in (1, agenda[0])), number
    for number in differing:
        ours, theirs = session.slides[number - 1], module.slides[number - 1]
        assert (body_text(ours), timetable_rows(ours)) != (body_text(theirs), timetable_rows(theirs))
    assert session.core_properties.title != module.core_properties.title
    assert session.core_properties.subject == module.core_properties.subject


def session_jobs(content: Path, today: dt.date):
    """(session job, its module's job) of every session deck of ``content``."""
    catalog = load_catalog(content)
    jobs = deck_jobs(catalog, today)
    modules = {(job.module.id, job.language): job for job in jobs if job.session is None}
    return [(job, modules[(job.module.id, job.language)]) for job in jobs if job.session is not None]


def test_derived_session_deck_equals_the_deck_drawn_whole() -> None:
    template = TEMPLATE_PATH.read_bytes()
    # every-field: a logo on the title and closing slides, a QR code on the closing slide.
    pairs = (session_jobs(DECKS, DECKS_TODAY) + session_jobs(SMALL, dt.date(2027, 3, 1))
             + session_jobs(EVERY_FIELD, dt.date(2027, 1, 1)))
    assert len(pairs) == 10
    for job, module_job in pairs:
        derived = session_deck(job, module_job, render_members(module_job, template), template)
        assert derived == render_deck(job, template), job.target


def test_session_deck_with_logo_and_qr_code_is_derived_not_drawn_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The swapped title and closing slides refer to the module deck's logo picture: no fallback."""
    import generator.rendering.decks.session as session

    template = TEMPLATE_PATH.read_bytes()
    drawn_whole = []
    monkeypatch.setattr(session, "render_deck", lambda job, template: drawn_whole.append(job.target))
    pairs = session_jobs(EVERY_FIELD, dt.date(2027, 1, 1))
    for job, module_job in pairs:
        assert session.session_deck(job, module_job, render_members(module_job, template), template)
    assert drawn_whole == []


def test_rebuild_with_logo_and_qr_codes_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        build(EVERY_FIELD, out, today=dt.date(2027, 1, 1), stages=("decks",), log=quiet)
    decks = all_decks(first / "site")
    assert len(decks) == 6
    for path in decks:
        assert path.read_bytes() == (second / "site" / path.relative_to(first / "site")).read_bytes(), path


def test_session_deck_is_drawn_whole_when_a_changed_slide_has_a_picture(small_content: Path) -> None:
    module = small_content / "modules" / "frukost.yaml"
    data = yaml.safe_load(module.read_text(encoding="utf-8"))
    picture = DECKS / "modules" / "fordjupning" / "staplar.png"
    (small_content / "modules" / "frukost").mkdir(exist_ok=True)
    (small_content / "modules" / "frukost" / "staplar.png").write_bytes(picture.read_bytes())
    assert data["slides"][0]["layout"] == "title"
    data["slides"][0]["image"] = "modules/frukost/staplar.png"
    data["slides"][0]["alt"] = {"sv": "Fyra staplar.", "en": "Four bars."}
    module.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    template = TEMPLATE_PATH.read_bytes()
    (job, module_job), = [pair for pair in session_jobs(small_content, dt.date(2027, 3, 1)) if pair[0].language == "sv"]
    derived = session_deck(job, module_job, render_members(module_job, template), template)
    assert derived == render_deck(job, template)
    prs = Presentation(io.BytesIO(derived))
    assert [shape._element.nvPicPr.cNvPr.get("descr") for shape in prs.slides[0].shapes if shape.shape_type == 13] \
        == ["Fyra staplar."]


# ------------------------------------------------------------------ reproducible and cached

def test_rebuild_is_byte_identical_and_cached(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(DECKS, first, today=DECKS_TODAY, stages=("decks",), log=quiet)
    build(DECKS, second, today=DECKS_TODAY, stages=("decks",), log=quiet)
    decks = all_decks(first / "site")
    assert decks
    for path in decks:
        twin = second / "site" / path.relative_to(first / "site")
        assert path.read_bytes() == twin.read_bytes(), path
    messages: list[str] = []
    # force: skip the pipeline's whole-build shortcut, so the deck stage itself runs.
    build(DECKS, first, today=DECKS_TODAY, stages=("decks",), log=messages.append, force=True)
    assert f"decks: 0 rendered, {len(decks)} unchanged (from cache)" in messages
    for path in all_decks(first / "site"):
        assert path.read_bytes() == (second / "site" / path.relative_to(first / "site")).read_bytes()


def test_changed_module_rerenders_only_its_decks(tmp_path: Path, small_content: Path) -> None:
    build(small_content, tmp_path, today=dt.date(2027, 3, 1), stages=("decks",), log=quiet)
    module = small_content / "modules" / "frukost.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("Framtida rekrytering.", "Framtida kompetens."), encoding="utf-8")
    messages: list[str] = []
    build(small_content, tmp_path, today=dt.date(2027, 3, 1), stages=("decks",), log=messages.append, force=True)
    # frukost: two module decks and two session decks; grunddag's two are unchanged.
    assert "decks: 4 rendered, 2 unchanged (from cache)" in messages
    prs = Presentation(tmp_path / "site" / "decks" / "sv" / "frukost.pptx")
    assert any("Framtida kompetens." in body_text(s) for s in prs.slides)


def test_source_date_epoch_sets_document_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    build(SMALL, tmp_path, today=dt.date(2027, 3, 1), stages=("decks",), log=quiet)
    props = Presentation(tmp_path / "site" / "decks" / "sv" / "grunddag.pptx").core_properties
    assert props.modified == dt.datetime(2026, 1, 1) and props.created == dt.datetime(2026, 1, 1)


# ------------------------------------------------------------------ an organisation's own template

def test_own_template_must_keep_the_layout_names(tmp_path: Path, small_content: Path) -> None:
    prs = Presentation(TEMPLATE_PATH)
    prs.slide_layouts.get_by_name("exercise")._element.find(qn("p:cSld")).set("name", "Övningsbild")
    (small_content / "templates").mkdir()
    prs.save(small_content / "templates" / "deck.pptx")
    # The loader refuses it, so check says so before a build starts, naming the file.
    with pytest.raises(ContentErrors) as refused:
        build(small_content, tmp_path, today=dt.date(2027, 3, 1), stages=("decks",), log=quiet)
    assert [str(e) for e in refused.value.errors] == [
        f"{small_content / 'templates' / 'deck.pptx'}:1:1: the template has no slide layout named exercise; "
        "rename its layouts in PowerPoint (View > Slide Master) to title, section, content, exercise, image, closing"
    ]
    assert not (tmp_path / "site").exists()


def test_own_template_is_used(tmp_path: Path, small_content: Path) -> None:
    prs = Presentation(TEMPLATE_PATH)
    prs.slide_master.shapes[0].text_frame.text = "Organisation"  # any visible change
    prs.slide_layouts.get_by_name("content")._element.find(qn("p:cSld")).set("name", "content")
    (small_content / "templates").mkdir()
    prs.save(small_content / "templates" / "deck.pptx")
    build(small_content, tmp_path, today=dt.date(2027, 3, 1), stages=("decks",), log=quiet)
    deck = Presentation(tmp_path / "site" / "decks" / "sv" / "grunddag.pptx")
    assert any(s.has_text_frame and s.text_frame.text == "Organisation" for s in deck.slide_master.shapes)


def test_shipped_decks_follow_their_yaml(tmp_path: Path) -> None:
    """The shipped content, when it loads: every deck accessible, module decks in YAML order."""
    build(REPO / "content", tmp_path, today=dt.date(2026, 12, 1), stages=("decks",), log=quiet)
    site = tmp_path / "site"
    for path in all_decks(site):
        language = path.relative_to(site / "decks").parts[0]
        check_accessible(path, language)
        if path.parent.name == language:
            data = module_yaml(REPO / "content", path.stem)
            shown = [re.sub(r" \(((forts\.|cont\.)( \d+)?|\d+)\)$", "", t) for t in titles(Presentation(path))]
            yaml_titles = [s["title"][language] for s in data["slides"]]
            # The YAML slides appear in order; only generated and continuation slides come between.
            remaining = iter(shown)
            assert all(title in remaining for title in yaml_titles), path
            assert shown[0] == yaml_titles[0] and shown[-1] == yaml_titles[-1]
