"""Content is untrusted: no content can run script on the site or code at build time.

Real builds (the pipeline's site stage, real mkdocs) of a copy of tests/fixtures/site that
holds attacks in every place content reaches a page: Markdown fields in YAML, a Markdown
material, plain fields, URLs, the site's address and e-mail, and hand-written pages. The
built HTML is read back with html.parser. Each test is named after the defect it guards
against, with the variants of that defect as parameters.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.errors import ContentErrors
from generator.loading import load_catalog
from generator.model import Catalog
from generator.pipeline import BuildContext, build
from generator.rendering.site import render_site
from generator.rendering.site.macros import check_page_macros

FIXTURE = Path(__file__).parent / "fixtures" / "site"
TODAY = dt.date(2027, 3, 1)

# A link written in Markdown whose target is a script in disguise: (name, target).
SCRIPT_TARGETS = [
    ("plain", "javascript:alert(1)"),
    ("uppercase", "JAVASCRIPT:alert(1)"),
    ("mixed-case", "JaVaScRiPt:alert(1)"),
    ("entity-letter", "jav&#x61;script:alert(1)"),
    ("entity-decimal", "&#106;avascript:alert(1)"),
    ("entity-colon", "javascript&colon;alert(1)"),
    ("entity-colon-numeric", "javascript&#58;alert(1)"),
    ("entity-tab", "java&#x09;script:alert(1)"),
    ("entity-newline", "java&#10;script:alert(1)"),
    ("percent-in-angle-brackets", "<javascript:alert(1)>"),
    ("leading-space-in-angle-brackets", "< javascript:alert(1)>"),
    ("data-url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    ("vbscript", "vbscript:msgbox(1)"),
]
# Where a Markdown link can be written: a hand-written page, a YAML Markdown field, a material.
PLACES = {
    "page": "/angrepp/",
    "module-description": "/modules/grunddag/",
    "material": "/materials/grunddag/checklista-sv/",
}
REFERENCE_STYLES = [
    ("plain", "[{label}][{ref}]\n\n[{ref}]: {target}\n"),
    ("in-quote", "> [{label}][{ref}]\n>\n> [{ref}]: {target}\n"),
    ("in-list", "- [{label}][{ref}]\n- [{ref}]: {target}\n"),
    ("in-list-item-paragraph", "- item\n\n    [{label}][{ref}]\n\n    [{ref}]: {target}\n"),
    ("title-quoted", '[{label}][{ref}]\n\n[{ref}]: {target} "a title"\n'),
    ("angle-brackets", "[{label}][{ref}]\n\n[{ref}]: <{target}>\n"),
    ("collapsed", "[{ref}][]\n\n[{ref}]: {target}\n"),
]
RAW_HTML = [
    ("script", "<script>alert('raw-script')</script>"),
    ("script-uppercase", "<SCRIPT>alert('raw-script')</SCRIPT>"),
    ("svg-onload", "<svg onload=alert('svg-onload')><circle r=1 /></svg>"),
    ("img-onerror", "<img src=x onerror=alert('img-onerror')>"),
    ("iframe", '<iframe src="javascript:alert(\'iframe\')"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'),
    ("form", '<form action="javascript:alert(\'form\')"><button>Go</button></form>'),
    ("object", '<object data="javascript:alert(\'object\')"></object>'),
    ("embed", '<embed src="javascript:alert(\'embed\')">'),
    ("style", "<style>body { background: url(javascript:alert('style')) }</style>"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("base", '<base href="javascript:alert(1)//">'),
    ("link-import", '<link rel="import" href="data:text/html,x">'),
    ("math", '<math><a xlink:href="javascript:alert(1)">m</a></math>'),
    ("details-ontoggle", "<details open ontoggle=alert('toggle')><summary>s</summary></details>"),
    ("md-in-html-onclick", '<div markdown="1" onclick="alert(\'div\')">\n\n**bold**\n\n</div>'),
    ("a-href-entity", '<a href="&#x6A;avascript:alert(1)">raw-link</a>'),
    ("a-href-tab", '<a href="java\tscript:alert(1)">raw-link</a>'),
    ("a-href-newline", '<a href="java\nscript:alert(1)">raw-link</a>'),
    ("img-src-data", '<img src="data:image/svg+xml,<svg onload=alert(1)>">'),
    ("noscript-breakout", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'),
    ("comment-breakout", "<!--><img src=x onerror=alert(1)>-->"),
    ("theme-component", '<div data-md-component="announce" class="md-clipboard mermaid">graph</div>'),
    ("theme-id", '<h2 id="__search">clobber</h2>'),
]
ATTRIBUTE_LISTS = [
    ("paragraph", "A paragraph\n{: onclick=\"alert('attr-list')\" }"),
    ("heading", "## Heading {: onmouseover=\"alert('attr-list')\" }"),
    ("link", "[x](https://example.org/){: onclick=\"alert('attr-list')\" }"),
]

# A picture from another host: a request the site would make on every visit (tracking).
OUTSIDE_PICTURES = [
    ("markdown", "![tracker](https://tracker.example/pixel.png)"),
    ("protocol-relative", '<img src="//tracker.example/pixel.png" alt="tracker">'),
    ("backslashes", '<img src="\\\\tracker.example/pixel.png" alt="tracker">'),
    ("uppercase-scheme", '<img src=" HTTP://tracker.example/pixel.png" alt="tracker">'),
    # A browser drops tabs and line breaks anywhere in a URL and C0 controls and spaces at its
    # ends, and reads '\\' as '/', before it parses the URL.
    ("tab-between-slashes", '<img src="/&#9;/tracker.example/pixel.png" alt="tracker">'),
    ("newline-between-slashes", '<img src="/&#10;/tracker.example/pixel.png" alt="tracker">'),
    ("cr-between-backslashes", '<img src="\\&#13;\\tracker.example/pixel.png" alt="tracker">'),
    ("slash-backslash", '<img src="/\\tracker.example/pixel.png" alt="tracker">'),
    ("tab-in-scheme", '<img src="ht&#9;tp://tracker.example/pixel.png" alt="tracker">'),
    ("leading-controls", '<img src="&#1;&#31;&#11; //tracker.example/pixel.png" alt="tracker">'),
    ("trailing-controls", '<img src="//tracker.example/pixel.png&#2; " alt="tracker">'),
]
# Buttons the site's own script (assets/coursegen.js) arms: only the generator may make them.
SCRIPT_BUTTONS = (
    '<button type="button" class="md-button cg-copy" hidden data-copy="webcal://tracker.example/fake.ics" '
    'data-copied="Kopierad">forged-copy</button>\n\n'
    '<p class="cg-print-action"><button type="button" class="md-button cg-print" hidden>forged-print</button></p>\n\n'
    '<p><span id="cg-slot-00000000000000000000000000000000-0"></span>guessed-slot</p>\n'
)

ONLINE_URL = "https://meet.example.org/x>)<svg/onload=alert('online')>"
REGISTRATION_URL = "https://example.org/a\"><img/src=x/onerror=alert('registration')>"
SITE_URL = "https://kurser.example.org/\"><script>alert('site-url')</script>"
EMAIL = "x\"><svg/onload=alert('email')>@example.org"
ORGANISER = "Testförbundet <img src=x onerror=alert('organiser')> *i* Halland"
TAGLINE = "Vi utbildar \"><script>alert('tagline')</script> handledare."


def markdown_attacks(prefix: str) -> str:
    """Every disguised script link and reference-style link, each labelled to be found again."""
    lines = [f"[{prefix}-{name}]({target})\n" for name, target in SCRIPT_TARGETS]
    for name, pattern in REFERENCE_STYLES:
        ref = f"{prefix}-ref-{name}"
        label = ref if name == "collapsed" else f"{prefix}-reflabel-{name}"
        lines.append(pattern.format(label=label, ref=ref, target="javascript:alert(1)"))
    lines += [text for _, text in ATTRIBUTE_LISTS]
    return "\n".join(lines)


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def yaml_block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in text.split("\n"))


def attack_content(target: Path) -> Path:
    """A copy of the site fixture with an attack in every place content reaches a page."""
    shutil.copytree(FIXTURE, target)
    site = (target / "site.yaml").read_text(encoding="utf-8")
    site = site.replace("organiser: Testförbundet i Halland", f"organiser: {quoted(ORGANISER)}")
    site = site.replace("sv: Vi utbildar handledare för öppna arbetsplatser.", f"sv: {quoted(TAGLINE)}")
    (target / "site.yaml").write_text(site, encoding="utf-8")

    module = (target / "modules" / "grunddag.yaml").read_text(encoding="utf-8")
    start, end = module.index("description:\n"), module.index("audience:")
    module = module[:start] + "description:\n  sv: " + yaml_block(markdown_attacks("yaml"), 4) \
        + "  en: Safe text.\n" + module[end:]
    (target / "modules" / "grunddag.yaml").write_text(module, encoding="utf-8")
    (target / "modules" / "grunddag" / "checklista.sv.md").write_text(
        "# Checklista\n\n" + markdown_attacks("material"), encoding="utf-8")

    raw = "\n\n".join(f"<p>raw-{name}</p>\n\n{html}" for name, html in RAW_HTML)
    (target / "pages" / "angrepp.sv.md").write_text(
        "# Angrepp\n\n{{ programme }} · {{ organiser }} · {{ contact_email }}\n\n"
        + markdown_attacks("page") + "\n\n" + raw + "\n\n"
        + "\n\n".join(f"outside-{name} {picture}" for name, picture in OUTSIDE_PICTURES) + "\n\n"
        + SCRIPT_BUTTONS + "\n\n"
        "## <img src=x onerror=alert('heading')> rubrik\n\n"
        "## &lt;img src=x onerror=alert('heading-entity')&gt; rubrik\n\n"
        "## Rubrik &lt;script&gt;alert('heading-script')&lt;/script&gt;\n",
        encoding="utf-8")
    # A page's title and description go into <head>, the menu and the footer's neighbours.
    (target / "pages" / "rubrik.sv.md").write_text(
        "---\ntitle: \"</title><script>alert('title')</script> &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;\"\n"
        "description: '\"><script>alert(''description'')</script>'\n---\n\nText.\n", encoding="utf-8")
    (target / "pages" / "rubrik.en.md").write_text(
        "# </title><script>alert('heading-title')</script> &lt;/title&gt;&lt;svg onload=alert(1)&gt;\n\nText.\n",
        encoding="utf-8")
    return target


def hostile_addresses(catalog: Catalog) -> Catalog:
    """The catalog with addresses the loader refuses (quotes, '<', '>'), as if it had let them
    through: the site renderer must be safe on its own."""
    site = replace(catalog.site, url=SITE_URL, contact=replace(catalog.site.contact, email=EMAIL))
    sessions = tuple(
        replace(s, online_url=ONLINE_URL) if s.online_url else
        replace(s, registration_url=REGISTRATION_URL) if s.id == "2027-04-grunddag-halmstad" else s
        for s in catalog.sessions)
    return replace(catalog, site=site, sessions=sessions)


@pytest.fixture(scope="module")
def attack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site stage (real mkdocs, both languages) on the attack content."""
    root = tmp_path_factory.mktemp("attacks")
    catalog = hostile_addresses(load_catalog(attack_content(root / "content")))
    out = root / "out"
    ctx = BuildContext(catalog=catalog, site_dir=out / "site", work_dir=out, today=TODAY, log=lambda message: None)
    assert render_site(ctx) > 0
    return out / "site"


def test_the_loader_refuses_addresses_that_could_leave_their_attribute(tmp_path: Path) -> None:
    """First line of defence (the renderer does not rely on it: see hostile_addresses)."""
    content = attack_content(tmp_path / "content")
    site = (content / "site.yaml").read_text(encoding="utf-8")
    site = site.replace("url: https://kurser.example.org", f"url: {quoted(SITE_URL)}")
    site = site.replace("contact: {email: info@example.org}", f"contact: {{email: {quoted(EMAIL)}}}")
    (content / "site.yaml").write_text(site, encoding="utf-8")
    sessions = (content / "sessions.yaml").read_text(encoding="utf-8")
    sessions = sessions.replace("online: {url: https://meet.example.org/frukost}", f"online: {{url: {quoted(ONLINE_URL)}}}")
    sessions = sessions.replace("registration: {url: https://example.org/anmalan/grunddag,",
                                f"registration: {{url: {quoted(REGISTRATION_URL)},")
    (content / "sessions.yaml").write_text(sessions, encoding="utf-8")
    with pytest.raises(ContentErrors) as failure:
        load_catalog(content)
    fields = {error.field for error in failure.value.errors}
    assert {"url", "contact.email", "sessions[2027-03-frukost-online].online.url",
            "sessions[2027-04-grunddag-halmstad].registration.url"} <= fields


# -- reading the built HTML ---------------------------------------------------------------

class Built(HTMLParser):
    """Every element of a built page with its attributes, whether it is in the article, and
    the text of each link."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.elements: list[tuple[str, dict[str, str], bool]] = []  # (tag, attributes, in article)
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.links: dict[str, dict[str, str]] = {}  # link text -> attributes of its <a>
        self.article_text: list[str] = []
        self._stack: list[str] = []
        self._open_link: tuple[dict[str, str], list[str]] | None = None
        self._script: tuple[dict[str, str], list[str]] | None = None
        self.feed(path.read_text(encoding="utf-8"))
        self.close()

    @property
    def in_article(self) -> bool:
        return "article" in self._stack

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes, self.in_article))
        if tag == "script":
            self._script = (attributes, [])
        if tag == "a":
            self._open_link = (attributes, [])
        if tag not in self.VOID:
            self._stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        if tag == "a" and self._open_link is not None:
            attributes, words = self._open_link
            self.links[" ".join("".join(words).split())] = attributes
            self._open_link = None
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        if self._open_link is not None:
            self._open_link[1].append(data)
        if self.in_article:
            self.article_text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.article_text).split())


def built(site: Path, url: str) -> Built:
    return Built(site / url.lstrip("/") / "index.html")


def every_page(site: Path) -> list[Built]:
    return [Built(path) for path in sorted(site.rglob("*.html"))]


# Scripts of the theme and the site itself: nothing else may be a <script> on any page.
# The 404 page names them by absolute path below the site's address (mkdocs' base_url).
THEME_SCRIPT_SOURCE = re.compile(r"((\.\./)*|/[^<>\"':]*/)(assets/javascripts/bundle\.[0-9a-f]+\.min\.js|assets/coursegen/(coursegen|search-lazy)\.js)")
THEME_INLINE_SCRIPTS = ("__md_scope=", "var palette=", "var target=")
# Elements that run, load or submit something: never inside a page's article.
ACTIVE_ELEMENTS = {"script", "style", "svg", "math", "iframe", "frame", "object", "embed", "applet", "form",
                   "input", "textarea", "select", "base", "meta", "link", "noscript", "template", "portal"}
BAD_SCHEME = re.compile(r"(javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)


def script_url(value: str) -> bool:
    """Whether an attribute value is a script, data or other active URL as a browser reads it
    (it drops ASCII tab and newline anywhere, and leading spaces and control characters)."""
    cleaned = re.sub(r"[\t\n\r]", "", unquote(value) if value.lower().startswith("%") else value)
    return bool(BAD_SCHEME.match(cleaned.lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")))


def structured_data(body: str) -> bool:
    """schema.org JSON-LD as seo.script_json writes it: JSON with no '<' that could end its element."""
    try:
        json.loads(body)
    except ValueError:
        return False
    return "<" not in body


def problems(page: Built) -> list[str]:
    """Every script, handler, script URL or active element a page should not have."""
    found = []
    for attributes, body in page.scripts:
        source = attributes.get("src")
        if source is not None:
            if not THEME_SCRIPT_SOURCE.fullmatch(source):
                found.append(f"<script src={source!r}>")
        elif not (attributes.get("id") == "__config" and attributes.get("type") == "application/json") \
                and not (attributes.get("type") == "application/ld+json" and structured_data(body)) \
                and not body.startswith(THEME_INLINE_SCRIPTS):
            found.append(f"<script>{body[:60]!r}")
    for tag, attributes, in_article in page.elements:
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if script_url(value):
                found.append(f"<{tag} {name}={value!r}>")
            if name in ("srcdoc", "formaction", "xlink:href", "action"):
                found.append(f"<{tag} {name}={value!r}>")
        if in_article and tag in ACTIVE_ELEMENTS:
            found.append(f"<{tag}> in the article")
        if in_article and tag != "a" and "data-md-component" in attributes:
            found.append(f"<{tag} data-md-component> in the article")
    return found


# -- every page of the attack build -----------------------------------------------------------

def test_no_page_has_a_foreign_script_a_handler_or_a_script_url(attack_site: Path) -> None:
    pages = every_page(attack_site)
    assert len(pages) > 40
    found = {str(page.path.relative_to(attack_site)): problems(page) for page in pages}
    assert {path: items for path, items in found.items() if items} == {}


def test_the_checker_itself_finds_each_kind_of_attack(tmp_path: Path) -> None:
    """The sweep above would see an attack if one got through (checked on a hand-made page)."""
    page = tmp_path / "index.html"
    page.write_text('<html><body><article><svg onload="x"></svg><a href="java\tscript:x">a</a>'
                    '<img src=" data:image/png,x"><form></form></article>'
                    "<script>alert(1)</script><script src=\"https://evil.example/x.js\"></script></body></html>",
                    encoding="utf-8")
    found = problems(Built(page))
    for expected in ("<svg onload=", "<a href=", "<img src=", "<form> in the article", "<script>'alert(1)'",
                     "<script src='https://evil.example/x.js'>"):
        assert any(item.startswith(expected) for item in found), (expected, found)


def test_search_index_holds_no_markup_that_could_run(attack_site: Path) -> None:
    """The theme shows search results' text as HTML: the index must be as clean as the pages."""
    for index in (attack_site / "search" / "search_index.json", attack_site / "en" / "search" / "search_index.json"):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for field in ("title", "text"):
                page = index.parent / "check.html"
                page.write_text(f"<article>{doc[field]}</article>", encoding="utf-8")
                assert problems(Built(page)) == [], (doc["location"], field, doc[field][:200])
                page.unlink()


# -- Markdown links whose target is a script ---------------------------------------------------

def assert_harmless(page: Built, label: str) -> None:
    """The link labelled ``label`` is published (as a link or as text) and leads to no script."""
    link = page.links.get(label)
    if link is None:  # not made a link at all: the label is left as text
        assert label in page.text, f"{label} is neither a link nor text on {page.path}"
    else:  # a link to nowhere, or to a relative address that merely looks like one ('<javascript:...')
        assert not script_url(link.get("href", "")), link
        assert "href" not in link or not re.match(r"[a-z]+:", link["href"], re.I), link
    assert problems(page) == []


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(("variant", "target"), SCRIPT_TARGETS, ids=[name for name, _ in SCRIPT_TARGETS])
def test_markdown_link_to_a_disguised_script_url_loses_its_target(attack_site: Path, place: str,
                                                                  variant: str, target: str) -> None:
    page = built(attack_site, PLACES[place])
    prefix = {"page": "page", "module-description": "yaml", "material": "material"}[place]
    assert_harmless(page, f"{prefix}-{variant}")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(("variant", "pattern"), REFERENCE_STYLES, ids=[name for name, _ in REFERENCE_STYLES])
def test_reference_style_link_to_a_script_url_loses_its_target(attack_site: Path, place: str,
                                                               variant: str, pattern: str) -> None:
    page = built(attack_site, PLACES[place])
    prefix = {"page": "page", "module-description": "yaml", "material": "material"}[place]
    assert_harmless(page, f"{prefix}-ref-{variant}" if variant == "collapsed" else f"{prefix}-reflabel-{variant}")


@pytest.mark.parametrize(("variant", "markdown"), ATTRIBUTE_LISTS, ids=[name for name, _ in ATTRIBUTE_LISTS])
def test_attribute_list_syntax_adds_no_handler(attack_site: Path, variant: str, markdown: str) -> None:
    for url in PLACES.values():
        page = built(attack_site, url)
        assert not [attrs for _, attrs, _ in page.elements if any(name.startswith("on") for name in attrs)]
        assert "alert('attr-list')" in page.text or "onclick" not in markdown, (url, variant)


# -- raw HTML in a hand-written page ---------------------------------------------------------

@pytest.mark.parametrize(("variant", "html"), RAW_HTML, ids=[name for name, _ in RAW_HTML])
def test_raw_html_in_a_hand_written_page_cannot_run_script(attack_site: Path, variant: str, html: str) -> None:
    page = built(attack_site, "/angrepp/")
    assert f"raw-{variant}" in page.text  # the page around the attack was published
    assert problems(page) == []
    raw = page.path.read_text(encoding="utf-8")
    article = raw[raw.index("<article"):raw.index("</article>")]
    assert not re.search(r"<(script|svg|iframe|object|embed|form|style|math|base|meta|link)\b", article, re.I)


@pytest.mark.parametrize(("variant", "picture"), OUTSIDE_PICTURES, ids=[name for name, _ in OUTSIDE_PICTURES])
def test_a_page_cannot_load_a_picture_from_another_host(attack_site: Path, variant: str, picture: str) -> None:
    page = built(attack_site, "/angrepp/")
    assert f"outside-{variant}" in page.text
    sources = [attrs.get("src", "") for tag, attrs, inside in page.elements if inside and tag == "img"]
    assert sources and not [s for s in sources if "tracker" in s]


def script_classes() -> set[str]:
    """The classes the site's own script looks for."""
    script = (Path(__file__).parent.parent / "generator" / "rendering" / "site" / "assets" / "coursegen.js")
    return set(re.findall(r"\bcg-[a-z0-9_-]+", script.read_text(encoding="utf-8")))


def test_the_sanitizer_drops_every_class_the_site_script_acts_on() -> None:
    from generator.rendering.site.sanitize import clean

    classes = script_classes()
    assert {"cg-copy", "cg-print"} <= classes
    for name in sorted(classes):
        cleaned = clean(f'<button type="button" class="md-button {name}" data-copy="https://x.example/" '
                        f'data-copied="x">b</button><span class="{name}">s</span>')
        assert name not in cleaned and "data-copy" not in cleaned, cleaned


def test_a_page_cannot_make_the_buttons_the_site_script_arms(attack_site: Path) -> None:
    """Neither raw HTML nor a guessed slot makes a copy or print button; the generator's own still work."""
    page = built(attack_site, "/angrepp/")
    assert "forged-copy" in page.text and "forged-print" in page.text and "guessed-slot" in page.text
    buttons = [attrs for tag, attrs, inside in page.elements if inside and tag == "button"]
    assert len(buttons) >= 2  # the forged ones, kept as plain buttons
    assert not [b for b in buttons if script_classes() & set(b.get("class", "").split()) or "data-copy" in b]
    calendar = built(attack_site, "/sessions/")
    copies = [attrs for tag, attrs, inside in calendar.elements if inside and "cg-copy" in attrs.get("class", "")]
    assert copies and all(b["data-copy"].endswith(".ics") and "tracker" not in b["data-copy"] for b in copies)
    session = built(attack_site, "/sessions/2027-04-grunddag-halmstad/")
    assert [attrs for tag, attrs, inside in session.elements if inside and "cg-print" in attrs.get("class", "").split()]
    left = [str(p.path.relative_to(attack_site)) for p in every_page(attack_site)
            if re.search(r"cg-slot-(?!0{32})", p.path.read_text(encoding="utf-8"))]
    assert left == [], f"a button's slot was left unfilled: {left[:5]}"


def test_theme_ids_and_classes_cannot_be_taken_by_a_page(attack_site: Path) -> None:
    page = built(attack_site, "/angrepp/")
    in_article = [(tag, attrs) for tag, attrs, inside in page.elements if inside]
    assert not [a for _, a in in_article if a.get("id", "").startswith("__")]
    assert not [a for _, a in in_article if {"md-clipboard", "mermaid"} & set(a.get("class", "").split())]
    assert not [a for _, a in in_article if any(name.startswith("data-md") for name in a)]


def test_markup_in_a_heading_reaches_neither_the_toc_nor_the_title(attack_site: Path) -> None:
    page = built(attack_site, "/angrepp/")
    assert not [attrs for tag, attrs, _ in page.elements if tag == "img" and attrs.get("src") == "x" and "onerror" in attrs]
    raw = page.path.read_text(encoding="utf-8")
    assert "<img src=x onerror" not in raw and "<script>alert('heading-script')" not in raw


@pytest.mark.parametrize("url", ["/rubrik/", "/en/rubrik/", "/angrepp/"])
def test_page_title_and_description_are_text_in_head_menu_and_heading(attack_site: Path, url: str) -> None:
    page = built(attack_site, url)
    assert problems(page) == []
    raw = page.path.read_text(encoding="utf-8")
    assert "<script>alert('title')" not in raw and "<script>alert('heading-title')" not in raw
    assert "<script>alert('description')" not in raw
    titles = re.findall(r"<title>(.*?)</title>", raw, re.S)
    assert len(titles) == 1 and "<" not in titles[0]


# -- plain fields and addresses from YAML -----------------------------------------------------

def test_online_meeting_url_cannot_break_out_of_its_link(attack_site: Path) -> None:
    for url in ("/sessions/2027-03-frukost-online/", "/en/sessions/2027-03-frukost-online/"):
        page = built(attack_site, url)
        assert problems(page) == []
        assert not [tag for tag, _, inside in page.elements if inside and tag == "svg"]
        # The meeting link comes in the participants' confirmation: the page does not publish it.
        meeting = [attrs["href"] for attrs in page.links.values() if attrs.get("href", "").startswith("https://meet.")]
        assert meeting == [] and "meet.example.org" not in page.path.read_text(encoding="utf-8")


def test_registration_url_cannot_break_out_of_its_button(attack_site: Path) -> None:
    page = built(attack_site, "/sessions/2027-04-grunddag-halmstad/")
    assert problems(page) == []
    buttons = [attrs for attrs in page.links.values() if "md-button--primary" in attrs.get("class", "")]
    assert [b["href"] for b in buttons] == [REGISTRATION_URL]  # one attribute, the whole address as text
    assert not [tag for tag, _, inside in page.elements if inside and tag == "img"]


@pytest.mark.parametrize("url", ["/for-arbetsgivare/", "/tillganglighet/", "/en/for-arbetsgivare/",
                                 "/en/tillganglighet/", "/angrepp/", "/"])
def test_contact_email_cannot_break_out_of_mailto_or_the_footer(attack_site: Path, url: str) -> None:
    page = built(attack_site, url)
    assert problems(page) == []
    raw = page.path.read_text(encoding="utf-8")
    assert "<svg/onload" not in raw and "alert('email')>" not in raw.replace("&gt;", ">").split("<article")[0]
    for attrs in page.links.values():
        href = attrs.get("href", "")
        if href.startswith("mailto:"):
            assert "<" not in href and ">" not in href and '"' not in href, href


@pytest.mark.parametrize("url", ["/", "/en/", "/sessions/", "/angrepp/", "/modules/grunddag/", "/404.html"])
def test_site_url_is_escaped_in_the_head_of_every_page(attack_site: Path, url: str) -> None:
    path = attack_site / ("404.html" if url == "/404.html" else url.lstrip("/") + "index.html")
    page = Built(path)
    assert problems(page) == []
    head_links = [attrs for tag, attrs, _ in page.elements if tag == "link" and attrs.get("rel") in ("canonical", "alternate")]
    for attrs in head_links:
        assert "<" not in attrs["href"] or attrs["href"].startswith("https://kurser.example.org/\"><script>")
    raw = path.read_text(encoding="utf-8")
    assert "<script>alert('site-url')" not in raw


def test_organiser_and_tagline_are_text_everywhere(attack_site: Path) -> None:
    home = built(attack_site, "/")
    assert "Vi utbildar \"><script>alert('tagline')</script> handledare." in home.text
    raw = home.path.read_text(encoding="utf-8")
    assert "<script>alert('tagline')" not in raw and "<img src=x onerror=alert('organiser')>" not in raw
    page = built(attack_site, "/angrepp/")
    assert "Testförbundet <img src=x onerror=alert('organiser')> *i* Halland" in page.text
    assert problems(home) == [] and problems(page) == []


# -- macros: no code at build time -------------------------------------------------------------

def rce_payloads(canary: Path) -> list[tuple[str, str]]:
    command = f"touch {canary}"
    return [
        ("cycler-globals", f"{{{{ cycler.__init__.__globals__.os.popen('{command}').read() }}}}"),
        ("cycler-builtins", f"{{{{ cycler.__init__.__globals__.__builtins__.__import__('os').popen('{command}').read() }}}}"),
        ("joiner-builtins", f"{{{{ joiner.__init__.__globals__.__builtins__.__import__('os').popen('{command}').read() }}}}"),
        ("namespace-builtins", f"{{{{ namespace.__init__.__globals__.__builtins__.__import__('os').popen('{command}') }}}}"),
        ("lipsum-globals", f"{{{{ lipsum.__globals__['os'].popen('{command}').read() }}}}"),
        ("lipsum-builtins", f"{{{{ lipsum.__globals__['__builtins__']['__import__']('os').popen('{command}') }}}}"),
        ("self-globals", f"{{{{ self.__init__.__globals__.__builtins__.__import__('os').popen('{command}').read() }}}}"),
        ("self-context", f"{{{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('{command}') }}}}"),
        ("set-and-call", f"{{% set g = cycler.__init__.__globals__ %}}{{{{ g.os.popen('{command}').read() }}}}"),
        ("config", "{{ config }}"),
        ("config-class", "{{ config.__class__.__init__.__globals__ }}"),
        ("macro-globals", f"{{{{ upcoming_sessions.__globals__['os'].popen('{command}').read() }}}}"),
        ("macro-func-globals", f"{{{{ upcoming_sessions.__func__.__globals__['os'].popen('{command}') }}}}"),
        ("macro-self", "{{ module_link.__self__.pages.catalog }}"),
        ("attr-filter", f"{{{{ (upcoming_sessions|attr('__globals__'))['os'].popen('{command}') }}}}"),
        ("string-subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        ("variable-class", "{{ programme.__class__.__mro__ }}"),
        ("format-string", "{{ '{0.__class__.__init__.__globals__}'.format(programme) }}"),
        ("format-map", "{{ '{x.__class__}'.format_map({'x': programme}) }}"),
        ("range", "{{ range(3) | list }}"),
        ("dict", "{{ dict(a=1) }}"),
        ("include", "{% include '/etc/passwd' %}"),
        ("import", "{% import 'os' as os %}{{ os.popen('id') }}"),
        ("huge-string", "{{ 'x' * 1000000000 }}"),
        ("huge-power", "{{ 9 ** 999999999 }}"),
        # A page is text, names and calls with written-out values: nothing else, so nothing
        # that takes the build's time or memory.
        ("format-method", "{{ '{:>5}|'.format(1) }}"),
        ("filter", "{{ programme | center(99) }}"),
        ("for-loop", "{% for c in 'abc' %}{{ c }}{% endfor %}"),
        ("set", "{% set x = 'x' %}{{ x }}"),
        ("if", "{% if true %}x{% endif %}"),
        ("concat", "{{ programme ~ programme }}"),
        ("percent", "{{ '%5d' % 1 }}"),
        ("self", "{{ self }}"),
        ("macro-not-called", "{{ module_link }}"),
        ("variable-called", "{{ programme() }}"),
        ("value-not-written-out", "{{ module_link(programme) }}"),
        ("keyword-twice", "{{ upcoming_sessions(limit=1, limit=2) }}"),
        ("deep-brackets", "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}"),
        ("deep-statements", "{% if 1 %}" * 3000),
        ("long-number", "{{ upcoming_sessions(limit=" + "9" * 5000 + ") }}"),
        ("too-many-calls", "{{ calendar_link() }}" * 101),
        ("output-flood", "{{ programme }}" * 100_000),
    ]


CANARY_NAME = "macro-ran"


@pytest.mark.parametrize("variant", [name for name, _ in rce_payloads(Path("x"))])
def test_macro_cannot_reach_python_or_undocumented_names(small_content: Path, tmp_path: Path, variant: str) -> None:
    canary = tmp_path / CANARY_NAME
    payload = dict(rce_payloads(canary))[variant]
    page = small_content / "pages" / "elak.sv.md"
    page.parent.mkdir()
    page.write_text(f"---\ntitle: Elak\n---\n# Elak\n\nText.\n\n{payload}\n", encoding="utf-8")

    errors = check_page_macros(load_catalog(small_content), today=TODAY)
    assert [(e.path, e.line) for e in errors] == [(str(page), 8)], errors
    assert not canary.exists()

    with pytest.raises(ContentErrors) as failure:
        build(small_content, tmp_path / "out", today=TODAY, stages=("site",), log=lambda message: None)
    assert [(e.path, e.line) for e in failure.value.errors] == [(str(page), 8)]
    assert not canary.exists()
    assert not (tmp_path / "out" / "site").exists()


def test_macro_error_names_the_file_line_and_column(small_content: Path) -> None:
    (small_content / "pages").mkdir()
    page = small_content / "pages" / "fel.en.md"
    page.write_text("# Wrong\n\nSee {{ calendar_lnk() }}.\n", encoding="utf-8")
    [error] = check_page_macros(load_catalog(small_content), today=TODAY)
    assert (error.path, error.line, error.column, error.field) == (str(page), 3, 8, "")
    assert error.message.startswith("unknown macro or variable 'calendar_lnk' (did you mean 'calendar_link'?); "
                                    "a page can use the macros upcoming_sessions(), module_link(), calendar_link(), evaluation_share() "
                                    "and the variables programme, organiser, contact_email")


def test_documented_macros_still_work_and_variables_are_text(small_content: Path, tmp_path: Path) -> None:
    (small_content / "pages").mkdir()
    (small_content / "pages" / "om.sv.md").write_text(
        "# Om\n\n{{ programme }} av {{ organiser }}, {{ contact_email }}.\n\n"
        "{{ upcoming_sessions(kind=\"basic-day\", limit=1) }}\n\n{{ module_link(\"grunddag\") }} · {{ calendar_link() }}\n\n"
        "{{ '<b>inte fet</b>' }} {% raw %}{{ orörd }}{% endraw %}\n",
        encoding="utf-8")
    site = tmp_path / "out" / "site"
    assert check_page_macros(load_catalog(small_content), today=TODAY) == []
    build(small_content, tmp_path / "out", today=TODAY, stages=("site",), log=lambda message: None)
    page = built(site, "/om/")
    assert "<b>inte fet</b>" in page.text and "{{ orörd }}" in page.text
    assert "b" not in [tag for tag, _, inside in page.elements if inside]
    assert any(attrs.get("href") == "../modules/grunddag/" for attrs in page.links.values())
    assert any(attrs.get("href") == "../sessions/" for attrs in page.links.values())
    assert problems(page) == []


def test_shipped_and_fixture_pages_have_no_macro_errors(repo_root: Path) -> None:
    for content in (repo_root / "content", FIXTURE):
        assert check_page_macros(load_catalog(content), today=TODAY) == []


# -- in a real browser ---------------------------------------------------------------------------

# Pages of the attack build that hold attacks, in both languages where they exist.
ATTACKED_PAGES = ["/", "/en/", "/angrepp/", "/rubrik/", "/en/rubrik/", "/modules/grunddag/",
                  "/materials/grunddag/checklista-sv/", "/sessions/2027-03-frukost-online/",
                  "/en/sessions/2027-03-frukost-online/", "/sessions/2027-04-grunddag-halmstad/",
                  "/for-arbetsgivare/", "/en/tillganglighet/", "/404.html"]
# Every way the payloads could show that they ran.
WATCH = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__ran.push(name + ":" + args.join(",")); };
}
"""


@pytest.mark.browser
def test_no_payload_runs_in_chromium(attack_site: Path) -> None:
    """Each attacked page loaded in Debian's Chromium (with the theme's and the site's own
    scripts running): no payload calls alert(); every link in the article leads to the web,
    mail, a telephone, a calendar or this site, and every picture comes from this site, as
    the browser itself reads the address; the site's script shows no button a page forged;
    and typing a payload's words into search shows results without running them."""
    import playwright.sync_api as playwright_api
    from tests.browser.site_server import SiteServer, launch

    assert Path("/usr/bin/chromium").exists(), "Debian's Chromium is not installed; `make test` installs it"
    with SiteServer(attack_site) as server, playwright_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            context = chromium.new_context()
            context.add_init_script(WATCH)
            dialogs: list[str] = []
            for url in ATTACKED_PAGES:
                page = context.new_page()
                page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
                response = page.goto(server.base + url, wait_until="load")
                assert response is not None and response.status == 200, url
                page.wait_for_timeout(200)  # handlers of late events (onerror of a missing picture)
                assert page.evaluate("window.__ran") == [], url
                protocols = page.evaluate(
                    "[...document.querySelectorAll('article a[href], article [src]')]"
                    ".map(e => new URL(e.href || e.src, location.href).protocol)")
                assert set(protocols) <= {"http:", "https:", "mailto:", "tel:", "webcal:"}, (url, protocols)
                foreign = page.evaluate(
                    "[...document.querySelectorAll('article img[src]')]"
                    ".filter(e => new URL(e.src).host !== location.host).map(e => e.getAttribute('src'))")
                assert foreign == [], (url, foreign)
                armed = page.evaluate(
                    "[...document.querySelectorAll('article button')]"
                    ".filter(b => !b.hidden && b.textContent.startsWith('forged')).map(b => b.outerHTML)")
                assert armed == [], (url, armed)
                page.close()
            page = context.new_page()
            page.goto(server.base + "/angrepp/", wait_until="load")
            page.keyboard.press("/")  # the theme's shortcut to search
            page.keyboard.type("alert onerror script")
            page.wait_for_timeout(1500)
            assert page.evaluate("window.__ran") == []
            assert dialogs == []
        finally:
            chromium.close()
