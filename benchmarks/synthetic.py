"""Write a synthetic, valid content folder of any size for benchmarks.

    python benchmarks/synthetic.py OUT_DIR --modules 100 --slides 20 --sessions 1000

The text is filler, but every field a real module or session has is filled in, so the
renderers do the same work per item as for real content.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import yaml

KINDS = ("basic-day", "deep-dive", "deep-dive", "manager-breakfast", "network")
MUNICIPALITIES = ("Halmstad", "Laholm", "Hylte", "Falkenberg", "Varberg", "Kungsbacka")
LAYOUT_CYCLE = ("content", "content", "exercise", "content", "section")


def localized(sv: str, en: str) -> dict[str, str]:
    return {"sv": sv, "en": en}


def module_document(index: int, slides: int) -> dict:
    kind = KINDS[index % len(KINDS)]
    body_sv = "Inledande mening om ämnet.\n\n- Första punkten med **fet** text\n  - En underpunkt\n- Andra punkten med *kursiv* text\n- Tredje punkten"
    body_en = "An opening sentence on the topic.\n\n- First point with **bold** text\n  - A sub-point\n- Second point with *italic* text\n- Third point"
    notes_sv = "Berätta med egna ord vad bilden handlar om. Fråga gruppen om deras erfarenheter. Cirka fem minuter."
    notes_en = "Say in your own words what the slide is about. Ask the group about their experience. About five minutes."
    slide_list = [{"layout": "title", "title": localized(f"Modul {index}", f"Module {index}")}]
    for number in range(1, slides - 1):
        layout = LAYOUT_CYCLE[number % len(LAYOUT_CYCLE)]
        slide = {"layout": layout, "title": localized(f"Bild {number} i modul {index}", f"Slide {number} of module {index}")}
        if layout != "section":
            slide["body"] = localized(body_sv, body_en)
            slide["notes"] = localized(notes_sv, notes_en)
        slide_list.append(slide)
    slide_list.append({"layout": "closing", "title": localized("Tack", "Thank you")})
    return {
        "kind": kind,
        "title": localized(f"Modul {index}: syntetiskt innehåll", f"Module {index}: synthetic content"),
        "summary": localized("En sammanfattning i ett stycke. " * 3, "A one-paragraph summary. " * 3),
        "description": localized("Längre text om modulen.\n\n" * 3, "Longer text about the module.\n\n" * 3),
        "audience": localized("Handledare och chefer", "Supervisors and managers"),
        "duration_minutes": 420 if kind == "basic-day" else 180,
        "delivery": ["on-site"],
        "objectives": [localized(f"Mål {n}", f"Objective {n}") for n in range(1, 4)],
        "agenda": [
            {"minutes": 60, "title": localized(f"Del {n}", f"Part {n}")}
            for n in range(1, (7 if kind == "basic-day" else 3) + 1)
        ],
        "slides": slide_list,
    }


def weekdays(start: dt.date):
    day = start
    while True:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def sessions_document(module_ids: list[str], sessions: int) -> dict:
    venues = {
        f"lokal-{n}": {
            "name": f"Lokal {n}",
            "address": f"Storgatan {n}, 300 0{n % 10} {MUNICIPALITIES[n % len(MUNICIPALITIES)]}",
            "municipality": MUNICIPALITIES[n % len(MUNICIPALITIES)],
            "accessibility": localized("Entré utan trappsteg.", "Step-free entrance."),
        }
        for n in range(12)
    }
    trainers = {f"utbildare-{n}": {"name": f"Utbildare {n}", "organisation": "Exempelkommunen"} for n in range(20)}
    days = weekdays(dt.date(2027, 1, 4))
    entries = []
    for n in range(sessions):
        date = next(days) if n % 2 == 0 else date  # two sessions a weekday
        module = module_ids[n % len(module_ids)]
        start = "09:00" if n % 2 == 0 else "13:00"
        entries.append({
            "id": f"s-{n:05d}-{module}",
            "module": module,
            "date": date.isoformat(),
            "start": start,
            "end": "12:00" if start == "09:00" else "16:00",
            "venue": f"lokal-{n % len(venues)}",
            "language": "sv",
            "trainers": [f"utbildare-{n % 20}", f"utbildare-{(n + 7) % 20}"],
            "capacity": 25,
            "registration": {"url": "https://example.org/anmalan", "deadline": (date - dt.timedelta(days=14)).isoformat()},
            "status": ("scheduled", "scheduled", "full", "cancelled")[n % 4],
        })
    return {"venues": venues, "trainers": trainers, "sessions": entries}


def write_content(out: Path, modules: int, slides: int, sessions: int) -> Path:
    """Write a content folder under ``out`` and return it."""
    (out / "modules").mkdir(parents=True, exist_ok=True)
    site = {
        "name": localized("Syntetiskt program", "Synthetic programme"),
        "organiser": "Benchmarkförbundet",
        "languages": ["sv", "en"],
        "timezone": "Europe/Stockholm",
        "contact": {"email": "info@example.org"},
        "url": "https://example.org",
    }
    dump = lambda data, path: path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dump(site, out / "site.yaml")
    ids = []
    for index in range(1, modules + 1):
        module_id = f"modul-{index:03d}"
        ids.append(module_id)
        dump(module_document(index, slides), out / "modules" / f"{module_id}.yaml")
    dump(sessions_document(ids, sessions), out / "sessions.yaml")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--modules", type=int, default=10)
    parser.add_argument("--slides", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=100)
    args = parser.parse_args()
    write_content(args.out, args.modules, args.slides, args.sessions)


if __name__ == "__main__":
    main()
