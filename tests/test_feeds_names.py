"""Calendar names and descriptions as calendar apps show them: no TEXT escapes (issue 17).

Apps read X-WR-CALNAME and X-WR-CALDESC as written, so an escaped comma would be shown
as ``\\,``. The feeds are read back with icalendar and with Mozilla's ical.js.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from generator.pipeline import build

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "fixtures" / "small"
READER = REPO / "tests" / "js" / "calendar_names.mjs"
NAME_SV = "Grunddag för handledare, Falkenberg; vår"
NAME_EN = "Basic day for supervisors, Falkenberg; spring"


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The small fixture's feeds, with a programme name holding a comma and a semicolon."""
    root = tmp_path_factory.mktemp("names")
    content = root / "content"
    shutil.copytree(SMALL, content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "name: {sv: Testprogrammet, en: The test programme}",
        f'name: {{sv: "{NAME_SV}", en: "{NAME_EN}"}}'), encoding="utf-8")
    build(content, root / "out", today=dt.date(2027, 3, 1), stages=("feeds",), log=lambda message: None)
    files = sorted((root / "out" / "site" / "calendar").rglob("*.ics"))
    assert len(files) > 5
    return files


def test_icalendar_shows_names_and_descriptions_without_backslashes(feeds: list[Path]) -> None:
    for path in feeds:
        calendar = Calendar.from_ical(path.read_bytes())
        name, about = str(calendar["X-WR-CALNAME"]), str(calendar["X-WR-CALDESC"])
        assert "\\" not in name and "\\" not in about, (path, name, about)
        assert name == str(calendar["NAME"]) and about == " ".join(str(calendar["DESCRIPTION"]).split())
    all_sv = Calendar.from_ical(next(p for p in feeds if p.parts[-2:] == ("sv", "all.ics")).read_bytes())
    assert str(all_sv["X-WR-CALNAME"]).startswith(NAME_SV + " – ")


@pytest.mark.node
def test_icaljs_shows_names_and_descriptions_without_backslashes(feeds: list[Path]) -> None:
    done = subprocess.run(["node", str(READER), *map(str, feeds)], capture_output=True, text=True,
                          check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert len(shown) == len(feeds)
    for path, calendar in shown.items():
        assert calendar["name"] and calendar["description"], path
        assert "\\" not in calendar["name"] and "\\" not in calendar["description"], (path, calendar)
    named = {Path(path).parts[-2:]: calendar["name"] for path, calendar in shown.items()}
    assert named[("en", "all.ics")].startswith(NAME_EN + " – ")
