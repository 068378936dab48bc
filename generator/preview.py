"""Live preview: serve build/site/, rebuild when content/ changes, reload the open page.

The server injects a small script into HTML responses (never into the built files) that
polls ``/__preview__/status`` and reloads the page when a newer build is ready. When
the content has errors the previous site keeps being served, the errors are printed,
and the script shows them in a box at the top of the page.
"""

from __future__ import annotations

import html
import json
import os
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from .errors import BuildError, ContentErrors
from .pipeline import build

STATUS_PATH = "/__preview__/status"
POLL_SECONDS = 0.2

RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function show(errors) {
    var box = document.getElementById("coursegen-preview-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "coursegen-preview-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:9999;background:#fff;color:#8a1c1c;" +
        "border-bottom:4px solid #8a1c1c;padding:1em;font:14px/1.4 monospace;white-space:pre-wrap;max-height:50vh;overflow:auto";
      document.body.prepend(box);
    }
    box.textContent = "coursegen: the content has errors; showing the last good build.\\n\\n" + errors.join("\\n");
  }
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      show(s.errors);
    }).catch(function () {}).finally(function () { setTimeout(poll, 250); });
  }
  poll();
})();
</script>""" % STATUS_PATH


@dataclass
class PreviewState:
    """What the browser polls: a build counter and the current errors."""

    version: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "errors": self.errors}).encode("utf-8")


def content_fingerprint(content_dir: Path) -> tuple:
    """Names, sizes and modification times of every file under the content folder."""
    entries = []
    for root, dirs, files in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the current build/site/ and the status endpoint; injects the reload script."""

    def __init__(self, *args, site_dir: Path, state: PreviewState, **kwargs):
        self.state = state
        super().__init__(*args, directory=str(site_dir), **kwargs)

    def log_message(self, format: str, *args) -> None:  # keep the terminal for build messages
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] == STATUS_PATH:
            self.send_bytes(self.state.as_json(), "application/json")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # redirect to the slash form
                return
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8")
            page = page.replace("</body>", RELOAD_SCRIPT + "</body>", 1) if "</body>" in page else page + RELOAD_SCRIPT
            self.send_bytes(page.encode("utf-8"), "text/html; charset=utf-8")
            return
        if not path.exists() and self.state.errors and self.path.split("?")[0] in ("/", "/index.html"):
            body = "<!doctype html><html lang=en><title>coursegen preview</title><pre>%s</pre>%s</html>" % (
                html.escape("\n".join(self.state.errors)), RELOAD_SCRIPT)
            self.send_bytes(body.encode("utf-8"), "text/html; charset=utf-8")
            return
        super().do_GET()

    def send_bytes(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class Preview:
    """Builds once, serves, and rebuilds on every change until stopped."""

    def __init__(
        self,
        content_dir: Path,
        out_dir: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        log: Callable[[str], None] = print,
    ):
        self.content_dir = Path(content_dir)
        self.out_dir = Path(out_dir)
        self.state = PreviewState()
        self.log = log
        self.stopped = threading.Event()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        handler = partial(PreviewHandler, site_dir=self.out_dir / "site", state=self.state)
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def rebuild(self) -> None:
        started = time.perf_counter()
        try:
            build(self.content_dir, self.out_dir, log=lambda message: None)
        except ContentErrors as errors:
            lines = [str(e) for e in errors.errors]
            for line in lines:
                self.log(line)
            self.log(f"{len(lines)} error(s); still serving the last good build")
            with self.state.lock:
                self.state.errors = lines
            return
        except BuildError as exc:
            self.log(f"build failed: {exc}")
            with self.state.lock:
                self.state.errors = [f"build failed: {exc}"]
            return
        with self.state.lock:
            self.state.version += 1
            self.state.errors = []
        self.log(f"rebuilt in {time.perf_counter() - started:.1f} s")

    def watch(self) -> None:
        seen = content_fingerprint(self.content_dir)
        while not self.stopped.wait(POLL_SECONDS):
            now = content_fingerprint(self.content_dir)
            if now != seen:
                seen = now
                self.log("content changed: rebuilding")
                self.rebuild()

    def start(self) -> None:
        """Build, then serve and watch in background threads."""
        self.rebuild()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, daemon=True).start()

    def stop(self) -> None:
        self.stopped.set()
        self.server.shutdown()
        self.server.server_close()
