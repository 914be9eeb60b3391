"""Older library files are refused with both versions and the command, and `cardsmith migrate` upgrades them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardsmith.cli import cli
from cardsmith.errors import CardsmithError
from cardsmith.library import Library
from cardsmith.library.migrations import STEPS
from cardsmith.library.schema import VERSION, schema_id
from tests.library.conftest import HashEncoder, make_card
from tests.library.test_ids import _as_version_1


def _library(path: Path) -> list[int]:
    with Library.open(path, encoder=HashEncoder()) as lib:
        return lib.add_cards([make_card("sanctions"), make_card("trade")], origin="a.docx").ids


def _set_version(path: Path, version: int) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value=? WHERE key='schema'", (schema_id(version),))


def test_every_version_has_its_step() -> None:
    assert sorted(STEPS) == list(range(2, VERSION + 1))


def test_an_older_file_names_both_versions_and_the_command(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    _library(path)
    _as_version_1(path)
    with pytest.raises(CardsmithError) as caught:
        Library.open(path, encoder=HashEncoder())
    message = str(caught.value)
    assert f"library version 1, this cardsmith needs version {VERSION}" in message
    assert f"cardsmith migrate --library {path}" in message


def test_a_newer_file_says_to_upgrade_cardsmith(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    _library(path)
    _set_version(path, VERSION + 1)
    with pytest.raises(CardsmithError, match=f"version {VERSION + 1} is newer than this cardsmith"):
        Library.open(path, encoder=HashEncoder())
    with pytest.raises(CardsmithError, match="newer"):
        Library.migrate(path)


def test_migrate_command_keeps_a_copy_and_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    ids = _library(path)
    _as_version_1(path)
    refused = CliRunner().invoke(cli, ["cards", "--library", str(path)])
    assert refused.exit_code == 1 and "cardsmith migrate" in refused.stderr
    result = CliRunner().invoke(cli, ["migrate", "--library", str(path)])
    assert result.exit_code == 0, result.output
    assert f"upgraded to version {VERSION}" in result.stdout
    with sqlite3.connect(tmp_path / "lib.sqlite.v1.bak") as backup:
        assert backup.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == schema_id(1)
        assert backup.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == len(ids)
    with Library.open(path, encoder=HashEncoder()) as lib:
        assert [lib.get_card(f"c{i}").id for i in ids] == [f"c{i}" for i in ids]
    again = CliRunner().invoke(cli, ["migrate", "--library", str(path)])
    assert again.exit_code == 0 and "already current" in again.stdout


def test_migrate_refuses_what_is_not_a_library(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    with sqlite3.connect(notes) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    result = CliRunner().invoke(cli, ["migrate", "--library", str(notes)])
    assert result.exit_code == 1 and "not a cardsmith library" in result.stderr
    missing = CliRunner().invoke(cli, ["migrate", "--library", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1 and "no library here" in missing.stderr
