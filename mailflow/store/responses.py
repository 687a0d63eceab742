"""Recording stances: one current stance per recipient and recommendation, with its history.

Two rules protect the committee's record. A later reply updates only the recommendations it addresses,
and the replaced stance moves to the history so a change of position stays visible. A reviewer's
decision is final: the parser never overwrites it (a later reply that disagrees with it goes to review).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, TextClause, bindparam, insert, select, text
from sqlalchemy.orm import Session

from mailflow.reading.reply import StanceFinding
from mailflow.store.db import recordset, recordset_param
from mailflow.store.models import (
    RecommendationRow,
    ResponseHistoryRow,
    ResponseRow,
    SetBy,
)

_RESPONSES = ResponseRow.metadata.tables[ResponseRow.__tablename__]
_STANCE_COLUMNS = (
    "recipient_id", "recommendation_id", "stance", "reason", "evidence", "confidence", "source_message_id", "set_by",
    "set_by_user", "updated_at",
)  # fmt: skip
# built once: asked for every reply recorded
_CURRENT = select(ResponseRow).where(ResponseRow.recipient_id == bindparam("recipient_id"))


@dataclass(frozen=True)
class StanceChange:
    rec_id: str
    old: str | None
    new: str


@dataclass(frozen=True)
class RecordSummary:
    changed: tuple[StanceChange, ...] = ()
    unchanged: tuple[str, ...] = ()
    kept_reviewer: tuple[str, ...] = field(default=())  # parser disagreed with a reviewer's decision
    unknown: tuple[str, ...] = ()


def record_stances(
    session: Session,
    *,
    campaign_id: int,
    recipient_id: int,
    stances: Mapping[str, StanceFinding],
    source_message_id: int | None,
    at: datetime,
    set_by: SetBy = SetBy.PARSER,
    user: str | None = None,
    recommendation_ids: Mapping[str, int] | None = None,
) -> RecordSummary:
    """Store `stances` as the recipient's current ones; idempotent for the same stances from the same message.

    `recommendation_ids` maps the campaign's recommendation numbers to their rows when the caller has them
    (the worker loads them once per batch); without it only the ones addressed are looked up.
    """
    rec_ids = recommendation_ids if recommendation_ids is not None else _row_ids(session, campaign_id, stances)
    current = {row.recommendation_id: row for row in session.scalars(_CURRENT, {"recipient_id": recipient_id})}
    changed: list[StanceChange] = []
    unchanged: list[str] = []
    kept: list[str] = []
    unknown: list[str] = []
    new_rows: list[dict[str, Any]] = []
    for rec_id, finding in stances.items():
        rec_row_id = rec_ids.get(rec_id)
        if rec_row_id is None:
            unknown.append(rec_id)
            continue
        row = current.get(rec_row_id)
        if row is not None and row.stance == finding.stance.value and row.reason == finding.reason:
            unchanged.append(rec_id)
            continue
        if row is not None and row.set_by == SetBy.REVIEWER and set_by == SetBy.PARSER:
            kept.append(rec_id)
            continue
        if row is None:  # a first stance: inserted with the others, below
            new_rows.append({
                "recipient_id": recipient_id, "recommendation_id": rec_row_id, "stance": finding.stance.value,
                "reason": finding.reason, "evidence": finding.evidence, "confidence": finding.confidence,
                "source_message_id": source_message_id, "set_by": set_by.value, "set_by_user": user, "updated_at": at,
            })  # fmt: skip
            changed.append(StanceChange(rec_id, None, finding.stance.value))
            continue
        old = row.stance
        archive(session, row, at=at)
        row.stance, row.reason, row.evidence, row.confidence = (
            finding.stance.value,
            finding.reason,
            finding.evidence,
            finding.confidence,
        )
        row.source_message_id, row.set_by, row.set_by_user, row.updated_at = (
            source_message_id,
            set_by.value,
            user,
            at,
        )
        changed.append(StanceChange(rec_id, old, finding.stance.value))
    if new_rows:
        # One INSERT for a reply's first stances, not an ORM object and flush each (a fifth of the worker's time
        # per reply, issue 15), and a Core one: the ORM's bulk insert cost twice the statement itself. The next
        # reply of this organisation finds them, as they are in the database.
        # Changed rows need no flush (the session hands back the changed object), so a batch of replies writes
        # its updates together at the end.
        _insert_stances(session.connection(), new_rows)
    return RecordSummary(tuple(changed), tuple(unchanged), tuple(kept), tuple(unknown))


def _insert_stances(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert a reply's first stances with one statement, not an executemany: psycopg sends an executemany as a
    statement per row, and PostgreSQL's counting triggers run per statement (a reply's 17 stances ran them 17
    times, a recount of the recipient and a tally update each: 0.8 ms of the server's CPU per reply, issue 15)."""
    if connection.dialect.name == "postgresql":
        connection.execute(_RECORDSET, recordset_param(rows))
    else:
        connection.execute(_insert_values(len(rows)), _numbered(rows))


def _recordset() -> Insert:
    """PostgreSQL's INSERT of any number of stances (`recordset`): a reply's 17 as VALUES rows had 170 parameters,
    whose placeholders psycopg converted again at every reply (under cProfile 2.9 s of the 27 s that 5,000
    replies took, issue 15)."""
    columns = [_RESPONSES.c[name] for name in _STANCE_COLUMNS]
    return insert(_RESPONSES).from_select(columns, select(recordset(columns)))


_RECORDSET = _recordset()


@cache
def _insert_values(count: int) -> TextClause:
    """SQLite's INSERT of `count` stances as VALUES rows, written once per count as text with typed parameters, so
    that it is compiled once: SQLAlchemy does not cache a many-row `insert().values()` (1.8 ms to compile for 17
    rows)."""
    rows = ", ".join("(" + ", ".join(f":{name}_{i}" for name in _STANCE_COLUMNS) + ")" for i in range(count))
    statement = text(f"INSERT INTO {_RESPONSES.name} ({', '.join(_STANCE_COLUMNS)}) VALUES {rows}")
    typed = [bindparam(f"{name}_{i}", type_=_RESPONSES.c[name].type) for i in range(count) for name in _STANCE_COLUMNS]
    return statement.bindparams(*typed)


def _numbered(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {f"{name}_{i}": row[name] for i, row in enumerate(rows) for name in _STANCE_COLUMNS}


def _row_ids(session: Session, campaign_id: int, stances: Mapping[str, StanceFinding]) -> dict[str, int]:
    addressed = select(RecommendationRow.rec_id, RecommendationRow.id).where(
        RecommendationRow.campaign_id == campaign_id, RecommendationRow.rec_id.in_(list(stances))
    )
    return {rec_id: row_id for rec_id, row_id in session.execute(addressed)}


def archive(session: Session, row: ResponseRow, *, at: datetime) -> None:
    """Keep a stance that is being replaced or struck out, so a change of position stays visible."""
    session.add(
        ResponseHistoryRow(
            recipient_id=row.recipient_id,
            recommendation_id=row.recommendation_id,
            stance=row.stance,
            reason=row.reason,
            source_message_id=row.source_message_id,
            set_by=row.set_by,
            set_by_user=row.set_by_user,
            valid_from=row.updated_at,
            replaced_at=at,
        )
    )
