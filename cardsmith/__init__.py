"""cardsmith: read sources, cut, mark, store, search and verify debate cards."""

__version__ = "0.1.0"
