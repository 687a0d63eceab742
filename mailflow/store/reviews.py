"""Review items: replies a human must read, with the reasons the parser gave, opened once per message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from mailflow.reading.reply import ReviewReason
from mailflow.store.models import AuditRow, ReviewItemRow

OPEN = "open"
CLOSED = "closed"
# built once: the worker asks it for every flagged reply
_ITEM_OF_MESSAGE = select(ReviewItemRow).where(ReviewItemRow.inbound_id == bindparam("inbound_id"))


def open_review(
    session: Session,
    *,
    inbound_id: int,
    recipient_id: int | None,
    reasons: Sequence[ReviewReason],
    at: datetime,
) -> None:
    """Open (or refresh, on reprocessing) the item for a message; a closed item stays closed.

    Written at the session's next flush: the worker opens many in a batch and inserts them together.
    """
    item = session.scalars(_ITEM_OF_MESSAGE, {"inbound_id": inbound_id}).one_or_none()
    payload = [r.to_json() for r in reasons]
    if item is None:
        item = ReviewItemRow(
            inbound_id=inbound_id, recipient_id=recipient_id, reasons=payload, status=OPEN, created_at=at
        )
        session.add(item)
    elif item.status == OPEN:
        item.reasons, item.recipient_id = payload, recipient_id


def close_review(session: Session, item: ReviewItemRow, *, user: str, at: datetime, note: str = "") -> None:
    item.status, item.closed_at, item.closed_by = CLOSED, at, user
    session.add(AuditRow(at=at, actor=user, action="review.close", subject=f"review:{item.id}", detail={"note": note}))
    session.flush()


def open_reviews(session: Session) -> list[ReviewItemRow]:
    """Oldest first: a respondent waiting longest for an answer is read first."""
    query = select(ReviewItemRow).where(ReviewItemRow.status == OPEN).order_by(ReviewItemRow.created_at)
    return list(session.scalars(query))


def open_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(ReviewItemRow).where(ReviewItemRow.status == OPEN)) or 0)
