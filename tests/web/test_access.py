"""Who may ask: with a token every read needs it too, tokens are compared safely, Host names are checked."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from cardsmith.web import create_app
from cardsmith.web.security import LOOPBACK_NAMES

TOKEN = "s3cret"


@pytest.fixture
def private(library_path):
    with TestClient(create_app(library_path, token=TOKEN), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("path", ["/api/cards", "/api/stats", "/api/cards/c1", "/api/jobs", "/library", "/cut"])
def test_reads_need_the_token(private: TestClient, path: str) -> None:
    refused = private.get(path)
    assert refused.status_code == 401 and "token" in refused.text
    assert private.get(path, headers={"X-Cardsmith-Token": TOKEN}).status_code in (200, 404)


def test_refusals_come_as_json_or_a_styled_page(private: TestClient) -> None:
    assert private.get("/api/stats").json()["detail"].startswith("this server needs its access token")
    page = private.get("/library")
    assert "<html" in page.text and 'href="/static/app.css"' in page.text
    assert private.get("/static/app.css").status_code == 200  # the package's own files are not secret


def test_signing_in_once_sets_the_cookie(private: TestClient) -> None:
    signin = private.get(f"/library?token={TOKEN}", follow_redirects=False)
    assert signin.status_code == 303 and signin.headers["location"].endswith("/library")
    assert private.get("/api/cards").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Cardsmith-Token": "名前".encode()},
        {"Authorization": "Bearer é".encode("latin-1")},
        {"Cookie": "cardsmith_token=\xc3\xa9".encode("latin-1")},
    ],
    ids=["header", "bearer", "cookie"],
)
def test_non_ascii_tokens_are_just_wrong(private: TestClient, headers: dict) -> None:
    assert private.get("/api/stats", headers=headers).status_code == 401
    assert private.post("/api/cards", json={"cards": []}, headers=headers).status_code == 401


def test_non_ascii_sign_in_token_is_just_wrong(private: TestClient) -> None:
    response = private.get("/cut", params={"token": "名前"}, follow_redirects=False)
    assert response.status_code == 401 and "wrong token" in response.text


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("lan.example:8000", 200),
        ("LAN.example", 200),
        ("127.0.0.1:8000", 200),
        ("localhost", 200),
        ("[::1]:8000", 200),
        ("evil.example", 400),
        ("evil@127.0.0.1", 400),
        ("[::1", 400),
    ],
)
def test_host_allow_list(library_path, host: str, status: int) -> None:
    app = create_app(library_path, allowed_hosts=["lan.example", *LOOPBACK_NAMES])
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/stats", headers={"Host": host})
        assert response.status_code == status
        if status == 400:
            assert "unknown host" in response.json()["detail"]


def test_any_host_when_asked(library_path) -> None:
    with TestClient(create_app(library_path, allowed_hosts=["*"])) as client:
        assert client.get("/api/stats", headers={"Host": "anything.example"}).status_code == 200
