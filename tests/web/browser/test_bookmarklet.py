"""Cutting from web pages in Chromium: the bookmarklet run on an article from another local site; the URL box."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

import pytest

from tests.localhttp import send, serving
from tests.sources.test_fetch import PLAIN_ARTICLE
from tests.web.browser.conftest import Page, expect, shot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def article() -> Iterator[str]:
    """The article's URL, on a second server: another origin than the app's, as a real site is."""
    with serving({"/article": lambda h: send(h, PLAIN_ARTICLE, "text/html; charset=utf-8")}) as base:
        yield f"{base}/article"


def _run_bookmarklet(page: Page, article: str, select: str | None) -> Page:
    """Take the bookmarklet from the Cut page, run it on the article (``select``: a CSS selector
    whose text is selected first) and return the window it opens."""
    page.goto("/cut")
    href = page.locator("#bookmarklet").get_attribute("href") or ""
    assert href.startswith("javascript:")
    page.goto(article)
    if select:
        page.evaluate("(css) => getSelection().selectAllChildren(document.querySelector(css))", select)
    with page.context.expect_page() as opened:
        page.evaluate(unquote(href.removeprefix("javascript:")))
    cut = opened.value
    errors: list[str] = []
    cut.on("pageerror", lambda err: errors.append(str(err)))
    cut.wait_for_url("**/cut")
    assert not errors, errors
    return cut


def test_the_selection_is_cut_with_the_article_cited(page: Page, server: str, article: str) -> None:
    cut = _run_bookmarklet(page, article, "article p:nth-of-type(3)")
    expect(cut.locator("#result")).to_be_visible()
    expect(cut.locator("#passage-label")).to_have_text("Passage 1 of 1")
    body = cut.locator("#card-view .body")
    expect(body).to_contain_text("each train removes about forty trucks from the pass")
    assert "Hauliers" not in body.inner_text()
    expect(cut.locator('[data-cite="url"]')).to_have_value(article)
    expect(cut.locator('[data-cite="authors"]')).to_have_value("Oskar Brennwald")
    assert cut.url == f"{server}/cut"
    shot(cut, "bookmarklet-selection")


def test_with_nothing_selected_the_claim_is_asked_for(page: Page, article: str) -> None:
    cut = _run_bookmarklet(page, article, None)
    expect(cut.locator("#claim")).to_be_focused()
    expect(cut.locator("#clip-note")).to_contain_text("Rail Freight Returns to the Mountains")
    cut.fill("#claim", "Rail freight takes trucks off mountain roads")
    cut.click("#cut-button")
    expect(cut.locator("#result")).to_be_visible()
    expect(cut.locator('[data-cite="url"]')).to_have_value(article)


def test_the_cut_page_fetches_an_address(page: Page, article: str) -> None:
    page.goto("/cut")
    page.fill("#claim", "Rail freight takes trucks off mountain roads")
    page.fill("#source-url", article)
    page.click("#cut-button")
    expect(page.locator("#result")).to_be_visible()
    expect(page.locator('[data-cite="url"]')).to_have_value(article)
