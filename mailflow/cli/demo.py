"""`mailflow demo`: the whole pipeline on the embedded defaults, no mail server needed."""

from __future__ import annotations

from pathlib import Path

import click

from mailflow.cli.common import campaign_option, get_app
from mailflow.cli.status import status_lines
from mailflow.committee.review import review_queue
from mailflow.demo import run_demo
from mailflow.lifecycle import LetterStatus
from mailflow.store.db import transaction


@click.command("demo")
@click.option(
    "--recipients",
    "recipients_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Recipient list to import (default: config/recipients-sample.csv, the project's or the shipped one).",
)
@campaign_option
@click.pass_context
def demo(ctx: click.Context, recipients_file: Path | None, campaign_file: Path | None) -> None:
    """Run the whole pipeline on the embedded defaults: no mail server, everything under storage/.

    Example: mailflow demo
    """
    app = get_app(ctx)
    campaign = app.campaign(campaign_file)
    sample = "config/recipients-sample.csv"
    run = run_demo(app, campaign, recipients_file or app.settings.project_file(sample, sample))
    sent = run.appeals.count(LetterStatus.SENT)
    click.echo(f"recipients: {run.recipients.added} added, {run.recipients.unchanged} already known")
    click.echo(f"appeal: {sent} letter(s) written to {app.settings.storage_dir / 'outbox'}")
    click.echo(f"replies: {run.delivered} sample messages delivered to {app.settings.mailbox.maildir}")
    cycle = run.cycle
    click.echo(
        f"worker: {cycle.fetched} fetched, {cycle.recorded} recorded, {cycle.flagged} for review, "
        f"{cycle.failed} quarantined, {cycle.duplicates} already known"
    )
    click.echo(f"acknowledgements: {run.acknowledgements.count(LetterStatus.SENT)} written to the outbox\n")
    for line in status_lines(app, campaign.slug):
        click.echo(line)
    with transaction(app.sessions()) as session:
        queue = review_queue(session)
    click.echo("\nreview queue:")
    for entry in queue:
        who = entry.recipient.organisation if entry.recipient else f"(unknown sender) {entry.from_address}"
        click.echo(f"  #{entry.item_id} {who}: {', '.join(r.code for r in entry.reasons)}")
    click.echo(f"\ndigest: {run.digest}")
    click.echo(f"report: {'  '.join(str(path) for path in run.reports)}")
    click.echo(
        "\nNext: set [mailbox] and [smtp] in config/mailflow.toml (passwords in MAILFLOW_IMAP_PASSWORD and "
        "MAILFLOW_SMTP_PASSWORD), then run `mailflow worker`; review flagged replies with `mailflow web`."
    )
