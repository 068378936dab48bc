"""The site fixture content (tests/fixtures/site) built once per test module.

The site tests build a copy of it with the look-and-follow-up fields of site.yaml added
(logo, brand colours, phone, registration text, edit links, evaluation form), places
left on one session and a session with a waiting list: :data:`SITE_EXTRAS`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.pipeline import build

SITE_CONTENT = Path(__file__).resolve().parent.parent / "fixtures" / "site"
LOGO = Path(__file__).resolve().parent.parent / "fixtures" / "every-field" / "assets" / "logo.svg"
# February's basic day is past, the rest upcoming: every session page type exists.
SITE_TODAY = dt.date(2027, 3, 1)
REGISTRATION_TEXT = {"sv": "Anmäl dig senast sista anmälningsdagen. Deltagandet är kostnadsfritt.",
                     "en": "Register by the deadline. Taking part is free of charge."}
EDIT_URL = "https://github.com/org/repo/edit/main/content/{path}"
EVALUATION_URL = "https://forms.example.org/utv?tillfalle={session}"
SITE_EXTRAS = f"""
logo: assets/logo.svg
brand: {{primary: "#00566b", accent: "#a4371c"}}
registration: {{sv: "{REGISTRATION_TEXT['sv']}", en: "{REGISTRATION_TEXT['en']}"}}
edit_url: {EDIT_URL}
evaluation:
  url: {EVALUATION_URL}
  questions:
    - {{id: overall, scale: 5, text: {{sv: "Hur nöjd är du?", en: "How satisfied are you?"}}}}
"""
WAITLIST_SESSION = """
  - id: 2027-06-grunddag-varberg
    module: grunddag
    date: 2027-06-10
    start: "09:00"
    end: "16:00"
    venue: stadshus-varberg
    language: sv
    trainers: [bo]
    capacity: 25
    registration: {url: https://example.org/anmalan/varberg-juni, deadline: 2027-05-27}
    status: waitlist
"""


def site_content(target: Path) -> Path:
    """A copy of the site fixture with :data:`SITE_EXTRAS` in ``target``."""
    shutil.copytree(SITE_CONTENT, target)
    site_yaml = target / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    text = text.replace("contact: {email: info@example.org}", 'contact: {email: info@example.org, phone: "+46 35 12 34 56"}')
    site_yaml.write_text(text + SITE_EXTRAS, encoding="utf-8")
    (target / "assets").mkdir()
    shutil.copy2(LOGO, target / "assets" / "logo.svg")
    sessions = target / "sessions.yaml"
    text = sessions.read_text(encoding="utf-8")
    marker = "    registration: {url: https://example.org/anmalan/grunddag, deadline: 2027-04-01}\n"
    assert text.count(marker) == 1
    text = text.replace(marker, marker + "    places_left: 4\n")
    sessions.write_text(text.rstrip("\n") + "\n" + WAITLIST_SESSION, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/site/ of the site fixture and its extras: hand-written pages, materials, every
    session status, brand, registration, edit and evaluation links. Its content is in
    ../../content (see :func:`rich_content`)."""
    folder = tmp_path_factory.mktemp("site-build")
    content = site_content(folder / "content")
    build(content, folder / "out", today=SITE_TODAY, log=lambda message: None)
    return folder / "out" / "site"


@pytest.fixture(scope="session")
def rich_content(rich_site: Path) -> Path:
    """The content folder :func:`rich_site` was built from."""
    return rich_site.parent.parent / "content"
