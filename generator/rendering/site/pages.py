"""The generated pages of one site language, as Markdown for mkdocs.

Every page is built from the model alone. Text from YAML goes through
:mod:`.markup` (escaped), the few HTML elements are written with
:class:`markupsafe.Markup` (every value escaped), every link is made relative to the
page that holds it, and every public URL comes from :mod:`generator.urls`.

The buttons the site's script arms (copy a feed's address, print the page) are not in
the Markdown: it holds an empty slot whose name carries a random key of this
:class:`LanguagePages`, and the page's ``cg_buttons`` (see :meth:`LanguagePages.buttons_in`)
says which button goes there. ``hooks.on_page_content`` puts them in after the page
has been sanitized, and the sanitizer drops those buttons' classes from everything
else: content cannot make them, nor name a slot.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from urllib.parse import urlencode, quote
from dataclasses import dataclass, field
from itertools import groupby
from markupsafe import Markup

from ... import urls
from ...model import MODULE_KINDS, Catalog, Module, Session, slugify
from .markup import link, markdown, relative, text, url
from ...dates import agenda_times, time_range
from .strings import format_date, format_duration, format_month, format_short_date, format_when, labels

# Slugs of the generated pages that a hand-written page of the same slug replaces.
EMPLOYERS_SLUG = "for-arbetsgivare"
ACCESSIBILITY_SLUG = "tillganglighet"
REGISTRATION_SLUG = "anmalan"  # in urls.GENERATED_NAMES: no hand-written page takes it
SESSIONS = "sessions"
ARCHIVE = "archive"
TRAINERS = "trainers"
ONLINE_PAGE = f"/{SESSIONS}/online/"
# Pages with fewer second-level headings than this get no contents sidebar.
TOC_MIN_HEADINGS = 6
# Sessions on the home page, in its first screen.
HOME_SESSIONS = 4
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/deeplink/compose"
OUTLOOK_PERSONAL = "https://outlook.live.com/calendar/0/deeplink/compose"
# The place of a button the site's script arms, as Markdown keeps it and the sanitizer writes it.
_SLOT = re.compile(r'<span id="(cg-slot-[0-9a-f]{32}-[0-9]+)"></span>')


@dataclass
class Page:
    """One Markdown page: ``path`` is its source below the language's docs folder."""

    path: str
    title: str  # plain text; escaped when written
    body: str  # Markdown, already safe
    meta: dict[str, object] = field(default_factory=dict)
    has_heading: bool = False  # the body starts with its own '# title'
    source: str = ""  # a hand-written page: its file, as the editor knows it (content/pages/x.sv.md)

    @property
    def site_path(self) -> str:
        """The page's path below its language root: 'index.md' -> '/', 'a/b.md' -> '/a/b/'."""
        stem = self.path[: -len(".md")]
        if stem == "index":
            return "/"
        if stem.endswith("/index"):
            stem = stem[: -len("/index")]
        return f"/{stem}/"


def page_path(site_path: str) -> str:
    """Inverse of :attr:`Page.site_path`: '/a/b/' -> 'a/b.md', '/' -> 'index.md'."""
    stripped = site_path.strip("/")
    return f"{stripped}.md" if stripped else "index.md"


class LanguagePages:
    """Builds every generated page of one language."""

    def __init__(self, catalog: Catalog, language: str, today: dt.date):
        self.catalog = catalog
        self.site = catalog.site
        self.lang = language
        self.today = today
        self.words = labels(language)
        self.prefix = urls.language_prefix(self.site, language)
        self.upcoming = catalog.upcoming(today)
        self.past = catalog.past(today)
        self.modules = modules_in_order(catalog)
        self.slot_key = secrets.token_hex(16)  # content cannot name a slot it does not know
        self.script_buttons: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------------

    def url(self, site_path: str) -> str:
        """A page of this language, from its path below the language root."""
        return f"{self.prefix}{site_path}"

    def local(self, url: str) -> str:
        """A site URL of this language as a path below the language root."""
        return url[len(self.prefix):]

    def href(self, page: str, target: str) -> str:
        """Link from the page at language path ``page`` to the site URL ``target``."""
        return relative(self.url(page), target)

    def script_button(self, button: str) -> str:
        """A slot for ``button`` (HTML the site's script arms), filled after sanitizing."""
        slot = f"cg-slot-{self.slot_key}-{len(self.script_buttons)}"
        self.script_buttons[slot] = button
        return f'<span id="{slot}"></span>'

    def buttons_in(self, body: str) -> dict[str, str]:
        """The slots of ``body`` with the buttons that fill them (the page's ``cg_buttons``)."""
        return {slot: self.script_buttons[slot] for slot in _SLOT.findall(body) if slot in self.script_buttons}

    def loc(self, value) -> str:
        return value[self.lang] if value is not None else ""

    def module_title(self, module: Module) -> str:
        return self.loc(module.title)

    def kind_label(self, kind: str) -> str:
        return self.words.get(f"kind_{kind}", kind)

    def upcoming_of(self, kind: str | None = None, module: str | None = None,
                    municipality: str | None = None) -> list[Session]:
        """Upcoming sessions, optionally only those of one kind, module or municipality."""
        return [
            s for s in self.upcoming
            if (kind is None or self.catalog.module_of(s).kind == kind)
            and (module is None or s.module == module)
            and (municipality is None or self.catalog.municipality_of(s) == municipality)
        ]

    def calendar_link(self, page: str) -> str:
        """A link from ``page`` to the calendar of upcoming sessions."""
        return link(text(self.words["calendar_title"]), self.href(page, urls.calendar_page(self.site, self.lang)))

    def place(self, session: Session) -> str:
        venue = self.catalog.venue_of(session)
        return venue.municipality if venue else self.words["online"]

    def status_text(self, session: Session) -> str:
        """What a person needs to know first: '4 platser kvar', 'Fullbokat – väntelista', 'Anmälan stängd'."""
        w = self.words
        if session.is_waitlist and session.date >= self.today and not session.registration_open(self.today):
            return w["status_full"]  # the waiting list has closed with the registration
        if session.is_cancelled or session.is_full:
            return w[f"status_{session.status}"]
        if session.date < self.today:
            return w["status_past"]
        if session.registration_url and not session.registration_open(self.today):
            return w["status_closed"]
        if session.places_left is not None:
            return w["places_left_one"] if session.places_left == 1 else w["places_left"].format(n=session.places_left)
        return w["status_scheduled"]

    def register_button(self, page: str, session: Session, *, short: bool = False) -> str:
        """The button to register (or join the waiting list), only while registration is open."""
        if not session.registration_open(self.today):
            return ""
        w = self.words
        module = self.catalog.module_of(session)
        date = format_short_date(session.date, self.lang)
        key = "waitlist_register" if session.is_waitlist else "register"
        label = w[key].format(title=self.module_title(module), date=date)
        visible = w["waitlist_short" if session.is_waitlist else "register_short"] if short else label
        # The accessible name starts with the visible words (WCAG 2.5.3) and says which session.
        return html('<a class="md-button md-button--primary" href="{}" aria-label="{}">{}</a>',
                    session.registration_url, label, visible)

    def session_card(self, page: str, session: Session) -> str:
        """One session as a card: when, what (linked), kind and place, status, and the action."""
        w = self.words
        module = self.catalog.module_of(session)
        title = self.module_title(module)
        address = self.href(page, urls.session_page(self.site, self.lang, session.id))
        # Short enough for one line on a phone: the date and the clock times.
        clock = ("kl. " if self.lang == "sv" else "") + time_range(session.start, session.end, self.lang)
        when = f"{format_short_date(session.date, self.lang)}, {clock}"
        kind = self.kind_label(module.kind)
        facts = [text_escape(kind)] if kind.casefold() not in title.casefold() else []
        facts.append(text_escape(self.place(session)))
        status = self.status_text(session)
        if status != w["status_scheduled"]:  # the button says that it is open
            facts.append(html("<strong>{}</strong>", status))
        # A link text that says where it leads on its own (not just "Läs mer", which Lighthouse's
        # link-text audit refuses); the accessible name adds the module's title after the visible words.
        date = format_short_date(session.date, self.lang)
        action = self.register_button(page, session, short=True)
        action_class = "cg-card__action"
        if not action:  # longer words than "Anmäl dig": a row of their own on a phone
            action_class += " cg-card__action--more"
            action = html('<a class="md-button" href="{}" aria-label="{}">{}</a>', address,
                          w["read_more_about"].format(title=title, date=date), w["read_more"].format(date=date))
        state = "cancelled" if session.is_cancelled else "full" if session.is_full else "open"
        return html(
            '<li class="cg-card cg-card--{state}">'
            '<p class="cg-card__when"><time datetime="{iso}">{when}</time></p>'
            '<p class="cg-card__title"><a href="{address}">{title}</a></p>'
            '<p class="cg-card__facts">{facts}</p>'
            '<p class="{action_class}">{action}</p></li>',
            state=state, action_class=action_class, iso=session.starts_at.strftime("%Y-%m-%dT%H:%M"), when=when, address=address,
            title=title, facts=Markup(" · ".join(facts)), action=Markup(action))

    def session_cards(self, page: str, sessions) -> str:
        sessions = tuple(sessions)
        if not sessions:
            return self.words["no_sessions"] + "\n"
        return '<ul class="cg-cards">' + "".join(self.session_card(page, s) for s in sessions) + "</ul>\n"

    def edit_line(self, content_path: str) -> str:
        """'Redigera sidan' to where an editor proposes a change (site.yaml: edit_url), or nothing."""
        address = self.site.edit_link(content_path)
        if not address:
            return ""
        return html('\n<p class="cg-edit"><a href="{}">{}</a></p>\n', address, self.words["edit_page"])

    def contact_lines(self) -> str:
        """The organiser's e-mail address and phone number as links."""
        contact = self.site.contact
        w = self.words
        lines = [f"- **{text(w['email'])}:** {link(text(contact.email), 'mailto:' + contact.email)}"]
        if contact.phone:
            lines.append(f"- **{text(w['phone'])}:** {link(text(contact.phone), tel_address(contact.phone))}")
        return "\n".join(lines) + "\n"

    def session_item(self, page: str, session: Session) -> str:
        """One list line: when, what (linked), where, and the status if not open."""
        module = self.catalog.module_of(session)
        title = link(text(self.module_title(module)), self.href(page, urls.session_page(self.site, self.lang, session.id)))
        when = format_when(session.date, session.start, session.end, self.lang)
        parts = [f"**{text(when)}**", title, text(self.place(session))]
        status = self.status_text(session)
        if status != self.words["status_scheduled"]:
            parts.append(f"**{text(status)}**")
        return "- " + " – ".join(parts)

    def session_list(self, page: str, sessions, *, by_month: bool = False, level: int = 2) -> str:
        sessions = tuple(sessions)
        if not sessions:
            return self.words["no_sessions"] + "\n"
        if not by_month:
            return "\n".join(self.session_item(page, s) for s in sessions) + "\n"
        out = []
        for (year, month), group in groupby(sessions, key=lambda s: (s.date.year, s.date.month)):
            out.append(f"{'#' * level} {format_month(year, month, self.lang)}\n")
            out.append(self.session_cards(page, group))
        return "\n".join(out)

    def feed_links(self, page: str, label: str, path: str) -> str:
        """A feed: its address to copy (with a copy button) and to open in a calendar app when
        the site URL is known; a download link when it is not (a file cannot be followed)."""
        w = self.words
        if not self.site.url:
            return html('<li class="cg-feed"><p class="cg-feed__name"><strong>{}</strong></p><p>{}</p></li>',
                        label, Markup(html('<a href="{}">{}</a>', self.href(page, path), w["feed_download"])))
        address = urls.absolute(self.site, path)
        webcal = "webcal://" + address.split("://", 1)[1]
        # The name starts with the visible words (WCAG 2.5.3) and says which feed.
        copy = self.script_button(html(
            '<button type="button" class="md-button md-button--primary cg-copy" hidden="" data-copy="{address}" '
            'aria-label="{copy}: {label}" data-copied="{copied}">{copy}</button>',
            address=address, copy=w["copy_link"], label=label, copied=w["copied"]))
        return html(
            '<li class="cg-feed"><p class="cg-feed__name"><strong>{label}</strong></p>'
            '<p class="cg-feed__address"><span class="cg-feed__label">{address_label}:</span> <code>{address}</code></p>'
            '<p class="cg-feed__actions">{copy} <a href="{webcal}" aria-label="{open}: {label}">{open}</a></p></li>',
            label=label, address_label=w["feed_address"], address=address, copy=Markup(copy), webcal=webcal,
            open=w["feed_subscribe"])

    def feed_list(self, page: str, feeds: list[tuple[str, str]]) -> str:
        return '<ul class="cg-feeds">' + "".join(self.feed_links(page, label, path) for label, path in feeds) + "</ul>\n"

    def kinds(self) -> tuple[str, ...]:
        return self.catalog.kinds_in_use

    # -- pages ---------------------------------------------------------------------

    def all_pages(self) -> list[Page]:
        pages = [self.home(), self.calendar(), self.archive(), self.trainers(),
                 self.employers(), self.accessibility(), self.registration()]
        pages += [self.module(m) for m in self.modules]
        pages += [self.notes(m) for m in self.modules]
        pages += [self.session(s) for s in self.catalog.sessions]
        pages += [self.municipality(name) for name in self.catalog.municipalities]
        pages += [self.online()] if self.has_online() else []
        pages += [self.kind(kind) for kind in self.kinds()]
        pages += [p for m in self.modules for p in self.material_pages(m)]
        from .results import results_pages  # results.py builds on this module's Page
        pages += results_pages(self)
        return pages

    def home(self) -> Page:
        """The first screen answers when, where and how to sign up: the programme in one
        sentence, a way in for employers, the next sessions with their action; the rest below."""
        page = "/"
        w = self.words
        parts = []
        if self.site.tagline:
            parts.append(html('<p class="cg-lead">{}</p>\n', self.loc(self.site.tagline)))
        employers = self.href(page, self.url(f"/{EMPLOYERS_SLUG}/"))
        parts.append(html('<p class="cg-path"><strong>{}</strong> <a href="{}">{}</a></p>\n',
                          w["employers_path"], employers, w["employers_path_link"]))
        parts.append(f"## {text(w['next_sessions'])}\n")
        parts.append(self.session_cards(page, self.upcoming[:HOME_SESSIONS]))
        parts.append(html('<p class="cg-more"><a href="{}">{}</a> · <a href="{}">{}</a></p>\n',
                          self.href(page, urls.calendar_page(self.site, self.lang)), w["all_sessions"],
                          self.href(page, self.url(f"/{REGISTRATION_SLUG}/")), w["registration_link"]))
        if self.site.description:
            parts.append(f"## {text(w['about'])}\n\n" + markdown(self.loc(self.site.description)) + "\n")
        parts.append(f"## {text(w['why_title'])}\n\n{text(w['why_text'])}\n")
        parts.append(f"## {text(w['steps_title'])}\n")
        steps = []
        for kind in self.kinds():
            modules = [m for m in self.modules if m.kind == kind]
            # One module: its own summary; several: what the step is about.
            about = self.loc(modules[0].summary) if len(modules) == 1 else w.get(f"step_{kind}", "")
            links = "\n".join(f"    - " + link(text(self.module_title(m)),
                                                self.href(page, urls.module_page(self.site, self.lang, m.id)))
                              for m in modules)
            steps.append(f"1. **{text(self.kind_label(kind))}.** {text(about)}\n\n{links}\n")
        parts.append("\n".join(steps) + "\n")
        return Page("index.md", self.loc(self.site.name), "\n".join(parts), {"hide": ["navigation", "toc"]})

    def module(self, module: Module) -> Page:
        page = self.local(urls.module_page(self.site, self.lang, module.id))
        w = self.words
        parts = [html('<p class="cg-lead">{}</p>\n', self.loc(module.summary))]
        facts = [
            f"- **{text(w['audience'])}:** {text(self.loc(module.audience))}",
            f"- **{text(w['length'])}:** {text(format_duration(module.duration_minutes, self.lang))}",
            f"- **{text(w['delivery'])}:** " + ", ".join(text(w[f'delivery_{d}']) for d in module.delivery),
        ]
        parts.append("\n".join(facts) + "\n")
        if module.description:
            parts.append(f"## {text(w['about_module'])}\n\n{markdown(self.loc(module.description))}\n")
        if module.objectives:
            parts.append(f"## {text(w['objectives'])}\n")
            parts.append("\n".join(f"- {text(self.loc(o))}" for o in module.objectives) + "\n")
        if module.agenda:
            parts.append(f"## {text(w['agenda'])}\n")
            parts.append("\n".join(f"- {text(self.loc(i.title))} ({text(format_duration(i.minutes, self.lang))})"
                                   for i in module.agenda) + "\n")
        parts.append(f"## {text(w['upcoming'])}\n")
        parts.append(self.session_cards(page, self.upcoming_of(module=module.id)))
        if module.materials:
            parts.append(f"## {text(w['materials'])}\n")
            parts.append(self.material_links(page, module) + "\n")
        parts.append(f"## {text(w['decks'])}\n")
        parts.append(self.deck_links(page, module) + "\n")
        parts.append(self.edit_line(f"modules/{module.id}.yaml"))
        return Page(page_path(page), self.module_title(module), "\n".join(parts))

    def deck_links(self, page: str, module: Module) -> str:
        """The module's decks and speaker scripts, in every language."""
        lines = []
        for lang in self.site.languages:
            language = self.words.get(f"lang_{lang}", lang)
            title = self.module_title(module)
            lines.append("- " + link(text(self.words["deck_download"].format(title=title, language=language)),
                                     self.href(page, urls.module_deck(lang, module.id))))
            lines.append("- " + link(text(self.words["script_download"].format(title=title, language=language)),
                                     self.href(page, urls.print_script(lang, module.id))))
        return "\n".join(lines)

    def session_print_links(self, page: str, session: Session) -> str:
        """A session's attendance list and certificate, made for upcoming sessions that take place."""
        if session.is_cancelled or session.date < self.today:
            return ""
        w = self.words
        return "\n".join([
            "- " + link(text(w["attendance_pdf"]), self.href(page, urls.print_attendance(self.lang, session.id))),
            "- " + link(text(w["certificate_pdf"]), self.href(page, urls.print_certificate(self.lang, session.id))),
        ])

    def flyer_link(self, page: str, municipality: str | None = None) -> str:
        """The flyer for employers, of every municipality or of one."""
        w = self.words
        if municipality is None:
            return link(text(w["flyer_pdf"]), self.href(page, urls.print_flyer(self.lang)))
        return link(text(w["flyer_place_pdf"].format(place=municipality)),
                    self.href(page, urls.print_flyer(self.lang, slugify(municipality))))

    def material_links(self, page: str, module: Module) -> str:
        lines = []
        for material in module.materials:
            title = self.loc(material.title)
            file = self.loc(material.files)
            if file.endswith(".md"):
                lines.append("- " + link(text(self.words["material_page"].format(title=title)),
                                         self.href(page, urls.material_page(self.site, self.lang, module.id, file))))
            else:
                lines.append("- " + link(text(self.words["material_download"].format(title=title)),
                                         self.href(page, urls.material_file(module.id, file))))
        return "\n".join(lines)

    def material_pages(self, module: Module) -> list[Page]:
        """A printable page for each Markdown material of ``module`` in this language."""
        pages = []
        for material in module.materials:
            file = self.loc(material.files)
            if not file.endswith(".md"):
                continue
            body = markdown(self.catalog.file(file).decode("utf-8"))
            title = self.loc(material.title)
            here = self.local(urls.material_page(self.site, self.lang, module.id, file))
            back = link(text(self.words["module_page"].format(title=self.module_title(module))),
                        self.href(here, urls.module_page(self.site, self.lang, module.id)))
            body += f"\n\n{back}\n\n{self.print_button()}"
            pages.append(Page(page_path(here), title, body,
                              has_heading=body.lstrip().startswith("# ")))
        return pages

    def print_button(self) -> str:
        button = html('<button type="button" class="md-button cg-print" hidden="">{}</button>', self.words["print"])
        return f'<p class="cg-print-action">{self.script_button(button)}</p>\n'

    def session(self, session: Session) -> Page:
        page = self.local(urls.session_page(self.site, self.lang, session.id))
        w = self.words
        module = self.catalog.module_of(session)
        venue = self.catalog.venue_of(session)
        is_past = session.date < self.today
        parts = []
        if session.is_cancelled:
            parts.append(self.banner("cancelled", w["banner_cancelled"]))
        elif session.is_waitlist and not is_past:
            parts.append(self.banner("full", w["banner_waitlist"]))
        elif session.is_full:
            parts.append(self.banner("full", w["banner_full"]))
        if is_past:
            parts.append(self.banner("past", w["banner_past"]))
        facts = [
            f"- **{text(w['when'])}:** {text(format_when(session.date, session.start, session.end, self.lang))}",
        ]
        if venue:
            facts.append(f"- **{text(w['where'])}:** {text(self.loc(venue.name))}, {text(venue.address)}")
            if venue.accessibility:
                facts.append(f"- **{text(w['venue_access'])}:** {text(self.loc(venue.accessibility))}")
        else:
            # The meeting link is for those who registered: it comes in their confirmation.
            facts.append(f"- **{text(w['where'])}:** {text(w['online_where'])}")
        facts.append(f"- **{text(w['status'])}:** {text(self.status_text(session))}")
        trainers = self.catalog.trainers_of(session)
        if trainers:
            names = ", ".join(f"{text(t.name)} ({text(t.organisation)})" for t in trainers)
            facts.append(f"- **{text(w['trainers_label'])}:** {names}")
        if session.capacity:
            facts.append(f"- **{text(w['capacity'])}:** {session.capacity}")
        facts.append(f"- **{text(w['taught_in'])}:** {text(w.get('lang_' + session.language, session.language))}")
        parts.append("\n".join(facts) + "\n")
        if session.note:
            parts.append(f"## {text(w['note'])}\n\n{text(self.loc(session.note))}\n")
        parts.append(self.registration_section(page, session))
        if module.agenda:
            parts.append(f"## {text(w['agenda'])}\n")
            parts.append(self.timed_agenda(session, module) + "\n")
        if not session.is_cancelled and not is_past:
            parts.append(f"## {text(w['add_to_calendar'])}\n")
            parts.append(self.calendar_actions(page, session) + "\n")
        if self.site.evaluation and session.date <= self.today and not session.is_cancelled:
            parts.append(f"## {text(w['evaluate'])}\n\n{text(w['evaluate_intro'])}\n")
            parts.append(html('<p><a class="md-button md-button--primary" href="{}">{}</a></p>\n',
                              self.site.evaluation.url_for(session.id), w["evaluate"]))
        parts.append(link(text(w["module_page"].format(title=self.module_title(module))),
                          self.href(page, urls.module_page(self.site, self.lang, module.id))) + "\n")
        printed = self.session_print_links(page, session)
        if printed:
            parts.append(f"## {text(w['print_heading'])}\n\n{printed}\n")
        parts.append(self.print_button())
        parts.append(self.edit_line("sessions.yaml"))
        title = f"{self.module_title(module)}, {format_short_date(session.date, self.lang)}, {self.place(session)}"
        return Page(page_path(page), title, "\n".join(parts))

    def registration_section(self, page: str, session: Session) -> str:
        """While registration is open: the deadline, the button, and how registering works
        (site.yaml: registration). After the deadline: that it has closed."""
        w = self.words
        if session.is_cancelled or session.status == "full" or session.date < self.today:
            return ""
        if not (session.registration_url or session.registration_deadline):
            return ""
        parts = [f"## {text(w['registration'])}\n"]
        if session.is_waitlist:
            parts.append(text(w["waitlist_intro"]) + "\n")
        if session.registration_deadline:
            parts.append(text(w["deadline"].format(date=format_short_date(session.registration_deadline, self.lang))) + "\n")
        if not session.registration_open(self.today):
            parts.append(f"**{text(w['registration_closed'])}**\n")
            return "\n".join(parts)
        parts.append(f"<p>{self.register_button(page, session)}</p>\n")
        if self.site.registration:
            parts.append(f"### {text(w['registration_how'])}\n\n{markdown(self.loc(self.site.registration))}\n")
        return "\n".join(parts)

    def calendar_actions(self, page: str, session: Session) -> str:
        """Add one session to Google Calendar, Outlook (work or personal) or any app (.ics)."""
        w = self.words
        module = self.catalog.module_of(session)
        venue = self.catalog.venue_of(session)
        title = f"{self.module_title(module)}, {self.place(session)}"
        where = f"{self.loc(venue.name)}, {venue.address}" if venue else w["online"]
        more = urls.absolute(self.site, urls.session_page(self.site, self.lang, session.id))
        details = self.loc(module.summary)
        if self.site.url:
            details += "\n\n" + w["calendar_details"].format(url=more)
        local = "%Y%m%dT%H%M%S"
        google = GOOGLE_CALENDAR + "?" + urlencode({
            "action": "TEMPLATE", "text": title,
            "dates": f"{session.starts_at.strftime(local)}/{session.ends_at.strftime(local)}",
            "ctz": self.site.timezone, "details": details, "location": where,
        }, quote_via=quote)
        outlook = {
            "path": "/calendar/action/compose", "rru": "addevent", "subject": title,
            "startdt": session.starts_at.isoformat(), "enddt": session.ends_at.isoformat(),
            "body": details, "location": where,
        }
        query = urlencode(outlook, quote_via=quote)
        lines = [
            "- " + link(text(w["google_calendar"]), google),
            "- " + link(text(w["outlook_work"]), f"{OUTLOOK_WORK}?{query}"),
            "- " + link(text(w["outlook_personal"]), f"{OUTLOOK_PERSONAL}?{query}"),
            "- " + link(text(w["ics_file"]), self.href(page, urls.feed_session(self.lang, session.id))),
        ]
        return "\n".join(lines)

    def banner(self, kind: str, message: str) -> str:
        headline, _, rest = message.partition(". ")
        return html('<div class="cg-banner cg-banner--{}" role="note"><p><strong>{}.</strong> {}</p></div>\n',
                    kind, headline, rest)

    def timed_agenda(self, session: Session, module: Module) -> str:
        """Agenda items with real clock times, cumulated from the session's start."""
        times = agenda_times(session.date, session.start, (item.minutes for item in module.agenda))
        return "\n".join(f"- **{text(time_range(start, end, self.lang))}** {text(self.loc(item.title))}"
                         for item, (start, end) in zip(module.agenda, times))

    def calendar(self) -> Page:
        page = self.local(urls.calendar_page(self.site, self.lang))
        w = self.words
        # The ways to narrow the list take two lines; the sessions follow at once.
        parts = []
        if self.catalog.municipalities:
            places = [link(text(name), self.href(page, urls.municipality_page(self.site, self.lang, slugify(name))))
                      for name in self.catalog.municipalities]
            if self.has_online():
                places.append(link(text(w["online"]), self.href(page, self.url(ONLINE_PAGE))))
            parts.append(f"**{text(w['by_municipality'])}:** " + " · ".join(places) + "\n")
        parts.append(f"**{text(w['by_kind'])}:** " + " · ".join(
            link(text(self.kind_label(k)), self.href(page, urls.kind_page(self.site, self.lang, k))) for k in self.kinds()) + "\n")
        parts.append(f"## {text(w['by_month'])}\n")
        parts.append(self.session_list(page, self.upcoming, by_month=True, level=3))
        feeds = [(w["feed_all"], urls.feed_all(self.lang))]
        if self.has_online():
            feeds.append((w["sessions_online"], urls.feed_online(self.lang)))
        feeds += [(self.kind_label(k), urls.feed_kind(self.lang, k)) for k in self.kinds()]
        # A municipality's calendar is on its own page: one list of a few, not one of every place.
        parts.append(self.subscribe_section(page, feeds, more=w["feeds_elsewhere"] if self.catalog.municipalities else ""))
        parts.append(link(text(w["archive"]), self.href(page, self.url(f"/{ARCHIVE}/"))) + "\n")
        return Page(page_path(page), w["calendar_title"], "\n".join(parts))

    def subscribe_section(self, page: str, feeds: list[tuple[str, str]], more: str = "") -> str:
        w = self.words
        lines = [f"## {text(w['subscribe'])}\n", text(w["subscribe_intro"]) + "\n"]
        lines.append(self.feed_list(page, feeds))
        if more:
            lines.append(more + "\n")
        lines.append(f"### {text(w['howto_title'])}\n")
        lines.append("\n".join(f"- {w[key]}" for key in ("howto_google", "howto_outlook", "howto_apple")) + "\n")
        return "\n".join(lines)

    def municipality(self, name: str) -> Page:
        slug = slugify(name)
        page = self.local(urls.municipality_page(self.site, self.lang, slug))
        sessions = self.upcoming_of(municipality=name)
        body = self.session_list(page, sessions, by_month=True)
        body += "\n" + self.subscribe_section(page, [(name, urls.feed_municipality(self.lang, slug))])
        body += "\n" + self.flyer_link(page, name) + "\n"
        body += "\n" + self.calendar_link(page) + "\n"
        return Page(page_path(page), self.words["sessions_in"].format(place=name), body)

    def has_online(self) -> bool:
        return any(s.is_online for s in self.catalog.sessions)

    def online(self) -> Page:
        """Upcoming online sessions: the place to look for those who cannot travel."""
        page = ONLINE_PAGE
        body = text(self.words["online_where"]) + ".\n\n"
        body += self.session_list(page, [s for s in self.upcoming if s.is_online], by_month=True)
        body += "\n" + self.subscribe_section(page, [(self.words["sessions_online"], urls.feed_online(self.lang))])
        body += "\n" + self.calendar_link(page) + "\n"
        return Page(page_path(page), self.words["sessions_online"], body)

    def kind(self, kind: str) -> Page:
        page = self.local(urls.kind_page(self.site, self.lang, kind))
        label = self.kind_label(kind)
        sessions = self.upcoming_of(kind=kind)
        body = self.session_list(page, sessions, by_month=True)
        body += "\n" + self.subscribe_section(page, [(label, urls.feed_kind(self.lang, kind))])
        body += "\n" + self.calendar_link(page) + "\n"
        return Page(page_path(page), self.words["sessions_of_kind"].format(kind=label), body)

    def archive(self) -> Page:
        page = f"/{ARCHIVE}/"
        body = text(self.words["archive_intro"]) + "\n\n"
        body += self.session_list(page, self.past) if self.past else self.words["no_past"] + "\n"
        return Page(page_path(page), self.words["archive"], body)

    def trainers(self) -> Page:
        page = f"/{TRAINERS}/"
        w = self.words
        parts = [text(w["trainers_intro"]) + "\n", f"## {text(w['module_decks'])}\n"]
        for module in self.modules:
            parts.append(f"### {text(self.module_title(module))}\n")
            notes = link(text(w["read_notes"]), self.href(page, urls.notes_page(self.site, self.lang, module.id)))
            parts.append(self.deck_links(page, module) + f"\n- {notes}\n")
        upcoming = [s for s in self.upcoming if not s.is_cancelled]
        if upcoming:
            parts.append(f"## {text(w['session_decks'])}\n")
            lines = []
            for s in upcoming:
                when = format_date(s.date, self.lang)
                label = f"{self.module_title(self.catalog.module_of(s))}, {when}, {self.place(s)}"
                line = ("- " + link(text(label), self.href(page, urls.session_deck(s.language, s.id)))
                        + " · " + link(text(w["attendance_pdf"]), self.href(page, urls.print_attendance(self.lang, s.id)))
                        + " · " + link(text(w["certificate_pdf"]), self.href(page, urls.print_certificate(self.lang, s.id))))
                if self.site.evaluation:  # handed out, or shown as a QR code, at the end of the day
                    line += " · " + link(text(w["evaluation_form"]), self.site.evaluation.url_for(s.id))
                    # The paper form, written by the print stage for every upcoming session that takes place.
                    line += " · " + link(text(w["evaluation_pdf"]),
                                         self.href(page, urls.print_evaluation(self.lang, s.id)))
                lines.append(line)
            parts.append("\n".join(lines) + "\n")
        if self.catalog.trainers:
            parts.append(f"## {text(w['trainer_feeds'])}\n")
            parts.append(self.feed_list(page, [(t.name, urls.feed_trainer(self.lang, t.id))
                                               for t in self.catalog.trainers.values()]))
        return Page(page_path(page), w["trainers"], "\n".join(parts))

    def notes(self, module: Module) -> Page:
        """The instructor view: every slide in order with its text and speaker notes."""
        page = self.local(urls.notes_page(self.site, self.lang, module.id))
        w = self.words
        parts = [text(w["notes_intro"]) + "\n"]
        for number, slide in enumerate(module.slides, start=1):
            parts.append(f"## {text(w['slide_n'].format(n=number))}: {text(self.loc(slide.title))}\n")
            if slide.body:
                parts.append(markdown(self.loc(slide.body)) + "\n")
            if slide.image:
                alt = self.loc(slide.alt) if slide.alt else ""
                parts.append(html('<p><img src="{}" alt="{}" class="cg-slide-image"></p>\n',
                                  self.href(page, urls.slide_image(slide.image)), alt))
            if slide.notes:
                notes = markdown(self.loc(slide.notes))
                parts.append('<div class="cg-notes" markdown="1">\n\n'
                             f'**{text(w["notes_label"])}:**\n\n{notes}\n\n</div>\n')
        return Page(page_path(page), w["notes_title"].format(title=self.module_title(module)), "\n".join(parts))

    def employers(self) -> Page:
        page = f"/{EMPLOYERS_SLUG}/"
        w = self.words
        body = w["employers_text"] + "\n"
        breakfasts = self.upcoming_of(kind="manager-breakfast")
        body += f"## {text(w['employers_breakfasts'])}\n\n" + self.session_list(page, breakfasts) + "\n"
        body += f"## {text(w['contact'])}\n\n{text(self.site.organiser)}\n\n{self.contact_lines()}\n"
        body += f"- {self.flyer_link(page)}\n\n"
        body += self.print_button()
        return Page(page_path(page), w["employers_title"], body)

    def registration(self) -> Page:
        """How registering works (site.yaml: registration), the sessions open now, and whom to ask."""
        page = f"/{REGISTRATION_SLUG}/"
        w = self.words
        how = markdown(self.loc(self.site.registration)) if self.site.registration else text(w["registration_fallback"])
        open_now = [s for s in self.upcoming if s.registration_open(self.today)]
        body = how + "\n\n"
        body += f"## {text(w['registration_open_sessions'])}\n\n" + self.session_cards(page, open_now) + "\n"
        body += f"## {text(w['questions'])}\n\n{text(self.site.organiser)}\n\n{self.contact_lines()}"
        return Page(page_path(page), w["registration_title"], body)

    def accessibility(self) -> Page:
        page = f"/{ACCESSIBILITY_SLUG}/"
        email = self.site.contact.email
        body = self.words["a11y_text"].format(
            organiser=text(self.site.organiser), email=text(email), address=url(email),
            built=format_short_date(self.today, self.lang),
        )
        return Page(page_path(page), self.words["a11y_title"], body)


def tel_address(phone: str) -> str:
    """'+46 35 12 34 56' -> 'tel:+4635123456' (RFC 3966: digits and a leading plus)."""
    digits = re.sub(r"[^0-9]", "", phone)
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"


def modules_in_order(catalog: Catalog) -> list[Module]:
    """Modules in the order of the four steps (kinds), then by id."""
    order = {kind: index for index, kind in enumerate(MODULE_KINDS)}
    return sorted(catalog.modules.values(), key=lambda m: (order.get(m.kind, len(order)), m.id))


def material_files(catalog: Catalog) -> list[tuple[str, str]]:
    """Every material and slide image as (path inside content/, site URL), each once."""
    seen: dict[str, str] = {}
    for module in catalog.modules.values():
        for material in module.materials:
            for _, file in material.files.texts:
                seen.setdefault(urls.material_file(module.id, file), file)
        for slide in module.slides:
            if slide.image:
                seen.setdefault(urls.slide_image(slide.image), slide.image)
    return [(source, address) for address, source in seen.items()]


def text_escape(value: str) -> str:
    """Plain text for HTML that we write (not Markdown): every character of HTML escaped."""
    return str(Markup.escape(value))


def html(template: str, *args: object, **kwargs: object) -> str:
    """An HTML snippet written by us, every value in it escaped."""
    return str(Markup(template).format(*args, **kwargs))


__all__ = ["LanguagePages", "Page", "material_files", "modules_in_order", "page_path"]
