"""mkdocs hooks of the course site (listed under ``hooks:`` in each language's mkdocs.yml).

- ``on_page_content``: every page's HTML, generated or hand-written, passes the allowlist
  of :mod:`.sanitize` after Markdown, before the theme places it in the page.
- ``on_env``: compiling the theme's Jinja templates is a fifth of an mkdocs build of this
  site; the compiled templates are kept under build/cache/jinja/, keyed by each
  template's source, so later builds (and every live-preview rebuild) skip it.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

from generator.rendering.site.sanitize import clean


@event_priority(100)  # first: every plugin after it (search) sees only the cleaned page
def on_page_content(html: str, page, config, files) -> str:
    return clean(html)


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    folder = config.extra.get("cg_template_cache")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
    return env
