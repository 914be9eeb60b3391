"""Fixtures for the web app: a fresh library per test, a client, and small source files made here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cardsmith.model import Card
from cardsmith.web import create_app
from tests.conftest import FIXTURES
from tests.factories import DEFAULT_BODY, card, make_cite
from tests.library.conftest import HashEncoder

ARTICLE = FIXTURES / "web" / "article.txt"
CLAIM = "Community solar gardens lower electricity bills for rural households"


def sample_card(tag: str = "Shared solar saves money", body: str | None = None) -> Card:
    """A small card with every mark kind (text written for these tests)."""
    return card(
        body or DEFAULT_BODY,
        tag=tag,
        cite=make_cite("Priya Natarajan", 2023, '(Priya Natarajan, research fellow, 2023, "Gardens")', date="2023"),
        underline=[(0, 29)], emphasis=[(14, 17)], highlight=[(7, 17)],
    )


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF holding ``text`` (fpdf2, core font)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def plain_docx_bytes(text: str) -> bytes:
    """A plain (non-Verbatim) Word file with one paragraph per line of ``text``."""
    import docx

    document = docx.Document()
    for para in text.split("\n\n"):
        document.add_paragraph(para.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def client(library_path: Path):
    with TestClient(create_app(library_path, encoder=HashEncoder()), raise_server_exceptions=False) as test_client:
        yield test_client
