"""The live preview: a YAML edit reaches the served page; an error is shown and the server stays up."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest

from generator.preview import STATUS_PATH, Preview


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 20.0) -> float:
    """Poll until condition() is true; return how long it took."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"condition not met within {seconds} s")


@pytest.fixture
def preview(small_content: Path, tmp_path: Path):
    server = Preview(small_content, tmp_path / "build", port=0, log=lambda message: None)
    server.start()
    yield server
    server.stop()


def test_edit_reaches_the_served_page(preview: Preview, small_content: Path) -> None:
    page = preview.url + "modules/grunddag/"
    assert "Grunddag" in fetch(page)
    assert STATUS_PATH in fetch(page)  # the reload script is injected when serving
    module = small_content / "modules" / "grunddag.yaml"
    module.write_text(
        module.read_text(encoding="utf-8").replace(
            "title: {sv: Grunddag, en: Basic day}\nsummary", "title: {sv: Grunddag med nytt namn, en: Basic day}\nsummary"
        ),
        encoding="utf-8",
    )
    wait_for(lambda: "Grunddag med nytt namn" in fetch(page))


def test_error_is_shown_and_server_keeps_serving(preview: Preview, small_content: Path) -> None:
    status = json.loads(fetch(preview.url + STATUS_PATH.lstrip("/")))
    assert status["errors"] == []
    sessions = small_content / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("module: frukost", "module: frukst"), encoding="utf-8")
    wait_for(lambda: json.loads(fetch(preview.url + STATUS_PATH.lstrip("/")))["errors"])
    errors = json.loads(fetch(preview.url + STATUS_PATH.lstrip("/")))["errors"]
    assert len(errors) == 1 and "unknown module 'frukst'" in errors[0]
    assert "Grunddag" in fetch(preview.url + "modules/grunddag/")  # the last good build
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("module: frukst", "module: frukost"), encoding="utf-8")
    wait_for(lambda: not json.loads(fetch(preview.url + STATUS_PATH.lstrip("/")))["errors"])


@pytest.mark.browser
def test_open_page_reloads_itself_and_shows_errors_in_chromium(preview: Preview, small_content: Path) -> None:
    import playwright.sync_api as playwright_api  # a test dependency: missing means `make test` was not used

    assert Path("/usr/bin/chromium").exists(), "Debian's Chromium is not installed; `make test` installs it"
    from tests.browser.site_server import launch

    module = small_content / "modules" / "grunddag.yaml"
    sessions = small_content / "sessions.yaml"
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.goto(preview.url + "modules/grunddag/")
            page.evaluate("window.__sameDocument = true")  # gone after a reload
            module.write_text(module.read_text(encoding="utf-8").replace(
                "title: {sv: Grunddag, en: Basic day}\nsummary", "title: {sv: Grunddag i förhandsvisning, en: Basic day}\nsummary"),
                encoding="utf-8")
            page.get_by_role("heading", name="Grunddag i förhandsvisning").first.wait_for(timeout=20_000)
            assert page.evaluate("window.__sameDocument === undefined")  # the page reloaded by itself
            sessions.write_text(sessions.read_text(encoding="utf-8").replace("module: frukost", "module: frukst"),
                                encoding="utf-8")
            alert = page.get_by_role("alert")
            alert.wait_for(timeout=20_000)
            assert "unknown module 'frukst'" in alert.inner_text()
            assert page.get_by_role("heading", name="Grunddag i förhandsvisning").first.is_visible()  # last good build
            sessions.write_text(sessions.read_text(encoding="utf-8").replace("module: frukst", "module: frukost"),
                                encoding="utf-8")
            alert.wait_for(state="detached", timeout=20_000)
        finally:
            browser.close()
