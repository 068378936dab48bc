"""The content model: immutable, typed, and free of I/O.

The loader (``generator.loading``) is the only code that reads ``content/``; it turns
the YAML into these frozen dataclasses. Renderers (site, decks, feeds) read only these.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping
from zoneinfo import ZoneInfo

from .declaration import MODULE, SESSION, SLIDE

MODULE_KINDS = MODULE["kind"].values
SLIDE_LAYOUTS = SLIDE["layout"].values
LAYOUTS_NEEDING_NOTES = SLIDE["notes"].required.values
SESSION_STATUSES = SESSION["status"].values
DELIVERY_MODES = MODULE["delivery"].values


@dataclass(frozen=True)
class Localized:
    """A text with one value per site language, e.g. ``{sv: Grunddag, en: Basic day}``.

    Name fields written as a plain string hold the same text for every language.
    """

    texts: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, **texts: str) -> "Localized":
        return cls(tuple(texts.items()))

    def __getitem__(self, language: str) -> str:
        for lang, text in self.texts:
            if lang == language:
                return text
        raise KeyError(language)

    def get(self, language: str, default: str | None = None) -> str | None:
        try:
            return self[language]
        except KeyError:
            return default

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.texts)

    def __str__(self) -> str:  # the first language; handy in logs, never in output
        return self.texts[0][1] if self.texts else ""


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str | None = None


@dataclass(frozen=True)
class Brand:
    """The organisation's colours, ``#rrggbb``; both reach 4.5:1 against white."""

    primary: str
    accent: str | None = None


@dataclass(frozen=True)
class Question:
    """One evaluation question: a rating from 1 to ``scale``, or free text when ``scale`` is None."""

    id: str
    text: Localized
    scale: int | None = None


@dataclass(frozen=True)
class Evaluation:
    """How participants evaluate a session: a form per session and its questions."""

    url: str  # contains {session}
    questions: tuple[Question, ...]

    def url_for(self, session_id: str) -> str:
        return self.url.replace("{session}", session_id)


@dataclass(frozen=True)
class Site:
    """Programme-wide settings from ``site.yaml``."""

    name: Localized
    organiser: str
    languages: tuple[str, ...]
    timezone: str
    contact: Contact
    url: str | None = None
    tagline: Localized | None = None
    description: Localized | None = None
    registration: Localized | None = None
    logo: str | None = None  # path inside content/; its bytes are in Catalog.files
    brand: Brand | None = None
    edit_url: str | None = None  # contains {path}
    evaluation: Evaluation | None = None

    def edit_link(self, path: str) -> str | None:
        """Where an editor proposes a change to ``path`` (inside content/), if the site says."""
        return self.edit_url.replace("{path}", path) if self.edit_url else None

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class AgendaItem:
    minutes: int
    title: Localized


@dataclass(frozen=True)
class Slide:
    layout: str
    title: Localized
    body: Localized | None = None
    notes: Localized | None = None
    image: str | None = None  # path relative to content/
    alt: Localized | None = None


@dataclass(frozen=True)
class Material:
    """A download for participants or trainers; ``files`` maps language to a path in content/."""

    title: Localized
    files: Localized


@dataclass(frozen=True)
class Module:
    id: str
    kind: str
    title: Localized
    summary: Localized
    audience: Localized
    duration_minutes: int
    delivery: tuple[str, ...]
    objectives: tuple[Localized, ...]
    agenda: tuple[AgendaItem, ...]
    slides: tuple[Slide, ...]
    description: Localized | None = None
    materials: tuple[Material, ...] = ()
    source: str = ""  # path of the YAML file, relative to the content folder's parent


@dataclass(frozen=True)
class Venue:
    id: str
    name: Localized
    address: str
    municipality: str
    accessibility: Localized | None = None

    @property
    def municipality_slug(self) -> str:
        return slugify(self.municipality)


@dataclass(frozen=True)
class Trainer:
    id: str
    name: str
    organisation: str


@dataclass(frozen=True)
class Session:
    """One scheduled occurrence of a module. ``internal`` notes are never loaded into it."""

    id: str
    module: str
    date: dt.date
    start: dt.time
    end: dt.time
    language: str
    timezone: str
    trainers: tuple[str, ...] = ()
    venue: str | None = None
    online_url: str | None = None
    capacity: int | None = None
    registration_url: str | None = None
    registration_deadline: dt.date | None = None
    status: str = "scheduled"
    note: Localized | None = None
    places_left: int | None = None

    @property
    def starts_at(self) -> dt.datetime:
        """Aware local start time in the site's timezone."""
        return dt.datetime.combine(self.date, self.start, tzinfo=ZoneInfo(self.timezone))

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end, tzinfo=ZoneInfo(self.timezone))

    @property
    def is_online(self) -> bool:
        return self.online_url is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_full(self) -> bool:
        """No places left: ``full``, or ``waitlist`` (full, and the link leads to a waiting list)."""
        return self.status in ("full", "waitlist")

    @property
    def is_waitlist(self) -> bool:
        return self.status == "waitlist"

    def registration_open(self, today: dt.date) -> bool:
        """Whether one can still sign up (or join the waiting list) on ``today``."""
        if self.is_cancelled or self.status == "full" or not self.registration_url:
            return False
        last = self.registration_deadline or self.date
        return today <= last


class FrozenMap(Mapping):
    """A read-only mapping that, unlike ``MappingProxyType``, can be pickled to a worker."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping | None = None) -> None:
        object.__setattr__(self, "_data", dict(data or {}))

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("FrozenMap is read-only")

    def __getstate__(self) -> dict:
        return self._data

    def __setstate__(self, state: dict) -> None:
        object.__setattr__(self, "_data", state)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data.items(), key=lambda item: str(item[0]))))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._data) == dict(other)

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


@dataclass(frozen=True)
class HandWrittenPage:
    """A Markdown page from ``content/pages/``, read and checked by the loader.

    ``body`` is the page after its front matter; its macros (``{{ ... }}``) are not yet
    rendered: the site renderer does that in Jinja's sandbox.
    """

    source: str  # path inside content/, e.g. 'pages/om-programmet.sv.md'
    shown: str  # the file as messages name it, e.g. 'content/pages/om-programmet.sv.md'
    slug: str  # 'om-programmet'; published at /<slug>/ (and /<lang>/<slug>/)
    language: str | None  # None: the page serves every language that has no page of its own
    body: str
    body_line: int = 1  # line of the file where ``body`` starts, for messages
    title: str | None = None  # front matter 'title'
    description: str | None = None  # front matter 'description'


@dataclass(frozen=True)
class Catalog:
    """Everything the renderers need: one immutable, picklable snapshot of the content.

    ``files`` holds the bytes of every content file the build publishes or draws
    (materials, slide images, the deck template), keyed by their path inside content/:
    no renderer opens ``content/`` itself. ``content_dir`` is kept for messages only.
    """

    site: Site
    modules: Mapping[str, Module]
    venues: Mapping[str, Venue]
    trainers: Mapping[str, Trainer]
    sessions: tuple[Session, ...]
    content_dir: Path
    pages: tuple[HandWrittenPage, ...] = ()
    files: Mapping[str, bytes] = field(default_factory=dict)
    history: Any = None  # feeds: the content's git history (loading.history.History), read by the build
    # Evaluation answers per session id (content/evaluations/<session-id>.csv), rows in file order.
    # Free text is in here for the unpublished report only: see generator.evaluations.
    evaluations: Mapping[str, tuple[Answer, ...]] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        for name in ("modules", "venues", "trainers", "files"):
            value = getattr(self, name)
            if not isinstance(value, FrozenMap):
                object.__setattr__(self, name, FrozenMap(value))

    def file(self, path: str) -> bytes:
        """The bytes of a content file the loader read (a material, image or template)."""
        return self.files[path]

    def session(self, session_id: str) -> Session:
        for session in self.sessions:
            if session.id == session_id:
                return session
        raise KeyError(session_id)

    def module_of(self, session: Session) -> Module:
        return self.modules[session.module]

    def venue_of(self, session: Session) -> Venue | None:
        return self.venues[session.venue] if session.venue else None

    def trainers_of(self, session: Session) -> tuple[Trainer, ...]:
        return tuple(self.trainers[t] for t in session.trainers)

    def municipality_of(self, session: Session) -> str | None:
        venue = self.venue_of(session)
        return venue.municipality if venue else None

    def sessions_of_module(self, module_id: str) -> Iterator[Session]:
        return (s for s in self.sessions if s.module == module_id)

    def upcoming(self, today: dt.date) -> tuple[Session, ...]:
        """Sessions on or after ``today``, in time order."""
        return tuple(s for s in self.sessions if s.date >= today)

    def past(self, today: dt.date) -> tuple[Session, ...]:
        """Sessions before ``today``, newest first."""
        return tuple(sorted((s for s in self.sessions if s.date < today), key=sort_key, reverse=True))

    @property
    def municipalities(self) -> tuple[str, ...]:
        """Municipalities that have a venue, sorted by Swedish collation of their slug."""
        return tuple(sorted({v.municipality for v in self.venues.values()}, key=slugify))

    @property
    def kinds_in_use(self) -> tuple[str, ...]:
        used = {m.kind for m in self.modules.values()}
        return tuple(k for k in MODULE_KINDS if k in used)


def sort_key(session: Session) -> tuple[dt.datetime, str]:
    return (session.starts_at, session.id)


def slugify(text: str) -> str:
    """URL slug for a place name: 'Hylte' -> 'hylte', 'Ängelholm' -> 'angelholm'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    out, dash = [], False
    for char in ascii_only:
        if char.isascii() and char.isalnum():
            out.append(char)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


@dataclass(frozen=True)
class Answer:
    """One participant's answers to a session's evaluation: one row of its CSV file.

    ``ratings`` holds the rating questions answered (question id, 1..scale) and ``texts``
    the free-text questions answered (question id, text), each in the order of the file's
    columns; a question left empty is absent. ``line`` is the row's line in the file.
    Free text may name people: it is never published (see :mod:`generator.evaluations`).
    """

    ratings: tuple[tuple[str, int], ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    line: int = 0

    def rating(self, question_id: str) -> int | None:
        """The rating given to ``question_id``, or None if it was left empty or is not a rating."""
        for ident, value in self.ratings:
            if ident == question_id:
                return value
        return None

    def text(self, question_id: str) -> str | None:
        """The free text written for ``question_id``, or None if it was left empty."""
        for ident, value in self.texts:
            if ident == question_id:
                return value
        return None
