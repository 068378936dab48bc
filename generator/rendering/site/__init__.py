"""The bilingual course website: Markdown per language, built by mkdocs-material.

For each site language the renderer writes Markdown pages into
``build/site-src/<lang>/docs/`` and a small ``mkdocs.yml`` that INHERITs the top-level
one, then runs mkdocs once per language, at the same time in processes of their own:
the default language into the site root, the others into ``/<lang>/``. Separate builds give each language its own search index
(Swedish stemming on the Swedish site) and the right ``<html lang>``.

Hand-written pages ``content/pages/<slug>.<lang>.md`` (``catalog.pages``) are published
at ``/<slug>/`` (``/<lang>/<slug>/``) and may use macros, rendered here in Jinja's
sandbox before mkdocs sees the page (see :mod:`.macros`). A page without a language
suffix is used for every language. A hand-written page whose slug is that of a generated
page (``for-arbetsgivare``, ``tillganglighet``) replaces the generated one; it can call
macros such as ``upcoming_sessions(kind="manager-breakfast")`` to keep the generated parts.

Content is untrusted: every page's HTML passes the allowlist in :mod:`.sanitize` after
Markdown (``hooks.on_page_content``), and the theme overrides escape every value; the
buttons the site's script arms are added after that, into slots only the generator can
name (see :mod:`.pages`). The
renderer reads nothing from ``content/``: materials and images come from ``catalog.files``.
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import shutil
import sys
from concurrent.futures import wait
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import yaml

from ... import urls
from ...errors import BuildError, ContentError, ContentErrors
from ...model import Catalog, HandWrittenPage
from ... import processes
from .macros import check_page_macros, render_page
from . import seo
from .markup import relative, site_address, text, url
from .pages import (ACCESSIBILITY_SLUG, ARCHIVE, EMPLOYERS_SLUG, ONLINE_PAGE, REGISTRATION_SLUG, SESSIONS,
                    TOC_MIN_HEADINGS, TRAINERS, LanguagePages, Page, material_files, modules_in_order,
                    page_path, tel_address)
from .strings import LANGUAGE_NAMES, labels
from ..logo import square_png

PACKAGE = Path(__file__).resolve().parent
OVERRIDES = PACKAGE / "overrides"
ASSETS = PACKAGE / "assets"
SEARCH_WORKER = "search-worker.js"  # see the file: stemming for the theme's search
BRAND_ASSETS = "assets/coursegen"  # below each language's docs folder: logo, icons, brand colours
FAVICON_SIZE = 48
TOUCH_ICON_SIZE = 180
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
BASE_CONFIG = PACKAGE.parents[2] / "mkdocs.yml"


def render_site(ctx) -> int:
    """Build the website of every language below ``ctx.site_dir``; returns the number of files written."""
    catalog: Catalog = ctx.catalog
    for session in catalog.sessions:
        # The loader refuses these first (urls.py holds the names); here only as a last guard.
        if session.id in urls.RESERVED_SESSION_IDS:
            raise BuildError(f"session id '{session.id}' is reserved for the calendar's pages; rename it")
    if not BASE_CONFIG.is_file():
        raise BuildError(f"the site's base configuration {BASE_CONFIG} is missing")
    source_root = ctx.work_dir / "site-src"
    shutil.rmtree(source_root, ignore_errors=True)
    errors: list[ContentError] = []
    page_sets = {lang: site_pages(catalog, lang, ctx.today, errors) for lang in catalog.site.languages}
    if errors:
        raise ContentErrors(errors)
    add_alternates(catalog, page_sets)
    brand, share = brand_files(catalog)
    seo.add_meta(catalog, page_sets, ctx.today)  # descriptions, sharing, JSON-LD, search weight
    parallel = getattr(ctx, "parallel", True) and (os.cpu_count() or 1) > 1
    # The first language builds here, the others at the same time in worker processes:
    # they are written and handed over first, so they start as early as they can.
    first, *others = catalog.site.languages
    languages, futures = {}, {}
    for lang in [*others, first]:
        docs = source_root / lang / "docs"
        write_docs(docs, page_sets[lang], brand)
        # mkdocs empties its output folder first: each language gets one of its own.
        built = source_root / lang / "site"
        config_file = write_config(catalog, lang, page_sets[lang], docs, source_root / lang, built, brand)
        languages[lang] = (config_file, built)
        ctx.log(f"site: mkdocs for '{lang}' ({len(page_sets[lang])} pages)")
        if parallel and lang != first:
            # The pages are written out in full (macros rendered): the worker needs no model.
            futures[lang] = processes.submit(build_language, config_file)
    config_file, _ = languages[first]
    try:
        warnings = {first: build_language(config_file)}
    except Exception:
        wait(futures.values())  # the workers still write below site-src/: let them finish first
        raise
    for lang in others:
        config, _ = languages[lang]
        future = futures.get(lang)
        warnings[lang] = future.result() if future else build_language(config)
    written = 0
    for lang in catalog.site.languages:
        _, built = languages[lang]
        written += count_files(built)
        move_tree(built, language_site_dir(ctx.site_dir, catalog, lang))
        for warning in warnings[lang]:
            ctx.log(f"site: {lang}: {warning}")
    # Counted from what this stage wrote: decks and feeds may be writing next to it.
    written += seo.write_files(catalog, page_sets, ctx.site_dir, share)  # sitemaps, robots.txt, share image
    return written + copy_files(catalog, ctx.site_dir)


def build_language(config_file: Path) -> list[str]:
    """Run mkdocs for one language's configuration; its warnings. Runs in a worker process too.

    Everything the build needs is in the written pages and configuration: the content
    is not loaded again.
    """
    with MkdocsMessages() as messages:
        run_mkdocs(config_file)
        return messages.take_warnings()


def move_tree(source: Path, target: Path) -> None:
    """Move ``source``'s files into ``target`` (same file system: renames, no copying)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        destination = target / entry.name
        if entry.is_dir() and destination.is_dir():
            move_tree(entry, destination)
        else:
            os.replace(entry, destination)


def count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def language_site_dir(site_dir: Path, catalog: Catalog, lang: str) -> Path:
    return site_dir if lang == catalog.site.default_language else site_dir / lang


def site_pages(catalog: Catalog, lang: str, today, errors: list[ContentError] | None = None) -> list[Page]:
    """Generated pages of ``lang``, with hand-written pages replacing those of the same slug.

    A hand-written page whose macros fail is left out and its error added to ``errors``
    (raised as :class:`ContentErrors` here when no list is given).
    """
    generated = LanguagePages(catalog, lang, today)
    pages = {page.path: page for page in generated.all_pages()}
    found: list[ContentError] = []
    for slug, source in hand_written_pages(catalog, lang).items():
        path = f"{slug}.md"
        shown = source.shown
        taken = path in pages and slug not in urls.REPLACEABLE_PAGES
        if taken or slug.split("/")[0] in urls.GENERATED_NAMES:  # the loader refused these first
            raise BuildError(f"{shown}: the page name '{slug}' is used by the generated site; rename the file")
        try:
            body = render_page(source, generated, shown)
        except ContentErrors as failure:
            found.extend(failure.errors)
            continue
        pages[path] = hand_written_page(path, source, body + generated.edit_line(source.source), shown)
        if slug == EMPLOYERS_SLUG:  # made to be printed and handed to a manager
            pages[path].body += f"\n\n- {generated.flyer_link(f'/{EMPLOYERS_SLUG}/')}\n\n" + generated.print_button()
    for page in pages.values():  # the buttons the site's script arms, put in after sanitizing (hooks.py)
        buttons = generated.buttons_in(page.body)
        if buttons:
            page.meta["cg_buttons"] = buttons
        # A short page needs no contents beside it: the headings are in view already.
        if not long_page(page.body):
            hidden = page.meta.setdefault("hide", [])
            if "toc" not in hidden:
                hidden.append("toc")
    if found and errors is None:
        raise ContentErrors(found)
    if errors is not None:
        errors.extend(found)
    return list(pages.values())


def long_page(body: str) -> bool:
    """Whether a page is long enough for a contents sidebar: many sections, or many subsections."""
    lines = body.splitlines()
    sections = sum(1 for line in lines if line.startswith("## "))
    subsections = sum(1 for line in lines if line.startswith("### "))
    return sections >= TOC_MIN_HEADINGS or sections + subsections >= 2 * TOC_MIN_HEADINGS


def hand_written_pages(catalog: Catalog, lang: str) -> dict[str, HandWrittenPage]:
    """Slug -> hand-written page of ``lang`` ('<slug>.<lang>.md' wins over '<slug>.md')."""
    chosen: dict[str, HandWrittenPage] = {}
    for page in catalog.pages:
        if page.language == lang or (page.language is None and page.slug not in chosen):
            chosen[page.slug] = page
    return chosen


def hand_written_page(path: str, source: HandWrittenPage, body: str, shown: str) -> Page:
    """A page from content/pages/ with its macros rendered (``body``): title from its front
    matter or first heading, description from its front matter."""
    heading = first_heading(source.body)
    title = source.title or heading or Path(path).stem
    meta: dict[str, object] = {"cg_hand_written": True}
    if source.description:
        meta["description"] = source.description
    return Page(path, title, body, meta, has_heading=bool(heading), source=shown)


def first_heading(markdown_text: str) -> str:
    for line in markdown_text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def add_alternates(catalog: Catalog, page_sets: dict[str, list[Page]]) -> None:
    """Each page links to the same page in the other languages (their home page if it has none)
    and, in its footer, to the accessibility statement."""
    paths = {lang: {page.path for page in pages} for lang, pages in page_sets.items()}
    for lang, pages in page_sets.items():
        for page in pages:
            here = urls.language_prefix(catalog.site, lang) + page.site_path
            alternates = []
            for other in catalog.site.languages:
                target_page = page.site_path if page.path in paths[other] else "/"
                url = urls.language_prefix(catalog.site, other) + target_page
                alternates.append({
                    "lang": other, "name": LANGUAGE_NAMES.get(other, other), "url": url,
                    "absolute": urls.absolute(catalog.site, url),
                    "href": relative(here, url),
                })
            page.meta["cg_alternates"] = alternates
            # Footer: the other languages in words (the header only has an icon) and the statement.
            page.meta["cg_footer"] = [
                {"href": alt["href"], "label": alt["name"], "lang": alt["lang"]}
                for alt in alternates if alt["lang"] != lang
            ] + [{"href": relative(here, path), "label": label, "lang": lang} for path, label in footer_pages(catalog, lang)]


def footer_pages(catalog: Catalog, lang: str) -> list[tuple[str, str]]:
    """The pages every footer links to, after the other languages: the evaluation results
    (when site.yaml has an evaluation section, which is when the page exists) and the
    accessibility statement. Site paths with the language prefix, and their link texts."""
    prefix = urls.language_prefix(catalog.site, lang)
    found = []
    if catalog.site.evaluation is not None:
        found.append((urls.results_page(catalog.site, lang), labels(lang)["results_link"]))
    found.append((prefix + f"/{ACCESSIBILITY_SLUG}/", labels(lang)["a11y_title"]))
    return found


def brand_files(catalog: Catalog) -> tuple[dict[str, bytes], bytes | None]:
    """The logo, favicon, touch icon and brand colours, as files below each language's
    docs folder (file name -> bytes), and the share image (one for the whole site, written
    by :func:`seo.write_files`; None without a logo). Drawn once per build, for every language."""
    site = catalog.site
    files: dict[str, bytes] = {}
    share = None
    if site.logo:
        kind = site.logo.rsplit(".", 1)[-1].lower()
        files["logo." + kind] = catalog.file(site.logo)
        # Typst draws an SVG logo: only ever in a child process (see pictures_in_child).
        draw = draw_pictures if kind == "png" else pictures_in_child
        icons, share = draw(site.logo, catalog.file(site.logo))
        if icons:
            files["favicon.png"], files["apple-touch-icon.png"] = icons
    rules = []
    if site.brand and COLOUR.fullmatch(site.brand.primary):  # the loader checked them; written only as colours
        rules.append(f"--cg-primary: {site.brand.primary};")
        if site.brand.accent and COLOUR.fullmatch(site.brand.accent):
            rules.append(f"--cg-accent: {site.brand.accent};")
    files["brand.css"] = ("/* The organisation's colours, from site.yaml: brand. */\n:root {\n  "
                          + "\n  ".join(rules) + "\n}\n").encode("utf-8")
    return files, share


def draw_pictures(path: str, data: bytes) -> tuple[tuple[bytes, bytes] | None, bytes | None]:
    """The favicon and the touch icon (or None), and the share image (or None), of the logo
    at ``path`` (its bytes ``data``)."""
    logo_only = SimpleNamespace(site=SimpleNamespace(logo=path), files={path: data})  # what square_png reads
    favicon, touch = square_png(logo_only, FAVICON_SIZE), square_png(logo_only, TOUCH_ICON_SIZE)
    icons = (favicon, on_white(touch)) if favicon and touch else None  # iOS shows transparency as black
    return icons, seo.share_image(logo_only)


def pictures_in_child(path: str, data: bytes) -> tuple[tuple[bytes, bytes] | None, bytes | None]:
    """:func:`draw_pictures` for an SVG logo, in a child process that ends with it.

    Typst draws the SVG and leaves its native threads in the process it ran in; a worker
    forked later from that process would wait for ever. So Typst never runs in the
    build's own process (nor in the live preview's, which lives long).
    """
    from concurrent.futures import ProcessPoolExecutor

    from ... import processes

    fork = processes.FORK is not None and processes.single_threaded() and "typst" not in sys.modules
    context = processes.FORK if fork else processes.SPAWN
    with processes.without_main(), ProcessPoolExecutor(max_workers=1, mp_context=context,
                                                       initializer=processes.die_with_parent,
                                                       initargs=(os.getpid(),)) as child:
        return child.submit(draw_pictures, path, data).result()


def on_white(png: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image, (0, 0), image.convert("RGBA"))
        out = io.BytesIO()
        white.save(out, format="PNG", optimize=True)
        return out.getvalue()


def write_docs(docs: Path, pages: list[Page], brand: dict[str, bytes] | None = None) -> None:
    """Write each page as Markdown with front matter, and the site's CSS, script and brand files."""
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {"title": html.escape(page.title), **page.meta}
        body = page.body if page.has_heading else f"# {text(page.title)}\n\n{page.body}"
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        target.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    shutil.copytree(ASSETS, docs / "assets" / "coursegen", dirs_exist_ok=True, ignore=shutil.ignore_patterns(SEARCH_WORKER))
    for name, data in (brand or {}).items():
        (docs / BRAND_ASSETS / name).write_bytes(data)
    # Next to the theme's worker, which loads its language files relative to itself.
    workers = docs / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ASSETS / SEARCH_WORKER, workers / SEARCH_WORKER)


def navigation(catalog: Catalog, lang: str, pages: list[Page]) -> list[object]:
    """The menu, as tabs on a wide screen: home; the training (hand-written pages, then the
    modules by step, a step of several modules as a group of its own); the calendar
    (upcoming, how to register, online, past); employers; trainers. The accessibility
    statement is linked from every page's footer."""
    words = labels(lang)
    by_path = {page.path: page for page in pages}

    def entry(path: str) -> dict[str, str]:
        return {html.escape(by_path[path].title): path}

    def named(key: str, path: str) -> dict[str, str]:
        return {html.escape(words[key]): path}

    extra_pages = sorted(path for path, page in by_path.items()
                         if page.meta.get("cg_hand_written")
                         and path not in (f"{EMPLOYERS_SLUG}.md", f"{ACCESSIBILITY_SLUG}.md"))
    training: list[object] = [entry(path) for path in extra_pages]
    modules = modules_in_order(catalog)
    for kind in catalog.kinds_in_use:
        of_kind = [entry(page_path(f"/modules/{m.id}/")) for m in modules if m.kind == kind]
        if len(of_kind) == 1:
            training += of_kind
        else:
            group = words.get(f"kind_group_{kind}") or words.get(f"kind_{kind}", kind)
            training.append({html.escape(group): of_kind})
    calendar: list[object] = [named("calendar_title", page_path(f"/{SESSIONS}/")),
                              entry(f"{REGISTRATION_SLUG}.md")]
    if page_path(ONLINE_PAGE) in by_path:
        calendar.append(named("sessions_online", page_path(ONLINE_PAGE)))
    calendar.append(named("archive", page_path(f"/{ARCHIVE}/")))
    nav: list[object] = [{html.escape(words["home"]): "index.md"}]
    if training:
        nav.append({html.escape(words["nav_training"]): training})
    nav += [
        {html.escape(words["calendar"]): calendar},
        entry(f"{EMPLOYERS_SLUG}.md"),
        {html.escape(words["trainers"]): page_path(f"/{TRAINERS}/")},
    ]
    return nav


def write_config(catalog: Catalog, lang: str, pages: list[Page], docs: Path, folder: Path, site_dir: Path,
                 brand: dict[str, bytes] | None = None) -> Path:
    """The language's mkdocs.yml: inherits the top-level one, adds what differs per language."""
    site = catalog.site
    # The language selector (extra.alternate) is only shown when there is another language.
    alternate = [{"name": LANGUAGE_NAMES.get(other, other), "lang": other,
                  "link": urls.home_page(site, other)} for other in site.languages] if len(site.languages) > 1 else []
    config = {
        "INHERIT": str(BASE_CONFIG),
        "site_name": html.escape(site.name[lang]),
        "site_description": site.tagline[lang] if site.tagline else None,  # escaped by main.html
        "site_author": site.organiser,  # escaped by main.html
        "copyright": site.organiser,  # escaped by the footer template
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": theme_config(lang, brand or {}),
        "plugins": {"search": {"lang": [lang]}},
        "nav": navigation(catalog, lang, pages),
        "extra_css": ["assets/coursegen/coursegen.css", f"{BRAND_ASSETS}/brand.css"],
        "extra": {"cg_language": lang, "alternate": alternate, "cg_footer_label": labels(lang)["footer_links"],
                  "cg_template_cache": str(folder.parent.parent / "cache" / "jinja"),
                  "cg_contact": contact_config(catalog, lang), "cg_not_found": not_found_config(catalog, lang),
                  "cg_logo_alt": site.organiser,
                  "cg_touch_icon": f"{BRAND_ASSETS}/apple-touch-icon.png" if "apple-touch-icon.png" in (brand or {}) else None},
        "hooks": [str(PACKAGE / "hooks.py")],
    }
    if site.url:
        config["site_url"] = site_address(urls.absolute(site, urls.home_page(site, lang)))
    config = {key: value for key, value in config.items() if value is not None}
    folder.mkdir(parents=True, exist_ok=True)
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def theme_config(lang: str, brand: dict[str, bytes]) -> dict[str, object]:
    """The theme's language and overrides, and the logo and favicon when the site has a logo."""
    theme: dict[str, object] = {"language": lang, "custom_dir": str(OVERRIDES)}
    logo = next((name for name in brand if name.startswith("logo.")), None)
    if logo:
        theme["logo"] = f"{BRAND_ASSETS}/{logo}"
    if "favicon.png" in brand:
        theme["favicon"] = f"{BRAND_ASSETS}/favicon.png"
    return theme


def contact_config(catalog: Catalog, lang: str) -> dict[str, str]:
    """The footer's contact line: e-mail and phone as links (escaped by the template)."""
    contact = catalog.site.contact
    words = labels(lang)
    found = {"label": words["contact"], "email_label": words["email"], "email": contact.email,
             "email_href": "mailto:" + url(contact.email)}  # what would end an address is percent-encoded
    if contact.phone:
        found.update(phone_label=words["phone"], phone=contact.phone, phone_href=tel_address(contact.phone))
    return found


def not_found_config(catalog: Catalog, lang: str) -> dict[str, str]:
    """The 404 page's words and links. It is served at any address, so its links are
    absolute paths (below the site address's own path, when it has one)."""
    site = catalog.site
    words = labels(lang)
    base = urlsplit(site.url).path.rstrip("/") if site.url else ""
    footer = [{"href": base + urls.home_page(site, other), "label": LANGUAGE_NAMES.get(other, other), "lang": other}
              for other in site.languages if other != lang]
    footer += [{"href": base + path, "label": label, "lang": lang} for path, label in footer_pages(catalog, lang)]
    return {"title": words["not_found_title"], "text": words["not_found_text"],
            "home": base + urls.home_page(site, lang), "home_label": words["not_found_home"],
            "calendar": base + urls.calendar_page(site, lang), "calendar_label": words["not_found_calendar"],
            "footer": footer}


def run_mkdocs(config_file: Path) -> None:
    """Build one language with mkdocs' Python API; a failure becomes a :class:`BuildError`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        with config_file.open("rb") as handle:
            config = load_config(config_file=handle)
        build(config)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs could not build {config_file}: {exc}") from exc
    except SystemExit as exc:  # a plugin that gives up exits
        raise BuildError(f"mkdocs stopped building {config_file}") from exc


class MkdocsMessages(logging.Handler):
    """Collects mkdocs' and its plugins' warnings and errors while the site is built.

    Their INFO chatter is dropped; warnings go to the build log; errors explain failures.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> "MkdocsMessages":
        logger = logging.getLogger("mkdocs")
        self.saved = (logger.level, logger.propagate)
        logger.setLevel(logging.WARNING)
        logger.propagate = False  # no stray output on stderr: warnings go to ctx.log
        logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logger = logging.getLogger("mkdocs")
        logger.removeHandler(self)
        logger.setLevel(self.saved[0])
        logger.propagate = self.saved[1]

    def take_warnings(self) -> list[str]:
        """Warnings since the last call, one line each."""
        lines = [" ".join(r.getMessage().split())[:300] for r in self.records if r.levelno == logging.WARNING]
        self.records = [r for r in self.records if r.levelno != logging.WARNING]
        return lines


def copy_files(catalog: Catalog, site_dir: Path) -> int:
    """Material downloads and slide images, once for all languages, from the bytes the
    loader read; returns how many."""
    targets = set()
    for source, url in material_files(catalog):
        target = site_dir / url.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(catalog.file(source))
        targets.add(target)
    return len(targets)


def check_sources(pages) -> list:
    """What the site can judge of the hand-written pages alone, when the rest of the content
    has errors (pipeline.validate): see :func:`.macros.check_page_sources`."""
    from .macros import check_page_sources

    return check_page_sources(pages)


def check_content(catalog: Catalog) -> list:
    """What only the site can judge, for ``check`` and ``build`` alike (pipeline.validate):
    the macros of every hand-written page, rendered in the sandbox in every language."""
    return check_page_macros(catalog)


__all__ = ["check_content", "check_sources", "render_site"]
