"""What debaters expect of their tools: reading times, Verbatim's keys, the highlight colour."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.web.browser.conftest import Page, expect, shot
from tests.web.conftest import ARTICLE, CLAIM

pytestmark = pytest.mark.slow

#: Highlighted "Solar lowers bills" (3 words) and "gov" clipped out of "government" (1 more).
BODY = "Solar lowers bills for renters, says the government report on rural power."


def _save(page: Page, tag: str, **marks: list[list[int]]) -> str:
    card = {"tag": tag, "cite": {"short": "Ruiz 16", "full": "(Dana Ruiz, staff writer)"}, "body": f"{tag}: {BODY}"}
    shift = len(tag) + 2
    card.update({name: [[s + shift, e + shift] for s, e in spans] for name, spans in marks.items()})
    return page.request.post("/api/cards", data={"cards": [card], "origin": "web: test"}).json()["ids"][0]


def test_reading_time_of_each_card_and_the_speech_at_the_users_speed(page: Page) -> None:
    lit = _save(page, "Shared solar lit", highlight=[[0, 18], [41, 44]], underline=[[0, 50]])
    underlined = _save(page, "Shared solar underlined", underline=[[0, 12]])
    plain = _save(page, "Shared solar plain")
    page.goto(f"/cards/{lit}")
    expect(page.locator(".card .read-time")).to_have_text("read: 4 words · 0:01 at 250 wpm")
    page.goto(f"/cards/{underlined}")
    expect(page.locator(".card .read-time")).to_have_text("underlined: 2 words · 0:00 at 250 wpm")
    page.goto(f"/cards/{plain}")
    expect(page.locator(".card .read-time")).to_have_text("whole card: 15 words · 0:04 at 250 wpm")

    # A slower reader: 60 wpm, kept across pages, on search results and the speech's total.
    page.fill("#wpm", "60")
    page.locator("#wpm").dispatch_event("change")
    expect(page.locator(".card .read-time")).to_have_text("whole card: 15 words · 0:15 at 60 wpm")
    page.goto("/search?q=shared solar")
    expect(page.locator("#wpm")).to_have_value("60")
    expect(page.locator(f'article[data-id="{lit}"] .read-time')).to_have_text("read: 4 words · 0:04 at 60 wpm")
    for card_id in (lit, plain):
        page.locator(f'article[data-id="{card_id}"] .add-basket').click()
    expect(page.locator("#basket-time")).to_have_text("Speech: 19 words · 0:19 at 60 wpm")
    page.goto("/library?view=full")
    expect(page.locator(f'article[data-id="{underlined}"] .read-time')).to_contain_text("underlined: 2 words")
    shot(page, "reading-times")


def _cut(page: Page) -> None:
    page.goto("/cut")
    page.fill("#claim", CLAIM)
    page.fill("#source-text", ARTICLE.read_text())
    page.click("#cut-button")
    expect(page.locator("#result")).to_be_visible()


def test_verbatim_keys_mark_the_last_words_touched_and_stay_out_of_typing(page: Page) -> None:
    _cut(page)
    expect(page.locator("#card-view .read-time")).to_contain_text(" at 250 wpm")
    index = page.locator("#card-view .body span[data-w]:not(.u)").first.get_attribute("data-w")
    word = page.locator(f'#card-view .body span[data-w="{index}"]').first
    word.click()  # highlight mode: highlighted (and underlined)
    expect(word).to_have_class(re.compile(r"\bh\b.*\bpicked\b"))
    page.keyboard.press("F10")
    expect(word).to_have_class(re.compile(r"\be\b"))
    expect(page.locator("input[name=mode][value=emphasis]")).to_be_checked()
    page.keyboard.press("Alt+H")  # the highlight again: off
    expect(word).not_to_have_class(re.compile(r"\bh\b"))
    page.keyboard.press("F9")  # the underline off clears all it carries
    expect(word).to_have_class(re.compile(r"^plain\b"))

    # Typing "?" or Alt+N into a field types; outside one, they list the keys and move on.
    page.click("#tag-edit")
    page.keyboard.press("End")
    page.keyboard.type("?")
    page.keyboard.press("Alt+N")
    expect(page.locator("#shortcuts-help")).to_be_hidden()
    expect(page.locator("#tag-edit")).to_have_value(CLAIM + "?")
    expect(page.locator("#passage-label")).to_contain_text("Passage 1 of")
    page.locator("#card-view .tag").click()
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-help")).to_be_visible()
    expect(page.locator("#shortcuts-help")).to_contain_text("F11 or Alt+H")
    shot(page, "shortcuts-help")
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts-help")).to_be_hidden()
    page.keyboard.press("Alt+N")
    expect(page.locator("#passage-label")).to_contain_text("Passage 2 of")

    page.keyboard.press("Alt+A")  # saved and in the speech
    expect(page.locator("#card-note")).to_contain_text("In the speech as c")
    expect(page.locator("#basket-count")).to_have_text("1")


def test_highlight_colour_is_kept_drawn_and_downloaded(page: Page, tmp_path: Path) -> None:
    _cut(page)
    lit = page.locator("#card-view .body span.h").first
    expect(lit).to_have_css("background-color", "rgb(255, 255, 0)")
    page.select_option("#highlight-colour", "green")  # Word's bright green
    expect(lit).to_have_css("background-color", "rgb(0, 255, 0)")
    with page.expect_download() as download, page.expect_request("**/api/export") as sent:
        page.click("#download-card")
    assert sent.value.post_data_json["highlight"] == "green"
    path = tmp_path / "card.docx"
    download.value.save_as(path)
    assert 'w:highlight w:val="green"' in zipfile.ZipFile(path).read("word/document.xml").decode()
    page.click("#speech-card")
    expect(page.locator("#card-note")).to_contain_text("In the speech as c")

    # The search page draws cards in it, and the speech downloads in it.
    page.goto(f"/search?q={CLAIM}")
    expect(page.locator("#highlight-colour")).to_have_value("green")
    expect(page.locator("#results .body span.h").first).to_have_css("background-color", "rgb(0, 255, 0)")
    page.select_option("#highlight-colour", "darkYellow")
    with page.expect_download(), page.expect_request("**/api/export") as sent:
        page.click("#basket-download")
    assert sent.value.post_data_json["highlight"] == "darkYellow"
    shot(page, "highlight-colour")


def test_layout_options_are_kept_shown_and_sent_with_the_library_download(page: Page, tmp_path: Path) -> None:
    _save(page, "Layout", underline=[[0, 5]], highlight=[[0, 5]])
    page.goto("/library?view=full")
    unread = page.locator("#card-list .body span.plain").first
    expect(unread).to_have_css("font-size", "10.6667px")  # 8 pt, as the .docx shrinks it
    page.uncheck("input[data-layout=shrink]")
    expect(unread).to_have_css("font-size", "14.6667px")  # 11 pt
    page.check("input[data-layout=pilcrows]")
    page.reload()
    expect(page.locator("input[data-layout=shrink]")).not_to_be_checked()
    with page.expect_download() as download, page.expect_request("**/api/export") as sent:
        page.click("#library-download")
    assert sent.value.post_data_json == {
        "all": True,
        "format": "docx",
        "name": "library",
        "highlight": "yellow",
        "shrink": False,
        "condense": False,
        "pilcrows": True,
    }
    path = tmp_path / "library.docx"
    download.value.save_as(path)
    assert "Layout" in zipfile.ZipFile(path).read("word/document.xml").decode()
