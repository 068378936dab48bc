"""The words a deck adds by itself, in every language the programme uses.

Dates and clock times are written by :mod:`generator.dates`, like the site's and the feeds'.
"""

from __future__ import annotations

LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "objectives": "Mål med utbildningen",
        "agenda": "Program",
        "exercise": "Övning",
        "continued": "forts.",
        "online": "Digitalt",
        "trainers": "Utbildare",
        "minutes": "min",
        "continued_notes": "Fortsättning från föregående bild.",
        "contact": "Kontakt",
        "part": "Del {number} av {count}",
        "qr_label": "Skanna och utvärdera",
        "qr_alt": "QR-kod till utvärderingen: {address}",
    },
    "en": {
        "objectives": "Learning objectives",
        "agenda": "Agenda",
        "exercise": "Exercise",
        "continued": "cont.",
        "online": "Online",
        "trainers": "Trainers",
        "minutes": "min",
        "continued_notes": "Continued from the previous slide.",
        "contact": "Contact",
        "part": "Part {number} of {count}",
        "qr_label": "Scan to evaluate",
        "qr_alt": "QR code for the evaluation form: {address}",
    },
}

def language_tag(language: str) -> str:
    """The BCP 47 tag written on every text run: 'sv' -> 'sv-SE', 'en' -> 'en-GB'."""
    return LANGUAGE_TAGS.get(language, language)


def label(language: str, key: str) -> str:
    """A fixed UI word; languages without their own labels fall back to English."""
    return LABELS.get(language, LABELS["en"])[key]
