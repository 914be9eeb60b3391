"""A card drawn on a page looks as its .docx does: no blank lines, shrunk text, an imported card's
own sizes and colours; a card's JSON cannot put anything but a colour into a style."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json
from cardsmith.formats.verbatim import read_verbatim
from cardsmith.model import Card
from tests.formats.docx_builder import make_docx
from tests.formats.test_formatting import BODY
from tests.web.conftest import sample_card


def page_of(client: TestClient, card: Card) -> str:
    card_id = client.post("/api/cards", json={"cards": [card_to_json(card)]}).json()["ids"][0]
    return client.get(f"/cards/{card_id}").text


def test_no_blank_lines_and_unread_text_shrunk(client: TestClient) -> None:
    body = "Shared arrays cut bills by eighteen percent.\n\n\nEvery subscriber in the town saves."
    page = page_of(client, sample_card(body=body))
    assert "\n\n" not in page[page.index('<p class="body">') : page.index("</article>")]
    assert '<span class="plain">' in page  # 8 pt by the stylesheet, as the .docx shrinks it
    assert page.count('<span class="gap"></span>') == 1  # Word's space after the first paragraph


def test_an_imported_card_shows_its_own_sizes_and_colours(client: TestClient, tmp_path: Path) -> None:
    card = next(i for i in read_verbatim(make_docx(tmp_path / "in.docx", BODY)) if isinstance(i, Card))
    page = page_of(client, card)
    assert '<span class="plain" style="font-size:8pt">Shrunk words at eight points </span>' in page
    assert "background:#00FFFF" in page and "mso-highlight:green" in page and "font-size:14pt" in page


def test_a_colour_from_json_is_only_ever_a_colour(client: TestClient, tmp_path: Path) -> None:
    card = next(i for i in read_verbatim(make_docx(tmp_path / "in.docx", BODY)) if isinstance(i, Card))
    data = card_to_json(card)
    for look in data["formatting"]["formats"]:
        if "highlight" in look:
            look["highlight"] = "red;background:url(https://example.invalid/x)"
    card_id = client.post("/api/cards", json={"cards": [data]}).json()["ids"][0]
    page = client.get(f"/cards/{card_id}").text
    drawn = page[page.index("<article") : page.index("</article>")]  # (the editor's JSON keeps the value as data)
    exported = client.post("/api/export", json={"ids": [card_id], "format": "html"}).text
    for html in (drawn, exported):
        assert "url(" not in html and "mso-highlight:yellow" in html
