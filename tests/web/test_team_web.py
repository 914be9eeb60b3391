"""The web app on a team library: changes need an editor's member token, and say whose they are."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from cardsmith.formats import card_to_json
from cardsmith.library import Library, members
from cardsmith.web import create_app
from cardsmith.web.security import writes_library
from tests.library.conftest import HashEncoder
from tests.web.conftest import sample_card

SAVE = {"cards": [card_to_json(sample_card())]}


@pytest.fixture
def team(postgres, tmp_path):
    url = postgres.database(tmp_path)
    with Library.open(url, encoder=HashEncoder()) as lib:
        store = members.team_store(lib, url)
        tokens = {"Ana": members.add(store, "Ana", "editor"), "Ben": members.add(store, "Ben", "editor"),
                  "Cy": members.add(store, "Cy", "reader")}
    with TestClient(create_app(url, encoder=HashEncoder()), raise_server_exceptions=False) as client:
        yield client, tokens


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_changes_need_an_editors_token_and_are_attributed(team) -> None:
    client, tokens = team
    assert client.post("/api/cards", json=SAVE).status_code == 401
    refused = client.post("/api/cards", json=SAVE, headers=bearer(tokens["Cy"]))
    assert refused.status_code == 403 and "Cy is a reader" in refused.text
    assert client.post("/api/cards", json=SAVE, headers=bearer("not-a-token")).status_code == 401
    (card_id,) = client.post("/api/cards", json=SAVE, headers=bearer(tokens["Ana"])).json()["ids"]
    edited = client.patch(f"/api/cards/{card_id}", json={"version": 1, "tag": "Gardens pay"},
                          headers={"X-Cardsmith-Token": tokens["Ben"]})
    assert edited.status_code == 200, edited.text
    stale = client.patch(f"/api/cards/{card_id}", json={"version": 1, "tag": "Mine"}, headers=bearer(tokens["Ana"]))
    assert stale.status_code == 409
    history = client.get(f"/api/cards/{card_id}/history").json()["history"]
    assert [(e["member"], e["before"]["tag"], e["after"]["tag"]) for e in history] == [
        ("Ben", "Shared solar saves money", "Gardens pay")]
    page = client.get(f"/cards/{card_id}").text
    assert "added · by Ana" in page and "version 2: tag “Shared solar saves money” → “Gardens pay” · by Ben" in page
    assert client.delete(f"/api/cards/{card_id}", headers=bearer(tokens["Cy"])).status_code == 403
    assert client.delete(f"/api/cards/{card_id}", headers=bearer(tokens["Ana"])).status_code == 200
    assert client.get("/api/search", params={"q": "gardens pay"}).json()["hits"] == []


def test_reads_and_cutting_need_no_editor(team) -> None:
    client, tokens = team
    assert client.get("/api/search", params={"q": "solar"}).status_code == 200
    assert client.post("/api/cite", json={"author": "Ada Okafor"}, headers=bearer(tokens["Cy"])).status_code != 401
    signed = client.get("/", params={"token": tokens["Cy"]}, follow_redirects=False)
    assert signed.status_code == 303 and signed.cookies.get("cardsmith_token") == tokens["Cy"]
    assert client.get("/", params={"token": "wrong"}, follow_redirects=False).status_code == 401


def test_every_changing_library_route_counts_as_a_library_write(team) -> None:
    client, _ = team
    paths = client.app.openapi()["paths"]
    changing = [(method.upper(), path.replace("{card_id}", "c1")) for path, operations in paths.items()
                for method, operation in operations.items()
                if "library" in operation.get("tags", []) and method != "get"]
    assert changing and all(writes_library(Request({"type": "http", "method": method, "path": path,
                                                     "query_string": b"", "headers": []}))
                            for method, path in changing)
    assert not writes_library(Request({"type": "http", "method": "POST", "path": "/api/cut", "query_string": b"",
                                       "headers": []}))
