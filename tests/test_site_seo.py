"""Sharing and search engines: descriptions, Open Graph, JSON-LD, sitemaps, search weight.

The site is built by the real pipeline from a copy of tests/fixtures/site with a logo, a
front-matter description and hostile text in a module title and a session note; the
tests read the built HTML, JSON-LD and sitemaps back and compare them with the model.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import urls
from generator.dates import short_date, time_range
from generator.loading import load_catalog
from generator.model import Catalog, Session
from generator.pipeline import build
from generator.rendering.site.seo import SHARE_IMAGE, iso_duration, script_json

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"
TODAY = dt.date(2027, 3, 1)  # February's basic day is past, the rest upcoming
HOSTILE = "</script><script>alert(1)</script>"
LANGS = ("sv", "en")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def prepare(target: Path, *, with_url: bool = True) -> Path:
    """A copy of the site fixture with a logo and hostile text in the fields JSON-LD carries."""
    shutil.copytree(FIXTURE, target)
    (target / "assets").mkdir()
    shutil.copy(REPO / "content" / "assets" / "logo.svg", target / "assets" / "logo.svg")
    site = (target / "site.yaml").read_text(encoding="utf-8") + "logo: assets/logo.svg\n"
    if not with_url:
        site = re.sub(r"(?m)^url:.*\n", "", site)
    (target / "site.yaml").write_text(site, encoding="utf-8")
    module = target / "modules" / "frukost.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "title: {sv: Frukostmöte för chefer,", f"title: {{sv: 'Frukostmöte {HOSTILE} & co',"), encoding="utf-8")
    sessions = target / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace(
        'sv: "Ta med <b>egen</b> dator. {{ 6 * 7 }}"', f"sv: 'Ta med dator. {HOSTILE}'"), encoding="utf-8")
    page = target / "pages" / "om-programmet.sv.md"
    page.write_text('---\ndescription: Om programmet, "citat" & <b>tecken</b>\n---\n'
                    + page.read_text(encoding="utf-8"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def seo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalog]:
    root = tmp_path_factory.mktemp("seo")
    content = prepare(root / "content")
    build(content, root / "out", today=TODAY, stages=("site",), log=lambda message: None)
    return root / "out" / "site", load_catalog(content)


class Head(HTMLParser):
    """The <meta> tags and JSON-LD scripts of one built page."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.raw = path.read_text(encoding="utf-8")
        self.feed(self.raw)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta.setdefault(key, []).append(attributes.get("content", ""))
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def data(self) -> list[dict]:
        return [json.loads(text) for text in self.jsonld]


def head(site: Path, url: str) -> Head:
    return Head(site / url.lstrip("/") / "index.html")


def absolute(catalog: Catalog, url: str) -> str:
    return catalog.site.url + url


# -- escaping ----------------------------------------------------------------------------

def test_script_json_cannot_end_its_script_element() -> None:
    data = {"name": HOSTILE, "text": "a & b <!-- c --> \u2028 ]]>", "n": [1, True, None]}
    text = script_json(data)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == data


def test_hostile_text_stays_data_in_the_built_pages(seo_build) -> None:
    site, catalog = seo_build
    for lang in LANGS:
        for url in (urls.session_page(catalog.site, lang, "2027-04-grunddag-halmstad"),
                    urls.module_page(catalog.site, lang, "frukost"),
                    urls.session_page(catalog.site, lang, "2027-03-frukost-online")):
            built = head(site, url)
            assert "<script>alert(1)" not in built.raw, url
            assert built.jsonld and all(json.loads(text) for text in built.jsonld)
    course = head(site, urls.module_page(catalog.site, "sv", "frukost")).data()[0]
    assert course["name"] == f"Frukostmöte {HOSTILE} & co"
    event = head(site, urls.session_page(catalog.site, "sv", "2027-04-grunddag-halmstad")).data()[0]
    assert event["description"].endswith(f"Ta med dator. {HOSTILE}")


# -- JSON-LD against the model ------------------------------------------------------------------

def expected_location(catalog: Catalog, session: Session, lang: str) -> dict:
    venue = catalog.venue_of(session)
    if venue is None:
        return {"@type": "VirtualLocation", "url": absolute(catalog, urls.session_page(catalog.site, lang, session.id))}
    street, rest = venue.address.rsplit(", ", 1)
    code, town = rest[:6], rest[7:]
    return {"@type": "Place", "name": venue.name[lang],
            "address": {"@type": "PostalAddress", "streetAddress": street, "postalCode": code,
                        "addressLocality": town, "addressCountry": "SE"}}


def test_every_upcoming_session_page_carries_its_event(seo_build) -> None:
    site, catalog = seo_build
    checked = set()
    for session in catalog.sessions:
        module = catalog.module_of(session)
        for lang in LANGS:
            page_url = urls.session_page(catalog.site, lang, session.id)
            found = [d for d in head(site, page_url).data() if d.get("@type") == "Event"]
            if session.date < TODAY:
                assert found == [], f"{page_url}: a past session is no event to show"
                continue
            assert len(found) == 1, page_url
            event = found[0]
            assert event["@context"] == "https://schema.org"
            assert event["name"] == module.title[lang]
            assert event["url"] == absolute(catalog, page_url)
            assert event["startDate"] == session.starts_at.isoformat()
            assert event["endDate"] == session.ends_at.isoformat()
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", event["startDate"])
            assert dt.datetime.fromisoformat(event["startDate"]) == session.starts_at
            status = "EventCancelled" if session.status == "cancelled" else "EventScheduled"
            assert event["eventStatus"] == f"https://schema.org/{status}"
            mode = "Online" if session.online_url else "Offline"
            assert event["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
            assert event["location"] == expected_location(catalog, session, lang)
            assert session.online_url is None or session.online_url not in json.dumps(event)
            assert event["organizer"] == {"@type": "Organization", "name": catalog.site.organiser,
                                          "email": catalog.site.contact.email,
                                          "url": absolute(catalog, urls.home_page(catalog.site, lang))}
            offer = event["offers"]
            assert offer["@type"] == "Offer" and offer["price"] == 0 and offer["priceCurrency"] == "SEK"
            assert offer["url"] == (session.registration_url or absolute(catalog, page_url))
            in_stock = session.status == "scheduled"
            assert offer["availability"] == "https://schema.org/" + ("InStock" if in_stock else "SoldOut")
            assert event["inLanguage"] == session.language
            assert event["image"] == [absolute(catalog, SHARE_IMAGE)]
            assert [p["name"] for p in event["performer"]] == [t.name for t in catalog.trainers_of(session)]
            checked.add(session.status)
    assert checked == {"scheduled", "full", "cancelled"}


def test_module_pages_carry_a_course_with_its_upcoming_sessions(seo_build) -> None:
    site, catalog = seo_build
    for module in catalog.modules.values():
        for lang in LANGS:
            page_url = urls.module_page(catalog.site, lang, module.id)
            courses = [d for d in head(site, page_url).data() if d.get("@type") == "Course"]
            assert len(courses) == 1
            course = courses[0]
            assert course["name"] == module.title[lang] and course["description"] == module.summary[lang]
            assert course["provider"]["@type"] == "Organization"
            assert course["provider"]["name"] == catalog.site.organiser
            assert course["timeRequired"] == iso_duration(module.duration_minutes)
            upcoming = [s for s in catalog.upcoming(TODAY) if s.module == module.id]
            instances = course.get("hasCourseInstance", [])
            assert [i["url"] for i in instances] == [
                absolute(catalog, urls.session_page(catalog.site, lang, s.id)) for s in upcoming]
            for instance, session in zip(instances, upcoming):
                assert instance["@type"] == "CourseInstance"
                assert instance["startDate"] == session.starts_at.isoformat()
                assert instance["courseMode"] == ("online" if session.online_url else "onsite")
                assert instance["eventStatus"].endswith("EventCancelled" if session.is_cancelled else "EventScheduled")


def test_iso_durations() -> None:
    assert [iso_duration(m) for m in (420, 210, 45, 0)] == ["PT7H", "PT3H30M", "PT45M", "PT0M"]


# -- descriptions, Open Graph, Twitter ------------------------------------------------------

def test_each_page_describes_itself(seo_build) -> None:
    site, catalog = seo_build
    grunddag = catalog.modules["grunddag"]
    session = catalog.session("2027-04-grunddag-halmstad")
    assert head(site, "/modules/grunddag/").one("description") == grunddag.summary["sv"]
    line = f"Grunddag i Halmstad {short_date(session.date, 'sv')}, {time_range(session.start, session.end, 'sv')}"
    assert line == "Grunddag i Halmstad 15 april 2027, 09.00–16.00"
    assert head(site, "/sessions/2027-04-grunddag-halmstad/").one("description").startswith(line + ".")
    english = head(site, "/en/sessions/2027-04-grunddag-halmstad/").one("description")
    assert english.startswith("Basic day in Halmstad 15 April 2027, 09:00–16:00.")
    cancelled = head(site, "/sessions/2027-10-grunddag-varberg/").one("description")
    assert cancelled.startswith("Inställt: Grunddag i Varberg 28 oktober 2027")
    online = head(site, "/en/sessions/2027-03-frukost-online/").one("description")
    assert online.startswith("Breakfast meeting for managers online 29 March 2027, 07:30–09:00.")
    assert head(site, "/om-programmet/").one("description") == 'Om programmet, "citat" & <b>tecken</b>'
    assert head(site, "/sessions/").one("description") == catalog.site.tagline["sv"]
    assert head(site, "/en/sessions/").one("description") == catalog.site.tagline["en"]


@pytest.mark.parametrize("lang,locale,other", [("sv", "sv_SE", "en_GB"), ("en", "en_GB", "sv_SE")])
def test_open_graph_and_twitter_cards(seo_build, lang: str, locale: str, other: str) -> None:
    site, catalog = seo_build
    for url in (urls.home_page(catalog.site, lang), urls.module_page(catalog.site, lang, "grunddag"),
                urls.session_page(catalog.site, lang, "2027-04-grunddag-halmstad"),
                urls.calendar_page(catalog.site, lang)):
        built = head(site, url)
        assert built.one("og:url") == absolute(catalog, url)
        assert built.one("og:locale") == locale and built.one("og:locale:alternate") == other
        assert built.one("og:description") == built.one("description") == built.one("twitter:description")
        assert built.one("og:title") == built.one("twitter:title") != ""
        assert built.one("og:type") == "website"
        assert built.one("og:site_name") == catalog.site.name[lang]
        assert built.one("og:image") == built.one("twitter:image") == absolute(catalog, SHARE_IMAGE)
        assert built.one("twitter:card") == "summary_large_image"
    assert head(site, urls.home_page(catalog.site, lang)).one("og:title") == catalog.site.name[lang]
    assert head(site, urls.module_page(catalog.site, lang, "grunddag")).one("og:title") == \
        catalog.modules["grunddag"].title[lang]
    from PIL import Image

    with Image.open(io.BytesIO((site / SHARE_IMAGE.lstrip("/")).read_bytes())) as image:
        assert image.format == "PNG" and image.size == (1200, 630)


# -- sitemaps, robots.txt, search weight -----------------------------------------------------------

def sitemap_entries(path: Path) -> dict[str, dict[str, str]]:
    tree = ET.parse(path)
    return {url.find(f"{SITEMAP}loc").text: {link.get("hreflang"): link.get("href")
                                                for link in url.findall(f"{XHTML}link")}
            for url in tree.getroot().findall(f"{SITEMAP}url")}


def test_sitemap_lists_every_page_with_its_translations(seo_build) -> None:
    site, catalog = seo_build
    base = catalog.site.url
    entries = sitemap_entries(site / "sitemap.xml")
    pages = {base + "/" + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    pages = {page.replace(f"{base}/./", f"{base}/") for page in pages}
    assert set(entries) == pages
    session = "/sessions/2027-04-grunddag-halmstad/"
    for loc in (base + session, base + "/en" + session):
        assert entries[loc] == {"sv": base + session, "en": base + "/en" + session, "x-default": base + session}
    assert entries[base + "/materials/grunddag/checklista-sv/"] == {}  # only in Swedish: no translation
    english = sitemap_entries(site / "en" / "sitemap.xml")
    assert english and all(loc.startswith(base + "/en/") for loc in english)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    tree = ET.parse(site / "sitemap.xml").getroot()
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", url.findtext(f"{SITEMAP}lastmod") or "")  # as mkdocs dated it
               for url in tree.findall(f"{SITEMAP}url"))
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {base}/sitemap.xml\n")


def test_trainer_material_ranks_below_public_pages(seo_build) -> None:
    site, _ = seo_build
    for index in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        trainer = [d for d in docs if d["location"].startswith(("trainers/", "en/trainers/"))]
        public = [d for d in docs if not d["location"].startswith(("trainers/", "en/trainers/"))]
        assert trainer and all(0 < d.get("boost", 1) < 1 for d in trainer)
        assert public and all(d.get("boost", 1) >= 1 for d in public)


def test_a_site_without_an_address_shares_no_relative_addresses(tmp_path: Path) -> None:
    content = prepare(tmp_path / "content", with_url=False)
    build(content, tmp_path / "out", today=TODAY, stages=("site",), log=lambda message: None)
    site = tmp_path / "out" / "site"
    built = head(site, "/sessions/2027-04-grunddag-halmstad/")
    assert "og:url" not in built.meta and "og:image" not in built.meta
    assert built.one("twitter:card") == "summary"
    assert built.data()[0]["startDate"] == "2027-04-15T09:00:00+02:00"
    assert not (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()


BUILD_AND_REPORT = """
import datetime as dt, json, sys
from pathlib import Path
from generator.pipeline import build
build(Path(sys.argv[1]), Path(sys.argv[2]), today=dt.date(2027, 3, 1), stages=("site",), log=lambda message: None)
print(json.dumps({"typst": "typst" in sys.modules}))
"""


def test_the_share_image_of_an_svg_logo_is_drawn_outside_the_build_process(tmp_path: Path) -> None:
    """Typst draws an SVG logo and leaves native threads in its process, which hang a worker
    forked from it later: the share image is drawn with the favicons in a child process, so
    the build's own process never loads Typst, and the card still shows the logo."""
    import subprocess
    import sys

    from PIL import Image

    content = prepare(tmp_path / "content")
    done = subprocess.run([sys.executable, "-c", BUILD_AND_REPORT, str(content), str(tmp_path / "out")],
                          cwd=REPO, capture_output=True, text=True, timeout=600, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"typst": False}
    site = tmp_path / "out" / "site"
    with Image.open(io.BytesIO((site / SHARE_IMAGE.lstrip("/")).read_bytes())) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        colours = image.convert("RGB").getcolors(1_000_000)
        assert len(colours) > 2  # white and the logo's colours, not an empty card
    assert (site / "assets" / "coursegen" / "favicon.png").read_bytes().startswith(b"\x89PNG")
