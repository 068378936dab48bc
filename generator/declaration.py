"""Every field of every content file, declared once.

One :class:`Field` per field carries its name, its type, whether it is required, its
help text in Swedish and English and an example. From these declarations come the
loader's field tables (``loading/content.py``), the value lists of the model
(``MODULE_KINDS`` ...), the JSON Schemas (``editing/schema.py``) and the field tables
of the editor guide (``editing/guide.py``). Adding a field is adding one ``Field``
here; the loader then still needs the code that reads its value into the model.

This module imports nothing from the rest of the generator, so the model can import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

GUIDE_LANGUAGES = ("sv", "en")  # the languages help texts are written in

# Two-letter codes a site may list under ``languages``.
LANGUAGE_CODES = ("sv", "en", "fi", "no", "nb", "nn", "da", "de", "fr", "es", "ar", "so", "fa", "uk", "pl")


def listed(values: tuple[str, ...], conjunction: str) -> str:
    """`a`, `b` or `c`."""
    quoted = [f"`{v}`" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" {conjunction} " + quoted[-1]


# -- value types ---------------------------------------------------------------------------
# ``label`` names a type for editors, per guide language; the schema and the guide read the
# attributes. Types are frozen dataclasses, so a declaration compares and prints plainly.

@dataclass(frozen=True)
class Text:
    """Plain text on one or more lines; a left-over FIXME, TODO or XXX is an error."""

    kind = "text"
    label = {"sv": "text", "en": "text"}


@dataclass(frozen=True)
class Name:
    """A name (of a place, a person): plain text used in every language, or a localized text."""

    kind = "name"
    label = {"sv": "text, eller språktext", "en": "text, or language text"}


@dataclass(frozen=True)
class Localized:
    """One text per site language: ``{sv: ..., en: ...}``; ``markdown`` texts may use Markdown."""

    markdown: bool = False

    @property
    def kind(self) -> str:
        return "markdown" if self.markdown else "localized"

    @property
    def label(self) -> dict[str, str]:
        if self.markdown:
            return {"sv": "språktext, Markdown", "en": "language text, Markdown"}
        return {"sv": "språktext", "en": "language text"}


@dataclass(frozen=True)
class Integer:
    """A whole number, ``minimum`` or more (and ``maximum`` or less, if given)."""

    minimum: int | None = None
    maximum: int | None = None
    kind = "integer"

    @property
    def label(self) -> dict[str, str]:
        if self.minimum is None:
            return {"sv": "heltal", "en": "whole number"}
        if self.maximum is not None:
            return {"sv": f"heltal, {self.minimum}–{self.maximum}", "en": f"whole number, {self.minimum}–{self.maximum}"}
        return {"sv": f"heltal, minst {self.minimum}", "en": f"whole number, at least {self.minimum}"}


@dataclass(frozen=True)
class Date:
    kind = "date"
    label = {"sv": "datum, `ÅÅÅÅ-MM-DD`", "en": "date, `YYYY-MM-DD`"}


@dataclass(frozen=True)
class Time:
    """A local clock time: ``"09:00"``, ``09:00`` or ``9.00``."""

    kind = "time"
    label = {"sv": "klockslag, `TT:MM`", "en": "clock time, `HH:MM`"}


@dataclass(frozen=True)
class Id:
    """Lower-case letters a-z, digits and single dashes; ``refers_to`` names what it points at."""

    refers_to: str | None = None
    kind = "id"

    @property
    def label(self) -> dict[str, str]:
        return {"sv": "id med a–z, 0–9 och -", "en": "id of a–z, 0–9 and -"}


@dataclass(frozen=True)
class Url:
    """A web address; ``placeholder`` names a ``{word}`` it must contain, e.g. ``{session}``."""

    placeholder: str | None = None
    kind = "url"

    @property
    def label(self) -> dict[str, str]:
        if self.placeholder:
            mark = "{" + self.placeholder + "}"
            return {"sv": f"webbadress med `{mark}`", "en": f"web address with `{mark}`"}
        return {"sv": "webbadress, `https://...`", "en": "web address, `https://...`"}


@dataclass(frozen=True)
class Colour:
    """A colour as ``#rrggbb`` that reaches WCAG AA contrast (4.5:1) against white."""

    kind = "colour"
    label = {"sv": "färg, `#rrggbb`, tydlig mot vitt", "en": "colour, `#rrggbb`, clear against white"}


@dataclass(frozen=True)
class Email:
    kind = "email"
    label = {"sv": "e-postadress", "en": "e-mail address"}


@dataclass(frozen=True)
class Timezone:
    kind = "timezone"
    label = {"sv": "tidszon, IANA-namn", "en": "time zone, IANA name"}


@dataclass(frozen=True)
class Path:
    """A file inside ``content/``, written with '/'; ``per_language`` also allows one file per language;
    ``types`` lists the file types allowed, if only some are."""

    per_language: bool = False
    types: tuple[str, ...] = ()
    kind = "path"

    @property
    def label(self) -> dict[str, str]:
        if self.types:
            kinds = listed(self.types, "eller"), listed(self.types, "or")
            return {"sv": f"fil i `content/` av typen {kinds[0]}", "en": f"file in `content/` of type {kinds[1]}"}
        if self.per_language:
            return {"sv": "fil i `content/`, eller en fil per språk", "en": "file in `content/`, or one file per language"}
        return {"sv": "fil i `content/`", "en": "file in `content/`"}


@dataclass(frozen=True)
class Choice:
    """One of ``values``."""

    values: tuple[str, ...]
    kind = "choice"

    @property
    def label(self) -> dict[str, str]:
        return {"sv": f"ett av {listed(self.values, 'eller')}", "en": f"one of {listed(self.values, 'or')}"}


@dataclass(frozen=True)
class SiteLanguage:
    """One of the languages listed in ``site.yaml``."""

    kind = "site-language"
    label = {"sv": "ett av språken i `languages`", "en": "one of the languages in `languages`"}


@dataclass(frozen=True)
class ListOf:
    """A list of ``item`` values, at least ``min_items`` long; ``unique``: no value twice."""

    item: "Type"
    min_items: int = 1
    unique: bool = False
    kind = "list"

    @property
    def label(self) -> dict[str, str]:
        if isinstance(self.item, Record):
            each = {"sv": "lista; varje post har fälten nedan", "en": "list; each item has the fields below"}
        else:
            each = {"sv": f"lista; varje post: {self.item.label['sv']}", "en": f"list; each item: {self.item.label['en']}"}
        if self.min_items == 0:
            return {"sv": each["sv"] + "; får vara tom", "en": each["en"] + "; may be empty"}
        return each


@dataclass(frozen=True)
class Record:
    """A mapping with the declared fields and no others."""

    fields: tuple["Field", ...]
    kind = "mapping"
    label = {"sv": "fälten nedan", "en": "the fields below"}

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        assert len(set(names)) == len(names), f"a field is declared twice: {names}"
        for f in self.fields:
            if isinstance(f.required, (When, Unless)):
                other = f.required.field
                assert other in names and other != f.name, f"{f.name}: required depends on unknown field '{other}'"

    def names(self) -> tuple[str, ...]:
        """Every field's name, in the order editors see them."""
        return tuple(f.name for f in self.fields)

    def required(self) -> tuple[str, ...]:
        """The fields that must always be there (not those required only in some cases)."""
        return tuple(f.name for f in self.fields if f.required is True)

    def __getitem__(self, name: str) -> "Field":
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def record(self, *names: str) -> "Record":
        """The record under the named fields, through lists and id maps: ``SESSIONS.record("sessions", "online")``."""
        record: Record = self
        for name in names:
            record = record[name].record
        return record


@dataclass(frozen=True)
class KeyedBy:
    """A mapping from ids to records (``venues``, ``trainers``); may be empty."""

    record: Record
    kind = "id-map"
    label = {"sv": "id:n, vart och ett med fälten nedan", "en": "ids, each with the fields below"}


Type = Union[Text, Name, Localized, Integer, Date, Time, Id, Url, Colour, Email, Timezone, Path, Choice, SiteLanguage, ListOf, Record, KeyedBy]


# -- required in some cases ---------------------------------------------------------------

@dataclass(frozen=True)
class When:
    """Required when ``field`` of the same mapping is set (to one of ``values``, if given)."""

    field: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unless:
    """Required unless ``field`` is set instead; never both."""

    field: str


Requirement = Union[bool, When, Unless]


# -- the field --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    """One content field: everything the loader, the schema and the guide know about it.

    ``example`` is YAML as an editor writes it after ``name:``. ``default`` is the value
    an optional field has when left out, if it has one.
    """

    name: str
    type: Type
    sv: str  # help text, Swedish
    en: str  # help text, English
    example: str
    required: Requirement = False
    default: str | None = None

    def help(self, language: str) -> str:
        return {"sv": self.sv, "en": self.en}[language]

    @property
    def localized(self) -> bool:
        """Whether editors write one value per site language."""
        return isinstance(self.type, Localized) or (isinstance(self.type, ListOf) and isinstance(self.type.item, Localized))

    @property
    def values(self) -> tuple[str, ...]:
        """The allowed values of a choice, or of a list of choices."""
        kind = self.type.item if isinstance(self.type, ListOf) else self.type
        if not isinstance(kind, Choice):
            raise TypeError(f"field '{self.name}' is not a choice")
        return kind.values

    @property
    def record(self) -> Record:
        """The record a mapping field holds (or each item of a list, each entry of an id map)."""
        kind = self.type.item if isinstance(self.type, ListOf) else self.type
        if isinstance(kind, KeyedBy):
            return kind.record
        if not isinstance(kind, Record):
            raise TypeError(f"field '{self.name}' holds no fields of its own")
        return kind


def walk(record: Record, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field below ``record`` with its path as the guide writes it:
    ``contact.email``, ``slides[].notes``, ``venues.<id>.name``."""
    for f in record.fields:
        path = f"{prefix}.{f.name}" if prefix else f.name
        yield path, f
        kind = f.type
        if isinstance(kind, ListOf) and isinstance(kind.item, Record):
            yield from walk(kind.item, path + "[]")
        elif isinstance(kind, KeyedBy):
            yield from walk(kind.record, path + ".<id>")
        elif isinstance(kind, Record):
            yield from walk(kind, path)


# -- site.yaml ------------------------------------------------------------------------------

CONTACT = Record((
    Field("email", Email(), required=True,
          sv="E-postadress för frågor", en="E-mail address for questions",
          example="info@example.org"),
    Field("phone", Text(),
          sv="Telefonnummer", en="Phone number",
          example='"+46 35 12 34 56"'),
))

BRAND = Record((
    Field("primary", Colour(), required=True,
          sv="Huvudfärg: rubriker, länkar och sidhuvud; måste synas tydligt mot vitt (kontrast minst 4,5:1)",
          en="Main colour: headings, links and header; must be clear against white (contrast at least 4.5:1)",
          example='"#00566b"'),
    Field("accent", Colour(),
          sv="Accentfärg: knappar och markeringar; måste synas tydligt mot vitt (kontrast minst 4,5:1)",
          en="Accent colour: buttons and highlights; must be clear against white (contrast at least 4.5:1)",
          example='"#b5462a"'),
))

QUESTION = Record((
    Field("id", Id(), required=True,
          sv="Frågans id; kolumnens namn i svarsfilerna `evaluations/<tillfälle>.csv`",
          en="The question's id; the column name in the answer files `evaluations/<session>.csv`",
          example="overall"),
    Field("text", Localized(), required=True,
          sv="Frågan som deltagarna ser", en="The question as participants see it",
          example="{sv: Helhetsintryck av dagen, en: Overall impression of the day}"),
    Field("scale", Integer(minimum=2, maximum=10),
          sv="Skala 1 till N för en betygsfråga; utelämna för fritext", en="Scale 1 to N for a rating question; leave out for free text",
          example="5"),
))

EVALUATION = Record((
    Field("url", Url(placeholder="session"), required=True,
          sv="Formulärets adress; `{session}` blir tillfällets id", en="The form's address; `{session}` becomes the session id",
          example='"https://forms.example.org/utv?tillfalle={session}"'),
    Field("questions", ListOf(QUESTION), required=True,
          sv="Frågorna, för pappersblanketten och resultaten", en="The questions, for the paper form and the results",
          example="[{id: overall, scale: 5, text: {sv: Helhetsintryck, en: Overall}}]"),
))

SITE = Record((
    Field("name", Localized(), required=True,
          sv="Programmets namn", en="The programme's name",
          example="{sv: Handledarutbildning, en: Supervisor training}"),
    Field("organiser", Text(), required=True,
          sv="Vem som anordnar utbildningen", en="Who organises the training",
          example="Samordningsförbundet i Halland"),
    Field("languages", ListOf(Choice(LANGUAGE_CODES), unique=True), required=True,
          sv="Webbplatsens språk; det första är standardspråket och visas på webbplatsens startadress",
          en="The site's languages; the first is the default, served at the site root",
          example="[sv, en]"),
    Field("timezone", Timezone(), required=True,
          sv="Tidszon för alla tider i `sessions.yaml`", en="Time zone of every time in `sessions.yaml`",
          example="Europe/Stockholm"),
    Field("contact", CONTACT, required=True,
          sv="Kontaktuppgifter som visas på webbplatsen", en="Contact details shown on the site",
          example="{email: info@example.org}"),
    Field("url", Url(),
          sv="Adressen där webbplatsen publiceras (för länkar, kalenderflöden och QR-koder)",
          en="Where the site is published (for links, calendar feeds and QR codes)",
          example="https://kurser.example.org"),
    Field("tagline", Localized(),
          sv="En mening under namnet på startsidan", en="One sentence under the name on the home page",
          example="{sv: Vi utbildar handledare., en: We train supervisors.}"),
    Field("description", Localized(markdown=True),
          sv="Längre text på startsidan", en="Longer text on the home page",
          example="{sv: Utbildningen är **kostnadsfri**., en: The training is **free**.}"),
    Field("registration", Localized(markdown=True),
          sv="Hur anmälan går till; visas vid varje tillfälle som går att anmäla sig till",
          en="How registering works; shown with every session open for registration",
          example="{sv: Anmäl dig via länken vid varje tillfälle., en: Register through the link at each session.}"),
    Field("logo", Path(types=(".svg", ".png")),
          sv="Logotyp i `content/` (SVG eller PNG); visas i webbplatsens sidhuvud, i presentationerna och på utskrifterna",
          en="Logo in `content/` (SVG or PNG); shown in the site header, on the decks and on printed documents",
          example="assets/logo.svg"),
    Field("brand", BRAND,
          sv="Egna färger för webbplatsen och utskrifterna (presentationerna behåller mallens färger)",
          en="Own colours for the site and printed documents (the decks keep their template's colours)",
          example='{primary: "#00566b", accent: "#b5462a"}'),
    Field("edit_url", Url(placeholder="path"),
          sv="Adress för länken ”Redigera sidan”; `{path}` blir filens sökväg i `content/`",
          en="Address of the \"Edit this page\" link; `{path}` becomes the file's path inside `content/`",
          example="https://github.com/org/repo/edit/main/content/{path}"),
    Field("evaluation", EVALUATION,
          sv="Hur deltagarna utvärderar ett tillfälle", en="How participants evaluate a session",
          example="{url: \"https://forms.example.org/utv?tillfalle={session}\", questions: [{id: overall, scale: 5, text: {sv: Helhetsintryck, en: Overall}}]}"),
))


# -- modules/<id>.yaml ----------------------------------------------------------------------

AGENDA_ITEM = Record((
    Field("minutes", Integer(minimum=1), required=True,
          sv="Punktens längd i minuter", en="The item's length in minutes",
          example="30"),
    Field("title", Localized(), required=True,
          sv="Punktens namn", en="The item's name",
          example="{sv: Välkommen, en: Welcome}"),
))

SLIDE = Record((
    Field("layout", Choice(("title", "section", "content", "exercise", "image", "closing")), required=True,
          sv="Bildens layout (se tabellen över layouter)", en="The slide's layout (see the table of layouts)",
          example="content"),
    Field("title", Localized(), required=True,
          sv="Bildens rubrik", en="The slide's heading",
          example="{sv: Förbered dig, en: Get ready}"),
    Field("body", Localized(markdown=True),
          sv="Text på bilden: stycken, punktlistor i två nivåer, **fetstil**, *kursiv*",
          en="Text on the slide: paragraphs, bullets in two levels, **bold**, *italic*",
          example="{sv: Lyssna först., en: Listen first.}"),
    Field("notes", Localized(markdown=True), required=When("layout", ("content", "exercise", "image")),
          sv="Talarmanus: det utbildaren säger; hamnar i presentationens anteckningar",
          en="Speaker notes: what the trainer says; they go into the deck's notes",
          example="{sv: Be gruppen tänka på ett samtal., en: Ask the group to think of a conversation.}"),
    Field("image", Path(), required=When("layout", ("image",)),
          sv="Bildfil i `content/`, t.ex. `modules/<id>/bild.png`", en="Picture file in `content/`, e.g. `modules/<id>/picture.png`",
          example="modules/grunddag/bild.png"),
    Field("alt", Localized(), required=When("image"),
          sv="Alternativtext: vad bilden visar, för den som inte kan se den",
          en="Alt text: what the picture shows, for those who cannot see it",
          example="{sv: Två personer pratar., en: Two people talk.}"),
))

MATERIAL = Record((
    Field("file", Path(per_language=True), required=True,
          sv="Filen, eller en fil per språk: `{sv: ..., en: ...}`", en="The file, or one file per language: `{sv: ..., en: ...}`",
          example="modules/grunddag/checklista.pdf"),
    Field("title", Localized(), required=True,
          sv="Filens namn som det visas", en="The file's name as shown",
          example="{sv: Checklista, en: Checklist}"),
))

MODULE = Record((
    Field("kind", Choice(("manager-breakfast", "basic-day", "deep-dive", "network")), required=True,
          sv="Sorts modul: chefsfrukost, grunddag, fördjupning eller nätverksträff; varje sort får ett eget kalenderflöde",
          en="Kind of module: manager breakfast, basic day, deep dive or network meeting; each kind gets its own calendar feed",
          example="basic-day"),
    Field("title", Localized(), required=True,
          sv="Modulens namn", en="The module's name",
          example="{sv: Grunddag, en: Basic day}"),
    Field("summary", Localized(), required=True,
          sv="Ett stycke om modulen", en="One paragraph about the module",
          example="{sv: En dag om att vara handledare., en: A day about being a supervisor.}"),
    Field("description", Localized(markdown=True),
          sv="Längre beskrivning", en="Longer description",
          example="{sv: Dagen varvar **teori** och övningar., en: The day mixes **theory** and exercises.}"),
    Field("audience", Localized(), required=True,
          sv="Vem modulen är till för", en="Who the module is for",
          example="{sv: Handledare på arbetsplatser, en: Workplace supervisors}"),
    Field("duration_minutes", Integer(minimum=1), required=True,
          sv="Modulens längd i minuter", en="The module's length in minutes",
          example="420"),
    Field("delivery", ListOf(Choice(("on-site", "online"))), required=True,
          sv="På plats (`on-site`), digitalt (`online`) eller båda", en="On site (`on-site`), online (`online`) or both",
          example="[on-site]"),
    Field("objectives", ListOf(Localized()), required=True,
          sv="Vad deltagarna kan efteråt, ett mål per post", en="What participants can do afterwards, one objective per item",
          example="[{sv: Du kan ge feedback., en: You can give feedback.}]"),
    Field("agenda", ListOf(AGENDA_ITEM), required=True,
          sv="Programpunkter i ordning; tillsammans högst `duration_minutes`",
          en="Agenda items in order; together at most `duration_minutes`",
          example="[{minutes: 30, title: {sv: Välkommen, en: Welcome}}]"),
    Field("slides", ListOf(SLIDE), required=True,
          sv="Bilderna i presentationen, i ordning", en="The slides of the deck, in order",
          example="[{layout: title, title: {sv: Grunddag, en: Basic day}}]"),
    Field("materials", ListOf(MATERIAL, min_items=0),
          sv="Filer att ladda ner för deltagare och utbildare", en="Files to download for participants and trainers",
          example="[{file: modules/grunddag/checklista.pdf, title: {sv: Checklista, en: Checklist}}]"),
))


# -- sessions.yaml ---------------------------------------------------------------------------

VENUE = Record((
    Field("name", Name(), required=True,
          sv="Lokalens namn", en="The venue's name",
          example="Stadsbiblioteket"),
    Field("address", Text(), required=True,
          sv="Gatuadress, postnummer och ort", en="Street address, postcode and town",
          example='"Axel Olssons gata 2, 302 27 Halmstad"'),
    Field("municipality", Text(), required=True,
          sv="Kommun; får ett eget kalenderflöde, så skriv den likadant varje gång",
          en="Municipality; gets its own calendar feed, so write it the same way every time",
          example="Halmstad"),
    Field("accessibility", Localized(),
          sv="Tillgänglighet: entré, hiss, hörslinga", en="Accessibility: entrance, lift, hearing loop",
          example="{sv: Entré utan trappsteg., en: Step-free entrance.}"),
))

TRAINER = Record((
    Field("name", Text(), required=True,
          sv="Utbildarens namn", en="The trainer's name",
          example="Anna Exempel"),
    Field("organisation", Text(), required=True,
          sv="Var utbildaren arbetar", en="Where the trainer works",
          example="Region Halland"),
))

ONLINE = Record((
    Field("url", Url(), required=True,
          sv="Länken till mötet", en="The link to the meeting",
          example="https://meet.example.org/grunddag"),
))

REGISTRATION = Record((
    Field("url", Url(), required=True,
          sv="Anmälningslänk", en="Registration link",
          example="https://example.org/anmalan"),
    Field("deadline", Date(),
          sv="Sista anmälningsdag; senast tillfällets datum", en="Last day to register; on or before the session's date",
          example="2027-01-28"),
))

SESSION = Record((
    Field("id", Id(), required=True,
          sv="Tillfällets id för alltid: webbadressen och kalenderhändelsen bygger på det; ändra det aldrig efter publicering",
          en="The session's id for ever: its web address and calendar event derive from it; never change it once published",
          example="2027-02-grunddag-halmstad"),
    Field("module", Id(refers_to="modules"), required=True,
          sv="Modulens id: filnamnet i `modules/` utan `.yaml`", en="The module's id: its file name in `modules/` without `.yaml`",
          example="grunddag"),
    Field("date", Date(), required=True,
          sv="Datum", en="Date",
          example="2027-02-11"),
    Field("start", Time(), required=True,
          sv="Starttid, lokal tid", en="Start time, local time",
          example='"09:00"'),
    Field("end", Time(), required=True,
          sv="Sluttid, lokal tid", en="End time, local time",
          example='"16:00"'),
    Field("venue", Id(refers_to="venues"), required=Unless("online"),
          sv="Lokalens id (under `venues:`)", en="The venue's id (under `venues:`)",
          example="bibliotek-halmstad"),
    Field("online", ONLINE, required=Unless("venue"),
          sv="Digitalt tillfälle: länken i stället för en lokal", en="Online session: a link instead of a venue",
          example="{url: https://meet.example.org/grunddag}"),
    Field("language", SiteLanguage(), required=True,
          sv="Språket som utbildningen hålls på", en="The language the session is taught in",
          example="sv"),
    Field("trainers", ListOf(Id(refers_to="trainers"), min_items=0, unique=True),
          sv="Utbildarnas id (under `trainers:`)", en="The trainers' ids (under `trainers:`)",
          example="[anna, bo]"),
    Field("capacity", Integer(minimum=0),
          sv="Antal platser", en="Number of places",
          example="30"),
    Field("registration", REGISTRATION,
          sv="Anmälan: länk och sista dag", en="Registration: link and last day",
          example="{url: https://example.org/anmalan, deadline: 2027-01-28}"),
    Field("status", Choice(("scheduled", "full", "waitlist", "cancelled")), default="scheduled",
          sv="Planerat (`scheduled`), fullbokat (`full`), fullbokat med väntelista (`waitlist`) eller inställt "
             "(`cancelled`); ta aldrig bort ett publicerat tillfälle",
          en="Scheduled, full, full with a waiting list (`waitlist`) or cancelled; never delete a published session",
          example="scheduled"),
    Field("places_left", Integer(minimum=0),
          sv="Antal lediga platser; visas så länge anmälan är öppen; högst `capacity`",
          en="Places left; shown while registration is open; at most `capacity`",
          example="4"),
    Field("note", Localized(),
          sv="Offentlig kommentar", en="Public note",
          example="{sv: Vi bjuder på lunch., en: Lunch is included.}"),
    Field("internal", Text(),
          sv="Intern anteckning; publiceras aldrig", en="Internal note; never published",
          example="Lokalen är bokad"),
))

SESSIONS = Record((
    Field("venues", KeyedBy(VENUE),
          sv="Lokaler, med id som nyckel", en="Venues, keyed by id",
          example="{bibliotek-halmstad: {name: Stadsbiblioteket, address: \"Axel Olssons gata 2, 302 27 Halmstad\", municipality: Halmstad}}"),
    Field("trainers", KeyedBy(TRAINER),
          sv="Utbildare, med id som nyckel", en="Trainers, keyed by id",
          example="{anna: {name: Anna Exempel, organisation: Region Halland}}"),
    Field("sessions", ListOf(SESSION, min_items=0), required=True,
          sv="Utbildningstillfällena", en="The sessions",
          example='[{id: 2027-02-grunddag-halmstad, module: grunddag, date: 2027-02-11, start: "09:00", end: "16:00", '
                  'venue: bibliotek-halmstad, language: sv}]'),
))


# -- the files --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContentFile:
    key: str  # names the schema (site.schema.json) and the guide's table markers
    path: str  # as editors see it, inside content/
    record: Record = field(repr=False)


FILES = (
    ContentFile("site", "site.yaml", SITE),
    ContentFile("module", "modules/<id>.yaml", MODULE),
    ContentFile("sessions", "sessions.yaml", SESSIONS),
)
