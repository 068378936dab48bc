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
from .editing.formats import FORMATS, CheckResult, text_lines
from .errors import BuildError, ContentErrors
from .loading import load_catalog
from .model import DELIVERY_MODES, MODULE_KINDS

CONTENT_OPTION = click.option(
    "--content", "content_dir", default="content", show_default=True,
    type=click.Path(path_type=Path), help="The content folder to read.",
)


def report_errors(errors: ContentErrors) -> None:
    """Every error, then how many, on standard error: as ``check --format text`` prints them."""
    for line in text_lines(CheckResult(errors=tuple(errors.errors)))[1]:
        click.echo(line, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursegen")
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
def check(content_dir: Path, output_format: str, translations: bool, strict: bool) -> None:
    """Validate the content and report every error with file, line and field."""
    from .editing.checking import run_check
    from .editing.formats import github_lines, json_text, text_lines

    result = run_check(content_dir, translations=translations)
    if output_format == "json":
        click.echo(json_text(result))
    elif output_format == "github":
        for line in github_lines(result):
            click.echo(line)
    else:
        out, err = text_lines(result)
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
def build(content_dir: Path, out_dir: Path, quiet: bool, force: bool) -> None:
    """Validate, then build the site, decks and feeds into OUT/site/ (swapped in at the end)."""
    from .pipeline import build as run_build

    log = (lambda message: None) if quiet else (lambda message: click.echo(message))
    try:
        report = run_build(content_dir, out_dir, log=log, force=force)
    except ContentErrors as errors:
        report_errors(errors)
        sys.exit(1)
    except BuildError as exc:
        click.echo(f"build failed: {exc}", err=True)
        kept(out_dir)
        sys.exit(1)
    except OSError as exc:  # the disk, not the content: full, read-only, a folder taken away
        click.echo(f"build failed: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        kept(out_dir)
        sys.exit(1)
    click.echo(report.summary())


def kept(out_dir: Path) -> None:
    if (out_dir / "site").is_dir():
        click.echo(f"The previous {out_dir / 'site'} was left as it was.", err=True)


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


# -- the editors' workflow: schema, new session, new module, cancel -----------------------

class ClockType(click.ParamType):
    """A clock time such as 09:00 (also 9:00 and 09.00)."""

    name = "HH:MM"

    def convert(self, value, param, ctx):
        from .loading.fields import parse_time

        if hasattr(value, "hour"):
            return value
        clock = parse_time(str(value))
        if clock is None:
            self.fail(f"'{value}' is not a clock time; write it as HH:MM, e.g. 09:30", param, ctx)
        return clock


CLOCK = ClockType()
DATE = click.DateTime(["%Y-%m-%d"])


def load_or_exit(content_dir: Path):
    """The catalog, or print every error and exit 1: edits start from valid content."""
    try:
        return load_catalog(content_dir)
    except ContentErrors as errors:
        report_errors(errors)
        click.echo("Rätta felen först / Fix these errors first.", err=True)
        sys.exit(1)


def choose(label: str, options: dict[str, str], default: str | None = None) -> str:
    """Prompt for one id, listing every option with its name."""
    click.echo(f"{label}:")
    for key, name in options.items():
        click.echo(f"  {key}  {name}")
    return click.prompt(label, type=click.Choice(list(options)), default=default, show_choices=False)


def optional(label: str, value_type=str):
    """Prompt for an optional value; an empty answer means none."""
    answer = click.prompt(f"{label} (tomt = inget / empty = none)", default="", show_default=False)
    if not str(answer).strip():
        return None
    return click.types.convert_type(value_type).convert(answer.strip(), None, None)


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
def new_session(content_dir: Path, session_id, module, date, start, end, venue, online_url, trainers,
                capacity, registration_url, deadline, language) -> None:
    """Add a session to sessions.yaml; asks for whatever the options leave out."""
    from .editing.scaffold import SessionDraft, add_session

    catalog = load_or_exit(content_dir)
    interactive = None in (module, date, start, end) or not (venue or online_url)
    if module is None:
        module = choose("Modul / Module", {m.id: str(m.title) for m in catalog.modules.values()})
    if date is None:
        date = click.prompt("Datum / Date (YYYY-MM-DD)", type=DATE)
    if start is None:
        start = click.prompt("Starttid / Start (HH:MM)", type=CLOCK)
    if end is None:
        end = click.prompt("Sluttid / End (HH:MM)", type=CLOCK)
    if not (venue or online_url):
        places = {v.id: f"{v.name} ({v.municipality})" for v in catalog.venues.values()}
        venue = choose("Lokal / Venue", {**places, "online": "digitalt / online"})
        if venue == "online":
            venue, online_url = None, click.prompt("Möteslänk / Meeting link (https://...)")
    if interactive:
        if not trainers:
            people = {t.id: f"{t.name}, {t.organisation}" for t in catalog.trainers.values()}
            click.echo("Utbildare / Trainers:")
            for key, name in people.items():
                click.echo(f"  {key}  {name}")
            answer = click.prompt("Utbildare, id med komma emellan / Trainer ids, comma-separated", default="", show_default=False)
            trainers = tuple(t.strip() for t in answer.split(",") if t.strip())
        if capacity is None:
            capacity = optional("Antal platser / Places", click.IntRange(min=0))
        if registration_url is None:
            registration_url = optional("Anmälningslänk / Registration link")
        if registration_url and deadline is None:
            deadline = optional("Sista anmälningsdag / Deadline (YYYY-MM-DD)", DATE)
    languages = catalog.site.languages
    if language is None:
        language = languages[0] if not interactive else click.prompt(
            "Språk / Language", type=click.Choice(languages), default=languages[0])
    draft = SessionDraft(
        module=module, date=date.date() if hasattr(date, "date") else date, start=start, end=end,
        language=language, venue=venue, online_url=online_url, trainers=list(trainers), capacity=capacity,
        registration_url=registration_url, deadline=deadline.date() if hasattr(deadline, "date") else deadline,
        id=session_id,
    )
    try:
        new_id = add_session(content_dir, draft)
    except ContentErrors as errors:
        report_errors(errors)
        sys.exit(1)
    click.echo(f"Lade till / Added {new_id} in {content_dir / 'sessions.yaml'}.")
    click.echo("Granska, committa och pusha för att publicera / Review, commit and push to publish.")


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
def new_module(content_dir: Path, module_id, kind, title, summary, audience, objective, duration, delivery) -> None:
    """Create modules/<id>.yaml with a skeleton that passes the check; asks for what is missing."""
    from .editing.scaffold import ModuleDraft, add_module, parse_localized
    from .loading.fields import ID_PATTERN

    catalog = load_or_exit(content_dir)
    languages = catalog.site.languages

    def texts(values, label):
        try:
            given = parse_localized(values, languages)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=label) from None
        for lang in languages:
            if lang not in given:
                given[lang] = click.prompt(f"{label} ({lang})").strip()
        return given

    while module_id is None or not ID_PATTERN.fullmatch(module_id):
        if module_id is not None:
            click.echo(f"'{module_id}': bara a-z, 0-9 och bindestreck / only a-z, 0-9 and dashes")
        module_id = click.prompt("Id (t.ex./e.g. fordjupning-samtal)")
    if kind is None:
        kind = click.prompt("Sort / Kind", type=click.Choice(MODULE_KINDS))
    draft = ModuleDraft(
        id=module_id, kind=kind,
        title=texts(title, "Titel / Title"), summary=texts(summary, "Sammanfattning / Summary"),
        audience=texts(audience, "Målgrupp / Audience"), objective=texts(objective, "Ett mål / An objective"),
        duration_minutes=duration or click.prompt("Längd i minuter / Minutes", type=click.IntRange(min=1)),
        delivery=list(delivery) or [click.prompt("Form / Delivery", type=click.Choice(DELIVERY_MODES), default=DELIVERY_MODES[0])],
    )
    try:
        path = add_module(content_dir, draft)
    except ContentErrors as errors:
        report_errors(errors)
        sys.exit(1)
    click.echo(f"Skapade / Created {path}.")
    click.echo("Fyll på med bilder och talarmanus / Add slides and speaker notes, then run 'coursegen check'.")


@cli.command()
@CONTENT_OPTION
@click.argument("session_id")
def cancel(content_dir: Path, session_id: str) -> None:
    """Mark a session cancelled (status: cancelled); the page and calendars say so."""
    from .editing.scaffold import cancel_session

    load_or_exit(content_dir)
    try:
        changed = cancel_session(content_dir, session_id)
    except ContentErrors as errors:
        report_errors(errors)
        sys.exit(1)
    if not changed:
        click.echo(f"{session_id} är redan inställt / is already cancelled.")
        return
    click.echo(f"{session_id}: status: cancelled ({content_dir / 'sessions.yaml'}).")
    click.echo("Committa och pusha; kalendrarna visar det som inställt / Commit and push; calendars show it as cancelled.")


def main() -> None:
    try:
        cli(prog_name="coursegen")
    except OSError as exc:  # the disk or the network, not the content: say what and where, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"coursegen: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
