"""`mailflow db`: schema migrations, and counting again what the database keeps counted."""

from __future__ import annotations

import click

from mailflow.cli.common import get_app
from mailflow.store.counts import rebuild_counts
from mailflow.store.db import require_current_schema, transaction, upgrade


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


@db.command("recount")
@click.pass_context
def recount_command(ctx: click.Context) -> None:
    """Count again from the rows everything the database keeps counted (each organisation's status and
    replies, the tallies of stances, statuses and first replies), in one transaction. The triggers keep them
    exact; this is for a database restored or edited by hand with the triggers off.

    Example: mailflow db recount
    """
    app = get_app(ctx)
    require_current_schema(app.engine)
    with transaction(app.sessions()) as session:
        rebuild_counts(session)
    click.echo("counts rebuilt from the rows")
