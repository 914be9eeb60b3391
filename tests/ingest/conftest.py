"""A local Ray for the session (2 CPUs, started and stopped here) and small Verbatim files written by
cardsmith's own writer: repeated cards within and across files, an archive, a bad file."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cardsmith.formats import render_cards
from cardsmith.model import Heading
from tests.factories import card, make_cite

#: Invented sentences, one per card topic.
TEXTS = [
    "Community solar gardens lower power bills for renters who cannot install panels themselves.",
    "Tariffs on imported steel raised prices for the manufacturers that buy it, costing jobs.",
    "Arms control treaties build trust that lowers the risk of accidental nuclear escalation.",
    "Water markets in dry basins move supply to higher value uses without new dams.",
    "Rapid transit lines raise nearby land values, which can pay for their construction.",
    "Four day school weeks save little money and cost the poorest students instruction time.",
    "Carbon taxes returned as dividends leave most households better off than before.",
    "Drone strikes kill militant leaders but recruit more fighters than they remove.",
]


@pytest.fixture(scope="session")
def ray_local() -> Iterator[None]:
    """One local Ray for every test that needs it (starting Ray takes seconds)."""
    ray = pytest.importorskip("ray", reason="the cluster extra (ray) is not installed")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def speech(topics: list[int], pocket: str) -> bytes:
    """A Verbatim file of cards on ``topics`` (an index may repeat: the same card twice)."""
    items: list = [Heading(level=1, text=pocket)]
    for n in topics:
        items.append(card(TEXTS[n], tag=f"Claim {n}: {TEXTS[n].split()[0].lower()} matters",
                          cite=make_cite(f"Author{n}", 2010 + n), underline=[(0, 20)]))
    return render_cards(items, "docx")  # type: ignore[return-value]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder: three speeches (a card repeated within one, two shared across files), one in a
    sub-folder, an archive of two more, a card .jsonl, a damaged .docx and a Word lock file."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "1ac.docx").write_bytes(speech([0, 1, 2, 0], "1AC"))
    (root / "1nc.docx").write_bytes(speech([3, 1, 4], "1NC"))
    (root / "round2").mkdir()
    (root / "round2" / "2ac.docx").write_bytes(speech([5, 2, 6], "2AC"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("block/a.docx", speech([7, 0], "Block A"))
        archive.writestr("block/b.docx", speech([6, 3], "Block B"))
        archive.writestr("notes.txt", "not a card file")
    (root / "season.zip").write_bytes(buffer.getvalue())
    (root / "cards.jsonl").write_text(render_cards([card(TEXTS[4], tag="Transit pays", cite=make_cite("Rhee", 2019))],
                                                   "jsonl"))  # type: ignore[arg-type]
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "~$1ac.docx").write_bytes(b"lock")
    return root


def library_rows(path: Path) -> dict[str, list]:
    """What two imports must agree on, read straight from a SQLite library (ids aside)."""
    with sqlite3.connect(path) as db:
        cards = db.execute("SELECT key, tag, cite, body, underline, marks, outline, source, count, formatting"
                           " FROM cards ORDER BY id").fetchall()
        origins = db.execute("SELECT c.key, o.origin, o.ordinal, o.outline FROM card_origins o"
                             " JOIN cards c ON c.id = o.card_id ORDER BY o.rowid").fetchall()
        layout = db.execute("SELECT origin, position, item FROM origin_layout ORDER BY rowid").fetchall()
        vectors = db.execute("SELECT c.key, v.field, v.vec FROM vectors v JOIN cards c ON v.kind = 0 AND"
                             " v.owner = c.id ORDER BY c.id, v.id").fetchall()
    return {"cards": cards, "origins": origins, "layout": layout, "vectors": vectors}
