"""The library over HTTP: save, fetch, delete and count cards; import files in the background."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from cardsmith.errors import CardsmithError
from cardsmith.library import MAX_ID, Library
from cardsmith.model import Card
from cardsmith.web.cards import card_from, card_json
from cardsmith.web.errors import WebError, log
from cardsmith.web.jobs import Progress
from cardsmith.web.state import AppState, state
from cardsmith.web.strict import StrictRoute
from cardsmith.web.uploads import Upload, read_upload, stored

router = APIRouter(prefix="/api", tags=["library"], route_class=StrictRoute)

#: Files one import may carry.
MAX_FILES = 200


class SaveRequest(BaseModel):
    cards: list[dict[str, Any]] = Field(min_length=1, max_length=1000)
    origin: str = Field("web", max_length=200)


@router.post("/cards", summary="Save cards to the library")
def save_cards(req: SaveRequest, app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    """Store cards (duplicates are recognised and kept once); returns each card's library id."""
    cards = [card_from(c) for c in req.cards]
    with app.library() as lib:
        added = lib.add_cards(cards, origin=req.origin)
    return {"ids": [f"c{i}" for i in added.ids], "added": added.added, "duplicates": added.duplicates}


def get_or_404(lib: Library, card_id: str) -> Card:
    """The library card with this id (``c12`` or ``12``), or a 404."""
    try:
        card = lib.get_card(card_id)
    except CardsmithError:
        card = None
    if card is None:
        raise WebError(404, f"no card {card_id!r} in the library")
    return card


def versioned(lib: Library, card: Card) -> dict[str, Any]:
    """A library card's JSON with its ``version``, the one an edit of it must name."""
    return {**card_json(card), "version": lib.card_version(card.id or "")}


#: Most cards one listing page returns.
MAX_PAGE = 200
#: Where a listing may start: anything past SQLite's 64-bit integers is refused, not an overflow.
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]


@router.get("/cards", summary="Cards newest first, a page at a time")
def list_cards(
    app: Annotated[AppState, Depends(state)],
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> dict[str, Any]:
    """A page of cards (each with its ``id``) and the library's card total, for paging."""
    with app.library() as lib:
        cards = lib.list_cards(offset=offset, limit=limit)
        total = lib.stats()["cards"]
    return {"cards": [card_json(c) for c in cards], "offset": offset, "limit": limit, "total": total}


@router.get("/cards/{card_id}", summary="One card")
def get_card(card_id: str, app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    """The card's JSON and its ``version`` (for an edit: ``PATCH`` names it)."""
    with app.library() as lib:
        return versioned(lib, get_or_404(lib, card_id))


@router.delete("/cards/{card_id}", summary="Delete a card")
def delete_card(card_id: str, app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    with app.library() as lib:
        get_or_404(lib, card_id)
        lib.delete(card_id)
    return {"deleted": card_id}


@router.get("/stats", summary="What the library holds")
def stats(app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    with app.library() as lib:
        return dict(lib.stats())


def _import_one(app: AppState, upload: Upload, progress: Progress) -> None:
    """Import one file: a Verbatim .docx as cards, any other source as a document to search."""
    from cardsmith.formats.verbatim import read_verbatim
    from cardsmith.sources import read_document

    try:
        with stored([upload]) as (path,):
            if upload.kind == "docx":
                try:
                    items = read_verbatim(path)
                except CardsmithError:
                    items = None  # a plain Word file: import it as a source instead
                if items is not None:
                    for item in items:
                        if isinstance(item, Card):
                            item.source.path = upload.label
                    with app.library() as lib:  # as `cardsmith import`: analytics and headings kept as layout
                        added = lib.add_file(items, origin=upload.label)
                    progress.step(added=added.added, duplicates=added.duplicates)
                    return
            doc = read_document(path)
        doc.path = upload.label
        with app.library() as lib:
            lib.add_document(doc)
        progress.step(added=1)
    except CardsmithError as err:
        progress.step(error=f"{upload.label}: {str(err).split(': ', 1)[-1]}")
    except Exception:  # noqa: BLE001 - one file's bug must not stop the others or reach the user
        log.exception("importing %s", upload.label)
        progress.step(error=f"{upload.label}: could not be imported (internal error, see the server log)")


@router.post("/import", status_code=202, summary="Import .docx files and sources in the background")
async def import_files(
    app: Annotated[AppState, Depends(state)],
    files: Annotated[list[UploadFile], File(description="Verbatim .docx files or txt/md/html/pdf sources")],
) -> dict[str, Any]:
    """Start a job; poll ``/api/jobs/{id}`` for ``done``/``total`` and per-file errors."""
    if not files:
        raise WebError(400, "choose at least one file")
    if len(files) > MAX_FILES:
        raise WebError(413, f"at most {MAX_FILES} files per import")
    uploads, rejected = [], []
    for f in files:
        try:
            uploads.append(await read_upload(f, app.max_upload))
        except WebError as err:
            if len(files) == 1:
                raise
            rejected.append(err.message)

    def work(progress: Progress) -> None:
        for message in rejected:
            progress.step(error=message)
        for upload in uploads:
            _import_one(app, upload, progress)

    label = uploads[0].label if len(files) == 1 else f"{len(files)} files"
    job = await run_in_threadpool(app.jobs.start, label, len(files), work)
    return {"job": job.as_json()}


@router.get("/jobs", summary="Recent background jobs")
def jobs(app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    return {"jobs": [j.as_json() for j in app.jobs.recent()]}


@router.get("/jobs/{job_id}", summary="A background job's progress")
def job(job_id: str, app: Annotated[AppState, Depends(state)]) -> dict[str, Any]:
    found = app.jobs.get(job_id)
    if found is None:
        raise WebError(404, f"no job {job_id!r} (jobs are forgotten when the server restarts)")
    return found.as_json()
