"""The report as files: read from the database, rendered in a format, written where asked.

The I/O edge around the pure `report` core, shared by `mailflow report`, the dashboard's download and the demo.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy.orm import Session

from mailflow.campaign.letter import Campaign
from mailflow.committee.report import Report, ReportSources, build_report
from mailflow.committee.tally import tally
from mailflow.store.report_counts import reading_counts
from mailflow.store.reports import appeals_sent_span, campaign_facts, organisation_outcomes, reasons_stream


class ReportFormat(StrEnum):
    DOCX = "docx"
    HTML = "html"
    PDF = "pdf"

    @property
    def mimetype(self) -> str:
        return {
            ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ReportFormat.HTML: "text/html; charset=utf-8",
            ReportFormat.PDF: "application/pdf",
        }[self]


def load_report(session: Session, campaign: Campaign, *, language: str, made: date) -> Report:
    """The report from the database as it stands: counts and tallies in SQL, reasons and organisations streamed
    into the report as it is built (a campaign not yet in the database gives an empty one)."""
    facts = campaign_facts(session, campaign.slug)
    sources = ReportSources(
        title=facts.title,
        tallies=tally(session, facts),
        counts=reading_counts(session, campaign.slug),
        appeals_sent=appeals_sent_span(session, facts.id) if facts.id is not None else None,
        reasons=reasons_stream(session, facts.id) if facts.id is not None else (),
        organisations=organisation_outcomes(session, facts.id) if facts.id is not None else (),
    )
    return build_report(campaign, sources, language=language, made=made)


def render_report(report: Report, fmt: ReportFormat) -> bytes:
    """The report's bytes in `fmt`. Each renderer is imported when its format is asked for: python-docx alone
    adds 0.3 s to the start of every `mailflow` command, and the worker starts often."""
    if fmt is ReportFormat.DOCX:
        from mailflow.committee.report_docx import report_docx

        return report_docx(report)
    from mailflow.committee.report_html import report_html

    html = report_html(report)
    if fmt is ReportFormat.HTML:
        return html.encode("utf-8")
    from mailflow.committee.report_pdf import report_pdf

    return report_pdf(html)


def report_name(slug: str, report: Report, fmt: ReportFormat) -> str:
    """`appeal-2023-report-ru-2026-12-03.docx`: sorts by date, says the language."""
    return f"{slug}-report-{report.language}-{report.made:%Y-%m-%d}.{fmt.value}"


def write_report(report: Report, fmt: ReportFormat, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_report(report, fmt))
    return path


def save_reports(
    session: Session,
    campaign: Campaign,
    directory: Path,
    formats: tuple[ReportFormat, ...],
    *,
    language: str,
    made: date,
) -> tuple[Path, ...]:
    """The report built once and written in each format under its own name (`report_name`) in `directory`."""
    report = load_report(session, campaign, language=language, made=made)
    return tuple(write_report(report, fmt, directory / report_name(campaign.slug, report, fmt)) for fmt in formats)
