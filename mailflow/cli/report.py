"""`mailflow report`: the consultation's report from the database as it stands, as DOCX, HTML or PDF."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from mailflow.cli.common import campaign_option, get_app
from mailflow.committee.report_files import ReportFormat, load_report, report_name, write_report
from mailflow.committee.words import LANGUAGES
from mailflow.store.db import transaction


@click.command("report")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ReportFormat]),
    default=ReportFormat.DOCX.value,
    show_default=True,
    help="docx to edit in Word, html to publish, pdf to print.",
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="ru", show_default=True, help="The report's language.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write it (default: storage/reports/SLUG-report-LANG-DATE.FORMAT).",
)
@campaign_option
@click.pass_context
def report(ctx: click.Context, fmt: str, lang: str, output: Path | None, campaign_file: Path | None) -> None:
    """Write the consultation's report: title page, method, stances and reasons per recommendation, annex.

    Every figure is counted from the database when the command runs. Prints the file's path.
    Example: mailflow report --format docx --lang ky -o report-ky.docx
    """
    app = get_app(ctx)
    campaign = app.campaign(campaign_file)
    made = datetime.now(UTC).astimezone(ZoneInfo(app.settings.schedule.timezone)).date()
    with transaction(app.sessions()) as session:
        built = load_report(session, campaign, language=lang, made=made)
    chosen = ReportFormat(fmt)
    path = output or app.settings.storage_dir / "reports" / report_name(campaign.slug, built, chosen)
    click.echo(str(write_report(built, chosen, path)))
