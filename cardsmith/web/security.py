"""Who may write: a token when the server is reachable from other machines, same-origin always.

Reads stay open; every unsafe method (POST, PUT, PATCH, DELETE) needs the token when one is set,
given as ``X-Cardsmith-Token``, ``Authorization: Bearer`` or the cookie that visiting
``/?token=…`` once sets. Cross-site form posts are refused by an ``Origin`` check even on
loopback, so a web page cannot drive a debater's local server.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import Request, Response
from fastapi.responses import JSONResponse, RedirectResponse

COOKIE = "cardsmith_token"
#: Host names a loopback-bound server answers to (anything else is a DNS-rebinding attempt).
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
HEADER = "x-cardsmith-token"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (``localhost`` included)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _given(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get(HEADER) or request.cookies.get(COOKIE)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def guard(
    token: str | None, max_body: int
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """HTTP middleware enforcing the token, the origin check and the request size limit."""

    def refuse(status: int, message: str) -> Response:
        return JSONResponse({"detail": message}, status_code=status)

    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.query_params.get("token")
        if token and given is not None and request.method == "GET":
            if not secrets.compare_digest(given, token):
                return refuse(401, "wrong token")
            response = RedirectResponse(request.url.remove_query_params("token"), status_code=303)
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
            return response
        if request.method in _UNSAFE:
            if not _same_origin(request):
                return refuse(403, "cross-origin request refused")
            if token and not secrets.compare_digest(_given(request) or "", token):
                return refuse(401, "this server needs its access token for changes (see `cardsmith serve`)")
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_body:
                return refuse(413, f"request is larger than the {max_body // 2**20} MB upload limit")
        return await call_next(request)

    return middleware
