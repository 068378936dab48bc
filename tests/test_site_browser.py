"""The course website in real Chromium: axe-core WCAG 2.1 AA, no outside requests, no-JS, print.

One browser for the whole module, one page per URL. Screenshots at desktop and phone
widths land in test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.site_build import rich_site  # noqa: F401 - a fixture
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
    "session-scheduled": "/sessions/2027-04-grunddag-halmstad/",
    "session-full": "/sessions/2027-05-frukost-angelholm/",
    "session-cancelled": "/sessions/2027-10-grunddag-varberg/",
    "session-online": "/sessions/2027-03-frukost-online/",
    "session-past": "/sessions/2027-02-grunddag-halmstad/",
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
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's Chromium is not installed")
    with playwright_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip("node_modules/axe-core is not installed (npm ci)")
    return AXE.read_text(encoding="utf-8")


def open_page(browser, server: SiteServer, url: str, viewport: str, requests: list[str], **options):
    context = browser.new_context(viewport=VIEWPORTS[viewport], **options)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(server.base + url, wait_until="load")
    assert response is not None and response.status == 200, url
    return context, page


@pytest.mark.parametrize(("name", "lang"), CASES, ids=[f"{n}-{l}" for n, l in CASES])
def test_page_type_passes_axe_and_stays_on_this_host(browser, server, axe_source, name: str, lang: str) -> None:
    url = url_of(name, lang)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in VIEWPORTS:
        requests: list[str] = []
        context, page = open_page(browser, server, url, viewport, requests)
        try:
            if viewport == "desktop":  # once per page: let late requests (search index) happen
                page.wait_for_load_state("networkidle")
            assert page.evaluate("document.documentElement.lang") == lang
            violations = run_axe(page, axe_source)
            assert not violations, describe_violations(f"{url} ({viewport})", violations)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{viewport}.png"), full_page=True)
        finally:
            context.close()
        outside = [r for r in requests if urlsplit(r).hostname != "127.0.0.1" and not r.startswith("data:")]
        assert outside == [], f"{url} ({viewport}) asked another host"


def test_core_content_is_there_without_javascript(browser, server) -> None:
    requests: list[str] = []
    context, page = open_page(browser, server, url_of("session-full", "sv"), "phone", requests,
                              java_script_enabled=False)
    try:
        article = page.locator("article")
        assert "Fullbokat." in article.inner_text()
        assert "torsdag 6 maj 2027, kl. 07.30–09.00" in article.inner_text()
        assert page.get_by_role("heading", name="Program").is_visible()
        # The language switcher is a plain link to the same page in English.
        switch = page.locator('a.md-select__link[hreflang="en"]')
        assert switch.get_attribute("href") == "../../en/sessions/2027-05-frukost-angelholm/"
        page.goto(server.base + url_of("calendar", "en"))
        assert page.get_by_role("link", name="Halmstad").first.is_visible()
        assert page.get_by_role("heading", name="Subscribe to the calendar").is_visible()
    finally:
        context.close()


def test_language_switch_in_the_browser_keeps_the_page(browser, server) -> None:
    requests: list[str] = []
    context, page = open_page(browser, server, url_of("module", "sv"), "desktop", requests)
    try:
        page.get_by_role("button", name="Välj språk").hover()
        page.get_by_role("link", name="English").click()
        page.wait_for_url(re.compile(r"/en/modules/grunddag/$"))
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


def test_print_shows_the_content_without_menus(browser, server) -> None:
    requests: list[str] = []
    context, page = open_page(browser, server, url_of("session-scheduled", "en"), "desktop", requests)
    try:
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert page.get_by_role("heading", name="Agenda").is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()
