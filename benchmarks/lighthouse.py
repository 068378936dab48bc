"""Lighthouse figures of the public site: every category, mobile preset, Debian's Chromium.

    .venv/bin/python benchmarks/lighthouse.py [--runs N]

Builds the shipped content (site stage only) into a temporary folder, serves it on
127.0.0.1 (text gzipped, as a web host does) and runs Lighthouse 12.2.3 (node_modules, `npm ci`) on the home, calendar,
module, session, employers and 404 pages of both languages, then prints a Markdown table
of the four category scores (the median of N runs per page) and the audits below 1.0.
The home page's weight before interaction is measured by tests/test_site_quality.py.
benchmarks/lighthouse.md holds the figures of the last run and how
they were made. Performance depends on the machine and its load; the tests
(tests/test_site_quality.py) assert only accessibility and fixed audit lists.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.loading import load_catalog  # noqa: E402
from generator.pipeline import build  # noqa: E402
from tests.test_site_quality import (CONTENT, TODAY, CompressingServer, failing, lighthouse,  # noqa: E402
                                     page_types, urls_of)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
NAMES = ("home", "calendar", "module", "session", "employers", "404")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        out = Path(folder)
        build(CONTENT, out / "build", today=TODAY, stages=("site",), log=lambda message: None)
        site, catalog = out / "build" / "site", load_catalog(CONTENT)
        types = {path: name for name, path in page_types(catalog).items()}
        print("| page | " + " | ".join(CATEGORIES) + " | below 1.0 |")
        print("|---|" + "---|" * (len(CATEGORIES) + 1))
        with CompressingServer(site) as server:
            for url in urls_of(site, catalog, NAMES):
                reports = [lighthouse(server.base + url, CATEGORIES, out / "report.json") for _ in range(args.runs)]
                scores = [statistics.median(r["categories"][c]["score"] for r in reports) for c in CATEGORIES]
                below = sorted({audit for r in reports for c in CATEGORIES for audit in failing(r, c)})
                name = types.get(url.removeprefix("/en") or "/", "")
                print(f"| `{url}` ({name}) | " + " | ".join(f"{round(s * 100)}" for s in scores)
                      + f" | {'; '.join(a.split(':')[0] for a in below) or '–'} |", flush=True)


if __name__ == "__main__":
    main()
