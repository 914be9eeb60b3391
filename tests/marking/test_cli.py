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
    assert set(out) == {"underline", "highlight"}
    assert out["underline"] and all(e > s for s, e in out["underline"])


def test_bad_lines_reported_and_others_marked() -> None:
    data = "\n".join([GOOD, "not json", json.dumps({"tag": "x"}), GOOD]) + "\n"
    result = CliRunner().invoke(mark, [], input=data)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert "line 2:" in result.stderr and "line 3:" in result.stderr
    assert "Traceback" not in result.stderr


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
