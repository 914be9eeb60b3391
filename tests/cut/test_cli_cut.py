"""``cardsmith cut`` end to end on the sample articles the repo ships."""

import json

from click.testing import CliRunner

from cardsmith.cli import cli
from tests.conftest import ROOT
from tests.sources.hostile import fed_fifo

SAMPLES = ROOT / "samples"
CLAIM = "Grid batteries make renewable power reliable"


def cut(*args: str):
    return CliRunner().invoke(cli, ["cut", *args])


def test_json_contract():
    result = cut(str(SAMPLES / "grid-storage.txt"), "--claim", CLAIM, "--format", "json")
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert card["tag"] == CLAIM
    assert card["cite"]["short"] == "Okonkwo and Reyes 24"
    assert card["cite"]["authors"] == ["Maria Okonkwo", "Daniel Reyes"]
    for key in ("full", "qualifications", "date", "year", "title", "publication", "url", "warnings"):
        assert key in card["cite"]
    body = card["body"]
    assert "batteries" in body and "Leave a Reply" not in body and "senior energy analyst" not in body
    for start, end in card["underline"] + card["highlight"]:
        assert 0 <= start < end <= len(body)
    source = card["source"]
    assert source["path"].endswith("grid-storage.txt") and source["end"] - source["start"] == len(body)


def test_several_claims_and_files_one_bad(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = cut(
        str(SAMPLES / "grid-storage.txt"), str(bad), str(SAMPLES / "water-scarcity.md"),
        "-c", CLAIM, "-c", "Water scarcity causes conflict", "--format", "json",
    )
    assert result.exit_code == 1
    cards = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(cards) == 4
    assert "empty.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_no_claim_suggests_a_verbatim_tag_and_markdown_renders():
    result = cut(str(SAMPLES / "water-scarcity.md"), "--format", "md", "--count", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("#### ") == 2


def test_save_stores_the_cards_in_the_library(tmp_path):
    library = tmp_path / "lib.sqlite"
    result = cut(str(SAMPLES / "grid-storage.txt"), "-c", CLAIM, "--save", "--library", str(library))
    assert result.exit_code == 0, result.output
    stats = CliRunner().invoke(cli, ["cards", "--library", str(library)])
    assert stats.exit_code == 0 and "cards: 1" in stats.stdout


def test_cut_marks_in_the_style_of_the_library_unless_told(tmp_path):
    library = tmp_path / "lib.sqlite"
    assert CliRunner().invoke(cli, ["library", "style", "pf", "--library", str(library)]).exit_code == 0
    args = (str(SAMPLES / "grid-storage.txt"), "-c", CLAIM, "--format", "json")
    pf, policy = (json.loads(cut(*args, "--style", s).stdout) for s in ("pf", "policy"))
    assert pf["highlight"] != policy["highlight"]
    told = json.loads(cut(*args, "--library", str(library), "--style", "policy").stdout)
    assert told["highlight"] == policy["highlight"]
    # (saving last: once the card is in the library, its marks come back as precedent)
    for extra in (("--library", str(library)), ("--save", "--library", str(library))):
        assert json.loads(cut(*args, *extra).stdout)["highlight"] == pf["highlight"]


def test_clip_flag_highlights_short_forms():
    args = (str(SAMPLES / "nuclear-deterrence.html"), "-c", "Arms control talks reduce the risk of nuclear war")
    plain = json.loads(cut(*args, "--highlight", "1", "--format", "json").stdout)
    result = cut(*args, "--highlight", "1", "--clip", "--format", "json")
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    body = card["body"]
    assert card["underline"] == plain["underline"] and card["highlight"] != plain["highlight"]
    ends = {body[s:e].split()[-1] for s, e in card["highlight"]}
    assert {"gov", "nuc"} <= ends
    for s, e in card["highlight"]:
        assert any(us <= s and e <= ue for us, ue in card["underline"])
    assert "--clip" in cut("--help").output


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    """Under CliRunner stderr is not a TTY: only the error line is written, however slow the batch."""
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    files = [str(SAMPLES / "grid-storage.txt")] * 5 + [str(bad)]
    result = cut(*files, "-c", CLAIM, "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == f"cardsmith: error: {bad}: empty file\n"


def test_errors_are_written_through_the_progress_bar(tmp_path, monkeypatch):
    """With a bar drawn (a terminal), an error line is never glued to the bar."""
    monkeypatch.setattr("cardsmith.cli.common.wants_progress", lambda total: True)
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = cut(str(bad), str(SAMPLES / "grid-storage.txt"), "-c", CLAIM, "--format", "json")
    assert result.exit_code == 1
    pieces = [p.strip() for p in result.stderr.replace("\r", "\n").split("\n")]
    assert f"cardsmith: error: {bad}: empty file" in pieces


def test_quiet_option_is_accepted(tmp_path):
    result = CliRunner().invoke(cli, ["--quiet", "read", str(SAMPLES / "grid-storage.txt"), "--no-text"])
    assert result.exit_code == 0, result.output


def test_a_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path):
    bad = tmp_path / "two\nlines.txt"
    bad.write_text("")
    result = cut(str(bad), "-c", CLAIM)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "two\\nlines.txt: empty file" in result.stderr


def test_claims_file_that_is_a_pipe_is_refused_not_waited_on(tmp_path):
    with fed_fifo(tmp_path / "claims.txt", CLAIM.encode() + b"\n") as pipe:
        result = cut(str(SAMPLES / "grid-storage.txt"), "--claims", str(pipe))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr and "Traceback" not in result.output


def test_claims_file_in_a_legacy_encoding(tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_bytes("Grid batteries make renewable power reliable \u2014 caf\u00e9 edition\n".encode("cp1252"))
    result = cut(str(SAMPLES / "grid-storage.txt"), "--claims", str(claims), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tag"].endswith("caf\u00e9 edition")
