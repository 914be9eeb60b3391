"""The request size limit, counted on the bytes that arrive, not on what ``Content-Length`` claims.

A chunked body declares no length, so the limit wraps the ASGI ``receive`` channel itself: the
moment more than the limit has arrived, reading the body fails with a 413 and nothing past it is
read, parsed or spooled to disk. Forms (file uploads) may be larger than other bodies (JSON).
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cardsmith.web.errors import WebError, error_response

_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


class BodyTooLarge(WebError):
    """More of a request body arrived than its limit allows.

    The answer closes the connection: otherwise the server would go on receiving (and dropping)
    the rest of a body that may be gigabytes long.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request is larger than the {max(1, round(limit / 2**20))} MB limit")
        self.headers = {"Connection": "close"}


class BodyLimit:
    """ASGI middleware: at most ``max_form`` bytes in a form body, ``max_other`` in any other body."""

    def __init__(self, app: ASGIApp, *, max_form: int, max_other: int) -> None:
        self.app = app
        self.max_form = max_form
        self.max_other = max_other

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        form = headers.get("content-type", "").lower().startswith(_FORMS)
        limit = self.max_form if form else self.max_other
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and (len(declared) > 18 or int(declared) > limit):
            refusal = BodyTooLarge(limit)
            await error_response(Request(scope), 413, refusal.message, refusal.headers)(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited, send)
