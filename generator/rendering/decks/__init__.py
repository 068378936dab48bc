"""Slide decks with speaker notes: one per module and language, and one per upcoming session.

Decks are PowerPoint files made from ``template.pptx`` (regenerate it with
``python -m generator.rendering.decks.make_template``). An organisation may put its
own template at ``content/templates/deck.pptx``: it is used instead, as long as it has
layouts named title, section, content, exercise, image and closing (the loader checks
the names) with placeholders at the idx values in ``design.py``. The renderer reads the
template and the slide images from the snapshot (``catalog.files``), never from content/. The programme colour is ``design.PRIMARY``
(#00586E); the site uses the same value.

Text is fitted with the advance widths of the template's font (Arial, measured through its
metric twin Liberation Sans: ``metrics.json``, made by ``make_metrics.py``), so a deck
fits the same whatever fonts the building machine has. Every slide has speaker notes:
slides the deck adds itself, and slides written without notes, get a generated script
(``notes.py``). The title and closing slides carry the ``site.yaml`` logo, and the closing
slide of a session deck the QR code and short address of that session's evaluation form
(``marks.py``). ``check`` warns about a slide word no line can hold (``warnings.py``).

Decks render in parallel, one module and language per task, in workers that are forked
only when that is safe: the workers draw an SVG logo with Typst, whose native threads a
forked child must not inherit (``processes.py``). They are cached under
``build/cache/decks``: a deck whose inputs (model objects, images, template, renderer
version) are unchanged is copied from the cache instead of being drawn again. A
session deck is derived from its module's deck by swapping in the slides that show the
session (see ``session.py``), which costs a fraction of drawing it whole.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.metadata import version
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ... import urls
from ...files import link_or_copy, prune_cache, write_atomically
from ...processes import without_main
from ...model import Catalog
from .design import PRIMARY
from .draw import render_members
from .marks import logo_card, worker_setup
from .package import build_moment, read_members, zip_members
from .plan import DeckJob
from .processes import typst_context
from .session import session_deck

# Bump when a change in this package changes the bytes of a deck for the same content.
RENDERER_VERSION = "10"
TEMPLATE_PATH = Path(__file__).with_name("template.pptx")
OVERRIDE_TEMPLATE = "templates/deck.pptx"  # below the content folder

__all__ = ["PRIMARY", "render_decks", "deck_jobs", "template_bytes"]


def deck_jobs(catalog: Catalog, today) -> list[DeckJob]:
    """Every deck the site publishes: modules in every language, then upcoming sessions."""
    jobs = []
    logo = logo_card(catalog)
    for language in catalog.site.languages:
        for module in catalog.modules.values():
            jobs.append(DeckJob(language, catalog.site, module, images_of(catalog, module),
                                urls.module_deck(language, module.id).lstrip("/"), logo=logo))
    for session in catalog.upcoming(today):
        if session.is_cancelled:
            continue
        for language in catalog.site.languages:
            module = catalog.module_of(session)
            jobs.append(DeckJob(language, catalog.site, module, images_of(catalog, module),
                                urls.session_deck(language, session.id).lstrip("/"), session=session,
                                venue=catalog.venue_of(session), trainers=catalog.trainers_of(session), logo=logo))
    return jobs


def images_of(catalog: Catalog, module) -> tuple[tuple[str, bytes], ...]:
    """The module's slide images as (path in content/, bytes), from the snapshot."""
    paths = dict.fromkeys(slide.image for slide in module.slides if slide.image)
    return tuple((path, catalog.file(path)) for path in paths)


def template_bytes(catalog: Catalog) -> bytes:
    """The organisation's own template if the content has one, else the programme's.

    The snapshot holds a template only after the loader has opened it and found every
    named layout (loading.content.template_problem)."""
    data = catalog.files.get(OVERRIDE_TEMPLATE)
    return TEMPLATE_PATH.read_bytes() if data is None else data


def cache_key(job: DeckJob, template_digest: bytes, file_digest: Callable[[bytes], bytes]) -> str:
    """A hash of everything that decides a deck's bytes.

    The template's and the images' hashes are worked out once per build by the caller:
    every module and session deck of a build shares them.
    """
    digest = hashlib.sha256()
    digest.update(RENDERER_VERSION.encode())
    digest.update(build_moment().isoformat().encode())
    digest.update(template_digest)
    # The content folder's location does not change a deck; the images' bytes do.
    digest.update(repr((job.language, job.site, job.module, job.target, job.session, job.venue, job.trainers)).encode())
    for path, data in job.images:
        digest.update(path.encode())
        digest.update(file_digest(data))
    if job.logo is not None:  # the card is drawn from these by Typst (an SVG) or Pillow
        digest.update(f"{job.logo.kind}\0{job.logo.alt}\0{drawing_tools()}".encode())
        digest.update(file_digest(job.logo.source))
    return digest.hexdigest()


@functools.cache
def drawing_tools() -> str:
    """The versions of what draws the logo's card."""
    return f"typst {version('typst')}, Pillow {version('Pillow')}"


@dataclass
class DeckGroup:
    """One module in one language: its deck and the decks of its upcoming sessions."""

    module: tuple[DeckJob, str]  # (job, cache key)
    sessions: list[tuple[DeckJob, str]] = field(default_factory=list)


def deck_groups(keyed: list[tuple[DeckJob, str]]) -> list[DeckGroup]:
    groups: dict[tuple[str, str], DeckGroup] = {}
    for job, key in keyed:
        if job.session is None:
            groups[(job.module.id, job.language)] = DeckGroup((job, key))
    for job, key in keyed:
        if job.session is not None:
            groups[(job.module.id, job.language)].sessions.append((job, key))
    return list(groups.values())


def render_group(group: DeckGroup, template: bytes, cache_dir: Path) -> int:
    """Worker entry point: write the group's decks missing from ``cache_dir``; returns how many."""
    module_job, module_key = group.module
    module_path = cache_dir / f"{module_key}.pptx"
    todo = [(job, key) for job, key in group.sessions if not (cache_dir / f"{key}.pptx").is_file()]
    rendered = 0
    if module_path.is_file():
        members = read_members(module_path.read_bytes()) if todo else []
    else:
        members = render_members(module_job, template)
        write_atomically(module_path, zip_members(members))
        rendered += 1
    for job, key in todo:
        write_atomically(cache_dir / f"{key}.pptx", session_deck(job, module_job, members, template))
        rendered += 1
    return rendered


def render_decks(ctx) -> int:
    """Write every deck below ``ctx.site_dir``; returns the number of deck files written."""
    catalog = ctx.catalog
    template = template_bytes(catalog)
    cache_dir = ctx.work_dir / "cache" / "decks"
    cache_dir.mkdir(parents=True, exist_ok=True)
    template_digest = hashlib.sha256(template).digest()
    file_digest = functools.cache(lambda data: hashlib.sha256(data).digest())  # for this build only
    keyed = [(job, cache_key(job, template_digest, file_digest)) for job in deck_jobs(catalog, ctx.today)]
    cached = {path.name for path in cache_dir.iterdir()}
    todo = [group for group in deck_groups(keyed)
            if any(f"{key}.pptx" not in cached for _, key in [group.module, *group.sessions])]
    todo.sort(key=lambda group: len(group.sessions), reverse=True)  # largest first: workers finish together
    workers = min(len(todo), os.cpu_count() or 1) if getattr(ctx, "parallel", True) else 1
    if workers > 1:
        # They die with this process, so an interrupted build leaves none behind.
        with without_main(), ProcessPoolExecutor(max_workers=workers, mp_context=typst_context(), initializer=worker_setup,
                                                 initargs=(os.getpid(),)) as pool:
            rendered = sum(pool.map(render_group, todo, [template] * len(todo), [cache_dir] * len(todo)))
    else:
        rendered = sum(render_group(group, template, cache_dir) for group in todo)
    for job, key in keyed:
        target = ctx.site_dir / job.target
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(cache_dir / f"{key}.pptx", target)
    prune_cache(cache_dir, {f"{key}.pptx" for _, key in keyed}, ".pptx")
    ctx.log(f"decks: {rendered} rendered, {len(keyed) - rendered} unchanged (from cache)")
    return len(keyed)
