"""coursegen: bilingual course sites, slide decks and calendar feeds from YAML."""

__version__ = "0.1.0"
