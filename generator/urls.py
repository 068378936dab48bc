"""The public URLs, fixed by the content format: subscribers and bookmarks depend on them.

Every renderer builds links with these functions and nothing else, so a URL is defined
in one place. Paths are relative to the site root and start with '/'.
"""

from __future__ import annotations

from .model import Site, slugify


def language_prefix(site: Site, language: str) -> str:
    """'' for the default language (served at the root), '/en' for the others."""
    return "" if language == site.default_language else f"/{language}"


def home_page(site: Site, language: str) -> str:
    return f"{language_prefix(site, language)}/"


def module_page(site: Site, language: str, module_id: str) -> str:
    return f"{language_prefix(site, language)}/modules/{module_id}/"


def session_page(site: Site, language: str, session_id: str) -> str:
    return f"{language_prefix(site, language)}/sessions/{session_id}/"


def calendar_page(site: Site, language: str) -> str:
    return f"{language_prefix(site, language)}/sessions/"


def municipality_page(site: Site, language: str, municipality_slug: str) -> str:
    return f"{language_prefix(site, language)}/sessions/municipality/{municipality_slug}/"


def kind_page(site: Site, language: str, kind: str) -> str:
    return f"{language_prefix(site, language)}/sessions/kind/{kind}/"


def results_page(site: Site, language: str) -> str:
    """The evaluation results, aggregated (never free text)."""
    return f"{language_prefix(site, language)}/results/"


def notes_page(site: Site, language: str, module_id: str) -> str:
    """A module's speaker notes, readable online."""
    return f"{language_prefix(site, language)}/trainers/notes/{module_id}/"


def material_file(module_id: str, content_path: str) -> str:
    """A module's material download (``files[lang]`` of a material): /materials/<module-id>/<file name>."""
    return f"/materials/{module_id}/{content_path.rsplit('/', 1)[-1]}"


def material_page(site: Site, language: str, module_id: str, content_path: str) -> str:
    """The printable page of a Markdown material: /materials/<module-id>/<slug of the file name>/."""
    name = content_path.rsplit("/", 1)[-1].removesuffix(".md")
    return f"{language_prefix(site, language)}/materials/{module_id}/{slugify(name)}/"


def slide_image(content_path: str) -> str:
    """A slide image from content/, published once for every language: /media/<path in content/>."""
    return f"/media/{content_path}"


def module_deck(language: str, module_id: str) -> str:
    return f"/decks/{language}/{module_id}.pptx"


def session_deck(language: str, session_id: str) -> str:
    return f"/decks/{language}/sessions/{session_id}.pptx"


def feed_all(language: str) -> str:
    return f"/calendar/{language}/all.ics"


def feed_kind(language: str, kind: str) -> str:
    return f"/calendar/{language}/{kind}.ics"


def feed_online(language: str) -> str:
    """The online sessions: for those who cannot travel."""
    return f"/calendar/{language}/online.ics"


def feed_municipality(language: str, municipality_slug: str) -> str:
    return f"/calendar/{language}/municipality/{municipality_slug}.ics"


def feed_trainer(language: str, trainer_id: str) -> str:
    return f"/calendar/{language}/trainer/{trainer_id}.ics"


def feed_session(language: str, session_id: str) -> str:
    return f"/calendar/{language}/session/{session_id}.ics"


def print_script(language: str, module_id: str) -> str:
    """A module's speaker script (slides and notes, A4)."""
    return f"/print/{language}/script/{module_id}.pdf"


def print_flyer(language: str, municipality_slug: str | None = None) -> str:
    """The flyer for employers; with a municipality, the one listing that municipality's dates."""
    if municipality_slug is None:
        return f"/print/{language}/flyer.pdf"
    return f"/print/{language}/flyer/{municipality_slug}.pdf"


def print_attendance(language: str, session_id: str) -> str:
    return f"/print/{language}/attendance/{session_id}.pdf"


def print_certificate(language: str, session_id: str) -> str:
    return f"/print/{language}/certificate/{session_id}.pdf"


def print_evaluation(language: str, session_id: str) -> str:
    return f"/print/{language}/evaluation/{session_id}.pdf"


def absolute(site: Site, path: str) -> str:
    """Full address for use outside the site (feeds, decks); the path itself if no url is set."""
    return f"{site.url}{path}" if site.url else path


# Names the generated site uses directly below a language root: a hand-written page may not
# take them (content/pages/<name>.md), and the loader says so before anything is built.
GENERATED_NAMES = (
    "sessions", "modules", "trainers", "materials", "media", "calendar", "decks", "print",
    "results", "assets", "search", "archive", "404", "index", "readme", "sitemap",
    "anmalan",  # how registering works (site.yaml: registration), in every language
)
# Generated pages that a hand-written page of the same name replaces on purpose.
REPLACEABLE_PAGES = ("for-arbetsgivare", "tillganglighet")
# /sessions/<name>/ pages of the calendar: a session id may not be one of them.
RESERVED_SESSION_IDS = ("municipality", "kind", "online")
