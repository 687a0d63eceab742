"""A worker cycle takes its batch whole: stored together, processed one message at a time, filed together.

The batch changes how many statements and server commands a message costs, not what a failure costs: one
message that cannot be processed is quarantined and the rest of the batch is recorded and filed as usual.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest
from sqlalchemy import select

from mailflow.app import App
from mailflow.compose import LetterKind
from mailflow.lifecycle import MessageStatus
from mailflow.outbox import queue_letters
from mailflow.recipients import read_recipients_file
from mailflow.settings import load_settings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction, upgrade
from mailflow.store.models import InboundRow, ReviewItemRow
from mailflow.store.recipients import import_recipients
from tests.conftest import ROOT
from tests.mailmaker import make_reply

SAMPLE = ROOT / "config" / "recipients-sample.csv"
AUTO_REPLY = (
    b"From: aida@policy-lab.example\r\nTo: dialog@committee.example\r\nSubject: Automatic reply\r\n"
    b"Message-ID: <auto-1@policy-lab.example>\r\nAuto-Submitted: auto-replied\r\n\r\nOut of office.\r\n"
)


@pytest.fixture
def app(tmp_path: Path, database_url: str) -> Iterator[App]:
    """The embedded defaults on a Maildir, the sample recipients imported and their appeal sent to files."""
    environ = {
        "MAILFLOW_DATABASE_URL": database_url,
        "MAILFLOW_STORAGE_DIR": str(tmp_path / "storage"),
        "MAILFLOW_MAILBOX_KIND": "maildir",
        "MAILFLOW_MAILBOX_MAILDIR": str(tmp_path / "maildir"),
    }
    app = App(load_settings(None, environ))
    upgrade(app.engine)
    campaign = app.campaign()
    with transaction(app.sessions()) as session:
        import_recipients(session, sync_campaign(session, campaign), read_recipients_file(SAMPLE))
        queue_letters(session, app.templates(), campaign, LetterKind.APPEAL, app.settings.sender, now=datetime.now(UTC))
    app.send_due()
    yield app
    app.close()


def test_a_message_that_fails_is_quarantined_and_the_rest_of_its_batch_is_recorded_and_filed(
    app: App, tmp_path: Path
) -> None:
    inbox = mailbox.Maildir(tmp_path / "maildir", create=True)
    for raw in (
        make_reply("Согласны со всеми рекомендациями.", from_address="umut@umut-fund.example",
                   headers={"Message-ID": "<accepted-1@umut-fund.example>"}),
        AUTO_REPLY,
        make_reply("Согласны со всеми рекомендациями.", from_address="eco@eco-talas.example",
                   headers={"Message-ID": "<accepted-2@eco-talas.example>"}),
    ):  # fmt: skip
        inbox.add(raw)
    campaign = app.campaign()
    worker = app.worker(campaign)
    # no acknowledgement template: queueing one fails, as a template broken on the server would
    broken = jinja2.Environment(loader=jinja2.DictLoader({}))
    worker = replace(worker, context=lambda s: replace(app.processing_context(s, campaign), templates=broken))

    summary = worker.cycle()

    assert (summary.fetched, summary.recorded, summary.failed) == (3, 1, 2)
    with transaction(app.sessions()) as session:
        statuses = {key: status for key, status in session.execute(select(InboundRow.dedupe_key, InboundRow.status))}
        reasons = [item.reasons[0]["code"] for item in session.scalars(select(ReviewItemRow))]
    assert statuses == {
        "<accepted-1@umut-fund.example>": MessageStatus.FAILED.value,
        "<auto-1@policy-lab.example>": MessageStatus.RECORDED.value,
        "<accepted-2@eco-talas.example>": MessageStatus.FAILED.value,
    }
    assert reasons == ["processing_failed", "processing_failed"]
    assert len(inbox) == 0  # every message filed, the failed ones for review
    assert len(inbox.get_folder("mailflow.review")) == 2 and len(inbox.get_folder("mailflow.automatic")) == 1
