"""Counts kept up to date by the database as the rows they count change, so that the dashboard, `mailflow
status` and the digest read them instead of recounting a whole campaign on every view (issue 15: the tally's
GROUP BY alone took 0.6 s at 100,000 organisations, each respondent's status an EXISTS per recipient).

Triggers, installed by migration 0010, keep them in the transaction that makes the change, whichever code
makes it (the worker, a reviewer, `mailflow send`, a bounce, `mailflow reprocess`, a bulk UPDATE); row
triggers on SQLite, statement triggers over the changed rows on PostgreSQL (`triggers` says why):

- each recipient's row carries its `RespondentStatus`, its human replies (how many, the first, the last) and
  its reminders sent, recomputed from that recipient's own rows by indexed subqueries whenever one of them
  changes, so they cannot drift: they are the recount, done for one recipient at a time;
- `status_tallies` counts recipients per campaign, sector and status, `stance_tallies` current stances per
  recommendation, sector and stance, `first_reply_days` organisations by the UTC day of their first reply;
  each is moved by one as a recipient or a response changes.

The triggers are in `mailflow.store.count_triggers`. `rebuild_counts` recounts all of it from scratch
(`mailflow db recount`); `recount` and `kept` give the two side by side, for the tests and for anyone who
doubts a figure. On SQLite a table copied by a batch migration loses its triggers: a later migration that
alters these tables must call `install_triggers` again (`tests/worker/test_counts.py` checks that the newest
schema has them all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from mailflow.store.models import (
    KEPT,
    RECIPIENTS,
    FirstReplyDayRow,
    InboundRow,
    LetterRow,
    RecipientRow,
    RecommendationRow,
    ResponseRow,
    ReviewItemRow,
    SetBy,
    StanceTallyRow,
    StatusTallyRow,
)

# -- what is counted: one definition, read by the triggers, the rebuild and the recount ------------------------


def status_column() -> ColumnElement[str]:
    """A recipient's furthest step, the rule of `tally.RespondentStatus`: reviewed > replied > bounced >
    reminded > sent > not sent, as indexed EXISTS on the recipient's own rows."""
    r = RecipientRow
    reviewed = or_(
        select(ResponseRow.id)
        .where(ResponseRow.recipient_id == r.id, ResponseRow.set_by == SetBy.REVIEWER.value)
        .exists(),
        select(ReviewItemRow.id).where(ReviewItemRow.recipient_id == r.id, ReviewItemRow.status == "closed").exists(),
    )
    replied = select(InboundRow.id).where(InboundRow.recipient_id == r.id, InboundRow.kind == "reply").exists()

    def letter(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
        return select(LetterRow.id).where(LetterRow.recipient_id == r.id, *conditions).exists()

    return case(
        (reviewed, literal("reviewed")),
        (replied, literal("replied")),
        (letter(LetterRow.status == "bounced"), literal("bounced")),
        (letter(LetterRow.kind == "reminder", LetterRow.status.in_(["sent", "bounced"])), literal("reminded")),
        (letter(LetterRow.kind == "appeal", LetterRow.status == "sent"), literal("sent")),
        else_=literal("not_sent"),
    )


def _replies(column: Any) -> Any:
    return (
        select(column)
        .where(InboundRow.recipient_id == RecipientRow.id, InboundRow.kind == "reply")
        .correlate(RecipientRow)
        .scalar_subquery()
    )


def recipient_columns() -> dict[str, Any]:
    """The columns of `recipients` the triggers keep, each as its recount over the recipient's own rows."""
    reminders = (
        select(func.count(LetterRow.id))
        .where(
            LetterRow.recipient_id == RecipientRow.id,
            LetterRow.kind == "reminder",
            LetterRow.status.in_(["sent", "bounced"]),
        )
        .correlate(RecipientRow)
        .scalar_subquery()
    )
    return {
        "status": status_column(),
        "replies": _replies(func.count(InboundRow.id)),
        "first_reply_at": _replies(func.min(InboundRow.received_at)),
        "last_reply_at": _replies(func.max(InboundRow.received_at)),
        "reminders": reminders,
    }


# -- rebuilding and recounting ---------------------------------------------------------------------------------


def rebuild_counts(connection: Connection | Session) -> None:
    """Recount everything from scratch, in the caller's transaction: each recipient's kept columns, then the
    three tallies from them and from the responses."""
    connection.execute(update(RECIPIENTS).values(**recipient_columns()))
    for table in (StanceTallyRow, StatusTallyRow, FirstReplyDayRow):
        connection.execute(delete(table))
    r = RecipientRow
    connection.execute(
        insert(StatusTallyRow).from_select(
            ["campaign_id", "sector", "status", "organisations"],
            select(r.campaign_id, r.sector, KEPT.status, func.count()).group_by(r.campaign_id, r.sector, KEPT.status),
        )
    )
    day = _day_of(connection, KEPT.first_reply_at)
    connection.execute(
        insert(FirstReplyDayRow).from_select(
            ["campaign_id", "day", "organisations"],
            select(r.campaign_id, day, func.count())
            .where(KEPT.first_reply_at.is_not(None))
            .group_by(r.campaign_id, day),
        )
    )
    connection.execute(
        insert(StanceTallyRow).from_select(
            ["recommendation_id", "sector", "stance", "organisations"],
            select(ResponseRow.recommendation_id, r.sector, ResponseRow.stance, func.count())
            .join(r, r.id == ResponseRow.recipient_id)
            .group_by(ResponseRow.recommendation_id, r.sector, ResponseRow.stance),
        )
    )


def _day_of(connection: Connection | Session, moment: Any) -> Any:
    """The UTC day of a moment, as the triggers compute it."""
    dialect = connection.get_bind().dialect if isinstance(connection, Session) else connection.dialect
    if dialect.name == "postgresql":
        return func.date(func.timezone("UTC", moment))
    return func.date(moment)


@dataclass(frozen=True)
class Counts:
    """Everything kept, in one comparable shape: kept by the triggers (`kept`) or counted afresh (`recount`)."""

    recipients: dict[int, tuple[Any, ...]]  # id → (status, replies, first reply, last reply, reminders)
    statuses: dict[tuple[str, str], int]  # (sector, status) → organisations
    stances: dict[tuple[int, str, str], int]  # (recommendation row, sector, stance) → organisations
    first_replies: dict[date, int]  # day (UTC) → organisations


def kept(session: Session, campaign_id: int) -> Counts:
    r = RecipientRow
    names = list(recipient_columns())
    recipients = session.execute(select(r.id, *(KEPT[n] for n in names)).where(r.campaign_id == campaign_id))
    statuses = session.execute(
        select(StatusTallyRow.sector, StatusTallyRow.status, StatusTallyRow.organisations).where(
            StatusTallyRow.campaign_id == campaign_id, StatusTallyRow.organisations != 0
        )
    )
    t = StanceTallyRow
    stances = session.execute(
        select(t.recommendation_id, t.sector, t.stance, t.organisations)
        .join(RecommendationRow, RecommendationRow.id == StanceTallyRow.recommendation_id)
        .where(RecommendationRow.campaign_id == campaign_id, StanceTallyRow.organisations != 0)
    )
    days = session.execute(
        select(FirstReplyDayRow.day, FirstReplyDayRow.organisations).where(
            FirstReplyDayRow.campaign_id == campaign_id, FirstReplyDayRow.organisations != 0
        )
    )
    return Counts(
        {row[0]: _normal(row[1:]) for row in recipients},
        {(sector, status): n for sector, status, n in statuses},
        {(rec, sector, stance): n for rec, sector, stance, n in stances},
        {_date(day): n for day, n in days},
    )


def recount(session: Session, campaign_id: int) -> Counts:
    """The same figures counted from the rows, as the pages did before they were kept."""
    r = RecipientRow
    columns = recipient_columns()
    recipients = {
        row[0]: _normal(row[1:])
        for row in session.execute(select(r.id, *columns.values()).where(r.campaign_id == campaign_id))
    }
    statuses: dict[tuple[str, str], int] = {}
    sectors = {i: sector for i, sector in session.execute(select(r.id, r.sector).where(r.campaign_id == campaign_id))}
    days: dict[date, int] = {}
    for recipient_id, (status, _replies, first, _last, _reminders) in recipients.items():
        key = (sectors[recipient_id], status)
        statuses[key] = statuses.get(key, 0) + 1
        if first is not None:
            days[first.date()] = days.get(first.date(), 0) + 1
    stances = session.execute(
        select(ResponseRow.recommendation_id, r.sector, ResponseRow.stance, func.count())
        .join(r, r.id == ResponseRow.recipient_id)
        .where(r.campaign_id == campaign_id)
        .group_by(ResponseRow.recommendation_id, r.sector, ResponseRow.stance)
    )
    return Counts(recipients, statuses, {(rec, sector, stance): n for rec, sector, stance, n in stances}, days)


def _normal(values: Sequence[Any]) -> tuple[Any, ...]:
    """Datetimes as aware UTC (SQLite hands them back naive), so the two readings compare equal."""
    return tuple(v.replace(tzinfo=UTC) if isinstance(v, datetime) and v.tzinfo is None else v for v in values)


def _date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# -- reading the kept counts -----------------------------------------------------------------------------------


def stance_counts(session: Session, campaign_id: int) -> dict[tuple[str, str, str], int]:
    """(recommendation, sector, stance) → organisations, counting only stances on recommendations addressed to
    the organisation's sector: a few hundred kept rows, however many responses."""
    query = (
        select(RecommendationRow.rec_id, StanceTallyRow.sector, StanceTallyRow.stance, StanceTallyRow.organisations)
        .join(RecommendationRow, RecommendationRow.id == StanceTallyRow.recommendation_id)
        .where(
            RecommendationRow.campaign_id == campaign_id,
            RecommendationRow.audience.in_(["all", StanceTallyRow.sector]),
            StanceTallyRow.organisations != 0,
        )
    )
    return {(rec_id, sector, stance): n for rec_id, sector, stance, n in session.execute(query)}


def status_counts(session: Session, campaign_id: int) -> dict[str, int]:
    """Organisations by `RespondentStatus` value."""
    total = func.sum(StatusTallyRow.organisations)
    query = (
        select(StatusTallyRow.status, total)
        .where(StatusTallyRow.campaign_id == campaign_id)
        .group_by(StatusTallyRow.status)
        .having(total != 0)
    )
    return {status: int(n) for status, n in session.execute(query)}


def sector_counts(session: Session, campaign_id: int) -> dict[str, int]:
    """Recipients per sector."""
    total = func.sum(StatusTallyRow.organisations)
    query = (
        select(StatusTallyRow.sector, total)
        .where(StatusTallyRow.campaign_id == campaign_id)
        .group_by(StatusTallyRow.sector)
        .having(total != 0)
    )
    return {sector: int(n) for sector, n in session.execute(query)}


def recommendation_stances(session: Session, recommendation_id: int) -> dict[str, int]:
    """Stance → organisations that gave it on one recommendation row (every sector, addressed or not)."""
    total = func.sum(StanceTallyRow.organisations)
    query = (
        select(StanceTallyRow.stance, total)
        .where(StanceTallyRow.recommendation_id == recommendation_id)
        .group_by(StanceTallyRow.stance)
        .having(total != 0)
    )
    return {stance: int(n) for stance, n in session.execute(query)}


def respondents_before(session: Session, campaign_id: int, moments: Sequence[datetime]) -> list[int]:
    """For each moment, the organisations whose first reply came before it: the kept days before the moment's
    own (a few hundred rows at most), and that day's first replies up to the moment through the index."""
    if not moments:
        return []
    days = sorted(
        (_date(day), n)
        for day, n in session.execute(
            select(FirstReplyDayRow.day, FirstReplyDayRow.organisations).where(
                FirstReplyDayRow.campaign_id == campaign_id
            )
        )
    )
    result = []
    for moment in moments:
        at = moment.astimezone(UTC)
        midnight = datetime.combine(at.date(), time(), tzinfo=UTC)
        count = sum(n for day, n in days if day < at.date())
        if at > midnight:
            count += int(
                session.scalar(
                    select(func.count()).where(
                        RecipientRow.campaign_id == campaign_id,
                        KEPT.first_reply_at >= midnight,
                        KEPT.first_reply_at < at,
                    )
                )
                or 0
            )
        result.append(count)
    return result
