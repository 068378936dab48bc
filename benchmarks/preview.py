"""Live preview latency: from saving a content file to the open page showing the change.

    python benchmarks/preview.py [--edits 5]      # PREVIEW_LOG=1 also prints the preview's log

Copies the shipped content to a temporary folder, starts the preview server on it, opens
a session page in Debian's Chromium, then edits that session's note in sessions.yaml
several times. Each edit is timed from the moment the file is written until the page in
the browser (reloaded by the preview's own script) shows the new text.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SESSION = "2027-01-frukostmote-digitalt"
NOTE = "sv: Digitalt möte"
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description="coursegen preview latency")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("COURSEGEN_TODAY", "2026-12-01")
    from playwright.sync_api import sync_playwright

    from generator.preview import Preview

    work = Path(tempfile.mkdtemp(prefix="coursegen-preview-"))
    content = work / "content"
    shutil.copytree(REPO / "content", content)
    sessions = content / "sessions.yaml"
    preview = Preview(content, work / "build", port=0, log=lambda message: print(f"  {time.perf_counter():.2f} {message}") if os.environ.get("PREVIEW_LOG") else None)
    started = time.perf_counter()
    preview.start()
    print(f"first build: {time.perf_counter() - started:.1f} s")
    latencies = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(preview.url + f"sessions/{SESSION}/")
            previous = NOTE
            for number in range(args.edits):
                marker = f"{NOTE} (ändring {number + 1})"
                text = sessions.read_text(encoding="utf-8")
                assert previous in text
                page.wait_for_timeout(1000)  # let the page settle after the last reload
                saved = time.perf_counter()
                if os.environ.get("PREVIEW_LOG"):
                    print(f"  {saved:.2f} saved")
                sessions.write_text(text.replace(previous, marker, 1), encoding="utf-8")
                page.wait_for_function("m => document.body && document.body.innerText.includes(m)",
                                       arg=marker[len("sv: "):], timeout=30_000)
                latencies.append(time.perf_counter() - saved)
                print(f"edit {number + 1}: {latencies[-1]:.2f} s")
                previous = marker
            browser.close()
    finally:
        preview.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"save to updated page: median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s "
          f"over {len(latencies)} edits (target: 2 s)")


if __name__ == "__main__":
    main()
