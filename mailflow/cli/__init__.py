"""The `mailflow` command: thin commands over the same service functions the worker and web app use."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from mailflow.app import App
from mailflow.cli.campaign import campaign
from mailflow.cli.db import db
from mailflow.cli.digest import digest
from mailflow.cli.parse import parse
from mailflow.cli.recipients import recipients
from mailflow.cli.report import report
from mailflow.cli.review import review
from mailflow.cli.send import outbox, preview, send
from mailflow.cli.status import demo, status
from mailflow.cli.users import users
from mailflow.cli.web import web
from mailflow.cli.worker import reprocess, worker
from mailflow.errors import MailflowError
from mailflow.settings import unknown_variables


class _Group(click.Group):
    """Turns every MailflowError and every usage mistake into one line on stderr and exit code 2, never a
    traceback or click's three-line usage text."""

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


main.add_command(campaign)
main.add_command(recipients)
main.add_command(db)
main.add_command(parse)
main.add_command(preview)
main.add_command(send)
main.add_command(outbox)
main.add_command(review)
main.add_command(users)
main.add_command(web)
main.add_command(digest)
main.add_command(report)
main.add_command(worker)
main.add_command(reprocess)
main.add_command(status)
main.add_command(demo)
