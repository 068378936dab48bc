"""Quality gates of the public site, on the shipped content built by the real pipeline.

- The Nu HTML Checker (npm ``vnu-jar``, on the machine's Java) finds no error on any page type.
- What the home page transfers before anyone interacts (Debian's Chromium, every response
  gzipped here, since the test server does not compress) stays within 100 KB, without
  the search index; search loads it on first use and puts public pages before trainer
  material, in both languages, with Swedish word forms.
- Lighthouse (npm ``lighthouse`` 12.2.3, mobile preset, Debian's Chromium) in one loop
  over the page types of both languages: accessibility at 1.0, fixed lists of SEO and
  best-practice audits passing. Performance is timing and is not asserted; its
  figures are in benchmarks/lighthouse.md (``benchmarks/lighthouse.py`` makes them).
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import urls
from generator.loading import load_catalog
from generator.model import Catalog
from generator.pipeline import build
from generator.rendering.site.validity import valid_markup
from tests.browser.site_server import CHROMIUM, QuietHandler, SiteServer, launch

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
TODAY = dt.date(2026, 12, 1)  # the shipped 2027 calendar is all upcoming
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
HOME_BUDGET = 100_000  # bytes, compressed, before any interaction
TRAINER_PATHS = ("/trainers/", "/en/trainers/")
# SEO audits every page type passes: with these the whole SEO category is at 1.0 ("link-text":
# no link says only "Start" or "Läs mer"; the home tab is "Startsida", a card's second link
# names its session's date).
SEO = ("document-title", "meta-description", "http-status-code", "is-crawlable", "robots-txt",
       "hreflang", "canonical", "crawlable-anchors", "image-alt", "link-text")
# Best-practice audits that do not depend on timing or on the machine.
BEST_PRACTICES = ("doctype", "charset", "viewport", "font-size", "errors-in-console", "image-aspect-ratio",
                  "image-size-responsive", "is-on-https", "deprecations", "third-party-cookies", "inspector-issues",
                  "paste-preventing-inputs", "geolocation-on-start", "notification-on-start", "valid-source-maps")


def page_types(catalog: Catalog) -> dict[str, str]:
    """Page type -> path below a language root, for the shipped content."""
    upcoming = catalog.upcoming(TODAY)
    at_venue = next(s for s in upcoming if s.venue and s.status == "scheduled")
    online = next(s for s in upcoming if s.online_url)
    types = {
        "home": "/",
        "calendar": "/sessions/",
        "module": f"/modules/{at_venue.module}/",
        "session": f"/sessions/{at_venue.id}/",
        "session-online": f"/sessions/{online.id}/",
        "employers": "/for-arbetsgivare/",
        "404": "/404.html",
        "results": "/results/",
        "registration": "/anmalan/",
    }
    for status in ("full", "waitlist", "cancelled"):  # those the shipped calendar has
        found = next((s for s in upcoming if s.status == status), None)
        if found:
            types[f"session-{status}"] = f"/sessions/{found.id}/"
    return types


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalog]:
    out = tmp_path_factory.mktemp("quality")
    build(CONTENT, out, today=TODAY, stages=("site",), log=lambda message: None)
    return out / "site", load_catalog(CONTENT)


def urls_of(site: Path, catalog: Catalog, names: tuple[str, ...] | None = None) -> list[str]:
    """The site URLs of the page types (those the build made) in every language."""
    found = []
    for lang in catalog.site.languages:
        for name, path in page_types(catalog).items():
            url = urls.language_prefix(catalog.site, lang) + path
            file = site / url.lstrip("/")
            if (names is None or name in names) and (file.is_file() or (file / "index.html").is_file()):
                found.append(url)
    return found


def html_file(site: Path, url: str) -> Path:
    file = site / url.lstrip("/")
    return file if file.is_file() else file / "index.html"


# -- Nu HTML Checker -------------------------------------------------------------------------

def test_nu_html_checker_finds_no_error_on_any_page_type(shipped) -> None:
    site, catalog = shipped
    assert VNU.is_file(), "vnu-jar is missing: `make test` runs `npm ci`"
    java = shutil.which("java")
    assert java, "Java is missing: the Nu HTML Checker runs on it"
    pages = urls_of(site, catalog)
    assert {"/", "/en/", "/404.html", "/en/404.html", "/sessions/", "/en/for-arbetsgivare/"} <= set(pages)
    files = [str(html_file(site, url)) for url in pages]
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [f"{m.get('url', '').removeprefix('file:').removeprefix(str(site))}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") != "info"]
    assert errors == [], "\n".join(errors)


def test_markup_repairs_touch_only_the_theme_strings() -> None:
    theme = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
             '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">'
             '<label class="md-nav__title" for="__toc">'
             '<div class="md-search" data-md-component="search" role="dialog">'
             '<input type="text" class="md-search__input" name="query" aria-label="Sök" placeholder="Sök">')
    repaired = valid_markup(theme)
    assert 'autocomplete="off"' not in repaired and 'tabindex=""' not in repaired
    assert '<label class="md-nav__title">' in repaired
    assert 'role="dialog" aria-label="Sök">' in repaired
    # With the contents toggle on the page, its label stays bound to it.
    assert 'for="__toc"' in valid_markup(theme + '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
    # Text that only looks like the theme's markup is left as it is.
    text = "<p>tabindex=&quot;&quot; autocomplete=&quot;off&quot; for=&quot;__toc&quot;</p>"
    assert valid_markup(text) == text


# -- the home page's weight, search on first use --------------------------------------------------

def search(page, word: str, opened: bool = False) -> list[str]:
    """Open search as a person does, type ``word``; the result pages' paths in order."""
    if not opened:
        page.locator("label[for=__search]").first.click()
    field = page.locator("input.md-search__input")
    field.press_sequentially(word, delay=20)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=20_000)
    page.wait_for_timeout(500)
    links = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link, .md-search-result__item > a",
                                      "els => els.map(e => new URL(e.href).pathname)")
    return list(dict.fromkeys(links))


@pytest.mark.parametrize(("lang", "word", "form"), [("sv", "försäkring", "försäkringar"), ("en", "insurance", "insured")])
def test_home_page_is_light_and_search_loads_on_first_use(shipped, lang: str, word: str, form: str) -> None:
    site, catalog = shipped
    import playwright.sync_api as playwright_api

    assert Path(CHROMIUM).exists(), "Debian's Chromium is not installed; `make test` installs it"
    home = urls.home_page(catalog.site, lang)
    with SiteServer(site) as server, playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            loaded: dict[str, tuple[int, int]] = {}

            def count(response) -> None:
                try:
                    body = response.body()
                except Exception:  # a redirect has no body
                    return
                loaded[response.url] = (len(body), len(gzip.compress(body, 9)))

            page.on("response", count)
            page.goto(server.base + home, wait_until="networkidle")
            page.wait_for_timeout(1000)
            before = dict(loaded)
            outside = [url for url in before if not url.startswith(server.base)]
            assert outside == []
            compressed = sum(size for _, size in before.values())
            listing = "\n".join(f"{size:>8} {url}" for url, (_, size) in sorted(before.items(), key=lambda i: -i[1][1]))
            assert compressed <= HOME_BUDGET, f"{compressed} bytes compressed before interaction:\n{listing}"
            assert not any("search_index.json" in url or "/workers/search." in url for url in before), listing

            found = search(page, word)
            assert any("search_index.json" in url for url in loaded)
            public = [path for path in found if not path.startswith(TRAINER_PATHS)]
            trainer = [path for path in found if path.startswith(TRAINER_PATHS)]
            assert public and found[: len(public)] == public, found
            assert all(path.startswith("/en/") == (lang == "en") for path in found), found

            assert not trainer or found[len(public):] == trainer
            page.fill("input.md-search__input", "")
            assert search(page, form, opened=True), f"no result for '{form}', another form of '{word}'"
        finally:
            browser.close()


# -- Lighthouse -------------------------------------------------------------------------------------

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class CompressingHandler(QuietHandler):
    """Static files as a web host serves them: text gzipped for clients that accept it.

    Lighthouse counts the bytes on the wire; Python's file server sends everything
    uncompressed, which no host of the site would do.
    """

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and kind.startswith(COMPRESSED_TYPES)):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class CompressingServer(SiteServer):
    """:class:`SiteServer` with :class:`CompressingHandler`."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.httpd.RequestHandlerClass = functools.partial(CompressingHandler, directory=str(root))


def lighthouse(url: str, categories: tuple[str, ...], out: Path) -> dict:
    """One Lighthouse run (mobile preset) with Debian's Chromium; its JSON report."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(categories)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                   env=env, check=True, capture_output=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def failing(report: dict, category: str) -> list[str]:
    """The audits of ``category`` that count and did not pass."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
            found.append(f"{ref['id']}: {audit['title']}")
    return found


def passed(report: dict, name: str) -> bool:
    """Whether an audit passed or does not apply (a missing audit fails: the list is fixed)."""
    audit = report["audits"].get(name)
    if audit is None:
        return False
    return audit["scoreDisplayMode"] in ("notApplicable", "manual", "informative") or audit["score"] == 1


def test_lighthouse_accessibility_and_seo_pass(shipped, tmp_path: Path) -> None:
    site, catalog = shipped
    assert LIGHTHOUSE.exists(), "lighthouse is missing: `make test` runs `npm ci`"
    names = ("home", "calendar", "module", "session", "employers", "404")
    problems = []
    with CompressingServer(site) as server:
        for url in urls_of(site, catalog, names):
            report = lighthouse(server.base + url, ("accessibility", "best-practices", "seo"), tmp_path / "report.json")
            if report["categories"]["accessibility"]["score"] != 1:
                problems.append(f"{url}: accessibility {report['categories']['accessibility']['score']}: "
                                + "; ".join(failing(report, "accessibility")))
            for kind, names in (("seo", SEO), ("best practices", BEST_PRACTICES)):
                broken = [name for name in names if not passed(report, name)]
                if broken:
                    problems.append(f"{url}: {kind}: {', '.join(broken)}")
    assert problems == [], "\n".join(problems)
