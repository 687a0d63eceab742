"""`mailflow recipients`: import and list the organisations a campaign writes to."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mailflow.campaign.recipients import read_recipients_file
from mailflow.cli.common import campaign_option, get_app
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction
from mailflow.store.recipients import import_recipients, list_recipients


@click.group()
def recipients() -> None:
    """Recipients of the campaign's letters.

    Example: mailflow recipients list
    """


@recipients.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@campaign_option
@click.pass_context
def import_command(ctx: click.Context, file: Path, campaign_file: Path | None) -> None:
    """Import a CSV or XLSX list (organisation, contact, email, sector, region, language).

    Every row is checked first; with any bad row nothing is imported.
    Example: mailflow recipients import config/recipients-sample.csv
    """
    app = get_app(ctx)
    entries = read_recipients_file(file)
    current = app.campaign(campaign_file)
    with transaction(app.sessions()) as session:
        summary = import_recipients(session, sync_campaign(session, current), entries, actor="cli")
    click.echo(
        f"{len(entries)} recipients for {current.slug}: "
        f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged"
    )


@recipients.command("list")
@campaign_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per recipient.")
@click.pass_context
def list_command(ctx: click.Context, campaign_file: Path | None, as_json: bool) -> None:
    """List the campaign's recipients.

    Example: mailflow recipients list --json
    """
    app = get_app(ctx)
    current = app.campaign(campaign_file)
    with transaction(app.sessions()) as session:
        rows = list_recipients(session, sync_campaign(session, current))
        for row in rows:
            if as_json:
                fields = ("organisation", "contact", "email", "sector", "region", "language")
                click.echo(json.dumps({f: getattr(row, f) for f in fields}, ensure_ascii=False))
            else:
                click.echo(f"{row.email:<36} {row.sector:<9} {row.language}  {row.organisation} ({row.contact})")
        if not rows:
            click.echo("no recipients yet: mailflow recipients import FILE.csv", err=True)
