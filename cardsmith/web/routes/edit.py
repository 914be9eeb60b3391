"""Editing a library card over HTTP: its tag, cite and marks (the body is verbatim), from the version
the editor saw, so a stale edit is a 409 instead of overwriting someone else's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from cardsmith.errors import CardsmithError
from cardsmith.library import MAX_ID, EditConflict, Library, parse_id
from cardsmith.library.edit import MARK_KINDS, check_marks
from cardsmith.model import Card, Cite, Marks, Span
from cardsmith.web.cards import check_types
from cardsmith.web.errors import WebError
from cardsmith.web.routes.library import get_or_404, versioned
from cardsmith.web.state import AppState, state
from cardsmith.web.strict import StrictRoute

router = APIRouter(prefix="/api", tags=["library"], route_class=StrictRoute)

#: Spans one mark kind may have (a card body is at most a few thousand words).
MAX_SPANS = 20_000
Spans = Annotated[list[tuple[StrictInt, StrictInt]] | None, Field(max_length=MAX_SPANS)]


class EditRequest(BaseModel):
    """What changes (a missing field stays as it is) and the version of the card it was made from."""

    model_config = ConfigDict(extra="forbid")

    version: StrictInt = Field(ge=1, le=MAX_ID)
    tag: str | None = Field(None, max_length=5000)
    cite: str | dict[str, Any] | None = None
    body: str | None = None
    underline: Spans = None
    emphasis: Spans = None
    highlight: Spans = None


def _cite(value: str | dict[str, Any]) -> Cite:
    from cardsmith.formats.jsoncards import cite_from_json

    try:
        cite = cite_from_json(value)
    except (CardsmithError, TypeError) as err:
        raise WebError(422, f"bad cite: {err}") from err
    check_types(cite, "cite")
    return cite


def _marks(req: EditRequest, card: Card) -> Marks | None:
    """The marks after the edit (a kind not sent keeps its spans), or None when none was sent."""
    from cardsmith.formats.spans import merge_spans

    sent: dict[str, list[Span]] = {
        kind: list(spans) for kind in MARK_KINDS if (spans := getattr(req, kind)) is not None
    }
    if not sent:
        return None
    check_marks(Marks(**sent), card.body)  # before merging, which would drop a reversed span
    kept = {kind: getattr(card.marks, kind) for kind in MARK_KINDS}
    return Marks(**{**kept, **{kind: merge_spans(spans) for kind, spans in sent.items()}})


#: How the card page words a write that is not an edit.
_DONE = {"add": "added", "delete": "deleted", "restore": "restored"}


def edit_line(entry: dict[str, Any]) -> str:
    """One history entry as the card page lists it: when, what was done (for an edit: the version
    reached and what changed), and by whom when the library records it (a team library does)."""
    when = datetime.fromtimestamp(float(entry["at"]), UTC).strftime("%Y-%m-%d %H:%M UTC")
    action = entry.get("action", "update_card")
    if action == "update_card":
        changed = [f"{part} “{entry[part][0]}” → “{entry[part][1]}”" for part in ("tag", "cite") if part in entry]
        if entry.get("marks"):
            changed.append("marks")
        done = f"version {entry.get('version')}: {'; '.join(changed) or 'edited'}"
    else:
        done = _DONE.get(action, action)
    return f"{when} · {done}" + (f" · by {entry['member']}" if entry.get("member") else "")


def history_lines(lib: Library, card_id: str) -> list[str]:
    """The card page's history: on a team library every write to the card, so who added it too;
    elsewhere its edits."""
    card_log = getattr(lib.store, "card_log", None)  # only a team library records who added a card
    entries = card_log(parse_id(card_id)[1]) if card_log else lib.card_history(card_id)
    return [edit_line(entry) for entry in entries]


@router.patch("/cards/{card_id}", summary="Edit a card's tag, cite or marks")
def edit_card(card_id: str, req: EditRequest, app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    """Save the edit and return the card with its new ``version``; 409 when the card has changed
    since ``version`` (the message names both), 422 for a changed body or marks outside it."""
    with app.library() as lib:
        card = get_or_404(lib, card_id)
        if req.body is not None and req.body != card.body:
            raise WebError(422, "the body is verbatim: only the tag, cite and marks of a card can be edited")
        cite = None if req.cite is None else _cite(req.cite)
        try:
            lib.update_card(card_id, version=req.version, tag=req.tag, cite=cite, marks=_marks(req, card))
        except EditConflict as err:
            raise WebError(404 if err.current is None else 409, str(err)) from err
        return versioned(lib, get_or_404(lib, card_id))


@router.get("/cards/{card_id}/history", summary="A card's edits, oldest first")
def card_history(card_id: str, app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    with app.library() as lib:
        card = get_or_404(lib, card_id)
        return {"id": card.id, "version": lib.card_version(card_id), "history": lib.card_history(card_id)}
