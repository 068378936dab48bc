"""mkdocs hooks of the course site (listed under ``hooks:`` in each language's mkdocs.yml).

Compiling the theme's Jinja templates is a fifth of an mkdocs build of this site; the
compiled templates are kept under build/cache/jinja/, keyed by each template's source,
so later builds (and every live-preview rebuild) skip it.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    folder = config.extra.get("cg_template_cache")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
    return env
