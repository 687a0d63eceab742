"""`mailflow digest --preview`: the weekly digest for the committee, written to storage/ to look at."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from mailflow.cli.common import get_app
from mailflow.digest import build_digest, compose_digest, write_preview
from mailflow.store.db import transaction
from mailflow.store.reports import load_facts


@click.command("digest")
@click.option("--preview", is_flag=True, required=True, help="Write the digest as .html and .eml to storage/digests/.")
@click.option(
    "--end",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
    help="The week ends at this UTC time (default: now).",
)
@click.pass_context
def digest(ctx: click.Context, preview: bool, end: datetime | None) -> None:
    """Render the weekly digest for the week ending now (or --end) and print where it was written.

    The worker sends the same digest to committee.addresses on its schedule; this only previews it.
    Example: mailflow digest --preview --end 2026-12-07
    """
    app = get_app(ctx)
    settings = app.settings
    campaign = app.campaign()
    now = datetime.now(UTC)
    until = end.replace(tzinfo=UTC) if end is not None else now
    with transaction(app.sessions()) as session:
        facts = load_facts(session, campaign.slug)
    result = build_digest(facts, end=until, web_url=settings.committee.web_url)
    letter = compose_digest(
        app.templates(),
        campaign,
        result,
        to=(settings.committee.addresses or (settings.sender.address,))[0],
        sender=settings.sender,
        web_url=settings.committee.web_url,
        now=now,
    )
    html_path, eml_path = write_preview(letter, settings.storage_dir / "digests", until)
    click.echo(f"{html_path}  {eml_path}")
