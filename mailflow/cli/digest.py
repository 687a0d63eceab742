"""`mailflow digest --preview`: the weekly digest for the committee, written to storage/ to look at."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from mailflow.cli.common import get_app
from mailflow.schedule import preview_digest


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
    now = datetime.now(UTC)
    until = end.replace(tzinfo=UTC) if end is not None else now
    html_path, eml_path = preview_digest(app, app.campaign(), end=until, now=now)
    click.echo(f"{html_path}  {eml_path}")
