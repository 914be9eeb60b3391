"""The cite check names exactly the fields an evidence rule asks for and the cite lacks."""

from __future__ import annotations

from cardsmith.formats.jsoncards import cite_from_json as cite_from
from cardsmith.model import Cite, Document, Metadata
from cardsmith.verify.citecheck import cite_missing


def test_complete_print_cite() -> None:
    cite = cite_from('Smith 19 (Jane Smith, professor of law at Example University, 2019, "A Long Title", Law Review)')
    assert cite_missing(cite) == []


def test_web_cite_needs_url_and_access_date() -> None:
    cite = cite_from('Smith 19 (Jane Smith, senior fellow, 2019, "A Long Title", Example Post, https://example.org/a)')
    assert cite_missing(cite) == ["accessed"]
    accessed = cite_from(cite.text + " accessed 5-1-2024")
    assert cite_missing(accessed) == []


def test_bare_cite_lacks_everything_but_author_and_date() -> None:
    assert cite_missing(cite_from("Smith 19")) == ["qualifications", "title", "publication"]


def test_empty_cite() -> None:
    assert cite_missing(Cite()) == ["author", "qualifications", "date", "title", "publication"]


def test_structured_fields_count() -> None:
    cite = Cite(authors=["Jane Smith"], qualifications="prof", date="2019", title="T", publication="P")
    assert cite_missing(cite) == []


def test_web_source_document_makes_url_required() -> None:
    cite = Cite(authors=["Jane Smith"], qualifications="prof", date="2019", title="T", publication="P")
    page = Document("x", [], Metadata(url="https://example.org/a"), path="page.html")
    assert cite_missing(cite, page) == ["url", "accessed"]


def test_unquoted_title_and_multi_word_author() -> None:
    cite = cite_from(
        "Jane Q Smith 19 [Jane Q Smith, analyst, 5-1-2019, Why Water Tariffs Fail Poor Cities, Pipe Review]"
    )
    assert cite_missing(cite) == []


def test_qualifications_inside_a_title_case_run_are_not_a_title() -> None:
    cite = cite_from("Smith 19 [Jane Smith, Senior Fellow At The Water Institute, 2019, Pipe Review]")
    assert cite_missing(cite) == ["title"]


def test_publication_named_as_the_urls_site() -> None:
    cite = cite_from(
        "Kharpal 16 [Arjun Kharpal, technology correspondent at CNBC, 4-12-2016, Why Robots Will Take Over"
        " Factory Jobs, https://www.cnbc.com/2016/04/12/robots.html, accessed 5-1-2024]"
    )
    assert cite_missing(cite) == []
    unnamed = cite_from(
        "Kharpal 16 [Arjun Kharpal, technology correspondent, 4-12-2016, Why Robots Will Take Over"
        " Factory Jobs, https://www.cnbc.com/2016/04/12/robots.html, accessed 5-1-2024]"
    )
    assert cite_missing(unnamed) == ["publication"]
