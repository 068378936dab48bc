"""The site.yaml fields for look and follow-up (logo, brand, edit_url, evaluation) and places_left."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.colours import contrast
from generator.loading import load_catalog
from generator.loading.svg import SvgProblem, clean_svg

from .test_loading import edit, errors_of, where

GOOD_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title>'
            '<rect width="10" height="10" fill="#00566b"/></svg>')


def add_site_lines(content: Path, lines: str) -> None:
    edit(content, "site.yaml", "organiser: Testförbundet", "organiser: Testförbundet\n" + lines)


def add_logo(content: Path, name: str, data: bytes) -> None:
    (content / "assets").mkdir(exist_ok=True)
    (content / "assets" / name).write_bytes(data)
    add_site_lines(content, f"logo: assets/{name}")


def test_logo_svg_is_kept_rebuilt(small_content: Path) -> None:
    add_logo(small_content, "logo.svg", GOOD_SVG.encode())
    catalog = load_catalog(small_content)
    assert catalog.site.logo == "assets/logo.svg"
    kept = catalog.files["assets/logo.svg"].decode()
    assert "<rect" in kept and 'fill="#00566b"' in kept and "<title>Logo</title>" in kept


@pytest.mark.parametrize("svg, complaint", [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>', "'onload'"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><foreignObject/></svg>', "<foreignObject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">'
     '<use x:href="https://evil.example/x.svg#a"/></svg>', "points at"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect fill="url(https://evil.example/)"/></svg>',
     "refers to"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><a href="#x"><rect/></a></svg>', "<a>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><style>rect{}</style></svg>', "<style>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect style="fill:url(https://evil.example/)"/></svg>',
     "refers to"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect style="fill:u\\rl(https://evil.example/)"/></svg>',
     "backslash"),
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
     '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&a;</text></svg>', "<!DOCTYPE>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "viewBox"),
    ('<html><body/></html>', "element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect', "readable"),
])
def test_logo_svg_outside_the_allowlist_is_refused_with_its_line(small_content: Path, svg: str, complaint: str) -> None:
    add_logo(small_content, "logo.svg", svg.encode())
    errors = errors_of(small_content)
    assert len(errors) == 1
    assert errors[0].startswith(f"{where(small_content, 'site.yaml', 'assets/logo.svg')}: logo: 'assets/logo.svg' line 1")
    assert complaint in errors[0]


INKSCAPE_SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="120mm" height="40mm" viewBox="0 0 120 40" version="1.1" id="svg1"
   inkscape:version="1.3" sodipodi:docname="logo.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:zoom="1"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>Logo</dc:title></cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Lager 1" inkscape:groupmode="layer" id="layer1">
    <rect style="fill:#00566b;fill-opacity:1;stroke:none;behavior:url(x.htc)" id="rect1" width="40" height="40"/>
    <text xml:space="preserve" style="font-size:12px;font-family:'Liberation Sans';-inkscape-font-specification:'Liberation Sans';fill:#00566b;font-variation-settings:normal"
       x="48" y="26"><tspan sodipodi:role="line" x="48" y="26">Exempel</tspan></text>
  </g>
</svg>
"""


def test_an_inkscape_svg_passes_with_its_styles_as_attributes_and_its_own_parts_left_out() -> None:
    kept = clean_svg(INKSCAPE_SVG.encode()).decode()
    assert 'fill="#00566b"' in kept and 'stroke="none"' in kept and 'font-size="12px"' in kept
    for gone in ("style=", "inkscape", "sodipodi", "metadata", "rdf", "xml:space", "behavior", "htc",
                 "font-variation-settings"):
        assert gone not in kept, gone
    assert ">Exempel</tspan>" in kept


def test_clean_svg_never_lets_an_unknown_namespace_through() -> None:
    with pytest.raises(SvgProblem):
        clean_svg(b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml" '
                  b'viewBox="0 0 1 1"><h:script>alert(1)</h:script></svg>')


def test_logo_png_must_be_a_png(small_content: Path) -> None:
    add_logo(small_content, "logo.png", b"<svg/>")
    [error] = errors_of(small_content)
    assert "logo: 'assets/logo.png' is not a picture that can be read" in error


@pytest.mark.parametrize("path, complaint", [
    ("../logo.svg", "without '.' or '..'"),
    ("pages/logo.svg", "not a usable place"),
    ("assets/logo.gif", "must be an .svg or a .png"),
    ("assets/missing.svg", "does not exist"),
])
def test_logo_paths(small_content: Path, path: str, complaint: str) -> None:
    add_site_lines(small_content, f"logo: {path}")
    [error] = errors_of(small_content)
    assert complaint in error


def test_brand_colours_are_read(small_content: Path) -> None:
    add_site_lines(small_content, 'brand: {primary: "#00566B", accent: "#b5462a"}')
    brand = load_catalog(small_content).site.brand
    assert (brand.primary, brand.accent) == ("#00566b", "#b5462a")


def test_brand_colour_without_contrast_is_refused_with_a_darker_suggestion(small_content: Path) -> None:
    add_site_lines(small_content, 'brand: {primary: "#f0a000"}')
    [error] = errors_of(small_content)
    place = where(small_content, "site.yaml", '"#f0a000"')
    assert error.startswith(f"{place}: brand.primary: '#f0a000' has a contrast of")
    suggestion = error.split('e.g. "')[1].rstrip('"')
    assert contrast(suggestion) >= 4.5  # the suggested shade really is readable
    assert contrast("#f0a000") < 4.5


def test_brand_colour_that_is_not_hex(small_content: Path) -> None:
    add_site_lines(small_content, "brand: {primary: teal}")
    [error] = errors_of(small_content)
    assert "brand.primary: 'teal' is not a colour" in error


def test_edit_url_needs_the_path_placeholder(small_content: Path) -> None:
    add_site_lines(small_content, "edit_url: https://github.com/org/repo/edit/main/content/")
    [error] = errors_of(small_content)
    assert "edit_url:" in error and "must contain {path} once" in error


def test_edit_url_gives_a_link_per_file(small_content: Path) -> None:
    add_site_lines(small_content, "edit_url: https://github.com/org/repo/edit/main/content/{path}")
    site = load_catalog(small_content).site
    assert site.edit_link("sessions.yaml") == "https://github.com/org/repo/edit/main/content/sessions.yaml"


def test_evaluation_questions(small_content: Path) -> None:
    add_site_lines(small_content, "\n".join([
        "evaluation:",
        "  url: https://forms.example.org/utv?tillfalle={session}",
        "  questions:",
        "    - {id: overall, scale: 5, text: {sv: Helhet, en: Overall}}",
        "    - {id: comments, text: {sv: Övrigt, en: Anything else}}",
    ]))
    evaluation = load_catalog(small_content).site.evaluation
    assert [(q.id, q.scale) for q in evaluation.questions] == [("overall", 5), ("comments", None)]
    assert evaluation.url_for("2027-02-x") == "https://forms.example.org/utv?tillfalle=2027-02-x"


@pytest.mark.parametrize("lines, complaint", [
    (["  url: https://forms.example.org/utv", "  questions: [{id: a, text: {sv: A, en: A}}]"], "must contain {session}"),
    (["  url: https://f.example.org/{session}", "  questions: [{id: a, scale: 11, text: {sv: A, en: A}}]"],
     "a scale of 11 cannot be used"),
    (["  url: https://f.example.org/{session}",
      "  questions: [{id: a, text: {sv: A, en: A}}, {id: a, text: {sv: B, en: B}}]"], "used twice"),
    (["  url: https://f.example.org/{session}", "  questions: [{id: a, text: {sv: A}}]"], "en"),
])
def test_evaluation_problems(small_content: Path, lines: list[str], complaint: str) -> None:
    add_site_lines(small_content, "\n".join(["evaluation:", *lines]))
    errors = errors_of(small_content)
    assert any(complaint in error for error in errors), errors


def test_places_left_and_waitlist(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "    capacity: 30\n", "    capacity: 30\n    places_left: 4\n")
    edit(small_content, "sessions.yaml", "status: full", "status: waitlist")
    catalog = load_catalog(small_content)
    first = catalog.session("2027-02-grunddag-halmstad")
    assert first.places_left == 4
    waiting = [s for s in catalog.sessions if s.status == "waitlist"]
    assert waiting and all(s.is_full and s.is_waitlist for s in waiting)


def test_places_left_above_capacity(small_content: Path) -> None:
    edit(small_content, "sessions.yaml", "    capacity: 30\n", "    capacity: 30\n    places_left: 31\n")
    [error] = errors_of(small_content)
    assert error == (f"{where(small_content, 'sessions.yaml', '31')}: sessions[2027-02-grunddag-halmstad].places_left: "
                     "31 places left is more than the capacity (30); lower places_left or raise capacity")
