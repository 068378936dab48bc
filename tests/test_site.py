"""The course website: built by the real pipeline, read back as HTML."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser.site_build import SITE_CONTENT, SITE_TODAY, rich_content, rich_site  # noqa: F401 - fixtures
from generator import urls
from generator.errors import BuildError, ContentErrors
from generator.loading import load_catalog
from generator.model import slugify
from generator.pipeline import build
from generator.rendering.site.markup import markdown, relative, text
from generator.rendering.site.strings import format_duration, format_when

SMALL_PATH = Path(__file__).parent / "fixtures" / "small"
SMALL_SESSIONS = ("2027-02-grunddag-halmstad", "2027-03-frukost-online", "2027-10-grunddag-varberg")


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.links: list[tuple[str, str, dict[str, str]]] = []  # (tag, url, attributes)
        self.lang = ""
        self.scripts: list[dict[str, str]] = []
        self.tags: list[str] = []
        self.article_tags: list[str] = []
        self.article_text: list[str] = []
        self._in_article = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag == "script":
            self.scripts.append(attributes)
        if tag == "article":
            self._in_article += 1
        if self._in_article:
            self.article_tags.append(tag)
        for name in ("href", "src"):
            if name in attributes:
                self.links.append((tag, attributes[name], attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if self._in_article:
            self.article_text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.article_text).split())

    def anchors(self) -> dict[str, str]:
        """Visible link text is not tracked; href -> attributes of <a> elements."""
        return {url: attrs.get("class", "") for tag, url, attrs in self.links if tag == "a"}


def page(site: Path, url: str) -> Page:
    """The built page at a site URL such as '/en/sessions/x/'."""
    return Page(site / url.lstrip("/") / "index.html")


def language_switch(site: Path, url: str) -> dict[str, str]:
    """hreflang -> the site URL the header's language switcher leads to."""
    built = page(site, url)
    return {
        attrs["hreflang"]: urlsplit(urljoin(f"http://h{url}", href)).path
        for tag, href, attrs in built.links
        if tag == "a" and "md-select__link" in attrs.get("class", "")
    }


# -- unit rules: escaping, links, dates ------------------------------------------------

def test_plain_text_is_neither_html_nor_markdown() -> None:
    import markdown as md

    rendered = md.markdown(text("<b>x</b> *not em* [a](b) {{ 1 }} - item"))
    assert "<b>" not in rendered and "<em>" not in rendered and "<a" not in rendered
    assert "&lt;b&gt;" in rendered
    assert html.unescape(md.markdown(text("Supervisors' network #1 & co"))) == "<p>Supervisors' network #1 & co</p>"


def test_markdown_fields_keep_markdown_but_lose_html_and_script_links() -> None:
    import markdown as md

    from generator.rendering.site.sanitize import clean  # what every page's HTML passes through

    rendered = clean(md.markdown(markdown("**bold** <script>x</script> [a](javascript:alert(1)) [b](https://e.org/)")))
    assert "<strong>bold</strong>" in rendered
    assert "<script>" not in rendered and "javascript:" not in rendered
    assert 'href="https://e.org/"' in rendered


@pytest.mark.parametrize(("start", "target", "expected"), [
    ("/en/sessions/x/", "/calendar/en/all.ics", "../../../calendar/en/all.ics"),
    ("/", "/modules/m/", "modules/m/"),
    ("/sessions/", "/sessions/", "./"),
    ("/en/", "/", "../"),
])
def test_links_are_relative_to_the_page(start: str, target: str, expected: str) -> None:
    assert relative(start, target) == expected
    assert urlsplit(urljoin(f"http://h{start}", expected)).path == target


def test_dates_are_written_in_each_language_without_the_system_locale() -> None:
    day, start, end = dt.date(2027, 2, 11), dt.time(9, 0), dt.time(16, 0)
    assert format_when(day, start, end, "sv") == "torsdag 11 februari 2027, kl. 09.00–16.00"
    assert format_when(day, start, end, "en") == "Thursday 11 February 2027, 09:00–16:00"
    assert format_duration(75, "sv") == "1 tim 15 min"
    assert format_duration(420, "en") == "7 h"


# -- the small fixture: no pages/ folder -----------------------------------------------

def test_small_content_without_pages_gets_every_generated_page(small_site: Path) -> None:
    catalog = load_catalog(SMALL_PATH)
    assert not catalog.pages
    site = catalog.site
    for lang in site.languages:
        prefix = urls.language_prefix(site, lang)
        expected = [urls.home_page(site, lang)]
        expected += [urls.module_page(site, lang, m) for m in catalog.modules]
        expected += [urls.session_page(site, lang, s) for s in SMALL_SESSIONS]
        expected += [f"{prefix}/{p}/" for p in ("sessions", "archive", "trainers", "for-arbetsgivare", "tillganglighet")]
        expected += [f"{prefix}/sessions/municipality/{slugify(m)}/" for m in catalog.municipalities]
        expected += [f"{prefix}/trainers/notes/{m}/" for m in catalog.modules]
        for url in expected:
            assert (small_site / url.lstrip("/") / "index.html").is_file(), url
            assert page(small_site, url).lang == lang, url


def test_language_switcher_lands_on_the_same_page(small_site: Path) -> None:
    session = "2027-03-frukost-online"
    assert language_switch(small_site, f"/sessions/{session}/") == {
        "sv": f"/sessions/{session}/", "en": f"/en/sessions/{session}/"}
    assert language_switch(small_site, "/en/trainers/notes/grunddag/")["sv"] == "/trainers/notes/grunddag/"
    # The footer names the other language in words and links the accessibility statement.
    footer = [(attrs.get("hreflang"), urlsplit(urljoin("http://h/en/archive/", href)).path)
              for tag, href, attrs in page(small_site, "/en/archive/").links
              if tag == "a" and attrs.get("hreflang") and "md-select__link" not in attrs.get("class", "")]
    assert footer == [("sv", "/archive/"), ("en", "/en/tillganglighet/")]


def test_pages_name_their_other_language_with_hreflang(small_site: Path) -> None:
    html = (small_site / "en" / "modules" / "grunddag" / "index.html").read_text(encoding="utf-8")
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))
    assert alternates == {"sv": "https://kurser.example.org/modules/grunddag/",
                          "en": "https://kurser.example.org/en/modules/grunddag/"}


def test_html_in_yaml_is_shown_as_text(small_site: Path) -> None:
    for lang, shown in (("sv", "Ta med <b>egen</b> dator."), ("en", "Bring your <script>alert(1)</script> laptop.")):
        built = page(small_site, urls.session_page(load_catalog(SMALL_PATH).site, lang, SMALL_SESSIONS[0]))
        assert shown in built.text
        raw = built.path.read_text(encoding="utf-8")
        assert "<b>egen" not in raw and "<script>alert" not in raw


def test_internal_notes_appear_in_no_output_file(small_site: Path, rich_site: Path) -> None:  # noqa: F811
    for site in (small_site, rich_site):
        leaks = [p for p in site.rglob("*") if p.is_file() and b"SECRET-INTERNAL-NOTE" in p.read_bytes()]
        assert leaks == []


def test_session_status_is_written_out_and_registration_hidden(small_site: Path) -> None:
    full = page(small_site, "/sessions/2027-03-frukost-online/")
    cancelled = page(small_site, "/en/sessions/2027-10-grunddag-varberg/")
    assert "Fullbokat." in full.text and "Cancelled." in cancelled.text
    for built in (full, cancelled):
        assert not [u for u in built.anchors() if u.startswith("https://example.org/anmalan")]


# -- the site fixture: pages/, materials, every session status ----------------------------

def test_session_page_shows_real_clock_times_and_registration(rich_site: Path) -> None:  # noqa: F811
    sv = page(rich_site, "/sessions/2027-04-grunddag-halmstad/")
    en = page(rich_site, "/en/sessions/2027-04-grunddag-halmstad/")
    # The agenda is 45, 75, 60 and 240 minutes from 09:00.
    for span in ("09.00–09.45 Inledning", "09.45–11.00 Handledarens roll", "11.00–12.00 Lunch", "12.00–16.00 Övningar"):
        assert span in sv.text
    assert "11:00–12:00 Lunch" in en.text
    assert "torsdag 15 april 2027, kl. 09.00–16.00" in sv.text
    assert "Stadsbiblioteket, Axel Olssons gata 2, 302 27 Halmstad" in sv.text
    assert "Entré utan trappsteg. Hörslinga finns." in sv.text
    assert "Anna Exempel (Region Halland)" in sv.text and "Antal platser: 30" in sv.text
    assert "Status: 4 platser kvar" in sv.text and "Status: 4 places left" in en.text
    assert "Sista anmälningsdag: 1 april 2027" in sv.text
    assert "https://example.org/anmalan/grunddag" in sv.anchors()
    assert "../../calendar/sv/session/2027-04-grunddag-halmstad.ics" in sv.anchors()


def test_online_session_says_the_link_comes_in_the_confirmation(rich_site: Path) -> None:  # noqa: F811
    assert "Where: Online – you get the link in the confirmation" in page(rich_site, "/en/sessions/2027-03-frukost-online/").text
    assert "Var: Digitalt – du får länken i bekräftelsen" in page(rich_site, "/sessions/2027-03-frukost-online/").text
    # The meeting link is for those who registered: no page or feed publishes it.
    assert not [p for p in rich_site.rglob("*") if p.is_file() and b"meet.example.org" in p.read_bytes()]


def test_yaml_text_is_never_run_as_a_template(rich_site: Path) -> None:  # noqa: F811
    home = page(rich_site, "/")
    assert "{{ 7 * 7 }}" in home.text and "49" not in home.text
    note = page(rich_site, "/en/sessions/2027-04-grunddag-halmstad/")
    assert "{{ 6 * 7 }}" in note.text and "42" not in note.text
    module = page(rich_site, "/modules/grunddag/")
    assert "<img src=x onerror=alert(1)>" in module.text
    assert not [u for u in module.anchors() if u.lower().startswith("javascript")]
    assert "img" not in module.article_tags


def test_hand_written_pages_use_macros_in_their_language(rich_site: Path) -> None:  # noqa: F811
    sv, en = page(rich_site, "/om-programmet/"), page(rich_site, "/en/om-programmet/")
    assert "Handledarprogrammet drivs av Testförbundet i Halland." in sv.text
    assert "The supervisor programme is run by Testförbundet i Halland." in en.text
    assert "torsdag 15 april 2027, kl. 09.00–16.00" in sv.text
    assert "Thursday 15 April 2027, 09:00–16:00" in en.text
    assert "../sessions/2027-04-grunddag-halmstad/" in sv.anchors()
    assert language_switch(rich_site, "/en/om-programmet/")["sv"] == "/om-programmet/"


def test_a_hand_written_page_replaces_the_generated_one_of_its_slug(rich_site: Path) -> None:  # noqa: F811
    sv, en = page(rich_site, "/tillganglighet/"), page(rich_site, "/en/tillganglighet/")
    assert "handskriven av redaktionen" in sv.text and "info@example.org" in sv.text
    assert "Agency for Digital Government (Digg)" in en.text  # no English page written: generated


def test_markdown_materials_are_copied_and_printable(rich_site: Path) -> None:  # noqa: F811
    catalog = load_catalog(SITE_CONTENT)
    for material in catalog.modules["grunddag"].materials:
        for _, file in material.files.texts:
            copied = rich_site / "materials" / "grunddag" / Path(file).name
            assert copied.read_bytes() == (SITE_CONTENT / file).read_bytes()
    printable = page(rich_site, "/en/materials/grunddag/checklista-en/")
    assert "I know who is coming and when." in printable.text


def test_calendar_browses_by_municipality_and_kind_without_javascript(rich_site: Path) -> None:  # noqa: F811
    calendar = page(rich_site, "/sessions/")
    assert "municipality/angelholm/" in calendar.anchors() and "kind/basic-day/" in calendar.anchors()
    angelholm = page(rich_site, "/sessions/municipality/angelholm/")
    assert "Frukostmöte för chefer" in angelholm.text and "Grunddag" not in angelholm.text
    assert "webcal://kurser.example.org/calendar/sv/municipality/angelholm.ics" in angelholm.anchors()
    assert "Google Kalender" in angelholm.text and "Outlook" in angelholm.text and "Apple" in angelholm.text
    assert "Maj 2027" in angelholm.text
    assert "online/" in calendar.anchors()
    online = page(rich_site, "/en/sessions/online/")
    assert "29 March 2027, 07:30–09:00" in online.text and "Halmstad" not in online.text


def test_search_index_is_per_language(rich_site: Path) -> None:  # noqa: F811
    sv = json.loads((rich_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((rich_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert sv["config"]["lang"] == ["sv"] and en["config"]["lang"] == ["en"]
    assert not any(doc["location"].startswith("en/") for doc in sv["docs"])
    assert any("Grunddag" in doc["title"] for doc in sv["docs"])
    assert not any("Basic day" == doc["title"] for doc in sv["docs"])


# -- every built page: links, outside hosts ---------------------------------------------

BUILT_BY_OTHER_STAGES = (
    re.compile(r"^/decks/[a-z]{2}/(sessions/)?[a-z0-9-]+\.pptx$"),
    re.compile(r"^/calendar/[a-z]{2}/([a-z-]+|(municipality|trainer|session)/[a-z0-9-]+)\.ics$"),
    re.compile(r"^/print/[a-z]{2}/(flyer|(script|flyer|attendance|certificate)/[a-z0-9-]+)\.pdf$"),
)


def broken_links(site: Path) -> list[str]:
    """Every internal href/src of every page that resolves to no file of the build."""
    broken = []
    for path in sorted(site.rglob("*.html")):
        url = "/" + path.relative_to(site).as_posix()
        for tag, link, attrs in Page(path).links:
            if attrs.get("rel") in ("canonical", "alternate") or link.startswith("#"):
                continue
            target = urlsplit(urljoin(f"http://127.0.0.1{url}", link))
            if target.netloc != "127.0.0.1" or target.scheme != "http":
                continue
            resolved = unquote(target.path)
            file = site / resolved.lstrip("/")
            if resolved.endswith("/"):
                file = file / "index.html"
            if file.is_file():
                continue
            stage_missing = not (site / resolved.lstrip("/").split("/")[0]).is_dir()
            if stage_missing and any(p.match(resolved) for p in BUILT_BY_OTHER_STAGES):
                continue
            broken.append(f"{url}: {link} -> {resolved}")
    return broken


def test_no_broken_internal_links_small(small_site: Path) -> None:
    assert broken_links(small_site) == []


def test_no_broken_internal_links_rich(rich_site: Path) -> None:  # noqa: F811
    assert broken_links(rich_site) == []


def test_every_page_has_one_main_heading(rich_site: Path) -> None:  # noqa: F811
    for path in rich_site.rglob("index.html"):
        assert Page(path).tags.count("h1") == 1, path.relative_to(rich_site)


def test_no_asset_from_another_host(rich_site: Path) -> None:  # noqa: F811
    outside = []
    for path in rich_site.rglob("*.html"):
        for tag, link, attrs in Page(path).links:
            is_asset = tag in ("script", "img", "iframe", "source", "video", "audio") or (
                tag == "link" and attrs.get("rel") not in ("canonical", "alternate"))
            if is_asset and re.match(r"^(https?:)?//", link):
                outside.append(f"{path.relative_to(rich_site)}: <{tag}> {link}")
    assert outside == []


def test_shipped_content_builds_a_site_without_broken_links(request: pytest.FixtureRequest) -> None:
    shipped_site = request.getfixturevalue("shipped_site")
    assert (shipped_site / "index.html").is_file() and (shipped_site / "en" / "index.html").is_file()
    assert broken_links(shipped_site) == []


# -- other content folders ----------------------------------------------------------------

def build_site_only(content: Path, out: Path) -> Path:
    """Only the site stage: decks and feeds are not needed to judge the pages."""
    build(content, out, today=dt.date(2027, 3, 1), stages=("site",), log=lambda message: None)
    return out / "site"


def test_a_site_without_a_public_url_still_links_soundly(small_content: Path, tmp_path: Path) -> None:
    site_yaml = small_content / "site.yaml"
    site_yaml.write_text(re.sub(r"(?m)^url:.*\n", "", site_yaml.read_text(encoding="utf-8")), encoding="utf-8")
    site = build_site_only(small_content, tmp_path / "out")
    calendar = page(site, "/en/sessions/")
    assert not [u for u in calendar.anchors() if u.startswith("webcal:")]
    assert "../../calendar/en/all.ics" in calendar.anchors()
    assert broken_links(site) == []
    html_text = (site / "en" / "modules" / "grunddag" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="sv" href="../../../modules/grunddag/"' in html_text


def test_a_hand_written_page_may_not_take_a_generated_page_name(small_content: Path, tmp_path: Path) -> None:
    (small_content / "pages").mkdir()
    (small_content / "pages" / "archive.sv.md").write_text("# Arkiv\n", encoding="utf-8")
    # The loader refuses it, with the file, so check says so before a build starts.
    with pytest.raises(ContentErrors) as refused:
        build_site_only(small_content, tmp_path / "out")
    assert [str(e) for e in refused.value.errors] == [
        f"{small_content / 'pages' / 'archive.sv.md'}:1:1: the page name 'archive' is used by the generated site "
        "(/archive/); rename the file, e.g. om-programmet.md"
    ]


def test_a_page_without_language_suffix_serves_every_language(small_content: Path, tmp_path: Path) -> None:
    (small_content / "pages").mkdir()
    (small_content / "pages" / "kontakt.md").write_text("# Kontakt\n\n{{ contact_email }}\n", encoding="utf-8")
    site = build_site_only(small_content, tmp_path / "out")
    for url in ("/kontakt/", "/en/kontakt/"):
        assert "Kontakt info@example.org" in page(site, url).text
    assert language_switch(site, "/kontakt/")["en"] == "/en/kontakt/"


def test_speaker_notes_page_shows_slides_in_order_with_images(rich_site: Path) -> None:  # noqa: F811
    notes = page(rich_site, "/en/trainers/notes/grunddag/")
    catalog = load_catalog(SITE_CONTENT)
    headings = [f"Slide {n}: {s.title['en']}" for n, s in enumerate(catalog.modules["grunddag"].slides, start=1)]
    positions = [notes.text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Notes: Show the picture and ask what people see." in notes.text
    images = [(url, attrs.get("alt")) for tag, url, attrs in notes.links
              if tag == "img" and not url.endswith("assets/coursegen/logo.svg")]  # the header's logo
    assert images == [("../../../../media/modules/grunddag/arbetsplats.png", "A blue area that stands for a workplace.")]
    assert (rich_site / "media" / "modules" / "grunddag" / "arbetsplats.png").is_file()


def test_registration_closes_after_its_deadline() -> None:
    from generator.rendering.site.pages import LanguagePages

    catalog = load_catalog(SITE_CONTENT)
    session = catalog.session("2027-04-grunddag-halmstad")  # deadline 1 April 2027
    before = LanguagePages(catalog, "en", dt.date(2027, 4, 1)).session(session).body
    after = LanguagePages(catalog, "en", dt.date(2027, 4, 2)).session(session).body
    assert "https://example.org/anmalan/grunddag" in before and "Registration has closed" not in before
    assert "https://example.org/anmalan/grunddag" not in after and "Registration has closed" in after


@pytest.mark.parametrize(("page_text", "line", "column", "expected"), [
    ("# X\n\n{{ nosuch(1) }}\n", 3, 4, "unknown macro or variable 'nosuch'; a page can use the macros upcoming_sessions(), "),
    ('# X\n\n{{ upcoming_sessions(kind="basic-day" }}\n', 3, 1,
     "the macro cannot be read: unexpected '}', expected ')'; write a macro as {{ name(...) }}"),
    ('---\ntitle: Fel\n---\n# X\n\n{{ module_link("grundag") }}\n', 6, 1,
     "module_link(): unknown module 'grundag' (did you mean 'grunddag'?); use the name of a file in modules/"),
])
def test_a_failing_macro_names_the_page_the_editor_wrote(small_content: Path, tmp_path: Path, page_text: str,
                                                         line: int, column: int, expected: str) -> None:
    (small_content / "pages").mkdir()
    (small_content / "pages" / "fel.sv.md").write_text(page_text, encoding="utf-8")
    with pytest.raises(ContentErrors) as failure:
        build_site_only(small_content, tmp_path / "out")
    [error] = failure.value.errors
    assert (error.path, error.line, error.column) == (str(small_content / "pages" / "fel.sv.md"), line, column)
    assert error.message.startswith(expected)
    assert not (tmp_path / "out" / "site").exists()


def test_pages_link_to_the_printed_documents(request: pytest.FixtureRequest) -> None:
    """Scripts from module and trainers' pages, attendance list and certificate from a coming
    session's page, the flyer from the employers' and a municipality's page; each link a PDF
    the build wrote."""
    site = request.getfixturevalue("shipped_site")
    catalog = load_catalog(Path(__file__).parent.parent / "content")
    session = next(s for s in catalog.upcoming(dt.date(2026, 12, 1)) if not s.is_cancelled)
    municipality = catalog.municipalities[0]
    expected = {
        "/modules/grunddag/": [urls.print_script("sv", "grunddag"), urls.print_script("en", "grunddag")],
        "/en/trainers/": [urls.print_script("en", "grunddag"), urls.print_attendance("en", session.id)],
        f"/sessions/{session.id}/": [urls.print_attendance("sv", session.id), urls.print_certificate("sv", session.id)],
        "/for-arbetsgivare/": [urls.print_flyer("sv")],
        f"/en/sessions/municipality/{slugify(municipality)}/": [urls.print_flyer("en", slugify(municipality))],
    }
    for address, documents in expected.items():
        targets = {urlsplit(urljoin(f"http://h{address}", link)).path for link in page(site, address).anchors()}
        for document in documents:
            assert document in targets, (address, document)
            assert (site / document.lstrip("/")).read_bytes().startswith(b"%PDF-"), document


# -- issue 13: the next course, registering, brand, calendars, edit and evaluation links --------

def title_of(site: Path, url: str) -> str:
    raw = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r"<title>(.*?)</title>", raw, re.S).group(1)).strip()


def test_the_programme_name_is_not_repeated_in_titles(rich_site: Path) -> None:  # noqa: F811
    assert title_of(rich_site, "/") == "Handledarprogrammet"
    assert title_of(rich_site, "/en/") == "The supervisor programme"
    assert title_of(rich_site, "/en/sessions/") == "Upcoming sessions – The supervisor programme"
    home = (rich_site / "index.html").read_text(encoding="utf-8")
    article = home[home.index("<article"):home.index("</article>")]
    assert article.count("Handledarprogrammet") == 1  # the heading, once


def test_home_page_lists_the_next_sessions_with_their_actions_and_a_way_for_employers(rich_site: Path) -> None:  # noqa: F811
    sv, en = page(rich_site, "/"), page(rich_site, "/en/")
    # Upcoming on 1 March 2027: the online breakfast, the April basic day, the full breakfast, ...
    assert "29 mars 2027, kl. 07.30–09.00" in sv.text and "15 April 2027, 09:00–16:00" in en.text
    assert "sessions/2027-03-frukost-online/" in sv.anchors()
    assert "https://example.org/anmalan/grunddag" in en.anchors()  # the button to register
    assert "4 places left" in en.text and "Fully booked" in en.text
    assert "for-arbetsgivare/" in sv.anchors() and "Are you a manager or an employer?" in en.text
    # The long texts come after the sessions.
    assert sv.text.index("Nästa tillfällen") < sv.text.index("Varför öppna din arbetsplats?")


def test_registration_text_on_open_sessions_and_on_its_own_page(rich_site: Path) -> None:  # noqa: F811
    from tests.browser.site_build import REGISTRATION_TEXT

    open_session = page(rich_site, "/en/sessions/2027-04-grunddag-halmstad/")
    assert REGISTRATION_TEXT["en"] in open_session.text
    assert REGISTRATION_TEXT["sv"] in page(rich_site, "/sessions/2027-04-grunddag-halmstad/").text
    for closed in ("/en/sessions/2027-05-frukost-angelholm/", "/en/sessions/2027-10-grunddag-varberg/",
                   "/en/sessions/2027-02-grunddag-halmstad/"):
        assert REGISTRATION_TEXT["en"] not in page(rich_site, closed).text, closed
    sv, en = page(rich_site, "/anmalan/"), page(rich_site, "/en/anmalan/")
    assert REGISTRATION_TEXT["sv"] in sv.text and REGISTRATION_TEXT["en"] in en.text
    assert "Så anmäler du dig" in sv.text and "How to register" in en.text
    assert "https://example.org/anmalan/grunddag" in en.anchors()
    assert "https://example.org/anmalan/frukost2" not in en.anchors()  # full: not open
    assert "mailto:info@example.org" in en.anchors() and "tel:+4635123456" in en.anchors()
    assert language_switch(rich_site, "/anmalan/")["en"] == "/en/anmalan/"


def test_waiting_list_keeps_the_link_as_joining_the_waiting_list(rich_site: Path) -> None:  # noqa: F811
    sv, en = page(rich_site, "/sessions/2027-06-grunddag-varberg/"), page(rich_site, "/en/sessions/2027-06-grunddag-varberg/")
    assert "Fullbokat – väntelista" in sv.text and "Full – waiting list" in en.text
    raw = en.path.read_text(encoding="utf-8")
    assert re.search(r'href="https://example.org/anmalan/varberg-juni" aria-label="Join the waiting list for Basic day '
                     r'on 10 June 2027">Join the waiting list for', raw)
    home = page(rich_site, "/en/sessions/")
    assert "Full – waiting list" in home.text


def test_registration_closes_by_itself_after_the_deadline_and_on_the_day(rich_content: Path) -> None:
    from generator.rendering.site.pages import LanguagePages

    catalog = load_catalog(rich_content)
    session = catalog.session("2027-06-grunddag-varberg")  # waiting list, deadline 27 May 2027
    for today, is_open in ((dt.date(2027, 5, 27), True), (dt.date(2027, 5, 28), False), (dt.date(2027, 6, 10), False)):
        pages = LanguagePages(catalog, "sv", today)
        body = pages.session(session).body
        assert ("https://example.org/anmalan/varberg-juni" in body) == is_open, today
        assert ("https://example.org/anmalan/varberg-juni" in pages.home().body) == is_open, today
    assert LanguagePages(catalog, "sv", dt.date(2027, 5, 28)).status_text(session) == "Fullbokat"
    scheduled = catalog.session("2027-04-grunddag-halmstad")  # deadline 1 April 2027
    assert LanguagePages(catalog, "en", dt.date(2027, 4, 2)).status_text(scheduled) == "Registration closed"


def test_a_session_can_be_added_to_google_outlook_and_any_calendar_app(rich_site: Path) -> None:  # noqa: F811
    from urllib.parse import parse_qs

    links = page(rich_site, "/en/sessions/2027-04-grunddag-halmstad/").anchors()
    google = next(u for u in links if u.startswith("https://calendar.google.com/calendar/render?"))
    query = parse_qs(urlsplit(google).query)
    assert query["ctz"] == ["Europe/Stockholm"] and query["dates"] == ["20270415T090000/20270415T160000"]
    assert query["action"] == ["TEMPLATE"] and query["text"] == ["Basic day, Halmstad"]
    assert query["location"] == ["Stadsbiblioteket, Axel Olssons gata 2, 302 27 Halmstad"]
    for host in ("outlook.office.com", "outlook.live.com"):
        outlook = next(u for u in links if u.startswith(f"https://{host}/calendar/0/deeplink/compose?"))
        query = parse_qs(urlsplit(outlook).query)
        assert query["startdt"] == ["2027-04-15T09:00:00+02:00"] and query["enddt"] == ["2027-04-15T16:00:00+02:00"]
        assert query["subject"] == ["Basic day, Halmstad"]
    assert "../../../calendar/en/session/2027-04-grunddag-halmstad.ics" in links
    online = page(rich_site, "/sessions/2027-03-frukost-online/").anchors()
    google = next(u for u in online if u.startswith("https://calendar.google.com/"))
    assert parse_qs(urlsplit(google).query)["location"] == ["Digitalt"]


def test_feeds_are_offered_in_plain_words_with_the_address_to_copy(rich_site: Path) -> None:  # noqa: F811
    calendar = page(rich_site, "/sessions/")
    assert "webcal" not in calendar.text.lower() and "Prenumerera (" not in calendar.text
    assert "Öppna i kalenderappen" in calendar.text and "https://kurser.example.org/calendar/sv/all.ics" in calendar.text
    assert "webcal://kurser.example.org/calendar/sv/online.ics" in calendar.anchors()
    assert "webcal://kurser.example.org/calendar/sv/municipality/halmstad.ics" not in calendar.anchors()
    assert "webcal://kurser.example.org/calendar/en/online.ics" in page(rich_site, "/en/sessions/online/").anchors()
    assert (rich_site / "calendar" / "en" / "online.ics").is_file()
    assert "Google" in calendar.text and "Outlook" in calendar.text and "Apple" in calendar.text


def test_edit_links_on_modules_sessions_and_hand_written_pages(rich_site: Path) -> None:  # noqa: F811
    from tests.browser.site_build import EDIT_URL

    expected = {
        "/modules/grunddag/": "modules/grunddag.yaml",
        "/en/sessions/2027-04-grunddag-halmstad/": "sessions.yaml",
        "/om-programmet/": "pages/om-programmet.sv.md",
        "/en/om-programmet/": "pages/om-programmet.en.md",
        "/tillganglighet/": "pages/tillganglighet.sv.md",
    }
    for url, path in expected.items():
        assert EDIT_URL.replace("{path}", path) in page(rich_site, url).anchors(), url
    assert "Redigera sidan" in page(rich_site, "/modules/grunddag/").text
    assert "Edit this page" in page(rich_site, "/en/sessions/2027-04-grunddag-halmstad/").text


def test_no_edit_links_without_an_edit_url(small_site: Path) -> None:
    for url in ("/modules/grunddag/", "/sessions/2027-02-grunddag-halmstad/"):
        assert "Redigera sidan" not in page(small_site, url).text


def test_evaluation_link_once_the_session_has_begun_and_for_trainers(rich_site: Path, rich_content: Path) -> None:  # noqa: F811
    from generator.rendering.site.pages import LanguagePages
    from tests.browser.site_build import EVALUATION_URL

    past = page(rich_site, "/sessions/2027-02-grunddag-halmstad/")
    assert EVALUATION_URL.replace("{session}", "2027-02-grunddag-halmstad") in past.anchors()
    coming = page(rich_site, "/sessions/2027-04-grunddag-halmstad/")
    assert not [u for u in coming.anchors() if u.startswith("https://forms.example.org/")]
    catalog = load_catalog(rich_content)
    on_the_day = LanguagePages(catalog, "en", dt.date(2027, 4, 15)).session(catalog.session("2027-04-grunddag-halmstad"))
    assert EVALUATION_URL.replace("{session}", "2027-04-grunddag-halmstad") in on_the_day.body
    trainers = page(rich_site, "/en/trainers/").anchors()
    assert EVALUATION_URL.replace("{session}", "2027-04-grunddag-halmstad") in trainers
    assert EVALUATION_URL.replace("{session}", "2027-10-grunddag-varberg") not in trainers  # cancelled


def test_brand_logo_icons_colours_and_contact_links(rich_site: Path, rich_content: Path) -> None:  # noqa: F811
    raw = (rich_site / "en" / "modules" / "grunddag" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img src="[./]*assets/coursegen/logo\.svg" alt="Testförbundet i Halland">', raw)
    catalog = load_catalog(rich_content)  # the logo as the loader rebuilt it
    assert (rich_site / "en" / "assets" / "coursegen" / "logo.svg").read_bytes() == catalog.file(catalog.site.logo)
    assert re.search(r'<link rel="icon" href="[./]*assets/coursegen/favicon\.png">', raw)
    assert re.search(r'<link rel="apple-touch-icon" href="[./]*assets/coursegen/apple-touch-icon\.png">', raw)
    for name, size in (("favicon.png", 48), ("apple-touch-icon.png", 180)):
        data = (rich_site / "assets" / "coursegen" / name).read_bytes()
        assert data.startswith(b"\x89PNG") and int.from_bytes(data[16:20], "big") == size
    css = (rich_site / "assets" / "coursegen" / "brand.css").read_text(encoding="utf-8")
    assert "--cg-primary: #00566b;" in css and "--cg-accent: #a4371c;" in css
    assert 'href="mailto:info@example.org"' in raw and 'href="tel:+4635123456"' in raw


def test_without_logo_or_brand_the_theme_defaults_stay(small_site: Path) -> None:
    raw = (small_site / "index.html").read_text(encoding="utf-8")
    assert "coursegen/logo" not in raw and "apple-touch-icon" not in raw
    assert "--cg-primary" not in (small_site / "assets" / "coursegen" / "brand.css").read_text(encoding="utf-8")


def test_not_found_page_in_each_language_leads_home_and_to_the_calendar(rich_site: Path) -> None:  # noqa: F811
    for path, lang, words, home, calendar in (
        ("404.html", "sv", "Sidan finns inte", "/", "/sessions/"),
        ("en/404.html", "en", "Page not found", "/en/", "/en/sessions/"),
    ):
        built = Page(rich_site / path)
        assert built.lang == lang and words in built.text
        assert home in built.anchors() and calendar in built.anchors()
        assert built.tags.count("h1") == 1
        # The footer leads to the other language and the accessibility statement from any address.
        assert f"{home}tillganglighet/" in built.anchors() and ("/en/" if lang == "sv" else "/") in built.anchors()


# -- link texts, the paper evaluation form, the results page ------------------------------------

# Lighthouse's link-text audit (12.2.3, core/audits/seo/link-text.js): link texts it refuses,
# Swedish and English.
VAGUE_LINK_TEXTS = {"click here", "click this", "go", "here", "information", "learn more", "more", "more info",
                    "more information", "right here", "read more", "see more", "start", "this",
                    "här", "klicka här", "läs mer", "mer", "mer info", "mer information"}


class LinkTexts(HTMLParser):
    """(href, visible text) of every <a> of a page, as Lighthouse reads them."""

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []
        self.feed(raw)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open.append((dict(attrs).get("href") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, parts = self._open.pop()
            self.found.append((href, " ".join("".join(parts).split())))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def test_no_link_says_only_start_or_read_more(rich_site: Path) -> None:  # noqa: F811
    """Every link on every page says where it leads in its visible words, so Lighthouse's
    link-text audit passes: the home tab is "Startsida"/"Home", a session card's second
    link names the session's date."""
    vague = []
    for path in sorted(rich_site.rglob("*.html")):
        for href, words in LinkTexts(path.read_text(encoding="utf-8")).found:
            if href and not href.startswith(("#", "mailto:", "javascript:")) and words.casefold() in VAGUE_LINK_TEXTS:
                vague.append(f"{path.relative_to(rich_site)}: {words!r} -> {href}")
    assert vague == []
    home = dict((words, href) for href, words in LinkTexts((rich_site / "index.html").read_text(encoding="utf-8")).found)
    assert "Startsida" in home and "Home" in dict(
        (words, href) for href, words in LinkTexts((rich_site / "en" / "index.html").read_text(encoding="utf-8")).found)
    # The full breakfast on 20 May 2027 (no registration button): "read more" with its date, visibly.
    cards = (rich_site / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="md-button" href="sessions/[^"]+/" aria-label="More about the session on '
                     r'[^"]+: [^"]+">More about the session on [^<]+</a>', cards)


def paper_forms(site: Path, address: str) -> dict[str, str]:
    """Site path of each paper evaluation form linked from the page at ``address`` -> its link text."""
    raw = (site / address.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return {urlsplit(urljoin(f"http://h{address}", href)).path: words
            for href, words in LinkTexts(raw).found if "/evaluation/" in href and href.endswith(".pdf")}


def test_trainers_page_links_each_coming_session_to_its_paper_evaluation_form(rich_site: Path, rich_content: Path) -> None:  # noqa: F811
    catalog = load_catalog(rich_content)
    taking_place = [s for s in catalog.upcoming(SITE_TODAY) if not s.is_cancelled]
    assert taking_place and any(s.is_cancelled for s in catalog.upcoming(SITE_TODAY))
    for lang, address, words in (("sv", "/trainers/", "Utvärderingsblankett (PDF)"),
                                 ("en", "/en/trainers/", "Evaluation form (PDF)")):
        found = paper_forms(rich_site, address)
        assert found == {urls.print_evaluation(lang, s.id): words for s in taking_place}
        for document in found:  # the print stage wrote every one of them
            assert (rich_site / document.lstrip("/")).read_bytes().startswith(b"%PDF-"), document


def test_without_an_evaluation_there_is_no_paper_form_and_no_results_link(small_site: Path) -> None:
    assert paper_forms(small_site, "/trainers/") == {}
    assert not (small_site / "results").exists()
    for raw in ((small_site / "index.html").read_text(encoding="utf-8"), (small_site / "404.html").read_text(encoding="utf-8")):
        assert "results/" not in raw and "Utvärderingsresultat" not in raw


def test_every_footer_leads_to_the_evaluation_results(rich_site: Path) -> None:  # noqa: F811
    """The results page is linked where a visitor looks for "about this site": every page's
    footer, the 404 page's too, in each language."""
    for address, results, words in (("/", "/results/", "Utvärderingsresultat"),
                                    ("/sessions/2027-04-grunddag-halmstad/", "/results/", "Utvärderingsresultat"),
                                    ("/en/modules/grunddag/", "/en/results/", "Evaluation results"),
                                    ("/404.html", "/results/", "Utvärderingsresultat"),
                                    ("/en/404.html", "/en/results/", "Evaluation results")):
        file = rich_site / address.lstrip("/")
        raw = (file if file.suffix == ".html" else file / "index.html").read_text(encoding="utf-8")
        footer = raw[raw.index('<nav class="cg-footer-links"'):]
        footer = footer[:footer.index("</nav>")]
        links = {urlsplit(urljoin(f"http://h{address}", href)).path: text for href, text in LinkTexts(footer).found}
        assert links.get(results) == words, (address, links)
        assert (rich_site / results.lstrip("/") / "index.html").is_file()
