"""The campaign file is the source of truth; its rows in the database follow it (upsert by slug and ID)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailflow.campaign.letter import Campaign
from mailflow.store.models import AuditRow, CampaignRow, RecommendationRow


def sync_campaign(session: Session, campaign: Campaign, *, actor: str = "system") -> CampaignRow:
    """Make the rows match the file; recommendations are never deleted, as stances may point at them."""
    row = session.scalars(select(CampaignRow).where(CampaignRow.slug == campaign.slug)).one_or_none()
    if row is None:
        row = CampaignRow(slug=campaign.slug, title=campaign.title)
        session.add(row)
        session.flush()
        session.add(AuditRow(actor=actor, action="campaign.create", subject=campaign.slug, detail={}))
    row.title = campaign.title
    existing = {r.rec_id: r for r in row.recommendations}
    for position, rec in enumerate(campaign.recommendations):
        rec_row = existing.get(rec.id)
        if rec_row is None:
            rec_row = RecommendationRow(rec_id=rec.id)
            row.recommendations.append(rec_row)  # through the relationship, so a second sync sees it
        rec_row.panel, rec_row.audience, rec_row.text, rec_row.position = (
            rec.panel,
            rec.audience.value,
            rec.text,
            position,
        )
    session.flush()
    return row


def recommendation_rows(session: Session, campaign_row: CampaignRow) -> dict[str, RecommendationRow]:
    return {r.rec_id: r for r in campaign_row.recommendations}
