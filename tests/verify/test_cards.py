"""Loading the card to verify: text, JSON (object, plain cite, list), and one-line errors."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from cardsmith.errors import SourceError
from cardsmith.formats.verbatim import write_verbatim
from cardsmith.model import Card, Cite, Heading
from cardsmith.verify.cards import load_card


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_text_card(tmp_path: Path) -> None:
    card = load_card(_write(tmp_path / "c.txt", "The tag\nSmith 19 (Jane Smith, prof)\nBody line one.\nLine two."))
    assert card.tag == "The tag"
    assert card.cite.short == "Smith 19"
    assert card.cite.year == 2019
    assert card.body == "Body line one.\nLine two."


def test_json_card_with_plain_cite_and_object_cite(tmp_path: Path) -> None:
    plain = load_card(_write(tmp_path / "a.json", json.dumps({"tag": "T", "cite": "Lee 08 writer", "body": "B b"})))
    assert (plain.cite.short, plain.body) == ("Lee 08", "B b")
    data = {
        "tag": "T",
        "cite": {"short": "Lee 08", "url": "https://x.org"},
        "body": "B",
        "underline": [[0, 1]],
    }
    full = load_card(_write(tmp_path / "b.json", json.dumps(data)))
    assert full.cite.url == "https://x.org"
    assert full.marks.underline == [(0, 1)]


def test_json_list_picks_by_index_or_tag(tmp_path: Path) -> None:
    cards = [{"tag": f"Tag number {i}", "cite": "", "body": f"body {i}"} for i in range(1, 4)]
    path = _write(tmp_path / "many.json", json.dumps(cards))
    assert load_card(path, index=2).body == "body 2"
    assert load_card(path, tag="tag number 3").body == "body 3"
    with pytest.raises(SourceError, match="choose one"):
        load_card(path)
    with pytest.raises(SourceError, match="out of range"):
        load_card(path, index=9)
    with pytest.raises(SourceError, match="3 cards tagged"):
        load_card(path, tag="tag number")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "Tag\nCite\n\n", "no body text"),
        ("bad.json", "{not json", "not JSON"),
        ("list.json", "[1, 2]", "must be a JSON object"),
        ("binary.txt", None, "binary data"),
        ("deep.json", "[" * 100_000, "nested too deeply"),
    ],
)
def test_bad_card_files(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(b"Tag\nCite\n\x00\x01\x02\x03 body \x00\x00")
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message) as err:
        load_card(path)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "cp1252", "utf-8-sig"])
def test_text_card_in_any_encoding_read_accepts(tmp_path: Path, encoding: str) -> None:
    body = "Le café est très “bon”, naïve façade." if encoding == "cp1252" else "Le café est très bon, naïve façade."
    path = tmp_path / "card.txt"
    path.write_bytes(f"Tag\r\nDupont 19 (Jean Dupont)\r\n{body}\r\nSecond line.".encode(encoding))
    card = load_card(path)
    assert (card.tag, card.cite.short) == ("Tag", "Dupont 19")
    assert card.body == f"{body}\nSecond line."


@pytest.mark.parametrize("name", ["card.txt", "card.json", "card.docx"])
def test_device_as_card_file_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.symlink_to("/dev/null")
    with pytest.raises(SourceError, match="not a regular file"):
        load_card(path)


@pytest.mark.parametrize("name", ["card.txt", "card.json"])
def test_named_pipe_as_card_file_is_refused(tmp_path: Path, name: str) -> None:
    """Refused without opening it: reading a pipe waits for a writer, forever on a crafted file.

    A writer is standing by, so a reader that did open the pipe would get a card instead of hanging.
    """
    path = tmp_path / name
    os.mkfifo(path)
    text = json.dumps({"tag": "T", "body": "b"}) if name.endswith(".json") else "T\nC\nb"
    writer = threading.Thread(target=path.write_text, args=(text,), daemon=True)
    writer.start()
    try:
        with pytest.raises(SourceError, match="not a regular file"):
            load_card(path)
    finally:
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer's open() return
        writer.join()
        os.close(reader)


def test_missing_card_file(tmp_path: Path) -> None:
    for name in ("none.txt", "none.json", "none.docx"):
        with pytest.raises(SourceError, match="no such file"):
            load_card(tmp_path / name)


def test_docx_card_by_index_and_tag(tmp_path: Path) -> None:
    cards = [
        Card(tag=f"Tariffs work {i}", cite=Cite(short=f"Lee {10 + i}", full="writer"), body=f"Body {i}.")
        for i in (1, 2)
    ]
    path = tmp_path / "file.docx"
    write_verbatim([Heading(3, "Block"), *cards], path)
    assert load_card(path, index=2).body == "Body 2."
    assert load_card(path, tag="tariffs work 1").cite.short == "Lee 11"


def test_not_a_docx(tmp_path: Path) -> None:
    path = _write(tmp_path / "fake.docx", "plain text")
    with pytest.raises(SourceError) as err:
        load_card(path)
    assert "\n" not in str(err.value)
