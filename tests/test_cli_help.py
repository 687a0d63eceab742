"""Every command explains itself: help text with an example, reachable without a working config."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from mailflow.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []
    context = click.Context(group)
    for name in group.list_commands(context):  # as `--help` lists them: a command's module loads when asked
        command = group.get_command(context, name)
        assert command is not None, name
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize(
    ("path", "command"), _commands(main), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_help_with_an_example(path: tuple[str, ...], command: click.Command) -> None:
    assert command.help and "Example:" in command.help, path
    result = CliRunner().invoke(main, [*path, "--help"], env={"MAILFLOW_CONFIG": "/nonexistent.toml"})
    assert result.exit_code == 0
    assert "Example:" in result.output
