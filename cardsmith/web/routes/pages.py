"""The four pages and a card's own page. They render what the server knows; their scripts call the
/api routes for actions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from cardsmith.web.bookmarklet import bookmarklet
from cardsmith.web.listing import by_place, listed
from cardsmith.web.routes.edit import history_lines
from cardsmith.web.routes.library import Offset, get_or_404, versioned
from cardsmith.web.routes.search import SearchArgs, run_search, search_hits
from cardsmith.web.state import AppState, state

router = APIRouter(include_in_schema=False)

#: Cards per page on the library page.
PAGE = 50
#: The tab icon, shipped in the package (browsers ask for /favicon.ico whatever the page links).
FAVICON = Path(__file__).resolve().parents[1] / "static" / "favicon.ico"


def _page(request: Request, name: str, **context: object) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/cut", status_code=303)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(FAVICON, media_type="image/x-icon", headers={"Cache-Control": "max-age=86400"})


@router.get("/cut")
def cut_page(request: Request) -> HTMLResponse:
    """The Cut page, offering the bookmarklet for the address the browser reached this app at."""
    return _page(request, "cut.html", bookmarklet=bookmarklet(str(request.base_url).rstrip("/")))


@router.get("/verify")
def verify_page(request: Request) -> HTMLResponse:
    return _page(request, "verify.html")


@router.get("/search")
def search_page(
    request: Request,
    app: Annotated[AppState, Depends(state)],
    q: Annotated[str, Query(max_length=2000)] = "",
    author: Annotated[str | None, Query(max_length=200)] = None,
    year: Annotated[str | None, Query(pattern="^[0-9]{0,4}$")] = None,
    kind: Annotated[str | None, Query(pattern="^(card|passage)?$")] = None,
) -> HTMLResponse:
    year_n = int(year) if year else None
    hits = search_hits(app, SearchArgs(q, 20, author, year_n, kind)) if q.strip() else []
    return _page(request, "search.html", q=q, author=author, year=year_n, kind=kind, hits=hits)


@router.get("/library")
def library_page(
    request: Request,
    app: Annotated[AppState, Depends(state)],
    q: Annotated[str, Query(max_length=2000)] = "",
    offset: Offset = 0,
    view: Literal["tags", "full"] = "tags",
) -> HTMLResponse:
    """Stats, imports, and the cards to manage: those matching ``q``, else the newest ones.

    ``tags`` (the default) lists tags under the file › pocket › hat › block they came from, so a
    page of 50 cards fits a screen or two; ``full`` draws every card whole.
    """
    with app.library() as lib:
        if q.strip():
            cards = [(h.id, h.card) for h in run_search(lib, q, PAGE, kind="card")]
        else:
            cards = [(c.id, c) for c in lib.list_cards(offset=offset, limit=PAGE)]
        groups = by_place(listed(lib, cards))
        stats = lib.stats()
    return _page(
        request, "library.html", stats=stats, groups=groups, q=q, offset=offset, limit=PAGE, view=view,
        count=len(cards),
    )  # fmt: skip


@router.get("/cards/{card_id}")
def card_page(request: Request, app: Annotated[AppState, Depends(state)], card_id: str) -> HTMLResponse:
    """One library card, marked, with the files and outline it came from (search results link here),
    its edits, and an editor for its tag, cite and marks."""
    with app.library() as lib:
        card = get_or_404(lib, card_id)
        (item,) = listed(lib, [(card.id or card_id, card)])
        data, history = versioned(lib, card), history_lines(lib, card_id)
    return _page(request, "card.html", item=item, data=data, history=history)
