"""The counts the database keeps (`mailflow.store.counts`) equal a full recount after every kind of change.

A consultation's life in order, on SQLite and PostgreSQL, through the project's own functions: the appeal
sent, replies recorded by the worker (one flagged for review, an auto-reply, a bounce), a later reply that
supersedes stances, a reviewer's decision that strikes one out, a reminder, every message reprocessed, an
organisation moved to the other sector and a new one added. After each step the kept counts, and what the
dashboard reads from them, are compared with the counts made from the rows.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from mailflow.app import App
from mailflow.campaign.letter import Audience
from mailflow.campaign.recipients import RecipientEntry, read_recipients_file
from mailflow.lifecycle import MessageStatus
from mailflow.reading.reply import Stance, StanceFinding
from mailflow.receiving.ingest import process_message
from mailflow.sending.compose import LetterKind, reply_address
from mailflow.sending.outbox import queue_letters
from mailflow.store import count_triggers, counts
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction
from mailflow.store.decisions import apply_decision
from mailflow.store.messages import messages_with_status, reopen_message
from mailflow.store.models import RECIPIENTS, CampaignRow, LetterRow, RecipientRow, ReviewItemRow
from mailflow.store.recipients import import_recipients
from mailflow.store.reports import campaign_facts, respondent_page
from tests.appeal import SAMPLE_RECIPIENTS
from tests.mailmaker import make_reply


def bounce(address: str, number: int) -> bytes:
    return (
        b"From: MAILER-DAEMON@mx.committee.example\r\nTo: dialog@committee.example\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\n"
        + f"Message-ID: <bounce-{number}@mx.committee.example>\r\n".encode()
        + b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nUser unknown\r\n"
        b"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.committee.example\r\n\r\n"
        + f"Final-Recipient: rfc822; {address}\r\nAction: failed\r\nStatus: 5.1.1\r\n--B--\r\n".encode()
    )


AUTO_REPLY = (
    b"From: Aida Bekova <aida@policy-lab.example>\r\nTo: dialog@committee.example\r\n"
    b"Subject: Automatic reply: Recommendations\r\nMessage-ID: <auto-1@policy-lab.example>\r\n"
    b"Auto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOut of office until 20 March.\r\n"
)


class Consultation:
    """The worker's app on a Maildir, with helpers to deliver replies and check the counts."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.campaign = app.campaign()
        with transaction(app.sessions()) as session:
            self.campaign_id = session.scalars(select(CampaignRow.id)).one()
            self.appeals = {
                email: (token, message_id)
                for email, token, message_id in session.execute(
                    select(RecipientRow.email, RecipientRow.token, LetterRow.message_id).join(
                        LetterRow, LetterRow.recipient_id == RecipientRow.id
                    )
                )
            }

    def reply(self, sender: str, text: str, number: int) -> bytes:
        token, message_id = self.appeals[sender]
        headers = {
            "Message-ID": f"<answer-{number}@{sender.partition('@')[2]}>",
            "To": reply_address(self.app.settings.sender, token),
            "In-Reply-To": message_id,
            "References": message_id,
        }
        return make_reply(text, from_address=sender, headers=headers, campaign=self.campaign)

    def deliver_and_work(self, *messages: bytes) -> None:
        box = mailbox.Maildir(self.app.settings.mailbox.maildir, create=True)
        for raw in messages:
            box.add(raw)
        worker = self.app.worker(self.campaign)
        while worker.cycle().more:
            pass
        worker.close()

    def assert_kept_equal_recount(self) -> counts.Counts:
        with transaction(self.app.sessions()) as session:
            kept, recounted = counts.kept(session, self.campaign_id), counts.recount(session, self.campaign_id)
            assert kept == recounted
            self.assert_pages_agree(session, recounted)
        return kept

    def assert_pages_agree(self, session: Session, recounted: counts.Counts) -> None:
        """What the dashboard and `status` read: the kept tallies, and each organisation's row."""
        by_status: dict[str, int] = {}
        for (_sector, status), n in recounted.statuses.items():
            by_status[status] = by_status.get(status, 0) + n
        assert counts.status_counts(session, self.campaign_id) == by_status
        facts = campaign_facts(session, self.campaign.slug)
        assert facts.recipients == len(recounted.recipients)
        for row in respondent_page(session, self.campaign_id, limit=100):
            status, replies, _first, last, reminders = recounted.recipients[row.recipient.id]
            assert (row.status, row.replies, row.last_reply_at, row.reminders) == (status, replies, last, reminders)
        for status, n in by_status.items():
            assert len(respondent_page(session, self.campaign_id, limit=100, status=status)) == n


@pytest.fixture
def consultation(app: App) -> Iterator[Consultation]:
    yield Consultation(app)


def test_kept_counts_equal_a_recount_after_a_consultation_of_every_kind_of_change(
    consultation: Consultation,
) -> None:
    c = consultation
    start = c.assert_kept_equal_recount()
    assert {status for status, *_ in start.recipients.values()} == {"sent"}

    # replies recorded, one flagged (a holding reply), an auto-reply logged, a bounce
    c.deliver_and_work(
        c.reply("umut@umut-fund.example", "Поддерживаем все рекомендации, кроме 3.5: это задача государства.", 1),
        c.reply("office@agro-invest.example", "1.1 — согласны\n2.1 — частично, только обмен опытом", 2),
        c.reply("erlan@suppliers.example", "Спасибо, обсудим на правлении и ответим.", 3),
        c.reply("info@biz-alliance-osh.example", "Спасибо, обсудим на правлении и ответим.", 6),
        c.reply("zh.t@naryn-women.example", "Бардык сунуштар менен макулбуз.", 4),
        bounce("bekjan@it-south.example", 1),
        AUTO_REPLY,
    )
    after_replies = c.assert_kept_equal_recount()
    assert sum(1 for s, *_ in after_replies.recipients.values() if s == "bounced") == 1
    assert sum(n for (_, stance), n in ((k[1:], v) for k, v in after_replies.stances.items()) if stance == "agree")

    # a later reply supersedes: agro-invest now disagrees with 1.1
    c.deliver_and_work(c.reply("office@agro-invest.example", "1.1 — не согласны: это дорого для малого бизнеса", 5))
    c.assert_kept_equal_recount()

    # a reviewer decides the flagged replies: one with stances of their own and a stance of the message struck
    # out, the other closed with no stance (reviewed all the same)
    with transaction(c.app.sessions()) as session:
        items = session.scalars(select(ReviewItemRow).where(ReviewItemRow.status == "open")).all()
        assert len(items) == 2 and all(item.recipient_id is not None for item in items)
        decided = {
            items[0].id: {"1.1": StanceFinding("1.1", Stance.PARTIAL, "только для МСБ", "…", 1.0)},
            items[1].id: {},
        }
        who = [item.recipient_id for item in items]
    for item_id, recipient_id in zip(decided, who, strict=True):
        with transaction(c.app.sessions()) as session:
            assert recipient_id is not None
            apply_decision(
                session,
                item_id,
                recipient_id=recipient_id,
                stances=decided[item_id],
                cleared=["2.1"],
                user="aigul",
                at=datetime.now(UTC),
            )
        reviewed = c.assert_kept_equal_recount()
        assert reviewed.recipients[recipient_id][0] == "reviewed"

    # a reminder to those who have not answered, sent
    with transaction(c.app.sessions()) as session:
        queue_letters(
            session,
            c.app.templates(),
            c.campaign,
            LetterKind.REMINDER,
            c.app.settings.sender,
            now=datetime.now(UTC),
            only_unanswered=True,
        )
    c.app.send_due()
    reminded = c.assert_kept_equal_recount()
    assert any(s == "reminded" for s, *_ in reminded.recipients.values())

    # every message processed again from its bytes (`mailflow reprocess --all`)
    with transaction(c.app.sessions()) as session:
        chosen = messages_with_status(session, tuple(MessageStatus))
        context = c.app.processing_context(session, c.campaign)
    for inbound_id in chosen:
        with transaction(c.app.sessions()) as session:
            reopen_message(session, inbound_id)
            process_message(session, inbound_id, context, now=datetime.now(UTC))
    c.assert_kept_equal_recount()

    # a re-import moves an organisation that answered to the other sector, and adds one
    entries = read_recipients_file(SAMPLE_RECIPIENTS)
    moved = [replace(e, sector=Audience.BUSINESS) if e.email == "umut@umut-fund.example" else e for e in entries]
    late = RecipientEntry("ОФ «Новый»", "Айпери", "new@new-fund.example", Audience.CSO, "Чуй", "ru")
    with transaction(c.app.sessions()) as session:
        import_recipients(session, sync_campaign(session, c.campaign), [*moved, late])
    final = c.assert_kept_equal_recount()
    assert final.recipients[max(final.recipients)][0] == "not_sent"


def test_rebuilding_restores_counts_spoilt_behind_the_triggers_back(consultation: Consultation) -> None:
    c = consultation
    c.deliver_and_work(c.reply("umut@umut-fund.example", "Поддерживаем все рекомендации.", 1))
    good = c.assert_kept_equal_recount()
    with transaction(c.app.sessions()) as session:  # as a restore or a hand edit with the triggers off might
        session.execute(text("UPDATE stance_tallies SET organisations = organisations + 7"))
        session.execute(text("DELETE FROM status_tallies"))
        session.execute(text("DELETE FROM first_reply_days"))
        session.execute(update(RECIPIENTS).values(status="not_sent", replies=0, first_reply_at=None))
    with transaction(c.app.sessions()) as session:
        assert counts.kept(session, c.campaign_id) != good
        counts.rebuild_counts(session)
    assert c.assert_kept_equal_recount() == good


def test_the_newest_schema_has_every_counting_trigger_as_written_now(consultation: Consultation) -> None:
    with consultation.app.engine.connect() as connection:
        written = count_triggers.triggers(connection.dialect)
        assert count_triggers.installed_triggers(connection) == {count_triggers.PREFIX + t.name for t in written}
        if connection.dialect.name == "postgresql":  # a migration that changes a body installs it again
            for trigger in written:
                source = connection.execute(
                    text("SELECT prosrc FROM pg_proc WHERE proname = :name"),
                    {"name": count_triggers.PREFIX + trigger.name},
                ).scalar_one()
                assert all(statement in source for statement in trigger.body), trigger.name


def test_no_counting_statement_joins_an_updates_old_rows_to_its_new_rows() -> None:
    """PL/pgSQL keeps a trigger's plans from its first call: a join of the two transition tables planned for one
    row stays a nested loop when 20,000 rows come (223 s for one UPDATE of letters, issue 15)."""
    from sqlalchemy.dialects import postgresql

    for trigger in count_triggers.triggers(postgresql.dialect()):
        for statement in trigger.body:
            assert not re.search(r"JOIN (old|new)_rows|(old|new)_rows( \w+)?\s*,", statement), trigger.name


def test_mailflow_db_recount_rebuilds_the_counts(consultation: Consultation, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from mailflow.cli import main

    c = consultation
    with transaction(c.app.sessions()) as session:
        session.execute(text("DELETE FROM status_tallies"))
    environ = {
        "MAILFLOW_CONFIG": "",
        "MAILFLOW_DATABASE_URL": c.app.settings.database_url,
        "MAILFLOW_STORAGE_DIR": str(tmp_path / "storage"),
    }
    result = CliRunner().invoke(main, ["db", "recount"], env=environ, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    c.assert_kept_equal_recount()
