"""Cards into files and files into cards: download as .docx (or md/html/txt/json), read a .docx."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from cardsmith.model import HIGHLIGHT_COLOURS, Card, Heading
from cardsmith.web.cards import card_from, card_json
from cardsmith.web.errors import WebError
from cardsmith.web.routes.library import get_or_404
from cardsmith.web.state import AppState, state
from cardsmith.web.strict import StrictRoute
from cardsmith.web.uploads import read_upload, stored

router = APIRouter(prefix="/api", tags=["files"], route_class=StrictRoute)

_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
}


class ExportRequest(BaseModel):
    ids: list[str] = Field(default_factory=list, max_length=2000, description="library card ids, in order")
    cards: list[dict[str, Any]] = Field(default_factory=list, max_length=2000, description="or cards as JSON")
    all: bool = Field(False, description="or every library card, as imported (with headings and analytics)")
    format: Literal["docx", "html", "md", "txt", "json"] = "docx"
    name: str = Field("cards", max_length=80, pattern=r"^[\w\- ]+$")
    highlight: str = Field("yellow", max_length=20, description="Word's highlight colour (docx, html)")
    shrink: bool = Field(True, description="docx, html: cut cards' text outside the underline at 8 pt")
    condense: bool = Field(False, description="docx: each cut card's body in one paragraph")
    pilcrows: bool = Field(False, description="docx: condense, with a ¶ where each paragraph ended")
    fragment: bool = Field(False, description="html: the cards alone, as the copy button puts them on the clipboard")


def _render(cards: list[Card | Heading], req: ExportRequest) -> bytes:
    """The file, with the options of ``cardsmith export`` (imported cards keep their own layout)."""
    from cardsmith.formats import render_cards

    opts: dict[str, object] = {}
    if req.format in ("docx", "html"):
        opts.update(highlight=req.highlight, shrink=req.shrink)
    if req.format == "docx":
        opts.update(condense=req.condense or req.pilcrows, pilcrow=req.pilcrows)
    if req.format == "html":
        opts.update(standalone=not req.fragment)
    out = render_cards(cards, req.format, **opts)
    return out if isinstance(out, bytes) else out.encode("utf-8")


@router.post("/export", summary="Download cards (library ids or JSON) as one file, in the order given")
def export(req: ExportRequest, app: Annotated[AppState, Depends(state)]) -> Response:
    """Cards by id (their outline's headings rebuilt in docx), as JSON, or ``all`` of the library
    under its pockets, hats and blocks; laid out as ``cardsmith export`` lays them out."""
    if req.highlight not in HIGHLIGHT_COLOURS:
        colours = ", ".join(sorted(HIGHLIGHT_COLOURS))
        raise WebError(422, f"unknown highlight colour {req.highlight!r}; use one of: {colours}")
    cards: list[Card | Heading] = [card_from(c) for c in req.cards]
    with app.library() as lib:
        cards.extend(lib.export_items() if req.all else [get_or_404(lib, card_id) for card_id in req.ids])
    if not cards:
        raise WebError(400, "nothing to export: give card ids or cards")
    filename = f"{req.name.strip().replace(' ', '-') or 'cards'}.{req.format}"
    headers = {} if req.fragment else {"Content-Disposition": _attachment(filename)}
    return Response(_render(cards, req), media_type=_TYPES[req.format], headers=headers)


def _attachment(filename: str) -> str:
    """A ``Content-Disposition`` for ``filename``: headers are Latin-1, so other names go in RFC 6266's
    ``filename*`` (UTF-8), after an ASCII stand-in for clients that do not read it."""
    if filename.isascii():
        return f'attachment; filename="{filename}"'
    stand_in = filename.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{stand_in}\"; filename*=UTF-8''{quote(filename)}"


@router.post("/docx/cards", summary="The cards inside an uploaded Verbatim .docx")
async def docx_cards(
    app: Annotated[AppState, Depends(state)],
    file: Annotated[UploadFile, File(description="a Verbatim .docx")],
) -> dict[str, Any]:
    """Cards (not analytics) in outline order, to pick one for verifying."""
    from cardsmith.formats.verbatim import read_verbatim

    upload = await read_upload(file, app.max_upload, allowed=("docx",))

    def read() -> list[Card]:
        with stored([upload]) as (path,):
            items = read_verbatim(path)
        cards = [i for i in items if isinstance(i, Card) and not i.is_analytic]
        for card in cards:
            card.source.path = upload.label
        return cards

    cards = await run_in_threadpool(read)
    if not cards:
        raise WebError(422, f"{upload.label}: no cards in this file")
    return {"cards": [card_json(c) for c in cards]}
