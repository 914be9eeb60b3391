"""PATCH /api/cards/{id}: a library card's tag, cite and marks edited from the version the editor saw."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json
from tests.web.conftest import sample_card
from tests.web.test_bad_input import assert_refused


@pytest.fixture
def saved(client: TestClient) -> str:
    return client.post("/api/cards", json={"cards": [card_to_json(sample_card())]}).json()["ids"][0]


def test_an_edit_is_saved_searchable_and_in_the_history(client: TestClient, saved: str) -> None:
    before = client.get(f"/api/cards/{saved}").json()
    assert before["version"] == 1
    edit = {"version": 1, "tag": "Zebra gardens pay", "cite": "Okafor 24 (Ada Okafor, 2024)", "highlight": [[0, 6]]}
    response = client.patch(f"/api/cards/{saved}", json=edit)
    assert response.status_code == 200, response.text
    after = response.json()
    assert (after["id"], after["version"], after["tag"], after["cite"]["short"]) == (saved, 2, "Zebra gardens pay",
                                                                                     "Okafor 24")
    assert after["highlight"] == [[0, 6]] and after["underline"] == before["underline"]
    assert after["body"] == before["body"] and client.get(f"/api/cards/{saved}").json() == after
    hits = client.get("/api/search", params={"q": "zebra gardens", "limit": 1}).json()["hits"]
    assert hits[0]["id"] == saved
    history = client.get(f"/api/cards/{saved}/history").json()
    assert history["version"] == 2 and [e["version"] for e in history["history"]] == [2]
    assert history["history"][0]["tag"] == ["Shared solar saves money", "Zebra gardens pay"]


def test_a_stale_edit_is_a_409_naming_both_versions(client: TestClient, saved: str) -> None:
    assert client.patch(f"/api/cards/{saved}", json={"version": 1, "tag": "First"}).status_code == 200
    detail = assert_refused(client.patch(f"/api/cards/{saved}", json={"version": 1, "tag": "Second"}), 409)
    assert "you edited version 1, the library has version 2" in detail
    assert client.get(f"/api/cards/{saved}").json()["tag"] == "First"


@pytest.mark.parametrize(
    ("edit", "status", "words"),
    [
        ({"tag": "no version"}, 422, "version"),
        ({"version": "1", "tag": "x"}, 422, "version"),
        ({"version": 1, "body": "A new body"}, 422, "verbatim"),
        ({"version": 1, "highlight": [[0, 100_000]]}, 422, "outside the body"),
        ({"version": 1, "underline": [[5, 2]]}, 422, "outside the body"),
        ({"version": 1, "highlight": [["a", 2]]}, 422, "highlight"),
        ({"version": 1, "tag": 5}, 422, "tag"),
        ({"version": 1, "cite": {"authors": 5}}, 422, "cite.authors"),
        ({"version": 1, "colour": "red"}, 422, "colour"),
    ],
)
def test_bad_edits_are_one_line_4xx(client: TestClient, saved: str, edit: dict, status: int, words: str) -> None:
    assert words in assert_refused(client.patch(f"/api/cards/{saved}", json=edit), status)
    assert client.get(f"/api/cards/{saved}").json()["version"] == 1


def test_editing_no_card_is_a_404(client: TestClient, saved: str) -> None:
    assert "no card" in assert_refused(client.patch("/api/cards/c999", json={"version": 1, "tag": "x"}), 404)
    assert "no card" in assert_refused(client.get("/api/cards/p1/history"), 404)
    client.delete(f"/api/cards/{saved}")
    assert_refused(client.patch(f"/api/cards/{saved}", json={"version": 1, "tag": "x"}), 404)


def test_the_card_page_lists_edits_and_links_to_verify(client: TestClient, saved: str) -> None:
    assert "not edited since it was added" in client.get(f"/cards/{saved}").text
    client.patch(f"/api/cards/{saved}", json={"version": 1, "tag": "<b>Bold</b> claim", "highlight": []})
    page = client.get(f"/cards/{saved}").text
    assert "version 2: tag “Shared solar saves money” → “&lt;b&gt;Bold&lt;/b&gt; claim”; marks" in page
    assert f'href="/verify?card={saved}"' in page and '"version": 2' in page and "<b>Bold" not in page
