"""Macros for hand-written pages in ``content/pages/`` (mkdocs-macros-plugin).

Only hand-written pages are rendered with macros; each call knows the page's
language, so the same call in ``om-programmet.sv.md`` and ``om-programmet.en.md``
gives Swedish and English text. Available in a page:

- ``{{ upcoming_sessions() }}``: the next sessions as a list; arguments
  ``kind`` (``basic-day``, ``deep-dive``, ``manager-breakfast``, ``network``),
  ``module`` (a module id), ``municipality`` (a name, e.g. ``Halmstad``) and ``limit`` (5).
- ``{{ module_link("grunddag") }}``: a link to a module's page, titled in the page's language.
- ``{{ calendar_link() }}``: a link to the calendar page.
- ``{{ programme }}``, ``{{ organiser }}``, ``{{ contact_email }}``.

The renderer binds the model with :func:`bound` while mkdocs runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Iterator

from ... import urls
from ...model import Catalog
from .markup import link, text
from .pages import LanguagePages

_BOUND: dict[str, object] = {}


@contextlib.contextmanager
def bound(catalog: Catalog, today: dt.date) -> Iterator[None]:
    """Make ``catalog`` and ``today`` the model the macros read, for the duration of a build."""
    _BOUND.update(catalog=catalog, today=today)
    try:
        yield
    finally:
        _BOUND.clear()


def _pages(env) -> LanguagePages:
    catalog = _BOUND.get("catalog")
    if catalog is None:
        raise RuntimeError("the course model is not bound; pages are built by 'coursegen build'")
    language = env.conf["extra"]["cg_language"]
    key = f"pages:{language}"  # one per language and build: every macro call shares it
    if key not in _BOUND:
        _BOUND[key] = LanguagePages(catalog, language, _BOUND["today"])
    return _BOUND[key]  # type: ignore[return-value]


def _here(env) -> str:
    """The current page's path below its language root, e.g. '/om-programmet/'."""
    return "/" + (env.page.url or "").lstrip("/")


def define_env(env) -> None:
    """Declare the macros and variables (called by mkdocs-macros-plugin)."""
    catalog: Catalog | None = _BOUND.get("catalog")  # type: ignore[assignment]
    if catalog is not None:
        language = env.conf["extra"]["cg_language"]
        env.variables["programme"] = catalog.site.name[language]
        env.variables["organiser"] = catalog.site.organiser
        env.variables["contact_email"] = catalog.site.contact.email

    @env.macro
    def upcoming_sessions(kind: str | None = None, limit: int = 5, module: str | None = None,
                          municipality: str | None = None) -> str:
        """The next ``limit`` upcoming sessions, optionally of one kind, module or municipality."""
        pages = _pages(env)
        chosen = pages.upcoming_of(kind=kind, module=module, municipality=municipality)
        return pages.session_list(_here(env), chosen[:limit])

    @env.macro
    def module_link(module_id: str) -> str:
        """A link to the module's page, with its title in the page's language."""
        pages = _pages(env)
        module = pages.catalog.modules[module_id]
        target = urls.module_page(pages.site, pages.lang, module_id)
        return link(text(pages.module_title(module)), pages.href(_here(env), target))

    @env.macro
    def calendar_link() -> str:
        """A link to the calendar of upcoming sessions."""
        return _pages(env).calendar_link(_here(env))
