"""Verbatim .docx files: the format nearly every debater keeps evidence in."""

from cardsmith.formats.verbatim.reader import read_verbatim
from cardsmith.formats.verbatim.writer import HIGHLIGHT_COLOURS, write_verbatim

__all__ = ["HIGHLIGHT_COLOURS", "read_verbatim", "write_verbatim"]
