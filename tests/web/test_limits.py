"""The size limit counts the bytes that arrive: a chunked body (no Content-Length) is cut off at it.

The app is driven through ASGI directly, since the test client reads a streamed body whole before
the app sees any of it. The streams below would carry 16 MB; the app must stop pulling soon after
the limit (about 1 MB here) and answer 413.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.types import Message

from cardsmith.web import create_app
from cardsmith.web.app import BODY_FILES, BODY_SLACK

MAX_UPLOAD = 1000
CHUNK = 64 * 1024
#: Chunks a stream offers: 16 MB, far past both limits.
OFFERED = 256


def _post_stream(app, path: str, content_type: str, head: bytes) -> tuple[int, bytes, int]:
    """POST ``head`` then ``CHUNK``-byte chunks without a length; (status, body, bytes the app pulled).

    A 413 must also close the connection, or the server would go on receiving the rest.
    """
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        if pulled == 0:
            chunk = head
        elif pulled < OFFERED:
            chunk = b"a" * CHUNK
        else:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", content_type.encode()),
                    (b"transfer-encoding", b"chunked")],
        "server": ("testserver", 80), "client": ("127.0.0.1", 50000),
    }  # fmt: skip
    # A loop of its own in a thread of its own: a browser test's Playwright may own this thread's loop.
    with ThreadPoolExecutor(1) as runner:
        runner.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] != 413 or (b"connection", b"close") in start["headers"]
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    received = len(head) + (pulled - 1) * CHUNK
    return start["status"], body, received


@pytest.fixture
def app(library_path: Path):
    return create_app(library_path, max_upload=MAX_UPLOAD)


def test_chunked_json_body_is_cut_off(app) -> None:
    status, body, received = _post_stream(app, "/api/mark", "application/json", b'{"tag": "t", "body": "')
    assert status == 413 and b"limit" in body
    assert received <= MAX_UPLOAD + BODY_SLACK + CHUNK


def test_chunked_upload_is_cut_off_before_it_is_spooled(app) -> None:
    head = (
        b'--XX\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    status, body, received = _post_stream(app, "/api/import", "multipart/form-data; boundary=XX", head)
    assert status == 413 and b"limit" in body
    assert received <= MAX_UPLOAD * BODY_FILES + BODY_SLACK + CHUNK
