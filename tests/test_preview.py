"""The live preview: a YAML edit reaches the served page; an error is shown and the server stays up.

A failing rebuild, of any kind, is shown and survived; a malformed request path gets 400 or
404; nothing outside the built site is ever served. Everything runs the real preview: real
builds, its real server over real HTTP on 127.0.0.1.
"""

from __future__ import annotations

import html
import http.client
import json
import shutil
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.preview import BUILD_FAILED_HEADLINE, DEBUG_VARIABLE, STATUS_PATH, Preview
from tests.conftest import SMALL_CONTENT

# Editor text can end up in a failure's message: it must reach the page as text, never as markup.
MARKUP = 'broken <img src=x onerror="alert(1)"> & more'
# The failing function: one of coursegen's own (the loader's check of the deck template, called
# in the build's own process on every build), made to raise; mkdocs and the pipeline stay real.
FAILING_FUNCTION = "generator.loading.content.load_deck_template"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def fetch_or_empty(url: str) -> str:
    """The page, or '' while it does not exist yet."""
    try:
        return fetch(url)
    except urllib.error.HTTPError as error:
        assert error.code == 404
        return ""


def status(preview: Preview) -> dict:
    return json.loads(fetch(preview.url + STATUS_PATH.lstrip("/")))


def get(preview: Preview, target: str | bytes) -> tuple[int, str]:
    """Status and body of GET ``target`` sent as it is; bytes go over a bare socket
    (http.client only sends ASCII)."""
    host, port = preview.server.server_address[:2]
    if isinstance(target, str):
        connection = http.client.HTTPConnection(host, port, timeout=5)
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()
    with socket.create_connection((host, port), timeout=5) as client:
        client.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


def wait_for(condition, seconds: float = 20.0) -> float:
    """Poll until condition() is true; return how long it took."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"condition not met within {seconds} s")


def rename_module(content: Path, title: str) -> None:
    """An editor's save: the Swedish title of the module 'grunddag' becomes ``title``."""
    module = content / "modules" / "grunddag.yaml"
    text = module.read_text(encoding="utf-8")
    head, _, tail = text.partition("\nsummary")
    head = head.rsplit("title:", 1)[0] + f"title: {{sv: {title}, en: Basic day}}"
    module.write_text(head + "\nsummary" + tail, encoding="utf-8")


def make_failing(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(FAILING_FUNCTION, fail)


def failures(logged: list[str]) -> list[str]:
    return [line for line in logged if line.startswith("build failed:")]


@pytest.fixture
def logged() -> list[str]:
    return []


@pytest.fixture
def preview(small_content: Path, tmp_path: Path, logged: list[str]):
    server = Preview(small_content, tmp_path / "build", port=0, log=logged.append)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """One preview of the small fixture for the request-path tests, which change nothing."""
    work = tmp_path_factory.mktemp("served")
    shutil.copytree(SMALL_CONTENT, work / "content")
    server = Preview(work / "content", work / "build", port=0, log=lambda line: None)
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
    assert status(preview)["errors"] == []
    sessions = small_content / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("module: frukost", "module: frukst"), encoding="utf-8")
    wait_for(lambda: status(preview)["errors"])
    errors = status(preview)["errors"]
    assert len(errors) == 1 and "unknown module 'frukst'" in errors[0]
    assert "Grunddag" in fetch(preview.url + "modules/grunddag/")  # the last good build
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("module: frukst", "module: frukost"), encoding="utf-8")
    wait_for(lambda: not status(preview)["errors"])


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


@pytest.mark.parametrize("error", [RuntimeError(MARKUP), OSError(MARKUP), BuildError(MARKUP), KeyError(MARKUP)],
                         ids=lambda error: type(error).__name__)
def test_preview_survives_a_failing_rebuild(preview: Preview, small_content: Path, logged: list[str],
                                            monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture,
                                            error: Exception) -> None:
    page = preview.url + "modules/grunddag/"
    make_failing(monkeypatch, error)
    rename_module(small_content, "Grunddag som inte byggs")
    wait_for(lambda: status(preview)["errors"])

    shown = status(preview)
    assert shown["headline"] == BUILD_FAILED_HEADLINE
    assert len(shown["errors"]) == 1 and "alert(1)" in shown["errors"][0]
    assert preview.watcher is not None and preview.watcher.is_alive()
    # One line on the terminal, no traceback without COURSEGEN_DEBUG.
    assert len(failures(logged)) == 1
    assert "\n" not in failures(logged)[0] and "alert(1)" in failures(logged)[0]
    assert not any("Traceback" in line for line in logged)
    assert "Traceback" not in capfd.readouterr().err
    # The open page keeps the last good build and shows the failure, escaped.
    served_page = fetch(page)
    assert "Grunddag som inte byggs" not in served_page and "Grunddag" in served_page
    assert 'role="alert"' in served_page
    assert html.escape(MARKUP) in served_page
    assert "<img src=x" not in served_page

    rename_module(small_content, "Grunddag som inte heller byggs")  # the watcher still acts on saves
    wait_for(lambda: len(failures(logged)) == 2)
    assert preview.watcher.is_alive()


def test_preview_recovers_after_the_next_good_save(preview: Preview, small_content: Path, logged: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page = preview.url + "modules/grunddag/"
    version = status(preview)["version"]
    make_failing(monkeypatch, RuntimeError(MARKUP))
    rename_module(small_content, "Grunddag som inte byggs")
    wait_for(lambda: status(preview)["errors"])
    assert status(preview)["version"] == version

    monkeypatch.undo()  # the bug is fixed; the editor saves again
    rename_module(small_content, "Grunddag efter felet")
    wait_for(lambda: "Grunddag efter felet" in fetch(page))
    wait_for(lambda: status(preview)["version"] == version + 1)  # the site is swapped in just before
    assert status(preview)["errors"] == []
    assert 'role="alert"' not in fetch(page)
    wait_for(lambda: logged[-1].startswith("rebuilt in "))


def test_preview_starts_when_the_first_build_fails(small_content: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    logged: list[str] = []
    make_failing(monkeypatch, RuntimeError(MARKUP))
    preview = Preview(small_content, tmp_path / "build", port=0, log=logged.append)
    preview.start()
    try:
        assert len(failures(logged)) == 1
        code, body = get(preview, "/")  # no site yet: the failure is the page
        assert code == 200 and html.escape(MARKUP) in body and "<img src=x" not in body
        assert STATUS_PATH in body  # and the page reloads itself once a build succeeds
        monkeypatch.undo()
        rename_module(small_content, "Grunddag efter felet")
        wait_for(lambda: "Grunddag efter felet" in fetch_or_empty(preview.url + "modules/grunddag/"))
        wait_for(lambda: status(preview)["version"] == 1)  # the site is swapped in just before
        assert status(preview) == {"version": 1, "errors": [], "headline": ""}
    finally:
        preview.stop()


def test_debug_variable_prints_the_traceback(preview: Preview, small_content: Path, logged: list[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    make_failing(monkeypatch, RuntimeError(MARKUP))
    rename_module(small_content, "Grunddag som inte byggs")
    wait_for(lambda: status(preview)["errors"])  # set after both lines are logged
    traceback_line = logged[logged.index(failures(logged)[0]) + 1]
    assert traceback_line.startswith("Traceback") and "RuntimeError" in traceback_line


MALFORMED_PATHS = [
    pytest.param("/%00", 400, id="nul"),
    pytest.param("/index.html%00.png", 400, id="nul-inside"),
    pytest.param("/" + "a" * 299, 404, id="300-chars"),
    pytest.param("/" + "ab/" * 100, 404, id="300-chars-many-folders"),
    pytest.param("/" + "a" * 4999, 404, id="5000-chars"),
    pytest.param("/../../etc/passwd", 400, id="dot-dot"),
    pytest.param("/modules/../../../etc/passwd", 400, id="dot-dot-below-a-folder"),
    pytest.param("/%2e%2e/%2e%2e/etc/passwd", 400, id="encoded-dot-dot"),
    pytest.param("/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", 400, id="encoded-dot-dot-and-slashes"),
    pytest.param("/..%5c..%5cetc%5cpasswd", 400, id="encoded-backslash"),
    pytest.param("/%5c%5c127.0.0.1%5cshare", 400, id="encoded-backslash-unc"),
    pytest.param("/%zz", 400, id="percent-not-hex"),
    pytest.param("/%", 400, id="percent-alone"),
    pytest.param("/%4", 400, id="percent-one-digit"),
    pytest.param("/%ff", 400, id="percent-not-utf8"),
    pytest.param("/%c3%28", 400, id="percent-broken-utf8"),
    pytest.param(b"/\xff\xfe", 400, id="raw-not-utf8"),
    pytest.param("etc/passwd", 400, id="no-leading-slash"),
    pytest.param("/assets/", 404, id="folder-without-index"),
    pytest.param("/assets/stylesheets/", 404, id="folder-without-index-deeper"),
    pytest.param("/index.html/", 404, id="file-as-folder"),
    pytest.param("/no-such-page/", 404, id="missing"),
]


@pytest.mark.parametrize(("target", "expected"), MALFORMED_PATHS)
def test_malformed_paths_get_400_or_404(served: Preview, capfd: pytest.CaptureFixture,
                                        target: str | bytes, expected: int) -> None:
    code, body = get(served, target)
    assert code == expected
    assert "Traceback" not in body and "root:" not in body
    assert "Traceback" not in capfd.readouterr().err
    assert get(served, "/")[0] == 200  # and the server still answers


def test_no_file_outside_the_site_is_served(preview: Preview, tmp_path: Path) -> None:
    site = preview.out_dir / "site"
    secret = "not for the browser"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(secret, encoding="utf-8")
    (outside / "index.html").write_text(f"<html><body>{secret}</body></html>", encoding="utf-8")
    (preview.out_dir / "secret.txt").write_text(secret, encoding="utf-8")  # next to the site, not in it
    (site / "leak.txt").symlink_to(outside / "secret.txt")
    (site / "leak-folder").symlink_to(outside, target_is_directory=True)
    (site / "linked-index").mkdir()
    (site / "linked-index" / "index.html").symlink_to(outside / "index.html")
    (site / "loop").symlink_to(site / "loop")
    (site / "inside.html").symlink_to(site / "index.html")  # a link that stays inside is fine

    for target in ["/leak.txt", "/leak-folder/secret.txt", "/leak-folder/", "/leak-folder", "/linked-index/",
                   "/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "//secret.txt", "/loop",
                   str(outside / "secret.txt"), "/" + "/".join([".."] * 20) + str(outside / "secret.txt")]:
        code, body = get(preview, target)
        assert code in (400, 404), target
        assert secret not in body, target
    assert get(preview, "/inside.html")[0] == 200
    assert get(preview, "/index.html")[0] == 200


def test_server_listens_on_127_0_0_1_only(preview: Preview) -> None:
    host, port = preview.server.server_address[:2]
    assert host == "127.0.0.1"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", port), timeout=5).close()  # loopback, another address


@pytest.mark.browser
def test_open_page_shows_a_failed_rebuild_as_text_in_chromium(preview: Preview, small_content: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's Chromium is not installed")
    from tests.browser.site_server import launch

    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.goto(preview.url + "modules/grunddag/")
            make_failing(monkeypatch, RuntimeError(MARKUP))
            rename_module(small_content, "Grunddag som inte byggs")
            alert = page.get_by_role("alert")
            alert.wait_for(timeout=20_000)
            assert MARKUP in alert.inner_text()  # shown as text ...
            assert page.locator("#coursegen-preview-errors img").count() == 0  # ... not as markup
            monkeypatch.undo()
            rename_module(small_content, "Grunddag efter felet")
            page.get_by_role("heading", name="Grunddag efter felet").first.wait_for(timeout=20_000)
            assert page.get_by_role("alert").count() == 0
        finally:
            browser.close()
