"""``cardsmith mark``: one output line per good input line; bad lines named on stderr, exit 1."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cardsmith.cli.mark import mark

GOOD = json.dumps({"tag": "Tariffs raise prices", "body": "Tariffs raise prices for consumers, studies find."})


def test_mark_lines() -> None:
    result = CliRunner().invoke(mark, ["--underline", "0.5"], input=GOOD + "\n" + GOOD + "\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    out = json.loads(lines[0])
    assert set(out) == {"underline", "emphasis", "highlight"}
    assert out["underline"] and all(e > s for s, e in out["underline"])


def test_bad_lines_reported_and_others_marked() -> None:
    data = "\n".join([GOOD, "not json", json.dumps({"tag": "x"}), "", GOOD]) + "\n"
    result = CliRunner().invoke(mark, [], input=data)
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5, "one output line per input line"
    marked = {"underline", "emphasis", "highlight"}
    assert [set(o) for o in out] == [marked, {"error"}, {"error"}, {"error"}, marked]
    assert out[1]["error"].startswith("line 2: not JSON") and "empty line" in out[3]["error"]
    assert "line 2:" in result.stderr and "line 3:" in result.stderr and "line 4:" in result.stderr
    assert "Traceback" not in result.stderr


def test_deeply_nested_line_is_one_error_and_the_rest_go_on() -> None:
    data = "[" * 100_000 + "\n" + GOOD + "\n"
    result = CliRunner().invoke(mark, [], input=data)
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {"error": "line 1: JSON nested too deeply"}
    assert set(second) == {"underline", "emphasis", "highlight"}
    assert "Traceback" not in result.stderr and "RecursionError" not in result.output


def test_legacy_encoded_line_is_read() -> None:
    latin = json.dumps({"tag": "Caf\u00e9 prices rise", "body": "Caf\u00e9 prices rise sharply."}, ensure_ascii=False)
    data = latin.encode("latin-1") + b"\n" + GOOD.encode() + b"\n"
    result = CliRunner().invoke(mark, ["--underline", "1"], input=data)
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout.splitlines()[0])
    assert first["underline"] == [[0, len("Caf\u00e9 prices rise sharply")]]


def test_mark_clip_flag() -> None:
    body = "The government said technology budgets will grow."
    line = json.dumps({"tag": "Government technology budgets grow", "body": body}) + "\n"
    runner = CliRunner()
    plain = runner.invoke(mark, ["--highlight", "1"], input=line)
    clipped = runner.invoke(mark, ["--highlight", "1", "--clip"], input=line)
    assert plain.exit_code == 0 and clipped.exit_code == 0, clipped.output
    whole, short = json.loads(plain.stdout), json.loads(clipped.stdout)
    assert [body[s:e] for s, e in whole["highlight"]] == [body[:-1]]
    assert [body[s:e] for s, e in short["highlight"]] == ["The gov", "said tech", "budgets will grow"]
    assert short["underline"] == whole["underline"]
    assert "--clip" in runner.invoke(mark, ["--help"]).output


def test_style_choices_are_the_learned_styles() -> None:
    """The CLI spells the styles out (no numpy at --help): they must be the model's."""
    from cardsmith.cli.mark import STYLES
    from cardsmith.marking.density import STYLES as LEARNED

    assert tuple(STYLES) == LEARNED


def test_unknown_style_is_a_usage_error() -> None:
    result = CliRunner().invoke(mark, ["--style", "parli"], input=GOOD + "\n")
    assert result.exit_code == 2 and "parli" in result.output


def test_mark_takes_the_style_of_the_library_given(tmp_path) -> None:
    from cardsmith.library import Library

    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.set_style("pf")
    body = " ".join(["Tariffs raise prices for consumers and importers pass the costs on, studies find."] * 8)
    line = json.dumps({"tag": "Tariffs raise prices", "body": body}) + "\n"

    def marks(*args: str) -> dict:
        result = CliRunner().invoke(mark, list(args), input=line)
        assert result.exit_code == 0, result.output
        out = json.loads(result.stdout)
        return {k: out[k] for k in ("underline", "emphasis", "highlight")}  # a library may add precedent

    by_library = marks("--library", str(path))
    assert by_library == marks("--style", "pf") != marks("--style", "policy")
    assert marks("--library", str(path), "--style", "policy") == marks()  # --style wins over the library's


def test_mark_with_a_missing_library_is_one_line_error(tmp_path) -> None:
    from cardsmith.cli import cli

    result = CliRunner().invoke(cli, ["mark", "--library", str(tmp_path / "none.sqlite")], input=GOOD + "\n")
    assert result.exit_code == 1 and "none.sqlite: no library here" in result.output
    assert not (tmp_path / "none.sqlite").exists()
