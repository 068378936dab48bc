"""The course website in real Chromium: axe-core WCAG 2.1 AA, no outside requests, no-JS, print.

One browser for the whole module, one page per URL. Screenshots at desktop and phone
widths land in test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from tests.browser.site_build import rich_content, rich_site  # noqa: F401 - fixtures
from tests.browser.site_server import SiteServer, describe_violations, launch, run_axe

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# Every page type of the site fixture, by name and path below a language root.
PAGE_TYPES = {
    "home": "/",
    "module": "/modules/grunddag/",
    "calendar": "/sessions/",
    "calendar-municipality": "/sessions/municipality/halmstad/",
    "calendar-kind": "/sessions/kind/manager-breakfast/",
    "calendar-online": "/sessions/online/",
    "session-scheduled": "/sessions/2027-04-grunddag-halmstad/",
    "session-full": "/sessions/2027-05-frukost-angelholm/",
    "session-cancelled": "/sessions/2027-10-grunddag-varberg/",
    "session-online": "/sessions/2027-03-frukost-online/",
    "session-past": "/sessions/2027-02-grunddag-halmstad/",
    "session-waitlist": "/sessions/2027-06-grunddag-varberg/",
    "registration": "/anmalan/",
    "not-found": "/404.html",
    "archive": "/archive/",
    "trainers": "/trainers/",
    "notes": "/trainers/notes/grunddag/",
    "employers": "/for-arbetsgivare/",
    "accessibility": "/tillganglighet/",
    "hand-written": "/om-programmet/",
    "material": "/materials/grunddag/checklista-{lang}/",
}
LANGUAGE_ROOTS = {"sv": "", "en": "/en"}
CASES = [(name, lang) for name in PAGE_TYPES for lang in LANGUAGE_ROOTS]


def url_of(name: str, lang: str) -> str:
    return LANGUAGE_ROOTS[lang] + PAGE_TYPES[name].format(lang=lang)


@pytest.fixture(scope="module")
def server(rich_site: Path):  # noqa: F811
    with SiteServer(rich_site) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    import playwright.sync_api as playwright_api  # a test dependency: missing means `make test` was not used

    assert Path("/usr/bin/chromium").exists(), "Debian's Chromium is not installed; `make test` installs it"
    with playwright_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per viewport, shared by the page-type tests (a new page per URL)."""
    made = {name: browser.new_context(viewport=size) for name, size in VIEWPORTS.items()}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.is_file(), "node_modules/axe-core is not installed; `make test` runs npm ci"
    return AXE.read_text(encoding="utf-8")


@contextlib.contextmanager
def opened(browser, server: SiteServer, url: str, viewport: str = "desktop", **options) -> Iterator:
    """A page at ``url`` in a context of its own (for options such as no JavaScript)."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], **options)
    try:
        page = context.new_page()
        response = page.goto(server.base + url, wait_until="load")
        assert response is not None and response.status == 200, url
        yield page
    finally:
        context.close()


@pytest.mark.parametrize(("name", "lang"), CASES, ids=[f"{n}-{l}" for n, l in CASES])
def test_page_type_passes_axe_and_stays_on_this_host(contexts, server, axe_source, name: str, lang: str) -> None:
    url = url_of(name, lang)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport, context in contexts.items():
        requests: list[str] = []
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        try:
            response = page.goto(server.base + url, wait_until="load")
            assert response is not None and response.status == 200, url
            if viewport == "desktop":  # once per page: let late requests (search index) happen
                page.wait_for_load_state("networkidle")
            assert page.evaluate("document.documentElement.lang") == lang
            violations = run_axe(page, axe_source)
            assert not violations, describe_violations(f"{url} ({viewport})", violations)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{viewport}.png"), full_page=True)
        finally:
            page.close()
        outside = [r for r in requests if urlsplit(r).hostname != "127.0.0.1" and not r.startswith("data:")]
        assert outside == [], f"{url} ({viewport}) asked another host"


def test_core_content_is_there_without_javascript(browser, server) -> None:
    with opened(browser, server, url_of("session-full", "sv"), "phone", java_script_enabled=False) as page:
        article = page.locator("article")
        assert "Fullbokat." in article.inner_text()
        assert "torsdag 6 maj 2027, kl. 07.30–09.00" in article.inner_text()
        assert page.get_by_role("heading", name="Program").is_visible()
        # The language switcher is a plain link to the same page in English.
        switch = page.locator('a.md-select__link[hreflang="en"]')
        assert switch.get_attribute("href") == "../../en/sessions/2027-05-frukost-angelholm/"
        page.goto(server.base + url_of("calendar", "en"))
        assert page.get_by_role("link", name="Halmstad").first.is_visible()
        assert page.get_by_role("heading", name="Follow the calendar in your own calendar").is_visible()


def test_language_switch_in_the_browser_keeps_the_page(browser, server) -> None:
    with opened(browser, server, url_of("module", "sv")) as page:
        page.get_by_role("button", name="Välj språk").hover()
        page.locator(".md-header").get_by_role("link", name="English").click()
        page.wait_for_url(re.compile(r"/en/modules/grunddag/$"))
        assert page.evaluate("document.documentElement.lang") == "en"
        page.locator(".md-footer").get_by_role("link", name="Svenska").click()
        page.wait_for_url(re.compile(r"/modules/grunddag/$"))
        assert page.evaluate("document.documentElement.lang") == "sv"


def test_print_shows_the_content_without_menus(browser, server) -> None:
    with opened(browser, server, url_of("session-scheduled", "en")) as page:
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert page.get_by_role("heading", name="Agenda").is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")


def test_copy_button_copies_the_feed_address(browser, server) -> None:
    with opened(browser, server, url_of("calendar", "en"), permissions=["clipboard-read", "clipboard-write"]) as page:
        button = page.get_by_role("button", name="Copy the address: All sessions")
        button.click()
        assert page.evaluate("navigator.clipboard.readText()") == "https://kurser.example.org/calendar/en/all.ics"
        assert button.inner_text() == "Address copied"


@pytest.mark.parametrize(("lang", "word"), [("sv", "arbetsprövning"), ("en", "placement")])
def test_search_finds_pages_of_the_current_language_only(browser, server, lang: str, word: str) -> None:
    with opened(browser, server, url_of("home", lang)) as page:
        field = page.locator("input.md-search__input")
        field.click()
        field.press_sequentially(word)  # typed as a person does: the theme listens to key presses
        links = page.locator(".md-search-result__item > a")
        links.first.wait_for(state="attached")
        paths = [urlsplit(links.nth(i).get_attribute("href")).path for i in range(links.count())]
        assert paths, f"no result for {word!r}"
        assert all(p.startswith("/en/") == (lang == "en") for p in paths), paths


def search_count(page, word: str) -> int:
    """Type ``word`` into the search field as a person does; how many results the theme counts."""
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    field.press_sequentially(word)  # the theme listens to key presses
    meta = page.locator(".md-search-result__meta")
    # The line reads "Initialiserar sök" until the index is ready, then counts the results
    # ("37 sökresultat", "Inga sökresultat"); only part of them is listed. Each key press
    # starts a search, so wait until the count has stood still for the last word typed.
    page.wait_for_function(
        "el => /\\d|Inga|No matching/.test(el.textContent)", arg=meta.element_handle())
    shown, since = meta.inner_text(), time.monotonic()
    while time.monotonic() - since < 0.75:
        time.sleep(0.05)
        now = meta.inner_text()
        if now != shown:
            shown, since = now, time.monotonic()
    number = re.search(r"\d+", shown)
    return int(number.group()) if number else 0


@pytest.mark.parametrize(("lang", "typed", "written"), [
    # Neither typed word occurs in the fixture's text; other forms of it do.
    ("sv", "arbetsplatserna", "arbetsplatsen"),
    ("sv", "handledarna", "handledarens"),
    ("en", "supervising", "supervisor"),
])
def test_search_finds_other_forms_of_a_word(browser, server, rich_site, lang: str, typed: str, written: str) -> None:  # noqa: F811
    index = rich_site / LANGUAGE_ROOTS[lang].strip("/") / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    text = " ".join(f"{doc['title']} {doc['text']}" for doc in docs).lower()
    assert typed not in text and written in text
    with opened(browser, server, url_of("home", lang)) as page:
        found = search_count(page, typed)
        assert found > 0, f"no result for {typed!r}"
        # The typed form finds at least as much as the form that is written on the pages.
        assert found >= search_count(page, written) > 0


SHIPPED_PAGES = [(slug, lang) for slug in ("om-programmet", "for-arbetsgivare", "tillganglighet") for lang in LANGUAGE_ROOTS]


@pytest.fixture(scope="module")
def shipped_server(request: pytest.FixtureRequest):
    with SiteServer(request.getfixturevalue("shipped_site")) as running:
        yield running


@pytest.mark.parametrize(("slug", "lang"), SHIPPED_PAGES, ids=[f"{s}-{l}" for s, l in SHIPPED_PAGES])
def test_shipped_hand_written_pages_pass_axe(contexts, shipped_server, axe_source, slug: str, lang: str) -> None:
    url = f"{LANGUAGE_ROOTS[lang]}/{slug}/"
    page = contexts["desktop"].new_page()
    try:
        response = page.goto(shipped_server.base + url, wait_until="load")
        assert response is not None and response.status == 200, url
        violations = run_axe(page, axe_source)
        assert not violations, describe_violations(f"shipped {url}", violations)
    finally:
        page.close()


@pytest.mark.parametrize("lang", list(LANGUAGE_ROOTS))
def test_home_first_screen_on_a_phone_shows_the_next_session_and_a_link_to_it(browser, server, lang: str) -> None:
    """At 390x844 the next session's date and a link to its page lie within the first screen,
    and so do the sentence about the programme and the way in for employers; at 1280x800 too."""
    for viewport in ("phone", "desktop"):
        height = VIEWPORTS[viewport]["height"]
        with opened(browser, server, url_of("home", lang), viewport) as page:
            card = page.locator(".cg-card").first
            date = card.locator("time")
            assert date.get_attribute("datetime") == "2027-03-29T07:30"  # the next session of the fixture
            link = card.locator('.cg-card__title a')
            assert link.get_attribute("href").endswith("sessions/2027-03-frukost-online/")
            for element in (date, link, card.locator(".md-button"), page.locator(".cg-lead"),
                            page.locator(".cg-path a")):
                box = element.bounding_box()
                assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (viewport, box)
            # Three sessions at least, and on a desktop all the cards, are in the first screen.
            boxes = [page.locator(".cg-card").nth(i).bounding_box() for i in range(page.locator(".cg-card").count())]
            in_view = [b for b in boxes if b["y"] + b["height"] <= height]
            assert len(in_view) >= (3 if viewport == "phone" else len(boxes)), (viewport, boxes)


BUTTON_PAGES = [("home", "sv"), ("calendar", "en"), ("session-scheduled", "sv"), ("session-waitlist", "en"),
                ("trainers", "sv"), ("registration", "en"), ("not-found", "sv")]


@pytest.mark.parametrize(("name", "lang"), BUTTON_PAGES, ids=[f"{n}-{l}" for n, l in BUTTON_PAGES])
def test_buttons_are_at_least_24_by_24_pixels(browser, server, name: str, lang: str) -> None:
    for viewport in VIEWPORTS:
        with opened(browser, server, url_of(name, lang), viewport,
                    permissions=["clipboard-read", "clipboard-write"]) as page:
            buttons = page.locator("article .md-button, article button")
            assert buttons.count() > 0
            for i in range(buttons.count()):
                button = buttons.nth(i)
                if not button.is_visible():
                    continue
                box = button.bounding_box()
                assert box["width"] >= 24 and box["height"] >= 24, (name, viewport, button.inner_text(), box)


def test_the_navigation_fits_a_laptop_screen_and_short_pages_have_no_contents_sidebar(browser, server) -> None:
    with opened(browser, server, url_of("module", "sv")) as page:
        nav = page.locator(".md-sidebar--primary .md-nav--primary")
        box = nav.bounding_box()
        assert box is not None and box["y"] + box["height"] <= VIEWPORTS["desktop"]["height"], box
        tabs = page.locator(".md-tabs__link")
        assert [tabs.nth(i).inner_text() for i in range(tabs.count())] == [
            "Startsida", "Utbildningen", "Kalender", "För arbetsgivare och chefer", "För utbildare"]
    for short in ("calendar-municipality", "employers", "registration"):
        with opened(browser, server, url_of(short, "en")) as page:
            assert not page.locator(".md-sidebar--secondary").is_visible(), short
    with opened(browser, server, url_of("accessibility", "en")) as page:  # a long page keeps its contents
        assert page.locator(".md-sidebar--secondary").is_visible()


OUTSIDE_THE_MENU = ("session-scheduled", "session-online", "notes", "not-found", "accessibility")


@pytest.mark.parametrize("lang", LANGUAGE_ROOTS)
def test_pages_outside_the_menu_have_no_empty_menu_column_and_keep_the_phone_menu(browser, server, lang: str) -> None:
    """On a wide screen a session's page (and the others outside the menu) starts its
    content where the home page does, with no empty column beside it; a page in the menu
    keeps its column. On a phone the menu still opens from the header on every page."""
    with opened(browser, server, url_of("home", lang)) as page:
        home_left = page.locator("article h1").bounding_box()["x"]
    for name in OUTSIDE_THE_MENU:
        with opened(browser, server, url_of(name, lang)) as page:
            assert not page.locator(".md-sidebar--primary").is_visible(), name
            assert page.locator("article h1").bounding_box()["x"] == home_left, name
        with opened(browser, server, url_of(name, lang), "phone") as page:
            page.locator("label.md-header__button[for=__drawer]").click()
            # The drawer slides in: wait until its first item is on the screen.
            page.wait_for_function("""() => {
                const item = document.querySelector('.md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item');
                return item && item.getBoundingClientRect().left >= 0; }""", timeout=5000)
            box = page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item").first.bounding_box()
            assert box is not None and box["x"] >= 0 and box["width"] > 100, (name, box)
    with opened(browser, server, url_of("module", lang)) as page:  # in the menu: its section beside it
        assert page.locator(".md-sidebar--primary").is_visible()
        assert page.locator(".md-sidebar--primary .md-nav__link:visible").count() > 1
        assert page.locator("article h1").bounding_box()["x"] > home_left + 100
