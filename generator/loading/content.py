"""Load ``content/`` into a :class:`~generator.model.Catalog`, or raise every error found."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .. import urls
from ..declaration import MODULE, SESSIONS, SITE
from ..colours import AA_NORMAL_TEXT, contrast, darken
from ..errors import ContentError, ContentErrors, suggestion
from ..messages import Message, msg
from ..model import (
    DELIVERY_MODES,
    LAYOUTS_NEEDING_NOTES,
    MODULE_KINDS,
    SESSION_STATUSES,
    SLIDE_LAYOUTS,
    AgendaItem,
    Brand,
    Catalog,
    Contact,
    Evaluation,
    HandWrittenPage,
    Localized,
    Material,
    Module,
    Question,
    Session,
    Site,
    Slide,
    Trainer,
    Venue,
    slugify,
)
from .evaluations import load_evaluations
from .fields import ID_PATTERN, FieldReader, join, url_problem
from .source import (MAX_REPORTED, compose_text, control_characters, decode_text, excerpt, outside_link,
                     position, read_bytes, read_text, read_yaml)
from .svg import MAX_ASPECT as LOGO_MAX_ASPECT, SvgProblem, clean_svg

DEFAULT_LANGUAGES = ("sv", "en")
LANGUAGE_CODES = SITE["languages"].values


def shown_path(content_dir: Path, *parts: str) -> str:
    """How a file is named in messages: as the editor passed the folder, e.g. content/sessions.yaml."""
    return os.path.join(str(content_dir), *parts)


# Files the build may publish or draw, by how they are used; never a content file (.yaml, pages/).
IMAGE_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
MATERIAL_TYPES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".png", ".jpg", ".jpeg", ".txt", ".md")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 8000×5000; Pillow's own bomb check starts higher
MAX_TEMPLATE_UNPACKED = 100 * 1024 * 1024
DECK_TEMPLATE = "templates/deck.pptx"  # an organisation's own deck template, if any
PAGE_FIELDS = ("title", "description")  # front matter of a hand-written page


@dataclass
class ContentFolder:
    """The content folder being read, and the bytes of every file the build will use."""

    dir: Path  # as the editor named it: messages show paths below it
    root: Path  # resolved: nothing outside it is ever read
    files: dict[str, bytes] = field(default_factory=dict)

    def shown(self, relative: str) -> str:
        return shown_path(self.dir, *relative.split("/"))


def load_catalog(content_dir: Path | str) -> Catalog:
    """Read and validate a content folder. Raises :class:`ContentErrors` listing every defect.

    The catalog is the build's snapshot: besides the model it holds the bytes of every
    file the renderers use, so nothing after this reads ``content/``.
    """
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    if not content_dir.is_dir():
        raise ContentErrors([ContentError(str(content_dir), 1, 1, "", msg("no such folder; pass the content folder with --content DIR"))])
    folder = ContentFolder(content_dir, content_dir.resolve())
    links_leaving(folder, errors)

    site = load_site(content_dir, errors, folder)
    languages = site.languages if site else DEFAULT_LANGUAGES
    modules = load_modules(content_dir, languages, errors, folder)
    module_ids = {p.stem for p in (content_dir / "modules").glob("*.yaml")} | set(modules)
    venues, trainers, sessions = load_sessions(
        content_dir, languages, site.timezone if site else None, module_ids, errors
    )
    pages = load_pages(folder, languages, errors)
    evaluations = load_evaluations(folder, site, sessions, errors)
    check_published_names(folder, modules, errors)
    load_deck_template(folder, errors)
    if errors or site is None:
        raise ContentErrors(errors, pages=pages)
    return Catalog(
        site=site,
        modules=modules,
        venues=venues,
        trainers=trainers,
        sessions=tuple(sorted(sessions, key=lambda s: (s.starts_at, s.id))),
        content_dir=folder.root,
        pages=pages,
        files=folder.files,
        evaluations=evaluations,
    )


LINK_OUTSIDE = msg("is a link to a file outside the content folder; put the file itself under content/ instead of a link")


def links_leaving(folder: ContentFolder, errors: list[ContentError]) -> None:
    """Every link in the content folder that leads outside it: named, never followed."""
    found = 0
    for top, dirs, names in os.walk(folder.dir, followlinks=False):
        for name in sorted(dirs + names):
            path = Path(top) / name
            if path.is_symlink() and outside_link(path, folder.root):
                errors.append(ContentError(shown_path(Path(top), name), 1, 1, "", LINK_OUTSIDE))
                found += 1
                if found >= MAX_REPORTED * 4:
                    return


# -- site.yaml ------------------------------------------------------------------

SITE_FIELDS = SITE.names()
SITE_REQUIRED = SITE.required()
CONTACT_FIELDS = SITE.record("contact").names()
CONTACT_REQUIRED = SITE.record("contact").required()


def first_language(content_dir: Path) -> str | None:
    """The first of site.yaml's languages, read leniently (for the language of messages), or None."""
    path = Path(content_dir) / "site.yaml"
    if not path.is_file():
        return None
    root = read_yaml(path, str(path), [], root=Path(content_dir).resolve())
    found = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "languages"] \
        if isinstance(root, yaml.MappingNode) else []
    if found and isinstance(found[0], yaml.SequenceNode) and found[0].value:
        first = found[0].value[0]
        return first.value if isinstance(first, yaml.ScalarNode) else None
    return None


def load_site(content_dir: Path, errors: list[ContentError], folder: ContentFolder | None = None) -> Site | None:
    path = content_dir / "site.yaml"
    shown = shown_path(content_dir, "site.yaml")
    if not path.is_file():
        errors.append(ContentError(shown, 1, 1, "", msg("site.yaml is missing; every content folder needs one (see the editor guide)")))
        return None
    root = read_yaml(path, shown, errors, root=content_dir.resolve())
    if root is None:
        return None
    folder = folder or ContentFolder(content_dir, content_dir.resolve())
    before = len(errors)
    # Languages come first: every localized field depends on them.
    languages = DEFAULT_LANGUAGES
    probe = FieldReader(shown, languages, errors)
    entries = probe.mapping(root, "", SITE_FIELDS, required=SITE_REQUIRED)
    if entries is None:
        return None
    if "languages" in entries:
        items = probe.sequence(entries["languages"], "languages")
        if items is not None:
            codes = []
            for index, item in enumerate(items):
                code = probe.scalar(item, join("languages", index))
                if code is None:
                    continue
                if code not in LANGUAGE_CODES:
                    probe.error(item, join("languages", index), msg("unknown language code '{code}'{hint}; use a two-letter code such as 'sv' or 'en'", code=excerpt(code), hint=suggestion(code, LANGUAGE_CODES)))
                elif code in codes:
                    probe.error(item, join("languages", index), msg("'{code}' is listed twice", code=excerpt(code)))
                else:
                    codes.append(code)
            if codes:
                languages = tuple(codes)
    read = FieldReader(shown, languages, errors)
    name = read.localized(entries["name"], "name", one_line=True) if "name" in entries else None
    organiser = read.text(entries["organiser"], "organiser") if "organiser" in entries else None
    timezone = None
    if "timezone" in entries:
        timezone = read.text(entries["timezone"], "timezone")
        if timezone is not None:
            try:
                ZoneInfo(timezone)
            except (ZoneInfoNotFoundError, ValueError):
                read.error(entries["timezone"], "timezone", msg("unknown timezone '{zone}'; use an IANA name such as Europe/Stockholm", zone=excerpt(timezone)))
                timezone = None
    contact = None
    extras = read_site_extras(read, entries, folder)
    if "contact" in entries:
        fields = read.mapping(entries["contact"], "contact", CONTACT_FIELDS, required=CONTACT_REQUIRED)
        if fields is not None and "email" in fields:
            email = read.email(fields["email"], "contact.email")
            phone = read.text(fields["phone"], "contact.phone") if "phone" in fields else None
            if email:
                contact = Contact(email=email, phone=phone)
    optional = {
        key: read.localized(entries[key], key) if key in entries else None
        for key in ("tagline", "description", "registration")
    }
    url = read.url(entries["url"], "url") if "url" in entries else None
    if len(errors) > before or None in (name, organiser, timezone, contact):
        return None
    return Site(
        name=name, organiser=organiser, languages=languages, timezone=timezone,
        contact=contact, url=url.rstrip("/") if url else None, **optional, **extras,
    )


BRAND_FIELDS = SITE.record("brand").names()
BRAND_REQUIRED = SITE.record("brand").required()
EVALUATION_FIELDS = SITE.record("evaluation").names()  # all required
QUESTION_FIELDS = SITE.record("evaluation", "questions").names()
QUESTION_REQUIRED = SITE.record("evaluation", "questions").required()
LOGO_TYPES = SITE["logo"].type.types
MAX_LOGO_BYTES = 2 * 1024 * 1024


def read_site_extras(read: FieldReader, entries: dict, folder: ContentFolder) -> dict:
    """The optional look-and-follow-up fields of site.yaml: logo, brand, edit_url, evaluation."""
    extras: dict = {}
    if "logo" in entries:
        extras["logo"] = read_logo(read, folder, entries["logo"])
    if "brand" in entries:
        fields = read.mapping(entries["brand"], "brand", BRAND_FIELDS, required=BRAND_REQUIRED)
        if fields is not None and "primary" in fields:
            primary = read_colour(read, fields["primary"], "brand.primary")
            accent = read_colour(read, fields["accent"], "brand.accent") if "accent" in fields else None
            if primary:
                extras["brand"] = Brand(primary=primary, accent=accent)
    if "edit_url" in entries:
        extras["edit_url"] = read_template_url(read, entries["edit_url"], "edit_url", "path",
                                               "https://github.com/org/repo/edit/main/content/{path}")
    if "evaluation" in entries:
        fields = read.mapping(entries["evaluation"], "evaluation", EVALUATION_FIELDS, required=EVALUATION_FIELDS)
        if fields is not None and "url" in fields and "questions" in fields:
            form = read_template_url(read, fields["url"], "evaluation.url", "session",
                                     "https://forms.example.org/utv?tillfalle={session}")
            questions = []
            seen: set[str] = set()
            for index, item in enumerate(read.sequence(fields["questions"], "evaluation.questions") or []):
                where = join("evaluation.questions", index)
                question = read.mapping(item, where, QUESTION_FIELDS, required=QUESTION_REQUIRED)
                if question is None or "id" not in question or "text" not in question:
                    continue
                ident = read.identifier(question["id"], f"{where}.id")
                if ident in seen:
                    read.error(question["id"], f"{where}.id", msg("the question id '{ident}' is used twice; "
                               "give every question its own id", ident=ident))
                    ident = None
                text = read.localized(question["text"], f"{where}.text", one_line=True)
                scale = None
                if "scale" in question:
                    scale = read.integer(question["scale"], f"{where}.scale")
                    if scale is not None and not 2 <= scale <= 10:
                        read.error(question["scale"], f"{where}.scale", msg("a scale of {scale} cannot be used; "
                                   "write the highest rating, from 2 to 10, e.g. 5 for 1..5", scale=scale))
                        scale = None
                    elif scale is None:
                        continue
                if ident and text:
                    seen.add(ident)
                    questions.append(Question(id=ident, text=text, scale=scale))
            if form and questions:
                extras["evaluation"] = Evaluation(url=form, questions=tuple(questions))
    return extras


def read_colour(read: FieldReader, node: yaml.Node, field: str) -> str | None:
    """``#rrggbb`` that reaches WCAG AA contrast against white (text and links use it on white)."""
    value = read.text(node, field)
    if value is None:
        return None
    if not HEX_COLOUR.fullmatch(value):
        read.error(node, field, msg("'{value}' is not a colour; write it as # and six hex digits, "
                   "e.g. \"#00566b\" (in quotes: YAML reads # as a comment)", value=excerpt(value)))
        return None
    ratio = contrast(value)
    if ratio < AA_NORMAL_TEXT:
        read.error(node, field, msg("'{value}' has a contrast of {ratio:.2f}:1 against white; text in it would be "
                   "hard to read (WCAG AA needs {needed}:1); choose a darker shade, e.g. \"{darker}\"",
                   value=value, ratio=ratio, needed=AA_NORMAL_TEXT, darker=darker_until_readable(value)))
        return None
    return value.lower()


def darker_until_readable(colour: str) -> str:
    """The same hue, darkened step by step until it reaches AA against white."""
    factor = 1.0
    candidate = colour.lower()
    while contrast(candidate) < AA_NORMAL_TEXT and factor > 0:
        factor -= 0.05
        candidate = darken(colour, max(factor, 0))
    return candidate


def read_template_url(read: FieldReader, node: yaml.Node, field: str, placeholder: str, example: str) -> str | None:
    """A web address holding ``{placeholder}`` exactly once, and otherwise a plain address."""
    value = read.text(node, field)
    if value is None:
        return None
    mark = "{" + placeholder + "}"
    if value.count(mark) != 1:
        read.error(node, field, (msg("'{value}' must contain {mark} once, where the file path goes, e.g. {example}", value=excerpt(value),
                       mark=mark, example=example) if placeholder == "path" else
                   msg("'{value}' must contain {mark} once, where the session id goes, e.g. {example}",
                       value=excerpt(value), mark=mark, example=example)))
        return None
    problem = url_problem(value.replace(mark, "x"))
    if problem:
        read.error(node, field, msg("'{value}' is not a web address; {problem}", value=excerpt(value), problem=problem))
        return None
    return value


def read_logo(read: FieldReader, folder: ContentFolder, node: yaml.Node) -> str | None:
    """The logo: an SVG or PNG inside content/, outside pages/ and modules/; SVGs rebuilt from an allowlist."""
    value = read.text(node, "logo")
    if value is None:
        return None
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or any(part in ("", ".", "..") for part in parts):
        read.error(node, "logo", msg("'{value}' must be a path inside content/ written with '/' and "
                   "without '.' or '..' parts, e.g. {example}", value=excerpt(value), example="assets/logo.svg"))
        return None
    if parts[0] in ("pages", "evaluations", "templates") or not all(
            all(char.isalnum() or char in "-_." for char in part) and not part.startswith(".") for part in parts):
        read.error(node, "logo", msg("'{value}' is not a usable place for the logo; put it in a folder "
                   "of its own with a plain name, e.g. assets/logo.svg", value=excerpt(value)))
        return None
    suffix = os.path.splitext(value)[1].lower()
    if suffix not in LOGO_TYPES:
        read.error(node, "logo", msg("'{name}' is a {kind}; the logo must be an .svg or a .png file",
                   name=excerpt(parts[-1]), kind=suffix or msg("file without a type")))
        return None
    path = folder.dir / value
    if outside_link(path, folder.root):
        read.error(node, "logo", msg("'{value}' {problem}", value=excerpt(value), problem=LINK_OUTSIDE))
        return None
    if not path.is_file():
        read.error(node, "logo", msg("file '{value}' does not exist; check the spelling or add the file under content/", value=excerpt(value)))
        return None
    problems: list[ContentError] = []
    data = read_bytes(path, folder.shown(value), problems, root=folder.root, limit=MAX_LOGO_BYTES)
    if data is None:
        read.error(node, "logo", msg("'{value}': {problem}", value=excerpt(value), problem=problems[0].text or problems[0].message))
        return None
    if suffix == ".svg":
        try:
            data = clean_svg(data)
        except SvgProblem as problem:
            read.error(node, "logo", msg("'{value}' line {line}: {problem}", value=excerpt(value), line=problem.line,
                                             problem=problem.message))
            return None
    else:
        problem = file_type_problem(suffix, data) or png_shape_problem(data)
        if problem:
            read.error(node, "logo", msg("'{value}' {problem}", value=excerpt(value), problem=problem))
            return None
    folder.files[value] = data
    return value


def png_shape_problem(data: bytes) -> Message | None:
    """Why a (readable) PNG logo is too thin to draw as an icon, a card or a slide mark, or None."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
    if max(width / height, height / width) > LOGO_MAX_ASPECT:
        return msg("is {width} by {height} pixels, more than {limit} times as wide as it is tall (or as tall as "
                   "wide), too thin to show as an icon; crop it or export a more compact version",
                   width=width, height=height, limit=LOGO_MAX_ASPECT)
    return None


# -- modules/<id>.yaml -----------------------------------------------------------

MODULE_FIELDS = MODULE.names()
MODULE_REQUIRED = MODULE.required()
SLIDE_FIELDS = MODULE.record("slides").names()
SLIDE_REQUIRED = MODULE.record("slides").required()
AGENDA_FIELDS = MODULE.record("agenda").names()  # all required
MATERIAL_FIELDS = MODULE.record("materials").names()  # all required


def load_modules(content_dir: Path, languages: tuple[str, ...], errors: list[ContentError],
                 folder: ContentFolder | None = None) -> dict[str, Module]:
    folder = folder or ContentFolder(content_dir, content_dir.resolve())
    modules_dir = content_dir / "modules"
    modules: dict[str, Module] = {}
    if not modules_dir.is_dir():
        errors.append(ContentError(shown_path(content_dir, "modules"), 1, 1, "", msg("the modules/ folder is missing; add at least one module file")))
        return modules
    for path in sorted(modules_dir.iterdir()):
        shown = shown_path(content_dir, "modules", path.name)
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix == ".yml":
            errors.append(ContentError(shown, 1, 1, "", msg("module files end in .yaml; rename it to {stem}.yaml", stem=path.stem)))
            continue
        if path.suffix != ".yaml":
            continue
        if not ID_PATTERN.fullmatch(path.stem):
            errors.append(ContentError(
                shown, 1, 1, "",
                msg("'{stem}' is not a valid module id; name the file with lower-case letters a-z, digits and dashes, "
                    "e.g. grunddag.yaml", stem=path.stem),
            ))
            continue
        module = load_module(folder, path, shown, languages, errors)
        if module is not None:
            modules[module.id] = module
    if not modules and not any(e.path.startswith(shown_path(content_dir, "modules")) for e in errors):
        errors.append(ContentError(shown_path(content_dir, "modules"), 1, 1, "", msg("no module files found; add one, e.g. modules/grunddag.yaml")))
    return modules


def load_module(folder: ContentFolder, path: Path, shown: str, languages: tuple[str, ...], errors: list[ContentError]) -> Module | None:
    root = read_yaml(path, shown, errors, root=folder.root)
    if root is None:
        return None
    before = len(errors)
    read = FieldReader(shown, languages, errors)
    entries = read.mapping(root, "", MODULE_FIELDS, required=MODULE_REQUIRED)
    if entries is None:
        return None

    def localized(key: str) -> Localized | None:
        return read.localized(entries[key], key, one_line=key == "title") if key in entries else None

    kind = read.choice(entries["kind"], "kind", MODULE_KINDS) if "kind" in entries else None
    duration = read.integer(entries["duration_minutes"], "duration_minutes", minimum=1) if "duration_minutes" in entries else None
    delivery: list[str] = []
    if "delivery" in entries:
        for index, item in enumerate(read.sequence(entries["delivery"], "delivery") or []):
            mode = read.choice(item, join("delivery", index), DELIVERY_MODES)
            if mode:
                delivery.append(mode)
    objectives = [
        read.localized(item, join("objectives", index), one_line=True)
        for index, item in enumerate(read.sequence(entries["objectives"], "objectives") or [] if "objectives" in entries else [])
    ]
    agenda = read_agenda(read, entries.get("agenda"), duration, entries.get("duration_minutes"))
    slides = [
        read_slide(read, folder, item, join("slides", index))
        for index, item in enumerate(read.sequence(entries["slides"], "slides") or [] if "slides" in entries else [])
    ]
    materials = [
        read_material(read, folder, item, join("materials", index))
        for index, item in enumerate(read.sequence(entries["materials"], "materials", allow_empty=True) or [] if "materials" in entries else [])
    ]
    title, summary, audience, description = (localized(k) for k in ("title", "summary", "audience", "description"))
    if len(errors) > before:
        return None
    return Module(
        id=path.stem, kind=kind, title=title, summary=summary, audience=audience,
        duration_minutes=duration, delivery=tuple(delivery), objectives=tuple(objectives),
        agenda=tuple(agenda), slides=tuple(slides), description=description,
        materials=tuple(materials), source=shown,
    )


def read_agenda(read: FieldReader, node: yaml.Node | None, duration: int | None, duration_node: yaml.Node | None) -> list[AgendaItem]:
    if node is None:
        return []
    agenda = []
    for index, item in enumerate(read.sequence(node, "agenda") or []):
        field = join("agenda", index)
        entries = read.mapping(item, field, AGENDA_FIELDS, required=AGENDA_FIELDS)
        if not entries or len(entries) < 2:
            continue
        minutes = read.integer(entries["minutes"], f"{field}.minutes", minimum=1)
        title = read.localized(entries["title"], f"{field}.title", one_line=True)
        if minutes and title:
            agenda.append(AgendaItem(minutes, title))
    total = sum(item.minutes for item in agenda)
    if duration and duration_node is not None and total > duration:
        read.error(duration_node, "duration_minutes", msg("the agenda adds up to {total} minutes, more than {duration}; shorten the agenda or raise duration_minutes",
                                                         total=total, duration=duration))
    return agenda


def read_slide(read: FieldReader, folder: ContentFolder, node: yaml.Node, field: str) -> Slide | None:
    entries = read.mapping(node, field, SLIDE_FIELDS, required=SLIDE_REQUIRED)
    if entries is None:
        return None
    layout = read.choice(entries["layout"], f"{field}.layout", SLIDE_LAYOUTS) if "layout" in entries else None
    title = read.localized(entries["title"], f"{field}.title", one_line=True) if "title" in entries else None
    body = read.localized(entries["body"], f"{field}.body") if "body" in entries else None
    notes = read.localized(entries["notes"], f"{field}.notes") if "notes" in entries else None
    if layout in LAYOUTS_NEEDING_NOTES and "notes" not in entries:
        read.error(node, f"{field}.notes", msg("an {layout} slide needs speaker notes; add 'notes: {{{example}}}' with what the trainer says"
                                                  if layout[0] in "aeiou" else
                                                  "a {layout} slide needs speaker notes; add 'notes: {{{example}}}' with what the trainer says",
                                                  layout=layout, example=", ".join(f"{lang}: ..." for lang in read.languages)))
    image = alt = None
    if "image" in entries:
        image = read_content_path(read, folder, entries["image"], f"{field}.image", tuple(IMAGE_TYPES))
        if "alt" not in entries:
            read.error(entries["image"], f"{field}.alt", msg("an image needs alt text; add 'alt: {{sv: ..., en: ...}}' describing what the picture shows"))
    elif layout == "image":
        read.error(node, f"{field}.image", msg("an image slide needs an image; add 'image: modules/<id>/picture.png'"))
    if "alt" in entries:
        alt = read.localized(entries["alt"], f"{field}.alt", one_line=True)
    return Slide(layout=layout, title=title, body=body, notes=notes, image=image, alt=alt)


def read_material(read: FieldReader, folder: ContentFolder, node: yaml.Node, field: str) -> Material | None:
    entries = read.mapping(node, field, MATERIAL_FIELDS, required=MATERIAL_FIELDS)
    if not entries or len(entries) < 2:
        return None
    title = read.localized(entries["title"], f"{field}.title", one_line=True)
    file_node = entries["file"]
    if isinstance(file_node, yaml.MappingNode):
        per_language = read.mapping(file_node, f"{field}.file", read.languages, required=read.languages)
        if per_language is None or len(per_language) < len(read.languages):
            return None
        files = [(lang, read_content_path(read, folder, per_language[lang], f"{field}.file.{lang}", MATERIAL_TYPES))
                 for lang in read.languages]
    else:
        path = read_content_path(read, folder, file_node, f"{field}.file", MATERIAL_TYPES)
        files = [(lang, path) for lang in read.languages]
    if title is None or any(p is None for _, p in files):
        return None
    return Material(title=title, files=Localized(tuple(files)))


def read_content_path(read: FieldReader, folder: ContentFolder, node: yaml.Node, field: str,
                      types: tuple[str, ...]) -> str | None:
    """A file inside a module's folder, of one of ``types``, that exists and is what its name says.

    Its bytes go into the snapshot (``folder.files``): renderers never open it themselves.
    """
    value = read.text(node, field)
    if value is None:
        return None
    parts = value.split("/")
    example = "modules/grunddag/checklista.pdf" if ".pdf" in types else "modules/grunddag/bild.png"
    if value.startswith("/") or "\\" in value or any(part in ("", ".", "..") for part in parts):
        read.error(node, field, msg("'{value}' must be a path inside content/ written with '/' and "
                   "without '.' or '..' parts, e.g. {example}", value=excerpt(value), example=example))
        return None
    if len(parts) < 3 or parts[0] != "modules" or not ID_PATTERN.fullmatch(parts[1]):
        read.error(node, field, msg("'{value}' is not in a module's folder; keep images and materials "
                   "in content/modules/<module-id>/, e.g. {example}", value=excerpt(value), example=example))
        return None
    name = parts[-1]
    for part in parts[2:]:
        if not all(char.isalnum() or char in "-_." for char in part) or part.startswith("."):
            read.error(node, field, msg("'{part}' is not a usable file or folder name: it becomes part of a "
                       "web address; use letters, digits, '-', '_' and '.', e.g. checklista-2027.pdf", part=excerpt(part)))
            return None
    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".md" and not slugify(name[:-3]):
        read.error(node, field, msg("'{name}' gives its page no address: the name needs letters a-z or "
                   "digits, e.g. checklista.sv.md", name=excerpt(name)))
        return None
    if suffix not in types:
        read.error(node, field, msg("'{name}' is a {kind}; this field takes {types} files only", name=excerpt(name),
                   kind=suffix or msg("file without a type"), types=", ".join(types)))
        return None
    path = folder.dir / value
    if outside_link(path, folder.root):
        read.error(node, field, msg("'{value}' {problem}", value=excerpt(value), problem=LINK_OUTSIDE))
        return None
    if not path.is_file():
        read.error(node, field, msg("file '{value}' does not exist; check the spelling or add the file under content/", value=excerpt(value)))
        return None
    if value in folder.files:
        return value
    problems: list[ContentError] = []
    data = read_bytes(path, folder.shown(value), problems, root=folder.root, limit=MAX_FILE_BYTES)
    if data is None:
        read.error(node, field, msg("'{value}': {problem}", value=excerpt(value), problem=problems[0].text or problems[0].message))
        return None
    problem = file_type_problem(suffix, data)
    if problem:
        read.error(node, field, msg("'{value}' {problem}", value=excerpt(value), problem=problem))
        return None
    folder.files[value] = data
    return value


def file_type_problem(suffix: str, data: bytes) -> Message | None:
    """Why ``data`` is not a file of type ``suffix``, or None if it is one."""
    if suffix in IMAGE_TYPES:
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if width * height > MAX_PIXELS:
                    return msg("is {width}×{height} pixels, more than a slide or a page can show; "
                               "make it smaller, e.g. 2000×1500", width=width, height=height)
                image.verify()
        except Exception:  # noqa: BLE001 - whatever Pillow makes of a hostile file, it is not a picture
            return msg("is not a picture that can be read; export it again as PNG or JPEG")
        if kind != IMAGE_TYPES[suffix]:
            return msg("is a {kind} picture with a {suffix} name; export it as {wanted} or rename it", kind=kind,
                       suffix=suffix, wanted=IMAGE_TYPES[suffix])
        return None
    if suffix == ".pdf":
        return None if data.startswith(b"%PDF-") else msg("is not a PDF file; export it again as PDF")
    if suffix in (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        if not names & {"[Content_Types].xml", "mimetype"}:
            return msg("is not a {suffix} document; save it again from the office program", suffix=suffix)
        return None
    # .txt and .md: text that is shown as it is, or as a page
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return msg("is not UTF-8 text; save it as UTF-8 in your editor")
    controls = []
    if control_characters(text, "", controls):
        return msg("has an invisible control character on line {line}; delete it", line=controls[0].line)
    return None


# -- sessions.yaml ---------------------------------------------------------------

SESSION_FIELDS = SESSIONS.record("sessions").names()
SESSION_REQUIRED = SESSIONS.record("sessions").required()
SESSIONS_FILE_FIELDS = SESSIONS.names()
SESSIONS_FILE_REQUIRED = SESSIONS.required()
VENUE_FIELDS = SESSIONS.record("venues").names()
VENUE_REQUIRED = SESSIONS.record("venues").required()
TRAINER_FIELDS = SESSIONS.record("trainers").names()  # all required
ONLINE_FIELDS = SESSIONS.record("sessions", "online").names()  # all required
REGISTRATION_FIELDS = SESSIONS.record("sessions", "registration").names()
REGISTRATION_REQUIRED = SESSIONS.record("sessions", "registration").required()


def load_sessions(
    content_dir: Path,
    languages: tuple[str, ...],
    timezone: str | None,
    module_ids: set[str],
    errors: list[ContentError],
) -> tuple[dict[str, Venue], dict[str, Trainer], list[Session]]:
    venues: dict[str, Venue] = {}
    trainers: dict[str, Trainer] = {}
    sessions: list[Session] = []
    path = content_dir / "sessions.yaml"
    shown = shown_path(content_dir, "sessions.yaml")
    if not path.is_file():
        errors.append(ContentError(shown, 1, 1, "", msg("sessions.yaml is missing; add one with venues, trainers and sessions (may be empty lists)")))
        return venues, trainers, sessions
    root = read_yaml(path, shown, errors, root=content_dir.resolve())
    if root is None:
        return venues, trainers, sessions
    read = FieldReader(shown, languages, errors)
    entries = read.mapping(root, "", SESSIONS_FILE_FIELDS, required=SESSIONS_FILE_REQUIRED)
    if entries is None:
        return venues, trainers, sessions

    spelled: dict[str, tuple[str, int]] = {}  # municipality slug -> (spelling, line)
    for key, node in read_id_map(read, entries.get("venues"), "venues"):
        fields = read.mapping(node, f"venues.{key}", VENUE_FIELDS, required=VENUE_REQUIRED)
        if not fields:
            continue
        name = read.name(fields["name"], f"venues.{key}.name") if "name" in fields else None
        address = read.text(fields["address"], f"venues.{key}.address") if "address" in fields else None
        municipality = read.text(fields["municipality"], f"venues.{key}.municipality") if "municipality" in fields else None
        accessibility = read.localized(fields["accessibility"], f"venues.{key}.accessibility") if "accessibility" in fields else None
        if municipality:
            municipality = same_municipality(read, fields["municipality"], f"venues.{key}.municipality",
                                             municipality, spelled)
        if name and address and municipality:
            venues[key] = Venue(key, name, address, municipality, accessibility)

    for key, node in read_id_map(read, entries.get("trainers"), "trainers"):
        fields = read.mapping(node, f"trainers.{key}", TRAINER_FIELDS, required=TRAINER_FIELDS)
        if not fields:
            continue
        name = read.text(fields["name"], f"trainers.{key}.name") if "name" in fields else None
        organisation = read.text(fields["organisation"], f"trainers.{key}.organisation") if "organisation" in fields else None
        if name and organisation:
            trainers[key] = Trainer(key, name, organisation)

    seen: dict[str, int] = {}
    known_venues = venue_ids(entries.get("venues"))
    known_trainers = venue_ids(entries.get("trainers"))
    items = read.sequence(entries["sessions"], "sessions", allow_empty=True) or [] if "sessions" in entries else []
    for node, name in zip(items, session_positions(items)):
        session = read_session(read, node, name, languages, timezone, module_ids, known_venues, known_trainers, seen)
        if session is not None:
            sessions.append(session)
    return venues, trainers, sessions


def session_positions(items: list[yaml.Node]) -> list[str]:
    """How messages name each session: by its id, which editors know (``sessions[2027-02-grunddag-halmstad]``),
    or by its place in the list counted from 0 (``sessions[3]``) when its id is missing, invalid or not unique."""
    ids = []
    for item in items:
        found = [v for k, v in item.value if isinstance(k, yaml.ScalarNode) and k.value == "id"] \
            if isinstance(item, yaml.MappingNode) else []
        value = found[0].value if found and isinstance(found[0], yaml.ScalarNode) else None
        ids.append(value if value and ID_PATTERN.fullmatch(value) else None)
    return [f"sessions[{ident}]" if ident and ids.count(ident) == 1 else f"sessions[{index}]"
            for index, ident in enumerate(ids)]


def same_municipality(read: FieldReader, node: yaml.Node, field: str, name: str,
                      spelled: dict[str, tuple[str, int]]) -> str | None:
    """A municipality has one spelling: its feed and page addresses come from it."""
    slug = slugify(name)
    if not slug:
        read.error(node, field, msg("'{name}' has no letters or digits; write the municipality's name, e.g. Halmstad", name=excerpt(name)))
        return None
    first = spelled.setdefault(slug, (name, position(node)[0]))
    if first[0] != name:
        read.error(node, field, msg("'{name}' is written '{first}' on line {line}; "
                   "write a municipality the same way everywhere (it names one calendar and one page)",
                   name=excerpt(name), first=excerpt(first[0]), line=first[1]))
        return None
    return name


def read_id_map(read: FieldReader, node: yaml.Node | None, field: str):
    """(id, node) pairs of a mapping keyed by ids, checking each id."""
    if node is None:
        return []
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null") and node.style is None:
        return []  # 'trainers:' with nothing under it: no trainers yet
    if not isinstance(node, yaml.MappingNode):
        read.error(node, field, msg("expected a mapping of ids to entries, e.g. 'stadsbiblioteket-halmstad: {{name: ..., ...}}'"))
        return []
    pairs, first_line = [], {}
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or not ID_PATTERN.fullmatch(key):
            read.error(key_node, f"{field}.{excerpt(str(key), 40)}", msg("'{key}' is not a valid id; use lower-case letters a-z, digits and dashes", key=excerpt(str(key))))
            continue
        if key in first_line:
            read.error(key_node, f"{field}.{key}", msg("duplicate id '{key}' (first on line {line}); ids must be unique", key=excerpt(key), line=first_line[key]))
            continue
        first_line[key] = position(key_node)[0]
        pairs.append((key, value))
    return pairs


def venue_ids(node: yaml.Node | None) -> set[str]:
    """Ids declared under a mapping node, valid or not (for reference checks)."""
    if not isinstance(node, yaml.MappingNode):
        return set()
    return {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def read_session(
    read: FieldReader,
    node: yaml.Node,
    field: str,
    languages: tuple[str, ...],
    timezone: str | None,
    module_ids: set[str],
    known_venues: set[str],
    known_trainers: set[str],
    seen: dict[str, int],
) -> Session | None:
    entries = read.mapping(node, field, SESSION_FIELDS, required=SESSION_REQUIRED)
    if entries is None:
        return None
    before = len(read.errors)
    get = entries.get

    session_id = read.identifier(get("id"), f"{field}.id") if "id" in entries else None
    if session_id in urls.RESERVED_SESSION_IDS:
        read.error(entries["id"], f"{field}.id", msg("'{id}' is the name of a calendar page "
                   "(/sessions/{id}/); give the session another id, e.g. 2027-02-grunddag-halmstad", id=excerpt(session_id)))
        session_id = None
    if session_id is not None:
        if session_id in seen:
            read.error(entries["id"], f"{field}.id", msg("duplicate session id '{id}' (first on line {line}); every session needs its own id",
                                                                 id=excerpt(session_id), line=seen[session_id]))
        else:
            seen[session_id] = position(entries["id"])[0]

    module = None
    if "module" in entries:
        module = read.scalar(entries["module"], f"{field}.module")
        if module is not None and module not in module_ids:
            read.error(entries["module"], f"{field}.module", msg("unknown module '{module}'{hint}; it must be the name of a file in modules/ without .yaml",
                                                                         module=excerpt(module), hint=suggestion(module, module_ids)))
            module = None

    date = read.date(entries["date"], f"{field}.date") if "date" in entries else None
    start = read.time(entries["start"], f"{field}.start") if "start" in entries else None
    end = read.time(entries["end"], f"{field}.end") if "end" in entries else None
    if start and end and end <= start:
        read.error(entries["end"], f"{field}.end", msg("the session ends ({end:%H:%M}) before it starts ({start:%H:%M}); check start and end", end=end, start=start))
    if date and timezone:
        for key, clock in (("start", start), ("end", end)):
            if clock is not None:
                problem = clock_change_problem(date, clock, timezone)
                if problem:
                    read.error(entries[key], f"{field}.{key}", problem)

    venue = online_url = None
    if "venue" in entries and "online" in entries:
        read.error(entries["online"], f"{field}.online", msg("a session has either a venue or an online link, not both; remove one"))
    elif "venue" in entries:
        venue = read.scalar(entries["venue"], f"{field}.venue")
        if venue is not None and venue not in known_venues:
            read.error(entries["venue"], f"{field}.venue", msg("unknown venue '{venue}'{hint}; add it under venues: or fix the id",
                                                                       venue=excerpt(venue), hint=suggestion(venue, known_venues)))
            venue = None
    elif "online" in entries:
        fields = read.mapping(entries["online"], f"{field}.online", ONLINE_FIELDS, required=ONLINE_FIELDS)
        if fields and "url" in fields:
            online_url = read.url(fields["url"], f"{field}.online.url")
    else:
        read.error(node, f"{field}.venue", msg("missing a place; add 'venue: <venue-id>' or, for a digital session, 'online: {{url: https://...}}'"))

    language = read.choice(entries["language"], f"{field}.language", languages) if "language" in entries else None

    trainer_ids: list[str] = []
    if "trainers" in entries:
        for index, item in enumerate(read.sequence(entries["trainers"], f"{field}.trainers", allow_empty=True) or []):
            trainer = read.scalar(item, f"{field}.trainers[{index}]")
            if trainer is None:
                continue
            if trainer not in known_trainers:
                read.error(item, f"{field}.trainers[{index}]", msg("unknown trainer '{trainer}'{hint}; add them under trainers: or fix the id",
                                                                        trainer=excerpt(trainer), hint=suggestion(trainer, known_trainers)))
            elif trainer in trainer_ids:
                read.error(item, f"{field}.trainers[{index}]", msg("trainer '{trainer}' is listed twice", trainer=excerpt(trainer)))
            else:
                trainer_ids.append(trainer)

    capacity = None
    if "capacity" in entries:
        capacity = read.integer(entries["capacity"], f"{field}.capacity")
        if capacity is not None and capacity < 0:
            read.error(entries["capacity"], f"{field}.capacity", msg("capacity cannot be negative ({capacity}); write the number of places, e.g. 30", capacity=capacity))

    registration_url = deadline = None
    if "registration" in entries:
        fields = read.mapping(entries["registration"], f"{field}.registration", REGISTRATION_FIELDS, required=REGISTRATION_REQUIRED)
        if fields:
            if "url" in fields:
                registration_url = read.url(fields["url"], f"{field}.registration.url")
            if "deadline" in fields:
                deadline = read.date(fields["deadline"], f"{field}.registration.deadline")
                if deadline and date and deadline > date:
                    read.error(fields["deadline"], f"{field}.registration.deadline", msg("the deadline {deadline} is after the session ({date}); set it on or before the session date",
                                                                                                   deadline=deadline, date=date))

    status = read.choice(entries["status"], f"{field}.status", SESSION_STATUSES) if "status" in entries else "scheduled"
    places_left = None
    if "places_left" in entries:
        places_left = read.integer(entries["places_left"], f"{field}.places_left")
        if places_left is not None and places_left < 0:
            read.error(entries["places_left"], f"{field}.places_left", msg("places left cannot be negative ({places}); "
                       "write 0, or set 'status: full' when the session is full", places=places_left))
            places_left = None
        elif places_left is not None and capacity is not None and places_left > capacity:
            read.error(entries["places_left"], f"{field}.places_left", msg("{places} places left is more than the "
                       "capacity ({capacity}); lower places_left or raise capacity", places=places_left, capacity=capacity))
            places_left = None
    note = read.localized(entries["note"], f"{field}.note") if "note" in entries else None
    if "internal" in entries:
        read.scalar(entries["internal"], f"{field}.internal")  # checked, then dropped: never published

    if len(read.errors) > before or None in (session_id, module, date, start, end, language, status) or timezone is None:
        return None
    return Session(
        id=session_id, module=module, date=date, start=start, end=end, language=language,
        timezone=timezone, trainers=tuple(trainer_ids), venue=venue, online_url=online_url,
        capacity=capacity, registration_url=registration_url, registration_deadline=deadline,
        status=status, note=note, places_left=places_left,
    )


def clock_change_problem(date: dt.date, clock: dt.time, timezone: str) -> Message | None:
    """Say so if a local time does not exist, or exists twice, on a clock-change day."""
    zone = ZoneInfo(timezone)
    first = dt.datetime.combine(date, clock, tzinfo=zone)
    second = first.replace(fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(dt.timezone.utc).astimezone(zone)
        if round_trip.replace(tzinfo=None) != first.replace(tzinfo=None):
            return msg("{clock:%H:%M} does not exist on {date} in {zone} (the clocks go forward); pick a time outside "
                       "the skipped hour", clock=clock, date=date, zone=timezone)
        return msg("{clock:%H:%M} happens twice on {date} in {zone} (the clocks go back); pick a time outside the "
                   "repeated hour", clock=clock, date=date, zone=timezone)
    return None


# -- pages/ ------------------------------------------------------------------------

def load_pages(folder: ContentFolder, languages: tuple[str, ...], errors: list[ContentError]) -> tuple[HandWrittenPage, ...]:
    """Hand-written Markdown pages; optional. Each is UTF-8, named by a free slug, with
    front matter of known fields only."""
    pages_dir = folder.dir / "pages"
    if not pages_dir.is_dir() or outside_link(pages_dir, folder.root):
        return ()
    pages = []
    files = []
    for top, dirs, names in os.walk(pages_dir, followlinks=False):
        dirs.sort()
        files += [Path(top) / name for name in sorted(names) if name.endswith(".md")]
    for path in files:
        relative = path.relative_to(folder.dir).as_posix()
        shown = folder.shown(relative)
        slug, language = page_name(relative[len("pages/"):-len(".md")], languages)
        problem = page_name_problem(slug, languages)
        if problem:
            errors.append(ContentError(shown, 1, 1, "", problem))
            continue
        text = read_text(path, shown, errors, root=folder.root)
        if text is None or control_characters(text, shown, errors):
            continue
        page = read_page(relative, shown, slug, language, text, languages, errors)
        if page is not None:
            pages.append(page)
    return tuple(pages)


def page_name(name: str, languages: tuple[str, ...]) -> tuple[str, str | None]:
    """'om-programmet.sv' -> ('om-programmet', 'sv'); 'om-programmet' -> ('om-programmet', None)."""
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix in languages:
        return stem, suffix
    return name, None


def page_name_problem(slug: str, languages: tuple[str, ...]) -> Message | None:
    segments = slug.split("/")
    if not all(ID_PATTERN.fullmatch(segment) for segment in segments):
        return msg("'{slug}' is not a usable page name; name a page with lower-case letters a-z, digits and "
                   "dashes, and the language: e.g. om-programmet.{language}.md", slug=excerpt(slug), language=languages[0])
    reserved = set(urls.GENERATED_NAMES) | set(languages)
    if segments[0] in reserved or segments[-1] in ("index", "readme"):
        return msg("the page name '{slug}' is used by the generated site (/{first}/); "
                   "rename the file, e.g. om-programmet.md", slug=slug, first=segments[0])
    return None


def read_page(relative: str, shown: str, slug: str, language: str | None, text: str,
              languages: tuple[str, ...], errors: list[ContentError]) -> HandWrittenPage | None:
    """A page with optional front matter between '---' lines: 'title' and 'description'."""
    meta: dict[str, str] = {}
    body, body_line = text, 1
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        end = next((index for index, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
        if end is None:
            errors.append(ContentError(shown, 1, 1, "", msg("the front matter that starts with '---' has no closing "
                                       "'---' line; add one after the last field")))
            return None
        before = len(errors)
        # One empty line in place of the opening '---' keeps line numbers those of the file.
        head = "\n".join([""] + lines[1:end])
        node = compose_text(head, shown, errors) if head.strip() else None
        if len(errors) > before:
            return None
        if node is not None:
            read = FieldReader(shown, languages, errors)
            entries = read.mapping(node, "", PAGE_FIELDS)
            if entries is None:
                return None
            for key, value in entries.items():
                text_value = read.text(value, key)
                if text_value is not None:
                    meta[key] = text_value
            if len(errors) > before:
                return None
        body, body_line = "\n".join(lines[end + 1:]), end + 2
    if not body.strip():
        errors.append(ContentError(shown, 1, 1, "", msg("the page is empty; write it or delete the file")))
        return None
    return HandWrittenPage(source=relative, shown=shown, slug=slug, language=language, body=body, body_line=body_line,
                           title=meta.get("title"), description=meta.get("description"))


def check_published_names(folder: ContentFolder, modules: dict[str, Module], errors: list[ContentError]) -> None:
    """Two materials of a module may not publish to the same address (their file names decide it)."""
    for module in modules.values():
        taken: dict[str, str] = {}
        for material in module.materials:
            for language, file in material.files.texts:
                name = file.rsplit("/", 1)[-1]
                # A Markdown material is a page per language, named by the slug of its file name.
                address = (f"/materials/{module.id}/{slugify(name.removesuffix('.md'))}/ ({language})"
                           if name.endswith(".md") else urls.material_file(module.id, file))
                first = taken.setdefault(address, file)
                if first != file:
                    errors.append(ContentError(module.source, 1, 1, "materials", msg("'{file}' and "
                                               "'{first}' would both be published as {address}; "
                                               "give one of the files another name",
                                               file=excerpt(file), first=excerpt(first), address=address)))


def load_deck_template(folder: ContentFolder, errors: list[ContentError]) -> None:
    """An organisation's own deck template: a PowerPoint file with a layout for every slide layout,
    nothing that reaches outside the file (linked pictures, macros, embedded programs), and no
    part that unpacks to more than the limit."""
    path = folder.dir / DECK_TEMPLATE
    if not (path.exists() or path.is_symlink()):
        return
    shown = folder.shown(DECK_TEMPLATE)
    data = read_bytes(path, shown, errors, root=folder.root, limit=MAX_FILE_BYTES)
    if data is None:
        return
    problem = template_problem(data)
    if problem:
        errors.append(ContentError(shown, 1, 1, "", problem))
        return
    folder.files[DECK_TEMPLATE] = data


NOT_A_TEMPLATE = msg("not a PowerPoint presentation; save the template from PowerPoint as .pptx, "
                     "or remove the file to use the programme's own template")


def template_problem(data: bytes) -> Message | None:
    """Why ``data`` cannot be the deck template, or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if sum(member.file_size for member in members) > MAX_TEMPLATE_UNPACKED:
                return msg("the template unpacks to more than {limit} MB; save it again "
                           "from PowerPoint without large pictures or videos", limit=MAX_TEMPLATE_UNPACKED // 2**20)
            names = {member.filename for member in members}
            if "ppt/presentation.xml" not in names:
                return NOT_A_TEMPLATE
            active = sorted(name for name in names if name.lower().endswith("vbaproject.bin")
                            or name.startswith(("ppt/embeddings/", "ppt/activeX/")))
            if active:
                return msg("the template holds macros or embedded programs ({part}); save it as a plain "
                           ".pptx presentation without them", part=active[0])
            for name in sorted(names):
                if name.endswith(".rels") and b'TargetMode="External"' in package.read(name).replace(b"'", b'"'):
                    return msg("the template links to something outside the file ({part}); insert pictures "
                               "into the template instead of linking to them, and remove links", part=name)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError):
        return NOT_A_TEMPLATE
    try:
        from pptx import Presentation

        presentation = Presentation(io.BytesIO(data))
        layouts = {layout.name for layout in presentation.slide_layouts}
    except Exception:  # noqa: BLE001 - whatever python-pptx makes of a broken package, it is not a template
        return NOT_A_TEMPLATE
    missing = [layout for layout in SLIDE_LAYOUTS if layout not in layouts]
    if missing:
        return msg("the template has no slide layout named {missing}; rename its layouts in "
                   "PowerPoint (View > Slide Master) to {layouts}", missing=", ".join(missing), layouts=", ".join(SLIDE_LAYOUTS))
    return None
