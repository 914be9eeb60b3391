from cardsmith.cut.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_on_terminal_punctuation():
    assert texts("One thing. Two things! Three? Four.") == ["One thing.", "Two things!", "Three?", "Four."]


def test_keeps_abbreviations_and_initials_inside_sentences():
    text = "Dr. Lee met the U.S. envoy on Jan. 5. J. R. Smith agreed, e.g. on trade. Done."
    assert texts(text) == ["Dr. Lee met the U.S. envoy on Jan. 5.", "J. R. Smith agreed, e.g. on trade.", "Done."]


def test_decimal_numbers_and_quotes():
    text = 'Growth hit 3.5 percent. "It worked," she said. He left.'
    assert texts(text) == ["Growth hit 3.5 percent.", '"It worked," she said.', "He left."]


def test_offsets_are_absolute_and_trimmed():
    text = "xx  First one.  Second one.  yy"
    spans = split_sentences(text, 2, 28)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_empty_text():
    assert split_sentences("") == []
    assert split_sentences("   ") == []
