"""Cite formatting: short cites the way debaters write them, the full parenthetical, templates."""

from __future__ import annotations

import pytest

from cardsmith.cut.cite import DEFAULT_TEMPLATE, make_cite, short_cite
from cardsmith.errors import CardsmithError
from cardsmith.model import Metadata


def full_meta(**changes: object) -> Metadata:
    meta = Metadata(
        authors=["Jane Q. Doe"],
        qualifications="Jane Q. Doe is a senior fellow at the Example Council on Water.",
        date="2021-03-03",
        title="Why Rivers Rarely Start Wars",
        publication="Example Review",
        url="https://example.org/rivers",
    )
    for key, value in changes.items():
        setattr(meta, key, value)
    return meta


@pytest.mark.parametrize(
    ("authors", "short"),
    [
        (["Yun Sun"], "Sun 21"),
        (["Brian Fonseca", "David J. Kramer"], "Fonseca and Kramer 21"),
        (["Jane Doe", "John Roe", "Ann Poe"], "Doe et al. 21"),
        (["Anna van der Berg"], "van der Berg 21"),
        (["Anne-Marie Smith-Jones"], "Smith-Jones 21"),
        (["Martin Luther King Jr."], "King 21"),
        (["Henry Ford III", "Ludwig von Mises"], "Ford and von Mises 21"),
    ],
)
def test_short_cite_names(authors: list[str], short: str) -> None:
    assert short_cite(full_meta(authors=authors)) == short


def test_short_cite_two_digit_year_and_nd() -> None:
    assert short_cite(full_meta(date="2005-06")) == "Doe 05"
    assert short_cite(full_meta(date="1999")) == "Doe 99"
    assert short_cite(full_meta(date=None)) == "Doe ND"


def test_short_cite_without_author_uses_publication_then_title() -> None:
    assert short_cite(full_meta(authors=[])) == "Example Review 21"
    assert short_cite(full_meta(authors=[], publication=None)) == "Why Rivers Rarely Start Wars 21"
    long_title = "A Very Long Title That Runs On and On"
    short = short_cite(full_meta(authors=[], publication=None, title=long_title))
    assert short == "A Very Long Title That… 21"


def test_full_cite_default_layout() -> None:
    cite = make_cite(full_meta(), initials="ank", accessed="2026-11-26")
    assert cite.short == "Doe 21"
    assert cite.full == (
        "(Jane Q. Doe is a senior fellow at the Example Council on Water, March 3, 2021, "
        '"Why Rivers Rarely Start Wars," Example Review, https://example.org/rivers, '
        "accessed November 26, 2026) ank"
    )
    assert cite.text.startswith("Doe 21 (Jane Q. Doe")
    assert cite.warnings == []


def test_every_cite_field_is_filled() -> None:
    meta = full_meta(authors=["Jane Doe", "John Roe"])
    cite = make_cite(meta, initials="ank", accessed="Nov 26, 2026")
    assert cite.authors == ["Jane Doe", "John Roe"]
    assert cite.qualifications == meta.qualifications
    assert (cite.date, cite.year) == ("2021-03-03", 2021)
    assert (cite.title, cite.publication, cite.url) == (meta.title, meta.publication, meta.url)
    assert (cite.accessed, cite.initials) == ("Nov 26, 2026", "ank")
    assert "Jane Doe and John Roe," in cite.full
    assert cite.full.endswith("accessed Nov 26, 2026) ank")  # free-text accessed passes through


def test_unknown_fields_leave_no_placeholder_and_are_warned() -> None:
    meta = Metadata(title="Why Rivers Rarely Start Wars?", warnings=["page dated 2023 but …"])
    cite = make_cite(meta)
    assert cite.short == "Why Rivers Rarely Start Wars? ND"
    assert cite.full == '("Why Rivers Rarely Start Wars?")'
    assert "None" not in cite.full and "ND" not in cite.full
    joined = " ".join(cite.warnings)
    for missing in ("author", "date", "qualifications"):
        assert missing in joined
    assert "page dated 2023 but …" in cite.warnings


def test_missing_title_keeps_commas_right() -> None:
    cite = make_cite(full_meta(title=None, qualifications=None))
    assert cite.full == "(Jane Q. Doe, March 3, 2021, Example Review, https://example.org/rivers)"
    assert any("title" in w for w in cite.warnings)


def test_title_without_publication_and_question_mark_title() -> None:
    cite = make_cite(full_meta(publication=None, url=None, qualifications=None, title="Can Dams Keep Peace?"))
    assert cite.full == '(Jane Q. Doe, March 3, 2021, "Can Dams Keep Peace?")'


def test_abbreviation_at_end_of_qualifications_keeps_its_period() -> None:
    cite = make_cite(full_meta(qualifications="Fellow at Example College, Washington, D.C."))
    assert "Washington, D.C., March 3, 2021" in cite.full


def test_nothing_known_at_all() -> None:
    cite = make_cite(Metadata())
    assert cite.short == "ND"
    assert cite.full == ""


def test_template_override() -> None:
    template = "[{authors}][ ({yy})][. {title}.][ <{url}>][ Accessed {accessed}.][ --{initials}]"
    cite = make_cite(full_meta(), template=template, initials="ank")
    assert cite.full == "Jane Q. Doe (21). Why Rivers Rarely Start Wars. <https://example.org/rivers> --ank"
    iso = make_cite(full_meta(), template="{short} | {iso_date} | {year}")
    assert iso.full == "Doe 21 | 2021-03-03 | 2021"


def test_default_template_is_exposed() -> None:
    assert make_cite(full_meta(), template=DEFAULT_TEMPLATE).full == make_cite(full_meta()).full


@pytest.mark.parametrize("template", ["[{author}]", "[{title}", "{title}]", "[[{title}]]", "{"])
def test_bad_templates_raise_a_user_error(template: str) -> None:
    with pytest.raises(CardsmithError, match="cite template"):
        make_cite(full_meta(), template=template)
