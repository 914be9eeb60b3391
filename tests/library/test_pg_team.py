"""Team semantics on a PostgreSQL library: members and tokens, attributed history, soft deletes."""

from __future__ import annotations

import time

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.library import EditConflict, Library, members
from tests.library.conftest import HashEncoder, make_card


@pytest.fixture
def team(postgres, tmp_path):
    library = Library.open(postgres.database(tmp_path), encoder=HashEncoder())
    yield library
    library.close()


def test_a_member_token_is_shown_once_and_kept_only_as_a_digest(team) -> None:
    store = members.team_store(team, "url")
    token = members.add(store, "Ana", "editor")
    members.add(store, "Ben", "reader")
    assert [(m.name, m.role) for m in members.members(store)] == [("Ana", "editor"), ("Ben", "reader")]
    with store.transaction() as conn:
        stored = [bytes(r[0]) for r in conn.execute("SELECT token_sha256 FROM members")]
    assert token.encode() not in b"".join(stored) and members.digest(token) in stored
    ana = members.authenticate(store, token)
    assert ana is not None and ana.name == "Ana" and ana.can_write
    assert members.authenticate(store, token + "x") is None and members.authenticate(store, "") is None
    with pytest.raises(CardsmithError, match="already a member"):
        members.add(store, "Ana", "reader")
    assert members.remove(store, "Ana") and not members.remove(store, "Ana")
    assert members.authenticate(store, token) is None


@pytest.mark.parametrize(("name", "role", "message"), [("Ana", "admin", "not a role"), ("a\nb", "editor", "name"),
                                                       ("", "editor", "name")])
def test_a_bad_member_is_refused(team, name, role, message) -> None:
    with pytest.raises(CardsmithError, match=message):
        members.add(members.team_store(team, "url"), name, role)


def test_a_sqlite_library_has_no_members(tmp_path) -> None:
    with Library.open(tmp_path / "lib.sqlite", encoder=HashEncoder()) as lib, \
            pytest.raises(CardsmithError, match="need a team library"):
        members.team_store(lib, tmp_path / "lib.sqlite")


def test_every_write_names_its_member_and_the_card_before_and_after(team) -> None:
    with members.acting("Ana"):
        (card_id,) = team.add_cards([make_card("sanctions", tag="first")], "a.docx").ids
    with members.acting("Ben"):
        team.update_card(card_id, version=1, tag="second")
    team.delete(card_id)  # no member acting: the OS account (or CARDSMITH_AS)
    log = team.store.card_log(card_id)
    assert [(e["action"], e["member"]) for e in log] == [("add", "Ana"), ("update_card", "Ben"),
                                                         ("delete", members.writer())]
    added, edit, deleted = log
    assert added["before"] is None and added["after"]["tag"] == "first"
    assert (edit["before"]["tag"], edit["after"]["tag"], edit["version"]) == ("first", "second", 2)
    assert deleted["before"]["tag"] == "second" and deleted["after"] is None
    assert [e["member"] for e in team.store.card_history(card_id)] == ["Ben"]


def test_the_os_account_can_be_replaced_by_cardsmith_as(team, monkeypatch) -> None:
    monkeypatch.setenv(members.AS_ENV, "coach")
    (card_id,) = team.add_cards([make_card("trade")], "a.docx").ids
    assert team.store.card_log(card_id)[0]["member"] == "coach"


def test_a_stale_edit_is_a_conflict_naming_both_versions(team) -> None:
    (card_id,) = team.add_cards([make_card("sanctions")], "a.docx").ids
    team.update_card(card_id, version=1, tag="mine")
    with pytest.raises(EditConflict, match="you edited version 1, the library has version 2"):
        team.update_card(card_id, version=1, tag="theirs")
    assert team.get_card(card_id).tag == "mine"


def test_a_deleted_card_is_hidden_everywhere_until_restored(team) -> None:
    ids = team.add_cards([make_card("sanctions"), make_card("trade")], "a.docx").ids
    assert team.delete(ids[0]) and not team.delete(ids[0])
    assert all(h.id != f"c{ids[0]}" for h in team.search("economic sanctions regime", limit=10))
    assert team.get_card(ids[0]) is None and [c.id for c in team.list_cards()] == [f"c{ids[1]}"]
    assert [c.id for c in team.export_items()] == [f"c{ids[1]}"]
    assert team.stats()["cards"] == 1 and team.stats()["deleted_cards"] == 1
    with pytest.raises(EditConflict, match="was deleted"):
        team.update_card(ids[0], version=1, tag="too late")
    store = members.team_store(team, "url")
    assert [row[0] for row in store.deleted_cards()] == [ids[0]]
    assert store.restore(ids[0]) and not store.restore(ids[0])
    assert team.search("economic sanctions regime", limit=1)[0].id == f"c{ids[0]}"
    assert team.stats()["vectors"] == 4 and store.deleted_cards() == []


def test_importing_a_deleted_card_again_restores_it(team) -> None:
    (card_id,) = team.add_cards([make_card("warming")], "a.docx").ids
    team.delete(card_id)
    stats = team.add_cards([make_card("warming")], "b.docx")
    assert stats.ids == [card_id] and team.get_card(card_id) is not None


def test_purge_deletes_for_good_only_cards_deleted_before_the_cutoff(team) -> None:
    old, recent, live = team.add_cards([make_card("sanctions"), make_card("trade"), make_card("nuclear")], "a").ids
    team.delete(old)
    team.delete(recent)
    store = members.team_store(team, "url")
    with store.transaction() as conn:
        conn.execute("UPDATE cards SET deleted = deleted - 31 * 86400 WHERE id = %s", (old,))
    assert store.purge(time.time() - 30 * 86400) == 1
    assert not store.restore(old) and store.restore(recent)
    with store.transaction() as conn:
        assert conn.execute("SELECT count(*) FROM deleted_vectors").fetchone()[0] == 0
    assert {c.id for c in team.list_cards()} == {f"c{recent}", f"c{live}"}


def test_bm25_statistics_follow_every_write_without_a_recount(team) -> None:
    """``card_stats`` (kept by triggers) equals a full count after adds, edits, deletes and purges."""
    store = members.team_store(team, "url")
    fields = ("tag_tsv", "underline_tsv", "cite_tsv", "body_tsv")
    recount = (f"SELECT count(*), {', '.join(f'COALESCE(sum(length({f})), 0)' for f in fields)}"
               " FROM cards WHERE deleted IS NULL")

    def agree() -> bool:
        with store.transaction() as conn:
            kept = conn.execute("SELECT live, tag_len, underline_len, cite_len, body_len FROM card_stats").fetchone()
            return kept == conn.execute(recount).fetchone()

    first, second, third = team.add_cards([make_card("sanctions"), make_card("trade"), make_card("nuclear")], "a").ids
    assert agree()
    team.update_card(second, version=1, tag="a much longer tag about trade wars and tariffs")
    assert agree()
    team.delete(first)
    team.delete(third)
    assert agree()
    store.restore(third)
    with store.transaction() as conn:
        conn.execute("UPDATE cards SET deleted = deleted - 31 * 86400 WHERE id = %s", (first,))
    store.purge(time.time() - 30 * 86400)
    assert agree()
    assert team.search("trade wars tariffs", limit=1)[0].id == f"c{second}"
