"""Printed documents: built by the real pipeline (Typst), read back with pikepdf and pdftotext."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml

from generator import urls
from generator.dates import long_date, short_date, time_range, when
from generator.loading import load_catalog
from generator.pipeline import build
from generator.rendering.print import print_jobs
from generator.rendering.print.documents import MAX_FLYER_DATES
from generator.rendering.print.markup import plain

REPO = Path(__file__).resolve().parent.parent
SITE_FIXTURE = REPO / "tests" / "fixtures" / "site"
ARTIFACTS = REPO / "test-artifacts" / "print"
TODAY = dt.date(2027, 3, 1)  # the February session is past, Varberg's is cancelled
HOSTILE = '#read("/etc/passwd") ] $x$ <script>alert(1)</script> *[a]*'
LONG_MODULE = "lang-modul"
BIG_SESSION = "2027-06-lang-varberg"
SLIDES = 40
CAPACITY = 60
NUMBERED_MODULE = "steg-modul"
NUMBERED_NOTES = {
    "sv": "Gör så här:\n\n1. Hälsa **alla** välkomna\n   vid dörren.\n2. Presentera dagen.\n3. Fråga om förväntningar.",
    "en": "Do this:\n\n1. Welcome **everyone**\n   at the door.\n2. Present the day.\n3. Ask about expectations.",
}
BRAND = "#7a1f5c"  # the fixture's primary colour: (122, 31, 92)
DEFAULT_PRIMARY = "#00586e"  # the templates' own primary colour
LOGO_WORD = "Logotypord"  # a word drawn by the fixture's SVG logo
CANARY = "CANARY-FRITEXT-7731"  # a free-text answer: in the unpublished report, never in the site
EVALUATION_URL = "https://forms.example.org/utv?tillfalle={session}"
EVALUATION_YAML = f"""evaluation:
  url: {EVALUATION_URL}
  questions:
    - {{id: helhet, scale: 5, text: {{sv: "Hur nöjd är du med dagen?", en: "How satisfied are you with the day?"}}}}
    - {{id: nytta, scale: 5, text: {{sv: "Hur användbart var det?", en: "How useful was it?"}}}}
    - {{id: tempo, scale: 4, text: {{sv: "Hur var tempot?", en: "How was the pace?"}}}}
    - {{id: kommentar, text: {{sv: "Vad vill du säga till oss?", en: "What would you like to tell us?"}}}}
"""
ANSWERS = {  # session id: CSV text (the separators and the BOM as form tools write them)
    "2027-02-grunddag-halmstad": "helhet,nytta,tempo,kommentar\n5,4,2,Bra dag.\n4,4,3,\n4,3,,\"Mer fika,\ntack\"\n"
                                 f"5,,3,{CANARY}\n3,5,,\n5,4,4,\n",
    "2027-04-grunddag-halmstad": "\ufeffhelhet;kommentar;nytta\n1;Kort;2\n2;;2\n2;;3\n",
}
LOGO_SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 80">
  <rect x="0" y="0" width="80" height="80" rx="12" fill="{BRAND}"/>
  <text x="95" y="52" font-family="Liberation Sans" font-size="28" fill="{BRAND}">{LOGO_WORD}</text>
</svg>
"""


def quiet(message: str) -> None:
    pass


def write_print_content(target: Path) -> Path:
    """The site fixture plus a 40-slide module with a hostile title and a session for 60."""
    shutil.copytree(SITE_FIXTURE, target)
    slides = [{"layout": "title", "title": {"sv": HOSTILE, "en": HOSTILE}}]
    for number in range(2, SLIDES + 1):
        sentence = {lang: " ".join(f"{word} {number}-{part}" for part in range(1, 25))
                    for lang, word in (("sv", "Anteckning"), ("en", "Note"))}
        slides.append({
            "layout": "content",
            "title": {"sv": f"Bild nummer {number}", "en": f"Slide number {number}"},
            "body": {"sv": f"- Punkt {number}\n  - Underpunkt {number}", "en": f"- Point {number}\n  - Sub-point {number}"},
            "notes": sentence,
        })
    module = {
        "kind": "deep-dive",
        "title": {"sv": HOSTILE, "en": HOSTILE},
        "summary": {"sv": "En lång modul.", "en": "A long module."},
        "audience": {"sv": "Handledare", "en": "Supervisors"},
        "duration_minutes": 210,
        "delivery": ["on-site"],
        "objectives": [{"sv": "Du kan läsa ett långt manus.", "en": "You can read a long script."}],
        "agenda": [{"minutes": 210, "title": {"sv": "Genomgång", "en": "Walk-through"}}],
        "slides": slides,
    }
    (target / "modules" / f"{LONG_MODULE}.yaml").write_text(yaml.safe_dump(module, allow_unicode=True), encoding="utf-8")
    steps = dict(module, kind="network", title={"sv": "Steg för steg", "en": "Step by step"}, slides=[
        {"layout": "title", "title": {"sv": "Steg", "en": "Steps"}},
        {"layout": "content", "title": {"sv": "Ordning", "en": "Order"}, "body": {"sv": "Tre steg", "en": "Three steps"},
         "notes": NUMBERED_NOTES},
    ])
    (target / "modules" / f"{NUMBERED_MODULE}.yaml").write_text(yaml.safe_dump(steps, allow_unicode=True), encoding="utf-8")
    (target / "assets").mkdir()
    (target / "assets" / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    site_yaml = target / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + f'logo: assets/logo.svg\nbrand: {{primary: "{BRAND}"}}\n'
                         + EVALUATION_YAML, encoding="utf-8")
    (target / "evaluations").mkdir()
    for session_id, answers in ANSWERS.items():
        (target / "evaluations" / f"{session_id}.csv").write_text(answers, encoding="utf-8")
    sessions = target / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8") + f"""
  - id: {BIG_SESSION}
    module: {LONG_MODULE}
    date: 2027-06-10
    start: "09:00"
    end: "12:30"
    venue: stadshus-varberg
    language: sv
    trainers: [anna]
    capacity: {CAPACITY}
    status: scheduled
    internal: PRIVATE-NOTE-NEVER-PRINTED
""", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_print_content(tmp_path_factory.mktemp("print-content") / "content")


@pytest.fixture(scope="module")
def catalog(content: Path):
    return load_catalog(content)


@pytest.fixture(scope="module")
def out(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("print-build")
    build(content, out, today=TODAY, stages=("print",), log=quiet)
    return out


@pytest.fixture(scope="module")
def site(out: Path) -> Path:
    return out / "site"


def pdfs(site: Path) -> list[Path]:
    return sorted((site / "print").rglob("*.pdf"))


def text_of(path: Path) -> str:
    """The PDF's text as pdftotext reads it, whitespace collapsed (line breaks are layout)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


def lines_of(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True)
    return [line.strip() for line in out.stdout.splitlines()]


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_published_pdf_is_one_the_model_asks_for(site: Path, catalog) -> None:
    expected = {job.target for job in print_jobs(catalog, TODAY)}
    written = {str(path.relative_to(site)) for path in pdfs(site)}
    assert written == expected
    for language in catalog.site.languages:
        assert urls.print_flyer(language).lstrip("/") in written
        for slug in ("halmstad", "varberg", "angelholm"):
            assert urls.print_flyer(language, slug).lstrip("/") in written
        for module_id in catalog.modules:
            assert urls.print_script(language, module_id).lstrip("/") in written
        assert urls.print_attendance(language, BIG_SESSION).lstrip("/") in written
        assert urls.print_certificate(language, BIG_SESSION).lstrip("/") in written
        # past and cancelled sessions get no attendance list or certificate
        for session_id in ("2027-02-grunddag-halmstad", "2027-10-grunddag-varberg"):
            assert urls.print_attendance(language, session_id).lstrip("/") not in written
            assert urls.print_certificate(language, session_id).lstrip("/") not in written


def embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_of(pdf: pikepdf.Pdf):
    """Every font of every page, also inside form XObjects."""
    seen: set = set()

    def walk(resources):
        if resources is None:
            return
        for font in (resources.get("/Font") or {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from walk(xobject.get("/Resources"))

    for page in pdf.pages:
        yield from walk(page.obj.get("/Resources"))


def test_every_pdf_is_tagged_titled_in_its_language_with_embedded_fonts(site: Path) -> None:
    files = pdfs(site)
    assert len(files) > 20
    for path in files:
        language = path.relative_to(site / "print").parts[0]
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert "/StructTreeRoot" in root, path
            assert root.StructTreeRoot.get("/K") is not None, path
            assert bool(root.MarkInfo.Marked), path
            assert str(root.Lang) == language, path
            assert bool(root.ViewerPreferences.DisplayDocTitle), path
            title = str(pdf.docinfo["/Title"])
            assert title.strip(), path
            meta = pdf.open_metadata()
            assert meta["dc:title"] == title, path
            assert meta["pdfuaid:part"] == "1", path
            fonts = list(fonts_of(pdf))
            assert fonts, path
            assert all(embedded(font) for font in fonts), (path, [str(f.get("/BaseFont")) for f in fonts])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_attendance_list_carries_the_session_and_a_row_per_place(site: Path, catalog, language: str) -> None:
    for session in catalog.upcoming(TODAY):
        if session.is_cancelled:
            continue
        path = site / urls.print_attendance(language, session.id).lstrip("/")
        text = text_of(path)
        assert long_date(session.date, language) in text
        assert time_range(session.start, session.end, language) in text
        venue = catalog.venue_of(session)
        if venue:
            assert flat(f"{venue.name[language]}, {venue.address}") in text
        for trainer in catalog.trainers_of(session):
            assert trainer.name in text
        rows = session.capacity or 25
        numbers = {line for line in lines_of(path) if line.isdigit()}
        assert {str(n) for n in range(1, rows + 1)} <= numbers
        assert str(rows + 1) not in numbers


def test_capacity_sixty_paginates_with_every_row(site: Path) -> None:
    path = site / urls.print_attendance("sv", BIG_SESSION).lstrip("/")
    assert page_count(path) >= 3
    lines = lines_of(path)
    assert [line for line in lines if line.isdigit() and 1 <= int(line) <= CAPACITY] == [str(n) for n in range(1, CAPACITY + 1)]
    # the column headings repeat on every page
    assert lines.count("Namnteckning") == page_count(path)
    assert f"Sida {page_count(path)} av {page_count(path)}" in lines


@pytest.mark.parametrize("language", ["sv", "en"])
def test_flyers_list_the_next_dates_of_their_municipality(site: Path, catalog, language: str) -> None:
    upcoming = [s for s in catalog.upcoming(TODAY) if not s.is_cancelled]
    general = text_of(site / urls.print_flyer(language).lstrip("/"))
    for session in upcoming[:MAX_FLYER_DATES]:
        assert when(session.date, session.start, session.end, language) in general
    assert catalog.site.contact.email in general
    for slug, place in (("halmstad", "Halmstad"), ("varberg", "Varberg"), ("angelholm", "Ängelholm")):
        path = site / urls.print_flyer(language, slug).lstrip("/")
        assert page_count(path) <= 2
        text = text_of(path)
        for session in catalog.sessions:
            shown = when(session.date, session.start, session.end, language) in text
            listed = session in upcoming and catalog.municipality_of(session) == place
            assert shown == listed, (slug, session.id)
        assert urls.absolute(catalog.site, urls.municipality_page(catalog.site, language, slug)) in text.replace(" ", "")


def test_every_flyer_fits_one_page(site: Path) -> None:
    for path in (site / "print").glob("*/flyer*.pdf"):
        assert page_count(path) == 1, path
    for path in (site / "print").glob("*/flyer/*.pdf"):
        assert page_count(path) == 1, path


@pytest.mark.parametrize("language", ["sv", "en"])
def test_script_carries_every_slide_and_its_notes(site: Path, catalog, language: str) -> None:
    for module in catalog.modules.values():
        path = site / urls.print_script(language, module.id).lstrip("/")
        text = text_of(path)
        for slide in module.slides:
            assert flat(slide.title[language]) in text, (module.id, slide.title[language])
            if slide.notes:
                assert flat(plain(slide.notes[language])) in text, (module.id, slide.notes[language])
        for objective in module.objectives:
            assert flat(plain(objective[language])) in text
        for item in module.agenda:
            assert item.title[language] in text
        for material in module.materials:
            assert material.title[language] in text


def test_forty_slides_paginate_in_order(site: Path, catalog) -> None:
    path = site / urls.print_script("en", LONG_MODULE).lstrip("/")
    pages = page_count(path)
    assert pages >= 10
    text = text_of(path)
    positions = [text.index(f"Slide {n} of {SLIDES} ") for n in range(1, SLIDES + 1)]
    assert positions == sorted(positions)
    module = catalog.modules[LONG_MODULE]
    for slide in module.slides[1:]:
        assert flat(slide.notes["en"]) in text  # every word of every note, none cut off
        assert slide.body["en"].split("\n")[1].strip("- ") in text  # the second-level bullet
    assert f"Page {pages} of {pages}" in text


def test_hostile_title_prints_as_text(site: Path) -> None:
    for language in ("sv", "en"):
        for target in (urls.print_script(language, LONG_MODULE), urls.print_attendance(language, BIG_SESSION),
                       urls.print_certificate(language, BIG_SESSION)):
            path = site / target.lstrip("/")
            # a title may wrap at any break opportunity (after '/'): compare without the spaces
            assert HOSTILE.replace(" ", "") in text_of(path).replace(" ", ""), target
            with pikepdf.open(path) as pdf:
                assert HOSTILE in str(pdf.docinfo["/Title"])
    assert "root:" not in text_of(site / urls.print_script("en", LONG_MODULE).lstrip("/"))


def test_internal_notes_never_print(site: Path) -> None:
    for path in pdfs(site):
        assert "PRIVATE-NOTE-NEVER-PRINTED" not in text_of(path)
        assert b"PRIVATE-NOTE" not in path.read_bytes()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_certificate_names_module_date_length_objectives_trainers_organiser(site: Path, catalog, language: str) -> None:
    session = catalog.session("2027-04-grunddag-halmstad")
    module = catalog.module_of(session)
    path = site / urls.print_certificate(language, session.id).lstrip("/")
    assert page_count(path) == 1
    text = text_of(path)
    assert module.title[language] in text
    assert long_date(session.date, language) in text
    assert {"sv": "7 timmar", "en": "7 hours"}[language] in text
    for objective in module.objectives:
        assert flat(plain(objective[language])) in text
    for trainer in catalog.trainers_of(session):
        assert trainer.name in text
    assert catalog.site.organiser in text
    assert {"sv": "Deltagarens namn", "en": "Participant's name"}[language] in text
    long_one = text_of(site / urls.print_certificate(language, BIG_SESSION).lstrip("/"))
    assert {"sv": "3,5 timmar", "en": "3.5 hours"}[language] in long_one


def test_rebuild_is_byte_identical_and_honours_source_date_epoch(out: Path, site: Path, content: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    again = tmp_path / "again"
    build(content, again, today=TODAY, stages=("print",), log=quiet)
    first = {p.relative_to(site): p.read_bytes() for p in pdfs(site)}
    second = {p.relative_to(again / "site"): p.read_bytes() for p in pdfs(again / "site")}
    assert first == second
    for report in ("evaluation.sv.pdf", "evaluation.en.pdf"):
        assert (out / "reports" / report).read_bytes() == (again / "reports" / report).read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    dated = tmp_path / "dated"
    build(content, dated, today=TODAY, stages=("print",), log=quiet)
    for path in pdfs(dated / "site"):
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260101000000")
            assert str(pdf.docinfo["/ModDate"]).startswith("D:20260101000000")
            assert pdf.open_metadata()["xmp:CreateDate"].startswith("2026-01-01T00:00:00")


def test_one_page_of_each_kind_renders_to_png(out: Path, site: Path) -> None:
    """Pictures to look at (test-artifacts/print/): the first pages of each kind of document."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chosen = {
        "evaluation": (urls.print_evaluation("sv", "2027-04-grunddag-halmstad"), 1),
        "script-numbered": (urls.print_script("en", NUMBERED_MODULE), 2),
        "script": (urls.print_script("sv", "grunddag"), 2),
        "script-long": (urls.print_script("en", LONG_MODULE), 3),
        "flyer": (urls.print_flyer("sv", "halmstad"), 1),
        "flyer-en": (urls.print_flyer("en"), 1),
        "attendance": (urls.print_attendance("sv", BIG_SESSION), 3),
        "certificate": (urls.print_certificate("en", "2027-04-grunddag-halmstad"), 1),
        "report": ("reports/evaluation.sv.pdf", 2),
    }
    for name, (target, pages) in chosen.items():
        prefix = ARTIFACTS / name
        source = out / target if target.startswith("reports/") else site / target.lstrip("/")
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", str(pages),
                        str(source), str(prefix)], check=True)
        pictures = sorted(ARTIFACTS.glob(f"{name}-*.png"))
        assert len(pictures) >= 1 and all(p.stat().st_size > 5000 for p in pictures), name


def test_a_forced_rebuild_takes_unchanged_pdfs_from_the_cache(tmp_path: Path) -> None:
    content = write_print_content(tmp_path / "content")
    out = tmp_path / "out"
    build(content, out, today=TODAY, stages=("print",), log=quiet)
    first = {p.relative_to(out / "site"): p.read_bytes() for p in pdfs(out / "site")}
    module = content / "modules" / "frukost.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("Berätta", "Berätta gärna"), encoding="utf-8")
    messages: list[str] = []
    build(content, out, today=TODAY, stages=("print",), log=messages.append, force=True)
    summary = next(line for line in messages if "compiled" in line)
    reports = len(list((out / "reports").glob("*.pdf")))  # unchanged too: no answers changed
    assert reports == 2
    assert summary.endswith(f"; 1 compiled, {len(first) + reports - 1} unchanged (from cache)"), summary
    second = {p.relative_to(out / "site"): p.read_bytes() for p in pdfs(out / "site")}
    changed = {str(path) for path in first if first[path] != second[path]}
    assert changed == {urls.print_script("sv", "frukost").lstrip("/")}
    assert len(list((out / "cache" / "print").glob("*.pdf"))) == len(second) + reports


def test_shipped_content_flyers_certificates_and_evaluation_forms_fit_one_page(tmp_path: Path) -> None:
    build(REPO / "content", tmp_path, today=dt.date(2026, 12, 1), stages=("print",), log=quiet)
    flyers = sorted((tmp_path / "site" / "print").glob("*/flyer*.pdf")) + sorted((tmp_path / "site" / "print").glob("*/flyer/*.pdf"))
    certificates = sorted((tmp_path / "site" / "print").glob("*/certificate/*.pdf"))
    forms = sorted((tmp_path / "site" / "print").glob("*/evaluation/*.pdf"))
    assert len(flyers) >= 4 and certificates and len(forms) == len(certificates)
    for path in flyers + certificates + forms:
        assert page_count(path) == 1, path
    # the report: figures once answers are committed, until then a line that says there are none
    answered = any((REPO / "content" / "evaluations").glob("*.csv"))
    assert ("Antal svar" if answered else "Det finns inga svar ännu.") in text_of(tmp_path / "reports" / "evaluation.sv.pdf")
    assert ("Answers" if answered else "There are no answers yet.") in text_of(tmp_path / "reports" / "evaluation.en.pdf")


def colours_of(path: Path) -> set[tuple[int, int, int]]:
    """Every RGB fill and stroke colour set on the PDF's pages, as 0..255 triples."""
    found = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "RG", "sc", "SC", "scn", "SCN") and len(operands) == 3:
                    found.add(tuple(round(float(value) * 255) for value in operands))
    return found


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def figures(path: Path) -> list[str]:
    """The alternative texts of the tagged figures."""
    alts: list[str] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if node.get("/K") is not None:
                walk(node.K)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return alts


@pytest.mark.parametrize("language", ["sv", "en"])
def test_numbered_notes_print_as_a_numbered_list(site: Path, language: str) -> None:
    lines = [line for line in lines_of(site / urls.print_script(language, NUMBERED_MODULE).lstrip("/")) if line]
    first, second, third = {
        "sv": ("1. Hälsa alla välkomna vid dörren.", "2. Presentera dagen.", "3. Fråga om förväntningar."),
        "en": ("1. Welcome everyone at the door.", "2. Present the day.", "3. Ask about expectations."),
    }[language]
    start = lines.index(first)  # the wrapped source line joined into its item, the item on a line of its own
    assert lines[start + 1:start + 3] == [second, third]
    assert plain(NUMBERED_NOTES[language]).split("\n\n")[1:] == [first, second, third]


def test_certificate_flyer_and_form_carry_the_logo_and_the_brand_colour(site: Path, catalog) -> None:
    organiser = catalog.site.organiser
    for language in ("sv", "en"):
        certificate = site / urls.print_certificate(language, BIG_SESSION).lstrip("/")
        flyers = [site / urls.print_flyer(language).lstrip("/"), site / urls.print_flyer(language, "varberg").lstrip("/")]
        assert organiser in figures(certificate)  # the logo, named by the organiser
        for path in [certificate, *flyers, site / urls.print_evaluation(language, BIG_SESSION).lstrip("/")]:
            assert organiser in figures(path), path  # the logo, named by the organiser
            assert LOGO_WORD in text_of(path), path
            colours = colours_of(path)
            assert rgb(BRAND) in colours, path
            assert rgb(DEFAULT_PRIMARY) not in colours, path
        script = site / urls.print_script(language, NUMBERED_MODULE).lstrip("/")
        assert rgb(BRAND) in colours_of(script)  # headings in the brand's colour


def test_a_png_logo_and_no_brand_colour(tmp_path: Path) -> None:
    from PIL import Image

    content = tmp_path / "content"
    shutil.copytree(SITE_FIXTURE, content)
    (content / "assets").mkdir()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(content / "assets" / "logo.png")
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "logo: assets/logo.png\n", encoding="utf-8")
    catalog = load_catalog(content)
    build(content, tmp_path / "out", today=TODAY, stages=("print",), log=quiet)
    certificate = tmp_path / "out" / "site" / urls.print_certificate("en", "2027-04-grunddag-halmstad").lstrip("/")
    with pikepdf.open(certificate) as pdf:
        images = [x for x in (pdf.pages[0].Resources.get("/XObject") or {}).values() if x.get("/Subtype") == "/Image"]
        assert [(int(x.Width), int(x.Height)) for x in images] == [(120, 40)]
    assert catalog.site.organiser in figures(certificate)
    assert rgb(DEFAULT_PRIMARY) in colours_of(certificate)
    flyer = tmp_path / "out" / "site" / urls.print_flyer("sv").lstrip("/")
    assert page_count(flyer) == 1


def answers_of(session_id: str) -> list[dict[str, str]]:
    """The fixture's answers read straight from its CSV text, apart from the loader."""
    import csv
    import io

    source = ANSWERS[session_id].lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(source), delimiter=";" if ";" in source.split("\n")[0] else ","))


def expected_rows(sessions: list[list[dict[str, str]]], language: str) -> list[str]:
    """The report's table rows for a group of sessions' answers, computed here: question, how many
    rated it, the mean to one decimal (rounded half up) and the count per rating, or too few. In a
    group of several sessions only those with 5 answers and 5 ratings of a question count for it."""
    questions = yaml.safe_load(EVALUATION_YAML)["evaluation"]["questions"]
    columns = max(q.get("scale", 0) for q in questions)
    too_few = {"sv": "för få svar", "en": "too few answers"}[language]
    out = []
    for question in questions:
        if "scale" not in question:
            continue
        per_session = [[int(row[question["id"]]) for row in rows if row.get(question["id"], "").strip()]
                       for rows in sessions]
        given = [r for rows, ratings in zip(sessions, per_session)
                 if len(sessions) == 1 or (len(rows) >= 5 and len(ratings) >= 5) for r in ratings]
        if len(given) < 5:
            out.append(f"{question['text'][language]} {len(given)} {too_few} " + " ".join(["–"] * columns))
            continue
        tenths = int(sum(given) * 10 / len(given) + 0.5)
        mean = f"{tenths // 10}.{tenths % 10}".replace(".", "," if language == "sv" else ".")
        counts = [str(given.count(value)) for value in range(1, question["scale"] + 1)]
        counts += ["–"] * (columns - question["scale"])
        out.append(f"{question['text'][language]} {len(given)} {mean} " + " ".join(counts))
    return out


def layout_text(path: Path) -> str:
    """The PDF's text with table rows kept on their lines (pdftotext -layout), spaces collapsed per line."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                         text=True)
    return "\n".join(" ".join(line.split()) for line in out.stdout.splitlines())


def in_order(text: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, (piece, text[position:position + 600])
        position = found + len(piece)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_evaluation_report_figures_match_the_answers(out: Path, catalog, language: str) -> None:
    path = out / "reports" / f"evaluation.{language}.pdf"
    text = layout_text(path)
    first, second = ANSWERS  # the first session has 6 answers, the second 3
    together = answers_of(first) + answers_of(second)
    both = [answers_of(first), answers_of(second)]
    answers = {"sv": "Antal svar: {n}", "en": "Answers: {n}"}[language]
    too_few = {"sv": "För få svar för att redovisa.", "en": "Too few answers to report."}[language]
    in_order(text, [
        answers.format(n=len(together)), *expected_rows(both, language),  # the whole programme
        catalog.modules["grunddag"].title[language], answers.format(n=len(together)), *expected_rows(both, language),
        first, answers.format(n=len(answers_of(first))), *expected_rows([answers_of(first)], language),
        second, answers.format(n=3), too_few,
        # free text by session, in the report only
        first, "Bra dag.", "Mer fika,", "tack", CANARY, second, "Kort",
    ])
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == language
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
        assert {"sv": "Utvärderingsrapport", "en": "Evaluation report"}[language] in str(pdf.docinfo["/Title"])


def test_evaluation_report_is_never_published(out: Path, site: Path) -> None:
    reports = out / "reports"
    assert sorted(p.name for p in reports.iterdir()) == ["evaluation.en.pdf", "evaluation.sv.pdf"]
    assert reports.stat().st_mode & 0o777 == 0o700  # free text that may name people: the owner's only
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in reports.iterdir())
    assert site not in reports.parents and reports != site
    assert not [p for p in site.rglob("*") if p.name.startswith("evaluation.")]
    for path in site.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path
            if path.suffix == ".pdf":
                assert CANARY not in text_of(path), path


def test_a_rebuild_without_evaluation_leaves_no_report_and_no_forms(tmp_path: Path) -> None:
    content = write_print_content(tmp_path / "content")
    out = tmp_path / "out"
    build(content, out, today=TODAY, stages=("print",), log=quiet)
    assert len(list((out / "reports").glob("evaluation.*.pdf"))) == 2
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace(EVALUATION_YAML, ""), encoding="utf-8")
    shutil.rmtree(content / "evaluations")
    build(content, out, today=TODAY, stages=("print",), log=quiet)
    assert list((out / "reports").iterdir()) == []
    assert not (out / "site" / "print" / "sv" / "evaluation").exists()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_paper_evaluation_form_per_upcoming_session(site: Path, catalog, language: str) -> None:
    upcoming = [s for s in catalog.upcoming(TODAY) if not s.is_cancelled]
    written = sorted(p.relative_to(site) for p in (site / "print" / language / "evaluation").glob("*.pdf"))
    assert [str(p) for p in written] == sorted(urls.print_evaluation(language, s.id).lstrip("/") for s in upcoming)
    evaluation = catalog.site.evaluation
    low, high = {"sv": ("lägst", "högst"), "en": ("lowest", "highest")}[language]
    for session in upcoming:
        path = site / urls.print_evaluation(language, session.id).lstrip("/")
        assert page_count(path) == 1, path
        text = text_of(path)
        module = catalog.module_of(session)
        assert flat(module.title[language]) in text
        assert long_date(session.date, language) in text
        venue = catalog.venue_of(session)
        assert (flat(f"{venue.name[language]}, {venue.address}") if venue else {"sv": "Digitalt", "en": "Online"}[language]) in text
        assert session.id in text
        for question in evaluation.questions:
            assert question.text[language] in text
        # the boxes' numbers: one row for the two 1..5 questions, one for the 1..4 question
        lines = layout_text(path).splitlines()
        assert lines.count(" ".join(str(n) for n in range(1, 6))) == 1, lines
        assert lines.count(" ".join(str(n) for n in range(1, 5))) == 1, lines
        assert lines.count(f"{low} {high}") == 2, lines
        address = evaluation.url_for(session.id)
        assert address.removeprefix("https://") in text.replace(" ", "")
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == language
            assert module.title[language] in str(pdf.docinfo["/Title"])
        assert {"sv": "QR-kod till utvärderingen på ", "en": "QR code for the evaluation at "}[language] + address \
            in figures(path)


def test_evaluation_form_qr_code_decodes_to_the_sessions_form(site: Path, catalog, tmp_path: Path) -> None:
    session = next(s for s in catalog.upcoming(TODAY) if not s.is_cancelled)
    path = site / urls.print_evaluation("sv", session.id).lstrip("/")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "form")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "form.png")], capture_output=True,
                             text=True, check=True).stdout.split()
    assert decoded == [catalog.site.evaluation.url_for(session.id)]


TYPST_FIRST = """
import datetime as dt, sys
from pathlib import Path
from generator.loading import load_catalog
from generator.pipeline import BuildContext
from generator.rendering.print import render_print
import typst
typst.compile(b"#set page(width: 2cm, height: 2cm)\\nx", format="png")  # starts Typst's thread pool here
catalog = load_catalog(sys.argv[1])
out = Path(sys.argv[2])
render_print(BuildContext(catalog=catalog, site_dir=out / "site", work_dir=out, today=dt.date(2027, 3, 1),
                          log=lambda message: None))
"""


def test_print_stage_after_typst_ran_in_its_process_does_not_hang(content: Path, tmp_path: Path) -> None:
    """Regression: the decks' logo and the site's favicons run Typst in the stage's process first;
    children forked then inherited Typst's thread pool without its threads and waited for ever."""
    completed = subprocess.run([sys.executable, "-c", TYPST_FIRST, str(content),
                                str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert len(list((tmp_path / "out" / "site" / "print").rglob("*.pdf"))) > 20
