"""Word's highlight colours as the browser draws them, in the order of Word's highlight menu."""

from __future__ import annotations

#: Each ``w:highlight`` name (model.HIGHLIGHT_COLOURS) and the CSS keyword of the same RGB.
WORD_HIGHLIGHTS = {
    "yellow": "yellow", "green": "lime", "cyan": "cyan", "magenta": "magenta", "blue": "blue", "red": "red",
    "darkBlue": "navy", "darkCyan": "teal", "darkGreen": "green", "darkMagenta": "purple", "darkRed": "maroon",
    "darkYellow": "olive", "darkGray": "gray", "lightGray": "silver", "black": "black", "white": "white",
}  # fmt: skip
