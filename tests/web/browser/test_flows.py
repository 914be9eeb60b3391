"""End to end in Debian's Chromium: cut, mark, save, search, download, re-import and verify."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cardsmith.formats import render_cards
from cardsmith.formats.verbatim import read_verbatim
from cardsmith.model import Card, Cite
from tests.web.browser.conftest import Page, expect, shot
from tests.web.conftest import ARTICLE, CLAIM

pytestmark = pytest.mark.slow


def test_cut_mark_save_search_download_reimport(page: Page, tmp_path: Path) -> None:
    # Cut a card from an uploaded file.
    page.goto("/cut")
    page.fill("#claim", CLAIM)
    page.set_input_files("#source-file", str(ARTICLE))
    page.click("#cut-button")
    expect(page.locator("#result")).to_be_visible()
    expect(page.locator("#card-view .tag")).to_have_text(CLAIM)
    expect(page.locator("#passage-label")).to_contain_text("Passage 1 of")

    # Toggle the highlight on a word that had none.
    word = page.locator("#card-view .body span[data-w]:not(.h)").first
    index = word.get_attribute("data-w")
    text = word.inner_text()
    word.click()
    marked = page.locator(f'#card-view .body span[data-w="{index}"]').first
    expect(marked).to_have_class(re.compile(r"\bh\b"))

    # Moving the density slider re-marks the card around the hand-made highlight, which stays.
    with page.expect_response("**/api/mark"):
        page.locator("#density").fill("0")
    expect(page.locator("#density-out")).to_have_text("0% of words")
    expect(page.locator(f'#card-view .body span[data-w="{index}"]').first).to_have_class(re.compile(r"\bh\b"))
    shot(page, "cut")

    # Copy as rich text: the clipboard holds HTML with Word-friendly inline formatting.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#copy-card")
    expect(page.locator("#card-note")).to_contain_text("Copied")  # beside the button, not atop the page
    expect(page.locator("#card-note")).to_be_in_viewport()
    html = page.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            return await (await item.getType("text/html")).text();
        }"""
    )
    assert CLAIM in html and "background:yellow" in html and "font-size:13pt" in html

    # Save it, then find it by search.
    page.click("#save-card")
    expect(page.locator("#card-note")).to_contain_text("Saved as c")
    card_id = page.locator("#card-note").inner_text().split()[-1]
    saved = page.request.get(f"/api/cards/{card_id}").json()
    body = saved["body"]
    assert any(text in body[s:e] for s, e in saved["highlight"])

    page.goto("/search?q=" + "solar gardens electricity bills")
    result = page.locator(f'article.card[data-id="{card_id}"]')
    expect(result).to_be_visible()
    expect(result.locator(".tag")).to_have_text(CLAIM)
    result.locator(".add-basket").click()
    expect(page.locator("#basket-count")).to_have_text("1")
    expect(page.locator("#basket-list li")).to_have_count(1)
    shot(page, "search")

    # Download the speech as .docx: it holds the card with its marks.
    with page.expect_download() as download:
        page.click("#basket-download")
    docx = tmp_path / "speech.docx"
    download.value.save_as(docx)
    cards = [i for i in read_verbatim(docx) if isinstance(i, Card)]
    assert [c.tag for c in cards] == [CLAIM]
    assert " ".join(cards[0].body.split()) == " ".join(body.split())

    # Delete the card in the library, re-import the download, and find it again.
    page.goto("/library?q=solar gardens electricity bills")
    row = page.locator(f'.row[data-id="{card_id}"]')
    page.once("dialog", lambda dialog: dialog.accept())  # "Delete … from the library?"
    row.locator(".delete-card").click()
    expect(row).to_have_count(0)
    assert page.request.get(f"/api/cards/{card_id}").status == 404
    page.set_input_files("#import-files", str(docx))
    page.click("#import-form button")
    page.reload()  # progress lives on the server: the job is still shown after a reload
    job = page.locator(".job").first
    expect(job).to_contain_text("1 new")
    expect(job).to_contain_text("done")
    expect(job.locator("[role=progressbar]")).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#stats")).to_contain_text("1 cards")
    shot(page, "library")
    hits = page.request.get("/api/search?q=solar%20gardens%20electricity%20bills&kind=card").json()["hits"]
    assert hits and hits[0]["card"]["tag"] == CLAIM


CLIP_TEXT = (  # written for these tests
    "The government said solar technology lowers bills for rural households, and the economic "
    "gains grow every year as information about community solar spreads among rural households."
)


def _cut_clip_text(page: Page) -> None:
    page.goto("/cut")
    page.fill("#claim", CLAIM)
    page.fill("#source-text", CLIP_TEXT)
    page.click("#cut-button")
    expect(page.locator("#result")).to_be_visible()


def test_clip_checkbox_re_marks_with_short_forms(page: Page) -> None:
    _cut_clip_text(page)
    with page.expect_request("**/api/mark") as sent:
        page.locator("#density").fill("60")
    assert sent.value.post_data_json["clip"] is False
    with page.expect_request("**/api/mark") as sent:
        page.check("#clip")
    assert sent.value.post_data_json["clip"] is True and sent.value.post_data_json["highlight"] == 0.6
    # The clipped word is drawn as a highlighted piece followed by an unhighlighted rest of the word.
    expect(page.locator("#card-view .body span.h", has_text=re.compile(r"^gov$"))).to_have_count(1)


def test_a_late_re_mark_does_not_undo_a_newer_one(page: Page) -> None:
    """The slider's re-mark answered after the clip box's must not put the unclipped marks back."""
    _cut_clip_text(page)
    held: list = []  # the slider's request, answered only once the clip box's has been shown

    def hold_the_first(route) -> None:  # noqa: ANN001 - playwright's Route
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/api/mark", hold_the_first)
    page.locator("#density").fill("60")
    page.check("#clip")
    clipped = page.locator("#card-view .body span.h", has_text=re.compile(r"^gov$"))
    expect(clipped).to_have_count(1)
    expect(page.locator("#density")).to_be_disabled()  # its re-mark is still out
    held[0].continue_()
    expect(page.locator("#density")).to_be_enabled()  # ...and now answered
    expect(clipped).to_have_count(1)


def test_verify_finds_an_altered_word(page: Page) -> None:
    article = ARTICLE.read_text()
    body = next(p for p in article.split("\n\n") if "pools risk" in p)
    altered = body.replace("hundreds of subscribers", "thousands of subscribers")
    page.goto("/verify")
    cite = "Natarajan 23 (Priya Natarajan, research fellow, 2023)"
    page.fill("#card-text", f"Gardens pool risk\n{cite}\n{altered}")
    page.fill("#verify-source-text", article)
    page.click("#verify-button")
    expect(page.locator("#verdict")).to_have_text("Altered")
    diff = page.locator("#verify-card mark.diff").first
    expect(diff).to_contain_text("thousands")
    expect(page.locator("#differences")).to_contain_text("hundreds")
    shot(page, "verify")


def test_verify_a_card_picked_from_docx(page: Page, tmp_path: Path) -> None:
    article = ARTICLE.read_text()
    paragraphs = [p for p in article.split("\n\n") if len(p.split()) > 30]
    cite = Cite(short="Natarajan 23", full="(Priya Natarajan, research fellow, 2023)")
    cards = [Card(tag=f"Card {i}", cite=cite, body=p) for i, p in enumerate(paragraphs[:2])]
    docx = tmp_path / "file.docx"
    docx.write_bytes(render_cards(cards, "docx"))
    page.goto("/verify")
    page.set_input_files("#card-docx", str(docx))
    expect(page.locator("#card-pick option")).to_have_count(2)
    page.select_option("#card-pick", "1")
    # Shown as a debater pastes a card (tag, cite, body lines), not as JSON.
    pasted = f"Card 1\nNatarajan 23 (Priya Natarajan, research fellow, 2023)\n{paragraphs[1]}"
    expect(page.locator("#card-text")).to_have_value(pasted)
    page.fill("#verify-source-text", article)
    page.click("#verify-button")
    expect(page.locator("#verdict")).to_have_text("Verbatim")
    expect(page.locator("#verify-card mark.diff")).to_have_count(0)
    expect(page.locator("#not-found-help")).to_be_hidden()


def test_verify_with_no_source_found_says_so(page: Page) -> None:
    page.goto("/verify")
    page.fill("#card-text", f"Gardens pool risk\nNatarajan 23 (research fellow)\n{ARTICLE.read_text()[:400]}")
    page.fill("#verify-source-text", "A different article about tariffs on imported steel, written for this test.")
    page.click("#verify-button")
    expect(page.locator("#verdict")).to_have_text("Source not found")
    expect(page.locator("#not-found-help")).to_contain_text("No source found: none of the sources given holds")
    # No "Differences: none" or empty context that would read as a clean card.
    expect(page.locator("#found-parts")).to_be_hidden()
    expect(page.locator("#fidelity")).to_have_text("")
    page.fill("#verify-source-text", "")
    page.check("#verify-library")
    page.click("#verify-button")
    expect(page.locator("#not-found-help")).to_contain_text("nor the library (its sources and imported cards)")


def test_error_page(page: Page) -> None:
    response = page.goto("/no-such-page")
    assert response is not None and response.status == 404
    expect(page.locator(".error-message")).to_contain_text("no page at /no-such-page")
