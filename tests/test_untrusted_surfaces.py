"""Hostile content on the newer surfaces: the logo, brand colours, edit and evaluation
addresses, evaluation answers (CSV), sharing metadata, registration texts and the printed
documents. Each attack either is refused by the loader (so `check` names it) or comes out
as inert text; a few are still open and are marked ``xfail(strict=True)`` with the fix
they need.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.loading import load_catalog
from generator.loading.svg import MAX_ASPECT, SvgProblem, clean_svg

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'


def copy_fixture(name: str, target: Path) -> Path:
    content = target / name
    shutil.copytree(FIXTURES / name, content)
    return content


def add_to_site(content: Path, lines: str) -> None:
    path = content / "site.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = text.split("\n", 2)[:2]  # after 'name' and 'organiser' (both fixtures start with them)
    path.write_text("\n".join(anchor) + "\n" + lines + "\n" + text.split("\n", 2)[2], encoding="utf-8")


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_catalog(content)
    return [str(error) for error in caught.value.errors]


def logo_errors(tmp_path: Path, svg: str | bytes, name: str = "logo.svg") -> list[str]:
    content = copy_fixture("small", tmp_path)
    (content / "assets").mkdir()
    (content / "assets" / name).write_bytes(svg.encode() if isinstance(svg, str) else svg)
    add_to_site(content, f"logo: assets/{name}")
    return errors_of(content)


def bomb(levels: int = 9, copies: int = 10) -> str:
    """Each level draws the one below ten times: 10**8 rectangles from 1.6 kB."""
    parts = [SVG_OPEN, "<defs>", '<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels):
        parts.append(f'<g id="l{level}">' + f'<use href="#l{level - 1}"/>' * copies + "</g>")
    parts.append(f'</defs><use href="#l{levels - 1}"/></svg>')
    return "".join(parts)


# -- the logo: refused by check, with the file's line -------------------------------------

HOSTILE_LOGOS = [
    # CSS escapes: a browser reads u\rl( and \75 rl( as url( in fill, stroke, mask and clip-path,
    # and fetched the address when the logo was opened (Chromium, before the fix).
    pytest.param(SVG_OPEN + '<rect fill="u\\rl(https://evil.example/p.svg#g)"/></svg>', "backslash", id="escaped-url"),
    pytest.param(SVG_OPEN + '<rect mask="\\75 rl(https://evil.example/m.svg#m)"/></svg>', "backslash", id="hex-escape"),
    pytest.param(SVG_OPEN + '<rect clip-path="u&#92;rl(https://evil.example/c.svg#c)"/></svg>', "backslash",
                 id="escape-as-entity"),
    pytest.param(SVG_OPEN + '<rect fill="SRC(https://evil.example/)"/></svg>', "refers to", id="src-function"),
    # Exponential <use>: Typst failed at build time ("nodes limit reached") after check passed.
    pytest.param(bomb(), "draws more than", id="use-bomb"),
    pytest.param(SVG_OPEN + '<g id="a"><use href="#a"/></g></svg>', "refers to itself", id="use-cycle"),
    pytest.param(SVG_OPEN + '<linearGradient id="a" href="#b"/><linearGradient id="b" href="#a"/></svg>',
                 "refers to itself", id="gradient-cycle"),
    # Huge numbers: Typst panicked at build time after check passed.
    pytest.param(SVG_OPEN + '<circle r="1e30"/></svg>', "larger than", id="huge-radius"),
    pytest.param(SVG_OPEN + '<path stroke="red" stroke-width="1e30" d="M0 0L1 1"/></svg>', "larger than",
                 id="huge-stroke"),
    # A thread-thin picture: Typst panicked, or Pillow refused the favicon as a bomb, at build time.
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100000 1"/>', "times as wide", id="thin"),
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="900"/>', "times as wide", id="tall"),
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0"/>', "viewBox", id="empty-viewbox"),
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 NaN 1"/>', "viewBox", id="nan-viewbox"),
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" width="-5" height="5"/>', "positive length",
                 id="negative-width"),
    # Scales that multiply: each number is small, the product is not; Typst panicked at build time.
    pytest.param(SVG_OPEN + '<g transform="scale(100000)">' * 6 + '<circle r="100000" fill="red"/>' + "</g>" * 6
                 + "</svg>", "cannot be drawn by Typst", id="compound-scale"),
    pytest.param(SVG_OPEN + '<svg viewBox="0 0 0.00001 0.00001">' * 3 + '<circle r="100000" fill="red"/>'
                 + "</svg>" * 3 + "</svg>", "cannot be drawn by Typst", id="nested-viewbox-scale"),
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 inf inf"/>', "viewBox", id="infinite-viewbox"),
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1_0 10"/>', "viewBox", id="underscore-viewbox"),
    # Deep nesting: the loader crashed with RecursionError instead of naming the file.
    pytest.param(SVG_OPEN + "<g>" * 5000 + "</g>" * 5000 + "</svg>", "nested", id="deep-nesting"),
    # Already refused before today; kept refused.
    pytest.param('<x:svg xmlns:x="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink" '
                 'viewBox="0 0 1 1"><x:use l:href="https://evil.example/a.svg#a"/></x:svg>', "points at",
                 id="prefixed-external-use"),
    pytest.param(SVG_OPEN + '<rect xml:base="https://evil.example/"/></svg>', "base", id="xml-namespace-attribute"),
    pytest.param(SVG_OPEN + '<rect xmlns:e="http://evil.example/" e:onload="alert(1)"/></svg>', "onload",
                 id="foreign-namespace-attribute"),
    pytest.param('<?xml version="1.0"?><!DOCTYPE svg SYSTEM "http://evil.example/x.dtd">' + SVG_OPEN + "</svg>",
                 "<!DOCTYPE>", id="external-dtd"),
    pytest.param('<?xml-stylesheet href="https://evil.example/x.css"?>' + SVG_OPEN + "</svg>", "instruction",
                 id="stylesheet-instruction"),
    pytest.param('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><image href="#x"/></svg>', "<image>",
                 id="image"),
    pytest.param(SVG_OPEN + '<animate attributeName="href" to="javascript:alert(1)"/></svg>', "<animate>",
                 id="animate"),
    pytest.param(SVG_OPEN + '<set attributeName="fill" to="url(https://evil.example/)"/></svg>', "<set>", id="set"),
    pytest.param(SVG_OPEN + '<use href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/></svg>', "points at",
                 id="data-use"),
    pytest.param(SVG_OPEN + '<rect fill="url( https://evil.example/ )"/></svg>', "refers to", id="spaced-url"),
    pytest.param(SVG_OPEN + '<svg:rect xmlns:svg="http://www.w3.org/2000/svg" onclick="x"/></svg>', "onclick",
                 id="prefixed-child"),
]


@pytest.mark.parametrize("svg, complaint", HOSTILE_LOGOS)
def test_hostile_logo_is_refused_by_check_with_file_and_line(tmp_path: Path, svg: str, complaint: str) -> None:
    errors = logo_errors(tmp_path, svg)
    assert len(errors) == 1, errors
    assert re.match(r".*site\.yaml:\d+:\d+: logo: 'assets/logo\.svg' line \d+: ", errors[0]), errors[0]
    assert complaint in errors[0]


def test_svg_cleaner_says_where_the_css_escape_is() -> None:
    with pytest.raises(SvgProblem) as caught:
        clean_svg((SVG_OPEN + '\n<rect/>\n<rect stroke="\\75rl(https://evil.example/q.svg#g)"/></svg>').encode())
    assert caught.value.line == 3
    assert "'stroke'" in str(caught.value)


def test_what_the_cleaner_keeps_is_inert_text() -> None:
    """Comments go, CDATA and entities become escaped text, a prefixed root comes out plain."""
    cleaned = clean_svg(
        b'<s:svg xmlns:s="http://www.w3.org/2000/svg" viewBox="0 0 120 40" aria-label="&lt;script&gt;">'
        b"<s:title>T &lt;/title&gt;<![CDATA[</title><script>alert(2)</script>]]></s:title>"
        b"<!-- <script>alert(3)</script> -->"
        b'<s:text x="1" y="20" fill="#999999">#read("/etc/passwd")</s:text></s:svg>').decode()
    assert "<script" not in cleaned and "<!--" not in cleaned and "CDATA" not in cleaned
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in cleaned
    assert cleaned.count("<svg ") == 1 and "s:svg" not in cleaned
    assert 'fill="#999999"' in cleaned  # colours are not mistaken for huge numbers


def test_ordinary_logos_are_still_accepted() -> None:
    """Gradients used many times, references by url(#id) and href, and units on the size."""
    many = "".join(f'<rect x="{i % 10}" y="{i // 10}" width="1" height="1" fill="url(#g)"/>' for i in range(2000))
    clean_svg((SVG_OPEN + '<defs><linearGradient id="g"><stop offset="0" stop-color="#00566b"/></linearGradient>'
               '<symbol id="s"><circle r="2"/></symbol></defs>' + many + '<use href="#s" x="5"/></svg>').encode())
    clean_svg(b'<svg xmlns="http://www.w3.org/2000/svg" width="1600px" height="10cm"/>')
    clean_svg(b'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0 0 300 80"/>')
    clean_svg(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAX_ASPECT * 10} 10"/>'.encode())
    clean_svg((FIXTURES / "every-field" / "assets" / "logo.svg").read_bytes())


def test_every_logo_check_accepts_can_be_drawn(tmp_path: Path) -> None:
    """The build draws an accepted SVG with Typst: it must not fail there (check said OK).
    Typst runs in a child process, as the build runs it (never in a process that forks later)."""
    near_limits = [
        SVG_OPEN + '<path stroke="red" stroke-width="100000" d="M0 0L100000 100000"/></svg>',
        SVG_OPEN + '<circle r="100000" fill="red"/><rect transform="scale(100000)" width="1" height="1"/></svg>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAX_ASPECT} 1"><rect width="1" height="1"/></svg>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 {MAX_ASPECT}"><rect width="1" height="1"/></svg>',
        SVG_OPEN + '<path stroke="red" stroke-dasharray="0.00001" d="M0 0L100000 100000"/></svg>',
        bomb(levels=4),
    ]
    for index, svg in enumerate(near_limits):
        (tmp_path / f"{index}.svg").write_bytes(clean_svg(svg.encode()))
    script = ("import sys, pathlib\nfrom generator.rendering.logo import svg_to_png\n"
              "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.svg')):\n"
              "    for height in (32, 180, 470):\n"
              "        assert svg_to_png(path.read_bytes(), height).startswith(b'\\x89PNG'), path\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_thread_thin_png_logo_is_drawn_within_bounds(tmp_path: Path) -> None:
    """20000x1 pixels (163 bytes) asked for at 470 pixels tall needed 17 GB before the bound."""
    from PIL import Image

    from generator.rendering.logo import MAX_ASPECT as DRAWN_ASPECT
    from generator.rendering.logo import logo_png

    content = copy_fixture("small", tmp_path)
    (content / "assets").mkdir()
    Image.new("RGBA", (20000, 1), (0, 86, 107, 255)).save(content / "assets" / "logo.png")
    add_to_site(content, "logo: assets/logo.png")
    try:
        catalog = load_catalog(content)
    except ContentErrors:
        return  # refused by check: nothing to draw
    with Image.open(io.BytesIO(logo_png(catalog, 470))) as picture:
        assert picture.width <= 470 * DRAWN_ASPECT and picture.height <= 470


def test_a_thread_thin_png_logo_is_refused_by_check(tmp_path: Path) -> None:
    from PIL import Image

    content = copy_fixture("small", tmp_path)
    (content / "assets").mkdir()
    Image.new("RGBA", (20000, 1), (0, 86, 107, 255)).save(content / "assets" / "logo.png")
    add_to_site(content, "logo: assets/logo.png")
    [error] = errors_of(content)
    assert "logo: 'assets/logo.png'" in error


def test_check_on_the_command_line_names_the_use_bomb(tmp_path: Path) -> None:
    content = copy_fixture("every-field", tmp_path)
    (content / "assets" / "logo.svg").write_text(bomb(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "LANG": "C.UTF-8"})
    assert done.returncode == 1
    assert "site.yaml:" in done.stdout + done.stderr and "logo.svg" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


# -- brand colours and the address templates -------------------------------------------------

@pytest.mark.parametrize("colour", [
    '"#000000;}body{display:none}"', '"red</style>"', '"#00566b/**/"', "0x00566b", '"\uff0300566b"',
    '"#00566b;--x:url(https://evil.example/)"', '"rgb(0,86,107)"', '"#00566b\\u0000"', '"#0056"',
])
def test_hostile_brand_colour_is_refused(tmp_path: Path, colour: str) -> None:
    content = copy_fixture("small", tmp_path)
    add_to_site(content, f"brand: {{primary: \"#00566b\", accent: {colour}}}")
    [error] = errors_of(content)
    assert re.search(r"site\.yaml:\d+:\d+: brand\.accent: ", error), error


@pytest.mark.parametrize("field, value", [
    ("edit_url", "javascript:alert(1)//{path}"), ("edit_url", "JaVaScRiPt:alert(1)//{path}"),
    ("edit_url", "data:text/html,{path}"), ("edit_url", "//evil.example/{path}"),
    ("edit_url", "https://x.org/{path}{path}"), ("edit_url", "https://x.org/%7Bpath%7D"),
    ("edit_url", "https://{path}"), ("edit_url", "https://x.org@evil.example/{path}"),
    ("edit_url", "https:\\\\evil.example/{path}"), ("edit_url", "https://x.org/{path}#{session}"),
    ("edit_url", "https://x.org/{path}\\u2028x"), ("edit_url", "https://x.org/{path}\"onmouseover=\"alert(1)"),
    ("evaluation.url", "javascript:alert(1)//{session}"), ("evaluation.url", "https://x.org/{session}{session}"),
    ("evaluation.url", "https://x.org/?s={session}&x=<script>"), ("evaluation.url", "https://x.org/{path}"),
])
def test_hostile_address_templates_are_refused(tmp_path: Path, field: str, value: str) -> None:
    content = copy_fixture("evaluations", tmp_path)
    quoted = json.dumps(value).replace("\\\\u2028", "\\u2028")
    if field == "edit_url":
        add_to_site(content, f"edit_url: {quoted}")
    else:
        path = content / "site.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("url: https://forms.example.org/utv?tillfalle={session}", f"url: {quoted}"),
                        encoding="utf-8")
    errors = errors_of(content)
    assert len(errors) == 1 and f": {field}: " in errors[0], errors


# -- evaluation answers: what the loader refuses -------------------------------------------

def test_evaluation_files_linked_from_outside_are_refused(tmp_path: Path) -> None:
    content = copy_fixture("evaluations", tmp_path)
    target = content / "evaluations" / "2027-03-frukost-online.csv"
    target.unlink()
    target.symlink_to("/etc/passwd")
    errors = errors_of(content)
    assert any("evaluations/2027-03-frukost-online.csv:1:1:" in e and "outside the content folder" in e
               for e in errors), errors
    assert not any("root:" in e for e in errors)


def test_an_evaluations_folder_linked_from_outside_is_refused(tmp_path: Path) -> None:
    content = copy_fixture("evaluations", tmp_path)
    outside = tmp_path / "outside"
    shutil.move(content / "evaluations", outside)
    (content / "evaluations").symlink_to(outside)
    errors = errors_of(content)
    assert any(e.split(":")[0].endswith("evaluations") and "outside the content folder" in e for e in errors), errors


@pytest.mark.parametrize("cell", ["=1+1", "+5", "@SUM(5)", "\u0665", "\uff15", "5;=cmd|' /C calc'!A0"])
def test_a_rating_cell_that_is_not_a_plain_number_is_refused(tmp_path: Path, cell: str) -> None:
    content = copy_fixture("evaluations", tmp_path)
    (content / "evaluations" / "2027-03-frukost-online.csv").write_text(f"helhet\n{cell}\n", encoding="utf-8")
    [error] = errors_of(content)
    assert "evaluations/2027-03-frukost-online.csv:2:1: helhet: " in error


# -- a whole hostile build: nothing runs, nothing private is published ----------------------

CANARIES = ("CANARY-FREE-TEXT", "CANARY-FORMULA", "CANARY-AT", "SECRET-INTERNAL-NOTE", "CANARY-7f3a", "Lokalen var trång",
            "Övningarna i par", "meet.example.org")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = copy_fixture("evaluations", root)
    (content / "assets").mkdir()
    (content / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" aria-label="Logo &lt;script&gt;">'
        "<title>T &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title><!-- <script>alert(3)</script> -->"
        '<rect width="40" height="40" fill="#00566b"/><text x="48" y="27">#read("/etc/passwd")</text></svg>',
        encoding="utf-8")
    add_to_site(content, "\n".join([
        'tagline: {sv: "TAG </script><script>alert(1)</script> #read(\\"/etc/passwd\\")", '
        'en: "TAG ]]> \\"}</style> #eval(\\"1+1\\") \\u2028 javascript:alert(1)"}',
        'registration: {sv: "Anmäl <img src=x onerror=alert(1)> [x](javascript:alert(1)) </script> '
        '![px](https://evil.example/track.png) [b](&#106;avascript:alert(1)) <base href=https://evil.example/>", '
        'en: "Register <svg onload=alert(1)> [y](javascript:alert(1))"}',
        "logo: assets/logo.svg",
        'brand: {primary: "#00566B", accent: "#b5462a"}',
        "edit_url: https://github.com/org/repo/edit/main/content/{path}",
    ]))
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "name: {sv: Testprogrammet, en: The test programme}",
        'name: {sv: "Test</script><script>alert(21)</script>", en: "Test &lt;/title&gt;&lt;script&gt;alert(22)'
        '&lt;/script&gt; {{ 7*7 }} #read(\\"/etc/passwd\\")"}'), encoding="utf-8")
    site.write_text(site.read_text(encoding="utf-8").replace(
        '"Vad var bäst?"', '"Vad var bäst? <img src=x onerror=alert(9)> #read(\\"/etc/passwd\\")"'), encoding="utf-8")
    sessions = content / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace(
        "name: Stadsbiblioteket", 'name: "Stads</script><script>alert(5)</script>biblioteket #read(\\"/etc/passwd\\")"',
        1).replace("name: Anna Exempel", 'name: "Anna \\"}]</script> #eval(\\"x\\")"', 1), encoding="utf-8")
    with (content / "evaluations" / "2027-02-grunddag-halmstad.csv").open("a", encoding="utf-8") as answers:
        answers.write("4,4,4,\"=cmd|' /C calc'!A0 CANARY-FORMULA\",\"@SUM(1+1)*cmd|' /C calc'!A0 CANARY-AT\"\n")
        answers.write('4,4,4,"+HYPERLINK(""http://evil.example"") CANARY-FREE-TEXT",\n')
    out = root / "out"
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COURSEGEN_TODAY": "2027-01-01"})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return out


def published_texts(site: Path):
    """(path, text) of every published file; PDFs as their text, Office files as their XML."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            yield path, subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout
        elif path.suffix in (".pptx", ".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                yield path, "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                                      if name.endswith((".xml", ".rels")))
        elif path.suffix == ".gz":
            import gzip
            yield path, gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        else:
            yield path, path.read_bytes().decode("utf-8", "replace")


def test_no_free_text_formula_or_internal_note_is_published(hostile_build: Path) -> None:
    """Nor the online meeting's link: in no page, feed, deck or printed document."""
    assert shutil.which("pdftotext"), "pdftotext not installed; run `make test`, which installs it"
    leaks = [(path.relative_to(hostile_build), canary) for path, text in published_texts(hostile_build / "site")
             for canary in CANARIES + ("HYPERLINK", "cmd|") if canary in text]
    assert leaks == []


def test_free_text_reaches_only_the_unpublished_report(hostile_build: Path) -> None:
    reports = hostile_build / "reports"
    assert not reports.resolve().is_relative_to((hostile_build / "site").resolve())
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
                   for pdf in reports.glob("*.pdf"))
    assert "CANARY-FREE-TEXT" in text and "SECRET-INTERNAL-NOTE" not in text


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def test_no_content_runs_script_on_any_page(hostile_build: Path) -> None:
    pages = sorted((hostile_build / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        parser = Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        handlers = [(tag, name) for tag, name, _ in parser.attributes if name.startswith("on")]
        assert handlers == [], page
        for tag, name, value in parser.attributes:
            if name in ("href", "src", "action", "formaction", "content", "data"):
                squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:text")), (page, tag, value)
            if name in ("src", "srcset", "poster", "background"):  # nothing loads from elsewhere
                assert "//" not in value, (page, tag, value)
            assert not (tag == "base" or (tag == "meta" and name == "http-equiv")), (page, tag)
            if name == "style":
                assert "url(" not in value.lower() and "expression(" not in value.lower(), (page, value)
        for attrs, text in parser.scripts:
            if attrs.get("type") == "application/ld+json":  # data: content in it as JSON text, no '<'
                assert "<" not in text
                json.loads(text)
                continue
            assert "alert(" not in text, (page, attrs)
            if "src" in attrs:
                assert "assets/" in attrs["src"] and "://" not in attrs["src"], (page, attrs)


def test_json_ld_and_open_graph_carry_the_hostile_names_as_text(hostile_build: Path) -> None:
    page = (hostile_build / "site" / "sessions").rglob("*.html")
    found = []
    for path in page:
        parser = Tags()
        parser.feed(path.read_text(encoding="utf-8"))
        for attrs, text in parser.scripts:
            if attrs.get("type") == "application/ld+json":
                found.append(json.dumps(json.loads(text), ensure_ascii=False))
    assert any('Stads</script><script>alert(5)</script>biblioteket #read(\\"/etc/passwd\\")' in item
               for item in found), found[:2]


def test_brand_colours_reach_the_css_as_colours_only(hostile_build: Path) -> None:
    sheets = sorted((hostile_build / "site").rglob("brand.css"))
    assert sheets
    for sheet in sheets:
        declarations = re.findall(r"--cg-[a-z]+:\s*([^;]*);", sheet.read_text(encoding="utf-8"))
        assert declarations == ["#00566b", "#b5462a"]
        assert "</" not in sheet.read_text(encoding="utf-8")


def test_print_takes_content_as_text_never_as_typst(hostile_build: Path) -> None:
    form = hostile_build / "site" / "print" / "sv" / "evaluation" / "2027-02-grunddag-halmstad.pdf"
    text = subprocess.run(["pdftotext", str(form), "-"], capture_output=True, text=True, check=True).stdout
    assert 'biblioteket #read("/etc/passwd")' in text
    assert 'Vad var bäst? <img src=x onerror=alert(9)> #read("/etc/passwd")' in text
    assert "root:" not in text


def test_the_published_logo_is_the_cleaned_one(hostile_build: Path) -> None:
    logos = sorted((hostile_build / "site").rglob("logo.svg"))
    assert logos
    for logo in logos:
        text = logo.read_text(encoding="utf-8")
        assert "<script" not in text and "<!--" not in text and "\\" not in text
        assert "&lt;/title&gt;&lt;script&gt;" in text


# -- evaluation results: no one singled out by subtracting one published figure from another ----

def test_no_published_figure_minus_another_reveals_a_small_group() -> None:
    from generator import evaluations
    from generator.evaluations import MIN_GROUP

    catalog = load_catalog(FIXTURES / "evaluations")
    results = evaluations.results(catalog)
    by_session = {item.session.id: item.figures for module in results.modules for item in module.sessions}
    groups = [results.overall] + [module.figures for module in results.modules]
    groups += [side for module in results.modules if module.change for side in (module.change.pilot, module.change.later)]
    for group in groups:
        for question in results.questions:
            whole = group.rating(question.id)
            if whole is None or not whole.reportable:
                continue
            parts = [by_session[s].rating(question.id) for s in group.sessions]
            published = [p.distribution for p in parts if p is not None and p.reportable]
            rest = [total - sum(counts) for total, counts in zip(whole.distribution, zip(*published) if published
                                                                 else [()] * len(whole.distribution))]
            assert sum(rest) == 0 or sum(rest) >= MIN_GROUP, (group.sessions, question.id, rest)
    for question in results.questions:
        everyone = evaluations.share(catalog, question.id, 1)
        modules = [evaluations.share(catalog, question.id, 1, module.module.id) for module in results.modules]
        rest = everyone.answered - sum(found.answered for found in modules if found.reportable)
        assert not everyone.reportable or rest == 0 or rest >= MIN_GROUP, (question.id, rest)


# -- addresses that become QR codes must fit one -------------------------------------------

def check_output(content: Path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "LANG": "C.UTF-8"})
    return done.returncode, done.stdout + done.stderr


def test_an_evaluation_address_too_long_for_a_qr_code_is_refused_by_check(tmp_path: Path) -> None:
    content = copy_fixture("every-field", tmp_path)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "url: https://forms.example.org/utv?tillfalle={session}",
        "url: https://forms.example.org/" + "a" * 3000 + "?tillfalle={session}"), encoding="utf-8")
    code, output = check_output(content)
    assert code == 1 and "evaluation.url" in output and "Traceback" not in output


def test_a_site_address_too_long_for_a_qr_code_is_refused_by_check(tmp_path: Path) -> None:
    content = copy_fixture("every-field", tmp_path)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "url: https://kurser.example.org\n", "url: https://kurser.example.org/" + "b" * 2400 + "\n"), encoding="utf-8")
    code, output = check_output(content)
    assert code == 1 and ": url: " in output and "Traceback" not in output


def test_each_session_deck_and_form_leads_to_its_own_evaluation(hostile_build: Path) -> None:
    """The QR code's description names the address it encodes: the session's own form."""
    decks = sorted((hostile_build / "site" / "decks").glob("*/sessions/*.pptx"))
    seen = 0
    for deck in decks:
        with zipfile.ZipFile(deck) as archive:
            xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                          if name.startswith("ppt/slides/slide") and name.endswith(".xml"))
        for described in re.findall(r'descr="QR[^"]*"', xml):
            seen += 1
            assert described.endswith(f"forms.example.org/utv?tillfalle={deck.stem}\""), (deck, described)
    assert seen >= 2
    for form in sorted((hostile_build / "site" / "print").glob("*/evaluation/*.pdf")):
        text = subprocess.run(["pdftotext", str(form), "-"], capture_output=True, text=True, check=True).stdout
        squeezed = re.sub(r"\s+", "", text)
        assert f"tillfalle={form.stem}" in squeezed, form
