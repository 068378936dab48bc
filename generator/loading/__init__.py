"""The only code that reads ``content/``: YAML with positions, field checks, cross-references."""

from .content import load_catalog

__all__ = ["load_catalog"]
