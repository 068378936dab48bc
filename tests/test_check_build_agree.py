"""`check` and `build` agree: whatever the build rejects, the check rejects first.

A property-style test: a seeded generator makes many mutants of a small but complete
content folder (every kind of file: site, modules with an image and materials, sessions,
hand-written pages), each changing one value, one key or one file into something an
editor or an attacker might write. For every mutant, either ``check`` (the loader)
rejects it with a position inside the content folder and ``build`` rejects it the same way
without writing anything, or ``check`` passes and the full build (site, decks, feeds)
succeeds. A mutant that passes ``check`` and fails ``build`` is the bug this test exists
to find.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest
import yaml

from generator.editing.checking import run_check
from generator.errors import ContentErrors
from generator.pipeline import build

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "fixtures" / "site"
TODAY = dt.date(2027, 1, 15)
SEED = 20261125
MUTANTS = 24

# Values an editor or an attacker might put anywhere a scalar stands.
NASTY = (
    "", " ", "~", "No", "10:00", "25:61", "-1", "0", "99999999999999999999", "2027-02-30",
    "online", "kind", "municipality", "Halmstad", "HALMSTAD", "Hälmstad",
    "../sessions.yaml", "modules/../site.yaml", "/etc/passwd", "modules/grunddag/../../site.yaml",
    "modules/grunddag/arbetsplats.png", "modules/grunddag/checklista.sv.md", "modules/grunddag/x.svg",
    "javascript:alert(1)", "https://x.example.org/\"><script>alert(1)</script>",
    "[x](jav&#x61;script:alert(1))", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{: onclick=\"alert(1)\" }",
    "a\u0007b", "x" * 3000, "grunddag", "frukost", "title", "content", "sv", "en", "fi",
    "Europe/Nowhere", "info@example", "FIXME",
)
PAGE_NAMES = ("sitemap.xml.md", "en.sv.md", "sessions.sv.md", "404.md", "index.md", "Om.md", "ok-sida.sv.md",
              "a/b.md", "search.md", "assets/x.md")
FRONT_MATTER = ("---\ntitle: Hej\n---\n", "---\ntemplate: main.html\n---\n", "---\n- a\n---\n",
                "---\ntitle: [\n---\n", "---\ntitle: Hej\n", "---\ndescription: <b>x</b>\n---\n")


def scalars(node: yaml.Node, keys: bool):
    """Every scalar node of a composed document (with ``keys``, mapping keys too), in document order."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if keys:
                yield from scalars(key, keys)
            yield from scalars(value, keys)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from scalars(item, keys)


def mutate_scalar(folder: Path, rng: random.Random) -> str:
    """Replace one scalar of one YAML file with a nasty value (written as a JSON string: valid YAML)."""
    files = sorted(folder.rglob("*.yaml"))
    path = rng.choice(files)
    text = path.read_text(encoding="utf-8")
    keys = rng.random() < 0.15  # mostly values: a renamed key is always an error, and cheap to find
    nodes = [n for n in scalars(yaml.compose(text, Loader=yaml.SafeLoader), keys) if n.end_mark.index > n.start_mark.index]
    node = rng.choice(nodes)
    value = rng.choice(NASTY)
    start, end = node.start_mark.index, node.end_mark.index
    path.write_text(text[:start] + json.dumps(value) + text[end:], encoding="utf-8")
    return f"{path.relative_to(folder)}:{node.start_mark.line + 1}: {node.value[:30]!r} -> {value[:40]!r}"


def mutate_page(folder: Path, rng: random.Random) -> str:
    """Add a hand-written page with a chosen name, front matter and body."""
    name = rng.choice(PAGE_NAMES)
    front = rng.choice(FRONT_MATTER + ("",))
    body = rng.choice(("# Sida\n\nText.\n", "# Sida\n\n" + rng.choice(NASTY) + "\n", "{{ upcoming_sessions() }}\n",
                       "{{ nosuch() }}\n", "{% for x in range(3) %}x{% endfor %}\n"))
    target = folder / "pages" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + body, encoding="utf-8")
    return f"pages/{name}: {front!r} + {body[:40]!r}"


def mutate_file(folder: Path, rng: random.Random) -> str:
    """Swap a module file's image or material for bytes of another kind."""
    target = rng.choice(sorted(p for p in (folder / "modules" / "grunddag").iterdir()))
    content = rng.choice((b"", b"not a picture", b"%PDF-1.4\n", "åäö".encode("latin-1"), b"<svg onload=alert(1)>"))
    target.write_bytes(content)
    return f"{target.relative_to(folder)} <- {content[:20]!r}"


def make_mutant(index: int, tmp: Path) -> tuple[Path, str]:
    rng = random.Random(SEED + index)
    folder = tmp / "content"
    shutil.copytree(BASE, folder)
    kind = rng.choices((mutate_scalar, mutate_page, mutate_file), weights=(6, 2, 1))[0]
    return folder, kind(folder, rng)


@pytest.mark.parametrize("index", range(MUTANTS))
def test_check_and_build_agree(tmp_path: Path, index: int) -> None:
    folder, change = make_mutant(index, tmp_path)
    out = tmp_path / "out"
    checked = run_check(folder)
    if checked.errors:
        # check rejects: every message points into the content folder, and build rejects too,
        # writing nothing.
        for error in checked.errors:
            assert error.path.startswith(str(folder)), (change, str(error))
            assert error.line >= 1 and error.column >= 1, (change, str(error))
            assert len(str(error)) < 600, (change, str(error)[:200])
        with pytest.raises(ContentErrors):
            build(folder, out, today=TODAY, log=lambda message: None)
        assert not (out / "site").exists(), change
        return
    # check passes: the whole build must succeed.
    report = build(folder, out, today=TODAY, log=lambda message: None)
    assert (out / "site" / "index.html").is_file(), change
    assert {stage.name for stage in report.stages} == {"site", "decks", "feeds", "print"}, change


def test_the_mutants_exercise_both_outcomes(tmp_path: Path) -> None:
    """The mutants are not all rejected (nor all accepted): both halves of the property run."""
    outcomes = []
    for index in range(MUTANTS):
        folder, _ = make_mutant(index, tmp_path / str(index))
        outcomes.append(not run_check(folder).errors)
    assert any(outcomes) and not all(outcomes), outcomes
