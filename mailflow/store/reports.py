"""Everything the dashboard, the exports and the digest count, read once per campaign as plain facts.

The campaigns are small (tens of organisations, 19 recommendations), so one read of every relevant row is
cheaper to reason about than a query per figure; the counting itself is pure (`mailflow.committee.tally`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailflow.store.models import (
    CampaignRow,
    InboundRow,
    LetterRow,
    RecipientRow,
    RecommendationRow,
    ResponseHistoryRow,
    ResponseRow,
    ReviewItemRow,
)


@dataclass(frozen=True)
class RecFact:
    rec_id: str
    panel: int
    audience: str  # all | business | cso
    text: str


@dataclass(frozen=True)
class RecipientFact:
    id: int
    organisation: str
    email: str
    sector: str  # business | cso


@dataclass(frozen=True)
class ResponseFact:
    recipient_id: int
    rec_id: str
    stance: str
    reason: str | None
    set_by: str
    updated_at: datetime


@dataclass(frozen=True)
class HistoryFact:
    """A stance that was replaced at `replaced_at` by the one in `ResponseFact` (or by a later history entry)."""

    recipient_id: int
    rec_id: str
    stance: str
    reason: str | None
    replaced_at: datetime


@dataclass(frozen=True)
class LetterFact:
    recipient_id: int
    kind: str
    status: str
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class ReplyFact:
    """A human reply matched to a recipient (auto-replies and bounces are not answers)."""

    inbound_id: int
    recipient_id: int
    received_at: datetime


@dataclass(frozen=True)
class ReviewFact:
    item_id: int
    recipient_id: int | None
    status: str
    created_at: datetime
    closed_at: datetime | None
    reasons: tuple[str, ...]  # the codes
    from_address: str


@dataclass(frozen=True)
class Facts:
    slug: str
    title: str
    recommendations: tuple[RecFact, ...]
    recipients: tuple[RecipientFact, ...]
    responses: tuple[ResponseFact, ...]
    history: tuple[HistoryFact, ...]
    letters: tuple[LetterFact, ...]
    replies: tuple[ReplyFact, ...]
    reviews: tuple[ReviewFact, ...]


def load_facts(session: Session, slug: str) -> Facts:
    """The campaign's facts; a campaign not yet in the database has none (an empty dashboard, not an error)."""
    campaign = session.scalars(select(CampaignRow).where(CampaignRow.slug == slug)).one_or_none()
    if campaign is None:
        return Facts(slug, "", (), (), (), (), (), (), ())
    recs = list(
        session.scalars(
            select(RecommendationRow)
            .where(RecommendationRow.campaign_id == campaign.id)
            .order_by(RecommendationRow.position)
        )
    )
    rec_ids = {r.id: r.rec_id for r in recs}
    recipients = list(
        session.scalars(select(RecipientRow).where(RecipientRow.campaign_id == campaign.id).order_by(RecipientRow.id))
    )
    ids = [r.id for r in recipients]
    responses = session.scalars(select(ResponseRow).where(ResponseRow.recipient_id.in_(ids)))
    history = session.scalars(select(ResponseHistoryRow).where(ResponseHistoryRow.recipient_id.in_(ids)))
    letters = session.scalars(select(LetterRow).where(LetterRow.campaign_id == campaign.id))
    replies = session.scalars(select(InboundRow).where(InboundRow.recipient_id.in_(ids), InboundRow.kind == "reply"))
    reviews = session.execute(
        select(ReviewItemRow, InboundRow.parsed)
        .join(InboundRow, InboundRow.id == ReviewItemRow.inbound_id)
        .where((ReviewItemRow.recipient_id.in_(ids)) | (ReviewItemRow.recipient_id.is_(None)))
    )
    return Facts(
        slug=slug,
        title=campaign.title,
        recommendations=tuple(RecFact(r.rec_id, r.panel, r.audience, r.text) for r in recs),
        recipients=tuple(RecipientFact(r.id, r.organisation, r.email, r.sector) for r in recipients),
        responses=tuple(
            ResponseFact(r.recipient_id, rec_ids[r.recommendation_id], r.stance, r.reason, r.set_by, utc(r.updated_at))
            for r in responses
            if r.recommendation_id in rec_ids
        ),
        history=tuple(
            HistoryFact(h.recipient_id, rec_ids[h.recommendation_id], h.stance, h.reason, utc(h.replaced_at))
            for h in history
            if h.recommendation_id in rec_ids
        ),
        letters=tuple(
            LetterFact(
                letter.recipient_id, letter.kind, letter.status, utc(letter.created_at), _utc_or_none(letter.sent_at)
            )
            for letter in letters
            if letter.recipient_id is not None
        ),
        replies=tuple(
            ReplyFact(m.id, m.recipient_id, utc(m.received_at)) for m in replies if m.recipient_id is not None
        ),
        reviews=tuple(
            ReviewFact(
                item.id,
                item.recipient_id,
                item.status,
                utc(item.created_at),
                _utc_or_none(item.closed_at),
                tuple(str(r.get("code", "")) for r in item.reasons),
                _from(parsed),
            )
            for item, parsed in reviews
        ),
    )


def utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes even for `timezone=True` columns; everything here is stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _utc_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)


def _from(parsed: dict[str, Any] | None) -> str:
    return str((parsed or {}).get("from") or "")
