"""The command line: parse arguments, call the library, turn errors into messages and exit codes.

Nothing here knows how content is validated or rendered; the library raises
:class:`ContentErrors` or :class:`BuildError` and this layer prints them. No traceback
reaches an editor.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__
from .editing.formats import FORMATS, errors_found
from .errors import BuildError, ContentErrors
from .loading import load_catalog
from .messages import EDITOR_LANGUAGES, Message, editor_language, msg
from .model import DELIVERY_MODES, MODULE_KINDS

CONTENT_OPTION = click.option(
    "--content", "content_dir", default="content", show_default=True,
    type=click.Path(path_type=Path), help="The content folder to read.",
)


def remember_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.find_root().meta["coursegen.lang"] = value


LANG_OPTION = click.option(
    "--lang", type=click.Choice(EDITOR_LANGUAGES), expose_value=False, is_eager=True, callback=remember_language,
    help="Language of the messages, sv or en (default: COURSEGEN_LANG or LANG, else the site's first language).",
)
YES_OPTION = click.option("--yes", "-y", is_flag=True, help="Write without asking (for scripts).")


def speaks(content_dir: Path | None = None) -> str:
    """The editor's language: --lang, the environment, the site's first language, Swedish."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.find_root().meta.get("coursegen.lang") if ctx else None
    site = None
    if chosen is None and content_dir is not None:
        from .loading.content import first_language

        try:
            site = first_language(content_dir)
        except OSError:
            site = None
    return editor_language(chosen, site_language=site)


def say(language: str, template: str, err: bool = False, **values) -> None:
    """Print one message from the catalog in the editor's language."""
    click.echo(msg(template, **values).text(language), err=err)


def report_errors(errors: ContentErrors, language: str = "en") -> None:
    """Every error, then how many, on standard error: as ``check --format text`` prints them.

    Errors of a proposed change name the lines of the text that would have been written,
    so that text is shown with its line numbers."""
    from .editing.scaffold import ProposalErrors

    proposed = errors.proposed if isinstance(errors, ProposalErrors) else {}
    for error in errors.errors:
        line = error.line_in(language)
        if error.path in proposed:
            line = msg("{path} (proposed)", path=error.path).text(language) + line[len(error.path):]
        click.echo(line, err=True)
    for path, (before, after) in proposed.items():
        wrong = {e.line for e in errors.errors if e.path == path}
        say(language, "The text that would have been written to {path} (nothing was written):", err=True, path=path)
        for line in proposal_lines(before, after, wrong):
            click.echo(line, err=True)
    click.echo(errors_found(len(errors.errors)).text(language), err=True)


def proposal_lines(before: str, after: str, wrong: set[int]) -> list[str]:
    """The new or changed lines of ``after`` and the lines with errors, numbered; '>' marks an error."""
    import difflib

    old, new = before.splitlines(), after.splitlines()
    shown = set(wrong)
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            shown.update(range(j1 + 1, j2 + 1))
    out, previous = [], None
    for number in sorted(n for n in shown if 1 <= n <= len(new)):
        if previous is not None and number > previous + 1:
            out.append("       ...")
        out.append(f"{'>' if number in wrong else ' '} {number:>4} | {new[number - 1]}")
        previous = number
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursegen")
@LANG_OPTION
def cli() -> None:
    """Build a bilingual course site, slide decks and calendar feeds from YAML in content/."""


@cli.command()
@CONTENT_OPTION
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
    help="text for people, json for tools, github for pull-request annotations.",
)
@click.option("--translations", is_flag=True, help="Also warn about texts that are the same in every language.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@LANG_OPTION
def check(content_dir: Path, output_format: str, translations: bool, strict: bool) -> None:
    """Validate the content and report every error with file, line and field."""
    from .editing.checking import run_check
    from .editing.formats import github_lines, json_text, text_lines

    language = speaks(content_dir)
    result = run_check(content_dir, translations=translations)
    if output_format == "json":
        click.echo(json_text(result, language))
    elif output_format == "github":
        for line in github_lines(result, language):
            click.echo(line)
    else:
        out, err = text_lines(result, language)
        for line in err:
            click.echo(line, err=True)
        for line in out:
            click.echo(line)
    if not result.ok or (strict and result.warnings):
        sys.exit(1)


@cli.command()
@CONTENT_OPTION
@click.option(
    "--out", "out_dir", default="build", show_default=True, type=click.Path(path_type=Path),
    help="Output folder; the site lands in OUT/site/.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed since the last build.")
@LANG_OPTION
def build(content_dir: Path, out_dir: Path, quiet: bool, force: bool) -> None:
    """Validate, then build the site, decks and feeds into OUT/site/ (swapped in at the end)."""
    from .pipeline import build as run_build

    language = speaks(content_dir)
    log = (lambda message: None) if quiet else (lambda message: click.echo(message))
    try:
        report = run_build(content_dir, out_dir, log=log, force=force)
    except ContentErrors as errors:
        report_errors(errors, language)
        sys.exit(1)
    except BuildError as exc:
        say(language, "build failed: {reason}", err=True, reason=exc)
        kept(out_dir, language)
        sys.exit(1)
    except OSError as exc:  # the disk, not the content: full, read-only, a folder taken away
        say(language, "build failed: {reason}", err=True, reason=f"{exc.filename or ''}: {exc.strerror or exc}")
        kept(out_dir, language)
        sys.exit(1)
    click.echo(report.summary())


def kept(out_dir: Path, language: str) -> None:
    if (out_dir / "site").is_dir():
        say(language, "The previous {site} was left as it was.", err=True, site=out_dir / "site")


@cli.command()
@CONTENT_OPTION
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(path_type=Path))
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(content_dir: Path, out_dir: Path, port: int) -> None:
    """Serve the site, rebuild when content/ changes and reload the open page."""
    from .preview import Preview

    try:
        preview = Preview(content_dir, out_dir, port=port, log=click.echo)
    except OSError as exc:
        click.echo(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; "
                   f"stop the other server or choose another port with --port", err=True)
        sys.exit(1)
    preview.start()
    click.echo(f"Serving {out_dir / 'site'} at {preview.url} (Ctrl+C stops)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        preview.stop()


# -- the editors' workflow: schema, new session, new module, status commands --------------

class ClockType(click.ParamType):
    """A clock time such as 09:00 (also 9:00 and 09.00)."""

    name = "HH:MM"

    def convert(self, value, param, ctx):
        from .editing.prompts import clock

        if hasattr(value, "hour"):
            return value
        time, problem = clock(str(value))
        if problem is not None:
            self.fail(problem.text(speaks()), param, ctx)
        return time


class DateType(click.ParamType):
    """A date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        from .editing.prompts import date

        if hasattr(value, "year"):
            return value
        day, problem = date(str(value))
        if problem is not None:
            self.fail(problem.text(speaks()), param, ctx)
        return day


CLOCK = ClockType()
DATE = DateType()


def load_or_exit(content_dir: Path, language: str):
    """The catalog, or print every error and exit 1: edits start from valid content."""
    try:
        return load_catalog(content_dir)
    except ContentErrors as errors:
        report_errors(errors, language)
        say(language, "Fix these errors first.", err=True)
        sys.exit(1)


def listing(language: str, label: Message, options: dict[str, str]) -> None:
    click.echo(msg("{label}:", label=label).text(language))
    for key, name in options.items():
        click.echo(f"  {key}  {name}")


@cli.command()
@click.option("--out", "out_dir", default="schemas", show_default=True, type=click.Path(path_type=Path),
              help="Folder for site/module/sessions .schema.json.")
@CONTENT_OPTION
def schema(out_dir: Path, content_dir: Path) -> None:
    """Write JSON Schemas for the content files (for completion and checks in editors)."""
    from .editing.schema import write_schemas
    from .loading.content import DEFAULT_LANGUAGES, load_site

    site = load_site(content_dir, []) if (content_dir / "site.yaml").is_file() else None
    languages = site.languages if site else DEFAULT_LANGUAGES
    for path in write_schemas(out_dir, languages):
        click.echo(f"wrote {path}")


@cli.group()
@LANG_OPTION
def new() -> None:
    """Add a session or a module, checked before anything is written."""


@new.command("session")
@CONTENT_OPTION
@click.option("--id", "session_id", help="Permanent id; suggested from date, module and place if left out.")
@click.option("--module", help="Module id (file name in modules/ without .yaml).")
@click.option("--date", type=DATE, help="Date, YYYY-MM-DD.")
@click.option("--start", type=CLOCK, help="Start time, HH:MM.")
@click.option("--end", type=CLOCK, help="End time, HH:MM.")
@click.option("--venue", help="Venue id (under venues: in sessions.yaml).")
@click.option("--online-url", help="Meeting link, for an online session instead of a venue.")
@click.option("--trainer", "trainers", multiple=True, help="Trainer id; repeat for several.")
@click.option("--capacity", type=click.IntRange(min=0), help="Number of places.")
@click.option("--registration-url", help="Registration link.")
@click.option("--deadline", type=DATE, help="Last day to register, YYYY-MM-DD.")
@click.option("--language", help="Language the session is taught in (default: the site's first).")
@LANG_OPTION
def new_session(content_dir: Path, session_id, module, date, start, end, venue, online_url, trainers,
                capacity, registration_url, deadline, language) -> None:
    """Add a session to sessions.yaml; asks for whatever the options leave out, again after a wrong answer."""
    from .editing import prompts
    from .editing.scaffold import SessionDraft, add_session

    speech = speaks(content_dir)
    catalog = load_or_exit(content_dir, speech)
    interactive = None in (module, date, start, end) or not (venue or online_url)
    if module is None:
        modules = {m.id: str(m.title) for m in catalog.modules.values()}
        listing(speech, msg("Module"), modules)
        module = prompts.ask(speech, msg("Module"), prompts.one_of(modules))
    if date is None:
        date = prompts.ask(speech, msg("Date (YYYY-MM-DD)"), prompts.date)
    if start is None:
        start = prompts.ask(speech, msg("Start (HH:MM)"), prompts.clock)
    if end is None:
        end = prompts.ask(speech, msg("End (HH:MM)"), prompts.later_than(start))
    if not (venue or online_url):
        places = {v.id: f"{v.name} ({v.municipality})" for v in catalog.venues.values()}
        places["online"] = msg("online").text(speech)
        listing(speech, msg("Venue"), places)
        venue = prompts.ask(speech, msg("Venue"), prompts.one_of(places))
        if venue == "online":
            venue, online_url = None, prompts.ask(speech, msg("Meeting link (https://...)"), prompts.web_address)
    if interactive:
        if not trainers:
            people = {t.id: f"{t.name}, {t.organisation}" for t in catalog.trainers.values()}
            listing(speech, msg("Trainers"), people)
            trainers = prompts.ask(speech, msg("Trainer ids, separated by commas (empty = none)"),
                                   prompts.id_list(people))
        if capacity is None:
            capacity = prompts.ask(speech, msg("Places (empty = not given)"), prompts.optional(prompts.whole_number))
        if registration_url is None:
            registration_url = prompts.ask(speech, msg("Registration link (empty = none)"),
                                           prompts.optional(prompts.web_address))
        if registration_url and deadline is None:
            deadline = prompts.ask(speech, msg("Last day to register, YYYY-MM-DD (empty = none)"),
                                   prompts.optional(prompts.not_after(date)))
    languages = catalog.site.languages
    if language is None:
        language = languages[0] if not interactive else prompts.ask(
            speech, msg("Language the session is taught in ({choices})", choices=", ".join(languages)),
            prompts.one_of(languages), default=languages[0])
    draft = SessionDraft(
        module=module, date=date, start=start, end=end, language=language, venue=venue, online_url=online_url,
        trainers=list(trainers), capacity=capacity, registration_url=registration_url, deadline=deadline,
        id=session_id,
    )
    try:
        new_id = add_session(content_dir, draft)
    except ContentErrors as errors:
        report_errors(errors, speech)
        sys.exit(1)
    say(speech, "Added {id} to {path}.", id=new_id, path=content_dir / "sessions.yaml")
    say(speech, "Review, commit and push to publish.")


@new.command("module")
@CONTENT_OPTION
@click.option("--id", "module_id", help="Module id: lower-case letters, digits and dashes; becomes modules/<id>.yaml.")
@click.option("--kind", type=click.Choice(MODULE_KINDS), help="Kind of module.")
@click.option("--title", multiple=True, metavar="LANG=TEXT", help="Title per language, e.g. --title sv=Grunddag.")
@click.option("--summary", multiple=True, metavar="LANG=TEXT", help="One paragraph per language.")
@click.option("--audience", multiple=True, metavar="LANG=TEXT", help="Who it is for, per language.")
@click.option("--objective", multiple=True, metavar="LANG=TEXT", help="A first learning objective, per language.")
@click.option("--duration", type=click.IntRange(min=1), help="Length in minutes.")
@click.option("--delivery", multiple=True, type=click.Choice(DELIVERY_MODES), help="on-site and/or online; repeat for both.")
@LANG_OPTION
def new_module(content_dir: Path, module_id, kind, title, summary, audience, objective, duration, delivery) -> None:
    """Create modules/<id>.yaml with a skeleton that passes the check; asks for what is missing."""
    from .editing import prompts
    from .editing.scaffold import ModuleDraft, add_module, parse_localized

    speech = speaks(content_dir)
    catalog = load_or_exit(content_dir, speech)
    languages = catalog.site.languages

    def texts(values, label: Message):
        try:
            given = parse_localized(values, languages)
        except ValueError as exc:
            raise click.BadParameter(exc.message.text(speech), param_hint=label.text(speech)) from None
        for lang in languages:
            if lang not in given:
                given[lang] = prompts.ask(speech, msg("{label} ({lang})", label=label, lang=lang), prompts.text)
        return given

    if module_id is None or prompts.identifier(module_id)[1] is not None:
        if module_id is not None:
            click.echo(prompts.identifier(module_id)[1].text(speech))
        module_id = prompts.ask(speech, msg("Id (e.g. fordjupning-samtal)"), prompts.identifier)
    if kind is None:
        kind = prompts.ask(speech, msg("Kind ({choices})", choices=", ".join(MODULE_KINDS)), prompts.one_of(MODULE_KINDS))
    draft = ModuleDraft(
        id=module_id, kind=kind,
        title=texts(title, msg("Title")), summary=texts(summary, msg("Summary")),
        audience=texts(audience, msg("Audience")), objective=texts(objective, msg("An objective")),
        duration_minutes=duration or prompts.ask(speech, msg("Length in minutes"), minutes),
        delivery=list(delivery) or [prompts.ask(speech, msg("Delivery ({choices})", choices=", ".join(DELIVERY_MODES)),
                                                prompts.one_of(DELIVERY_MODES), default=DELIVERY_MODES[0])],
    )
    try:
        path = add_module(content_dir, draft)
    except ContentErrors as errors:
        report_errors(errors, speech)
        sys.exit(1)
    say(speech, "Created {path}.", path=path)
    say(speech, "Add slides and speaker notes, then run 'coursegen check'.")


def minutes(answer: str):
    from .editing.prompts import whole_number

    value, problem = whole_number(answer)
    if problem is None and value < 1:
        return None, msg("{number} is too small; it must be {minimum} or more", number=value, minimum=1)
    return value, problem


# -- status: cancel, full, waitlist, places ----------------------------------------------------

def change_status(content_dir: Path, session_id: str, change, yes: bool, speech: str) -> bool:
    """Show the change to sessions.yaml as a diff, ask (unless ``yes``), write it. False if nothing changed."""
    from .editing import prompts
    from .editing.scaffold import propose_status, write_proposal

    try:
        proposal = propose_status(content_dir, session_id, change)
    except ContentErrors as errors:
        report_errors(errors, speech)
        sys.exit(1)
    if proposal.before == proposal.after:
        return False
    shown = str(content_dir / proposal.relative)
    for line in proposal.diff(shown):
        click.echo(line)
    if not yes and not prompts.confirm(speech, msg("Write this change to {path}?", path=shown)):
        say(speech, "Nothing was changed.")
        sys.exit(1)
    try:
        write_proposal(content_dir, proposal)
    except ContentErrors as errors:
        report_errors(errors, speech)
        sys.exit(1)
    return True


def session_of(catalog, session_id: str):
    return next((s for s in catalog.sessions if s.id == session_id), None)


def still_open(content_dir: Path, catalog, session_id: str, speech: str):
    """The session, if it exists and is not cancelled; otherwise say so and exit 1."""
    from .editing.scaffold import propose_status, StatusChange

    session = session_of(catalog, session_id)
    if session is None:
        try:
            propose_status(content_dir, session_id, StatusChange())  # says which id was meant
        except ContentErrors as errors:
            report_errors(errors, speech)
        sys.exit(1)
    if session.is_cancelled:
        say(speech, "{id} is cancelled; if it takes place after all, change its status in {path} by hand.",
            err=True, id=session_id, path=content_dir / "sessions.yaml")
        sys.exit(1)
    return session


def published(speech: str) -> None:
    say(speech, "Review, commit and push to publish.")


@cli.command()
@CONTENT_OPTION
@click.argument("session_id")
@click.option("--reason", help="Why the session is cancelled; kept for the organisers (internal:), never published.")
@click.option("--note", "notes", multiple=True, metavar="LANG=TEXT",
              help="A note for participants, per site language, e.g. --note sv=... --note en=...")
@click.option("--replacement", metavar="SESSION-ID", help="The session that replaces this one; the note names it.")
@YES_OPTION
@LANG_OPTION
def cancel(content_dir: Path, session_id: str, reason, notes, replacement, yes: bool) -> None:
    """Mark a session cancelled; the page and calendars say so, with the note and the replacement."""
    from .editing import prompts
    from .editing.scaffold import StatusChange, parse_localized, replacement_note

    speech = speaks(content_dir)
    catalog = load_or_exit(content_dir, speech)
    languages = catalog.site.languages
    session = session_of(catalog, session_id)
    try:
        note = parse_localized(notes, languages) if notes else None
    except ValueError as exc:
        raise click.BadParameter(exc.message.text(speech), param_hint="--note") from None
    if note is not None and len(note) < len(languages):
        missing = [lang for lang in languages if lang not in note]
        raise click.BadParameter(msg("give the note in every site language: add --note {lang}=...",
                                     lang=missing[0]).text(speech), param_hint="--note")
    if session is not None and not yes:
        if reason is None:
            reason = prompts.ask(speech, msg("Reason, for the organisers only (empty = none)"), lambda a: (a or None, None))
        if note is None:
            first = prompts.ask(speech, msg("Note for participants in {lang} (empty = none)", lang=languages[0]),
                                lambda a: (a or None, None))
            if first:
                note = {languages[0]: first}
                for lang in languages[1:]:
                    note[lang] = prompts.ask(speech, msg("Note for participants in {lang}", lang=lang), prompts.text)
        if replacement is None:
            others = [s.id for s in catalog.sessions if s.id != session_id and not s.is_cancelled]
            replacement = prompts.ask(speech, msg("Id of the session that replaces it (empty = none)"),
                                      prompts.optional(prompts.one_of(others)))
    if session is not None and replacement:
        try:
            extra = replacement_note(content_dir, catalog, session_id, replacement)
        except ContentErrors as errors:
            report_errors(errors, speech)
            sys.exit(1)
        base = note or ({lang: session.note[lang] for lang in languages} if session.note else {})
        note = {lang: " ".join(part for part in (base.get(lang, "").strip(), extra[lang]) if part) for lang in languages}
    internal = None
    if reason:
        internal = reason.strip()
    change = StatusChange(status="cancelled", note=note, internal=internal)
    if not change_status(content_dir, session_id, change, yes, speech):
        say(speech, "{id} is already cancelled.", id=session_id)
        return
    say(speech, "{id} is cancelled in {path}; the site and the calendars show it as cancelled.",
        id=session_id, path=content_dir / "sessions.yaml")
    published(speech)


@cli.command()
@CONTENT_OPTION
@click.argument("session_id")
@YES_OPTION
@LANG_OPTION
def full(content_dir: Path, session_id: str, yes: bool) -> None:
    """Mark a session full (status: full): no more registrations."""
    mark_status(content_dir, session_id, "full", yes)


@cli.command()
@CONTENT_OPTION
@click.argument("session_id")
@YES_OPTION
@LANG_OPTION
def waitlist(content_dir: Path, session_id: str, yes: bool) -> None:
    """Mark a session full with a waiting list (status: waitlist): the registration link leads to it."""
    mark_status(content_dir, session_id, "waitlist", yes)


def mark_status(content_dir: Path, session_id: str, status: str, yes: bool) -> None:
    """`full` and `waitlist`: set a still open session's status, after showing the change."""
    from .editing.scaffold import StatusChange

    speech = speaks(content_dir)
    catalog = load_or_exit(content_dir, speech)
    still_open(content_dir, catalog, session_id, speech)
    if not change_status(content_dir, session_id, StatusChange(status=status), yes, speech):
        say(speech, "{id} is already marked {status}.", id=session_id, status=status)
        return
    say(speech, "{id} is marked {status}.", id=session_id, status=status)
    published(speech)


@cli.command()
@CONTENT_OPTION
@click.argument("session_id")
@click.argument("count", metavar="N")
@YES_OPTION
@LANG_OPTION
def places(content_dir: Path, session_id: str, count: str, yes: bool) -> None:
    """Set the number of places left (places_left: N); a full session with places again is reopened."""
    from .editing.prompts import whole_number
    from .editing.scaffold import StatusChange

    speech = speaks(content_dir)
    number, problem = whole_number(count.strip())
    if problem is not None:
        raise click.BadParameter(problem.text(speech), param_hint="N")
    catalog = load_or_exit(content_dir, speech)
    session = still_open(content_dir, catalog, session_id, speech)
    reopen = "scheduled" if number > 0 and session.is_full else None
    if not change_status(content_dir, session_id, StatusChange(status=reopen, places_left=number), yes, speech):
        say(speech, "{id} already has {count} places left.", id=session_id, count=number)
        return
    say(speech, "{id} has {count} places left.", id=session_id, count=number)
    published(speech)


def main() -> None:
    try:
        cli(prog_name="coursegen")
    except OSError as exc:  # the disk or the network, not the content: say what and where, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"coursegen: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
