"""The consultation's report: what the committee signs and publishes, built from the database as it stands.

`build_report` is pure: the campaign and what the database's queries hand over (`ReportSources`: the tallies the
dashboard shows, so the report and the dashboard never disagree, the method figures, and the reasons and
organisations as streams in the order the report shows them) go in, a typed `Report` comes out. The renderers
(`report_docx`, `report_html`, `report_pdf`) only lay it out, in the language it was built for; `report_files`
is the I/O edge the CLI, the web download and the demo share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from mailflow.campaign.letter import Campaign
from mailflow.committee.tally import SECTORS, Counts, RecTally, Segment
from mailflow.committee.words import LANGUAGES, words
from mailflow.errors import ReportError
from mailflow.store.report_counts import ReadingCounts
from mailflow.store.reports import REASON_ORDER, OrganisationOutcome, ReasonQuote

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


@dataclass(frozen=True)
class ReportSources:
    """What the report is built from, as the queries hand it over (`report_files.load_report`): the counts, and
    the two long lists as streams, each read once, in the order the report shows them."""

    title: str  # the campaign's title in the database; the letter's when empty
    tallies: tuple[RecTally, ...]
    counts: ReadingCounts
    appeals_sent: tuple[datetime, datetime] | None  # when the first and the last appeal left
    reasons: Iterable[ReasonQuote]  # by recommendation, objections first, then by organisation
    organisations: Iterable[OrganisationOutcome]  # by name


def build_report(campaign: Campaign, sources: ReportSources, *, language: str, made: date) -> Report:
    """The report in `language` (ru, ky or en) as of `made`."""
    if language not in LANGUAGES:
        raise ReportError(f"language {language!r}", f"choose one of {', '.join(LANGUAGES)}")
    tallies = {t.rec.rec_id: t for t in sources.tallies}
    quotes = _quotes(sources.reasons)
    panels = []
    for panel in campaign.panels:
        recs = tuple(
            _section(tallies[r.id], quotes.get(r.id, ())) for r in campaign.in_panel(panel.number) if r.id in tallies
        )
        if recs:
            panels.append(PanelSection(panel.number, panel.title, recs))
    answered, silent, bounced = [], [], []
    last_first: datetime | None = None  # the latest first reply: when the last organisation joined in
    for outcome in sources.organisations:
        r, first = outcome.recipient, outcome.first_reply_at
        if first is None:
            silent.append(AnnexEntry(r.organisation, r.sector, r.email))
        else:
            answered.append(AnnexEntry(r.organisation, r.sector, r.email, first.date()))
            last_first = first if last_first is None else max(last_first, first)
        if outcome.bounced:
            bounced.append(AnnexEntry(r.organisation, r.sector, r.email))
    sent = sources.appeals_sent
    return Report(
        language=language,
        title=sources.title or campaign.title,
        committee=campaign.letter.signature,
        made=made,
        period=(sent[0].date(), (last_first or sent[1]).date()) if sent else None,
        method=_method(sources.counts),
        panels=tuple(panels),
        answered=tuple(answered),
        silent=tuple(silent),
        bounced=tuple(bounced),
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


def _quotes(reasons: Iterable[ReasonQuote]) -> dict[str, tuple[QuoteGroup, ...]]:
    """Per recommendation, the reasons given, grouped by stance in `REASON_ORDER` (the stream's own order)."""
    found: dict[str, dict[str, list[Quote]]] = {}
    for given in reasons:
        text = given.reason.strip()
        if text and given.stance in REASON_ORDER:
            by_stance = found.setdefault(given.rec_id, {})
            by_stance.setdefault(given.stance, []).append(Quote(given.organisation, given.sector, text))
    return {
        rec_id: tuple(QuoteGroup(stance, tuple(by_stance[stance])) for stance in REASON_ORDER if stance in by_stance)
        for rec_id, by_stance in found.items()
    }


def _section(rec_tally: RecTally, quotes: tuple[QuoteGroup, ...]) -> RecSection:
    rec = rec_tally.rec
    sectors = tuple(
        (sector, counts)
        for sector, counts in (("business", rec_tally.business), ("cso", rec_tally.cso))
        if rec.audience in ("all", sector)
    )
    return RecSection(rec.rec_id, rec.text, rec.audience, rec_tally.all, sectors, quotes)


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
