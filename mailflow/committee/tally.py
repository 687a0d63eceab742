"""Counting the consultation: per-recommendation tallies, the response rate and each respondent's status.

Pure functions of `Facts`, shared by the dashboard, the exports and the digest, so the web page and the
weekly email never disagree about a number. "No answer" counts the recipients a recommendation is
addressed to who have not (yet) given a stance on it, so every bar adds up to the same audience.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from mailflow.store.reports import Facts, RecFact, RecipientFact

STANCES = ("agree", "disagree", "partial", "abstain")
NO_ANSWER = "none"
COLUMNS = (*STANCES, NO_ANSWER)
SECTORS = ("business", "cso")
REASON_ORDER = ("disagree", "partial", "agree", "abstain")  # objections first: they are what needs an answer


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


@dataclass(frozen=True)
class Respondent:
    recipient: RecipientFact
    status: RespondentStatus
    replies: int
    reminders: int
    last_reply_at: datetime | None


@dataclass(frozen=True)
class ReasonEntry:
    organisation: str
    sector: str
    stance: str
    reason: str


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


def addressed(rec: RecFact, recipient: RecipientFact) -> bool:
    """Panel 3 of the seed letter has recommendations for business only and for CSOs only."""
    return rec.audience in ("all", recipient.sector)


def tally(facts: Facts) -> tuple[RecTally, ...]:
    stance_of = {(r.recipient_id, r.rec_id): r.stance for r in facts.responses}
    result = []
    for rec in facts.recommendations:
        per_sector: dict[str, Counter[str]] = {s: Counter() for s in SECTORS}
        for recipient in facts.recipients:
            if addressed(rec, recipient):
                stance = stance_of.get((recipient.id, rec.rec_id), NO_ANSWER)
                per_sector.setdefault(recipient.sector, Counter())[stance] += 1
        both = sum(per_sector.values(), Counter())
        result.append(RecTally(rec, _counts(both), _counts(per_sector["business"]), _counts(per_sector["cso"])))
    return tuple(result)


def _counts(counter: Counter[str]) -> Counts:
    return Counts(tuple(counter.get(c, 0) for c in COLUMNS))


def first_replies(facts: Facts) -> dict[int, datetime]:
    """When each recipient first answered: the response rate counts organisations, not messages."""
    first: dict[int, datetime] = {}
    for reply in facts.replies:
        if reply.recipient_id not in first or reply.received_at < first[reply.recipient_id]:
            first[reply.recipient_id] = reply.received_at
    return first


def response_rate(facts: Facts, *, until: datetime, days: int = 28) -> tuple[RatePoint, ...]:
    """Organisations that had replied by the end of each of the last `days` days (UTC)."""
    first = sorted(first_replies(facts).values())
    total = len(facts.recipients)
    end = until.date()
    points = []
    for offset in range(days - 1, -1, -1):
        day = end - timedelta(days=offset)
        replied = sum(1 for at in first if at.date() <= day)
        points.append(RatePoint(day, replied, total))
    return tuple(points)


def respondents(facts: Facts) -> tuple[Respondent, ...]:
    replies = Counter(r.recipient_id for r in facts.replies)
    last: dict[int, datetime] = {}
    for reply in facts.replies:
        last[reply.recipient_id] = max(reply.received_at, last.get(reply.recipient_id, reply.received_at))
    reviewed = {r.recipient_id for r in facts.responses if r.set_by == "reviewer"}
    reviewed |= {r.recipient_id for r in facts.reviews if r.status == "closed" and r.recipient_id is not None}
    letters: dict[int, list[tuple[str, str]]] = {}
    for letter in facts.letters:
        letters.setdefault(letter.recipient_id, []).append((letter.kind, letter.status))
    result = []
    for recipient in sorted(facts.recipients, key=lambda r: r.organisation.casefold()):
        own = letters.get(recipient.id, [])
        reminders = sum(1 for kind, status in own if kind == "reminder" and status in ("sent", "bounced"))
        result.append(
            Respondent(
                recipient,
                _status(own, reminders, replied=recipient.id in replies, reviewed=recipient.id in reviewed),
                replies.get(recipient.id, 0),
                reminders,
                last.get(recipient.id),
            )
        )
    return tuple(result)


def _status(letters: list[tuple[str, str]], reminders: int, *, replied: bool, reviewed: bool) -> RespondentStatus:
    if reviewed:
        return RespondentStatus.REVIEWED
    if replied:
        return RespondentStatus.REPLIED
    if any(status == "bounced" for _, status in letters):
        return RespondentStatus.BOUNCED
    if reminders:
        return RespondentStatus.REMINDED
    if any(kind == "appeal" and status == "sent" for kind, status in letters):
        return RespondentStatus.SENT
    return RespondentStatus.NOT_SENT


def reasons(facts: Facts, rec_id: str, *, stances: tuple[str, ...] = STANCES) -> tuple[ReasonEntry, ...]:
    """Every stance given on one recommendation with its reason, objections first: what the report quotes."""
    by_id = {r.id: r for r in facts.recipients}
    found = [
        ReasonEntry(by_id[r.recipient_id].organisation, by_id[r.recipient_id].sector, r.stance, r.reason or "")
        for r in facts.responses
        if r.rec_id == rec_id and r.stance in stances and r.recipient_id in by_id
    ]
    return tuple(sorted(found, key=lambda e: (REASON_ORDER.index(e.stance), e.organisation.casefold())))
