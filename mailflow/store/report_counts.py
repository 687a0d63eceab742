"""The report's method figures counted in SQL: letters by status, replies by how they were read, rates by sector.

Everything here is a GROUP BY over one campaign, so the cost does not grow with what Python holds; only the
reviewer's decisions are compared row by row, streamed, with the parser's reading of the same message, to tell a
checked reply from a corrected one (a decision is a JSON audit entry, which SQLite and PostgreSQL query
differently).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, cast, func, literal, select
from sqlalchemy.orm import Session

from mailflow.store.models import AuditRow, CampaignRow, InboundRow, LetterRow, RecipientRow, ReviewItemRow
from mailflow.store.reports import STREAM_ROWS
from mailflow.store.reviews import CLOSED, OPEN


@dataclass(frozen=True)
class ReadingCounts:
    appeals: dict[str, int]  # appeal letters by LetterStatus
    replies: int  # human replies matched to one of the campaign's organisations
    automatic: int  # of those, recorded as read, with no person involved
    reviewed: int  # of those, decided by a committee member
    corrected: int  # of the reviewed, where the member's stances differ from the parser's reading
    waiting: int  # of those, still in the review queue
    recipients: dict[str, int]  # organisations per sector
    respondents: dict[str, int]  # organisations per sector with at least one reply

    def appeals_out(self) -> int:
        """Letters that left: delivered ones and the ones that came back."""
        return self.appeals.get("sent", 0) + self.appeals.get("bounced", 0)


def reading_counts(session: Session, slug: str) -> ReadingCounts:
    """The campaign's figures; a campaign not in the database counts zero everywhere."""
    campaign_id = session.scalar(select(CampaignRow.id).where(CampaignRow.slug == slug))
    if campaign_id is None:
        return ReadingCounts({}, 0, 0, 0, 0, 0, {}, {})
    appeals = session.execute(
        select(LetterRow.status, func.count(LetterRow.id))
        .where(LetterRow.campaign_id == campaign_id, LetterRow.kind == "appeal")
        .group_by(LetterRow.status)
    )
    replies = (
        select(InboundRow.id, RecipientRow.sector, InboundRow.recipient_id, ReviewItemRow.status)
        .join(RecipientRow, RecipientRow.id == InboundRow.recipient_id)
        .outerjoin(ReviewItemRow, ReviewItemRow.inbound_id == InboundRow.id)
        .where(RecipientRow.campaign_id == campaign_id, InboundRow.kind == "reply")
        .subquery()
    )
    by_review: dict[str | None, int] = {
        status: n for status, n in session.execute(select(replies.c.status, func.count()).group_by(replies.c.status))
    }
    recipients = session.execute(
        select(RecipientRow.sector, func.count(RecipientRow.id))
        .where(RecipientRow.campaign_id == campaign_id)
        .group_by(RecipientRow.sector)
    )
    respondents = session.execute(
        select(replies.c.sector, func.count(func.distinct(replies.c.recipient_id))).group_by(replies.c.sector)
    )
    return ReadingCounts(
        appeals={status: n for status, n in appeals},
        replies=sum(by_review.values()),
        automatic=by_review.get(None, 0),
        reviewed=by_review.get(CLOSED, 0),
        corrected=_corrected(session, campaign_id),
        waiting=by_review.get(OPEN, 0),
        recipients={sector: n for sector, n in recipients},
        respondents={sector: n for sector, n in respondents},
    )


def _corrected(session: Session, campaign_id: int) -> int:
    """Decided replies whose decision (the latest, if reopened) is not the parser's reading of the message.

    An audit entry names its item as `review:<id>`: the join and the choice of the latest decision are done in
    SQL, and the pairs (reading, decision) are streamed, so the count holds one pair at a time."""
    latest = (
        select(
            InboundRow.parsed.label("parsed"),
            AuditRow.detail.label("detail"),
            func.row_number().over(partition_by=ReviewItemRow.id, order_by=AuditRow.id.desc()).label("newest"),
        )
        .join(InboundRow, InboundRow.id == ReviewItemRow.inbound_id)
        .join(RecipientRow, RecipientRow.id == InboundRow.recipient_id)
        .join(
            AuditRow,
            and_(
                AuditRow.action == "review.decide",
                AuditRow.subject == literal("review:") + cast(ReviewItemRow.id, String),
            ),
        )
        .where(RecipientRow.campaign_id == campaign_id, InboundRow.kind == "reply", ReviewItemRow.status == CLOSED)
        .subquery()
    )
    pairs = session.execute(
        select(latest.c.parsed, latest.c.detail).where(latest.c.newest == 1).execution_options(yield_per=STREAM_ROWS)
    )
    return sum(1 for parsed, detail in pairs if _differs(parsed or {}, detail or {}))


def _differs(parsed: dict[str, Any], decision: dict[str, Any]) -> bool:
    read = {rec_id: str(found.get("stance")) for rec_id, found in (parsed.get("stances") or {}).items()}
    decided = {rec_id: str(found.get("stance")) for rec_id, found in (decision.get("stances") or {}).items()}
    return read != decided or bool(decision.get("cleared"))
