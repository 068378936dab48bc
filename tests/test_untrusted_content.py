"""Content is untrusted input (issue 12): one regression test per reported defect.

Anyone may open a pull request, and the preview and CI build it. The contract these
tests hold the generator to:

- ``coursegen check --content DIR`` exits 1 and prints ``path:line:col: field: message``
  naming the defect's file and line, for every defect that ``build`` would reject; never a
  traceback, never the text of a file outside content/, never a long value echoed whole.
- ``coursegen build`` on the same content exits 1 and writes nothing.
- Content that passes ``check`` builds, and the built site runs no script from content.

Each test copies ``tests/fixtures/site`` into ``tmp_path``, plants one attack in several
variants and drives the real command line (click's runner, or a subprocess where memory,
time or concurrency is measured) and real builds. The Markdown-field attacks share one
build (module-scoped) so their many assertions cost one mkdocs run.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"
DECK_TEMPLATE = REPO / "generator" / "rendering" / "decks" / "template.pptx"
TODAY = "2027-01-01"  # every session of the fixture but none is upcoming
MAX_LINE = 400  # no line of check's output may be longer (not counting the content path)
LONG_ECHO = 81  # no run this long of an editor's value may come back in a message
BUILD_TIMEOUT = 300
PREVIOUS_SITE = "previous build"

# Line numbers in tests/fixtures/site (read it before changing them).
SITE_URL_LINE = 5
SITE_EMAIL_LINE = 6
FIRST_SESSION_ID_LINE = 23
FIRST_SESSION_MODULE_LINE = 24
FIRST_SESSION_DATE_LINE = 25
ONLINE_URL_LINE = 39
REGISTRATION_URL_LINE = 42
SLIDE_IMAGE_LINE = 45  # modules/grunddag.yaml
GRUNDDAG_LINES = 54  # a material appended to modules/grunddag.yaml starts on line 55


# -- content ---------------------------------------------------------------------------------

def copy_fixture(where: Path) -> Path:
    """A private, writable copy of the fixture, as ``where/content``."""
    content = where / "content"
    shutil.copytree(FIXTURE, content, symlinks=True)
    return content


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def replace_line(path: Path, number: int, new: str) -> None:
    """Replace line ``number`` (1-based) of a text file with ``new`` (no newline)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def insert_after(path: Path, number: int, new: str) -> None:
    """Insert ``new`` (one or more lines) after line ``number``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number:number] = new.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))


def append_material(content: Path, file_yaml: str) -> int:
    """Add a material to modules/grunddag.yaml; the line its ``file:`` stands on."""
    module = content / "modules" / "grunddag.yaml"
    line = line_count(module) + 1
    with module.open("a", encoding="utf-8") as handle:
        handle.write(f"  - file: {file_yaml}\n    title: {{sv: Material, en: Material}}\n")
    return line


def block(text: str, indent: int) -> str:
    """``text`` as a YAML literal block scalar whose lines are indented by ``indent`` spaces."""
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def localized_block(sv: str, en: str, indent: int) -> str:
    pad = " " * indent
    return f"\n{pad}sv: {block(sv, indent + 2)}\n{pad}en: {block(en, indent + 2)}"


# -- running the command line ----------------------------------------------------------------

def check(content: Path, *options: str):
    """``coursegen check --content CONTENT`` through click's runner."""
    return CliRunner().invoke(cli, ["check", "--content", str(content), *options], env={"COURSEGEN_TODAY": TODAY})


def coursegen_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("coursegen")
    head = [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]
    return [*head, *args]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False
    peak_kb: int = 0  # ru_maxrss of the command's process tree

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


# Runs a command and reports its exit code, output and peak memory (RUSAGE_CHILDREN of this
# small wrapper, so earlier commands of the test run do not count), optionally below a cap on
# address space so that a runaway parser fails instead of eating the machine's memory.
PEAK_WRAPPER = """
import json, resource, subprocess, sys
limit = int(sys.argv[1])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
done = subprocess.run(sys.argv[2:], capture_output=True, text=True, errors="replace")
print(json.dumps({"rc": done.returncode, "out": done.stdout, "err": done.stderr,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def run_measured(command: list[str], *, timeout: float, cwd: Path | None = None,
                 address_space: int = 0) -> Run:
    """Run ``command`` in a process group of its own; kill that group if it overruns ``timeout``."""
    env = {**os.environ, "COURSEGEN_TODAY": TODAY}
    process = subprocess.Popen(
        [sys.executable, "-c", PEAK_WRAPPER, str(address_space), *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the wrapper leads its own group: only ours
        out, err = process.communicate()
        return Run(-9, out, err, timed_out=True)
    if process.returncode != 0 or not out.strip():
        return Run(process.returncode, out, err)
    report = json.loads(out.strip().splitlines()[-1])
    return Run(report["rc"], report["out"], report["err"], peak_kb=report["peak_kb"])


def build_process(content: Path, out: Path, *extra: str, cwd: Path | None = None) -> Run:
    """``coursegen build`` as a real subprocess."""
    return run_measured(coursegen_command("build", "--content", str(content), "--out", str(out), *extra),
                        timeout=BUILD_TIMEOUT, cwd=cwd)


def start_build(content: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "COURSEGEN_TODAY": TODAY}
    return subprocess.Popen(coursegen_command("build", "--content", str(content), "--out", str(out), *extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def finish(process: subprocess.Popen) -> Run:
    try:
        out, err = process.communicate(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return Run(-9, out, err, timed_out=True)
    return Run(process.returncode, out, err)


# -- what the output must (not) hold ---------------------------------------------------------

ERROR_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<rest>.*)$")


def no_traceback(result) -> None:
    assert "Traceback" not in result.output, result.output[-3000:]
    exception = getattr(result, "exception", None)
    assert exception is None or isinstance(exception, SystemExit), repr(exception)


def short_lines(output: str, content: Path) -> None:
    """Every line of the output is short: no value is echoed whole."""
    for line in output.splitlines():
        shown = line.replace(str(content), "content")
        assert len(shown) < MAX_LINE, f"a line of {len(shown)} characters: {shown[:200]}..."


def errors_at(output: str, content: Path, file: str) -> dict[int, list[str]]:
    """The error lines that name ``content/file``, by line number."""
    found: dict[int, list[str]] = {}
    for line in output.splitlines():
        match = ERROR_LINE.match(line)
        if match and match.group("path") == f"{content}/{file}":
            found.setdefault(int(match.group("line")), []).append(line)
    return found


def assert_check_rejects(content: Path, file: str, lines: set[int] | None, *, secrets: tuple[str, ...] = (),
                         options: tuple[str, ...] = (), result=None) -> list[str]:
    """check exits 1 and names ``file`` at one of ``lines`` (any line if None); returns those error lines."""
    result = result or check(content, *options)
    no_traceback(result)
    short_lines(result.output, content)
    for secret in secrets:
        assert secret not in result.output, f"check printed text from outside content/: {secret!r}"
    assert result.exit_code == 1, f"check passed content that must be rejected:\n{result.output}"
    named = errors_at(result.output, content, file)
    wanted = {line: found for line, found in named.items() if lines is None or line in lines}
    assert wanted, f"no error at {file}:{sorted(lines) if lines else '*'}; check said:\n{result.output}"
    return [line for found in wanted.values() for line in found]


def assert_check_names(content: Path, name: str, *, secrets: tuple[str, ...] = ()) -> None:
    """check exits 1 with an error line, in ``path:line:col:`` form, that mentions ``name``."""
    result = check(content)
    no_traceback(result)
    short_lines(result.output, content)
    for secret in secrets:
        assert secret not in result.output, f"check printed text from outside content/: {secret!r}"
    assert result.exit_code == 1, f"check passed content that must be rejected:\n{result.output}"
    lines = [line for line in result.output.splitlines()
             if ERROR_LINE.match(line) and line.startswith(f"{content}/") and name in line]
    assert lines, f"no error naming {name}; check said:\n{result.output}"


def tree_state(root: Path, *, skip: tuple[Path, ...] = ()) -> dict[str, tuple[str, int, int]]:
    """Every entry below ``root`` (not following links) with its kind, size and mtime."""
    state = {}
    for path in sorted(root.rglob("*")):
        if any(path == s or s in path.parents for s in skip):
            continue
        info = path.lstat()
        kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
        state[str(path.relative_to(root))] = (kind, info.st_size if kind == "file" else 0,
                                              info.st_mtime_ns if kind == "file" else 0)
    return state


def previous_build(out: Path) -> dict[str, tuple[str, int, int]]:
    """An output folder holding a previous site; its state."""
    (out / "site").mkdir(parents=True, exist_ok=True)
    (out / "site" / "index.html").write_text(PREVIOUS_SITE, encoding="utf-8")
    return tree_state(out)


def build_in_process(content: Path, out: Path):
    """``coursegen build`` through click's runner, over a previous site; (result, the output folder's state before)."""
    before = previous_build(out)
    result = CliRunner().invoke(cli, ["build", "--content", str(content), "--out", str(out)],
                                env={"COURSEGEN_TODAY": TODAY})
    return result, before


def assert_build_rejects(content: Path, out: Path, *, secrets: tuple[str, ...] = (), done=None) -> None:
    """build exits 1, without a traceback, and writes nothing: the previous site stays as it was."""
    result, before = done or build_in_process(content, out)
    no_traceback(result)
    for secret in secrets:
        assert secret not in result.output
    assert result.exit_code == 1, f"build accepted content that check must reject:\n{result.output[-2000:]}"
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == PREVIOUS_SITE
    after = tree_state(out)
    assert after == before, f"a rejected build wrote: {sorted(set(after) ^ set(before))[:20]}"


# -- reading a built site --------------------------------------------------------------------

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data",
                  "cite", "srcset", "ping", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def scheme_of(value: str) -> str:
    """The scheme a browser sees: tabs and newlines anywhere and leading controls ignored."""
    value = re.sub(r"[\t\n\r]", "", value).lstrip("".join(chr(c) for c in range(0x21)))
    return value[:12].lower()


def inline_script_shape(text: str) -> str:
    """An inline script with its string literals blanked: the theme's differ per page only there."""
    return STRING_LITERAL.sub('""', text.strip())


@dataclass
class Audit:
    """Everything in a page that could run script, found by html.parser."""

    scripts_src: set[str] = field(default_factory=set)  # site-relative paths
    inline_scripts: set[str] = field(default_factory=set)  # shapes (see inline_script_shape)
    findings: list[str] = field(default_factory=list)


class PageAuditor(HTMLParser):
    def __init__(self, page: str, audit: Audit, allowed_src: set[str] | None, allowed_inline: set[str] | None):
        super().__init__(convert_charrefs=True)
        self.page = page  # the page's path in the site, e.g. modules/grunddag/index.html
        self.audit = audit
        self.allowed_src = allowed_src  # None: collect, do not judge
        self.allowed_inline = allowed_inline
        self.script: dict[str, str | None] | None = None
        self.script_text: list[str] = []

    def finding(self, what: str) -> None:
        self.audit.findings.append(f"{self.page}: {what[:300]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.finding(f"<{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.finding(f"<{tag} srcdoc=...>")
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            for url in urls:
                scheme = scheme_of(url)
                if scheme.startswith(("javascript:", "vbscript:")) or (
                        name in URL_ATTRIBUTES and scheme.startswith(DANGEROUS_SCHEMES)):
                    self.finding(f"<{tag} {name}={value!r}>")
            if name == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(", value, re.I):
                self.finding(f"<{tag} style={value!r}>")
        if tag in FORBIDDEN_TAGS:
            self.finding(f"<{tag} {values}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.finding(f"<meta http-equiv=refresh content={values.get('content')!r}>")
        if tag == "script":
            self.script = values
            self.script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self.script is None:
            return
        values, text = self.script, "".join(self.script_text)
        self.script = None
        if values.get("src"):
            target = site_path(self.page, values["src"])
            self.audit.scripts_src.add(target)
            if self.allowed_src is not None and target not in self.allowed_src:
                self.finding(f"<script src={values['src']!r}> (not one of the theme's scripts)")
        elif values.get("type", "").lower() == "application/json":
            try:
                json.loads(text)
            except ValueError:
                self.finding(f"<script type=application/json> that is not JSON: {text[:200]!r}")
        else:
            shape = inline_script_shape(text)
            self.audit.inline_scripts.add(shape)
            if self.allowed_inline is not None and shape not in self.allowed_inline:
                self.finding(f"<script>{text[:200]}</script> (not one of the theme's scripts)")


def site_path(page: str, url: str) -> str:
    """Where ``url``, linked from ``page``, points in the site (no query, no fragment)."""
    url = url.split("#", 1)[0].split("?", 1)[0]
    if "://" in url or url.startswith("//"):
        return url
    if url.startswith("/"):
        return posixpath.normpath(url.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), url))


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def audit_site(site: Path, allowed_src: set[str] | None = None, allowed_inline: set[str] | None = None) -> Audit:
    """Parse every .html file of ``site`` and the search indexes' HTML fragments."""
    audit = Audit()
    for path in html_files(site):
        page = path.relative_to(site).as_posix()
        parser = PageAuditor(page, audit, allowed_src, allowed_inline)
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
    for index in sorted(site.rglob("search_index.json")):
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        for number, doc in enumerate(docs):
            for key in ("title", "text"):
                # The theme puts these into the page as HTML: no script at all is allowed in them.
                parser = PageAuditor(f"{index.relative_to(site)}#{number}.{key}", audit, set(), set())
                parser.feed(str(doc.get(key, "")))
                parser.close()
    return audit


def page_text(path: Path) -> str:
    """The text of an HTML page as a reader sees it (tags gone, references decoded)."""
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style") and self.skip > 0

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def every_text(root: Path) -> list[tuple[str, str]]:
    """(name, text) of every file below ``root``; zip members, gzip and folded iCalendar lines opened."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = str(path.relative_to(root))
        data = path.read_bytes()
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                for member in package.namelist():
                    found.append((f"{name}!{member}", package.read(member).decode("utf-8", "replace")))
            continue
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        if path.suffix == ".ics":
            text = text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "")
        found.append((name, text))
    return found


def files_containing(root: Path, needle: str) -> list[str]:
    return [name for name, text in every_text(root) if needle in text]


# -- the shared build of every Markdown-field attack -----------------------------------------

# Links whose target a browser would run: each must end up as text, '#', or a safe address.
LINK_ATTACKS = [
    "[ett](jav&#x61;script:alert(1))",
    "[två](javascript&colon;alert(1))",
    "[tre](JaVaScRiPt:alert(1))",
    "[fyra](java\tscript:alert(1))",
    "[fem](jav&#x09;ascript:alert(1))",
    "[sex](&#106;avascript:alert(1))",
    "[sju](  javascript:alert(1) \"titel\")",
    "[åtta](<javascript:alert(1)>)",
    "[nio](vbscript:msgbox(1))",
    "[tio](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![elva](javascript:alert(1))",
    "[tolv](https://example.org/\"onmouseover=\"alert(1))",
    "[tretton](https://example.org \"x\\\" onmouseover=\\\"alert(1)\")",
    "[fjorton][r1]\n\n[r1]: javascript:alert(1)",
    "[femton][r2]\n\n[r2]: <jav&#x61;script:alert(1)>",
    "[sexton][R3]\n\n   [r3]:   JAVASCRIPT:alert(1)",
    "> [sjutton][r4]\n>\n> [r4]: javascript:alert(1)",
    "- [arton][r5]\n\n    [r5]: javascript:alert(1)",
    "1. punkt\n    > [nitton][r6]\n    >\n    > [r6]: data:text/html,x",
    "<javascript:alert(1)>",
]
# Raw HTML in a Markdown field from YAML: shown as text or dropped, never a tag.
HTML_ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">tjugo</a>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<details open ontoggle=alert(1)>",
    "<div markdown=\"1\" onclick=\"alert(1)\">\n\ntjugoett\n\n</div>",
    "{: onclick=\"alert(1)\" }",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


def attack_text(marker: str, with_html: bool = True) -> str:
    """A Markdown text holding every attack, starting with a word that shows it was published."""
    attacks = LINK_ATTACKS + (HTML_ATTACKS if with_html else [])
    return "\n\n".join([f"Fältprov {marker}."] + attacks) + "\n"


# Fields whose marker must show up in the built site, and the page (in the site) it shows on.
PUBLISHED_MARKERS = {
    "beskrivning-sv": "modules/grunddag/index.html",
    "description-en": "en/modules/grunddag/index.html",
    "bild-sv": "trainers/notes/grunddag/index.html",
    "slide-en": "en/trainers/notes/grunddag/index.html",
    "manus-sv": "trainers/notes/grunddag/index.html",
    "notes-en": "en/trainers/notes/grunddag/index.html",
    "programbeskrivning-sv": "index.html",
    "programme-description-en": "en/index.html",
    "material-sv": "materials/grunddag/checklista-sv/index.html",
    "material-en": "en/materials/grunddag/checklista-en/index.html",
    "handskriven-sv": "angrepp/index.html",
    "handwritten-en": "en/angrepp/index.html",
    "anteckning-sv": "sessions/2027-02-grunddag-halmstad/index.html",
    "note-en": "en/sessions/2027-02-grunddag-halmstad/index.html",
}
# internal: texts planted in sessions.yaml; none may appear anywhere in the output.
INTERNAL_SECRETS = ("SECRET-INTERNAL-NOTE", "HEMLIG-INTERN-ONLINE-4711", "HEMLIG-INTERN-INSTALLT-0815",
                    "HEMLIG-RAD-TVA-2222", "HEMLIG-CITERAD-9090")
SITE_NAME_SV = "Handledarprogrammet <b onmouseover=alert(1)>fet</b>"
SITE_NAME_EN = "The supervisor programme <b onmouseover=alert(1)>bold</b>"
ORGANISER = "Testförbundet <img src=x onerror=alert(1)>"


def swap(text: str, old: str, new: str) -> str:
    """``text`` with its one ``old`` replaced: a fixture that changed fails loudly, not silently."""
    assert text.count(old) == 1, f"{old!r} should occur once"
    return text.replace(old, new)


def plant_markdown_attacks(content: Path) -> None:
    """Every Markdown field, material page and hand-written page carries every attack."""
    module = content / "modules" / "grunddag.yaml"
    text = module.read_text(encoding="utf-8")
    start, end = text.index("description:\n"), text.index("audience:")
    text = (text[:start] + "description:" + localized_block(attack_text("beskrivning-sv"), attack_text("description-en"), 2)
            + "\n" + text[end:])
    text = swap(text, 
        "summary: {sv: En dag om att ta emot någon på arbetsprövning., en: A day on welcoming someone on a work trial.}",
        "summary:" + localized_block("Sammanfattning [x](javascript:alert(1)) <script>alert(1)</script>",
                                     "Summary [x](javascript:alert(1)) <img src=x onerror=alert(1)>", 2))
    slide = ("  - layout: content\n    title: {sv: Angrepp, en: Attack}\n    body:"
             + localized_block(attack_text("bild-sv"), attack_text("slide-en"), 6)
             + "\n    notes:" + localized_block(attack_text("manus-sv"), attack_text("notes-en"), 6) + "\n")
    text = swap(text, "  - layout: closing\n", slide + "  - layout: closing\n")
    module.write_text(text, encoding="utf-8")

    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    text = swap(text, "name: {sv: Handledarprogrammet, en: The supervisor programme}",
                        f"name: {{sv: \"{SITE_NAME_SV}\", en: \"{SITE_NAME_EN}\"}}")
    text = swap(text, "organiser: Testförbundet i Halland", f"organiser: \"{ORGANISER}\"")
    text = swap(text, "  sv: Vi utbildar handledare för öppna arbetsplatser.",
                        "  sv: \"Vi utbildar\\\"><script>alert(1)</script>\"")
    start = text.index("description:\n")
    text = (text[:start] + "description:" + localized_block(attack_text("programbeskrivning-sv"),
                                                            attack_text("programme-description-en"), 2)
            + "\nregistration:" + localized_block(attack_text("anmalan-sv"), attack_text("registration-en"), 2) + "\n")
    site.write_text(text, encoding="utf-8")

    for lang, marker in (("sv", "material-sv"), ("en", "material-en")):
        material = content / "modules" / "grunddag" / f"checklista.{lang}.md"
        material.write_text(material.read_text(encoding="utf-8") + "\n" + attack_text(marker), encoding="utf-8")
    for lang, marker in (("sv", "handskriven-sv"), ("en", "handwritten-en")):
        page = content / "pages" / f"angrepp.{lang}.md"
        page.write_text(f"# Angrepp\n\n{{{{ programme }}}} drivs av {{{{ organiser }}}}.\n\n"
                        + attack_text(marker, with_html=False), encoding="utf-8")

    sessions = content / "sessions.yaml"
    text = sessions.read_text(encoding="utf-8")
    text = swap(text, 
        "    internal: SECRET-INTERNAL-NOTE\n",
        "    note:" + localized_block(attack_text("anteckning-sv"), attack_text("note-en"), 6) + "\n"
        "    internal: |\n      SECRET-INTERNAL-NOTE\n      HEMLIG-RAD-TVA-2222\n")
    text = swap(text, "    online: {url: https://meet.example.org/frukost}\n",
                        "    online: {url: https://meet.example.org/frukost}\n    internal: HEMLIG-INTERN-ONLINE-4711\n")
    text = swap(text, "    status: full\n", "    status: full\n    internal: \"HEMLIG-CITERAD-9090\"\n")
    text = swap(text, "    status: cancelled", "    status: cancelled\n    internal: >\n      HEMLIG-INTERN-INSTALLT-0815\n")
    sessions.write_text(text, encoding="utf-8")


@dataclass
class Builds:
    clean: Path  # content: the fixture as it is
    clean_out: Path
    clean_run: Run
    content: Path  # content: every Markdown-field attack
    out: Path
    run: Run
    check_output: str
    check_exit: int

    @property
    def site(self) -> Path:
        return self.out / "site"

    def theme_scripts(self) -> tuple[set[str], set[str]]:
        """The theme's scripts, as the clean build has them (the fixture's own attacks left out)."""
        baseline = audit_site(self.clean_out / "site")
        sources = {src for src in baseline.scripts_src if src.endswith(".js") and "assets/" in src and "://" not in src}
        inline = {shape for shape in baseline.inline_scripts if "alert" not in shape}
        return sources, inline


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """The fixture built as it is, and built with every Markdown-field attack (at the same time)."""
    clean = copy_fixture(tmp_path_factory.mktemp("clean"))
    attacked_root = tmp_path_factory.mktemp("attacked")
    content = copy_fixture(attacked_root)
    plant_markdown_attacks(content)
    checked = check(content)
    processes = [start_build(clean, clean.parent / "out"), start_build(content, attacked_root / "out")]
    clean_run, run = (finish(p) for p in processes)
    assert clean_run.returncode == 0, clean_run.output[-3000:]
    return Builds(clean, clean.parent / "out", clean_run, content, attacked_root / "out", run,
                  checked.output, checked.exit_code)


def attacked_site(builds: Builds) -> Path:
    assert builds.check_exit == 0, f"check rejected Markdown that must pass:\n{builds.check_output[-3000:]}"
    assert builds.run.returncode == 0, f"the build failed:\n{builds.run.output[-3000:]}"
    return builds.site


# -- 1. Script on the site ---------------------------------------------------------------------

URL_FIELD_ATTACKS = {
    "online-url-svg": ("sessions.yaml", ONLINE_URL_LINE,
                       '    online: {url: "https://meet.example.org/x>)<svg onload=alert(1)>"}'),
    "online-url-quote": ("sessions.yaml", ONLINE_URL_LINE,
                         '    online: {url: "https://meet.example.org/\\"><script>alert(1)</script>"}'),
    "online-url-javascript": ("sessions.yaml", ONLINE_URL_LINE, "    online: {url: \"JaVaScRiPt:alert(1)\"}"),
    "online-url-data": ("sessions.yaml", ONLINE_URL_LINE,
                        "    online: {url: \"data:text/html,<script>alert(1)</script>\"}"),
    "registration-url": ("sessions.yaml", REGISTRATION_URL_LINE,
                         '    registration: {url: "https://example.org/a?x=\\"><script>alert(1)</script>", deadline: 2027-03-22}'),
    "registration-url-angle": ("sessions.yaml", REGISTRATION_URL_LINE,
                               "    registration: {url: \"https://example.org/<img/src=x/onerror=alert(1)>\", deadline: 2027-03-22}"),
    "email-script": ("site.yaml", SITE_EMAIL_LINE, "contact: {email: '\"><script>alert(1)</script>@example.org'}"),
    "email-body": ("site.yaml", SITE_EMAIL_LINE, "contact: {email: 'info@example.org?body=<script>alert(1)</script>'}"),
    "email-quote": ("site.yaml", SITE_EMAIL_LINE, "contact: {email: 'info@example.org\"onmouseover=\"alert(1)'}"),
    "site-url-script": ("site.yaml", SITE_URL_LINE, "url: 'https://kurser.example.org/\"><script>alert(1)</script>'"),
    "site-url-svg": ("site.yaml", SITE_URL_LINE, "url: 'https://kurser.example.org/<svg/onload=alert(1)>'"),
}


@pytest.mark.parametrize("variant", sorted(URL_FIELD_ATTACKS))
def test_script_on_the_site_url_fields_are_rejected(variant: str, tmp_path: Path) -> None:
    """A web address or e-mail address that carries markup is not one: check and build reject it."""
    file, line, new = URL_FIELD_ATTACKS[variant]
    content = copy_fixture(tmp_path)
    replace_line(content / file, line, new)
    assert_check_rejects(content, file, {line})
    assert_build_rejects(content, tmp_path / "out")


def test_script_on_the_site_markdown_fields_pass_check_and_build(builds: Builds) -> None:
    """Markdown fields may hold anything: check passes and the build succeeds."""
    site = attacked_site(builds)
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()


@pytest.mark.parametrize("marker", sorted(PUBLISHED_MARKERS))
def test_script_on_the_site_markdown_fields_are_published(marker: str, builds: Builds) -> None:
    """The attacks were really rendered (the tests below are not vacuous): each field's text is on its page."""
    page = attacked_site(builds) / PUBLISHED_MARKERS[marker]
    assert page.is_file(), f"{PUBLISHED_MARKERS[marker]} was not built"
    assert f"Fältprov {marker}." in page_text(page)


def test_script_on_the_site_no_script_element_from_content(builds: Builds) -> None:
    """Only the theme's own scripts: no <script> element, src or inline, comes from content."""
    allowed_src, allowed_inline = builds.theme_scripts()
    assert allowed_src, "the clean build has no theme scripts: the audit is broken"
    audit = audit_site(attacked_site(builds), allowed_src, allowed_inline)
    scripts = [f for f in audit.findings if "<script" in f]
    assert scripts == [], "\n".join(scripts[:40])


def test_script_on_the_site_no_event_handler_attributes(builds: Builds) -> None:
    """No element of any page has an on*= attribute (the clean build has none either)."""
    audit = audit_site(attacked_site(builds), *builds.theme_scripts())
    handlers = [f for f in audit.findings if re.search(r"<\w+ on\w+=", f)]
    assert handlers == [], "\n".join(handlers[:40])


def test_script_on_the_site_no_script_urls(builds: Builds) -> None:
    """No href or src of any page is a javascript:, vbscript: or data: address (entities decoded)."""
    audit = audit_site(attacked_site(builds), *builds.theme_scripts())
    urls = [f for f in audit.findings if re.search(r"(?i)(javascript|vbscript|data):", f) and "<script" not in f]
    urls += [f for f in audit.findings if re.search(r"<(iframe|frame|object|embed|applet|base|meta)\b| srcdoc=| style=", f)]
    assert urls == [], "\n".join(urls[:40])


def test_script_on_the_site_search_index_holds_no_markup(builds: Builds) -> None:
    """The search index's text is put into the page as HTML by the theme: it must hold no tags that run."""
    site = attacked_site(builds)
    audit = audit_site(site, *builds.theme_scripts())
    indexed = [f for f in audit.findings if "search_index.json" in f]
    assert indexed == [], "\n".join(indexed[:40])
    assert list(site.rglob("search_index.json")), "no search index was built"


def test_script_on_the_site_fixture_examples_are_harmless(builds: Builds) -> None:
    """The fixture's own examples (a javascript: link, raw HTML in a note) leave no finding either."""
    allowed_src, allowed_inline = builds.theme_scripts()
    audit = audit_site(builds.clean_out / "site", allowed_src, allowed_inline)
    assert audit.findings == []
    assert any(src.endswith(".js") for src in allowed_src)


# -- 2. Code at build time ----------------------------------------------------------------------

def template_attacks(canary: Path) -> dict[str, str]:
    touch = f"touch {canary}"
    return {
        "cycler": f"{{{{ cycler.__init__.__globals__.os.popen('{touch}').read() }}}}",
        "lipsum": f"{{{{ lipsum.__globals__['os'].popen('{touch}').read() }}}}",
        "config": f"{{{{ config.__class__.__init__.__globals__['os'].popen('{touch}').read() }}}}",
        "self": f"{{{{ self.__init__.__globals__.__builtins__.__import__('os').popen('{touch}').read() }}}}",
        "mro": ("{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}"
                f"{{{{ c()._module.__builtins__['__import__']('os').popen('{touch}').read() }}}}"
                "{% endif %}{% endfor %}"),
        "import-os": "{% import os %}",
        "macros-info": "{{ macros_info() }}",
        "namespace-globals": f"{{{{ namespace.__init__.__globals__.__builtins__.__import__('os').system('{touch}') }}}}",
    }


# (attack, where): in x.sv.md and x.en.md; only in x.en.md; after 'render_macros: false'; in x.md.
PAGE_VARIANTS = [(name, "sv") for name in ("cycler", "lipsum", "config", "self", "mro", "import-os",
                                           "macros-info", "namespace-globals")]
PAGE_VARIANTS += [("cycler", "en-only"), ("cycler", "render-macros-false"), ("lipsum", "no-language")]


@pytest.mark.parametrize("name,where", PAGE_VARIANTS, ids=[f"{n}-{w}" for n, w in PAGE_VARIANTS])
def test_code_at_build_time_in_hand_written_pages(name: str, where: str, tmp_path: Path) -> None:
    """A template expression that reaches Python is refused: no command runs, check names the page and line."""
    canary = tmp_path / "CANARY"
    payload = template_attacks(canary)[name]
    content = copy_fixture(tmp_path)
    pages = content / "pages"
    head, lines = "", {5}
    if where == "render-macros-false":
        head, lines = "---\nrender_macros: false\n---\n", {2, 8}
    clean = "# Sida\n\nVanlig text.\n"
    attacked = f"{head}# Sida\n\nVanlig text.\n\n{payload}\n"
    if where == "no-language":
        file = "pages/x.md"
        (pages / "x.md").write_text(attacked, encoding="utf-8")
    else:
        (pages / "x.sv.md").write_text(clean if where == "en-only" else attacked, encoding="utf-8")
        (pages / "x.en.md").write_text(attacked, encoding="utf-8")
        file = "pages/x.en.md" if where == "en-only" else "pages/x.sv.md"
    checked = check(content)
    assert not canary.exists(), "check ran a command from a page"
    built = build_in_process(content, tmp_path / "out")
    assert not canary.exists(), "build ran a command from a page"
    assert_check_rejects(content, file, lines, result=checked)
    assert_build_rejects(content, tmp_path / "out", done=built)


YAML_TEMPLATE_FIELDS = ("module-description", "session-note", "material-page", "site-description")


@pytest.mark.parametrize("where", YAML_TEMPLATE_FIELDS)
def test_code_at_build_time_in_yaml_fields_is_text(where: str, tmp_path: Path) -> None:
    """Template syntax in a YAML field or a material is shown as written and never runs."""
    canary = tmp_path / "CANARY"
    payload = template_attacks(canary)["cycler"]
    content = copy_fixture(tmp_path)
    module = content / "modules" / "grunddag.yaml"
    if where == "module-description":
        replace_in(module, "    Under dagen går vi igenom", f"    {payload}\n\n    Under dagen går vi igenom")
        page = "modules/grunddag/index.html"
    elif where == "session-note":
        replace_in(content / "sessions.yaml", '      sv: "Ta med <b>egen</b> dator. {{ 6 * 7 }}"',
                   f"      sv: \"{payload}\"")
        page = "sessions/2027-04-grunddag-halmstad/index.html"
    elif where == "material-page":
        material = content / "modules" / "grunddag" / "checklista.sv.md"
        material.write_text(material.read_text(encoding="utf-8") + f"\n{payload}\n", encoding="utf-8")
        page = "materials/grunddag/checklista-sv/index.html"
    else:
        replace_in(content / "site.yaml", "    Texten {{ 7 * 7 }}", f"    {payload}\n    Texten {{{{ 7 * 7 }}}}")
        page = "index.html"
    result = check(content)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    run = build_process(content, tmp_path / "out", cwd=tmp_path)
    assert not canary.exists(), "build ran a command from a YAML field"
    assert run.returncode == 0, run.output[-3000:]
    shown = page_text(tmp_path / "out" / "site" / page)
    assert "{{ cycler." in shown and "popen(" in shown, shown


def test_code_at_build_time_documented_variables_are_escaped(builds: Builds) -> None:
    """{{ programme }} and {{ organiser }} are text: the site name's markup is shown, not applied."""
    site = attacked_site(builds)
    sv, en = site / "angrepp" / "index.html", site / "en" / "angrepp" / "index.html"
    assert SITE_NAME_SV in page_text(sv) and ORGANISER in page_text(sv)
    assert SITE_NAME_EN in page_text(en)
    for page in (sv, en, site / "om-programmet" / "index.html"):
        audit = Audit()
        parser = PageAuditor(str(page.relative_to(site)), audit, None, None)
        parser.feed(page.read_text(encoding="utf-8"))
        assert [f for f in audit.findings if "onmouseover" in f or "onerror" in f] == []
        assert "<b onmouseover" not in page.read_text(encoding="utf-8")


RAW_HTML_PAGES = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "a-javascript": "<a href=\"javascript:alert(1)\">klicka</a>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "iframe": "<iframe src=\"javascript:alert(1)\"></iframe>",
    "md-in-html": "<div markdown=\"1\" onclick=\"alert(1)\">\n\n**fet**\n\n</div>",
}


@pytest.mark.parametrize("variant", sorted(RAW_HTML_PAGES))
def test_code_at_build_time_raw_html_in_a_hand_written_page(variant: str, tmp_path: Path, builds: Builds) -> None:
    """Raw HTML that runs script never reaches the site: check rejects the page, or the build drops it."""
    content = copy_fixture(tmp_path)
    for lang in ("sv", "en"):
        (content / "pages" / f"rahtml.{lang}.md").write_text(
            f"# Sida\n\nText.\n\n{RAW_HTML_PAGES[variant]}\n", encoding="utf-8")
    result = check(content)
    no_traceback(result)
    if result.exit_code == 1:
        assert errors_at(result.output, content, "pages/rahtml.sv.md") or errors_at(result.output, content, "pages/rahtml.en.md"), result.output
        assert_build_rejects(content, tmp_path / "out")
        return
    run = build_process(content, tmp_path / "out")
    assert run.returncode == 0, run.output[-3000:]
    audit = audit_site(tmp_path / "out" / "site", *builds.theme_scripts())
    assert audit.findings == [], "\n".join(audit.findings[:40])


# -- 3. Files published that should not be ------------------------------------------------------

FORBIDDEN_MATERIALS = {
    "html": "modules/grunddag/x.html",
    "htm": "modules/grunddag/x.htm",
    "svg": "modules/grunddag/x.svg",
    "js": "modules/grunddag/x.js",
    "xhtml": "modules/grunddag/x.xhtml",
    "xml": "modules/grunddag/x.xml",
    "upper-case-html": "modules/grunddag/X.HTML",
    "double-extension": "modules/grunddag/x.pdf.html",
    "no-extension": "modules/grunddag/README",
    "sessions-yaml": "sessions.yaml",
    "site-yaml": "site.yaml",
    "module-yaml": "modules/frukost.yaml",
    "per-language-svg": "{sv: modules/grunddag/x.svg, en: modules/grunddag/mall.en.txt}",
}
SCRIPT_FILE = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n"


@pytest.mark.parametrize("variant", sorted(FORBIDDEN_MATERIALS))
def test_files_published_that_should_not_be(variant: str, tmp_path: Path) -> None:
    """A material that a browser would run, or a content file, is not published: check names the material's line."""
    content = copy_fixture(tmp_path)
    declared = FORBIDDEN_MATERIALS[variant]
    for path in re.findall(r"modules/grunddag/[^,}\s]+", declared):
        if not (content / path).exists():
            (content / path).write_text(SCRIPT_FILE, encoding="utf-8")
    line = append_material(content, declared)
    assert_check_rejects(content, "modules/grunddag.yaml", {line})
    assert_build_rejects(content, tmp_path / "out")


def test_files_published_that_should_not_be_svg_slide_image(tmp_path: Path) -> None:
    """A slide image is published too: an SVG with a script is refused at the image's line."""
    content = copy_fixture(tmp_path)
    (content / "modules" / "grunddag" / "bild.svg").write_text(SCRIPT_FILE, encoding="utf-8")
    replace_line(content / "modules" / "grunddag.yaml", SLIDE_IMAGE_LINE, "    image: modules/grunddag/bild.svg")
    assert_check_rejects(content, "modules/grunddag.yaml", {SLIDE_IMAGE_LINE})
    assert_build_rejects(content, tmp_path / "out")


def minimal_zip(path: Path, members: dict[str, str], mimetype: str | None = None) -> None:
    with zipfile.ZipFile(path, "w") as package:
        if mimetype:
            package.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        for name, text in members.items():
            package.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)


def write_allowed_materials(folder: Path) -> list[str]:
    """One real file of each allowed type; their names."""
    from PIL import Image

    Image.new("RGB", (20, 20), "white").save(folder / "tillatet.pdf", "PDF")
    Image.new("RGB", (20, 20), "blue").save(folder / "tillatet.jpg", "JPEG")
    Image.new("RGB", (20, 20), "green").save(folder / "tillatet.png", "PNG")
    shutil.copyfile(DECK_TEMPLATE, folder / "tillatet.pptx")
    (folder / "tillatet.txt").write_text("Text.\n", encoding="utf-8")
    (folder / "tillatet.md").write_text("# Rubrik\n\nText.\n", encoding="utf-8")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{}"/>'
            '</Relationships>')
    minimal_zip(folder / "tillatet.docx", {
        "[Content_Types].xml": ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                                '<Default Extension="xml" ContentType="application/xml"/>'
                                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": rels.format("word/document.xml"),
        "word/document.xml": ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                              '<w:body><w:p><w:r><w:t>Text</w:t></w:r></w:p></w:body></w:document>'),
    })
    minimal_zip(folder / "tillatet.xlsx", {
        "[Content_Types].xml": ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                                '<Default Extension="xml" ContentType="application/xml"/>'
                                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": rels.format("xl/workbook.xml"),
        "xl/workbook.xml": ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'),
    })
    minimal_zip(folder / "tillatet.odt", {
        "META-INF/manifest.xml": ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                                  '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                                  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
        "content.xml": ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>'
                        '<text:p>Text</text:p></office:text></office:body></office:document-content>'),
    }, mimetype="application/vnd.oasis.opendocument.text")
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("tillatet."))


def test_files_published_that_should_not_be_allowed_types_pass(tmp_path: Path) -> None:
    """The safe types (.pdf .docx .pptx .xlsx .odt .png .jpg .txt .md) pass check and are published."""
    content = copy_fixture(tmp_path)
    names = write_allowed_materials(content / "modules" / "grunddag")
    for name in names:
        append_material(content, f"modules/grunddag/{name}")
    result = check(content)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    run = build_process(content, tmp_path / "out")
    assert run.returncode == 0, run.output[-3000:]
    published = {p.name for p in (tmp_path / "out" / "site" / "materials" / "grunddag").iterdir()}
    assert set(names) - {"tillatet.md"} <= published


@pytest.mark.parametrize("secret", INTERNAL_SECRETS)
def test_files_published_that_should_not_be_internal_notes(secret: str, builds: Builds) -> None:
    """A session's internal: text is in no file of the output: pages, search index, feeds, decks (unzipped), caches."""
    attacked_site(builds)
    assert secret in (builds.content / "sessions.yaml").read_text(encoding="utf-8")
    assert files_containing(builds.out, secret) == []


# -- 4. Outside the folders ---------------------------------------------------------------------

def image_paths(content: Path) -> dict[str, str]:
    here = content.parent
    deep = "modules/grunddag/" + "../" * 5 + f"{here.parent.name}/{here.name}/content/modules/grunddag/arbetsplats.png"
    to_root = "modules/grunddag/" + "../" * 40 + str(content).lstrip("/") + "/modules/grunddag/arbetsplats.png"
    return {
        "dot-dot-inside": "modules/../modules/grunddag/arbetsplats.png",
        "dot-slash": "./modules/grunddag/arbetsplats.png",
        "out-and-back-by-name": "modules/grunddag/../../../content/modules/grunddag/arbetsplats.png",
        "out-and-back-past-out": deep,
        "out-and-back-from-root": to_root,
        "absolute": str(content / "modules" / "grunddag" / "arbetsplats.png"),
        "backslashes": "modules\\\\grunddag\\\\arbetsplats.png",
        "windows-dot-dot": "modules\\\\..\\\\modules\\\\grunddag\\\\arbetsplats.png",
    }


@pytest.mark.parametrize("variant", ["dot-dot-inside", "dot-slash", "out-and-back-by-name", "out-and-back-past-out",
                                     "out-and-back-from-root", "absolute", "backslashes", "windows-dot-dot"])
def test_outside_the_folders_slide_image_paths(variant: str, tmp_path: Path) -> None:
    """An image path with '..', './', '\\' or '/' is rejected or normalised; the build writes only below --out."""
    content = copy_fixture(tmp_path)
    path = image_paths(content)[variant]
    replace_line(content / "modules" / "grunddag.yaml", SLIDE_IMAGE_LINE, f'    image: "{path}"')
    out = tmp_path / "out"
    before = tree_state(tmp_path, skip=(out,))
    result = check(content)
    no_traceback(result)
    short_lines(result.output, content)
    if result.exit_code == 1:
        assert errors_at(result.output, content, "modules/grunddag.yaml").get(SLIDE_IMAGE_LINE), result.output
        assert_build_rejects(content, out)
    else:
        assert variant in ("dot-dot-inside", "dot-slash", "out-and-back-by-name", "out-and-back-past-out",
                           "out-and-back-from-root"), f"check passed {path!r}"
        run = build_process(content, out)
        assert run.returncode == 0, run.output[-3000:]
    after = tree_state(tmp_path, skip=(out,))
    assert after == before, f"written outside --out: {sorted(set(after) ^ set(before))}"


CANARY_TEXT = "UTANFOR-KANARIE-7731"


def outside_folder(tmp_path: Path) -> Path:
    """A folder next to content/ holding a valid module, an image, texts and pages with a canary."""
    outside = tmp_path / "outside"
    outside.mkdir()
    module = (FIXTURE / "modules" / "frukost.yaml").read_text(encoding="utf-8")
    (outside / "secret.yaml").write_text(module.replace("Frukostmöte för chefer", CANARY_TEXT), encoding="utf-8")
    shutil.copyfile(FIXTURE / "modules" / "grunddag" / "arbetsplats.png", outside / "bild.png")
    (outside / "secret.txt").write_text(f"{CANARY_TEXT}\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"# {CANARY_TEXT}\n\n{CANARY_TEXT}\n", encoding="utf-8")
    sessions = (FIXTURE / "sessions.yaml").read_text(encoding="utf-8")
    (outside / "sessions.yaml").write_text(sessions.replace("Stadsbiblioteket", CANARY_TEXT), encoding="utf-8")
    return outside


SYMLINK_VARIANTS = ("module-to-etc-passwd", "module-to-outside-module", "modules-dir-to-outside",
                    "material-to-outside", "page-to-outside", "sessions-to-outside")


@pytest.mark.parametrize("variant", SYMLINK_VARIANTS)
def test_outside_the_folders_symlinks(variant: str, tmp_path: Path) -> None:
    """A link that leads out of content/ is refused by name; nothing behind it reaches the output or the messages."""
    content = copy_fixture(tmp_path)
    outside = outside_folder(tmp_path)
    secrets: tuple[str, ...] = (CANARY_TEXT,)
    if variant == "module-to-etc-passwd":
        link, name = content / "modules" / "passwd.yaml", "modules/passwd.yaml"
        link.symlink_to("/etc/passwd")
        secrets = ("root:x:0:0", "/bin/", "nologin")
    elif variant == "module-to-outside-module":
        link, name = content / "modules" / "hemlig.yaml", "modules/hemlig.yaml"
        link.symlink_to(outside / "secret.yaml")
    elif variant == "modules-dir-to-outside":
        link, name = content / "modules" / "x", "modules/x"
        link.symlink_to(outside, target_is_directory=True)
        replace_line(content / "modules" / "grunddag.yaml", SLIDE_IMAGE_LINE, "    image: modules/x/bild.png")
        append_material(content, "modules/x/secret.txt")
    elif variant == "material-to-outside":
        link, name = content / "modules" / "grunddag" / "mall.sv.txt", "modules/grunddag/mall.sv.txt"
        link.unlink()
        link.symlink_to(outside / "secret.txt")
    elif variant == "page-to-outside":
        link, name = content / "pages" / "hemlig.md", "pages/hemlig.md"
        link.symlink_to(outside / "secret.md")
    else:
        link, name = content / "sessions.yaml", "sessions.yaml"
        link.unlink()
        link.symlink_to(outside / "sessions.yaml")
    out = tmp_path / "out"
    before = tree_state(tmp_path, skip=(out,))
    assert_check_names(content, name, secrets=secrets)
    assert_build_rejects(content, out, secrets=secrets)
    for secret in secrets:
        assert files_containing(out, secret) == []
    assert tree_state(tmp_path, skip=(out,)) == before


# -- 5. check passes what build rejects ---------------------------------------------------------

PAGE_NAMES = ("sitemap.xml.md", "en.sv.md", "sessions.sv.md", "calendar.md", "search.md", "assets/x.md",
              "404.md", "index.sv.md", "modules/grunddag.md", "decks.md", "media/x.md", "materials/x.md")
FRONT_MATTER = {
    "not-a-mapping": ("---\n- a\n- b\n---\n# Om\n", {1, 2}),
    "syntax-error": ("---\ntitle: a: b\n---\n# Om\n", {2}),
    "template-outside": ("---\ntemplate: ../../x.html\n---\n# Om\n", {2}),
    "template-main": ("---\ntemplate: main.html\n---\n# Om\n", {2}),
    "unknown-key": ("---\ntitle: Om\nhooks: [x.py]\n---\n# Om\n", {3}),
}
FAKE_IMAGES = {
    "png-with-text": ("fake.png", b"this is not a picture\n"),
    "empty-png": ("empty.png", b""),
    "jpg-that-is-a-pdf": ("fake.jpg", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    "png-header-only": ("trunc.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
}
MUNICIPALITY_TWINS = {
    "case": ("halmstad", {5}),
    "accents": ("Angelholm", {14}),
}


def deck_template(kind: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "text":
        path.write_text("not a presentation\n", encoding="utf-8")
    elif kind == "zip-not-pptx":
        minimal_zip(path, {"readme.txt": "hello"})
    elif kind == "default-layouts":
        from pptx import Presentation

        Presentation().save(path)
    else:  # our template with its 'exercise' layout renamed
        with zipfile.ZipFile(DECK_TEMPLATE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename.startswith("ppt/slideLayouts/") and item.filename.endswith(".xml"):
                    data = data.replace(b'<p:cSld name="exercise"', b'<p:cSld name="ovning"')
                target.writestr(item, data)


CHECK_VS_BUILD = (
    [("session-id", v) for v in ("online", "kind", "municipality")]
    + [("page-name", v) for v in PAGE_NAMES]
    + [("front-matter", v) for v in FRONT_MATTER]
    + [("slide-image", v) for v in FAKE_IMAGES]
    + [("municipality", v) for v in MUNICIPALITY_TWINS]
    + [("deck-template", v) for v in ("text", "zip-not-pptx", "default-layouts", "layout-missing")]
)


@pytest.mark.parametrize("kind,variant", CHECK_VS_BUILD, ids=[f"{k}-{v}" for k, v in CHECK_VS_BUILD])
def test_check_passes_what_build_rejects(kind: str, variant: str, tmp_path: Path) -> None:
    """Whatever build would refuse, check refuses first, at the right file and line; then build refuses it too."""
    content = copy_fixture(tmp_path)
    if kind == "session-id":
        replace_line(content / "sessions.yaml", FIRST_SESSION_ID_LINE, f"  - id: {variant}")
        file, lines = "sessions.yaml", {FIRST_SESSION_ID_LINE}
    elif kind == "page-name":
        page = content / "pages" / variant
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# Sida\n\nText.\n", encoding="utf-8")
        file, lines = f"pages/{variant}", {1}
    elif kind == "front-matter":
        text, lines = FRONT_MATTER[variant]
        (content / "pages" / "om-programmet.sv.md").write_text(text + "\nText.\n", encoding="utf-8")
        file = "pages/om-programmet.sv.md"
    elif kind == "slide-image":
        name, data = FAKE_IMAGES[variant]
        (content / "modules" / "grunddag" / name).write_bytes(data)
        replace_line(content / "modules" / "grunddag.yaml", SLIDE_IMAGE_LINE, f"    image: modules/grunddag/{name}")
        file, lines = "modules/grunddag.yaml", {SLIDE_IMAGE_LINE}
    elif kind == "municipality":
        twin, first = MUNICIPALITY_TWINS[variant]
        insert_after(content / "sessions.yaml", 14,
                     f"  tvilling:\n    name: Tvilling\n    address: Storgatan 2\n    municipality: {twin}")
        file, lines = "sessions.yaml", first | {18}
    else:
        deck_template(variant, content / "templates" / "deck.pptx")
        file, lines = "templates/deck.pptx", {1}
    assert_check_rejects(content, file, lines)
    assert_build_rejects(content, tmp_path / "out")


# -- 6. Raw control characters and huge values ----------------------------------------------------

def control_variants(content: Path) -> dict[str, tuple[str, int, str]]:
    """variant -> (file, line, the line's new text)."""
    huge = "A" * 100_000
    return {
        "bel-in-quoted-title": ("modules/frukost.yaml", 2, 'title: {sv: "Frukost\x07möte", en: Breakfast meeting}'),
        "escape-in-venue-name": ("sessions.yaml", 3, '    name: "Stads\x1b[31mbiblioteket"'),
        "del-in-objective": ("modules/grunddag.yaml", 17, "  - {sv: Du vet vad\x7f en handledare gör., en: You know what a supervisor does.}"),
        "nul-in-tagline": ("site.yaml", 8, "  sv: Vi utbildar\x00 handledare."),
        "escape-in-block-scalar": ("site.yaml", 12, "    Programmet är för dig \x1b[2J som tar emot någon."),
        "huge-title-bad-char": ("modules/frukost.yaml", 2, f'title: {{sv: "{huge}\x07", en: Breakfast meeting}}'),
        "huge-module-id": ("sessions.yaml", FIRST_SESSION_MODULE_LINE, "    module: " + "grunddag" * 1250),
        "huge-url": ("sessions.yaml", REGISTRATION_URL_LINE,
                     f'    registration: {{url: "https://example.org/{huge}\\"x", deadline: 2027-03-22}}'),
        "huge-date": ("sessions.yaml", FIRST_SESSION_DATE_LINE, "    date: " + "2027" * 2500),
        "huge-unknown-key": ("site.yaml", 4, f"timezone: Europe/Stockholm\n{'k' * 5000}: 1"),
        "long-unknown-key": ("site.yaml", 4, f"timezone: Europe/Stockholm\n{'k' * 1000}: 1"),
        "long-trainer-id": ("sessions.yaml", 30, "    trainers: [anna, " + "b" * 3000 + "]"),
    }


@pytest.mark.parametrize("variant", ["bel-in-quoted-title", "escape-in-venue-name", "del-in-objective", "nul-in-tagline",
                                     "escape-in-block-scalar", "huge-title-bad-char", "huge-module-id", "huge-url",
                                     "huge-date", "huge-unknown-key", "long-unknown-key", "long-trainer-id"])
def test_control_characters_and_huge_values(variant: str, tmp_path: Path) -> None:
    """A control character is reported on its own line; a huge value is never echoed whole."""
    content = copy_fixture(tmp_path)
    file, line, new = control_variants(content)[variant]
    replace_line(content / file, line, new)
    if variant in ("huge-unknown-key", "long-unknown-key"):
        line += 1
    errors = assert_check_rejects(content, file, {line})
    result = check(content)  # all of it, not only the lines at the defect
    for run in re.findall(r"(.)\1{%d,}" % (LONG_ECHO - 1), new):
        assert run * LONG_ECHO not in result.output
    for piece in re.findall(r"(?:grunddag){11,}|(?:2027){21,}", new):
        assert piece not in result.output
    assert all("\x07" not in e and "\x1b" not in e and "\x00" not in e and "\x7f" not in e for e in errors), \
        "a control character was echoed into the terminal"
    assert_build_rejects(content, tmp_path / "out")


# -- 7. Resources -------------------------------------------------------------------------------

CHECK_MEMORY_KB = 500 * 1024
SAFETY_ADDRESS_SPACE = 6 * 1024 ** 3  # a runaway parser hits this, not the machine


def laughs(levels: int = 9) -> tuple[str, str]:
    """Anchors for a billion laughs (as YAML lines indented by two) and the last anchor's name."""
    names = "abcdefghijklmnop"[:levels]
    lines = ['  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip(names, names[1:]):
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines), names[-1]


def plant_bomb(content: Path, variant: str) -> tuple[str, bool]:
    """(file, is_alias_bomb) after planting ``variant``."""
    anchors, last = laughs()
    if variant == "laughs-sessions":
        path = content / "sessions.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(f"x-lol:\n{anchors}\n" + text.replace("    trainers: [anna, bo]\n",
                                                              f"    trainers: *{last}\n", 1), encoding="utf-8")
        return "sessions.yaml", True
    if variant == "laughs-module":
        path = content / "modules" / "frukost.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("objectives:\n  - {sv: Du vet vad det innebär., en: You know what it involves.}",
                                     f"x-lol:\n{anchors}\nobjectives: *{last}"), encoding="utf-8")
        return "modules/frukost.yaml", True
    if variant == "laughs-localized":
        path = content / "modules" / "frukost.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(f"x-lol:\n{anchors}\n" + text.replace(
            'summary: {sv: "Varför öppna arbetsplatsen?", en: "Why open your workplace?"}',
            f"summary: {{sv: *{last}, en: *{last}}}"), encoding="utf-8")
        return "modules/frukost.yaml", True
    if variant == "recursive-sessions":
        path = content / "sessions.yaml"
        path.write_text("x-loop: &loop [*loop]\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        return "sessions.yaml", False
    if variant == "recursive-module":
        path = content / "modules" / "frukost.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("objectives:\n  - {sv: Du vet vad det innebär., en: You know what it involves.}",
                                     "objectives: &o [*o]"), encoding="utf-8")
        return "modules/frukost.yaml", False
    path = content / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("languages: [sv, en]", "languages: &l [sv, *l]"),
                    encoding="utf-8")
    return "site.yaml", False


BOMBS = ("laughs-sessions", "laughs-module", "laughs-localized", "recursive-sessions", "recursive-module",
         "recursive-site")
MODES = {"check": ("check",), "check-translations": ("check", "--translations"), "build": ("build",)}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("variant", BOMBS)
def test_resources_alias_bombs(variant: str, mode: str, tmp_path: Path) -> None:
    """An alias bomb or a recursive alias ends in one clear error, quickly and in little memory."""
    content = copy_fixture(tmp_path)
    file, bomb = plant_bomb(content, variant)
    args = [*MODES[mode], "--content", str(content)] + (["--out", str(tmp_path / "out")] if mode == "build" else [])
    run = run_measured(coursegen_command(*args), timeout=60, address_space=SAFETY_ADDRESS_SPACE)
    assert not run.timed_out, f"coursegen {mode} did not finish within 60 s"
    assert "Traceback" not in run.output, run.output[-3000:]
    assert "MemoryError" not in run.output and "RecursionError" not in run.output, run.output[-3000:]
    assert run.returncode == 1, run.output[-3000:]
    assert run.peak_kb < CHECK_MEMORY_KB, f"peak memory {run.peak_kb // 1024} MB"
    short_lines(run.output, content)
    lines = [line for line in run.output.splitlines() if line.startswith(f"{content}/{file}:")]
    assert lines, run.output[-3000:]
    if bomb:
        assert any("alias" in line.lower() for line in lines), run.output[-3000:]
    if mode == "build":
        assert not (tmp_path / "out" / "site").exists()


SPARSE_VARIANTS = {
    "300MB-in-module-folder": ("modules/grunddag/video.mp4", 300 * 1024 ** 2),
    "1GB-at-top": ("stor.bin", 1024 ** 3),
}
EXTRA_BUILD_MEMORY_KB = 400 * 1024


@pytest.fixture(scope="module")
def build_peak_without_big_file(tmp_path_factory: pytest.TempPathFactory) -> int:
    root = tmp_path_factory.mktemp("peak")
    run = build_process(copy_fixture(root), root / "out")
    assert run.returncode == 0, run.output[-3000:]
    return run.peak_kb


@pytest.mark.parametrize("variant", sorted(SPARSE_VARIANTS))
def test_resources_unreferenced_big_file_is_not_read(variant: str, tmp_path: Path, build_peak_without_big_file: int) -> None:
    """A huge file nobody references is not read whole: the build's peak memory barely moves."""
    content = copy_fixture(tmp_path)
    name, size = SPARSE_VARIANTS[variant]
    with (content / name).open("wb") as handle:
        handle.truncate(size)  # sparse: costs no disk
    run = build_process(content, tmp_path / "out")
    assert run.returncode == 0, run.output[-3000:]
    extra = run.peak_kb - build_peak_without_big_file
    assert extra < EXTRA_BUILD_MEMORY_KB, f"the build took {extra // 1024} MB more with a {size >> 20} MB file beside it"
    assert not list((tmp_path / "out" / "site").rglob(Path(name).name))


# -- 8. Two builds into one folder ----------------------------------------------------------------

@pytest.mark.parametrize("rounds", [2])
def test_two_builds_at_the_same_time(rounds: int, tmp_path: Path) -> None:
    """Two builds into the same --out: both succeed (or one waits, or says which process holds the lock),
    the site is complete and no staging folder is left behind."""
    content = copy_fixture(tmp_path)
    reference = build_process(content, tmp_path / "reference")
    assert reference.returncode == 0, reference.output[-3000:]
    expected = {str(p.relative_to(tmp_path / "reference" / "site")) for p in (tmp_path / "reference" / "site").rglob("*")
                if p.is_file() and p.name not in ("sitemap.xml", "sitemap.xml.gz")}
    out = tmp_path / "out"
    for _ in range(rounds):
        first, second = start_build(content, out, "--force"), start_build(content, out, "--force")
        runs = {process.pid: finish(process) for process in (first, second)}
        for pid, run in runs.items():
            assert not run.timed_out
            assert "Traceback" not in run.output, run.output[-3000:]
            if run.returncode != 0:
                other = next(p for p in runs if p != pid)
                assert str(other) in run.output or "lock" in run.output.lower(), \
                    f"a concurrent build failed without saying why:\n{run.output[-3000:]}"
        assert any(run.returncode == 0 for run in runs.values())
        built = {str(p.relative_to(out / "site")) for p in (out / "site").rglob("*") if p.is_file()}
        assert expected - built == set(), f"missing from the site: {sorted(expected - built)[:20]}"
        assert (out / "site" / "index.html").is_file() and (out / "site" / "en" / "index.html").is_file()
        leftovers = [p.name for p in out.iterdir() if p.name.startswith((".site-staging-", ".site-retired-"))]
        assert leftovers == []


# -- 9. Feeds carry no raw HTML ------------------------------------------------------------------

FEED_ATTACKS = {
    "module-title": ("modules/grunddag.yaml", 2, 'title: {sv: "<b>Grund</b>dag", en: "<b>Basic</b> day"}'),
    "venue-name": ("sessions.yaml", 3, '    name: "<img src=x onerror=alert(1)>"'),
    "venue-address": ("sessions.yaml", 4, '    address: "Gatan 2 <script>alert(1)</script>"'),
    "trainer-name": ("sessions.yaml", 17, '    name: "<i>Anna</i> Exempel"'),
    "module-summary": ("modules/grunddag.yaml", 3, 'summary: {sv: "<b>Fet</b> <a href=javascript:alert(1)>x</a>", en: "<i>Sum</i>"}'),
    "session-note": ("sessions.yaml", 56, '      sv: "<b>egen</b> <img src=x onerror=alert(1)>"'),
}
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


@pytest.mark.parametrize("variant", sorted(FEED_ATTACKS))
def test_feeds_carry_no_raw_html(variant: str, tmp_path: Path) -> None:
    """Markup in a title, name, address or note never reaches an .ics file as markup."""
    content = copy_fixture(tmp_path)
    file, line, new = FEED_ATTACKS[variant]
    replace_line(content / file, line, new)
    result = check(content)
    no_traceback(result)
    if result.exit_code == 1:  # rejected: at the line, and build refuses too
        assert errors_at(result.output, content, file).get(line), result.output
        assert_build_rejects(content, tmp_path / "out")
        return
    run = build_process(content, tmp_path / "out")
    assert run.returncode == 0, run.output[-3000:]
    feeds = [(name, text) for name, text in every_text(tmp_path / "out" / "site") if name.endswith(".ics")]
    assert feeds, "no feeds were built"
    tagged = [(name, text[max(0, m.start() - 40):m.end() + 40]) for name, text in feeds for m in TAG.finditer(text)]
    assert tagged == [], tagged[:10]
