"""Metadata extraction on fixture articles written to imitate real copies (policy briefs, web pages,
reposts). Each test names the pattern it covers."""

from __future__ import annotations

import re
from pathlib import Path

from cardsmith.model import META_FIELDS, Metadata
from cardsmith.sources.metadata import extract_metadata
from tests.conftest import FIXTURES

HERE = FIXTURES / "metadata"


def blank_line_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans split on blank lines: the minimal stand-in for the real cleaner."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*?\S)?(?=[ \t]*\n\s*\n|\s*\Z)", text, re.S)]


def meta_of(text: str, hints: dict | None = None, source_text: str | None = None) -> Metadata:
    return extract_metadata(source_text or text, text, blank_line_paragraphs(text), hints or {})


def meta_of_file(path: Path, hints: dict | None = None) -> Metadata:
    return meta_of(path.read_text(encoding="utf-8"), hints)


def test_every_field_has_a_confidence_and_unknowns_are_zero() -> None:
    meta = meta_of_file(HERE / "anonymous_undated.txt")
    assert set(meta.confidence) == set(META_FIELDS)
    assert meta.authors == [] and meta.date is None and meta.qualifications is None
    assert meta.publication is None and meta.url is None
    assert meta.confidence["authors"] == meta.confidence["date"] == 0.0
    assert meta.title == "Why Shared Rivers Rarely Start Wars"
    assert 0 < meta.confidence["title"] <= 1


def test_name_line_under_title_and_about_the_author_section() -> None:
    meta = meta_of_file(HERE / "brief_about_authors.txt")
    assert meta.authors == ["Anna Lindqvist"]
    assert meta.title == "River Basin Diplomacy and the Future of Shared Water Agreements"
    assert meta.qualifications.startswith("Anna Lindqvist is a senior researcher at the Nordic Centre")
    assert "regional security" in meta.qualifications
    assert "Example Street" not in meta.qualifications  # the address block after the bio is not a bio
    assert meta.publication == "Nordic Centre for Water Policy"
    assert meta.confidence["qualifications"] >= 0.85


def test_undated_piece_gets_only_an_inferred_year_with_a_warning() -> None:
    meta = meta_of_file(HERE / "brief_about_authors.txt")
    assert meta.date == "2018"
    assert meta.confidence["date"] < 0.5
    assert any("inferred" in w for w in meta.warnings)


def test_caps_byline_with_particles_accents_and_suffix_and_trailing_bold_bios() -> None:
    meta = meta_of_file(HERE / "web_two_authors.md")
    assert meta.authors == ["Anna van der Berg", "José Martínez-López Jr."]
    assert meta.title == "Can Basin Commissions Prevent the Next Water War?"  # the caps kicker is skipped
    assert meta.date == "2021-03-03"
    assert meta.confidence["date"] >= 0.85
    assert "research fellow at the Example Institute" in meta.qualifications
    assert "José Martínez-López Jr. is director" in meta.qualifications
    assert "**" not in meta.qualifications


def test_note_line_honorific_caps_surname_and_day_first_date() -> None:
    meta = meta_of_file(HERE / "note_line.txt")
    assert meta.authors == ["Maria Kowalski"]
    assert meta.title == "Five Questions About the Coming Contest for River Water"  # nav bar skipped
    assert meta.date == "2020-05-24"
    assert meta.qualifications.startswith("Maria Kowalski is a Professor of Hydrology")
    assert not meta.qualifications.startswith("NOTE")


def test_repost_page_date_far_after_the_text_warns() -> None:
    meta = meta_of_file(HERE / "repost_trailing_bio.txt")
    assert meta.authors == ["Jane Q. Okafor"]
    assert meta.date == "2023-01-09"
    assert meta.title is None  # nothing on the page is a title: explicit unknown
    assert meta.qualifications == (
        "Jane Q. Okafor is a senior fellow at the Example Center for Resource Security."
    )
    assert meta.publication == "The Example Review"
    assert any("repost" in w and "2019" in w for w in meta.warnings)


def test_originally_published_line_warns_and_byline_roles_are_dropped() -> None:
    meta = meta_of_file(HERE / "originally_published.txt")
    assert meta.authors == ["Priya Raman", "Tomasz Nowak", "Lea Schmidt"]
    assert meta.date == "2024-06-12"
    assert meta.confidence["date"] < 0.9  # an "Updated:" date is weaker than a "Published" one
    assert any("originally published" in w and "August 14, 2019" in w for w in meta.warnings)


def test_current_article_does_not_warn() -> None:
    meta = meta_of_file(HERE / "web_two_authors.md")
    assert meta.warnings == []


def test_hints_fill_what_the_text_lacks_and_junk_hints_are_ignored() -> None:
    text = "Rivers and Rules\n\nShort opening line.\n"
    meta = meta_of(
        text,
        {
            "title": "Rivers and Rules | Example Daily",
            "authors": ["Doe, Jane", "Microsoft Office User"],
            "date": "2022-07-01T08:00:00+00:00",
            "publication": "Example Daily",
            "url": "https://example.org/rivers",
        },
    )
    assert meta.title == "Rivers and Rules"
    assert meta.authors == ["Jane Doe"]
    assert meta.date == "2022-07-01"
    assert meta.publication == "Example Daily"
    assert meta.url == "https://example.org/rivers"
    assert meta.confidence["url"] >= 0.9


def test_byline_in_text_beats_file_properties() -> None:
    text = "Rivers and Rules\n\nBy Jane Doe and John Roe\n\n" + "Body words are here. " * 10
    meta = meta_of(text, {"authors": ["Office Clerk"]})
    assert meta.authors == ["Jane Doe", "John Roe"]


def test_byline_variants() -> None:
    body = "\n\n" + "A paragraph of body text that is long enough to count as prose for the header. " * 3
    cases = {
        "By Jane Doe": ["Jane Doe"],
        "Written by Jane Doe, Senior Fellow": ["Jane Doe"],
        "Authors: Jane Doe, John Roe and Ann Poe": ["Jane Doe", "John Roe", "Ann Poe"],
        "By Jane Doe | March 3, 2021": ["Jane Doe"],
        "By JANE DOE and JOHN ROE on March 3, 2021": ["Jane Doe", "John Roe"],
    }
    for byline, names in cases.items():
        meta = meta_of("A Title For Testing\n\n" + byline + body)
        assert meta.authors == names, byline
    assert meta_of("A Title For Testing\n\nBy Jane Doe | March 3, 2021" + body).date == "2021-03-03"


def test_header_bio_line_gives_qualifications() -> None:
    text = (
        "Dams and Diplomacy\n\nJane Doe\n\nJane Doe is a senior fellow at the Example Council on Water.\n\n"
        + "Body text of the article goes on at length about rivers and treaties and more. " * 4
    )
    meta = meta_of(text)
    assert meta.authors == ["Jane Doe"]
    assert meta.qualifications == "Jane Doe is a senior fellow at the Example Council on Water."


def test_bio_for_someone_else_is_not_the_authors_qualification() -> None:
    text = (
        "Dams and Diplomacy\n\nBy Jane Doe\n\n"
        + "Body text of the article goes on at length about rivers and treaties and more. " * 4
        + "\n\nJohn Roe is a minister of water in the upstream state.\n"
    )
    assert meta_of(text).qualifications is None


def test_cover_page_labels_in_the_source_text_are_read() -> None:
    cleaned = "A Title For Testing\n\n" + "Body text about rivers that runs long enough to be prose. " * 5
    cover = (
        "Report Title: A Title For Testing\nReport Author(s): Jane Doe\n"
        "Published by: Example Institute of Water Affairs (2016)\n"
        "Stable URL: https://www.example.org/stable/12345\n\n"
    )
    meta = meta_of(cleaned, source_text=cover + cleaned)
    assert meta.authors == ["Jane Doe"]
    assert meta.publication == "Example Institute of Water Affairs"
    assert meta.url == "https://www.example.org/stable/12345"
    assert meta.date == "2016"
    assert meta.title == "A Title For Testing"
    assert meta.confidence["title"] > 0.9  # the label and the heading agree


def test_series_running_header_gives_the_year() -> None:
    cleaned = "A Title For Testing\n\nJane Doe\n\n" + "Body text about rivers that runs long enough. " * 6
    source = "Analysis Paper 12 · 2019\n\n" + cleaned
    meta = meta_of(cleaned, source_text=source)
    assert meta.date == "2019"
    assert meta.warnings == []


def test_text_dated_after_the_page_warns() -> None:
    text = (
        "Dams and Diplomacy\n\nBy Jane Doe\n\nPublished: March 3, 2015\n\n"
        + "The commission met on June 9, 2021 to approve the plan, after long delays in the talks. " * 3
    )
    meta = meta_of(text)
    assert meta.date == "2015-03-03"
    assert any("2021-06-09" in w for w in meta.warnings)


def test_inferred_year_skips_download_stamps_in_the_source() -> None:
    cleaned = "A Title For Testing\n\nJane Doe\n\n" + "Body text about rivers that runs long enough. " * 6
    source = cleaned + (
        "\n\n1 'A cited report,' Example Monitor, June 5, 2016.\n"
        "This content downloaded from 10.0.0.1 on Wed, 17 Jul 2019 20:18:16 UTC\n"
    )
    meta = meta_of(cleaned, source_text=source)
    assert meta.date == "2016"


def test_prose_from_the_first_line_has_no_title() -> None:
    text = "The commission met again last spring and agreed to share flow data across the basin. " * 3
    assert meta_of(text).title is None


def test_a_wrapped_line_of_prose_is_not_a_title() -> None:
    text = "Negotiators from the three states met in\nthe capital, where they agreed to share data.\n\nMore."
    assert meta_of(text).title is None


def test_a_profile_opening_the_piece_does_not_become_its_author() -> None:
    text = (
        "Jane Doe is a senior engineer who has spent a decade measuring the river and its floods.\n\n"
        + "Body text of the article goes on at length about rivers and treaties and more. " * 4
    )
    meta = meta_of(text)
    assert meta.authors == [] and meta.qualifications is None


def test_name_line_beats_file_property_author() -> None:
    text = "Rivers and Rules\n\nJane Doe\n\n" + "Body text of the article goes on about rivers and more. " * 4
    assert meta_of(text, {"authors": ["Office Clerk"]}).authors == ["Jane Doe"]


def test_bio_block_at_the_end_adds_the_coauthor_page_metadata_missed() -> None:
    text = (
        "Rivers and Rules\n\n"
        + "Body text of the article goes on at length about rivers and treaties and more. " * 4
        + "\n\nJane Doe is a senior fellow at the Example Council on Water. "
        "John Roe is a professor of hydrology at Example University.\n"
    )
    meta = meta_of(text, {"authors": ["Jane Doe"]})
    assert meta.authors == ["Jane Doe", "John Roe"]
    assert "John Roe is a professor" in meta.qualifications


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    text = (
        "Rivers and Rules\n\nBy 2030, demand will double.\n\nJane Doe\n\n" + "Body text about rivers. " * 12
    )
    assert meta_of(text).authors == ["Jane Doe"]


def test_published_beats_updated_on_the_same_line() -> None:
    text = (
        "Rivers and Rules\n\nBy Jane Doe\n\nPublished March 3, 2021 · Updated March 5, 2021\n\n"
        + "Body text about rivers that runs long enough to be prose here. " * 5
    )
    meta = meta_of(text)
    assert meta.date == "2021-03-03"
    assert meta.confidence["date"] >= 0.9
