"""The consultation's report: what the committee signs and publishes, built from the database as it stands.

`build_report` is pure: the campaign, the facts the dashboard counts (`tally`, `reasons`, `first_replies`, so the
report and the dashboard never disagree) and the method figures counted in SQL go in, a typed `Report` comes
out. The renderers (`report_docx`, `report_html`, `report_pdf`) only lay it out, in the language it was built
for; `report_files` is the I/O edge the CLI, the web download and the demo share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mailflow.campaign.letter import Campaign
from mailflow.committee.tally import REASON_ORDER, SECTORS, Counts, RecTally, Segment, first_replies, reasons, tally
from mailflow.committee.words import LANGUAGES, words
from mailflow.errors import ReportError
from mailflow.store.report_counts import ReadingCounts
from mailflow.store.reports import Facts

STANCE_ORDER = ("agree", "partial", "disagree", "abstain", "none")  # as the letter asks: yes, partly, no, abstain


@dataclass(frozen=True)
class SectorRate:
    sector: str  # business | cso
    recipients: int
    respondents: int

    @property
    def percent(self) -> int:
        return round(100 * self.respondents / self.recipients) if self.recipients else 0


@dataclass(frozen=True)
class Method:
    """The figures of the method section, each a count over the campaign's rows."""

    sent: int  # appeal letters that left
    delivered: int
    bounced: int
    replies: int  # human replies from the campaign's organisations
    respondents: int  # organisations with at least one reply
    automatic: int
    reviewed: int
    corrected: int
    waiting: int
    rates: tuple[SectorRate, ...]


@dataclass(frozen=True)
class Quote:
    organisation: str
    sector: str
    text: str


@dataclass(frozen=True)
class QuoteGroup:
    stance: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class RecSection:
    rec_id: str
    text: str
    audience: str  # all | business | cso
    overall: Counts
    sectors: tuple[tuple[str, Counts], ...]  # (sector, counts) for the sectors it is addressed to
    quotes: tuple[QuoteGroup, ...]  # objections first; only stances someone gave a reason for


@dataclass(frozen=True)
class PanelSection:
    number: int
    title: str
    recs: tuple[RecSection, ...]


@dataclass(frozen=True)
class AnnexEntry:
    organisation: str
    sector: str
    email: str
    answered: date | None = None  # the day of the first reply


@dataclass(frozen=True)
class Report:
    language: str
    title: str
    committee: str
    made: date
    period: tuple[date, date] | None  # first appeal sent, last reply received
    method: Method
    panels: tuple[PanelSection, ...]
    answered: tuple[AnnexEntry, ...]
    silent: tuple[AnnexEntry, ...]
    bounced: tuple[AnnexEntry, ...]


def build_report(campaign: Campaign, facts: Facts, counts: ReadingCounts, *, language: str, made: date) -> Report:
    """The report in `language` (ru, ky or en) as of `made`."""
    if language not in LANGUAGES:
        raise ReportError(f"language {language!r}", f"choose one of {', '.join(LANGUAGES)}")
    tallies = {t.rec.rec_id: t for t in tally(facts)}
    panels = []
    for panel in campaign.panels:
        recs = tuple(_section(facts, tallies[r.id]) for r in campaign.in_panel(panel.number) if r.id in tallies)
        if recs:
            panels.append(PanelSection(panel.number, panel.title, recs))
    first = first_replies(facts)
    people = sorted(facts.recipients, key=lambda r: r.organisation.casefold())
    bounced_ids = {letter.recipient_id for letter in facts.letters if letter.status == "bounced"}
    sent_days = [letter.sent_at for letter in facts.letters if letter.kind == "appeal" and letter.sent_at]
    return Report(
        language=language,
        title=facts.title or campaign.title,
        committee=campaign.letter.signature,
        made=made,
        period=(min(sent_days).date(), max(first.values(), default=max(sent_days)).date()) if sent_days else None,
        method=_method(counts),
        panels=tuple(panels),
        answered=tuple(
            AnnexEntry(r.organisation, r.sector, r.email, first[r.id].date()) for r in people if r.id in first
        ),
        silent=tuple(AnnexEntry(r.organisation, r.sector, r.email) for r in people if r.id not in first),
        bounced=tuple(AnnexEntry(r.organisation, r.sector, r.email) for r in people if r.id in bounced_ids),
    )


def _method(counts: ReadingCounts) -> Method:
    return Method(
        sent=counts.appeals_out(),
        delivered=counts.appeals.get("sent", 0),
        bounced=counts.appeals.get("bounced", 0),
        replies=counts.replies,
        respondents=sum(counts.respondents.values()),
        automatic=counts.automatic,
        reviewed=counts.reviewed,
        corrected=counts.corrected,
        waiting=counts.waiting,
        rates=tuple(
            SectorRate(sector, counts.recipients.get(sector, 0), counts.respondents.get(sector, 0))
            for sector in SECTORS
        ),
    )


def _section(facts: Facts, rec_tally: RecTally) -> RecSection:
    rec = rec_tally.rec
    given = [e for e in reasons(facts, rec.rec_id) if e.reason.strip()]
    quotes = {
        stance: tuple(Quote(e.organisation, e.sector, e.reason.strip()) for e in given if e.stance == stance)
        for stance in REASON_ORDER
    }
    groups = tuple(QuoteGroup(stance, found) for stance, found in quotes.items() if found)
    sectors = tuple(
        (sector, counts)
        for sector, counts in (("business", rec_tally.business), ("cso", rec_tally.cso))
        if rec.audience in ("all", sector)
    )
    return RecSection(rec.rec_id, rec.text, rec.audience, rec_tally.all, sectors, groups)


def method_rows(report: Report) -> tuple[tuple[str, str, bool], ...]:
    """The method section's table as (label, value, is a part of the row above), in the report's language."""
    m, w = report.method, words(report.language)
    rows = [
        (w("method.sent"), str(m.sent), False),
        (w("method.delivered"), str(m.delivered), True),
        (w("method.bounced"), str(m.bounced), True),
        (w("method.replies"), str(m.replies), False),
        (w("method.automatic"), str(m.automatic), True),
        (w("method.reviewed"), str(m.reviewed), True),
        (w("method.corrected"), str(m.corrected), True),
        (w("method.waiting"), str(m.waiting), True),
        (w("method.respondents"), str(m.respondents), False),
    ]
    for rate in m.rates:
        value = w("method.rate_value", respondents=rate.respondents, recipients=rate.recipients, percent=rate.percent)
        rows.append((w("method.rate", sector=w(f"sector.{rate.sector}_long")), value, False))
    return tuple(rows)


def segments(counts: Counts) -> tuple[Segment, ...]:
    """A bar's segments in reading order (agree … no answer), empty ones left out."""
    found = {s.stance: s for s in counts.segments()}
    return tuple(found[stance] for stance in STANCE_ORDER if found[stance].percent > 0)


def day(value: date) -> str:
    return f"{value:%d.%m.%Y}"
