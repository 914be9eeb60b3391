"""The pages as a debater meets them on a laptop: what each shows, where, and in which state."""

from __future__ import annotations

import re

import pytest

from tests.web.browser.conftest import Page, expect

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
