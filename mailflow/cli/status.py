"""`mailflow status`: where the consultation stands, counted by the database."""

from __future__ import annotations

from pathlib import Path

import click

from mailflow.app import App
from mailflow.cli.common import campaign_option, get_app
from mailflow.committee.status import build_status, render_status
from mailflow.store.db import transaction
from mailflow.store.inbound import mailbox_states
from mailflow.store.messages import message_counts


def status_lines(app: App, slug: str) -> list[str]:
    with transaction(app.sessions()) as session:
        status = build_status(session, slug, messages=message_counts(session), mailboxes=mailbox_states(session))
    return render_status(status, timezone=app.settings.schedule.timezone)


@click.command("status")
@campaign_option
@click.pass_context
def status(ctx: click.Context, campaign_file: Path | None) -> None:
    """Response rate, tallies per recommendation, review queue, bounces, last poll and its error.

    Example: mailflow status
    """
    app = get_app(ctx)
    for line in status_lines(app, app.campaign(campaign_file).slug):
        click.echo(line)
