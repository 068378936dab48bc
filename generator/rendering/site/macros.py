"""Macros for hand-written pages in ``content/pages/``, rendered in Jinja's sandbox.

A hand-written page is untrusted input: its ``{{ ... }}`` expressions are rendered by
this module, before mkdocs sees the page, in a :class:`jinja2.sandbox.SandboxedEnvironment`
with autoescaping, strict undefined names, no attribute access, and nothing in scope but
what is listed here. Each call knows the page's language, so the same call in
``om-programmet.sv.md`` and ``om-programmet.en.md`` gives Swedish and English text.
Available in a page:

- ``{{ upcoming_sessions() }}``: the next sessions as a list; arguments
  ``kind`` (``basic-day``, ``deep-dive``, ``manager-breakfast``, ``network``),
  ``module`` (a module id), ``municipality`` (a name, e.g. ``Halmstad``) and ``limit`` (5).
- ``{{ module_link("grunddag") }}``: a link to a module's page, titled in the page's language.
- ``{{ calendar_link() }}``: a link to the calendar page.
- ``{{ programme }}``, ``{{ organiser }}``, ``{{ contact_email }}``.

The macros return Markdown that the generator writes (its text escaped, see
:mod:`.markup`) as :class:`markupsafe.Markup`; the variables are escaped text. Anything
else, a name that does not exist, a syntax error or a reach for Python's internals, is a
:class:`~generator.errors.ContentError` on the page's file and line.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
import re
import types

import jinja2
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ... import urls
from ...errors import ContentError, ContentErrors, did_you_mean, one_of
from ...model import MODULE_KINDS, Catalog, HandWrittenPage
from .markup import link, text
from .pages import LanguagePages

VARIABLES = ("programme", "organiser", "contact_email")
MACROS = ("upcoming_sessions", "module_link", "calendar_link")
# Longest string or list a page's '*' or '**' may make: a page cannot stall the build.
MAX_SIZE = 100_000


class MacroError(Exception):
    """A macro called with a value it cannot use; the message says what to write instead."""


class PageEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with autoescaping, strict names and no attributes of any object.

    The sandbox already refuses Python's internals (``__globals__``, ``__class__``, ...);
    here every attribute is refused, except those of a ``{% for %}`` loop's ``loop``,
    since no documented name has any, and '*' and '**' are bounded.
    """

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        # An empty loader: {% include %}, {% import %} and {% extends %} find nothing.
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined, loader=jinja2.DictLoader({}))
        self.globals.clear()  # no range, dict, lipsum, cycler, joiner, namespace

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return isinstance(obj, LoopContext) and super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: object, attribute: str):
        if isinstance(obj, jinja2.Undefined):  # 'nosuch.x': say that 'nosuch' does not exist
            obj._fail_with_undefined_error()
        return super().getattr(obj, attribute)

    def getitem(self, obj: object, argument: object):
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()
        return super().getitem(obj, argument)

    def call_binop(self, context, operator_name: str, left, right):
        if operator_name == "**":
            if not isinstance(right, int) or abs(right) > 64 or (isinstance(left, int) and abs(left) > 2 ** 32):
                raise MacroError("'**' is limited to small numbers in a page; write the number itself")
            return operator.pow(left, right)
        result_size = 0
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                result_size = len(sequence) * count
        if result_size > MAX_SIZE:
            raise MacroError(f"'*' may make at most {MAX_SIZE} characters or items in a page; write the text itself")
        return operator.mul(left, right)


_ENVIRONMENT = PageEnvironment()


def page_names(pages: LanguagePages, here: str) -> dict[str, object]:
    """The names a page may use, in ``pages.lang``, for the page at ``here`` (e.g. '/om-programmet/').

    The macros are plain functions (no object behind them to reach through).
    """
    catalog, site = pages.catalog, pages.site

    def upcoming_sessions(kind: str | None = None, limit: int = 5, module: str | None = None,
                          municipality: str | None = None) -> Markup:
        """The next ``limit`` upcoming sessions, optionally of one kind, module or municipality."""
        if kind is not None and kind not in MODULE_KINDS:
            raise MacroError(f"upcoming_sessions(kind=...): unknown kind '{kind}'{did_you_mean(str(kind), MODULE_KINDS)}; "
                             f"use {one_of(MODULE_KINDS)}")
        if module is not None and module not in catalog.modules:
            raise MacroError(f"upcoming_sessions(module=...): unknown module '{module}'"
                             f"{did_you_mean(str(module), catalog.modules)}; use the name of a file in modules/ without .yaml")
        if municipality is not None and municipality not in catalog.municipalities:
            example = (catalog.municipalities or ("Halmstad",))[0]
            raise MacroError(f"upcoming_sessions(municipality=...): no venue is in '{municipality}'"
                             f"{did_you_mean(str(municipality), catalog.municipalities)}; "
                             f"use the municipality of a venue in sessions.yaml, e.g. \"{example}\"")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise MacroError(f"upcoming_sessions(limit=...): '{limit}' is not a number of sessions; write e.g. limit=5")
        chosen = pages.upcoming_of(kind=kind, module=module, municipality=municipality)
        return Markup(pages.session_list(here, chosen[:limit]))

    def module_link(module_id: str) -> Markup:
        """A link to the module's page, with its title in the page's language."""
        module = catalog.modules.get(module_id) if isinstance(module_id, str) else None
        if module is None:
            raise MacroError(f"module_link(): unknown module '{module_id}'{did_you_mean(str(module_id), catalog.modules)}; "
                             "use the name of a file in modules/ without .yaml, e.g. module_link(\"grunddag\")")
        target = urls.module_page(site, pages.lang, module.id)
        return Markup(link(text(pages.module_title(module)), pages.href(here, target)))

    def calendar_link() -> Markup:
        """A link to the calendar of upcoming sessions."""
        return Markup(pages.calendar_link(here))

    return {
        "programme": Markup(text(site.name[pages.lang])),
        "organiser": Markup(text(site.organiser)),
        "contact_email": Markup(text(site.contact.email)),
        "upcoming_sessions": upcoming_sessions,
        "module_link": module_link,
        "calendar_link": calendar_link,
    }


def shown_path(catalog: Catalog, page: HandWrittenPage, content_shown: str | None = None) -> str:
    """The page's file as the loader's messages name files: below the content folder as the
    editor named it, e.g. 'content/pages/om-programmet.sv.md'."""
    folder = content_shown if content_shown is not None else shown_folder(catalog)
    return os.path.join(folder, *page.source.split("/")) if folder else page.source


def shown_folder(catalog: Catalog) -> str:
    """The content folder as the editor named it: the loader names each module's file below
    it (``Module.source``); without modules, the folder's own name."""
    for module in catalog.modules.values():
        tail = os.path.join("modules", f"{module.id}.yaml")
        if module.source.endswith(tail):
            return module.source[: -len(tail)].rstrip(os.sep) or "."
    return catalog.content_dir.name


def page_address(page: HandWrittenPage) -> str:
    """The page's path below its language root, e.g. '/om-programmet/'."""
    return f"/{page.slug}/"


def compile_page(page: HandWrittenPage, shown: str) -> jinja2.Template:
    """The page's body as a sandboxed template; a syntax error as :class:`ContentErrors`."""
    try:
        code = _ENVIRONMENT.compile(page.body, name=shown, filename=shown)
    except jinja2.TemplateSyntaxError as exc:
        raise ContentErrors([page_error(page, shown, exc, exc.lineno)]) from None
    return _ENVIRONMENT.template_class.from_code(_ENVIRONMENT, code, {}, None)


def render_page(page: HandWrittenPage, pages: LanguagePages, shown: str,
                template: jinja2.Template | None = None) -> str:
    """The page's Markdown with its macros rendered in ``pages.lang``.

    Raises :class:`ContentErrors` naming the page's file and line if a macro fails.
    """
    template = template or compile_page(page, shown)
    try:
        return template.render(page_names(pages, page_address(page)))
    except Exception as exc:  # noqa: BLE001 - whatever the page did, the editor gets one message
        raise ContentErrors([page_error(page, shown, exc, template_line(exc, shown))]) from None


def check_page_macros(catalog: Catalog, *, today: dt.date | None = None,
                      content_shown: str | None = None) -> list[ContentError]:
    """Render every hand-written page's macros in every language it serves, without mkdocs.

    Returns the errors (unknown names, syntax errors, refused operations, macros called
    with unknown values), each on the page's file and line, named as the loader names files
    (``content_shown``, the content folder as the editor named it, overrides that). Which
    sessions are upcoming does not decide whether a page renders: ``today`` defaults to
    the current date.
    """
    today = today or dt.datetime.now(catalog.site.zone).date()
    languages = catalog.site.languages
    language_pages: dict[str, LanguagePages] = {}
    errors: list[ContentError] = []
    for page in catalog.pages:
        shown = shown_path(catalog, page, content_shown)
        try:
            template = compile_page(page, shown)
            for lang in ([page.language] if page.language in languages else languages):
                if lang not in language_pages:
                    language_pages[lang] = LanguagePages(catalog, lang, today)
                render_page(page, language_pages[lang], shown, template)
        except ContentErrors as failure:
            errors.extend(failure.errors)
    return sorted(set(errors))


def template_line(exc: BaseException, shown: str) -> int | None:
    """The template line a rendering error happened on (Jinja maps its frames to the template)."""
    line = None
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == shown:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def page_error(page: HandWrittenPage, shown: str, exc: BaseException, line: int | None) -> ContentError:
    """One error on the page's file: where in the file, and what to do."""
    message = describe(exc)
    file_line = page.body_line + (line or 1) - 1
    column = 1
    if line:
        body_lines = page.body.split("\n")
        if line <= len(body_lines):
            column = guess_column(body_lines[line - 1], exc)
    return ContentError(shown, file_line, column, "", message)


NAMES = ("the macros " + ", ".join(f"{name}()" for name in MACROS) + " and the variables " + ", ".join(VARIABLES)
         + " (see 'Write your own pages' in the editor guide)")


def describe(exc: BaseException) -> str:
    """What went wrong, and how to fix it, in the editor's terms."""
    if isinstance(exc, MacroError):
        return str(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (f"the macro cannot be read: {exc.message}; write a macro as {{{{ name(...) }}}}, "
                f"and text that starts with '{{{{' or '{{%' as {{{{ '{{{{' }}}} or {{{{ '{{%' }}}}")
    if isinstance(exc, jinja2.UndefinedError):
        found = re.search(r"'([^']+)' is undefined", exc.message or "")
        if found:
            name = found.group(1)
            return f"unknown macro or variable '{name}'{did_you_mean(name, MACROS + VARIABLES)}; a page can use {NAMES}"
        return f"{exc.message}; a page can use {NAMES}"
    if isinstance(exc, jinja2.sandbox.SecurityError):
        found = re.search(r"access to attribute '([^']+)'", str(exc))
        what = f"'.{found.group(1)}'" if found else str(exc).rstrip(".")
        return f"not allowed in a page: {what}; a page can use {NAMES}, and nothing inside them"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"a page cannot include, import or extend other files ('{exc.name}'); a page can use {NAMES}"
    if isinstance(exc, TypeError) and "argument" in str(exc):
        called = re.sub(r"\b\w+\.<locals>\.", "", str(exc))  # 'module_link() takes 1 positional argument ...'
        return f"{called}; see the arguments in 'Write your own pages' in the editor guide"
    if isinstance(exc, jinja2.TemplateError):
        return f"the macros cannot be rendered: {exc}; a page can use {NAMES}"
    return f"the macros cannot be rendered: {type(exc).__name__}: {exc}; a page can use {NAMES}"


def guess_column(source_line: str, exc: BaseException) -> int:
    """Column of the name the error is about, if the line holds it; else of the first '{{'."""
    found = re.search(r"'([A-Za-z_][A-Za-z0-9_]*)' is undefined", str(exc))
    if found:
        match = re.search(rf"\b{re.escape(found.group(1))}\b", source_line)
        if match:
            return match.start() + 1
    start = source_line.find("{{")
    if start < 0:
        start = source_line.find("{%")
    return start + 1 if start >= 0 else 1


__all__ = ["MACROS", "VARIABLES", "check_page_macros", "compile_page", "render_page"]
