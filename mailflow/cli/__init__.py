"""The `mailflow` command: thin commands over the same service functions the worker and web app use."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from mailflow.app import App
from mailflow.errors import MailflowError
from mailflow.settings import unknown_variables

# Each command's module is imported when the command runs (or `--help` lists them all): `mailflow status` need
# not load the web app, the worker and the report writers first (issue 15: 1.9 s of imports before one query).
COMMANDS = {
    "campaign": "mailflow.cli.campaign:campaign",
    "recipients": "mailflow.cli.recipients:recipients",
    "db": "mailflow.cli.db:db",
    "parse": "mailflow.cli.parse:parse",
    "preview": "mailflow.cli.send:preview",
    "send": "mailflow.cli.send:send",
    "outbox": "mailflow.cli.send:outbox",
    "review": "mailflow.cli.review:review",
    "users": "mailflow.cli.users:users",
    "web": "mailflow.cli.web:web",
    "digest": "mailflow.cli.digest:digest",
    "report": "mailflow.cli.report:report",
    "worker": "mailflow.cli.worker:worker",
    "reprocess": "mailflow.cli.worker:reprocess",
    "status": "mailflow.cli.status:status",
    "demo": "mailflow.cli.demo:demo",
}


class _Group(click.Group):
    """Turns every MailflowError and every usage mistake into one line on stderr and exit code 2, never a
    traceback or click's three-line usage text. Its commands are imported as they are asked for (`COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, _, name = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), name)
            if not isinstance(command, click.Command):
                raise TypeError(f"{COMMANDS[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            where = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            click.echo(f"error: {exc.format_message()}{where}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MailflowError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: $MAILFLOW_CONFIG or ./config/mailflow.toml).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.pass_context
def main(ctx: click.Context, config: Path | None, verbose: bool) -> None:
    """Run a consultation by plain email.

    Example: mailflow campaign show
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr)
    # mail-parser warns about every part type it does not handle (every DSN has some); we read those
    logging.getLogger("mailparser").setLevel(logging.ERROR)
    # settings are loaded on first use, so `--help` works even with a broken config
    ctx.obj = _LazyApp(config)
    ctx.call_on_close(ctx.obj.close)


class _LazyApp:
    def __init__(self, config: Path | None) -> None:
        self._config = config
        self._app: App | None = None

    def get(self) -> App:
        if self._app is None:
            self._app = App.from_environment(self._config, os.environ)
            for problem in unknown_variables(os.environ):
                click.echo(f"warning: {problem}", err=True)
        return self._app

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
