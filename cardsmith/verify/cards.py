"""Load the card to verify from what a debater has at hand: a text file, a JSON card, or a Verbatim file."""

from __future__ import annotations

from pathlib import Path

from cardsmith.errors import SourceError
from cardsmith.formats.jsoncards import cite_from_json, read_json_cards
from cardsmith.formats.verbatim import read_verbatim
from cardsmith.model import Card
from cardsmith.sources import read_user_file
from cardsmith.sources.sniff import decode


def card_from_text(text: str) -> Card:
    """Line 1 the tag, line 2 the cite, the rest the body (Windows and old Mac line ends too)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Card(
        tag=lines[0].strip(),
        cite=cite_from_json(lines[1] if len(lines) > 1 else ""),
        body="\n".join(lines[2:]).strip(),
    )


def _pick(cards: list[Card], path: Path, index: int | None, tag: str | None) -> Card:
    """The card a user named by 1-based ``index`` or by ``tag`` (exact, else a unique substring)."""
    if not cards:
        raise SourceError(path, "holds no cards")
    if index is not None:
        if not 1 <= index <= len(cards):
            raise SourceError(path, f"has {len(cards)} cards; --card {index} is out of range")
        return cards[index - 1]
    if tag is not None:
        wanted = " ".join(tag.lower().split())
        exact = [c for c in cards if " ".join(c.tag.lower().split()) == wanted]
        partial = exact or [c for c in cards if wanted in c.tag.lower()]
        if len(partial) != 1:
            found = "no card" if not partial else f"{len(partial)} cards"
            raise SourceError(path, f"{found} tagged like {tag!r}; use --card N")
        return partial[0]
    if len(cards) > 1:
        raise SourceError(path, f"holds {len(cards)} cards; choose one with --card N or --tag TEXT")
    return cards[0]


def load_card(path: str | Path, index: int | None = None, tag: str | None = None) -> Card:
    """The card in ``path`` (.txt, .json/.jsonl or Verbatim .docx; pick one by ``index``/``tag``).

    Every reader takes regular files only, up to a size cap (a pipe or ``/dev/zero`` named as the
    card must not hang); a text card is decoded as a text source is, so what ``read`` accepts
    (UTF-16, Latin-1, a BOM) is a card too.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        cards = read_json_cards(path)
    elif suffix == ".docx":
        cards = [item for item in read_verbatim(path) if isinstance(item, Card) and not item.is_analytic]
    else:
        cards = [card_from_text(decode(read_user_file(path), path))]
    card = _pick(cards, path, index, tag)
    if not card.body.strip():
        raise SourceError(path, "the card has no body text to verify")
    return card
