"""Recipients of a campaign: imported as a whole list, each with the reply token that routes replies back."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailflow.campaign.recipients import RecipientEntry
from mailflow.store.db import refresh_statistics
from mailflow.store.models import AuditRow, CampaignRow, RecipientRow


def new_token() -> str:
    """Eight characters of lowercase base32: safe in an address's local part, which servers may lowercase."""
    return base64.b32encode(secrets.token_bytes(5)).decode().lower()


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


def import_recipients(
    session: Session,
    campaign_row: CampaignRow,
    entries: Sequence[RecipientEntry],
    *,
    actor: str = "system",
    token_factory: Callable[[], str] = new_token,
) -> ImportSummary:
    """Add new recipients and update known ones (by email); a re-import never changes anyone's token."""
    known = {
        r.email: r for r in session.scalars(select(RecipientRow).where(RecipientRow.campaign_id == campaign_row.id))
    }
    added = updated = 0
    for entry in entries:
        fields = {
            "organisation": entry.organisation,
            "contact": entry.contact,
            "sector": entry.sector.value,
            "region": entry.region,
            "language": entry.language,
        }
        row = known.get(entry.email)
        if row is None:
            session.add(RecipientRow(campaign_id=campaign_row.id, email=entry.email, token=token_factory(), **fields))
            added += 1
        elif any(getattr(row, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(row, key, value)
            updated += 1
    summary = ImportSummary(added, updated, len(entries) - added - updated)
    session.add(AuditRow(actor=actor, action="recipients.import", subject=campaign_row.slug, detail=summary.__dict__))
    session.flush()
    refresh_statistics(session, (RecipientRow.__tablename__,))  # a list of thousands is planned for as such
    return summary


def list_recipients(session: Session, campaign_row: CampaignRow) -> list[RecipientRow]:
    query = select(RecipientRow).where(RecipientRow.campaign_id == campaign_row.id).order_by(RecipientRow.id)
    return list(session.scalars(query))
