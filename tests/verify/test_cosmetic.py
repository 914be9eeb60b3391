"""Each cosmetic equivalence leaves the author's words intact: no difference, verdict cosmetic."""

from __future__ import annotations

import pytest

from cardsmith.verify import verify
from cardsmith.verify.normalize import tokenize
from tests.verify.helpers import EXCERPT, card, document

VARIANTS = {
    "line breaks": lambda t: t.replace(" ", "\n", 7).replace("\n\n", " "),
    "curly quotes": lambda t: t.replace("'", "’").replace('"the', "“the").replace('leak."', "leak.”"),
    "dashes": lambda t: t.replace("replacement", "re—placement").replace(": every", " – every"),
    "ligatures": lambda t: t.replace("fi", "\ufb01").replace("ff", "\ufb00"),
    "soft hyphens": lambda t: t.replace("maintenance", "main\u00adtenance"),
    "markdown escapes": lambda t: t.replace("17 percent", "17\\ percent").replace("2021,", "2021\\,"),
    "pilcrows": lambda t: t.replace("\n\n", " ¶ "),
    "hyphenation lost": lambda t: t.replace("Tariff reform", "Tar- iff reform"),
    "accents and width": lambda t: t.replace("cities", "citi\u00e9s").replace("48", "\uff14\uff18"),
    "superscript marker": lambda t: t + "\u00b9",
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_cosmetic_variant_has_no_differences(name: str) -> None:
    body = VARIANTS[name](EXCERPT)
    assert body != EXCERPT
    result = verify(card(body), [document()])
    assert result.differences == []
    assert result.verdict == ("verbatim" if name == "line breaks" else "cosmetic")


def test_whitespace_only_is_verbatim() -> None:
    assert verify(card("  " + EXCERPT.replace(" ", "  ") + "\n"), [document()]).verdict == "verbatim"


def test_tokens_keep_original_offsets() -> None:
    text = "The \ufb01rst “quote” ¶ co\u00adoperation"
    tokens = tokenize(text)
    assert [t.norm for t in tokens] == ["the", "first", "quote", "cooperation"]
    assert [text[t.start : t.end] for t in tokens] == ["The", "\ufb01rst", "quote", "co\u00adoperation"]
