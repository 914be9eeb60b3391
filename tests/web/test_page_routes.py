"""The card page, the library's tag list and the tab icon, as the server renders them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json
from tests.web.conftest import sample_card


def _save(client: TestClient, tag: str, outline: list[str], origin: str) -> str:
    card = card_to_json(sample_card(tag, f"{tag}: shared arrays cut bills for every subscriber in town."))
    card["outline"] = outline
    return client.post("/api/cards", json={"cards": [card], "origin": origin}).json()["ids"][0]


def test_card_page_shows_the_card_and_where_it_came_from(client: TestClient) -> None:
    card_id = _save(client, "Solar saves money", ["1AC", "Solar adv", "Bills"], "aff.docx")
    page = client.get(f"/cards/{card_id}")
    assert page.status_code == 200
    html = page.text
    assert '<p class="tag">Solar saves money</p>' in html  # not a link to itself
    assert '<span class="short">Natarajan 23</span>' in html and '<span class="u h">' in html
    assert "<li>aff.docx</li>" in html and "In the outline: 1AC › Solar adv › Bills" in html
    assert f'data-id="{card_id}"' in html and "Add to speech" in html


@pytest.mark.parametrize("card_id", ["c999", "nonsense", "p1"])
def test_card_page_for_a_missing_card_is_a_404_page(client: TestClient, card_id: str) -> None:
    page = client.get(f"/cards/{card_id}")
    assert page.status_code == 404 and "error-message" in page.text


def test_library_lists_tags_under_file_and_outline(client: TestClient) -> None:
    ids = [_save(client, f"Tag {i}", ["1AC", "Solar adv", "Bills"], "aff.docx") for i in range(2)]
    other = _save(client, "Cut on the web", [], "web: cut")
    html = client.get("/library").text
    assert html.count('<h3 class="outline">') == 2
    assert '<h3 class="outline">aff.docx › 1AC › Solar adv › Bills</h3>' in html
    assert '<h3 class="outline">web: cut</h3>' in html
    for card_id in [*ids, other]:
        assert f'<a class="tag" href="/cards/{card_id}">' in html
    assert 'class="body"' not in html  # tags only
    full = client.get("/library", params={"view": "full"}).text
    assert full.count('class="body"') == 3
    assert client.get("/library", params={"view": "bodies"}).status_code == 422


def test_full_view_pager_keeps_the_view(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from cardsmith.web.routes import pages

    monkeypatch.setattr(pages, "PAGE", 1)
    for i in range(2):
        _save(client, f"Tag {i}", [], "aff.docx")
    assert 'href="/library?offset=1&amp;view=full"' in client.get("/library", params={"view": "full"}).text


def test_favicon_is_served(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
