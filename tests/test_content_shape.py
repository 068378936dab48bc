"""Shape checks for the shipped programme content.

These tests read content/ with plain PyYAML on purpose: they check what the
editors committed, independently of the generator's own loader.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).parent.parent / "content"
LANGS = ("sv", "en")
MUNICIPALITIES = {"Halmstad", "Laholm", "Hylte", "Falkenberg", "Varberg", "Kungsbacka"}
NOTES_REQUIRED = {"content", "exercise", "image"}
LAYOUTS = {"title", "section", "content", "exercise", "image", "closing"}


def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _easter(year: int) -> dt.date:
    # Anonymous Gregorian algorithm.
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _swedish_holidays(year: int) -> set[dt.date]:
    easter = _easter(year)
    fixed = {(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)}
    days = {dt.date(year, m, d) for m, d in fixed}
    days |= {easter - dt.timedelta(days=2), easter + dt.timedelta(days=1),
             easter + dt.timedelta(days=39)}
    # Midsummer Eve: the Friday between 19 and 25 June.
    days |= {dt.date(year, 6, d) for d in range(19, 26) if dt.date(year, 6, d).weekday() == 4}
    return days


@pytest.fixture(scope="module")
def modules() -> dict[str, dict]:
    return {p.stem: _load(p) for p in sorted((CONTENT / "modules").glob("*.yaml"))}


@pytest.fixture(scope="module")
def sessions_file() -> dict:
    return _load(CONTENT / "sessions.yaml")


@pytest.fixture(scope="module")
def sessions(sessions_file) -> list[dict]:
    return sessions_file["sessions"]


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _is_localized(value) -> bool:
    return (isinstance(value, dict) and set(value) == set(LANGS)
            and all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGS))


def test_site_yaml_has_both_languages():
    site = _load(CONTENT / "site.yaml")
    assert site["languages"] == ["sv", "en"]
    assert site["timezone"] == "Europe/Stockholm"
    for key in ("name", "tagline", "description", "registration"):
        assert _is_localized(site[key]), key
    assert "@" in site["contact"]["email"]


def test_module_kinds_and_counts(modules):
    kinds = Counter(m["kind"] for m in modules.values())
    assert kinds == {"manager-breakfast": 1, "basic-day": 1, "deep-dive": 7, "network": 1}


def test_expected_module_ids(modules):
    expected = {
        "frukostmote-chefer", "grunddag", "natverk-handledare",
        "fordjupning-npf", "fordjupning-sprak-och-kultur", "fordjupning-utmattning",
        "fordjupning-anpassningar", "fordjupning-vald-i-nara-relationer",
        "fordjupning-ips", "fordjupning-efterfragat",
    }
    assert set(modules) == expected


def test_basic_day_slide_and_exercise_counts(modules):
    slides = modules["grunddag"]["slides"]
    assert len(slides) >= 25
    assert sum(s["layout"] == "exercise" for s in slides) >= 4


def test_deep_dives_have_enough_slides(modules):
    for mid, m in modules.items():
        if m["kind"] == "deep-dive":
            assert len(m["slides"]) >= 12, mid
            assert 180 <= m["duration_minutes"] <= 210, mid


def test_breakfast_and_network_have_enough_slides(modules):
    for mid, m in modules.items():
        if m["kind"] in ("manager-breakfast", "network"):
            assert len(m["slides"]) >= 10, mid


def test_every_slide_is_well_formed(modules):
    for mid, m in modules.items():
        for i, slide in enumerate(m["slides"]):
            where = f"{mid} slide {i + 1}"
            assert slide["layout"] in LAYOUTS, where
            assert _is_localized(slide["title"]), where
            for key in ("body", "notes"):
                if key in slide:
                    assert _is_localized(slide[key]), f"{where} {key}"
            if slide["layout"] in NOTES_REQUIRED:
                assert _is_localized(slide.get("notes")), f"{where} lacks notes in sv and en"
            if "image" in slide:
                assert (CONTENT / slide["image"]).is_file(), where
                assert _is_localized(slide.get("alt")), where


def test_agenda_sums_to_duration(modules):
    for mid, m in modules.items():
        total = sum(item["minutes"] for item in m["agenda"])
        assert total == m["duration_minutes"], mid
        for item in m["agenda"]:
            assert _is_localized(item["title"]), mid


def test_basic_day_agenda_has_breaks(modules):
    titles = [a["title"]["sv"].lower() for a in modules["grunddag"]["agenda"]]
    assert "lunch" in titles
    assert sum(t == "fika" for t in titles) >= 1


def test_module_texts_are_localized(modules):
    for mid, m in modules.items():
        for key in ("title", "summary", "audience"):
            assert _is_localized(m[key]), f"{mid} {key}"
        for obj in m.get("objectives", []):
            assert _is_localized(obj), mid


def test_materials_exist(modules):
    materials = modules["grunddag"].get("materials", [])
    assert len(materials) >= 2
    for mat in materials:
        files = mat["file"] if isinstance(mat["file"], dict) else {"any": mat["file"]}
        for path in files.values():
            assert (CONTENT / path).is_file(), path
        assert _is_localized(mat["title"])


def test_sessions_refer_to_existing_modules_venues_and_trainers(sessions_file, sessions, modules):
    venues = sessions_file["venues"]
    trainers = sessions_file["trainers"]
    for s in sessions:
        assert s["module"] in modules, s["id"]
        assert ("venue" in s) != ("online" in s), s["id"]
        if "venue" in s:
            assert s["venue"] in venues, s["id"]
        for t in s.get("trainers", []):
            assert t in trainers, s["id"]
        assert s["status"] in {"scheduled", "full", "cancelled"}, s["id"]


def test_session_ids_are_unique_and_slugs(sessions):
    ids = [s["id"] for s in sessions]
    assert len(ids) == len(set(ids))
    for sid in ids:
        assert sid and all(ch.isdigit() or ("a" <= ch <= "z") or ch == "-" for ch in sid), sid


def test_session_dates_are_2027_weekdays(sessions):
    holidays = _swedish_holidays(2027)
    for s in sessions:
        day = _as_date(s["date"])
        assert day.year == 2027, s["id"]
        assert day.weekday() < 5, f"{s['id']} falls on a weekend"
        assert day not in holidays, f"{s['id']} falls on a public holiday"


def test_session_times_and_deadlines(sessions):
    for s in sessions:
        start = dt.time.fromisoformat(str(s["start"]))
        end = dt.time.fromisoformat(str(s["end"]))
        assert start < end, s["id"]
        deadline = _as_date(s["registration"]["deadline"])
        assert deadline < _as_date(s["date"]), s["id"]
        assert s["registration"]["url"].startswith("https://"), s["id"]


def test_calendar_rhythm(sessions, modules):
    by_kind = Counter(modules[s["module"]]["kind"] for s in sessions)
    assert 3 <= by_kind["basic-day"] <= 5
    assert 5 <= by_kind["deep-dive"] <= 8
    assert 3 <= by_kind["manager-breakfast"] <= 4
    assert by_kind["network"] == 2


def test_at_least_one_online_manager_breakfast(sessions, modules):
    online = [s for s in sessions
              if modules[s["module"]]["kind"] == "manager-breakfast" and "online" in s]
    assert online
    assert all(s["online"]["url"].startswith("https://") for s in online)


def test_sessions_in_all_six_municipalities(sessions_file, sessions):
    venues = sessions_file["venues"]
    used = {venues[s["venue"]]["municipality"] for s in sessions if "venue" in s}
    assert used == MUNICIPALITIES


def test_pilot_basic_days_in_halmstad_may_june(sessions_file, sessions, modules):
    venues = sessions_file["venues"]
    pilots = [s for s in sessions
              if modules[s["module"]]["kind"] == "basic-day"
              and "venue" in s and venues[s["venue"]]["municipality"] == "Halmstad"
              and _as_date(s["date"]).month in (5, 6)]
    assert len(pilots) >= 2
    for s in pilots:
        assert "Serviceförvaltningen" in s["note"]["sv"]


def test_statuses_include_full_and_cancelled(sessions):
    statuses = Counter(s["status"] for s in sessions)
    assert statuses["full"] >= 1
    assert statuses["cancelled"] >= 1


def test_every_deep_dive_module_is_scheduled(sessions, modules):
    scheduled = {s["module"] for s in sessions}
    for mid, m in modules.items():
        assert mid in scheduled, mid


def test_pages_exist_in_both_languages():
    for stem in ("om-programmet", "for-arbetsgivare", "tillganglighet"):
        for lang in LANGS:
            page = CONTENT / "pages" / f"{stem}.{lang}.md"
            text = page.read_text(encoding="utf-8")
            assert text.startswith("# "), page
