"""The translation report: texts that are the same in every language where they should differ.

The loader already rejects a missing language. What it cannot know is that an editor
copied the Swedish text into ``en:`` meaning to translate it later. This report finds
localized texts identical in all site languages and names file, line and field, as
warnings. Short texts (a name, "Lunch"), numbers, web and e-mail addresses and file
paths are left out: those are often rightly the same.

The model has no positions, so the files are composed again here with the loader's
own :func:`~generator.loading.source.read_yaml`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import yaml

from ..errors import ContentError
from ..messages import Message, msg
from ..loading.content import shown_path
from ..loading.fields import URL_PATTERN, join
from ..loading.source import position, read_yaml

MIN_WORDS = 3
WORD = re.compile(r"[^\W\d_]+")
PATH_LIKE = re.compile(r"[\w.-]+(/[\w.-]+)+")
EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+")
# Fields that hold names or file paths, which may rightly be the same in every language.
SAME_TEXT_ALLOWED = re.compile(r"(^|\.)file$|^venues\.[^.]+\.name$")


def content_files(content_dir: Path) -> Iterator[str]:
    """Paths inside the content folder of every YAML file the loader reads."""
    yield "site.yaml"
    folder = content_dir / "modules"
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            yield f"modules/{path.name}"
    yield "sessions.yaml"


def localized_nodes(node: yaml.Node, field: str, languages: tuple[str, ...]) -> Iterator[tuple[str, yaml.MappingNode]]:
    """(field path, node) of every mapping whose keys are all site languages."""
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        values_are_text = all(isinstance(v, yaml.ScalarNode) for _, v in node.value)
        if keys and set(keys) <= set(languages) and values_are_text and len(keys) == len(node.value):
            yield field, node
            return
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                yield from localized_nodes(value, join(field, key_node.value), languages)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from localized_nodes(item, join(field, index), languages)


def needs_translation(text: str) -> bool:
    """Whether a text is long enough, and wordy enough, that it should differ per language."""
    stripped = text.strip()
    if URL_PATTERN.fullmatch(stripped) or EMAIL_LIKE.fullmatch(stripped) or PATH_LIKE.fullmatch(stripped):
        return False
    return len(WORD.findall(stripped)) >= MIN_WORDS


def untranslated(content_dir: Path, languages: tuple[str, ...]) -> list[ContentError]:
    """Warnings for localized texts that are identical in every site language."""
    if len(languages) < 2:
        return []
    warnings: list[ContentError] = []
    for relative in content_files(content_dir):
        path = content_dir / relative
        if not path.is_file():
            continue
        shown = shown_path(content_dir, relative)
        root = read_yaml(path, shown, [])  # syntax errors are the loader's to report
        if root is None:
            continue
        for field, node in localized_nodes(root, "", languages):
            if SAME_TEXT_ALLOWED.search(field):
                continue
            texts = {k.value: v.value.strip() for k, v in node.value}
            if len(texts) < len(languages) or len(set(texts.values())) != 1:
                continue
            text = next(iter(texts.values()))
            if not needs_translation(text):
                continue
            line, column = position(node)
            preview = text if len(text) <= 60 else text[:57] + "..."
            warnings.append(ContentError(
                shown, line, column, field,
                msg("the same text in {languages}: '{preview}'; translate it",
                    languages=choice_words(languages), preview=preview),
            ))
    return warnings


def choice_words(languages: tuple[str, ...]) -> Message:
    """'sv and en' / 'sv och en'."""
    if len(languages) == 1:
        return msg("{only}", only=languages[0])
    return msg("{some} and {last}", some=", ".join(languages[:-1]), last=languages[-1])
