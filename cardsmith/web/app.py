"""The web app: FastAPI serving server-rendered pages and the JSON API they use (OpenAPI at /openapi.json).

It works offline: no page loads anything from another site (FastAPI's /docs and /redoc would
fetch Swagger and ReDoc from a CDN, so they are off).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from threadpoolctl import threadpool_limits

from cardsmith import __version__
from cardsmith.embed import Encoder
from cardsmith.formats.html import WORD_HIGHLIGHTS
from cardsmith.library import is_url
from cardsmith.web.cards import segments
from cardsmith.web.errors import install_error_handlers
from cardsmith.web.limits import BodyLimit
from cardsmith.web.routes import cut, edit, files, library, pages, search, verify
from cardsmith.web.security import Guard
from cardsmith.web.state import AppState

HERE = Path(__file__).resolve().parent
#: Default per-file upload limit.
MAX_UPLOAD = 25 * 2**20
#: Files per request a library import accepts at full size, which bounds a form's body.
BODY_FILES = 8
#: Room in a body for what is not file content: form fields, multipart headers, JSON syntax.
BODY_SLACK = 2**20


def create_app(
    library_path: str | Path,
    *,
    token: str | None = None,
    public_read: bool = False,
    max_upload: int = MAX_UPLOAD,
    allowed_hosts: list[str] | None = None,
    encoder: Encoder | None = None,
) -> FastAPI:
    """An app over the library at ``library_path``; with ``token`` every request must present it.

    ``public_read`` lets reads through without the token (writes still need it). ``allowed_hosts``
    limits the ``Host`` header (``cardsmith serve`` always passes a list, so a DNS-rebinding page
    cannot reach the library through the browser); None lets any through. ``encoder`` replaces the
    library's own encoder (tests pass a fast stand-in).
    """
    location = library_path if is_url(library_path) else Path(library_path)
    app_state = AppState(library_path=location, token=token, max_upload=max_upload, encoder=encoder)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Concurrent requests already use every core; a multi-threaded BLAS on top makes each search's
        # vector product wait for a busy core (measured 4x slower under load), so BLAS runs in the
        # request's own thread while the app serves.
        with threadpool_limits(1, user_api="blas"):
            yield
        app_state.close()

    app = FastAPI(
        title="cardsmith",
        version=__version__,
        description="Cut, mark, search and verify debate cards. Every page action is an /api call here.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.cardsmith = app_state
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["segments"] = segments
    templates.env.globals["version"] = __version__
    templates.env.globals["highlight_colours"] = WORD_HIGHLIGHTS
    app.state.templates = templates
    # The last added runs first: who may ask, then how much they may send.
    app.add_middleware(BodyLimit, max_form=max_upload * BODY_FILES + BODY_SLACK, max_other=max_upload + BODY_SLACK)
    app.add_middleware(Guard, token=token, public_read=public_read, allowed_hosts=allowed_hosts)
    install_error_handlers(app)
    for module in (cut, search, verify, library, edit, files, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
