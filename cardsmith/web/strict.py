"""JSON from clients, parsed so that bad input is a 400 at the door rather than a 500 deep inside.

Routes built with :class:`StrictRoute` parse request bodies with :func:`loads`, which refuses what
:func:`cardsmith.jsonin.parse_json` refuses (too deeply nested, half a surrogate pair).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from cardsmith.errors import CardsmithError
from cardsmith.jsonin import NotJSON, parse_json
from cardsmith.web.errors import WebError


def loads(data: str | bytes) -> Any:
    """The JSON value in ``data``; a 422 when it is malformed, a 400 when it is JSON we cannot use."""
    try:
        return parse_json(data)
    except NotJSON as err:
        raise WebError(422, f"JSON is malformed: {err}") from None
    except CardsmithError as err:
        raise WebError(400, str(err)) from None


class _StrictRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads(await self.body())
        return self._json


class StrictRoute(APIRoute):
    """An API route whose JSON body is parsed by :func:`loads`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            return await handler(_StrictRequest(request.scope, request.receive))

        return strict
