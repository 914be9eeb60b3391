"""Cutting in the browser: source in (pasted or uploaded), cards out; re-mark a body; rebuild a cite."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from cardsmith.cut import CutOptions, cut_cards, cut_selection
from cardsmith.cut.passage import PassageOptions
from cardsmith.model import Card, Metadata, to_dict
from cardsmith.web.cards import card_json
from cardsmith.web.documents import read_fetched, read_pasted, read_source
from cardsmith.web.errors import WebError
from cardsmith.web.state import AppState, state
from cardsmith.web.strict import StrictRoute
from cardsmith.web.uploads import read_upload

router = APIRouter(prefix="/api", tags=["cut"], route_class=StrictRoute)

#: Cards one request may ask for ("next best passage" pages through them).
MAX_COUNT = 10
Density = Annotated[float | None, Field(ge=0, le=1)]
URL_HELP = "the page's address: fetched when no text or file is given, else cited as where the text came from"
PASSAGE_HELP = "text selected in the source: the one card's body, as selected (the bookmarklet sends it)"
STYLE_PATTERN = "^(policy|ld|pf)$"
STYLE_HELP = "the event to mark for (policy, ld, pf); default: the library's (cardsmith library style)"


def library_style(app: AppState, style: str | None) -> str | None:
    """The style asked for, else the one the served library remembers (None: the marker's default)."""
    if style:
        return style
    with app.library() as lib:
        return lib.style


@router.post("/cut", summary="Cut cards for a claim from pasted text, an uploaded source or a web page")
async def cut(
    app: Annotated[AppState, Depends(state)],
    claim: Annotated[str, Form(max_length=2000)] = "",
    text: Annotated[str | None, Form(description="pasted source text")] = None,
    kind: Annotated[str | None, Form(pattern="^(txt|md|html)$")] = None,
    file: Annotated[UploadFile | None, File(description="txt, md, html, pdf or docx")] = None,
    url: Annotated[str | None, Form(max_length=2000, description=URL_HELP)] = None,
    passage: Annotated[str | None, Form(max_length=200_000, description=PASSAGE_HELP)] = None,
    count: Annotated[int, Form(ge=1, le=MAX_COUNT)] = 5,
    max_words: Annotated[int, Form(ge=20, le=2000)] = PassageOptions.max_words,
    underline: Annotated[float | None, Form(ge=0, le=1)] = None,
    highlight: Annotated[float | None, Form(ge=0, le=1)] = None,
    clip: Annotated[bool, Form(description='highlight only "gov" of "government" and the like')] = False,
    initials: Annotated[str | None, Form(max_length=20)] = None,
    accessed: Annotated[str | None, Form(max_length=40)] = None,
    style: Annotated[str | None, Form(pattern=STYLE_PATTERN, description=STYLE_HELP)] = None,
) -> dict[str, Any]:
    """The ``count`` best cards, best first, plus the source's metadata (for the cite editor).

    With a ``passage`` the one card is that passage (the bookmarklet sends what the user selected).
    """
    url = (url or "").strip() or None
    if file is not None and file.filename:
        upload = await read_upload(file, app.max_upload)
        doc = await run_in_threadpool(read_source, upload)
    elif text and text.strip():
        if len(text.encode("utf-8")) > app.max_upload:
            raise WebError(413, "pasted text is larger than the upload limit")
        doc = await run_in_threadpool(read_pasted, text, kind, url)
    elif url:
        doc = await run_in_threadpool(read_fetched, url, app.max_upload)
    else:
        raise WebError(400, "paste the source text, choose a file or give its address")
    options = CutOptions(
        passage=PassageOptions(max_words=max_words),
        initials=initials or None,
        accessed=accessed or None,
        underline=underline,
        highlight=highlight,
        clip=clip,
        style=await run_in_threadpool(library_style, app, style),
    )
    if passage and passage.strip():
        cards = [await run_in_threadpool(cut_selection, doc, passage, claim.strip() or None, options=options)]
    else:
        cards = await run_in_threadpool(cut_cards, doc, claim.strip() or None, count=count, options=options)
    precedents = await run_in_threadpool(take_precedent, app, cards)
    return {"cards": [card_json(c) for c in cards], "precedents": precedents, "metadata": to_dict(doc.metadata),
            "source": doc.path}  # fmt: skip


def take_precedent(app: AppState, cards: list[Card]) -> list[dict[str, Any] | None]:
    """Each card's marks from precedent in the served library, put on the card; per card, whose they
    are (``null``: none), with the line the page shows."""
    from cardsmith.verify.precedent import with_precedent

    out: list[dict[str, Any] | None] = []
    with app.library() as lib:
        for card in cards:
            card.marks, found = with_precedent(lib, card.tag, card.body, card.marks)
            out.append(found and {**found.to_json(), "note": found.note()})
    return out


class MarkRequest(BaseModel):
    tag: str = Field(max_length=2000)
    body: str = Field(max_length=200_000)
    underline: Density = None
    highlight: Density = None
    clip: bool = False
    style: str | None = Field(None, pattern=STYLE_PATTERN, description=STYLE_HELP)


@router.post("/mark", summary="Underline and highlight a card body for its tag")
def mark_body(app: Annotated[AppState, Depends(state)], req: MarkRequest) -> dict[str, list[list[int]]]:
    """Marks at the requested densities (``null`` = the learned default) — the highlight slider."""
    from cardsmith.marking import mark

    style = library_style(app, req.style)
    marks = mark(req.tag, req.body, underline=req.underline, highlight=req.highlight, clip=req.clip, style=style)
    return {name: [list(s) for s in getattr(marks, name)] for name in ("underline", "emphasis", "highlight")}


class CiteRequest(BaseModel):
    authors: list[str] = Field(default_factory=list, max_length=50)
    qualifications: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, max_length=40)
    title: str | None = Field(None, max_length=1000)
    publication: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    accessed: str | None = Field(None, max_length=40)
    initials: str | None = Field(None, max_length=20)


@router.post("/cite", summary="Format a cite from edited fields, with warnings for missing ones")
def cite(req: CiteRequest) -> dict[str, Any]:
    """The short and full cite for these fields; ``missing`` names what an evidence rule wants and lacks."""
    from cardsmith.cut.cite import make_cite
    from cardsmith.verify.citecheck import cite_missing

    meta = Metadata(
        authors=[a.strip() for a in req.authors if a.strip()],
        qualifications=req.qualifications or None,
        date=req.date or None,
        title=req.title or None,
        publication=req.publication or None,
        url=req.url or None,
    )
    made = make_cite(meta, initials=req.initials or None, accessed=req.accessed or None)
    return {**to_dict(made), "missing": cite_missing(made)}
