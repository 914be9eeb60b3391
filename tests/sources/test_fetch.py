"""Reading a URL: fetched from a local server with a real HTTP client, bounded, read as a file is."""

from __future__ import annotations

import datetime
import json
import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardsmith.cli import cli
from cardsmith.errors import SourceError
from cardsmith.sources import read_document, read_url
from cardsmith.sources.fetch import fetch
from tests.conftest import FIXTURES
from tests.localhttp import redirect, send, serving
from tests.sources.make import make_pdf, wrap

ARTICLE = (FIXTURES / "sources" / "article.html").read_bytes()
#: The article with no canonical link: its cite URL is then the address it was fetched from.
PLAIN_ARTICLE = b"\n".join(line for line in ARTICLE.splitlines() if b"canonical" not in line)
HTML = "text/html; charset=utf-8"
#: Text whose legacy encoding the bytes alone do not give away (a guess reads "jeŋdŋą").
POLISH = "Pociągi towarowe znów jeżdżą starą górską linią po dziesięciu latach przerwy."
NOTES = b"Plain notes about storage.\n\nA second paragraph of plain notes."
REPORT = ("Solar storage costs fell by half in five years, and the utilities that bought batteries early now "
          "run them to shave the evening peak instead of starting gas turbines for an hour or two.")


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(1.0)  # past the 0.2 s the test allows
    send(handler, PLAIN_ARTICLE, HTML)


def _endless(handler: BaseHTTPRequestHandler) -> None:
    """A body with no length that never ends (up to 100 MB): only the reader's cap stops it."""
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.end_headers()
    chunk = b"<p>" + b"x" * 65_530 + b"</p>"
    for _ in range(1600):
        handler.wfile.write(chunk)  # raises once the client hangs up at its cap


def _declared_huge(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/pdf")
    handler.send_header("Content-Length", str(10**9))
    handler.end_headers()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pages = [["Grid Storage Report", *wrap(REPORT)], wrap(REPORT.replace("half", "a third"))]
    pdf = make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf", pages, title="Storage Report", author="Mara Lind")
    routes = {
        "/article": lambda h: send(h, PLAIN_ARTICLE, HTML),
        "/canonical": lambda h: send(h, ARTICLE, HTML),
        "/report": lambda h: send(h, pdf.read_bytes(), "application/pdf"),
        "/notes.txt": lambda h: send(h, NOTES, "text/plain"),
        "/latin2": lambda h: send(h, POLISH.encode("iso-8859-2"), "text/plain; charset=iso-8859-2"),
        "/r1": redirect("/article"),
        "/r2": redirect("/r1"),
        "/r3": redirect("/r2"),
        "/loop": redirect("/loop"),
        "/image": lambda h: send(h, b"\x89PNG\r\n", "image/png"),
        "/slow": _slow,
        "/endless": _endless,
        "/huge": _declared_huge,
    }
    with serving(routes) as base:
        yield base


def test_html_page_gets_url_and_access_date(site: str) -> None:
    doc = read_url(f"{site}/article")
    assert doc.text.startswith("Rail Freight Returns to the Mountains")
    assert doc.metadata.url == f"{site}/article"
    assert doc.metadata.accessed == datetime.date.today().isoformat()
    assert doc.metadata.authors == ["Oskar Brennwald"]
    assert doc.path == f"{site}/article"


def test_the_page_canonical_url_wins(site: str) -> None:
    doc = read_document(f"{site}/canonical")
    assert doc.metadata.url == "https://transit-ledger.example.com/rail-freight-mountains"


def test_pdf_and_text_are_read_by_their_content(site: str) -> None:
    assert "Solar storage costs fell" in read_url(f"{site}/report").text
    assert read_url(f"{site}/notes.txt").paragraph_texts()[1] == "A second paragraph of plain notes."


def test_a_declared_legacy_charset_is_used(site: str) -> None:
    assert read_url(f"{site}/latin2").text == POLISH


def test_redirects_are_followed_and_the_final_address_cited(site: str) -> None:
    doc = read_url(f"{site}/r3")
    assert doc.metadata.url == f"{site}/article"
    assert doc.path == f"{site}/r3"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loop", "too many redirects (more than 5)"),
        ("/missing", "HTTP 404 Not Found"),
        ("/image", "unsupported content type image/png"),
        ("/huge", "page too large (the limit is 1 MB)"),
        ("/endless", "page too large (the limit is 1 MB)"),
    ],
)
def test_failures_are_one_line_naming_the_url(site: str, path: str, reason: str) -> None:
    with pytest.raises(SourceError) as err:
        read_url(f"{site}{path}", max_bytes=1_000_000)
    assert str(err.value).startswith(f"{site}{path}: {reason}")
    assert "\n" not in str(err.value)


def test_a_slow_server_times_out(site: str) -> None:
    with pytest.raises(SourceError, match="timed out"):
        read_url(f"{site}/slow", timeout=0.2)


def test_no_server_and_other_schemes() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed at once: nothing listens there
    with pytest.raises(SourceError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{port}/", max_bytes=1000)
    with pytest.raises(SourceError, match="only http:// and https://"):
        read_document("ftp://127.0.0.1/file.txt")


def test_a_path_is_still_a_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_document(tmp_path / "http:" / "example.txt")


def test_cli_read_and_cut_take_urls_and_go_on_past_a_bad_one(site: str) -> None:
    result = CliRunner().invoke(cli, ["read", f"{site}/missing", f"{site}/article", "--format", "json", "--no-text"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["metadata"]["url"] == f"{site}/article"
    assert f"cardsmith: error: {site}/missing: HTTP 404 Not Found" in result.stderr
    result = CliRunner().invoke(cli, ["cut", f"{site}/article", "-c", "trains cut truck traffic", "--format", "json"])
    assert result.exit_code == 0, result.output
    cite = json.loads(result.stdout)["cite"]
    assert cite["url"] == f"{site}/article" and cite["accessed"] == datetime.date.today().isoformat()


def test_cli_add_stores_a_page(site: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["add", f"{site}/article", "--library", str(tmp_path / "library.sqlite")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{site}/article: source ")


def test_cli_verify_against_a_page(site: str, tmp_path: Path) -> None:
    body = "Freight trains are running again on the old mountain line after a decade of closure"
    card = tmp_path / "card.txt"
    card.write_text(f"Rail is back\nBrennwald 23\n{body}\n")
    result = CliRunner().invoke(cli, ["verify", str(card), "--source", f"{site}/article"])
    assert result.exit_code == 0, result.output
