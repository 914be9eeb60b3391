"""Who may ask: known Host names, the token when one is set, same-origin writes always.

With a token every request needs it (reads too: the library is the debater's private evidence),
unless ``public_read`` leaves reads open; it is given as ``X-Cardsmith-Token``,
``Authorization: Bearer`` or the cookie that visiting ``/?token=…`` once sets. The package's own
static files need no token, so the sign-in error page is styled. A ``Host`` allow-list refuses
DNS-rebinding pages, and an ``Origin`` check refuses cross-site form posts even on loopback, so a
web page cannot drive a debater's server.

Served against a team library (PostgreSQL), a member's token (``cardsmith members add``) is a token
too, given the same ways: any member's lets reads through, and a change to the library needs an
editor's, whose name the history then records for it.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

import anyio
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from cardsmith.library import is_url
from cardsmith.library.members import Member, acting, authenticate
from cardsmith.web.errors import error_response

COOKIE = "cardsmith_token"
#: Host names that always mean this machine.
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]
#: An allowed host that lets any ``Host`` header through.
ANY_HOST = "*"
HEADER = "x-cardsmith-token"
#: Methods that only read; any other one changes something.
_SAFE = {"GET", "HEAD", "OPTIONS"}
_OPEN_PATHS = ("/static/", "/favicon.ico")
#: The API paths whose changing methods change the library (the routes tagged "library").
_LIBRARY_PATHS = ("/api/cards", "/api/import")
_NO_TOKEN = {
    False: "this server needs its access token: open the link with ?token= that `cardsmith serve` printed",
    True: "this server needs its access token for changes (see `cardsmith serve`)",
}


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


def host_name(host: str) -> str | None:
    """``host`` (a Host header or an allow-list entry) as a bare lower-case name: no port, no brackets."""
    if host == ANY_HOST:
        return host
    if "@" in host:
        return None
    try:
        return urlsplit(f"//{host}").hostname or (host.strip("[]").lower() if ":" in host else None)
    except ValueError:
        return None


def _matches(given: str | None, token: str) -> bool:
    """Constant-time comparison on bytes (comparing ``str`` raises for non-ASCII input)."""
    return given is not None and secrets.compare_digest(_bytes(given), _bytes(token))


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a --token from a non-UTF-8 terminal may hold surrogates


def _given(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get(HEADER) or request.cookies.get(COOKIE)


def writes_library(request: Request) -> bool:
    """Whether the request changes the library (cutting or verifying only reads it)."""
    path = request.url.path
    return request.method not in _SAFE and any(path == p or path.startswith(p + "/") for p in _LIBRARY_PATHS)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


class Guard:
    """ASGI middleware enforcing the Host allow-list, the token and the origin check."""

    def __init__(
        self, app: ASGIApp, *, token: str | None, public_read: bool = False, allowed_hosts: Iterable[str] | None = None
    ) -> None:
        self.app = app
        self.token = token
        self.public_read = public_read
        hosts = {host_name(h) for h in allowed_hosts or ()} - {None}
        #: Names the Host header may give; None: any.
        self.hosts = None if allowed_hosts is None or ANY_HOST in hosts else hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        team, member = await self._member(request)
        response = self._refusal(request, team, member)
        if response is not None or member is None:
            await (response or self.app)(scope, receive, send)
            return
        with acting(member.name):  # the request's writes are this member's
            await self.app(scope, receive, send)

    async def _member(self, request: Request) -> tuple[bool, Member | None]:
        """Whether the app serves a team library, and the member whose token the request gives."""
        app_state = getattr(getattr(request.scope.get("app"), "state", None), "cardsmith", None)
        if app_state is None or not is_url(app_state.library_path):
            return False, None
        if request.url.path.startswith(_OPEN_PATHS):
            return True, None  # no lookup per stylesheet: these need no token
        given = request.query_params.get("token") if request.method == "GET" else None
        given = given if given is not None else _given(request)
        if not given:
            return True, None

        def lookup() -> Member | None:
            with app_state.library() as lib:
                return authenticate(lib.store, given)

        return True, await anyio.to_thread.run_sync(lookup)

    def _refusal(self, request: Request, team: bool = False, member: Member | None = None) -> Response | None:
        """The answer to a request that may not go on, or None (``member``: the team member it proved)."""
        if self.hosts is not None and host_name(request.headers.get("host", "")) not in self.hosts:
            return error_response(request, 400, "unknown host name (see `cardsmith serve --allowed-host`)")
        unsafe = request.method not in _SAFE
        if unsafe and not _same_origin(request):
            return error_response(request, 403, "cross-origin request refused")
        given = request.query_params.get("token")
        if (self.token or team) and given is not None and request.method == "GET":
            if member is None and not (self.token and _matches(given, self.token)):
                return error_response(request, 401, "wrong token")
            response = RedirectResponse(request.url.remove_query_params("token"), status_code=303)
            response.set_cookie(COOKIE, given, httponly=True, samesite="strict")
            return response
        if team and writes_library(request):
            if member is None:
                return error_response(request, 401, "changes to a team library need an editor's member token"
                                                    " (`cardsmith members add NAME --role editor`)")
            if not member.can_write:
                return error_response(request, 403, f"{member.name} is a reader: only editors change the library")
            return None
        guarded = unsafe or not (self.public_read or request.url.path.startswith(_OPEN_PATHS))
        if self.token and guarded and member is None and not _matches(_given(request), self.token):
            return error_response(request, 401, _NO_TOKEN[self.public_read])
        return None
