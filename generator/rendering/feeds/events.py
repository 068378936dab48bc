"""One VEVENT per session and language: what a subscriber sees in their calendar."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from icalendar import Alarm, Event

from ... import urls
from ...dates import agenda_times, short_date
from ...model import Catalog, Session
from ...vocabulary import time_range
from .plain import address, markdown_text, plain
from .texts import language_name, word

if TYPE_CHECKING:
    from ...loading.history import History

# Fixed forever: every UID derives from it and the session id. Changing it would
# duplicate every event in every subscriber's calendar.
UID_NAMESPACE = uuid.UUID("6f1c1d2e-3b7a-5d40-9a52-8e0c4b9f2a61")
ALARM_BEFORE = dt.timedelta(days=-1)


def session_uid(session: Session) -> str:
    """Stable for the life of the session and the same in every language and feed.

    It is one event, whichever language feed it comes from: a person who subscribes to
    both the Swedish and the English feed sees it once, not twice. No host name in it
    (RFC 7986, section 5.3): a UUID from a fixed namespace and the session id.
    """
    return str(uuid.uuid5(UID_NAMESPACE, session.id))


def event_title(catalog: Catalog, session: Session, language: str) -> str:
    """'Grunddag, Halmstad' / 'Frukostmöte för chefer, digitalt'; cancelled ones say so first."""
    module = catalog.module_of(session)
    place = plain(catalog.municipality_of(session) or word(language, "online"))
    title = f"{plain(module.title[language])}, {place}"
    return word(language, "cancelled_prefix") + title if session.is_cancelled else title


def location(catalog: Catalog, session: Session, language: str) -> str:
    """The venue and its address; for an online session the plain word ('Digitalt', 'Online').

    The meeting link is never in a feed: feeds are public, and participants get the link
    in their confirmation (the site says the same).
    """
    venue = catalog.venue_of(session)
    if venue is None:
        return word(language, "online_location")
    return f"{plain(venue.name[language])}, {plain(venue.address)}"


def build_event(catalog: Catalog, session: Session, language: str, history: History, *, reminder: bool = False) -> Event:
    """The session as a VEVENT in ``language``; with ``reminder``, a display alarm the day before.

    Every text is plain (:mod:`.plain`); each whole value is made plain once more, so no
    tag forms where two texts meet.
    """
    site = catalog.site
    modified = history.modified(session)
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", history.sequence(session))
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    title = plain(event_title(catalog, session, language))
    event.add("summary", title)
    event.add("location", plain(location(catalog, session, language)))
    event.add("description", plain(description(catalog, session, language)))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    if site.url:  # URL must be absolute; without a site address there is none to give
        event.add("url", session_address(catalog, session, language))
    if reminder and not session.is_cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", ALARM_BEFORE)
        alarm.add("description", plain(word(language, "reminder", title=title)))
        event.add_component(alarm)
    return event


def description(catalog: Catalog, session: Session, language: str) -> str:
    """Plain text in paragraphs: summary, status, registration, agenda with clock times, people, note."""
    site = catalog.site
    module = catalog.module_of(session)
    venue = catalog.venue_of(session)
    parts = [markdown_text(module.summary[language])]
    if session.is_cancelled:
        parts.append(word(language, "cancelled"))
    elif session.is_waitlist:
        parts.append(word(language, "waitlist_join", url=address(session.registration_url))
                     if session.registration_url else word(language, "waitlist"))
    elif session.is_full:
        parts.append(word(language, "full"))
    elif session.registration_url:
        lines = [word(language, "register", url=address(session.registration_url))]
        if session.registration_deadline:
            lines.append(word(language, "deadline", date=short_date(session.registration_deadline, language)))
        parts.append("\n".join(lines))
    if session.is_online and not session.is_cancelled:
        parts.append(word(language, "online_link"))
    if module.agenda:
        parts.append("\n".join([word(language, "agenda"), *agenda_lines(catalog, session, language)]))
    trainers = catalog.trainers_of(session)
    if trainers:
        names = ", ".join(f"{plain(t.name)} ({plain(t.organisation)})" for t in trainers)
        parts.append(word(language, "trainers", names=names))
    if venue is not None and venue.accessibility is not None:
        parts.append(word(language, "accessibility", text=markdown_text(venue.accessibility[language])))
    if session.language != language:
        parts.append(word(language, "taught_in", spoken=language_name(language, session.language)))
    if session.note is not None:
        parts.append(word(language, "note", text=markdown_text(session.note[language])))
    if site.url:
        parts.append(word(language, "more", url=session_address(catalog, session, language)))
    return "\n\n".join(parts)


def session_address(catalog: Catalog, session: Session, language: str) -> str:
    site = catalog.site
    return address(urls.absolute(site, urls.session_page(site, language, session.id)))


def agenda_lines(catalog: Catalog, session: Session, language: str) -> list[str]:
    """'09:00–10:00 Inledning': each item's clock times, counted from the session's start."""
    agenda = catalog.module_of(session).agenda
    times = agenda_times(session.date, session.start, (item.minutes for item in agenda))
    return [f"{time_range(start, end, language)} {plain(item.title[language])}" for item, (start, end) in zip(agenda, times)]
