"""The results page with figures (the evaluations fixture) in real tools: axe-core WCAG 2.1 AA
in Debian's Chromium, and the Nu HTML Checker."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pipeline import build
from tests.browser.site_server import SiteServer, describe_violations, launch, run_axe

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "evaluations"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ("/results/", "/en/results/")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 740}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("evaluations-browser")
    build(FIXTURE, out, today=dt.date(2027, 11, 1), stages=("site",), log=lambda message: None)
    return out / "site"


def test_results_page_passes_axe(site: Path) -> None:
    import playwright.sync_api as playwright_api  # a test dependency: missing means `make test` was not used

    assert Path("/usr/bin/chromium").exists(), "Debian's Chromium is not installed; `make test` installs it"
    assert AXE.is_file(), "node_modules/axe-core is not installed; `make test` runs npm ci"
    source = AXE.read_text(encoding="utf-8")
    with SiteServer(site) as server, playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for url in PAGES:
                for viewport, size in VIEWPORTS.items():
                    context = browser.new_context(viewport=size)
                    try:
                        page = context.new_page()
                        response = page.goto(server.base + url, wait_until="load")
                        assert response is not None and response.status == 200, url
                        assert page.locator("table caption").count() >= 4  # the figures are there to check
                        violations = run_axe(page, source)
                        assert not violations, describe_violations(f"{url} ({viewport})", violations)
                    finally:
                        context.close()
        finally:
            browser.close()


def test_results_page_passes_the_nu_html_checker(site: Path) -> None:
    assert VNU.is_file(), "vnu-jar is missing: `make test` runs `npm ci`"
    java = shutil.which("java")
    assert java, "Java is missing: the Nu HTML Checker runs on it"
    files = [str(site / url.lstrip("/") / "index.html") for url in PAGES]
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") != "info"]
    assert errors == [], "\n".join(errors)
