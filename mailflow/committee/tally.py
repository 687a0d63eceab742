"""Counting the consultation: per-recommendation tallies, the response rate and each respondent's status.

The database keeps the counts (`mailflow.store.counts`); this turns them into bars, shared by the dashboard,
`mailflow status` and the digest, so the web page and the weekly email never disagree about a number. "No
answer" counts the recipients a recommendation is addressed to who have not (yet) given a stance on it, so
every bar adds up to the same audience.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy.orm import Session

from mailflow.store.counts import respondents_before, stance_counts
from mailflow.store.reports import CampaignFacts, RecFact

STANCES = ("agree", "disagree", "partial", "abstain")
NO_ANSWER = "none"
COLUMNS = (*STANCES, NO_ANSWER)
SECTORS = ("business", "cso")


class RespondentStatus(StrEnum):
    """Where one organisation stands, the furthest step wins: reviewed > replied > bounced > reminded > sent."""

    NOT_SENT = "not_sent"
    SENT = "sent"
    BOUNCED = "bounced"
    REPLIED = "replied"
    REMINDED = "reminded"
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class Segment:
    stance: str
    count: int
    percent: int  # whole percents that add up to 100 across a bar (largest remainder)


@dataclass(frozen=True)
class Counts:
    values: tuple[int, ...]  # in the order of COLUMNS

    @property
    def total(self) -> int:
        return sum(self.values)

    def get(self, stance: str) -> int:
        return self.values[COLUMNS.index(stance)]

    def segments(self) -> tuple[Segment, ...]:
        return tuple(Segment(s, c, p) for s, c, p in zip(COLUMNS, self.values, percents(self.values), strict=True))


@dataclass(frozen=True)
class RecTally:
    rec: RecFact
    all: Counts
    business: Counts
    cso: Counts


@dataclass(frozen=True)
class RatePoint:
    day: date
    replied: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.replied / self.total) if self.total else 0


def percents(values: tuple[int, ...] | list[int]) -> tuple[int, ...]:
    """Whole percents summing to exactly 100 (or all 0), rounding by largest remainder, so bars line up."""
    total = sum(values)
    if total == 0:
        return tuple(0 for _ in values)
    exact = [100 * v / total for v in values]
    floors = [int(x) for x in exact]
    order = sorted(range(len(values)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return tuple(floors)


def addressed(rec: RecFact, sector: str) -> bool:
    """Panel 3 of the seed letter has recommendations for business only and for CSOs only."""
    return rec.audience in ("all", sector)


def tally(session: Session, facts: CampaignFacts) -> tuple[RecTally, ...]:
    """Per recommendation, the stances of all organisations and of each sector, counted by the database."""
    counts = stance_counts(session, facts.id) if facts.id is not None else {}
    result = []
    for rec in facts.recommendations:
        per_sector = {sector: _counts(rec, sector, facts.sectors.get(sector, 0), counts) for sector in SECTORS}
        both = Counts(tuple(sum(c.values[i] for c in per_sector.values()) for i in range(len(COLUMNS))))
        result.append(RecTally(rec, both, per_sector["business"], per_sector["cso"]))
    return tuple(result)


def _counts(rec: RecFact, sector: str, organisations: int, counts: dict[tuple[str, str, str], int]) -> Counts:
    if not addressed(rec, sector):
        return Counts(tuple(0 for _ in COLUMNS))
    given = [counts.get((rec.rec_id, sector, stance), 0) for stance in STANCES]
    return Counts((*given, max(organisations - sum(given), 0)))


def response_rate(session: Session, facts: CampaignFacts, *, until: datetime, days: int = 28) -> tuple[RatePoint, ...]:
    """Organisations that had replied by the end of each of the last `days` days (UTC)."""
    end = until.astimezone(UTC).date()
    days_shown = [end - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    ends = [datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC) for day in days_shown]
    replied = respondents_before(session, facts.id, ends) if facts.id is not None else [0] * len(ends)
    return tuple(RatePoint(day, n, facts.recipients) for day, n in zip(days_shown, replied, strict=True))
