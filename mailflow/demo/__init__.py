"""`mailflow demo`: the whole pipeline on a fresh machine, with no mail server.

The seed campaign and the sample recipients go into the embedded SQLite database, the appeal is "sent"
into `storage/outbox/`, realistic replies shipped with the package are delivered into the local Maildir,
and one worker cycle reads them exactly as it would read a real mailbox. Running it again changes nothing:
every stage is idempotent, and a sample reply already stored is not delivered again.
"""

from __future__ import annotations

import hashlib
import mailbox
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from mailflow.app import App
from mailflow.campaign.letter import Campaign
from mailflow.campaign.recipients import read_recipients_file
from mailflow.committee.report_files import ReportFormat, save_reports
from mailflow.receiving.worker import CycleSummary
from mailflow.schedule import preview_digest
from mailflow.sending.compose import LetterKind
from mailflow.sending.outbox import SendSummary, queue_letters
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction, upgrade
from mailflow.store.inbound import stored_hashes
from mailflow.store.recipients import ImportSummary, import_recipients

REPLIES = Path(__file__).parent / "replies"


@dataclass(frozen=True)
class DemoRun:
    recipients: ImportSummary
    appeals: SendSummary
    delivered: int
    cycle: CycleSummary
    acknowledgements: SendSummary
    digest: Path
    reports: tuple[Path, ...]  # the consultation's report, DOCX and HTML in Russian


def deliver_samples(maildir: Path, sessions: sessionmaker[Session]) -> int:
    """Drop the shipped replies the database does not hold yet into the Maildir's `new/`, as a local delivery
    agent would; a second demo run delivers nothing, so the processed folder does not grow."""
    replies = [path.read_bytes() for path in sorted(REPLIES.glob("*.eml"))]
    with transaction(sessions) as session:
        known = stored_hashes(session, [hashlib.sha256(raw).hexdigest() for raw in replies])
    box = mailbox.Maildir(maildir, create=True)
    new = [raw for raw in replies if hashlib.sha256(raw).hexdigest() not in known]
    for raw in new:
        box.add(raw)
    return len(new)


def run_demo(app: App, campaign: Campaign, recipients_file: Path) -> DemoRun:
    entries = read_recipients_file(recipients_file)  # before the database exists: a bad file leaves none behind
    upgrade(app.engine)
    now = datetime.now(UTC)
    with transaction(app.sessions()) as session:
        imported = import_recipients(session, sync_campaign(session, campaign, actor="demo"), entries, actor="demo")
        queue_letters(session, app.templates(), campaign, LetterKind.APPEAL, app.settings.sender, now=now, actor="demo")
    appeals = app.send_due()
    delivered = deliver_samples(app.settings.path(app.settings.mailbox.maildir), app.sessions())
    worker = app.worker(campaign, mailbox=app.mailbox())
    cycle = worker.cycle()
    worker.close()
    acknowledgements = app.send_due()
    finished = datetime.now(UTC)
    html_path, _ = preview_digest(app, campaign, end=finished, now=finished)
    with transaction(app.sessions()) as session:
        reports = save_reports(
            session, campaign, app.settings.storage_dir / "reports", (ReportFormat.DOCX, ReportFormat.HTML),
            language="ru", made=finished.date(),
        )  # fmt: skip
    return DemoRun(imported, appeals, delivered, cycle, acknowledgements, html_path, reports)
