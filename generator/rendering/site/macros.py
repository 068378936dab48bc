"""Macros for hand-written pages in ``content/pages/``, rendered in Jinja's sandbox.

A hand-written page is untrusted input: its ``{{ ... }}`` expressions are rendered by
this module, before mkdocs sees the page, in a :class:`jinja2.sandbox.SandboxedEnvironment`
with autoescaping, strict undefined names, and nothing in scope but what is listed here.
A page is text with ``{{ name }}`` and ``{{ name(...) }}`` in it, the values of a call
written out (``"basic-day"``, ``4``), and nothing else: no ``{% ... %}`` statements
(loops, ``set``, ``include``), no filters, tests, operators or attributes (checked on the
parsed page, before it runs). So a page takes at most :data:`MAX_CALLS` calls to render,
and its macros and variables may write at most :data:`MAX_OUTPUT` characters in all: no
page can stall the build or fill its memory. Each call knows the page's language, so the
same call in ``om-programmet.sv.md`` and ``om-programmet.en.md`` gives Swedish and English
text. Available in a page:

- ``{{ upcoming_sessions() }}``: the next sessions as a list; arguments
  ``kind`` (``basic-day``, ``deep-dive``, ``manager-breakfast``, ``network``),
  ``module`` (a module id), ``municipality`` (a name, e.g. ``Halmstad``) and ``limit`` (5).
- ``{{ module_link("grunddag") }}``: a link to a module's page, titled in the page's language.
- ``{{ calendar_link() }}``: a link to the calendar page.
- ``{{ evaluation_share("rekommendera", 4) }}``: of those who rated the question, the share who
  gave 4 or more ("92 %"), or "too few answers to report"; ``module=`` limits it to one module.
- ``{{ programme }}``, ``{{ organiser }}``, ``{{ contact_email }}``.

The macros return Markdown that the generator writes (its text escaped, see
:mod:`.markup`) as :class:`markupsafe.Markup`; the variables are escaped text. Anything
else, a name that does not exist, a syntax error, anything but a name or a call, is a
:class:`~generator.errors.ContentError` on the page's file and line.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import re
import types

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ... import urls
from ...errors import ContentError, ContentErrors, choice_list, suggestion
from ...messages import Message, msg
from ...model import MODULE_KINDS, Catalog, HandWrittenPage
from .markup import link, text
from .pages import LanguagePages
from .results import share_text

VARIABLES = ("programme", "organiser", "contact_email")
MACROS = ("upcoming_sessions", "module_link", "calendar_link", "evaluation_share")
# Calls in one page: each costs a pass over the sessions.
MAX_CALLS = 100
# Characters the macros and variables of one page may write, in one language, in all.
MAX_OUTPUT = 1_000_000


class MacroError(Exception):
    """A macro called with a value it cannot use; the message says what to write instead.

    Its message is a :class:`~generator.messages.Message`, shown in the editor's language;
    ``str()`` of the error is the English text.
    """

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


class RefusedMacro(MacroError):
    """Something a page may not write, found on the parsed page before it runs."""

    def __init__(self, message: Message, line: int, tag: str = "{{") -> None:
        super().__init__(message)
        self.line = line
        self.tag = tag  # how what was refused starts: '{{' or '{%'


class OutputBudget:
    """What the expressions of one rendering may still write."""

    def __init__(self, characters: int) -> None:
        self.left = characters

    def spend(self, value: object) -> None:
        self.left -= len(str(value))
        if self.left < 0:
            raise MacroError(msg("the macros of this page write more than {limit:,} characters; "
                                 "call them fewer times or with a smaller limit=", limit=MAX_OUTPUT))


_BUDGET: contextvars.ContextVar[OutputBudget | None] = contextvars.ContextVar("page_output_budget", default=None)


def _spend(value: object) -> object:
    """Every expression's value passes here before it is written (the environment's finalize)."""
    budget = _BUDGET.get()
    if budget is not None:  # None: a constant, written when the page is compiled
        budget.spend(value)
    return value


class PageEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with autoescaping, strict names, and no filters, tests, globals,
    attributes or operators.

    :func:`refused` already keeps all of these out of a page; the environment refuses them
    as well, so that a construct the check let through by mistake still finds nothing.
    """

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self) -> None:
        # An empty loader: {% include %}, {% import %} and {% extends %} find nothing.
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined, loader=jinja2.DictLoader({}),
                         finalize=_spend)
        self.globals.clear()  # no range, dict, lipsum, cycler, joiner, namespace
        self.filters.clear()
        self.tests.clear()

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return False

    def getattr(self, obj: object, attribute: str):
        if isinstance(obj, jinja2.Undefined):  # 'nosuch.x': say that 'nosuch' does not exist
            obj._fail_with_undefined_error()
        return super().getattr(obj, attribute)

    def getitem(self, obj: object, argument: object):
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()
        return super().getitem(obj, argument)

    def call_binop(self, context, operator_name: str, left, right):
        raise MacroError(msg("the operator '{operator}' is not allowed in a page; write the text or number itself",
                             operator=operator_name))


# What the editor wrote, for the statements a page may not hold.
_STATEMENTS = {
    nodes.For: "{% for %}", nodes.If: "{% if %}", nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}",
    nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}", nodes.FilterBlock: "{% filter %}",
    nodes.With: "{% with %}", nodes.Include: "{% include %}", nodes.Import: "{% import %}",
    nodes.FromImport: "{% from %}", nodes.Extends: "{% extends %}", nodes.Block: "{% block %}",
    nodes.Scope: "{% autoescape %}", nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.Continue: "{% continue %}", nodes.Break: "{% break %}", nodes.ExprStmt: "{% do %}",
}
_WRITE = msg("write a macro as {form} with its values written out, e.g. {example}",
             form="{{ name(...) }}", example='{{ upcoming_sessions(kind="basic-day", limit=4) }}')


def refused(template: nodes.Template) -> RefusedMacro | None:
    """The first thing in the parsed page that a page may not write, or None.

    A page is text, ``{{ name }}`` and ``{{ name(value, key=value) }}``, each value a
    string or a number written out; at most :data:`MAX_CALLS` calls.
    """
    calls = 0
    for statement in template.body:
        if not isinstance(statement, nodes.Output):
            what = _STATEMENTS.get(type(statement), "{% ... %}")
            return RefusedMacro(msg("not allowed in a page: '{what}'; {write}", what=what, write=_WRITE),
                                statement.lineno, "{%")
        for node in statement.nodes:
            if isinstance(node, nodes.TemplateData):
                continue
            problem = refused_expression(node)
            if problem:
                return problem
            if isinstance(node, nodes.Call):
                calls += 1
                if calls > MAX_CALLS:
                    return RefusedMacro(msg("a page may call macros at most {limit} times; "
                                            "split it into several pages", limit=MAX_CALLS), node.lineno)
    return None


def refused_expression(node: nodes.Node) -> RefusedMacro | None:
    """Why the expression ``{{ node }}`` may not be in a page, or None."""
    if isinstance(node, nodes.Const) and is_literal(node):
        return None
    if isinstance(node, nodes.Name) and node.name == "self":  # Jinja's own: the template
        return RefusedMacro(msg("not allowed in a page: 'self'; a page can use {names}", names=NAMES), node.lineno)
    if isinstance(node, nodes.Name):
        if node.name in MACROS:
            return RefusedMacro(msg("'{name}' is a macro: write {name}(...), e.g. {name}()", name=node.name),
                                node.lineno)
        return None  # a variable, or a name that does not exist (said when the page is rendered)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name != "self":
        name = node.node.name
        if name in VARIABLES:
            return RefusedMacro(msg("'{name}' is a variable, not a macro: write {written}",
                                    name=name, written=f"{{{{ {name} }}}}"), node.lineno)
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            return RefusedMacro(msg("not allowed in a page: '*' or '**' in the call of {name}(); {write}",
                                    name=name, write=_WRITE), node.lineno)
        keys = [keyword.key for keyword in node.kwargs]
        for key in keys:
            if keys.count(key) > 1:
                return RefusedMacro(msg("{name}(): '{key}=' is given twice; write it once", name=name, key=key),
                                    node.lineno)
        for value in [*node.args, *(keyword.value for keyword in node.kwargs)]:
            if not is_literal(value):
                return RefusedMacro(msg("{name}(): {what} is not allowed as a value in a page; {write}",
                                        name=name, what=describe_node(value), write=_WRITE), value.lineno)
        return None
    if isinstance(node, nodes.Call):
        node = node.node  # what is called: '.format' in "'{}'.format(1)"
    return RefusedMacro(msg("not allowed in a page: {what}; a page can use {names}, as {name_form} or {call_form}",
                            what=describe_node(node), names=NAMES, name_form="{{ name }}",
                            call_form="{{ name(...) }}"), node.lineno)


def is_literal(node: nodes.Node) -> bool:
    """A string, number, true, false or none written out (a number may have a sign)."""
    if isinstance(node, (nodes.Neg, nodes.Pos)):
        return isinstance(node.node, nodes.Const) and type(node.node.value) in (int, float)
    return isinstance(node, nodes.Const) and (node.value is None or type(node.value) in (str, int, float, bool))


def describe_node(node: nodes.Node) -> Message | str:
    """An expression as the editor would name it (code as it is written: a plain string)."""
    if isinstance(node, nodes.Getattr):
        return f"'.{node.attr}'"
    if isinstance(node, (nodes.Getitem, nodes.Slice)):
        return "'[...]'"
    if isinstance(node, nodes.Filter):
        return msg("the filter '|{name}'", name=node.name) if node.name else msg("a filter")
    if isinstance(node, nodes.Test):
        return msg("the test 'is {name}'", name=node.name)
    if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr)):
        return msg("the operator '{operator}'", operator=node.operator)
    if isinstance(node, nodes.Concat):
        return msg("the operator '{operator}'", operator="~")
    if isinstance(node, nodes.Compare):
        return msg("a comparison")
    if isinstance(node, nodes.CondExpr):
        return "'... if ... else ...'"
    if isinstance(node, nodes.List):
        return msg("a list")
    if isinstance(node, nodes.Tuple):
        return msg("a tuple")
    if isinstance(node, nodes.Dict):
        return msg("a dict")
    if isinstance(node, nodes.Name):
        return msg("the name '{name}'", name=node.name)
    if isinstance(node, nodes.Call):
        return msg("a call")
    return f"'{type(node).__name__}'"


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
            raise MacroError(msg("upcoming_sessions(kind=...): unknown kind {value}{hint}; use {choices}",
                                 value=quoted(kind), hint=suggestion(str(kind)[:80], MODULE_KINDS),
                                 choices=choice_list(MODULE_KINDS)))
        if module is not None and module not in catalog.modules:
            raise MacroError(msg("upcoming_sessions(module=...): unknown module {value}{hint}; "
                                 "use the name of a file in modules/ without .yaml",
                                 value=quoted(module), hint=suggestion(str(module)[:80], catalog.modules)))
        if municipality is not None and municipality not in catalog.municipalities:
            example = (catalog.municipalities or ("Halmstad",))[0]
            raise MacroError(msg("upcoming_sessions(municipality=...): no venue is in {value}{hint}; "
                                 "use the municipality of a venue in sessions.yaml, e.g. \"{example}\"",
                                 value=quoted(municipality),
                                 hint=suggestion(str(municipality)[:80], catalog.municipalities), example=example))
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise MacroError(msg("upcoming_sessions(limit=...): {value} is not a number of sessions; write e.g. limit=5",
                                 value=quoted(limit)))
        chosen = pages.upcoming_of(kind=kind, module=module, municipality=municipality)
        return Markup(pages.session_list(here, chosen[:limit]))

    def module_link(module_id: str) -> Markup:
        """A link to the module's page, with its title in the page's language."""
        module = catalog.modules.get(module_id) if isinstance(module_id, str) else None
        if module is None:
            raise MacroError(msg("module_link(): unknown module {value}{hint}; "
                                 "use the name of a file in modules/ without .yaml, e.g. module_link(\"grunddag\")",
                                 value=quoted(module_id), hint=suggestion(str(module_id)[:80], catalog.modules)))
        target = urls.module_page(site, pages.lang, module.id)
        return Markup(link(text(pages.module_title(module)), pages.href(here, target)))

    def calendar_link() -> Markup:
        """A link to the calendar of upcoming sessions."""
        return Markup(pages.calendar_link(here))

    def evaluation_share(question: str, at_least: int, module: str | None = None) -> Markup:
        """The share of ratings of ``at_least`` or more to ``question`` (see :func:`.results.share_text`)."""
        try:
            return Markup(share_text(catalog, pages.lang, question, at_least, module))
        except ValueError as exc:
            problem = exc.args[0] if exc.args else ""
            if isinstance(problem, Message):
                raise MacroError(msg("{call}: {problem}", call="evaluation_share()", problem=problem)) from None
            raise MacroError(msg("evaluation_share(): {problem}", problem=str(exc))) from None  # English text

    return {
        "programme": Markup(text(site.name[pages.lang])),
        "organiser": Markup(text(site.organiser)),
        "contact_email": Markup(text(site.contact.email)),
        "upcoming_sessions": upcoming_sessions,
        "module_link": module_link,
        "calendar_link": calendar_link,
        "evaluation_share": evaluation_share,
    }


def quoted(value: object, limit: int = 60) -> str:
    """A value a page wrote, as a message quotes it: at most ``limit`` characters, on one line."""
    flat = " ".join(str(value).split())
    return f"'{flat if len(flat) <= limit else flat[: limit - 1] + '…'}'"


def page_address(page: HandWrittenPage) -> str:
    """The page's path below its language root, e.g. '/om-programmet/'."""
    return f"/{page.slug}/"


def compile_page(page: HandWrittenPage, shown: str) -> jinja2.Template:
    """The page's body as a sandboxed template; a syntax error, or anything a page may not
    write (see :func:`refused`), as :class:`ContentErrors`."""
    try:
        tree = _ENVIRONMENT.parse(page.body, name=shown, filename=shown)
        problem = refused(tree)
        if problem:
            raise ContentErrors([page_error(page, shown, problem, problem.line)])
        code = _ENVIRONMENT.compile(tree, name=shown, filename=shown)
    except jinja2.TemplateSyntaxError as exc:
        raise ContentErrors([page_error(page, shown, exc, exc.lineno)]) from None
    except (RecursionError, ValueError):  # Jinja's parser recurses; Python reads at most 4,300 digits
        line, what = unreadable(page.body)
        problem = MacroError(msg("the macro cannot be read: {problem}; {write}", problem=what, write=_WRITE))
        raise ContentErrors([page_error(page, shown, problem, line)]) from None
    return _ENVIRONMENT.template_class.from_code(_ENVIRONMENT, code, {}, None)


def unreadable(body: str) -> tuple[int | None, Message | str]:
    """Where, and why, Jinja's parser gave up on ``body`` without a syntax error."""
    depth = deepest = 0
    first_tag = deepest_line = None
    try:
        for line, kind, value in _ENVIRONMENT.lexer.tokeniter(body, None):
            if kind in ("variable_begin", "block_begin") and first_tag is None:
                first_tag = line
            if kind == "integer" and len(value) > 100:
                return line, msg("a number with too many digits")
            if kind == "operator" and value in ("(", "[", "{"):
                depth += 1
                if depth > deepest:
                    deepest, deepest_line = depth, line
            elif kind == "operator" and value in (")", "]", "}"):
                depth -= 1
    except jinja2.TemplateSyntaxError as exc:
        return exc.lineno, exc.message or "unreadable"
    return deepest_line or first_tag, msg("brackets, statements or operators nested too deeply")


def render_page(page: HandWrittenPage, pages: LanguagePages, shown: str,
                template: jinja2.Template | None = None) -> str:
    """The page's Markdown with its macros rendered in ``pages.lang``.

    Raises :class:`ContentErrors` naming the page's file and line if a macro fails.
    """
    template = template or compile_page(page, shown)
    budget = _BUDGET.set(OutputBudget(MAX_OUTPUT))
    try:
        return template.render(page_names(pages, page_address(page)))
    except Exception as exc:  # noqa: BLE001 - whatever the page did, the editor gets one message
        raise ContentErrors([page_error(page, shown, exc, template_line(exc, shown))]) from None
    finally:
        _BUDGET.reset(budget)


def check_page_macros(catalog: Catalog, *, today: dt.date | None = None) -> list[ContentError]:
    """Render every hand-written page's macros in every language it serves, without mkdocs.

    Returns the errors (unknown names, syntax errors, refused operations, macros called
    with unknown values), each on the page's file and line, named as the loader names files. Which
    sessions are upcoming does not decide whether a page renders: ``today`` defaults to
    the current date.
    """
    today = today or dt.datetime.now(catalog.site.zone).date()
    languages = catalog.site.languages
    language_pages: dict[str, LanguagePages] = {}
    errors: list[ContentError] = []
    for page in catalog.pages:
        shown = page.shown
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


NAMES = msg("the macros {macros} and the variables {variables} (see 'Write your own pages' in the editor guide)",
            macros=", ".join(f"{name}()" for name in MACROS), variables=", ".join(VARIABLES))


def unknown_name(name: str) -> Message:
    """A name that is neither a macro nor a variable, and what a page can use instead."""
    return msg("unknown macro or variable '{name}'{hint}; a page can use {names}",
               name=name, hint=suggestion(name, MACROS + VARIABLES), names=NAMES)


def describe(exc: BaseException) -> Message | str:
    """What went wrong, and how to fix it, in the editor's terms (a message in both languages;
    what Jinja or Python itself says is quoted in English)."""
    if isinstance(exc, MacroError):
        return exc.args[0] if exc.args else str(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return msg("the macro cannot be read: {problem}; write a macro as {form}, and text that starts with "
                   "'{variable}' or '{statement}' as {variable_written} or {statement_written}",
                   problem=exc.message, form="{{ name(...) }}", variable="{{", statement="{%",
                   variable_written="{{ '{{' }}", statement_written="{{ '{%' }}")
    if isinstance(exc, jinja2.UndefinedError):
        found = re.search(r"'([^']+)' is undefined", exc.message or "")
        if found:
            return unknown_name(found.group(1))
        return msg("{problem}; a page can use {names}", problem=exc.message, names=NAMES)
    if isinstance(exc, jinja2.sandbox.SecurityError):
        found = re.search(r"access to attribute '([^']+)'", str(exc))
        what = f"'.{found.group(1)}'" if found else str(exc).rstrip(".")
        return msg("not allowed in a page: {what}; a page can use {names}, and nothing inside them",
                   what=what, names=NAMES)
    if isinstance(exc, jinja2.TemplateNotFound):
        return msg("a page cannot include, import or extend other files ('{name}'); a page can use {names}",
                   name=exc.name, names=NAMES)
    if isinstance(exc, TypeError) and "argument" in str(exc):
        called = re.sub(r"\b\w+\.<locals>\.", "", str(exc))  # 'module_link() takes 1 positional argument ...'
        return msg("{problem}; see the arguments in 'Write your own pages' in the editor guide", problem=called)
    if isinstance(exc, jinja2.TemplateError):
        return msg("the macros cannot be rendered: {problem}; a page can use {names}", problem=str(exc), names=NAMES)
    return msg("the macros cannot be rendered: {kind}: {problem}; a page can use {names}",
               kind=type(exc).__name__, problem=str(exc), names=NAMES)


def guess_column(source_line: str, exc: BaseException) -> int:
    """Column of the name the error is about, if the line holds it; else of the first '{{'
    (of the first '{%' for a refused statement)."""
    found = re.search(r"'([A-Za-z_][A-Za-z0-9_]*)' is undefined", str(exc))
    if found:
        match = re.search(rf"\b{re.escape(found.group(1))}\b", source_line)
        if match:
            return match.start() + 1
    first, second = ("{%", "{{") if isinstance(exc, RefusedMacro) and exc.tag == "{%" else ("{{", "{%")
    start = source_line.find(first)
    if start < 0:
        start = source_line.find(second)
    return start + 1 if start >= 0 else 1


__all__ = ["MACROS", "VARIABLES", "check_page_macros", "compile_page", "render_page"]


def check_page_sources(pages: tuple[HandWrittenPage, ...]) -> list[ContentError]:
    """What can be judged of hand-written pages without the rest of the content: syntax,
    anything a page may not write, and unknown names. ``check`` reports these even when
    other files have errors, so an editor sees every problem at once."""
    errors: list[ContentError] = []
    for page in pages:
        shown = page.shown
        try:
            compile_page(page, shown)
            tree = _ENVIRONMENT.parse(page.body, name=shown, filename=shown)
        except ContentErrors as failure:
            errors.extend(failure.errors)
            continue
        except (jinja2.TemplateSyntaxError, RecursionError, ValueError):
            continue  # compile_page reported it
        for name in tree.find_all(nodes.Name):
            if name.name not in MACROS + VARIABLES:
                problem = MacroError(unknown_name(name.name))
                errors.append(page_error(page, shown, problem, name.lineno))
                break
    return sorted(set(errors))
