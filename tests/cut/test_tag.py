from cardsmith.cut.tag import MAX_TAG_WORDS, suggest_tag


def test_suggested_tag_is_a_verbatim_central_sentence():
    body = (
        "Wetlands matter. Restoring coastal wetlands reduces flood damage for coastal towns. "
        "Flood damage falls where coastal wetlands return. Lunch was served."
    )
    tag = suggest_tag(body)
    assert tag in body
    assert "wetlands" in tag.lower()


def test_long_sentence_is_trimmed():
    body = " ".join(["word"] * 80) + "."
    assert len(suggest_tag(body).split()) <= MAX_TAG_WORDS + 1


def test_empty_body():
    assert suggest_tag("") == ""
