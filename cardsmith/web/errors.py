"""Every failure a request can meet becomes a short message: JSON under /api, a page elsewhere.

Nothing from a traceback reaches the client; unexpected errors are logged on the server and
answered with a generic line.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from cardsmith.errors import CardsmithError

log = logging.getLogger("cardsmith.web")


class WebError(HTTPException):
    """A failure with the HTTP status and the one-line message the user should see.

    An :class:`HTTPException`, so FastAPI passes it through unchanged even when it is raised while
    the request body is read (a body over the size limit, JSON that is not valid Unicode).
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors()[:3]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path", "form"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def error_response(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """The error in the form the client asked for: JSON for /api, a page for the rest."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    context = {"status": status, "message": message}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Answer every failure with :func:`error_response`; tracebacks stay in the server's log."""

    @app.exception_handler(CardsmithError)
    async def cardsmith_error(request: Request, err: CardsmithError) -> Response:
        return error_response(request, 422, str(err))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        message = err.detail if isinstance(err.detail, str) else "request failed"
        if err.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error_response(request, err.status_code, message, err.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(err))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error: the server could not finish this request (see its log)")
