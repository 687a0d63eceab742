"""`mailflow status` and `mailflow demo`: where the consultation stands."""

from __future__ import annotations

from pathlib import Path

import click

from mailflow.app import App
from mailflow.cli.common import campaign_option, get_app
from mailflow.committee.status import build_status, render_status
from mailflow.demo import run_demo
from mailflow.lifecycle import LetterStatus
from mailflow.store.db import transaction
from mailflow.store.inbound import mailbox_states
from mailflow.store.messages import message_counts
from mailflow.store.reviews import open_reviews


def _status_lines(app: App, slug: str) -> list[str]:
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
    for line in _status_lines(app, app.campaign(campaign_file).slug):
        click.echo(line)


@click.command("demo")
@click.option(
    "--recipients",
    "recipients_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("config/recipients-sample.csv"),
    show_default=True,
    help="Recipient list to import.",
)
@campaign_option
@click.pass_context
def demo(ctx: click.Context, recipients_file: Path, campaign_file: Path | None) -> None:
    """Run the whole pipeline on the embedded defaults: no mail server, everything under storage/.

    Example: mailflow demo
    """
    app = get_app(ctx)
    campaign = app.campaign(campaign_file)
    run = run_demo(app, campaign, recipients_file)
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
    for line in _status_lines(app, campaign.slug):
        click.echo(line)
    with transaction(app.sessions()) as session:
        queue = [(item.id, [r["code"] for r in item.reasons]) for item in open_reviews(session)]
    click.echo("\nreview queue:")
    for item_id, codes in queue:
        click.echo(f"  #{item_id}: {', '.join(codes)}")
    click.echo(f"\ndigest: {run.digest}")
    click.echo(
        "\nNext: set [mailbox] and [smtp] in config/mailflow.toml (passwords in MAILFLOW_IMAP_PASSWORD and "
        "MAILFLOW_SMTP_PASSWORD), then run `mailflow worker`; review flagged replies with `mailflow web`."
    )
