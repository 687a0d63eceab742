"""The set-up that the worker tests, the fault tests and the ingest benchmark share: the seed campaign's appeal
queued to the sample recipients, as a secretary's first day leaves the database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from mailflow.app import App
from mailflow.campaign.recipients import read_recipients_file
from mailflow.sending.compose import LetterKind
from mailflow.sending.outbox import queue_letters
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction, upgrade
from mailflow.store.recipients import import_recipients

SAMPLE_RECIPIENTS = Path(__file__).resolve().parent.parent / "config" / "recipients-sample.csv"


def queue_appeal(app: App) -> None:
    """Migrate `app`'s database, import the sample recipients and queue the appeal to each (not sent yet)."""
    upgrade(app.engine)
    campaign = app.campaign()
    with transaction(app.sessions()) as session:
        import_recipients(session, sync_campaign(session, campaign), read_recipients_file(SAMPLE_RECIPIENTS))
        queue_letters(session, app.templates(), campaign, LetterKind.APPEAL, app.settings.sender, now=datetime.now(UTC))
