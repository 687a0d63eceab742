"""`mailflow worker`, `mailflow reprocess`: the running system and its repair."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from apscheduler.schedulers.background import BackgroundScheduler

from mailflow.cli.common import campaign_option, get_app
from mailflow.lifecycle import MessageStatus
from mailflow.receiving.ingest import process_message, queue_acknowledgements
from mailflow.receiving.signals import StopOnSignals
from mailflow.receiving.worker import CycleSummary
from mailflow.schedule import start_scheduler
from mailflow.store.db import transaction
from mailflow.store.messages import messages_with_status, reopen_message


def describe(summary: CycleSummary) -> str:
    return (
        f"fetched {summary.fetched}: {summary.recorded} recorded, {summary.flagged} for review, "
        f"{summary.failed} quarantined, {summary.duplicates} already known"
    )


@click.command("worker")
@campaign_option
@click.option("--once", is_flag=True, help="Run one fetch cycle and send what is due, then exit.")
@click.pass_context
def worker(ctx: click.Context, campaign_file: Path | None, once: bool) -> None:
    """Read replies as they arrive, record them, and run the timetable (the Procfile's worker).

    Stop it with SIGTERM or Ctrl-C: the message in hand is finished first.
    Example: mailflow worker
    """
    app = get_app(ctx)
    campaign = app.campaign(campaign_file)
    scheduler: list[BackgroundScheduler] = []

    def on_lease(held: bool) -> None:
        if held and not once and not scheduler:
            scheduler.append(start_scheduler(app, campaign, ctx.find_root().params.get("config")))
        elif not held and scheduler:
            scheduler.pop().shutdown(wait=True)

    running = app.worker(campaign)
    running.on_lease = on_lease
    if once:
        click.echo(describe(running.cycle()))
        running.close()
        sent = app.send_due()
        click.echo(f"outbox: {len(sent.outcomes)} letter(s) handled")
        return

    def announce(name: str) -> None:
        click.echo(f"stopping ({name}): finishing the message in hand", err=True)

    # the handler never sets `running.stop` itself: see mailflow.receiving.signals
    with StopOnSignals(running.stop, announce):
        click.echo(f"worker on {running.mailbox.name} for {campaign.slug}; stop with Ctrl-C", err=True)
        running.run(wait_seconds=app.settings.worker.wait_seconds)


@click.command("reprocess")
@click.argument("ids", nargs=-1, type=int)
@click.option("--failed", "failed", is_flag=True, help="Every quarantined (failed) message.")
@click.option("--all", "everything", is_flag=True, help="Every message, e.g. after a parser improvement.")
@campaign_option
@click.pass_context
def reprocess(
    ctx: click.Context, ids: tuple[int, ...], failed: bool, everything: bool, campaign_file: Path | None
) -> None:
    """Process stored messages again from their kept bytes (after a fix); reviewers' decisions stay.

    Example: mailflow reprocess --failed
    """
    app = get_app(ctx)
    campaign = app.campaign(campaign_file)
    factory = app.sessions()
    with transaction(factory) as session:
        if everything:
            chosen = messages_with_status(session, tuple(MessageStatus))
        elif failed:
            chosen = messages_with_status(session, (MessageStatus.FAILED,))
        else:
            chosen = list(ids)
    if not chosen:
        raise click.UsageError("name message IDs, or --failed, or --all")
    with transaction(factory) as session:
        context = app.processing_context(session, campaign)  # once, as the worker builds it once a cycle
    results: dict[str, int] = {}
    for inbound_id in chosen:
        with transaction(factory) as session:
            reopen_message(session, inbound_id)
            processed = process_message(session, inbound_id, context, now=datetime.now(UTC))
            queue_acknowledgements(session, context, [processed], now=datetime.now(UTC))
        results[processed.status.value] = results.get(processed.status.value, 0) + 1
    click.echo(", ".join(f"{count} {status}" for status, count in sorted(results.items())) or "nothing to do")
