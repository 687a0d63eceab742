"""The reviewer's side of review items: what the queue and a reply page read, and a decision written back.

A decision is one transaction: the reviewer's stances (final, `set_by=reviewer`), stances this message gave
that the reviewer struck out, the message's recipient when the worker could not tell, the message marked
recorded, the item closed, and an audit entry saying who decided what.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal, select, tuple_
from sqlalchemy.orm import Session

from mailflow.errors import ReviewError
from mailflow.lifecycle import MessageStatus, advance
from mailflow.reading.reply import ReviewReason, StanceFinding
from mailflow.store.models import (
    AuditRow,
    CampaignRow,
    InboundRow,
    RawMessageRow,
    RecipientRow,
    RecommendationRow,
    ResponseRow,
    ReviewItemRow,
    SetBy,
)
from mailflow.store.reports import RecFact, RecipientFact, utc
from mailflow.store.responses import RecordSummary, archive, record_stances
from mailflow.store.reviews import OPEN, close_review


@dataclass(frozen=True)
class QueueRow:
    item_id: int
    created_at: datetime
    received_at: datetime
    reasons: tuple[ReviewReason, ...]
    recipient: RecipientFact | None
    from_address: str
    subject: str


@dataclass(frozen=True)
class ItemRecord:
    item_id: int
    status: str
    created_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    inbound_id: int
    received_at: datetime
    match_method: str | None
    recipient: RecipientFact | None
    reasons: tuple[ReviewReason, ...]
    parsed: dict[str, Any]
    raw: bytes


def _reasons(payload: list[Any]) -> tuple[ReviewReason, ...]:
    return tuple(ReviewReason(str(r.get("code", "")), str(r.get("message", ""))) for r in payload)


def _recipient(row: RecipientRow | None) -> RecipientFact | None:
    return None if row is None else RecipientFact(row.id, row.organisation, row.email, row.sector)


def queue(session: Session, *, after: int | None = None, limit: int | None = None) -> list[QueueRow]:
    """Open items, oldest first: a respondent waiting longest for an answer is read first.

    A page of `limit` items continues after the item `after` (keyset on created_at, id); only the sender and
    subject are read from each message's parse, not its text.
    """
    query = (
        select(
            ReviewItemRow.id,
            ReviewItemRow.created_at,
            ReviewItemRow.reasons,
            InboundRow.received_at,
            InboundRow.parsed["from"].as_string(),
            InboundRow.parsed["subject"].as_string(),
            RecipientRow.id,
            RecipientRow.organisation,
            RecipientRow.email,
            RecipientRow.sector,
        )
        .join(InboundRow, InboundRow.id == ReviewItemRow.inbound_id)
        .outerjoin(RecipientRow, RecipientRow.id == ReviewItemRow.recipient_id)
        .where(ReviewItemRow.status == OPEN)
        .order_by(ReviewItemRow.created_at, ReviewItemRow.id)
        .limit(limit)
    )
    if after is not None:
        previous = session.scalar(select(ReviewItemRow.created_at).where(ReviewItemRow.id == after))
        if previous is not None:
            query = query.where(tuple_(ReviewItemRow.created_at, ReviewItemRow.id) > tuple_(literal(previous), after))
    return [
        QueueRow(
            item_id,
            utc(created_at),
            utc(received_at),
            _reasons(reasons),
            RecipientFact(rid, organisation, email, sector) if rid is not None else None,
            sender or "",
            subject or "",
        )
        for item_id, created_at, reasons, received_at, sender, subject, rid, organisation, email, sector in (
            session.execute(query)
        )
    ]


def load_item(session: Session, item_id: int) -> ItemRecord:
    item = session.get(ReviewItemRow, item_id)
    if item is None:
        raise ReviewError(str(item_id), "no such review item", missing=True)
    message = session.get(InboundRow, item.inbound_id)
    raw = session.get(RawMessageRow, message.sha256) if message is not None else None
    if message is None or raw is None:
        raise ReviewError(str(item_id), "its message is missing from the database", missing=True)
    recipient_id = item.recipient_id if item.recipient_id is not None else message.recipient_id
    recipient = session.get(RecipientRow, recipient_id) if recipient_id is not None else None
    return ItemRecord(
        item_id=item.id,
        status=item.status,
        created_at=utc(item.created_at),
        closed_at=utc(item.closed_at) if item.closed_at else None,
        closed_by=item.closed_by,
        inbound_id=message.id,
        received_at=utc(message.received_at),
        match_method=message.match_method,
        recipient=_recipient(recipient),
        reasons=_reasons(item.reasons),
        parsed=dict(message.parsed or {}),
        raw=raw.data,
    )


def recommendations(session: Session, slug: str) -> list[RecFact]:
    query = (
        select(RecommendationRow)
        .join(CampaignRow, CampaignRow.id == RecommendationRow.campaign_id)
        .where(CampaignRow.slug == slug)
        .order_by(RecommendationRow.position)
    )
    return [RecFact(r.rec_id, r.panel, r.audience, r.text) for r in session.scalars(query)]


def recipients(session: Session, slug: str, *, search: str = "", limit: int = 200) -> list[RecipientFact]:
    """The first `limit` of those the campaign wrote to whose name or address contains `search`, by name: for
    choosing who an unmatched reply is from without sending a hundred thousand options to the browser."""
    query = (
        select(RecipientRow)
        .join(CampaignRow, CampaignRow.id == RecipientRow.campaign_id)
        .where(CampaignRow.slug == slug)
        .order_by(RecipientRow.organisation, RecipientRow.id)
        .limit(limit)
    )
    if search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            func.lower(RecipientRow.organisation).like(pattern) | func.lower(RecipientRow.email).like(pattern)
        )
    return [RecipientFact(r.id, r.organisation, r.email, r.sector) for r in session.scalars(query)]


def apply_decision(
    session: Session,
    item_id: int,
    *,
    recipient_id: int,
    stances: Mapping[str, StanceFinding],
    cleared: Collection[str],
    user: str,
    at: datetime,
    note: str = "",
) -> RecordSummary:
    """Write a reviewer's decision; refuses an item that is already closed (two reviewers, one reply)."""
    item = session.get(ReviewItemRow, item_id, with_for_update=True)
    if item is None:
        raise ReviewError(str(item_id), "no such review item", missing=True)
    if item.status != OPEN:
        raise ReviewError(str(item_id), f"already decided by {item.closed_by}")
    recipient = session.get(RecipientRow, recipient_id)
    if recipient is None:
        raise ReviewError(str(item_id), f"no recipient with id {recipient_id}")
    message = session.get(InboundRow, item.inbound_id)
    if message is None:
        raise ReviewError(str(item_id), "its message is missing from the database", missing=True)
    summary = record_stances(
        session,
        campaign_id=recipient.campaign_id,
        recipient_id=recipient.id,
        stances=stances,
        source_message_id=message.id,
        at=at,
        set_by=SetBy.REVIEWER,
        user=user,
    )
    _confirm(session, recipient.id, summary.unchanged, user=user, at=at)
    struck = _clear(session, recipient, message.id, cleared, at)
    message.recipient_id = recipient.id
    item.recipient_id = recipient.id
    if message.status == MessageStatus.FLAGGED:
        message.status = advance(MessageStatus.FLAGGED, MessageStatus.RECORDED).value
    detail = {
        "recipient_id": recipient.id,
        "stances": {k: {"stance": f.stance.value, "reason": f.reason} for k, f in stances.items()},
        "cleared": struck,
        "changed": [c.rec_id for c in summary.changed],
    }
    session.add(AuditRow(at=at, actor=user, action="review.decide", subject=f"review:{item.id}", detail=detail))
    close_review(session, item, user=user, at=at, note=note)
    return summary


def _confirm(session: Session, recipient_id: int, rec_ids: Collection[str], *, user: str, at: datetime) -> None:
    """A stance the reviewer confirms unchanged becomes theirs, so a later parsed reply cannot overwrite it."""
    if not rec_ids:
        return
    rows = session.scalars(
        select(ResponseRow)
        .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
        .where(ResponseRow.recipient_id == recipient_id, RecommendationRow.rec_id.in_(list(rec_ids)))
    )
    for row in rows:
        row.set_by, row.set_by_user, row.updated_at = SetBy.REVIEWER.value, user, at


def _clear(
    session: Session, recipient: RecipientRow, inbound_id: int, rec_ids: Collection[str], at: datetime
) -> list[str]:
    """Strike stances that this message gave and the reviewer says it does not: they go to the history."""
    if not rec_ids:
        return []
    rows = session.execute(
        select(ResponseRow, RecommendationRow.rec_id)
        .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
        .where(
            ResponseRow.recipient_id == recipient.id,
            ResponseRow.source_message_id == inbound_id,
            RecommendationRow.rec_id.in_(list(rec_ids)),
        )
    )
    struck = []
    for row, rec_id in rows:
        archive(session, row, at=at)
        session.delete(row)
        struck.append(rec_id)
    session.flush()
    return sorted(struck)


def recipients_by_id(session: Session, ids: list[int]) -> list[RecipientFact]:
    query = select(RecipientRow).where(RecipientRow.id.in_(ids))
    return [RecipientFact(r.id, r.organisation, r.email, r.sector) for r in session.scalars(query)]
