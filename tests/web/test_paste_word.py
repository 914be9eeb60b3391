"""The web copy pasted into a word processor: the HTML the Copy button puts on the clipboard (the
export API's HTML fragment), opened by LibreOffice and saved as .docx, shows what the .docx
download shows, character by character: underline, bold (Emphasis), highlight colour, 8-pt shrunk
text, the tag as Heading 4, the short cite in 13-pt bold. (Word reads the same inline styles; it
is not available here.)"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json
from cardsmith.formats.html import WORD_HIGHLIGHTS
from cardsmith.formats.verbatim import read_verbatim
from cardsmith.model import HIGHLIGHT_RGB, Card
from tests.factories import DEFAULT_BODY
from tests.formats.docx_builder import make_docx
from tests.formats.libreoffice import convert
from tests.formats.test_formatting import BODY, visible
from tests.web.conftest import sample_card

#: Word's highlight colours by RGB: LibreOffice pastes a highlight as shading of the same colour.
_RGB = {name: f"#{rgb}" for name, rgb in HIGHLIGHT_RGB.items()}


def pasted(client: TestClient, tmp_path: Path, card: Card, **options: object) -> Path:
    """The card as Copy puts it on the clipboard (in Chromium's clipboard wrapper), saved by LibreOffice."""
    request = {"cards": [card_to_json(card)], "format": "html", "fragment": True, **options}
    html = client.post("/api/export", json=request).text
    page = tmp_path / "copied.html"
    page.write_text(f"<html><body><!--StartFragment-->{html}<!--EndFragment--></body></html>", encoding="utf-8")
    return convert(page, "docx:MS Word 2007 XML")


def downloaded(client: TestClient, tmp_path: Path, card: Card, **options: object) -> Path:
    request = {"cards": [card_to_json(card)], "format": "docx", **options}
    path = tmp_path / "downloaded.docx"
    path.write_bytes(client.post("/api/export", json=request).content)
    return path


def looks(path: Path) -> list[tuple[str, str, object]]:
    """What each non-space character looks like, a highlight named by its RGB."""
    return [
        (ch, style, replace(fmt, highlight=_RGB.get(fmt.highlight or "", fmt.highlight)))
        for ch, style, fmt in visible(path)
    ]


def test_a_pasted_cut_card_looks_like_the_download(client: TestClient, tmp_path: Path) -> None:
    card = sample_card(body=DEFAULT_BODY + "\n\nA second paragraph.")
    copy = pasted(client, tmp_path, card, highlight="green")
    assert looks(copy) == looks(downloaded(client, tmp_path, card, highlight="green"))
    (back,) = read_verbatim(copy)  # the same card, marks and all: Emphasis came as the Emphasis style
    assert (back.tag, back.cite.short, back.body) == (card.tag, card.cite.short, card.body.replace("\n\n", "\n"))
    assert back.marks == card.marks
    shrunk = [fmt.size for _, _, fmt in visible(copy)][-len("secondparagraph.") :]
    assert set(shrunk) == {16}  # 8 pt
    paragraphs = docx.Document(str(copy)).paragraphs  # tag, cite, two body paragraphs 8 pt apart, as in Word
    assert len(paragraphs) == 4 and paragraphs[0].style.name == "Heading 4"
    assert [p.paragraph_format.space_after.pt for p in paragraphs[1:]] == [8, 8, 8]
    unshrunk = pasted(client, tmp_path, card, shrink=False)
    assert looks(unshrunk) == looks(downloaded(client, tmp_path, card, shrink=False))


def test_a_pasted_imported_card_keeps_its_formatting(client: TestClient, tmp_path: Path) -> None:
    source = make_docx(tmp_path / "in.docx", BODY)
    card = next(item for item in read_verbatim(source) if isinstance(item, Card))
    in_word = [look for look in looks(downloaded(client, tmp_path, card)) if look[1] != "Heading1"]  # + its Pocket
    assert looks(pasted(client, tmp_path, card)) == in_word


def test_every_highlight_colour_pastes_as_its_own(client: TestClient) -> None:
    assert set(_RGB) == set(WORD_HIGHLIGHTS)
    for name in _RGB:
        html = client.post(
            "/api/export",
            json={"cards": [card_to_json(sample_card())], "format": "html", "fragment": True, "highlight": name},
        ).text
        assert f"mso-highlight:{name}" in html, name
