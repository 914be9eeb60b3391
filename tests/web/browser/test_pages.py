"""The pages as a debater meets them on a laptop: what each shows, where, and in which state."""

from __future__ import annotations

import re

import pytest

from tests.web.browser.conftest import Page, expect, shot
from tests.web.conftest import ARTICLE, CLAIM

pytestmark = pytest.mark.slow

#: An article that never states its own date, only the dates of events (written for this test).
UNDATED = """Town councils weigh shared solar

By Dana Ruiz

Dana Ruiz is a staff writer who covers rural energy.

On March 3, 2016, the council of Elm Falls voted to build a shared solar array on the old landfill. Residents \
who subscribed saw their electricity bills fall by a fifth within a year, the council reported on June 9, 2016.

Shared arrays let renters and households with shaded roofs buy into solar power, which lowers bills for people \
who could never install panels of their own. The savings grow as more subscribers join and the fixed costs are \
spread further.
"""


def _cut(page: Page, text: str = UNDATED) -> None:
    page.goto("/cut")
    page.fill("#claim", "Shared solar lowers bills")
    page.fill("#source-text", text)
    page.click("#cut-button")
    expect(page.locator("#result")).to_be_visible()


def test_first_cut_keeps_the_sources_cite_warning(page: Page) -> None:
    _cut(page)
    warnings = page.locator("#cite-warnings")
    expect(warnings).to_contain_text("Missing: publication")  # only the cite refresh lists what is missing
    expect(warnings).to_contain_text("date not stated: year 2016 inferred")
    page.click("#next-passage")
    expect(warnings).to_contain_text("Missing: publication")
    expect(warnings).to_contain_text("date not stated")


def test_density_slider_auto_is_its_own_state(page: Page) -> None:
    _cut(page)
    out, slider, auto = page.locator("#density-out"), page.locator("#density"), page.locator("#density-auto")
    expect(out).to_have_text(re.compile(r"^auto \(\d+% of words\)$"))
    expect(auto).to_be_disabled()
    # The slider stands at the share of words the learned marks highlight.
    shown = int(re.search(r"\d+", out.inner_text()).group())
    assert slider.input_value() == str(shown)
    words = page.locator("#card-view .body span[data-w]")
    lit = {w.get_attribute("data-w") for w in page.locator("#card-view .body span.h[data-w]").all()}
    total = len({w.get_attribute("data-w") for w in words.all()})
    assert shown == round(100 * len(lit) / total)

    with page.expect_request("**/api/mark") as sent:
        slider.fill("20")
    assert sent.value.post_data_json["highlight"] == 0.2
    expect(out).to_have_text("20% of words")
    expect(auto).to_be_enabled()

    with page.expect_request("**/api/mark") as sent:
        auto.click()
    assert sent.value.post_data_json["highlight"] is None
    expect(out).to_have_text(re.compile(r"^auto \("))
    expect(auto).to_be_disabled()


#: A cite URL with no place to break but the slashes (the kind that pushed pages sideways).
LONG_URL = "https://www.cnbc.com/2016/04/12/" + "robots-" * 3 + "x" * 90 + ".html?utm_source=" + "y" * 60


def _save_imported(page: Page, tag: str, outline: list[str], origin: str = "aff-solar.docx") -> str:
    """A card saved as if imported from ``origin`` at ``outline``; returns its id."""
    card = {
        "tag": tag,
        "cite": {"short": "Kharpal 16", "full": f"(Arjun Kharpal, technology correspondent, CNBC, {LONG_URL})"},
        "body": f"{tag}. {ARTICLE.read_text()[:600]}",  # the tag in it: the library keeps duplicates once
        "underline": [[0, 80]],
        "highlight": [[0, 30]],
        "outline": outline,
    }
    response = page.request.post("/api/cards", data={"cards": [card], "origin": origin})
    return response.json()["ids"][0]


def test_every_page_fits_a_phone(phone: Page) -> None:
    card_id = _save_imported(phone, "Robots take factory jobs " + "z" * 70, ["1NC", "Automation DA", "Links"])
    pages = ["/search?q=robots factory jobs", "/verify", "/library", "/library?view=full", f"/cards/{card_id}"]
    for path in ["/cut", *pages]:
        phone.goto(path)
        if path == "/cut":  # the cut page at its widest: a card and the cite editor open
            phone.fill("#claim", CLAIM)
            phone.fill("#source-text", ARTICLE.read_text())
            phone.click("#cut-button")
            expect(phone.locator("#result")).to_be_visible()
        width, inner = phone.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width <= inner, f"{path} is {width} px wide on a {inner} px screen"
        # The page links stay on one line (under the brand and the speech count).
        tops = {round(box["y"]) for box in (a.bounding_box() for a in phone.locator("header nav a").all())}
        assert len(tops) == 1, f"{path}: the nav wraps"
        shot(phone, "phone" + re.sub(r"\W+", "-", path))


def test_search_result_opens_its_card_page_and_the_speech_stays_in_view(page: Page) -> None:
    card_id = _save_imported(page, "Automation takes factory jobs", ["1NC", "Automation DA", "Links"])
    for i in range(8):  # enough results to scroll
        _save_imported(page, f"Robots replace line workers {i}", ["1NC", "Automation DA", "Impacts"])
    page.goto("/search?q=automation factory jobs robots")
    expect(page.locator(".score")).to_have_count(0)
    page.locator(".add-basket").first.click()
    page.mouse.wheel(0, 5000)
    expect(page.locator(".card").last).to_be_in_viewport()
    expect(page.locator("#basket-list li")).to_be_in_viewport()  # sticky beside the results
    page.locator(f'article[data-id="{card_id}"] .tag a').click()
    expect(page).to_have_url(re.compile(f"/cards/{card_id}$"))
    expect(page.locator(".card .tag")).to_have_text("Automation takes factory jobs")
    expect(page.locator(".card .cite")).to_contain_text("Kharpal 16")
    expect(page.locator(".card .body span.h").first).to_be_visible()
    expect(page.locator("#origins")).to_have_text("aff-solar.docx")
    expect(page.locator("#card-outline")).to_have_text("In the outline: 1NC › Automation DA › Links")


def test_library_lists_tags_by_place_and_asks_before_deleting(page: Page) -> None:
    first = _save_imported(page, "Tariffs raise steel prices", ["1AC", "Trade adv", "Prices"], "neg-trade.docx")
    second = _save_imported(page, "Tariffs cost jobs downstream", ["1AC", "Trade adv", "Prices"], "neg-trade.docx")
    page.goto("/library")
    group = page.locator(".group", has=page.locator(f'.row[data-id="{first}"]'))
    expect(group.locator("h3")).to_have_text("neg-trade.docx › 1AC › Trade adv › Prices")
    expect(group.locator(".row")).to_have_count(2)
    expect(page.locator("#card-list .body")).to_have_count(0)  # tags only: no bodies
    expect(group.locator(f'.row[data-id="{second}"] a.tag')).to_have_attribute("href", f"/cards/{second}")

    row = page.locator(f'.row[data-id="{first}"]')
    asked: list[str] = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    row.locator(".delete-card").click()
    assert asked == ["Delete “Tariffs raise steel prices” from the library?"]
    expect(row).to_have_count(1)
    assert page.request.get(f"/api/cards/{first}").ok
    page.once("dialog", lambda d: answer(d, True))
    row.locator(".delete-card").click()
    expect(row).to_have_count(0)
    assert page.request.get(f"/api/cards/{first}").status == 404

    page.click("text=full cards")
    expect(page.locator(f'.row[data-id="{second}"] .card .body')).to_be_visible()
