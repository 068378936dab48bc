"""The calendar feeds: iCalendar files that subscribers keep for years.

Per site language we write, at the URLs fixed by the content format (``generator.urls``):
all sessions, one feed per module kind, one of the online sessions (when there are any),
per municipality (on-site sessions only), per trainer (with a reminder the day before;
also when the trainer has no sessions yet), and one file per session for "add to my calendar".

Sessions stay in the feeds until :data:`KEEP_PAST` after they took place. Nothing in a
feed depends on the build clock: timestamps and SEQUENCE come from the content's git
history, which the loading stage reads into ``catalog.history``
(:mod:`generator.loading.history`), so a rebuild of unchanged content is byte-identical.
This renderer never opens ``content/`` or runs git. Every text is plain (:mod:`.plain`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from icalendar import Calendar, Timezone, vDuration, vText

from ... import urls
from ...errors import BuildError
from ...model import Catalog, Session, slugify, sort_key
from .events import build_event, event_title
from .plain import address, plain
from .texts import kind_name, word
from .vtimezone import build_vtimezone

if TYPE_CHECKING:  # the pipeline imports renderers lazily; no import cycle at run time
    from ...loading.history import History
    from ...pipeline import BuildContext

KEEP_PAST = dt.timedelta(days=183)  # about six months
REFRESH = dt.timedelta(hours=12)
PRODID = "-//coursegen//Course calendar feeds//EN"
CALENDAR_END = b"END:VCALENDAR\r\n"


def render_feeds(ctx: BuildContext) -> int:
    """Write every feed of every site language below ``ctx.site_dir``; return the number of files."""
    catalog: Catalog = ctx.catalog
    history = catalog.history
    if history is None:
        raise BuildError("the feeds need the content's history in the snapshot; build with generator.pipeline.build")
    sessions = feed_sessions(catalog, ctx.today)
    timezone = site_vtimezone(catalog, ctx.today)
    written = 0
    for language in catalog.site.languages:
        for path, data in language_feeds(catalog, sessions, language, history, timezone):
            target = Path(ctx.site_dir) / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
    ctx.log(f"feeds: {len(sessions)} sessions in {len(catalog.site.languages)} languages; {history.origin}")
    for note in history.notes:
        ctx.log(f"feeds: {note}")
    return written


def feed_sessions(catalog: Catalog, today: dt.date) -> list[Session]:
    """Sessions still in the feeds, in time order: upcoming ones and those of the last six months."""
    oldest = today - KEEP_PAST
    return sorted((s for s in catalog.sessions if s.date >= oldest), key=sort_key)


def site_vtimezone(catalog: Catalog, today: dt.date) -> Timezone:
    """The site zone's VTIMEZONE, exact in every year of the catalog's sessions and the year after.

    Derived from the content, not the clock, so it stays the same from build to build.
    """
    years = [s.date.year for s in catalog.sessions] or [today.year]
    return build_vtimezone(catalog.site.timezone, min(years), max(years) + 1)


def language_feeds(
    catalog: Catalog, sessions: list[Session], language: str, history: History, timezone: Timezone,
) -> Iterator[tuple[str, bytes]]:
    """(URL path, iCalendar bytes) of every feed in one language.

    A session is in several feeds (all, its kind, its municipality, its trainers, its own
    file): its VEVENT, like the VTIMEZONE, is serialised once and reused.
    """
    site = catalog.site
    programme = plain(site.name[language])
    zone = timezone.to_ical()
    serialised: dict[tuple[str, bool], bytes] = {}

    def event_bytes(session: Session, reminder: bool) -> bytes:
        key = (session.id, reminder)
        if key not in serialised:
            serialised[key] = build_event(catalog, session, language, history, reminder=reminder).to_ical()
        return serialised[key]

    def feed(path: str, title: str, about: str, chosen: list[Session], reminder: bool = False):
        head = calendar(catalog, path, title, about).to_ical()
        assert head.endswith(CALENDAR_END)
        parts = [head[: -len(CALENDAR_END)], zone, *(event_bytes(s, reminder) for s in chosen), CALENDAR_END]
        return path, b"".join(parts)

    yield feed(urls.feed_all(language), f"{programme} – {word(language, 'all')}",
               word(language, "all_description", name=programme), sessions)
    for kind in catalog.kinds_in_use:
        kind_label = kind_name(language, kind)
        chosen = [s for s in sessions if catalog.module_of(s).kind == kind]
        yield feed(urls.feed_kind(language, kind), f"{programme} – {kind_label}",
                   word(language, "kind_description", kind=kind_label, name=programme), chosen)
    if any(s.is_online for s in catalog.sessions):  # as the site's page of online sessions
        yield feed(urls.feed_online(language), f"{programme} – {word(language, 'online_feed')}",
                   word(language, "online_description", name=programme), [s for s in sessions if s.is_online])
    for municipality in catalog.municipalities:
        slug = slugify(municipality)  # the same slug as Venue.municipality_slug
        chosen = [s for s in sessions if (v := catalog.venue_of(s)) is not None and v.municipality_slug == slug]
        place = plain(municipality)
        yield feed(urls.feed_municipality(language, slug), f"{programme} – {place}",
                   word(language, "municipality_description", place=place, name=programme), chosen)
    for trainer in sorted(catalog.trainers.values(), key=lambda t: t.id):
        chosen = [s for s in sessions if trainer.id in s.trainers]
        name = plain(trainer.name)
        yield feed(urls.feed_trainer(language, trainer.id), f"{programme} – {name}",
                   word(language, "trainer_description", trainer=name, name=programme), chosen, reminder=True)
    for session in sessions:
        yield feed(urls.feed_session(language, session.id), event_title(catalog, session, language),
                   word(language, "session_description", name=programme), [session])


class AsWritten(vText):
    """An X-WR-CALNAME or X-WR-CALDESC value, written without TEXT escapes on one line.

    Calendar apps (Apple Calendar, Outlook, icalendar, ical.js) show these extension
    properties as written, so an escaped comma would be shown as a backslash and a comma.
    """

    def to_ical(self) -> bytes:
        return " ".join(str(self).split()).encode("utf-8")


def calendar(catalog: Catalog, path: str, title: str, about: str) -> Calendar:
    """A VCALENDAR with the feed's name and refresh hints; the caller adds the VTIMEZONE and events.

    The VTIMEZONE is there even in an empty feed: it is the zone X-WR-TIMEZONE names, and
    RFC 5545 wants at least one component in every calendar.
    No METHOD: a published feed is not a scheduling message, and without METHOD
    DTSTAMP means "last revised", which is what we write.
    """
    site = catalog.site
    title, about = " ".join(plain(title).split()), plain(about)  # a name is one line
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", title)
    cal.add("x-wr-calname", AsWritten(title))
    cal.add("description", about)
    cal.add("x-wr-caldesc", AsWritten(about))
    cal.add("x-wr-timezone", vText(site.timezone))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    if site.url:
        cal.add("source", address(urls.absolute(site, path)), parameters={"VALUE": "URI"})
    return cal
