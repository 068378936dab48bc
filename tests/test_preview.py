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
