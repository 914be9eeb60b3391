"""Verifying a card in the browser: the card pasted or picked from a .docx, the sources uploaded."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool

from cardsmith.model import Card, Document
from cardsmith.web.cards import card_from
from cardsmith.web.documents import read_pasted, read_source
from cardsmith.web.errors import WebError
from cardsmith.web.state import AppState, state
from cardsmith.web.strict import StrictRoute, loads
from cardsmith.web.uploads import read_upload

router = APIRouter(prefix="/api", tags=["verify"], route_class=StrictRoute)

#: Source files one verification may upload.
MAX_SOURCES = 20


def parse_card(text: str) -> Card:
    """A pasted card: card JSON, or plain text laid out as tag line, cite line, then the body."""
    text = text.strip()
    if text.startswith("{"):
        return card_from(loads(text))
    lines = [line.strip() for line in text.splitlines()]
    blocks = [line for line in lines if line]
    if len(blocks) < 3:
        return card_from({"tag": "", "cite": "", "body": text})
    tag, cite = blocks[0], blocks[1]
    body_start = lines.index(cite) + 1
    return card_from({"tag": tag, "cite": cite, "body": "\n".join(lines[body_start:]).strip()})


@router.post("/verify", summary="Check a card against its source: verdict, differences, context")
async def verify_card(
    app: Annotated[AppState, Depends(state)],
    card: Annotated[str, Form(description="card JSON, or tag / cite / body lines", max_length=500_000)],
    source_text: Annotated[str | None, Form(description="pasted source text")] = None,
    sources: Annotated[list[UploadFile] | None, File(description="source files")] = None,
    library: Annotated[bool, Form(description="also look for the source in the library")] = False,
) -> dict[str, Any]:
    """The verifier's JSON (``verdict``, ``source``, ``differences``, ``context``, ``cite_missing``)."""
    from cardsmith.verify import verify
    from cardsmith.verify.library import library_sources

    checked = parse_card(card)
    files = [f for f in sources or [] if f.filename]
    if len(files) > MAX_SOURCES:
        raise WebError(413, f"at most {MAX_SOURCES} source files")
    uploads = [await read_upload(f, app.max_upload) for f in files]

    def run() -> dict[str, Any]:
        docs: list[Document] = [read_source(u) for u in uploads]
        if source_text and source_text.strip():
            docs.append(read_pasted(source_text, None))
        if library:
            with app.library() as lib:
                docs += library_sources(lib, checked, absolute_only=True)
        elif not docs:
            raise WebError(400, "paste the source text, upload the source file or search the library")
        result = verify(checked, docs).to_dict()
        result["card"] = {"body": checked.body, "tag": checked.tag, "cite": checked.cite.text}
        return result

    return await run_in_threadpool(run)
