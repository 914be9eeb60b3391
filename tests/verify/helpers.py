"""Fixture text for the verify tests: an invented article and excerpts of it."""

from __future__ import annotations

from cardsmith.model import Card, Cite, Document, Metadata
from tests.conftest import FIXTURES
from tests.factories import card as make_card

ARTICLE = (FIXTURES / "verify" / "article.txt").read_text(encoding="utf-8")
#: The first two paragraphs of the article, up to (not including) a footnote marker.
EXCERPT = ARTICLE[ARTICLE.index("Municipal water") : ARTICLE.index("strain.1") + len("strain.")]
COMPLETE_CITE = Cite(
    short="Author 21",
    full='Imaginary Author, professor of urban economics, 2021, "Rethinking Water Tariffs", Journal of Pipes',
)


def document(text: str = ARTICLE, path: str = "article.txt") -> Document:
    """A source as read from plain text (tests do not depend on the source readers)."""
    return Document(text=text, paragraphs=[], metadata=Metadata(), path=path)


def card(body: str, cite: Cite | None = None) -> Card:
    return make_card(body, tag="Water tariffs need reform", cite=cite or COMPLETE_CITE)
