"""`mailflow campaign`: import a letter into a campaign file, show a campaign."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from mailflow.campaign.letter import save_campaign
from mailflow.campaign.letter_import import import_letter
from mailflow.cli.common import campaign_option, get_app
from mailflow.errors import CampaignError


@click.group()
def campaign() -> None:
    """Campaigns: the letter and its numbered recommendations.

    Example: mailflow campaign show --json
    """


@campaign.command("import")
@click.argument("letter", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--slug", help="Campaign identifier (default: the letter's file name).")
@click.option("--subject", help="Subject of the letter (default: derived from the dialogue's title).")
def import_command(letter: Path, output: Path, slug: str | None, subject: str | None) -> None:
    """Read a letter written as plain text and write the campaign file.

    Example: mailflow campaign import appeal-2023.txt -o config/campaigns/appeal-2023.toml
    """
    try:
        text = letter.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = letter.read_text(encoding="cp1251")
    except OSError as exc:
        raise CampaignError(str(letter), f"cannot read: {exc.strerror}") from exc
    result = import_letter(text, slug=slug or letter.stem, source=str(letter), subject=subject)
    save_campaign(result, output)
    audiences = Counter(r.audience.value for r in result.recommendations)
    click.echo(f"{len(result.recommendations)} recommendations in {len(result.panels)} panels -> {output}")
    for panel in result.panels:
        ids = [r.id for r in result.in_panel(panel.number)]
        click.echo(f"  panel {panel.number}: {panel.title} ({ids[0]}–{ids[-1]}, {len(ids)})")
    click.echo("  audiences: " + ", ".join(f"{name} {count}" for name, count in sorted(audiences.items())))


@campaign.command("show")
@campaign_option
@click.option("--json", "as_json", is_flag=True, help="Print the campaign as JSON.")
@click.pass_context
def show_command(ctx: click.Context, campaign_file: Path | None, as_json: bool) -> None:
    """Print the campaign: panels and recommendations with their IDs and audiences.

    Example: mailflow campaign show --campaign config/campaigns/appeal-2023.toml
    """
    shown = get_app(ctx).campaign(campaign_file)
    if as_json:
        click.echo(json.dumps(shown.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(f"{shown.title}  [{shown.slug}]")
    click.echo(f"Subject: {shown.letter.subject}")
    for panel in shown.panels:
        click.echo(f"\nPanel {panel.number}: {panel.title}")
        for rec in shown.in_panel(panel.number):
            audience = "" if rec.audience.value == "all" else f" [{rec.audience.value}]"
            click.echo(f"  {rec.id}{audience} {rec.text}")
