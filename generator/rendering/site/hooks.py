"""mkdocs hooks of the course site (listed under ``hooks:`` in each language's mkdocs.yml).

- ``on_page_content``: every page's HTML, generated or hand-written, passes the allowlist
  of :mod:`.sanitize` after Markdown, before the theme places it in the page. Then the
  buttons the site's script arms (``cg_buttons`` in the page's front matter, written by
  the generator) fill their slots: they never pass through, or come from, the content.
- ``on_page_context``: a page outside the menu shows no (empty) menu column.
- ``on_env``: compiling the theme's Jinja templates is a fifth of an mkdocs build of this
  site; the compiled templates are kept under build/cache/jinja/, keyed by each
  template's source and signed (:class:`SignedBytecodeCache`), so later builds (and every
  live-preview rebuild) skip it, and a planted cache file is never run.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.plugins import event_priority

from generator.rendering.site.sanitize import clean
from generator.rendering.site.validity import valid_markup


@event_priority(100)  # first: every plugin after it (search) sees only the cleaned page
def on_page_content(html: str, page, config, files) -> str:
    cleaned = clean(html)
    for slot, button in (page.meta.get("cg_buttons") or {}).items():
        # The slot as the sanitizer writes an element: text or an attribute value that looks
        # like it is escaped, so a button lands only where the generator put its slot.
        cleaned = cleaned.replace(f'<span id="{slot}"></span>', button)
    return cleaned


def on_page_context(context, page, config, nav):
    """A page outside the menu (a session, speaker notes, the results, the accessibility
    statement, 404) would show an empty menu column on a wide screen: it gets none, and its
    content starts at the left edge, as on the home page. On a phone the menu stays in the
    drawer (the theme keeps the drawer for pages that hide the column)."""
    if page.file.src_uri not in {item.file.src_uri for item in nav.pages}:
        hidden = page.meta.get("hide")
        if not isinstance(hidden, list):
            hidden = page.meta["hide"] = []
        if "navigation" not in hidden:
            hidden.append("navigation")
    return context


def on_post_page(output: str, page, config) -> str:
    return valid_markup(output)  # the theme's few invalid attributes (validity.py)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return valid_markup(output_content) if template_name.endswith(".html") else output_content


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    folder = config.extra.get("cg_template_cache")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = SignedBytecodeCache(folder)
    return env


class SignedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, each file signed with a key kept outside
    the output folder and the repository.

    Loading compiled code runs it: a cache file planted in build/ (by a pull request that
    commits one, or anyone else who can write there) would run code at build time. A file
    whose signature does not match is ignored and compiled again.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                signed = handle.read()
        except OSError:
            return
        signature, data = signed[:32], signed[32:]
        if hmac.compare_digest(signature, hmac.new(cache_key(), data, hashlib.sha256).digest()):
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        signed = hmac.new(cache_key(), data, hashlib.sha256).digest() + data
        target = Path(self._get_cache_filename(bucket))
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        try:
            temporary.write_bytes(signed)
            os.replace(temporary, target)
        except OSError:
            temporary.unlink(missing_ok=True)


@functools.cache
def cache_key() -> bytes:
    """A random key for this user, in the user's cache folder (made on first use);
    a key for this process only if that folder cannot be written."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coursegen"
    path = folder / "template-cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(key)
    except OSError:
        try:  # another process made it first: use theirs
            existing = path.read_bytes()
            if len(existing) == 32:
                return existing
        except OSError:
            pass
    return key
