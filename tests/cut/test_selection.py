"""Finding a passage a user selected in the text as read: by its words, not its spacing."""

from __future__ import annotations

from cardsmith.cut import find_words

TEXT = "Title\n\nOne two three four five six seven eight nine ten.\n\nEleven twelve thirteen fourteen fifteen sixteen."


def test_spacing_and_line_breaks_do_not_matter() -> None:
    start, end = find_words(TEXT, "  three four\nfive ")
    assert TEXT[start:end] == "three four five"
    start, end = find_words(TEXT, "nine ten. Eleven")
    assert TEXT[start:end] == "nine ten.\n\nEleven"


def test_a_selection_with_text_the_reader_dropped_is_found_by_its_ends() -> None:
    selection = "One two three four five six seven eight [1] nine ten. Eleven twelve thirteen fourteen fifteen sixteen."
    start, end = find_words(TEXT, selection)
    assert TEXT[start:end] == TEXT[TEXT.index("One") :]


def test_absent_or_empty() -> None:
    assert find_words(TEXT, "seventeen") is None
    assert find_words(TEXT, "   ") is None
