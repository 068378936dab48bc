"""The site fixture content (tests/fixtures/site) built once per test module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.pipeline import build

SITE_CONTENT = Path(__file__).resolve().parent.parent / "fixtures" / "site"
# February's basic day is past, the rest upcoming: every session page type exists.
SITE_TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/site/ of tests/fixtures/site: hand-written pages, materials, every session status."""
    out = tmp_path_factory.mktemp("site-build")
    build(SITE_CONTENT, out, today=SITE_TODAY, log=lambda message: None)
    return out / "site"
