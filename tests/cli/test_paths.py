"""Every command checks its own paths (never click), and says what each option does."""

from __future__ import annotations

import click

from cardsmith.cli import cli
from cardsmith.cli.common import FILE_PATH, LIBRARY, SOURCE


def test_no_command_lets_click_check_its_paths() -> None:
    """click's exists/readable checks would make one unreadable file a usage error stopping the batch."""
    ctx = click.Context(cli)
    checked = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        for param in command.params:
            if param.type in (SOURCE, LIBRARY):  # a URL kept as it is, anything else converted by FILE_PATH
                checked.append((name, param.name))
            elif isinstance(param.type, click.Path):
                checked.append((name, param.name))
                assert not (param.type.exists or param.type.readable), (name, param.name)
    assert not (FILE_PATH.exists or FILE_PATH.readable)
    assert ("read", "sources") in checked and ("verify", "card") in checked and len(checked) >= 10


def test_every_command_and_option_says_what_it_does() -> None:
    ctx = click.Context(cli)
    missing = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if not command.help:
            missing.append(name)
        missing += [f"{name} {p.opts[0]}" for p in command.params if isinstance(p, click.Option) and not p.help]
    assert missing == []


def test_an_error_leaving_any_command_is_one_line_and_status_1(tmp_path) -> None:
    """The one route out: a CardsmithError raised in a command (here: not a library) is printed, never a traceback."""
    from click.testing import CliRunner

    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are my notes, not a library")
    for args in (["cards"], ["search", "nuclear war"]):
        result = CliRunner().invoke(cli, [*args, "--library", str(bogus)])
        assert result.exit_code == 1, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"cardsmith: error: {bogus}"), lines
