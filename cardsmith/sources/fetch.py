"""Fetching a source from the web: http(s) only, bounded in time, size and redirects.

A URL is a stranger's file served by a stranger's server, so it gets the limits a file gets: the
body is streamed and dropped at the size cap (a server may lie about, or omit, its length), the
whole fetch has a deadline (a server trickling bytes never times out a read), and only content
types the readers know are accepted. httpx is imported on the first fetch, not at startup.
"""

from __future__ import annotations

import codecs
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cardsmith import __version__
from cardsmith.errors import SourceError

if TYPE_CHECKING:
    import httpx

#: Redirects followed before giving up (a loop or a chain of trackers).
MAX_REDIRECTS = 5
#: Seconds a whole fetch may take, connecting included.
TIMEOUT = 30.0
#: Content types the readers know (the bytes still decide how they are read, as for files).
ACCEPTED = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """The body of a page and the address it was finally served from (after redirects)."""

    url: str
    data: bytes


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT, max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET ``url``; any failure is a one-line :class:`SourceError` naming the URL."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise SourceError(url, "only http:// and https:// addresses can be fetched")
    import httpx

    deadline = time.monotonic() + timeout
    headers = {"User-Agent": f"cardsmith/{__version__}", "Accept": ", ".join(ACCEPTED)}
    client = httpx.Client(follow_redirects=True, max_redirects=max_redirects, timeout=timeout, headers=headers)
    try:
        with client, client.stream("GET", url) as response:
            _check(url, response, max_bytes)
            data = _body(url, response, max_bytes, deadline, timeout)
            return Fetched(str(response.url), _as_utf8(data, response))
    except httpx.TooManyRedirects as err:
        raise SourceError(url, f"too many redirects (more than {max_redirects})") from err
    except httpx.TimeoutException as err:
        raise _timed_out(url, timeout) from err
    except httpx.ConnectError as err:
        raise SourceError(url, f"cannot connect ({err or 'no such host?'})") from err
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as err:
        raise SourceError(url, f"not a fetchable address ({err})") from err
    except httpx.HTTPError as err:
        raise SourceError(url, f"fetch failed ({type(err).__name__}: {err})") from err


def _check(url: str, response: httpx.Response, max_bytes: int) -> None:
    """Refuse an error status, a type no reader knows, or a declared length over the cap."""
    if response.status_code >= 400:
        raise SourceError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media and media not in ACCEPTED:
        raise SourceError(url, f"unsupported content type {media} (cardsmith reads HTML, PDF, plain text and .docx)")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(url, max_bytes)


def _body(url: str, response: httpx.Response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The body, read in chunks and abandoned at the size cap or the fetch's deadline."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise _timed_out(url, timeout)
        chunks.append(chunk)
    return b"".join(chunks)


def _as_utf8(data: bytes, response: httpx.Response) -> bytes:
    """Text in the legacy charset its server declares, as UTF-8: the bytes alone would leave it to a guess.

    Text that already is valid UTF-8 is kept (servers often declare a charset their pages no longer use).
    """
    charset = response.charset_encoding
    if not charset or not response.headers.get("content-type", "").lower().startswith("text/"):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(codecs.lookup(charset).name, errors="replace").encode("utf-8")
    except LookupError:  # a charset Python does not know: let the sniffer guess
        return data


def _too_large(url: str, max_bytes: int) -> SourceError:
    return SourceError(url, f"page too large (the limit is {max_bytes / 1e6:g} MB)")


def _timed_out(url: str, timeout: float) -> SourceError:
    return SourceError(url, f"timed out (not fetched within {timeout:g} s)")
