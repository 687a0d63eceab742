"""The timetable: its settings, who is due a reminder, and exactly one scheduler among several workers."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from mailflow.app import App
from mailflow.campaign.letter import Campaign
from mailflow.campaign.recipients import read_recipients_file
from mailflow.committee.status import build_status, render_status
from mailflow.errors import ConfigError
from mailflow.lifecycle import LetterStatus
from mailflow.mailbox.maildir import MaildirMailbox
from mailflow.reading.reply import Stance, StanceFinding
from mailflow.schedule import due_for_reminder, start_scheduler, timetable
from mailflow.sending.compose import LetterKind
from mailflow.sending.outbox import queue_letters
from mailflow.settings import load_settings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction, upgrade
from mailflow.store.models import LetterRow
from mailflow.store.recipients import import_recipients, list_recipients
from mailflow.store.responses import record_stances
from tests.appeal import SAMPLE_RECIPIENTS

T0 = datetime(2023, 3, 2, 4, 15, tzinfo=UTC)


def test_timetable_reads_the_schedule_settings() -> None:
    plan = timetable("Asia/Bishkek", "2023-03-02 10:00", "Mon 09:30")
    assert plan.appeal_at is not None and plan.appeal_at.utcoffset() == timedelta(hours=6)
    assert (plan.digest_day, plan.digest_hour, plan.digest_minute) == ("mon", 9, 30)
    assert timetable("Asia/Bishkek", "", "fri 17:00").appeal_at is None


@pytest.mark.parametrize(
    ("appeal_at", "digest", "setting"),
    [("2023-13-02 10:00", "mon 09:00", "schedule.appeal_at"), ("", "monday", "schedule.digest"),
     ("", "xyz 09:00", "schedule.digest"), ("", "mon 25:00", "schedule.digest")],
)  # fmt: skip
def test_a_bad_schedule_setting_is_named(appeal_at: str, digest: str, setting: str) -> None:
    with pytest.raises(ConfigError) as caught:
        timetable("Asia/Bishkek", appeal_at, digest)
    assert caught.value.setting == setting


@pytest.fixture
def app(tmp_path: Path, database_url: str) -> Iterator[App]:
    environ = {"MAILFLOW_DATABASE_URL": database_url, "MAILFLOW_STORAGE_DIR": str(tmp_path / "storage")}
    app = App(load_settings(None, environ))
    upgrade(app.engine)
    yield app
    app.close()


def test_reminders_go_to_the_silent_after_n_days_at_most_k_times(app: App, campaign: Campaign) -> None:
    with transaction(app.sessions()) as session:
        row = sync_campaign(session, campaign)
        import_recipients(session, row, read_recipients_file(SAMPLE_RECIPIENTS))
        queue_letters(session, app.templates(), campaign, LetterKind.APPEAL, app.settings.sender, now=T0)
        session.execute(update(LetterRow).values(status=LetterStatus.SENT.value, sent_at=T0))
        answered = next(r for r in list_recipients(session, row) if r.email == "umut@umut-fund.example")
        finding = StanceFinding("1.1", Stance.AGREE)
        record_stances(
            session, campaign_id=row.id, recipient_id=answered.id, stances={"1.1": finding},
            source_message_id=None, at=T0,
        )  # fmt: skip
        campaign_id = row.id
    with transaction(app.sessions()) as session:
        early = due_for_reminder(session, campaign_id, now=T0 + timedelta(days=6), after_days=7, max_reminders=2)
        due = due_for_reminder(session, campaign_id, now=T0 + timedelta(days=8), after_days=7, max_reminders=2)
    assert early == []
    assert len(due) == 11 and "umut@umut-fund.example" not in due
    for _ in range(2):
        with transaction(app.sessions()) as session:
            queue_letters(
                session, app.templates(), campaign, LetterKind.REMINDER, app.settings.sender,
                now=T0, emails=due[:1], again=True,
            )  # fmt: skip
    with transaction(app.sessions()) as session:
        after = due_for_reminder(session, campaign_id, now=T0 + timedelta(days=20), after_days=7, max_reminders=2)
    assert due[0] not in after and len(after) == 10


def _spam_complaint(about: str) -> bytes:
    """An ARF report (RFC 5965) from the organisation's provider: the user marked our appeal as spam."""
    return (
        "From: fbl@mail.provider.example\r\nTo: dialog@committee.example\r\nSubject: Email Feedback Report\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=feedback-report; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n"
        "--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nVersion: 1\r\n\r\n"
        f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: dialog@committee.example\r\nTo: {about}\r\n"
        "Subject: Appeal\r\n\r\n--b--\r\n"
    ).encode()


def test_an_organisation_that_marked_the_appeal_as_spam_gets_no_reminder_and_is_shown(
    app: App, campaign: Campaign, tmp_path: Path
) -> None:
    with transaction(app.sessions()) as session:
        row = sync_campaign(session, campaign)
        import_recipients(session, row, read_recipients_file(SAMPLE_RECIPIENTS))
        queue_letters(session, app.templates(), campaign, LetterKind.APPEAL, app.settings.sender, now=T0)
        session.execute(update(LetterRow).values(status=LetterStatus.SENT.value, sent_at=T0))
        campaign_id = row.id
    inbox = mailbox.Maildir(tmp_path / "maildir")
    inbox.add(_spam_complaint("umut@umut-fund.example"))
    summary = app.worker(campaign, mailbox=MaildirMailbox(tmp_path / "maildir")).cycle()
    assert (summary.recorded, summary.flagged) == (1, 0)  # kept out of the review queue
    with transaction(app.sessions()) as session:
        due = due_for_reminder(session, campaign_id, now=T0 + timedelta(days=8), after_days=7, max_reminders=2)
        status = build_status(session, campaign.slug, messages={}, mailboxes=[])
    assert len(due) == 11 and "umut@umut-fund.example" not in due
    assert status.replied == 0  # a complaint is no reply
    shown = [line for line in render_status(status, timezone="UTC") if "spam" in line]
    assert len(shown) == 1 and "umut@umut-fund.example" in shown[0]


def test_only_the_worker_holding_the_lease_runs_the_timetable(app: App, campaign: Campaign, tmp_path: Path) -> None:
    events: dict[str, list[bool]] = {"a": [], "b": []}
    workers = {}
    for name in events:
        worker = app.worker(campaign, mailbox=MaildirMailbox(tmp_path / "maildir"))
        worker.holder = f"other-host:{name}"  # two machines: neither can see whether the other is alive
        worker.on_lease = events[name].append
        workers[name] = worker
    assert workers["a"].cycle().leased
    assert not workers["b"].cycle().leased
    assert events == {"a": [True], "b": []}
    workers["a"].stop.set()
    workers["a"].run()  # a clean stop gives the lease back
    assert workers["b"].cycle().leased
    assert events == {"a": [True, False], "b": [True]}
    workers["b"].close()


def test_the_scheduler_keeps_its_jobs_in_the_database(app: App, campaign: Campaign) -> None:
    scheduler = start_scheduler(app, campaign, None)
    try:
        assert {job.id for job in scheduler.get_jobs()} == {"reminders", "digest", "outbox"}
        digest = scheduler.get_job("digest")
        assert digest is not None and digest.next_run_time.weekday() == 0  # Monday, local time
        assert (digest.next_run_time.hour, digest.next_run_time.minute) == (9, 0)
    finally:
        scheduler.shutdown(wait=False)
