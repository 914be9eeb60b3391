"""The export's highlight colour: the one the user picked reaches the .docx and the HTML."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json
from cardsmith.formats.html import WORD_HIGHLIGHTS
from cardsmith.model import HIGHLIGHT_COLOURS
from tests.factories import DEFAULT_BODY
from tests.web.conftest import sample_card


def _export(client: TestClient, body: str | None = None, **extra: object):
    return client.post("/api/export", json={"cards": [card_to_json(sample_card(body=body))], **extra})


def test_export_in_the_picked_highlight_colour(client: TestClient) -> None:
    docx = _export(client, highlight="cyan")
    assert docx.status_code == 200
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert 'w:highlight w:val="cyan"' in xml and 'w:val="yellow"' not in xml
    assert "background:teal;mso-highlight:darkCyan" in _export(client, highlight="darkCyan", format="html").text
    assert _export(client, highlight="green", format="md").status_code == 200  # no colours there: ignored


def test_export_defaults_to_yellow_and_refuses_other_colours(client: TestClient) -> None:
    xml = zipfile.ZipFile(io.BytesIO(_export(client).content)).read("word/document.xml").decode()
    assert 'w:highlight w:val="yellow"' in xml
    for bad in ("orange", "#ff0", "yellow; x"):
        response = _export(client, highlight=bad)
        assert response.status_code == 422 and "unknown highlight colour" in response.json()["detail"]


def test_the_picker_offers_every_colour_word_has() -> None:
    assert set(WORD_HIGHLIGHTS) == HIGHLIGHT_COLOURS


def test_export_takes_the_cli_layout_options(client: TestClient) -> None:
    def xml(**extra) -> str:
        return zipfile.ZipFile(io.BytesIO(_export(client, **extra).content)).read("word/document.xml").decode()

    assert 'w:sz w:val="16"' in xml() and 'w:sz w:val="16"' not in xml(shrink=False)
    condensed = xml(body=DEFAULT_BODY + "\n\nA second paragraph.", pilcrows=True)
    assert "\u00b6" in condensed and condensed.count("<w:p>") + condensed.count("<w:p ") == 3  # tag, cite, body
    fragment = _export(client, format="html", fragment=True)
    assert fragment.text.startswith('<section class="card">') and "Content-Disposition" not in fragment.headers
    assert "font-size:8pt" not in _export(client, format="html", shrink=False).text
