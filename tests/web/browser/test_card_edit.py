"""The card page's editor in Chromium: edit the tag and a mark, save, reload; a stale save is refused."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from cardsmith.formats import card_to_json
from tests.web.browser.conftest import LAPTOP, Page, expect, open_tab, shot
from tests.web.conftest import sample_card

pytestmark = pytest.mark.skipif(Page is None, reason="playwright is not installed (the dev extra)")


@pytest.fixture
def other(browser, server: str) -> Iterator[Page]:
    """A second tab: someone else with the same card open."""
    yield from open_tab(browser, server, LAPTOP)


def test_edit_tag_and_mark_save_reload_and_stale_save(page: Page, other: Page) -> None:
    card = card_to_json(sample_card(tag="Shared solar saves money"))
    card_id = page.request.post("/api/cards", data={"cards": [card]}).json()["ids"][0]
    page.goto(f"/cards/{card_id}")
    other.goto(f"/cards/{card_id}")
    first_word = card["body"].split()[0]

    page.click("#edit-button")
    page.fill("#edit-tag", "Community solar cuts bills")
    page.check("input[name=mode][value=highlight]")
    word = page.locator("#edit-card .body [data-w='0']").first
    was_highlighted = "h" in (word.get_attribute("class") or "").split()
    word.click()
    page.keyboard.press("F10")  # Verbatim's emphasis key, on the word just clicked
    expect(page.locator("#edit-card .body [data-w='0']").first).to_have_class(re.compile(r"\be\b"))
    expect(page.locator("input[name=mode][value=emphasis]")).to_be_checked()
    shot(page, "card-edit")
    page.click("#edit-save")
    expect(page.locator("#card-shown .tag")).to_have_text("Community solar cuts bills")
    page.reload()
    expect(page.locator("#card-shown .tag")).to_have_text("Community solar cuts bills")
    expect(page.locator("#history li")).to_contain_text("version 2")
    stored = page.request.get(f"/api/cards/{card_id}").json()
    highlighted = any(s == 0 and e >= len(first_word) for s, e in stored["highlight"])
    assert stored["version"] == 2 and highlighted != was_highlighted and stored["body"] == card["body"]
    assert any(s == 0 and e >= len(first_word) for s, e in stored["emphasis"])

    other.click("#edit-button")
    other.fill("#edit-tag", "A stale edit")
    other.click("#edit-save")
    expect(other.locator("#flash")).to_contain_text("you edited version 1, the library has version 2")
    assert page.request.get(f"/api/cards/{card_id}").json()["tag"] == "Community solar cuts bills"

    page.click("#verify-link")
    expect(page.locator("#card-text")).to_have_value(f"Community solar cuts bills\n{stored['cite']['short']} "
                                                     f"{stored['cite']['full']}\n{card['body']}")
    expect(page.locator("#verify-library")).to_be_checked()
