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
from .errors import BuildError, ContentErrors
from .loading import load_catalog

CONTENT_OPTION = click.option(
    "--content", "content_dir", default="content", show_default=True,
    type=click.Path(path_type=Path), help="The content folder to read.",
)


def report_errors(errors: ContentErrors) -> None:
    for error in errors.errors:
        click.echo(str(error), err=True)
    count = len(errors.errors)
    click.echo(f"{count} error{'s' if count != 1 else ''} found; nothing was built or changed.", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursegen")
def cli() -> None:
    """Build a bilingual course site, slide decks and calendar feeds from YAML in content/."""


@cli.command()
@CONTENT_OPTION
def check(content_dir: Path) -> None:
    """Validate the content and report every error with file, line and field."""
    started = time.perf_counter()
    try:
        catalog = load_catalog(content_dir)
    except ContentErrors as errors:
        report_errors(errors)
        sys.exit(1)
    seconds = time.perf_counter() - started
    slides = sum(len(m.slides) for m in catalog.modules.values())
    click.echo(
        f"{content_dir}: OK: {len(catalog.modules)} modules, {slides} slides, "
        f"{len(catalog.sessions)} sessions, {len(catalog.venues)} venues, "
        f"{len(catalog.trainers)} trainers ({seconds:.2f} s)"
    )


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
        click.echo(f"The previous {out_dir / 'site'} was left as it was.", err=True)
        sys.exit(1)
    click.echo(report.summary())


@cli.command()
@CONTENT_OPTION
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(path_type=Path))
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(content_dir: Path, out_dir: Path, port: int) -> None:
    """Serve the site, rebuild when content/ changes and reload the open page."""
    from .preview import Preview

    preview = Preview(content_dir, out_dir, port=port, log=click.echo)
    preview.start()
    click.echo(f"Serving {out_dir / 'site'} at {preview.url} (Ctrl+C stops)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        preview.stop()


def main() -> None:
    cli(prog_name="coursegen")
