"""The words the feeds put around the content, in Swedish and English.

A site language without its own entry here gets the English words (content itself,
such as module titles, is always in the feed's language).
"""

from __future__ import annotations

from ...vocabulary import term

FALLBACK = "en"

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "all": "alla kurstillfällen",
        "all_description": "Alla kurstillfällen i {name}. Kalendern uppdateras automatiskt när tillfällen ändras.",
        "kind_description": "{kind} i {name}. Kalendern uppdateras automatiskt.",
        "municipality_description": "Kurstillfällen i {place} kommun, {name}. Digitala tillfällen finns i kalendern med alla tillfällen.",
        "trainer_description": f"Tillfällen där {{trainer}} är {term('sv', 'trainer')}, {{name}}. Med påminnelse dagen före.",
        "session_description": "Ett kurstillfälle i {name}.",
        "cancelled_prefix": "INSTÄLLT: ",
        "cancelled": "Tillfället är inställt.",
        "full": "Fullbokat: det finns inga platser kvar.",
        "online": "digitalt",
        "online_location": "Digitalt",
        "online_link": "Digitalt: du får länken till mötet i bekräftelsen när du har anmält dig.",
        "online_feed": "digitala tillfällen",
        "online_description": "Digitala kurstillfällen i {name}. Kalendern uppdateras automatiskt.",
        "waitlist": "Fullbokat – väntelista.",
        "waitlist_join": "Fullbokat – väntelista. Anmäl dig till väntelistan: {url}",
        "register": "Anmälan: {url}",
        "deadline": "Sista dag för anmälan: {date}",
        "agenda": "Program:",
        "trainers": f"{term('sv', 'trainers')}: {{names}}",
        "accessibility": "Tillgänglighet: {text}",
        "taught_in": "Undervisningsspråk: {spoken}",
        "note": "Bra att veta: {text}",
        "more": "Mer information: {url}",
        "reminder": "Påminnelse: {title} i morgon",
    },
    "en": {
        "all": "all sessions",
        "all_description": "All sessions of {name}. The calendar updates itself when sessions change.",
        "kind_description": "{kind} of {name}. The calendar updates itself.",
        "municipality_description": "Sessions in {place} municipality, {name}. Online sessions are in the calendar of all sessions.",
        "trainer_description": f"Sessions where {{trainer}} is a {term('en', 'trainer')}, {{name}}. With a reminder the day before.",
        "session_description": "A session of {name}.",
        "cancelled_prefix": "CANCELLED: ",
        "cancelled": "This session is cancelled.",
        "full": "Fully booked: there are no places left.",
        "online": "online",
        "online_location": "Online",
        "online_link": "Online: you get the link to the meeting in the confirmation when you have registered.",
        "online_feed": "online sessions",
        "online_description": "Online sessions of {name}. The calendar updates itself.",
        "waitlist": "Full – waiting list.",
        "waitlist_join": "Full – waiting list. Join the waiting list: {url}",
        "register": "Registration: {url}",
        "deadline": "Last day to register: {date}",
        "agenda": "Programme:",
        "trainers": f"{term('en', 'trainers')}: {{names}}",
        "accessibility": "Accessibility: {text}",
        "taught_in": "Taught in {spoken}",
        "note": "Good to know: {text}",
        "more": "More information: {url}",
        "reminder": "Reminder: {title} tomorrow",
    },
}

KINDS: dict[str, dict[str, str]] = {
    "sv": {
        "basic-day": "Grunddagar", "deep-dive": "Fördjupningar",
        "manager-breakfast": "Chefsfrukostar", "network": "Nätverksträffar",
    },
    "en": {
        "basic-day": "Basic days", "deep-dive": "Deep dives",
        "manager-breakfast": "Manager breakfasts", "network": "Network meetings",
    },
}

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "sv": {"sv": "svenska", "en": "engelska"},
    "en": {"sv": "Swedish", "en": "English"},
}

def word(language: str, key: str, **values: str) -> str:
    """A phrase in ``language`` (English if we have no words for it), with values filled in."""
    return WORDS.get(language, WORDS[FALLBACK])[key].format(**values)


def kind_name(language: str, kind: str) -> str:
    return KINDS.get(language, KINDS[FALLBACK]).get(kind, kind)


def language_name(language: str, spoken: str) -> str:
    return LANGUAGE_NAMES.get(language, LANGUAGE_NAMES[FALLBACK]).get(spoken, spoken)
