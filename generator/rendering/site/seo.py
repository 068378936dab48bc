"""Sharing and search engines: what a page says about itself to link previews and crawlers.

For every page of every language (:func:`add_meta`, called once the pages are made):

- ``description``: a module page's summary, a session page's one-liner ("Grunddag i
  Halmstad 11 februari 2027, 09.00–16.00"), a hand-written page's front-matter
  description, else the site's tagline (the theme writes ``<meta name="description">``);
- ``cg_share``: Open Graph and Twitter card values (plain text, escaped by
  ``overrides/partials/cg-meta.html``); addresses are absolute when ``site.url`` is set;
- ``cg_jsonld``: schema.org data as JSON texts ready for a ``<script type="application/ld+json">``
  element: an ``Event`` on the page of every upcoming session, a ``Course`` on every
  module page. Content is untrusted, so each text is ``json.dumps`` output with ``<``,
  ``>`` and ``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026`` (:func:`script_json`):
  no value can end the script element or start another;
- ``search``: trainer material (the trainers' page and the speaker notes) ranks below
  the public pages in the site search (a lunr document boost, read by the theme's
  search plugin).

After mkdocs has run, :func:`write_files` writes what belongs to the whole site: the
sitemaps with hreflang alternates (replacing mkdocs' own, which know one language
each; their dates are kept), ``robots.txt`` naming the sitemap, and the share image
(the logo on a 1200x630 card) that ``og:image`` points to.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape as xml_escape, quoteattr

from ... import urls
from ...dates import short_date, time_range
from ...model import Catalog, Module, Session, Venue
from .pages import TRAINERS, Page, page_path
from .strings import labels

SHARE_IMAGE = "/assets/coursegen/share.png"  # one for every language, below the site root
SHARE_SIZE = (1200, 630)  # the size link previews ask for
LOCALES = {"sv": "sv_SE", "en": "en_GB"}
# Search: documents of trainer material count this much of a public page's score.
TRAINER_BOOST = 0.0001
SCHEMA = "https://schema.org/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
COUNTRIES = {"Europe/Stockholm": "SE"}  # a venue's country, from the site's time zone
# "Axel Olssons gata 2, 302 27 Halmstad": street, then a Swedish postal code and the town.
_POSTAL = re.compile(r"^(?P<street>.+),\s*(?P<code>\d{3} ?\d{2})\s+(?P<town>[^,]+)$")

WORDS = {
    "sv": {
        "session": "{title} i {place} {date}, {time}",
        "session_online": "{title} digitalt {date}, {time}",
        "logo": "Logotyp för {organiser}",
    },
    "en": {
        "session": "{title} in {place} {date}, {time}",
        "session_online": "{title} online {date}, {time}",
        "logo": "Logo of {organiser}",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def script_json(data: object) -> str:
    """``data`` as JSON that is safe as the text of an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c`` (etc.) means
    the same character to a JSON parser; U+2028 and U+2029 are escaped for old parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


class Describer:
    """The sharing values of one language's pages."""

    def __init__(self, catalog: Catalog, lang: str, today: dt.date, has_image: bool):
        self.catalog = catalog
        self.site = catalog.site
        self.lang = lang
        self.today = today
        self.prefix = urls.language_prefix(self.site, lang)
        self.has_image = has_image and bool(self.site.url)

    def loc(self, value) -> str:
        return value[self.lang] if value is not None else ""

    def address(self, site_url: str) -> str:
        """A site URL (starting with '/') as an absolute address, when the site's address is known."""
        return urls.absolute(self.site, site_url)

    def local(self, site_url: str) -> str:
        return site_url[len(self.prefix):]

    # -- descriptions ----------------------------------------------------------------

    def session_line(self, session: Session) -> str:
        """'Grunddag i Halmstad 11 februari 2027, 09.00–16.00', with the status first if not open."""
        module = self.catalog.module_of(session)
        venue = self.catalog.venue_of(session)
        template = words(self.lang)["session" if venue else "session_online"]
        line = template.format(title=self.loc(module.title), place=venue.municipality if venue else "",
                               date=short_date(session.date, self.lang),
                               time=time_range(session.start, session.end, self.lang))
        if session.status in ("cancelled", "full", "waitlist"):  # the words the page itself uses
            return f"{labels(self.lang)['status_' + session.status]}: {line}"
        return line

    def description(self, page: Page, session: Session | None, module: Module | None) -> str:
        if session is not None:
            summary = self.loc(self.catalog.module_of(session).summary)
            return f"{self.session_line(session)}. {summary}".strip()
        if module is not None:
            return self.loc(module.summary)
        described = page.meta.get("description")
        if isinstance(described, str) and described.strip():
            return described
        return self.loc(self.site.tagline) if self.site.tagline else self.loc(self.site.name)

    # -- Open Graph, Twitter ---------------------------------------------------------

    def share(self, page: Page, description: str) -> dict[str, object]:
        is_home = page.site_path == "/"
        values: dict[str, object] = {
            "type": "website",
            "site_name": self.loc(self.site.name),
            "title": self.loc(self.site.name) if is_home else page.title,
            "description": description,
            "locale": LOCALES.get(self.lang, self.lang),
            "locale_alternates": [LOCALES.get(other, other) for other in self.site.languages if other != self.lang],
            "card": "summary_large_image" if self.has_image else "summary",
        }
        if self.site.url:
            values["url"] = self.address(self.prefix + page.site_path)
        if self.has_image:
            values.update(image=self.address(SHARE_IMAGE), image_width=SHARE_SIZE[0], image_height=SHARE_SIZE[1],
                          image_alt=words(self.lang)["logo"].format(organiser=self.site.organiser))
        return values

    # -- schema.org ------------------------------------------------------------------

    def organisation(self) -> dict[str, object]:
        data: dict[str, object] = {"@type": "Organization", "name": self.site.organiser,
                                   "email": self.site.contact.email}
        if self.site.url:
            data["url"] = self.address(urls.home_page(self.site, self.lang))
        if self.site.contact.phone:
            data["telephone"] = self.site.contact.phone
        return data

    def place(self, venue: Venue) -> dict[str, object]:
        address: dict[str, object] = {"@type": "PostalAddress"}
        parts = _POSTAL.match(venue.address.strip())
        if parts:
            address.update(streetAddress=parts["street"].strip(), postalCode=parts["code"],
                           addressLocality=parts["town"].strip())
        else:
            address.update(streetAddress=venue.address.strip(), addressLocality=venue.municipality)
        country = COUNTRIES.get(self.site.timezone)
        if country:
            address["addressCountry"] = country
        return {"@type": "Place", "name": self.loc(venue.name), "address": address}

    def location(self, session: Session) -> dict[str, object]:
        venue = self.catalog.venue_of(session)
        if venue is not None:
            return self.place(venue)
        # The session's page, never the meeting itself: participants get that link when they register.
        return {"@type": "VirtualLocation", "url": self.address(urls.session_page(self.site, self.lang, session.id))}

    def timing(self, session: Session) -> dict[str, object]:
        return {
            "startDate": session.starts_at.isoformat(),
            "endDate": session.ends_at.isoformat(),
            "eventStatus": SCHEMA + ("EventCancelled" if session.is_cancelled else "EventScheduled"),
            "eventAttendanceMode": SCHEMA + ("OnlineEventAttendanceMode" if session.is_online
                                             else "OfflineEventAttendanceMode"),
            "location": self.location(session),
            "inLanguage": session.language,
        }

    def available(self, session: Session) -> bool:
        """Places can be had: scheduled (not full, waitlisted or cancelled) and before the deadline."""
        last = session.registration_deadline or session.date
        return session.status == "scheduled" and self.today <= last

    def offer(self, session: Session) -> dict[str, object]:
        page = self.address(urls.session_page(self.site, self.lang, session.id))
        data: dict[str, object] = {
            "@type": "Offer", "price": 0, "priceCurrency": "SEK",
            "availability": SCHEMA + ("InStock" if self.available(session) else "SoldOut"),
            "url": session.registration_url or page,
        }
        if session.registration_deadline:
            data["validThrough"] = session.registration_deadline.isoformat()
        return data

    def event(self, session: Session) -> dict[str, object]:
        module = self.catalog.module_of(session)
        page = self.address(urls.session_page(self.site, self.lang, session.id))
        description = self.loc(module.summary)
        if session.note:
            description = f"{description} {self.loc(session.note)}".strip()
        data: dict[str, object] = {
            "@context": "https://schema.org", "@type": "Event", "@id": f"{page}#event",
            "name": self.loc(module.title), "description": description, "url": page,
            **self.timing(session),
            "isAccessibleForFree": True,
            "organizer": self.organisation(),
            "offers": self.offer(session),
        }
        trainers = self.catalog.trainers_of(session)
        if trainers:
            data["performer"] = [{"@type": "Person", "name": t.name} for t in trainers]
        if session.capacity:
            data["maximumAttendeeCapacity"] = session.capacity
        if session.places_left is not None:
            data["remainingAttendeeCapacity"] = session.places_left
        if self.has_image:
            data["image"] = [self.address(SHARE_IMAGE)]
        return data

    def course(self, module: Module) -> dict[str, object]:
        page = self.address(urls.module_page(self.site, self.lang, module.id))
        instances = []
        for session in self.catalog.upcoming(self.today):
            if session.module != module.id:
                continue
            instances.append({
                "@type": "CourseInstance",
                "url": self.address(urls.session_page(self.site, self.lang, session.id)),
                "courseMode": "online" if session.is_online else "onsite",
                **self.timing(session),
            })
        data: dict[str, object] = {
            "@context": "https://schema.org", "@type": "Course", "@id": f"{page}#course",
            "name": self.loc(module.title), "description": self.loc(module.summary), "url": page,
            "provider": self.organisation(),
            "isAccessibleForFree": True,
            "timeRequired": iso_duration(module.duration_minutes),
            "offers": [{"@type": "Offer", "category": "Free", "price": 0, "priceCurrency": "SEK"}],
        }
        if instances:
            data["hasCourseInstance"] = instances
        return data

    # -- one page ------------------------------------------------------------------

    def page_meta(self, page: Page, sessions: dict[str, Session], modules: dict[str, Module]) -> dict[str, object]:
        session = sessions.get(page.path)
        module = modules.get(page.path)
        if page.meta.get("cg_hand_written"):  # a hand-written page replaced the generated one
            session = module = None
        description = self.description(page, session, module)
        meta: dict[str, object] = {"description": description, "cg_share": self.share(page, description)}
        data = []
        if session is not None and session.date >= self.today:
            data.append(self.event(session))
        if module is not None:
            data.append(self.course(module))
        if data:
            meta["cg_jsonld"] = [script_json(item) for item in data]
        if page.site_path.startswith(f"/{TRAINERS}/"):
            meta["search"] = {"boost": TRAINER_BOOST}
        return meta


def iso_duration(minutes: int) -> str:
    """420 -> 'PT7H', 210 -> 'PT3H30M'."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def add_meta(catalog: Catalog, page_sets: dict[str, list[Page]], today: dt.date) -> None:
    """Give every page its description, sharing values, schema.org data and search weight."""
    has_image = bool(catalog.site.logo)
    for lang, pages in page_sets.items():
        describer = Describer(catalog, lang, today, has_image)
        sessions = {page_path(describer.local(urls.session_page(catalog.site, lang, s.id))): s
                    for s in catalog.sessions}
        modules = {page_path(describer.local(urls.module_page(catalog.site, lang, m.id))): m
                   for m in catalog.modules.values()}
        for page in pages:
            page.meta.update(describer.page_meta(page, sessions, modules))


# -- files of the whole site ---------------------------------------------------------------

def write_files(catalog: Catalog, page_sets: dict[str, list[Page]], site_dir: Path,
                share: bytes | None = None) -> int:
    """The sitemaps, robots.txt and the share image (``share``, drawn with the favicons by
    the site stage, in a child process for an SVG logo: see :func:`share_image`); returns
    how many files were written.

    Without ``site.url`` there are no absolute addresses: mkdocs' sitemaps (which would
    list 'None') are removed and neither sitemap nor robots.txt is written.
    """
    written = 0
    site = catalog.site
    sitemaps = {lang: (site_dir if lang == site.default_language else site_dir / lang) for lang in site.languages}
    dated: dict[str, str] = {}
    for folder in sitemaps.values():
        dated.update(last_modified(folder / "sitemap.xml"))
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (folder / name).unlink(missing_ok=True)
    if site.url:
        every = list(site.languages)
        written += write_sitemap(site_dir, sitemap(catalog, page_sets, every, dated))
        for lang in site.languages:
            if lang != site.default_language:  # a sitemap lists only addresses below its own folder
                written += write_sitemap(sitemaps[lang], sitemap(catalog, page_sets, [lang], dated))
        robots = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(site, '/sitemap.xml')}\n"
        (site_dir / "robots.txt").write_text(robots, encoding="utf-8")
        written += 1
    image = share
    if image is not None:
        target = site_dir / SHARE_IMAGE.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)
        written += 1
    return written


def last_modified(path: Path) -> dict[str, str]:
    """Address -> lastmod of an mkdocs sitemap (its build day, or SOURCE_DATE_EPOCH's), if there is one."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return {}
    found = {}
    for entry in root.iter(f"{SITEMAP_NS}url"):
        loc, lastmod = entry.findtext(f"{SITEMAP_NS}loc"), entry.findtext(f"{SITEMAP_NS}lastmod")
        if loc and lastmod:
            found[loc.strip()] = lastmod.strip()
    return found


def sitemap(catalog: Catalog, page_sets: dict[str, list[Page]], languages: list[str],
            dated: dict[str, str] | None = None) -> str:
    """A sitemap of the pages of ``languages``, each with its translations as hreflang alternates
    (and x-default: the default language's page), only where the same page exists; ``lastmod``
    as mkdocs dated the page (``dated``)."""
    site = catalog.site
    paths = {lang: {page.site_path for page in pages if page.path != "404.md"} for lang, pages in page_sets.items()}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in languages:
        for path in sorted(paths.get(lang, ())):
            loc = urls.absolute(site, urls.language_prefix(site, lang) + path)
            lines.append("  <url>")
            lines.append(f"    <loc>{xml_escape(loc)}</loc>")
            if dated and loc in dated:
                lines.append(f"    <lastmod>{xml_escape(dated[loc])}</lastmod>")
            versions = [other for other in site.languages if path in paths.get(other, ())]
            if len(versions) > 1:
                for other in versions:
                    href = urls.absolute(site, urls.language_prefix(site, other) + path)
                    lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(other)} href={quoteattr(href)}/>')
                if site.default_language in versions:
                    href = urls.absolute(site, path)
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(href)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(folder: Path, xml: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    data = xml.encode("utf-8")
    (folder / "sitemap.xml").write_bytes(data)
    # mtime 0: the same sitemap gives the same bytes on every build
    with gzip.GzipFile(folder / "sitemap.xml.gz", "wb", mtime=0) as out:
        out.write(data)
    return 2


def share_image(catalog: Catalog) -> bytes | None:
    """The logo centred on a white 1200x630 card (PNG), or None without a logo.

    An SVG logo is drawn by Typst, which leaves native threads behind in its process: the
    site stage calls this only in a child process for an SVG logo (site.pictures_in_child),
    never in the build's own."""
    from ..logo import logo_png
    from PIL import Image

    width, height = SHARE_SIZE
    box = (width - 160, height - 160)
    picture = logo_png(catalog, box[1])
    if picture is None:
        return None
    with Image.open(io.BytesIO(picture)) as logo:
        logo = logo.convert("RGBA")
        if logo.width > box[0]:  # a wide logo: fit its width instead
            logo = logo.resize((box[0], max(1, round(logo.height * box[0] / logo.width))), Image.LANCZOS)
        card = Image.new("RGB", SHARE_SIZE, (255, 255, 255))
        card.paste(logo, ((width - logo.width) // 2, (height - logo.height) // 2), logo)
        out = io.BytesIO()
        card.save(out, format="PNG", optimize=True)
        return out.getvalue()


__all__ = ["add_meta", "script_json", "write_files"]
