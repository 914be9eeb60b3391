"""A throwaway HTTP server on 127.0.0.1, in a thread, answering GETs from a table of routes.

Tests that fetch URLs (and the bookmarklet's "article" site) use it: nothing leaves the machine.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

#: A route writes the whole answer through the handler.
Route = Callable[[BaseHTTPRequestHandler], None]


def send(handler: BaseHTTPRequestHandler, body: bytes, content_type: str, status: int = 200) -> None:
    """A complete answer with a length."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def redirect(to: str) -> Route:
    """A route answering 302 to ``to``."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a route still sleeping or streaming does not hold up the end

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client hanging up early is expected
            super().handle_error(request, client_address)


@contextmanager
def serving(routes: dict[str, Route]) -> Iterator[str]:
    """Serve ``routes`` (by exact path; others are 404) and yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
            else:
                route(self)

        def log_message(self, *args: object) -> None:
            pass  # no request lines on the test output

    server = _Server(("127.0.0.1", 0), Handler)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
