"""JSON from clients, parsed so that bad input is a 400 at the door rather than a 500 deep inside.

Python's parser accepts two things the rest of the app cannot handle: nesting deeper than its
stack (it raises ``RecursionError``) and ``\\ud800``-style escapes that decode to half a UTF-16
pair, which no UTF-8 encoder (SQLite, Word files, JSON responses) will write. Routes built with
:class:`StrictRoute` parse request bodies with :func:`loads`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from cardsmith.web.errors import WebError


def loads(data: str | bytes) -> Any:
    """The JSON value in ``data``; ``json.JSONDecodeError`` for malformed JSON, a 400 for the rest."""
    try:
        value = json.loads(data)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise WebError(400, "JSON is nested too deeply") from None
    except UnicodeError:
        raise WebError(400, "JSON text is not valid Unicode (bad UTF-8, or half of a \\ud800-\\udfff pair)") from None
    return value


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
