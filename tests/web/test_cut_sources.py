"""/api/cut from a web page: fetched by its URL, or sent whole by the bookmarklet with a selected passage."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cardsmith.web import create_app
from tests.library.conftest import HashEncoder
from tests.localhttp import send, serving
from tests.sources.test_fetch import PLAIN_ARTICLE

TODAY = datetime.date.today().isoformat()
#: The article's second paragraph, as a browser's selection gives it (its own line breaks and spacing).
SELECTED = ("The regional transport office says each train removes about forty trucks from the pass,\n"
            "  cutting diesel use and the number of accidents on the steepest section of the road.")  # fmt: skip


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving({"/article": lambda h: send(h, PLAIN_ARTICLE, "text/html")}) as base:
        yield base


def test_cut_from_a_url(client: TestClient, site: str) -> None:
    response = client.post("/api/cut", data={"url": f"{site}/article", "claim": "trains cut truck traffic"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["metadata"]["url"] == f"{site}/article" and data["metadata"]["accessed"] == TODAY
    assert data["cards"][0]["cite"]["url"] == f"{site}/article"
    assert data["source"] == f"{site}/article"


def test_a_url_that_fails_is_one_line_naming_it(client: TestClient, site: str) -> None:
    response = client.post("/api/cut", data={"url": f"{site}/gone"})
    assert response.status_code == 422
    assert response.json()["detail"] == f"{site}/gone: HTTP 404 Not Found"


def test_a_page_sent_whole_is_cut_at_the_selection(client: TestClient) -> None:
    page = "https://news.example.org/rail"  # only cited: a page sent with its text is never fetched
    form = {"text": PLAIN_ARTICLE.decode(), "kind": "html", "url": page, "passage": SELECTED}
    data = client.post("/api/cut", data=form).json()
    (card,) = data["cards"]
    assert card["body"] == " ".join(SELECTED.split())
    assert card["cite"]["url"] == page and card["cite"]["accessed"] == TODAY
    assert card["cite"]["authors"] == ["Oskar Brennwald"]


def test_a_selection_not_in_the_article(client: TestClient) -> None:
    form = {"text": PLAIN_ARTICLE.decode(), "kind": "html", "passage": "words from the comments below"}
    response = client.post("/api/cut", data=form)
    assert response.status_code == 422 and "the selected text is not in the article" in response.json()["detail"]


def test_the_bookmarklet_landing_page_needs_no_token(library_path: Path) -> None:
    """The clip page is a static file (open): a window the article's site opens gets no token cookie
    (SameSite=Strict), and the page holds nothing private; the Cut page it leads to needs the token."""
    with TestClient(create_app(library_path, token="secret", encoder=HashEncoder())) as client:
        assert client.get("/static/clip.html").status_code == 200
        assert client.get("/cut").status_code == 401
        assert client.get("/cut", headers={"X-Cardsmith-Token": "secret"}).text.count('href="javascript:') == 1
