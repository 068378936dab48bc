"""Live preview: serve build/site/, rebuild when content/ changes, reload the open page.

The server injects a small script into HTML responses (never into the built files) that
polls ``/__preview__/status`` and reloads the page when a newer build is ready. When a
rebuild fails (errors in the content, or any other failure: the build's own, the disk's,
a bug) the previous site keeps being served, the failure is printed, and the page shows
it in a box at the top. The watcher keeps going: the next good save rebuilds.

The server listens on 127.0.0.1 only and serves only regular files inside the built site
folder, after resolving symbolic links; a malformed request path gets 400, a path that
names nothing in the site 404, and a directory without ``index.html`` 404 (no listings).
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import re
import shutil
import socket
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import quote, unquote_to_bytes

from .errors import BuildError, ContentErrors
from .pipeline import build

HOST = "127.0.0.1"  # never another interface: the preview is for the editor's own browser
STATUS_PATH = "/__preview__/status"
POLL_SECONDS = 0.2
DEBUG_VARIABLE = "COURSEGEN_DEBUG"  # set (not 0): a failed rebuild also prints its traceback
MAX_PATH_CHARS = 2048  # no file in a built site has a longer address
NAME_MAX_BYTES = 255  # Linux's longest file name
ERRORS_BOX_ID = "coursegen-preview-errors"
ERRORS_BOX_STYLE = (
    "position:fixed;top:0;left:0;right:0;z-index:9999;background:#fff;color:#8a1c1c;"
    "border-bottom:4px solid #8a1c1c;padding:1em;font:14px/1.4 monospace;white-space:pre-wrap;"
    "max-height:50vh;overflow:auto"
)
CONTENT_ERRORS_HEADLINE = (
    "coursegen: innehållet har fel; sidan visar det senaste bygget som lyckades.\n"
    "coursegen: the content has errors; showing the last good build."
)
BUILD_FAILED_HEADLINE = (
    "coursegen: bygget misslyckades; sidan visar det senaste bygget som lyckades.\n"
    "coursegen: the build failed; showing the last good build."
)
NOT_FOUND_TEXT = "Det finns ingen sådan sida i förhandsvisningen. / There is no such page in the preview."
BAD_REQUEST_TEXT = "Adressen är felaktig. / The address is malformed."
CONTENT_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".woff2": "font/woff2",
                 ".webmanifest": "application/manifest+json", ".ics": "text/calendar"}
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function show(s) {
    var box = document.getElementById("%(id)s");
    if (!s.errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "%(id)s";
      box.setAttribute("role", "alert");
      box.style.cssText = "%(style)s";
      document.body.prepend(box);
    }
    box.textContent = s.headline + "\\n\\n" + s.errors.join("\\n");
  }
  function poll() {
    fetch("%(status)s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      show(s);
    }).catch(function () {}).finally(function () { setTimeout(poll, 250); });
  }
  poll();
})();
</script>""" % {"id": ERRORS_BOX_ID, "style": ERRORS_BOX_STYLE, "status": STATUS_PATH}


@dataclass
class PreviewState:
    """What the browser polls: a build counter, the current errors and their headline."""

    version: int = 0
    errors: list[str] = field(default_factory=list)
    headline: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def snapshot(self) -> tuple[int, list[str], str]:
        with self.lock:
            return self.version, list(self.errors), self.headline

    def as_json(self) -> bytes:
        version, errors, headline = self.snapshot()
        return json.dumps({"version": version, "errors": errors, "headline": headline}).encode("utf-8")

    def succeeded(self) -> None:
        with self.lock:
            self.version += 1
            self.errors = []
            self.headline = ""

    def failed(self, headline: str, errors: list[str]) -> None:
        with self.lock:
            self.errors = errors
            self.headline = headline


def errors_box(headline: str, errors: list[str]) -> str:
    """The box the reload script keeps up to date, as HTML; every text in it escaped."""
    text = html.escape(headline + "\n\n" + "\n".join(errors))
    return f'<div id="{ERRORS_BOX_ID}" role="alert" style="{ERRORS_BOX_STYLE}">{text}</div>'


def describe_failure(exc: BaseException) -> str:
    """A rebuild's failure in words: a BuildError says what to do; anything else is named."""
    text = str(exc).strip()
    if isinstance(exc, BuildError):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def one_line(text: str) -> str:
    return " ".join(text.split())


def debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def content_fingerprint(content_dir: Path) -> tuple:
    """Names, sizes and modification times of every file under the content folder."""
    entries = []
    for root, dirs, files in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            try:
                stat = path.stat()
            except OSError:  # removed or unreadable since the walk listed it
                continue
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


class Refused(Exception):
    """A request the preview answers with an error status instead of a file."""

    def __init__(self, status: HTTPStatus):
        super().__init__(status.phrase)
        self.status = status


@dataclass(frozen=True)
class RequestPath:
    """A request's path, decoded and checked: the names below the site folder."""

    names: tuple[str, ...]
    trailing_slash: bool
    query: str


def parse_request_path(target: str) -> RequestPath:
    """Decode a request target strictly; :class:`Refused` (400 or 404) for anything malformed.

    400: not starting with '/', a '%' without two hex digits, bytes that are not UTF-8,
    control characters (NUL among them), backslashes, or a '..' segment (also encoded).
    404: longer than any address in a site can be.
    """
    path, _, query = target.partition("?")
    path = path.partition("#")[0]
    if not path.startswith("/"):
        raise Refused(HTTPStatus.BAD_REQUEST)
    if len(path) > MAX_PATH_CHARS:
        raise Refused(HTTPStatus.NOT_FOUND)
    if BAD_PERCENT.search(path):
        raise Refused(HTTPStatus.BAD_REQUEST)
    try:
        # http.server decodes the request line as Latin-1: back to the bytes that were sent.
        text = unquote_to_bytes(path.encode("latin-1")).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise Refused(HTTPStatus.BAD_REQUEST) from None
    if "\\" in text or any(ord(character) < 0x20 or ord(character) == 0x7F for character in text):
        raise Refused(HTTPStatus.BAD_REQUEST)
    names = tuple(name for name in text.split("/") if name not in ("", "."))
    if ".." in names:
        raise Refused(HTTPStatus.BAD_REQUEST)
    if any(len(name.encode("utf-8")) > NAME_MAX_BYTES for name in names):
        raise Refused(HTTPStatus.NOT_FOUND)
    return RequestPath(names, text.endswith("/"), query)


def inside(path: Path, root: Path) -> Path:
    """``path`` with every symbolic link resolved, if it exists and is inside ``root``; else 404."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, a loop, a name the OS rejects
        raise Refused(HTTPStatus.NOT_FOUND) from None
    if not resolved.is_relative_to(root):
        raise Refused(HTTPStatus.NOT_FOUND)
    return resolved


def locate(site_dir: Path, request: RequestPath) -> Path | str:
    """The site file a request names, or the address to redirect to (a directory without
    its trailing slash); :class:`Refused` with 404 for anything else."""
    try:
        root = site_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        raise Refused(HTTPStatus.NOT_FOUND) from None
    target = inside(root.joinpath(*request.names), root)
    if target.is_dir():
        if request.names and not request.trailing_slash:
            location = "/" + "/".join(quote(name) for name in request.names) + "/"
            return location + ("?" + request.query if request.query else "")
        target = inside(target / "index.html", root)
    elif request.trailing_slash:
        raise Refused(HTTPStatus.NOT_FOUND)  # a file named like a folder
    if not target.is_file():
        raise Refused(HTTPStatus.NOT_FOUND)
    return target


class PreviewServer(ThreadingHTTPServer):
    """The standard threading server, listening on 127.0.0.1 only; it never prints a traceback."""

    daemon_threads = True

    def __init__(self, port: int, handler, log: Callable[[str], None]):
        self.log = log
        super().__init__((HOST, port), handler)

    def handle_error(self, request, client_address) -> None:
        """Whatever a handler let through: one line, not the standard traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, socket.timeout)):
            return  # the browser went away
        say(self.log, f"preview server: {one_line(describe_failure(exc))}")


def say(log: Callable[[str], None], line: str) -> None:
    """Log a line; a failing log (a closed terminal) must not stop the preview."""
    try:
        log(line)
    except Exception:  # noqa: BLE001
        pass


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves the current build/site/ and the status endpoint; injects the reload script."""

    server_version = "coursegen-preview"

    def __init__(self, *args, site_dir: Path, state: PreviewState, **kwargs):
        self.site_dir = Path(site_dir)
        self.state = state
        self.headers_sent = False
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # keep the terminal for build messages
        pass

    def do_GET(self) -> None:
        self.answer(with_body=True)

    def do_HEAD(self) -> None:
        self.answer(with_body=False)

    def answer(self, with_body: bool) -> None:
        try:
            self.respond(with_body)
        except Refused as refused:
            self.refuse(refused.status)
        except (ConnectionError, socket.timeout):
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001 - an answer for every request, whatever went wrong
            say(self.server.log, f"preview server: {self.command} {self.path[:200]!r}: {one_line(describe_failure(exc))}")
            if self.headers_sent:
                self.close_connection = True
            else:
                self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR)

    def respond(self, with_body: bool) -> None:
        request = parse_request_path(self.path)
        if "/" + "/".join(request.names) == STATUS_PATH:
            self.send_bytes(self.state.as_json(), "application/json", with_body)
            return
        try:
            found = locate(self.site_dir, request)
        except Refused:
            if not request.names or request.names == ("index.html",):
                _, errors, headline = self.state.snapshot()
                if errors:  # no site to show yet: the errors are the page
                    self.send_bytes(self.errors_page(headline, errors), "text/html; charset=utf-8", with_body)
                    return
            raise
        if isinstance(found, str):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", found)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.headers_sent = True
            return
        self.send_file(found, with_body)

    def send_file(self, path: Path, with_body: bool) -> None:
        # O_NOFOLLOW: the file checked above, not a link put in its place since.
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            raise Refused(HTTPStatus.NOT_FOUND) from None
        with os.fdopen(descriptor, "rb") as file:
            if path.suffix == ".html":
                self.send_page(file.read(), with_body)
                return
            size = os.fstat(file.fileno()).st_size
            self.send_head(HTTPStatus.OK, content_type(path), size)
            if with_body:
                shutil.copyfileobj(file, self.wfile)

    def send_page(self, body: bytes, with_body: bool) -> None:
        try:
            page = body.decode("utf-8")
        except UnicodeDecodeError:
            self.send_bytes(body, "text/html", with_body)
            return
        _, errors, headline = self.state.snapshot()
        extra = (errors_box(headline, errors) if errors else "") + RELOAD_SCRIPT
        page = page.replace("</body>", extra + "</body>", 1) if "</body>" in page else page + extra
        self.send_bytes(page.encode("utf-8"), "text/html; charset=utf-8", with_body)

    def errors_page(self, headline: str, errors: list[str]) -> bytes:
        return ("<!doctype html><html lang=sv><meta charset=utf-8><title>coursegen</title><body>%s%s</body></html>"
                % (errors_box(headline, errors), RELOAD_SCRIPT)).encode("utf-8")

    def refuse(self, status: HTTPStatus) -> None:
        if self.headers_sent:
            self.close_connection = True
            return
        explain = BAD_REQUEST_TEXT if status == HTTPStatus.BAD_REQUEST else NOT_FOUND_TEXT
        self.send_error(status, explain=explain)
        self.headers_sent = True

    def send_head(self, status: HTTPStatus, content_type: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.headers_sent = True

    def send_bytes(self, body: bytes, content_type: str, with_body: bool = True) -> None:
        self.send_head(HTTPStatus.OK, content_type, len(body))
        if with_body:
            self.wfile.write(body)


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    return known or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class Preview:
    """Builds once, serves, and rebuilds on every change until stopped; no failure stops it."""

    def __init__(
        self,
        content_dir: Path,
        out_dir: Path,
        port: int = 8000,
        log: Callable[[str], None] = print,
    ):
        self.content_dir = Path(content_dir)
        self.out_dir = Path(out_dir)
        self.state = PreviewState()
        self.log = log
        self.stopped = threading.Event()
        self.watcher: threading.Thread | None = None
        self.out_dir.mkdir(parents=True, exist_ok=True)
        handler = partial(PreviewHandler, site_dir=self.out_dir / "site", state=self.state)
        self.server = PreviewServer(port, handler, log=lambda line: say(self.log, line))

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def rebuild(self) -> None:
        """Build once; whatever fails is logged, shown on the page, and not raised."""
        started = time.perf_counter()
        try:
            build(self.content_dir, self.out_dir, log=lambda message: None)
        except ContentErrors as errors:
            lines = [str(e) for e in errors.errors]
            for line in lines:
                say(self.log, line)
            say(self.log, f"{len(lines)} error(s); still serving the last good build")
            self.state.failed(CONTENT_ERRORS_HEADLINE, lines)
            return
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - SystemExit too: in this thread it would end the watcher
            self.report_failure(exc)
            return
        self.state.succeeded()
        say(self.log, f"rebuilt in {time.perf_counter() - started:.1f} s")

    def report_failure(self, exc: BaseException) -> None:
        message = describe_failure(exc)
        hint = "" if debugging() else f" ({DEBUG_VARIABLE}=1 prints the traceback)"
        say(self.log, f"build failed: {one_line(message)}; still serving the last good build{hint}")
        if debugging():
            say(self.log, "".join(traceback.format_exception(exc)).rstrip())
        self.state.failed(BUILD_FAILED_HEADLINE, [f"build failed: {message}"])

    def watch(self, seen: tuple | None = None) -> None:
        """Rebuild after every change until stopped; a failure here is logged once, never fatal."""
        last_problem = ""
        while not self.stopped.wait(POLL_SECONDS):
            try:
                now = content_fingerprint(self.content_dir)
                if seen is None:
                    seen = now
                elif now != seen:
                    seen = now  # this change is handled, whatever the rebuild's outcome
                    say(self.log, "content changed: rebuilding")
                    self.rebuild()
                last_problem = ""
            except (Exception, SystemExit) as exc:  # noqa: BLE001 - the watcher outlives every failure
                problem = f"watching {self.content_dir} failed: {one_line(describe_failure(exc))}"
                if problem != last_problem:  # once, not five times a second
                    say(self.log, problem)
                    last_problem = problem

    def start(self) -> None:
        """Build, then serve and watch in background threads."""
        seen = content_fingerprint(self.content_dir)  # before the build: a save during it counts
        self.rebuild()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.watcher = threading.Thread(target=self.watch, args=(seen,), daemon=True)
        self.watcher.start()

    def stop(self) -> None:
        self.stopped.set()
        self.server.shutdown()
        self.server.server_close()
        if self.watcher is not None:
            self.watcher.join(timeout=10)
