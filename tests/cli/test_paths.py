"""Every path a command takes is checked by the command, file by file, never by click."""

from __future__ import annotations

import click

from cardsmith.cli import cli


def test_no_command_lets_click_check_its_paths() -> None:
    """click's exists/readable checks would make one unreadable file a usage error stopping the batch."""
    ctx = click.Context(cli)
    checked = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        for param in command.params:
            if isinstance(param.type, click.Path):
                checked.append((name, param.name))
                assert not (param.type.exists or param.type.readable), (name, param.name)
    assert ("read", "files") in checked and ("verify", "card") in checked and len(checked) >= 10
