"""The web app: FastAPI serving server-rendered pages and the JSON API they use (OpenAPI at /docs)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware
from threadpoolctl import threadpool_limits

from cardsmith import __version__
from cardsmith.web.cards import segments
from cardsmith.web.errors import install_error_handlers
from cardsmith.web.routes import cut, files, library, pages, search, verify
from cardsmith.web.security import guard
from cardsmith.web.state import AppState

HERE = Path(__file__).resolve().parent
#: Default per-file upload limit.
MAX_UPLOAD = 25 * 2**20
#: Files per request a library import accepts at full size, which bounds a request's body.
BODY_FILES = 8


def create_app(
    library_path: str | Path,
    *,
    token: str | None = None,
    max_upload: int = MAX_UPLOAD,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """An app over the library at ``library_path``; with ``token`` every write must present it.

    ``allowed_hosts`` limits the ``Host`` header (``cardsmith serve`` on loopback passes the loopback
    names, so a DNS-rebinding page cannot reach the library through the browser).
    """
    app_state = AppState(library_path=Path(library_path), token=token, max_upload=max_upload)

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
    )
    app.state.cardsmith = app_state
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["segments"] = segments
    templates.env.globals["version"] = __version__
    app.state.templates = templates
    app.middleware("http")(guard(token, max_upload * BODY_FILES + 2**20))
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    install_error_handlers(app, templates)
    for module in (cut, search, verify, library, files, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
