"""Shared fixtures: content folders and builds made once per test run."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.pipeline import build

REPO = Path(__file__).resolve().parent.parent
SHIPPED_CONTENT = REPO / "content"
SMALL_CONTENT = REPO / "tests" / "fixtures" / "small"
# The small fixture's 'today': its February session is past, the others upcoming.
SMALL_TODAY = dt.date(2027, 3, 1)
# The shipped content is the 2027 calendar; this 'today' keeps all of it upcoming.
SHIPPED_TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    """A private, writable copy of the small fixture content."""
    target = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/site/ of the small fixture, built once by the real pipeline."""
    out = tmp_path_factory.mktemp("small-build")
    build(SMALL_CONTENT, out, today=SMALL_TODAY, log=lambda message: None)
    return out / "site"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/site/ of the shipped content, built once by the real pipeline."""
    out = tmp_path_factory.mktemp("shipped-build")
    build(SHIPPED_CONTENT, out, today=SHIPPED_TODAY, log=lambda message: None)
    return out / "site"
