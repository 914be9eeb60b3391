"""The export's highlight colour: the one the user picked reaches the .docx and the HTML."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json
from cardsmith.model import HIGHLIGHT_COLOURS
from cardsmith.web.colours import WORD_HIGHLIGHTS
from tests.web.conftest import sample_card


def _export(client: TestClient, **extra: str):
    return client.post("/api/export", json={"cards": [card_to_json(sample_card())], **extra})


def test_export_in_the_picked_highlight_colour(client: TestClient) -> None:
    docx = _export(client, highlight="cyan")
    assert docx.status_code == 200
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert 'w:highlight w:val="cyan"' in xml and 'w:val="yellow"' not in xml
    assert "--highlight: darkCyan" in _export(client, highlight="darkCyan", format="html").text
    assert _export(client, highlight="green", format="md").status_code == 200  # no colours there: ignored


def test_export_defaults_to_yellow_and_refuses_other_colours(client: TestClient) -> None:
    xml = zipfile.ZipFile(io.BytesIO(_export(client).content)).read("word/document.xml").decode()
    assert 'w:highlight w:val="yellow"' in xml
    for bad in ("orange", "#ff0", "yellow; x"):
        response = _export(client, highlight=bad)
        assert response.status_code == 422 and "unknown highlight colour" in response.json()["detail"]


def test_the_picker_offers_every_colour_word_has() -> None:
    assert set(WORD_HIGHLIGHTS) == HIGHLIGHT_COLOURS
