"""`mailflow db`: schema migrations."""

from __future__ import annotations

import click

from mailflow.cli.common import get_app
from mailflow.store.db import upgrade


@click.group()
def db() -> None:
    """The database: create it or bring its schema up to date.

    Example: mailflow db upgrade
    """


@db.command("upgrade")
@click.pass_context
def upgrade_command(ctx: click.Context) -> None:
    """Create the database or migrate it to the newest schema (safe to run again).

    Example: MAILFLOW_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/test mailflow db upgrade
    """
    app = get_app(ctx)
    revision = upgrade(app.engine)
    click.echo(f"database at schema revision {revision}")
