"""Imports are all-or-nothing per file: an exception or a kill mid-import leaves no half card."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from cardsmith.library import Library
from cardsmith.library.sqlite import SQLiteStore
from tests.conftest import ROOT
from tests.library.conftest import HashEncoder, make_card


def consistent_counts(path) -> tuple[int, int, int, int]:
    """(cards, fts rows, card origins, cards without vectors) straight from the file."""
    with Library.open(path, encoder=HashEncoder()) as lib:
        db = lib.store.db
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cards = db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
        fts = db.execute("SELECT COUNT(*) FROM cards_fts_docsize").fetchone()[0]
        origins = db.execute("SELECT COUNT(*) FROM card_origins").fetchone()[0]
        bare = db.execute(
            "SELECT COUNT(*) FROM cards WHERE id NOT IN (SELECT owner FROM vectors WHERE kind=0)"
        ).fetchone()[0]
        orphans = db.execute(
            "SELECT COUNT(*) FROM vectors WHERE kind=0 AND owner NOT IN (SELECT id FROM cards)"
        ).fetchone()[0]
        assert orphans == 0
        return cards, fts, origins, bare


def test_exception_mid_batch_rolls_back_the_whole_file(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, encoder=HashEncoder()) as lib:
        lib.add_cards([make_card("sanctions"), make_card("warming")], origin="good.docx")
        real = SQLiteStore._insert_card
        calls = []

        def flaky(self, rec, now):
            calls.append(rec)
            if len(calls) == 2:
                raise KeyboardInterrupt  # Ctrl-C half way through the second file
            return real(self, rec, now)

        monkeypatch.setattr(SQLiteStore, "_insert_card", flaky)
        with pytest.raises(KeyboardInterrupt):
            lib.add_cards([make_card("nuclear"), make_card("schools"), make_card("trade")], origin="bad.docx")
    assert consistent_counts(path) == (2, 2, 2, 0)


CHILD = textwrap.dedent(
    """
    import sys, time
    from cardsmith.library import Library
    from cardsmith.library.sqlite import SQLiteStore
    from tests.library.conftest import HashEncoder, make_card, TOPICS

    real = SQLiteStore._insert_card
    def slow(self, rec, now):
        time.sleep(0.02)
        return real(self, rec, now)
    SQLiteStore._insert_card = slow

    lib = Library.open(sys.argv[1], encoder=HashEncoder())
    for batch in range(1000):
        cards = []
        for i in range(10):
            card = make_card(list(TOPICS)[i % 5])
            card.body += f" Batch {batch} card {i}."
            cards.append(card)
        lib.add_cards(cards, origin=f"file{batch}.docx")
        print(batch, flush=True)
    """
)


@pytest.mark.slow
def test_killed_import_keeps_every_committed_file_and_no_half_card(tmp_path):
    path = tmp_path / "lib.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, env=env, text=True)
    committed = [child.stdout.readline() for _ in range(3)]  # three files committed...
    child.send_signal(signal.SIGKILL)  # ...then killed inside the fourth transaction
    child.wait()
    cards, fts, origins, bare = consistent_counts(path)
    assert cards >= 10 * len(committed)
    assert cards % 10 == 0 and fts == cards and origins == cards and bare == 0
