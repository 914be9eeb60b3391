"""`cardsmith reindex` replaces every vector with the current encoder's and records it, in one
process or on Ray, and the library searches as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from cardsmith.cli import cli
from cardsmith.errors import CardsmithError
from cardsmith.library import Library
from cardsmith.model import Document, Metadata
from tests.factories import card
from tests.ingest.conftest import TEXTS, library_rows

pytestmark = [
    pytest.mark.slow,
    # Ray Data's own notes (its deprecated settings; fewer inputs than actors): not this code's.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
    pytest.mark.filterwarnings("ignore:The minimum number of concurrent actors:UserWarning"),
]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def vectors(path: Path) -> list[tuple[int, int, np.ndarray]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT kind, owner, field, vec FROM vectors ORDER BY kind, owner, id").fetchall()
    return [(kind, owner, field, np.frombuffer(vec, np.float16)) for kind, owner, field, vec in rows]


@pytest.mark.parametrize("workers", [None, "2"])
def test_reindex_replaces_every_vector_and_records_the_encoder(ray_local, corpus, tmp_path, workers) -> None:
    path = tmp_path / "lib.sqlite"
    assert run("import", str(corpus / "1ac.docx"), str(corpus / "1nc.docx"), "--library", str(path)).exit_code == 0
    with Library.open(path) as lib:
        text = " ".join(TEXTS)
        lib.add_document(Document(text=text, paragraphs=[(0, len(text))], metadata=Metadata(title="Notes")))
        want = vectors(path)
        lib.store.set_model_id("an-older-encoder")
        lib.store.replace_vectors([(("card", 1), [])])  # as if made by another encoder
        with pytest.raises(CardsmithError, match="library vectors come from an-older-encoder"):
            lib.add_cards([card(TEXTS[7])], origin="late.docx")
    before = library_rows(path)["cards"]
    result = run("reindex", "--library", str(path), *(["--workers", workers] if workers else []))
    assert result.exit_code == 0, result.output
    assert "re-embedded 5 cards and 1 passages" in result.stdout and "(was an-older-encoder)" in result.stdout
    got = vectors(path)
    assert [row[:3] for row in got] == [row[:3] for row in want]
    for (*_, a), (*_, b) in zip(got, want, strict=True):
        np.testing.assert_allclose(a, b, atol=2e-3)
    assert library_rows(path)["cards"] == before
    with Library.open(path) as lib:
        assert lib.search("solar power bills renters", limit=1, kind="card")[0].tag.startswith("Claim 0")
