from cardsmith.cut.passage import PassageOptions, rank_passages
from cardsmith.cut.relevance import bm25_scores, terms
from cardsmith.model import Document, Metadata

FILLER = (
    "The committee met on Tuesday to discuss the budget for the coming year. Members reviewed "
    "the schedule and agreed to publish the minutes online. Several questions about parking "
    "arrangements were deferred to a later session."
)
ARGUMENT = (
    "Coastal wetlands absorb storm surge before it reaches inland towns. Restoring wetlands "
    "therefore reduces flood damage, because each mile of marsh lowers surge height. Insurers "
    "report smaller flood losses where wetlands were restored."
)


def make_doc(paragraphs: list[str]) -> Document:
    text = ""
    spans = []
    for p in paragraphs:
        if text:
            text += "\n\n"
        spans.append((len(text), len(text) + len(p)))
        text += p
    return Document(text=text, paragraphs=spans, metadata=Metadata())


def test_terms_stem_and_keep_acronyms():
    assert terms("The US relations and relationships") == ["us_", "relati", "relati"]
    assert terms("we talked to us") == ["talked"]


def test_bm25_prefers_matching_sentence():
    scores = bm25_scores("wetlands reduce flooding", ["Wetlands reduce flooding a lot.", "Cats sleep."])
    assert scores[0] > scores[1] == 0


def test_picks_the_supporting_paragraph():
    doc = make_doc([FILLER, ARGUMENT, FILLER.replace("Tuesday", "Friday")])
    best = rank_passages(doc, "Restoring wetlands reduces flood damage", limit=1)[0]
    body = doc.text[best.start : best.end]
    assert body.startswith("Coastal wetlands") and body.endswith("were restored.")


def test_does_not_cross_a_section_heading():
    doc = make_doc([ARGUMENT, "Budget Matters", FILLER])
    for passage in rank_passages(doc, "wetlands flood damage budget", limit=3):
        assert "Budget Matters" not in doc.text[passage.start : passage.end] or doc.text[
            passage.start : passage.end
        ].startswith("Budget Matters")


def test_alternatives_do_not_overlap_and_respect_word_limit():
    doc = make_doc([ARGUMENT, FILLER, ARGUMENT.replace("Coastal", "Tidal"), FILLER])
    options = PassageOptions(min_words=10, max_words=60)
    passages = rank_passages(doc, "wetlands reduce flood damage", limit=3, options=options)
    assert len(passages) >= 2
    for a in passages:
        assert len(doc.text[a.start : a.end].split()) <= 60
        for b in passages:
            assert a is b or a.end <= b.start or b.end <= a.start


def test_empty_document_has_no_passages():
    assert rank_passages(make_doc([]), "anything") == []


def test_author_bio_and_note_lines_are_not_evidence():
    bio = "Dana Reyes is a senior fellow at the Example Institute for Coastal Policy."
    doc = make_doc(["NOTE: " + bio, ARGUMENT, bio])
    doc.metadata.qualifications = bio
    best = rank_passages(doc, "wetlands reduce flood damage at the Example Institute", limit=3)
    for passage in best:
        body = doc.text[passage.start : passage.end]
        assert "senior fellow" not in body


def test_short_article_still_offers_a_next_best_passage():
    doc = make_doc([ARGUMENT, ARGUMENT.replace("Coastal", "Tidal")])
    passages = rank_passages(doc, "wetlands reduce flood damage", limit=2)
    assert len(passages) == 2 and passages[0] != passages[1]
