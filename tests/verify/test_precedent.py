"""Marks from precedent: a stored card's marks mapped onto a new card of the same (invented) passage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cardsmith.library as library_module
from cardsmith.cli import cli
from cardsmith.library import Library
from cardsmith.model import Card, Marks
from cardsmith.verify.precedent import apply, find_precedent, map_marks
from tests.factories import card, make_cite
from tests.library.conftest import HashEncoder

#: Invented text: an imaginary town's composting scheme (about 80 words).
PASSAGE = (
    "The borough of Kettleford began collecting food scraps from every household in the spring, and "
    "within two years the tonnage sent to its landfill fell by nearly a third. Officials credit the "
    "weekly kerbside bins rather than the public campaign, because participation climbed only after the "
    "bins arrived. Neighbouring councils that ran the same advertisements without new bins saw no change "
    "at all, which suggests convenience matters far more than persuasion when residents decide whether "
    "to separate their waste."
)
HIGHLIGHTED = "tonnage sent to its landfill fell by nearly a third"
UNDERLINED = "Officials credit the weekly kerbside bins rather than the public campaign"
OTHER = (
    "Glaciers in the northern range retreated faster this decade than in any decade on record, exposing "
    "bedrock that had been covered for thousands of years and changing the flow of meltwater rivers that "
    "farmers downstream depend upon for irrigation during the long dry summers of the valley floor."
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def stored(body: str = PASSAGE, **fields: object) -> Card:
    """The library's card: highlight inside underline, as a debater marks."""
    u, h = span(body, UNDERLINED), span(body, HIGHLIGHTED)
    under = sorted([u, (h[0] - len("within two years the "), h[1])])
    return card(body, tag="Bins beat campaigns", cite=make_cite("Quill", 2024), underline=under, highlight=[h],
                **fields)  # fmt: skip


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_identical_text_takes_every_mark() -> None:
    old = stored(id="c7")
    found = map_marks(PASSAGE, old)
    assert found is not None
    assert found.share == 1.0 and found.card_id == "c7" and found.cite == "Quill 24"
    assert found.marks.highlight == old.marks.highlight
    assert found.marks.underline == old.marks.underline
    assert found.kinds == ("underline", "highlight")


def test_marks_follow_the_words_through_an_added_and_a_dropped_word() -> None:
    new = "Reported last week. " + PASSAGE.replace("fell by nearly", "fell sharply by nearly").replace(
        "rather than the public", "rather than public"
    )
    found = map_marks(new, stored())
    assert found is not None
    # The added word sits inside a highlighted run: the run stays whole; the dropped "the" leaves a gap
    # that is still underlined through.
    assert texts(new, found.marks.highlight) == ["tonnage sent to its landfill fell sharply by nearly a third"]
    assert "Officials credit the weekly kerbside bins rather than public campaign" in texts(new, found.marks.underline)
    assert found.words == len(PASSAGE.split()) - 1
    assert 0.9 < found.share < 1.0
    assert all(not new[s:e].startswith("Reported") for s, e in found.covered)


def test_no_shared_text_is_no_precedent() -> None:
    assert map_marks(OTHER, stored()) is None
    assert map_marks("", stored()) is None


def test_a_short_shared_quotation_is_no_precedent() -> None:
    quote = OTHER + " As one report put it, the " + HIGHLIGHTED + " in two years. " + OTHER
    assert map_marks(quote, stored()) is None


def test_apply_keeps_the_model_outside_the_shared_stretch() -> None:
    new = OTHER + " " + PASSAGE
    found = map_marks(new, stored())
    assert found is not None
    model = Marks(underline=[span(new, "Glaciers in the northern range")], highlight=[span(new, "Glaciers")])
    merged = apply(model, found, len(new))
    assert texts(new, merged.highlight) == ["Glaciers", HIGHLIGHTED]
    assert texts(new, merged.underline)[0] == "Glaciers in the northern range"
    assert merged.emphasis == []  # the stored card has no emphasis: the model's (none) stays
    assert apply(model, None, len(new)) is model


@pytest.fixture
def lib_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_cards([stored(), card(OTHER, tag="Glaciers retreat")], origin="/files/kettleford-aff.docx")
    return path


def test_find_precedent_names_the_card_and_its_file(lib_path: Path) -> None:
    with Library.open(lib_path) as lib:
        found = find_precedent(lib, "Reported last week. " + PASSAGE, "Bins work")
        assert find_precedent(lib, "An unrelated sentence about harbour tolls and ferry timetables.") is None
    assert found is not None
    assert (found.card_id, found.cite, found.tag, found.cutter) == ("c1", "Quill 24", "Bins beat campaigns",
                                                                    "kettleford-aff.docx")  # fmt: skip
    assert found.note() == "marks from precedent: Quill 24 (card c1, from kettleford-aff.docx), 96% of words"


def test_mark_json_carries_the_precedent(lib_path: Path) -> None:
    lines = json.dumps({"tag": "Bins work", "body": PASSAGE}) + "\n" + json.dumps({"body": OTHER + " Again."})
    result = CliRunner().invoke(cli, ["mark", "--library", str(lib_path)], input=lines)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["precedent"] == {"card": "c1", "cite": "Quill 24", "tag": "Bins beat campaigns",
                                  "cutter": "kettleford-aff.docx", "covered": 1.0}  # fmt: skip
    assert first["highlight"] == [list(span(PASSAGE, HIGHLIGHTED))]
    assert second["precedent"] is None or second["precedent"]["card"] == "c2"
    off = CliRunner().invoke(cli, ["mark", "--library", str(lib_path), "--no-precedent"], input=lines)
    assert "precedent" not in json.loads(off.output.splitlines()[0])


def test_cut_json_and_text_carry_the_precedent(lib_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(PASSAGE + "\n", encoding="utf-8")
    args = ["cut", str(source), "--claim", "kerbside bins cut landfill waste", "--library", str(lib_path)]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.splitlines()[0])
    assert data["precedent"]["card"] == "c1"
    assert HIGHLIGHTED in texts(data["body"], [tuple(s) for s in data["highlight"]])
    text = CliRunner().invoke(cli, args)
    assert "marks from precedent: Quill 24 (card c1, from kettleford-aff.docx)" in text.output


@pytest.mark.parametrize("command", ["mark", "cut"])
def test_missing_library_is_one_line_naming_it(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    source = tmp_path / "article.txt"
    source.write_text(PASSAGE, encoding="utf-8")
    args = ["mark"] if command == "mark" else ["cut", str(source), "--claim", "bins"]
    result = CliRunner().invoke(cli, [*args, "--library", str(missing)], input=json.dumps({"body": PASSAGE}))
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"cardsmith: error: {missing}: no library here")
    assert "Traceback" not in result.output and not missing.exists()


def test_unreadable_library_is_one_line_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    result = CliRunner().invoke(cli, ["mark", "--library", str(bad)], input=json.dumps({"body": PASSAGE}))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert str(bad) in result.output and "Traceback" not in result.output


def test_web_cut_shows_the_precedent(lib_path: Path) -> None:
    from fastapi.testclient import TestClient

    from cardsmith.web import create_app

    with TestClient(create_app(lib_path, encoder=HashEncoder())) as client:
        response = client.post("/api/cut", data={"claim": "kerbside bins cut landfill waste", "text": PASSAGE})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["precedents"][0]["card"] == "c1"
    assert data["precedents"][0]["note"].startswith("marks from precedent: Quill 24 (card c1")
    first = data["cards"][0]
    assert HIGHLIGHTED in texts(first["body"], [tuple(s) for s in first["highlight"]])
